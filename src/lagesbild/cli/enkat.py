"""CLI of the youth survey and the ANDT follow-up: ``lagesbild enkat …`` (thin; calls services.enkat)."""

from __future__ import annotations

from pathlib import Path

import typer

from lagesbild.cli._common import emit, settings, store
from lagesbild.i18n import t
from lagesbild.services import enkat as svc

__all__ = ["register"]


def _lang() -> str:
    return settings().lang


def register(app: typer.Typer) -> None:
    enk = typer.Typer(no_args_is_help=True,
                      help="Ungdomsenkät: risk- och skyddsfaktorer, trender, prioriteringar; ANDT-uppföljning.")
    app.add_typer(enk, name="enkat")

    @enk.command("exempel")
    def exempel(kommun: str = typer.Option(..., "--kommun"), year: int = typer.Option(..., "--year"),
                out: Path = typer.Option(..., "--out", help="CSV-fil att skriva."),
                codebook_out: Path = typer.Option(..., "--codebook-out", help="Kodbok (YAML) att skriva."),
                seed: int = typer.Option(1, "--seed"), fmt: str = typer.Option("table", "--format")) -> None:
        """Skriv en syntetisk exempelenkät (CSV) och dess kodbok (YAML)."""
        emit(svc.exempel(kommun, year, out, codebook_out, seed=seed), fmt)

    @enk.command("import")
    def import_(file: Path = typer.Argument(..., help="CSV, Excel (.xlsx) eller SPSS (.sav)."),
                codebook: Path = typer.Option(..., "--codebook", help="Kodbok (YAML)."),
                kommun: str = typer.Option(..., "--kommun"), year: int = typer.Option(..., "--year"),
                katalog: Path = typer.Option(None, "--katalog", help="Egna skalor (YAML) utöver de inbyggda."),
                replace: bool = typer.Option(False, "--replace", help="Ersätt en redan inläst enkät."),
                fmt: str = typer.Option("table", "--format")) -> None:
        """Läs in en enkät (allt eller inget; samma fil två gånger ändrar inget)."""
        emit(svc.import_survey(store(), file, codebook, kommun=kommun, year=year, catalogue_file=katalog,
                               replace=replace), fmt)

    @enk.command("profil")
    def profil(kommun: str = typer.Option(..., "--kommun"), year: int = typer.Option(..., "--year"),
               by: str = typer.Option(None, "--by", help="skola, kon, arskurs eller omrade (flera med komma)."),
               katalog: Path = typer.Option(None, "--katalog"), fmt: str = typer.Option("table", "--format")) -> None:
        """Andel över gränsvärdet per faktor (med 95 % KI), per grupp; små grupper döljs."""
        res = svc.profil(store(), settings(), kommun=kommun, year=year, by=by, catalogue_file=katalog, lang=_lang())
        if fmt == "json":
            emit(res["rader"], "json")
            return
        emit(svc.display_profile(res["rader"], _lang()), fmt,
             title=f"{res['enkat']} – {kommun} {year} (n = {res['n']})")
        typer.echo(t("enkat.suppressed_note", _lang(), min_n=res["min_n"]))

    @enk.command("prioriteringar")
    def prioriteringar(kommun: str = typer.Option(..., "--kommun"), year: int = typer.Option(..., "--year"),
                       referens: str = typer.Option(None, "--referens", help="Referensnivå, t.ex. riket eller lan."),
                       fmt: str = typer.Option("table", "--format")) -> None:
        """Faktorer rangordnade efter nivå och avstånd till referensen, med insatserna som riktar sig mot dem."""
        res = svc.prioriteringar(store(), settings(), kommun=kommun, year=year, reference=referens, lang=_lang())
        if fmt == "json":
            emit(res["faktorer"], "json")
            return
        emit(svc.display_priorities(res["faktorer"], _lang()), fmt, title=f"{res['enkat']} – {kommun} {year}")
        typer.echo(res["lucktext"])

    @enk.command("trend")
    def trend(kommun: str = typer.Option(..., "--kommun"), year: int = typer.Option(..., "--year"),
              fore: int = typer.Option(None, "--fore", help="Jämförelseår (standard: föregående enkät)."),
              by: str = typer.Option(None, "--by"), fmt: str = typer.Option("table", "--format")) -> None:
        """Förändring sedan föregående enkät, med 95 % KI för skillnaden."""
        res = svc.trend(store(), settings(), kommun=kommun, year=year, year_before=fore, by=by, lang=_lang())
        emit(res["rader"], fmt)

    @enk.command("referens")
    def referens(file: Path = typer.Argument(..., help="CSV: ar, faktor, niva, andel[, n][, kalla]."),
                 fmt: str = typer.Option("table", "--format")) -> None:
        """Läs in referensvärden (län, riket) att jämföra med."""
        emit(svc.import_reference(store(), file), fmt)

    @enk.command("svarsfrekvens")
    def svarsfrekvens(kommun: str = typer.Option(..., "--kommun"), year: int = typer.Option(..., "--year"),
                      fmt: str = typer.Option("table", "--format")) -> None:
        """Svarande, inskrivna och svarsfrekvens per skola och årskurs."""
        emit(svc.response_rates(store(), kommun=kommun, year=year), fmt)

    @enk.command("vagor")
    def vagor(kommun: str = typer.Option(..., "--kommun"), fmt: str = typer.Option("table", "--format")) -> None:
        """Inlästa enkäter för en kommun."""
        emit(svc.waves(store(), kommun), fmt)

    @enk.command("skalor")
    def skalor(fmt: str = typer.Option("table", "--format")) -> None:
        """Skalkatalogen: faktorer, frågor, gränsvärden och källor."""
        rows = svc.catalogue_rows(_lang())
        emit(rows if fmt == "json" else [{k: v for k, v in r.items() if k != "items"} for r in rows], fmt)

    @enk.command("rapport")
    def rapport(kommun: str = typer.Option(..., "--kommun"), year: int = typer.Option(..., "--year"),
                out: Path = typer.Option(..., "--out", help="Mapp att skriva rapporten till."),
                formats: str = typer.Option("html,pdf,docx", "--formats", help="html, pdf och/eller docx."),
                fmt: str = typer.Option("table", "--format")) -> None:
        """Skriv en fristående enkätrapport (HTML, PDF, Word)."""
        res = svc.rapport(store(), settings(), kommun=kommun, year=year, out=out,
                          formats=tuple(f.strip() for f in formats.split(",") if f.strip()), lang=_lang())
        emit({"enkat": res["enkat"], **res["paths"]}, fmt)

    @enk.command("andt")
    def andt(kommun: str = typer.Option(..., "--kommun"), fmt: str = typer.Option("json", "--format")) -> None:
        """ANDT-uppföljning: policyer (försenad revision markerad), tillsyn per år och självskattningar."""
        emit(svc.andt_overview(store(), kommun, lang=_lang()), "json" if fmt == "json" else fmt)

    @enk.command("andt-policy")
    def andt_policy(kommun: str = typer.Option(..., "--kommun"), dokument: str = typer.Option(..., "--dokument"),
                    agare: str = typer.Option(..., "--agare", help="Ansvarig nämnd eller förvaltning."),
                    antagen: str = typer.Option(None, "--antagen", help="ÅÅÅÅ-MM-DD"),
                    nasta_revision: str = typer.Option(None, "--nasta-revision", help="ÅÅÅÅ-MM-DD"),
                    mal: str = typer.Option("", "--mal"), uppfoljning: str = typer.Option("", "--uppfoljning"),
                    lank: str = typer.Option("", "--lank"), policy_id: int = typer.Option(None, "--id"),
                    fmt: str = typer.Option("table", "--format")) -> None:
        """Lägg till (eller med --id ändra) en ANDT-policy i registret."""
        emit(svc.policy_add(store(), {"kommun": kommun, "dokument": dokument, "agare": agare, "antagen": antagen,
                                      "nasta_revision": nasta_revision, "mal": mal, "uppfoljning": uppfoljning,
                                      "lank": lank}, policy_id), fmt)

    @enk.command("andt-policyer")
    def andt_policyer(kommun: str = typer.Option(..., "--kommun"), fmt: str = typer.Option("table", "--format")) -> None:
        """Lista ANDT-policyer; de som passerat revisionsdatum markeras som försenade."""
        emit(svc.policy_list(store(), kommun), fmt)

    @enk.command("andt-tillsyn")
    def andt_tillsyn(kommun: str = typer.Option(..., "--kommun"), year: int = typer.Option(..., "--year"),
                     alkohol: int = typer.Option(None, "--alkohol"), alkohol_kvall: int = typer.Option(None, "--alkohol-kvall"),
                     folkol: int = typer.Option(None, "--folkol"), tobak: int = typer.Option(None, "--tobak"),
                     receptfria: int = typer.Option(None, "--receptfria"),
                     fmt: str = typer.Option("table", "--format")) -> None:
        """Registrera årets antal tillsynsbesök (alkohol- och tobakslagen)."""
        counts = {k: v for k, v in {"alkohol": alkohol, "alkohol_kvall": alkohol_kvall, "folkol": folkol,
                                    "tobak": tobak, "receptfria": receptfria}.items() if v is not None}
        svc.tillsyn_set(store(), kommun, year, counts)
        emit(svc.tillsyn_list(store(), kommun, _lang()), fmt)
