"""Shared fixtures: rendered examples (once per session) and their LibreOffice PDFs."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from dispatch_gen.render import render_bytes

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = sorted((ROOT / "examples").glob("*.yaml"))


@pytest.fixture(scope="session")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Every example rendered to .docx: {stem: path}."""
    out = tmp_path_factory.mktemp("examples")
    paths = {}
    for example in EXAMPLES:
        path = out / f"{example.stem}.docx"
        path.write_bytes(render_bytes(example))
        paths[example.stem] = path
    return paths


def soffice_pdf(docx: list[Path], out: Path) -> list[Path]:
    """Convert with one LibreOffice start and a private profile; skip when it is not installed."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None or shutil.which("pdftotext") is None:
        pytest.skip("LibreOffice/poppler not installed (apt-get install libreoffice-writer-nogui)")
    profile = out / "lo-profile"
    subprocess.run(
        [
            soffice,
            f"-env:UserInstallation=file://{profile}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(out),
            *map(str, docx),
        ],
        check=True,
        capture_output=True,
        timeout=300,
    )
    return [out / f"{p.stem}.pdf" for p in docx]


@pytest.fixture(scope="session")
def pdfs(rendered: dict[str, Path], tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Every example through LibreOffice: {stem: pdf}."""
    out = tmp_path_factory.mktemp("pdf")
    stems = list(rendered)
    return dict(zip(stems, soffice_pdf([rendered[s] for s in stems], out), strict=True))
