"""Quyết định (issue 10, item 5; Nghị định 30/2020, PL III, Mẫu 1.1-1.3): the YAML says a
decision, and the .docx lays it out as the decree's samples do — QUYẾT ĐỊNH and its summary bold
centred over a rule, the issuing authority in capitals, italic Căn cứ lines, “QUYẾT ĐỊNH:” centred,
“Điều 1.” bold with its khoản and điểm, Nơi nhận led by “Như Điều 3;”, no Kính gửi. `check` knows
a decision (no false Kính gửi or V/v findings) and flags its own mistakes."""

from __future__ import annotations

import io
import subprocess
import sys
from pathlib import Path

import docx
import pytest
from click.testing import CliRunner
from docx.enum.text import WD_ALIGN_PARAGRAPH
from hypothesis import given, settings
from hypothesis import strategies as st

from dispatch_gen.check import check_docx
from dispatch_gen.cli import main
from dispatch_gen.decisions import ground_lines
from dispatch_gen.review.reading import docx_text
from tests.test_errors import write
from tests.test_issued_forms import render

DECISION = """\
letterhead: ubnd-tinh-kien-giang
type: Quyết định
number: 12
symbol: UBND
date: 2024-03-05
subject: Về việc thành lập Tổ công tác rà soát thủ tục hành chính
grounds:
  - Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015
  - "Căn cứ {{ refs.nd30 | cite }};"
  - Theo đề nghị của Chánh Văn phòng Ủy ban nhân dân tỉnh.
references:
  nd30: {type: Nghị định, number: 30/2020/NĐ-CP, date: 2020-03-05, issuer: Chính phủ,
         subject: công tác văn thư}
articles:
  - Thành lập Tổ công tác rà soát thủ tục hành chính tỉnh Kiên Giang.
  - text: "Tổ công tác có nhiệm vụ:"
    items:
      - Rà soát các thủ tục hành chính thuộc thẩm quyền của tỉnh.
      - text: "Đề xuất phương án:"
        items: [bãi bỏ;, sửa đổi;, bổ sung;, thay thế;, đơn giản hóa;, gộp;, tách.]
  - Chánh Văn phòng Ủy ban nhân dân tỉnh và các thành viên Tổ công tác chịu trách nhiệm thi hành
    Quyết định này.
signature:
  authority: KT
  title: Phó Chủ tịch
  name: Lâm Minh Thành
distribution: [Chủ tịch UBND tỉnh (để b/c)]
archive: VT, KSTT
"""


@pytest.fixture(scope="module")
def decision(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    return render(tmp_path_factory.mktemp("qd"), DECISION)


def body_paragraphs(data: bytes) -> list[docx.text.paragraph.Paragraph]:
    return [p for p in docx.Document(io.BytesIO(data)).paragraphs if p.text.strip()]


def find(data: bytes, text: str) -> docx.text.paragraph.Paragraph:
    return next(p for p in body_paragraphs(data) if p.text.replace("\n", " ") == text)


def bold(paragraph: docx.text.paragraph.Paragraph) -> bool:
    return all(r.bold for r in paragraph.runs if r.text.strip())


def test_the_title_block_and_the_issuing_authority(decision: bytes) -> None:
    lines = docx_text(decision)
    start = lines.index("QUYẾT ĐỊNH")
    assert lines[start : start + 3] == [
        "QUYẾT ĐỊNH",
        "Về việc thành lập Tổ công tác rà soát thủ tục hành chính",
        "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH KIÊN GIANG",
    ]
    assert "Số: 12/QĐ-UBND" in lines
    for text in lines[start : start + 3]:
        paragraph = find(decision, text)
        assert bold(paragraph), text
        assert paragraph.alignment == WD_ALIGN_PARAGRAPH.CENTER, text
    # the summary has its short rule: a bottom border on the paragraph after it
    summary = find(decision, lines[start + 1])._p
    rule = summary.getnext()
    assert rule.xpath("./w:pPr/w:pBdr/w:bottom"), "no rule under the summary"


def test_grounds_are_italic_with_their_punctuation_and_may_cite(decision: bytes) -> None:
    lines = docx_text(decision)
    start = lines.index("CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH KIÊN GIANG") + 1
    assert lines[start : start + 4] == [
        "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;",
        "Căn cứ Nghị định số 30/2020/NĐ-CP ngày 05/3/2020 của Chính phủ về công tác văn thư;",
        "Theo đề nghị của Chánh Văn phòng Ủy ban nhân dân tỉnh.",
        "QUYẾT ĐỊNH:",
    ]
    for text in lines[start : start + 3]:
        runs = [r for r in find(decision, text).runs if r.text.strip()]
        assert runs and all(r.italic for r in runs), text
        assert not any(r.bold for r in runs), text
    enacting = find(decision, "QUYẾT ĐỊNH:")
    assert bold(enacting) and enacting.alignment == WD_ALIGN_PARAGRAPH.CENTER


def test_articles_are_numbered_bold_with_clauses_and_vietnamese_points(decision: bytes) -> None:
    lines = docx_text(decision)
    body = lines[lines.index("QUYẾT ĐỊNH:") + 1 : lines.index("KT. CHỦ TỊCH")]
    assert [line.split(" ", 2)[:2] for line in body if line.startswith("Điều")] == [
        ["Điều", "1."], ["Điều", "2."], ["Điều", "3."],
    ]  # fmt: skip
    labels = [line.split(" ", 1)[0] for line in body if not line.startswith("Điều")]
    assert labels == ["1.", "2.", "a)", "b)", "c)", "d)", "đ)", "e)", "g)"]
    assert body[-1].endswith("chịu trách nhiệm thi hành Quyết định này./.")
    first = find(decision, body[0])
    head, *rest = [r for r in first.runs if r.text.strip()]
    assert head.text == "Điều 1." and head.bold
    assert rest and not any(r.bold for r in rest)


def test_nơi_nhận_is_led_by_như_điều_3_and_there_is_no_kính_gửi(decision: bytes) -> None:
    lines = docx_text(decision)
    assert not any(line.startswith("Kính gửi") for line in lines)
    assert not any(line.startswith("V/v") for line in lines)
    start = lines.index("Nơi nhận:")
    assert lines[start + 1 :] == [
        "- Như Điều 3;", "- Chủ tịch UBND tỉnh (để b/c);", "- Lưu: VT, KSTT.",
    ]  # fmt: skip


def test_check_finds_nothing_and_openxml_audit_no_error(decision: bytes, tmp_path: Path) -> None:
    assert [str(f) for f in check_docx(decision)] == []
    audit = Path(sys.executable).parent / "openxml-audit"
    if not audit.exists():
        pytest.skip("openxml-audit not installed (make setup)")
    out = tmp_path / "qd.docx"
    out.write_bytes(decision)
    result = subprocess.run([str(audit), str(out)], capture_output=True, text=True, timeout=120)
    assert "Errors: 0" in result.stdout, result.stdout[-2000:]


def test_same_input_gives_the_same_bytes(decision: bytes, tmp_path: Path) -> None:
    assert render(tmp_path, DECISION) == decision


def test_a_collective_decision_names_the_body_and_keeps_như_điều_where_listed(
    tmp_path: Path,
) -> None:
    """Mẫu 1.3: signed TM. Ủy ban nhân dân, the authority line is the body itself; a clerk who
    lists “Như Điều 3” after a higher body keeps that order."""
    text = DECISION.replace(
        "  authority: KT\n  title: Phó Chủ tịch\n", "  authority: TM\n  title: Chủ tịch\n"
    ).replace(
        "distribution: [Chủ tịch UBND tỉnh (để b/c)]",
        "distribution: [Bộ Tư pháp, Như Điều 3, Công báo tỉnh]",
    )
    data = render(tmp_path, text)
    lines = docx_text(data)
    assert lines[lines.index("QUYẾT ĐỊNH") + 2] == "ỦY BAN NHÂN DÂN TỈNH KIÊN GIANG"
    assert lines[lines.index("Nơi nhận:") + 1 :] == [
        "- Bộ Tư pháp;", "- Như Điều 3;", "- Công báo tỉnh;", "- Lưu: VT, KSTT.",
    ]  # fmt: skip
    signature = lines.index("TM. ỦY BAN NHÂN DÂN")
    assert lines[signature : signature + 2] == ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"]
    assert [f for f in check_docx(data) if f.severity == "error"] == []


def test_decided_by_and_as_above_may_be_written_out(tmp_path: Path) -> None:
    text = DECISION.replace(
        "archive: VT, KSTT\n",
        "archive: VT, KSTT\ndecided_by: Giám đốc Sở Nội vụ\nas_above: Như Điều 3 (để thực hiện)\n",
    )
    lines = docx_text(render(tmp_path, text))
    assert lines[lines.index("QUYẾT ĐỊNH") + 2] == "GIÁM ĐỐC SỞ NỘI VỤ"
    assert lines[lines.index("Nơi nhận:") + 1] == "- Như Điều 3 (để thực hiện);"


def test_a_typed_article_number_in_its_place_is_not_doubled(tmp_path: Path) -> None:
    text = DECISION.replace("  - Thành lập Tổ công tác", "  - Điều 1. Thành lập Tổ công tác")
    lines = docx_text(render(tmp_path, text))
    assert "Điều 1. Thành lập Tổ công tác rà soát thủ tục hành chính tỉnh Kiên Giang." in lines


BAD = [
    (  # an article that is a list, not text
        DECISION.replace(
            "  - Thành lập Tổ công tác rà soát thủ tục hành chính tỉnh Kiên Giang.",
            "  - [Thành lập, Tổ công tác]",
        ),
        "15:5",
        "Điều 1 phải là một đoạn chữ, hoặc “text:” với “items:”",
    ),
    (  # a misspelt key inside an article
        DECISION.replace('  - text: "Tổ công tác', '  - txt: "Tổ công tác'),
        "16:5",
        "khóa “txt” không có trong Điều 2 — có phải “text”?",
    ),
    (  # a typed number that disagrees with the article's place
        DECISION.replace("  - Thành lập Tổ công tác", "  - Điều 2. Thành lập Tổ công tác"),
        "15:5",
        "mục thứ 1 của “articles” ghi “Điều 2.”",
    ),
    (  # articles written as one block of text
        DECISION.replace("articles:\n  - Thành lập", "articles: |\n  Thành lập").replace(
            '  - text: "Tổ', '  text: "Tổ'
        ),
        "14:11",
        "Quyết định: “articles” phải là một danh sách",
    ),
    (  # a decision has no Kính gửi
        DECISION.replace("archive: VT, KSTT\n", "archive: VT, KSTT\nrecipients: [Sở Nội vụ]\n"),
        "29:1",
        "Quyết định không có “Kính gửi”",
    ),
    (  # articles on a công văn
        DECISION.replace("type: Quyết định\n", ""),
        "6:1",
        "“grounds” chỉ dùng cho Quyết định — thêm dòng “type: Quyết định”",
    ),
    (  # a decision without grounds
        DECISION.replace("grounds:\n", "ground_list:\n"),
        "7:1",
        "khóa “ground_list” không có trong công văn — có phải “grounds”?",
    ),
    (  # another type's code in the symbol
        DECISION.replace("symbol: UBND", "symbol: TB-UBND"),
        "4:9",
        "ký hiệu “TB-UBND” mang mã “TB” của Thông báo, nhưng tên loại là Quyết định",
    ),
]


@pytest.mark.parametrize(("text", "where", "message"), BAD, ids=range(len(BAD)))
def test_a_bad_decision_is_a_located_vietnamese_error(
    tmp_path: Path, text: str, where: str, message: str
) -> None:
    letter = write(tmp_path, text)
    out = tmp_path / "out.docx"
    result = CliRunner().invoke(main, ["render", str(letter), "-o", str(out)])
    assert result.exit_code == 2, result.output
    assert result.output.startswith(f"{letter}:{where}: lỗi: "), result.output
    assert message in result.output, result.output
    assert " — " in result.output and "Traceback" not in result.output
    assert not out.exists()


def test_missing_grounds_or_articles_are_named(tmp_path: Path) -> None:
    for cut, message in (
        ("grounds", "Quyết định: “grounds” chưa có"),
        ("articles", "Quyết định: “articles” chưa có"),
    ):
        lines = DECISION.splitlines(keepends=True)
        start = next(i for i, line in enumerate(lines) if line.startswith(f"{cut}:"))
        end = next(i for i in range(start + 1, len(lines)) if not lines[i].startswith(" "))
        letter = write(tmp_path, "".join(lines[:start] + lines[end:]))
        result = CliRunner().invoke(main, ["render", str(letter), "-o", str(tmp_path / "o.docx")])
        assert result.exit_code == 2
        assert result.output.startswith(f"{letter}:2:7: lỗi: {message}"), result.output


def _edited(data: bytes, edit: object) -> bytes:
    document = docx.Document(io.BytesIO(data))
    edit(document)  # type: ignore[operator]
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def test_check_flags_a_missing_enacting_line_an_upright_article_and_upright_grounds(
    decision: bytes,
) -> None:
    def spoil(document: docx.document.Document) -> None:
        for paragraph in document.paragraphs:
            if paragraph.text == "QUYẾT ĐỊNH:":
                paragraph._p.getparent().remove(paragraph._p)
            elif paragraph.text.startswith(("Điều 2.", "Căn cứ")):
                for run in paragraph.runs:
                    run.bold = run.italic = False

    findings = check_docx(_edited(decision, spoil))
    found = {(f.rule, f.severity, f.found) for f in findings}
    assert ("ND30-10", "error", "không tìm thấy dòng “QUYẾT ĐỊNH:” trước Điều 1") in found
    article = [f for f in findings if "điều không đậm" in f.found]
    assert len(article) == 1 and article[0].found.startswith("1 điều không đậm, ví dụ “Điều 2.")
    grounds = [f for f in findings if "căn cứ không nghiêng" in f.found]
    assert len(grounds) == 1 and grounds[0].severity == "warning"
    assert grounds[0].found.startswith("2 dòng căn cứ không nghiêng")
    # and nothing about a Kính gửi or a V/v, which a decision does not have
    assert not [f for f in findings if f.rule == "ND30-11" or "V/v" in f.found]


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.text(alphabet="abcđêôơư ;.,Căn cứ", min_size=1, max_size=30).filter(
            lambda s: s.strip(" ;.,")
        ),
        min_size=1,
        max_size=6,
    )
)
def test_ground_lines_end_with_semicolons_and_one_full_stop(texts: list[str]) -> None:
    lines = ground_lines(texts)
    assert len(lines) == len(texts)
    assert all(line.endswith(";") and not line.endswith(";;") for line in lines[:-1])
    assert lines[-1].endswith((".", ",")) and not lines[-1].endswith(("..", ";."))


def test_the_real_vinh_long_decision_keeps_its_structure() -> None:
    """Example 026 (tests/letters/INDEX.md): Mẫu 1.3, the body itself as the issuing
    authority, a three-line chain each on its own line, Điều 1 with a second paragraph,
    “Như điều 3” where the office listed it."""
    from dispatch_gen.render import render_bytes
    from tests.test_examples import EXAMPLES
    from tests.test_real_letters import closing_paragraphs

    data = render_bytes(EXAMPLES / "026-vinh-long-18-qd-ubnd.yaml")
    lines = docx_text(data)
    start = lines.index("QUYẾT ĐỊNH")
    assert lines[start + 2 : start + 6] == [
        "ỦY BAN NHÂN DÂN TỈNH",
        "Căn cứ Luật Tổ chức Hội đồng nhân dân và Ủy ban nhân dân ngày 26 tháng 11 năm 2003;",
        "Theo đề nghị của Giám đốc Sở Nội vụ tại tờ trình số 311/TTr-SNV ngày 30/9/2009,",
        "QUYẾT ĐỊNH:",
    ]
    assert lines[start + 7] == "Lý do: không còn phù hợp với các quy định của pháp luật hiện hành."
    for number in (1, 2, 3):
        article = next(p for p in body_paragraphs(data) if p.text.startswith(f"Điều {number}."))
        assert article.runs[0].text == f"Điều {number}." and article.runs[0].bold
    left, right = closing_paragraphs(data)
    assert right == ["TM. ỦY BAN NHÂN DÂN TỈNH", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Nguyễn Văn Diệp"]
    assert left[6] == "- Như điều 3;" and left[-1] == "- Lưu: VT; 2.05.07."


def test_the_prime_ministers_decision_729_as_issued() -> None:
    """Example 027: Mẫu 1.1 from a head who is the agency (THỦ TƯỚNG CHÍNH PHỦ, named once),
    a Phó Thủ tướng signing KT., Nơi nhận led by “Như Điều 3;”, and `check` taking “TTg” for
    the Prime Minister's own abbreviation."""
    from dispatch_gen.render import render_bytes
    from tests.test_examples import EXAMPLES
    from tests.test_real_letters import closing_paragraphs

    data = render_bytes(EXAMPLES / "027-ttg-729-qd-ttg.yaml")
    lines = docx_text(data)
    assert "Số: 729/QĐ-TTg" in lines
    assert lines[lines.index("QUYẾT ĐỊNH") + 2] == "THỦ TƯỚNG CHÍNH PHỦ"
    left, right = closing_paragraphs(data)
    assert right == ["KT. THỦ TƯỚNG", "PHÓ THỦ TƯỚNG", "Lê Minh Hưng"]
    assert left[1] == "- Như Điều 3;" and left[-1] == "- Lưu: VT, QHĐP (3) Cương."
    assert check_docx(data) == []


def test_as_above_empty_leaves_no_lead_line(tmp_path: Path) -> None:
    """Some decisions (Hà Nội's 2280/QĐ-UBND of 2026) list their recipients without “Như Điều 3”."""
    text = DECISION.replace("archive: VT, KSTT\n", 'archive: VT, KSTT\nas_above: ""\n')
    lines = docx_text(render(tmp_path, text))
    assert lines[lines.index("Nơi nhận:") + 1 :] == [
        "- Chủ tịch UBND tỉnh (để b/c);", "- Lưu: VT, KSTT.",
    ]  # fmt: skip


def test_a_decision_issues_a_regulation_with_it(tmp_path: Path) -> None:
    """Mẫu 1.2: “Ban hành Quy chế …”; the Quy chế follows on its own pages, headed QUY CHẾ, its
    title as written and “(Ban hành kèm theo Quyết định số … của …)”; a Phụ lục beside it keeps
    its own label and note."""
    text = (
        DECISION.replace(
            "subject: Về việc thành lập Tổ công tác rà soát thủ tục hành chính",
            "subject: Ban hành Quy chế làm việc của Tổ công tác rà soát thủ tục hành chính",
        )
        + """appendices:
  - type: Quy chế
    title: Làm việc của Tổ công tác rà soát thủ tục hành chính
    body: |
      **Điều 1. Phạm vi điều chỉnh**

      Quy chế này quy định nguyên tắc, chế độ làm việc của Tổ công tác.
  - title: Danh sách thành viên
    body: |
      1. Ông Nguyễn Văn A, Tổ trưởng.
"""
    )
    data = render(tmp_path, text)
    lines = docx_text(data)
    cited = (
        "Quyết định số 12/QĐ-UBND ngày 05 tháng 3 năm 2024"
        " của Chủ tịch Ủy ban nhân dân tỉnh Kiên Giang"
    )
    start = lines.index("QUY CHẾ")
    assert lines[start : start + 4] == [
        "QUY CHẾ",
        "Làm việc của Tổ công tác rà soát thủ tục hành chính",
        f"(Ban hành kèm theo {cited})",
        "Điều 1. Phạm vi điều chỉnh",
    ]
    annex = lines.index("Phụ lục")  # one Phụ lục: no numeral, whatever else is attached
    assert lines[annex + 1 : annex + 3] == ["DANH SÁCH THÀNH VIÊN", f"(Kèm theo {cited})"]
    assert lines.index("- Lưu: VT, KSTT.") < start
    assert [f for f in check_docx(data) if f.severity == "error"] == []


def test_the_body_may_place_the_articles(tmp_path: Path) -> None:
    text = DECISION.replace(
        "archive: VT, KSTT\n",
        "archive: VT, KSTT\nbody: |\n  {{ article_list() }}\n\n  (Kèm theo danh sách thành viên)\n",
    ).replace("    Quyết định này.\n", "    Quyết định này./.\n")  # the end mark where it belongs
    lines = docx_text(render(tmp_path, text))
    body = lines[lines.index("QUYẾT ĐỊNH:") + 1 : lines.index("KT. CHỦ TỊCH")]
    assert body[0].startswith("Điều 1.") and body[-1] == "(Kèm theo danh sách thành viên)"
    assert sum(line.startswith("Điều ") for line in body) == 3  # placed once, not twice


ARTICLE_TEXT = st.text(alphabet="abcdđeêghiklmnoôơpqrstuưvxy ,", min_size=1, max_size=40).filter(
    lambda s: s.strip(" ,")
)


@settings(max_examples=25, deadline=None)
@given(st.lists(ARTICLE_TEXT, min_size=1, max_size=7))
def test_any_articles_are_numbered_in_order_and_led_by_như_điều_n(texts: list[str]) -> None:
    import tempfile

    lines = [f"  - {json_text(t.strip(' ,'))}" for t in texts]
    start = DECISION.index("articles:")
    end = DECISION.index("signature:")
    source = DECISION[:start] + "articles:\n" + "\n".join(lines) + "\n" + DECISION[end:]
    with tempfile.TemporaryDirectory() as folder:
        printed = docx_text(render(Path(folder), source))
    numbers = [line.split(" ", 2)[1] for line in printed if line.startswith("Điều ")]
    assert numbers == [f"{n}." for n in range(1, len(texts) + 1)]
    assert printed[printed.index("Nơi nhận:") + 1] == f"- Như Điều {len(texts)};"


def json_text(value: str) -> str:
    import json

    return json.dumps(value, ensure_ascii=False)
