"""What the speed work must not change: cached and shortcut paths give the results of the plain
ones, and a command loads only what it uses. (Timings live in bench/, never here.)"""

from __future__ import annotations

import decimal
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import jinja2
import pytest
from babel.numbers import format_decimal
from hypothesis import given, settings
from hypothesis import strategies as st

from dispatch_gen.docx.metrics import BOLD, CHARS, REGULAR, text_width_pt
from dispatch_gen.vietnamese import number

ROOT = Path(__file__).resolve().parent.parent


@settings(max_examples=2000)
@given(st.decimals(min_value=-10**12, max_value=10**12, places=6, allow_nan=False),
       st.integers(min_value=0, max_value=4))  # fmt: skip
def test_number_reads_as_babel_format_decimal(value: Decimal, digits: int):
    pattern = "#,##0" + ("." + "0" * digits if digits else "")
    with decimal.localcontext() as ctx:
        ctx.rounding = decimal.ROUND_HALF_UP
        exact = value.quantize(Decimal(1).scaleb(-digits))
        expected = format_decimal(exact, format=pattern, locale="vi", decimal_quantization=True)
    assert number(value, digits) == expected


@given(st.text(alphabet=CHARS + "→€漢", max_size=40), st.booleans())
def test_cached_width_is_the_sum_of_the_letters(text: str, bold: bool):
    table = BOLD if bold else REGULAR
    average = table[CHARS.index("n")]
    units = sum(table[CHARS.index(c)] if c in CHARS else average for c in text)
    for _ in range(2):  # measured, then from the cache
        assert text_width_pt(text, 13, bold) == units * 13 / 2048


def _loaded(code: str) -> set[str]:
    found = subprocess.run([sys.executable, "-c", code + "\nimport sys\nprint(*sys.modules)"],
                           capture_output=True, text=True, check=True, cwd=ROOT)  # fmt: skip
    return set(found.stdout.split())


def test_the_holiday_calendar_loads_vietnam_alone():
    loaded = _loaded(
        "from datetime import date\nfrom dispatch_gen.deadlines import holiday_name\n"
        "assert holiday_name(date(2021, 2, 12)) == 'Tết Nguyên Đán'\n"
        "assert holiday_name(date(2024, 9, 2)) == 'Quốc khánh'"
    )
    assert {m for m in loaded if m.startswith("holidays.countries.")} == {
        "holidays.countries.vietnam"
    }


def test_a_letter_without_a_spreadsheet_does_not_load_openpyxl(tmp_path: Path):
    out = tmp_path / "cv.docx"
    loaded = _loaded(
        "from pathlib import Path\nfrom dispatch_gen.render import render_file\n"
        f"render_file(Path('examples/000-long-an-bluezone.yaml'), Path({str(out)!r}), ())"
    )
    assert out.stat().st_size > 0
    assert "openpyxl" not in loaded


def test_checking_a_letter_does_not_load_babel(tmp_path: Path):
    from dispatch_gen.render import render_file

    out = tmp_path / "cv.docx"
    render_file(ROOT / "examples" / "000-long-an-bluezone.yaml", out, ())
    loaded = _loaded(
        f"from dispatch_gen.check.linter import check_docx\nassert check_docx({str(out)!r}) == []"
    )
    assert "dispatch_gen.check.linter" in loaded
    assert not {m for m in loaded if m.startswith("babel")}


@given(st.text(alphabet="\\`*_[]{}()#+-.!|~^$%=:;,?/@<&aăđ1 \n", max_size=30))
def test_markdown_escaping_shortcut_escapes_as_the_character_table(text: str):
    from dispatch_gen.templating import _MARKDOWN_PUNCTUATION, escape_markdown

    assert escape_markdown(text) == text.translate(_MARKDOWN_PUNCTUATION)


_LINES = st.sampled_from(["", "  ", "a) Một", "đ) Hai", "   e) Ba", "\tg) Bốn", "f) Năm", "b)x",
                          "1. Sáu", "2) Bảy", "- Tám", "  tiếp", "Đoạn văn.", "| a | b |", "```"])


@settings(max_examples=1500)
@given(st.lists(_LINES, max_size=12).map("\n".join))
def test_points_typed_with_letters_read_per_group_as_in_the_whole_text(text: str):
    from dispatch_gen.markup import _parse_group, _typed_points, groups

    # `parse` cuts first and renumbers `đ)` within each (remembered) group: the cuts must be
    # the ones the renumbered whole text has, and so the blocks.
    assert [_typed_points(g) for g in groups(text)] == groups(_typed_points(text))
    whole = tuple(b for g in groups(_typed_points(text)) for b in _parse_group(g))
    assert tuple(b for g in groups(text) for b in _parse_group(g)) == whole


def test_the_sandbox_reads_values_and_still_guards_str_format():
    from dispatch_gen.template_bounds import TemplateTooBig
    from dispatch_gen.templating import environment

    env = environment()
    row = {"don_vi": "xã A", "items": 1}
    assert env.from_string("{{ row.don_vi }}|{{ row.missing is defined }}").render(row=row) == (
        "xã A|không"  # booleans print in Vietnamese
    )
    assert env.from_string('{{ "{} {}".format(1, 2) }}').render() == "1 2"
    with pytest.raises(TemplateTooBig):
        env.from_string('{{ "{:>999999999}".format(1) }}').render()


def test_the_sandbox_still_refuses_what_it_refused_after_allowing_the_same_name_elsewhere():
    from dispatch_gen.templating import environment

    env = environment()
    assert env.from_string("{{ row.items }}").render(row={"items": 1}) != ""  # a dict's method
    for _ in range(2):  # decided, then from the remembered answer
        with pytest.raises(jinja2.exceptions.SecurityError):
            env.from_string("{{ x.append(1) }}").render(x=[])
        with pytest.raises(jinja2.exceptions.SecurityError):
            env.from_string("{{ f.__globals__ }}").render(f=_loaded)
    assert env.from_string("{{ x.count(1) }}").render(x=[1, 1]) == "2"


@given(st.text(max_size=30), st.booleans())
def test_font_slots_remembered_per_text_read_each_character(text: str, east_asia: bool):
    from dispatch_gen.check.fonts import font_slots
    from dispatch_gen.check.styles import RunProps

    props = RunProps(fonts=(), size=14.0, bold=False, italic=False, caps=False, hidden=False,
                     underline=False, color=None, hint="eastAsia" if east_asia else None,
                     complex_script=False)  # fmt: skip
    expected = set()
    for ch in text:
        code = ord(ch)
        if ch.isspace():
            continue
        if code < 0x80:
            expected.add("ascii")
        elif 0x2E80 <= code <= 0x9FFF or 0xAC00 <= code <= 0xD7AF or 0xF900 <= code <= 0xFAFF:
            expected.add("eastAsia")
        elif 0x0590 <= code <= 0x08FF or 0x0E00 <= code <= 0x0E7F:
            expected.add("cs")
        else:
            expected.add("eastAsia" if east_asia else "hAnsi")
    assert font_slots(text, props) == expected == font_slots(text, props)


def test_resolved_formats_are_the_ones_worked_out_afresh(tmp_path: Path):
    import zipfile

    from lxml import etree

    from dispatch_gen.check.styles import StyleSheet
    from dispatch_gen.render import render_file

    out = tmp_path / "cv.docx"
    render_file(ROOT / "examples" / "000-long-an-bluezone.yaml", out, ())
    with zipfile.ZipFile(out) as package:
        styles, numbering = (etree.fromstring(package.read(f"word/{n}.xml"))
                             for n in ("styles", "numbering"))  # fmt: skip
    sheet = StyleSheet(styles, None, numbering)
    cases = [({}, None, False), ({"style": "BodyText"}, None, False), ({"jc": "center"}, "T", True),
             ({"numId": "1", "ilvl": "0"}, None, False)]  # fmt: skip
    for _ in range(2):  # worked out, then remembered
        for layer, table, in_table in cases:
            fresh = sheet._paragraph(layer, table, in_table)
            assert sheet.paragraph(layer, table, in_table) == fresh
            run_layer = {"b": True} if in_table else {}
            assert sheet.run(run_layer, layer.get("style"), table, in_table) == sheet._run(
                run_layer, layer.get("style"), table, in_table)
    runs = {(bool(t), layer.get("style"), table) for layer, table, t in cases}  # distinct questions
    assert len(sheet._resolved) == len(cases) + len(runs)  # each asked twice, worked out once


def test_check_reuses_what_it_read_only_for_files_with_the_same_bytes():
    """`check` over a batch remembers style sets and paragraphs from file to file; a letter whose
    styles differ (same paragraphs, another docDefaults font or Normal size) still gets its own
    findings, before and after a correct one, as when each is checked alone."""
    from dispatch_gen.check import check_docx, formats
    from tests.fixtures_check import BASELINE, FIXTURES, build

    letters = {"đúng": build(BASELINE)}
    letters |= {name: build(FIXTURES[name][1]) for name in ("theme-font", "normal-size-12")}
    alone = {}
    for name, data in letters.items():
        formats._MEMORY.clear()
        alone[name] = check_docx(data)
    formats._MEMORY.clear()
    order = ["đúng", "theme-font", "đúng", "normal-size-12", "theme-font", "đúng"]
    together = [(name, check_docx(letters[name])) for name in order]
    for name, findings in together:
        assert findings == alone[name], name
    rules = {n: {f.rule for f in found if f.severity == "error"} for n, found in together}
    assert rules == {"đúng": set(), "theme-font": {"ND30-03"}, "normal-size-12": {"ND30-12"}}


# Text between `**` runs: letters, digits, spaces (also a no-break space), punctuation typed and
# escaped, a lone `*`, `_`, a stray backslash: around 5% of the texts make a bold span.
_TEXTS = ["a", "ư", "1", " ", ".", ",", ")", "(", "\\.", "\xa0", "!", "²", "*", "\\*", "_", "\\"]
_WORDS = st.lists(st.sampled_from(_TEXTS), max_size=4).map("".join)


@settings(max_examples=3000)
@given(st.lists(st.one_of(st.just("**"), _WORDS), max_size=7).map("".join))
def test_bold_only_shortcut_reads_as_markdown_it(content: str):
    from dispatch_gen.markup import _PARSER, _spans, _strong_only

    found = _strong_only(content)
    if found is not None:
        assert found == _spans(_PARSER.parseInline(content)[0]), content


@pytest.mark.parametrize("content", [
    "báo cáo **trước ngày 19\\/3\\/2021** để tổng hợp\\.",
    "**Toàn tỉnh**",
    "tỷ lệ **12,5%** trên **100**, đạt",
    "**(đã ký)** xong",
])  # fmt: skip
def test_bold_only_shortcut_takes_the_common_paragraphs(content: str):
    from dispatch_gen.markup import _PARSER, _spans, _strong_only

    assert _strong_only(content) == _spans(_PARSER.parseInline(content)[0])
