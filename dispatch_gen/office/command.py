"""Click commands `letterheads` (search, show, list a province's) and `new` (a starting letter).

Both read the registry only when asked, so `dispatch-gen --help` never loads the data. Exit codes:
0 done, 2 a name that answers to nothing (or to several units) or a file that would be clobbered.
"""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

import click
import yaml

from dispatch_gen.errors import InputError
from dispatch_gen.letterheads import find_letterhead, known_files, named_letterhead
from dispatch_gen.model import Letterhead
from dispatch_gen.office.starter import DOCUMENT_TYPES, Starter, starter_text

EXIT_INPUT = 2
SHOWN = 60  # results printed before “… và N nơi khác”
VERBS = {
    "tim": "search", "search": "search",
    "xem": "show", "show": "show",
    "tinh": "province", "province": "province",
}  # fmt: skip


def _fail(error: InputError) -> None:
    click.echo(str(error), err=True)
    sys.exit(EXIT_INPUT)


def letterhead_yaml(head: Letterhead) -> str:
    """A letterhead as the YAML of a letterheads/ file (what `xem` prints)."""
    data: dict[str, object] = {}
    if head.parent:
        data["parent"] = list(head.parent)
    data["agency"] = list(head.agency)
    for key in ("abbreviation", "place", "head", "collective"):
        if getattr(head, key):
            data[key] = getattr(head, key)
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100)


def _listing(entries: list, what: str, shown: int = SHOWN) -> None:
    from dispatch_gen.registry import canonical_name

    if not entries:
        click.echo(f"Không có tiêu đề cơ quan nào {what}.")
        return
    for entry in entries[:shown]:
        click.echo(f"{canonical_name(entry)}\t{entry.title}, {entry.province}")
    if len(entries) > shown:
        click.echo(f"… và {len(entries) - shown} nơi khác; thêm tên tỉnh để thu hẹp.")


def _own_files(query: str) -> list[tuple[str, Path]]:
    """The office's letterhead files (folders reachable from here) whose name or text holds
    `query`, accents ignored."""
    from dispatch_gen.registry import fold

    wanted = fold(query)
    found: dict[str, Path] = {}
    for name in known_files(Path.cwd() / "letter.yaml"):
        path = find_letterhead(name, Path.cwd() / "letter.yaml")
        if path is None or name in found:
            continue
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            text = ""
        if wanted and (wanted in fold(name) or wanted in fold(text)):
            found[name] = path
    return list(found.items())


def _summary() -> None:
    from dispatch_gen.registry import counts

    found = counts()
    click.echo(f"Sổ tiêu đề cơ quan: {sum(found.values())} tiêu đề, lập từ vietnam-provinces.")
    for kind, count in found.items():
        click.echo(f"  {kind}: {count}")
    click.echo('Tìm: dispatch-gen letterheads tìm "Tân Phú"')
    click.echo("Xem: dispatch-gen letterheads xem ubnd-xa-tan-phu/dong-nai")


@click.command("letterheads")
@click.argument("words", nargs=-1, metavar="[tìm|xem|tỉnh] [TÊN]")
@click.option("-s", "--search", "query", help="Tìm theo tên (không cần dấu).")
@click.option("--show", "show", help="In tiêu đề cơ quan có tên này (dạng tệp .yaml).")
@click.option("-p", "--province", help="Liệt kê tiêu đề cơ quan của một tỉnh, thành phố.")
def letterheads(words: tuple[str, ...], query: str, show: str, province: str) -> None:
    """Tìm, xem tiêu đề cơ quan có sẵn: UBND 34 tỉnh, thành phố và 3.321 xã, phường, đặc khu;
    Văn phòng UBND, các sở và Thanh tra của mỗi tỉnh: “tìm TÊN”, “xem TÊN”, “tỉnh TÊN_TỈNH”.
    """
    from dispatch_gen.registry import fold, registry

    if words:
        verb = VERBS.get(fold(words[0]))
        rest = " ".join(words[1:]).strip()
        if verb is None or not rest:
            _fail(
                InputError(
                    f"không hiểu “{' '.join(words)}”",
                    'ghi “tìm "Tân Phú"”, “xem ubnd-xa-tan-phu/dong-nai” hoặc “tỉnh "Đồng Nai"”',
                )
            )
        query, show, province = (
            (rest, show, province) if verb == "search" else
            (query, rest, province) if verb == "show" else
            (query, show, rest)
        )  # fmt: skip
    if show:
        here = Path.cwd() / "letter.yaml"
        found = find_letterhead(show, here)
        try:
            head = named_letterhead(show, here, None)
        except InputError as error:
            _fail(error)
        if found:
            origin = f"tệp {found}"
        else:
            (entry,) = registry().find(show)
            origin = f"{entry.title}, {entry.province}"
        click.echo(f"# {origin}\n# dùng: letterhead: {show}")
        click.echo(letterhead_yaml(head), nl=False)
    elif query:
        for name, path in _own_files(query):  # the office's own files come first: they win
            click.echo(f"{name}\ttệp {path}")
        _listing(registry().search(query), f"có “{query}”")
    elif province:
        found = registry().in_province(province)
        _listing(found, f"thuộc “{province}”", len(found))
    else:
        _summary()


def _starter(name: str, letter: Path) -> Starter:
    """The letterhead a name stands for, with what the registry knows of its province."""
    from dispatch_gen.registry import canonical_name, registry

    if find_letterhead(name, letter) is None:
        matches = registry().find(name)
        if len(matches) == 1:
            entry = matches[0]
            zone = any(e.kind == "UBND đặc khu" for e in registry().in_province(entry.province))
            return Starter(canonical_name(entry), entry.letterhead(), entry.province, zone)
    return Starter(name, named_letterhead(name, letter, None))


@click.command("new")
@click.argument("output", metavar="TỆP.yaml", type=click.Path(dir_okay=False, path_type=Path))
@click.option("-l", "--letterhead", "name", required=True, help="Tên tiêu đề cơ quan.")
@click.option(
    "--type",
    "doc_type",
    default="cong-van",
    show_default=True,
    help="Loại văn bản: " + ", ".join(DOCUMENT_TYPES) + " (có dấu cũng được: “Thông báo”).",
)
@click.option("--date", "month", help="Năm-tháng của bản thảo (mặc định: tháng này): 2026-03.")
@click.option("--signer", default="", help="Họ tên người ký, nếu đã biết.")
def new(output: Path, name: str, doc_type: str, month: str | None, signer: str) -> None:
    """Tạo công văn mẫu TỆP.yaml có chú thích, cho một tiêu đề cơ quan; “-” in ra màn hình.

    """
    issued = month or date.today().strftime("%Y-%m")
    if not (len(issued) == 7 and issued[4] == "-" and issued[:4].isdigit() and
            issued[5:].isdigit() and 1 <= int(issued[5:]) <= 12):  # fmt: skip
        _fail(InputError(f"tháng “{issued}” không hợp lệ", "ghi năm-tháng, ví dụ --date 2026-03"))
    from dispatch_gen.registry import fold

    doc_type = fold(doc_type)
    if doc_type not in DOCUMENT_TYPES:
        choices = "chọn " + ", ".join(DOCUMENT_TYPES)
        _fail(InputError(f"không có loại văn bản “{doc_type}”", choices))
    letter = output if str(output) != "-" else Path.cwd() / "letter.yaml"
    try:
        starter = _starter(name.strip(), letter.absolute())
    except InputError as error:
        _fail(error)
    text = starter_text(starter, issued, doc_type, output.name, signer.strip())
    if str(output) == "-":
        click.echo(text, nl=False)
        return
    try:
        with output.open("x", encoding="utf-8", newline="\n") as file:
            file.write(text)
    except FileExistsError:
        _fail(InputError(f"tệp {output} đã có", "chọn tên khác: không ghi đè công văn đã có"))
    except OSError as error:
        _fail(InputError(f"không ghi được {output}: {error.strerror}", "chọn thư mục ghi được"))
    click.echo(f"{output}: {DOCUMENT_TYPES[doc_type].lower()} mẫu của {starter.agency}", err=True)
