"""The .docx package: open a letter (path, bytes or YAML), read its XML parts, write it back.

A .docx is a zip of XML parts. This module owns that layer for `review`: finding the main
document and the parts it relates to (numbering, styles), parsing XML safely, and writing a
package deterministically (fixed entry times, the original entry order) so that the same
inputs always give the same bytes.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from dispatch_gen.docx.unpack import Archive
from dispatch_gen.errors import InputError, missing_file

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
NS = {"w": W, "r": R}
OFFICE_DOCUMENT = "/officeDocument"
NUMBERING = "/numbering"
STYLES = "/styles"

Source = str | Path | bytes


def w(tag: str) -> str:
    """Clark name of a WordprocessingML tag: `w("p")` → `{…/main}p`."""
    return f"{{{W}}}{tag}"


def serialize_xml(root: etree._Element) -> bytes:
    """An XML part as Word writes it: UTF-8 with a standalone declaration."""
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def load_source(source: Source) -> tuple[bytes, str]:
    """The .docx bytes of a letter and a name for messages. A `.yaml`/`.yml` path is rendered
    in memory by `dispatch_gen.render.render_bytes`."""
    if isinstance(source, bytes):
        return source, "<bytes>"
    path = Path(source)
    if not path.is_file():
        raise missing_file(path)
    if path.suffix.lower() in {".yaml", ".yml"}:
        try:
            from dispatch_gen.render import render_bytes
        except ModuleNotFoundError as err:
            if err.name != "dispatch_gen.render":
                raise  # the renderer is there but broken: not the clerk's mistake
            raise InputError(
                f"chưa dựng được {path}: chương trình chưa có bộ dựng từ YAML",
                "hãy dùng tệp .docx",
            ) from err
        return render_bytes(path), str(path)
    return path.read_bytes(), str(path)


@dataclass
class Package:
    """The parts of one .docx, in the zip's own order, each kept as bytes until changed."""

    name: str
    entries: list[zipfile.ZipInfo]
    blobs: dict[str, bytes]
    archive: Archive
    trees: dict[str, etree._Element] = field(default_factory=dict)
    changed: set[str] = field(default_factory=set)
    main_part: str = "word/document.xml"

    @classmethod
    def open(cls, source: Source) -> Package:
        """Read every part through the one safe reader (`docx.unpack`): limits, bombs, DTDs and
        files that are not Word's are refused there."""
        data, name = load_source(source)
        archive = Archive(data, name)
        main = archive.main_part()
        blobs = {info.filename: archive.read(info.filename) for info in archive.entries}
        package = cls(name, archive.entries, blobs, archive=archive)
        package.main_part = main
        return package

    def xml(self, part: str) -> etree._Element:
        """The parsed tree of a part; parsed once, and the same tree is written back."""
        if part not in self.trees:
            self.trees[part] = self.archive.xml(part, self.blobs[part])
        return self.trees[part]

    def _relations(self, part: str) -> list[tuple[str, str]]:
        return list(self.archive.relations(part).values())

    def related(self, kind_suffix: str, part: str | None = None) -> str | None:
        """The part that `part` (default: the main document) relates to with a type ending in
        `kind_suffix` (e.g. `/numbering`), if the package has it."""
        for kind, target in self._relations(part or self.main_part):
            if kind.endswith(kind_suffix) and target in self.blobs:
                return target
        return None

    def related_xml(self, kind_suffix: str) -> etree._Element | None:
        part = self.related(kind_suffix)
        return self.xml(part) if part else None

    @property
    def document(self) -> etree._Element:
        return self.xml(self.main_part)

    def to_bytes(self) -> bytes:
        """The package as a .docx: the original entry order, every entry dated 1980-01-01,
        deflated; parts listed in `changed` are re-serialized, the rest copied byte for byte."""
        from dispatch_gen.docx.package import ZIP_TIME  # the writer: `check` reads, never writes

        out = io.BytesIO()
        with zipfile.ZipFile(out, "w") as archive:
            for info in self.entries:
                name = info.filename
                data = serialize_xml(self.trees[name]) if name in self.changed else self.blobs[name]
                entry = zipfile.ZipInfo(name, date_time=ZIP_TIME)
                entry.compress_type = zipfile.ZIP_DEFLATED
                entry.create_system = 0
                entry.external_attr = 0
                archive.writestr(entry, data)
        return out.getvalue()
