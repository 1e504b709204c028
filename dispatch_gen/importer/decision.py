"""Step 2 of import, a Quyết định's body (Mẫu 1.1-1.3) → `decided_by`, `grounds` and `articles`.

The body of a decision read off the page is: the issuing authority's line (CHỦ TỊCH ỦY BAN NHÂN
DÂN …), the Căn cứ lines, “QUYẾT ĐỊNH:”, then the articles, each starting “Điều 1.”, with the
paragraphs that continue it and its khoản (1. 2. …) with their điểm (a) b) …). Anything before
Điều 1 that the reading cannot place is a doubt, never lost: it is kept in the nearest field.
"""

from __future__ import annotations

import re
from typing import Any

from dispatch_gen.importer.body import LETTERED, NUMBERED, Block, inline
from dispatch_gen.importer.reading import BodyParagraph

ENACTING = re.compile(r"^\s*QUYẾT\s+ĐỊNH\s*:?\s*$")
ARTICLE = re.compile(r"^\s*Điều\s+\d+\s*[.:]\s*")
ARTICLE_MARKUP = re.compile(r"^(\*\*)?Điều\s+\d+\s*[.:]\s*(\*\*)?\s*")


def _plain(block: BodyParagraph) -> str:
    return " ".join(block.text.split())


def decision_fields(body: list[Block]) -> tuple[dict[str, Any], list[str]]:
    """The decision's own fields and the doubts about them."""
    fields: dict[str, Any] = {}
    doubts: list[str] = []
    at = next(
        (i for i, b in enumerate(body) if isinstance(b, BodyParagraph) and ENACTING.match(b.text)),
        None,
    )
    first = next(
        (i for i, b in enumerate(body) if isinstance(b, BodyParagraph) and ARTICLE.match(b.text)),
        len(body),
    )
    front = body[: at if at is not None else first]
    if at is None:
        doubts.append("không thấy dòng “QUYẾT ĐỊNH:”; các dòng trước Điều 1 được coi là căn cứ")
    lines = [_plain(b) for b in front if isinstance(b, BodyParagraph) and _plain(b)]
    if lines and lines[0] == lines[0].upper():
        fields["decided_by"] = lines.pop(0)
    if lines:
        fields["grounds"] = [line.rstrip(";.").rstrip() for line in lines]
    else:
        doubts.append("không thấy căn cứ ban hành; ghi “grounds:”")
    articles = _articles(body[first:])
    if articles:
        fields["articles"] = articles
    else:
        doubts.append("không thấy “Điều 1.”; ghi các điều ở “articles:”")
    return fields, doubts


def _articles(blocks: list[Block]) -> list[Any]:
    articles: list[dict[str, Any]] = []
    for block in blocks:
        if not isinstance(block, BodyParagraph):
            continue  # a table inside an article has no field of its own: the doubt says so
        text = inline(block.spans)
        if ARTICLE.match(block.text):
            articles.append({"text": ARTICLE_MARKUP.sub("", text, count=1)})
            continue
        if not articles:
            continue
        article = articles[-1]
        if NUMBERED.match(block.label):
            article.setdefault("items", []).append({"text": text})
        elif (LETTERED.match(block.label) or block.label) and article.get("items"):
            clause = article["items"][-1]
            clause.setdefault("items", []).append(text)
            if not LETTERED.match(block.label):
                clause["item_style"] = "-"
        else:
            article["text"] += "\n\n" + (f"{block.label} {text}" if block.label else text)
    # a khoản with nothing under it, and an article with no khoản, are written as plain lines
    out: list[Any] = []
    for article in articles:
        items = [c if c.get("items") else c["text"] for c in article.get("items", [])]
        out.append({"text": article["text"], "items": items} if items else article["text"])
    return out
