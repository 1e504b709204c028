"""The letterhead registry from `vietnam-provinces`; letterhead names are names, not paths."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dispatch_gen.divisions import provinces
from dispatch_gen.docx import layout as L
from dispatch_gen.docx.metrics import text_width_pt
from dispatch_gen.errors import InputError
from dispatch_gen.load import load
from dispatch_gen.registry import CELL_PT, canonical_name, counts, fold, registry
from dispatch_gen.vietnamese import upper

LETTER = """\
letterhead: {name}
symbol: UBND-VP
date: 2026-03
subject: thử nghiệm
recipients: [Sở Y tế]
body: Đề nghị thực hiện.
signature: {{title: Chủ tịch}}
"""


def lookup(name: str):
    (entry,) = registry().find(name)
    return entry.letterhead()


def write(folder: Path, name: str) -> Path:
    letter = folder / "letter.yaml"
    letter.write_text(LETTER.format(name=name), encoding="utf-8")
    return letter


def test_the_data_gives_34_provinces_and_3321_communes() -> None:
    assert len(provinces()) == 34
    assert sum(len(p.communes) for p in provinces()) == 3321
    kinds = counts()
    assert kinds["UBND tỉnh, thành phố"] == 34
    assert kinds["UBND xã"] + kinds["UBND phường"] + kinds["UBND đặc khu"] == 3321
    assert kinds["Sở"] == 34 * 10
    assert kinds["Văn phòng UBND"] == kinds["Thanh tra"] == 34


def test_every_name_answers_to_exactly_one_letterhead() -> None:
    entries = registry().entries
    assert len({canonical_name(e) for e in entries}) == len(entries)
    for entry in entries:
        assert registry().find(canonical_name(entry)) == (entry,)


def test_every_header_line_fits_the_cell() -> None:
    for entry in registry().entries:
        head = entry.letterhead()
        for line in head.agency:
            assert text_width_pt(upper(line), L.SIZE_AGENCY, bold=True) <= CELL_PT, entry.name
        for line in head.parent:
            assert text_width_pt(upper(line), L.SIZE_PARENT) <= CELL_PT, entry.name


def test_province_agency_letterhead_as_real_ones_read() -> None:
    head = lookup("so-nong-nghiep-va-moi-truong-tinh-an-giang")
    assert head.parent == ("UBND tỉnh An Giang",)
    assert head.agency == ("Sở Nông nghiệp", "và Môi trường")
    assert (head.abbreviation, head.place, head.head) == ("SNNMT", "An Giang", "Giám đốc")
    assert lookup("so-tai-chinh-tinh-an-giang").agency == ("Sở Tài chính",)
    inspectorate = lookup("thanh-tra-thanh-pho-ha-noi")
    assert inspectorate.agency == ("Thanh tra thành phố",)
    assert (inspectorate.head, inspectorate.place) == ("Chánh Thanh tra", "Hà Nội")
    office = lookup("van-phong-ubnd-tinh-quang-ninh")
    assert (office.parent, office.agency, office.head) == (
        ("UBND tỉnh Quảng Ninh",),
        ("Văn phòng",),
        "Chánh Văn phòng",
    )


def test_people_s_committees_and_their_date_line_place() -> None:
    province = lookup("ubnd-tinh-an-giang")
    assert (province.agency, province.parent) == (("Ủy ban nhân dân", "tỉnh An Giang"), ())
    assert (province.head, province.collective) == ("Chủ tịch", "Ủy ban nhân dân")
    # PL I, II.4: a unit named after a person, an event or a number keeps its full name
    assert lookup("ubnd-thanh-pho-ho-chi-minh").place == "Thành phố Hồ Chí Minh"
    assert lookup("ubnd-thanh-pho-ha-noi").place == "Hà Nội"
    assert lookup("ubnd-phuong-dien-bien-phu").place == "Phường Điện Biên Phủ"
    assert lookup("ubnd-phuong-1-bao-loc").place == "Phường 1 Bảo Lộc"
    commune = lookup("ubnd-xa-tan-phu/dong-nai")
    assert (commune.agency, commune.place) == (("Ủy ban nhân dân", "xã Tân Phú"), "Tân Phú")
    assert lookup("ubnd-dac-khu-phu-quoc").agency == ("Ủy ban nhân dân", "đặc khu Phú Quốc")
    # a parent too wide for the cell is written out over two lines, as Ho Chi Minh City's are
    assert lookup("so-y-te-thanh-pho-ho-chi-minh").parent == (
        "Ủy ban nhân dân",
        "Thành phố Hồ Chí Minh",
    )


def test_names_are_spelled_any_way_and_told_apart() -> None:
    assert len(registry().find("ubnd-xa-tan-phu")) > 1
    (entry,) = registry().find("UBND xã Tân Phú / Đồng Nai")
    assert (entry.title, entry.province) == ("Ủy ban nhân dân xã Tân Phú", "tỉnh Đồng Nai")
    # two communes of one province that fold alike (Tân Thành, Tân Thạnh) go by their code
    twins = registry().find("ubnd-xa-tan-thanh/tay-ninh")
    assert {e.title for e in twins} == {
        "Ủy ban nhân dân xã Tân Thành",
        "Ủy ban nhân dân xã Tân Thạnh",
    }
    for twin in twins:
        assert registry().find(canonical_name(twin)) == (twin,)
        assert canonical_name(twin) == f"ubnd-xa-tan-thanh/{twin.code}"
    assert fold("Xã Ea M’Droh") == "xa-ea-mdroh"


def test_search_ignores_accents_and_lists_a_province() -> None:
    with_accents = registry().search("Tân Phú")
    assert with_accents == registry().search("tan phu")
    # the units of that very name first (five xã, one phường), then Tân Phú Đông, …
    assert [e.title.endswith(" Tân Phú") for e in with_accents[:7]] == [True] * 6 + [False]
    assert all(fold("Tân Phú") in fold(e.title) for e in with_accents)
    assert [e.title for e in registry().search("Sở Y tế Đồng Nai")] == ["Sở Y tế tỉnh Đồng Nai"]
    assert not any("Tân Phước" in e.title for e in with_accents)
    dong_nai = registry().in_province("tỉnh Đồng Nai")
    assert dong_nai == registry().in_province("dong-nai")
    assert len(dong_nai) == 13 + next(len(p.communes) for p in provinces() if p.name == "Đồng Nai")


def test_a_letter_uses_a_registry_letterhead(tmp_path: Path) -> None:
    dispatch = load(write(tmp_path, "ubnd-xa-tan-phu/dong-nai"))
    assert dispatch.letterhead.agency == ("Ủy ban nhân dân", "xã Tân Phú")
    assert dispatch.date_line.startswith("Tân Phú, ngày ")


def test_an_office_file_wins_over_the_registry(tmp_path: Path) -> None:
    (tmp_path / "letterheads").mkdir()
    (tmp_path / "letterheads/ubnd-tinh-an-giang.yaml").write_text(
        "agency: Ủy ban nhân dân tỉnh An Giang\nplace: Long Xuyên\nhead: Chủ tịch\n",
        encoding="utf-8",
    )
    dispatch = load(write(tmp_path, "ubnd-tinh-an-giang"))
    assert dispatch.letterhead.place == "Long Xuyên"


def test_an_ambiguous_name_lists_the_choices(tmp_path: Path) -> None:
    with pytest.raises(InputError) as error:
        load(write(tmp_path, "ubnd-xa-tan-phu"))
    text = str(error.value)
    assert text.startswith(f"{tmp_path / 'letter.yaml'}:1:13: lỗi: ")
    assert "có ở 5 nơi" in text
    assert "ubnd-xa-tan-phu/dong-nai (Ủy ban nhân dân xã Tân Phú, tỉnh Đồng Nai)" in text


@pytest.mark.parametrize("name", ["../secret", "../outside/secret", "/ABSOLUTE/secret.yaml"])
def test_a_letterhead_name_is_not_a_path(tmp_path: Path, name: str) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    for folder in (tmp_path, outside):
        (folder / "secret.yaml").write_text("agency: CƠ QUAN BÍ MẬT\n", encoding="utf-8")
    letters = tmp_path / "letters"
    letters.mkdir()
    name = name.replace("/ABSOLUTE", str(outside))
    with pytest.raises(InputError) as error:
        load(write(letters, name))
    assert "là đường dẫn, không phải tên tiêu đề cơ quan" in str(error.value)
    assert "letterheads/" in error.value.hint


def test_an_unknown_name_is_told_how_to_create_it(tmp_path: Path) -> None:
    with pytest.raises(InputError) as error:
        load(write(tmp_path, "hoi-nong-dan-xa-an-binh"))
    assert "có phải" not in error.value.hint
    assert "tạo tệp letterheads/hoi-nong-dan-xa-an-binh.yaml" in error.value.hint
    assert "dispatch-gen letterheads tìm" in error.value.hint


def test_a_typo_is_answered_with_the_name_and_the_way_to_create(tmp_path: Path) -> None:
    with pytest.raises(InputError) as error:
        load(write(tmp_path, "ubnd-tinh-an-gang"))
    assert error.value.hint.startswith("có phải “ubnd-tinh-an-giang”?")
    assert "tạo tệp letterheads/" in error.value.hint


def test_a_former_province_points_to_the_one_it_joined(tmp_path: Path) -> None:
    with pytest.raises(InputError) as error:
        load(write(tmp_path, "so-y-te-tinh-binh-duong"))
    assert error.value.hint.startswith(
        "dùng tiêu đề “so-y-te-thanh-pho-ho-chi-minh” (Bình Dương nay thuộc Hồ Chí Minh); tạo tệp"
    )


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(name=st.text(min_size=1, max_size=300))
def test_any_letterhead_name_loads_or_is_a_located_error(tmp_path: Path, name: str) -> None:
    """Whatever a letter names (path pieces, control characters, NUL, 300 characters), the answer
    is a letterhead or a located InputError — never a traceback, never a file outside."""
    outside = tmp_path / "outside.yaml"
    outside.write_text("agency: CƠ QUAN BÍ MẬT\n", encoding="utf-8")
    letters = tmp_path / "letters"
    letters.mkdir(exist_ok=True)
    letter = letters / "letter.yaml"
    letter.write_text(LETTER.format(name=json.dumps(name, ensure_ascii=False)), encoding="utf-8")
    try:
        dispatch = load(letter)
    except InputError as error:
        assert error.where is not None and error.where.file == str(letter)
    else:
        assert dispatch.letterhead.agency != ("CƠ QUAN BÍ MẬT",)
