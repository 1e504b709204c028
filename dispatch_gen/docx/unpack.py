"""Opening a .docx someone else made: its zip and XML parts, read within limits.

The one reader of untrusted packages (`check`, `text`, `diff`). It refuses, as an InputError
naming the file, what is not a Word document (not a zip, cut short, an Excel, PowerPoint or
OpenDocument file renamed .docx, no main part), what cannot be read (a password, a compression
Word does not use, a CRC error), and what would exhaust the machine: a zip bomb is refused from
the sizes the zip declares before anything is inflated, and no part is ever inflated past its
declared size (in one bounded call, or in chunks by the zip module), so a header that lies
cannot blow memory either; XML with a DTD (entity bombs, external entities) is refused, as
ECMA-376 Part 2 [M1.18] requires, and entities are never resolved, nothing is fetched from the
network or the disk. A plain zip's central directory is read here (`directory`, as the zip
module reads it: `check` opens thousands of letters); anything else is left to the zip module.
"""

from __future__ import annotations

import io
import posixpath
import struct
import zipfile
import zlib
from collections import OrderedDict
from typing import Any, NamedTuple

from lxml import etree

from dispatch_gen.errors import InputError, Location
from dispatch_gen.vietnamese import integer

PART_MAX = 256 << 20  # one inflated part; Word itself stops at 512 MB of text for a whole file
TOTAL_MAX = 1 << 30  # all parts together
RATIO_MAX = 200  # inflated / compressed: XML deflates 5-50×; deflate cannot pass ~1,030×
RATIO_GRACE = 8 << 20  # small parts may be as repetitive as they like
ENTRIES_MAX = 10_000
CHUNK = 1 << 20
LOCAL_HEADER = struct.Struct("<4s2B4HL2L2H")  # a zip entry's local file header (APPNOTE 4.3.7)
UNUSUAL = 0x1 | 0x20 | 0x40  # encrypted, patched, strongly encrypted: left to the zip module
PACKAGE_RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
CONTENT_TYPES = "http://schemas.openxmlformats.org/package/2006/content-types"
RESAVE = "mở tệp bằng Word hoặc LibreOffice rồi lưu lại dạng .docx (Word 2007 trở lên)"
_PARSER = etree.XMLParser(
    resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False
)
OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # a .doc of Word 97-2003, or a .docx with a password
_OTHER_KINDS = {  # a main part's content type → what the file really is, and what opens it
    "spreadsheetml": ("bảng tính Excel (.xlsx)", "Excel"),
    "presentationml": ("bản trình chiếu PowerPoint (.pptx)", "PowerPoint"),
}


class Archive:
    """The zip of a .docx: its entries checked, its parts read and parsed on demand."""

    def __init__(self, data: bytes, name: str) -> None:
        self.name = name
        self.data = data
        self.where = Location(name)
        self.entries: list[Any] = directory(data) or []
        self._zip: zipfile.ZipFile | None = None
        if not self.entries:  # anything but a plain zip: the zip module judges it
            self.entries = self.zip.infolist()
        self.infos = {info.filename: info for info in self.entries}  # the last of a name wins
        self.names = set(self.infos)
        self._check_entries()

    @property
    def zip(self) -> zipfile.ZipFile:
        """The zip module's view of the file (opened only when its judgement is needed)."""
        if self._zip is not None:
            return self._zip
        data = self.data
        try:
            self._zip = zipfile.ZipFile(io.BytesIO(data))
        except (zipfile.BadZipFile, OSError, ValueError, EOFError) as err:
            if data.startswith(OLE):
                raise self.error("đây là tệp .doc cũ (Word 97-2003) hoặc .docx có mật khẩu",
                                 "mở bằng Word, gỡ mật khẩu nếu có (Tệp → Thông tin → Bảo vệ "
                                 "tài liệu), rồi lưu lại dạng .docx") from err
            kind = ("tệp rỗng" if not data else "tệp bị cắt cụt hoặc hỏng" if data[:2] == b"PK"
                    else "không phải gói nén zip của Word")
            raise self.error(f"không phải tệp .docx đọc được ({kind})", RESAVE) from err
        return self._zip

    def error(self, message: str, hint: str = RESAVE) -> InputError:
        return InputError(message, hint, self.where)

    def _check_entries(self) -> None:
        if len(self.entries) > ENTRIES_MAX:
            raise self.error(f"tệp có {integer(len(self.entries))} phần, quá nhiều cho một "
                             "văn bản Word")
        total = 0
        for info in self.entries:
            if info.flag_bits & 0x1:
                raise self.error(f"phần {info.filename} được mã hóa bằng mật khẩu",
                                 "gỡ mật khẩu trong Word (Tệp → Thông tin → Bảo vệ tài liệu) "
                                 "rồi lưu lại")
            if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
                raise self.error(f"phần {info.filename} nén bằng phương pháp Word không dùng "
                                 f"(mã {info.compress_type})")
            total += info.file_size
            ratio = info.file_size / max(info.compress_size, 1)
            if (info.file_size > PART_MAX or total > TOTAL_MAX
                    or (info.file_size > RATIO_GRACE and ratio > RATIO_MAX)):
                raise self.bomb(info.filename, info.file_size)
        other = self.open_document()
        if other:
            raise self.renamed(other, "LibreOffice")

    def bomb(self, part: str, size: int) -> InputError:
        return self.error(f"phần {part} bung ra {integer(size >> 20)} MB, quá lớn cho một "
                          "văn bản Word (có thể là “bom nén”)",
                          "không mở tệp này; xin lại tệp gốc từ người gửi")

    def renamed(self, kind: str, program: str) -> InputError:
        return self.error(f"đây là {kind} đổi tên thành .docx, không phải văn bản Word",
                          f"mở bằng {program} và lưu lại dạng Word .docx")

    def open_document(self) -> str:
        """What an OpenDocument file says it is (its `mimetype` entry); '' for other zips."""
        info = next((i for i in self.entries if i.filename == "mimetype"), None)
        if info is None or info.file_size > 100:
            return ""
        mime = self.read("mimetype").decode("ascii", "replace")
        return f"tệp OpenDocument ({mime.rsplit('.', 1)[-1]})" if "opendocument" in mime else ""

    def __contains__(self, part: object) -> bool:
        return part in self.names

    def read(self, part: str) -> bytes:
        """The inflated bytes of a part, never past its declared size (`_inflate`, or the zip
        module in chunks: it stops there, and the CRC then catches a header that lied)."""
        info = self.infos[part]
        found = self._inflate(info)
        if found is not None:
            return found
        info = self.zip.getinfo(part)
        chunks: list[bytes] = []
        size = 0
        try:
            with self.zip.open(info) as stream:
                while chunk := stream.read(CHUNK):
                    size += len(chunk)
                    if size > PART_MAX:
                        raise self.bomb(part, size)
                    chunks.append(chunk)
        except zipfile.BadZipFile as err:
            crc = "CRC" in str(err)
            fault = "sai mã kiểm tra CRC" if crc else "dữ liệu nén lỗi"
            raise self.error(f"phần {part} hỏng ({fault})") from err
        except (zlib.error, EOFError, OSError, ValueError) as err:
            raise self.error(f"phần {part} hỏng (dữ liệu nén lỗi)") from err
        return b"".join(chunks)

    def _inflate(self, info: Any) -> bytes | None:
        """A deflated part inflated in one call, never past its declared size, its local header
        and CRC checked as the zip module checks them; None for anything else or anything amiss
        (`read` then takes the zip module's path, which says what is wrong). The zip module's
        own path costs more than the inflating, and `check` reads ten parts of every letter;
        a small part whose deflated bytes were inflated before is not inflated again."""
        if info.compress_type != zipfile.ZIP_DEFLATED or info.flag_bits & UNUSUAL:
            return None
        start = info.header_offset
        header = self.data[start : start + LOCAL_HEADER.size]
        if len(header) != LOCAL_HEADER.size or header[:4] != b"PK\x03\x04":
            return None
        fields = LOCAL_HEADER.unpack(header)
        flags, name_size, extra_size = fields[3], fields[-2], fields[-1]
        if flags & UNUSUAL:
            return None
        name = self.data[start + LOCAL_HEADER.size : start + LOCAL_HEADER.size + name_size]
        if name != getattr(info, "raw_name", None) and name.decode(
            "utf-8" if info.flag_bits & 0x800 else "cp437", "replace"
        ) != info.orig_filename:
            return None
        start += LOCAL_HEADER.size + name_size + extra_size
        raw = self.data[start : start + info.compress_size]
        key = (raw, info.CRC, info.file_size)
        known = _INFLATED.get(key)
        if known is not None:  # these very deflated bytes, with this CRC, inflated before
            _INFLATED.move_to_end(key)
            return known
        try:
            data = zlib.decompressobj(-15).decompress(raw, info.file_size)
        except zlib.error:
            return None
        if len(raw) != info.compress_size or len(data) != info.file_size:
            return None
        if zlib.crc32(data) != info.CRC:
            return None
        if info.file_size <= INFLATED_PART_MAX:
            _INFLATED[key] = data
            if len(_INFLATED) > INFLATED_SIZE:
                _INFLATED.popitem(last=False)
        return data

    def xml(self, part: str, data: bytes | None = None) -> etree._Element:
        """A part parsed as XML (`data` when the caller has already read or rewritten it)."""
        return parse_part(self.read(part) if data is None else data, part, self)

    def relations(self, part: str) -> dict[str, tuple[str, str]]:
        """Relationship id → (type URI, target part name) of a part ('' for the package);
        links to outside the package are left out."""
        folder, base = posixpath.split(part)
        rels_name = posixpath.join(folder, "_rels", base + ".rels")
        if rels_name not in self:
            return {}
        data = self.read(rels_name)
        known = _PARSED.get(("rels", folder, data))
        if known is not None:
            return dict(known)
        found: dict[str, tuple[str, str]] = {}
        for rel in self.xml(rels_name, data).iter(f"{{{PACKAGE_RELS}}}Relationship"):
            if rel.get("TargetMode") == "External":
                continue
            target = rel.get("Target", "")
            path = (target.lstrip("/") if target.startswith("/")
                    else posixpath.normpath(posixpath.join(folder, target)))
            found[rel.get("Id", "")] = (rel.get("Type", ""), path)
        remember(("rels", folder, data), dict(found))
        return found

    def main_part(self) -> str:
        """The main document part, checked to be WordprocessingML (not a workbook renamed)."""
        main = next((target for kind, target in self.relations("").values()
                     if kind.rsplit("/", 1)[-1] == "officeDocument"), "word/document.xml")
        content_type = self.content_type(main)
        for marker, (kind, program) in _OTHER_KINDS.items():
            if marker in content_type:
                raise self.renamed(kind, program)
        if main not in self:
            raise self.error(f"tệp không có phần văn bản chính ({main})",
                             "tệp không phải văn bản Word; " + RESAVE)
        return main

    def content_type(self, part: str) -> str:
        """The content type [Content_Types].xml gives a part ('' when it gives none)."""
        if "[Content_Types].xml" not in self:
            return ""
        data = self.read("[Content_Types].xml")
        types = _PARSED.get(("types", "", data))
        if types is None:
            types = {}
            for override in self.xml("[Content_Types].xml", data).iter(
                f"{{{CONTENT_TYPES}}}Override"
            ):
                types.setdefault(override.get("PartName", "").lstrip("/"),
                                 override.get("ContentType", ""))  # fmt: skip
            remember(("types", "", data), types)
        return types.get(part, "")


class Entry(NamedTuple):
    """A zip entry as the central directory gives it (the fields `zipfile.ZipInfo` has)."""

    filename: str
    orig_filename: str
    raw_name: bytes
    flag_bits: int
    compress_type: int
    CRC: int
    compress_size: int
    file_size: int
    header_offset: int


def directory(data: bytes) -> list[Entry] | None:
    """The entries of a plain zip, read from its central directory as the zip module reads
    them; None for anything else (an archive comment, Zip64, data before the zip, an extra
    field, a name that is not ASCII, repeats or holds a backslash (the zip module reads it as
    `/` on Windows), a version the module refuses, a directory that does not add up): the zip
    module then reads the file and says what is wrong with it."""
    end = len(data) - END_RECORD.size
    if (end < LOCATOR_SIZE or data[end : end + 4] != b"PK\x05\x06" or data[-2:] != b"\0\0"
            or data[end - LOCATOR_SIZE : end - LOCATOR_SIZE + 4] == b"PK\x06\x07"):  # fmt: skip
        return None
    size, offset = END_RECORD.unpack_from(data, end)[5:7]
    if offset + size != end:
        return None
    entries: list[Entry] = []
    at = offset
    while at < end:
        if at + CENTRAL_HEADER.size > end:
            return None
        fields = CENTRAL_HEADER.unpack_from(data, at)
        name_size, extra_size, comment_size = fields[12:15]
        if fields[0] != b"PK\x01\x02" or extra_size or fields[3] > EXTRACT_VERSION_MAX:
            return None
        at += CENTRAL_HEADER.size
        raw = data[at : at + name_size]
        at += name_size + comment_size
        if at > end or not raw.isascii() or b"\0" in raw or b"\\" in raw:
            return None
        name = raw.decode("ascii")
        entries.append(Entry(name, name, raw, *fields[5:7], *fields[9:12], fields[18]))
    if len({entry.filename for entry in entries}) != len(entries):
        return None
    return entries


END_RECORD = struct.Struct("<4s4H2LH")  # end of central directory record (APPNOTE 4.3.16)
CENTRAL_HEADER = struct.Struct("<4s4B4HL2L5H2L")  # central directory header (APPNOTE 4.3.12)
LOCATOR_SIZE = 20  # Zip64 end of central directory locator
EXTRACT_VERSION_MAX = 63  # what the zip module reads (zipfile.MAX_EXTRACT_VERSION)

# Small parts as inflated, by their deflated bytes and the CRC and size the zip declares: the
# files of a batch carry the same styles, theme, numbering, settings, relationships (inflating
# the same bytes gives the same bytes; a file declaring another CRC or size is inflated afresh).
_INFLATED: OrderedDict[tuple[bytes, int, int], bytes] = OrderedDict()
INFLATED_SIZE = 32
INFLATED_PART_MAX = 64 << 10

# What was worked out from a package's small parts (relationships, content types), by their
# bytes: the files of a batch repeat them. Only parts that parsed are here.
_PARSED: OrderedDict[tuple[str, str, bytes], dict[str, Any]] = OrderedDict()
PARSED_SIZE = 64


def remember(key: tuple[str, str, bytes], found: dict[str, Any]) -> None:
    _PARSED[key] = found
    if len(_PARSED) > PARSED_SIZE:
        _PARSED.popitem(last=False)


def parse_part(data: bytes, part: str, archive: Archive) -> etree._Element:
    """Parse one XML part: no DTD, no entities resolved, no network, no huge text nodes."""
    try:
        root = etree.fromstring(data, _PARSER)
    except etree.XMLSyntaxError as err:
        if "amplification" in str(err) or "ntity" in str(err):
            raise dtd_error(part, archive) from err
        line, column = err.position
        raise archive.error(f"phần {part} hỏng, không phải XML hợp lệ (dòng {line}, cột {column})",
                            "mở bằng Word hoặc LibreOffice để sửa rồi lưu lại") from err
    if root.getroottree().docinfo.doctype:
        raise dtd_error(part, archive)
    return root


def dtd_error(part: str, archive: Archive) -> InputError:
    return archive.error(
        f"phần {part} có khai báo DTD (<!DOCTYPE>, thực thể XML), điều tệp Word không bao giờ có: "
        "có thể là tệp độc hại",
        "không mở tệp này; xin lại tệp gốc từ người gửi (ECMA-376 phần 2, quy tắc M1.18)",
    )
