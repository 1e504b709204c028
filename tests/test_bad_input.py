"""Input that once crashed or exhausted the program: each is now a located Vietnamese error.

YAML syntax, bytes that are not UTF-8, characters Word cannot hold, nesting and alias bombs,
runaway templates, Jinja mistakes with "có phải …?", deadlines past any calendar. Every case
asserts the message, its line and column, exit code 2 and that no file was written.
"""

from __future__ import annotations

from pathlib import Path

import docx
import pytest
from click.testing import CliRunner

from dispatch_gen.cli import main
from tests.test_errors import GOOD, write


def run_bytes(tmp_path: Path, data: bytes) -> tuple[int, str, Path]:
    letter = write(tmp_path, "")
    letter.write_bytes(data)
    out = tmp_path / "out.docx"
    result = CliRunner().invoke(main, ["render", str(letter), "-o", str(out)])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.output, out


def fails_at(tmp_path: Path, text: str | bytes, where: str, message: str) -> str:
    data = text if isinstance(text, bytes) else text.encode("utf-8", "surrogatepass")
    code, output, out = run_bytes(tmp_path, data)
    assert code == 2, output
    assert output.startswith(f"{tmp_path}/letter.yaml:{where}: lỗi: "), output
    assert message in output, output
    assert " — " in output
    assert "Traceback" not in output
    assert not out.exists()
    return output


def changed(old: str, new: str) -> str:
    assert old in GOOD
    return GOOD.replace(old, new, 1)


@pytest.mark.parametrize(
    ("old", "new", "where", "message"),
    [
        ("subject: thử nghiệm", "subject: thử: nghiệm", "5:13",
         "dấu “:” ở chỗ này không được: trong giá trị, “: ” bắt đầu một khóa mới, hoặc dòng này "
         "thụt lề sai — đặt cả giá trị trong ngoặc kép"),
        ("subject: thử nghiệm", 'subject: "thử nghiệm', "5:10",
         "chuỗi mở ngoặc ở đây chưa đóng đến hết tệp — thêm dấu ngoặc đóng"),
        ("  title: Phó", "\ttitle: Phó", "11:1",
         "có ký tự tab ở đầu dòng — YAML chỉ thụt lề bằng dấu cách"),
        ("number: 5", "number: @5", "2:9", "giá trị không được bắt đầu bằng “@”"),
        ("recipients: [Sở Y tế]", "recipients: [Sở Y tế", "7:5",
         "danh sách trong “[ ]” chưa đóng hoặc thiếu dấu phẩy (gặp “:”)"),
        ("  name: Lâm", " name: Lâm", "12:2",
         "dòng này thụt lề không khớp với các dòng trên, hoặc có chữ thừa sau giá trị "
         "(gặp một khóa mới)"),
        ("recipients: [Sở Y tế]", "recipients: *so", "6:13",
         "“*so” là tham chiếu YAML tới “&so” chưa có"),
        ("number: 5", "number: !!int năm", "2:9", "không đọc được theo kiểu “int”"),
    ],
)  # fmt: skip
def test_yaml_syntax_is_explained_in_vietnamese(
    tmp_path: Path, old: str, new: str, where: str, message: str
) -> None:
    what, _, fix = message.partition(" — ")
    output = fails_at(tmp_path, changed(old, new), where, what)
    assert fix in output
    for english in ("mapping values", "while scanning", "expected", "found"):
        assert english not in output


def test_a_byte_that_is_not_utf8_is_shown_where_it_is(tmp_path: Path) -> None:
    data = GOOD.encode("utf-8").replace("thử nghiệm".encode(), "th\xfd".encode("cp1252"))
    fails_at(tmp_path, data, "5:12", "tệp không phải UTF-8: byte 0xFD ở đây")


@pytest.mark.parametrize(
    ("old", "new", "where", "message"),
    [
        ("thử nghiệm", "thử\x0bnghiệm", "5:13", "có ngắt dòng của Word (U+000B)"),
        ("thử nghiệm", "thử\x01", "5:13", "ký tự điều khiển vô hình U+0001"),
        ("thử nghiệm", "thử\ufffe", "5:13", "ký tự không hợp lệ U+FFFE"),
        ("subject: thử nghiệm", 'subject: "thử\\x01"', "5:10", "U+0001"),
        ("subject: thử nghiệm", 'subject: "thử\\ud800"', "5:10", "nửa ký tự mã hóa hỏng (U+D800)"),
        ("subject: thử nghiệm", 'subject: "thử\\uFFFF"', "5:10", "U+FFFF"),
        ("thực hiện.", 'thực hiện {{ "\\x0b" }}.', "8:3", "U+000B"),
    ],
)  # fmt: skip
def test_characters_word_cannot_hold_are_errors_not_broken_files(
    tmp_path: Path, old: str, new: str, where: str, message: str
) -> None:
    output = fails_at(tmp_path, changed(old, new), where, message)
    assert "Word không mở được văn bản chứa ký tự này — xóa ký tự đó" in output


def test_deep_nesting_is_refused(tmp_path: Path) -> None:
    fails_at(tmp_path, GOOD + "extra: " + "[" * 5000 + "]" * 5000 + "\n", "13:47",
             "các mục lồng nhau quá sâu (hơn 40 cấp)")  # fmt: skip


def test_alias_bomb_is_refused_before_it_grows(tmp_path: Path) -> None:
    lines = ['a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    lines += [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 9)}]" for i in range(1, 10)]
    fails_at(tmp_path, GOOD + "extra:\n" + "".join(f"  {line}\n" for line in lines), "19:7",
             "tham chiếu YAML (“&”, “*”) nở ra hơn 100.000 giá trị")  # fmt: skip


def test_alias_to_itself_is_refused(tmp_path: Path) -> None:
    fails_at(tmp_path, GOOD + "extra: &x [*x]\n", "13:12", "trỏ vào chính giá trị chứa nó")


@pytest.mark.parametrize(
    ("template", "message"),
    [
        ('{{ "x" * 10**9 }}', "nhân chuỗi/danh sách 1000000000 lần cho kết quả quá dài"),
        ("{% set ns = namespace(l=[1]) %}{% for i in range(40) %}{% set ns.l = ns.l + ns.l %}"
         "{% endfor %}", "danh sách nối dài quá 200.000 mục"),
        ("{% for i in range(99999) %}{% for j in range(99999) %}{% endfor %}{% endfor %}",
         "vòng lặp chạy quá 1.000.000 lượt"),
        ("{{ lipsum(10**6) }}", "lipsum(1000000) quá dài"),
        ("{{ 10**100000 }}", "lũy thừa 10 ** 100000 cho số quá lớn"),
        ('{{ "x" | center(10**9) }}', "số 1000000000 quá lớn"),
        ('{{ "{:>999999999}".format(1) }}', "độ rộng 999999999 trong chuỗi định dạng quá lớn"),
        ('{{ "%0999999999d" % 1 }}', "độ rộng 999999999"),
        ('{{ ("x" * 100000) | replace("x", "y" * 1000) }}', "phép thay chữ cho chuỗi quá dài"),
    ],
)  # fmt: skip
def test_runaway_template_is_stopped_with_its_place(
    tmp_path: Path, template: str, message: str
) -> None:
    output = fails_at(
        tmp_path, changed("thực hiện.", f"thực hiện {template}."), "8:29", "mẫu đòi quá sức: "
    )
    assert message in output


def test_recursive_macro_is_an_error(tmp_path: Path) -> None:
    fails_at(tmp_path, changed("thực hiện.", "thực hiện {% macro m() %}{{ m() }}{% endmacro %}"
             "{{ m() }}."), "8:29", "mẫu gọi lồng nhau quá sâu")  # fmt: skip


@pytest.mark.parametrize(
    ("expression", "where", "message"),
    [
        ("{{ recipients[0] | shortdate }}", "8:48",
         "không có bộ lọc “shortdate” — có phải “short_date”?"),
        ("{{ recipient }}", "8:32", "“recipient” chưa được khai báo — có phải “recipients”?"),
        ("{{ signature.nam }}", "8:42", "không có “nam” ở đây — có phải “name”?"),
        ("{{ figures.x }", "8:42", "dấu “}” không đúng chỗ — biểu thức mở bằng “{{” phải đóng"),
        ("{{ so lieu }}", "8:35", "cần “}}” nhưng gặp “lieu” — đóng biểu thức bằng “}}”"),
        ("{% fore x in recipients %}", "8:32", "không có thẻ “{% fore %}” — có phải “for”?"),
        ("{% for x in recipients %}{{ x }}", "8:29",
         "khối “{% for %}” chưa đóng — thêm “{% endfor %}”"),
        ("{{ x ! }}", "8:34", "ký tự “!” không dùng được trong biểu thức"),
        ("{{ 1 + 'a' }}", "8:29", "phép tính giữa hai giá trị khác kiểu"),
        ("{{ 5 | full_date }}", "8:29", "“5” không phải là ngày"),
    ],
)  # fmt: skip
def test_template_mistakes_in_vietnamese_with_line_and_column(
    tmp_path: Path, expression: str, where: str, message: str
) -> None:
    output = fails_at(tmp_path, changed("thực hiện.", f"thực hiện {expression}."), where,
                      message.split(" — ")[0])  # fmt: skip
    assert message in output
    for english in ("No filter", "unexpected", "undefined", "expected token", "Encountered"):
        assert english not in output


def test_a_duty_text_error_points_at_the_duty(tmp_path: Path) -> None:
    text = GOOD + "duties:\n  - to: Sở Y tế\n    text: Theo dõi {{ figures.x }} hằng tuần\n"
    fails_at(tmp_path, text, "15:31", "không có “x” ở đây")


def test_missing_template_is_located_at_its_key(tmp_path: Path) -> None:
    fails_at(tmp_path, GOOD + "template: cong-vn\n", "13:11",
             "không có mẫu “cong-vn” — có phải “cong-van”?")  # fmt: skip


@pytest.mark.parametrize(
    ("deadline", "where", "message"),
    [
        ("{working_days: 100000000}", "13:31", "“working_days: 100000000” quá xa"),
        ("{days: 99999999999}", "13:23", "“days: 99999999999” quá xa"),
    ],
)
def test_deadlines_past_any_calendar(
    tmp_path: Path, deadline: str, where: str, message: str
) -> None:
    fails_at(tmp_path, GOOD + f"deadlines: {{d: {deadline}}}\n", where, message)


def test_year_9999_counts_no_days(tmp_path: Path) -> None:
    fails_at(tmp_path, changed("2020-08-19", "9999-12-30") + "deadlines: {d: {days: 5}}\n",
             "13:16", "ngày ban hành năm 9999 quá xa")  # fmt: skip


def test_a_letterhead_name_too_long_for_the_disk(tmp_path: Path) -> None:
    fails_at(tmp_path, changed("ubnd-tinh-kien-giang", "a" * 300), "1:13",
             "không tìm thấy tiêu đề cơ quan")  # fmt: skip


def test_duty_to_prints_verbatim(tmp_path: Path) -> None:
    text = GOOD.replace("Đề nghị Sở Y tế thực hiện.", "Đề nghị:\n\n  {{ duty_list() }}") + (
        "duties:\n  - to: 'Sở <TN&MT> **đậm** [x](y)'\n    text: theo dõi\n"
    )
    code, output, out = run_bytes(tmp_path, text.encode())
    assert code == 0, output
    texts = [p.text for p in docx.Document(str(out)).paragraphs]
    assert "Sở <TN&MT> **đậm** [x](y): theo dõi" in texts, texts


def test_a_control_character_in_a_csv_cell_is_shown_in_the_csv(tmp_path: Path) -> None:
    (tmp_path / "so-lieu.csv").write_text("don_vi,dan_so\nHuyện A,1\x0b2\n", encoding="utf-8")
    table = (
        "tables:\n  t:\n    source: so-lieu.csv\n    key: don_vi\n"
        "    columns: [{header: Đơn vị, source: don_vi}, {header: Dân số, source: dan_so}]\n"
    )
    code, output, out = run_bytes(tmp_path, (GOOD + table).encode())
    assert code == 2 and not out.exists()
    assert output.startswith(f"{tmp_path}/so-lieu.csv:2:10: lỗi: có ngắt dòng của Word (U+000B)")


def test_a_table_file_name_too_long_for_the_disk(tmp_path: Path) -> None:
    table = (
        f"tables:\n  t:\n    source: {'b' * 300}.csv\n    key: don_vi\n"
        "    columns: [{header: Đơn vị, source: don_vi}]\n"
    )
    fails_at(tmp_path, GOOD + table, "15:13", "không có tệp số liệu .csv hay .xlsx")


def test_a_character_word_refuses_from_the_letters_own_template_names_that_template(
    tmp_path: Path,
) -> None:
    folder = tmp_path / "mau"
    folder.mkdir()
    (folder / "rieng.md.j2").write_text('{{ body }}\n\nGhi chú {{ "\\x0b" }}\n', encoding="utf-8")
    letter = write(tmp_path, GOOD + "template: rieng\n")
    out = tmp_path / "out.docx"
    result = CliRunner().invoke(main, ["render", str(letter), "-t", str(folder), "-o", str(out)])
    assert result.exit_code == 2, result.output
    assert result.output.startswith(f"{folder}/rieng.md.j2:1:1: lỗi: "), result.output
    assert "U+000B" in result.output
    assert not out.exists()
