"""What each page shows: tables and chart specs built from the services (cached).

A page's tables are :class:`Table` objects; the HTML templates render them and the download
routes serialise the *same* objects, so a download holds exactly what the page shows.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

from lagesbild.app.cache import Memo
from lagesbild.app.i18n import t
from lagesbild.errors import NotFoundError
from lagesbild.i18n import choose
from lagesbild.i18n import t as ct
from lagesbild.services.lagesbild import TYPE_COLORS  # the palette shared with the report (typology.palette)

__all__ = ["Table", "AppData", "TYPE_COLORS"]


@dataclass
class Table:
    """One table of a page.

    ``cols`` are ``(column, header, kind)`` with kind ∈ text, num, int, pct, area, kommun.
    """

    id: str
    caption: str
    df: object
    cols: list = field(default_factory=list)
    note: str = ""

    def rows(self):
        """The displayed columns as one dict per row (what ``to_dict("records")`` gives, built
        column by column: several times faster on the small tables of a page)."""
        import pandas as pd

        cols = [c for c, _, _ in self.cols]
        df = self.df
        values = []
        for c in cols:
            v = df[c].tolist()
            if any(x is pd.NA for x in v):  # as to_dict gives it: NA → None
                v = [None if x is pd.NA else x for x in v]
            values.append(v)
        return [dict(zip(cols, r)) for r in zip(*values)]

    def frame(self):
        """The table as shown: displayed columns with their headers."""
        return self.df[[c for c, _, _ in self.cols]].rename(columns={c: h for c, h, _ in self.cols})


def _type_label(n, lang):
    from lagesbild.services.lagesbild import TYPE_LABELS, TYPE_LABELS_EN

    if n is None or n != n:
        return None
    return choose(TYPE_LABELS.get(int(n)), TYPE_LABELS_EN.get(int(n)), lang)


#: Codes that the services give in Swedish, and the catalogue key of each (shown in the page's language).
_CHANGE = {"stabil": "stable", "förbättrad": "improved", "försämrad": "worsened"}
_ELIGIBLE = {"uppfyller": "yes", "uppfyller inte": "no", "kan inte avgöras": "undecided"}
_TREND = {"oförändrad": "unchanged", "ökar": "up", "minskar": "down", "förbättras": "better", "försämras": "worse"}


def shares_by_year(table):
    """Population share per områdestyp as one row per year and a column ``typ_N`` per type —
    ``table.pivot_table(index="year", columns="omradestyp", values="share_population",
    aggfunc="first")`` with the columns renamed, built from plain dicts (a page's table has a few
    rows; the pivot cost milliseconds)."""
    import pandas as pd

    first: dict = {}
    for y, typ, share in zip(table["year"].tolist(), table["omradestyp"].tolist(),
                             table["share_population"].tolist()):
        if share is None or share is pd.NA or share != share:  # "first" skips missing values
            continue
        first.setdefault((y, int(typ)), float(share))
    years = sorted({y for y, _ in first})
    types = sorted({typ for _, typ in first})
    wide = pd.DataFrame({f"typ_{typ}": [first.get((y, typ), float("nan")) for y in years] for typ in types},
                        index=pd.Index(years, name="year"), dtype="float64")
    wide.columns.name = None
    return wide


def _coded(codes: dict, prefix: str, value, lang) -> str:
    """A code of ``codes`` as people read it in ``lang`` ("" for none; an unknown code as it is)."""
    if value is None or value != value:
        return ""
    return ct(prefix + codes[value], lang) if value in codes else str(value)


class AppData:
    """The app's read access: services called once per key and cached (the store is read-only)."""

    def __init__(self, store, settings) -> None:
        self.store = store
        self.settings = settings
        # entries belong to one generation of the store file: an import or fetch while the app
        # serves shows at the next request
        epoch = (lambda: store.generation) if hasattr(store, "generation") else None
        # room for the service results of every kommun page (about six entries per kommun)
        self.memo = Memo(4096, epoch=epoch)
        self.geo = Memo(256, epoch=epoch)
        # two entries per page: by its content key and by its address (render.cached_page)
        self.html = Memo(2048, epoch=epoch)
        # first visits build their pages a few at a time (setting page_builds; app/_render.py)
        self.builds = threading.BoundedSemaphore(max(1, int(getattr(settings, "page_builds", 1))))
        # requests being answered (counted by app/warmup.py VisitorsFirst): the warm-up gives way to them
        self._visits = 0
        self._visits_lock = threading.Lock()
        self._idle = threading.Event()
        self._idle.set()

    # ------------------------------------------------------------------ visitors first
    @contextmanager
    def visit(self) -> Iterator[None]:
        """Count one request while it is answered (see :meth:`wait_idle`)."""
        with self._visits_lock:
            self._visits += 1
            self._idle.clear()
        try:
            yield
        finally:
            with self._visits_lock:
                self._visits -= 1
                if not self._visits:
                    self._idle.set()

    def wait_idle(self, timeout: float) -> bool:
        """Wait until no request is being answered, at most ``timeout`` seconds; True when idle.

        The warm-up computes the next kommun page only when visitors are not waiting for theirs:
        the interpreter runs one thread at a time, so a page computed in the background would
        otherwise delay every page asked for meanwhile.
        """
        return self._idle.wait(timeout)

    # ------------------------------------------------------------------ service calls
    def cached(self, key, fn):
        return self.memo.get(key, fn)

    def types_years(self) -> list[int]:
        from lagesbild.services.kommun_blocks import require_types_years

        return self.cached(("types_years",), lambda: require_types_years(self.store, None))

    def default_year(self) -> int:
        return self.types_years()[-1]

    def kommun(self, code: str) -> dict:
        from lagesbild.services.store import require_kommun

        return self.cached(("kommun", code), lambda: require_kommun(self.store, code))

    def kommuner(self, q=None):
        from lagesbild.services.web import search_kommuner

        if q:
            return search_kommuner(self.store, q)
        return self.cached(("kommuner",), lambda: search_kommuner(self.store))

    def profile(self, kommun: str, year: int, level: str = "regso", lang: str = "sv") -> dict:
        from lagesbild.services.lagesbild import kommun_profile

        self.kommun(kommun)
        return self.cached(("profile", kommun, year, level, lang), lambda: kommun_profile(
            self.store, kommun, year, level, settings=self.settings, lang=lang))

    def types_all(self, kommun: str) -> dict:
        from lagesbild.services.lagesbild import omradestyper_table

        return self.cached(("types_all", kommun), lambda: omradestyper_table(
            self.store, kommun=kommun, years=self.types_years(), settings=self.settings))

    def measures(self, kommun: str, year: int) -> list[dict]:
        from lagesbild.services.web import kommun_measures

        return self.cached(("measures", kommun, year), lambda: kommun_measures(self.store, kommun, year))

    def trend(self, kommun: str):
        from lagesbild.services.web import kommun_trend

        return self.cached(("trend", kommun), lambda: kommun_trend(self.store, kommun))

    def area(self, code: str, year: int, lang: str = "sv") -> dict:
        from lagesbild.services.lagesbild import area_indicators

        return self.cached(("area", code, year, lang),
                           lambda: area_indicators(self.store, code, year, settings=self.settings, lang=lang))

    def history(self, code: str, version: str) -> dict:
        from lagesbild.services.web import area_history

        return self.cached(("history", code, version), lambda: area_history(self.store, code, version))

    def overview(self, year: int) -> dict | None:
        """The national overview map of the start page (None when the store has no kommun boundaries)."""
        from lagesbild.services.web import national_overview

        def build():
            try:
                return national_overview(self.store, year)
            except NotFoundError:
                return None

        return self.cached(("overview", year), build)

    def map_levels(self, kommun: str) -> list[dict]:
        from lagesbild.services.web import map_levels

        return self.cached(("levels", kommun), lambda: map_levels(self.store, kommun))

    def map_variables(self, kommun: str, level: str) -> list[dict]:
        from lagesbild.services.web import map_variables

        return self.cached(("mapvars", kommun, level), lambda: map_variables(self.store, kommun, level))

    def map_values(self, kommun, level, variable, year, version=None) -> dict:
        from lagesbild.services.web import map_values

        self.kommun(kommun)
        return self.cached(("mapvals", kommun, level, variable, year, version), lambda: map_values(
            self.store, kommun, level, variable, year, settings=self.settings, version=version))

    def geojson(self, kommun: str, level: str, version: str | None = None) -> dict:
        """Serialised GeoJSON (plain and gzip) with its ETag, cached per kommun, level and version
        (None: the newest)."""
        import gzip
        import hashlib

        from lagesbild.services.web import geometry_geojson

        self.kommun(kommun)

        def build():
            body, shown = geometry_geojson(self.store, kommun, level, version)
            etag = '"' + hashlib.sha256(body).hexdigest()[:20] + '"'
            return {"body": body, "gzip": gzip.compress(body, 6), "etag": etag, "version": shown}

        return self.geo.get((kommun, level) if version is None else (kommun, level, version), build)

    # ------------------------------------------------------------------ page contents
    def kommun_page(self, kommun: str, year: int, lang: str) -> dict:
        return self.cached(("kommun_page", kommun, year, lang), lambda: self._kommun_page(kommun, year, lang))

    def _kommun_page(self, kommun, year, lang) -> dict:
        import pandas as pd

        p = self.profile(kommun, year, lang=lang)
        tt = p["omradestyper"]["table"].copy()
        tt["label"] = tt["omradestyp"].map(lambda n: _type_label(n, lang))
        tables = [Table("omradestyper", t("types_dist", lang), tt, [
            ("omradestyp", t("type", lang), "int"), ("label", t("name", lang), "text"),
            ("n_regso", t("n_regso", lang), "int"), ("share_regso", t("share_regso", lang), "pct"),
            ("population", t("population", lang), "int"), ("share_population", t("share_pop", lang), "pct")],
            note=" ".join(p["omradestyper"]["notes"]))]
        # trend: types per year and population
        wide = shares_by_year(self.types_all(kommun)["table"])
        trend = self.trend(kommun).merge(wide.reset_index(), on="year", how="outer").sort_values("year")
        tcols = [("year", t("year", lang), "year"), ("folkmangd", t("population", lang), "int"),
                 ("andel_utrikes_fodda", t("share_abroad", lang), "pct")]
        tcols += [(c, f"{t('share_pop', lang)} typ {c[-1]}", "pct") for c in wide.columns]
        tables.append(Table("utveckling", t("trend", lang), trend.reset_index(drop=True),
                            [c for c in tcols if c[0] in trend.columns]))
        m = pd.DataFrame(self.measures(kommun, year))
        if not m.empty:
            m["name"] = [choose(sv, en, lang) for sv, en in zip(m["label"], m["label_en"])]
            tables.append(Table("index", t("indices", lang), m, [
                ("name", t("index", lang), "text"), ("value", t("value", lang), "num"),
                ("ci_low", ct("captions.ci_low", lang), "num"), ("ci_high", ct("captions.ci_high", lang), "num"),
                ("n_units", "RegSO", "int")], note=t("indices_intro", lang)))
        comp = []
        for f in p["comparison"]["figures"]:
            for gid, g in f["groups"].items():
                comp.append({"indicator": f["label"], "group": g["name"], "value": f["value"],
                             "lan": f.get("lan_value"), "riket": f.get("riket_value"),
                             "group_mean": g.get("group_mean"), "rank": g.get("rank"), "n": g.get("n"),
                             "gid": gid})
        if comp:
            tables.append(Table("jamforelse", t("similar", lang), pd.DataFrame(comp), [
                ("indicator", t("indicator", lang), "text"), ("group", t("group", lang), "text"),
                ("value", p["kommun"]["name"], "pct"), ("group_mean", t("group_mean", lang), "pct"),
                ("rank", t("rank", lang), "int"), ("n", "n", "int"), ("lan", t("lan", lang), "pct"),
                ("riket", t("riket", lang), "pct")]))
        areas = p["areas"].copy()
        areas["label"] = areas["omradestyp"].map(lambda n: _type_label(n, lang))
        acols = [("area_code", t("code", lang), "area"), ("name", t("name", lang), "text"),
                 ("omradestyp", t("type", lang), "int"), ("label", t("type_name", lang), "text"),
                 ("population", t("population", lang), "int")]
        if "change_sv" in areas:
            areas["change_sv"] = areas["change_sv"].map(lambda c: _coded(_CHANGE, "profile.change_", c, lang))
            acols.append(("change_sv", t("change", lang), "text"))
        if "osaker_klassning" in areas:
            areas["osaker"] = areas["osaker_klassning"].map(
                lambda v: t("uncertain", lang) if v is True else "")
            acols += [("index_official", t("sei", lang), "num"), ("osaker", t("status", lang), "text")]
        tables.append(Table("omraden", f"{t('areas', lang)} (RegSO)", areas, acols))
        groups = p["comparison"]["groups"]
        similar = []
        skr = groups.get("skr_kommungrupp")
        if skr:
            similar.append({"name": skr["name"], "members": skr["members"]})
        for g in groups.get("kolada", [])[:1]:
            similar.append({"name": g["name"], "members": g["members"]})
        names = self.cached(("kommun_names",), lambda: self.kommuner().set_index("code")["name"].to_dict())
        for s in similar:
            s["members"] = [{"code": c, "name": names.get(c, c)} for c in s["members"] if c != kommun]
        sei = p["socioekonomiskt_index"]
        n_unc = None
        if sei is not None:
            a = sei["areas"]
            n_unc = int(a[(a["year"] == year)]["osaker_klassning"].fillna(False).astype(bool).sum())
        summary = {f["id"]: f for f in p["omradestyper"]["summary"]}
        chart_dist = _bar_spec(tt, "label", "share_population", t("share_pop", lang), lang)
        eligible = _coded(_ELIGIBLE, "profile.eligibility_", (p["eligibility"].get("kommun") or {}).get("status"),
                          lang) or "–"
        return {"profile": p, "tables": tables, "similar": similar, "n_uncertain": n_unc, "eligible": eligible,
                "summary": summary, "chart_dist": chart_dist,
                "chart_trend": _line_spec(trend, "year", "andel_utrikes_fodda", t("share_abroad", lang)),
                "measures": m.to_dict("records") if not m.empty else []}

    def area_page(self, code: str, year: int | None, lang: str) -> dict:
        return self.cached(("area_page", code, year, lang), lambda: self._area_page(code, year, lang))

    def _area_page(self, code, year, lang) -> dict:
        import pandas as pd

        year = year if year is not None else self._area_year(code)
        a = self.area(code, year, lang)
        info = a["area"]
        k = self.kommun(info["kommun"])
        rows = self._english_labels(pd.DataFrame(a["indicators"]), "id", lang)
        for col in ("value", "kommun_value", "riket_value", "pct_kommun"):
            if col not in rows:
                rows[col] = None
        rows["trend_txt"] = [_coded(_TREND, "typology.trend_", r.get("direction"), lang) if isinstance(r, dict) else ""
                             for r in rows.get("trend", pd.Series([None] * len(rows)))]
        tables = [Table("indikatorer", t("panel", lang), rows, [
            ("label", t("indicator", lang), "text"), ("value", info["name"], "num"),
            ("kommun_value", t("kommun_value", lang), "num"), ("riket_value", t("riket_value", lang), "num"),
            ("pct_kommun", t("pct_kommun", lang), "num"), ("trend_txt", t("trend", lang), "text"),
            ("note", t("note", lang), "text")], note="; ".join(a["notes"]))]
        hist = self.history(code, info["version"])
        types = hist["types"].copy()
        types["label"] = types["omradestyp"].map(lambda n: _type_label(n, lang))
        tables.append(Table("typhistorik", t("type_history", lang), types, [
            ("year", t("year", lang), "year"), ("omradestyp", t("type", lang), "int"),
            ("label", t("name", lang), "text")]))
        vals = self._english_labels(hist["values"], "variable", lang)
        if not vals.empty:
            wide = vals.pivot_table(index=["variable", "label", "unit"], columns="year", values="value",
                                    aggfunc="first").reset_index()
            wide.columns = [str(c) for c in wide.columns]
            ycols = [c for c in wide.columns if c.isdigit()]
            tables.append(Table("over_tid", t("values_over_time", lang), wide,
                                [("label", t("indicator", lang), "text"), ("unit", t("unit", lang), "text")]
                                + [(c, c, "num") for c in ycols]))
        flag = None
        try:
            prof = self.profile(info["kommun"], year, lang=lang)
            flag = next((x for x in prof["challenges"]["areas"] if x["area_code"] == code), None)
        except NotFoundError:
            pass
        pop = vals[vals["variable"] == "folkmangd"] if not vals.empty else vals
        about = self._indicator_texts(a["indicators"], rows, lang)
        return {"area": info, "kommun": k, "year": year, "omradestyp": a["omradestyp"], "tables": tables,
                "flag": flag, "about": about, "locator": self._locator(code),
                    "type_label": _type_label(a["omradestyp"]["value"], lang) if a["omradestyp"] else None,
                "chart_pop": _line_spec(pop, "year", "value", t("population", lang)) if len(pop) > 1 else None,
                "chart_types": _type_history_spec(types, lang) if len(types) > 1 else None}

    def _locator(self, code: str):
        from lagesbild.services.web import area_locator

        return self.cached(("locator", code), lambda: area_locator(self.store, code))

    def _indicator_texts(self, indicators, rows, lang) -> list[dict]:
        """Definition, source and year of each indicator of the panel, for the page's explanations."""
        from lagesbild.services.web import indicator_definitions

        defs = self.cached(("indicator_defs",), indicator_definitions)
        out = []
        for ind, shown in zip(indicators, rows["label"]):
            d = defs.get(ind.get("id"), {})
            parts = []
            if d.get("numerator"):
                parts.append(t("ind_ratio", lang, num=d["numerator"], den=d.get("denominator") or "–")
                             if d.get("denominator") else d["numerator"] + ".")
            if d.get("age_band"):
                parts.append(t("ind_age", lang, age=d["age_band"]))
            parts.append(t("ind_source_year", lang, source=ind.get("source") or d.get("source") or "–",
                           year=ind.get("year", "–"), unit=ind.get("unit") or d.get("unit") or "–"))
            hib = d.get("higher_is_better")
            if hib is not None:
                parts.append(t("ind_higher_better" if hib else "ind_lower_better", lang))
            out.append({"label": shown, "text": " ".join(parts)})
        return out

    def _english_labels(self, df, key: str, lang: str):
        """``df`` with its ``label`` column in English where the store has an English label."""
        if df.empty or key not in df or "label" not in df:
            return df
        meta = self.cached(("label_en",), lambda: self.store.variables()["label_en"].dropna().to_dict())
        return df.assign(label=[choose(lab, meta.get(k) or lab, lang) for k, lab in zip(df[key], df["label"])])

    def _area_year(self, code) -> int:
        df = self.store.sql("SELECT max(year) AS y FROM observations WHERE area_code = ? AND variable = "
                            "'omradestyp'", [code])
        import pandas as pd

        y = df["y"].iloc[0]
        if pd.isna(y):
            df = self.store.sql("SELECT max(year) AS y FROM observations WHERE area_code = ?", [code])
            y = df["y"].iloc[0]
        if pd.isna(y):
            if self.store.areas(codes=[code]).empty:
                raise NotFoundError(f"Området {code} finns inte i lagret.", f"The area {code} is not in the store.")
            raise NotFoundError(f"Området {code} har inga värden i lagret.", f"The area {code} has no values.")
        return int(y)

    def map_page(self, kommun, level, variable, year, lang, version=None) -> dict:
        v = self.map_values(kommun, level, variable, year, version)
        rows = v["rows"].copy()
        rows["version"] = v["geometry_version"]  # named in every download of the table
        rows["flag"] = [", ".join(x for x, on in ((t("approximate", lang), ap), (t("uncertain", lang), un)) if on)
                        for ap, un in zip(rows["approximate"], rows["uncertain"])]
        kind = "int" if v["kind"] in ("count", "category") else "num"
        label = choose(v["label"], v["label_en"], lang)
        cols = [("code", t("code", lang), "area"), ("name", t("name", lang), "text"),
                ("value", f"{label} ({v['unit']})", kind)]
        if v["kind"] == "category" and variable == "omradestyp":
            rows["type_label"] = rows["value"].map(lambda n: _type_label(n, lang))
            cols.append(("type_label", t("type", lang), "text"))
        cols += [("flag", t("note", lang), "text"), ("version", t("version", lang), "text")]
        table = Table("karta", f"{label} {year}", rows, cols, note=" ".join(v["notes"]))
        type_labels = {str(n): f"{n} {_type_label(n, lang)}" for n in TYPE_COLORS}
        return {"values": v, "tables": [table], "label": label, "type_labels": type_labels}


    def _riket_row(self, year: int, lang: str) -> dict:
        """The riket as the reference row of a kommun comparison (same columns as a kommun)."""
        from lagesbild.services.lagesbild import omradestyper_table

        res = self.cached(("riket_types", year), lambda: omradestyper_table(
            self.store, riket=True, years=[year], settings=self.settings))
        s = {f["id"]: f["value"] for f in res["summary"]}
        row = {"code": None, "name": t("riket", lang), "population": s.get("population"),
               "share_population_12": s.get("share_population_12"),
               "share_population_45": s.get("share_population_45")}
        for r in res["table"].itertuples(index=False):
            row[f"typ_{int(r.omradestyp)}"] = r.share_population
        return row

    def compare_page(self, codes: str, year: int | None, lang: str) -> dict:
        import pandas as pd

        from lagesbild.app import validate as v
        from lagesbild.services.web import compare_areas, compare_kommuner

        kind, cl = v.code_list(codes)
        year = year or self.default_year()
        ctx = {"kind": kind, "year": year, "chart": None}
        title = f"{t('compare', lang)} {year}"
        if kind == "kommun":
            df = self.cached(("cmpk", tuple(cl), year),
                             lambda: compare_kommuner(self.store, cl, year, settings=self.settings))
            cols = [("code", t("code", lang), "kommun"), ("name", t("name", lang), "text"),
                    ("population", t("population", lang), "int"),
                    ("share_population_12", t("share_12", lang), "pct"),
                    ("share_population_45", t("share_45", lang), "pct")]
            cols += [(f"typ_{i}", f"{t('type', lang)} {i} (%)", "pct") for i in range(1, 6) if f"typ_{i}" in df]
            df = pd.concat([df, pd.DataFrame([self._riket_row(year, lang)])], ignore_index=True)
            long = df.melt(id_vars=["name"], value_vars=[c for c in df.columns if c.startswith("typ_")],
                           var_name="typ", value_name="andel")
            ctx |= {"tables": [Table("jamfor", title, df, cols)],
                    "chart": _grouped_spec(long, t("share_pop", lang))}
        else:
            heads, df = self.cached(("cmpa", tuple(cl), year),
                                    lambda: compare_areas(self.store, cl, year, settings=self.settings))
            df = self._english_labels(df, "id", lang)
            cols = [("label", t("indicator", lang), "text"), ("unit", t("unit", lang), "text")]
            cols += [(h["code"], h["name"], "num") for h in heads]
            refs = []
            for k in dict.fromkeys(h["kommun"] for h in heads):
                if f"kommun_{k}" in df:
                    refs.append((f"kommun_{k}", self.kommun(k)["name"]))
            if "riket" in df:
                refs.append(("riket", t("riket", lang)))
            cols += [(c, name, "num") for c, name in refs]
            ctx |= {"tables": [Table("jamfor", title, df, cols)], "heads": heads,
                    "chart": _area_compare_spec(df, heads, refs, t("share_pct", lang), lang)}
        return ctx


# ---------------------------------------------------------------------- Vega-Lite specs
def _grouped_spec(long, title):
    data = [r for r in long.to_dict("records") if r["andel"] == r["andel"]]
    return {"$schema": "https://vega.github.io/schema/vega-lite/v5.json", "width": "container", "height": 200,
            "data": {"values": data}, "mark": "bar",
            "encoding": {"x": {"field": "typ", "type": "nominal", "title": None},
                         "xOffset": {"field": "name"},
                         "y": {"field": "andel", "type": "quantitative", "title": title},
                         "color": {"field": "name", "type": "nominal", "title": None,
                                   "scale": {"range": ["#1b4f72", "#b9770e", "#196f3d", "#6c3483"]}}}}


def _area_compare_spec(df, heads, refs, title, lang="sv"):
    """Dot plot of the areas' percentages per indicator with the kommun and riket as reference marks."""
    pct = df[df["unit"] == "procent"]
    kind_area, kind_ref = t("cmp_area", lang), t("cmp_ref", lang)
    data = []
    for r in pct.to_dict("records"):
        for h in heads:
            data.append({"indikator": r["label"], "namn": h["name"], "värde": r.get(h["code"]), "slag": kind_area})
        for c, name in refs:
            data.append({"indikator": r["label"], "namn": name, "värde": r.get(c), "slag": kind_ref})
    data = [x for x in data if x["värde"] is not None and x["värde"] == x["värde"]]
    if not data:
        return None
    names = [h["name"] for h in heads] + [name for _, name in refs]
    colours = ["#0072B2", "#E69F00", "#009E73", "#CC79A7"][:len(heads)] + ["#000000", "#777777", "#444444",
                                                                          "#aaaaaa"][:len(refs)]
    n = len({x["indikator"] for x in data})
    return {"$schema": "https://vega.github.io/schema/vega-lite/v5.json", "width": "container",
            "height": max(80, 34 * n), "data": {"values": data},
            "mark": {"type": "point", "filled": True, "size": 110, "opacity": 0.9},
            "encoding": {"y": {"field": "indikator", "type": "nominal", "title": None, "axis": {"labelLimit": 300}},
                         "x": {"field": "värde", "type": "quantitative", "title": title},
                         "color": {"field": "namn", "type": "nominal", "title": None,
                                   "scale": {"domain": names, "range": colours}},
                         "shape": {"field": "slag", "type": "nominal", "title": None,
                                   "scale": {"domain": [kind_area, kind_ref], "range": ["circle", "diamond"]}},
                         "tooltip": [{"field": "namn"}, {"field": "indikator"},
                                     {"field": "värde", "type": "quantitative", "format": ".1f"}]}}


def _records(df, cols):
    out = []
    for r in df[cols].to_dict("records"):
        out.append({k: (None if isinstance(v, float) and v != v else v) for k, v in r.items()})
    return out


def _bar_spec(df, cat, val, title, lang):
    data = _records(df.assign(**{cat: df[cat].fillna("")}), [cat, val, "omradestyp"])
    return {"$schema": "https://vega.github.io/schema/vega-lite/v5.json", "width": "container",
            "height": 180, "data": {"values": data}, "mark": "bar",
            "encoding": {
                "y": {"field": cat, "type": "nominal", "sort": None, "title": None, "axis": {"labelLimit": 320}},
                "x": {"field": val, "type": "quantitative", "title": title},
                "color": {"field": "omradestyp", "type": "ordinal", "legend": None,
                          "scale": {"domain": list(TYPE_COLORS), "range": list(TYPE_COLORS.values())}},
                "tooltip": [{"field": cat, "type": "nominal"}, {"field": val, "type": "quantitative",
                                                               "format": ".1f"}]}}


def _line_spec(df, x, y, title):
    if y not in df:
        return None
    data = [r for r in _records(df, [x, y]) if r[y] is not None]
    if len(data) < 2:
        return None
    return {"$schema": "https://vega.github.io/schema/vega-lite/v5.json", "width": "container",
            "height": 160, "data": {"values": data}, "mark": {"type": "line", "point": True},
            "encoding": {"x": {"field": x, "type": "ordinal", "title": None},
                         "y": {"field": y, "type": "quantitative", "title": title, "scale": {"zero": False}},
                         "tooltip": [{"field": x}, {"field": y, "format": ",.1f"}]}}


def _type_history_spec(types, lang):
    data = _records(types, ["year", "omradestyp"])
    return {"$schema": "https://vega.github.io/schema/vega-lite/v5.json", "width": "container",
            "height": 120, "data": {"values": data}, "mark": {"type": "line", "point": True},
            "encoding": {"x": {"field": "year", "type": "ordinal", "title": None},
                         "y": {"field": "omradestyp", "type": "quantitative", "title": t("type", lang),
                               "scale": {"domain": [1, 5]}, "axis": {"tickCount": 5}}}}
