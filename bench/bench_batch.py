"""Benchmark: one per-agency batch made by dispatch-gen and by docxtpl, in the same run.

    .venv/bin/python bench/bench_batch.py                  # 1,000 units
    .venv/bin/python bench/bench_batch.py --units 10000    # memory stays flat as units grow

The letter (bench/data/master.yaml) is two pages: the unit's figures in words, a table with its
row and the province total, seven numbered duties (five for every third unit). The units table
is generated here (seeded, the same every run). The docxtpl side renders the same letter from
a template .docx built here with python-docx (header and closing tables, Kính gửi, the table,
the duty loop, page numbers from page 2), with the figures formatted by the same functions.

Each engine runs in a child process of its own, so the peak memory printed is its own; both
write every letter to disk. Printed: letters per second, their ratio, peak memory (ru_maxrss)
and the resident memory after the first tenth and at the end of the batch, average file size.
"""

from __future__ import annotations

import argparse
import csv
import json
import random
import resource
import subprocess
import sys
import tempfile
import time
from decimal import Decimal
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
MASTER = HERE / "data" / "master.yaml"
FIRST = ["Tân", "Long", "Phước", "Mỹ", "Hòa", "Bình", "An", "Đức", "Thạnh", "Vĩnh", "Hiệp"]
SECOND = ["Phú", "Hưng", "Lập", "Thạnh", "Đông", "Tây", "Ninh", "Hòa", "Trạch", "Lộc", "Quý"]
NAME = "{stt:05d}-{don_vi}"


def make_units(count: int, path: Path) -> None:
    """`count` communes with population and two install counts; every third keeps duties 1-5."""
    rng = random.Random(2021)
    with path.open("w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(["don_vi", "recipients", "number", "duties", "dan_so", "cai_1402",
                         "cai_0203"])  # fmt: skip
        for i in range(1, count + 1):
            name = f"xã {rng.choice(FIRST)} {rng.choice(SECOND)} {i}"
            people = rng.randint(5_000, 60_000)
            before = int(people * rng.uniform(0.08, 0.25))
            after = before + rng.randint(0, 400)
            duties = "1-5" if i % 3 == 0 else ""
            writer.writerow([name, f"Ủy ban nhân dân {name}", 100 + i, duties, people, before,
                             after])  # fmt: skip


def rss_mb() -> float | None:
    """Resident memory now (Linux), in MB."""
    try:
        pages = int(Path("/proc/self/statm").read_text().split()[1])
    except OSError:
        return None
    return pages * resource.getpagesize() / 2**20


def peak_mb() -> float:
    scale = 2**20 if sys.platform == "darwin" else 2**10
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / scale


def run_dispatch_gen(units: Path, out: Path, jobs: int) -> dict[str, Any]:
    from dispatch_gen.batch.run import Options, run

    samples: dict[str, float | None] = {}

    def progress(done: int, total: int) -> None:
        if done == max(1, total // 10):
            samples["rss_tenth"] = rss_mb()

    start = time.perf_counter()
    report = run(Options(MASTER, units, out, name=NAME, jobs=jobs), progress)
    seconds = time.perf_counter() - start
    sizes = [e.size for e in report.entries if e.status == "ok"]
    assert report.exit_code == 0 and len(sizes) == len(report.entries), "batch failed"
    return {"letters": len(sizes), "seconds": seconds, "bytes": sum(sizes), **samples,
            "rss_end": rss_mb(), "peak": peak_mb()}  # fmt: skip


# ---- docxtpl: the same letter as a Word template --------------------------------------------


def build_template(path: Path) -> list[dict[str, str]]:
    """A .docx template for docxtpl with python-docx: the letter of bench/data/master.yaml.
    Returns the master's duties, so both engines print the same words."""
    import yaml
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls
    from docx.shared import Mm, Pt

    master = yaml.safe_load(MASTER.read_text(encoding="utf-8"))
    doc = Document()
    section = doc.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(20), Mm(20)
    section.left_margin, section.right_margin = Mm(30), Mm(15)
    section.different_first_page_header_footer = True
    normal = doc.styles["Normal"]
    normal.font.name, normal.font.size = "Times New Roman", Pt(14)
    center, justify = WD_ALIGN_PARAGRAPH.CENTER, WD_ALIGN_PARAGRAPH.JUSTIFY

    def line(cell_or_doc: Any, text: str, bold: bool = False, italic: bool = False,
             size: float = 14, align: Any = None, first: bool = False) -> Any:  # fmt: skip
        p = cell_or_doc.paragraphs[0] if first else cell_or_doc.add_paragraph()
        run = p.add_run(text)
        run.bold, run.italic, run.font.size = bold, italic, Pt(size)
        if align is not None:
            p.alignment = align
        return p

    head = doc.add_table(rows=2, cols=2)
    line(head.cell(0, 0), "UBND TỈNH LONG AN", size=13, align=center, first=True)
    line(head.cell(0, 0), "SỞ THÔNG TIN", bold=True, size=13, align=center)
    line(head.cell(0, 0), "VÀ TRUYỀN THÔNG", bold=True, size=13, align=center)
    line(head.cell(0, 1), "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", True, size=13, align=center,
         first=True)  # fmt: skip
    line(head.cell(0, 1), "Độc lập - Tự do - Hạnh phúc", True, align=center)
    line(head.cell(1, 0), "Số: {{ so }}/STTTT-CNTT", size=13, align=center, first=True)
    line(head.cell(1, 0), "V/v " + master["subject"], size=12, align=center)
    line(head.cell(1, 1), "Long An, ngày 05 tháng 3 năm 2021", italic=True, align=center,
         first=True)  # fmt: skip
    line(doc, "Kính gửi: {{ recipient }}.", align=center)
    body = [
        "Thực hiện chỉ đạo của UBND tỉnh tại Công văn số 1048/UBND-VHXH ngày 03/02/2021 về việc "
        "tiếp tục đẩy mạnh triển khai cài đặt sử dụng Bluezone. Qua theo dõi công tác triển khai, "
        "đến thời điểm hiện tại, Sở Thông tin và Truyền thông nắm biết một số cơ quan, địa phương "
        "đã quan tâm thực hiện theo chỉ đạo của UBND tỉnh; tuy nhiên vẫn còn nhiều nơi chưa ban "
        "hành văn bản, chưa tổ chức triển khai cài đặt, từ đó ảnh hưởng đến số lượng người dùng "
        "cài đặt Bluezone trên địa bàn tỉnh.",
        "Kết quả cài đặt ứng dụng Bluezone trên địa bàn {{ don_vi }} như sau:",
    ]
    for text in body:
        line(doc, text, align=justify)
    table = doc.add_table(rows=3, cols=6)
    table.style = "Table Grid"
    header = ["Đơn vị", "Dân số", "Số lượng cài đặt ngày 14/02", "Số lượng cài đặt ngày 02/3",
              "Tỷ lệ cài đặt ngày 02/3", "Xếp hạng"]  # fmt: skip
    row = ["{{ don_vi }}", "{{ dan_so }}", "{{ cai_1402 }}", "{{ cai_0203 }}", "{{ rate }}",
           "{{ rank }}/{{ count }}"]  # fmt: skip
    total = ["Toàn tỉnh", "{{ t_dan_so }}", "{{ t_cai_1402 }}", "{{ t_cai_0203 }}",
             "{{ province }}", ""]  # fmt: skip
    for r, (cells, bold) in enumerate(((header, True), (row, False), (total, True))):
        for c, text in enumerate(cells):
            line(table.cell(r, c), text, bold=bold, size=13, align=center, first=True)
    for text in [
        "Đến ngày 02/3/2021, tỷ lệ cài đặt của {{ don_vi }} đạt {{ rate }}, {{ compare }} tỷ lệ "
        "chung của toàn tỉnh ({{ province }}), xếp thứ {{ rank }} trên {{ count }} đơn vị; so với "
        "ngày 14/02/2021 tăng thêm {{ increase }} lượt cài đặt, chưa đạt yêu cầu cho việc truy "
        "vết, khoanh vùng dịch.",
        "Để tiếp tục đẩy mạnh triển khai cài đặt sử dụng Bluezone bảo đảm việc truy vết, khoanh "
        "vùng dịch hiệu quả nhất, đề nghị Ủy ban nhân dân {{ don_vi }} tiếp tục quan tâm, thực "
        "hiện nghiêm túc chỉ đạo của UBND tỉnh tại Công văn số 1048/UBND-VHXH, tập trung các "
        "giải pháp sau:",
    ]:
        line(doc, text, align=justify)
    line(doc, "{%p for duty in duties %}")
    p = doc.add_paragraph()
    p.alignment = justify
    lead = p.add_run("{{ loop.index }}. {{ duty.to }}: ")
    lead.bold = True
    p.add_run("{{ duty.text }}")
    line(doc, "{%p endfor %}")
    for text in [
        "Thông tin chi tiết về ứng dụng Bluezone và các tài liệu tuyên truyền được đăng tải trên "
        "https://www.bluezone.gov.vn/",
        "Sở Thông tin và Truyền thông đề nghị Ủy ban nhân dân {{ don_vi }} tổ chức triển khai, "
        "báo cáo kết quả gửi về Sở Thông tin và Truyền thông trước ngày 19/3 để kịp thời tổng "
        "hợp, báo cáo UBND tỉnh.",
        "Trân trọng./.",
    ]:
        line(doc, text, align=justify)
    closing = doc.add_table(rows=1, cols=2)
    left, right = closing.cell(0, 0), closing.cell(0, 1)
    line(left, "Nơi nhận:", bold=True, italic=True, size=12, first=True)
    for text in ["- Như trên;", "- UBND tỉnh (báo cáo);", "- Giám đốc, PGĐ Sở TTTT;",
                 "- Lưu: VT, CNTT."]:  # fmt: skip
        line(left, text, size=11)
    line(right, "KT. GIÁM ĐỐC", bold=True, align=center, first=True)
    line(right, "PHÓ GIÁM ĐỐC", bold=True, align=center)
    for _ in range(3):
        right.add_paragraph()
    line(right, "Bùi Nguyên Khởi", bold=True, align=center)
    # Page numbers from page 2, centred in the header (the first page's header stays empty).
    page = section.header.paragraphs[0]
    page.alignment = center
    page._p.append(parse_xml(f'<w:fldSimple {nsdecls("w")} w:instr=" PAGE "><w:r><w:t>2</w:t>'
                             "</w:r></w:fldSimple>"))  # fmt: skip
    doc.save(str(path))
    return [{"to": d["to"], "text": d["text"]} for d in master["duties"]]


def run_docxtpl(units: Path, out: Path, limit: int) -> dict[str, Any]:
    from docxtpl import DocxTemplate

    from dispatch_gen.vietnamese import integer, percent

    out.mkdir(parents=True, exist_ok=True)
    template = out.parent / "template.docx"
    duties = build_template(template)
    with units.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    figures = [{k: Decimal(r[k]) for k in ("dan_so", "cai_1402", "cai_0203")} for r in rows]
    totals = {k: sum((f[k] for f in figures), Decimal(0)) for k in figures[0]}
    rates = [f["cai_0203"] / f["dan_so"] for f in figures]
    first: dict[Decimal, int] = {}
    for place, value in enumerate(sorted(rates, reverse=True), start=1):
        first.setdefault(value, place)
    province = totals["cai_0203"] / totals["dan_so"]
    tpl = DocxTemplate(str(template))
    sizes = []
    samples: dict[str, float | None] = {}
    start = time.perf_counter()
    for i, (row, fig, rate) in enumerate(zip(rows[:limit], figures, rates, strict=False), 1):
        context = {
            "so": row["number"], "recipient": row["recipients"], "don_vi": row["don_vi"],
            "dan_so": integer(fig["dan_so"]), "cai_1402": integer(fig["cai_1402"]),
            "cai_0203": integer(fig["cai_0203"]), "rate": percent(rate),
            "rank": first[rate], "count": len(rows), "province": percent(province),
            "t_dan_so": integer(totals["dan_so"]), "t_cai_1402": integer(totals["cai_1402"]),
            "t_cai_0203": integer(totals["cai_0203"]),
            "compare": "cao hơn" if rate >= province else "thấp hơn",
            "increase": integer(fig["cai_0203"] - fig["cai_1402"]),
            "duties": duties[:5] if row["duties"] else duties,
        }  # fmt: skip
        tpl.render(context)
        path = out / f"{i:05d}.docx"
        tpl.save(str(path))
        sizes.append(path.stat().st_size)
        if i == max(1, limit // 10):
            samples["rss_tenth"] = rss_mb()
    seconds = time.perf_counter() - start
    return {"letters": len(sizes), "seconds": seconds, "bytes": sum(sizes), **samples,
            "rss_end": rss_mb(), "peak": peak_mb()}  # fmt: skip


# ---- the parent: data, children, report ------------------------------------------------------


def child(engine: str, units: Path, out: Path, limit: int, jobs: int) -> dict[str, Any]:
    command = [sys.executable, __file__, "--engine", engine, "--units-file", str(units),
               "--out", str(out), "--limit", str(limit), "--jobs", str(jobs)]  # fmt: skip
    done = subprocess.run(command, capture_output=True, text=True)
    if done.returncode:
        sys.exit(f"{engine} failed:\n{done.stderr}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--units", type=int, default=1000, help="units (letters) in the batch")
    parser.add_argument(
        "--docxtpl-units",
        type=int,
        default=500,
        help="letters docxtpl renders in a round (its rate is steady; default 500)",
    )
    parser.add_argument("--rounds", type=int, default=2, help="alternating runs; best counts")
    parser.add_argument("--jobs", type=int, default=1, help="dispatch-gen processes (default 1)")
    parser.add_argument("--dir", type=Path, help="where the letters go (default: the temp dir)")
    parser.add_argument("--engine", choices=["dispatch-gen", "docxtpl"], help=argparse.SUPPRESS)
    parser.add_argument("--units-file", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--out", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--limit", type=int, default=0, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.engine == "dispatch-gen":
        print(json.dumps(run_dispatch_gen(args.units_file, args.out, args.jobs)))
        return
    if args.engine == "docxtpl":
        print(json.dumps(run_docxtpl(args.units_file, args.out, args.limit)))
        return
    runs: dict[str, list[dict[str, Any]]] = {"dispatch-gen": [], "docxtpl": []}
    with tempfile.TemporaryDirectory(prefix="bench-batch-", dir=args.dir) as temp:
        folder = Path(temp)
        units = folder / "units.csv"
        make_units(args.units, units)
        tpl_count = min(args.units, args.docxtpl_units)
        # The machine's speed drifts (a shared VM): the engines take turns, the best run counts.
        for n in range(args.rounds):
            out = folder / f"dispatch-gen-{n}"
            runs["dispatch-gen"].append(child("dispatch-gen", units, out, args.units, args.jobs))
            out = folder / f"docxtpl-{n}"
            runs["docxtpl"].append(child("docxtpl", units, out, tpl_count, 1))
        report(args, runs, folder)


def _rate(r: dict[str, Any]) -> float:
    return r["letters"] / r["seconds"]


def report(args: argparse.Namespace, runs: dict[str, list[dict[str, Any]]], where: Path) -> None:
    def mb(value: float | None) -> str:
        return "—" if value is None else f"{value:.0f} MB"

    print(f"Batch: {args.units} units, letter bench/data/master.yaml (2 pages), "
          f"dispatch-gen --jobs {args.jobs}, letters written under {where.parent}")  # fmt: skip
    heads = ("letters", 9), ("seconds", 9), ("letters/s", 11), ("avg file", 10), ("RSS 10%", 10)
    heads += ("RSS end", 10), ("peak RSS", 10)
    print(f"{'best of ' + str(args.rounds):14}" + "".join(f"{h:>{w}}" for h, w in heads)
          + "   all rounds")  # fmt: skip
    best = {name: max(rs, key=_rate) for name, rs in runs.items()}
    for name, r in best.items():
        rounds = ", ".join(f"{_rate(x):.1f}" for x in runs[name])
        print(f"{name:14}{r['letters']:>9}{r['seconds']:>9.2f}{_rate(r):>11.1f}"
              f"{r['bytes'] / r['letters'] / 1024:>8.1f}KB{mb(r.get('rss_tenth')):>10}"
              f"{mb(r['rss_end']):>10}{mb(r['peak']):>10}   {rounds} letters/s")  # fmt: skip
    dg, tpl = best["dispatch-gen"], best["docxtpl"]
    speed = _rate(dg) / _rate(tpl)
    size = (dg["bytes"] / dg["letters"]) / (tpl["bytes"] / tpl["letters"])
    print(
        f"speed: dispatch-gen is {speed:.1f}× docxtpl (target ≥ 10× in one process)"
        + ("" if args.jobs == 1 else f" with {args.jobs} processes")
    )
    print(f"size: a dispatch-gen letter is {size:.2f} of docxtpl's (target ≤ 0.33)")


if __name__ == "__main__":
    main()
