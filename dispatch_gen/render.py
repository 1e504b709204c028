"""The pipeline in one call: letter.yaml → load → compose → .docx bytes (or a file on disk)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from dispatch_gen.advice import advise
from dispatch_gen.compose import compose
from dispatch_gen.docx.package import docx_bytes, write_atomic
from dispatch_gen.errors import Notice
from dispatch_gen.load import load, load_text


@dataclass(frozen=True)
class Rendered:
    """A letter's .docx and the warnings (cảnh báo) found on the way."""

    data: bytes
    notices: tuple[Notice, ...]


def render(
    letter: Path,
    templates: tuple[Path, ...] = (),
    extra: dict[str, Any] | None = None,
    text: str | None = None,
) -> Rendered:
    """Load, compose, advise and write a letter in memory. Raises InputError for mistakes.
    With `text`, the letter is that YAML, read as if it were saved at `letter`."""
    dispatch = load(letter) if text is None else load_text(text, letter)
    composed = compose(dispatch, templates, extra)
    return Rendered(docx_bytes(composed), tuple(advise(dispatch, composed)))


def render_bytes(
    letter: Path, templates: tuple[Path, ...] = (), extra: dict[str, Any] | None = None
) -> bytes:
    """The .docx of a letter, in memory."""
    return render(letter, templates, extra).data


def render_file(letter: Path, out: Path, templates: tuple[Path, ...] = ()) -> Rendered:
    """Render and write atomically: on any error the old `out` (if any) is left untouched."""
    rendered = render(letter, templates)
    write_atomic(out, rendered.data)
    return rendered
