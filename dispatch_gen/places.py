"""Place names (địa danh) after the 2025 reorganisation (sắp xếp đơn vị hành chính).

From 1 July 2025 Vietnam has 34 provinces (tỉnh, thành phố trực thuộc trung ương) and two levels of
local government: the district level (cấp huyện: huyện, quận, thị xã, thành phố thuộc tỉnh) is
gone, and the commune level (cấp xã) has only xã, phường and đặc khu, no thị trấn. A letter dated
on or after that day that names a unit of the old map gets a Notice (cảnh báo) from
`check_places`, with the current name where it is known:

- a former province: the province it was merged into, by Nghị quyết 202/2025/QH15 (a fixed table
  here: `vietnam-provinces` holds only the current units, not where the old ones went);
- a former district or thị trấn: the current xã, phường or đặc khu of the same name, from
  `vietnam-provinces` (same name, not necessarily the same area: the clerk decides).
"""

from __future__ import annotations

import functools
import re
import unicodedata
from datetime import date
from typing import TYPE_CHECKING

from dispatch_gen.errors import Location, Notice
from dispatch_gen.vietnamese import nfc, short_date

if TYPE_CHECKING:  # loaded when a letter names a place that may have changed, not at start-up
    from vietnam_provinces import Province, Ward

REORGANISED = date(2025, 7, 1)  # Nghị quyết 202/2025/QH15 and Luật Tổ chức chính quyền địa phương
LAW = "Nghị quyết 202/2025/QH15"
# Former province → the province it is part of now (Nghị quyết 202/2025/QH15, from 1/7/2025);
# Thừa Thiên Huế became Thành phố Huế on 1/1/2025 (Nghị quyết 1314/NQ-UBTVQH15).
MERGED_INTO = {
    "Hà Giang": "Tuyên Quang", "Yên Bái": "Lào Cai", "Bắc Kạn": "Thái Nguyên",
    "Vĩnh Phúc": "Phú Thọ", "Hòa Bình": "Phú Thọ", "Bắc Giang": "Bắc Ninh",
    "Thái Bình": "Hưng Yên", "Hải Dương": "Hải Phòng", "Hà Nam": "Ninh Bình",
    "Nam Định": "Ninh Bình", "Quảng Bình": "Quảng Trị", "Quảng Nam": "Đà Nẵng",
    "Kon Tum": "Quảng Ngãi", "Bình Định": "Gia Lai", "Ninh Thuận": "Khánh Hòa",
    "Đắk Nông": "Lâm Đồng", "Bình Thuận": "Lâm Đồng", "Phú Yên": "Đắk Lắk",
    "Bình Dương": "Hồ Chí Minh", "Bà Rịa - Vũng Tàu": "Hồ Chí Minh", "Bình Phước": "Đồng Nai",
    "Long An": "Tây Ninh", "Sóc Trăng": "Cần Thơ", "Hậu Giang": "Cần Thơ", "Bến Tre": "Vĩnh Long",
    "Trà Vinh": "Vĩnh Long", "Tiền Giang": "Đồng Tháp", "Bạc Liêu": "Cà Mau",
    "Kiên Giang": "An Giang", "Thừa Thiên Huế": "Huế",
}
SINCE = {"Thừa Thiên Huế": date(2025, 1, 1)}
RESOLUTION = {"Thừa Thiên Huế": "Nghị quyết 1314/NQ-UBTVQH15"}
DISTRICT = "từ 01/7/2025 không còn cấp huyện (huyện, quận, thị xã, thành phố thuộc tỉnh)"
_MENTION = re.compile(r"(?<!\w)(tỉnh|huyện(?: đảo)?|quận|thị xã|thị trấn|thành phố|tp\b\.?)",
                      re.IGNORECASE)
_NEXT_WORD = re.compile(r"(?:[ \t\u00a0]*[-–][ \t\u00a0]*|[ \t\u00a0]+)(\w+)")
# Tone marks on the old or the new vowel (Hoà/Hòa, Thuỷ/Thủy): one key for both spellings.
_TONE_PLACES = re.compile(r"([oòóỏõọ])([aàáảãạeèéẻẽẹ])|([uùúủũụ])([yỳýỷỹỵ])")


def _key(name: str) -> str:
    """Comparison key: NFC, case-folded, one space, `-` unspaced, tone on the first vowel."""
    text = re.sub(r"\s*[-–]\s*", "-", " ".join(nfc(name).casefold().split()))

    def first_vowel(match: re.Match[str]) -> str:
        pair = match.group(0)
        marks = [unicodedata.decomposition(c) for c in pair]
        tone = "".join(chr(int(d.split()[1], 16)) for d in marks if d and len(d.split()) > 1)
        bare = "".join(unicodedata.normalize("NFD", c)[0] for c in pair)
        return unicodedata.normalize("NFC", bare[0] + tone + bare[1]) if tone else pair

    return _TONE_PLACES.sub(first_vowel, text)


def _bare(name: str) -> str:
    return re.sub(r"^(thành phố|xã|phường|đặc khu)\s+", "", " ".join(name.split()), flags=re.I)


@functools.cache
def _provinces() -> dict[str, Province]:
    from vietnam_provinces import Province

    return {_key(_bare(p.name)): p for p in Province.iter_all()}


@functools.cache
def _wards() -> dict[str, list[Ward]]:
    from vietnam_provinces import Ward

    index: dict[str, list[Ward]] = {}
    for ward in Ward.iter_all():
        index.setdefault(_key(_bare(ward.name)), []).append(ward)
    return index


def _by_code(code: int) -> Province:
    from vietnam_provinces import Province

    return Province.from_code(code)


def _province_words(province: Province) -> str:
    from vietnam_provinces import VietNamDivisionType

    if province.division_type == VietNamDivisionType.TINH:
        return f"tỉnh {province.name}"
    # PL II: a unit named after a person keeps its capital, “Thành phố Hồ Chí Minh”
    city = "Thành phố" if _bare(province.name) == "Hồ Chí Minh" else "thành phố"
    return f"{city} {_bare(province.name)}"


def _name_after(text: str, end: int) -> str:
    """The proper name right after a unit word: capitalised words (or one number), `-` joins."""
    words: list[str] = []
    while len(words) < 5 and (match := _NEXT_WORD.match(text, end)):
        word = match[1]
        if not (word[0].isupper() or (not words and word.isdigit())):
            break
        joined = "-" in match[0] or "–" in match[0]
        if joined and not words:
            break
        words.append((" - " if joined else " " if words else "") + word)
        end = match.end()
        if word.isdigit():
            break
    return "".join(words)


def _former_province(name: str) -> str | None:
    """The longest start of `name` that is a former province (`KIÊN GIANG SỞ` → `Kiên Giang`)."""
    known = {_key(old): old for old in MERGED_INTO}
    words = name.replace(" - ", "-").split()
    for size in range(len(words), 0, -1):
        old = known.get(_key(" ".join(words[:size]).replace("-", " - ")))
        if old:
            return old
    return None


def _same_name(name: str, provinces: set[str]) -> str:
    """Current xã/phường/đặc khu called `name`, in the letter's provinces when it names any."""
    words = name.split()
    for size in range(len(words), 0, -1):
        found = _wards().get(_key(" ".join(words[:size])), [])
        found = [w for w in found if w.province_code in provinces] or found
        if found:
            listed = [f"{' '.join(w.name.split())} "
                      f"({_province_words(_by_code(w.province_code))})"
                      for w in found[:3]]
            return "; ".join(listed) + (f" và {len(found) - 3} nơi khác" if len(found) > 3 else "")
    return ""


def _mentions(text: str, day: date) -> list[tuple[str, str, Province | None]]:
    """(unit word, name or "" for a generic mention, province merged into) of old units."""
    found: list[tuple[str, str, Province | None]] = []
    for match in _MENTION.finditer(text):
        word = match[1].lower().removesuffix(" đảo")
        if word.startswith("tp") and not match[1].startswith("TP"):
            continue  # “tp” in lower case is not the abbreviation of thành phố
        name = _name_after(text, match.end())
        if word == "tỉnh":
            old = _former_province(name) if name else None
            if old and day >= SINCE.get(old, REORGANISED):
                found.append((word, old, _provinces()[_key(MERGED_INTO[old])]))
        elif day < REORGANISED:
            continue
        elif word.startswith(("thành phố", "tp")):
            if name and _key(name) not in _provinces():  # a city of a province, not Hà Nội, …
                found.append((match[1].rstrip(".") if word.startswith("tp") else word, name, None))
        else:
            found.append((word, name, None))
    return found


def check_places(text: str, issued: date | None, where: Location | None) -> list[Notice]:
    """Warn about units of the pre-2025 map in a letter dated on or after 1 July 2025.

    `issued` None (an unsigned draft) counts as today: it will be signed under the current map."""
    day = issued or date.today()
    if day < min(REORGANISED, *SINCE.values()):
        return []  # dated before any change of the map: nothing here can warn
    found = _mentions(text, day)
    if not found:
        return []
    provinces = {p.code for _, _, p in found if p} | {
        p.code for p in _provinces().values()
        if re.search(rf"(?<!\w)(tỉnh|thành phố|tp\.?)\s+{re.escape(_bare(p.name))}(?!\w)", text,
                     re.IGNORECASE)}
    notices: list[Notice] = []
    generic = list(dict.fromkeys(word for word, name, _ in found if not name))
    if generic:
        notices.append(Notice(f"văn bản nhắc đến {', '.join(generic)}: {DISTRICT}"
                              + ("; không còn thị trấn" if "thị trấn" in generic else ""),
                              "ghi theo đơn vị hiện hành (tỉnh; xã, phường, đặc khu); "
                              "nếu nhắc văn bản cũ thì giữ nguyên", where))
    seen: set[tuple[str, str]] = set()
    for word, name, merged in found:
        if not name or (_key(word), _key(name)) in seen:
            continue
        seen.add((_key(word), _key(name)))
        if merged:
            current, since = _province_words(merged), SINCE.get(name, REORGANISED)
            notices.append(Notice(f"“{word} {name}” không còn từ {short_date(since)}, nay thuộc "
                                  f"{current}", f"ghi “{current}” ({RESOLUTION.get(name, LAW)}); "
                                  "nếu nhắc văn bản cũ thì giữ nguyên", where))
            continue
        what = ("từ 01/7/2025 không còn thị trấn; cấp xã gồm xã, phường, đặc khu"
                if word == "thị trấn" else DISTRICT)
        same = _same_name(name, provinces)
        hint = (f"đơn vị cấp xã hiện có cùng tên: {same}; " if same else
                "ghi tên đơn vị hiện hành (tỉnh; xã, phường, đặc khu); ")
        notices.append(Notice(f"“{word} {name}”: {what}",
                              hint + "nếu nhắc văn bản cũ thì giữ nguyên", where))
    return notices
