"""Shared by the browser tests and bench/serve_preview.py: the server on a free loopback port in a
thread, and Debian's Chromium driven by Playwright (never a downloaded browser)."""

from __future__ import annotations

import shutil
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def chromium_path() -> str | None:
    found = CHROMIUM if Path(CHROMIUM).exists() else shutil.which("chromium")
    return found


@contextmanager
def running_server(folder: Path, token: str = "") -> Iterator[str]:
    """`dispatch-gen serve FOLDER` on 127.0.0.1 and a free port; always stopped."""
    from dispatch_gen.web.app import create_app
    from dispatch_gen.web.command import make_server

    server: Any = make_server(create_app(folder, token=token), "127.0.0.1", 0)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)


@contextmanager
def chromium(width: int = 1500, height: int = 1000) -> Iterator[Any]:
    """A Playwright page in Debian's Chromium; closed on exit."""
    from playwright.sync_api import sync_playwright

    path = chromium_path()
    if path is None:
        raise RuntimeError("chromium not installed (apt-get install chromium)")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=path, args=CHROMIUM_ARGS)
        try:
            context = browser.new_context(
                viewport={"width": width, "height": height}, accept_downloads=True, locale="vi-VN"
            )
            yield context.new_page()
        finally:
            browser.close()
