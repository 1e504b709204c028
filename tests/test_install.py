"""Installed from its wheel, dispatch-gen renders from any folder.

The test builds the wheel (hatchling, no network: it is a dev dependency), installs it into a
fresh virtual environment in a temporary folder, and runs the installed `dispatch-gen` from an
empty folder holding only a letter. The fresh environment borrows the already installed
dependencies (a .pth line to this environment's site-packages, which does not run that folder's
own .pth files, so the editable checkout stays out of sight); `dispatch_gen` itself can only come
from the wheel.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import sysconfig
import venv
import zipfile
from pathlib import Path

import pytest

from dispatch_gen.review.reading import docx_text

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "002-kien-giang-bluezone.yaml"  # no data file beside it


def _bin(env: Path, name: str) -> Path:
    folder = env / ("Scripts" if os.name == "nt" else "bin")
    return folder / (name + (".exe" if os.name == "nt" else ""))


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q",
         "-w", str(out), str(ROOT)],
        check=True, capture_output=True, timeout=300,
    )  # fmt: skip
    (found,) = out.glob("dispatch_gen-*.whl")
    return found


@pytest.fixture(scope="module")
def installed(wheel: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    env = tmp_path_factory.mktemp("venv") / "env"
    venv.EnvBuilder(with_pip=False).create(env)
    python = _bin(env, "python")
    site = subprocess.run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        check=True, capture_output=True, text=True,
    ).stdout.strip()  # fmt: skip
    Path(site, "borrowed-dependencies.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    subprocess.run(
        [sys.executable, "-m", "pip", "--python", str(python), "install", "-q", "--no-deps",
         "--no-index", str(wheel)],
        check=True, capture_output=True, timeout=300,
    )  # fmt: skip
    return env


def test_the_wheel_carries_templates_letterheads_and_package_files(wheel: Path) -> None:
    with zipfile.ZipFile(wheel) as whl:
        names = set(whl.namelist())
        metadata = whl.read(next(n for n in names if n.endswith(".dist-info/METADATA"))).decode()
    for template in (ROOT / "templates").glob("*"):
        assert f"dispatch_gen/templates/{template.name}" in names
    for letterhead in (ROOT / "letterheads").glob("*.yaml"):
        assert f"dispatch_gen/letterheads/{letterhead.name}" in names
    for part in (ROOT / "dispatch_gen").rglob("*"):
        if part.is_file() and "__pycache__" not in part.parts:
            assert part.relative_to(ROOT).as_posix() in names
    assert "License-Expression: MIT" in metadata
    assert "Requires-Python: >=3.11" in metadata
    assert "Classifier: Natural Language :: Vietnamese" in metadata


def test_installed_tool_renders_from_an_empty_folder(installed: Path, tmp_path: Path) -> None:
    folder = tmp_path / "trống"
    folder.mkdir()
    shutil.copy(EXAMPLE, folder / "cong-van.yaml")
    tool = _bin(installed, "dispatch-gen")
    where = subprocess.run(
        [str(_bin(installed, "python")), "-c", "import dispatch_gen; print(dispatch_gen.__file__)"],
        cwd=folder, check=True, capture_output=True, text=True,
    ).stdout  # fmt: skip
    assert Path(where).is_relative_to(installed)
    help_text = subprocess.run(
        [str(tool), "--help"], cwd=folder, check=True, capture_output=True, text=True
    ).stdout
    assert "render" in help_text and help_text.startswith("Cách dùng: dispatch-gen")
    done = subprocess.run(
        [str(tool), "render", "cong-van.yaml", "-o", "cong-van.docx"],
        cwd=folder, capture_output=True, text=True,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    text = docx_text(folder / "cong-van.docx")
    assert "ỦY BAN NHÂN DÂN" in text[0] and "TỈNH KIÊN GIANG" in " ".join(text[:4])
    assert sorted(p.name for p in folder.iterdir()) == ["cong-van.docx", "cong-van.yaml"]
