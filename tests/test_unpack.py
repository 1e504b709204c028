"""A bad .docx handed to `check`, `text`, `diff` or `diff --redline`: a located Vietnamese error,
exit 2, nothing written, bounded memory (docx.unpack, the one reader of untrusted packages)."""

from __future__ import annotations

import io
import struct
import tracemalloc
import zipfile
import zlib
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from dispatch_gen.check import check_docx
from dispatch_gen.check.command import check
from dispatch_gen.docx.unpack import directory
from dispatch_gen.errors import InputError
from dispatch_gen.review.command import diff, text
from dispatch_gen.review.reading import docx_text
from tests.fixtures_check import build

DOCUMENT = "word/document.xml"
RESAVE = "mở tệp bằng Word hoặc LibreOffice rồi lưu lại dạng .docx"
HOSTILE = "xin lại tệp gốc từ người gửi"


def parts() -> list[tuple[str, bytes]]:
    with zipfile.ZipFile(io.BytesIO(build())) as archive:
        return [(info.filename, archive.read(info)) for info in archive.infolist()]


def rezip(items: list[tuple[str, bytes]], method: int = zipfile.ZIP_DEFLATED) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", method) as archive:
        for name, data in items:
            archive.writestr(name, data)
    return out.getvalue()


def replaced(name: str, data: bytes) -> bytes:
    return rezip([(n, data if n == name else d) for n, d in parts()])


def patch_entry(data: bytes, name: str, offset_local: int, offset_central: int, value: int,
                mask: bool = False) -> bytes:
    """Set a byte of `name`'s local and central headers (OR it in when `mask`)."""
    out = bytearray(data)
    info = zipfile.ZipFile(io.BytesIO(data)).getinfo(name)
    spots = [info.header_offset + offset_local]
    at = out.find(b"PK\x01\x02")
    while at != -1:
        length = struct.unpack("<H", out[at + 28 : at + 30])[0]
        if out[at + 46 : at + 46 + length] == name.encode():
            spots.append(at + offset_central)
        at = out.find(b"PK\x01\x02", at + 4)
    for spot in spots:
        out[spot] = out[spot] | value if mask else value
    return bytes(out)


def raw_zip(entries: list[tuple[str, int, bytes, int, int]]) -> bytes:
    """A zip written by hand: (name, method, compressed bytes, declared size, crc) per entry,
    so a test can declare what it likes."""
    out, central = bytearray(), bytearray()
    for name, method, payload, size, crc in entries:
        encoded = name.encode()
        offset = len(out)
        out += struct.pack("<4s5H3L2H", b"PK\x03\x04", 20, 0, method, 0, 33, crc,
                           len(payload), size, len(encoded), 0) + encoded + payload
        central += struct.pack("<4s6H3L5H2L", b"PK\x01\x02", 20, 20, 0, method, 0, 33, crc,
                               len(payload), size, len(encoded), 0, 0, 0, 0, 0, offset)
        central += encoded
    end = struct.pack("<4s4H2LH", b"PK\x05\x06", 0, 0, len(entries), len(entries),
                      len(central), len(out), 0)
    return bytes(out + central + end)


def inflating_to(megabytes: int) -> bytes:
    """Raw deflate data that inflates to `megabytes` MiB of zeros, made in milliseconds: one
    compressed MiB ended by a full flush (no reference back) repeated, then the final block."""
    squeeze = zlib.compressobj(9, zlib.DEFLATED, -15)
    block = squeeze.compress(bytes(1 << 20)) + squeeze.flush(zlib.Z_FULL_FLUSH)
    return block * megabytes + squeeze.flush()


def bomb(megabytes: int, declared: int | None = None) -> bytes:
    """A .docx whose word/document.xml inflates to `megabytes` MiB; its header says `declared`
    bytes (the truth when None)."""
    entries = []
    for name, data in parts():
        if name == DOCUMENT:
            size = megabytes << 20 if declared is None else declared
            entries.append((name, zipfile.ZIP_DEFLATED, inflating_to(megabytes), size, 0))
        else:
            entries.append((name, zipfile.ZIP_STORED, data, len(data), zlib.crc32(data)))
    return raw_zip(entries)


def with_doctype(doctype: str, reference: str) -> bytes:
    document = dict(parts())[DOCUMENT].decode()
    body = document[document.index("<w:document") :]
    body = body.replace("<w:t>", f"<w:t>{reference}", 1).replace(
        '<w:t xml:space="preserve">', f'<w:t xml:space="preserve">{reference}', 1)
    return replaced(DOCUMENT, f'<?xml version="1.0"?>{doctype}{body}'.encode())


def crc_error() -> bytes:
    data = bytearray(rezip(parts(), zipfile.ZIP_STORED))
    info = zipfile.ZipFile(io.BytesIO(bytes(data))).getinfo(DOCUMENT)
    data[info.header_offset + 30 + len(DOCUMENT) + 60] ^= 0x20
    return bytes(data)


def crc_error_deflated() -> bytes:
    """A deflated part whose CRC (local and central headers) does not match its data."""
    data = rezip(parts())
    crc = zipfile.ZipFile(io.BytesIO(data)).getinfo(DOCUMENT).CRC
    return patch_entry(data, DOCUMENT, 14, 16, (crc & 0xFF) ^ 0x5A)


def name_differs() -> bytes:
    """The local header names the part otherwise than the central directory."""
    data = bytearray(rezip(parts()))
    data[zipfile.ZipFile(io.BytesIO(bytes(data))).getinfo(DOCUMENT).header_offset + 30] = ord("W")
    return bytes(data)


def spreadsheet() -> bytes:
    out = io.BytesIO()
    book = openpyxl.Workbook()
    book.active["A1"] = "Đơn vị"
    book.save(out)
    return out.getvalue()


def open_document() -> bytes:
    return rezip([("mimetype", b"application/vnd.oasis.opendocument.text"),
                  ("content.xml", b"<office:document-content/>")], zipfile.ZIP_STORED)


LOL = ('<!DOCTYPE w:document [<!ENTITY a "aaaaaaaaaa">'
       + "".join(f'<!ENTITY {chr(98 + i)} "{("&" + chr(97 + i) + ";") * 10}">' for i in range(9))
       + "]>")
BAD: dict[str, tuple[bytes, str, str]] = {  # case → (file, what the message says, how to fix)
    "cut short": (build()[:3000], "không phải tệp .docx đọc được (tệp bị cắt cụt hoặc hỏng)",
                  RESAVE),
    "empty": (b"", "không phải tệp .docx đọc được (tệp rỗng)", RESAVE),
    "not a zip": ("Kính gửi: Sở Y tế".encode(), "không phải gói nén zip của Word", RESAVE),
    "old .doc or password": (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600),
                             "tệp .doc cũ (Word 97-2003) hoặc .docx có mật khẩu",
                             "lưu lại dạng .docx"),
    "spreadsheet renamed": (spreadsheet(), "đây là bảng tính Excel (.xlsx) đổi tên thành .docx",
                            "mở bằng Excel"),
    "opendocument renamed": (open_document(), "đây là tệp OpenDocument (text) đổi tên",
                             "mở bằng LibreOffice"),
    "crc error": (crc_error(), f"phần {DOCUMENT} hỏng (sai mã kiểm tra CRC)", RESAVE),
    "crc error, deflated": (crc_error_deflated(), f"phần {DOCUMENT} hỏng (sai mã kiểm tra CRC)",
                            RESAVE),
    "local name differs": (name_differs(), f"phần {DOCUMENT} hỏng (dữ liệu nén lỗi)", RESAVE),
    "encrypted flag": (patch_entry(rezip(parts()), DOCUMENT, 6, 8, 1, mask=True),
                       f"phần {DOCUMENT} được mã hóa bằng mật khẩu", "gỡ mật khẩu trong Word"),
    "unknown compression": (patch_entry(rezip(parts()), DOCUMENT, 8, 10, 14),
                            f"phần {DOCUMENT} nén bằng phương pháp Word không dùng (mã 14)",
                            RESAVE),
    "zip bomb": (bomb(1024), f"phần {DOCUMENT} bung ra 1.024 MB", HOSTILE),
    "ratio bomb": (bomb(60), f"phần {DOCUMENT} bung ra 60 MB", HOSTILE),
    "lying header": (bomb(1024, declared=40_000),
                     f"phần {DOCUMENT} hỏng (sai mã kiểm tra CRC)", RESAVE),
    "entity bomb": (with_doctype(LOL, "&j;"), f"phần {DOCUMENT} có khai báo DTD", HOSTILE),
    "no main part": (rezip([(n, d) for n, d in parts() if n != DOCUMENT]),
                     f"tệp không có phần văn bản chính ({DOCUMENT})", RESAVE),
    "broken xml": (replaced(DOCUMENT, dict(parts())[DOCUMENT][:300]),
                   f"phần {DOCUMENT} hỏng, không phải XML hợp lệ", "để sửa rồi lưu lại"),
}


@pytest.fixture(scope="module")
def good(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("good") / "dung.docx"
    path.write_bytes(build())
    return path


def invoke(command, *args: object):
    return CliRunner().invoke(command, [str(a) for a in args])


@pytest.mark.parametrize("case", list(BAD))
def test_bad_docx_is_a_located_error_in_every_command(case: str, tmp_path: Path,
                                                      good: Path) -> None:
    data, says, fix = BAD[case]
    bad = tmp_path / "hong.docx"
    bad.write_bytes(data)
    out = tmp_path / "redline.docx"
    for command, args in [(check, [bad]), (text, [bad]), (diff, [good, bad]), (diff, [bad, good]),
                          (diff, [good, bad, "--redline", out])]:
        result = invoke(command, *args)
        assert result.exit_code == 2, (case, command.name, result.output)
        message = result.stderr.strip().splitlines()[-1]
        assert message.startswith(f"{bad}: lỗi: "), message
        what, _, how = message.partition(" — ")
        assert says in what and fix in how, message
        assert "Traceback" not in result.output
        assert not out.exists()


def test_external_entities_are_never_read(tmp_path: Path) -> None:
    secret = tmp_path / "mat-khau.txt"
    secret.write_text("BÍ MẬT QUỐC GIA", encoding="utf-8")
    uri = secret.as_uri()
    for doctype, reference in [
        (f'<!DOCTYPE w:document [<!ENTITY x SYSTEM "{uri}">]>', "&x;"),
        (f'<!DOCTYPE w:document [<!ENTITY % p SYSTEM "{uri}"> %p;]>', ""),
        (f'<!DOCTYPE w:document SYSTEM "{uri}">', ""),
        ('<!DOCTYPE w:document SYSTEM "http://127.0.0.1:9/x.dtd">', ""),
    ]:
        bad = tmp_path / "xxe.docx"
        bad.write_bytes(with_doctype(doctype, reference))
        for command in (check, text):
            result = invoke(command, bad)
            assert result.exit_code == 2, result.output
            assert "có khai báo DTD" in result.stderr
            assert "BÍ MẬT" not in result.output
        with pytest.raises(InputError, match="có khai báo DTD"):
            docx_text(bad)


@pytest.mark.parametrize("declared", [None, 40_000])
def test_zip_bomb_is_refused_in_bounded_memory(declared: int | None) -> None:
    data = bomb(1024, declared)  # 1 MB on disk, 1 GB inflated
    assert len(data) < 2 << 20
    tracemalloc.start()
    try:
        with pytest.raises(InputError, match="bung ra|CRC"):
            check_docx(data)
        with pytest.raises(InputError, match="bung ra|CRC"):
            docx_text(data)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 32 << 20, f"peak {peak >> 20} MB"


def test_a_good_package_still_reads(good: Path) -> None:
    assert invoke(text, good).exit_code == 0
    assert invoke(check, good).exit_code in (0, 1)
    assert invoke(diff, good, good).exit_code == 0


def zip_module_entries(data: bytes) -> list[tuple[object, ...]] | None:
    """What the zip module reads of each entry; None when it refuses the file."""
    try:
        infos = zipfile.ZipFile(io.BytesIO(data)).infolist()
    except Exception:  # noqa: BLE001 - any refusal at all
        return None
    return [(i.filename, i.orig_filename, i.flag_bits, i.compress_type, i.CRC, i.compress_size,
             i.file_size, i.header_offset) for i in infos]  # fmt: skip


def directory_entries(data: bytes) -> list[tuple[object, ...]] | None:
    found = directory(data)
    return None if found is None else [(e.filename, e.orig_filename, *e[3:]) for e in found]


def with_comment(data: bytes) -> bytes:
    out = io.BytesIO(data)
    with zipfile.ZipFile(out, "a") as archive:
        archive.comment = b"ghi chu"
    return out.getvalue()


def with_extra(data: bytes) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            info.extra = struct.pack("<HH", 0x5455, 1) + b"\x01"  # a timestamp field
            target.writestr(info, source.read(info), zipfile.ZIP_DEFLATED)
    return out.getvalue()


@pytest.mark.filterwarnings("ignore:Duplicate name")
@pytest.mark.parametrize("case", ["good", "comment", "extra", "non-ascii", "twice", "prefixed",
                                  "cut-directory", "zip64-locator", "backslash"])  # fmt: skip
def test_the_central_directory_is_read_as_the_zip_module_reads_it(case: str) -> None:
    """Plain zips are read without the zip module, with the same entries; anything else is
    left to it (so it says what is wrong, as before)."""
    good = build()
    made = {
        "good": lambda: good,
        "comment": lambda: with_comment(good),
        "extra": lambda: with_extra(good),
        "non-ascii": lambda: rezip([*parts(), ("word/media/ảnh.xml", b"<a/>")]),
        "twice": lambda: rezip([*parts(), ("word/styles.xml", b"<a/>")]),
        "prefixed": lambda: b"MZ" + good,
        "cut-directory": lambda: good[:-10] + struct.pack("<L", 1) + good[-6:],
        "zip64-locator": lambda: good[:-42] + b"PK\x06\x07" + good[-38:],
        "backslash": lambda: good.replace(b"word/styles.xml", b"word\\styles.xml"),
    }
    data = made[case]()
    assert (directory(data) is not None) == (case == "good")
    if case == "good":
        assert directory_entries(data) == zip_module_entries(data)


@settings(max_examples=400, deadline=None)
@given(st.data())
def test_a_damaged_central_directory_is_read_as_the_zip_module_reads_it(data: st.DataObject):
    good = bytearray(build())
    start = good.find(b"PK\x01\x02")  # the central directory and the end record
    for _ in range(data.draw(st.integers(1, 4))):
        at = data.draw(st.integers(start, len(good) - 1))
        good[at] = data.draw(st.integers(0, 255))
    damaged = bytes(good)
    found = directory_entries(damaged)
    if found is not None:  # read without the zip module: as the zip module reads it
        assert found == zip_module_entries(damaged)
