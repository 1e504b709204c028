"""Tên loại văn bản (Nghị định 30/2020, Phụ lục III): the document types a letter may carry and
the codes their symbols begin with (`831/TB-UBND`, `15/KH-UBND`).

A công văn has no type name and no code (`1119/UBND-KGVX`); a named type (Mẫu 1.4) prints its
name in upper case over its summary instead of the V/v, and its symbol starts with its code.
"""

from __future__ import annotations

# PL III, I: the names and abbreviations of the administrative documents (văn bản hành chính).
TYPE_CODES: dict[str, str] = {
    "Nghị quyết": "NQ",
    "Quyết định": "QĐ",
    "Chỉ thị": "CT",
    "Quy chế": "QC",
    "Quy định": "QyĐ",
    "Thông cáo": "TC",
    "Thông báo": "TB",
    "Hướng dẫn": "HD",
    "Chương trình": "CTr",
    "Kế hoạch": "KH",
    "Phương án": "PA",
    "Đề án": "ĐA",
    "Dự án": "DA",
    "Báo cáo": "BC",
    "Biên bản": "BB",
    "Tờ trình": "TTr",
    "Hợp đồng": "HĐ",
    "Công điện": "CĐ",
    "Bản ghi nhớ": "BGN",
    "Bản thỏa thuận": "BTT",
    "Giấy ủy quyền": "GUQ",
    "Giấy mời": "GM",
    "Giấy giới thiệu": "GGT",
    "Giấy nghỉ phép": "GNP",
    "Phiếu gửi": "PG",
    "Phiếu chuyển": "PC",
    "Phiếu báo": "PB",
}
# The types a letter file may name (the others need parts of their own: Điều 1…, a table).
LETTER_TYPES = (
    "Thông báo",
    "Kế hoạch",
    "Báo cáo",
    "Tờ trình",
    "Giấy mời",
    "Chương trình",
    "Hướng dẫn",
)
# Quyết định (Mẫu 1.1-1.3) has parts of its own: Căn cứ, "QUYẾT ĐỊNH:", Điều 1… (decisions.py).
DECISION = "Quyết định"
# Every type a letter file may name with `type:`.
WRITABLE_TYPES = (*LETTER_TYPES, DECISION)
CODES = {code: name for name, code in TYPE_CODES.items()}


def canonical(name: str) -> str | None:
    """The type's name as the table spells it (`thông báo`, `THÔNG BÁO` → `Thông báo`)."""
    folded = " ".join(name.split()).casefold()
    return next((known for known in TYPE_CODES if known.casefold() == folded), None)


def symbol_code(symbol: str) -> str:
    """The type code a symbol starts with (`TB-UBND` → `TB`), or "" when it has none."""
    first = symbol.split("/")[-1].split("-")[0]
    return first if first in CODES else ""
