"""The docxtpl batch, as a process of its own: one letter per row of the units table.

    python bench/docxtpl_batch.py TEMPLATE UNITS.csv OUT_DIR

The context gives the same words dispatch-gen prints (the figures formatted by the same
functions, competition ranks, five duties for a row with `duties: 1-5`), escaped by docxtpl's
`autoescape=True`. Started by bench/bench_batch.py and timed from outside, start-up included.
"""

from __future__ import annotations

import csv
import sys
from decimal import Decimal
from pathlib import Path

from docxtpl import DocxTemplate
from fair_template import master_duties

from dispatch_gen.vietnamese import integer, percent


def main(template: Path, units: Path, out: Path) -> None:
    with units.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    figures = [{k: Decimal(r[k]) for k in ("dan_so", "cai_1402", "cai_0203")} for r in rows]
    totals = {k: sum((f[k] for f in figures), Decimal(0)) for k in figures[0]}
    rates = [f["cai_0203"] / f["dan_so"] for f in figures]
    first: dict[Decimal, int] = {}
    for place, value in enumerate(sorted(rates, reverse=True), start=1):
        first.setdefault(value, place)
    province = totals["cai_0203"] / totals["dan_so"]
    duties = master_duties()
    out.mkdir(parents=True, exist_ok=True)
    tpl = DocxTemplate(str(template))
    for i, (row, fig, rate) in enumerate(zip(rows, figures, rates, strict=True), 1):
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
        tpl.render(context, autoescape=True)
        tpl.save(str(out / f"{i:05d}-{row['don_vi']}.docx"))


if __name__ == "__main__":
    main(Path(sys.argv[1]), Path(sys.argv[2]), Path(sys.argv[3]))
