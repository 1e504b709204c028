"""Deadlines: the seeds' wording, working days across Tết 2026 and a make-up Saturday, warnings
on days off, and the errors a clerk can get."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import date, time

import pytest

from dispatch_gen.deadlines import (
    add_working_days,
    check_deadline,
    holiday_name,
    is_working_day,
    parse_deadline,
)
from dispatch_gen.errors import InputError, Location


def at(path: tuple) -> Location:
    return Location("thu.yaml#" + ".".join(map(str, ("deadlines", "bao_cao", *path))), 30, 3)


def deadline_error(value: object, issued: date | None = None) -> InputError:
    with pytest.raises(InputError) as caught:
        parse_deadline(value, issued, at)
    return caught.value


# --- wording ------------------------------------------------------------------------------------

def test_seed_wordings():
    # Seed 004: "chậm nhất đến ngày 24/8/2021", "trước 13 giờ 00 phút ngày thứ Năm hàng tuần";
    # seed 000: "trước ngày 20/3".
    assert str(parse_deadline(date(2021, 8, 24), None, at)) == "ngày 24/8/2021"
    assert str(parse_deadline("2020-08-24", None, at)) == "ngày 24/8/2020"
    no_year = parse_deadline({"date": date(2021, 3, 20), "year": False}, None, at)
    assert str(no_year) == "ngày 20/3" and no_year.date == date(2021, 3, 20)
    weekly = parse_deadline({"weekly": "thu", "time": "13:00"}, None, at)
    assert str(weekly) == "13 giờ 00 phút ngày thứ Năm hàng tuần"
    assert weekly.date is None and weekly.weekly and weekly.time == time(13, 0)
    assert str(parse_deadline({"date": "2021-02-05", "time": "8h30"}, None, at)) == \
        "08 giờ 30 phút ngày 05/02/2021"


@pytest.mark.parametrize("name", ["thu", "Thứ Năm", "thứ  năm", "thứ 5", "T5"])
def test_weekly_accepts_english_and_vietnamese_day_names(name: str):
    assert str(parse_deadline({"weekly": name}, None, at)) == "ngày thứ Năm hàng tuần"


# --- the calendar -------------------------------------------------------------------------------

def test_tet_2026_as_the_holidays_package_has_it():
    # Tết Bính Ngọ: mùng 1 is Tuesday 17/02/2026; the public holidays run Mon 16 – Fri 20 Feb.
    assert holiday_name(date(2026, 2, 17)) == "Tết Nguyên Đán"
    assert holiday_name(date(2026, 2, 16)) == "Giao thừa Tết Nguyên Đán"
    assert [is_working_day(date(2026, 2, d)) for d in range(13, 24)] == [
        True, False, False, False, False, False, False, False, False, False, True]


def test_working_days_across_tet_2026():
    # Issued Thursday 12/02/2026, 5 working days, counted from the next day (Civil Code art. 147):
    #   1 = Fri 13/02; Sat 14, Sun 15 weekend; Mon 16 – Fri 20 Tết; Sat 21, Sun 22 weekend;
    #   2 = Mon 23, 3 = Tue 24, 4 = Wed 25, 5 = Thu 26/02/2026.
    deadline = parse_deadline({"working_days": 5}, date(2026, 2, 12), at)
    assert deadline.date == date(2026, 2, 26)
    assert str(deadline) == "ngày 26/02/2026"
    assert check_deadline(deadline, date(2026, 2, 12)) == []
    # Without Tết it would be Thu 19/02 (13, 16, 17, 18, 19).
    assert add_working_days(date(2026, 2, 12), 1) == date(2026, 2, 13)
    assert add_working_days(date(2026, 2, 13), 1) == date(2026, 2, 23)


def test_make_up_saturday_counts_as_a_working_day():
    # 2025: Fri 02/5 off in exchange for Sat 26/4 worked (holidays: "Ngày nghỉ (thay cho ngày
    # 26/04/2025)"). From Thu 24/4, 3 working days: Fri 25, Sat 26 (make-up), Mon 28 — not Tue 29.
    assert is_working_day(date(2025, 4, 26))
    assert holiday_name(date(2025, 5, 2)) == "Ngày nghỉ (thay cho ngày 26/04/2025)"
    deadline = parse_deadline({"working_days": 3}, date(2025, 4, 24), at)
    assert deadline.date == date(2025, 4, 28)
    assert check_deadline(parse_deadline(date(2025, 4, 26), None, at), date(2025, 4, 1)) == []


def test_calendar_days_ending_on_a_day_off_move_to_the_next_working_day():
    # Issued Wed 19/8/2020 + 3 days = Sat 22/8 → Mon 24/8 (Civil Code 2015, art. 148.5).
    deadline = parse_deadline({"days": 3}, date(2020, 8, 19), at)
    assert deadline.date == date(2020, 8, 24) and deadline.moved_from == date(2020, 8, 22)
    [notice] = check_deadline(deadline, date(2020, 8, 19))
    assert notice.message == ("3 ngày kể từ ngày ban hành hết vào thứ Bảy 22/8/2020, ngày nghỉ; "
                              "thời hạn lùi đến thứ Hai 24/8/2020")
    assert notice.hint.startswith("Bộ luật Dân sự 2015, Điều 148")
    plain = parse_deadline({"days": 5}, date(2020, 8, 19), at)
    assert plain.date == date(2020, 8, 24) and check_deadline(plain, date(2020, 8, 19)) == []


# --- warnings and errors ------------------------------------------------------------------------

def test_weekend_warning():
    # Seed 000's "trước ngày 20/3" (2021) is a Saturday.
    deadline = parse_deadline({"date": date(2021, 3, 20), "year": False}, None, at)
    [notice] = check_deadline(deadline, date(2021, 3, 10))
    assert notice.message == "thời hạn ngày 20/3/2021 là thứ Bảy, ngày nghỉ hằng tuần"
    assert notice.hint == "ngày làm việc gần nhất sau đó là thứ Hai 22/3/2021"
    assert notice.where == at(())


def test_holiday_warning_names_the_holiday():
    [notice] = check_deadline(parse_deadline(date(2026, 2, 18), None, at), date(2026, 2, 2))
    assert notice.message == "thời hạn ngày 18/02/2026 là ngày nghỉ lễ: Mùng hai Tết Nguyên Đán"
    assert notice.hint == "ngày làm việc gần nhất sau đó là thứ Hai 23/02/2026"
    [observed] = check_deadline(parse_deadline(date(2026, 4, 27), None, at), date(2026, 4, 1))
    assert observed.message == ("thời hạn ngày 27/4/2026 là ngày nghỉ lễ: "
                                "Ngày Giỗ Tổ Hùng Vương (nghỉ bù)")


def test_weekly_on_a_weekend_warns():
    [notice] = check_deadline(parse_deadline({"weekly": "sat"}, None, at), None)
    assert notice.message == "thời hạn hằng tuần rơi vào thứ Bảy, ngày nghỉ"
    assert check_deadline(parse_deadline({"weekly": "thu"}, None, at), None) == []


def test_before_issue_date_is_an_error():
    deadline = parse_deadline(date(2020, 8, 14), None, at)
    with pytest.raises(InputError) as caught:
        check_deadline(deadline, date(2020, 8, 19))
    assert caught.value.message == "thời hạn ngày 14/8/2020 trước ngày ban hành 19/8/2020"
    assert caught.value.hint == "sửa ngày hết hạn, hoặc ngày ban hành của văn bản"
    assert caught.value.where == at(())
    assert check_deadline(parse_deadline(date(2020, 8, 19), None, at), date(2020, 8, 19)) == []


@pytest.mark.parametrize(("value", "issued", "message", "where"), [
    ("24/8/2020", None, "ngày “24/8/2020” không đọc được", ()),
    ({"date": "2020-02-30"}, None, "ngày “2020-02-30” không đọc được", ("date",)),
    ({"days": 5}, None, "thời hạn tính theo số ngày cần ngày ban hành của văn bản", ()),
    ({"working_days": 0}, date(2020, 8, 1), "“working_days: 0” phải là số ngày nguyên dương",
     ("working_days",)),
    ({"days": 5, "date": date(2020, 8, 1)}, date(2020, 8, 1),
     "thời hạn cần đúng một trong: date, days, working_days, weekly, monthly, quarterly, "
     "yearly, to", ()),
    ({"weekly": "thursday"}, None, "“weekly: thursday” không phải thứ trong tuần", ("weekly",)),
    ({"weekly": "thu", "time": 780}, None, "giờ “780” không đọc được", ("time",)),
    ({"weekly": "thu", "time": "25:00"}, None, "giờ “25:00” không đọc được", ("time",)),
    ({"weekly": "thu", "year": False}, None,
     "“year” chỉ dùng với “date” hoặc “from/to”, giá trị true hoặc false", ("year",)),
    ({"ngay": date(2020, 8, 1)}, None, "khóa “ngay” không dùng được trong thời hạn", ("ngay",)),
])
def test_parse_errors(value: object, issued: date | None, message: str, where: tuple):
    error = deadline_error(value, issued)
    assert error.message == message
    assert error.where == at(where)


def test_unquoted_time_gets_a_yaml_hint():
    # PyYAML reads an unquoted 13:00 as the base-60 integer 780.
    assert "YAML đọc 13:00 thành số phút" in deadline_error({"weekly": "thu", "time": 780}).hint


# --- recurrences, windows and times as letters write them (issue 10, item 10) -------------------

@pytest.mark.parametrize(
    ("value", "wording"),
    [
        ({"yearly": "30/6"}, "ngày 30 tháng 6 hằng năm"),
        ({"yearly": "05/01"}, "ngày 05 tháng 01 hằng năm"),
        ({"monthly": 25}, "ngày 25 hằng tháng"),
        ({"quarterly": 15}, "ngày 15 của tháng cuối quý"),
        ({"monthly": 5, "time": "16 giờ 30"}, "16 giờ 30 ngày 05 hằng tháng"),
        ({"date": "2026-08-05", "time": "17 giờ 00"}, "17 giờ 00 ngày 05/8/2026"),
        ({"date": "2026-08-05", "time": "17 giờ 00 phút"}, "17 giờ 00 phút ngày 05/8/2026"),
        (
            {"from": date(2026, 7, 22), "to": date(2026, 8, 5), "time": "17 giờ 00"},
            "từ ngày 22/7/2026 đến 17 giờ 00 ngày 05/8/2026",
        ),
    ],
)
def test_letters_wordings(value: dict, wording: str):
    deadline = parse_deadline(value, date(2026, 7, 1), at)
    assert str(deadline) == wording


def test_a_window_may_lie_before_the_issue_date():
    window = parse_deadline({"from": date(2026, 7, 22), "to": date(2026, 8, 5)}, None, at)
    assert check_deadline(window, date(2026, 9, 1)) == []
    single = parse_deadline(date(2026, 8, 5), None, at)
    with pytest.raises(InputError, match="trước ngày ban hành"):
        check_deadline(single, date(2026, 9, 1))


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ({"yearly": "31/6"}, "không phải ngày trong năm"),
        ({"monthly": 32}, "từ 1 đến 31"),
        ({"from": date(2026, 8, 5), "to": date(2026, 7, 22)}, "sau ngày kết thúc"),
        ({"from": date(2026, 8, 5), "date": date(2026, 7, 22)}, "“from” đi cùng “to”"),
        ({"monthly": 5, "year": False}, "“year” chỉ dùng với"),
    ],
)
def test_recurrence_and_window_errors(value: dict, message: str):
    assert message in deadline_error(value).message


# --- the calendar, loaded without the rest of the holidays package -------------------------------

_SAME_AS_THE_PACKAGE = """
import sys
from datetime import date
from dispatch_gen.deadlines import holiday_name, is_working_day, _calendar
days = [date(2019, 12, 25), date(2021, 2, 12), date(2025, 4, 26), date(2026, 2, 17)]
ours = {day: (holiday_name(day), is_working_day(day)) for day in days}
calendar = _calendar()
years = range(2019, 2028)
for year in years:
    holiday_name(date(year, 6, 1))
mine = {day: name for day, name in calendar.items() if day.year in years}
swaps = {day for day in calendar.weekend_workdays if day.year in years}
skipped = [m for m in ("importlib.metadata", "holidays.registry") if m in sys.modules]
countries = sorted(m for m in sys.modules if m.startswith("holidays.countries."))

import holidays  # the package as anyone else uses it, completed on this first use
theirs = holidays.country_holidays("VN", language="vi", years=years)
assert mine == dict(theirs), (mine, dict(theirs))
assert swaps == {day for day in theirs.weekend_workdays if day.year in years}
assert ours == {day: (theirs.get(day), theirs.is_working_day(day)) for day in days}
assert holidays.__version__ and holidays.country_holidays("US", years=2024).get(date(2024, 7, 4))
assert holidays.countries.Germany(years=2024).get(date(2024, 10, 3))
from holidays import VN
assert VN(years=2021, language="vi").get(date(2021, 2, 12)) == "Tết Nguyên Đán"
import json
print(json.dumps([skipped, countries, len(mine), len(swaps)]))
"""


def test_the_calendar_is_the_packages_own_and_the_package_still_whole_afterwards():
    """Vietnam's class is imported from its module, without `holidays`' own __init__ (which reads
    the version from the package metadata and registers every country): the holidays, the
    swapped Saturdays and the answers are the package's, and `holidays` works in full after."""
    done = subprocess.run([sys.executable, "-c", _SAME_AS_THE_PACKAGE], capture_output=True,
                          text=True)  # fmt: skip
    assert done.returncode == 0, done.stderr
    skipped, countries, holidays, swaps = json.loads(done.stdout)
    assert skipped == []  # neither the metadata reader nor the registry was loaded for it
    assert countries == ["holidays.countries.vietnam"]
    assert holidays > 9 * 5 and swaps > 0
