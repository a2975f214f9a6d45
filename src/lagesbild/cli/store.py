"""Commands on the analytical store: ``version``, ``init``, ``import``, ``import-key``, ``areas``,
``show``, ``export`` and ``demo`` (thin: every command calls :mod:`lagesbild.services.store`)."""

from __future__ import annotations

from pathlib import Path

import typer

from lagesbild._version import __version__
from lagesbild.cli._common import emit, parse_list, parse_years, settings, store
from lagesbild.cli._lazy import service
from lagesbild.i18n import t

services = service("store")

__all__ = ["register"]


def version() -> None:
    """Skriv ut versionen."""
    typer.echo(__version__)


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
    typer.echo(t("cli.store_path", settings().lang, path=settings().store))
    typer.echo(t("cli.areas_per_level", settings().lang))
    for r in summary["areas"]:
        typer.echo(f"  {r['level']:<10} {r['version']:<24} {r['n']:>6}")
    y0, y1 = summary["years"]
    typer.echo(t("cli.observations_summary", settings().lang, n=summary["observations"],
                 variables=summary["variables"], y0=y0, y1=y1))
    versions = ", ".join(f"{g['version']} {g['n']}" for g in summary["geometries"])
    typer.echo(t("cli.boundaries", settings().lang, versions=versions))
    typer.echo(t("cli.sources_list", settings().lang, sources=summary["sources"]))


def import_(
    file: Path = typer.Argument(..., help="CSV, Excel, Parquet, GeoPackage, GeoJSON eller GeoParquet."),
    mapping: Path = typer.Option(..., "--mapping", help="YAML-fil som mappar kolumner till variabler."),
    replace: bool = typer.Option(False, "--replace", help="Ersätt värden som skiljer sig."),
    prefer_import: bool = typer.Option(False, "--prefer-import",
                                       help="Låt filens värden gälla före officiella värden (SCB, Kolada …)."),
    fmt: str = typer.Option("table", "--format"),
) -> None:
    """Läs in en fil i lagret (validerat, allt eller inget)."""
    bar = _import_bar(file) if fmt != "json" else None
    try:
        result = services.import_file(store(), file, mapping, replace=replace, prefer_import=prefer_import,
                                      progress=bar)
    finally:
        if bar is not None:
            bar.close()
    emit(result, fmt)


#: Files at least this large get a progress bar (on a terminal).
PROGRESS_MIN_BYTES = 20 * 1024 * 1024


def _import_bar(file: Path):
    """A progress bar on stderr for a large file read on a terminal, else None."""
    import sys

    try:
        size = Path(file).stat().st_size
    except OSError:
        return None
    if size < PROGRESS_MIN_BYTES or not sys.stderr.isatty():
        return None
    from rich.console import Console
    from rich.progress import BarColumn, Progress, TaskProgressColumn, TimeRemainingColumn

    class _Bar:
        def __init__(self):
            self.p = Progress("{task.description}", BarColumn(), TaskProgressColumn(), TimeRemainingColumn(),
                              console=Console(stderr=True), transient=True)
            self.task = None

        def __call__(self, done: int, total: int) -> None:
            if self.task is None:
                self.p.start()
                self.task = self.p.add_task(t("cli.importing_file", settings().lang, name=Path(file).name),
                                            total=total)
            self.p.update(self.task, completed=done, total=total)

        def close(self) -> None:
            if self.task is not None:
                self.p.stop()

    return _Bar()


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


def areas(
    kommun: str = typer.Option(None, "--kommun"), level: str = typer.Option(None, "--level"),
    version: str = typer.Option(None, "--version"), lan: str = typer.Option(None, "--lan"),
    fmt: str = typer.Option("table", "--format"),
) -> None:
    """Lista områden, till exempel --kommun 1480 --level regso."""
    df = services.list_areas(store(), level=level, kommun=kommun, version=version, lan=lan)
    emit(df, fmt)
    if fmt == "table" and df.attrs.get("version"):
        others = [v for v in df.attrs.get("versions", []) if v != df.attrs["version"]]
        typer.echo(t("fetch.areas_version", settings().lang, version=df.attrs["version"],
                     others=", ".join(others) or "–"))


def show(code: str = typer.Argument(...), year: int = typer.Option(None, "--year"),
         version: str = typer.Option(None, "--version"), fmt: str = typer.Option("table", "--format")) -> None:
    """Visa ett område och dess värden."""
    info = services.show_area(store(), code, year=year, version=version)
    if fmt == "json":
        import json

        vals = json.loads(info["values"].to_json(orient="records", force_ascii=False))
        emit({"area": info["area"], "version": info["version"], "versions": info["versions"], "values": vals},
             "json")
        return
    a = info["area"]
    typer.echo(f"{a['code']} {a['name']} ({a['level']}, {a['version']})")
    emit(info["values"].drop(columns=["data_version", "approximate"]), fmt)
    if info["versions"]:
        _version_lines(info["version"], info["versions"], info["values"])


def _version_lines(version: str, versions: list[str], values=None) -> None:
    """The version shown (and, where values come from another version through the key, how many)."""
    lang = settings().lang
    typer.echo(t("fetch.version_line", lang, version=version, versions=", ".join(versions)))
    if values is not None and not values.empty:
        keyed = values[values["data_version"] != version]
        if not keyed.empty:
            typer.echo(t("fetch.version_keyed", lang, n=len(keyed), k=int(keyed["approximate"].sum()),
                         version=version, data_versions=", ".join(sorted(set(keyed["data_version"])))))


def export(
    out: Path = typer.Option(..., "--out"), kommun: str = typer.Option(None, "--kommun"),
    level: str = typer.Option(None, "--level"), variables: str = typer.Option(None, "--variables"),
    year: str = typer.Option(None, "--years"), fmt: str = typer.Option("csv", "--format",
                                                                       help="csv, parquet, xlsx eller gpkg"),
    version: str = typer.Option(None, "--version"),
) -> None:
    """Exportera observationer (CSV, Parquet, Excel eller GeoPackage med gränser)."""
    res = services.export(store(), out, fmt=fmt, kommun=kommun, level=level,
                          variables=parse_list(variables), years=parse_years(year), version=version)
    typer.echo(t("cli.wrote_rows_to", settings().lang, n=res["rows"], out=out))
    if res["version"]:
        _version_lines(res["version"], res["versions"])


def demo() -> None:
    """Bygg lagret från de inbyggda data och visa vad som finns (och Göteborgs lägesbild)."""
    from lagesbild.services.demo import DEMO_STEPS

    if not Path(settings().store).exists() or settings().demo_rebuild:
        summary = services.init_store(settings(), force=True, progress=_progress())
    else:
        summary = store().summary()
    _print_summary(summary)
    for step in DEMO_STEPS:
        step(store(), settings())


def register(app: typer.Typer) -> None:
    """Add the store commands to the main Typer app."""
    app.command("version")(version)
    app.command("init")(init)
    app.command("import")(import_)
    app.command("import-key")(import_key)
    app.command("areas")(areas)
    app.command("show")(show)
    app.command("export")(export)
    app.command("demo")(demo)
