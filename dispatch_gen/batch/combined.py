"""Files that gather a batch's letters: one .docx to print them all, and a zip of the letters.

In the print file every letter is a section of its own: it starts on a new page, numbers its
pages from 1 and leaves its first page unnumbered (w:pgNumType start=1, w:titlePg), as it would
alone. A letter's ô 13 (`contact`) is its section's first-page footer, as in its own file:
letters with the same contact share one footer part, another contact gets a part of its own, and
once a footer has been printed every later section that has none names the empty footer (a
section without a reference repeats the previous section's). Both files are written as the
letters arrive (one letter's XML in memory at a time), through a temp file renamed at the end,
and have fixed zip times: same letters, same bytes. The print file's [Content_Types].xml comes
last, when the footer parts are known (the package format sets no order).
"""

from __future__ import annotations

import zipfile
from contextlib import ExitStack
from dataclasses import replace
from functools import lru_cache
from pathlib import Path
from types import TracebackType
from typing import IO

from dispatch_gen.blocks import Letter
from dispatch_gen.docx import parts
from dispatch_gen.docx.document import BodyWriter, last_section, letter_xml
from dispatch_gen.docx.layout import DEFAULT_STYLE, HouseStyle
from dispatch_gen.docx.package import ZIP_TIME, open_atomic, package_parts
from dispatch_gen.docx.wordml import esc

# A letter's own section: a new page, pages counted from 1, the first page's header empty.
SECTION = parts.SECTION_RESTART
DOCUMENT = "word/document.xml"
CONTENT_TYPES = "[Content_Types].xml"


@lru_cache(maxsize=64)
def _sections(style: HouseStyle, contact: int, blank: bool) -> tuple[str, str]:
    """A letter's own section and its appendices' section: `contact` numbers its ô 13 footer
    (0: none), `blank` names the empty one where no ô 13 belongs."""
    if not contact and not blank:
        first = SECTION if style == DEFAULT_STYLE else parts.section(restart=True, style=style)
        return first, first
    later = parts.section(restart=True, blank_footer=True, style=style)
    if not contact:
        return later, later
    rid, _ = parts.contact_footer_part(contact)
    return parts.section(restart=True, style=style, first_footer=rid), later


def _info(name: str, compress: int) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name, ZIP_TIME)
    info.compress_type = compress
    info.external_attr = 0o644 << 16
    info.create_system = 3  # Unix, wherever the file is made
    return info


class _Archive:
    """A zip written through `open_atomic`: kept only when the `with` block ends cleanly."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._stack = ExitStack()
        self.zip: zipfile.ZipFile

    def __enter__(self) -> _Archive:
        handle = self._stack.enter_context(open_atomic(self.path))
        self.zip = self._stack.enter_context(zipfile.ZipFile(handle, "w"))
        return self

    def finish(self) -> None:
        """Write what comes after the letters (called only on success)."""

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        if kind is None:
            self.finish()
        self._stack.__exit__(kind, error, tb)


class CombinedDocx(_Archive):
    """Every letter in one .docx, in the order added."""

    def __enter__(self) -> CombinedDocx:
        super().__enter__()
        self.writer = BodyWriter()
        self.first: Letter | None = None
        self._pending = ""
        self._section = SECTION
        self.contacts: dict[tuple[str, ...], int] = {}  # each distinct ô 13 → its footer's number
        for name, text in package_parts("", [], [], _EMPTY)[1:2]:  # the package rels
            self.zip.writestr(_info(name, zipfile.ZIP_DEFLATED), text)
        self._document: IO[bytes] = self.zip.open(_info(DOCUMENT, zipfile.ZIP_DEFLATED), "w")
        self._document.write(
            (
                parts.DECL + f'<w:document xmlns:w="{parts.W_NS}" xmlns:r="{parts.R_NS}"><w:body>'
            ).encode()
        )
        return self

    def add(self, letter: Letter) -> None:
        # The previous letter waits: only the last one ends without a section-break paragraph.
        if self._pending:
            self._document.write((self._pending + parts.section_break(self._section)).encode())
        self.first = self.first or letter
        contact = 0
        if letter.contact:
            contact = self.contacts.setdefault(letter.contact, len(self.contacts) + 1)
        # each letter keeps its own margins (the office's house style)
        first, later = _sections(letter.style, contact, bool(self.contacts))
        self._section = last_section(letter, first, later)
        self._pending = letter_xml(letter, self.writer, first, later)

    def finish(self) -> None:
        self._document.write((self._pending + self._section + "</w:body></w:document>").encode())
        self._document.close()
        # The parts after the document; the properties (title, date) are the first letter's,
        # the ô 13 footers every letter's (declared here, not by the first letter).
        first = replace(self.first, contact=()) if self.first else _EMPTY
        entries = package_parts("", self.writer.links, self.writer.lists, first, self.writer.notes)
        types = entries[0][1]
        after = entries[3:]
        if self.contacts:
            relationships, overrides = parts.footer_declarations(len(self.contacts))
            name, rels = after[0]  # word/_rels/document.xml.rels
            after[0] = name, rels.replace("</Relationships>", f"{relationships}</Relationships>")
            types = types.replace("</Types>", f"{overrides}</Types>")
            footers = [
                (parts.contact_footer_part(n)[1], parts.contact_footer(lines, esc))
                for lines, n in self.contacts.items()
            ]
            footers.insert(1, (parts.BLANK_FOOTER_PART, parts.BLANK_FOOTER))  # footer2.xml
            at = next(i for i, (name, _) in enumerate(after) if name.startswith("docProps/"))
            after[at:at] = footers  # after the headers, as in a letter's own file
        for name, text in [*after, (CONTENT_TYPES, types)]:
            self.zip.writestr(_info(name, zipfile.ZIP_DEFLATED), text)


class LettersZip(_Archive):
    """The letters' .docx files in one zip, stored as they are (a .docx is compressed already)."""

    def add(self, name: str, data: bytes) -> None:
        self.zip.writestr(_info(name, zipfile.ZIP_STORED), data)


_EMPTY = Letter(
    parent=(), agency=(), number_line="", date_line="", subject="", recipients=(), body=(),
    distribution=(), authority=(), signer="",
)  # fmt: skip
