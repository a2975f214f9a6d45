"""CLI of the insats registry: ``insatser``, ``tackning``, ``kedja``, ``malkedja``,
``sjalvskattning`` and ``anvandare`` (thin; every command calls one of the services
:mod:`~lagesbild.services.insatser`, :mod:`~lagesbild.services.tackning`,
:mod:`~lagesbild.services.kedjor`, :mod:`~lagesbild.services.sjalvskattning` and
:mod:`~lagesbild.services.accounts`)."""

from __future__ import annotations

import getpass
from pathlib import Path

import typer

from lagesbild.cli._common import emit, settings, store
from lagesbild.errors import InputError
from lagesbild.i18n import t

__all__ = ["register"]


def _who(name: str | None) -> str:
    return name or f"cli:{getpass.getuser()}"


def _df_or_empty(df, fmt, empty_key: str):
    if df is None or len(df) == 0:
        if fmt == "json":
            emit([], "json")
        else:
            typer.echo(t(empty_key, settings().lang))
        return
    emit(df, fmt)


def register(app: typer.Typer) -> None:
    ins = typer.Typer(no_args_is_help=True, help="Insatsregistret: förebyggande insatser, bibliotek, import/export.")
    app.add_typer(ins, name="insatser")

    @ins.command("list")
    def list_(
        kommun: str = typer.Option(None, "--kommun"),
        arena: str = typer.Option(None, "--arena"),
        niva: str = typer.Option(None, "--niva"),
        livsfas: str = typer.Option(None, "--livsfas"),
        tema: str = typer.Option(None, "--tema"),
        status: str = typer.Option(None, "--status"),
        omrade: str = typer.Option(None, "--omrade"),
        text: str = typer.Option(None, "--text"),
        rct: bool = typer.Option(False, "--rct", help="Bara insatser med evidens 'RCT eller bättre'."),
        fmt: str = typer.Option("table", "--format"),
    ) -> None:
        """Lista insatser (med filter)."""
        from lagesbild.services import insatser as svc

        rows = svc.list_insatser(
            store(),
            kommun,
            arena=arena,
            level=niva,
            stage=livsfas,
            theme=tema,
            status=status,
            area=omrade,
            text=text,
            rct_or_better=rct,
        )
        _df_or_empty(rows, fmt, "cli.no_insatser")

    @ins.command("show")
    def show(insats_id: str = typer.Argument(...), fmt: str = typer.Option("table", "--format")) -> None:
        """Visa en insats med evidens och räckvidd."""
        from lagesbild.services import insatser as svc

        info = svc.show_insats(store(), insats_id)
        if fmt == "json":
            emit(info, "json")
            return
        i, lab = info["insats"], info["labels"]
        if info["exempel"]:
            typer.echo(f"[{i['example_label']}]")
        typer.echo(f"{i['name']} ({i['id']}, kommun {i['kommun']}) – {lab['status']}")
        typer.echo(f"  Ansvarig: {i['organisation']}{' / ' + i['unit'] if i['unit'] else ''}")
        for k, v in (
            ("Arena", lab["arenas"]),
            ("Nivå", lab["levels"]),
            ("Livsfaser", lab["life_stages"]),
            ("Tema", lab["themes"]),
            ("Faktorer", lab["factors"]),
            ("Partner", lab["partners"]),
        ):
            typer.echo(f"  {k}: {', '.join(v) or '–'}")
        typer.echo(f"  Var: {'hela kommunen' if i['scope'] == 'kommun' else ', '.join(a['code'] for a in i['areas'])}")
        typer.echo(f"  Evidens: {info['evidens_text']}")
        for e in info["evidens"]:
            typer.echo(f"    - {e['nivå']}: {e['källa']} {e['länk']}")
        typer.echo("  Räckvidd: " + ("okänd (inga uppgifter)" if not info["rackvidd"] else ""))
        for r in info["rackvidd"]:
            typer.echo(f"    - {r['år']}: {r['deltagare']} ({r['område']}, {r['livsfas']})")
        if i["sources"]:
            typer.echo("  Källor: " + "; ".join(i["sources"]))

    @ins.command("import")
    def import_(
        file: Path = typer.Argument(..., help="Excel (.xlsx), CSV eller JSON."),
        anvandare: str = typer.Option(None, "--anvandare", help="Namn i ändringsloggen."),
        fmt: str = typer.Option("table", "--format"),
    ) -> None:
        """Läs in insatser (validerat rad för rad; allt eller inget)."""
        from lagesbild.services import insatser as svc

        res = svc.import_insatser(store(), file, _who(anvandare))
        emit({"nya": len(res["created"]), "ändrade": len(res["updated"]), "oförändrade": len(res["unchanged"])}, fmt)

    @ins.command("export")
    def export(
        out: Path = typer.Argument(..., help="Fil: .xlsx, .csv eller .json."),
        kommun: str = typer.Option(None, "--kommun"),
    ) -> None:
        """Exportera insatser till Excel/CSV/JSON (samma format som importen)."""
        from lagesbild.services import insatser as svc

        files = svc.export_insatser(store(), out, kommun)
        typer.echo(t("cli.wrote_files", settings().lang, files=", ".join(str(f) for f in files)))

    @ins.command("mall")
    def template(out: Path = typer.Argument(..., help="Fil: .xlsx eller .csv.")) -> None:
        """Skriv en tom mall med svenska rubriker och ordlistor."""
        from lagesbild.services import insatser as svc

        files = svc.write_template(out)
        typer.echo(t("cli.wrote_files", settings().lang, files=", ".join(str(f) for f in files)))

    @ins.command("adopt")
    def adopt(
        program: str = typer.Argument(..., help="Program-id i biblioteket (se 'insatser bibliotek')."),
        kommun: str = typer.Option(..., "--kommun"),
        organisation: str = typer.Option(..., "--organisation"),
        anvandare: str = typer.Option(None, "--anvandare"),
    ) -> None:
        """Inför ett program ur biblioteket i kommunens register i ett steg."""
        from lagesbild.services import insatser as svc

        i = svc.adopt_programme(store(), program, kommun, organisation, _who(anvandare))
        typer.echo(t("cli.created_insats", settings().lang, id=i.id, name=i.name))

    @ins.command("bibliotek")
    def bibliotek(fmt: str = typer.Option("table", "--format")) -> None:
        """Visa programbiblioteket."""
        from lagesbild.services import insatser as svc

        emit(svc.library_table(settings().lang), fmt)

    @ins.command("exempel")
    def exempel(
        kommun: str = typer.Option(None, "--kommun", help="0127, 0136, 0126 eller 1480; standard alla."),
    ) -> None:
        """Läs in exempelregistren (byggda på offentliga uppgifter)."""
        from lagesbild.services import insatser as svc

        res = svc.load_examples(store(), [kommun] if kommun else None)
        typer.echo(
            t(
                "cli.examples_loaded",
                settings().lang,
                created=len(res["created"]),
                updated=len(res["updated"]),
                unchanged=len(res["unchanged"]),
            )
        )

    @ins.command("logg")
    def logg(
        insats_id: str = typer.Option(None, "--id"),
        kommun: str = typer.Option(None, "--kommun"),
        limit: int = typer.Option(50, "--antal"),
        fmt: str = typer.Option("table", "--format"),
    ) -> None:
        """Visa ändringsloggen (vem, när, vad)."""
        from lagesbild.services import insatser as svc

        df = svc.audit_log(store(), object_id=insats_id, kommun=kommun, limit=limit)
        if fmt == "table":
            df = df.drop(columns=["before_json", "after_json"])
        _df_or_empty(df, fmt, "cli.log_empty")

    @app.command("tackning")
    def tackning(
        kommun: str = typer.Option(..., "--kommun"),
        area: str = typer.Option(None, "--area"),
        year: int = typer.Option(None, "--year"),
        max_type: int = typer.Option(2, "--max-typ"),
        livsfas: str = typer.Option(None, "--livsfas", help="Bara en livsfas, t.ex. förskola."),
        arena: str = typer.Option(None, "--arena", help="Bara en arena, t.ex. skola."),
        fmt: str = typer.Option("table", "--format"),
    ) -> None:
        """Behov mot räckvidd: täckning per arena × livsfas × nivå och luckor i områden med stora behov."""
        from lagesbild.services import tackning as coverage

        res = coverage.tackning(
            store(), kommun, area=area, year=year, max_type=max_type, livsfas=livsfas, arena=arena, lang=settings().lang
        )
        if fmt == "json":
            emit({k: (v.to_dict("records") if hasattr(v, "to_dict") else v) for k, v in res.items()}, "json")
            return
        if fmt == "csv":  # the coverage table with its stable keys (docs/methods/prevention.md)
            _df_or_empty(res["coverage"], fmt, "cli.no_insatser_reach")
            return
        typer.echo(res["note"])
        cov = res["coverage"]
        if len(cov):
            cov = cov[
                [
                    "arena_label",
                    "stage_label",
                    "level_label",
                    "n_insatser",
                    "reach_status",
                    "participants_text",
                    "target_population",
                    "coverage_text",
                    "note",
                ]
            ].rename(
                columns={
                    "arena_label": "arena",
                    **{
                        col: t(f"cli.col.{key}", settings().lang)
                        for col, key in (
                            ("stage_label", "life_stage"),
                            ("level_label", "level"),
                            ("n_insatser", "n_insatser"),
                            ("reach_status", "reach"),
                            ("participants_text", "participants"),
                            ("target_population", "target"),
                            ("coverage_text", "coverage"),
                            ("note", "note"),
                        )
                    },
                }
            )
        _df_or_empty(cov, fmt, "cli.no_insatser_reach")
        gaps = res["gaps"]
        if len(gaps):
            typer.echo(t("cli.gaps_ranked", settings().lang))
            emit(
                gaps[["rank", "area_name", "omradestyp", "dimension", "value_label", "gap", "n_insatser"]].head(40), fmt
            )

    @app.command("kedja")
    def kedja(
        kommun: str = typer.Option(..., "--kommun"),
        area: str = typer.Option(None, "--area"),
        fmt: str = typer.Option("table", "--format"),
    ) -> None:
        """Livsförloppskedjan: universella, selektiva och indikerade insatser per livsfas."""
        from lagesbild.services import kedjor

        ch = kedjor.kedja(store(), kommun, area)
        if fmt == "json":
            emit(ch, "json")
            return
        typer.echo(f"{ch['kommun_name']}{' – ' + ch['area_name'] if ch['area'] else ''}")
        emit(kedjor.chain_table(ch), fmt)

    @app.command("malkedja")
    def malkedja_cmd(kommun: str = typer.Option(..., "--kommun"), fmt: str = typer.Option("table", "--format")) -> None:
        """Målkedjan: insatser utan indikatorer, indikatorer utan insatser, trafikljus."""
        from lagesbild.services import kedjor

        rep = kedjor.malkedja_report(store(), kommun)
        if fmt == "json":
            emit(rep, "json")
            return
        emit(rep["summary"], fmt)
        for key, title in (
            ("insatser_utan_indikator", "Insatser utan indikator"),
            ("indikatorer_utan_insats", "Indikatorer utan insats"),
            ("indikatorer", "Indikatorer"),
        ):
            if rep[key]:
                typer.echo(title + ":")
                emit(rep[key], fmt)

    sj = typer.Typer(no_args_is_help=True, help="Självskattning enligt CAN:s struktur (inte CAN:s officiella index).")
    app.add_typer(sj, name="sjalvskattning")

    @sj.command("spara")
    def sj_save(
        kommun: str = typer.Option(..., "--kommun"),
        year: int = typer.Option(..., "--ar"),
        fil: Path = typer.Option(..., "--fil", help="YAML/JSON med svar: fråge-id: svar."),
        anvandare: str = typer.Option(None, "--anvandare"),
        fmt: str = typer.Option("table", "--format"),
    ) -> None:
        """Spara ett års självskattning och visa poängen."""
        import yaml

        from lagesbild.services import sjalvskattning

        try:
            answers = yaml.safe_load(fil.read_text(encoding="utf-8")) or {}
        except (OSError, yaml.YAMLError) as exc:
            raise InputError(f"Filen {fil} kan inte läsas: {exc}.", f"The file {fil} cannot be read: {exc}.") from None
        doc = sjalvskattning.save_selfassessment(store(), kommun, year, answers, _who(anvandare))
        typer.echo(doc["result"]["label"])
        emit(
            [
                {"kategori": c["namn"], "poäng": c["score"], "max": 20, "obesvarade": len(c["unanswered"])}
                for c in doc["result"]["categories"]
            ]
            + [{"kategori": "Totalt", "poäng": doc["result"]["total"], "max": 100, "obesvarade": None}],
            fmt,
        )

    @sj.command("jamfor")
    def sj_compare(kommun: str = typer.Option(..., "--kommun"), fmt: str = typer.Option("table", "--format")) -> None:
        """Jämför självskattningens poäng mellan år."""
        from lagesbild.services import sjalvskattning

        if fmt != "json":
            typer.echo(sjalvskattning.selfassessment_label())
        _df_or_empty(sjalvskattning.selfassessment_compare(store(), kommun), fmt, "cli.no_selfassessments")

    an = typer.Typer(no_args_is_help=True, help="Lokala konton för webbsidorna (läsare, redaktör, admin).")
    app.add_typer(an, name="anvandare")

    @an.command("skapa")
    def user_create(
        namn: str = typer.Argument(...),
        roll: str = typer.Option("lasare", "--roll"),
        anvandare: str = typer.Option(None, "--anvandare"),
    ) -> None:
        """Skapa ett konto; lösenordet frågas efter (eller LAGESBILD_NYTT_LOSENORD)."""
        import os

        from lagesbild.services import accounts

        pw = os.environ.get("LAGESBILD_NYTT_LOSENORD") or typer.prompt(
            "Lösenord", hide_input=True, confirmation_prompt=True
        )
        u = accounts.create_user(store(), namn, pw, roll, _who(anvandare))
        typer.echo(t("cli.user_created", settings().lang, user=u.username, role=u.role))

    @an.command("inaktivera")
    def user_deactivate(namn: str = typer.Argument(...), anvandare: str = typer.Option(None, "--anvandare")) -> None:
        """Inaktivera ett konto; kontots sessioner avslutas direkt."""
        from lagesbild.services import accounts

        accounts.deactivate_user(store(), namn, _who(anvandare))
        typer.echo(t("cli.user_deactivated", settings().lang, user=namn))

    @an.command("aterstall-losenord")
    def user_reset(namn: str = typer.Argument(...), anvandare: str = typer.Option(None, "--anvandare")) -> None:
        """Ge kontot ett nytt slumpat lösenord (visas en gång); kontots sessioner avslutas."""
        from lagesbild.services import accounts

        new = accounts.reset_password(store(), namn, _who(anvandare))
        typer.echo(t("cli.user_new_password", settings().lang, user=namn, password=new))

    @an.command("lista")
    def user_list(fmt: str = typer.Option("table", "--format")) -> None:
        """Lista konton."""
        from lagesbild.services import accounts

        _df_or_empty(
            [{"användare": u.username, "roll": u.role, "aktiv": u.active} for u in accounts.list_users(store())],
            fmt,
            "cli.no_accounts",
        )
