"""Vietnam's current administrative units (đơn vị hành chính), read from `vietnam-provinces`' data.

34 provinces and cities, 3,321 xã, phường and đặc khu after 1 July 2025. The package ships its data
as `data/nested-divisions.json` (its `NESTED_DIVISIONS_JSON_PATH`); reading that file takes 15 ms,
where importing the package builds an enum of every code and takes about 0.5 s, so the file is
found without running the package's `__init__`. Names come back NFC with single spaces.
"""

from __future__ import annotations

import functools
import importlib.util
import json
import unicodedata
from dataclasses import dataclass
from pathlib import Path

DATA_FILE = ("data", "nested-divisions.json")


@dataclass(frozen=True)
class Commune:
    """Đơn vị hành chính cấp xã: `unit` is `xã`, `phường` or `đặc khu`; `name` is without it."""

    code: int
    unit: str
    name: str
    province_code: int


@dataclass(frozen=True)
class Province:
    """Tỉnh or thành phố trực thuộc trung ương (`city`); `name` without “Thành phố”."""

    code: int
    name: str
    city: bool
    communes: tuple[Commune, ...]


def _clean(name: str) -> str:
    return unicodedata.normalize("NFC", " ".join(name.split()))


def _data_file() -> Path:
    spec = importlib.util.find_spec("vietnam_provinces")
    if spec and spec.submodule_search_locations:
        candidate = Path(next(iter(spec.submodule_search_locations)), *DATA_FILE)
        if candidate.is_file():
            return candidate
    from vietnam_provinces import NESTED_DIVISIONS_JSON_PATH

    return Path(NESTED_DIVISIONS_JSON_PATH)


def _commune(item: dict, province_code: int) -> Commune:
    unit = item["division_type"]
    name = _clean(item["name"])
    if name.casefold().startswith(unit.casefold() + " "):
        name = name[len(unit) + 1 :]
    return Commune(int(item["code"]), unit, name, province_code)


@functools.cache
def provinces() -> tuple[Province, ...]:
    """Every province, in code order, with its communes in code order. Read once per process."""
    data = json.loads(_data_file().read_text(encoding="utf-8"))
    found = []
    for item in sorted(data, key=lambda p: int(p["code"])):
        code = int(item["code"])
        communes = sorted((_commune(w, code) for w in item["wards"]), key=lambda c: c.code)
        found.append(
            Province(
                code=code,
                name=_clean(item["name"]).removeprefix("Thành phố "),
                city=item["division_type"] != "tỉnh",
                communes=tuple(communes),
            )
        )
    return tuple(found)
