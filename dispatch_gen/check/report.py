"""Findings as text a clerk reads, or as JSON for other tools."""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import asdict

from dispatch_gen.check.finding import ERROR, WARNING, Finding

FORMATS = ("text", "json")


def summary(findings: list[Finding]) -> str:
    """'2 lỗi, 1 cảnh báo' or the all-clear."""
    errors = sum(f.severity == ERROR for f in findings)
    warnings = sum(f.severity == WARNING for f in findings)
    if not findings:
        return "Không phát hiện sai sót về thể thức."
    return f"{errors} lỗi, {warnings} cảnh báo."


def format_findings(findings: list[Finding], fmt: str = "text") -> str:
    """One document's findings: one line each plus a summary ("text"), or a JSON array ("json")."""
    if fmt == "json":
        return json.dumps([asdict(f) for f in findings], ensure_ascii=False, indent=2)
    if fmt != "text":
        raise ValueError(f"unknown format {fmt!r}; use one of {FORMATS}")
    return "\n".join([str(f) for f in findings] + [summary(findings)])


def format_files(results: Mapping[str, list[Finding]], fmt: str = "text") -> str:
    """Several documents: a heading per file ("text"), or one JSON object keyed by file ("json")."""
    if fmt == "json":
        data = {path: [asdict(f) for f in findings] for path, findings in results.items()}
        return json.dumps(data, ensure_ascii=False, indent=2)
    return "\n\n".join(f"{path}\n{format_findings(findings)}" for path, findings in results.items())
