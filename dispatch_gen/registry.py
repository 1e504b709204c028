"""The letterhead registry (sổ tiêu đề): every People's Committee and province agency, from data.

Built at run time from `vietnam-provinces` (34 provinces and cities, 3,321 xã, phường, đặc khu
after 1 July 2025), never typed: the Ủy ban nhân dân of every province and commune, and the
province-level agencies every province has (Văn phòng UBND, the ten Sở of Nghị định 45/2025/NĐ-CP,
Thanh tra tỉnh). Each entry gives what a letterhead file would: parent and agency lines broken
to fit the header cell, abbreviation, the date line's place (Decree 30 PL I, II.4), head and
collective titles.

Names are folded ASCII (`ubnd-xa-tan-phu`); a name several provinces share is told apart by
province (`ubnd-xa-tan-phu/dong-nai`), or by the unit's code where two in one province fold
alike (`ubnd-xa-tan-thanh/27826`). The index is built once per process, on first use.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass

from dispatch_gen.divisions import Commune, Province, provinces
from dispatch_gen.docx import layout as L
from dispatch_gen.docx.metrics import text_width_pt
from dispatch_gen.model import Letterhead
from dispatch_gen.vietnamese import upper

UBND = "Ủy ban nhân dân"
# Province-level specialised agencies every province has (Nghị định 45/2025/NĐ-CP, art. 9;
# Thanh tra tỉnh by Luật Thanh tra 2025): (name, abbreviation used in symbols, head's title).
PROVINCE_AGENCIES = (
    ("Văn phòng", "VP", "Chánh Văn phòng"),
    ("Sở Nội vụ", "SNV", "Giám đốc"),
    ("Sở Tài chính", "STC", "Giám đốc"),
    ("Sở Xây dựng", "SXD", "Giám đốc"),
    ("Sở Nông nghiệp và Môi trường", "SNNMT", "Giám đốc"),
    ("Sở Công Thương", "SCT", "Giám đốc"),
    ("Sở Y tế", "SYT", "Giám đốc"),
    ("Sở Giáo dục và Đào tạo", "SGDĐT", "Giám đốc"),
    ("Sở Văn hóa, Thể thao và Du lịch", "SVHTTDL", "Giám đốc"),
    ("Sở Khoa học và Công nghệ", "SKHCN", "Giám đốc"),
    ("Sở Tư pháp", "STP", "Giám đốc"),
    ("Thanh tra", "TTT", "Chánh Thanh tra"),  # TTTP for a city's; TTr is Tờ trình's code
)
# PL I, II.4: a unit named after a person or a historical event keeps its full name on the date
# line (Decree 30's own example: “Phường Điện Biên Phủ”); so does one named by a number.
NAMED_AFTER = frozenset(
    {
        "Hồ Chí Minh", "Trần Hưng Đạo", "Lê Lợi", "Quang Trung", "Lý Thường Kiệt", "Nguyễn Trãi",
        "Hai Bà Trưng", "Phan Đình Phùng", "Hoàng Hoa Thám", "Nguyễn Du", "Trần Phú", "Lê Chân",
        "Ngô Quyền", "Tô Hiệu", "Nguyễn Huệ", "Kim Đồng", "Yết Kiêu", "Lê Thanh Nghị",
        "Hoàng Văn Thụ", "Nguyễn Bỉnh Khiêm", "Chu Văn An", "Trần Nhân Tông", "Lê Đại Hành",
        "Điện Biên Phủ", "Đống Đa", "Ba Đình", "Đồng Khởi",
    }
)  # fmt: skip
# The header cell's text width (cell less its two side margins), in points.
CELL_PT = (L.HEADER_LEFT_WIDTH - 2 * 57) / 20


_APOSTROPHE = re.compile("['’‘`]")  # Ea M’Droh → ea-mdroh
_NOT_WORD = re.compile("[^a-z0-9]+")


@functools.cache
def _ascii() -> dict[int, str]:
    """Lower-case Vietnamese letters → their bare Latin letter (`ệ` → `e`, `đ` → `d`)."""
    table = {ord("đ"): "d"}
    for point in range(0xC0, 0x1EFF + 1):
        char = chr(point)
        base = unicodedata.normalize("NFD", char)[0]
        if char.islower() and base != char and base.isascii():
            table[point] = base
    return table


def fold(text: str) -> str:
    """Accent-free lower-case words joined by `-`: `Xã Tân Phú` → `xa-tan-phu`."""
    bare = unicodedata.normalize("NFC", text).lower().translate(_ascii())
    return _NOT_WORD.sub("-", _APOSTROPHE.sub("", bare)).strip("-")


def fit_lines(text: str, size: float = L.SIZE_AGENCY, bold: bool = True) -> tuple[str, ...]:
    """One header line, or two where it is too wide for the cell, broken as letterheads break
    them: before “và” (`SỞ NÔNG NGHIỆP` / `VÀ MÔI TRƯỜNG`), after a unit word or a dash of the
    name (`PHƯỜNG VĂN MIẾU -` / `QUỐC TỬ GIÁM`) where that fits, else most evenly."""

    def width(line: str) -> float:
        return text_width_pt(upper(line), size, bold)

    if width(text) <= CELL_PT:
        return (text,)
    words = text.split()
    splits = [
        (" ".join(words[:i]), " ".join(words[i:]))
        for i in range(1, len(words))
        if words[i] not in ("-", "–")
    ]
    fitting = [s for s in splits if max(width(s[0]), width(s[1])) <= CELL_PT] or splits

    def rank(split: tuple[str, str]) -> tuple[int, float]:
        first, second = split
        preferred = (
            second.startswith("và ")
            or first.endswith((" -", " –", ","))
            or first.casefold() in ("xã", "phường", "đặc khu", "tỉnh", "thành phố")
        )
        return (0 if preferred else 1, max(width(first), width(second)))

    return min(fitting, key=rank)


@dataclass(frozen=True)
class Entry:
    """One letterhead of the registry: its name, full title, kind and province, and how to build
    its `Letterhead` (lines fitted on demand: a search never measures text)."""

    name: str
    title: str
    kind: str
    province: str
    parent: str
    agency: tuple[str, ...]
    abbreviation: str
    place: str
    head: str
    collective: str = ""
    code: int = 0

    @functools.cached_property
    def folded(self) -> str:
        """Title and province, accents folded: what a search matches."""
        return f"{fold(self.title)}-{fold(self.province)}"

    def letterhead(self) -> Letterhead:
        parent = fit_lines(self.parent, L.SIZE_PARENT, bold=False) if self.parent else ()
        if len(parent) > 1:  # `UBND THÀNH PHỐ HỒ CHÍ MINH` is written out over two lines
            parent = (UBND, self.parent.removeprefix("UBND "))
        agency = tuple(line for text in self.agency for line in fit_lines(text))
        return Letterhead(
            agency=agency,
            parent=parent,
            abbreviation=self.abbreviation,
            place=self.place,
            head=self.head,
            collective=self.collective,
        )


def _province_words(bare: str, city: bool) -> str:
    """`tỉnh An Giang`, `thành phố Hà Nội`, `Thành phố Hồ Chí Minh` (PL II: after a person)."""
    if not city:
        return f"tỉnh {bare}"
    return f"Thành phố {bare}" if bare in NAMED_AFTER else f"thành phố {bare}"


def _place(unit: str, bare: str) -> str:
    """The date line's place (PL I, II.4): the unit's name, in full when it is named after a
    person, an event or a number (`Thành phố Hồ Chí Minh`, `Phường 1 Bảo Lộc`)."""
    if bare in NAMED_AFTER or bare[:1].isdigit():
        return f"{unit[:1].upper()}{unit[1:]} {bare}"
    return bare


def _province_entries(province: Province) -> list[Entry]:
    words = _province_words(province.name, province.city)
    slug = fold(words)
    place = _place("thành phố", province.name) if province.city else province.name
    entries = [
        Entry(
            name=f"ubnd-{slug}",
            title=f"{UBND} {words}",
            kind="UBND tỉnh, thành phố",
            province=words,
            parent="",
            agency=(UBND, words),
            abbreviation="UBND",
            place=place,
            head="Chủ tịch",
            collective=UBND,
        )
    ]
    unit = "thành phố" if province.city else "tỉnh"
    for agency, abbreviation, head in PROVINCE_AGENCIES:
        if agency == "Văn phòng":
            title, kind, lines = f"Văn phòng {UBND} {words}", "Văn phòng UBND", (agency,)
            name = f"van-phong-ubnd-{slug}"
        elif agency == "Thanh tra":
            title, kind, lines = f"Thanh tra {words}", "Thanh tra", (f"Thanh tra {unit}",)
            name = f"thanh-tra-{slug}"
            abbreviation = "TTTP" if province.city else abbreviation
        else:
            title, kind, lines = f"{agency} {words}", "Sở", (agency,)
            name = f"{fold(agency)}-{slug}"
        entries.append(
            Entry(
                name=name,
                title=title,
                kind=kind,
                province=words,
                parent=f"UBND {words}",
                agency=lines,
                abbreviation=abbreviation,
                place=place,
                head=head,
            )
        )
    return entries


def _commune_entry(commune: Commune, province: str) -> Entry:
    words = f"{commune.unit} {commune.name}"
    return Entry(
        name=f"ubnd-{fold(words)}",
        title=f"{UBND} {words}",
        kind=f"UBND {commune.unit}",
        province=province,
        parent="",
        agency=(UBND, words),
        abbreviation="UBND",
        place=_place(commune.unit, commune.name),
        head="Chủ tịch",
        collective=UBND,
        code=commune.code,
    )


@dataclass(frozen=True)
class Registry:
    """All entries, and every name each answers to: `ubnd-xa-tan-phu` (when only one province has
    it), `ubnd-xa-tan-phu/dong-nai`, `ubnd-xa-tan-phu/26101`."""

    entries: tuple[Entry, ...]
    names: dict[str, tuple[Entry, ...]]

    def find(self, name: str) -> tuple[Entry, ...]:
        """The entries a name (any spelling: `UBND xã Tân Phú / Đồng Nai`) answers to."""
        base, _, qualifier = name.partition("/")
        key = fold(base) + (f"/{fold(qualifier)}" if qualifier else "")
        return self.names.get(key, ())

    def search(self, query: str) -> list[Entry]:
        """Entries holding `query` as a phrase, accents ignored (`tan phu` finds Tân Phú, not
        Tân Hòa of Phú Thọ); failing that, entries holding all its words (`Sở Y tế Đồng Nai`).
        The units of that very name come first."""
        phrase = fold(query)
        if not phrase:
            return []
        as_phrase = re.compile(rf"(?<![a-z0-9]){re.escape(phrase)}(?![a-z0-9])")
        found = [e for e in self.entries if as_phrase.search(e.folded)]
        if not found:
            words = [re.compile(rf"(?<![a-z0-9]){w}(?![a-z0-9])") for w in phrase.split("-")]
            found = [e for e in self.entries if all(w.search(e.folded) for w in words)]

        def rank(entry: Entry) -> int:
            title = fold(entry.title)
            return 0 if title.endswith(f"-{phrase}") else 1 if f"-{phrase}-" in title else 2

        return sorted(found, key=rank)

    def in_province(self, query: str) -> list[Entry]:
        """Every entry of the province `query` names (`Đồng Nai`, `tỉnh Đồng Nai`, `dong-nai`)."""
        key = fold(query)
        for prefix in ("tinh-", "thanh-pho-", "tp-"):
            key = key.removeprefix(prefix)
        return [e for e in self.entries if _province_slug(e.province) == key]


def _province_slug(words: str) -> str:
    return fold(words).removeprefix("tinh-").removeprefix("thanh-pho-")


@functools.cache
def registry() -> Registry:
    """The registry, built once per process on first use, never at start-up."""
    entries: list[Entry] = []
    communes: list[Entry] = []
    for province in provinces():
        provincial = _province_entries(province)
        entries += provincial
        communes += [_commune_entry(c, provincial[0].province) for c in province.communes]
    entries += communes
    names: dict[str, list[Entry]] = {}
    for entry in entries:
        names.setdefault(entry.name, []).append(entry)
        names.setdefault(f"{entry.name}/{_province_slug(entry.province)}", []).append(entry)
        if entry.code:
            names.setdefault(f"{entry.name}/{entry.code}", []).append(entry)
    return Registry(tuple(entries), {k: tuple(v) for k, v in names.items()})


def canonical_name(entry: Entry) -> str:
    """The shortest name that answers to `entry` alone."""
    names = registry().names
    for name in (
        entry.name,
        f"{entry.name}/{_province_slug(entry.province)}",
        f"{entry.name}/{entry.code}",
    ):
        if len(names.get(name, ())) == 1:
            return name
    return entry.name


def counts() -> dict[str, int]:
    """How many letterheads of each kind the registry holds."""
    found: dict[str, int] = {}
    for entry in registry().entries:
        found[entry.kind] = found.get(entry.kind, 0) + 1
    return found
