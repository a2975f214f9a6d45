"""CLI of the lägesbild per kommun: ``profile``, ``omradestyper``, ``indikatorer``, ``socioindex``.

Thin: every command calls :mod:`lagesbild.services.lagesbild` and prints the result as terminal
tables (default) or JSON.
"""

from __future__ import annotations

import typer

from lagesbild.cli._common import emit, parse_years, settings, store
from lagesbild.cli._table import format_number
from lagesbild.i18n import t

__all__ = ["register"]


def _json(result) -> None:
    from lagesbild.services.lagesbild import to_jsonable

    emit(to_jsonable(result), "json")


def _check_fmt(fmt: str) -> None:
    if fmt not in ("table", "json"):
        from lagesbild.errors import InputError

        raise InputError(f"Parametern '--format' måste vara table eller json. Fick {fmt!r}.",
                         f"The '--format' parameter must be table or json. Got {fmt!r} instead.")


def _num(v, decimals: int) -> str:
    return format_number(v, decimals, settings().lang)


def _int(v) -> str:
    return _num(v, 0)


def _pct(v) -> str:
    if v is None or v != v:
        return "–"
    return _num(v, 1) + " %"


def _round_cols(df, ints=(), decimals=()):
    """Integers and 1-decimal numbers as display values (None stays None → "–")."""
    df = df.copy()
    for c in ints:
        if c in df:
            df[c] = [None if v is None or v != v else f"{int(round(v)):,}".replace(",", " ")
                     for v in df[c]]
    for c in decimals:
        if c in df:
            df[c] = [None if v is None or v != v else _pct(v)[:-2] for v in df[c]]
    return df


def _fmt_value(v, unit: str):
    if v is None or v != v:
        return None
    if unit == "procent":
        return _pct(v)[:-2]
    return format_number(v, 0 if float(v).is_integer() or unit in ("personer", "antal RegSO") else 2,
                         settings().lang)


def _h(key: str) -> str:
    """A column header in the run's language."""
    return t(f"profile.col_{key}", settings().lang)


def _code(prefix: str, code) -> str:
    """A status, change or trend code as people read it (the code itself when it has no text)."""
    from lagesbild.i18n import catalogue

    key = f"{prefix}{code}"
    return t(key, settings().lang) if code is not None and key in catalogue() else ("" if code is None else code)


_STATUS = {"ok": "ok", "saknas för området": "missing_area", "hämtas": "fetch"}
_TREND = {"oförändrad": "unchanged", "ökar": "up", "minskar": "down", "förbättras": "better", "försämras": "worse"}
_CHANGE = {"stabil": "stable", "förbättrad": "improved", "försämrad": "worsened"}
_ELIGIBLE = {"uppfyller": "yes", "uppfyller inte": "no", "kan inte avgöras": "undecided"}


_UNIT = {"antal RegSO": "n_regso", "procent": "percent", "personer": "persons", "dagar": "days",
         "per 1 000": "per_1000", "index 0–100": "index"}


def _unit(unit) -> str:
    """A unit code as people read it."""
    return _code("profile.unit_", _UNIT.get(str(unit))) or ("" if unit is None else str(unit))


def _figures(figs, title: str) -> None:
    rows = [{_h("measure"): f["label"], _h("value"): _fmt_value(f["value"], f["unit"]), _h("unit"): _unit(f["unit"]),
             _h("year"): f["year"], _h("level"): f["level"], _h("status"): f["method_status"],
             _h("source"): f["source"]} for f in figs]
    emit(rows, "table", title=title)


def _notes(notes) -> None:
    for n in notes:
        if n:
            typer.echo(f"  * {n}")


def _print_types(res) -> None:
    sc = res["scope"]
    table = _round_cols(res["table"], ints=["population"],
                        decimals=["share_regso", "share_population"]).rename(columns={
        "year": _h("year"), "omradestyp": _h("type"), "label": _h("type_name"), "n_regso": _h("n_regso"),
        "share_regso": _h("share_regso"), "population": _h("population"),
        "share_population": _h("share_population"), "population_year": _h("population_year")})
    emit(table, "table", title=t("cli.lb.types_title", settings().lang, name=sc["name"], code=sc["code"]))
    _figures(res["summary"], t("cli.lb.summary", settings().lang))
    typer.echo(t("cli.lb.types_source", settings().lang, source=res["source"]))
    _notes(res["notes"])


def _print_transitions(tr_) -> None:
    if tr_ is None:
        return
    m = tr_["matrix"].reset_index()
    m.columns = [_h("type_in").format(year=tr_["year_from"])] + [_h("to_type").format(n=c) for c in m.columns[1:]]
    emit(m, "table", title=t("cli.lb.transitions_title", settings().lang, year_from=tr_["year_from"],
                             year_to=tr_["year_to"]))
    c = tr_["counts"]
    typer.echo(t("cli.lb.transitions_counts", settings().lang, stable=_int(c["stable"]),
                 improved=_int(c["improved"]), worsened=_int(c["worsened"]), total=_int(c["total"])))
    if len(tr_["moved"]):
        moved = tr_["moved"].assign(change_sv=[_code("profile.change_", c) for c in tr_["moved"]["change"]])
        emit(moved.drop(columns=["change", "lan"]).rename(columns={
            "area_code": "RegSO", "name": _h("name"), "typ_fran": _h("from"), "typ_till": _h("to"),
            "change_sv": _h("change"), "population": f"{_h('population')} {tr_['year_to']}"}),
            "table", title=t("cli.lb.changed_areas", settings().lang))
    _notes(tr_["notes"])


def _print_profile(p) -> None:
    k = p["kommun"]
    typer.echo(t("cli.lb.profile_title", settings().lang, name=k["name"], code=k["code"], lan=k["lan_name"],
                 year=p["year"]))
    _print_types(p["omradestyper"])
    _print_transitions(p["transitions"])
    cmp_rows = []
    for f in p["comparison"]["figures"]:
        row = {_h("measure"): f["label"], _h("kommun"): _pct(f["value"]), _h("lan"): _pct(f["lan_value"]),
               _h("riket"): _pct(f["riket_value"])}
        for key, name in (("skr_kommungrupp", _h("skr_mean")),
                          ("kolada_liknande", _h("kolada_mean"))):
            g = f["groups"].get(key)
            row[name] = _pct(g["group_mean"]) if g else "–"
        cmp_rows.append(row)
    emit(cmp_rows, "table", title=t("cli.lb.comparison", settings().lang))
    oj = p["ojamlikhetsindex"]
    typer.echo(f"{oj['label']}: " + (f"{oj['value']:.1f}" if oj["value"] is not None else "–")
               + (f" — {oj['note']}" if oj["note"] else ""))
    el = p["eligibility"]
    kk = el.get("kommun") or {}
    typer.echo(t("cli.lb.eligibility", settings().lang, label=el["label"],
                 status=_code("profile.eligibility_", _ELIGIBLE.get(str(kk.get("status")))) or "–",
                 share=_pct(kk.get("share_population_12")), threshold=_pct(el["share_threshold"]),
                 n=el["n_kommuner"]))
    if el.get("note"):
        _notes([el["note"]])
    sei = p["socioekonomiskt_index"]
    areas = p["areas"]
    if "change_sv" in areas:
        areas = areas.assign(change_sv=[_code("profile.change_", _CHANGE.get(str(c))) for c in areas["change_sv"]])
    areas = areas.rename(columns={"area_code": "RegSO", "name": _h("name"), "omradestyp": _h("type"),
                                  "population": _h("population"), "typ_fran": _h("type_before"),
                                  "change_sv": _h("change"), "label": _h("type_name")})
    if "osaker_klassning" in areas:
        areas["osaker_klassning"] = areas["osaker_klassning"].map(
            {True: _h("uncertain"), False: ""}).fillna("")
        areas = areas.rename(columns={"index_official": "index", "typ_berakn": _h("type_computed"),
                                      "marginal": _h("margin"), "osaker_klassning": _h("classification")})
    emit(areas.drop(columns=[_h("type_name")]), "table", title=t("cli.lb.areas", settings().lang))
    if sei is not None:
        chk = sei["index_check"]
        typer.echo(t("cli.lb.index_check", settings().lang, diff=_num(chk["max_abs_diff"], 3),
                     within=chk["n_within"], n=chk["n"]))
        _notes(sei["notes"])
    ind_rows = [{_h("indicator"): r["label"], _h("theme"): _code("typology.theme.", r["theme"]),
                 _h("kommun"): r["value"], _h("riket"): r.get("riket_value"), _h("unit"): _unit(r["unit"]),
                 _h("year"): r["year"], _h("note"): r["note"]} for r in p["indicators"]]
    emit(ind_rows, "table", title=t("cli.lb.indicators", settings().lang))
    ch = p["challenges"]
    typer.echo(f"{ch['label']}: {ch['n_flagged']} " + t("cli.lb.flagged", settings().lang))
    _notes(ch["notes"])
    _notes(p["notes"][-1:] if p["level"] == "deso" else [])


def register(app: typer.Typer) -> None:
    """Add ``profile``, ``omradestyper``, ``indikatorer`` and ``socioindex`` to the CLI."""

    @app.command()
    def profile(
        kommun: str = typer.Option(..., "--kommun", help="Kommunkod, t.ex. 1480."),
        year: int = typer.Option(..., "--year", help="År, t.ex. 2023."),
        level: str = typer.Option("regso", "--level", help="regso eller deso."),
        fmt: str = typer.Option("table", "--format", help="table eller json."),
    ) -> None:
        """Hela lägesbilden för en kommun (områdestyper, övergångar, index, jämförelser)."""
        from lagesbild.services.lagesbild import kommun_profile

        _check_fmt(fmt)
        p = kommun_profile(store(), kommun, year, level=level, settings=settings(), lang=settings().lang)
        _json(p) if fmt == "json" else _print_profile(p)

    @app.command()
    def omradestyper(
        kommun: str = typer.Option(None, "--kommun", help="Kommunkod."),
        lan: str = typer.Option(None, "--lan", help="Länskod (två siffror)."),
        riket: bool = typer.Option(False, "--riket", help="Hela landet."),
        years: str = typer.Option(None, "--years", help="År, t.ex. 2022-2023."),
        fmt: str = typer.Option("table", "--format", help="table eller json."),
    ) -> None:
        """Antal RegSO, folkmängd och andelar per områdestyp och år, samt övergångar."""
        from lagesbild.services.lagesbild import omradestyper_table, transitions

        _check_fmt(fmt)
        yrs = parse_years(years)
        res = omradestyper_table(store(), kommun=kommun, lan=lan, riket=bool(riket),
                                 years=yrs, settings=settings(), lang=settings().lang)
        trs = None
        if len(res["years"]) >= 2:
            trs = transitions(store(), kommun=kommun, lan=lan, riket=bool(riket),
                              year_from=res["years"][-2], year_to=res["years"][-1],
                              settings=settings(), lang=settings().lang)
        if fmt == "json":
            _json({"omradestyper": res, "transitions": trs})
            return
        _print_types(res)
        _print_transitions(trs)

    @app.command()
    def indikatorer(
        area: str = typer.Option(..., "--area", help="Områdeskod, t.ex. 1480R012."),
        year: int = typer.Option(..., "--year", help="År."),
        fmt: str = typer.Option("table", "--format", help="table eller json."),
    ) -> None:
        """Indikatorpanelen för ett område: värde, kommun, riket, z-värden, percentiler, trend."""
        from lagesbild.services.lagesbild import area_indicators

        _check_fmt(fmt)
        res = area_indicators(store(), area, year, settings=settings(), lang=settings().lang)
        if fmt == "json":
            _json(res)
            return
        a = res["area"]
        typer.echo(f"{a['code']} {a['name']} ({a['level']}, {a['version']}), {res['year']}")
        if res["omradestyp"]:
            typer.echo(t("cli.lb.area_type", settings().lang, value=f"{res['omradestyp']['value']:.0f}",
                         label=res["omradestyp"]["label"]))
        rows = [{_h("indicator"): r["label"], _h("value"): r["value"], _h("kommun_short"): r.get("kommun_value"),
                 _h("riket"): r.get("riket_value"), _h("z_kommun"): r.get("z_kommun"),
                 _h("z_riket"): r.get("z_riket"), _h("pct_riket"): r.get("pct_riket"),
                 _h("trend"): _code("typology.trend_", _TREND.get(str((r.get("trend") or {}).get("direction"))))
                 or None,
                 _h("status"): _code("typology.status_", _STATUS.get(r["status"]))}
                for r in res["indicators"]]
        emit(rows, "table")
        _notes(res["notes"])

    @app.command()
    def socioindex(
        kommun: str = typer.Option(..., "--kommun", help="Kommunkod, t.ex. 1780."),
        years: str = typer.Option(None, "--years"),
        delta: float = typer.Option(None, "--delta", help="Störning i procentenheter (0,5)."),
        min_agreement: float = typer.Option(None, "--min-agreement", help="Kalibreringskrav (0,99)."),
        fit_on: str = typer.Option("same_year", "--fit-on", help="same_year eller previous_year."),
        fmt: str = typer.Option("table", "--format", help="table eller json."),
    ) -> None:
        """Socioekonomiskt index: omräkning, beräknade typer, kalibrering och osäker klassning."""
        from lagesbild.services.lagesbild import socioekonomiskt_index

        _check_fmt(fmt)
        res = socioekonomiskt_index(store(), kommun, years=parse_years(years), delta=delta,
                                    min_agreement=min_agreement, fit_on=fit_on,
                                    settings=settings(), lang=settings().lang)
        if fmt == "json":
            _json(res)
            return
        rows = [{"år": y["year"], "RegSO": y["n"], "överens": y["n_agree"],
                 "andel %": 100 * y["agreement"], "godkänd": "ja" if y["ok"] else "nej",
                 "μ": format_number(y["cutpoints"]["mu"], 2, settings().lang),  # index points: as the bounds
                 "σ": format_number(y["cutpoints"]["sigma"], 2, settings().lang),
                 "gränser": " / ".join(format_number(c, 2, settings().lang) for c in y["cutpoints"]["cutpoints"])}
                for y in res["calibration"]["years"]]
        emit(rows, "table", title=t("cli.lb.calibration", settings().lang, label=res["label"]))
        _notes(res["notes"])
