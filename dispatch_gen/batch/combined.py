"""Files that gather a batch's letters: one .docx to print them all, and a zip of the letters.

In the print file every letter is a section of its own: it starts on a new page, numbers its
pages from 1 and leaves its first page unnumbered (w:pgNumType start=1, w:titlePg), as it would
alone. Both files are written as the letters arrive (one letter's XML in memory at a time),
through a temp file renamed at the end, and have fixed zip times: same letters, same bytes.
"""

from __future__ import annotations

import zipfile
from contextlib import ExitStack
from dataclasses import replace
from pathlib import Path
from types import TracebackType
from typing import IO

from dispatch_gen.blocks import Letter
from dispatch_gen.docx import parts
from dispatch_gen.docx.document import BodyWriter, letter_xml
from dispatch_gen.docx.layout import DEFAULT_STYLE
from dispatch_gen.docx.package import ZIP_TIME, open_atomic, package_parts

# A letter's own section: a new page, pages counted from 1, the first page's header empty.
SECTION = parts.SECTION_RESTART
DOCUMENT = "word/document.xml"


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
        for name, text in package_parts("", [], [], _EMPTY)[:2]:  # content types, package rels
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
        # each letter keeps its own margins (the office's house style)
        self._section = (
            SECTION
            if letter.style == DEFAULT_STYLE
            else parts.section(restart=True, style=letter.style)
        )
        self._pending = letter_xml(letter, self.writer, self._section, self._section)

    def finish(self) -> None:
        self._document.write((self._pending + self._section + "</w:body></w:document>").encode())
        self._document.close()
        # The parts after the document; the properties (title, date) are the first letter's.
        # (ô 13's first-page footer is a single letter's: one combined file has none)
        first = replace(self.first, contact=()) if self.first else _EMPTY
        after = package_parts("", self.writer.links, self.writer.lists, first, self.writer.notes)[
            3:
        ]
        for name, text in after:
            self.zip.writestr(_info(name, zipfile.ZIP_DEFLATED), text)


class LettersZip(_Archive):
    """The letters' .docx files in one zip, stored as they are (a .docx is compressed already)."""

    def add(self, name: str, data: bytes) -> None:
        self.zip.writestr(_info(name, zipfile.ZIP_STORED), data)


_EMPTY = Letter(
    parent=(), agency=(), number_line="", date_line="", subject="", recipients=(), body=(),
    distribution=(), authority=(), signer="",
)  # fmt: skip
