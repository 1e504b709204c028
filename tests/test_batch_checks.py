"""What a batch reads and checks before any letter (batch/checks.py, units.py, naming.py): the
quick ways of reading a cell and naming a file give what the plain rules give, and checking the
rows in steps gives what checking them at once gives."""

from __future__ import annotations

import re
import unicodedata
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dispatch_gen.batch.checks import RowChecks
from dispatch_gen.batch.naming import slug
from dispatch_gen.batch.rows import read_units
from dispatch_gen.batch.units import Units, as_number
from dispatch_gen.errors import InputError
from dispatch_gen.load import load
from dispatch_gen.stats import parse_number
from dispatch_gen.vietnamese import nfc

ROOT = Path(__file__).resolve().parent.parent
MASTER = ROOT / "bench" / "data" / "master.yaml"


def _plain_slug(text: str) -> str:
    """The rule as first written: NFC, đ → d, strip the marks, lower, other runs → `-`."""
    text = nfc(text).replace("đ", "d").replace("Đ", "D")
    bare = "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c))
    return re.sub(r"[^a-z0-9]+", "-", bare.lower()).strip("-")


def _plain_number(cell: Any) -> Decimal | None:
    """The rule as first written: every text cell through `parse_number`, `0…` a code."""
    if isinstance(cell, bool):
        return None
    if isinstance(cell, int | Decimal):
        return Decimal(cell)
    if isinstance(cell, float):
        return Decimal(repr(cell))
    if isinstance(cell, str) and not re.match(r"\s*0\d", cell):
        value = parse_number(cell)
        return value if value is not None and value.is_finite() else None
    return None


@given(st.text())
def test_a_file_name_is_what_the_plain_rule_makes(text: str):
    assert slug(text) == _plain_slug(text)


@pytest.mark.parametrize("text", ["Huyện Cần Đước", "ĐỨC HÒA", "İstanbul ß", "x\u0345y", "٣٤"])
def test_marks_letters_and_other_scripts_are_named_as_before(text: str):
    assert slug(text) == _plain_slug(text)


_NUMBER_LIKE = st.text(alphabet="0123456789.,-% \u00a0a²٣", max_size=12)


@given(st.one_of(_NUMBER_LIKE, st.integers(), st.floats(allow_nan=False), st.booleans(),
                 st.none(), st.text(max_size=8)))  # fmt: skip
def test_a_cell_reads_as_the_plain_rule_reads_it(cell: Any):
    assert as_number(cell) == _plain_number(cell)


@pytest.mark.parametrize(
    ("cell", "number"),
    [("1.695.150", Decimal(1695150)), ("15,81", Decimal("15.81")), ("0", Decimal(0)),
     ("007", None), ("-12", Decimal(-12)), ("1 000", Decimal(1000)), ("xã 12", None)],
)  # fmt: skip
def test_vietnamese_figures_and_codes(cell: str, number: Decimal | None):
    assert as_number(cell) == number


def _table(path: Path) -> Path:
    rows = ["don_vi,recipients,number,duties,dan_so,cai_1402,cai_0203"]
    for i in range(1, 41):
        number = {5: "abc", 9: "208", 20: ""}.get(i, str(200 + i))  # a bad one, one used twice
        duties = {12: "9", 30: "2-1"}.get(i, "1-3" if i % 3 == 0 else "")
        name = "&&&" if i == 17 else f"xã Long Hòa {i}"
        people = "" if i == 25 else str(20000 + i)  # a blank figure: that row's problem
        rows.append(f"{name},UBND xã Long Hòa {i % 37},{number},{duties},{people},"
                    f"{3000 + i},{3100 + i}")  # fmt: skip
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    return path


def _checked(units: Units, steps: list[int]) -> RowChecks:
    checks = RowChecks(load(MASTER), units, "{don_vi}")
    for index in steps:
        checks.upto(index)
    checks.finish()
    return checks


def test_rows_checked_in_steps_give_what_all_at_once_gives(tmp_path: Path):
    units = Units(read_units(_table(tmp_path / "units.csv")))
    whole = _checked(units, [])
    assert [i + 1 for i, b in enumerate(whole.blocked) if b] == [5, 9, 12, 17, 25, 30]
    assert "số 208 đã dùng ở" in whole.blocked[8] and "không hợp lệ" in whole.blocked[4]
    assert whole.names[16] == "" and "ra rỗng" in whole.blocked[16]
    assert "ô trống ở cột số liệu “dan_so”" in whole.blocked[24]
    assert len(whole.notices) == 3  # UBND xã Long Hòa 1, 2, 3 named again on rows 38-40
    for steps in ([0], [3, 3, 8], [39], [10, 2, 30]):
        stepped = _checked(units, steps)
        assert (stepped.names, stepped.blocked, stepped.notices) == (
            whole.names,
            whole.blocked,
            whole.notices,
        )


def test_a_clash_is_found_when_the_last_rows_are_checked(tmp_path: Path):
    path = tmp_path / "units.csv"
    path.write_text("don_vi,recipients\nxã A,UBND A\nxã B,UBND B\nxã A,UBND C\n", encoding="utf-8")
    checks = RowChecks(load(MASTER), Units(read_units(path)), "{don_vi}")
    assert checks.upto(1) == ""  # the first two rows alone are fine
    with pytest.raises(InputError, match="cùng ra “xa-a.docx”"):
        checks.finish()
