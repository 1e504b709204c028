"""Deadlines (thời hạn): when a report or a task is due, worded as the seed letters word it.

Owns `Deadline` (thời hạn): a fixed date (`ngày 24/8/2020`; `ngày 20/3` without the year), a count
of calendar days (ngày) or working days (ngày làm việc) from the issue date (ngày ban hành), a
recurrence (`13 giờ 00 phút ngày thứ Năm hàng tuần`, `ngày 25 hằng tháng`, `ngày 15 của tháng cuối
quý`, `ngày 30 tháng 6 hằng năm`) or a window (`từ ngày 22/7/2026 đến 17 giờ 00 ngày 05/8/2026`,
a fact that may lie before the issue date); and `check_deadline`, the checks a clerk needs: not
before the issue date, not on a weekly rest day (ngày nghỉ hằng tuần) or a public holiday (ngày
lễ, Tết, nghỉ bù).

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
import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import TYPE_CHECKING, Any

from dispatch_gen.errors import InputError, Location, Notice
from dispatch_gen.vietnamese import WEEKDAYS, month_word, short_date, two_digits, weekday

if TYPE_CHECKING:
    from holidays import HolidayBase

At = Callable[[tuple], Location]
MAX_DAYS = 3660  # ten years: a longer count is a typo, and a count of millions never ends
KEYS = (
    "date", "year", "days", "working_days", "weekly", "monthly", "quarterly", "yearly", "from",
    "to", "time",
)
KINDS = ("date", "days", "working_days", "weekly", "monthly", "quarterly", "yearly", "to")
WEEKDAY_NAMES = {
    **{name: i for i, name in enumerate(("mon", "tue", "wed", "thu", "fri", "sat", "sun"))},
    **{name.casefold(): i for i, name in enumerate(WEEKDAYS)},
    **{f"thứ {i + 2}": i for i in range(6)},
    **{f"t{i + 2}": i for i in range(6)},
    "cn": 6,
}
_CLOCK = re.compile(r"(\d{1,2})\s*(?::|h|g|giờ)\s*(\d{2})?\s*(?:phút)?", re.IGNORECASE)


def _deferred(name: str) -> None:
    """Put package `name` in `sys.modules` with its `__init__` not yet run: its submodules
    import as usual, and the first attribute asked of it (`holidays.country_holidays`, say) runs
    the package's own `__init__` on that same module, as a plain import would have."""
    spec = importlib.util.find_spec(name)
    if spec is None or spec.loader is None or spec.submodule_search_locations is None:
        return
    module = importlib.util.module_from_spec(spec)
    loader, lock, ran = spec.loader, threading.RLock(), False

    def complete(attribute: str) -> Any:
        nonlocal ran
        with lock:  # once, and another thread waits for it as for a plain import
            if not ran:
                ran = True
                loader.exec_module(module)
                del module.__getattr__  # type: ignore[attr-defined]
        if attribute in module.__dict__:
            return module.__dict__[attribute]
        raise AttributeError(f"module {name!r} has no attribute {attribute!r}")

    module.__getattr__ = complete  # type: ignore[attr-defined]
    sys.modules[name] = module
    parent, _, child = name.rpartition(".")
    if parent:
        setattr(sys.modules[parent], child, module)  # as the import system links a submodule


_IMPORTING = threading.Lock()


@functools.cache
def _calendar() -> HolidayBase:
    """Vietnam's calendar, loaded when a deadline is first checked: the `holidays` package's
    own `Vietnam` class, imported from its module. What this process does not need is left
    for when something asks for it (`_deferred`): `holidays`' __init__ registers all 279
    countries and reads the package version from its installed metadata (importlib.metadata),
    and `holidays.countries`' __init__ imports every country (together ~0.15 s)."""
    with _IMPORTING:  # the web preview checks letters in threads
        return _vietnam()


def _vietnam() -> HolidayBase:
    for name in ("holidays", "holidays.countries"):
        if name not in sys.modules:
            _deferred(name)
    try:
        from holidays.countries.vietnam import Vietnam
    except ImportError:  # a layout this shortcut does not know: the package's own way (its
        import holidays  # __init__ runs on this first use)

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
    minutes_word: bool = True  # `17 giờ 00 phút`, or `17 giờ 00` when the clerk wrote it so
    every: str = ""  # "month", "quarter", "year": a recurrence on day `day` (and `month`)
    day: int = 0
    month: int = 0
    start: date | None = None  # a window's first day: `từ ngày … đến …`

    @property
    def weekly(self) -> bool:
        return self.weekday is not None

    @property
    def recurring(self) -> bool:
        return self.weekly or bool(self.every)

    def __str__(self) -> str:
        clock = ""
        if self.time:
            clock = f"{two_digits(self.time.hour)} giờ {two_digits(self.time.minute)}"
            clock += " phút " if self.minutes_word else " "
        if self.weekday is not None:
            return f"{clock}ngày {WEEKDAYS[self.weekday]} hàng tuần"
        if self.every == "month":
            return f"{clock}ngày {two_digits(self.day)} hằng tháng"
        if self.every == "quarter":
            return f"{clock}ngày {two_digits(self.day)} của tháng cuối quý"
        if self.every == "year":
            return f"{clock}ngày {two_digits(self.day)} tháng {month_word(self.month)} hằng năm"
        assert self.date is not None
        end = f"{clock}ngày {short_date(self.date, year=self.show_year)}"
        if self.start is not None:
            return f"từ ngày {short_date(self.start, year=self.show_year)} đến {end}"
        return end


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


def _minutes_word(value: Any) -> bool:
    """`17 giờ 00` as written keeps its form; `17:00`, `8h30`, `13 giờ 00 phút` say “phút”."""
    text = str(value).casefold()
    return "giờ" not in text or "phút" in text


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
    kinds = [key for key in KINDS if key in value]
    if len(kinds) != 1:
        raise InputError("thời hạn cần đúng một trong: " + ", ".join(KINDS),
                         "ví dụ: {date: 2020-08-24}, {working_days: 5}, {weekly: thu}, "
                         "{monthly: 25}, {yearly: 30/6} hoặc {from: 2026-07-22, to: 2026-08-05}",
                         where)
    kind = kinds[0]
    if "from" in value and kind != "to":
        raise InputError("“from” đi cùng “to”: một khoảng thời gian",
                         "ghi {from: 2026-07-22, to: 2026-08-05}", at(("from",)))
    clock = _time(value["time"], at(("time",))) if "time" in value else None
    minutes = _minutes_word(value.get("time", ""))
    show_year = value.get("year", True)
    if not isinstance(show_year, bool) or ("year" in value and kind not in ("date", "to")):
        raise InputError("“year” chỉ dùng với “date” hoặc “from/to”, giá trị true hoặc false",
                         "year: false để in “ngày 20/3” không kèm năm", at(("year",)))
    if kind == "date":
        return Deadline(_date(value["date"], at(("date",))), show_year, time=clock, where=where,
                        minutes_word=minutes)
    if kind == "to":
        end = _date(value["to"], at(("to",)))
        start = _date(value["from"], at(("from",))) if "from" in value else None
        if start is not None and start > end:
            raise InputError(f"khoảng thời gian bắt đầu ngày {short_date(start)} sau ngày kết "
                             f"thúc {short_date(end)}", "đổi chỗ “from” và “to”", at(("from",)))
        return Deadline(end, show_year, time=clock, where=where, minutes_word=minutes,
                        start=start)
    if kind in ("monthly", "quarterly", "yearly"):
        return _recurring(kind, value[kind], clock, minutes, at)
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


def _recurring(kind: str, value: Any, clock: time | None, minutes: bool, at: At) -> Deadline:
    """`monthly: 25` (ngày 25 hằng tháng), `quarterly: 15` (ngày 15 của tháng cuối quý),
    `yearly: 30/6` (ngày 30 tháng 6 hằng năm)."""
    where = at((kind,))
    every = {"monthly": "month", "quarterly": "quarter", "yearly": "year"}[kind]
    if kind == "yearly":
        match = re.fullmatch(r"(\d{1,2})/(\d{1,2})", str(value).strip())
        day, month = (int(match[1]), int(match[2])) if match else (0, 0)
        try:
            date(2024, month, day)  # a leap year: 29/2 is a day of some years
        except ValueError:
            raise InputError(f"“yearly: {value}” không phải ngày trong năm",
                             "ghi ngày/tháng trong ngoặc kép, ví dụ yearly: \"30/6\"",
                             where) from None
        return Deadline(time=clock, minutes_word=minutes, every=every, day=day, month=month,
                        where=at(()))
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 31:
        raise InputError(f"“{kind}: {value}” phải là ngày trong tháng, từ 1 đến 31",
                         f"ví dụ {kind}: 15", where)
    return Deadline(time=clock, minutes_word=minutes, every=every, day=value, where=at(()))


def check_deadline(deadline: Deadline, issued: date | None) -> list[Notice]:
    """Raise when the deadline is before the issue date; warn when it falls on a day off.
    A recurrence by month, quarter or year falls on different weekdays and is not checked; a
    window (từ … đến …) states a fact and may lie before the issue date."""
    where = deadline.where
    if deadline.every or deadline.start is not None:
        return []
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
