"""The .docx package: the zip, its relationships and its XML parts, read safely.

Owns everything that can make a file unreadable (not a zip, no main part, broken XML) and turns it
into an InputError a clerk understands. ISO 29500 Strict files are read by mapping their
namespaces to the transitional ones.
"""

from __future__ import annotations

import io
import os
import posixpath
import zipfile
from pathlib import Path

from lxml import etree

from dispatch_gen.check.styles import W
from dispatch_gen.errors import InputError

R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PR = "http://schemas.openxmlformats.org/package/2006/relationships"
A = "http://schemas.openxmlformats.org/drawingml/2006/main"
STRICT = {  # ISO 29500 Strict namespaces → the transitional ones everything else uses
    b"http://purl.oclc.org/ooxml/wordprocessingml/main": W.encode(),
    b"http://purl.oclc.org/ooxml/officeDocument/relationships": R.encode(),
    b"http://purl.oclc.org/ooxml/drawingml/main": A.encode(),
}
PARSER = etree.XMLParser(resolve_entities=False, no_network=True, remove_comments=True)


class Package:
    """The zip and its relationships."""

    def __init__(self, source: str | os.PathLike[str] | bytes) -> None:
        name = "(dữ liệu)" if isinstance(source, bytes) else str(source)
        self.name = name
        try:
            data = source if isinstance(source, bytes) else Path(source).read_bytes()
            self.zip = zipfile.ZipFile(io.BytesIO(data))
        except FileNotFoundError as exc:
            raise InputError(f"không tìm thấy tệp “{name}”") from exc
        except (OSError, zipfile.BadZipFile) as exc:
            raise InputError(
                f"“{name}” không phải tệp .docx đọc được",
                hint="mở bằng Word hoặc LibreOffice rồi lưu lại dưới dạng .docx (Word 2007+)",
            ) from exc
        rels = self.relations("")
        main = next((t for kind, t in rels.values() if kind == "officeDocument"), None)
        if main is None or main not in self.zip.namelist():
            raise InputError(
                f"“{name}” không có phần văn bản chính (word/document.xml)",
                hint="tệp không phải văn bản Word; hãy lưu lại dưới dạng .docx",
            )
        self.main = main

    def xml(self, part: str | None) -> etree._Element | None:
        if not part or part not in self.zip.namelist():
            return None
        data = self.zip.read(part)
        for strict, transitional in STRICT.items():
            data = data.replace(strict, transitional)
        try:
            return etree.fromstring(data, PARSER)
        except etree.XMLSyntaxError as exc:
            raise InputError(
                f"“{self.name}”: phần {part} hỏng ({exc})",
                hint="mở bằng Word hoặc LibreOffice để sửa rồi lưu lại",
            ) from exc

    def relations(self, part: str) -> dict[str, tuple[str, str]]:
        """Relationship id → (kind, target part name) of a part ('' for the package)."""
        folder, base = posixpath.split(part)
        rels = self.xml(posixpath.join(folder, "_rels", base + ".rels"))
        found: dict[str, tuple[str, str]] = {}
        for rel in [] if rels is None else rels.iter(f"{{{PR}}}Relationship"):
            if rel.get("TargetMode") == "External":
                continue
            target = rel.get("Target", "")
            path = (
                target.lstrip("/")
                if target.startswith("/")
                else posixpath.normpath(posixpath.join(folder, target))
            )
            found[rel.get("Id", "")] = (rel.get("Type", "").rsplit("/", 1)[-1], path)
        return found
