"""The CLI: one-line Swedish errors with exit status 2, English by option, JSON for scripts."""

import json
import subprocess
import sys

from lagesbild.cli import main


def test_areas_json(cli):
    code, out, _ = cli("areas", "--kommun", "1480", "--level", "regso", "--version", "RegSO2020",
                       "--format", "json")
    rows = json.loads(out)
    assert code == 0 and len(rows) == 147 and all(r["kommun"] == "1480" for r in rows)


def test_show_and_errors(cli):
    code, out, _ = cli("show", "1480R001", "--year", "2023", "--format", "json")
    data = json.loads(out)
    assert code == 0 and data["area"]["name"] == "Angered centrum-Agnesberg"
    code, out, err = cli("show", "1480R999")
    assert code == 2 and err.startswith("Fel: ") and err.count("\n") == 1 and "Traceback" not in err
    code, _, err = cli("--lang", "en", "areas", "--kommun", "9999")
    assert code == 2 and err.startswith("Error: ") and "9999" in err
    code, _, err = cli("areas", "--kommun", "14x0")
    assert code == 2 and "förväntade formatet" in err
    code, _, err = cli("areas", "--level", "planet")
    assert code == 2 and "Okänd nivå" in err


def test_usage_error_is_one_line_exit_2(cli):
    code, _, err = cli("areas", "--no-such-flag")
    assert code == 2 and "Traceback" not in err


def test_env_language(cli_store_path, monkeypatch, capsys):
    monkeypatch.setenv("LAGESBILD_LANG", "en")
    code = main(["--store", str(cli_store_path), "show", "1480R999"])
    assert code == 2 and capsys.readouterr().err.startswith("Error: ")


def test_import_and_export_commands(bundled_store_path, tmp_path, capsys, monkeypatch):
    import shutil

    db = tmp_path / "s.duckdb"
    shutil.copy(bundled_store_path, db)
    (tmp_path / "a.csv").write_text("kod;ar;v\n1480;2012;5\n")
    (tmp_path / "m.yaml").write_text("area: {column: kod, version: kommun2025}\nyear: {column: ar}\n"
                                     "values: {folkmangd: v}\n")
    assert main(["--store", str(db), "import", str(tmp_path / "a.csv"), "--mapping",
                 str(tmp_path / "m.yaml"), "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)["observations_inserted"] == 1
    assert main(["--store", str(db), "export", "--kommun", "1480", "--level", "kommun", "--years", "2012",
                 "--format", "csv", "--out", str(tmp_path / "o.csv")]) == 0
    assert "1480" in (tmp_path / "o.csv").read_text(encoding="utf-8-sig")


def test_console_script_debug_shows_traceback(bundled_store_path, tmp_path):
    import shutil

    db = tmp_path / "own.duckdb"
    shutil.copy(bundled_store_path, db)
    exe = [sys.executable, "-m", "lagesbild.cli"]
    p = subprocess.run([*exe, "--store", str(db), "show", "1480R999"], capture_output=True, text=True)
    assert p.returncode == 2 and "Traceback" not in p.stderr and "1480R999" in p.stderr
    p = subprocess.run([*exe, "--store", str(db), "--debug", "show", "1480R999"], capture_output=True, text=True)
    assert "Traceback" in p.stderr and "NotFoundError" in p.stderr


def test_readers_run_beside_each_other(bundled_store_path):
    """Look-ups open the store read-only, so two processes read the same store at the same time
    (while this test process holds it open too) and get the same answer."""
    exe = [sys.executable, "-m", "lagesbild.cli", "--store", str(bundled_store_path)]
    args = ["show", "1480R001", "--year", "2023", "--format", "json"]
    procs = [subprocess.Popen([*exe, *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
             for _ in range(2)]
    outs = [p.communicate(timeout=120) for p in procs]
    assert [p.returncode for p in procs] == [0, 0], [err for _, err in outs]
    first, second = (json.loads(out) for out, _ in outs)
    assert first == second and first["area"]["code"] == "1480R001"


def test_every_command_and_option_has_help_in_both_languages():
    from lagesbild.cli import build_command
    from lagesbild.cli._localise import walk

    for lang in ("sv", "en"):
        missing = []
        for path, cmd in walk(build_command(lang)):
            if path and not cmd.help:
                missing.append(" ".join(path))
            missing += [f"{' '.join(path)} {p.name}" for p in cmd.params if not getattr(p, "help", "x")]
        assert not missing, f"without help ({lang}): {missing}"


def test_framework_messages_are_swedish(cli):
    code, _, err = cli("indikatorer", "--area", "1480R012")
    assert code == 2 and "flaggan '--year' saknas" in err and "Missing" not in err
    code, _, err = cli("profil")
    assert code == 2 and "kommandot 'profil' finns inte" in err and "Menade du" in err
    code, out, _ = cli("areas", "--help")
    assert "Användning:" in out and "Flaggor:" in out and "Show this message" not in out


def test_framework_messages_in_english(cli):
    code, _, err = cli("--lang", "en", "profil")
    assert code == 2 and "there is no command 'profil'" in err
    code, out, _ = cli("--lang", "en", "areas", "--help")
    assert "Usage:" in out and "Four-digit municipality code" in out
