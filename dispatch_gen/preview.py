"""Preview a .docx as the clerk will see it: PDF through LibreOffice, page images through pdftoppm.

LibreOffice substitutes Liberation Serif (metric-compatible) for Times New Roman, so line breaks
match Word's. Each call gives soffice a profile folder of its own so a running or stale instance
never blocks it.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

from dispatch_gen.errors import InputError, missing_file

INSTALL_HINT = "cài LibreOffice: apt-get install libreoffice-writer-nogui poppler-utils"
RESOLUTION = 60  # dpi of the page images
TIMEOUT = 180  # seconds for one conversion


def tool(*names: str) -> str:
    """Path of the first program found, or InputError naming what to install."""
    for name in names:
        found = shutil.which(name)
        if found:
            return found
    raise InputError(
        f"không tìm thấy chương trình {names[0]} để xem trước văn bản", hint=INSTALL_HINT
    )


def run(command: list[str], what: str) -> None:
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=TIMEOUT, check=False)
    except subprocess.TimeoutExpired as exc:
        raise InputError(
            f"{what} quá {TIMEOUT} giây chưa xong",
            hint="đóng các cửa sổ LibreOffice đang mở rồi thử lại",
        ) from exc
    if done.returncode != 0:
        detail = (done.stderr or done.stdout).strip().splitlines()[-1:] or [""]
        raise InputError(f"{what} không thành công (mã {done.returncode}) {detail[0]}".strip())


def preview(
    docx_path: str | os.PathLike[str], out_dir: str | os.PathLike[str] | None = None
) -> tuple[Path, list[Path]]:
    """Write `<name>.pdf` and `<name>-<page>.png` (60 dpi) beside the .docx or into `out_dir`."""
    source = Path(docx_path)
    if not source.is_file():
        raise missing_file(source)
    soffice = tool("soffice", "libreoffice")
    pdftoppm = tool("pdftoppm")
    target = Path(out_dir) if out_dir is not None else source.parent
    target.mkdir(parents=True, exist_ok=True)
    pdf = target / (source.stem + ".pdf")
    pdf.unlink(missing_ok=True)
    stale = re.compile(re.escape(source.stem) + r"-\d+\.png")
    for old in target.glob(source.stem + "-*.png"):
        if stale.fullmatch(old.name):
            old.unlink()
    with tempfile.TemporaryDirectory(prefix="dispatch-gen-lo-") as profile:
        run(
            [
                soffice,
                f"-env:UserInstallation={Path(profile).as_uri()}",
                "--headless",
                "--convert-to",
                "pdf",
                "--outdir",
                str(target),
                str(source),
            ],
            "LibreOffice chuyển sang PDF",
        )
    if not pdf.is_file():
        raise InputError(
            f"LibreOffice không tạo được PDF từ “{source}”",
            hint="mở tệp bằng LibreOffice để xem lỗi",
        )
    run(
        [pdftoppm, "-png", "-r", str(RESOLUTION), str(pdf), str(target / source.stem)],
        "pdftoppm tạo ảnh trang",
    )
    pages = [p for p in target.glob(source.stem + "-*.png") if stale.fullmatch(p.name)]
    pages.sort(key=lambda p: int(p.stem.rsplit("-", 1)[1]))
    return pdf, pages
