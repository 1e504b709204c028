"""The command frame a clerk sees: Vietnamese help and usage errors, exit codes, `-` for standard
input and output, one wording for a missing file, and `render -o` onto targets it cannot use
(the existing file untouched, no temp file left). Also: each command's module loads only when
that command runs."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from dispatch_gen.cli import COMMANDS, main
from dispatch_gen.render import render_bytes

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "002-kien-giang-bluezone.yaml"
ENGLISH = re.compile(
    r"Usage:|Options:|Commands:|Error:|Show this|\[default|\[required|Try '|"
    r"\b(PATH|TEXT|FILE|INTEGER|DIRECTORY|OPTIONS|COMMAND|ARGS|LETTERS|MASTER|OLD|NEW)\b"
)


def run(*args: str | Path, stdin: bytes | None = None):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(main, [str(a) for a in args], input=stdin)


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".part"))


# ---- help ---------------------------------------------------------------------------------------


def test_main_help_is_vietnamese_and_lists_every_command() -> None:
    result = run("--help")
    assert result.exit_code == 0
    assert result.output.startswith("Cách dùng: dispatch-gen [TÙY CHỌN] LỆNH [ĐỐI SỐ]...")
    assert "\nTùy chọn:\n" in result.output and "\nLệnh:\n" in result.output
    assert "-h, --help  Hiện hướng dẫn này rồi thoát." in result.output
    for name, entry in COMMANDS.items():
        assert re.search(rf"^  {name}\s+{re.escape(entry.summary)}$", result.output, re.M)
    assert not ENGLISH.search(result.output), ENGLISH.search(result.output)


@pytest.mark.parametrize("name", list(COMMANDS))
def test_each_command_help_ends_with_examples_and_exit_codes(name: str) -> None:
    result = run(name, "--help")
    assert result.exit_code == 0
    text = result.output
    assert text.startswith(f"Cách dùng: dispatch-gen {name} ")
    assert not ENGLISH.search(text), ENGLISH.search(text)
    examples = text[text.index("  Ví dụ:\n") :]
    assert examples.count("    dispatch-gen ") in (1, 2)
    assert re.search(r"  Mã thoát: 0 [^\n]*(\n  [^\n]+)*\.\n$", text)
    assert run(name, "-h").output == text


def test_render_help_names_defaults_and_required_in_vietnamese() -> None:
    text = run("check", "--help").output
    assert "[mặc định: text]" in text
    assert "[bắt buộc]" in run("render", "--help").output


# ---- usage errors -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["render", "x.yaml"],
         "lỗi: thiếu tùy chọn “-o” / “--output” — xem “dispatch-gen render --help”"),
        (["render"], "lỗi: thiếu đối số CÔNG_VĂN.yaml... — xem “dispatch-gen render --help”"),
        (["render", "x.yaml", "--outptu", "a.docx"],
         "lỗi: không có tùy chọn “--outptu” — có phải “--output”?"
         " xem “dispatch-gen render --help”"),
        (["rendr"], "lỗi: không có lệnh “rendr” — có phải “render”? xem “dispatch-gen --help”"),
        (["render", "x.yaml", "-o"],
         "lỗi: tùy chọn “-o” cần giá trị — xem “dispatch-gen render --help”"),
        (["check", "--format", "xml", "a.docx"],
         "lỗi: “xml” không phải là một trong: text, json (“--format”)"
         " — xem “dispatch-gen check --help”"),
        (["batch", "a.yaml", "--each", "b.csv", "-o", "out", "-j", "0"],
         "lỗi: 0 nằm ngoài khoảng 1<=x<=64 (“-j” / “--jobs”) — xem “dispatch-gen batch --help”"),
        (["text", "."],
         "lỗi: “.” là thư mục, không phải tệp (TỆP) — xem “dispatch-gen text --help”"),
        (["diff", "a.docx", "b.docx", "c.docx"],
         "lỗi: thừa đối số: c.docx — xem “dispatch-gen diff --help”"),
    ],
)  # fmt: skip
def test_usage_errors_read_in_vietnamese_with_exit_2(args: list[str], message: str) -> None:
    result = run(*args)
    assert result.exit_code == 2
    first, usage = result.stderr.splitlines()
    assert first == message
    assert usage.startswith(f"Cách dùng: dispatch-gen {args[0] if args[0] != 'rendr' else ''}")
    assert not ENGLISH.search(result.stderr)


def test_one_wording_for_a_missing_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    expected = "khong-co.{}: lỗi: không tìm thấy tệp — kiểm tra đường dẫn và tên tệp"
    calls = {
        "yaml": [["render", "khong-co.yaml", "-o", "x.docx"],
                 ["batch", "khong-co.yaml", "--each", "u.csv", "-o", "out"]],
        "docx": [["check", "khong-co.docx"], ["text", "khong-co.docx"],
                 ["diff", "khong-co.docx", "khong-co.docx"], ["preview", "khong-co.docx"],
                 ["import", "khong-co.docx", "-o", "x.yaml"]],
    }  # fmt: skip
    monkeypatch.chdir(tmp_path)
    for suffix, commands in calls.items():
        for args in commands:
            result = run(*args)
            assert result.exit_code == 2, args
            assert result.stderr.strip() == expected.format(suffix), args


# ---- standard input and output ----------------------------------------------------------------


def test_dash_reads_the_letter_from_stdin_and_writes_the_docx_to_stdout() -> None:
    result = run("render", "-", "-o", "-", stdin=EXAMPLE.read_bytes())
    assert result.exit_code == 0, result.stderr
    assert result.stdout_bytes == render_bytes(EXAMPLE)
    assert "<stdin> → (đầu ra chuẩn)" in result.stderr


def test_stdin_mistakes_are_located_in_stdin() -> None:
    result = run("render", "-", "-o", "-", stdin=b"subject: [\n")
    assert result.exit_code == 2 and result.stdout_bytes == b""
    assert result.stderr.startswith("<stdin>:")


def test_dash_output_takes_one_letter_only(tmp_path: Path) -> None:
    result = run("render", EXAMPLE, EXAMPLE, "-o", "-")
    assert result.exit_code == 2
    assert "lỗi: chỉ ghi được một công văn ra “-o -”" in result.stderr
    assert not Path("-").exists()


@pytest.mark.skipif(os.name == "nt", reason="pseudo-terminals are POSIX")
def test_dash_output_refuses_a_terminal() -> None:
    import pty

    code = f"from dispatch_gen.cli import main; main(['render', {str(EXAMPLE)!r}, '-o', '-'])"
    pid, fd = pty.fork()
    if pid == 0:  # the child: its stdout is the terminal
        os.execv(sys.executable, [sys.executable, "-c", code])
    seen = b""
    while True:
        try:
            chunk = os.read(fd, 4096)
        except OSError:
            break
        if not chunk:
            break
        seen += chunk
    _, status = os.waitpid(pid, 0)
    assert os.waitstatus_to_exitcode(status) == 2
    text = seen.decode("utf-8")
    assert "lỗi: không ghi tệp ra màn hình (-o -)" in text and "PK" not in text


# ---- render -o onto what it cannot use --------------------------------------------------------


def test_existing_non_docx_file_is_refused_and_untouched(tmp_path: Path) -> None:
    notes = tmp_path / "ghi-chu.txt"
    notes.write_bytes(b"ghi ch\xc3\xba")
    result = run("render", EXAMPLE, "-o", notes)
    assert result.exit_code == 2
    assert result.stderr.strip() == (
        f"{notes}: lỗi: tệp ghi ra phải có đuôi .docx — ví dụ “-o ghi-chu.docx”"
    )
    assert notes.read_bytes() == b"ghi ch\xc3\xba"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["ghi-chu.txt"]


def test_a_path_under_a_file_is_refused(tmp_path: Path) -> None:
    (tmp_path / "tep").write_text("x")
    result = run("render", EXAMPLE, "-o", tmp_path / "tep" / "cv.docx")
    assert result.exit_code == 2
    assert f"lỗi: “{tmp_path / 'tep'}” là một tệp, không phải thư mục" in result.stderr
    assert (tmp_path / "tep").read_text() == "x"


def test_a_300_character_name_is_refused(tmp_path: Path) -> None:
    long = tmp_path / ("đ" * 296 + ".docx")
    result = run("render", EXAMPLE, "-o", long)
    assert result.exit_code == 2
    assert "lỗi: tên dài quá (301 ký tự) — đặt tên ngắn hơn, dưới 200 ký tự" in result.stderr
    assert list(tmp_path.iterdir()) == []


def test_a_read_only_file_is_not_replaced(tmp_path: Path) -> None:
    kept = tmp_path / "da-ky.docx"
    kept.write_bytes(b"signed letter")
    kept.chmod(0o444)
    result = run("render", EXAMPLE, "-o", kept)
    assert result.exit_code == 2
    assert result.stderr.strip() == (
        f"{kept}: lỗi: tệp này chỉ cho đọc (read-only): không ghi đè"
        " — bỏ thuộc tính chỉ đọc của tệp, hoặc chọn tên khác"
    )
    assert kept.read_bytes() == b"signed letter"
    assert leftovers(tmp_path) == []


def test_a_read_only_folder_gives_a_clean_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "chi-doc"
    folder.mkdir()
    (folder / "cv.docx").write_bytes(b"old")
    folder.chmod(0o555)
    if os.name == "nt" or os.geteuid() == 0:  # root writes anyway: refuse as the OS would
        opened = os.open

        def refused(path, *args, **kwargs):  # type: ignore[no-untyped-def]
            if Path(path).parent == folder:  # any new file there, however it is named
                raise PermissionError(13, "Permission denied", str(path))
            return opened(path, *args, **kwargs)

        monkeypatch.setattr(os, "open", refused)
    try:
        result = run("render", EXAMPLE, "-o", folder / "cv.docx")
    finally:
        folder.chmod(0o755)
    assert result.exit_code == 2
    assert result.stderr.strip() == (
        f"{folder}: lỗi: không ghi được tệp: không có quyền ghi — chọn thư mục khác hoặc tên khác"
    )
    assert (folder / "cv.docx").read_bytes() == b"old"
    assert leftovers(folder) == []


def test_a_folder_target_and_an_existing_file_replaced_whole(tmp_path: Path) -> None:
    result = run("render", EXAMPLE, "-o", f"{tmp_path / 'moi'}{os.sep}")
    assert result.exit_code == 0
    assert (tmp_path / "moi" / f"{EXAMPLE.stem}.docx").read_bytes() == render_bytes(EXAMPLE)
    old = tmp_path / "cv.docx"
    old.write_bytes(b"old")
    assert run("render", EXAMPLE, "-o", old).exit_code == 0
    assert old.read_bytes() == render_bytes(EXAMPLE) and leftovers(tmp_path) == []


# ---- start-up -----------------------------------------------------------------------------------


def _modules_after(*args: str) -> set[str]:
    code = (
        "import sys\nfrom dispatch_gen.cli import main\n"
        f"try:\n    main({list(args)!r})\nexcept SystemExit:\n    pass\n"
        "print(' '.join(m for m in sys.modules if m.startswith('dispatch_gen')))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    return set(done.stdout.split())


def test_subcommand_modules_load_only_when_their_command_runs() -> None:
    commands = {entry.module for entry in COMMANDS.values()}
    assert not commands & _modules_after("--help")
    assert commands & _modules_after("render", "--help") == {"dispatch_gen.render_command"}
    assert commands & _modules_after("text", "--help") == {"dispatch_gen.review.command"}


def test_the_command_list_loads_only_the_frame() -> None:
    """`dispatch-gen --help` and `--version` need click and the command table, nothing of ours
    besides; a usage error loads the message types it is written with."""
    def ours(*args: str) -> set[str]:  # the help text is printed too: keep module names
        return {m for m in _modules_after(*args) if m.startswith("dispatch_gen")}

    frame = {"dispatch_gen", "dispatch_gen.cli", "dispatch_gen.cli_frame"}
    assert ours("--help") == frame
    assert ours("--version") == frame
    assert ours("xuat") == frame | {"dispatch_gen.errors"}


def test_what_a_command_imports_is_frozen_out_of_garbage_collection_once(
    tmp_path: Path,
) -> None:
    """What a command's import made is frozen out of the garbage collector's rounds, once per
    process; the collector runs again after it (and stays off when the caller had it off)."""
    out = tmp_path / "cv.docx"
    code = (
        "import gc, sys\nfrom dispatch_gen.cli import main\n"
        f"try:\n    main(['render', {str(EXAMPLE)!r}, '-o', {str(out)!r}])\n"
        "except SystemExit as done:\n    assert not done.code\n"
        "frozen, on = gc.get_freeze_count(), gc.isenabled()\n"
        "import dispatch_gen.cli as cli\ncli._imported('dispatch_gen.review.command')\n"
        "gc.disable()\ncli._imported('dispatch_gen.check.command')\n"
        "print(frozen > 10000, on, gc.get_freeze_count() <= frozen, gc.isenabled())"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["True", "True", "True", "False"]  # frozen; on; once; off
    assert out.read_bytes() == render_bytes(EXAMPLE)


def test_a_letter_is_written_whole_also_into_a_new_folder_and_past_a_leftover(
    tmp_path: Path,
) -> None:
    """A batch's writer: the folder is made when missing; a temp file left by a killed run of a
    process with this number neither blocks the letter nor is taken for it."""
    from dispatch_gen.docx.package import write_atomic

    target = tmp_path / "moi" / "cv.docx"
    write_atomic(target, b"first")
    assert target.read_bytes() == b"first"
    leftover = target.with_name(f".cv.docx.{os.getpid()}.part")
    leftover.write_bytes(b"half")
    write_atomic(target, b"second")
    assert target.read_bytes() == b"second"
    assert leftover.read_bytes() == b"half"  # not ours to remove: another run's, by its number
    assert sorted(p.name for p in target.parent.iterdir()) == [leftover.name, "cv.docx"]
