"""`dispatch-gen serve` without a browser: the form round-trips, errors land at their field,
and the server refuses what it must (other hosts, missing token, big or mistyped uploads)."""

from __future__ import annotations

import io
import json
import shutil
from pathlib import Path
from typing import Any

import pytest

from dispatch_gen.load import LETTER_FIELDS
from dispatch_gen.render import render_bytes
from dispatch_gen.source import Source
from dispatch_gen.web.app import create_app
from dispatch_gen.web.command import is_loopback
from dispatch_gen.web.form import ADVANCED_FIELDS, FORM_FIELDS, form_state, letter_yaml
from dispatch_gen.web.uploads import MAX_UPLOAD, safe_name
from tests.conftest import EXAMPLES, ROOT

HOST = {"Host": "127.0.0.1:8030"}
SEED_002 = ROOT / "examples" / "002-kien-giang-bluezone.yaml"


@pytest.fixture()
def client() -> Any:
    return create_app(ROOT / "examples").test_client()


def opened(client: Any, example: Path) -> dict[str, Any]:
    answer = client.post("/api/open", json={"name": example.name}, headers=HOST)
    assert answer.status_code == 200, answer.json
    return answer.json["form"]


def test_the_form_is_the_loaders_schema() -> None:
    assert sorted((*FORM_FIELDS, *ADVANCED_FIELDS)) == sorted(LETTER_FIELDS)
    assert set(FORM_FIELDS).isdisjoint(ADVANCED_FIELDS)


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.stem)
def test_open_save_yaml_renders_byte_identical(client: Any, example: Path, tmp_path: Path) -> None:
    form = opened(client, example)
    saved = client.post("/api/yaml", json=form, headers=HOST)
    assert saved.status_code == 200
    assert "attachment" in saved.headers["Content-Disposition"]
    # saved in another folder with the data files beside it, as a clerk would keep them
    shutil.copytree(example.parent / "data", tmp_path / "data")
    again = tmp_path / example.name
    again.write_bytes(saved.data)
    assert render_bytes(again) == render_bytes(example)
    docx = client.post("/api/docx", json=form, headers=HOST)
    assert docx.status_code == 200
    assert docx.data == render_bytes(example)


def field_of(client: Any, form: dict[str, Any]) -> tuple[str, str]:
    answer = client.post("/api/preview", json=form, headers=HOST)
    assert answer.status_code == 422, answer.json
    error = answer.json["errors"][0]
    return error["field"], error["message"]


def test_errors_point_at_their_field(client: Any) -> None:
    form = opened(client, SEED_002)
    assert field_of(client, {**form, "date": "19/8/2020"}) == (
        "date",
        "ngày ban hành “19/8/2020” không hợp lệ — ghi “date: 2020-08-19”; bản thảo chưa ký ghi"
        " năm và tháng: “date: 2021-03”",
    )
    duties = json.loads(json.dumps(form["duties"]))
    duties[2]["number"] = "ba"
    assert field_of(client, {**form, "duties": duties})[0] == "duties.2.number"
    refs = [{**form["references"][0], "date": "1/8"}]
    assert field_of(client, {**form, "references": refs})[0] == "references.0.date"
    sign = {**form["signature"], "name": "LÂM MINH THÀNH"}
    field, message = field_of(client, {**form, "signature": sign})
    assert field == "signature.name"
    assert message.startswith("họ tên người ký “LÂM MINH THÀNH” viết hoa toàn bộ")
    advanced = form["advanced"] + "figurs: {}\n"
    field, message = field_of(client, {**form, "advanced": advanced})
    assert (field, message) == (
        "advanced",
        "khóa “figurs” không có trong công văn — có phải “figures”?",
    )
    assert field_of(client, {**form, "advanced": "figures: [1\n"})[0] == "advanced"
    field, message = field_of(client, {**form, "letterhead": {"name": "ubnd-tinh-kien-gian"}})
    assert field == "letterhead"
    assert message.startswith(
        "không tìm thấy tiêu đề cơ quan “ubnd-tinh-kien-gian” — có phải “ubnd-tinh-kien-giang”?"
    )


def test_body_template_error_points_at_the_body(client: Any) -> None:
    form = opened(client, SEED_002)
    field, message = field_of(client, {**form, "body": form["body"] + "\n\n{{ figures.nothing }}"})
    assert field == "body"
    assert "nothing" in message


def test_preview_is_the_letter(client: Any) -> None:
    form = opened(client, SEED_002)
    answer = client.post("/api/preview", json=form, headers=HOST).json
    assert answer["errors"] == []
    assert "Số: 1119/UBND-KGVX" in answer["html"]
    assert "KT. CHỦ TỊCH" in answer["html"]
    assert answer["yaml"].startswith("letterhead: ubnd-tinh-kien-giang\nnumber: 1119\n")


def test_form_yaml_types() -> None:
    written = letter_yaml(
        {"number": "12", "symbol": "2020", "date": "2021-03", "subject": "a: b",
         "body": "Dòng một.   \n\nDòng hai.", "duties": [{"text": "Việc", "item_style": "-"}]},
        "x.yaml",
    )  # fmt: skip
    data = Source(written.text, "x.yaml").data
    assert data["number"] == 12
    assert data["symbol"] == "2020"
    assert data["date"] == "2021-03"
    assert data["subject"] == "a: b"
    assert data["body"] == "Dòng một.\n\nDòng hai."
    assert data["duties"] == ["Việc"]
    assert "body: |" in written.text


def test_unfit_values_stay_as_yaml() -> None:
    state = form_state(Source("symbol: X\nduties: 3\nsubjet: y\n", "x.yaml"))
    assert state["symbol"] == "X"
    assert "duties" not in state
    assert state["advanced"] == "duties: 3\nsubjet: y\n"


def test_other_host_names_are_refused(client: Any) -> None:
    answer = client.get("/api/start", headers={"Host": "evil.example:8030"})
    assert answer.status_code == 403


def test_network_mode_needs_the_token() -> None:
    client = create_app(ROOT / "examples", token="s3cret", hosts=()).test_client()
    assert client.get("/", headers={"Host": "10.0.0.5:8030"}).status_code == 401
    assert client.get("/api/start?token=wrong").status_code == 401
    first = client.get("/?token=s3cret")
    assert first.status_code == 200
    assert "dg_token=s3cret" in first.headers["Set-Cookie"]
    assert client.get("/api/start").status_code == 200  # the cookie carries it


def test_serve_warns_and_makes_a_token_off_loopback() -> None:
    assert is_loopback("127.0.0.1") and is_loopback("::1") and is_loopback("localhost")
    assert not is_loopback("0.0.0.0") and not is_loopback("192.168.1.10")


def test_uploads_are_checked(client: Any) -> None:
    fake_docx = {"old": (io.BytesIO(b"not a zip"), "a.docx"), "new": (io.BytesIO(b"x"), "b.docx")}
    answer = client.post("/api/review", data=fake_docx, headers=HOST)
    assert answer.status_code == 422
    assert answer.json["errors"][0]["message"].startswith(
        "tệp bản cũ “a.docx” không phải tệp .docx"
    )
    exe = {"file": (io.BytesIO(b"MZ"), "letter.exe")}
    answer = client.post("/api/open", data=exe, headers=HOST)
    assert answer.json["errors"][0]["message"].startswith(
        "tệp công văn “letter.exe” không đúng loại"
    )
    big = {"file": (io.BytesIO(b"a" * (MAX_UPLOAD + 100 * 1024)), "big.yaml")}
    answer = client.post("/api/open", data=big, headers=HOST)
    assert answer.status_code == 413
    assert "quá lớn" in answer.json["errors"][0]["message"]


def test_safe_names_stay_in_the_folder() -> None:
    assert safe_name("../../etc/passwd.yaml", "x.yaml") == "passwd.yaml"
    assert safe_name("C:\\Users\\vt\\Công văn 12.yaml", "x.yaml") == "Công-văn-12.yaml"
    assert safe_name("..", "x.yaml") == "x.yaml"


def test_open_refuses_files_outside_the_folder(client: Any) -> None:
    answer = client.post("/api/open", json={"name": "../pyproject.toml"}, headers=HOST)
    assert answer.status_code == 422


def test_review_tab_diffs_two_drafts(client: Any, tmp_path: Path) -> None:
    old = SEED_002.read_bytes()
    new = old.replace("đẩy mạnh triển khai".encode(), "tăng cường triển khai".encode(), 1)
    files = {"old": (io.BytesIO(old), "ban-1.yaml"), "new": (io.BytesIO(new), "ban-2.yaml")}
    answer = client.post("/api/review", data=files, headers=HOST)
    assert answer.status_code == 200, answer.json
    assert answer.json["summary"]["paragraphs_changed"] == 1
    assert "<del>đẩy mạnh</del>" in answer.json["html"]
    assert "<ins>tăng cường</ins>" in answer.json["html"]
    files = {"old": (io.BytesIO(old), "ban-1.yaml"), "new": (io.BytesIO(new), "ban-2.yaml")}
    redline = client.post("/api/review/redline", data=files, headers=HOST)
    assert redline.status_code == 200
    assert redline.data.startswith(b"PK")


def test_a_crash_is_a_sentence_not_a_traceback(client: Any, monkeypatch: Any) -> None:
    import dispatch_gen.web.app as web

    def broken(*_: Any) -> str:
        raise ZeroDivisionError("x")

    monkeypatch.setattr(web, "letter_html", broken)
    answer = client.post("/api/preview", json=opened(client, SEED_002), headers=HOST)
    assert answer.status_code == 500
    text = answer.get_data(as_text=True)
    assert "Traceback" not in text and "ZeroDivisionError" not in text
    assert "chương trình gặp sự cố" in answer.json["errors"][0]["message"]


def test_letterhead_search_finds_files_and_the_registry(client: Any) -> None:
    found = client.get("/api/letterheads?q=Tân Phú", headers=HOST).json["letterheads"]
    assert "ubnd-xa-tan-phu/dong-nai" in [h["name"] for h in found]
    assert "Ủy ban nhân dân xã Tân Phú, tỉnh Đồng Nai" in [h["title"] for h in found]
    found = client.get("/api/letterheads?q=kien giang", headers=HOST).json["letterheads"]
    assert found[0]["name"] == "ubnd-tinh-kien-giang"  # the office's own file first
    form = {**opened(client, SEED_002), "letterhead": {"name": "ubnd-xa-tan-phu/dong-nai"}}
    form["signature"] = {**form["signature"], "authority": ["TM."], "title": "Chủ tịch"}
    answer = client.post("/api/preview", json=form, headers=HOST).json
    assert answer["errors"] == []
    assert "XÃ TÂN PHÚ" in answer["html"]


def test_open_a_word_letter_imports_it(client: Any, tmp_path: Path) -> None:
    docx = io.BytesIO(render_bytes(SEED_002))
    answer = client.post("/api/open", data={"file": (docx, "1119.docx")}, headers=HOST)
    assert answer.status_code == 200, answer.json
    form = answer.json["form"]
    assert form["file"] == "1119.yaml"
    assert (form["number"], form["symbol"], form["date"]) == ("1119", "UBND-KGVX", "2020-08-19")
    assert all(d["field"] and d["message"] for d in answer.json["doubts"])
    preview = client.post("/api/preview", json=form, headers=HOST).json
    assert preview["errors"] == []
    assert "Lâm Minh Thành" in preview["html"]
