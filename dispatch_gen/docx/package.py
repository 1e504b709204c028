"""The .docx zip package: parts in a fixed order with fixed times, so equal input gives equal bytes.

Also the one safe way to put a file on disk: write beside it, then rename over it, so a failed
run never leaves half a file and never destroys the one that was there.
"""

from __future__ import annotations

import os
import tempfile
import zipfile
from datetime import date, datetime
from io import BytesIO
from pathlib import Path

from dispatch_gen.blocks import Letter
from dispatch_gen.docx import parts
from dispatch_gen.docx.document import document, esc

ZIP_TIME = (1980, 1, 1, 0, 0, 0)  # the zip epoch: no clock time leaks into the file
_UMASK = os.umask(0o022)
os.umask(_UMASK)
_FILE_MODE = 0o666 & ~_UMASK


def _core(letter: Letter) -> str:
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


def _document_rels(links: list[str]) -> str:
    external = "".join(
        f'<Relationship Id="rIdLink{i}" Type="{parts.REL}hyperlink" Target="{esc(url)}"'
        ' TargetMode="External"/>'
        for i, url in enumerate(links, start=1)
    )
    return (
        parts.DECL
        + f'<Relationships xmlns="{parts.PKG_RELS}">{parts.DOCUMENT_RELS_FIXED}{external}'
        + "</Relationships>"
    )


def docx_bytes(letter: Letter) -> bytes:
    """The complete .docx of a composed letter."""
    xml, writer = document(letter)
    entries = (
        ("[Content_Types].xml", parts.CONTENT_TYPES),
        ("_rels/.rels", parts.PACKAGE_RELS),
        ("word/document.xml", xml),
        ("word/_rels/document.xml.rels", _document_rels(writer.links)),
        ("word/styles.xml", parts.STYLES),
        ("word/settings.xml", parts.SETTINGS),
        ("word/fontTable.xml", parts.FONT_TABLE),
        ("word/numbering.xml", parts.numbering(writer.lists)),
        ("word/header1.xml", parts.PAGE_NUMBER_HEADER),
        ("word/header2.xml", parts.FIRST_PAGE_HEADER),
        ("docProps/core.xml", _core(letter)),
        ("docProps/app.xml", parts.APP),
    )
    buffer = BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in entries:
            info = zipfile.ZipInfo(name, ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, text.encode("utf-8"), compresslevel=6)
    return buffer.getvalue()


def write_atomic(path: Path, data: bytes) -> None:
    """Write `data` to `path` all at once: a temp file in the same folder, then a rename."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        os.chmod(temp, _FILE_MODE)  # mkstemp makes 0600; a letter is an ordinary file
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise
