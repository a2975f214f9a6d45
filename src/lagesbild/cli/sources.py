"""`lagesbild fetch …`: refresh data from SCB and Kolada (thin; the work is in services_sources)."""

from __future__ import annotations

from typing import Any

import typer

from lagesbild.cli._common import emit, parse_list, parse_years, settings, store
from lagesbild.i18n import t

__all__ = ["register"]

fetch_app = typer.Typer(no_args_is_help=True, rich_markup_mode=None,
                        help="Hämta data från SCB och Kolada (cache, omförsök, --dry-run, --offline).")

_DRY = typer.Option(False, "--dry-run", help="Visa planerade anrop och antal celler; hämta inga data.")
_OFF = typer.Option(False, "--offline", help="Använd bara cachen; inga anrop.")
_REFRESH = typer.Option(False, "--refresh", help="Fråga servern även om cachen har ett färskt svar.")
_RECORD = typer.Option(None, "--record", help="Spara svaren som testfixturer i denna mapp (manifest.json).")
_REPLACE = typer.Option(False, "--replace", help="Ersätt lagrade värden som skiljer sig.")
_FMT = typer.Option("table", "--format")


class _Bar:
    """A rich progress bar fed by the services' ``progress(label, n)`` callback."""

    def __init__(self, total: int, enabled: bool) -> None:
        self.enabled = enabled and total > 0
        if self.enabled:
            from rich.progress import Progress

            self.p = Progress(transient=True)
            self.p.start()
            self.task = self.p.add_task(t("cli.fetching", settings().lang), total=total)

    def __call__(self, label: str, n: int = 1) -> None:
        if self.enabled:
            self.p.update(self.task, advance=n, description=label)

    def close(self) -> None:
        if self.enabled:
            self.p.stop()


def _report(summary: dict, fmt: str, dry_run: bool) -> None:
    if fmt == "json":
        emit(summary, "json")
        return
    emit(summary["plan"], fmt, title=t("cli.planned_requests", settings().lang))
    for w in summary.get("warnings", []):
        typer.echo(t("cli.note_prefix", settings().lang, text=w))
    if dry_run:
        typer.echo(t("cli.dry_run", settings().lang, requests=summary.get("requests", "?"),
                     cells=summary.get("cells", "?")))
        return
    typer.echo(t("cli.fetch_wrote", settings().lang, inserted=summary.get("observations_inserted", 0),
                 unchanged=summary.get("observations_unchanged", 0),
                 replaced=summary.get("observations_replaced", 0)))
    if summary.get("missing_cells"):
        cells = ", ".join(f"{k}: {v}" for k, v in summary["missing_cells"].items())
        typer.echo(t("cli.missing_cells", settings().lang, cells=cells))
    skipped = summary.get("skipped_areas") or []
    if skipped:
        typer.echo(t("cli.skipped_areas", settings().lang, n=len(skipped), examples=", ".join(skipped[:5])))


@fetch_app.command("scb")
def scb(
    kommun: str = typer.Option(..., "--kommun", help="Kommunkod(er), t.ex. 1480 eller 1480,1481."),
    level: str = typer.Option("regso", "--level", help="deso, regso eller kommun."),
    years: str = typer.Option(None, "--years", help="T.ex. 2019-2024 (standard: alla år tabellen har)."),
    topics: str = typer.Option("befolkning,inkomst,utbildning,arbete,boende,socioek", "--topics",
                               help="befolkning, inkomst, utbildning, arbete, boende, hushall, socioek."),
    variables: str = typer.Option(None, "--variables", help="Bara dessa variabler (se 'fetch recipes')."),
    dry_run: bool = _DRY, offline: bool = _OFF, refresh: bool = _REFRESH, record: str = _RECORD,
    replace: bool = _REPLACE, fmt: str = _FMT,
) -> None:
    """Hämta SCB-statistik för en kommun på DeSO-, RegSO- eller kommunnivå (utan tabell-id)."""
    from lagesbild.services import sources as svc

    s = settings()
    kw: dict[str, Any] = dict(kommuner=parse_list(kommun), level=level, topics=parse_list(topics),
                              years=parse_years(years), variables=parse_list(variables))
    clients = svc.make_clients(s, offline=offline, refresh=refresh, record=record, on_call=_announce_wait)
    try:
        plan = svc.fetch_scb(store(), s, dry_run=True, clients=clients, **kw)
        if dry_run:
            _report(plan, fmt, True)
            return
        bar = _Bar(plan["requests"], fmt != "json")
        try:
            summary = svc.fetch_scb(store(), s, replace=replace, progress=bar, clients=clients, **kw)
        finally:
            bar.close()
        _report(summary, fmt, False)
    finally:
        clients.close()


@fetch_app.command("kolada")
def kolada(
    kpi: str = typer.Option(..., "--kpi", help="KPI-id, t.ex. N15428,N00945."),
    kommun: str = typer.Option(..., "--kommun", help="Kommunkod(er)."),
    years: str = typer.Option(None, "--years", help="T.ex. 2015-2024."),
    no_riket: bool = typer.Option(False, "--no-riket", help="Hämta inte Riket (0000) som jämförelse."),
    dry_run: bool = _DRY, offline: bool = _OFF, refresh: bool = _REFRESH, record: str = _RECORD,
    replace: bool = _REPLACE, fmt: str = _FMT,
) -> None:
    """Hämta nyckeltal från Kolada för kommuner (och Riket), per kön där det finns."""
    from lagesbild.services import sources as svc

    s = settings()
    bar = _Bar(0 if dry_run else 1, fmt != "json")
    try:
        summary = svc.fetch_kolada(store(), s, kpis=parse_list(kpi) or [], kommuner=parse_list(kommun) or [],
                                   years=parse_years(years), include_riket=not no_riket, dry_run=dry_run,
                                   offline=offline, refresh=refresh, record=record, replace=replace,
                                   progress=bar)
    finally:
        bar.close()
    _report(summary, fmt, dry_run)


@fetch_app.command("tables")
def tables(search: str = typer.Option(..., "--search", help="Sökord, t.ex. \"ekonomisk standard DeSO\"."),
           offline: bool = _OFF, fmt: str = _FMT) -> None:
    """Sök SCB-tabeller (id, titel, perioder)."""
    from lagesbild.services import sources as svc

    emit(svc.search_tables(settings(), search, offline=offline), fmt)


@fetch_app.command("recipes")
def recipes(fmt: str = _FMT) -> None:
    """Lista recepten: vilka tabeller som ger vilka variabler, och på vilka nivåer."""
    from lagesbild.services import sources as svc

    emit(svc.list_recipes(), fmt)


@fetch_app.command("valmyndigheten")
def valmyndigheten(file: str = typer.Argument(..., help="Valmyndighetens resultatfil per valdistrikt (xlsx/csv)."),
                   election: str = typer.Option(None, "--election", help="riksdag, region eller kommun."),
                   year: int = typer.Option(None, "--year"), replace: bool = _REPLACE, fmt: str = _FMT,
                   granser: str = typer.Option(None, "--granser", help=t("valnyckel.cli_granser", "sv")),
                   nyckel: str = typer.Option(None, "--nyckel", help=t("valnyckel.cli_nyckel", "sv"))) -> None:
    """Läs in valdeltagande per kommun från Valmyndighetens fil per valdistrikt (per DeSO med --granser)."""
    from lagesbild.services import sources as svc

    emit(svc.import_election_file(store(), file, election=election, year=year, replace=replace, boundaries=granser,
                                  key_out=nyckel), fmt)


@fetch_app.command("skolverket")
def skolverket(file: str = typer.Argument(None, help="Skolverkets export per skolenhet (csv)."),
               kommun: str = typer.Option(None, "--kommun", help=t("skola.cli_fetch_kommun", "sv")),
               year: int = typer.Option(None, "--year"), offline: bool = _OFF, refresh: bool = _REFRESH,
               record: str = _RECORD, replace: bool = _REPLACE, fmt: str = _FMT) -> None:
    """Hämta skolenheter och resultat från Skolverkets API (--kommun) eller läs en statistikexport (fil)."""
    if kommun:
        from lagesbild.services import skola as skola_svc

        emit(skola_svc.fetch_skolverket(store(), settings(), kommun=kommun, offline=offline, refresh=refresh,
                                        record=record, replace=replace), fmt)
        return
    if not file:
        from lagesbild.errors import InputError
        from lagesbild.i18n import pair

        raise InputError(*pair("skola.fetch_needs_kommun"))
    from lagesbild.services import sources as svc

    emit(svc.import_school_export(store(), file, year=year, replace=replace), fmt)


def _area_report(summary: dict, fmt: str, dry_run: bool) -> None:
    """Print the plan (dry run) or the summary of a ``fetch kommun|lan|riket`` run."""
    import json

    from lagesbild.i18n import t

    lang = settings().lang
    if fmt == "json":
        typer.echo(json.dumps(summary["plan"] if dry_run else summary, ensure_ascii=False, indent=1, default=str))
        return
    if dry_run:
        rows = [{"kalla": p["kalla"], "tabell/lager": p.get("tabell") or p.get("lager"), "niva": p["niva"],
                 "celler": p["celler"], "anrop": p["anrop"], "status": p["status"]} for p in summary["plan"]]
        emit(rows, fmt, title=t("fetch.cli_plan_title", lang))
        typer.echo(t("fetch.cli_dry_run", lang, calls=summary["anrop"], cells=summary["celler"],
                     seconds=round(summary["minsta_tid_s"])))
        return
    rows = [{"kalla": r["kalla"], "tabell/lager": r.get("tabell") or r.get("lager"), "niva": r["niva"],
             "status": t(f"fetch.status_{r['status']}", lang), "varden": r["varden"], "orsak": r["orsak"]}
            for r in summary["rader"]]
    emit(rows, fmt, title=t("fetch.cli_summary_title", lang))
    w = summary.get("skrivet") or {}
    typer.echo(t("fetch.cli_summary", lang, fetched=summary["hamtade"], not_published=summary["ej_publicerade"],
                 failed=summary["misslyckade"], calls=summary["natverksanrop"],
                 new=w.get("observations_inserted", 0), unchanged=w.get("observations_unchanged", 0),
                 geoms=summary["geometrier"], suppressed=summary["undertryckta_celler"]))


def _fetch_area(scope: str, code: str | None, years: str | None, dry_run: bool, offline: bool, refresh: bool,
                no_schools: bool, fmt: str) -> None:
    from lagesbild.services import fetch_area as fa

    s = settings()
    kw: dict[str, Any] = dict(scope=scope, code=code, years=parse_years(years), offline=offline,
                              refresh=refresh, schools=not no_schools, lang=s.lang)
    plan = fa.fetch_area(store(), s, dry_run=True, **kw)
    if dry_run:
        _area_report(plan, fmt, True)
        return
    bar = _Bar(plan["anrop"], fmt != "json")
    try:
        summary = fa.fetch_area(store(), s, progress=bar, **kw)
    finally:
        bar.close()
    _area_report(summary, fmt, False)


_YEARS = typer.Option(None, "--years", help="T.ex. 2019-2024 (standard: senaste året i varje tabell).")
_NO_SCHOOLS = typer.Option(False, "--utan-skolor", help="Hämta inte skolenheterna från Skolverket.")


@fetch_app.command("kommun")
def kommun_(code: str = typer.Argument(..., help="Kommunkod, t.ex. 1780."), years: str = _YEARS,
            dry_run: bool = _DRY, offline: bool = _OFF, refresh: bool = _REFRESH, no_schools: bool = _NO_SCHOOLS,
            fmt: str = _FMT) -> None:
    """Hämta allt för en kommun: gränser, alla recept på DeSO och RegSO, Kolada, skolor (en transaktion)."""
    _fetch_area("kommun", code, years, dry_run, offline, refresh, no_schools, fmt)


@fetch_app.command("lan")
def lan_(code: str = typer.Argument(..., help="Länskod, t.ex. 17."), years: str = _YEARS, dry_run: bool = _DRY,
         offline: bool = _OFF, refresh: bool = _REFRESH, no_schools: bool = _NO_SCHOOLS, fmt: str = _FMT) -> None:
    """Hämta allt för alla kommuner i ett län (inom SCB:s gränser; kan återupptas)."""
    _fetch_area("lan", code, years, dry_run, offline, refresh, no_schools, fmt)


@fetch_app.command("riket")
def riket_(years: str = _YEARS, dry_run: bool = _DRY, offline: bool = _OFF, refresh: bool = _REFRESH,
           no_schools: bool = _NO_SCHOOLS, fmt: str = _FMT) -> None:
    """Hämta allt för hela landet (inom SCB:s gränser; kan återupptas)."""
    _fetch_area("riket", None, years, dry_run, offline, refresh, no_schools, fmt)


def _announce_wait(event: str, url: str) -> None:
    """Show the wait when a server asks for one with Retry-After (capped by http_max_retry_after)."""
    if event.startswith("wait:"):
        typer.echo(t("cli.retry_after", settings().lang, seconds=event[5:]), err=True)


def register(app: typer.Typer) -> None:
    app.add_typer(fetch_app, name="fetch", help="Hämta data från SCB och Kolada.")
