"""The letter form of the web page ↔ the letter's YAML; the form validates nothing itself.

The form is the loader's schema: every key `load` accepts (`LETTER_FIELDS`) is either a form
field here (`FORM_FIELDS`) or kept as YAML in the “Nâng cao” box (`ADVANCED_FIELDS`), and a
value the form cannot show (a duty given as a number, an unknown key) goes to that box as
written. The YAML the form writes goes through `load_text`, so the page and the CLI refuse the
same inputs with the same messages; `field_at` maps an error's line:column in that YAML back
to the form field it came from.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Any

import yaml

from dispatch_gen.docx.layout import CIRCULATION_MARKS, SECRECY_MARKS, URGENCY_MARKS
from dispatch_gen.errors import Location
from dispatch_gen.letterheads import LETTERHEAD_FIELDS
from dispatch_gen.load import LETTER_FIELDS, REFERENCE_FIELDS
from dispatch_gen.source import Source, text_positions
from dispatch_gen.vietnamese import upper

FORM_FIELDS = (
    "letterhead",
    "number",
    "symbol",
    "date",
    "place",
    "subject",
    "urgency",
    "recipients",
    "references",
    "duty_style",
    "duties",
    "body",
    "template",
    "signature",
    "distribution",
    "as_above",
    "archive",
    "type",
    "electronic",
    "secrecy",
    "circulation",
    "typist",
    "closing_line",
    "contact",
)
ADVANCED_FIELDS = tuple(k for k in LETTER_FIELDS if k not in FORM_FIELDS)
ADVANCED = "advanced"
ADVANCED_FILE = "nâng-cao.yaml"
REFERENCE_KEYS = tuple(REFERENCE_FIELDS)
DUTY_KEYS = ("number", "to", "text", "items", "item_style")
SIGNATURE_KEYS = ("authority", "title", "name")
TEXT_FIELDS = (
    "symbol", "place", "subject", "body", "template", "as_above", "type", "typist", "closing_line"
)  # fmt: skip


class _Unfit(Exception):
    """A value the form has no field shaped for: it stays in the advanced YAML as written."""


def _scalar(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, (dict, list)):
        raise _Unfit
    if isinstance(value, bool):
        raise _Unfit
    return value.isoformat() if isinstance(value, date) else str(value)


def _lines(value: Any) -> list[str]:
    """A string (lines) or a list of scalars, as the loader's `Fields.lines` reads them."""
    if value is None:
        return []
    if isinstance(value, str):
        return [line.strip() for line in value.splitlines() if line.strip()]
    if isinstance(value, list) and all(isinstance(v, (str, int)) for v in value):
        return [str(v) for v in value]
    raise _Unfit


def _mapping(value: Any, keys: tuple[str, ...]) -> dict[str, Any]:
    if not isinstance(value, dict) or any(k not in keys for k in value):
        raise _Unfit
    return value


def _letterhead(value: Any) -> dict[str, Any]:
    if isinstance(value, str):
        return {"name": value}
    head = _mapping(value, tuple(LETTERHEAD_FIELDS))
    return {
        "name": "",
        "agency": _lines(head.get("agency")),
        "parent": _lines(head.get("parent")),
        **{k: _scalar(head.get(k)) for k in ("abbreviation", "place", "head", "collective")},
    }


def _references(value: Any) -> list[dict[str, str]]:
    if isinstance(value, list):
        value = {str(n): item for n, item in enumerate(value, start=1)}
    if not isinstance(value, dict):
        raise _Unfit
    return [
        {"key": str(key), **{k: _keep(v) for k, v in _mapping(ref, REFERENCE_KEYS).items()}}
        for key, ref in value.items()
    ]


def _keep(value: Any) -> Any:
    """A flag stays a flag (`long_date: true`); anything else is text."""
    return value if isinstance(value, bool) else _scalar(value)


def _duties(value: Any) -> list[dict[str, Any]]:
    if not isinstance(value, list):
        raise _Unfit
    duties = []
    for item in value:
        if isinstance(item, str):
            item = {"text": item}
        duty = _mapping(item, DUTY_KEYS)
        duties.append(
            {
                "number": _scalar(duty.get("number")),
                "to": _scalar(duty.get("to")),
                "text": _scalar(duty.get("text")),
                "items": _lines(duty.get("items")),
                "item_style": _scalar(duty.get("item_style")) or "-",
            }
        )
    return duties


def _signature(value: Any) -> dict[str, Any]:
    sign = _mapping(value, SIGNATURE_KEYS)
    return {
        "authority": _lines(sign.get("authority")),
        "title": _scalar(sign.get("title")),
        "name": _scalar(sign.get("name")),
    }


def _choice(options: tuple[str, ...], compare: Any = str) -> Any:
    def read(value: Any) -> str:
        text = _scalar(value)
        if compare(text) not in options:
            raise _Unfit
        return compare(text)

    return read


def _flag(value: Any) -> bool:
    if not isinstance(value, bool):
        raise _Unfit
    return value


READERS: dict[str, Any] = {
    "letterhead": _letterhead,
    "electronic": _flag,
    "secrecy": _choice(SECRECY_MARKS, upper),
    "circulation": _choice(CIRCULATION_MARKS, upper),
    "contact": _lines,
    "number": _scalar,
    "date": _scalar,
    "urgency": _choice(URGENCY_MARKS, upper),
    "recipients": _lines,
    "references": _references,
    "duty_style": _choice(("1.", "-")),
    "duties": _duties,
    "signature": _signature,
    "distribution": _lines,
    "archive": lambda v: ", ".join(_lines(v)),
    **{name: _scalar for name in TEXT_FIELDS},
}


def form_state(source: Source) -> dict[str, Any]:
    """The form's values for a letter read from YAML; what the form cannot show is kept in
    `advanced` as YAML text, in the letter's order."""
    data = source.data if isinstance(source.data, dict) else {}
    state: dict[str, Any] = {}
    rest: dict[str, Any] = {}
    for key, value in data.items():
        if key in READERS:
            try:
                state[key] = READERS[key](value)
                continue
            except _Unfit:
                pass
        rest[key] = value
    state[ADVANCED] = _dump(rest) if rest else ""
    return state


# --- form → YAML -------------------------------------------------------------------------------


class _Plain(str):
    """A value written unquoted so YAML reads it as the loader expects (a date, a number);
    one that would not read so is written as text, and the loader explains what is wrong."""


class _Dumper(getattr(yaml, "CSafeDumper", yaml.SafeDumper)):  # type: ignore[misc]
    """Block style; text with line breaks as a `|` block, so a body reads like the clerk's.
    libyaml's emitter when present (same text as PyYAML's, several times faster)."""


def _represent_text(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    style = "|" if "\n" in value.strip() else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


def _represent_plain(dumper: yaml.SafeDumper, value: _Plain) -> yaml.ScalarNode:
    tag = dumper.resolve(yaml.ScalarNode, str(value), (True, False))
    if tag in ("tag:yaml.org,2002:timestamp", "tag:yaml.org,2002:int"):
        return dumper.represent_scalar(tag, str(value))
    return _represent_text(dumper, str(value))


_Dumper.add_representer(str, _represent_text)
_Dumper.add_representer(_Plain, _represent_plain)


def _dump(data: Any) -> str:
    return yaml.dump(
        data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=10_000, indent=2
    )


def _text(value: Any) -> str:
    return value.strip() if isinstance(value, str) else ""


def _list(value: Any) -> list[str]:
    return [v.strip() for v in value if isinstance(v, str) and v.strip()] if value else []


def _body_text(value: Any) -> str:
    """Body text keeps its lines; trailing spaces would force a quoted (unreadable) block."""
    if not isinstance(value, str):
        return ""
    return "\n".join(line.rstrip() for line in value.strip("\n").splitlines()).strip("\n")


def _compact(mapping: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in mapping.items() if v not in ("", [], None, {})}


def _letterhead_value(value: Any) -> Any:
    if not isinstance(value, dict):
        return None
    if _text(value.get("name")):
        return _text(value["name"])
    head = {
        "parent": _list(value.get("parent")),
        "agency": _list(value.get("agency")),
        **{k: _text(value.get(k)) for k in ("abbreviation", "place", "head", "collective")},
    }
    return _compact(head) or None


def _references_value(value: Any) -> tuple[dict[str, Any], list[str]]:
    refs: dict[str, Any] = {}
    keys = []
    for index, ref in enumerate(value or []):
        if not isinstance(ref, dict):
            continue
        key = _text(ref.get("key")) or f"vb{index + 1}"
        item = {
            k: ref[k] if isinstance(ref.get(k), bool) else _text(ref.get(k)) for k in REFERENCE_KEYS
        }
        if item["date"]:
            item["date"] = _Plain(item["date"])
        refs[key] = _compact(item)
        keys.append(key)
    return refs, keys


def _duty_value(duty: dict[str, Any]) -> Any:
    item = {
        "number": _Plain(_text(duty.get("number"))),
        "to": _text(duty.get("to")),
        "text": _body_text(duty.get("text")),
        "items": _list(duty.get("items")),
        "item_style": _text(duty.get("item_style")) if duty.get("item_style") != "-" else "",
    }
    item = _compact(item)
    return item["text"] if list(item) == ["text"] else item


def _signature_value(value: Any) -> Any:
    if not isinstance(value, dict):
        return None
    authority = _list(value.get("authority"))
    sign = {
        "authority": authority[0] if len(authority) == 1 else authority,
        "title": _text(value.get("title")),
        "name": _text(value.get("name")),
    }
    return _compact(sign) or None


@dataclass(frozen=True)
class FormYaml:
    """The YAML a form wrote, and how to find the form field behind a place in it."""

    text: str
    file: str
    reference_keys: tuple[str, ...]
    advanced_error: Exception | None = None

    def field_at(self, where: Location | None, letterhead_file: str = "") -> str:
        """The form field (`duties.2.text`, `signature.name`, `advanced`) an error points at;
        "" when it points at no field."""
        if where is None or where.line is None:
            return ""
        if where.file == ADVANCED_FILE:
            return ADVANCED
        if where.file != self.file:
            return "letterhead" if where.file == letterhead_file else ADVANCED
        positions = text_positions(self.text, self.file)
        spot = (where.line, where.column or 1)
        best: tuple[Any, ...] = ()
        best_at = (0, 0)
        for path, place in positions.items():
            at = (place.line or 0, place.column or 0)
            if best_at <= at <= spot:
                best, best_at = tuple(p for p in path if p != "<key>"), at
        return self.form_path(best)

    def form_path(self, path: tuple[Any, ...]) -> str:
        if not path:
            return ""
        if path[0] not in FORM_FIELDS:
            return ADVANCED
        if path[0] == "references" and len(path) > 1 and path[1] in self.reference_keys:
            path = ("references", self.reference_keys.index(path[1]), *path[2:])
        return ".".join(str(p) for p in path)


def letter_yaml(state: dict[str, Any], file: str) -> FormYaml:
    """The YAML of a filled form, keys in the loader's order; empty fields are left out.

    The advanced box is read with the same safe loader; when it does not read, the error is
    kept (`advanced_error`) and the rest of the letter is still written."""
    data: dict[str, Any] = {}
    refs, keys = _references_value(state.get("references"))
    number = _text(state.get("number"))
    given = {
        "letterhead": _letterhead_value(state.get("letterhead")),
        "number": _Plain(number) if re.fullmatch(r"\d+", number) else number,
        "date": _Plain(_text(state.get("date"))),
        "urgency": _text(state.get("urgency")),
        "recipients": _list(state.get("recipients")),
        "references": refs,
        "duty_style": _text(state.get("duty_style")) if state.get("duty_style") != "1." else "",
        "duties": [_duty_value(d) for d in state.get("duties") or [] if isinstance(d, dict)],
        "signature": _signature_value(state.get("signature")),
        "distribution": _list(state.get("distribution")),
        "archive": _text(state.get("archive")),
        "electronic": True if state.get("electronic") is True else None,
        "secrecy": _text(state.get("secrecy")),
        "circulation": _text(state.get("circulation")),
        "contact": _list(state.get("contact")),
        **{name: _text(state.get(name)) for name in TEXT_FIELDS},
        "body": _body_text(state.get("body")),
    }
    advanced: dict[str, Any] = {}
    error: Exception | None = None
    text = state.get(ADVANCED)
    if isinstance(text, str) and text.strip():
        try:
            parsed = Source(text, ADVANCED_FILE).data
            advanced = parsed if isinstance(parsed, dict) else {}
        except Exception as exc:  # an InputError with its place in the box
            error = exc
    for key in (*LETTER_FIELDS, *advanced):
        if key in advanced and key not in data:
            data[key] = advanced[key]
        elif key in given and given[key] not in ("", [], None, {}) and key not in data:
            data[key] = given[key]
    return FormYaml(_dump(data) if data else "", file, tuple(keys), error)
