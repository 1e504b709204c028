"""Files the page uploads: size-limited, type-checked, written only inside a temporary folder.

A file is accepted by its extension *and* its first bytes (a .docx or .xlsx is a zip, a .yaml or
.csv is UTF-8 text); its name is reduced to a safe base name, so nothing the browser sends can
choose where it is written.
"""

from __future__ import annotations

import re
import tempfile
import unicodedata
from pathlib import Path

from werkzeug.datastructures import FileStorage

from dispatch_gen.errors import InputError

MAX_UPLOAD = 8 * 1024 * 1024  # bytes in one request: letters and unit tables are far smaller
ZIP_MAGIC = b"PK\x03\x04"
KINDS = {
    ".yaml": "text",
    ".yml": "text",
    ".csv": "text",
    ".docx": "zip",
    ".xlsx": "zip",
}


def safe_name(name: str, fallback: str) -> str:
    """A base name of letters, digits, `-`, `_` and one extension; `fallback` when none is left.
    Vietnamese letters are kept (NFC)."""
    base = unicodedata.normalize("NFC", Path(name.replace("\\", "/")).name)
    stem, dot, ext = base.rpartition(".")
    if not dot:
        stem, ext = base, ""
    stem = re.sub(r"[^\w\-]+", "-", stem, flags=re.UNICODE).strip("-.")[:80]
    ext = re.sub(r"[^A-Za-z0-9]", "", ext)[:8].lower()
    return f"{stem}.{ext}" if stem and ext else fallback


def save_upload(
    upload: FileStorage | None, folder: Path, allowed: tuple[str, ...], what: str
) -> Path:
    """Write one uploaded file into `folder` (a temporary folder) after checking its type."""
    if upload is None or not upload.filename:
        raise InputError(f"chưa chọn tệp {what}", "bấm “Chọn tệp” rồi chọn một tệp trên máy")
    name = safe_name(upload.filename, f"{what.split()[0]}{allowed[0]}")
    suffix = Path(name).suffix.lower()
    if suffix not in allowed:
        raise InputError(
            f"tệp {what} “{upload.filename}” không đúng loại",
            "chọn tệp " + ", ".join(allowed),
        )
    data = upload.read(MAX_UPLOAD + 1)
    if len(data) > MAX_UPLOAD:
        raise InputError(f"tệp {what} quá lớn", f"tối đa {MAX_UPLOAD // (1024 * 1024)} MB")
    if KINDS[suffix] == "zip" and not data.startswith(ZIP_MAGIC):
        raise InputError(
            f"tệp {what} “{upload.filename}” không phải tệp {suffix} thật",
            "lưu lại tệp bằng Word/Excel rồi chọn lại",
        )
    if KINDS[suffix] == "text":
        try:
            data.decode("utf-8")
        except UnicodeDecodeError:
            raise InputError(
                f"tệp {what} “{upload.filename}” không phải văn bản UTF-8",
                "lưu lại tệp với bảng mã UTF-8",
            ) from None
    target = (folder / name).resolve()
    if target.parent != folder.resolve():
        raise InputError(f"tên tệp {what} không dùng được", "đổi tên tệp rồi chọn lại")
    target.write_bytes(data)
    return target


def work_folder() -> tempfile.TemporaryDirectory[str]:
    """A private temporary folder for one request or one batch run."""
    return tempfile.TemporaryDirectory(prefix="dispatch-gen-web-")
