"""`dispatch-gen serve`'s web application: the letter form's endpoints over the pipeline.

The page posts the form as JSON; `form.letter_yaml` writes it as the letter's YAML, and the same
load → compose → write stages as `render` make the preview (`letter_html`), the .docx and the
check findings. Mistakes come back as `{field, message}` for the page to show beside the field;
an unexpected failure is logged on the server and the page gets a Vietnamese sentence, never a
traceback. Requests from another host name (DNS rebinding) or without the token (when one is
set, for an office network) are refused.
"""

from __future__ import annotations

import base64
import hmac
import logging
import tempfile
import time
from pathlib import Path
from typing import Any

from flask import Flask, Response, jsonify, request, send_from_directory
from werkzeug.exceptions import HTTPException, RequestEntityTooLarge

from dispatch_gen.advice import advise
from dispatch_gen.blocks import Letter
from dispatch_gen.compose import compose
from dispatch_gen.doctypes import LETTER_TYPES
from dispatch_gen.docx.layout import (
    AUTHORITY_PREFIXES,
    CIRCULATION_MARKS,
    SECRECY_MARKS,
    URGENCY_MARKS,
)
from dispatch_gen.docx.package import docx_bytes
from dispatch_gen.errors import InputError, Notice
from dispatch_gen.letterheads import find_letterhead, known_files
from dispatch_gen.load import load_text
from dispatch_gen.model import Dispatch
from dispatch_gen.source import Source
from dispatch_gen.web.form import ADVANCED, FormYaml, form_state, letter_yaml
from dispatch_gen.web.letter_html import css, letter_html
from dispatch_gen.web.uploads import MAX_UPLOAD, safe_name, save_upload, work_folder

STATIC = Path(__file__).resolve().parent / "static"
DEFAULT_NAME = "cong-van.yaml"
SHOWN_LETTERHEADS = 30  # search answers shown under the letterhead box
BROKEN = "chương trình gặp sự cố khi xử lý yêu cầu này"
BROKEN_HINT = "lưu YAML để giữ bài, rồi báo lỗi kèm tệp đó cho người quản trị"
log = logging.getLogger("dispatch_gen.web")


class FormError(Exception):
    """Mistakes to show on the page: each `{field, message, where}`."""

    def __init__(self, errors: list[dict[str, str]]) -> None:
        super().__init__(errors[0]["message"] if errors else "")
        self.errors = errors


def explain(error: InputError, field: str = "") -> dict[str, str]:
    """An InputError for the page: the message and how to fix it, and where in the file."""
    text = error.message + (f" — {error.hint}" if error.hint else "")
    return {"field": field, "message": text, "where": str(error.where or "")}


class Workspace:
    """The folder letters are opened from, and where their letterheads and data are found."""

    def __init__(self, folder: Path, templates: tuple[Path, ...] = ()) -> None:
        self.folder = folder.resolve()
        self.templates = templates

    def path(self, state: dict[str, Any]) -> Path:
        return self.folder / safe_name(str(state.get("file") or ""), DEFAULT_NAME)

    def letterheads(self) -> list[str]:
        return known_files(self.folder / DEFAULT_NAME)

    def letters(self) -> list[str]:
        return sorted(p.name for p in self.folder.glob("*.yaml") if p.is_file())

    def written(self, state: dict[str, Any]) -> FormYaml:
        return letter_yaml(state, str(self.path(state)))

    def load(self, state: dict[str, Any]) -> tuple[FormYaml, Dispatch, Letter]:
        """The form's letter, loaded and composed; FormError names the field at fault."""
        path = self.path(state)
        written = self.written(state)
        if isinstance(written.advanced_error, InputError):
            raise FormError([explain(written.advanced_error, ADVANCED)])
        head = state.get("letterhead") if isinstance(state.get("letterhead"), dict) else {}
        found = find_letterhead(str(head.get("name") or ""), path) if head.get("name") else None
        try:
            dispatch = load_text(written.text, path)
            letter = compose(dispatch, self.templates)
        except InputError as error:
            raise FormError([explain(error, written.field_at(error.where, str(found)))]) from None
        return written, dispatch, letter

    def notices(self, written: FormYaml, dispatch: Dispatch, letter: Letter) -> list[dict]:
        return [_notice(n, written) for n in advise(dispatch, letter)]


def _notice(notice: Notice, written: FormYaml) -> dict[str, str]:
    text = notice.message + (f" — {notice.hint}" if notice.hint else "")
    return {"field": written.field_at(notice.where), "message": text}


def _form() -> dict[str, Any]:
    data = request.get_json(silent=True)
    if not isinstance(data, dict):
        raise FormError([{"field": "", "message": "yêu cầu không có nội dung biểu mẫu",
                          "where": ""}])  # fmt: skip
    return data


def attachment(data: bytes, name: str, mime: str) -> Response:
    response = Response(data, mimetype=mime)
    response.headers["Content-Disposition"] = f"attachment; filename*=UTF-8''{_quote(name)}"
    return response


def _quote(name: str) -> str:
    from urllib.parse import quote

    return quote(name)


def _guard(app: Flask, token: str, hosts: tuple[str, ...]) -> None:
    @app.before_request
    def check() -> Any:
        host = (request.host or "").rsplit(":", 1)[0].strip("[]")
        if hosts and host not in hosts:
            return jsonify(
                {"errors": [{"field": "", "message": "địa chỉ máy không được phép"}]}
            ), 403
        if not token:
            return None
        given = (
            request.args.get("token")
            or request.cookies.get("dg_token")
            or request.headers.get("X-Token", "")
        )
        if not hmac.compare_digest(given.encode(), token.encode()):
            return Response("Cần mã truy cập (token): mở đường dẫn có ?token=… mà máy chủ đã in.",
                            status=401, mimetype="text/plain; charset=utf-8")  # fmt: skip
        return None

    @app.after_request
    def remember(response: Response) -> Response:
        if token and request.args.get("token"):
            response.set_cookie("dg_token", token, httponly=True, samesite="Strict")
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["Content-Security-Policy"] = (
            "default-src 'self'; img-src 'self' data: blob:; style-src 'self' 'unsafe-inline'"
        )
        return response


def create_app(
    folder: Path,
    templates: tuple[Path, ...] = (),
    token: str = "",
    hosts: tuple[str, ...] = ("127.0.0.1", "localhost"),
) -> Flask:
    """The application for letters in `folder`; `hosts` are the host names it answers to."""
    app = Flask(__name__, static_folder=str(STATIC), static_url_path="/static")
    app.config["MAX_CONTENT_LENGTH"] = MAX_UPLOAD + 64 * 1024
    app.json.ensure_ascii = False  # type: ignore[attr-defined]
    space = Workspace(folder, templates)
    app.extensions["dispatch_gen.workspace"] = space
    _guard(app, token, hosts)

    @app.errorhandler(FormError)
    def form_error(error: FormError) -> Any:
        return jsonify({"errors": error.errors}), 422

    @app.errorhandler(InputError)
    def input_error(error: InputError) -> Any:
        return jsonify({"errors": [explain(error)]}), 422

    @app.errorhandler(RequestEntityTooLarge)
    def too_large(_: Exception) -> Any:
        message = f"tệp gửi lên quá lớn — tối đa {MAX_UPLOAD // (1024 * 1024)} MB"
        return jsonify({"errors": [{"field": "", "message": message}]}), 413

    @app.errorhandler(Exception)
    def broken(error: Exception) -> Any:
        if isinstance(error, HTTPException):
            return jsonify({"errors": [{"field": "", "message": f"lỗi {error.code}"}]}), error.code
        log.exception("serve: unexpected failure")
        return jsonify({"errors": [{"field": "", "message": f"{BROKEN} — {BROKEN_HINT}"}]}), 500

    @app.get("/")
    def index() -> Any:
        return send_from_directory(STATIC, "index.html")

    @app.get("/letter.css")
    def letter_css() -> Any:
        return Response(css(), mimetype="text/css")

    @app.get("/api/start")
    def start() -> Any:
        return jsonify(
            {
                "letterheads": space.letterheads(),
                "letters": space.letters(),
                "urgency": list(URGENCY_MARKS),
                "secrecy": list(SECRECY_MARKS),
                "circulation": list(CIRCULATION_MARKS),
                "types": list(LETTER_TYPES),
                "authority": list(AUTHORITY_PREFIXES),
                "folder": str(space.folder),
            }
        )

    @app.get("/api/letterheads")
    def search_letterheads() -> Any:
        """The search box of the letterhead field: the office's files, then the registry."""
        from dispatch_gen.registry import canonical_name, fold, registry

        query = str(request.args.get("q", ""))[:100]
        wanted = fold(query)
        files = [{"name": n, "title": "tệp letterheads/" + n + ".yaml"}
                 for n in space.letterheads() if wanted and wanted in fold(n)]  # fmt: skip
        found = [{"name": canonical_name(e), "title": f"{e.title}, {e.province}"}
                 for e in registry().search(query)[:SHOWN_LETTERHEADS]]  # fmt: skip
        return jsonify({"letterheads": (files + found)[:SHOWN_LETTERHEADS]})

    @app.post("/api/preview")
    def preview() -> Any:
        started, cpu = time.perf_counter(), time.thread_time()
        state = _form()
        try:
            written, dispatch, letter = space.load(state)
        except FormError as error:
            return jsonify({"errors": error.errors}), 422
        notices = space.notices(written, dispatch, letter)
        response = jsonify({"html": letter_html(letter), "errors": [], "notices": notices,
                            "yaml": written.text})  # fmt: skip
        # the server's share of a refresh, for the browser's timing (bench/serve_preview.py)
        spent = (time.perf_counter() - started) * 1000
        used = (time.thread_time() - cpu) * 1000
        response.headers["Server-Timing"] = f"letter;dur={spent:.1f}, cpu;dur={used:.1f}"
        return response

    @app.post("/api/check")
    def check() -> Any:
        from dispatch_gen.check import check_docx

        _, _, letter = space.load(_form())
        findings = check_docx(docx_bytes(letter))
        return jsonify(
            {
                "findings": [
                    {
                        "rule": f.rule,
                        "severity": f.severity,
                        "element": f.element,
                        "found": f.found,
                        "fix": f.fix,
                        "reference": f.reference,
                    }
                    for f in findings
                ]
            }  # fmt: skip
        )

    @app.post("/api/docx")
    def docx() -> Any:
        state = _form()
        _, _, letter = space.load(state)
        name = Path(space.path(state).name).with_suffix(".docx").name
        return attachment(docx_bytes(letter), name, "application/vnd.openxmlformats-"
                          "officedocument.wordprocessingml.document")  # fmt: skip

    @app.post("/api/yaml")
    def save_yaml() -> Any:
        state = _form()
        written = space.written(state)
        return attachment(written.text.encode("utf-8"), space.path(state).name,
                          "application/x-yaml")  # fmt: skip

    @app.post("/api/open")
    def open_letter() -> Any:
        doubts: list[dict[str, str]] = []
        if request.files:
            with work_folder() as tmp:
                saved = save_upload(request.files.get("file"), Path(tmp),
                                    (".yaml", ".yml", ".docx"), "công văn")  # fmt: skip
                name = saved.with_suffix(".yaml").name
                if saved.suffix == ".docx":  # a Word letter: `dispatch-gen import`
                    from dispatch_gen.importer import import_docx

                    text, found = import_docx(saved, space.folder / name)
                    doubts = [{"field": d.key, "message": d.reason} for d in found]
                else:
                    text = saved.read_text(encoding="utf-8")
                    name = saved.name
        else:
            name = safe_name(str((request.get_json(silent=True) or {}).get("name", "")), "")
            if name not in space.letters():
                raise InputError(f"không có công văn “{name}” trong thư mục làm việc")
            text = (space.folder / name).read_text(encoding="utf-8")
        state = form_state(Source(text, name))
        state["file"] = name
        return jsonify({"form": state, "doubts": doubts})

    @app.post("/api/print")
    def print_pages() -> Any:
        from dispatch_gen.preview import preview as lo_preview

        state = _form()
        _, _, letter = space.load(state)
        with tempfile.TemporaryDirectory(prefix="dispatch-gen-print-") as tmp:
            docx_path = Path(tmp) / "ban-in.docx"
            docx_path.write_bytes(docx_bytes(letter))
            pdf, pages = lo_preview(docx_path, Path(tmp))
            images = ["data:image/png;base64," + base64.b64encode(p.read_bytes()).decode()
                      for p in pages]  # fmt: skip
            return jsonify({"pages": images, "pdf": base64.b64encode(pdf.read_bytes()).decode()})

    from dispatch_gen.web.tabs import register_tabs

    register_tabs(app, space)
    return app
