"""Place names after 1 July 2025: former provinces, districts and thị trấn in a letter."""

from __future__ import annotations

from datetime import date

import pytest
from vietnam_provinces import Province

from dispatch_gen.errors import Location
from dispatch_gen.places import MERGED_INTO, check_places

WHERE = Location("thu.yaml", 14, 3)
NOW = date(2026, 1, 5)


def messages(text: str, issued: date | None = NOW) -> list[str]:
    return [notice.message for notice in check_places(text, issued, WHERE)]


def test_former_province_names_the_current_one():
    [notice] = check_places("Kính gửi: UBND tỉnh Kiên Giang.", NOW, WHERE)
    assert notice.message == "“tỉnh Kiên Giang” không còn từ 01/7/2025, nay thuộc tỉnh An Giang"
    assert notice.hint == ("ghi “tỉnh An Giang” (Nghị quyết 202/2025/QH15); "
                           "nếu nhắc văn bản cũ thì giữ nguyên")
    assert notice.where == WHERE


@pytest.mark.parametrize(("text", "current"), [
    ("UBND TỈNH BÀ RỊA - VŨNG TÀU", "Thành phố Hồ Chí Minh"),  # capitals, spaced hyphen
    ("Sở Y tế tỉnh Bà Rịa-Vũng Tàu", "Thành phố Hồ Chí Minh"),  # PL II: named after a person
    ("tỉnh Hoà Bình", "tỉnh Phú Thọ"),  # tone mark on the other vowel
    ("Báo Long An, Đài Phát thanh và Truyền hình tỉnh Long An.", "tỉnh Tây Ninh"),
    ("tỉnh Hải Dương", "thành phố Hải Phòng"),
])
def test_former_province_spellings(text: str, current: str):
    [message] = messages(text)
    assert message.endswith("nay thuộc " + current)


def test_thua_thien_hue_changed_earlier():
    assert messages("tỉnh Thừa Thiên Huế", date(2025, 3, 1)) == [
        "“tỉnh Thừa Thiên Huế” không còn từ 01/01/2025, nay thuộc thành phố Huế"]
    assert messages("tỉnh Thừa Thiên Huế", date(2024, 12, 31)) == []


def test_current_names_and_words_that_are_not_names_stay_silent():
    assert messages("Tỉnh ủy, UBND tỉnh; tỉnh Tây Ninh; tỉnh Khánh Hoà; Thành phố Hồ Chí Minh; "
                    "TP. Hồ Chí Minh; thành phố Huế; Xã Cần Đước") == []


def test_letters_dated_before_the_reorganisation_stay_silent():
    text = "UBND tỉnh Kiên Giang; UBND huyện Cần Đước; UBND các xã, thị trấn"
    assert messages(text, date(2020, 8, 19)) == []
    assert messages(text, date(2025, 6, 30)) == []
    assert len(messages(text, date(2025, 7, 1))) == 3


def test_undated_draft_is_checked_as_of_today():
    assert messages("UBND tỉnh Kiên Giang", None) == [
        "“tỉnh Kiên Giang” không còn từ 01/7/2025, nay thuộc tỉnh An Giang"]


def test_district_suggests_the_commune_of_the_same_name_in_the_letters_province():
    notices = check_places("UBND tỉnh Long An; UBND huyện Cần Đước; TP Tân An", NOW, WHERE)
    assert [n.message for n in notices] == [
        "“tỉnh Long An” không còn từ 01/7/2025, nay thuộc tỉnh Tây Ninh",
        "“huyện Cần Đước”: từ 01/7/2025 không còn cấp huyện (huyện, quận, thị xã, thành phố "
        "thuộc tỉnh)",
        "“TP Tân An”: từ 01/7/2025 không còn cấp huyện (huyện, quận, thị xã, thành phố thuộc tỉnh)",
    ]
    assert notices[1].hint == ("đơn vị cấp xã hiện có cùng tên: Xã Cần Đước (tỉnh Tây Ninh); "
                               "nếu nhắc văn bản cũ thì giữ nguyên")
    # Ten current units are called Tân An; the letter's province (Long An → Tây Ninh) picks one.
    assert notices[2].hint.startswith(
        "đơn vị cấp xã hiện có cùng tên: Phường Tân An (tỉnh Tây Ninh);")


def test_district_without_a_province_lists_a_few_namesakes():
    [notice] = check_places("UBND thành phố Tân An", NOW, WHERE)
    assert notice.hint.startswith("đơn vị cấp xã hiện có cùng tên: ")
    assert notice.hint.endswith("(thành phố Hải Phòng) và 7 nơi khác; "
                                "nếu nhắc văn bản cũ thì giữ nguyên")


def test_town_and_island_district():
    notices = check_places("thị trấn Tân Trụ và huyện đảo Phú Quốc, tỉnh Kiên Giang", NOW, WHERE)
    assert [n.message for n in notices] == [
        "“thị trấn Tân Trụ”: từ 01/7/2025 không còn thị trấn; cấp xã gồm xã, phường, đặc khu",
        "“huyện Phú Quốc”: từ 01/7/2025 không còn cấp huyện (huyện, quận, thị xã, thành phố "
        "thuộc tỉnh)",
        "“tỉnh Kiên Giang” không còn từ 01/7/2025, nay thuộc tỉnh An Giang",
    ]
    assert "Đặc khu Phú Quốc (tỉnh An Giang)" in notices[1].hint


def test_unknown_name_gets_a_general_hint():
    [notice] = check_places("UBND Quận 1", NOW, WHERE)
    assert notice.message.startswith("“quận 1”: từ 01/7/2025 không còn cấp huyện")
    assert notice.hint == ("ghi tên đơn vị hiện hành (tỉnh; xã, phường, đặc khu); "
                           "nếu nhắc văn bản cũ thì giữ nguyên")


def test_generic_mentions_give_one_notice_and_repeats_are_reported_once():
    text = ("UBND các huyện, thị xã, thành phố; UBND các xã, thị trấn; cấp huyện; "
            "huyện Cần Giuộc và huyện Cần Giuộc")
    assert messages(text) == [
        "văn bản nhắc đến huyện, thị xã, thị trấn: từ 01/7/2025 không còn cấp huyện (huyện, quận, "
        "thị xã, thành phố thuộc tỉnh); không còn thị trấn",
        "“huyện Cần Giuộc”: từ 01/7/2025 không còn cấp huyện (huyện, quận, thị xã, thành phố "
        "thuộc tỉnh)",
    ]


def test_merger_table_matches_the_package():
    current = {" ".join(p.name.removeprefix("Thành phố ").split()) for p in Province.iter_all()}
    assert len(current) == 34
    assert set(MERGED_INTO.values()) <= current
    assert not set(MERGED_INTO) & current  # a former province is not a current one
    assert len(MERGED_INTO) == 63 - 34 + 1  # 29 merged away, plus Thừa Thiên Huế renamed
