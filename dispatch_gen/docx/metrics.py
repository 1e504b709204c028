"""Advance widths of Times New Roman, read from Liberation Serif (metric-compatible).

Generated once with fontTools from fonts-liberation (a letter the font lacks takes its base
letter's width); used only to size the Decree 30 rules under the agency name and the Tiêu ngữ
and to align the Kính gửi dashes. Units: 1/2048 em. A string's width is measured once and kept
(a batch measures the same names and figures in every letter).
"""

from collections.abc import Callable
from functools import lru_cache
from itertools import repeat

UNITS_PER_EM = 2048
CHARS = " !\"#$%&'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`abcdefghijklmnopqrstuvwxyz{|}~àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđÀÁẢÃẠĂẰẮẲẴẶÂẦẤẨẪẬÈÉẺẼẸÊỀẾỂỄỆÌÍỈĨỊÒÓỎÕỌÔỒỐỔỖỘƠỜỚỞỠỢÙÚỦŨỤƯỪỨỬỮỰỲÝỶỸỴĐ"  # noqa: E501

# fmt: off
REGULAR = (
    512, 682, 836, 1024, 1024, 1706, 1593, 369, 682, 682, 1024, 1155, 512, 682, 512, 569,
    1024, 1024, 1024, 1024, 1024, 1024, 1024, 1024, 1024, 1024, 569, 569, 1155, 1155, 1155, 909,
    1886, 1479, 1366, 1366, 1479, 1251, 1139, 1479, 1479, 682, 797, 1479, 1251, 1821, 1479, 1479,
    1139, 1479, 1366, 1139, 1251, 1479, 1479, 1933, 1479, 1479, 1251, 682, 569, 682, 961, 1024,
    682, 909, 1024, 909, 1024, 909, 682, 1024, 1024, 569, 569, 1024, 569, 1593, 1024, 1024,
    1024, 1024, 682, 797, 569, 1024, 1024, 1479, 1024, 1024, 909, 983, 410, 983, 1108, 909,
    909, 909, 909, 909, 909, 909, 909, 909, 909, 909, 909, 909, 909, 909, 909, 909,
    909, 909, 909, 909, 909, 909, 909, 909, 909, 909, 909, 569, 569, 569, 569, 569,
    1024, 1024, 1024, 1024, 1024, 1024, 1024, 1024, 1024, 1024, 1024, 1024, 1024, 1024, 1024, 1024,
    1024, 1024, 1024, 1024, 1024, 1024, 1024, 1024, 1024, 1024, 1024, 1024, 1024, 1024, 1024, 1024,
    1024, 1024, 1479, 1479, 1479, 1479, 1479, 1479, 1479, 1479, 1479, 1479, 1479, 1479, 1479, 1479,
    1479, 1479, 1479, 1251, 1251, 1251, 1251, 1251, 1251, 1251, 1251, 1251, 1251, 1251, 682, 682,
    682, 682, 682, 1479, 1479, 1479, 1479, 1479, 1479, 1479, 1479, 1479, 1479, 1479, 1479, 1479,
    1479, 1479, 1479, 1479, 1479, 1479, 1479, 1479, 1479, 1479, 1479, 1479, 1479, 1479, 1479, 1479,
    1479, 1479, 1479, 1479, 1479,
)
BOLD = (
    512, 682, 1137, 1024, 1024, 2048, 1706, 569, 682, 682, 1024, 1167, 512, 682, 512, 569,
    1024, 1024, 1024, 1024, 1024, 1024, 1024, 1024, 1024, 1024, 682, 682, 1167, 1167, 1167, 1024,
    1905, 1479, 1366, 1479, 1479, 1366, 1251, 1593, 1593, 797, 1024, 1593, 1366, 1933, 1479, 1593,
    1251, 1593, 1479, 1139, 1366, 1479, 1479, 2048, 1479, 1479, 1366, 682, 569, 682, 1190, 1024,
    682, 1024, 1139, 909, 1139, 909, 682, 1024, 1139, 569, 682, 1139, 569, 1706, 1139, 1024,
    1139, 1139, 909, 797, 682, 1139, 1024, 1479, 1024, 1024, 909, 807, 451, 807, 1065, 1024,
    1024, 1024, 1024, 1024, 1024, 1024, 1024, 1024, 1024, 1024, 1024, 1024, 1024, 1024, 1024, 1024,
    909, 909, 909, 909, 909, 909, 909, 909, 909, 909, 909, 569, 569, 569, 569, 569,
    1024, 1024, 1024, 1024, 1024, 1024, 1024, 1024, 1024, 1024, 1024, 1024, 1024, 1024, 1024, 1024,
    1024, 1139, 1139, 1139, 1139, 1139, 1139, 1139, 1139, 1139, 1139, 1139, 1024, 1024, 1024, 1024,
    1024, 1139, 1479, 1479, 1479, 1479, 1479, 1479, 1479, 1479, 1479, 1479, 1479, 1479, 1479, 1479,
    1479, 1479, 1479, 1366, 1366, 1366, 1366, 1366, 1366, 1366, 1366, 1366, 1366, 1366, 797, 797,
    797, 797, 797, 1593, 1593, 1593, 1593, 1593, 1593, 1593, 1593, 1593, 1593, 1593, 1593, 1593,
    1593, 1593, 1593, 1593, 1479, 1479, 1479, 1479, 1479, 1479, 1479, 1479, 1479, 1479, 1479, 1479,
    1479, 1479, 1479, 1479, 1479,
)
# fmt: on


_WIDTHS = {False: dict(zip(CHARS, REGULAR, strict=True)), True: dict(zip(CHARS, BOLD, strict=True))}


@lru_cache(maxsize=8192)
def _units(text: str, bold: bool) -> int:
    """Width of `text` in font units; unknown characters count as an average letter (`n`)."""
    widths = _WIDTHS[bold]
    return sum(map(widths.get, text, repeat(widths["n"], len(text))))


def text_width_pt(text: str, size_pt: float, bold: bool = False) -> float:
    """Width of one line of text in points; unknown characters count as an average letter."""
    return _units(text, bool(bold)) * size_pt / UNITS_PER_EM


def balanced_lines(text: str, width_pt: float, size_pt: float, bold: bool = False) -> list[str]:
    """`text` in as few lines as fit `width_pt`, the words shared so the lines are as even as
    possible (a long authority line wraps into two of like length, not one full and a stub)."""
    words = text.split()
    if text_width_pt(text, size_pt, bold) <= width_pt or len(words) < 2:
        return [text]

    def width(i: int, j: int) -> float:
        return text_width_pt(" ".join(words[i:j]), size_pt, bold)

    for count in range(2, len(words) + 1):
        best = _best_split(words, count, width, width_pt)
        if best is not None:
            return [" ".join(words[i:j]) for i, j in best]
    return words


Split = list[tuple[int, int]]


def _best_split(
    words: list[str], count: int, width: Callable[[int, int], float], limit: float
) -> Split | None:
    """The split of `words` into `count` lines with the narrowest widest line, or None when
    some line cannot fit `limit` (dynamic programming over break positions)."""
    n = len(words)
    best: dict[tuple[int, int], tuple[float, Split] | None] = {}

    def solve(start: int, lines: int) -> tuple[float, Split] | None:
        if (start, lines) in best:
            return best[(start, lines)]
        result = None
        if lines == 1:
            w = width(start, n)
            result = (w, [(start, n)]) if w <= limit else None
        else:
            for end in range(start + 1, n - lines + 2):
                w = width(start, end)
                if w > limit:
                    break
                rest = solve(end, lines - 1)
                if rest is not None and (result is None or max(w, rest[0]) < result[0]):
                    result = (max(w, rest[0]), [(start, end), *rest[1]])
        best[(start, lines)] = result
        return result

    found = solve(0, count)
    return found[1] if found else None
