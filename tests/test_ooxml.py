"""Word opens every file the project writes: 0 errors under openxml-audit (ECMA-376 schema and
the Open XML SDK's semantic checks), for every example, a 15-letter batch, the combined file, a
redline, and the .docx fixtures `check` and the review commands are tested on.

Also: the theme part names Times New Roman as major and minor font (what Word shows as
"Times New Roman (Headings)"/"(Body)"), and the same letter gives the same bytes in another
process with another hash seed.
"""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from lxml import etree
from openxml_audit import OpenXmlValidator

from dispatch_gen.batch.run import Options, run
from dispatch_gen.docx.layout import FONT
from dispatch_gen.render import render_bytes
from dispatch_gen.review.redline import redline
from tests import fixtures_check, fixtures_review

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = sorted((ROOT / "examples").glob("*.yaml"))
BATCH = ROOT / "examples" / "batch"
A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"


def audit(path: Path) -> list[str]:
    """openxml-audit's findings for one file, each as 'part path: description'. A validator per
    file (the CLI's defaults, without its cap on errors): one validator reused over several files
    reports a footnote id of one file as missing from another (openxml-audit 0.8 keeps state)."""
    result = OpenXmlValidator(max_errors=0).validate(path)
    return [f"{e.part_uri} {e.path}: {e.description}" for e in result.errors]


def audit_all(paths: list[Path]) -> dict[str, list[str]]:
    """{file name: findings} for the files that have any."""
    found = {path.name: audit(path) for path in paths}
    return {name: errors for name, errors in found.items() if errors}


@pytest.fixture(scope="module")
def batch_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("batch")
    report = run(
        Options(BATCH / "long-an-bluezone-huyen.yaml", BATCH / "units.csv", out / "letters",
                combined=out / "tat-ca.docx")
    )  # fmt: skip
    assert report.exit_code == 0
    return out


def test_every_example_is_valid(rendered: dict[str, Path]) -> None:
    assert len(rendered) == len(EXAMPLES) >= 5
    assert audit_all(list(rendered.values())) == {}


def test_batch_letters_and_combined_file_are_valid(batch_folder: Path) -> None:
    letters = sorted((batch_folder / "letters").glob("*.docx"))
    assert len(letters) == 15
    assert audit_all([*letters, batch_folder / "tat-ca.docx"]) == {}


def test_redlines_are_valid(rendered: dict[str, Path], tmp_path: Path) -> None:
    """A redline between two of our letters, and between two letters built by python-docx as a
    clerk's Word would save them."""
    ours = redline(
        rendered[EXAMPLES[0].stem].read_bytes(), rendered[EXAMPLES[1].stem].read_bytes(),
        "Văn thư", "2020-08-20T09:00:00",
    )  # fmt: skip
    draft = fixtures_review.kien_giang()
    theirs = redline(
        fixtures_review.build(draft), fixtures_review.build(fixtures_review.revised(draft)),
        "Văn thư", "2020-08-20T09:00:00",
    )  # fmt: skip
    (tmp_path / "ours.docx").write_bytes(ours)
    (tmp_path / "theirs.docx").write_bytes(theirs)
    assert audit_all([tmp_path / "ours.docx", tmp_path / "theirs.docx"]) == {}


def test_check_fixtures_are_valid(tmp_path: Path) -> None:
    """The test letters of `check` are wrong only in their Decree 30 layout, never as files."""
    written = fixtures_check.write_all(tmp_path)
    assert len(written) == len(
        fixtures_check.FIXTURES | fixtures_check.WARNING_FIXTURES | fixtures_check.CLEAN_FIXTURES
    )
    assert audit_all(written) == {}


def test_review_fixtures_are_valid(tmp_path: Path) -> None:
    draft = fixtures_review.kien_giang()
    built = {
        "letter": fixtures_review.build(draft),
        "revised": fixtures_review.build(fixtures_review.revised(draft)),
        "clerk-edited": fixtures_review.split_runs(fixtures_review.build(draft), size=2),
        "lists": fixtures_review.list_document(
            fixtures_review.abstract("1", ("decimal", "%1.", 1), ("lowerLetter", "%2)", 1))
            + fixtures_review.num("1", "1", start=3),
            [("1", 0, "một"), ("1", 1, "con"), (None, 0, "đoạn")],
        ),
    }
    for name, data in built.items():
        (tmp_path / f"{name}.docx").write_bytes(data)
    assert audit_all(sorted(tmp_path.glob("*.docx"))) == {}


def test_a_broken_file_is_caught(rendered: dict[str, Path], tmp_path: Path) -> None:
    """The audit sees what the theme and schema-order fixes are about: the test can fail."""
    source = rendered[EXAMPLES[0].stem]
    broken = tmp_path / "broken.docx"
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(broken, "w") as new:
        for item in old.infolist():
            data = old.read(item)
            if item.filename == "word/numbering.xml":
                data = data.replace(b'<w:suff w:val="space"/>', b"").replace(
                    b"<w:lvlJc ", b'<w:suff w:val="space"/><w:lvlJc '
                )
            new.writestr(item, data)
    assert any("suff" in error for error in audit(broken))


def test_theme_fonts_are_the_letter_s_font(rendered: dict[str, Path]) -> None:
    with zipfile.ZipFile(rendered[EXAMPLES[0].stem]) as docx:
        theme = etree.fromstring(docx.read("word/theme/theme1.xml"))
        rels = docx.read("word/_rels/document.xml.rels").decode()
        types = docx.read("[Content_Types].xml").decode()
    for kind in ("major", "minor"):
        assert theme.find(f".//{A}{kind}Font/{A}latin").get("typeface") == FONT == "Times New Roman"
    assert 'Target="theme/theme1.xml"' in rels
    assert 'PartName="/word/theme/theme1.xml"' in types


def test_same_letter_same_bytes_in_another_process(tmp_path: Path) -> None:
    example = EXAMPLES[0]
    env = {**os.environ, "PYTHONHASHSEED": "12345"}
    out = tmp_path / "again.docx"
    subprocess.run(
        [sys.executable, "-m", "dispatch_gen", "render", str(example), "-o", str(out)],
        check=True, capture_output=True, env=env, cwd=tmp_path,
    )  # fmt: skip
    assert out.read_bytes() == render_bytes(example)
