"""Vietnamese wording: Babel numbers, half-up percentages, the decree's date forms, citations."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from dispatch_gen import vietnamese as vn
from dispatch_gen.templating import environment


@pytest.mark.parametrize(
    ("value", "text"),
    [(1695150, "1.695.150"), (145800, "145.800"), (7, "7"), (0, "0"), (Decimal("2.5"), "3")],
)
def test_integer(value: int | Decimal, text: str) -> None:
    assert vn.integer(value) == text


@pytest.mark.parametrize(
    ("ratio", "text"),
    [
        (vn.ratio(267960, 1695150), "15,81%"),
        (vn.ratio(265151, 1695150), "15,64%"),
        (vn.ratio(35921, 115894), "30,99%"),
        (vn.ratio(35921, 188092), "19,10%"),
        (Decimal("0.00125"), "0,13%"),  # half-up at the 2nd decimal (Babel alone gives 0,12%)
        (Decimal("0.00135"), "0,14%"),
        (0.6, "60,00%"),
    ],
)
def test_percent_rounds_half_up(ratio: Decimal | float, text: str) -> None:
    assert vn.percent(ratio) == text


def test_number_with_decimals() -> None:
    assert vn.number(Decimal("1234.125")) == "1.234,13"
    assert vn.number(12.5, 1) == "12,5"


@pytest.mark.parametrize(
    ("day", "full", "short"),
    [
        (date(2021, 2, 5), "ngày 05 tháng 02 năm 2021", "05/02/2021"),
        (date(2020, 8, 19), "ngày 19 tháng 8 năm 2020", "19/8/2020"),
        (date(2025, 6, 16), "ngày 16 tháng 6 năm 2025", "16/6/2025"),
        (date(2020, 1, 1), "ngày 01 tháng 01 năm 2020", "01/01/2020"),
        (date(2020, 12, 31), "ngày 31 tháng 12 năm 2020", "31/12/2020"),
    ],
)
def test_dates_follow_the_month_rule(day: date, full: str, short: str) -> None:
    assert vn.full_date(day) == full
    assert vn.short_date(day) == short


def test_date_line_of_a_draft_keeps_blanks() -> None:
    assert vn.dated_line("Long An", 2021, 3) == "Long An, ngày        tháng 3 năm 2021"
    assert vn.dated_line("Kiên Giang", 2020, 8, 19) == "Kiên Giang, ngày 19 tháng 8 năm 2020"
    assert vn.short_date(date(2021, 3, 20), year=False) == "20/3"


def test_citation() -> None:
    assert (
        vn.citation("Công văn", "2841/BTTTT-THH", date(2020, 8, 1), "Bộ Thông tin và Truyền thông")
        == "Công văn số 2841/BTTTT-THH ngày 01/8/2020 của Bộ Thông tin và Truyền thông"
    )
    assert vn.citation("Quyết định", "12/QĐ-UBND") == "Quyết định số 12/QĐ-UBND"


def test_upper_and_nfc() -> None:
    assert vn.upper("Sở Thông tin và Truyền thông") == "SỞ THÔNG TIN VÀ TRUYỀN THÔNG"
    assert vn.upper("đẩy mạnh") == "ĐẨY MẠNH"
    assert vn.nfc("Kie\u0302\u0300n") == "Kiền"


def test_filters_in_a_template() -> None:
    template = environment().from_string(
        "{{ n | integer }} {{ r | percent }} {{ d | full_date }} "
        "{{ d | day_month }} {{ d | weekday }}"
    )
    text = template.render(n=1695150, r=vn.ratio(41177, 598856), d=date(2021, 3, 18))
    assert text == r"1\.695\.150 6\,88\% ngày 18 tháng 3 năm 2021 18\/3 thứ Năm"
