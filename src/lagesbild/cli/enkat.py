"""CLI of the youth survey and the ANDT follow-up: ``lagesbild enkat …`` (thin; calls services.enkat)."""

from __future__ import annotations

from pathlib import Path

import typer

from lagesbild.cli._common import emit, settings, store
from lagesbild.cli._lazy import service
from lagesbild.i18n import t

svc = service("enkat")
andt_svc = service("andt")
rapport_svc = service("enkat_rapport")
referens_svc = service("enkat_referens")
visning_svc = service("enkat_visning")

__all__ = ["register"]


def _lang() -> str:
    return settings().lang


def register(app: typer.Typer) -> None:
    enk = typer.Typer(no_args_is_help=True, help=t("enkat.help.h00", "sv"))
    app.add_typer(enk, name="enkat")

    @enk.command("exempel", help=t("enkat.help.h01", "sv"))
    def exempel(
        kommun: str = typer.Option(..., "--kommun"),
        year: int = typer.Option(..., "--year"),
        out: Path = typer.Option(..., "--out", help=t("enkat.help.h15", "sv")),
        codebook_out: Path = typer.Option(..., "--codebook-out", help=t("enkat.help.h16", "sv")),
        seed: int = typer.Option(1, "--seed"),
        fmt: str = typer.Option("table", "--format"),
    ) -> None:
        emit(svc.exempel(kommun, year, out, codebook_out, seed=seed), fmt)

    @enk.command("import", help=t("enkat.help.h02", "sv"))
    def import_(
        file: Path = typer.Argument(..., help=t("enkat.help.h17", "sv")),
        codebook: Path = typer.Option(..., "--codebook", help=t("enkat.help.h18", "sv")),
        kommun: str = typer.Option(..., "--kommun"),
        year: int = typer.Option(..., "--year"),
        katalog: Path = typer.Option(None, "--katalog", help=t("enkat.help.h19", "sv")),
        replace: bool = typer.Option(False, "--replace", help=t("enkat.help.h20", "sv")),
        fmt: str = typer.Option("table", "--format"),
    ) -> None:
        emit(
            svc.import_survey(
                store(), file, codebook, kommun=kommun, year=year, catalogue_file=katalog, replace=replace
            ),
            fmt,
        )

    @enk.command("profil", help=t("enkat.help.h03", "sv"))
    def profil(
        kommun: str = typer.Option(..., "--kommun"),
        year: int = typer.Option(..., "--year"),
        by: str = typer.Option(None, "--by", help=t("enkat.help.h21", "sv")),
        katalog: Path = typer.Option(None, "--katalog"),
        fmt: str = typer.Option("table", "--format"),
    ) -> None:
        res = svc.profil(store(), settings(), kommun=kommun, year=year, by=by, catalogue_file=katalog, lang=_lang())
        if fmt == "json":
            emit(res["rader"], "json")
            return
        emit(
            visning_svc.display_profile(res["rader"], _lang()), fmt,
            title=f"{res['enkat']} – {kommun} {year} (n = {res['n']})",
        )
        typer.echo(t("enkat.suppressed_note", _lang(), min_n=res["min_n"]))

    @enk.command("prioriteringar", help=t("enkat.help.h04", "sv"))
    def prioriteringar(
        kommun: str = typer.Option(..., "--kommun"),
        year: int = typer.Option(..., "--year"),
        referens: str = typer.Option(None, "--referens", help=t("enkat.help.h22", "sv")),
        fmt: str = typer.Option("table", "--format"),
    ) -> None:
        res = svc.prioriteringar(store(), settings(), kommun=kommun, year=year, reference=referens, lang=_lang())
        if fmt == "json":
            emit(res["faktorer"], "json")
            return
        emit(visning_svc.display_priorities(res["faktorer"], _lang()), fmt, title=f"{res['enkat']} – {kommun} {year}")
        typer.echo(res["lucktext"])

    @enk.command("trend", help=t("enkat.help.h05", "sv"))
    def trend(
        kommun: str = typer.Option(..., "--kommun"),
        year: int = typer.Option(..., "--year"),
        fore: int = typer.Option(None, "--fore", help=t("enkat.help.h23", "sv")),
        by: str = typer.Option(None, "--by"),
        fmt: str = typer.Option("table", "--format"),
    ) -> None:
        res = svc.trend(store(), settings(), kommun=kommun, year=year, year_before=fore, by=by, lang=_lang())
        emit(res["rader"], fmt)

    @enk.command("referens", help=t("enkat.help.h06", "sv"))
    def referens(
        file: Path = typer.Argument(None, help=t("enkat.help.h24", "sv")),
        ar: int = typer.Option(None, "--ar", help=t("enkat.help.ref_entry", "sv")),
        faktor: str = typer.Option(None, "--faktor", help=t("enkat.help.ref_faktor", "sv")),
        niva: str = typer.Option(None, "--niva", help=t("enkat.help.ref_niva", "sv")),
        andel: str = typer.Option(None, "--andel", help=t("enkat.help.ref_andel", "sv")),
        n: int = typer.Option(None, "--n", help=t("enkat.help.ref_n", "sv")),
        kalla: str = typer.Option("", "--kalla", help=t("enkat.help.ref_kalla", "sv")),
        fmt: str = typer.Option("table", "--format"),
    ) -> None:
        if file is not None:
            emit(referens_svc.import_reference(store(), file), fmt)
            return
        emit(referens_svc.enter_reference(store(), ar=ar, faktor=faktor, niva=niva, andel=andel, n=n, kalla=kalla), fmt)

    @enk.command("svarsfrekvens", help=t("enkat.help.h07", "sv"))
    def svarsfrekvens(
        kommun: str = typer.Option(..., "--kommun"),
        year: int = typer.Option(..., "--year"),
        fmt: str = typer.Option("table", "--format"),
    ) -> None:
        emit(svc.response_rates(store(), kommun=kommun, year=year), fmt)

    @enk.command("vagor", help=t("enkat.help.h08", "sv"))
    def vagor(kommun: str = typer.Option(..., "--kommun"), fmt: str = typer.Option("table", "--format")) -> None:
        emit(svc.waves(store(), kommun), fmt)

    @enk.command("skalor", help=t("enkat.help.h09", "sv"))
    def skalor(fmt: str = typer.Option("table", "--format")) -> None:
        rows = visning_svc.catalogue_rows(_lang())
        emit(rows if fmt == "json" else [{k: v for k, v in r.items() if k != "items"} for r in rows], fmt)

    @enk.command("rapport", help=t("enkat.help.h10", "sv"))
    def rapport(
        kommun: str = typer.Option(..., "--kommun"),
        year: int = typer.Option(..., "--year"),
        out: Path = typer.Option(..., "--out", help=t("enkat.help.h25", "sv")),
        formats: str = typer.Option("html,pdf,docx", "--formats", help=t("enkat.help.h26", "sv")),
        fmt: str = typer.Option("table", "--format"),
    ) -> None:
        res = rapport_svc.rapport(
            store(),
            settings(),
            kommun=kommun,
            year=year,
            out=out,
            formats=tuple(f.strip() for f in formats.split(",") if f.strip()),
            lang=_lang(),
        )
        emit({"enkat": res["enkat"], **res["paths"]}, fmt)

    @enk.command("andt", help=t("enkat.help.h11", "sv"))
    def andt(kommun: str = typer.Option(..., "--kommun"), fmt: str = typer.Option("json", "--format")) -> None:
        emit(andt_svc.andt_overview(store(), kommun, lang=_lang()), "json" if fmt == "json" else fmt)

    @enk.command("andt-policy", help=t("enkat.help.h12", "sv"))
    def andt_policy(
        kommun: str = typer.Option(..., "--kommun"),
        dokument: str = typer.Option(..., "--dokument"),
        agare: str = typer.Option(..., "--agare", help=t("enkat.help.h27", "sv")),
        antagen: str = typer.Option(None, "--antagen", help="ÅÅÅÅ-MM-DD"),
        nasta_revision: str = typer.Option(None, "--nasta-revision", help="ÅÅÅÅ-MM-DD"),
        mal: str = typer.Option("", "--mal"),
        uppfoljning: str = typer.Option("", "--uppfoljning"),
        lank: str = typer.Option("", "--lank"),
        policy_id: int = typer.Option(None, "--id"),
        fmt: str = typer.Option("table", "--format"),
    ) -> None:
        emit(
            andt_svc.policy_add(
                store(),
                {
                    "kommun": kommun,
                    "dokument": dokument,
                    "agare": agare,
                    "antagen": antagen,
                    "nasta_revision": nasta_revision,
                    "mal": mal,
                    "uppfoljning": uppfoljning,
                    "lank": lank,
                },
                policy_id,
            ),
            fmt,
        )

    @enk.command("andt-policyer", help=t("enkat.help.h13", "sv"))
    def andt_policyer(
        kommun: str = typer.Option(..., "--kommun"), fmt: str = typer.Option("table", "--format")
    ) -> None:
        emit(andt_svc.policy_list(store(), kommun), fmt)

    @enk.command("andt-tillsyn", help=t("enkat.help.h14", "sv"))
    def andt_tillsyn(
        kommun: str = typer.Option(..., "--kommun"),
        year: int = typer.Option(..., "--year"),
        alkohol: int = typer.Option(None, "--alkohol"),
        alkohol_kvall: int = typer.Option(None, "--alkohol-kvall"),
        folkol: int = typer.Option(None, "--folkol"),
        tobak: int = typer.Option(None, "--tobak"),
        receptfria: int = typer.Option(None, "--receptfria"),
        fmt: str = typer.Option("table", "--format"),
    ) -> None:
        counts = {
            k: v
            for k, v in {
                "alkohol": alkohol,
                "alkohol_kvall": alkohol_kvall,
                "folkol": folkol,
                "tobak": tobak,
                "receptfria": receptfria,
            }.items()
            if v is not None
        }
        andt_svc.tillsyn_set(store(), kommun, year, counts)
        emit(andt_svc.tillsyn_list(store(), kommun, _lang()), fmt)
