"""`lagesbild serve` is registered and refuses a missing store with a Swedish message."""

from __future__ import annotations


def test_serve_is_registered_and_checks_the_store(tmp_path, capsys):
    from lagesbild.cli import main

    assert main(["serve", "--help"]) == 0
    out = capsys.readouterr().out
    assert "--host" in out and "--port" in out
    missing = tmp_path / "finns_inte.duckdb"
    assert main(["--store", str(missing), "serve", "--port", "8123"]) == 2
    err = capsys.readouterr().err
    assert "finns inte" in err and "lagesbild init" in err
    assert not missing.exists()


def test_asgi_module_is_lazy():
    import lagesbild.app.asgi as asgi

    assert asgi._APP is None  # importing it opened no store
