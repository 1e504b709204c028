"""Stage 2, compose: a `Dispatch` + its Jinja template → a `Letter` (header, body blocks, closing).

The fixed parts Decree 30 shapes (Số, date line, Kính gửi, signature, Nơi nhận) are built here from
the model with their punctuation; the body comes from the template as markup, parsed to blocks.
Compose decides every printed word and no layout.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any

from markupsafe import Markup

from dispatch_gen import markup, templating
from dispatch_gen.blocks import Appendix, Block, Letter, Paragraph, Span
from dispatch_gen.decisions import ground_lines
from dispatch_gen.errors import InputError, Location, TextPlace
from dispatch_gen.model import Dispatch, Duty, Point
from dispatch_gen.template_errors import TemplateValueError
from dispatch_gen.templating import escape_markdown
from dispatch_gen.vietnamese import nfc, roman, upper

BODY_END = "./."


def salutation(recipients: Sequence[str]) -> tuple[str, ...]:
    """Kính gửi (ô 9a): one recipient ends with “.”; several are `- X;` lines, the last `- X.`."""
    if len(recipients) == 1:
        return (f"{recipients[0]}.",)
    return tuple(
        f"- {name}{'.' if i == len(recipients) - 1 else ';'}" for i, name in enumerate(recipients)
    )


def distribution(dispatch: Dispatch) -> tuple[str, ...]:
    """Nơi nhận (ô 9b): `- Như trên;` first when there are recipients, `- Lưu: VT, X.` last.
    A Quyết định's is led by `- Như Điều 3;` (its last article), or has it where the clerk
    listed it (some put a higher body first)."""
    above = dispatch.as_above.casefold()
    listed = any(d.casefold() == above for d in dispatch.distribution)
    if dispatch.articles and listed:
        lines = list(dispatch.distribution)
    else:
        lead = dispatch.as_above and (dispatch.recipients or dispatch.articles)
        lines = [dispatch.as_above] if lead else []  # `as_above: ""`: no such line
        lines += [d for d in dispatch.distribution if d.casefold() != above]
    items = [f"- {line};" for line in lines]
    archive = ", ".join(dispatch.archive)
    # an archive ending in an abbreviation keeps its one period ("- Lưu: VT, TT.")
    return (*items, f"- Lưu: {archive}{'' if archive.endswith('.') else '.'}")


def _cell(text: str) -> str:
    return escape_markdown(text).replace("&", "&amp;").replace("<", "&lt;").replace("\n", " ")


def table_markup(table: Any) -> Markup:
    """A `StatTable` as a pipe table; the total row bold. Cells are escaped text."""
    header, body, total = table.cells()
    marks = {"left": ":--", "center": ":-:", "right": "--:"}
    lines = [
        "| " + " | ".join(_cell(h) for h in header) + " |",
        "| " + " | ".join(marks[c.align] for c in table.columns) + " |",
    ]
    lines += ["| " + " | ".join(_cell(c) for c in row) + " |" for row in body]
    if total:
        lines.append("| " + " | ".join(f"**{_cell(c)}**" if c else "" for c in total) + " |")
    return Markup("\n\n" + "\n".join(lines) + "\n\n")


def _indent(text: str, width: int) -> str:
    pad = " " * width
    return "\n".join(pad + line if line.strip() else "" for line in text.strip().splitlines())


def _marker(style: str, number: int, section: str) -> str:
    """How the `number`-th sub-item is marked: points as markup `1)` (printed `a)`), sub-sections
    and `(i)` as their printed text."""
    if style == "a)":
        return f"{number})"
    if style == "1.1.":
        return f"{section}.{number}." if section else f"{number}."
    if style == "(i)":
        return f"({roman(number).lower()})"
    return style


def points_markup(points: Iterable[Point], style: str, pad: int, section: str = "") -> list[str]:
    """Sub-items as list markup `pad` spaces in, each item's own sub-items nested under it.
    Sub-sections (`2.1.`) and `(i)` are paragraphs that start with their number, as typed in
    real letters; what they hold follows at their level, so points restart at `a)` under each."""
    out = []
    for number, point in enumerate(points, start=1):
        marker = _marker(style, number, section)
        if style in ("1.1.", "(i)"):
            out.append(_indent(f"{marker} {point.text}", pad))
            inner, deeper = pad, marker.rstrip(".") if style == "1.1." else section
        else:
            width = len(marker) + 1
            out.append(" " * pad + marker + " " + _indent(point.text, pad + width)[pad + width :])
            inner, deeper = pad + width, section
        if point.items:
            out += points_markup(point.items, point.item_style, inner, deeper)
    return out


def duty_markup(duties: Iterable[tuple[Duty, str, tuple[Point, ...]]], style: str) -> Markup:
    """Numbered duties: `1. **Sở Y tế:** text` with sub-items nested under each (points `a)`,
    dashes, pluses, sub-sections `1.1.`, `(i)`), as list markup."""
    parts = []
    index = 0
    for duty, text, items in duties:
        index = duty.number or index + 1
        marker = f"{index}." if style == "1." else "-"
        parts.append(_duty_markup(marker, duty.to, text, items, duty.item_style, index))
    return Markup("\n\n" + "\n\n".join(parts) + "\n\n")


@lru_cache(maxsize=1024)
def _duty_markup(
    marker: str, to: str, text: str, items: tuple[Point, ...], item_style: str, index: int
) -> str:
    """One duty's markup, made once per text: a batch's letters repeat the master's duties."""
    head = f"**{_cell(to)}:** " if to else ""
    body = _indent(head + text, len(marker) + 1)[len(marker) + 1 :]
    lines = [f"{marker} {body}"]
    lines += points_markup(items, item_style, len(marker) + 1, str(index))
    return "\n\n".join(lines)


def article_markup(articles: Iterable[tuple[str, tuple[Point, ...]]]) -> Markup:
    """A Quyết định's articles: `**Điều 1.** text`, each a paragraph at the body's indent; its
    khoản a numbered list restarting at 1 under each article, their điểm nested under them."""
    parts = []
    for number, (text, clauses) in enumerate(articles, start=1):
        parts.append(f"**Điều {number}.** {_indent(text, 0)}")
        for count, clause in enumerate(clauses, start=1):
            marker = f"{count}."
            body = _indent(clause.text, len(marker) + 1)[len(marker) + 1 :]
            lines = [f"{marker} {body}"]
            lines += points_markup(clause.items, clause.item_style, len(marker) + 1, str(count))
            parts.append("\n\n".join(lines))
    return Markup("\n\n" + "\n\n".join(parts) + "\n\n")


class _Composer:
    """Holds one letter's template context while its body is rendered."""

    def __init__(
        self, dispatch: Dispatch, folders: tuple[Path, ...], extra: dict[str, Any]
    ) -> None:
        self.dispatch = dispatch
        self.env = templating.environment(folders)
        self.placed: set[str] = set()
        self.context: dict[str, Any] = {
            "letter": dispatch,
            "references": dispatch.references,
            "refs": dispatch.references,
            "figures": dispatch.figures,
            "tables": dispatch.tables,
            "deadlines": dispatch.deadlines,
            "duties": dispatch.duties,
            "recipients": dispatch.recipients,
            "signature": dispatch.signature,
            "extra": dispatch.extra,
            "table": self.table,
            "duty_list": self.duty_list,
            "articles": dispatch.articles,
            "article_list": self.article_list,
            **extra,
        }

    def _render(self, text: str, place: TextPlace | None = None) -> str:
        place = place or self.dispatch.body_place or TextPlace(self.dispatch.source, 1)
        return templating.render_text(self.env, text, self.context, place)

    def table(self, name: str) -> Markup:
        if name not in self.dispatch.tables:
            known = ", ".join(self.dispatch.tables) or "chưa có bảng nào"
            raise TemplateValueError(f"không có bảng “{name}” trong “tables” ({known})")
        return table_markup(self.dispatch.tables[name])

    def duty_list(self) -> Markup:
        self.placed.add("duties")
        rendered = (
            (duty, self._render(duty.text, duty.place), self._points(duty.items))
            for duty in self.dispatch.duties
        )
        return duty_markup(rendered, self.dispatch.duty_style)

    def article_list(self) -> Markup:
        """A Quyết định's articles, placed after the body unless the body places them."""
        self.placed.add("articles")
        return article_markup(
            (self._render(a.text, a.place), self._points(a.clauses))
            for a in self.dispatch.articles
        )

    def grounds(self) -> tuple[str, ...]:
        """A Quyết định's Căn cứ lines, which may cite references (`{{ refs.luat | cite }}`)."""
        return ground_lines([self.line(g.text, g.place) for g in self.dispatch.grounds])

    def _points(self, points: tuple[Point, ...]) -> tuple[Point, ...]:
        return tuple(
            Point(self._render(p.text, p.place), self._points(p.items), p.item_style)
            for p in points
        )

    def appendices(self) -> tuple[Appendix, ...]:
        """Phụ lục (Mẫu 2.1): "Phụ lục" alone, or "Phụ lục I", "Phụ lục II" … when there are
        several; the title upper case; "(Kèm theo Công văn số 1119/UBND-KGVX ngày 19 tháng 8
        năm 2020 của Ủy ban nhân dân tỉnh Kiên Giang)", with the draft's blanks. A document a
        decision issues (Mẫu 1.2) is headed by its name, QUY CHẾ, its title as written and
        "(Ban hành kèm theo Quyết định số … của Chủ tịch Ủy ban nhân dân tỉnh …)"."""
        dispatch = self.dispatch
        several = sum(1 for source in dispatch.appendices if not source.kind) > 1
        number = dispatch.number_line.removeprefix("Số: ")
        dated = dispatch.date_line.split(", ", 1)[-1]
        issuer = dispatch.decided_by or " ".join(dispatch.letterhead.agency)
        cited = f"{dispatch.kind or 'Công văn'} số {number} {dated} của {issuer}"
        out, index = [], 0
        for source in dispatch.appendices:
            text = nfc(self._render(source.body, source.place))
            if source.kind:  # Mẫu 1.2: the document the decision issues, named by its type
                label, title = upper(source.kind), source.title
                note = f"(Ban hành kèm theo {cited})"
            else:
                index += 1
                label = f"Phụ lục {roman(index)}" if several else "Phụ lục"
                title, note = upper(source.title), f"(Kèm theo {cited})"
            out.append(Appendix(label, title, note, markup.parse(text)))
        return tuple(out)

    def subject(self) -> str:
        """The trích yếu, which may cite references: `trả lời {{ refs.btp | cite }}`."""
        place = self.dispatch.subject_place or TextPlace(
            self.dispatch.source, self.dispatch.subject_line
        )
        return self.line(self.dispatch.subject, place)

    def line(self, text: str, place: TextPlace | None) -> str:
        """One printed line of the letter's fixed parts, rendered as a template when it has one."""
        if "{" not in text:
            return text
        rendered = markup.parse(nfc(self._render(text, place)))
        return " ".join(b.text for b in rendered if isinstance(b, Paragraph)).strip()

    def body(self) -> tuple[Block, ...]:
        body = Markup(self._render(self.dispatch.body)) if self.dispatch.body else Markup("")
        self.context["body"] = body
        self.context["duties_placed"] = "duties" in self.placed
        self.context["articles_placed"] = "articles" in self.placed
        try:
            text = templating.render_file(self.env, self.dispatch.template, self.context, body)
        except InputError as error:
            if error.where is None:  # the template named in the letter is missing
                where = self.dispatch.template_at or Location(self.dispatch.source, 1, 1)
                raise InputError(error.message, error.hint, where) from None
            raise
        return _with_body_end(markup.parse(nfc(text)))


def _with_body_end(blocks: tuple[Block, ...]) -> tuple[Block, ...]:
    """The body ends with `./.` (Mẫu 1.5); add it unless the clerk wrote it, at the end or
    before a last line such as "(Đính kèm Công văn số …)"."""
    if not blocks or not isinstance(blocks[-1], Paragraph) or not blocks[-1].spans:
        return blocks
    if any(isinstance(b, Paragraph) and b.text.rstrip().endswith(BODY_END) for b in blocks):
        return blocks
    last = blocks[-1]
    text = last.text.rstrip()
    if text.endswith(BODY_END):
        return blocks
    tail = last.spans[-1]
    trimmed = tail.text.rstrip().rstrip(".")
    spans = (*last.spans[:-1], Span(trimmed, tail.bold, tail.italic, tail.link), Span(BODY_END))
    return (*blocks[:-1], Paragraph(spans, last.heading))


def compose(
    dispatch: Dispatch, folders: tuple[Path, ...] = (), extra: dict[str, Any] | None = None
) -> Letter:
    """Decide every printed word of the letter. `extra` adds template variables (batch rows)."""
    composer = _Composer(dispatch, folders, extra or {})
    subject = composer.subject()
    body = composer.body()
    head = dispatch.letterhead
    issued = dispatch.issued.complete
    title = f"{dispatch.kind} {subject}" if dispatch.kind else f"V/v {subject}"
    return Letter(
        parent=tuple(upper(line) for line in head.parent),
        agency=tuple(upper(line) for line in head.agency),
        number_line=dispatch.number_line,
        date_line=dispatch.date_line,
        subject="" if dispatch.kind else title,
        urgency=dispatch.urgency,
        recipients=salutation(dispatch.recipients),
        body=body,
        distribution=distribution(dispatch),
        authority=dispatch.signature.lines,
        signer=dispatch.signature.name,
        title=title,
        author=" ".join(head.agency),
        issued=issued,
        kind=upper(dispatch.kind),
        summary=subject if dispatch.kind else "",
        secrecy=dispatch.secrecy,
        circulation=dispatch.circulation,
        typist_line=dispatch.typist_line,
        closing_line=dispatch.closing_line,
        contact=dispatch.contact,
        decided_by=upper(dispatch.decided_by),
        grounds=composer.grounds(),
        appendices=composer.appendices(),
        style=dispatch.style,
    )
