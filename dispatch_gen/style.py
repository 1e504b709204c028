"""The office's house style (`style:`): what Decree 30 leaves open, chosen without code.

A `style:` block may stand in a letterhead file and in the office file `van-phong.yaml` beside the
letters (or one folder up); the office file's values win over the letterhead's, and both over the
defaults of `docx/layout.py`, which also holds every allowed range. A value outside Decree 30's
range is an InputError at its line and column that quotes the range.

    style:
      body_size: 13            # cỡ chữ nội dung, pt: 13 hoặc 14
      margins: {top: 25, bottom: 20, left: 30, right: 15}   # mm
      line_spacing: 1.15       # dòng: từ 1 đến 1,5
      paragraph_spacing: 6     # pt: từ 6
      first_line_indent: 1.27  # cm: 1 hoặc 1,27
      signature_space: 4       # dòng để ký, đóng dấu: 3 đến 8
      distribution_size: 11    # pt: Nghị định 30 chỉ cho 11
"""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from dispatch_gen.docx import layout as L
from dispatch_gen.docx.layout import DEFAULT_STYLE, HouseStyle
from dispatch_gen.errors import InputError
from dispatch_gen.source import Fields, Source

OFFICE_FILE = "van-phong.yaml"
STYLE_FIELDS = [
    "body_size",
    "margins",
    "line_spacing",
    "paragraph_spacing",
    "first_line_indent",
    "signature_space",
    "distribution_size",
]
SIDES = {"top": "trên", "bottom": "dưới", "left": "trái", "right": "phải"}
DECREE = "Nghị định 30"
PARAGRAPH_SPACING_MAX = 72  # pt: not the decree's; a gap wider than an inch is a typing slip


def _number(value: Any, fields: Fields, key: str, what: str) -> Decimal:
    """A number as the clerk wrote it: 13, 1.27 or “1,27”."""
    text = str(value).strip().replace(",", ".") if not isinstance(value, bool) else ""
    try:
        number = Decimal(text)
    except InvalidOperation:
        number = Decimal("NaN")
    if not number.is_finite():
        raise InputError(
            f"{what} “{value}” không phải là số", "ghi một số, ví dụ 13", fields.at(key)
        )
    return number


def _text(number: Decimal) -> str:
    return format(number.normalize(), "f").replace(".", ",")


def _within(
    number: Decimal, low: float, high: float, fields: Fields, key: str, what: str, rule: str
) -> Decimal:
    if not Decimal(str(low)) <= number <= Decimal(str(high)):
        allowed = f"{_text(Decimal(str(low)))}–{_text(Decimal(str(high)))}"
        raise InputError(
            f"{what} {_text(number)} ngoài khoảng cho phép: {allowed} ({rule})",
            f"ghi một giá trị từ {allowed.replace('–', ' đến ')}",
            fields.at(key),
        )
    return number


def _one_of(
    number: Decimal, allowed: tuple[float, ...], fields: Fields, key: str, what: str, rule: str
) -> Decimal:
    choices = [Decimal(str(a)) for a in dict.fromkeys(allowed)]
    if not any(abs(number - c) < Decimal("0.005") for c in choices):
        listed = " hoặc ".join(_text(c) for c in choices)
        raise InputError(
            f"{what} {_text(number)} không đúng: chỉ được {listed} ({rule})",
            f"ghi {listed}",
            fields.at(key),
        )
    return number


def _margins(fields: Fields, style: HouseStyle) -> HouseStyle:
    sides = Fields(fields.source, (*fields.path, "margins"), list(SIDES), "lề trang")
    for side, (low, high) in L.MARGIN_RANGES_MM.items():
        if side in sides.data:
            what = f"lề {SIDES[side]} (mm)"
            mm = _number(sides.data[side], sides, side, what)
            _within(mm, low, high, sides, side, what, "Nghị định 30, PL I, I.3")
            style = replace(style, **{f"margin_{side}": L.mm(float(mm))})
    return style


def _choices() -> dict[str, tuple[str, str, tuple[float, ...], str]]:
    """key → (what it is, "range" or "one of", the allowed values, the rule quoted)."""
    return {
        "body_size": ("cỡ chữ nội dung (pt)", "range", L.BODY_SIZES, f"{DECREE}, PL I, II.6"),
        "line_spacing": (
            "giãn dòng (dòng)",
            "range",
            tuple(v / 240 for v in L.LINE_SPACING_RANGE),
            f"{DECREE}, PL I, II.6",
        ),
        "paragraph_spacing": (
            "khoảng cách đoạn (pt)",
            "range",
            (L.BODY_SPACE_AFTER_MIN / 20, PARAGRAPH_SPACING_MAX),
            f"{DECREE}, PL I, II.6: từ 6 pt; trên 72 pt là gõ nhầm",
        ),
        "first_line_indent": (
            "thụt đầu dòng (cm)",
            "one of",
            tuple(round(v / L.CM, 2) for v in L.BODY_FIRST_LINE_INDENTS),
            f"{DECREE}, PL I, II.6",
        ),
        "signature_space": (
            "khoảng trống để ký (dòng)",
            "range",
            L.SIGNATURE_SPACE_RANGE,
            f"{DECREE} không quy định số dòng; đủ chỗ ký, đóng dấu mà không quá xa",
        ),
        "distribution_size": (
            "cỡ chữ nơi nhận (pt)",
            "one of",
            L.DISTRIBUTION_SIZES,
            f"{DECREE}, PL I, II.9",
        ),
    }


def _apply(style: HouseStyle, key: str, value: Decimal) -> HouseStyle:
    """The checked value in the writer's units."""
    if key == "body_size":
        return replace(style, body_size=float(value.quantize(Decimal("0.5"))))
    if key == "line_spacing":
        return replace(style, line_spacing=round(value * 240))
    if key == "paragraph_spacing":
        return replace(style, space_after=round(value * 20))
    if key == "first_line_indent":
        twips = min(L.BODY_FIRST_LINE_INDENTS, key=lambda v: abs(Decimal(v) / L.CM - value))
        return replace(style, first_line_indent=twips)
    if key == "signature_space":
        return replace(style, signature_lines=int(value))
    return replace(style, distribution_size=float(value))


def read_style(fields: Fields, base: HouseStyle = DEFAULT_STYLE) -> HouseStyle:
    """The `style:` block of `fields` (a letterhead or office file) over `base`."""
    if "style" not in fields.data:
        return base
    block = Fields(fields.source, (*fields.path, "style"), STYLE_FIELDS, "kiểu trình bày (style)")
    style = base
    for key, value in block.data.items():
        if key == "margins":
            style = _margins(block, style)
            continue
        what, kind, allowed, rule = _choices()[key]
        number = _number(value, block, key, what)
        if kind == "range":
            _within(number, allowed[0], allowed[1], block, key, what, rule)
        else:
            _one_of(number, allowed, block, key, what, rule)
        if key == "signature_space" and number != number.to_integral_value():
            raise InputError(
                f"{what} {_text(number)} không phải số nguyên",
                "ghi số dòng, ví dụ 4",
                block.at(key),
            )
        style = _apply(style, key, number)
    return style


def office_file(letter: Path) -> Path | None:
    """`van-phong.yaml` beside the letter, or one folder up."""
    for folder in (letter.parent, letter.parent.parent):
        candidate = folder / OFFICE_FILE
        try:
            if candidate.is_file():
                return candidate
        except OSError:
            continue
    return None


def house_style(letter: Path, base: HouseStyle = DEFAULT_STYLE) -> HouseStyle:
    """The letter's house style: `base` (the letterhead's) under the office file's."""
    found = office_file(letter)
    if found is None:
        return base
    return read_style(Fields(Source.read(found), (), ["style"], "tệp văn phòng"), base)
