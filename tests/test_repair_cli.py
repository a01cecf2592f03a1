"""``kaghaz repair`` on the command line: output, options, and one-line errors without tracebacks."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from kaghaz.cli import cli

VISUAL = "ییاپورا یاهرازاب\nسلام\n"


def run(args: list[str], data: bytes | None = None) -> tuple[int, str]:
    result = CliRunner().invoke(cli, ["repair", *args], input=data)
    return result.exit_code, result.output


def test_repair_cli_repairs_a_file(tmp_path: Path) -> None:
    source = tmp_path / "in.txt"
    source.write_text(VISUAL, encoding="utf-8")
    code, output = run([str(source)])
    assert code == 0
    assert output == "بازارهای اروپایی\nسلام\n"


def test_repair_cli_reads_standard_input_and_writes_a_file(tmp_path: Path) -> None:
    target = tmp_path / "out.txt"
    code, _ = run(["-", "-o", str(target)], VISUAL.encode("utf-8"))
    assert code == 0
    assert target.read_text(encoding="utf-8") == "بازارهای اروپایی\nسلام\n"


def test_repair_cli_explains_each_fix() -> None:
    code, output = run(["--explain"], VISUAL.encode("utf-8"))
    assert code == 0
    assert "line 1: reverse_line_letters" in output
    assert "+ بازارهای اروپایی" in output


def test_repair_cli_diagnoses_lines() -> None:
    code, output = run(["--diagnose"], VISUAL.encode("utf-8"))
    assert code == 0
    assert "letter-reversed" in output and "clean" in output


def test_repair_cli_empty_input_gives_empty_output() -> None:
    assert run([], b"") == (0, "")


def test_repair_cli_binary_input_is_a_clear_error() -> None:
    code, output = run([], b"PK\x03\x04\x00\x00binary")
    assert code != 0
    assert "binary" in output and "Traceback" not in output
    assert len(output.strip().splitlines()) == 1


def test_repair_cli_wrong_encoding_says_what_to_do() -> None:
    code, output = run([], "سلام".encode("cp1256"))
    assert code != 0
    assert "--encoding" in output and "Traceback" not in output


def test_repair_cli_reads_other_encodings() -> None:
    code, output = run(["--encoding", "cp1256"], "سلام کتاب".encode("cp1256"))
    assert code == 0
    assert output == "سلام کتاب"


def test_repair_cli_missing_file_is_a_clear_error(tmp_path: Path) -> None:
    code, output = run([str(tmp_path / "nope.txt")])
    assert code != 0
    assert "no such file" in output and "Traceback" not in output


def test_repair_cli_rejects_bad_options() -> None:
    code, output = run(["--encoding", "no-such-codec"], b"x")
    assert code != 0
    assert "encoding" in output and "Traceback" not in output
    code, _ = run(["--zwnj", "sometimes"], b"x")
    assert code != 0


def test_repair_cli_zwnj_never_keeps_joined_words(tmp_path: Path) -> None:
    source = tmp_path / "in.txt"
    lines = ["این خبر در سال گذشته اعالم شد و منتشر میشود", "محصوالت ایران در آنجا عرضه میشود",
             "روزنامه آنالین آمریکایی میشود"]
    source.write_text("\n".join(lines), encoding="utf-8")
    _, auto = run([str(source)])
    _, never = run([str(source), "--zwnj", "never"])
    assert "\N{ZERO WIDTH NON-JOINER}" in auto
    assert "\N{ZERO WIDTH NON-JOINER}" not in never


def test_repair_cli_help_has_an_example() -> None:
    code, output = run(["--help"])
    assert code == 0
    assert "Example" in output and "--explain" in output


def test_repair_diagnoses_words_in_visual_order_and_pypdf_pieces() -> None:
    """Lines whose whole words stand in visual order are word-reversed; pypdf's pieces are
    piece-reversed (both decided for the whole document)."""
    import json

    from kaghaz.repair import diagnose

    def case(name: str, kind: str) -> str:
        found = json.loads((Path(__file__).parent / "data" / "repair" / f"{kind}.json").read_text(encoding="utf-8"))
        return next(str(c["input"]) for c in found["cases"] if c["name"] == name)

    kinds = {d.kind.value for d in diagnose(case("whole-lines-visual-words", "synthetic")).lines}
    assert kinds == {"word-reversed"}
    kinds = {d.kind.value for d in diagnose(case("pypdf-lo_justify-doc09-3-5", "wild")).lines}
    assert kinds == {"piece-reversed"}


def test_repair_cli_repairs_several_files_into_a_folder_past_failures(tmp_path: Path) -> None:
    good = tmp_path / "good.txt"
    good.write_text(VISUAL, encoding="utf-8")
    binary = tmp_path / "binary.txt"
    binary.write_bytes(b"PK\x03\x04\x00\x00binary")
    other = tmp_path / "other.txt"
    other.write_text("سلام\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["repair", str(good), str(binary), str(tmp_path / "missing.txt"), str(other),
                                      "-o", str(tmp_path / "fixed")])
    assert result.exit_code == 1
    assert sorted(p.name for p in (tmp_path / "fixed").iterdir()) == ["good.txt", "other.txt"]
    assert (tmp_path / "fixed" / "good.txt").read_text(encoding="utf-8") == "بازارهای اروپایی\nسلام\n"
    lines = result.stderr.splitlines()
    assert lines[0] == f"kaghaz: 2 of 4 files repaired into {tmp_path / 'fixed'}; 2 failed:"
    assert lines[1].startswith(f"kaghaz: error: {binary}: is binary")
    assert lines[2].startswith(f"kaghaz: error: {tmp_path / 'missing.txt'}: no such file")
    assert "Traceback" not in result.output


def test_repair_cli_several_files_need_a_folder_and_never_overwrite_their_input(tmp_path: Path) -> None:
    source = tmp_path / "in.txt"
    source.write_text(VISUAL, encoding="utf-8")
    code, output = run([str(source), str(source)])
    assert code == 2 and "-o fixed/" in output
    code, output = run([str(source), "-o", f"{tmp_path}/"])
    assert code == 2 and "over its input" in output
    assert source.read_text(encoding="utf-8") == VISUAL
    code, output = run([str(source), str(source), "-o", str(tmp_path / "out"), "--explain"])
    assert code == 2
