"""PyYAML's parser messages, told in Vietnamese: what is wrong at that line and column, and the fix.

PyYAML says `mapping values are not allowed here` or `expected <block end>, but found '-'`; a clerk
needs "a value holding “:” must be quoted" or "this line is not indented like its neighbours".
Each known problem maps to a sentence and a fix; an unknown one still gets a Vietnamese sentence
(PyYAML's English never reaches the screen).
"""

from __future__ import annotations

import re

import yaml

QUOTE_IT = "đặt cả giá trị trong ngoặc kép, ví dụ subject: \"Tiêu đề: phần sau\""
INDENT = "các khóa cùng cấp phải thẳng cột; thụt lề bằng dấu cách (không dùng tab)"
_TOKENS = {
    "<block mapping start>": "một khóa mới",
    "<block sequence start>": "một danh sách",
    "<block end>": "hết khối",
    "<scalar>": "chữ",
    "<stream end>": "cuối tệp",
    "'-'": "dấu “-”",
    "'?'": "một dòng không có dấu “:”",
    "'}'": "dấu “}”",
    "']'": "dấu “]”",
}

# (pattern on PyYAML's problem, Vietnamese problem, fix); `{0}` is the pattern's first group
_PROBLEMS: list[tuple[str, str, str]] = [
    (r"mapping values are not allowed here",
     "dấu “:” ở chỗ này không được: trong giá trị, “: ” bắt đầu một khóa mới, hoặc dòng này thụt "
     "lề sai", QUOTE_IT + "; hoặc thụt lề dòng này thẳng với các khóa cùng cấp"),
    (r"found character '\\t' that cannot start any token|found a tab character",
     "có ký tự tab ở đầu dòng", "YAML chỉ thụt lề bằng dấu cách: thay tab bằng hai dấu cách"),
    (r"found character '(.)' that cannot start any token",
     "giá trị không được bắt đầu bằng “{0}”", QUOTE_IT),
    (r"found unexpected end of stream",
     "chuỗi mở ngoặc ở đây chưa đóng đến hết tệp", "thêm dấu ngoặc đóng ở cuối giá trị"),
    (r"expected ',' or '\]', but got (.*)",
     "danh sách trong “[ ]” chưa đóng hoặc thiếu dấu phẩy (gặp {0})",
     "ngăn các mục bằng dấu phẩy và đóng bằng “]”"),
    (r"expected ',' or '}', but got (.*)",
     "nhóm trong “{{ }}” chưa đóng hoặc thiếu dấu phẩy (gặp {0})",
     "ngăn các mục bằng dấu phẩy và đóng bằng “}}”; giá trị có “{{” hay “:” thì đặt trong ngoặc "
     "kép"),
    (r"expected <block end>, but found (.*)",
     "dòng này thụt lề không khớp với các dòng trên, hoặc có chữ thừa sau giá trị (gặp {0})",
     INDENT + "; chữ sau dấu ngoặc kép đóng thì đưa vào trong ngoặc"),
    (r"could not find expected ':'", "thiếu dấu “:” sau tên khóa",
     "ghi “khóa: giá trị”; dòng nối tiếp của một giá trị dài phải thụt vào sâu hơn khóa"),
    (r"did not find expected key", "thụt lề không khớp hoặc thiếu dấu “:”", INDENT),
    (r"did not find expected '-' indicator", "mục danh sách thiếu dấu “- ” đầu dòng",
     "mỗi mục một dòng bắt đầu bằng “- ”, thẳng cột với các mục khác"),
    (r"did not find expected node content|expected the node content",
     "thiếu giá trị ở chỗ này", "ghi giá trị sau dấu “:” hoặc “- ”, hoặc xóa dấu thừa"),
    (r"found undefined alias '(.*)'",
     "“*{0}” là tham chiếu YAML tới “&{0}” chưa có",
     "giá trị bắt đầu bằng “*” thì đặt trong ngoặc kép, ví dụ \"*ghi chú\""),
    (r"expected alphabetic or numeric character",
     "“&” hay “*” ở đầu giá trị có nghĩa riêng trong YAML", QUOTE_IT),
    (r"found duplicate anchor", "tên “&” đã dùng", "đổi tên neo, hoặc đặt giá trị trong ngoặc kép"),
    (r"found unknown escape character '(.*)'",
     "“\\{0}” trong ngoặc kép không phải mã thoát YAML",
     "viết “\\\\” cho dấu gạch chéo ngược, hoặc dùng ngoặc đơn '…'"),
    (r"expected escape sequence", "mã thoát “\\x…”/“\\u…” trong ngoặc kép viết thiếu",
     "viết “\\\\” cho dấu gạch chéo ngược, hoặc dùng ngoặc đơn '…'"),
    (r"could not determine a constructor for the tag '(.*)'",
     "thẻ “{0}” không dùng được", "bỏ “{0}”, hoặc đặt giá trị trong ngoặc kép"),
    (r"found unhashable key", "tên khóa phải là chữ, không phải danh sách hay nhóm",
     "ghi “tên: giá trị”; dấu “[” hay “{{” đầu dòng thì đặt trong ngoặc kép"),
    (r"expected chomping or indentation indicators",
     "sau “|” hay “>” chỉ được có “-”, “+” hoặc một chữ số",
     "để “|” một mình cuối dòng, văn bản bắt đầu ở dòng dưới, thụt vào"),
    (r"expected a comment or a line break", "có chữ thừa sau giá trị trên dòng này",
     "xóa phần thừa, hoặc đặt cả giá trị trong ngoặc kép"),
    (r"but found another document|expected '<document start>'",
     "tệp có phần thừa sau công văn (dòng “---” hay dấu ngoặc đóng thừa)",
     "mỗi tệp một công văn: xóa dòng “---” và phần sau, hoặc dấu ngoặc thừa"),
    (r"expected a single document", "tệp có nhiều hơn một văn bản YAML",
     "mỗi tệp một công văn: xóa dòng “---” và phần sau"),
    (r"found incompatible YAML document|found duplicate YAML directive|expected a directive",
     "dòng bắt đầu bằng “%” là chỉ thị YAML không dùng được", "xóa dòng đó"),
]
_COMPILED = [(re.compile(p), what, fix) for p, what, fix in _PROBLEMS]


def _token(text: str) -> str:
    text = text.strip()
    quoted = len(text) > 2 and text[0] == text[-1] == "'"
    inner = text[1:-1] if quoted else text
    return _TOKENS.get(text) or _TOKENS.get(inner) or (f"“{inner}”" if quoted else inner)


def mark(exc: yaml.MarkedYAMLError) -> yaml.Mark | None:
    """Where to send the clerk: where a string left open began, else where PyYAML stopped."""
    if exc.context_mark and "end of stream" in (exc.problem or "") and "scalar" in (
        exc.context or ""
    ):
        return exc.context_mark
    return exc.problem_mark or exc.context_mark


def explain(exc: yaml.MarkedYAMLError) -> tuple[str, str]:
    """(what is wrong, how to fix it), in Vietnamese, for a PyYAML error."""
    for said in (exc.problem, exc.context):
        for pattern, what, fix in _COMPILED:
            found = pattern.search(said or "")
            if found:
                groups = [_token(g) for g in found.groups()] or [""]
                return what.format(*groups), fix.format(*groups)
    return (
        "cú pháp YAML sai ở đây",
        "kiểm tra thụt lề (dấu cách, không dùng tab), dấu “:” sau tên khóa và các cặp ngoặc",
    )
