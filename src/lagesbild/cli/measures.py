"""CLI commands for segregation measures: ``measure``, ``change``, ``batch``, ``list-measures``.

The main entry (:mod:`lagesbild.cli`) calls :func:`register`.  Errors are raised as
:class:`~lagesbild.errors.LagesbildError` subclasses; the entry point prints one line.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import typer

from lagesbild._fileio import write_atomic
from lagesbild.errors import InputError, SchemaError, param_error
from lagesbild.safecells import neutralise_frame

__all__ = ["register"]

_DEFAULT_INDICES = "mutual_information,theil_h,multi_dissimilarity"


def _read(path: str, weight: str | None = None):
    import pandas as pd

    p = Path(path)
    if not p.exists():
        raise InputError(f"Filen '{path}' finns inte.", f"The file '{path}' does not exist.")
    if p.suffix.lower() in (".parquet", ".pq"):
        return pd.read_parquet(p)
    if p.suffix.lower() not in (".csv", ".txt"):
        raise param_error("FILE", "lagesbild measure", "en CSV- eller Parquet-fil", "a CSV or Parquet file", path)
    df = pd.read_csv(p, dtype=str, keep_default_na=False)
    if weight:
        if weight not in df.columns:
            raise SchemaError(f"Kolumnen '{weight}' finns inte i {path}.", f"The column '{weight}' is not in {path}.")
        num = pd.to_numeric(df[weight], errors="coerce")
        if num.isna().any():
            bad = df.loc[num.isna(), weight].head(3).tolist()
            raise SchemaError(
                f"Kolumnen '{weight}' måste vara numerisk. Fick {bad}.",
                f"The column '{weight}' must be numeric. Got {bad}.",
            )
        df[weight] = num.astype(float)
    return df


def _split(text: str | None) -> list[str]:
    return [s.strip() for s in (text or "").split(",") if s.strip()]


def _indices(text: str | None) -> list[str]:
    from lagesbild.services.measures import registry

    ids = _split(text or _DEFAULT_INDICES)
    if ids == ["all"]:
        return [
            k
            for k, m in registry.items()
            if m.local_by is None and not m.needs and m.kind != "ordinal" and k != "bias_corrected_dissimilarity"
        ]
    return ids


def _emit(rows: list[dict], fmt: str, out: str | None = None) -> None:
    import pandas as pd

    if fmt not in ("table", "json", "csv"):
        raise param_error("--format", "lagesbild", "table, json eller csv", "table, json or csv", fmt)
    if out:
        df = pd.DataFrame(rows)
        if out.endswith(".parquet"):
            df.to_parquet(out, index=False)
        elif out.endswith(".json"):
            write_atomic(Path(out), json.dumps(rows, ensure_ascii=False, indent=1, default=_default))
        else:  # a spreadsheet must not run a cell as a formula (safecells)
            write_atomic(Path(out), neutralise_frame(df).to_csv(index=False))
        return
    if fmt == "json":
        sys.stdout.write(json.dumps(rows, ensure_ascii=False, indent=1, default=_default) + "\n")
    elif fmt == "csv":
        neutralise_frame(pd.DataFrame(rows)).to_csv(sys.stdout, index=False)
    else:
        from lagesbild.cli._common import emit, settings
        from lagesbild.i18n import t

        if not rows:
            typer.echo(t("cli.no_rows", settings().lang))
            return
        frame = pd.DataFrame(rows)
        frame = frame.drop(columns=[c for c in frame.columns if frame[c].isna().all()])  # empty columns
        emit(frame, "table")
        focal = sorted({r["focal_group"] for r in rows if r.get("focal_group")})
        if focal:
            typer.echo(t("cli.focal_group", settings().lang, groups=", ".join(focal)))


def _default(o):
    try:
        return o.item()
    except AttributeError:
        return str(o)


def _rows_for_table(df, unit, group, weight, indices, within, local, local_by, extra, groups=None):
    from lagesbild.cli._common import settings
    from lagesbild.services.measure_tables import index_row
    from lagesbild.services.measures import between_within_counts, compute, to_matrix

    rows = []
    for idx in indices:
        r = index_row(idx, df, settings().lang, unit=unit, group=group, weight=weight, groups=groups)
        rows.append({"index": idx, **r, **extra})
    if within:
        if within not in df.columns:
            raise SchemaError(
                f"Kolumnen '{within}' (--within) finns inte i filen.",
                f"The column '{within}' (--within) is not in the file.",
            )
        counts, units, _ = to_matrix(df, unit, group, weight, groups)
        sup = df.groupby(unit)[within].agg(lambda s: s.iloc[0] if s.nunique() == 1 else None)
        bad = sup[sup.isna()].index.tolist()
        if bad:
            raise InputError(
                f"Område {bad[:3]} ligger i flera '{within}'.", f"Unit {bad[:3]} lies in more than one '{within}'."
            )
        labels = sup.reindex(units).astype(str).to_numpy()
        keep = counts.sum(axis=1) > 0
        for name in ("mutual_information", "theil_h"):
            d = between_within_counts(counts[keep], labels[keep], index=name)
            rows.append({"index": f"{name}_between", "value": d["between"], **extra})
            rows.append({"index": f"{name}_within", "value": d["within"], **extra})
    if local:
        r = compute("local_mutual_information", df, unit=unit, group=group, weight=weight, groups=groups, by=local_by)
        key = "group" if local_by == "group" else "unit"
        for u, v in zip(r.units, r.value):
            rows.append({"index": "local_mutual_information", key: u, "value": float(v), **extra})
    return rows


def _get_store():
    from lagesbild.cli._common import store

    return store()


_TABLE_COLS = {
    "indices": ["kommun", "year", "index", "value", "ci_low", "ci_high", "n_units", "n_pop"],
    "profile": ["kommun", "year", "index", "bandwidth", "value", "n_units", "join", "n_links_boundary_changed"],
}


def _emit_frame(df, fmt: str, kind: str) -> None:
    """Emit a service frame: every column for json/csv, the main ones as a table."""
    if fmt == "table":
        df = df[[c for c in _TABLE_COLS[kind] if c in df.columns]]
    df = df.astype(object).where(df.notna(), None)
    _emit(df.to_dict("records"), fmt)


def _store_measure(kommun, level, year, years, groups, index, ci, n_boot, seed, bandwidths, kernel, fmt) -> None:
    """``measure --store``: everything is computed by :mod:`lagesbild.services.measures`."""
    from lagesbild.services import measures as svc

    gl = _split(groups) or list(svc.DEFAULT_GROUPS)
    yrs = _parse_years(years) if years else ([year] if year is not None else None)
    st = _get_store()
    if bandwidths:
        try:
            bws = [float(b) for b in _split(bandwidths)]
        except ValueError:
            raise param_error(
                "--spatial-bandwidths",
                "lagesbild measure",
                "bandbredder i meter som 500,1000,2000",
                "bandwidths in metres like 500,1000,2000",
                bandwidths,
            ) from None
        if kommun is None:
            raise param_error(
                "--kommun", "lagesbild measure --spatial-bandwidths", "en kommunkod", "a kommun code", None
            )
        if yrs is None:
            yrs = [svc.available_years(st, gl)[-1]]
        import pandas as pd

        extra: dict[str, Any] = {"indices": _split(index)} if index else {}
        frames = [
            svc.multiscalar_profile(st, kommun, y, groups=gl, bandwidths=bws, kernel=kernel, level=level, **extra)
            for y in yrs
        ]
        _emit_frame(pd.concat(frames, ignore_index=True), fmt, "profile")
        return
    df = svc.segregation_indices(
        st,
        kommun,
        years=yrs,
        groups=gl,
        indices=_split(index) if index else svc.DEFAULT_INDICES,
        level=level,
        ci=ci,
        n_boot=n_boot,
        seed=seed,
    )
    _emit_frame(df, fmt, "indices")


def measure(
    file: str = typer.Argument(None, help="CSV- eller Parquet-fil i långt format (en rad per område × grupp)."),
    unit: str = typer.Option(None, "--unit", help="Kolumn med områdeskod."),
    group: str = typer.Option(None, "--group", help="Kolumn med grupp."),
    weight: str = typer.Option(None, "--weight", help="Kolumn med antal (annars räknas rader)."),
    index: str = typer.Option(
        None, "--index", help=f"Mått, kommaseparerade eller 'all' (standard {_DEFAULT_INDICES})."
    ),
    within: str = typer.Option(None, "--within", help="Kolumn med överordnat område: M och H delas i mellan/inom."),
    by: str = typer.Option(None, "--by", help="Beräkna separat för varje värde i kolumnen (t.ex. år eller kommun)."),
    local: bool = typer.Option(False, "--local", help="Lägg till lokala segregationsbidrag (ls)."),
    local_by: str = typer.Option("unit", "--local-by", help="unit eller group."),
    fmt: str = typer.Option("table", "--format", help="table, json eller csv."),
    from_store: bool = typer.Option(False, "--store", help="Läs antal från lagret i stället för en fil."),
    kommun: str = typer.Option(None, "--kommun", help="Kommunkod (med --store)."),
    level: str = typer.Option("regso", "--level", help="Områdesnivå (med --store)."),
    year: int = typer.Option(None, "--year", help="År (med --store)."),
    groups: str = typer.Option(None, "--groups", help="Gruppvariabler/grupper, kommaseparerade."),
    years: str = typer.Option(None, "--years", help="År (med --store), t.ex. 2020-2023; standard alla år."),
    ci: bool = typer.Option(False, "--ci", help="Konfidensintervall med biaskorrigerad bootstrap (med --store)."),
    n_boot: int = typer.Option(200, "--n-boot", help="Antal bootstrapdragningar (med --ci)."),
    seed: int = typer.Option(20240101, "--seed", help="Slumpfrö för bootstrap."),
    spatial_bandwidths: str = typer.Option(
        None, "--spatial-bandwidths", help="Flerskalig profil: bandbredder i meter, t.ex. 500,1000,2000."
    ),
    kernel: str = typer.Option("gaussian", "--kernel", help="Kärna för den flerskaliga profilen."),
) -> None:
    """Beräkna segregationsmått för en tabell (område × grupp) eller ur lagret (--store)."""
    if local_by not in ("unit", "group"):
        raise param_error("--local-by", "lagesbild measure", "unit eller group", "unit or group", local_by)
    if from_store:
        if fmt not in ("table", "json", "csv"):
            raise param_error("--format", "lagesbild", "table, json eller csv", "table, json or csv", fmt)
        _store_measure(kommun, level, year, years, groups, index, ci, n_boot, seed, spatial_bandwidths, kernel, fmt)
        return
    if ci or years or spatial_bandwidths:
        raise param_error(
            "--store",
            "lagesbild measure",
            "angiven när --ci, --years eller --spatial-bandwidths används",
            "given when --ci, --years or --spatial-bandwidths is used",
            False,
        )
    indices = _indices(index)
    if file is None or unit is None or group is None:
        raise param_error(
            "FILE/--unit/--group",
            "lagesbild measure",
            "en fil samt --unit och --group",
            "a file plus --unit and --group",
            None,
        )
    df = _read(file, weight)
    for col in [c for c in (unit, group, by, within) if c]:
        if col not in df.columns:
            raise SchemaError(
                f"Kolumnen '{col}' finns inte i filen (kolumner: {list(df.columns)}).",
                f"The column '{col}' is not in the file (columns: {list(df.columns)}).",
            )
        df[col] = df[col].astype(str)
    gl = _split(groups) or None
    rows: list[dict] = []
    if by:
        import pandas as pd

        gl = gl or list(pd.unique(df[group]))  # every group in every part, with total 0 where absent
        if weight is None:
            weight = "_antal"
            df[weight] = 1.0
        if not within and not local:  # one pivot for every part; each part is a units × groups array
            from lagesbild.cli._common import settings
            from lagesbild.services.measure_tables import index_row

            wide = df.pivot_table(
                index=[by, unit], columns=group, values=weight, aggfunc="sum", fill_value=0.0, sort=True
            ).reindex(columns=gl, fill_value=0.0)
            for key, part in wide.groupby(level=0, sort=True):
                arr = part.to_numpy(dtype=float)
                rows += [{"index": idx, **index_row(idx, arr, settings().lang, groups=gl), by: key} for idx in indices]
            _emit(rows, fmt)
            return
        for key, sub in df.groupby(by, sort=True):
            key = key[0] if isinstance(key, tuple) else key
            absent = [g for g in gl if g not in set(sub[group])]
            if absent:
                pad = pd.DataFrame({unit: sub[unit].iloc[0], group: absent, weight: 0.0, by: key})
                sub = pd.concat([sub, pad], ignore_index=True)
            rows += _rows_for_table(sub, unit, group, weight, indices, within, local, local_by, {by: key}, gl)
    else:
        rows = _rows_for_table(df, unit, group, weight, indices, within, local, local_by, {}, gl)
    _emit(rows, fmt)


def change(
    file_a: str = typer.Argument(..., help="Tabell A (t.ex. tidigare år), långt format."),
    file_b: str = typer.Argument(..., help="Tabell B (t.ex. senare år), långt format."),
    unit: str = typer.Option(..., "--unit"),
    group: str = typer.Option(..., "--group"),
    weight: str = typer.Option(None, "--weight"),
    method: str = typer.Option("shapley", "--method", help="shapley (Elbers 2023)."),
    fmt: str = typer.Option("table", "--format"),
) -> None:
    """Dela upp förändringen i M mellan två tabeller (Shapley: tillägg, borttag, marginaler, struktur)."""
    from lagesbild.services.measures import shapley_change, to_matrix

    if method != "shapley":
        raise param_error("--method", "lagesbild change", "shapley", "shapley", method)
    tabs = []
    for f in (file_a, file_b):
        df = _read(f, weight)
        for col in (unit, group):
            if col not in df.columns:
                raise SchemaError(f"Kolumnen '{col}' finns inte i {f}.", f"The column '{col}' is not in {f}.")
            df[col] = df[col].astype(str)
        tabs.append(to_matrix(df, unit, group, weight))
    (a, ua, ga), (b, ub, gb) = tabs
    d = shapley_change(a, b, ua, ub, ga, gb)
    comps = ("M1", "M2", "diff", "additions", "removals", "group_marginal", "unit_marginal", "structural")
    _emit([{"component": c, "value": d[c]} for c in comps], fmt)


def _parse_years(text: str) -> list[int]:
    try:
        if "-" in text:
            a, b = text.split("-", 1)
            return list(range(int(a), int(b) + 1))
        return [int(y) for y in _split(text)]
    except ValueError:
        raise param_error(
            "--years",
            "lagesbild batch",
            "år som '2020-2023' eller '2020,2022'",
            "years like '2020-2023' or '2020,2022'",
            text,
        ) from None


def run_batch(store, groups, level, years, indices, scheduler="threads", kommuner=None):
    """Compute ``indices`` for every kommun × year with Dask; returns a list of row dicts.

    The store is read in the calling process (one reader); the vectorised kernels run in
    Dask tasks, one task per year (all kommuner of a year in one stacked array).
    """
    import dask

    from lagesbild.cli._common import settings
    from lagesbild.services.bulk import kommun_tables
    from lagesbild.services.measure_tables import batch_rows

    lang = settings().lang
    kommuner = list(kommuner or store.kommuner())
    tasks, keys = [], []
    for year in years:
        tables, ks = [], []
        mats = kommun_tables(store, groups, level, year, kommuner)  # one bulk read per level and year
        for k in kommuner:
            if k in mats:
                tables.append(mats[k])
                ks.append(k)
        if tables:
            tasks.append(
                dask.delayed(batch_rows)(
                    indices, tables, [{"kommun": k, "year": year, "level": level} for k in ks], lang, groups
                )
            )
            keys.append((year, ks))
    if scheduler == "threads":
        results = dask.compute(*tasks, scheduler="threads")
    elif scheduler == "local":
        from distributed import Client, LocalCluster

        with (
            LocalCluster(n_workers=1, threads_per_worker=2, processes=False, dashboard_address=None) as cl,
            Client(cl) as client,
        ):
            results = client.gather(client.compute(list(tasks)))
    else:
        from distributed import Client

        with Client(scheduler) as client:
            results = client.gather(client.compute(list(tasks)))
    return [row for rs in results for row in rs]


def batch(
    level: str = typer.Option("regso", "--level"),
    years: str = typer.Option(..., "--years", help="T.ex. 2020-2023."),
    indices: str = typer.Option("all", "--indices", help="Mått, kommaseparerade, eller all."),
    groups: str = typer.Option(..., "--groups", help="Gruppvariabler i lagret, kommaseparerade."),
    out: str = typer.Option(..., "--out", help="Utfil (.csv, .parquet eller .json)."),
    scheduler: str = typer.Option("threads", "--scheduler", help="local, threads eller en Dask-adress."),
) -> None:
    """Beräkna mått för alla kommuner och år ur lagret (Dask)."""
    gl = _split(groups)
    if len(gl) < 2:
        raise param_error("--groups", "lagesbild batch", "minst två grupper", "at least two groups", groups)
    rows = run_batch(_get_store(), gl, level, _parse_years(years), _indices(indices), scheduler)
    _emit(rows, "table", out=out)
    typer.echo(f"{len(rows)} rader skrivna till {out}")


def list_measures(fmt: str = typer.Option("table", "--format", help="table eller json.")) -> None:
    """Lista alla registrerade segregationsmått."""
    from lagesbild.services.measures import registry

    rows = [m.as_dict() for m in registry.values()]
    if fmt == "json":
        _emit(rows, "json")
    else:
        _emit([{k: r[k] for k in ("id", "name_sv", "family", "kind", "spatial")} for r in rows], fmt)


def register(app: typer.Typer) -> None:
    """Add the measure commands to the main Typer app."""
    app.command("measure")(measure)
    app.command("change")(change)
    app.command("batch")(batch)
    app.command("list-measures")(list_measures)
