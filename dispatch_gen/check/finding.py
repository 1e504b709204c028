"""One result of the linter (Finding), and what every rule module shares to make one: the
wording helpers (quotes, sizes in Vietnamese) and the common look check of an element (size,
weight, slant, centring) with its findings."""

from __future__ import annotations

import re
from dataclasses import dataclass

from dispatch_gen.check.catalog import RULES
from dispatch_gen.check.model import Piece, Run

ERROR = "error"
WARNING = "warning"
SEVERITY_WORDS = {ERROR: "lỗi", WARNING: "cảnh báo"}


@dataclass(frozen=True)
class Finding:
    """A place where the document departs from Decree 30, in words a clerk (văn thư) reads."""

    rule: str  # "ND30-09"
    reference: str  # "PL I, II.4.b: ngày dưới 10 và tháng 1, 2 có số 0"
    severity: str  # "error" | "warning"
    element: str  # "Địa danh và thời gian"
    found: str  # what the document has
    fix: str  # how to fix it

    def __str__(self) -> str:
        word = SEVERITY_WORDS.get(self.severity, self.severity)
        return (
            f"{self.rule} [{word}] {self.element}: {self.found} — {self.fix} "
            f"(Nghị định 30/2020/NĐ-CP, {self.reference})"
        )


def finding(
    rule: str, detail: str, element: str, found: str, fix: str, severity: str = ERROR
) -> Finding:
    """A Finding whose reference is the rule's clause plus `detail` ('' for the clause alone).

    A `detail` that names its own clause ("II.4.b: ngày dưới 10 …") replaces the rule's clause.
    """
    clause = RULES[rule][1]
    if re.match(r"I{1,3}\.\d", detail):
        return Finding(rule, f"PL I, {detail}", severity, element, found, fix)
    return Finding(rule, f"{clause}: {detail}" if detail else clause, severity, element, found, fix)


def quote(text: str, limit: int = 60) -> str:
    """“text”, shortened to `limit` characters."""
    text = " ".join(text.split())
    return f"“{text if len(text) <= limit else text[: limit - 1] + '…'}”"


def points(value: float) -> str:
    """12.0 → '12', 13.5 → '13,5' (Vietnamese decimal comma)."""
    return f"{value:g}".replace(".", ",")


def size_problem(piece: Piece | list[Run], allowed: tuple[float, float]) -> str | None:
    """'cỡ 12' if some inked run's size lies outside `allowed`, else None."""
    runs = piece.inked if isinstance(piece, Piece) else [r for r in piece if r.text.strip()]
    wrong = [s for s in sorted({r.props.size for r in runs}) if not allowed[0] <= s <= allowed[1]]
    return "cỡ " + ", ".join(points(s) for s in wrong) if wrong else None


def size_range(allowed: tuple[float, float]) -> str:
    """(13, 14) → 'cỡ 13–14', (12, 12) → 'cỡ 12'."""
    low, high = allowed
    return f"cỡ {points(low)}" if low == high else f"cỡ {points(low)}–{points(high)}"


def looks(
    rule: str,
    element: str,
    piece: Piece,
    size: tuple[float, float],
    bold: bool | None,
    centre: bool = True,
    italic: bool = False,
    clause: str = "",
) -> list[Finding]:
    """Size, weight, slant and centring of one element; `bold` None means either is fine."""
    found: list[Finding] = []
    text = quote(piece.plain)
    wrong = size_problem(piece, size)
    if wrong:
        found.append(
            finding(
                rule,
                f"{clause}{size_range(size)}",
                element,
                f"{text}: {wrong}",
                f"Đặt {size_range(size)}",
            )
        )
    if bold is True and not piece.bold:
        found.append(finding(rule, f"{clause}chữ đậm", element, f"{text} không đậm", "Đặt chữ đậm"))
    if bold is False and piece.any_bold:
        found.append(
            finding(rule, f"{clause}chữ đứng, không đậm", element, f"{text} in đậm", "Bỏ chữ đậm")
        )
    if italic and not piece.italic:
        found.append(
            finding(
                rule, f"{clause}chữ nghiêng", element, f"{text} không nghiêng", "Đặt chữ nghiêng"
            )
        )
    if not italic and piece.any_italic:
        found.append(
            finding(rule, f"{clause}kiểu chữ đứng", element, f"{text} in nghiêng", "Bỏ chữ nghiêng")
        )
    if centre and piece.centred is False:
        found.append(
            finding(
                rule, f"{clause}canh giữa", element, f"{text} không canh giữa", "Canh giữa dòng chữ"
            )
        )
    return found


def missing(rule: str, element: str, what: str, fix: str) -> list[Finding]:
    return [finding(rule, "", element, f"không tìm thấy {what}", fix)]
