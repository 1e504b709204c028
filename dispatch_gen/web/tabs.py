"""The page's Batch and Review tabs, over the `batch` and `review` packages.

Batch: the master letter (uploaded, or the one in the form) and a units table (.xlsx/.csv) are
written into a temporary folder, `batch.run` makes the letters there in a background thread
whose progress the page polls, and the page downloads one zip of the letters with the batch's
record (manifest.csv, manifest.json); rows that failed are listed with their sheet row.
Review: two drafts (.docx or .yaml) → the word diff as HTML, and the Word redline to download.
"""

from __future__ import annotations

import io
import threading
import uuid
import zipfile
from dataclasses import dataclass, field
from datetime import UTC, datetime
from html import escape
from pathlib import Path
from tempfile import TemporaryDirectory
from typing import TYPE_CHECKING, Any

from flask import Flask, jsonify, request

from dispatch_gen.batch.manifest import ERROR, OK
from dispatch_gen.errors import InputError
from dispatch_gen.web.uploads import save_upload, work_folder

if TYPE_CHECKING:
    from dispatch_gen.web.app import Workspace

MAX_JOBS = 8  # finished batches kept for download; the oldest is dropped first
ZIP_TIME = (1980, 1, 1, 0, 0, 0)


@dataclass
class Job:
    """One batch run in its own temporary folder."""

    folder: TemporaryDirectory[str]
    done: int = 0
    total: int = 0
    finished: bool = False
    errors: list[dict[str, str]] = field(default_factory=list)
    rows: list[dict[str, Any]] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)
    data: bytes = b""

    def status(self) -> dict[str, Any]:
        return {
            "done": self.done,
            "total": self.total,
            "finished": self.finished,
            "errors": self.errors,
            "rows": self.rows,
            "notices": self.notices,
            "written": sum(1 for r in self.rows if r["status"] == OK),
        }


def _zip_folder(folder: Path) -> bytes:
    """The batch's letters and record, in name order with fixed times (same run, same bytes)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for path in sorted(folder.iterdir()):
            if path.is_file():
                info = zipfile.ZipInfo(path.name, ZIP_TIME)
                info.compress_type = zipfile.ZIP_DEFLATED
                archive.writestr(info, path.read_bytes())
    return buffer.getvalue()


def _run_batch(job: Job, master: Path, units: Path, out: Path) -> None:
    from dispatch_gen.batch.run import Options, run
    from dispatch_gen.web.app import explain

    def progress(done: int, total: int) -> None:
        job.done, job.total = done, total

    try:
        report = run(Options(master, units, out), progress)
        job.rows = [
            {"stt": e.stt, "place": e.place, "file": e.file, "recipient": e.recipient,
             "status": e.status, "message": e.message if e.status == ERROR else ""}
            for e in report.entries
        ]  # fmt: skip
        job.notices = list(report.notices)
        job.data = _zip_folder(out)
    except InputError as error:
        job.errors = [explain(error)]
    except Exception:  # logged for the administrator; the page gets a sentence
        from dispatch_gen.web.app import BROKEN, BROKEN_HINT, log

        log.exception("serve: batch failed")
        job.errors = [{"field": "", "message": f"{BROKEN} — {BROKEN_HINT}", "where": ""}]
    finally:
        job.finished = True


def _diff_html(diff: Any) -> str:
    """The changed lines, deleted words struck through and inserted words underlined."""
    out = []
    for change in diff.changes:
        if change.fragments:
            words = "".join(
                f"<del>{escape(f.text)}</del>" if f.op == "delete"
                else f"<ins>{escape(f.text)}</ins>" if f.op == "insert" else escape(f.text)
                for f in change.fragments
            )  # fmt: skip
        elif change.new is not None and change.old is None:
            words = f"<ins>{escape(change.new)}</ins>"
        elif change.old is not None and change.new is None:
            words = f"<del>{escape(change.old)}</del>"
        else:
            words = escape(change.new or "")
        label = {"changed": "sửa", "inserted": "thêm", "deleted": "xóa", "moved": "chuyển"}.get(
            change.type, change.type
        )
        out.append(
            f'<li class="{escape(change.type)}"><span class="tag">{label}</span> {words}</li>'
        )
    return "<ol class='changes'>" + "".join(out) + "</ol>" if out else ""


def register_tabs(app: Flask, space: Workspace) -> None:
    jobs: dict[str, Job] = {}
    lock = threading.Lock()

    @app.post("/api/batch")
    def batch_start() -> Any:
        folder = work_folder()
        try:
            root = Path(folder.name)
            if request.files.get("master") and request.files["master"].filename:
                master = save_upload(request.files["master"], root, (".yaml", ".yml"),
                                     "công văn gốc")  # fmt: skip
            else:
                import json

                state = json.loads(request.form.get("form") or "{}")
                master = root / space.path(state).name
                master.write_text(space.written(state).text, encoding="utf-8")
            units = save_upload(request.files.get("units"), root / "", (".xlsx", ".csv"),
                                "bảng đơn vị")  # fmt: skip
        except Exception:
            folder.cleanup()
            raise
        out = root / "cong-van"
        job = Job(folder)
        key = uuid.uuid4().hex
        with lock:
            while len(jobs) >= MAX_JOBS:
                oldest = next(iter(jobs))
                if not jobs[oldest].finished:
                    break
                jobs.pop(oldest).folder.cleanup()
            jobs[key] = job
        threading.Thread(target=_run_batch, args=(job, master, units, out), daemon=True).start()
        return jsonify({"job": key})

    def _job(key: str) -> Job:
        if key not in jobs:
            raise InputError("không còn lượt chạy này", "chạy lại hàng loạt")
        return jobs[key]

    @app.get("/api/batch/<key>")
    def batch_status(key: str) -> Any:
        return jsonify(_job(key).status())

    @app.get("/api/batch/<key>/zip")
    def batch_zip(key: str) -> Any:
        from dispatch_gen.web.app import attachment

        job = _job(key)
        if not job.data:
            raise InputError("chưa có tệp zip", "đợi lượt chạy xong")
        return attachment(job.data, "cong-van.zip", "application/zip")

    def _drafts(folder: Path) -> tuple[Any, Any]:
        from dispatch_gen.review.reading import Letter

        kinds = (".docx", ".yaml", ".yml")
        old = save_upload(request.files.get("old"), folder / "", kinds, "bản cũ")
        new_dir = folder / "moi"
        new_dir.mkdir()
        new = save_upload(request.files.get("new"), new_dir, kinds, "bản mới")
        return Letter.open(old), Letter.open(new)

    @app.post("/api/review")
    def review() -> Any:
        from dispatch_gen.review.diff import diff_letters

        with work_folder() as tmp:
            old, new = _drafts(Path(tmp))
            diff = diff_letters(old, new)
            return jsonify({"summary": diff.summary, "html": _diff_html(diff)})

    @app.post("/api/review/redline")
    def redline() -> Any:
        from dispatch_gen.review.redline import redline as make_redline
        from dispatch_gen.web.app import attachment

        author = (request.form.get("author") or "").strip() or "dispatch-gen"
        with work_folder() as tmp:
            old, new = _drafts(Path(tmp))
            stamp = datetime.now(UTC).replace(microsecond=0)
            data = make_redline(old.package, new.package, author, stamp)
        return attachment(data, "ban-so-sanh.docx", "application/vnd.openxmlformats-"
                          "officedocument.wordprocessingml.document")  # fmt: skip
