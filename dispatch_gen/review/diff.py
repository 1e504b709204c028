"""What changed between two versions of a letter, as a reviewer reads it: per line and per word.

`diff_letters(old, new)` takes each side as a .docx or a YAML letter (any mix), reads both as
plain text (`reading`), aligns the lines (`align`) and gives a `LetterDiff`: the changed,
inserted, deleted and moved lines with their words, and a summary. It shows as coloured terminal
text (`render_text`: green insertions, red struck-through deletions, or git's `[-…-]{+…+}`
markers without colour) or as data (`to_json`).

List numbers do not make a change by themselves: an item inserted at 2 renumbers the items
after it, and only the insertion is reported. A deleted line that comes back elsewhere unchanged
is reported once, as moved.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

import click

from dispatch_gen.review.align import align, count_words, similarity, word_edits
from dispatch_gen.review.package import Source
from dispatch_gen.review.reading import LIST, PARAGRAPH, Letter, Line, paragraph_units

CHANGED, INSERTED, DELETED, MOVED = "changed", "inserted", "deleted", "moved"
VERB = {CHANGED: "sửa", INSERTED: "thêm", DELETED: "xóa", MOVED: "chuyển chỗ"}
SIGN = {CHANGED: "~", INSERTED: "+", DELETED: "-", MOVED: "↕"}
PLACE = {
    "header": "phần đầu",
    "salutation": "kính gửi",
    "paragraph": "đoạn",
    "list": "danh sách",
    "row": "bảng",
    "signature": "chữ ký",
    "distribution": "nơi nhận",
}


@dataclass(frozen=True)
class Fragment:
    """A piece of a changed line: `equal`, `delete` or `insert` text."""

    op: str
    text: str


@dataclass
class Change:
    """One line that differs. Line numbers count from 1 in `dispatch-gen text` output."""

    type: str  # changed, inserted, deleted, moved
    kind: str  # header, salutation, paragraph, list, row, signature, distribution
    old: str | None
    new: str | None
    old_line: int | None
    new_line: int | None
    fragments: list[Fragment] = field(default_factory=list)

    @property
    def words_inserted(self) -> int:
        if self.type == INSERTED:
            return count_words(self.new or "")
        return sum(count_words(f.text) for f in self.fragments if f.op == "insert")

    @property
    def words_deleted(self) -> int:
        if self.type == DELETED:
            return count_words(self.old or "")
        return sum(count_words(f.text) for f in self.fragments if f.op == "delete")


@dataclass
class LetterDiff:
    old_name: str
    new_name: str
    changes: list[Change]

    def count(self, kind: str) -> int:
        return sum(1 for c in self.changes if c.type == kind)

    @property
    def summary(self) -> dict[str, int]:
        return {
            "paragraphs_changed": self.count(CHANGED),
            "paragraphs_inserted": self.count(INSERTED),
            "paragraphs_deleted": self.count(DELETED),
            "paragraphs_moved": self.count(MOVED),
            "words_inserted": sum(c.words_inserted for c in self.changes),
            "words_deleted": sum(c.words_deleted for c in self.changes),
        }

    def to_json(self) -> dict[str, Any]:
        """The diff as data: names, summary counts, and each change with its old/new text and
        (for a changed line) the deleted and inserted fragments."""
        changes = []
        for change in self.changes:
            item = asdict(change)
            item["fragments"] = [asdict(f) for f in change.fragments if f.op != "equal"]
            changes.append(item)
        return {"old": self.old_name, "new": self.new_name, "summary": self.summary,
                "changes": changes}


def label_shape(label: str) -> str:
    """A list label without its count: `3.` and `4.` are alike, `3.` and `c)` are not."""
    out = []
    for char in label:
        kind = "9" if char.isdigit() else "a" if char.isalpha() else char
        if not out or out[-1] != kind or kind not in "9a":
            out.append(kind)
    return "".join(out)


def line_key(line: Line) -> tuple[str, str, str]:
    """What must match for two lines to count as the same line."""
    return line.kind, label_shape(line.label), line.content


def line_similarity(old: Line, new: Line) -> float:
    """How alike two lines are; lines from different parts of the letter never pair (a body
    paragraph may become a list item and back)."""
    if old.kind != new.kind and {old.kind, new.kind} != {PARAGRAPH, LIST}:
        return 0.0
    return similarity(old.text, new.text)


def fragments(old: str, new: str) -> list[Fragment]:
    """The word diff of two lines as equal/delete/insert fragments, deletions first."""
    out: list[Fragment] = []
    for edit in word_edits(old, new):
        gone, came = old[slice(*edit.old)], new[slice(*edit.new)]
        if edit.op == "equal":
            out.append(Fragment("equal", came))
            continue
        if gone:
            out.append(Fragment("delete", gone))
        if came:
            out.append(Fragment("insert", came))
    return out


def diff_lines(
    old: list[Line], new: list[Line], old_name: str = "", new_name: str = ""
) -> LetterDiff:
    """Compare two letters' lines."""
    pairs = align(
        [line_key(x) for x in old],
        [line_key(x) for x in new],
        lambda i, j: line_similarity(old[i], new[j]),
    )
    changes: list[Change] = []
    for pair in pairs:
        if pair.same:
            continue
        o = old[pair.old] if pair.old is not None else None
        n = new[pair.new] if pair.new is not None else None
        one = n or o
        assert one is not None
        change = Change(
            CHANGED if o and n else INSERTED if n else DELETED,
            one.kind,
            o.text if o else None,
            n.text if n else None,
            pair.old + 1 if pair.old is not None else None,
            pair.new + 1 if pair.new is not None else None,
        )
        if o and n:
            change.fragments = fragments(o.text, n.text)
        changes.append(change)
    _find_moves(changes, old, new)
    return LetterDiff(old_name, new_name, changes)


def _find_moves(changes: list[Change], old: list[Line], new: list[Line]) -> None:
    """A deleted line equal (up to its list number) to an inserted one is one moved line."""
    inserted: dict[tuple[str, str, str], list[Change]] = {}
    for change in changes:
        if change.type == INSERTED and change.new_line is not None:
            inserted.setdefault(line_key(new[change.new_line - 1]), []).append(change)
    for twins in inserted.values():
        twins.reverse()  # popped from the end: the first inserted twin first
    taken: set[int] = set()
    for change in changes:
        if change.type != DELETED or change.old_line is None:
            continue
        twins = inserted.get(line_key(old[change.old_line - 1]))
        if twins:
            twin = twins.pop()
            change.type, change.new, change.new_line = MOVED, twin.new, twin.new_line
            taken.add(id(twin))
    changes[:] = [change for change in changes if id(change) not in taken]


def diff_letters(old: Source | Letter, new: Source | Letter) -> LetterDiff:
    """Compare two letters, each a .docx (path or bytes) or a YAML letter."""
    return diff_lines(paragraph_units(old), paragraph_units(new), _name(old), _name(new))


def _name(source: Source | Letter) -> str:
    if isinstance(source, Letter):
        return source.package.name
    return "<bytes>" if isinstance(source, bytes) else str(source)


def _styled(fragment: Fragment, color: bool) -> str:
    if fragment.op == "equal":
        return fragment.text
    if not color:
        return f"[-{fragment.text}-]" if fragment.op == "delete" else f"{{+{fragment.text}+}}"
    if fragment.op == "delete":
        return click.style(fragment.text, fg="red", strikethrough=True)
    return click.style(fragment.text, fg="green", underline=True)


def render_text(diff: LetterDiff, color: bool = True) -> str:
    """The diff for a terminal: one block per change, then the summary."""
    out = []
    for change in diff.changes:
        where = f"dòng {change.old_line}" if change.new_line is None else f"dòng {change.new_line}"
        if change.type == MOVED:
            where = f"dòng {change.old_line} → {change.new_line}"
        head = f"{SIGN[change.type]} {VERB[change.type]} [{PLACE.get(change.kind, change.kind)}] "
        head += where + ": "
        if change.type == CHANGED:
            body = "".join(_styled(f, color) for f in change.fragments)
        elif change.type == DELETED:
            body = _styled(Fragment("delete", change.old or ""), color)
        elif change.type == INSERTED:
            body = _styled(Fragment("insert", change.new or ""), color)
        else:
            body = change.new or ""
        out.append(click.style(head, bold=True) + body if color else head + body)
    out.append(summary_line(diff))
    return "\n".join(out)


def summary_line(diff: LetterDiff) -> str:
    if not diff.changes:
        return "Hai văn bản giống nhau."
    s = diff.summary
    return (
        f"Tóm tắt: {s['paragraphs_changed']} đoạn sửa, {s['paragraphs_inserted']} đoạn thêm, "
        f"{s['paragraphs_deleted']} đoạn xóa, {s['paragraphs_moved']} đoạn chuyển chỗ; "
        f"{s['words_inserted']} từ thêm, {s['words_deleted']} từ xóa."
    )
