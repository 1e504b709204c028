"""`dispatch-gen import`: a Word letter (.docx) → a YAML letter in the project's own keys.

Three steps, one module each: `reading` finds the parts on the page, `letter` (with `body`)
says what they mean as fields, `emit` writes the YAML with `# kiểm tra:` where it guessed.
"""

from __future__ import annotations

from pathlib import Path

from dispatch_gen.importer.emit import to_yaml
from dispatch_gen.importer.letter import Doubt, Imported, import_found
from dispatch_gen.importer.reading import read


def import_docx(source: Path, letter: Path) -> tuple[str, list[Doubt]]:
    """The YAML text of the letter in `source`, to be saved at `letter`, and the doubts."""
    imported: Imported = import_found(read(source), letter)
    return to_yaml(imported, source.name), imported.doubts


__all__ = ["Doubt", "import_docx"]
