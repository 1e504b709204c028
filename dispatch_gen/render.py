"""The pipeline in one call: letter.yaml → load → compose → .docx bytes (or a file on disk)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from dispatch_gen.compose import compose
from dispatch_gen.docx.package import docx_bytes, write_atomic
from dispatch_gen.load import load


def render_bytes(
    letter: Path, templates: tuple[Path, ...] = (), extra: dict[str, Any] | None = None
) -> bytes:
    """The .docx of a letter, in memory. Raises InputError for the clerk's mistakes."""
    return docx_bytes(compose(load(letter), templates, extra))


def render_file(letter: Path, out: Path, templates: tuple[Path, ...] = ()) -> Path:
    """Render and write atomically: on any error the old `out` (if any) is left untouched."""
    write_atomic(out, render_bytes(letter, templates))
    return out
