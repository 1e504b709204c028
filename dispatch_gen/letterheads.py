"""Letterhead names → a `Letterhead`: the office's own files first, then the registry.

A letter names its letterhead (`letterhead: ubnd-xa-tan-phu/dong-nai`) or writes it inline. A name
is a name, never a path: only `<name>.yaml` directly inside one of the letterhead folders, or an
entry of the registry built from `vietnam-provinces`, can be reached — `../x` or `/etc/x` cannot.
Files win over the registry, so an office keeps its own letterhead under the registry's name.
"""

from __future__ import annotations

import difflib
import re
from pathlib import Path

from dispatch_gen.errors import InputError, Location
from dispatch_gen.model import Letterhead
from dispatch_gen.shipped import LETTERHEADS
from dispatch_gen.source import Fields, Source
from dispatch_gen.style import read_style

LETTERHEAD_FIELDS = ["parent", "agency", "abbreviation", "place", "head", "collective", "style"]
# A file name: no folder separators, drive letters or control characters; not hidden; short
# enough for every file system once “.yaml” is added.
_FILE_NAME = re.compile(r"[^\s./\\:][^/\\:\x00-\x1f]*")
_MAX_NAME_BYTES = 200
_PATHLIKE = re.compile(r"^[./\\~]|[\\:]|\.\.")
TYPO_CUTOFF = 0.85  # how alike a name must be to be offered as “có phải …?”


def letterhead_folders(letter: Path) -> tuple[Path, ...]:
    """Where letterheads are looked for, in order: beside the letter, one folder up, the
    current folder, then the ones shipped with dispatch-gen."""
    return (
        *(folder / "letterheads" for folder in (letter.parent, letter.parent.parent, Path.cwd())),
        LETTERHEADS,
    )


def is_file_name(name: str) -> bool:
    """True when `name` can only mean a file directly inside a letterhead folder."""
    return bool(_FILE_NAME.fullmatch(name)) and len(name.encode("utf-8")) <= _MAX_NAME_BYTES


def find_letterhead(name: str, letter: Path) -> Path | None:
    """`letterheads/<name>.yaml` in the first of `letterhead_folders` that has it; never a file
    outside them (`name` is a name, not a path)."""
    name = name.removesuffix(".yaml").removesuffix(".yml")
    if not is_file_name(name):
        return None
    for folder in letterhead_folders(letter):
        candidate = folder / f"{name}.yaml"
        try:
            if candidate.is_file():
                return candidate
        except OSError:  # an unreadable folder is as good as an absent one
            continue
    return None


def known_files(letter: Path) -> list[str]:
    """Names of the letterhead files the letter can reach."""
    names: set[str] = set()
    for folder in letterhead_folders(letter):
        try:
            names.update(p.stem for p in folder.glob("*.yaml"))
        except OSError:
            continue
    return sorted(names)


def _ambiguous(value: str, entries: tuple, where: Location | None) -> InputError:
    from dispatch_gen.registry import canonical_name

    choices = "; ".join(f"{canonical_name(e)} ({e.title}, {e.province})" for e in entries[:12])
    more = f" và {len(entries) - 12} nơi khác" if len(entries) > 12 else ""
    return InputError(
        f"tên tiêu đề cơ quan “{value}” có ở {len(entries)} nơi",
        f"ghi rõ một trong: {choices}{more}",
        where,
    )


def renamed(value: str) -> str:
    """`ubnd-tinh-long-an` → “… Long An thuộc Tây Ninh: “ubnd-tinh-tay-ninh””: the same agency
    of the province a former one joined, or "" when `value` names no former province."""
    from dispatch_gen.places import MERGED_INTO
    from dispatch_gen.registry import fold, registry

    key = fold(value)
    for old, new in MERGED_INTO.items():
        if not key.endswith(fold(old)):
            continue
        prefix = key.removesuffix(fold(old))
        prefix = prefix.removesuffix("tinh-").removesuffix("thanh-pho-")
        for unit in ("tinh-", "thanh-pho-"):
            if len(registry().find(prefix + unit + fold(new))) == 1:
                return f"dùng tiêu đề “{prefix + unit + fold(new)}” ({old} nay thuộc {new})"
    return ""


def _unknown(value: str, letter: Path, where: Location | None) -> InputError:
    from dispatch_gen.registry import registry

    hint = ""
    if _PATHLIKE.search(value) or value.startswith("/"):
        message = f"“{value}” là đường dẫn, không phải tên tiêu đề cơ quan"
        hint = "đặt tệp vào thư mục letterheads/ cạnh công văn và ghi tên tệp, không có “.yaml”; "
    else:
        message = f"không tìm thấy tiêu đề cơ quan “{value}”"
        moved = renamed(value)
        known = known_files(letter) + [n for n in registry().names if "/" not in n]
        close = difflib.get_close_matches(value, known, n=1, cutoff=TYPO_CUTOFF)
        if moved:
            hint = moved + "; "
        elif close:
            hint = f"có phải “{close[0]}”? Nếu là cơ quan khác: "
    short = re.sub(r"[^\w.-]+", "-", value).strip("-.")[:60] or "ten-co-quan"
    return InputError(
        message,
        hint + f"tạo tệp letterheads/{short}.yaml (agency, abbreviation, place, head), "
        'hoặc tìm tên có sẵn: dispatch-gen letterheads tìm "tên xã, tỉnh"',
        where,
    )


def named_letterhead(value: str, letter: Path, where: Location | None) -> Letterhead:
    """The letterhead a name stands for: a file in a letterhead folder, else the registry's
    entry. InputError when it names nothing, several units, or a path."""
    found = find_letterhead(value, letter)
    if found is not None:
        return _from_fields(Fields(Source.read(found), (), LETTERHEAD_FIELDS, "tiêu đề cơ quan"))
    from dispatch_gen.registry import registry

    entries = registry().find(value)
    if len(entries) == 1:
        return entries[0].letterhead()
    if entries:
        raise _ambiguous(value, entries, where)
    raise _unknown(value, letter, where)


def read_letterhead(fields: Fields, letter: Path) -> Letterhead:
    """The letter's letterhead: by name (a file or the registry) or written inline."""
    value = fields.data.get("letterhead")
    if isinstance(value, str) and value.strip():
        return named_letterhead(value.strip(), letter, fields.at("letterhead"))
    if isinstance(value, dict):
        return _from_fields(
            Fields(fields.source, ("letterhead",), LETTERHEAD_FIELDS, "tiêu đề cơ quan")
        )
    raise InputError(
        "thiếu “letterhead” (tên cơ quan ban hành)",
        "ghi tên tệp trong letterheads/ hoặc tên có sẵn, ví dụ “letterhead: ubnd-tinh-an-giang”"
        ' (tìm bằng: dispatch-gen letterheads tìm "An Giang")',
        fields.at("letterhead")
        if "letterhead" in fields.data
        else Location(fields.source.file, 1, 1),
    )


def _from_fields(head: Fields) -> Letterhead:
    agency = head.lines("agency")
    if not agency:
        head.text("agency", required=True)
    return Letterhead(
        agency=agency,
        parent=head.lines("parent"),
        abbreviation=head.text("abbreviation"),
        place=head.text("place"),
        head=head.text("head"),
        collective=head.text("collective"),
        style=read_style(head),
    )
