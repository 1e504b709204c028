"""Deadlines (thời hạn): when a report or a task is due, worded as the seed letters word it.

Owns `Deadline` (thời hạn): a fixed date (`ngày 24/8/2020`; `ngày 20/3` without the year), a count
of calendar days (ngày) or working days (ngày làm việc) from the issue date (ngày ban hành), or a
weekly recurrence (`13 giờ 00 phút ngày thứ Năm hàng tuần`); and `check_deadline`, the checks a
clerk needs: not before the issue date, not on a weekly rest day (ngày nghỉ hằng tuần) or a public
holiday (ngày lễ, Tết, nghỉ bù).

The calendar is the `holidays` package's Vietnam (VN): public holidays with Tết, observed days
(nghỉ bù) and the government's swapped days off (ngày nghỉ hoán đổi). It has no WORKDAY category
for Vietnam, but every swap it knows registers the Saturday worked in exchange (ngày làm bù) in
`weekend_workdays`, which `is_working_day` honours; so do the counts here.

Counting follows the Civil Code 2015 (Bộ luật Dân sự), art. 147-148: a count of days starts on the
day after the issue date; a count of calendar days whose last day is not a working day ends on
the next working day.
"""

from __future__ import annotations

import functools
import importlib.util
import re
import sys
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import TYPE_CHECKING, Any

from dispatch_gen.errors import InputError, Location, Notice
from dispatch_gen.vietnamese import WEEKDAYS, short_date, two_digits, weekday

if TYPE_CHECKING:
    from holidays import HolidayBase

At = Callable[[tuple], Location]
MAX_DAYS = 3660  # ten years: a longer count is a typo, and a count of millions never ends
KEYS = ("date", "year", "days", "working_days", "weekly", "time")
WEEKDAY_NAMES = {
    **{name: i for i, name in enumerate(("mon", "tue", "wed", "thu", "fri", "sat", "sun"))},
    **{name.casefold(): i for i, name in enumerate(WEEKDAYS)},
    **{f"thứ {i + 2}": i for i in range(6)},
    **{f"t{i + 2}": i for i in range(6)},
    "cn": 6,
}
_CLOCK = re.compile(r"(\d{1,2})\s*(?::|h|g|giờ)\s*(\d{2})?\s*(?:phút)?", re.IGNORECASE)


@functools.cache
def _calendar() -> HolidayBase:
    """Vietnam's calendar, loaded when a deadline is first checked. Only its own module:
    `holidays.countries`' __init__ imports all 279 countries (~0.1 s), so the package object is
    made without running it; `holidays.countries.<other>` still imports normally."""
    import holidays  # the base classes (light: the countries load on demand)

    if "holidays.countries" not in sys.modules:
        spec = importlib.util.find_spec("holidays.countries")
        if spec is not None:
            sys.modules["holidays.countries"] = importlib.util.module_from_spec(spec)
    try:
        from holidays.countries.vietnam import Vietnam
    except ImportError:  # a layout this shortcut does not know: the package's own way
        sys.modules.pop("holidays.countries", None)
        return holidays.country_holidays("VN", language="vi")
    return Vietnam(language="vi")


def _load(year: int) -> HolidayBase:
    """The calendar with `year` and its neighbours loaded: a swap can reach across New Year."""
    calendar = _calendar()
    for near in (year - 1, year, year + 1):
        _ = date(near, 1, 1) in calendar
    return calendar


def is_working_day(day: date) -> bool:
    """Monday to Friday that is no holiday, or a Saturday worked in exchange for a day off."""
    return _load(day.year).is_working_day(day)


def holiday_name(day: date) -> str | None:
    """The holiday's Vietnamese name (`Tết Nguyên Đán`, `Quốc khánh (nghỉ bù)`), or None."""
    return _load(day.year).get(day)


def next_working_day(day: date) -> date:
    """`day` itself when it is a working day, else the first working day after it."""
    while not is_working_day(day):
        day += timedelta(days=1)
    return day


def add_working_days(start: date, count: int) -> date:
    """The `count`-th working day after `start` (the start day itself not counted)."""
    day = start
    while count > 0:
        day += timedelta(days=1)
        count -= is_working_day(day)
    return day


@dataclass(frozen=True)
class Deadline:
    """A deadline (thời hạn). `str()` gives the body wording: `ngày 24/8/2020`, `ngày 20/3`,
    `13 giờ 00 phút ngày thứ Năm hàng tuần`; `date` is None only for a weekly one."""

    date: date | None = None
    show_year: bool = True
    weekday: int | None = None  # weekly: 0 = thứ Hai … 6 = Chủ nhật
    time: time | None = None
    counted: str = ""  # "days" or "working_days" when computed from the issue date
    count: int = 0
    moved_from: date | None = None  # a calendar-day count that ended on a day off
    where: Location | None = None

    @property
    def weekly(self) -> bool:
        return self.weekday is not None

    def __str__(self) -> str:
        clock = f"{two_digits(self.time.hour)} giờ {two_digits(self.time.minute)} phút " if (
            self.time) else ""
        if self.weekday is not None:
            return f"{clock}ngày {WEEKDAYS[self.weekday]} hàng tuần"
        assert self.date is not None
        return f"{clock}ngày {short_date(self.date, year=self.show_year)}"


def _date(value: Any, where: Location) -> date:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value).strip())
    except (ValueError, OverflowError):
        raise InputError(f"ngày “{value}” không đọc được",
                         "ghi ngày dạng NĂM-THÁNG-NGÀY, ví dụ 2020-08-24", where) from None


def _time(value: Any, where: Location) -> time:
    if isinstance(value, time):
        return value
    match = _CLOCK.fullmatch(str(value).strip()) if isinstance(value, str) else None
    if match and int(match[1]) < 24 and int(match[2] or 0) < 60:
        return time(int(match[1]), int(match[2] or 0))
    hint = "ghi giờ trong ngoặc kép, ví dụ time: \"13:00\""
    if isinstance(value, int) and not isinstance(value, bool):
        hint += " (không có ngoặc kép, YAML đọc 13:00 thành số phút)"
    raise InputError(f"giờ “{value}” không đọc được", hint, where)


def parse_deadline(value: Any, issued: date | None, at: At) -> Deadline:
    """A deadline from YAML: `2020-08-24`; `{date: 2021-03-20, year: false}`; `{days: 5}` or
    `{working_days: 5}` from the issue date; `{weekly: thu, time: "13:00"}`. A `time` may go
    with any form."""
    where = at(())
    if not isinstance(value, dict):
        return Deadline(date=_date(value, where), where=where)
    for key in value:
        if key not in KEYS:
            raise InputError(f"khóa “{key}” không dùng được trong thời hạn",
                             "các khóa dùng được: " + ", ".join(KEYS), at((key,)))
    kinds = [key for key in ("date", "days", "working_days", "weekly") if key in value]
    if len(kinds) != 1:
        raise InputError("thời hạn cần đúng một trong: date, days, working_days, weekly",
                         "ví dụ: {date: 2020-08-24}, {working_days: 5} hoặc {weekly: thu}", where)
    kind = kinds[0]
    clock = _time(value["time"], at(("time",))) if "time" in value else None
    show_year = value.get("year", True)
    if not isinstance(show_year, bool) or ("year" in value and kind != "date"):
        raise InputError("“year” chỉ dùng với “date”, giá trị true hoặc false",
                         "year: false để in “ngày 20/3” không kèm năm", at(("year",)))
    if kind == "date":
        return Deadline(_date(value["date"], at(("date",))), show_year, time=clock, where=where)
    if kind == "weekly":
        name = " ".join(str(value["weekly"]).casefold().split())
        if name not in WEEKDAY_NAMES:
            raise InputError(f"“weekly: {value['weekly']}” không phải thứ trong tuần",
                             "ghi mon, tue, wed, thu, fri, sat, sun hoặc “thứ Năm”",
                             at(("weekly",)))
        return Deadline(weekday=WEEKDAY_NAMES[name], time=clock, where=where)
    count = value[kind]
    if isinstance(count, bool) or not isinstance(count, int) or count < 1:
        raise InputError(f"“{kind}: {count}” phải là số ngày nguyên dương", f"ví dụ: {kind}: 5",
                         at((kind,)))
    if count > MAX_DAYS:
        raise InputError(f"“{kind}: {count}” quá xa: hơn mười năm",
                         "thời hạn xa như vậy thì ghi thẳng ngày, ví dụ date: 2030-12-31",
                         at((kind,)))
    if issued is None:
        raise InputError("thời hạn tính theo số ngày cần ngày ban hành của văn bản",
                         "ghi ngày ban hành (date), hoặc ghi thẳng ngày hết hạn", where)
    if issued.year > 9000:
        raise InputError(f"ngày ban hành năm {issued.year} quá xa để tính thời hạn",
                         "kiểm tra năm của ngày ban hành (date)", where)
    if kind == "working_days":
        return Deadline(add_working_days(issued, count), time=clock, counted=kind, count=count,
                        where=where)
    last = issued + timedelta(days=count)
    due = next_working_day(last)
    return Deadline(due, time=clock, counted=kind, count=count,
                    moved_from=last if due != last else None, where=where)


def check_deadline(deadline: Deadline, issued: date | None) -> list[Notice]:
    """Raise when the deadline is before the issue date; warn when it falls on a day off."""
    where = deadline.where
    if deadline.weekday is not None:
        if deadline.weekday < 5:
            return []
        return [Notice(f"thời hạn hằng tuần rơi vào {WEEKDAYS[deadline.weekday]}, ngày nghỉ",
                       "chọn một ngày từ thứ Hai đến thứ Sáu", where)]
    day = deadline.date
    assert day is not None
    if issued is not None and day < issued:
        raise InputError(f"thời hạn ngày {short_date(day)} trước ngày ban hành "
                         f"{short_date(issued)}",
                         "sửa ngày hết hạn, hoặc ngày ban hành của văn bản", where)
    if deadline.moved_from is not None:
        moved = deadline.moved_from
        return [Notice(f"{deadline.count} ngày kể từ ngày ban hành hết vào {weekday(moved)} "
                       f"{short_date(moved)}, ngày nghỉ; thời hạn lùi đến {weekday(day)} "
                       f"{short_date(day)}",
                       "Bộ luật Dân sự 2015, Điều 148: hết hạn vào ngày làm việc tiếp theo; "
                       "muốn ngày khác thì ghi thẳng ngày", where)]
    if is_working_day(day):
        return []
    after = next_working_day(day)
    hint = f"ngày làm việc gần nhất sau đó là {weekday(after)} {short_date(after)}"
    name = holiday_name(day)
    if name:
        return [Notice(f"thời hạn ngày {short_date(day)} là ngày nghỉ lễ: {name}", hint, where)]
    return [Notice(f"thời hạn ngày {short_date(day)} là {weekday(day)}, ngày nghỉ hằng tuần",
                   hint, where)]
