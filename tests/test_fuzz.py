"""Fuzz: every example, mutated (types, keys, odd Unicode, sizes, nesting, bad bytes), through the
real `render` command gives a good .docx or a located Vietnamese error — never a traceback.

CI runs a short version; `FUZZ_EXAMPLES=5000 pytest tests/test_fuzz.py` (or
`python bench/fuzz_letters.py`, which counts failures instead of stopping) runs a long one.
"""

from __future__ import annotations

import os

from hypothesis import HealthCheck, given, settings

from tests.letter_fuzz import Case, letter_cases, run_case, summary, workspace

EXAMPLES_PER_RUN = int(os.environ.get("FUZZ_EXAMPLES", "150"))


@settings(
    max_examples=EXAMPLES_PER_RUN,
    deadline=None,
    suppress_health_check=list(HealthCheck),
    database=None,
)
@given(case=letter_cases())
def test_mutated_letter_renders_or_fails_cleanly(case: Case, tmp_path_factory) -> None:
    folder = workspace(tmp_path_factory.getbasetemp() / "fuzz")
    broken = run_case(case, folder)
    assert broken is None, f"{broken}\n{summary(case)}"
