"""The main part parsed without the body blocks read before, and what those blocks gave handed
out again.

A batch repeats most of a letter's top-level body blocks (w:p, w:tbl) byte for byte, file
after file. When document.xml is plain (no comment, CDATA, DTD or processing instruction after
its declaration, no namespace declared inside the body, only whitespace between the body's
blocks, ending in </w:body></w:document>), `cut` finds its top-level blocks. `parse` leaves out
of the parse every block whose bytes parsed before under the same bytes up to <w:body>: a
processing instruction holds its place. If that parse fails, the whole part is parsed as before,
so a broken file says what it always said (putting a well-formed element back in the place of
a node neither breaks a well-formed document nor mends a broken one).

Only the first BLOCKS_MAX blocks are cut (a long report, which repeats nothing, pays little).
`walk` hands out the paragraphs a block gave when it was read in the same style set, part and
page widths, renumbered into this file; a left-out block never read so is parsed alone then.
Blocks holding a w:sectPr are always parsed (the sections are found in the tree).

Inside a table block that was not left out (a letter's header table: its number changes, its
agency and subject rows do not), rows whose bytes parsed before in a table with the same bytes
up to its first row are left out the same way (`RowCut`), when every row is the table's own
child with nothing but whitespace between them; `reader.Walker.table` hands out what such a row
gave in the same frame, or parses it alone.
"""

from __future__ import annotations

import re
from collections import OrderedDict
from typing import TYPE_CHECKING, Any, NamedTuple

from lxml import etree

from dispatch_gen.check.cells import replayed
from dispatch_gen.check.formats import Readings
from dispatch_gen.check.model import Paragraph
from dispatch_gen.check.package import Package
from dispatch_gen.check.xml import local, w
from dispatch_gen.errors import InputError

if TYPE_CHECKING:
    from dispatch_gen.check.reader import Context, Walker

BODY, END, BOM = b"<w:body>", b"</w:body></w:document>", b"\xef\xbb\xbf"
TARGET, ROW_TARGET = "dispatch-gen-known", "dispatch-gen-row"
ROW, TABLE = w("tr"), w("tbl")
ROW_TAG = re.compile(rb"""<w:tr(?:\s+[^\s=/>]+\s*=\s*(?:"[^"]*"|'[^']*'))*\s*>""")
TABLE_END, ROW_END, SPACES = b"</w:tbl>", b"</w:tr>", b" \t\r\n"
START_TAG = re.compile(rb"""<w:(p|tbl)(?:\s+[^\s=/>]+\s*=\s*(?:"[^"]*"|'[^']*'))*\s*(/?)>""")
ROOT_THEN_BODY = re.compile(  # the root's start tag and nothing but w:body in it before
    rb"""\s*<w:document(?:\s+[^\s=/>]+\s*=\s*(?:"[^"]*"|'[^']*'))*\s*>\s*<w:body>""")
NAME_ENDS = (b" ", b"\t", b"\r", b"\n", b"/", b">")
BLOCKS_MAX = 200  # a letter has a few dozen; a long report's others are parsed as before
SEEN_MAX = 8 << 20  # bytes of blocks known to parse, all files together
# (prolog, block) → the block that came after it last time (b"" for none), for blocks that
# parsed; (prolog, b"") → the first block. A block is recognised by its bytes at its place.
_SEEN: OrderedDict[tuple[bytes, bytes], bytes] = OrderedDict()
_SEEN_SIZE = [0]
# (prolog, table head, row): rows that parsed in a table beginning with that head
_ROWS: OrderedDict[tuple[bytes, bytes, bytes], None] = OrderedDict()
_ROWS_SIZE = [0]


class RowCut(NamedTuple):
    """A table block's bytes up to its first row (the head: start tag, properties, grid), its
    rows' bytes and spans in the block, which rows were left out of the parse."""

    head: bytes
    rows: list[bytes]
    spans: list[tuple[int, int]]
    left_out: list[bool]


class Plan(NamedTuple):
    """The part up to and including <w:body>, the body's top-level blocks, which were left out."""

    prolog: bytes
    blocks: list[bytes]
    left_out: list[bool]
    rows: dict[int, RowCut]  # table blocks cut into rows, by their place


class BlockReading(NamedTuple):
    """What reading one top-level block added: its paragraphs in order, the list entries among
    them (position, list), how many paragraphs and tables it numbered from which ones."""

    paragraphs: tuple[Paragraph, ...]
    numbered: tuple[tuple[int, tuple[str, int] | None], ...]
    count: int
    first: int
    tables: int
    first_table: int


def cut(data: bytes) -> tuple[bytes, list[tuple[int, int]], list[bytes]] | None:
    """The prolog, the spans and bytes of the w:p and w:tbl the body begins with (up to the
    first other node, or a block holding its own kind: a text box, a nested table); None when
    the part is not plain enough to be cut safely (it is then parsed whole)."""
    body = data.find(BODY)
    if body < 0 or not data.rstrip().endswith(END):
        return None
    body += len(BODY)
    head = len(BOM) if data.startswith(BOM) else 0
    declared = data.find(b"?>", head) + 2 if data.startswith(b"<?xml", head) else head
    if (data.find(b"<!", 0, body) >= 0 or data.find(b"<?", declared, body) >= 0
            or not ROOT_THEN_BODY.fullmatch(data, declared, body)):  # fmt: skip
        return None
    prolog = data[:body]
    spans: list[tuple[int, int]] = []
    blocks: list[bytes] = []
    at, block = body, b""
    while len(spans) < BLOCKS_MAX:
        while data[at : at + 1] in (b" ", b"\t", b"\r", b"\n"):
            at += 1
        guess = _SEEN.get((prolog, block))
        if guess and data.startswith(guess, at):  # the block that came next last time: a
            block, end = guess, at + len(guess)  # well-formed element ends where it ended
        else:
            tag = START_TAG.match(data, at)
            if tag is None:
                break
            name, empty = tag.groups()
            end = tag.end()
            if not empty:  # the first end tag of its kind, if no start tag of its kind before
                close = b"</w:" + name + b">"
                end = data.find(close, end)
                if end < 0 or opens(data, name, tag.end(), end):
                    break
                end += len(close)
            block = data[at:end]
        spans.append((at, end))
        blocks.append(block)
        at = end
    return prolog, spans, blocks


def opens(data: bytes, name: bytes, start: int, end: int) -> bool:
    """Whether a start tag w:`name` lies between `start` and `end`."""
    opening = b"<w:" + name
    at = data.find(opening, start, end)
    while at >= 0:
        if data[at + len(opening) : at + len(opening) + 1] in NAME_ENDS:
            return True
        at = data.find(opening, at + 1, end)
    return False


def parse(pkg: Package, part: str, data: bytes | None) -> tuple[etree._Element | None, Plan | None]:
    """The part parsed (blocks known to parse left out) and its Plan; no Plan when not cut."""
    found = None if data is None else cut(data)
    if found is None:
        return pkg.parse(part, data), None
    prolog, spans, blocks = found
    known = [(prolog, block) in _SEEN for block in blocks]
    for i, block in enumerate(blocks):  # a comment, CDATA or instruction could hide a tag:
        if not known[i] and (b"<!" in block or b"<?" in block):  # the body is cut before it
            blocks, spans = blocks[:i], spans[:i]
            break
    left_out = [was and b"sectPr" not in block for was, block in zip(known, blocks, strict=False)]
    cuts = {i: cut_rows(prolog, block) for i, block in enumerate(blocks)
            if not left_out[i] and block.startswith(b"<w:tbl")}  # fmt: skip
    cuts = {i: found for i, found in cuts.items() if found is not None}
    if any(left_out) or any(any(found.left_out) for found in cuts.values()):
        pieces, at = [], 0
        for i, (start, end) in enumerate(spans):
            if left_out[i]:
                pieces += [data[at:start], b"<?%s %d?>" % (TARGET.encode(), i)]
                at = end
            elif i in cuts:
                for j, (row_start, row_end) in enumerate(cuts[i].spans):
                    if cuts[i].left_out[j]:
                        pieces += [data[at : start + row_start],
                                   b"<?%s %d?>" % (ROW_TARGET.encode(), j)]  # fmt: skip
                        at = start + row_end
        pieces.append(data[at:])
        try:
            root = pkg.parse(part, b"".join(pieces))
        except InputError:  # the whole part says what is wrong (or, if it parses, is read whole)
            return pkg.parse(part, data), None
    else:
        root = pkg.parse(part, data)
    for before, block in zip([b"", *blocks], [*blocks, b""], strict=True):
        remember((prolog, before), block)
    for found in cuts.values():
        for row in found.rows:
            remember_row((prolog, found.head, row))
    return root, Plan(prolog, blocks, left_out, cuts)


def cut_rows(prolog: bytes, block: bytes) -> RowCut | None:
    """A table block's head and rows, when its rows are its own children with only whitespace
    between them and after them (no content control or custom XML around a row) and nothing in
    it could hide a tag; rows known under the same prolog and head marked left out (not one
    holding a w:sectPr)."""
    first = ROW_TAG.search(block)
    if first is None or b"<!" in block or b"<?" in block or opens(block, b"tr", 0, first.start()):
        return None
    spans: list[tuple[int, int]] = []
    at = first.start()
    while (tag := ROW_TAG.match(block, at)) is not None:
        end = block.find(ROW_END, tag.end())
        if end < 0 or opens(block, b"tr", tag.end(), end):
            return None
        spans.append((at, end + len(ROW_END)))
        at = end + len(ROW_END)
        while block[at : at + 1] and block[at : at + 1] in SPACES:
            at += 1
    if block[at:] != TABLE_END:
        return None
    head = block[: first.start()]
    rows = [block[start:end] for start, end in spans]
    left_out = [(prolog, head, row) in _ROWS and b"sectPr" not in row for row in rows]
    return RowCut(head, rows, spans, left_out)


def remember_row(key: tuple[bytes, bytes, bytes]) -> None:
    """That this row parsed in a table with this head."""
    if key not in _ROWS:
        _ROWS_SIZE[0] += len(key[1]) + len(key[2])
    _ROWS[key] = None
    _ROWS.move_to_end(key)
    while _ROWS_SIZE[0] > SEEN_MAX:
        _, head, row = _ROWS.popitem(last=False)[0]
        _ROWS_SIZE[0] -= len(head) + len(row)


def own_rows(tbl: etree._Element) -> list[etree._Element]:
    """A cut table's rows and the placeholders of those left out, in order."""
    return [node for node in tbl if node.tag == ROW or is_placeholder(node, ROW_TARGET)]


class TableCut(NamedTuple):
    """A body table cut into rows, as `Walker.table` needs it."""

    pkg: Package
    part: str
    prolog: bytes
    cut: RowCut

    def key(self, j: int, frame: tuple[Any, ...]) -> tuple[Any, ...]:
        """Row `j`'s key among the rows read: its bytes, what they mean in, its place, frame."""
        return self.cut.rows[j], self.prolog, self.cut.head, j, frame

    def alone(self, j: int) -> etree._Element:
        """Row `j`, left out of the parse, parsed alone in its table."""
        data = self.prolog + self.cut.head + self.cut.rows[j] + TABLE_END + END
        return self.pkg.parse(self.part, data)[-1][0][-1]


def remember(key: tuple[bytes, bytes], following: bytes) -> None:
    """That this block (b"" for the body's start) parsed, and what came after it."""
    if key not in _SEEN:
        _SEEN_SIZE[0] += len(key[1])
    _SEEN[key] = following
    _SEEN.move_to_end(key)
    while _SEEN_SIZE[0] > SEEN_MAX:
        _SEEN_SIZE[0] -= len(_SEEN.popitem(last=False)[0][1])


def fits(body: etree._Element, plan: Plan) -> bool:
    """Whether the body's first nodes are the plan's blocks: parsed ones and placeholders, and
    the cut tables' rows the plan's rows."""
    nodes = list(body[: len(plan.blocks)])
    return len(nodes) == len(plan.blocks) and all(
        is_placeholder(node) if out else local(node) in ("p", "tbl")
        for node, out in zip(nodes, plan.left_out, strict=True)
    ) and all(
        nodes[i].tag == TABLE
        and [is_placeholder(row, ROW_TARGET) for row in own_rows(nodes[i])] == cut.left_out
        and len(list(nodes[i].iter(ROW))) == cut.left_out.count(False)
        for i, cut in plan.rows.items()
    )


def is_placeholder(node: etree._Element, target: str = TARGET) -> bool:
    return isinstance(node, etree._ProcessingInstruction) and node.target == target


def walk(walker: Walker, pkg: Package, body: etree._Element, ctx: Context, plan: Plan,
         out: list[Paragraph]) -> None:  # fmt: skip
    """Read the body as `Walker.blocks` does, handing out blocks read before."""
    store = walker.formats.blocks
    for i, node in enumerate(body):
        if i >= len(plan.blocks):
            walker.block(node, ctx, out)
            continue
        block = plan.blocks[i]
        key = (plan.prolog, block, ctx.part, walker.body_width(), ctx.box_width)
        known: BlockReading | None = store.get(key)
        if known is not None:
            found = replayed(known.paragraphs, walker.count - known.first,
                             walker.tables - known.first_table)  # fmt: skip
            walker.count += known.count
            walker.tables += known.tables
            walker.numbered += [(found[j], lists) for j, lists in known.numbered]
            out += found
            continue
        if plan.left_out[i]:  # parsed before, but not read in this context: parse it alone
            node = pkg.parse(ctx.part, plan.prolog + block + END)[-1][0]
        start, first, listed = len(out), walker.count, len(walker.numbered)
        tables, section = walker.tables, walker.section
        walker.keyed = not block.startswith(b"<w:p")  # new bytes here: its markup is new too
        cut = plan.rows.get(i) if not plan.left_out[i] else None
        walker.cut = None if cut is None else TableCut(pkg, ctx.part, plan.prolog, cut)
        walker.block(node, ctx, out)
        walker.keyed, walker.cut = True, None
        formats = walker.formats
        if (walker.section == section and b"sectPr" not in block
                and formats.readings_size + len(block) <= Readings.BUDGET):  # fmt: skip
            added = tuple(out[start:])
            where = {id(p): j for j, p in enumerate(added)}
            numbered = tuple((where[id(p)], lists) for p, lists in walker.numbered[listed:])
            store[key] = BlockReading(added, numbered, walker.count - first, first,
                                      walker.tables - tables, tables)  # fmt: skip
            formats.readings_size += len(block)
