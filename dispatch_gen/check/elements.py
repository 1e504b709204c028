"""Finds the parts of a công văn by their text, wherever the layout put them.

Owns the mapping from a read Document to a Letter: Quốc hiệu, Tiêu ngữ, agency lines, "Số:", date,
V/v, a stray type line ("CÔNG VĂN"), Kính gửi with its recipients, body paragraphs, Nơi nhận with
its items, and the signature block. Text decides, not position: headers are usually borderless
tables, but tab-separated lines and text boxes are read the same way.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache

from dispatch_gen.check.catalog import AUTHORITY_PREFIXES, NATIONAL_TITLES
from dispatch_gen.check.model import Document, Paragraph, Piece
from dispatch_gen.doctypes import TYPE_CODES
from dispatch_gen.docx import layout

DASHES = "-‐‑‒–—"
NUMBER = re.compile(r"^Số\s*[:.]?\s*[^/]{0,12}/\S")
DATE = re.compile(r"^[^,]{2,60},\s*ngày\b.*\btháng\b.*\bnăm\b", re.IGNORECASE)
AUTHORITY = re.compile(
    r"^(" + "|".join(re.escape(p[:-1]) for p in AUTHORITY_PREFIXES) + r"|T/M|K/T|T/L|TU/Q)\s*[./:]",
    re.IGNORECASE,
)
RULE_TEXT = re.compile(r"^[_\s]*_{3,}[_\s]*$")
HEAD_LIMIT = 40  # without a Kính gửi, the header is looked for in the first pieces


SPACED_DASH = re.compile(f"\\s*[{DASHES}]\\s*")


@lru_cache(maxsize=8192)
def key(text: str) -> str:
    """Matching key: NFC, case-folded, dashes unified, whitespace collapsed (worked out once per
    text: each piece is asked several times, and a batch repeats its lines)."""
    text = unicodedata.normalize("NFC", text).casefold()
    for dash in DASHES:  # the dash search only for a text that has one (a body paragraph rarely)
        if dash in text:
            return " ".join(SPACED_DASH.sub(" - ", text).split())
    return " ".join(text.split())


def begins(plain: str, words: str) -> bool:
    """`key(plain).startswith(words)` for a plain text (NFC, no whitespace at its ends) and
    words that begin with a letter. `key` folds character by character and its first character
    is the text's first, folded (or a dash): a text whose first character does not fold to the
    words' first letter is not keyed (a body paragraph, new in every letter, is long)."""
    return plain[:1].casefold()[:1] == words[0] and key(plain).startswith(words)


TITLE_KEYS = {key(t) for t in NATIONAL_TITLES}
MOTTO_KEY = key(layout.MOTTO)
KIND_KEYS = {key(name): name for name in TYPE_CODES}
MARKS = {*layout.SECRECY_MARKS, *layout.URGENCY_MARKS, *layout.CIRCULATION_MARKS}
LUU = re.compile(r"^[-–]\s*Lưu\b")


def starts_with_dash(piece: Piece) -> bool:
    return piece.plain[:1] in DASHES


@dataclass
class Letter:
    """The parts of a công văn found in a document; missing parts stay None / empty."""

    national_title: Piece | None = None
    motto: Piece | None = None
    parent: list[Piece] = field(default_factory=list)  # cơ quan chủ quản
    agency: list[Piece] = field(default_factory=list)  # cơ quan ban hành
    number: Piece | None = None
    date: Piece | None = None
    subject: list[Piece] = field(default_factory=list)  # V/v and its continuation lines
    type_lines: list[Piece] = field(default_factory=list)  # "CÔNG VĂN", which must not be there
    kind: Piece | None = None  # a named type's name (THÔNG BÁO), Mẫu 1.4
    kind_name: str = ""  # that name as PL III spells it (Thông báo)
    summary: list[Piece] = field(default_factory=list)  # the named type's trích yếu
    salutation: Piece | None = None
    recipients: list[Piece] = field(default_factory=list)
    body: list[Paragraph] = field(default_factory=list)
    distribution_label: Piece | None = None
    distribution: list[Piece] = field(default_factory=list)
    after_distribution: list[Piece] = field(default_factory=list)  # ô 12, a free line
    authority: list[Piece] = field(default_factory=list)
    signer: Piece | None = None


def find_letter(doc: Document) -> Letter:
    """Locate every part of the letter in the main story."""
    pieces = doc.pieces()
    letter = Letter()
    salutation = next(
        (i for i, p in enumerate(pieces) if begins(p.plain, "kính gửi")), None
    )
    head = pieces[: salutation if salutation is not None else HEAD_LIMIT]
    letter.national_title = next((p for p in head if key(p.shown) in TITLE_KEYS), None)
    letter.motto = next((p for p in head if key(p.plain) == MOTTO_KEY), None)
    letter.number = next((p for p in head if NUMBER.match(p.plain)), None)
    letter.date = next((p for p in head if DATE.match(p.plain)), None)
    letter.type_lines = [p for p in head if key(p.shown) == "công văn"]
    subject_at = next((i for i, p in enumerate(head) if begins(p.plain, "v/v")), None)
    if subject_at is not None:
        letter.subject = continuation(head, subject_at)
    find_kind(letter, head)
    find_agency(letter, head)
    if salutation is not None:
        letter.salutation = pieces[salutation]
        letter.recipients = find_recipients(pieces, salutation)
    find_closing(letter, pieces, salutation or 0)
    letter.body = find_body(doc, letter)
    return letter


def find_kind(letter: Letter, head: list[Piece]) -> None:
    """A named type (Mẫu 1.4): its name alone on a line under the header, its summary in the
    bold lines right under it."""
    at = next(
        (i for i, p in enumerate(head) if key(p.shown) in KIND_KEYS and p.paragraph.cell is None),
        None,
    )
    if at is None:
        return
    letter.kind = head[at]
    letter.kind_name = KIND_KEYS[key(head[at].shown)]
    last = head[at].paragraph.index
    for piece in head[at + 1 :]:
        if piece.paragraph.index > last + 1 or not piece.any_bold or piece.paragraph.cell:
            break
        letter.summary.append(piece)
        last = piece.paragraph.index


def continuation(pieces: list[Piece], start: int) -> list[Piece]:
    """A piece and the lines after it in the same table cell (a V/v may take two lines)."""
    first = pieces[start]
    found = [first]
    if first.paragraph.cell is None:
        return found
    for piece in pieces[start + 1 :]:
        if piece.paragraph.container() != first.paragraph.container() or NUMBER.match(piece.plain):
            break
        if piece.plain in MARKS:  # ô 10a, 10b, 11 under the V/v
            break
        found.append(piece)
    return found


def find_agency(letter: Letter, head: list[Piece]) -> None:
    """Agency lines: the header cell beside the Quốc hiệu (or the lines above "Số:")."""
    known = {id(p) for p in (letter.national_title, letter.motto, letter.number, letter.date)}
    known |= {id(p) for p in letter.subject + letter.type_lines}
    title = letter.national_title

    def candidate(p: Piece) -> bool:
        return id(p) not in known and not RULE_TEXT.match(p.plain) and not DATE.match(p.plain)

    if title is not None and title.paragraph.cell is not None:
        cell = title.paragraph.cell
        beside = [
            p
            for p in head
            if p.paragraph.cell
            and p.paragraph.cell.table == cell.table
            and p.paragraph.cell.row == cell.row
            and p.paragraph.cell.column != cell.column
        ]
        lines = [p for p in beside if candidate(p)]
    else:
        stop = letter.number or (letter.subject[0] if letter.subject else None)
        lines = []
        for p in head:
            if p is stop:
                break
            if candidate(p) and p.shown == p.shown.upper() and len(lines) < 4:
                lines.append(p)
    bold = [p.bold for p in lines]
    if any(bold) and not all(bold):
        first_bold = bold.index(True)
        letter.parent, letter.agency = lines[:first_bold], lines[first_bold:]
    elif len(lines) >= 2 and not any(bold):
        letter.parent, letter.agency = lines[:1], lines[1:]
    else:
        letter.agency = lines


def find_recipients(pieces: list[Piece], salutation: int) -> list[Piece]:
    """Recipients after "Kính gửi:": the rest of its line, or the dash lines below it."""
    found: list[Piece] = []
    for piece in pieces[salutation + 1 :]:
        same_line = (
            piece.paragraph is pieces[salutation].paragraph
            and piece.line == pieces[salutation].line
        )
        if not (same_line or starts_with_dash(piece)):
            break
        found.append(piece)
        if piece.plain.endswith(".") and not same_line:
            break
    return found


def find_closing(letter: Letter, pieces: list[Piece], after: int) -> None:
    """Nơi nhận with its items, and the signature block beside or near it."""
    at = next(
        (i for i, p in enumerate(pieces) if i > after and begins(p.plain, "nơi nhận")), None
    )
    label = pieces[at] if at is not None else None
    letter.distribution_label = label
    signature: list[Piece] = []
    if label is not None and at is not None:
        container = label.paragraph.container()
        for piece in pieces[at + 1 :]:
            if label.paragraph.cell is not None:
                if piece.paragraph.container() != container:
                    break
            elif (
                not starts_with_dash(piece)
                and letter.distribution
                and letter.distribution[-1].plain.endswith(".")
            ):
                break
            if letter.after_distribution or archived(letter.distribution):
                letter.after_distribution.append(piece)  # ô 12, a file path: not items
            else:
                letter.distribution.append(piece)
        cell = label.paragraph.cell
        if cell is not None:
            signature = [
                p
                for p in pieces
                if p.paragraph.cell
                and p.paragraph.cell.table == cell.table
                and p.paragraph.cell.row == cell.row
                and p.paragraph.cell.column != cell.column
            ]
    if not signature:
        taken = {id(p) for p in letter.distribution + letter.after_distribution} | {id(label)}
        start = next(
            (
                i
                for i, p in enumerate(pieces)
                if i > after and AUTHORITY.match(p.plain) and id(p) not in taken
            ),
            None,
        )
        if start is not None:
            container = pieces[start].paragraph.container()
            for piece in pieces[start:]:
                if piece is label or piece.paragraph.container() != container:
                    break
                signature.append(piece)
    split_signature(letter, signature)


def archived(items: list[Piece]) -> bool:
    """The list has ended: its "- Lưu: …" line (which may wrap) has its final period."""
    start = next((i for i, p in enumerate(items) if LUU.match(p.plain)), None)
    return start is not None and items[-1].plain.endswith(".")


def split_signature(letter: Letter, pieces: list[Piece]) -> None:
    """Authority lines sit above the signing space; the signer's name is the last line below it."""
    groups: list[list[Piece]] = []
    for piece in pieces:
        if groups and piece.paragraph.index - groups[-1][-1].paragraph.index <= 1:
            groups[-1].append(piece)
        else:
            groups.append([piece])
    if len(groups) >= 2:
        letter.authority, letter.signer = groups[0], groups[-1][-1]
    elif groups and len(groups[0]) >= 2 and not groups[0][-1].upper:
        # no signing space: a last line in ordinary case is the name, an UPPER one a title
        letter.authority, letter.signer = groups[0][:-1], groups[0][-1]
    elif groups:
        letter.authority = groups[0]


def find_body(doc: Document, letter: Letter) -> list[Paragraph]:
    """Main-text paragraphs: outside tables, after the header and Kính gửi, before the closing."""
    head = [letter.national_title, letter.motto, letter.number, letter.date, letter.salutation]
    head_pieces = [p for p in head if p] + letter.parent + letter.agency + letter.subject
    head_pieces += letter.recipients + letter.type_lines + letter.summary
    head_pieces += [letter.kind] if letter.kind else []
    closing = [letter.distribution_label, letter.signer] + letter.authority + letter.distribution
    closing_pieces = [p for p in closing if p]
    start = max((p.paragraph.index for p in head_pieces), default=-1)
    end = min((p.paragraph.index for p in closing_pieces), default=len(doc.paragraphs) + 10**6)
    taken = {id(p.paragraph) for p in head_pieces + closing_pieces}
    return [
        p
        for p in doc.paragraphs
        if p.story == "body"
        and p.cell is None
        and start < p.index < end
        and p.plain
        and id(p) not in taken
        and not RULE_TEXT.match(p.plain)
    ]
