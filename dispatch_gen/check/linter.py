"""Runs every rule module over one document: the public `check_docx`."""

from __future__ import annotations

import os

from dispatch_gen.check import (
    rules_decision,
    rules_header,
    rules_letter,
    rules_number,
    rules_page,
    rules_points,
)
from dispatch_gen.check.elements import find_letter
from dispatch_gen.check.finding import Finding
from dispatch_gen.check.reader import read_docx

RULE_MODULES = (
    rules_page,
    rules_header,
    rules_number,
    rules_letter,
    rules_points,
    rules_decision,
)


def check_docx(source: str | os.PathLike[str] | bytes) -> list[Finding]:
    """Decree-30 findings for a .docx given as a path or its bytes, ordered by rule.

    Raises `dispatch_gen.errors.InputError` when the file cannot be read as a .docx.
    """
    doc = read_docx(source)
    letter = find_letter(doc)
    findings = [f for module in RULE_MODULES for f in module.check(doc, letter)]
    return sorted(findings, key=lambda f: f.rule)
