"""Where a letter names administrative units outside its body, and the warnings for old ones.

From 1 July 2025 a letter's letterhead, its place (địa danh), its recipients (Kính gửi) and its
Nơi nhận must name units of the current map, as its body must. `gather` records each of those
texts with the line and column the clerk wrote it at (a `Mention`, kept on the `Dispatch`);
`check_mentions` warns at that place, through `places.check_places`, with the current name.
"""

from __future__ import annotations

from datetime import date

from dispatch_gen.errors import Location, Notice
from dispatch_gen.model import Letterhead, Mention
from dispatch_gen.source import Fields

LETTERHEAD = "tiêu đề cơ quan"
PLACE = "địa danh"
RECIPIENT = "nơi gửi (Kính gửi)"
DISTRIBUTION = "nơi nhận"


def _items(fields: Fields, key: str, what: str) -> list[Mention]:
    value = fields.data.get(key)
    if isinstance(value, list):
        return [Mention(str(v), fields.at(key, i), what) for i, v in enumerate(value)]
    return [Mention(line, fields.at(key), what) for line in fields.lines(key)]


def gather(fields: Fields, letterhead: Letterhead) -> tuple[Mention, ...]:
    """The texts of a letter (outside its body) that may name units, with where they stand."""
    value = fields.data.get("letterhead")
    inline = isinstance(value, dict)

    def at(key: str) -> Location:  # an inline letterhead's own line, else the name's
        return fields.at("letterhead", key) if inline and key in value else fields.at("letterhead")

    name = value.strip() if isinstance(value, str) else ""
    found = [
        Mention(" ".join(lines), at(key), LETTERHEAD, name=name)
        for key, lines in (("parent", letterhead.parent), ("agency", letterhead.agency))
        if lines
    ]
    if fields.text("place"):
        found.append(Mention(fields.text("place"), fields.at("place"), PLACE, bare=True))
    elif letterhead.place:
        found.append(Mention(letterhead.place, at("place"), PLACE, bare=True))
    return tuple(
        found
        + _items(fields, "recipients", RECIPIENT)
        + _items(fields, "distribution", DISTRIBUTION)
    )


def _former_province(mention: Mention) -> tuple[str, str] | None:
    """A bare place (`Long An`) that was a province: (its name, the date-line place now)."""
    from dispatch_gen.places import MERGED_INTO

    if not mention.bare:
        return None
    for old, new in MERGED_INTO.items():
        if old.casefold() == mention.text.strip().casefold():
            return old, "Thành phố Hồ Chí Minh" if new == "Hồ Chí Minh" else new
    return None


def check_mentions(mentions: tuple[Mention, ...], issued: date | None) -> list[Notice]:
    """A warning at each mention that names a unit of the pre-2025 map, saying where it is."""
    from dispatch_gen.places import check_places

    notices: list[Notice] = []
    seen: set[tuple[str, str]] = set()  # the letterhead's own place repeats its agency line
    for mention in mentions:
        former = _former_province(mention)
        text = f"tỉnh {former[0]}" if former else mention.text
        for notice in check_places(text, issued, mention.where):
            if (str(notice.where), notice.message) in seen:
                continue
            seen.add((str(notice.where), notice.message))
            hint = notice.hint
            if former:  # the date line's place is the bare name (Decree 30, PL I, II.4)
                hint = f"ghi “place: {former[1]}”; nếu nhắc văn bản cũ thì giữ nguyên"
            elif mention.name:
                from dispatch_gen.letterheads import renamed

                hint = (renamed(mention.name) or hint.split(";")[0]) + "; hoặc giữ nguyên nếu "
                hint += "đây là văn bản cũ"
            notices.append(Notice(f"{mention.what}: {notice.message}", hint, notice.where))
    return notices
