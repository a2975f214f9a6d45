"""CLI of the crime-prevention lägesbild: ``lagesbild brott …`` (thin; every command calls services.brott)."""

from __future__ import annotations

import getpass
import json
from pathlib import Path

import typer

from lagesbild.i18n import t

__all__ = ["register"]


def _h(key: str) -> str:
    return t(f"brott.cli.{key}", "sv")


def _ops():
    from lagesbild.cli._common import settings
    from lagesbild.services.brott import open_ops

    return open_ops(settings())


def _emit(data, fmt: str) -> None:
    from lagesbild.cli._common import emit

    emit(data, fmt)


def register(app: typer.Typer) -> None:
    br = typer.Typer(no_args_is_help=True, help=_h("help"))
    app.add_typer(br, name="brott")
    hand = typer.Typer(no_args_is_help=True, help=_h("handelser_help"))
    br.add_typer(hand, name="handelser")
    plan = typer.Typer(no_args_is_help=True, help=_h("plan_help"))
    br.add_typer(plan, name="plan")
    lofte = typer.Typer(no_args_is_help=True, help=_h("lofte_help"))
    br.add_typer(lofte, name="lofte")
    roll = typer.Typer(no_args_is_help=True, help=_h("roll_help"))
    br.add_typer(roll, name="roll")
    medlem = typer.Typer(no_args_is_help=True, help=_h("medlem_help"))
    br.add_typer(medlem, name="medlem")

    @br.command("statistik", help=_h("cmd_br_statistik"))
    def statistik(kommun: str = typer.Option(..., "--kommun", help=_h("opt_kommun")),
                  years: str = typer.Option(None, "--years", help=_h("opt_years")),
                  jamfor: bool = typer.Option(False, "--jamfor", help=_h("opt_jamfor")),
                  fmt: str = typer.Option("table", "--format", help=_h("opt_format"))) -> None:
        """Brås kommunindikatorer (NTU med intervall, anmälda brott) och Kolada N07540 för en kommun."""
        from lagesbild.cli._common import parse_years, settings, store
        from lagesbild.services.brott import statistik as run

        rows = run(store(), kommun, years=parse_years(years), min_respondents=settings().brott_min_svarande,
                   geografi=["Dalarnas län", "Hela landet"] if jamfor else None)
        _emit(rows, fmt)

    @br.command("utsatta-import", help=_h("uso_import_help"))
    def utsatta_import(fil: Path = typer.Argument(..., help=_h("opt_uso_file"))) -> None:
        from lagesbild.cli._common import settings, store
        from lagesbild.services.brott import import_utsatta

        res = import_utsatta(store(), fil)
        cats = ", ".join(f"{k}: {v}" for k, v in res["kategorier"].items())
        typer.echo(t("brott.cli.uso_imported", settings().lang, n=res["antal"], cats=cats))

    @br.command("utsatta", help=_h("cmd_br_utsatta"))
    def utsatta(kommun: str = typer.Option(..., "--kommun", help=_h("opt_kommun")),
                fil: Path = typer.Option(None, "--fil", help=_h("opt_uso_file")),
                fmt: str = typer.Option("table", "--format", help=_h("opt_format"))) -> None:
        """Polisens utsatta områden i kommunen och de DeSO/RegSO de överlappar, med andelar."""
        from lagesbild.cli._common import store
        from lagesbild.services.brott import utsatta as run

        rows = run(store(), kommun, path=fil)
        if fmt == "json":
            _emit(rows, "json")
            return
        flat = [{"namn": u["namn"], "kategori": u["kategori"], "niva": a["niva"], "kod": a["kod"],
                 "omrade": a["namn"], "andel_av_omradet": a["andel_av_omradet"],
                 "andel_befolkning": a["andel_befolkning"]} for u in rows for a in u["omraden"]]
        if not flat:
            typer.echo(t("brott.cli.no_uso", "sv", kommun=kommun))
            return
        _emit(flat, fmt)

    @hand.command("import", help=_h("cmd_hand_import"))
    def import_(fil: Path = typer.Argument(..., help=_h("arg_file")),
                kommun: str = typer.Option(..., "--kommun", help=_h("opt_kommun")),
                organisation: str = typer.Option(..., "--organisation", help=_h("opt_org")),
                anvandare: str = typer.Option(None, "--anvandare", help=_h("opt_user")),
                fmt: str = typer.Option("table", "--format", help=_h("opt_format"))) -> None:
        """Importera händelser från CSV/Excel (granskas innan de räknas; personnummer stoppas)."""
        from lagesbild.cli._common import settings, store
        from lagesbild.services.brott_handelser import import_handelser

        res = import_handelser(store(), _ops(), fil, kommun=kommun, organisation=organisation,
                               user=anvandare or f"cli:{getpass.getuser()}", settings=settings(),
                               lang=settings().lang)
        for w in res["varningar"]:
            typer.echo(w, err=True)
        if fmt == "json":
            _emit(res, "json")
        else:
            typer.echo(t("brott.cli.imported", settings().lang, n=res["antal"], file=fil.name))

    @hand.command("list", help=_h("cmd_hand_list"))
    def list_(kommun: str = typer.Option(..., "--kommun", help=_h("opt_kommun")),
              organisation: str = typer.Option(None, "--organisation", help=_h("opt_org_filter")),
              status: str = typer.Option(None, "--status", help=_h("opt_status")),
              fmt: str = typer.Option("table", "--format", help=_h("opt_format"))) -> None:
        """Lista händelser (en organisations egna med --organisation)."""
        from lagesbild.services.brott_handelser import list_handelser

        df = list_handelser(_ops(), kommun=kommun, organisation=organisation, status=status)
        cols = ["id", "organisation", "observerad_fran", "kategori", "omrade", "plats", "status"]
        _emit(df[cols] if fmt != "json" else df, fmt)

    @hand.command("granska", help=_h("cmd_hand_granska"))
    def granska(ids: str = typer.Argument(..., help=_h("arg_ids")),
                beslut: str = typer.Option(..., "--beslut", help=_h("opt_decision")),
                granskare: str = typer.Option(None, "--granskare", help=_h("opt_reviewer"))) -> None:
        """Godkänn eller avvisa inskickade händelser (bara godkända räknas)."""
        from lagesbild.cli._common import parse_list, settings
        from lagesbild.services.brott_handelser import review_handelser

        n = review_handelser(_ops(), parse_list(ids) or [], decision=beslut,
                             reviewer=granskare or f"cli:{getpass.getuser()}", role="samordnare")
        typer.echo(t("brott.cli.reviewed", settings().lang, n=n, decision=beslut))

    @hand.command("aterkalla", help=_h("cmd_hand_aterkalla"))
    def aterkalla(handelse: int = typer.Argument(..., help=_h("arg_id")),
                  organisation: str = typer.Option(..., "--organisation", help=_h("opt_org"))) -> None:
        """Återkalla en egen händelse (fritexten raderas; den räknas inte längre)."""
        from lagesbild.cli._common import settings
        from lagesbild.services.brott_handelser import withdraw_handelse

        withdraw_handelse(_ops(), handelse, organisation=organisation)
        typer.echo(t("brott.cli.withdrawn", settings().lang, id=handelse))

    @br.command("lagesbild", help=_h("cmd_br_lagesbild"))
    def lagesbild(kommun: str = typer.Option(..., "--kommun", help=_h("opt_kommun")),
                  period: str = typer.Option(..., "--period", help=_h("opt_period")),
                  niva: str = typer.Option("regso", "--niva", help=_h("opt_level")),
                  fmt: str = typer.Option("table", "--format", help=_h("opt_format"))) -> None:
        """Lägesbild för en vecka, ett tertial eller ett år: antal, takter, förändringar, rangordnade områden."""
        from lagesbild.cli._common import settings, store
        from lagesbild.services.brott_lagesbild import lagesbild as run

        res = run(store(), _ops(), kommun=kommun, period=period, level=niva,
                  alpha=settings().brott_alfa)
        if fmt == "json":
            _emit(res, "json")
            return
        lang = settings().lang
        if res["markning"]:
            typer.echo(f"[{res['markning']}]")
        tot = res["totalt"]
        typer.echo(t("brott.cli.summary", lang, name=res["kommunnamn"], period=res["period"], n=tot["antal"],
                     prev=tot["antal_foregaende"], ly=tot["antal_forra_aret"], v1=tot["bedomning_foregaende"],
                     v2=tot["bedomning_forra_aret"]))
        if res["omraden"]:
            _emit([{k: a[k] for k in ("rang", "omrade", "namn", "antal", "per_1000", "bedomning_foregaende")}
                   for a in res["omraden"]], fmt)

    @br.command("rapport", help=_h("cmd_br_rapport"))
    def rapport(kommun: str = typer.Option(..., "--kommun", help=_h("opt_kommun")),
                year: int = typer.Option(..., "--year", help=_h("opt_year")),
                formats: str = typer.Option("html,pdf,docx", "--format", help=_h("opt_doc_format")),
                out: Path = typer.Option(Path("out"), "--out", help=_h("opt_out")),
                godkand_av: str = typer.Option(None, "--godkand-av", help=_h("opt_approver")),
                datum: str = typer.Option(None, "--datum", help=_h("opt_date"))) -> None:
        """Skriv lägesbilden över brottsligheten enligt lag (2023:196) 4 § (HTML, PDF, Word)."""
        from lagesbild.cli._common import parse_list, settings, store
        from lagesbild.services.brott_rapport import rapport as run

        res = run(store(), _ops(), kommun=kommun, year=year, formats=tuple(parse_list(formats) or ["html"]),
                  out=out, approver=godkand_av, datum=datum, alpha=settings().brott_alfa,
                  min_respondents=settings().brott_min_svarande)
        for fmt, p in res["paths"].items():
            typer.echo(f"{fmt:<5} {p}")
        typer.echo(t("brott.cli.report_done", settings().lang, version=res["version"], s=res["sekunder"]))

    @plan.command("spara", help=_h("cmd_plan_spara"))
    def plan_spara(fil: Path = typer.Argument(..., help=_h("arg_plan"))) -> None:
        """Spara en åtgärdsplan (JSON: fynd, orsaker, åtgärder) som ny version."""
        from lagesbild.cli._common import settings
        from lagesbild.errors import InputError
        from lagesbild.i18n import pair
        from lagesbild.services.brott_plan import save_plan

        try:
            content = json.loads(Path(fil).read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise InputError(*pair("brott.bad_plan", detail=f"{fil.name}: {type(exc).__name__}")) from None
        from lagesbild.cli._common import store

        res = save_plan(_ops(), content, store=store())
        typer.echo(t("brott.cli.plan_saved", settings().lang, **res))

    @plan.command("godkann", help=_h("cmd_plan_godkann"))
    def plan_godkann(kommun: str = typer.Option(..., "--kommun", help=_h("opt_kommun")),
                     year: int = typer.Option(..., "--year", help=_h("opt_year")),
                     av: str = typer.Option(..., "--av", help=_h("opt_approver"))) -> None:
        """Godkänn åtgärdsplanen (vägras om en åtgärd saknar koppling till ett fynd)."""
        from lagesbild.cli._common import settings
        from lagesbild.services.brott_plan import approve_plan

        res = approve_plan(_ops(), kommun=kommun, ar=year, approver=av)
        typer.echo(t("brott.cli.plan_approved", settings().lang, **res))

    @lofte.command("add", help=_h("cmd_lofte_add"))
    def lofte_add(kommun: str = typer.Option(..., "--kommun", help=_h("opt_kommun")),
                  text: str = typer.Option(..., "--text", help=_h("opt_text")),
                  ansvarig: str = typer.Option(..., "--ansvarig", help=_h("opt_owner")),
                  klart: str = typer.Option(None, "--klart", help=_h("opt_due")),
                  status: str = typer.Option("planerat", "--status", help=_h("opt_promise_status")),
                  kalla: str = typer.Option("medborgardialog", "--kalla", help=_h("opt_source")),
                  sammanfattning: str = typer.Option(None, "--sammanfattning", help=_h("opt_summary"))) -> None:
        """Lägg till ett medborgarlöfte."""
        from lagesbild.cli._common import settings
        from lagesbild.services.brott_plan import add_promise

        add_promise(_ops(), kommun=kommun, text=text, ansvarig=ansvarig, klart=klart, status=status, kalla=kalla,
                    sammanfattning=sammanfattning)
        typer.echo(t("brott.cli.saved", settings().lang))

    @lofte.command("list", help=_h("cmd_lofte_list"))
    def lofte_list(kommun: str = typer.Option(..., "--kommun", help=_h("opt_kommun")),
                   fmt: str = typer.Option("table", "--format", help=_h("opt_format"))) -> None:
        """Lista kommunens medborgarlöften."""
        from lagesbild.services.brott_plan import promises

        _emit(promises(_ops(), kommun=kommun), fmt)

    @roll.command("set", help=_h("cmd_roll_set"))
    def roll_set(kommun: str = typer.Option(..., "--kommun", help=_h("opt_kommun")),
                 namn: str = typer.Option(..., "--roll", help=_h("opt_role")),
                 innehavare: str = typer.Option(..., "--innehavare", help=_h("opt_holder")),
                 organisation: str = typer.Option(..., "--organisation", help=_h("opt_org"))) -> None:
        """Ange vem som har en roll i samordningsfunktionen."""
        from lagesbild.cli._common import settings
        from lagesbild.services.brott_plan import set_role

        set_role(_ops(), kommun=kommun, roll=namn, innehavare=innehavare, organisation=organisation)
        typer.echo(t("brott.cli.saved", settings().lang))

    @roll.command("list", help=_h("cmd_roll_list"))
    def roll_list(kommun: str = typer.Option(..., "--kommun", help=_h("opt_kommun")),
                  fmt: str = typer.Option("table", "--format", help=_h("opt_format"))) -> None:
        """Lista samordningsfunktionens roller."""
        from lagesbild.services.brott_plan import roles

        _emit(roles(_ops(), kommun=kommun), fmt)

    @medlem.command("set", help=_h("cmd_medlem_set"))
    def medlem_set(username: str = typer.Argument(..., help=_h("arg_user")),
                   kommun: str = typer.Option(..., "--kommun", help=_h("opt_kommun")),
                   organisation: str = typer.Option(..., "--organisation", help=_h("opt_org")),
                   roll_: str = typer.Option(..., "--roll", help=_h("opt_member_role"))) -> None:
        """Ge ett konto en organisation och en roll i händelserapporteringen."""
        from lagesbild.cli._common import settings
        from lagesbild.services.brott import set_member

        set_member(_ops(), username, organisation=organisation, roll=roll_, kommun=kommun)
        typer.echo(t("brott.cli.saved", settings().lang))
