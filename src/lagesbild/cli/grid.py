"""``lagesbild grannskap``: individualised k-NN neighbourhoods from a file or the store (thin)."""

from __future__ import annotations

from pathlib import Path

import typer

from lagesbild.cli._common import emit, parse_list, settings, store
from lagesbild.i18n import t

__all__ = ["register"]


def register(app: typer.Typer) -> None:
    @app.command("grannskap", help=t("grid.cli_help", "sv"))
    def grannskap(
        file: Path = typer.Argument(None, help=t("grid.cli_file", "sv")),
        x: str = typer.Option(None, "--x", help=t("grid.cli_x", "sv")),
        y: str = typer.Option(None, "--y", help=t("grid.cli_y", "sv")),
        group: str = typer.Option(None, "--group", help=t("grid.cli_group", "sv")),
        weight: str = typer.Option(None, "--weight", help=t("grid.cli_weight", "sv")),
        k: str = typer.Option(None, "--k", help=t("grid.cli_k", "sv")),
        out: Path = typer.Option(..., "--out", help=t("grid.cli_out", "sv")),
        scheduler: str = typer.Option(None, "--scheduler", help=t("grid.cli_scheduler", "sv")),
        kommun: str = typer.Option(None, "--kommun"),
        lan: str = typer.Option(None, "--lan"),
        riket: bool = typer.Option(False, "--riket"),
        level: str = typer.Option("ruta250", "--level", help=t("grid.cli_level", "sv")),
        groups: str = typer.Option(None, "--grupper", help=t("grid.cli_groups", "sv")),
        year: int = typer.Option(None, "--year"),
        fmt: str = typer.Option("table", "--format"),
    ) -> None:
        from lagesbild.errors import InputError
        from lagesbild.i18n import pair
        from lagesbild.services import grannskap as svc

        lang = settings().lang
        chosen = [v for v in (kommun, lan, riket or None) if v]
        if (file is None) == (not chosen) or len(chosen) > 1:
            raise InputError(*pair("grid.input_choice"))
        ks = svc.parse_ks(k)
        if file is not None:
            missing = [name for name, v in (("--x", x), ("--y", y), ("--group", group), ("--weight", weight))
                       if not v]
            if missing:
                raise InputError(*pair("grid.file_options", missing=", ".join(missing)))
            res = svc.grannskap_file(file, x=x, y=y, group=group, weight=weight, ks=ks, out=out,
                                     scheduler=scheduler)
        else:
            res = svc.grannskap_store(store(), level=level, groups=parse_list(groups), kommun=kommun, lan=lan,
                                      year=year, ks=ks, out=out, scheduler=scheduler)
        if fmt == "json":
            emit(res, "json")
            return
        typer.echo(t("grid.wrote", lang, rows=res["rader"], cells=res["rutor"], nk=len(res["k"]),
                     groups=len(res["grupper"]), file=res["fil"]))
        if res.get("utelamnade"):
            typer.echo(t("grid.dropped", lang, n=res["utelamnade"]))
        if res["profil"]:
            import pandas as pd

            prof = pd.DataFrame(res["profil"]).pivot(index="k", columns="index", values="varde").reset_index()
            emit(prof, fmt, title=t("grid.profile_title", lang))
        if res["k_over_befolkning"]:
            typer.echo(t("grid.k_above", lang, total=f"{res['befolkning']:.0f}",
                         ks=", ".join(str(v) for v in res["k_over_befolkning"])))
