"""How fast the `dispatch-gen serve` preview follows the clerk's typing, measured in the browser.

    .venv/bin/python bench/serve_preview.py                       # 40 keystrokes on example 000
    .venv/bin/python bench/serve_preview.py --screenshot docs/serve.png

The server runs as `dispatch-gen serve examples --port 0` in its own process, and Debian's
Chromium opens the page (Playwright, no downloaded browser). One keystroke at a time is typed at
the end of the letter's body; a refresh is timed in the page from the keystroke's `input` event
to the frame after the new preview is in the DOM (the page's debounce, the request, load →
compose → HTML on the server, and the DOM update), and we wait for it before the next key. The
server's own share comes from its Server-Timing header. The letter's length in A4 pages is read
from the preview's height. Figures on a shared machine are noisy: the load average is printed.
"""

from __future__ import annotations

import argparse
import os
import re
import statistics
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.web_browser import chromium  # noqa: E402


@contextmanager
def served(folder: Path) -> Iterator[str]:
    """`dispatch-gen serve FOLDER --port 0` in its own process, as a clerk runs it; stopped."""
    command = [str(ROOT / ".venv" / "bin" / "dispatch-gen"), "serve", str(folder), "--port", "0",
               "--no-browser"]  # fmt: skip
    process = subprocess.Popen(command, stderr=subprocess.PIPE, text=True)
    try:
        assert process.stderr is not None
        line = process.stderr.readline()
        match = re.search(r"http://\S+", line)
        if not match:
            raise RuntimeError(f"serve did not start: {line}")
        yield match.group(0)
    finally:
        process.terminate()
        process.wait(timeout=10)


def measure(page: object, keys: int) -> list[float]:
    page.click("#f-body")  # type: ignore[attr-defined]
    page.keyboard.press("Control+End")  # type: ignore[attr-defined]
    times = []
    for n in range(keys):
        before = page.evaluate("window.dgTiming.refreshes.length")  # type: ignore[attr-defined]
        page.keyboard.type("x" if n % 5 else " ")  # type: ignore[attr-defined]
        page.wait_for_function(  # type: ignore[attr-defined]
            "n => window.dgTiming.refreshes.length > n", arg=before
        )
        times.append(page.evaluate("window.dgTiming.last"))  # type: ignore[attr-defined]
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--letter", default="000-long-an-bluezone.yaml")
    parser.add_argument("--keys", type=int, default=40)
    parser.add_argument("--screenshot", type=Path, help="also save a screenshot of the page")
    args = parser.parse_args()
    with served(ROOT / "examples") as url, chromium(1440, 900) as page:
        page.goto(url)
        page.wait_for_selector("body[data-ready='1']")
        page.select_option("#open-list", args.letter)
        page.wait_for_selector("#preview .a4")
        page.wait_for_function("() => window.dgTiming.refreshes.length > 0")
        pages = page.evaluate(
            "(() => { const a = document.querySelector('#preview .a4');"
            " return a.scrollHeight / (297 / 25.4 * 96); })()"
        )
        times = measure(page, args.keys)
        times.sort()
        print(f"letter: examples/{args.letter}, {pages:.2f} A4 pages in the preview")
        median, p90 = statistics.median(times), times[int(len(times) * 0.9) - 1]
        print(
            f"preview refresh after a keystroke ({len(times)} keys): median {median:.0f} ms,"
            f" p90 {p90:.0f} ms, max {times[-1]:.0f} ms"
        )
        timings = page.evaluate(
            "() => performance.getEntriesByType('resource')"
            ".filter(e => e.name.endsWith('/api/preview'))"
            ".map(e => Object.fromEntries(e.serverTiming.map(t => [t.name, t.duration])))"
        )[-len(times) :]
        wall = [t["letter"] for t in timings]
        cpu = [t["cpu"] for t in timings]
        print(
            f"of which on the server (load → compose → HTML): median {statistics.median(wall):.0f}"
            f" ms wall, {statistics.median(cpu):.0f} ms CPU (max {max(cpu):.0f} ms CPU)"
        )
        print(f"load average: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
        if args.screenshot:
            page.goto(url)
            page.wait_for_selector("body[data-ready='1']")
            page.select_option("#open-list", "002-kien-giang-bluezone.yaml")
            page.wait_for_function(
                "() => document.querySelector('#f-symbol').value === 'UBND-KGVX'"
                " && document.querySelector('#preview .a4')?.innerText.includes('1119')"
            )
            page.wait_for_timeout(300)
            page.screenshot(path=str(args.screenshot))
            print(f"screenshot: {args.screenshot}")


if __name__ == "__main__":
    main()
