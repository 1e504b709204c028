"""What the speed work must not change: cached and shortcut paths give the results of the plain
ones, and a command loads only what it uses. (Timings live in bench/, never here.)"""

from __future__ import annotations

import decimal
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

from babel.numbers import format_decimal
from hypothesis import given
from hypothesis import strategies as st

from dispatch_gen.docx.metrics import BOLD, CHARS, REGULAR, text_width_pt
from dispatch_gen.vietnamese import number

ROOT = Path(__file__).resolve().parent.parent


@given(st.decimals(min_value=-10**12, max_value=10**12, places=6, allow_nan=False),
       st.integers(min_value=0, max_value=4))  # fmt: skip
def test_number_reads_as_babel_format_decimal(value: Decimal, digits: int):
    pattern = "#,##0" + ("." + "0" * digits if digits else "")
    with decimal.localcontext() as ctx:
        ctx.rounding = decimal.ROUND_HALF_UP
        exact = value.quantize(Decimal(1).scaleb(-digits))
        expected = format_decimal(exact, format=pattern, locale="vi", decimal_quantization=True)
    assert number(value, digits) == expected


@given(st.text(alphabet=CHARS + "→€漢", max_size=40), st.booleans())
def test_cached_width_is_the_sum_of_the_letters(text: str, bold: bool):
    table = BOLD if bold else REGULAR
    average = table[CHARS.index("n")]
    units = sum(table[CHARS.index(c)] if c in CHARS else average for c in text)
    for _ in range(2):  # measured, then from the cache
        assert text_width_pt(text, 13, bold) == units * 13 / 2048


def _loaded(code: str) -> set[str]:
    found = subprocess.run([sys.executable, "-c", code + "\nimport sys\nprint(*sys.modules)"],
                           capture_output=True, text=True, check=True, cwd=ROOT)  # fmt: skip
    return set(found.stdout.split())


def test_the_holiday_calendar_loads_vietnam_alone():
    loaded = _loaded(
        "from datetime import date\nfrom dispatch_gen.deadlines import holiday_name\n"
        "assert holiday_name(date(2021, 2, 12)) == 'Tết Nguyên Đán'\n"
        "assert holiday_name(date(2024, 9, 2)) == 'Quốc khánh'"
    )
    assert {m for m in loaded if m.startswith("holidays.countries.")} == {
        "holidays.countries.vietnam"
    }


def test_a_letter_without_a_spreadsheet_does_not_load_openpyxl(tmp_path: Path):
    out = tmp_path / "cv.docx"
    loaded = _loaded(
        "from pathlib import Path\nfrom dispatch_gen.render import render_file\n"
        f"render_file(Path('examples/000-long-an-bluezone.yaml'), Path({str(out)!r}), ())"
    )
    assert out.stat().st_size > 0
    assert "openpyxl" not in loaded
