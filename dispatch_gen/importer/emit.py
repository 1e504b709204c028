"""Step 3 of import: the fields of a letter → YAML text a clerk can read and edit.

Owns the look of the file: keys in the order of the README's letter, long text as `|` blocks,
short lists in block style, dates unquoted, and `# kiểm tra: …` on the line above every field
the importer was unsure of. Scalars are quoted by PyYAML itself, so what loads is what was
written.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import yaml

from dispatch_gen.importer.letter import Imported

INDENT = "  "
HEADER = "# Nhập từ {source} bằng dispatch-gen import. Xem lại các dòng “# kiểm tra:”.\n"


def _scalar(value: Any) -> str:
    if isinstance(value, date):
        return value.isoformat()
    text = yaml.safe_dump(value, allow_unicode=True, width=10**6, default_flow_style=True)
    return text.removesuffix("\n").removesuffix("\n...").strip()


def _block(text: str, indent: str) -> str:
    """A `|` literal block; `|-` when the text has no final newline to keep."""
    lines = "\n".join(indent + line if line else "" for line in text.splitlines())
    return ("|\n" if text.endswith("\n") else "|-\n") + lines


def _value(value: Any, indent: str) -> str:
    """What follows `key:` — on the same line for scalars, below for the rest."""
    if isinstance(value, str) and ("\n" in value or len(value) > 100):
        return " " + _block(value, indent + INDENT)
    if isinstance(value, dict):
        return "\n" + "\n".join(
            f"{indent}{INDENT}{k}:{_value(v, indent + INDENT)}" for k, v in value.items()
        )
    if isinstance(value, list):
        if all(isinstance(v, str | int) for v in value) and len(_scalar(value)) <= 40:
            return " " + _scalar(value)  # [TM, KT]
        return "\n" + "\n".join(_item(v, indent + INDENT) for v in value)
    return " " + _scalar(value)


def _item(value: Any, indent: str) -> str:
    if isinstance(value, dict):
        first, *rest = value.items()
        lines = [f"{indent}- {first[0]}:{_value(first[1], indent + INDENT)}"]
        lines += [f"{indent}{INDENT}{k}:{_value(v, indent + INDENT)}" for k, v in rest]
        return "\n".join(lines)
    if isinstance(value, str) and ("\n" in value or len(value) > 100):
        return f"{indent}- {_block(value, indent + INDENT)}"
    return f"{indent}- {_scalar(value)}"


def to_yaml(imported: Imported, source: str) -> str:
    """The whole letter file."""
    out = [HEADER.format(source=source)]
    doubts: dict[str, list[str]] = {}
    for doubt in imported.doubts:
        doubts.setdefault(doubt.key, []).append(doubt.reason)
    for key, value in imported.fields.items():
        for reason in doubts.pop(key, []):
            out.append(f"# kiểm tra: {reason}\n")
        out.append(f"{key}:{_value(value, '')}\n")
    for key, reasons in doubts.items():  # doubts about a field left out
        out += [f"# kiểm tra ({key}): {reason}\n" for reason in reasons]
    return "".join(out)
