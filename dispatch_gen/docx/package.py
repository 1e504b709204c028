"""The .docx zip package: parts in a fixed order with fixed times, so equal input gives equal bytes.

The zip is written here directly (local headers, central directory, end record: the bytes
`zipfile` writes for the same parts, with the creating system fixed to Unix). Parts that are the
same for every letter (styles, settings, headers, …) are compressed once and reused; a letter
costs one deflate of its document and a few small parts. Deflate is zlib-ng's (the zlib API, about
twice as fast as zlib at the same level and nearly the same size); its output is a standard
deflate stream that every zip reader takes.

Also the one safe way to put a file on disk: write beside it, then rename over it, so a failed
run never leaves half a file and never destroys the one that was there.
"""

from __future__ import annotations

import os
import struct
import tempfile
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime
from functools import lru_cache
from pathlib import Path
from typing import BinaryIO

from zlib_ng import zlib_ng as zlib

from dispatch_gen.blocks import Letter
from dispatch_gen.docx import parts
from dispatch_gen.docx.document import document
from dispatch_gen.docx.theme import THEME
from dispatch_gen.docx.wordml import esc

ZIP_TIME = (1980, 1, 1, 0, 0, 0)  # the zip epoch: no clock time leaks into the file
COMPRESS_LEVEL = 6
_DOS_TIME = ZIP_TIME[3] << 11 | ZIP_TIME[4] << 5 | ZIP_TIME[5] // 2
_DOS_DATE = (ZIP_TIME[0] - 1980) << 9 | ZIP_TIME[1] << 5 | ZIP_TIME[2]
_VERSION = 20  # zip 2.0: deflate
_UNIX = 3  # "made by" system: fixed, so the bytes do not depend on where the letter was made
_MODE = 0o644 << 16  # external attributes: an ordinary readable file
_DEFLATED = 8
_LOCAL = struct.Struct("<4s2B4HL2L2H")
_CENTRAL = struct.Struct("<4s4B4HL2L5H2L")
_END = struct.Struct("<4s4H2LH")
_UMASK = os.umask(0o022)
os.umask(_UMASK)
_FILE_MODE = 0o666 & ~_UMASK
_BINARY = getattr(os, "O_BINARY", 0)  # Windows: no newline translation


@dataclass(frozen=True, slots=True)
class Member:
    """One compressed part of a zip: its name, CRC-32, sizes and deflated bytes."""

    name: bytes
    crc: int
    size: int
    data: bytes


def member(name: str, text: str) -> Member:
    """Deflate one part (raw deflate, as zip stores it)."""
    raw = text.encode("utf-8")
    compressor = zlib.compressobj(COMPRESS_LEVEL, zlib.DEFLATED, -15)
    data = compressor.compress(raw) + compressor.flush()
    return Member(name.encode("ascii"), zlib.crc32(raw), len(raw), data)


@lru_cache(maxsize=256)
def fixed_member(name: str, text: str) -> Member:
    """A part that repeats from letter to letter (styles, relationships, numbering): deflated
    once. Only for small parts: the cache keeps their text."""
    return member(name, text)


def zip_bytes(members: Iterable[Member]) -> bytes:
    """A zip archive of already compressed members, in the given order."""
    local: list[bytes] = []
    central: list[bytes] = []
    offset = 0
    for m in members:
        header = _LOCAL.pack(
            b"PK\003\004", _VERSION, 0, 0, _DEFLATED, _DOS_TIME, _DOS_DATE,
            m.crc, len(m.data), m.size, len(m.name), 0,
        )  # fmt: skip
        central.append(
            _CENTRAL.pack(
                b"PK\001\002", _VERSION, _UNIX, _VERSION, 0, 0, _DEFLATED, _DOS_TIME, _DOS_DATE,
                m.crc, len(m.data), m.size, len(m.name), 0, 0, 0, 0, _MODE, offset,
            )  # fmt: skip
            + m.name
        )
        local += (header, m.name, m.data)
        offset += len(header) + len(m.name) + len(m.data)
    directory = b"".join(central)
    end = _END.pack(b"PK\005\006", 0, 0, len(central), len(central), len(directory), offset, 0)
    return b"".join(local) + directory + end


def core_xml(letter: Letter) -> str:
    """docProps/core.xml: title, author, language; created and modified on the issue date."""
    issued = letter.issued or date(1980, 1, 1)
    stamp = datetime(issued.year, issued.month, issued.day).strftime("%Y-%m-%dT%H:%M:%SZ")
    return (
        parts.DECL
        + '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/'
        'core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" '
        'xmlns:dcterms="http://purl.org/dc/terms/" '
        'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
        f"<dc:title>{esc(letter.title)}</dc:title><dc:creator>{esc(letter.author)}</dc:creator>"
        f"<cp:lastModifiedBy>{esc(letter.author)}</cp:lastModifiedBy><dc:language>vi-VN</dc:language>"
        f'<dcterms:created xsi:type="dcterms:W3CDTF">{stamp}</dcterms:created>'
        f'<dcterms:modified xsi:type="dcterms:W3CDTF">{stamp}</dcterms:modified>'
        "</cp:coreProperties>"
    )


def document_rels(links: list[str], footer: bool = False) -> str:
    """word/_rels/document.xml.rels: the fixed parts, then one external target per hyperlink."""
    external = "".join(
        f'<Relationship Id="rIdLink{i}" Type="{parts.REL}hyperlink" Target="{esc(url)}"'
        ' TargetMode="External"/>'
        for i, url in enumerate(links, start=1)
    )
    return (
        parts.DECL
        + f'<Relationships xmlns="{parts.PKG_RELS}">{parts.DOCUMENT_RELS_FIXED}'
        + (parts.FOOTER_RELATIONSHIP if footer else "")
        + external
        + "</Relationships>"
    )


def package_parts(
    xml: str,
    links: list[str],
    lists: list[tuple[int, int]],
    letter: Letter,
    notes: list[str] | None = None,
) -> list[tuple[str, str]]:
    """Every part of the package but the document, in order: (name, text). The document goes
    third; `xml` is only its text, and the others come from `links`, `lists`, `letter` and
    `notes` (each footnote's paragraphs; the part holds the separators even with none)."""
    footer = bool(letter.contact)
    types = parts.CONTENT_TYPES
    if footer:
        types = types.replace("</Types>", parts.FOOTER_CONTENT_TYPE + "</Types>")
    return [
        ("[Content_Types].xml", types),
        ("_rels/.rels", parts.PACKAGE_RELS),
        ("word/document.xml", xml),
        ("word/_rels/document.xml.rels", document_rels(links, footer)),
        ("word/styles.xml", parts.styles_xml(letter.style)),
        ("word/settings.xml", parts.SETTINGS),
        ("word/fontTable.xml", parts.FONT_TABLE),
        ("word/theme/theme1.xml", THEME),
        ("word/numbering.xml", parts.numbering(lists)),
        ("word/footnotes.xml", parts.footnotes(notes or [])),
        ("word/header1.xml", parts.PAGE_NUMBER_HEADER),
        ("word/header2.xml", parts.FIRST_PAGE_HEADER),
        *(
            [
                (parts.FOOTER_PART, parts.contact_footer(letter.contact, esc)),
                (parts.BLANK_FOOTER_PART, parts.BLANK_FOOTER),
            ]
            if footer
            else []
        ),
        ("docProps/core.xml", core_xml(letter)),
        ("docProps/app.xml", parts.APP),
    ]


def docx_bytes(letter: Letter) -> bytes:
    """The complete .docx of a composed letter."""
    xml, writer = document(letter)
    entries = package_parts(xml, writer.links, writer.lists, letter, writer.notes)
    return zip_bytes(
        member(name, text)
        if name == "word/document.xml" or (name == "word/footnotes.xml" and writer.notes)
        else fixed_member(name, text)
        for name, text in entries
    )


@contextmanager
def open_atomic(path: Path) -> Iterator[BinaryIO]:
    """A file to write `path` through: a temp file in the same folder, renamed over `path` when
    the block ends without error, removed when it fails."""
    try:
        handle, temp = _temp_beside(path)
    except FileNotFoundError:  # the folder is made when missing, not asked about every time
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temp = _temp_beside(path)
    try:
        with os.fdopen(handle, "wb") as out:
            yield out
        os.replace(temp, path)
    except BaseException:
        temp.unlink(missing_ok=True)
        raise


def _temp_beside(path: Path) -> tuple[int, Path]:
    """A new file beside `path`, named by this process (a batch writes thousands: no random
    name, no chmod, its mode is the umask's from the start); a random name when a killed run
    of a process with this number left that one."""
    temp = path.with_name(f".{path.name}.{os.getpid()}.part")
    try:
        return os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | _BINARY, 0o666), temp
    except FileExistsError:
        handle, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=path.parent)
        os.chmod(name, _FILE_MODE)  # mkstemp makes 0600; a letter is an ordinary file
        return handle, Path(name)


def write_atomic(path: Path, data: bytes) -> None:
    """Write `data` to `path` all at once: a temp file in the same folder, then a rename."""
    with open_atomic(path) as out:
        out.write(data)
