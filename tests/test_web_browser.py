"""`dispatch-gen serve` in a real browser (Debian's Chromium, driven by Playwright): what a văn thư
does on the page, checked by what she gets — the .docx, the error beside the field, the preview,
the batch's zip."""

from __future__ import annotations

import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

from dispatch_gen.render import render_bytes
from dispatch_gen.review.reading import docx_text
from tests.conftest import ROOT
from tests.web_browser import chromium, chromium_path, running_server

pytest.importorskip("playwright")
if chromium_path() is None:
    pytest.skip("chromium not installed (apt-get install chromium)", allow_module_level=True)

SEED_002 = ROOT / "examples" / "002-kien-giang-bluezone.yaml"
BATCH = ROOT / "examples" / "batch"
MASTER = str(BATCH / "long-an-bluezone-huyen.yaml")
# What the clerk types in the “Nâng cao” box for seed 002: the figures and the deadline.
FIGURES_002 = """figures:
  counted_on: 2020-08-16
  installs: 145800
  adult_share: 13%
  national_share: 19%
  target_date: 2020-08-20
  target: 60%
deadlines:
  report: 2020-08-24
"""


@pytest.fixture(scope="module")
def site() -> Iterator[str]:
    with running_server(ROOT / "examples") as url:
        yield url


@pytest.fixture(scope="module")
def browser_page() -> Iterator[Any]:
    with chromium() as page:
        yield page


@pytest.fixture()
def page(browser_page: Any, site: str) -> Any:
    errors: list[str] = []
    browser_page.on("pageerror", lambda error: errors.append(str(error)))
    browser_page.goto(site)
    browser_page.wait_for_selector("body[data-ready='1']")
    yield browser_page
    assert errors == []


def add_row(page: Any, button: str, values: list[str]) -> None:
    for value in values:
        page.click(f"[data-add='{button}']")
        page.locator(f"[data-list='{button}'] .item input").last.fill(value)


def wait_preview(page: Any, text: str) -> None:
    page.wait_for_function(
        "text => document.querySelector('#preview .a4')?.innerText.includes(text)", arg=text
    )


def test_typing_seed_002_gives_its_docx(page: Any, tmp_path: Path) -> None:
    seed = yaml.safe_load(SEED_002.read_text(encoding="utf-8"))
    page.fill("#f-letterhead", seed["letterhead"])
    page.fill("#f-number", str(seed["number"]))
    page.fill("#f-symbol", seed["symbol"])
    page.fill("#f-date", seed["date"].isoformat())
    page.fill("#f-subject", seed["subject"])
    add_row(page, "recipients", seed["recipients"])
    page.click("[data-add='references']")
    ref = seed["references"]["bttt"]
    for key, value in (("key", "bttt"), ("number", ref["number"]),
                       ("date", ref["date"].isoformat()), ("issuer", ref["issuer"])):  # fmt: skip
        page.fill(f"[data-bind='references.0.{key}']", value)
    page.fill("#f-body", seed["body"])
    page.select_option("[data-bind='duty_style']", "-")
    for index, duty in enumerate(seed["duties"]):
        page.click("[data-add='duties']")
        page.fill(f"[data-bind='duties.{index}.text']", duty)
    page.click("[data-add='authority']")  # KT. (of the Chủ tịch the letterhead names)
    page.fill("#f-title", seed["signature"]["title"])
    page.fill("#f-name", seed["signature"]["name"])
    add_row(page, "distribution", seed["distribution"])
    page.fill("[data-bind='archive']", seed["archive"])
    page.click("details summary")
    page.fill("[data-bind='advanced']", FIGURES_002)
    wait_preview(page, "trước ngày 24/8/2020")
    assert page.locator("#letter .field-error").count() == 0
    with page.expect_download() as download:
        page.click("#download-docx")
    got = tmp_path / download.value.suggested_filename
    download.value.save_as(got)
    expected = tmp_path / "expected.docx"
    expected.write_bytes(render_bytes(SEED_002))
    assert docx_text(got) == docx_text(expected)
    assert got.read_bytes() == expected.read_bytes()


def open_example(page: Any, name: str) -> None:
    page.select_option("#open-list", name)
    page.wait_for_function(
        "() => document.querySelector('#f-symbol').value !== ''"
        " && document.querySelector('#preview .a4')"
    )


def test_a_bad_date_is_explained_beside_the_date(page: Any) -> None:
    open_example(page, SEED_002.name)
    page.fill("#f-date", "")
    page.type("#f-date", "2020-02-30")
    error = page.locator("[data-path='date'] .field-error")
    # the page answers every keystroke; wait for the answer to the last one
    page.wait_for_function(
        "() => document.querySelector(\"[data-path='date'] .field-error\")"
        "?.textContent.includes('2020-02-30')"
    )
    assert error.inner_text() == (
        "Lỗi: ngày “2020-02-30” không có thật — ghi ngày theo dạng NĂM-THÁNG-NGÀY có thật,"
        " ví dụ 2020-08-19"
    )
    assert page.locator("#letter .field-error").count() == 1
    assert "Traceback" not in page.content()
    page.fill("#f-date", "2020-08-19")
    error.wait_for(state="detached")


def authority_lines(page: Any) -> list[str]:
    cells = page.locator("#preview .a4 table.layout").last.locator("td").nth(1)
    return [line for line in cells.inner_text().splitlines() if line.strip()]


def test_tm_and_kt_change_the_preview(page: Any) -> None:
    open_example(page, SEED_002.name)
    wait_preview(page, "KT. CHỦ TỊCH")
    assert authority_lines(page) == ["KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Lâm Minh Thành"]
    page.click("[data-add='authority']")
    rows = page.locator("[data-list='authority'] .item")
    rows.nth(0).locator(".authority-prefix").select_option("TM.")
    rows.nth(1).locator(".authority-prefix").select_option("KT.")
    wait_preview(page, "TM. ỦY BAN NHÂN DÂN")
    assert authority_lines(page) == [
        "TM. ỦY BAN NHÂN DÂN",
        "KT. CHỦ TỊCH",
        "PHÓ CHỦ TỊCH",
        "Lâm Minh Thành",
    ]


def test_the_15_letter_batch(page: Any, tmp_path: Path) -> None:
    page.click("[data-tab='batch']")
    page.set_input_files(
        "#batch-form input[name='master']", str(BATCH / "long-an-bluezone-huyen.yaml")
    )
    page.set_input_files("#batch-form input[name='units']", str(BATCH / "units.csv"))
    page.click("#batch-form button[type='submit']")
    summary = page.locator("#batch-summary")
    summary.wait_for(timeout=120_000)
    assert summary.inner_text() == "Đã tạo 15 công văn."
    with page.expect_download() as download:
        page.click("#batch-result a.button")
    path = tmp_path / "cong-van.zip"
    download.value.save_as(path)
    with zipfile.ZipFile(path) as archive:
        names = archive.namelist()
    assert len([n for n in names if n.endswith(".docx")]) == 15
    assert "manifest.csv" in names and "manifest.json" in names


def test_a_bad_units_file_is_refused_in_vietnamese(page: Any, tmp_path: Path) -> None:
    bad = tmp_path / "units.xlsx"
    bad.write_text("không phải Excel", encoding="utf-8")
    page.click("[data-tab='batch']")
    page.set_input_files(
        "#batch-form input[name='master']", str(BATCH / "long-an-bluezone-huyen.yaml")
    )
    page.set_input_files("#batch-form input[name='units']", str(bad))
    page.click("#batch-form button[type='submit']")
    error = page.locator("#batch-result .field-error")
    error.wait_for()
    assert error.inner_text().startswith(
        "Lỗi: tệp bảng đơn vị “units.xlsx” không phải tệp .xlsx thật"
    )


def test_open_a_word_letter(page: Any, tmp_path: Path) -> None:
    docx = tmp_path / "1119.docx"
    docx.write_bytes(render_bytes(SEED_002))
    page.set_input_files("#open-file", str(docx))
    wait_preview(page, "Lâm Minh Thành")
    assert page.input_value("#f-symbol") == "UBND-KGVX"
    assert page.locator("#letter .field-error").count() == 0
