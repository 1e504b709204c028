"""Where a command's file goes: a path checked before any work, then written whole or not at all;
or standard output when the path is `-`.

Every command that writes one file (render, diff --redline, import) goes through `write_output`,
so a bad target reads the same everywhere — `OUT: lỗi: what — how to fix`, exit 2 — and the
file that was there is never touched, no temp file is left (docx.package.open_atomic). An
operating-system error is put in Vietnamese by `unwritable`, which batch uses too.
"""

from __future__ import annotations

import errno
import stat
import sys
from pathlib import Path

from dispatch_gen.docx.package import write_atomic
from dispatch_gen.errors import InputError, Location

STDOUT = "-"
MAX_NAME_BYTES = 255  # NTFS, ext4, APFS: a file name's limit

_WHY = {
    errno.EACCES: "không có quyền ghi",
    errno.EPERM: "không có quyền ghi",
    errno.EROFS: "ổ đĩa chỉ cho đọc",
    errno.ENOSPC: "đĩa đã đầy",
    errno.ENAMETOOLONG: "tên tệp hoặc đường dẫn dài quá",
    errno.ENOTDIR: "một phần của đường dẫn là tệp, không phải thư mục",
    errno.EISDIR: "đó là thư mục, không phải tệp",
    errno.EEXIST: "đã có một tệp cùng tên ở chỗ cần thư mục",
}


def unwritable(error: OSError, path: Path) -> InputError:
    """An OSError met while writing `path`, in Vietnamese, with what to try."""
    why = _WHY.get(error.errno or 0, error.strerror or str(error))
    found = Path(str(error.filename)) if error.filename else path
    if found.name.startswith(".") and found.name.endswith(".part"):
        found = found.parent  # the temp file beside the letter: the folder is what refused it
    where = Location(str(found))
    return InputError(f"không ghi được tệp: {why}", "chọn thư mục khác hoặc tên khác", where)


def is_stdout(path: Path | str) -> bool:
    return str(path) == STDOUT


def kind(path: Path) -> str | None:
    """"folder", "file" or None (nothing there, or nothing that can be looked at: a name too
    long, a path through a file)."""
    try:
        mode = path.stat().st_mode
    except (OSError, ValueError):
        return None
    return "folder" if stat.S_ISDIR(mode) else "file"


def check_target(path: Path, *suffixes: str) -> None:
    """Refuse, before any work, a target that cannot take a file with one of `suffixes`
    (".docx"; ".yaml", ".yml"): a folder, another kind of file, a name too long, a path under a
    file, a read-only file."""
    if is_stdout(path):
        return
    suffix = suffixes[0]
    where = Location(str(path))
    too_long = [p.name for p in (path, *path.parents) if len(p.name.encode()) > MAX_NAME_BYTES]
    if too_long:
        raise InputError(
            f"tên dài quá ({len(too_long[0])} ký tự)", "đặt tên ngắn hơn, dưới 200 ký tự", where
        )
    if kind(path) == "folder":
        raise InputError(
            "đây là thư mục, cần một tên tệp", f"ví dụ “-o {path / ('cong-van' + suffix)}”", where
        )
    if path.suffix.lower() not in suffixes:
        raise InputError(
            f"tệp ghi ra phải có đuôi {suffix}", f"ví dụ “-o {path.with_suffix(suffix).name}”",
            where,
        )  # fmt: skip
    for parent in path.parents:
        found = kind(parent)
        if found == "file":
            raise InputError(
                f"“{parent}” là một tệp, không phải thư mục", "chọn một thư mục để ghi tệp vào",
                where,
            )  # fmt: skip
        if found == "folder":
            break
    if kind(path) == "file" and not path.stat().st_mode & stat.S_IWUSR:
        raise InputError(
            "tệp này chỉ cho đọc (read-only): không ghi đè",
            "bỏ thuộc tính chỉ đọc của tệp, hoặc chọn tên khác", where,
        )  # fmt: skip


def refuse_terminal() -> None:
    """`-o -` sends bytes to standard output: never onto a terminal."""
    if sys.stdout.isatty():
        raise InputError(
            "không ghi tệp ra màn hình (-o -)",
            "chuyển sang tệp: “… -o - > cong-van.docx”, hoặc ghi “-o cong-van.docx”",
        )


def write_output(path: Path, data: bytes, *suffixes: str) -> None:
    """Write `data` to `path` (or standard output for `-`), all or nothing."""
    check_target(path, *suffixes)
    if is_stdout(path):
        refuse_terminal()
        stream = sys.stdout.buffer
        stream.write(data)
        stream.flush()
        return
    try:
        write_atomic(path, data)
    except OSError as error:
        raise unwritable(error, path) from error
