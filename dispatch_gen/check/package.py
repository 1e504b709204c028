"""The .docx package: the zip, its relationships and its XML parts, read safely.

The zip itself is opened by `docx.unpack` (limits, bombs, DTDs, files that are not Word's);
here: ISO 29500 Strict files are read by mapping their namespaces to the transitional ones, and
a part can be had as bytes (to recognise a part already read in another file) or parsed.
"""

from __future__ import annotations

import os
from pathlib import Path

from lxml import etree

from dispatch_gen.check.xml import W
from dispatch_gen.docx.unpack import Archive
from dispatch_gen.errors import InputError, missing_file

R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
A = "http://schemas.openxmlformats.org/drawingml/2006/main"
STRICT = {  # ISO 29500 Strict namespaces → the transitional ones everything else uses
    b"http://purl.oclc.org/ooxml/wordprocessingml/main": W.encode(),
    b"http://purl.oclc.org/ooxml/officeDocument/relationships": R.encode(),
    b"http://purl.oclc.org/ooxml/drawingml/main": A.encode(),
}
class Package:
    """The zip and its relationships, read through the one safe reader (`docx.unpack`)."""

    def __init__(self, source: str | os.PathLike[str] | bytes) -> None:
        name = "(dữ liệu)" if isinstance(source, bytes) else str(source)
        self.name = name
        try:
            data = source if isinstance(source, bytes) else Path(source).read_bytes()
        except FileNotFoundError as exc:
            raise missing_file(name) from exc
        except OSError as exc:
            raise InputError(f"không đọc được tệp “{name}” ({exc.strerror})",
                             "kiểm tra quyền đọc tệp") from exc
        self.archive = Archive(data, name)
        self.main = self.archive.main_part()
        self.where = self.archive.where

    def data(self, part: str | None) -> bytes | None:
        """A part's bytes, Strict namespaces mapped (None when the package has no such part)."""
        if not part or part not in self.archive:
            return None
        data = self.archive.read(part)
        for strict, transitional in STRICT.items():
            data = data.replace(strict, transitional)
        return data

    def parse(self, part: str | None, data: bytes | None) -> etree._Element | None:
        """`data` (from `data(part)`) parsed safely; None for no part."""
        return None if part is None or data is None else self.archive.xml(part, data)

    def xml(self, part: str | None) -> etree._Element | None:
        return self.parse(part, self.data(part))

    def relations(self, part: str) -> dict[str, tuple[str, str]]:
        """Relationship id → (kind, target part name) of a part ('' for the package)."""
        return {rid: (kind.rsplit("/", 1)[-1], target)
                for rid, (kind, target) in self.archive.relations(part).items()}
