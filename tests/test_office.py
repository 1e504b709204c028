"""An office's first day: `dispatch-gen new` → render → `check` clean, for letterheads drawn from
the registry (50 communes, every province), and `dispatch-gen letterheads`."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from dispatch_gen.check import check_docx
from dispatch_gen.cli import main
from dispatch_gen.doctypes import TYPE_CODES
from dispatch_gen.load import load
from dispatch_gen.office.starter import DOCUMENT_TYPES
from dispatch_gen.registry import canonical_name, registry
from dispatch_gen.render import render
from dispatch_gen.vietnamese import DRAFT_BLANK

COMMUNES = [e for e in registry().entries if e.code]
SAMPLE = random.Random(2025).sample(COMMUNES, 50)
PROVINCES = [e for e in registry().entries if e.kind == "UBND tỉnh, thành phố"]
AGENCIES = [e for e in registry().entries if e.province == "tỉnh Đồng Nai" and not e.code]


def new(tmp_path: Path, name: str, *more: str) -> tuple[int, str, Path]:
    letter = tmp_path / "cong-van.yaml"
    result = CliRunner().invoke(
        main, ["new", str(letter), "--letterhead", name, "--date", "2026-03", *more]
    )
    return result.exit_code, result.output, letter


@pytest.mark.parametrize("entry", SAMPLE + PROVINCES + AGENCIES, ids=lambda e: canonical_name(e))
def test_a_new_letter_renders_and_checks_clean(tmp_path: Path, entry) -> None:
    code, output, letter = new(tmp_path, canonical_name(entry), "--signer", "Nguyễn Văn An")
    assert code == 0, output
    rendered = render(letter)
    assert rendered.notices == ()
    assert check_docx(rendered.data) == []
    dispatch = load(letter)
    assert dispatch.letterhead == entry.letterhead()
    assert dispatch.number is None and dispatch.issued.complete is None  # an unnumbered draft
    unit = "TH" if entry.abbreviation == "VP" else "VP"
    assert dispatch.number_line == f"Số: {DRAFT_BLANK}/{entry.abbreviation}-{unit}"


@pytest.mark.parametrize("kind", sorted(DOCUMENT_TYPES))
@pytest.mark.parametrize(
    "name", ["ubnd-xa-tan-phu/dong-nai", "so-y-te-tinh-dong-nai", "ubnd-thanh-pho-ho-chi-minh"]
)
def test_every_document_type_starts_clean(tmp_path: Path, kind: str, name: str) -> None:
    code, output, letter = new(tmp_path, name, "--type", kind, "--signer", "Nguyễn Văn An")
    assert code == 0, output
    rendered = render(letter)
    assert rendered.notices == ()
    assert check_docx(rendered.data) == []
    dispatch = load(letter)
    if kind == "cong-van":
        assert dispatch.kind == "" and dispatch.title.startswith("V/v ")
    else:
        assert dispatch.kind == DOCUMENT_TYPES[kind]
        assert dispatch.symbol == f"{TYPE_CODES[dispatch.kind]}-{dispatch.letterhead.abbreviation}"
    upward = kind in ("to-trinh", "bao-cao")
    assert bool(dispatch.recipients) == (upward or kind == "cong-van")


def test_a_type_may_be_written_in_vietnamese(tmp_path: Path) -> None:
    code, output, letter = new(tmp_path, "ubnd-xa-tan-phu/dong-nai", "--type", "Thông báo")
    assert code == 0, output
    assert "type: Thông báo" in letter.read_text(encoding="utf-8")
    (tmp_path / "q").mkdir()
    code, output, letter = new(tmp_path / "q", "ubnd-xa-tan-phu/dong-nai", "--type", "Quyết định")
    assert code == 0, output
    assert "type: Quyết định" in letter.read_text(encoding="utf-8")
    code, output, _ = new(tmp_path / "x", "ubnd-xa-tan-phu/dong-nai", "--type", "Nghị quyết")
    assert code == 2 and "không có loại văn bản" in output and "quyet-dinh" in output


def test_without_a_signer_the_only_finding_is_the_missing_name(tmp_path: Path) -> None:
    code, output, letter = new(tmp_path, "ubnd-xa-tan-phu/dong-nai")
    assert code == 0, output
    text = letter.read_text(encoding="utf-8")
    assert "letterhead: ubnd-xa-tan-phu/dong-nai" in text
    assert "# Kính gửi (ô 9a)" in text  # the clerk's comments are Vietnamese
    findings = check_docx(render(letter).data)
    assert [(f.rule, f.severity) for f in findings] == [("ND30-13", "warning")]
    assert "chưa ghi họ tên người ký" in findings[0].found


def test_new_never_clobbers_a_letter(tmp_path: Path) -> None:
    letter = tmp_path / "cong-van.yaml"
    letter.write_text("# thư đã soạn\n", encoding="utf-8")
    code, output, _ = new(tmp_path, "ubnd-tinh-an-giang")
    assert code == 2
    assert f"lỗi: tệp {letter} đã có" in output
    assert letter.read_text(encoding="utf-8") == "# thư đã soạn\n"


def test_new_with_an_ambiguous_or_unknown_name_writes_nothing(tmp_path: Path) -> None:
    code, output, letter = new(tmp_path, "ubnd-xa-tan-phu")
    assert code == 2 and "ubnd-xa-tan-phu/dong-nai" in output and not letter.exists()
    code, output, letter = new(tmp_path, "../letterheads/x")
    assert code == 2 and "là đường dẫn" in output and not letter.exists()


def test_new_to_standard_output() -> None:
    result = CliRunner().invoke(main, ["new", "-", "-l", "ubnd-thanh-pho-hue", "--date", "2026-03"])
    assert result.exit_code == 0
    data = yaml.safe_load(result.output)
    assert data["letterhead"] == "ubnd-thanh-pho-hue"
    assert data["recipients"] == [
        "Các sở, ban, ngành thành phố Huế",
        "Ủy ban nhân dân các xã, phường",
    ]


def test_letterheads_search_show_and_province() -> None:
    runner = CliRunner()
    found = runner.invoke(main, ["letterheads", "tìm", "tan phu"])
    assert found.exit_code == 0
    assert "ubnd-xa-tan-phu/dong-nai\tỦy ban nhân dân xã Tân Phú, tỉnh Đồng Nai" in found.output
    assert found.output == runner.invoke(main, ["letterheads", "--search", "Tân Phú"]).output
    listed = runner.invoke(main, ["letterheads", "tỉnh", "Đồng Nai"]).output.splitlines()
    assert len(listed) == len(registry().in_province("Đồng Nai"))
    assert listed[0] == "ubnd-tinh-dong-nai\tỦy ban nhân dân tỉnh Đồng Nai, tỉnh Đồng Nai"
    summary = runner.invoke(main, ["letterheads"]).output
    assert "UBND xã: 2621" in summary and "Sở: 340" in summary


def test_search_lists_the_office_s_own_files_first(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "letterheads").mkdir()
    (tmp_path / "letterheads/hoi-nong-dan.yaml").write_text(
        "agency: [Hội Nông dân, xã Tân Phú]\n", encoding="utf-8"
    )
    found = CliRunner().invoke(main, ["letterheads", "tìm", "tan phu"]).output.splitlines()
    assert found[0] == f"hoi-nong-dan\ttệp {Path('letterheads/hoi-nong-dan.yaml').absolute()}"
    assert found[1].startswith("ubnd-xa-tan-phu/")


def test_a_shown_letterhead_saved_as_a_file_gives_the_same_letterhead(tmp_path: Path) -> None:
    shown = CliRunner().invoke(main, ["letterheads", "xem", "so-y-te-thanh-pho-ho-chi-minh"])
    assert shown.exit_code == 0
    assert shown.output.startswith("# Sở Y tế Thành phố Hồ Chí Minh, Thành phố Hồ Chí Minh\n")
    (tmp_path / "letterheads").mkdir()
    (tmp_path / "letterheads/so-y-te.yaml").write_text(shown.output, encoding="utf-8")
    code, output, letter = new(tmp_path, "so-y-te")
    assert code == 0, output
    (entry,) = registry().find("so-y-te-thanh-pho-ho-chi-minh")
    assert load(letter).letterhead == entry.letterhead()


def test_letterheads_show_of_an_ambiguous_name_lists_the_choices() -> None:
    result = CliRunner().invoke(main, ["letterheads", "xem", "ubnd-xa-tan-phu"])
    assert result.exit_code == 2
    assert "ubnd-xa-tan-phu/vinh-long (Ủy ban nhân dân xã Tân Phú, tỉnh Vĩnh Long)" in result.output
