"""Benchmark: `text`, `check`, `diff` and `diff --redline` on letters of many paragraphs.

    .venv/bin/python bench/bench_review.py                       # 10,000 / 50,000 / 100,000
    .venv/bin/python bench/bench_review.py --sizes 10000 20000   # redline included at each size
    .venv/bin/python bench/bench_review.py --no-redline

The letter is examples/000-long-an-bluezone.yaml, rendered, with its first body paragraph
copied N times, each copy a different sentence (seeded, the same every run). The second version
edits a word in one paragraph in 100, deletes one in 250, inserts one in 300 and moves a run of
three paragraphs: the kind of review a long plan or report gets. Each step is timed in this
process (the .docx bytes are in memory, so disk is not measured), and the changes the diff
found are printed beside the times so a fast wrong answer shows.
"""

from __future__ import annotations

import argparse
import copy
import io
import random
import sys
import time
import zipfile
from pathlib import Path

from lxml import etree

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from dispatch_gen.check import check_docx  # noqa: E402
from dispatch_gen.render import render_bytes  # noqa: E402
from dispatch_gen.review.diff import diff_letters  # noqa: E402
from dispatch_gen.review.reading import Letter, docx_text  # noqa: E402
from dispatch_gen.review.redline import redline  # noqa: E402

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
EXAMPLE = ROOT / "examples" / "000-long-an-bluezone.yaml"
PHRASE = ("triển khai cài đặt ứng dụng Bluezone trên địa bàn tỉnh các cơ quan đơn vị phối hợp "
          "tuyên truyền người dân báo cáo kết quả thực hiện trước ngày tháng năm theo hướng dẫn "
          "của Bộ Thông tin và Truyền thông Sở Y tế Ủy ban nhân dân huyện xã phường")
WORDS = PHRASE.split()


def sentence(rng: random.Random, number: int) -> str:
    return f"{number}. " + " ".join(rng.choice(WORDS) for _ in range(rng.randint(12, 40))) + "."


def letters(count: int, seed: int = 9) -> tuple[bytes, bytes]:
    """OLD and NEW .docx of `count` body paragraphs, NEW reviewed as the docstring says."""
    base = render_bytes(EXAMPLE)
    rng = random.Random(seed)
    texts = [sentence(rng, i + 1) for i in range(count)]
    edited = []
    for i, text in enumerate(texts):
        if i % 250 == 125:
            continue  # deleted
        if i % 100 == 50:
            words = text.split()
            words[len(words) // 2] = "ĐÃ-SỬA"
            text = " ".join(words)
        edited.append(text)
        if i % 300 == 150:
            edited.append(sentence(rng, 0))  # inserted
    third = len(edited) // 3
    edited[third:third] = edited[2 * third : 2 * third + 3]  # a moved run of three
    del edited[2 * third + 3 : 2 * third + 6]
    return _with_body(base, texts), _with_body(base, edited)


def _with_body(base: bytes, texts: list[str]) -> bytes:
    with zipfile.ZipFile(io.BytesIO(base)) as archive:
        parts = [(info.filename, archive.read(info)) for info in archive.infolist()]
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts:
            if name == "word/document.xml":
                data = _document(data, texts)
            archive.writestr(name, data)
    return out.getvalue()


def _document(data: bytes, texts: list[str]) -> bytes:
    root = etree.fromstring(data)
    body = root.find(f"{{{W}}}body")
    model = next(p for p in body.iter(f"{{{W}}}p")
                 if "".join(p.itertext()).startswith("Thực hiện"))
    last = model
    for text in texts:
        paragraph = copy.deepcopy(model)
        runs = paragraph.findall(f"{{{W}}}r")
        for run in runs[1:]:
            paragraph.remove(run)
        runs[0].find(f"{{{W}}}t").text = text
        last.addnext(paragraph)  # not insert(index): that walks the siblings each time
        last = paragraph
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def timed(step, *args):
    start = time.perf_counter()
    result = step(*args)
    return time.perf_counter() - start, result


def redline_of(old: bytes, new: bytes) -> bytes:
    """What `diff OLD NEW --redline OUT` does between reading and writing."""
    return redline(Letter.open(old).package, Letter.open(new).package, "bench",
                   "2026-01-01T00:00:00Z")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 50_000, 100_000])
    parser.add_argument("--no-redline", action="store_true", help="skip diff --redline")
    args = parser.parse_args()
    print(f"{'paragraphs':>10} {'MB':>5} {'text':>7} {'check':>7} {'diff':>7} {'redline':>8}  "
          "changes found")
    for count in args.sizes:
        old, new = letters(count)
        text_s, lines = timed(docx_text, new)
        check_s, _ = timed(check_docx, new)
        diff_s, result = timed(diff_letters, old, new)
        red = "-"
        if not args.no_redline:
            red_s, _ = timed(redline_of, old, new)
            red = f"{red_s:7.2f}s"
        print(f"{count:>10,} {len(new) / 1e6:5.1f} {text_s:6.2f}s {check_s:6.2f}s {diff_s:6.2f}s "
              f"{red:>8}  {result.summary} ({len(lines):,} lines)")


if __name__ == "__main__":
    main()
