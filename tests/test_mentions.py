"""Dissolved units warned everywhere: a letter dated from 1 July 2025 whose letterhead, place,
recipients or Nơi nhận names a former province, district or thị trấn gets a warning at the line
and column where the clerk wrote it, with the current name."""

from __future__ import annotations

import shutil
from pathlib import Path

from dispatch_gen.render import render
from tests.conftest import ROOT

LETTER = """\
letterhead: {letterhead}
symbol: UBND-VP
date: {date}
place: {place}
subject: thử nghiệm
recipients:
  - Sở Y tế
  - {recipient}
body: Đề nghị thực hiện.
signature: {{title: Chủ tịch, name: Lê Văn An}}
distribution:
  - Sở Tài chính
  - {copy}
"""
CURRENT = {
    "letterhead": "ubnd-tinh-an-giang",
    "date": "2026-03-10",
    "place": "An Giang",
    "recipient": "UBND xã Cần Đước",
    "copy": "Sở Tư pháp tỉnh Tây Ninh",
}


def warnings(tmp_path: Path, **changed: str) -> list[str]:
    (tmp_path / "letterheads").mkdir(exist_ok=True)
    shutil.copy(ROOT / "letterheads/ubnd-tinh-kien-giang.yaml", tmp_path / "letterheads")
    letter = tmp_path / "letter.yaml"
    letter.write_text(LETTER.format(**{**CURRENT, **changed}), encoding="utf-8")
    prefix = f"{letter}:"
    return [str(n).removeprefix(prefix) for n in render(letter).notices]


def test_a_letter_of_the_current_map_is_silent(tmp_path: Path) -> None:
    assert warnings(tmp_path) == []


def test_letterhead_of_a_former_province(tmp_path: Path) -> None:
    assert warnings(tmp_path, letterhead="ubnd-tinh-kien-giang") == [
        "1:13: cảnh báo: tiêu đề cơ quan: “tỉnh Kiên Giang” không còn từ 01/7/2025, nay thuộc "
        "tỉnh An Giang — dùng tiêu đề “ubnd-tinh-an-giang” (Kiên Giang nay thuộc An Giang); "
        "hoặc giữ nguyên nếu đây là văn bản cũ"
    ]


def test_inline_letterhead_of_a_district(tmp_path: Path) -> None:
    inline = "\n  agency: [Ủy ban nhân dân, huyện Cần Đước]\n  head: Chủ tịch"
    [warning] = warnings(tmp_path, letterhead=inline)
    assert warning.startswith("2:11: cảnh báo: tiêu đề cơ quan: “huyện Cần Đước”: từ 01/7/2025 ")
    assert "đơn vị cấp xã hiện có cùng tên: Xã Cần Đước (tỉnh Tây Ninh)" in warning


def test_place_of_a_former_province(tmp_path: Path) -> None:
    assert warnings(tmp_path, place="Bình Dương") == [
        "4:8: cảnh báo: địa danh: “tỉnh Bình Dương” không còn từ 01/7/2025, nay thuộc "
        "Thành phố Hồ Chí Minh — ghi “place: Thành phố Hồ Chí Minh”; nếu nhắc văn bản cũ thì "
        "giữ nguyên"
    ]


def test_recipient_in_a_district(tmp_path: Path) -> None:
    [warning] = warnings(tmp_path, recipient="Phòng Y tế huyện Cần Đước")
    assert warning.startswith(
        "8:5: cảnh báo: nơi gửi (Kính gửi): “huyện Cần Đước”: từ 01/7/2025 không còn cấp huyện"
    )
    assert "Xã Cần Đước (tỉnh Tây Ninh)" in warning


def test_distribution_in_a_former_province_and_a_thi_tran(tmp_path: Path) -> None:
    assert warnings(tmp_path, copy="UBND thị trấn Cần Đước, tỉnh Long An") == [
        "13:5: cảnh báo: nơi nhận: “thị trấn Cần Đước”: từ 01/7/2025 không còn thị trấn; cấp xã "
        "gồm xã, phường, đặc khu — đơn vị cấp xã hiện có cùng tên: Xã Cần Đước (tỉnh Tây Ninh); "
        "nếu nhắc văn bản cũ thì giữ nguyên",
        "13:5: cảnh báo: nơi nhận: “tỉnh Long An” không còn từ 01/7/2025, nay thuộc tỉnh Tây Ninh"
        " — ghi “tỉnh Tây Ninh” (Nghị quyết 202/2025/QH15); nếu nhắc văn bản cũ thì giữ nguyên",
    ]


def test_a_letter_dated_before_the_reform_keeps_its_names(tmp_path: Path) -> None:
    old = dict(
        letterhead="ubnd-tinh-kien-giang",
        place="Kiên Giang",
        recipient="UBND huyện Cần Đước",
        copy="UBND tỉnh Long An",
    )
    assert warnings(tmp_path, date="2025-06-30", **old) == []
    lines = [w.split(":")[0] for w in warnings(tmp_path, date="2025-07-01", **old)]
    assert lines == ["1", "4", "8", "13"]  # letterhead, place, recipient, Nơi nhận
