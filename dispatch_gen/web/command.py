"""`dispatch-gen serve`: the web page on this machine (127.0.0.1), or on an office network with
a token. Argument parsing and the server's life only; the page is `web.app`."""

from __future__ import annotations

import ipaddress
import logging
import secrets
import sys
import threading
import webbrowser
from pathlib import Path

import click

LOOPBACK = ("127.0.0.1", "localhost", "::1")
DEFAULT_PORT = 8030


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def make_server(app: object, host: str, port: int) -> object:
    """A threaded WSGI server; `port` 0 takes a free one. The default port falls back to a
    free one when another program holds it."""
    from werkzeug.serving import make_server as werkzeug_server

    logging.getLogger("werkzeug").setLevel(logging.WARNING)  # no line per request
    try:
        return werkzeug_server(host, port, app, threaded=True)  # type: ignore[arg-type]
    except OSError:
        if port != DEFAULT_PORT:
            raise
        return werkzeug_server(host, 0, app, threaded=True)  # type: ignore[arg-type]


@click.command("serve")
@click.argument("folder", required=False, default=".", metavar="[THƯ_MỤC]",
                type=click.Path(path_type=Path, file_okay=False, exists=True))  # fmt: skip
@click.option(
    "--host",
    default="127.0.0.1",
    show_default=True,
    help="Địa chỉ nghe; khác 127.0.0.1 là mở cho mạng cơ quan (cần --token).",
)
@click.option(
    "--port",
    default=DEFAULT_PORT,
    show_default=True,
    type=int,
    help="Cổng; 0 để chọn một cổng trống.",
)
@click.option(
    "--token", default=None, help="Mã truy cập khi mở cho mạng (mặc định: tạo ngẫu nhiên và in ra)."
)
@click.option(
    "-t",
    "--templates",
    multiple=True,
    type=click.Path(path_type=Path, file_okay=False),
    help="Thư mục mẫu riêng (tìm trước thư mục templates/ của dự án).",
)
@click.option("--no-browser", is_flag=True, help="Không tự mở trình duyệt.")  # fmt: skip
def serve(folder: Path, host: str, port: int, token: str | None,
          templates: tuple[Path, ...], no_browser: bool) -> None:  # fmt: skip
    """Mở trang soạn công văn trong trình duyệt: điền biểu mẫu, xem trước, tải .docx.

    THƯ_MỤC là thư mục làm việc (mặc định thư mục hiện tại): nơi mở các tệp .yaml và tìm
    letterheads/, data/ của chúng."""
    from dispatch_gen.web.app import create_app

    hosts: tuple[str, ...] = LOOPBACK
    if not is_loopback(host):
        token = token or secrets.token_urlsafe(16)
        hosts = ()
        click.echo(
            f"cảnh báo: trang mở cho mọi máy thấy được địa chỉ {host} — chỉ dùng trong mạng "
            "nội bộ tin cậy; ai có đường dẫn kèm mã truy cập đều soạn và tải được công văn",
            err=True,
        )
    app = create_app(folder, tuple(templates), token or "", hosts)
    server = make_server(app, host, port)
    shown = "127.0.0.1" if is_loopback(host) else host
    url = f"http://{shown}:{server.server_port}/"  # type: ignore[attr-defined]
    if token:
        url += f"?token={token}"
    click.echo(f"Trang soạn công văn: {url}  (Ctrl+C để dừng)", err=True)
    if not no_browser:
        threading.Timer(0.5, webbrowser.open, args=(url,)).start()
    try:
        server.serve_forever()  # type: ignore[attr-defined]
    except KeyboardInterrupt:
        click.echo("Đã dừng.", err=True)
    finally:
        server.server_close()  # type: ignore[attr-defined]
    sys.exit(0)
