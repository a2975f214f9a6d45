"""The `lagesbild` command line (Typer). Thin: every command calls services.

Errors: a :class:`~lagesbild.errors.LagesbildError` prints one line in Swedish (English with
``--lang en`` or ``LAGESBILD_LANG=en``) and exits with status 2; ``--debug`` shows the traceback.
"""

from __future__ import annotations

import sys
from pathlib import Path

import typer

from lagesbild import __version__, services
from lagesbild._compat import import_if_present
from lagesbild._config import resolve_settings
from lagesbild.cli_common import STATE, emit, parse_list, settings, store, tr
from lagesbild.errors import LagesbildError

app = typer.Typer(add_completion=False, no_args_is_help=True, rich_markup_mode=None,
                  help="lagesbild: lägesbild, segregation och förebyggande arbete för kommuner.")

#: Modules that add their commands with ``register(app)``; a missing module is skipped.
COMMAND_MODULES = ("lagesbild.cli_measures", "lagesbild.cli_lagesbild", "lagesbild.cli_sources",
                   "lagesbild.cli_insatser", "lagesbild.cli_report", "lagesbild.cli_app")


@app.callback()
def _global(
    store_path: str = typer.Option(None, "--store", help="DuckDB-lagrets sökväg / path of the store."),
    lang: str = typer.Option(None, "--lang", help="sv eller en."),
    config: str = typer.Option(None, "--config", help="lagesbild.toml med inställningar."),
    debug: bool = typer.Option(False, "--debug", help="Visa hela felspåret vid fel."),
) -> None:
    STATE.settings = resolve_settings(config_file=config or "lagesbild.toml", store=store_path, lang=lang)
    STATE.debug = debug


@app.command()
def version() -> None:
    """Skriv ut versionen."""
    typer.echo(__version__)


@app.command()
def init(force: bool = typer.Option(False, "--force", help="Bygg om lagret från början."),
         fmt: str = typer.Option("table", "--format")) -> None:
    """Skapa lagret och läs in de inbyggda, verkliga data (SCB, Valmyndigheten, Skolverket, …)."""
    summary = services.init_store(settings(), force=force, progress=None if fmt == "json" else _progress())
    if fmt == "json":
        emit(summary, "json")
    else:
        _print_summary(summary)


def _progress():
    from rich.progress import Progress

    class _P:
        def __init__(self):
            self.p = Progress(transient=True)
            self.task = None

        def __call__(self, msg: str, total: int = 5) -> None:
            if self.task is None:
                self.p.start()
                self.task = self.p.add_task(msg, total=total)
            self.p.update(self.task, advance=1, description=msg)

        def close(self):
            if self.task is not None:
                self.p.stop()

    return _P()


def _print_summary(summary: dict) -> None:
    typer.echo(tr(f"Lagret: {settings().store}", f"Store: {settings().store}"))
    typer.echo(tr("Områden per nivå och version:", "Areas per level and version:"))
    for r in summary["areas"]:
        typer.echo(f"  {r['level']:<10} {r['version']:<24} {r['n']:>6}")
    y0, y1 = summary["years"]
    typer.echo(tr(f"Observationer: {summary['observations']} ({summary['variables']} variabler, år {y0}–{y1})",
                  f"Observations: {summary['observations']} ({summary['variables']} variables, years {y0}–{y1})"))
    typer.echo(tr("Gränser: ", "Boundaries: ") + ", ".join(f"{g['version']} {g['n']}" for g in summary["geometries"]))
    typer.echo(tr(f"Källor: {summary['sources']}", f"Sources: {summary['sources']}"))


@app.command("import")
def import_(
    file: Path = typer.Argument(..., help="CSV, Excel, Parquet, GeoPackage, GeoJSON eller GeoParquet."),
    mapping: Path = typer.Option(..., "--mapping", help="YAML-fil som mappar kolumner till variabler."),
    replace: bool = typer.Option(False, "--replace", help="Ersätt värden som skiljer sig."),
    fmt: str = typer.Option("table", "--format"),
) -> None:
    """Läs in en fil i lagret (validerat, allt eller inget)."""
    result = services.import_file(store(), file, mapping, replace=replace)
    emit(result, fmt)


@app.command("import-key")
def import_key(
    file: Path = typer.Argument(..., help="CSV/Excel/Parquet med from_code (deso) och to_code (delomrade)."),
    from_version: str = typer.Option(..., "--from", help="T.ex. DeSO2025."),
    to_version: str = typer.Option(..., "--to", help="Den egna indelningens version, t.ex. gbg_mellanomraden."),
    kommun: str = typer.Option(None, "--kommun", help="Kräv att varje område i kommunen mappas exakt en gång."),
    replace: bool = typer.Option(False, "--replace"), fmt: str = typer.Option("table", "--format"),
) -> None:
    """Läs in en nyckel från DeSO/RegSO till en egen områdesindelning."""
    emit(services.import_key(store(), file, from_version=from_version, to_version=to_version, kommun=kommun,
                             replace=replace), fmt)


@app.command()
def areas(
    kommun: str = typer.Option(None, "--kommun"), level: str = typer.Option(None, "--level"),
    version: str = typer.Option(None, "--version"), lan: str = typer.Option(None, "--lan"),
    fmt: str = typer.Option("table", "--format"),
) -> None:
    """Lista områden (t.ex. --kommun 1480 --level regso)."""
    df = services.list_areas(store(), level=level, kommun=kommun, version=version, lan=lan)
    emit(df, fmt)


@app.command()
def show(code: str = typer.Argument(...), year: int = typer.Option(None, "--year"),
         version: str = typer.Option(None, "--version"), fmt: str = typer.Option("table", "--format")) -> None:
    """Visa ett område och dess värden."""
    info = services.show_area(store(), code, year=year, version=version)
    if fmt == "json":
        emit(info, "json")
        return
    a = info["area"]
    typer.echo(f"{a['code']} {a['name']} ({a['level']}, {a['version']})")
    emit(info["values"], fmt)


@app.command()
def export(
    out: Path = typer.Option(..., "--out"), kommun: str = typer.Option(None, "--kommun"),
    level: str = typer.Option(None, "--level"), variables: str = typer.Option(None, "--variables"),
    year: str = typer.Option(None, "--years"), fmt: str = typer.Option("csv", "--format",
                                                                       help="csv, parquet, xlsx eller gpkg"),
) -> None:
    """Exportera observationer (CSV, Parquet, Excel eller GeoPackage med gränser)."""
    from lagesbild.cli_common import parse_years

    n = services.export(store(), out, fmt=fmt, kommun=kommun, level=level,
                        variables=parse_list(variables), years=parse_years(year))
    typer.echo(tr(f"Skrev {n} rader till {out}", f"Wrote {n} rows to {out}"))


@app.command()
def demo() -> None:
    """Bygg lagret från de inbyggda data och visa vad som finns (och Göteborgs lägesbild)."""
    import os

    if not Path(settings().store).exists() or os.environ.get("LAGESBILD_DEMO_REBUILD"):
        summary = services.init_store(settings(), force=True, progress=_progress())
    else:
        summary = store().summary()
    _print_summary(summary)
    for step in services.demo_steps():
        step(store(), settings())


_REGISTERED: list[str] = []


def _register_all() -> None:
    if _REGISTERED:
        return
    for name in COMMAND_MODULES:
        mod = import_if_present(name)
        if mod is None:
            continue
        mod.register(app)
        _REGISTERED.append(name)
    _REGISTERED.append("")  # done, even when no module was found


def main(argv: list[str] | None = None) -> int:
    """Console entry point; returns the exit status."""
    _register_all()
    try:
        return _run(argv)
    finally:
        if STATE._store is not None:  # one store per invocation, closed at the end
            STATE._store.close()
            STATE._store = None


def _run(argv: list[str] | None) -> int:
    try:
        app(args=argv, standalone_mode=False, prog_name="lagesbild")
    except LagesbildError as exc:
        if STATE.debug:
            raise
        lang = STATE.settings.lang if STATE.settings else "sv"
        typer.echo(("Fel: " if lang == "sv" else "Error: ") + exc.message(lang), err=True)
        return 2
    except ImportError as exc:
        if STATE.debug:
            raise
        typer.echo(f"Fel: {exc}", err=True)
        return 2
    except typer.Exit as exc:
        return exc.exit_code
    except typer.Abort:
        typer.echo("Avbrutet.", err=True)
        return 1
    except Exception as exc:  # click usage errors and friends (Typer may vendor its own click)
        if hasattr(exc, "format_message") and hasattr(exc, "exit_code"):
            lang = STATE.settings.lang if STATE.settings else "sv"
            prefix = "Fel i kommandot: " if lang == "sv" else "Usage error: "
            typer.echo(prefix + exc.format_message(), err=True)
            return 2
        if STATE.debug:
            raise
        typer.echo(f"Oväntat fel ({type(exc).__name__}): {exc}. Kör med --debug för detaljer.", err=True)
        return 1
    return 0


def _entry() -> None:  # pragma: no cover
    sys.exit(main())


if __name__ == "__main__":  # pragma: no cover
    _entry()
