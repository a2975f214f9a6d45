"""CLI command ``lagesbild report``: the kommun's nulägesanalys as HTML, PDF and Word."""

from __future__ import annotations

import typer

__all__ = ["register"]


def report(
    kommun: str = typer.Option(None, "--kommun", help="Kommunkod, t.ex. 1480 (eller i --config)."),
    year: int = typer.Option(None, "--year", help="Rapportår, t.ex. 2023 (eller i --config)."),
    compare: str = typer.Option(None, "--compare", help="Jämförelsekommuner, t.ex. 1280,0180."),
    sections: str = typer.Option(None, "--sections", help="Avsnitt, kommaseparerade (standard: alla)."),
    lang: str = typer.Option(None, "--lang", help="sv eller en."),
    formats: str = typer.Option(None, "--format", help="html,pdf,docx (standard: alla tre)."),
    config: str = typer.Option(
        None,
        "--config",
        help="YAML-fil med samma val (t.ex. nulagesanalys_1480_2023.yaml som skrivs bredvid rapporten).",
    ),
    out: str = typer.Option(..., "--out", help="Mapp som rapporten skrivs till."),
    self_contained: bool = typer.Option(
        None,
        "--self-contained/--assets",
        help="HTML: lägg diagrammens skript i själva HTML-filen (en fil att "
        "e-posta) i stället för i mappen assets/ bredvid.",
    ),
) -> None:
    """Skriv kommunens nulägesanalys av segregation (HTML, PDF och Word)."""
    from lagesbild.cli._common import parse_list, settings, store
    from lagesbild.i18n import t
    from lagesbild.services.report import build_report

    res = build_report(
        store(),
        settings(),
        kommun,
        year,
        compare=parse_list(compare),
        sections=parse_list(sections),
        lang=lang,
        formats=parse_list(formats),
        out=out,
        config=config,
        self_contained=self_contained,
    )
    for fmt, p in res["paths"].items():
        typer.echo(f"{fmt:<5} {p}")
    typer.echo(f"{'config':<5} {res['config']}")
    skipped = [v for v in res["sections"].values() if v != "ok"]
    for s in skipped:
        typer.echo(s)
    typer.echo(t("cli.report_done", res["report"].lang, seconds=res["seconds"], hash=res["hash"][:12]))


def register(app: typer.Typer) -> None:
    """Add ``report`` to the main Typer app."""
    app.command("report")(report)
