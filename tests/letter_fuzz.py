"""Mutated letters for the fuzz test: hypothesis strategies over the examples, and one run of the
real `render` command that says whether the program kept its promise.

The promise, for any letter a clerk (or a page taking letters from others) can hand over: exit 0
with a .docx whose every XML part is well formed and that python-docx opens, or exit 2 with a
located message `file:line:col: lỗi: what — cách sửa`, and no output file; never a traceback,
never a hang. `run_case` returns None when the promise holds, else a short name of the failure
(`bench/fuzz_letters.py` counts them over a long run; `tests/test_fuzz.py` asserts there are none).
"""

from __future__ import annotations

import re
import shutil
import signal
import traceback
import unicodedata
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import docx
import yaml
from click.testing import CliRunner
from hypothesis import strategies as st
from lxml import etree

from dispatch_gen.cli import main

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = sorted((ROOT / "examples").glob("*.yaml"))
LOCATED = re.compile(r"^.+?:\d+:\d+: lỗi: .+ — .+$", re.MULTILINE)
CASE_SECONDS = 20

# characters that have broken programs before: XML-illegal controls, BOM/non-characters, lone
# surrogates, combining marks, bidi overrides, line separators, markup and YAML punctuation
ODD_CHARACTERS = [
    "\x00", "\x01", "\x08", "\x0b", "\x0c", "\x1b", "\x1f", "\x7f", "\x85", "\x9f",
    "\ufffe", "\uffff", "\ufeff", "\ud800", "\udfff", "\U0010ffff", "\u200b", "\u202e",
    "\u2028", "\u2029", "\u0301", "\u0323", "\U0001f600", "\t", "\r", "\r\n", "\n",
    "{{", "}}", "{%", "%}", "{#", "#}", "*", "**", "_", "[x](y)", "<", "&", ">", "---", "|",
    "1.", "- ", "\\", '"', "'", ":", ": ", "#", "@", "`", "!", "%", "&a", "*a", "? ", "[", "]",
    "{", "}", ",",
]  # fmt: skip
JINJA_SNIPPETS = [
    "{{ x }}", "{{ figures | shortdate }}", "{{ 1/0 }}", "{% for %}", "{{ figures. }}",
    "{{ '' ~ 1 }}", "{% if %}{% endif %}", "{{ }}", "}}", "{{ duty_list() }}", "{{ table('x') }}",
    "{{ refs | cite }}", "{{ 5 | full_date }}", "{{ 'a' | percent }}", "{{ 10 ** 30 | integer }}",
    "{{ range(3) | list }}", "{% raw %}", "{{ lipsum(2) }}", "{{ figures.installs * 3 }}",
    "{{ 'x' * 100 }}", "{{ cycler }}", "{{ ratio(1, 0) }}", "{{ Decimal('nan') | percent }}",
]  # fmt: skip
LONG_NAME = "a" * 300


def odd_text() -> st.SearchStrategy[str]:
    """Short strings made of odd characters, ordinary letters and markup."""
    piece = st.one_of(
        st.sampled_from(ODD_CHARACTERS),
        st.text(max_size=8),
        st.sampled_from(["Sở Y tế", "Lâm Minh Thành", "ngày", "2020-08-19", "UBND-KGVX"]),
    )
    return st.lists(piece, max_size=6).map("".join)


def wrong_value() -> st.SearchStrategy[Any]:
    """Any value YAML can carry, of the wrong type or size as often as not."""
    scalar = st.one_of(
        st.none(),
        st.booleans(),
        st.integers(),
        st.sampled_from([0, -1, 10**30, 10**400, 2**63, -(10**20), 99999999]),
        st.floats(allow_nan=True, allow_infinity=True),
        odd_text(),
        st.sampled_from([LONG_NAME, "b" * 5000, "", " ", "~", "null", "2020-02-30", "9999-12-31"]),
        st.dates(),
        st.datetimes(),
    )
    return st.recursive(
        scalar,
        lambda inner: st.one_of(
            st.lists(inner, max_size=4),
            st.dictionaries(st.one_of(odd_text(), st.integers()), inner, max_size=4),
        ),
        max_leaves=8,
    )


def _paths(tree: Any, here: tuple = ()) -> list[tuple]:
    found = [here]
    if isinstance(tree, dict):
        for key, value in tree.items():
            found += _paths(value, (*here, key))
    elif isinstance(tree, list):
        for index, value in enumerate(tree):
            found += _paths(value, (*here, index))
    return found


def _parent(tree: Any, path: tuple) -> Any:
    for step in path[:-1]:
        tree = tree[step]
    return tree


@st.composite
def mutated_tree(draw: st.DrawFn, tree: Any) -> tuple[Any, list[str]]:
    """The letter's data with one to three changes: a value replaced, a key dropped, renamed or
    given a long name, a value wrapped or nested deep."""
    notes = []
    for _ in range(draw(st.integers(1, 3))):
        paths = [p for p in _paths(tree) if p]
        if not paths:
            break
        path = draw(st.sampled_from(paths))
        parent = _parent(tree, path)
        kind = draw(
            st.sampled_from(["replace", "replace", "drop", "rename", "wrap", "deep", "long", "big"])
        )
        notes.append(f"{kind} {path!r}")
        key = path[-1]
        if kind == "replace":
            parent[key] = draw(wrong_value())
        elif kind == "drop":
            del parent[key]
        elif kind == "rename" and isinstance(parent, dict):
            parent[draw(odd_text())] = parent.pop(key)
        elif kind == "wrap":
            parent[key] = draw(st.sampled_from([[parent[key]], {"x": parent[key]}]))
        elif kind == "deep":
            value: Any = parent[key]
            for _ in range(draw(st.sampled_from([50, 200]))):
                value = [value]
            parent[key] = value
        elif kind == "long":
            parent[key] = draw(
                st.sampled_from([LONG_NAME, LONG_NAME + ".csv", "../" * 40 + "x", "/" + LONG_NAME])
            )
        elif kind == "big":
            parent[key] = draw(st.sampled_from([10**6, 10**9, 10**18, 10**400, -(10**9), 1e308]))
    return tree, notes


def _dump(tree: Any) -> str:
    return yaml.dump(tree, allow_unicode=True, sort_keys=False, width=100, Dumper=yaml.SafeDumper)


@st.composite
def mutated_text(draw: st.DrawFn, text: str) -> tuple[bytes, list[str]]:
    """The YAML text with zero to three changes of the kind an editor makes: a character or
    a Jinja snippet put in, a line dropped or doubled (a doubled key), NFD, tabs, deep nesting,
    cut short; then encoded, sometimes with bytes that are not UTF-8."""
    notes = []
    for _ in range(draw(st.integers(0, 3))):
        kind = draw(
            st.sampled_from(
                ["char", "char", "jinja", "drop-line", "double-line", "nfd", "tab", "deep",
                 "cut", "crlf", "bom"]
            )
        )  # fmt: skip
        notes.append(kind)
        lines = text.split("\n")
        at = draw(st.integers(0, max(0, len(text) - 1)))
        line = draw(st.integers(0, max(0, len(lines) - 1)))
        if kind == "char":
            text = text[:at] + draw(st.sampled_from(ODD_CHARACTERS)) + text[at:]
        elif kind == "jinja":
            text = text[:at] + draw(st.sampled_from(JINJA_SNIPPETS)) + text[at:]
        elif kind == "drop-line":
            del lines[line]
            text = "\n".join(lines)
        elif kind == "double-line":
            lines.insert(line, lines[line])
            text = "\n".join(lines)
        elif kind == "nfd":
            text = unicodedata.normalize("NFD", text)
        elif kind == "tab":
            text = text.replace("  ", "\t", 1)
        elif kind == "deep":
            depth = draw(st.sampled_from([100, 1000, 5000]))
            bracket = draw(st.sampled_from(["[]", "{}"]))
            inner = "[]" if bracket == "[]" else "a: 1"
            nest = bracket[0] * depth + inner + bracket[1] * depth
            text = f"extra: {nest}\n" + text if draw(st.booleans()) else text + f"\nx: {nest}\n"
        elif kind == "cut":
            text = text[:at]
        elif kind == "crlf":
            text = text.replace("\n", "\r\n")
        elif kind == "bom":
            text = "\ufeff" + text
    data = text.encode("utf-8", "surrogatepass")
    if draw(st.integers(0, 9)) == 0:
        at = draw(st.integers(0, len(data)))
        bad = draw(st.sampled_from([b"\xff", b"\xc3", b"\xed\xa0\x80", b"\xc0\xaf", b"\x80\x80"]))
        data = data[:at] + bad + data[at:]
        notes.append("bytes")
    return data, notes


@dataclass
class Case:
    """One mutated letter: which example it came from, its bytes, and what was done to it."""

    example: str
    content: bytes
    notes: list[str] = field(default_factory=list)


@st.composite
def letter_cases(draw: st.DrawFn) -> Case:
    example = draw(st.sampled_from(EXAMPLES))
    text = example.read_text(encoding="utf-8")
    notes: list[str] = []
    if draw(st.booleans()):
        tree, notes = draw(mutated_tree(yaml.safe_load(text)))
        text = _dump(tree)
    content, more = draw(mutated_text(text))
    return Case(example.name, content, notes + more)


def workspace(folder: Path) -> Path:
    """A folder with the examples' letterheads and data beside where the letter will be."""
    for name in ("letterheads", "data"):
        source = ROOT / ("letterheads" if name == "letterheads" else "examples/data")
        if not (folder / name).exists():
            shutil.copytree(source, folder / name)
    return folder


class Hang(BaseException):
    """A case ran past CASE_SECONDS (a BaseException: no `except Exception` eats it)."""


def _alarm(signum: int, frame: Any) -> None:
    raise Hang


def _crash_name(exc: BaseException) -> str:
    frames = [f for f in traceback.extract_tb(exc.__traceback__) if "dispatch_gen" in f.filename]
    where = f" in {Path(frames[-1].filename).name}:{frames[-1].name}" if frames else ""
    return f"traceback {type(exc).__name__}{where}"


def _broken_docx(out: Path) -> str | None:
    try:
        with zipfile.ZipFile(out) as package:
            for name in package.namelist():
                if name.endswith((".xml", ".rels")):
                    etree.fromstring(package.read(name))
        docx.Document(str(out))
    except Exception as exc:  # what Word would refuse
        return f"exit 0 with a broken .docx ({type(exc).__name__})"
    return None


def run_case(case: Case, folder: Path, seconds: int = CASE_SECONDS) -> str | None:
    """Render the case with the real command; None when the promise holds, else what broke."""
    letter = folder / "letter.yaml"
    out_dir = folder / "out"
    shutil.rmtree(out_dir, ignore_errors=True)
    out_dir.mkdir()
    out = out_dir / "letter.docx"
    letter.write_bytes(case.content)
    previous = signal.signal(signal.SIGALRM, _alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        result = CliRunner().invoke(main, ["render", str(letter), "-o", str(out)])
    except Hang:
        return "hang"
    except RecursionError as exc:  # click lets BaseException through, not this; keep the name
        return _crash_name(exc)
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        return _crash_name(result.exception)
    output = result.output
    if "Traceback" in output:
        return "traceback printed"
    if result.exit_code == 0:
        if not out.is_file():
            return "exit 0 without a file"
        return _broken_docx(out)
    if result.exit_code != 2:
        return f"exit {result.exit_code}"
    if any(out_dir.iterdir()):
        return "file left behind after an error"
    if not LOCATED.search(output):
        return "message without place or fix: " + output.strip().splitlines()[-1][:60]
    return None


def summary(case: Case) -> str:
    """What a failing case was, for the assertion message."""
    return f"{case.example} after {', '.join(case.notes) or 'no change'}:\n" + case.content.decode(
        "utf-8", "replace"
    )[:3000]

