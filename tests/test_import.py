"""`dispatch-gen import`: a Word letter back to YAML that renders the same letter.

Round trips: every example rendered, imported and rendered again reads the same (the `diff`
command's comparison finds no change); letters typed by hand in LibreOffice (tests/import_fixtures)
keep every word and pass `check`. Bad input: a clear Vietnamese message, exit 2, no file.
"""

from __future__ import annotations

import io
import zipfile
from collections import Counter
from pathlib import Path

import docx
import openpyxl
import pytest
import yaml
from click.testing import CliRunner

from dispatch_gen.check import check_docx
from dispatch_gen.check.reader import read_docx
from dispatch_gen.cli import main
from dispatch_gen.importer import import_docx
from dispatch_gen.render import render_bytes
from dispatch_gen.review.diff import diff_letters
from dispatch_gen.review.reading import Letter, docx_text
from tests.test_examples import words

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = sorted((ROOT / "examples").glob("*.yaml"))
TYPED = sorted((Path(__file__).parent / "import_fixtures").glob("*.docx"))


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args))
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.stderr + result.stdout


def imported(source: Path, tmp_path: Path) -> Path:
    out = tmp_path / f"{source.stem}.yaml"
    code, said = run("import", str(source), "-o", str(out))
    assert code == 0, said
    return out


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.stem)
def test_example_round_trip_reads_the_same(example: Path, tmp_path: Path) -> None:
    original = tmp_path / "original.docx"
    original.write_bytes(render_bytes(example))
    again = render_bytes(imported(original, tmp_path))
    result = diff_letters(Letter.open(original), Letter.open(again))
    assert not result.changes, [c for c in result.changes][:3]


def test_imported_yaml_is_what_a_clerk_writes(tmp_path: Path) -> None:
    original = tmp_path / "1119.docx"
    original.write_bytes(render_bytes(ROOT / "examples/002-kien-giang-bluezone.yaml"))
    data = yaml.safe_load(imported(original, tmp_path).read_text(encoding="utf-8"))
    assert data["letterhead"] == "ubnd-tinh-kien-giang"  # matched to the known letterhead
    assert (data["number"], data["symbol"]) == (1119, "UBND-KGVX")
    assert str(data["date"]) == "2020-08-19"
    assert data["subject"].startswith("đẩy mạnh triển khai ứng dụng, cài đặt ứng dụng Bluezone")
    assert len(data["recipients"]) == 4 and not data["recipients"][0].endswith(";")
    assert data["signature"] == {"authority": "KT", "title": "Phó Chủ tịch",
                                 "name": "Lâm Minh Thành"}
    assert "Như trên" not in data.get("distribution", [])  # added by the program, not typed


def test_draft_keeps_its_blanks(tmp_path: Path) -> None:
    original = tmp_path / "draft.docx"
    original.write_bytes(render_bytes(ROOT / "examples/000-long-an-bluezone.yaml"))
    data = yaml.safe_load(imported(original, tmp_path).read_text(encoding="utf-8"))
    assert data["date"] == "2021-03" and "number" not in data
    assert data["duties"][3]["to"] == "Sở Y tế"
    assert "| **TOÀN TỈNH** |" in data["body"]  # the total row stays bold


def test_duty_numbers_that_jump_are_kept(tmp_path: Path) -> None:
    """Quảng Ninh's letter goes 1, 2, 3, 6: the imported duty says so."""
    original = tmp_path / "5305.docx"
    original.write_bytes(render_bytes(ROOT / "examples/003-quang-ninh-bluezone.yaml"))
    data = yaml.safe_load(imported(original, tmp_path).read_text(encoding="utf-8"))
    assert [d.get("number") for d in data["duties"][:5]] == [None, None, None, 6, None]


def test_values_that_look_like_markup_come_back_verbatim(tmp_path: Path) -> None:
    letter = (ROOT / "examples/002-kien-giang-bluezone.yaml").read_text(encoding="utf-8")
    odd = "Giá 5*3 = 15 {{ x }} <TN&MT> [x](y) _a_ &amp; #1"
    data = yaml.safe_load(letter)
    data["figures"]["odd"] = odd
    data["body"] = "Đoạn có ký tự lạ: {{ figures.odd }}."
    source = tmp_path / "odd.yaml"
    source.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    original = tmp_path / "odd.docx"
    original.write_bytes(render_bytes(source))
    assert any(odd in line for line in docx_text(original))
    again = render_bytes(imported(original, tmp_path))
    assert not diff_letters(Letter.open(original), Letter.open(again)).changes


@pytest.mark.parametrize("typed", TYPED, ids=lambda p: p.stem)
def test_letter_typed_in_libreoffice_keeps_every_word(typed: Path, tmp_path: Path) -> None:
    out = imported(typed, tmp_path)
    assert "# kiểm tra:" in out.read_text(encoding="utf-8")  # its letterhead is no known one
    again = render_bytes(out)
    source_words = words(" ".join(p.plain for p in read_docx(typed).paragraphs))
    kept = Counter(source_words) & Counter(words("\n".join(docx_text(again))))
    assert sum(kept.values()) / len(source_words) >= 0.98
    errors = [f for f in check_docx(again) if f.severity == "error"]
    assert not errors, errors


def test_typed_numbers_become_duties(tmp_path: Path) -> None:
    out = imported(Path(__file__).parent / "import_fixtures/khong-bang-tieu-de.docx", tmp_path)
    data = yaml.safe_load(out.read_text(encoding="utf-8"))
    assert [d["to"] for d in data["duties"]] == [
        "Trưởng các ấp", "Công chức Văn hóa - Xã hội", "Trạm Y tế xã"
    ]
    assert data["duties"][1]["items"][1].endswith("*trước 16 giờ thứ Sáu hằng tuần*.")
    assert data["signature"]["authority"] == "TM" and data["signature"]["title"] == "Chủ tịch"
    assert data["distribution"] == ["UBND huyện (b/c)"]


def test_noi_nhan_in_a_text_box_is_found(tmp_path: Path) -> None:
    out = imported(Path(__file__).parent / "import_fixtures/noi-nhan-trong-khung.docx", tmp_path)
    data = yaml.safe_load(out.read_text(encoding="utf-8"))
    assert data["archive"] == "VT, VHXH"
    assert data["signature"]["authority"] == ["TM", "KT"]
    assert data["letterhead"]["agency"] == "ỦY BAN NHÂN DÂN\nPHƯỜNG 3"


def _docx_with(paragraphs: list[str]) -> bytes:
    document = docx.Document()
    for text in paragraphs:
        document.add_paragraph(text)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _spreadsheet() -> bytes:
    book = openpyxl.Workbook()
    book.active.append(["don_vi", "dan_so"])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("content", "says"),
    [
        (_docx_with([]), "không có chữ nào"),
        (_docx_with(["Danh sách mua sắm", "Bút bi: 10 hộp"]), "không giống một công văn"),
        (_spreadsheet(), "lỗi:"),
        (b"PK\x03\x04 not really a zip", "lỗi:"),
    ],
    ids=["empty", "not-a-letter", "spreadsheet", "broken-zip"],
)
def test_bad_input_is_refused_and_writes_nothing(content: bytes, says: str,
                                                 tmp_path: Path) -> None:
    source = tmp_path / "cong-van.docx"
    source.write_bytes(content)
    out = tmp_path / "cong-van.yaml"
    code, said = run("import", str(source), "-o", str(out))
    assert code == 2
    assert says in said and "Traceback" not in said
    assert not out.exists() and list(tmp_path.iterdir()) == [source]


def test_existing_yaml_is_untouched_when_import_fails(tmp_path: Path) -> None:
    source = tmp_path / "rong.docx"
    source.write_bytes(_docx_with([]))
    out = tmp_path / "cu.yaml"
    out.write_text("letterhead: giu-nguyen\n", encoding="utf-8")
    code, _ = run("import", str(source), "-o", str(out))
    assert code == 2 and out.read_text(encoding="utf-8") == "letterhead: giu-nguyen\n"


def test_output_must_be_yaml(tmp_path: Path) -> None:
    source = tmp_path / "x.docx"
    source.write_bytes(render_bytes(ROOT / "examples/002-kien-giang-bluezone.yaml"))
    code, said = run("import", str(source), "-o", str(tmp_path / "x.docx"))
    assert code == 2 and "đuôi .yaml" in said


def test_doubts_are_listed_on_stderr(tmp_path: Path) -> None:
    out = tmp_path / "x.yaml"
    code, said = run("import", str(TYPED[0]), "-o", str(out))
    assert code == 0 and "kiểm tra (letterhead)" in said
    text, doubts = import_docx(TYPED[0], out)
    assert [d.key for d in doubts] == ["letterhead"] and text.count("\n# kiểm tra:") == 1


def test_zip_members_are_not_required_beyond_the_document(tmp_path: Path) -> None:
    """A .docx saved without styles or numbering parts still imports."""
    rendered = render_bytes(ROOT / "examples/002-kien-giang-bluezone.yaml")
    slim = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(rendered)) as src, zipfile.ZipFile(slim, "w") as dst:
        for item in src.infolist():
            if item.filename not in ("word/styles.xml", "word/numbering.xml"):
                dst.writestr(item, src.read(item))
    source = tmp_path / "slim.docx"
    source.write_bytes(slim.getvalue())
    data = yaml.safe_load(imported(source, tmp_path).read_text(encoding="utf-8"))
    assert data["number"] == 1119


def test_letterhead_of_the_registry_is_named(tmp_path: Path) -> None:
    """A letter under a generated letterhead (no file in letterheads/) comes back by name."""
    data = yaml.safe_load((ROOT / "examples/002-kien-giang-bluezone.yaml").read_text("utf-8"))
    data["letterhead"] = "so-y-te-tinh-cao-bang"
    data["signature"]["title"] = "Phó Giám đốc"
    source = tmp_path / "cao-bang.yaml"
    source.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    original = tmp_path / "cao-bang.docx"
    original.write_bytes(render_bytes(source))
    back = yaml.safe_load(imported(original, tmp_path).read_text(encoding="utf-8"))
    assert back["letterhead"] == "so-y-te-tinh-cao-bang"
    assert back["signature"]["authority"] == "KT"


NAMED = """\
letterhead: ubnd-tinh-quang-ninh
number: 831
symbol: TB-UBND
type: Thông báo
date: 2026-07-20
subject: Kết luận của Chủ tịch UBND tỉnh tại cuộc họp về chuyển đổi số
secrecy: MẬT
urgency: KHẨN
body: |
  Ngày 15/7/2026, Chủ tịch UBND tỉnh chủ trì cuộc họp.
signature: {authority: TL, title: Chánh Văn phòng, name: Nguyễn Văn An}
distribution: ["Các sở, ban, ngành tỉnh"]
archive: VT, TH
typist: PL
copies: 30
closing_line: D:/2026/TB/831.docx
"""


def test_named_type_marks_and_lines_under_noi_nhan_come_back(tmp_path: Path) -> None:
    source = tmp_path / "831.yaml"
    source.write_text(NAMED, encoding="utf-8")
    original = tmp_path / "831.docx"
    original.write_bytes(render_bytes(source))
    out = imported(original, tmp_path)
    back = yaml.safe_load(out.read_text(encoding="utf-8"))
    assert back["type"] == "Thông báo" and back["subject"].startswith("Kết luận của Chủ tịch")
    assert (back["secrecy"], back["urgency"]) == ("MẬT", "KHẨN")
    assert (back["typist"], back["copies"], back["closing_line"]) == (
        "PL", 30, "D:/2026/TB/831.docx"
    )
    assert back["distribution"] == ["Các sở, ban, ngành tỉnh"]
    assert not diff_letters(Letter.open(original), Letter.open(render_bytes(out))).changes


def test_footnotes_points_and_appendices_come_back(tmp_path: Path) -> None:
    original = tmp_path / "12.docx"
    letter = Path(__file__).parent / "import_fixtures/chu-thich-phu-luc.yaml"
    original.write_bytes(render_bytes(letter))
    out = imported(original, tmp_path)
    back = yaml.safe_load(out.read_text(encoding="utf-8"))
    assert "57-NQ/TW[^1] của" in back["body"]
    assert "[^1]: Nghị quyết ngày 22/12/2024" in back["body"]
    assert back["appendices"] == [
        {"title": "Danh mục nhiệm vụ", "body": "Nhiệm vụ thứ nhất là **rà soát**."}
    ]
    assert back["duties"][0]["item_style"] == "a)"
    assert not diff_letters(Letter.open(original), Letter.open(render_bytes(out))).changes
