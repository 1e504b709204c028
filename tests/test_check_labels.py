"""List labels are counted once per sequence of body lists (`reader.list_labels`): a letter whose
lists differ, with as many paragraphs, must still get its own numbers."""

from __future__ import annotations

from dispatch_gen.check import check_docx
from dispatch_gen.check.reader import read_docx
from tests.fixtures_check import BASELINE, build
from tests.test_check_memo import model, with_document
from tests.test_check_skeleton import forget

ITEM = '<w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr>'
INTRO = '<w:pPr><w:pStyle w:val="BodyText"/></w:pPr><w:r><w:rPr></w:rPr><w:t xml:space="preserve">Thực hiện'  # noqa: E501


def letters() -> dict[str, bytes]:
    base = build(BASELINE)
    return {
        "one item": base,
        # the paragraph before the item is an item too: the item becomes the second
        "two items": with_document(base, lambda x: x.replace(
            INTRO, INTRO.replace("</w:pPr>", ITEM + "</w:pPr>"), 1)),
        # the paragraph before is the item instead: as many entries, in another order
        "moved": with_document(base, lambda x: x.replace(ITEM, "", 1).replace(
            INTRO, INTRO.replace("</w:pPr>", ITEM + "</w:pPr>"), 1)),
    }  # fmt: skip


def labels(data: bytes) -> list[tuple[int, str]]:
    return [(p.index, p.label) for p in read_docx(data).paragraphs if p.label]


def test_each_sequence_of_lists_gets_its_own_labels():
    found = letters()
    alone = {}
    for name, data in found.items():
        forget()
        alone[name] = (labels(data), model(data), check_docx(data))
    (item, label), = alone["one item"][0]
    assert label == "1." and alone["two items"][0] == [(item - 1, "1."), (item, "2.")]
    assert alone["moved"][0] == [(item - 1, "1.")]
    forget()
    for name in ["one item", "two items", "moved", "one item", "moved", "two items"]:
        assert (labels(found[name]), model(found[name]), check_docx(found[name])) == alone[name]
