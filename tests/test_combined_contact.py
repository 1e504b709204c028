"""Ô 13 (`contact:`) in a batch's print file (`--combined`): on each letter's first page only, as
in the letter's own file; none on its later pages or on its appendices' pages.

A row cannot change `contact` (it is not a column a row sets, and it is not a template), so a
batch from one master has one contact; letters of different contacts are put in one print file
through `CombinedDocx` itself. The structure is read from the XML (each section's first-page
footer, following Word's rule that a section without a reference repeats the previous
section's) and from python-docx; the pages from LibreOffice's PDF.
"""

from __future__ import annotations

import csv
import io
import subprocess
import zipfile
from pathlib import Path

import docx
import pytest
from lxml import etree
from openxml_audit import OpenXmlValidator

from dispatch_gen.batch.combined import CombinedDocx
from dispatch_gen.batch.run import Options, run
from dispatch_gen.blocks import Letter
from dispatch_gen.compose import compose
from dispatch_gen.load import load_text
from tests.conftest import soffice_pdf
from tests.test_batch import LONG_AN, SIGNED

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
R = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
PKG = "{http://schemas.openxmlformats.org/package/2006/relationships}"

CONTACT = (
    "Địa chỉ: Số 137 đường Hùng Vương, Phường 2, thành phố Tân An, tỉnh Long An",
    "Điện thoại: 0272.3826 999; Email: stttt@longan.gov.vn; Website: stttt.longan.gov.vn",
)
OTHER = ("Địa chỉ: Số 06 Nguyễn Công Trứ, phường Vĩnh Thanh, tỉnh An Giang",
         "Điện thoại: 0297.3862 333; Email: vpubnd@angiang.gov.vn")  # fmt: skip
PARAGRAPH = (
    "Thực hiện chỉ đạo của Ủy ban nhân dân tỉnh về phòng, chống dịch bệnh, Sở Thông tin và "
    "Truyền thông đề nghị các đơn vị tiếp tục đẩy mạnh việc cài đặt và sử dụng ứng dụng trên "
    "địa bàn, bảo đảm tiến độ và chất lượng theo kế hoạch đề ra."
)
HEAD = LONG_AN + SIGNED
# Ten paragraphs: every letter runs onto a second page; then a Phụ lục on a page of its own.
MASTER = (
    HEAD
    + "duties:\n  - Quán triệt cán bộ, công chức cài đặt ứng dụng Bluezone.\n"
    + "  - Hướng dẫn người dân cài đặt khi đến giao dịch.\n"
    + "body: |\n  Dân số của {{ row.don_vi }} là {{ row.dan_so | integer }} người.\n\n"
    + f"  {PARAGRAPH}\n\n" * 10
    + "  {{ duty_list() }}\n"
    + "contact:\n"
    + "".join(f'  - "{line}"\n' for line in CONTACT)
    + "appendices:\n  - title: Danh sách đơn vị\n    body: Nội dung phụ lục.\n"
)
UNITS = [
    ["don_vi", "recipients", "number", "dan_so"],
    ["Huyện Tân Hưng", "UBND huyện Tân Hưng", "11", "47837"],
    ["Huyện Cần Đước", "UBND huyện Cần Đước", "12", "188092"],
    ["TP Tân An", "UBND thành phố Tân An", "15", "145687"],
]


def make_batch(folder: Path, name: str) -> Path:
    """The master and units in `folder`, run with `--combined folder/name`."""
    master = folder / "master.yaml"
    master.write_text(MASTER, encoding="utf-8")
    units = folder / "units.csv"
    with units.open("w", encoding="utf-8", newline="") as out:
        csv.writer(out).writerows(UNITS)
    report = run(Options(master, units, folder / name.replace(".docx", ""),
                         combined=folder / name))  # fmt: skip
    assert report.exit_code == 0
    return folder / name


@pytest.fixture(scope="module")
def batch(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_batch(tmp_path_factory.mktemp("contact"), "all.docx")


def letter(tmp_path: Path, contact: tuple[str, ...], number: int, appendix: bool = False) -> Letter:
    """A composed one-page letter with `contact` as its ô 13."""
    text = HEAD + f"number: {number}\nrecipients: [UBND huyện Tân Hưng]\nbody: {PARAGRAPH}\n"
    if contact:
        text += "contact:\n" + "".join(f'  - "{line}"\n' for line in contact)
    if appendix:
        text += "appendices:\n  - title: Danh sách\n    body: Nội dung phụ lục.\n"
    return compose(load_text(text, tmp_path / "letter.yaml"))


def combine(tmp_path: Path, name: str, contacts: list[tuple[str, ...]]) -> Path:
    path = tmp_path / name
    with CombinedDocx(path) as combined:
        for number, contact in enumerate(contacts, start=1):
            combined.add(letter(tmp_path, contact, number, appendix=number == 3))
    return path


def sections(path: Path) -> list[etree._Element]:
    with zipfile.ZipFile(path) as package:
        return etree.fromstring(package.read("word/document.xml")).findall(f".//{W}sectPr")


def first_page_footers(path: Path) -> list[tuple[str, tuple[str, ...]]]:
    """Each section's first-page footer as Word shows it: (part name, its lines); a section
    without a reference of its own repeats the previous section's; ("", ()) before any."""
    with zipfile.ZipFile(path) as package:
        rels = etree.fromstring(package.read("word/_rels/document.xml.rels"))
        target = {r.get("Id"): "word/" + r.get("Target") for r in rels.iter(f"{PKG}Relationship")}
        shown: list[tuple[str, tuple[str, ...]]] = []
        current: tuple[str, tuple[str, ...]] = ("", ())
        for section in sections(path):
            for reference in section.findall(f"{W}footerReference"):
                assert reference.get(f"{W}type") == "first"  # no footer on any later page
                part = target[reference.get(f"{R}id")]
                footer = etree.fromstring(package.read(part))
                lines = ("".join(t.text or "" for t in p.iter(f"{W}t")) for p in footer)
                current = (part, tuple(line for line in lines if line))
            shown.append(current)
    return shown


def audit(path: Path) -> list[str]:
    """openxml-audit's findings (a validator per file: it keeps state between files)."""
    return [f"{e.part_uri} {e.path}: {e.description}"
            for e in OpenXmlValidator(max_errors=0).validate(path).errors]  # fmt: skip


def test_each_letter_shows_its_contact_on_its_first_page_only(batch: Path) -> None:
    found = sections(batch)
    assert len(found) == 6  # three letters, each with its Phụ lục
    assert all(s.find(f"{W}titlePg") is not None for s in found)
    assert all(s.find(f"{W}pgNumType").get(f"{W}start") == "1" for s in found)  # as before
    footers = first_page_footers(batch)
    # the letters' sections: ô 13, one shared part; the appendices': the empty footer
    assert footers[0::2] == [("word/footer1.xml", CONTACT)] * 3
    assert footers[1::2] == [("word/footer2.xml", ())] * 3
    document = docx.Document(str(batch))
    for position, section in enumerate(document.sections):
        assert section.different_first_page_header_footer
        assert not section.first_page_footer.is_linked_to_previous
        lines = [p.text for p in section.first_page_footer.paragraphs if p.text]
        assert lines == (list(CONTACT) if position % 2 == 0 else [])
        assert section.footer.is_linked_to_previous  # pages 2, 3, …: no footer in any section
    rule = document.sections[0].first_page_footer.paragraphs[0]._p.pPr.find(f"{W}pBdr")
    assert rule is not None and rule.find(f"{W}top") is not None  # under a full-width rule
    with zipfile.ZipFile(batch) as package:
        assert sorted(n for n in package.namelist() if "footer" in n) == [
            "word/footer1.xml", "word/footer2.xml"]  # fmt: skip
        combined_footer = package.read("word/footer1.xml")
    own = batch.parent / "all" / "1-ubnd-huyen-tan-hung.docx"
    with zipfile.ZipFile(own) as package:
        assert package.read("word/footer1.xml") == combined_footer  # as in the letter's own file
    body = " ".join(p.text for p in document.paragraphs)
    assert "stttt@longan.gov.vn" not in body


def test_print_file_is_valid_and_the_same_bytes_every_run(batch: Path, tmp_path: Path) -> None:
    assert audit(batch) == []
    assert make_batch(tmp_path, "all.docx").read_bytes() == batch.read_bytes()


def test_letters_of_different_contacts_each_keep_their_own(tmp_path: Path) -> None:
    order = [(), CONTACT, (), OTHER, CONTACT]  # the third letter also has a Phụ lục
    path = combine(tmp_path, "mixed.docx", order)
    footers = first_page_footers(path)
    assert footers == [
        ("", ()),  # nothing before it to repeat: no reference needed
        ("word/footer1.xml", CONTACT),
        ("word/footer2.xml", ()),  # after a contact: the empty footer, not the previous one
        ("word/footer2.xml", ()),  # its Phụ lục
        ("word/footer3.xml", OTHER),
        ("word/footer1.xml", CONTACT),  # the same contact again: the same part
    ]
    assert audit(path) == []
    assert combine(tmp_path, "again.docx", order).read_bytes() == path.read_bytes()
    document = docx.Document(io.BytesIO(path.read_bytes()))
    assert [p.text for p in document.sections[4].first_page_footer.paragraphs] == list(OTHER)


def pages(pdf: Path) -> list[str]:
    text = subprocess.run(["pdftotext", str(pdf), "-"], check=True, capture_output=True,
                          text=True).stdout  # fmt: skip
    return text.split("\f")[:-1]


def test_libreoffice_prints_the_contact_once_per_letter_on_its_first_page(
    batch: Path, tmp_path: Path
) -> None:
    mixed = combine(tmp_path, "mixed.docx", [(), CONTACT, (), OTHER])
    batch_pdf, mixed_pdf = soffice_pdf([batch, mixed], tmp_path)
    printed = pages(batch_pdf)
    first = ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in page for page in printed]
    appendix = [page.lstrip().startswith("Phụ lục") for page in printed]
    assert sum(first) == 3 and sum(appendix) == 3
    assert len(printed) > 6  # each letter has a later page, without ô 13
    for page, is_first in zip(printed, first, strict=True):
        assert page.count("stttt@longan.gov.vn") == (1 if is_first else 0)
        assert ("Địa chỉ: Số 137 đường Hùng Vương" in page) == is_first
    letters = [page for page in pages(mixed_pdf) if "CỘNG HÒA XÃ HỘI" in page]
    assert ["stttt@longan.gov.vn" in p for p in letters] == [False, True, False, False]
    assert ["vpubnd@angiang.gov.vn" in p for p in letters] == [False, False, False, True]
