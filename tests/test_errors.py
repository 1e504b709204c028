"""A clerk's mistakes: `file:line:column: what — how to fix`, exit code 2, no file written."""

from __future__ import annotations

import shutil
import unicodedata
from pathlib import Path

import docx
import pytest
from click.testing import CliRunner

from dispatch_gen.cli import main
from tests.conftest import ROOT

GOOD = """\
letterhead: ubnd-tinh-kien-giang
number: 5
symbol: UBND-KGVX
date: 2020-08-19
subject: thử nghiệm
recipients: [Sở Y tế]
body: |
  Đề nghị Sở Y tế thực hiện.
signature:
  authority: KT
  title: Phó Chủ tịch
  name: Lâm Minh Thành
"""


def write(tmp_path: Path, text: str) -> Path:
    (tmp_path / "letterheads").mkdir(exist_ok=True)
    shutil.copy(ROOT / "letterheads/ubnd-tinh-kien-giang.yaml", tmp_path / "letterheads")
    letter = tmp_path / "letter.yaml"
    letter.write_text(text, encoding="utf-8")
    return letter


def run(tmp_path: Path, text: str) -> tuple[int, str, Path]:
    letter = write(tmp_path, text)
    out = tmp_path / "out.docx"
    result = CliRunner().invoke(main, ["render", str(letter), "-o", str(out)])
    return result.exit_code, result.output, out


def test_good_letter_renders(tmp_path: Path) -> None:
    code, output, out = run(tmp_path, GOOD)
    assert code == 0, output
    texts = [p.text for p in docx.Document(str(out)).paragraphs]
    assert "Kính gửi: Sở Y tế." in texts
    assert "Đề nghị Sở Y tế thực hiện./." in texts


@pytest.mark.parametrize(
    ("change", "where", "message"),
    [
        (("subject: thử nghiệm\n", ""), "letter.yaml:1:1", "thiếu “subject”"),
        (
            ("ubnd-tinh-kien-giang", "ubnd-tinh-kien-gian"),
            "letter.yaml:1:13",
            "có phải “ubnd-tinh-kien-giang”?",
        ),
        (("2020-08-19", "2020-02-30"), "letter.yaml:4:7", "ngày “2020-02-30” không có thật"),
        (("  title: Phó Chủ tịch\n", ""), "letter.yaml:10:14", "“KT.” cần chức vụ cấp phó"),
        (
            ("thực hiện.", "thực hiện {{ figures.x | percent }."),
            "letter.yaml:8:52",
            "dấu “}” không đúng chỗ — biểu thức mở bằng “{{” phải đóng bằng “}}”",
        ),
        (
            ("thực hiện.", "thực hiện {{ so_lieu }}."),
            "letter.yaml:8:32",
            "“so_lieu” chưa được khai báo",
        ),
        (("symbol: UBND-KGVX", "symbol: CV-UBND"), "letter.yaml:3:9", "dùng “CV”"),
        (("number: 5", "number: năm"), "letter.yaml:2:9", "số văn bản “năm” không hợp lệ"),
        (("recipients:", "recipient:"), "letter.yaml:6:1", "có phải “recipients”?"),
        (("authority: KT", "authority: KY"), "letter.yaml:10:14", "quyền hạn ký “KY” không đúng"),
        (
            ("subject: thử nghiệm\n", "subject: thử nghiệm\nsubject: lặp\n"),
            "letter.yaml:6:1",
            "bị lặp lại",
        ),
        (
            ("  name: Lâm Minh Thành", "  name: LÂM MINH THÀNH"),
            "letter.yaml:12:9",
            "viết hoa toàn bộ",
        ),
        (("thực hiện.", "thực hiện {{ ''.__class__ }}."), "letter.yaml:8:29", "không được phép"),
    ],
)
def test_mistake_is_located_explained_and_writes_nothing(
    tmp_path: Path, change: tuple[str, str], where: str, message: str
) -> None:
    assert change[0] in GOOD
    code, output, out = run(tmp_path, GOOD.replace(*change, 1))
    assert code == 2
    assert output.startswith(f"{tmp_path}/{where}:"), output
    assert message in output
    assert " — " in output, "every error says how to fix it"
    assert not out.exists()
    assert not list(tmp_path.glob(".out.docx*")), "no temporary file left behind"


def test_failed_run_keeps_the_existing_file(tmp_path: Path) -> None:
    code, _, out = run(tmp_path, GOOD)
    assert code == 0
    before = out.read_bytes()
    code, output, out = run(tmp_path, GOOD.replace("2020-08-19", "2020-02-30"))
    assert code == 2
    assert out.read_bytes() == before


def test_values_print_verbatim_not_as_markup(tmp_path: Path) -> None:
    text = GOOD.replace(
        "recipients: [Sở Y tế]",
        'recipients: ["Sở Tài nguyên & Môi trường <TN&MT>"]\n'
        'figures: {ten: "*Sở* _A_ [B](x) 1. #2"}',
    ).replace("thực hiện.", "thực hiện {{ figures.ten }} và {{ recipients[0] }}.")
    code, output, out = run(tmp_path, text)
    assert code == 0, output
    texts = [p.text for p in docx.Document(str(out)).paragraphs]
    assert "Kính gửi: Sở Tài nguyên & Môi trường <TN&MT>." in texts
    assert (
        "Đề nghị Sở Y tế thực hiện *Sở* _A_ [B](x) 1. #2 và Sở Tài nguyên & Môi trường <TN&MT>./."
        in texts
    )


def test_decomposed_input_is_written_composed(tmp_path: Path) -> None:
    code, output, out = run(tmp_path, unicodedata.normalize("NFD", GOOD))
    assert code == 0, output
    texts = [p.text for p in docx.Document(str(out)).paragraphs]
    assert "Đề nghị Sở Y tế thực hiện./." in texts


def test_draft_without_number_and_day_shows_blanks(tmp_path: Path) -> None:
    code, output, out = run(
        tmp_path, GOOD.replace("number: 5\n", "").replace("2020-08-19", "2021-03")
    )
    assert code == 0, output
    head = docx.Document(str(out)).tables[0]
    assert head.cell(1, 0).text == "Số:       /UBND-KGVX"
    assert head.cell(1, 1).text == "Kiên Giang, ngày        tháng 3 năm 2021"


def test_numbers_below_ten_take_a_zero(tmp_path: Path) -> None:
    code, output, out = run(tmp_path, GOOD)
    assert docx.Document(str(out)).tables[0].cell(1, 0).text == "Số: 05/UBND-KGVX"


def test_the_character_sets_are_those_of_xml_and_yaml() -> None:
    """Every code point Word's XML (the XML 1.0 `Char` production) and YAML's printable set
    exclude is found, and no other: the patterns list the excluded ranges."""
    from dispatch_gen.characters import NOT_IN_XML, NOT_IN_YAML

    def xml_char(c: int) -> bool:
        return c in (9, 10, 13) or 0x20 <= c <= 0xD7FF or 0xE000 <= c <= 0xFFFD or c >= 0x10000

    def yaml_char(c: int) -> bool:
        return xml_char(c) and not (0x7F <= c <= 0x9F and c != 0x85)

    for c in range(0x110000):
        char = chr(c)
        assert bool(NOT_IN_XML.match(char)) is not xml_char(c), hex(c)
        assert bool(NOT_IN_YAML.match(char)) is not yaml_char(c), hex(c)
