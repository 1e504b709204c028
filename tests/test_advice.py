"""Warnings (cảnh báo) a clerk sees when rendering: the letter is written, the doubt is named."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from dispatch_gen.cli import main
from tests.test_errors import GOOD, write


def render(tmp_path: Path, text: str) -> tuple[int, str, Path]:
    letter = write(tmp_path, text)
    out = tmp_path / "out.docx"
    result = CliRunner().invoke(main, ["render", str(letter), "-o", str(out)])
    return result.exit_code, result.output, out


def test_stated_figure_that_disagrees_with_the_data(tmp_path: Path) -> None:
    text = GOOD + (
        "figures: {installs: 41177, population: 598856}\n"
        "checks:\n"
        "  - {stated: '6,88%', computed: 'ratio(figures.installs, figures.population)'}\n"
        "  - {stated: '7,10%', computed: 'ratio(figures.installs, figures.population)'}\n"
    )
    code, output, out = render(tmp_path, text)
    assert code == 0 and out.exists()
    warnings = [line for line in output.splitlines() if "cảnh báo" in line]
    assert len(warnings) == 1, output
    assert warnings[0].startswith(f"{tmp_path}/letter.yaml:16:14:")
    assert "“7,10%”" in warnings[0] and "6,88%" in warnings[0]


def test_deadline_on_a_weekend_is_named(tmp_path: Path) -> None:
    text = GOOD + "deadlines: {report: 2020-08-22}\n"
    code, output, _ = render(tmp_path, text)
    assert code == 0
    assert "cảnh báo" in output and "thứ Bảy" in output, output


def test_deadline_before_the_letter_is_an_error(tmp_path: Path) -> None:
    code, output, out = render(tmp_path, GOOD + "deadlines: {report: 2020-08-18}\n")
    assert code == 2 and not out.exists()
    assert f"{tmp_path}/letter.yaml:13:" in output


def test_old_province_in_a_2026_letter(tmp_path: Path) -> None:
    text = GOOD.replace("2020-08-19", "2026-03-02").replace(
        "Đề nghị Sở Y tế thực hiện.", "Đề nghị Sở Y tế tỉnh Kiên Giang thực hiện."
    )
    code, output, _ = render(tmp_path, text)
    assert code == 0
    assert "Kiên Giang" in output and "An Giang" in output, output


def test_old_province_in_a_2020_letter_is_fine(tmp_path: Path) -> None:
    text = GOOD.replace("Đề nghị Sở Y tế thực hiện.", "Đề nghị Sở Y tế tỉnh Kiên Giang thực hiện.")
    code, output, _ = render(tmp_path, text)
    assert code == 0 and "cảnh báo" not in output
