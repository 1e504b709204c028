"""Quyết định (Nghị định 30/2020, PL III, Mẫu 1.1-1.3): what a decision has and a công văn
has not — the issuing authority's title under its summary (CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH …, or
the collective body itself, Mẫu 1.3), its Căn cứ lines, “QUYẾT ĐỊNH:”, the articles (Điều 1. …)
with their khoản and điểm, and Nơi nhận led by “Như Điều 3;” instead of a Kính gửi.

Reads these parts from the letter's YAML (`load` calls `read_decision`) and decides the words of
the Căn cứ lines (`compose` calls `ground_lines`, and writes the articles as it writes duties);
the .docx layout is `docx/decision.py`.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from dispatch_gen.doctypes import DECISION
from dispatch_gen.errors import InputError
from dispatch_gen.model import Article, Ground, Letterhead, Signature
from dispatch_gen.source import Fields

DECISION_FIELDS = ("decided_by", "grounds", "articles")
TYPED_NUMBER = re.compile(r"^Điều\s+(\d+)\s*[.:]\s*")  # "Điều 1. …" typed by the clerk


@dataclass(frozen=True)
class DecisionParts:
    """A decision's own parts as read; empty for every other letter."""

    grounds: tuple[Ground, ...] = ()
    articles: tuple[Article, ...] = ()
    decided_by: str = ""
    as_above: str = "Như trên"  # the first Nơi nhận line when nothing else is said


def read_decision(fields: Fields, kind: str) -> DecisionParts:
    """`grounds:`, `articles:` and `decided_by:` of a `type: Quyết định`; refused elsewhere."""
    given = [key for key in DECISION_FIELDS if fields.data.get(key) is not None]
    if kind != DECISION:
        if given:
            raise InputError(
                f"“{given[0]}” chỉ dùng cho Quyết định",
                f"thêm dòng “type: Quyết định”, hoặc bỏ “{given[0]}:”",
                fields.source.key_at((*fields.path, given[0])),
            )
        return DecisionParts()
    if fields.data.get("recipients"):
        raise InputError(
            "Quyết định không có “Kính gửi”",
            "bỏ “recipients:”; nơi thi hành ghi ở điều cuối (Điều 3) và ở “distribution:”",
            fields.source.key_at((*fields.path, "recipients")),
        )
    articles = _articles(fields)
    grounds = _grounds(fields)
    return DecisionParts(
        grounds=grounds,
        articles=articles,
        decided_by=fields.text("decided_by"),
        as_above=f"Như Điều {len(articles)}",
    )


def _entries(fields: Fields, key: str, hint: str) -> list[object]:
    value = fields.data.get(key)
    if not isinstance(value, list) or not value:
        where = fields.at(key) if key in fields.data else fields.at("type")
        what = "chưa có" if key not in fields.data else "phải là một danh sách, mỗi mục một dòng"
        raise InputError(f"Quyết định: “{key}” {what}", hint, where)
    return value


GROUNDS_HINT = (
    "ghi “grounds:”, mỗi căn cứ một dòng “- Căn cứ Luật …”, dòng cuối “- Theo đề nghị của …” "
    "(chương trình thêm “;” và “.”)"
)
ARTICLES_HINT = (
    "ghi “articles:”, mỗi điều một dòng “- …” (chương trình đánh số “Điều 1.”, “Điều 2.”); "
    "điều có khoản: “- text: …” rồi “items: [khoản 1, khoản 2]”"
)


def _grounds(fields: Fields) -> tuple[Ground, ...]:
    out = []
    for index, entry in enumerate(_entries(fields, "grounds", GROUNDS_HINT)):
        if not isinstance(entry, str) or not entry.strip():
            raise InputError(
                f"căn cứ thứ {index + 1} phải là một dòng chữ",
                "ghi “- Căn cứ …” trên một dòng",
                fields.at("grounds", index),
            )
        text = entry.strip().lstrip("-–").strip()
        out.append(Ground(text, fields.source.text_place((*fields.path, "grounds", index))))
    return tuple(out)


def _articles(fields: Fields) -> tuple[Article, ...]:
    from dispatch_gen.load import _points  # khoản and điểm are read as a duty's items are

    out = []
    for index, entry in enumerate(_entries(fields, "articles", ARTICLES_HINT)):
        path = (*fields.path, "articles", index)
        number = index + 1
        if isinstance(entry, str) and entry.strip():
            text, clauses, place = entry, (), fields.source.text_place(path)
        elif isinstance(entry, dict):
            article = Fields(fields.source, path, ["text", "items"], f"Điều {number}")
            text = article.text("text", required=True)
            # khoản 1. 2. …; what they hold is lettered a) b) … đ) e) g) unless marked otherwise
            clauses = _points(article, "1.1.")
            place = fields.source.text_place((*path, "text"))
        else:
            raise InputError(
                f"Điều {number} phải là một đoạn chữ, hoặc “text:” với “items:”",
                ARTICLES_HINT,
                fields.at("articles", index),
            )
        typed = TYPED_NUMBER.match(text.strip())
        if typed and int(typed[1]) != number:
            raise InputError(
                f"mục thứ {number} của “articles” ghi “Điều {typed[1]}.”",
                "bỏ chữ “Điều …” ở đầu: chương trình đánh số các điều theo thứ tự",
                fields.at("articles", index),
            )
        text = text.strip()[typed.end() :] if typed else text.strip()
        out.append(Article(text, clauses, place))
    return tuple(out)


def issuing_title(
    letterhead: Letterhead, signature: Signature, decided_by: str, where: Fields
) -> str:
    """Thẩm quyền ban hành: as written, or the head's title and the agency (Mẫu 1.1: CHỦ TỊCH
    ỦY BAN NHÂN DÂN TỈNH …); a collective body's decision, signed “TM.”, names the body alone
    (Mẫu 1.3: ỦY BAN NHÂN DÂN TỈNH …)."""
    if decided_by:
        return decided_by
    agency = " ".join(letterhead.agency)
    if signature.authority and signature.authority[0].startswith("TM."):
        return agency
    if not letterhead.head:
        raise InputError(
            "Quyết định cần thẩm quyền ban hành",
            "thêm “decided_by: Giám đốc Sở …” (dòng in hoa dưới trích yếu), hoặc “head:” vào "
            "tiêu đề cơ quan",
            where.at("type"),
        )
    if agency.casefold().startswith(letterhead.head.casefold()):
        return agency  # the head is the agency (Thủ tướng Chính phủ)
    return f"{letterhead.head} {agency}"


def ground_lines(texts: Sequence[str]) -> tuple[str, ...]:
    """Each Căn cứ ends with “;”, the last line with “.” (PL I, II.6); a last line the clerk
    ended with a comma keeps it (“Xét đề nghị của …,” as letters before 2020 wrote it)."""
    out = []
    for position, text in enumerate(texts):
        last = position == len(texts) - 1
        text = " ".join(text.split())
        if last and text.endswith(","):
            out.append(text)
            continue
        out.append(text.rstrip(" ;.,") + ("." if last else ";"))
    return tuple(out)
