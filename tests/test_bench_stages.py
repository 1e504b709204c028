"""bench/stages.py, the stage breakdown `make bench` prints: it must keep up with the pipeline
(a renamed stage function fails here, not in a bench run) and its shares must add up."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_stages_cover_the_whole_batch(tmp_path: Path) -> None:
    units = tmp_path / "units.csv"
    units.write_text(
        "don_vi,recipients,number,duties,dan_so,cai_1402,cai_0203\n"
        "xã An Quý 1,Ủy ban nhân dân xã An Quý 1,101,,40658,5165,5490\n"
        "xã Tân Hòa 2,Ủy ban nhân dân xã Tân Hòa 2,102,1-5,36050,6403,6563\n"
        "xã Mỹ Lộc 3,Ủy ban nhân dân xã Mỹ Lộc 3,103,,21000,3000,3100\n",
        encoding="utf-8",
    )
    done = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "stages.py"), str(units), str(tmp_path / "out")],
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    found = json.loads(done.stdout)
    assert found["letters"] == 3
    assert len(list((tmp_path / "out").glob("*.docx"))) == 3
    stages = found["stages"]
    for stage in ("templates (Jinja", "markup → blocks", "document XML", "deflate, zip",
                  "file written", "one-time"):  # fmt: skip
        assert any(stage in name and seconds > 0 for name, seconds in stages.items()), stage
    # each moment is charged to one stage: the shares add up to the run
    assert abs(sum(stages.values()) - found["seconds"]) < 0.01 + 0.01 * found["seconds"]
