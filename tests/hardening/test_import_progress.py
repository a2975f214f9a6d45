"""A large import reports its progress (the CLI turns it into a progress bar on a terminal)."""

from __future__ import annotations

from pathlib import Path

CORPUS = Path(__file__).parent / "corpus"


def test_progress_reaches_the_whole_file(writable_bundled_store, tmp_path):
    from lagesbild.store.importer import import_file

    f = tmp_path / "d.csv"
    f.write_text("desokod,ar,pop\n" + "".join(f"0114A0010,{y},{y - 1900}\n" for y in range(1900, 2000)),
                 encoding="utf-8")
    calls = []
    res = import_file(writable_bundled_store, f, CORPUS / "map.yaml", progress=lambda d, t: calls.append((d, t)))
    assert res["observations_inserted"] == 100
    assert calls and calls[-1] == (f.stat().st_size, f.stat().st_size)  # the whole file read
    assert [d for d, _ in calls] == sorted(d for d, _ in calls)


def test_cli_bar_only_for_large_files_on_a_terminal(tmp_path):
    from lagesbild.cli.store import PROGRESS_MIN_BYTES, _import_bar

    small = tmp_path / "s.csv"
    small.write_text("a\n1\n", encoding="utf-8")
    assert _import_bar(small) is None
    big = tmp_path / "b.csv"
    with open(big, "wb") as fh:
        fh.truncate(PROGRESS_MIN_BYTES)
    assert _import_bar(big) is None  # not a terminal under pytest
