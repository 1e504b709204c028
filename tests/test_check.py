"""`dispatch-gen check` and `preview`: the linter finds exactly the one mistake each fixture has.

Fixtures come from tests/fixtures_check.py (a correct letter laid out like the writer's and
variants wrong in one way). Also: the writer's own examples pass, a LibreOffice round trip still
passes, messages are Vietnamese NFC, JSON and exit codes of the click commands, and preview writes
a PDF and page images (skipped without LibreOffice).
"""

from __future__ import annotations

import json
import shutil
import subprocess
import unicodedata
import zipfile
from dataclasses import asdict
from io import BytesIO
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from dispatch_gen import preview as preview_module
from dispatch_gen.check import Finding, check_docx, format_findings
from dispatch_gen.check.command import check, preview
from dispatch_gen.errors import InputError
from tests.conftest import EXAMPLES
from tests.fixtures_check import (
    BASELINE,
    CLEAN_FIXTURES,
    FIXTURES,
    WARNING_FIXTURES,
    build,
)

# What the clerk reads for some fixtures: a fragment of `found` and of `fix`.
MESSAGES = {
    "month-08": ("“tháng 08”", "Viết “tháng 8”"),
    "day-5": ("“ngày 5”", "Viết “ngày 05”"),
    "month-1": ("“tháng 1”", "Viết “tháng 01”"),
    "number-5": ("“Số: 5/SGDĐT-VP”", "“Số: 05/SGDĐT-VP”"),
    "cv-symbol": ("CV-SGDĐT", "Bỏ “CV”"),
    "left-margin-25": ("lề trái 25 mm", "30–35 mm"),
    "calibri-body": ("“Calibri”", "Times New Roman"),
    "theme-font": ("“Calibri”", "Times New Roman"),
    "normal-size-12": ("cỡ 12", "cỡ 13–14"),
    "signer-upper": ("“LÂM MINH THÀNH”", "“Lâm Minh Thành”"),
    "label-underlined": ("gạch chân", "Bỏ gạch chân"),
    "no-archive": ("“- Giám đốc Sở.”", "- Lưu: VT"),
    "motto-rule-missing": ("không có đường kẻ", "dài bằng dòng Tiêu ngữ"),
    "motto-rule-short": ("bằng 51% dòng chữ (159 pt)", "dài bằng dòng Tiêu ngữ"),
    "motto-wraps": ("bị xuống dòng", "Giảm thụt lề"),
    "agency-rule-long": ("bằng 80% dòng chữ", "1/3–1/2"),
    "type-line": ("“CÔNG VĂN”", "Bỏ dòng “CÔNG VĂN”"),
    "legacy-tcvn3": ("“.VnTime”", "Unicode"),
    "legacy-vni-text": ("mã TCVN3 hoặc VNI", "Unicode"),
    "nfd-text": ("tổ hợp (NFD)", "Unicode dựng sẵn"),
}


def errors(findings: list[Finding]) -> set[str]:
    return {f.rule for f in findings if f.severity == "error"}


def warnings(findings: list[Finding]) -> set[str]:
    return {f.rule for f in findings if f.severity == "warning"}


@pytest.mark.parametrize("name", CLEAN_FIXTURES)
def test_correct_letters_have_no_finding(name: str) -> None:
    assert check_docx(build(CLEAN_FIXTURES[name])) == []


@pytest.mark.parametrize("name", FIXTURES)
def test_each_fixture_triggers_exactly_its_rule(name: str) -> None:
    rule, spec = FIXTURES[name]
    findings = check_docx(build(spec))
    assert errors(findings) == {rule}, "\n".join(map(str, findings))
    if name in MESSAGES:
        found, fix = MESSAGES[name]
        wrong = [f for f in findings if f.rule == rule]
        assert any(found in f.found and fix in f.fix for f in wrong), "\n".join(map(str, wrong))


@pytest.mark.parametrize("name", WARNING_FIXTURES)
def test_warning_fixtures_warn_without_error(name: str) -> None:
    rule, spec = WARNING_FIXTURES[name]
    findings = check_docx(build(spec))
    assert errors(findings) == set()
    assert warnings(findings) == {rule}


def test_date_finding_names_the_decree_rule() -> None:
    (finding,) = check_docx(build(FIXTURES["month-08"][1]))
    assert finding.reference == "PL I, II.4.b: ngày dưới 10 và tháng 1, 2 có số 0"
    assert finding.element == "Địa danh và thời gian"
    assert str(finding).startswith("ND30-09 [lỗi] Địa danh và thời gian: ")
    assert "Nghị định 30/2020/NĐ-CP, PL I, II.4.b" in str(finding)


def test_messages_are_nfc_vietnamese() -> None:
    findings = [f for _, spec in FIXTURES.values() for f in check_docx(build(spec))]
    for finding in findings:
        for text in (*asdict(finding).values(), str(finding)):
            assert unicodedata.is_normalized("NFC", text), text
        assert finding.severity in ("error", "warning")
    # the NFD fixture's example text is shown normalised, not in its broken form
    nfd = check_docx(build(FIXTURES["nfd-text"][1]))
    assert "“UBND TỈNH KIÊN GIANG”" in nfd[0].found


def test_path_and_bytes_give_the_same_findings(tmp_path: Path) -> None:
    path = tmp_path / "thang-08.docx"
    path.write_bytes(build(FIXTURES["month-08"][1]))
    assert check_docx(path) == check_docx(str(path)) == check_docx(path.read_bytes())


def test_format_json_and_text() -> None:
    findings = check_docx(build(FIXTURES["cv-symbol"][1]))
    data = json.loads(format_findings(findings, "json"))
    assert data == [asdict(f) for f in findings]
    assert set(data[0]) == {"rule", "reference", "severity", "element", "found", "fix"}
    assert "Số, ký hiệu" in format_findings(findings, "json")  # not \\u-escaped
    text = format_findings(findings, "text").splitlines()
    assert text[:-1] == [str(f) for f in findings]
    assert text[-1] == "1 lỗi, 0 cảnh báo."
    assert format_findings([], "text") == "Không phát hiện sai sót về thể thức."
    with pytest.raises(ValueError):
        format_findings(findings, "xml")


def test_unreadable_input_is_an_input_error(tmp_path: Path) -> None:
    not_zip = tmp_path / "note.docx"
    not_zip.write_text("không phải docx", encoding="utf-8")
    with pytest.raises(InputError, match="không phải tệp .docx"):
        check_docx(not_zip)
    broken = BytesIO()
    with zipfile.ZipFile(broken, "w") as zf, zipfile.ZipFile(BytesIO(build())) as good:
        for name in good.namelist():
            data = good.read(name)
            zf.writestr(name, data[:200] if name == "word/document.xml" else data)
    with pytest.raises(InputError, match="word/document.xml hỏng"):
        check_docx(broken.getvalue())
    with pytest.raises(InputError, match="không tìm thấy"):
        check_docx(tmp_path / "missing.docx")


def test_check_command_exit_codes(tmp_path: Path) -> None:
    good = tmp_path / "dung.docx"
    good.write_bytes(build(BASELINE))
    bad = tmp_path / "thang-08.docx"
    bad.write_bytes(build(FIXTURES["month-08"][1]))
    warned = tmp_path / "gach-duoi.docx"
    warned.write_bytes(build(WARNING_FIXTURES["motto-rule-underscores"][1]))
    junk = tmp_path / "hong.docx"
    junk.write_bytes(b"PK\x03\x04 not really")
    runner = CliRunner()

    result = runner.invoke(check, [str(good)])
    assert result.exit_code == 0, result.output
    assert "Không phát hiện sai sót về thể thức." in result.output

    assert runner.invoke(check, [str(warned)]).exit_code == 0

    result = runner.invoke(check, [str(good), str(bad)])
    assert result.exit_code == 1
    assert "ND30-09 [lỗi]" in result.output and "tháng 08" in result.output

    result = runner.invoke(check, ["--format", "json", str(bad), str(good)])
    assert result.exit_code == 1
    data = json.loads(result.output)
    assert data[str(good)] == []
    assert [f["rule"] for f in data[str(bad)]] == ["ND30-09"]

    result = runner.invoke(check, [str(junk), str(good)])
    assert result.exit_code == 2
    assert "không phải tệp .docx" in result.output  # stderr is mixed in by CliRunner
    assert runner.invoke(check, [str(tmp_path / "khong-co.docx")]).exit_code == 2


def test_our_examples_pass(rendered: dict[str, Path]) -> None:
    """What the writer renders has no error; an unsigned draft is warned that its name is open."""
    assert rendered
    for example in EXAMPLES:
        letter = yaml.safe_load(example.read_text(encoding="utf-8"))
        unsigned = not (letter.get("signature") or {}).get("name", "x")
        findings = check_docx(rendered[example.stem])
        assert errors(findings) == set(), f"{example.name}\n" + "\n".join(map(str, findings))
        warned = {f.rule for f in findings if f.severity == "warning" and "họ tên" in f.found}
        assert warned == ({"ND30-13"} if unsigned else set())


def soffice() -> str:
    found = shutil.which("soffice") or shutil.which("libreoffice")
    if found is None:
        pytest.skip("LibreOffice not installed (apt-get install libreoffice-writer-nogui)")
    return found


def test_libreoffice_round_trip_keeps_the_verdict(tmp_path: Path) -> None:
    """A letter saved again by LibreOffice (its own XML, styles, fields) reads the same."""
    names = {
        "dung": BASELINE,
        "thang-08": FIXTURES["month-08"][1],
        "thieu-ke": FIXTURES["motto-rule-missing"][1],
    }
    for name, spec in names.items():
        (tmp_path / f"{name}.docx").write_bytes(build(spec))
    out = tmp_path / "lo"
    subprocess.run(
        [
            soffice(),
            f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}",
            "--headless",
            "--convert-to",
            "docx:MS Word 2007 XML",
            "--outdir",
            str(out),
            *(str(tmp_path / f"{n}.docx") for n in names),
        ],
        check=True,
        capture_output=True,
        timeout=300,
    )
    assert check_docx(out / "dung.docx") == []
    assert errors(check_docx(out / "thang-08.docx")) == {"ND30-09"}
    assert errors(check_docx(out / "thieu-ke.docx")) == {"ND30-06"}


def test_preview_writes_pdf_and_pages(tmp_path: Path) -> None:
    soffice()
    docx = tmp_path / "cong-van.docx"
    docx.write_bytes(build(BASELINE))
    pdf, pages = preview_module.preview(docx, tmp_path / "xem")
    assert pdf == tmp_path / "xem" / "cong-van.pdf"
    assert pdf.read_bytes().startswith(b"%PDF")
    assert pages and all(p.read_bytes().startswith(b"\x89PNG") for p in pages)
    assert pages[0].name == "cong-van-1.png"
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "Kính gửi" in unicodedata.normalize("NFC", text)


def test_preview_without_libreoffice_says_what_to_install(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    docx = tmp_path / "cong-van.docx"
    docx.write_bytes(build(BASELINE))
    monkeypatch.setattr(preview_module.shutil, "which", lambda name: None)
    with pytest.raises(InputError) as caught:
        preview_module.preview(docx)
    assert (
        caught.value.hint
        == "cài LibreOffice: apt-get install libreoffice-writer-nogui poppler-utils"
    )
    assert "soffice" in caught.value.message
    result = CliRunner().invoke(preview, [str(docx)])
    assert result.exit_code == 2
    assert "apt-get install libreoffice-writer-nogui poppler-utils" in result.output
