"""``lagesbild skola``: a kommun's schools and the segregation of results between them (thin)."""

from __future__ import annotations

import typer

from lagesbild.cli._common import emit, parse_years, settings, store
from lagesbild.i18n import t

__all__ = ["register"]


def register(app: typer.Typer) -> None:
    @app.command("skola", help=t("skola.cli_help", "sv"))
    def skola(kommun: str = typer.Option(None, "--kommun", help=t("skola.cli_opt_kommun", "sv")),
              years: str = typer.Option(None, "--years", help=t("skola.cli_opt_years", "sv")),
              skolenhet: str = typer.Option(None, "--skola", help=t("skola.cli_opt_skola", "sv")),
              fmt: str = typer.Option("table", "--format", help=t("skola.cli_opt_format", "sv"))) -> None:
        from lagesbild.errors import InputError
        from lagesbild.i18n import pair
        from lagesbild.services import skola as svc

        lang = settings().lang
        if skolenhet:
            res = svc.skola_school(store(), skolenhet, lang=lang)
            if fmt == "json":
                emit(res, "json")
                return
            emit(svc.schools_table({"skolor": [res["skola"]]}, lang), fmt)
            return
        if not kommun:
            raise InputError(*pair("skola.bad_kommun", value=""))
        res = svc.skola_kommun(store(), kommun, parse_years(years), lang=lang)
        if fmt == "json":
            emit(res, "json")
            return
        emit(svc.schools_table(res, lang), fmt, title=t("skola.schools_of", lang, kommun=res["kommunnamn"]))
        if fmt == "table":
            import pandas as pd

            emit(pd.DataFrame(res["segregation"]), "table", title=t("skola.segregation_heading", lang))
            emit(pd.DataFrame(res["efter_omradestyp"]), "table", title=t("skola.by_type_heading", lang))
            typer.echo(res["etikett"])
