"""`dispatch-gen check`: a Decree 30/2020 layout linter for any .docx.

`check_docx(path_or_bytes)` (linter) reads the document (package, reader, styles → model), finds
the letter's parts by their text (elements), runs the rule modules (rules_page, rules_header with
drawn_lines, rules_number, rules_letter; ids and ranges in catalog) and returns `Finding`s;
`format_findings` (report) renders them as text or JSON; `command` holds the click commands.
"""

from dispatch_gen.check.finding import Finding
from dispatch_gen.check.linter import check_docx
from dispatch_gen.check.report import format_findings

__all__ = ["Finding", "check_docx", "format_findings"]
