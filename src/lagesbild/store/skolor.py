"""School units in the store: bundled results 2020/21–2024/25, points, huvudman, eligibility.

Schools are areas of level ``skolenhet`` (version ``skolenhet2025``). A school's location is
stored as a *point* geometry (EPSG:3006) in ``area_geometries``; its huvudman type is the
category variable ``skola_huvudman`` (1 = kommunal, 2 = enskild/fristående). Results per
school year (2025 = läsår 2024/25) are observations whose ``status`` keeps Skolverket's markers
(``..``, ``.``, ``~100``) where the value is missing. Eligibility per kommun (all pupils and
by huvudman) is stored at kommun level under the ``beh_*`` variables.

Public reads for the domain: :func:`school_units`, :func:`school_results`,
:func:`kommun_eligibility`.
"""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd

from lagesbild.geo import lan_of

__all__ = [
    "VARIABLES",
    "INDICATOR_VARIABLES",
    "RESULT_FILE",
    "UNIT_FILE",
    "ELIGIBILITY_FILE",
    "bundled_frames",
    "frames_from_api",
    "variables_frame",
    "school_units",
    "school_results",
    "kommun_eligibility",
    "HUVUDMAN_CODES",
]

RESULT_FILE = "skolverket_grundskola_ak9_2021_2025.parquet"
UNIT_FILE = "skolverket_skolenheter_gr.parquet"
ELIGIBILITY_FILE = "skolverket_behorighet_kommun_2024_25.parquet"
VERSION = "skolenhet2025"

#: indicator in the bundled/API long table → store variable
INDICATOR_VARIABLES = {
    "meritvarde": "meritvarde_ak9",
    "andel_alla_amnen": "andel_alla_amnen_ak9",
    "andel_behoriga_yrkesprog": "andel_behoriga_yrkesprog_ak9",
    "andel_behoriga_es": "andel_behoriga_es_ak9",
    "andel_behoriga_saekhu": "andel_behoriga_saekhu_ak9",
    "andel_behoriga_nate": "andel_behoriga_nate_ak9",
}
HUVUDMAN_CODES = {"Kommunal": 1.0, "Enskild": 2.0, "Fristående": 2.0, "Statlig": 3.0, "Region": 4.0}

# id, label_sv, label_en, unit, kind, numerator, denominator, weight, source (the new ones only)
VARIABLES: list[tuple] = [
    (
        "andel_behoriga_es_ak9",
        "Andel elever behöriga till estetiskt program, åk 9",
        "Share of pupils eligible for the arts programme, year 9",
        "procent",
        "share",
        None,
        None,
        "elever_ak9",
        "Skolverket",
    ),
    (
        "andel_behoriga_saekhu_ak9",
        "Andel elever behöriga till ekonomi-, humanistiska och samhällsvetenskapsprogrammen, åk 9",
        "Share of pupils eligible for the economics, humanities and social science programmes, year 9",
        "procent",
        "share",
        None,
        None,
        "elever_ak9",
        "Skolverket",
    ),
    (
        "andel_behoriga_nate_ak9",
        "Andel elever behöriga till naturvetenskaps- och teknikprogrammen, åk 9",
        "Share of pupils eligible for the natural science and technology programmes, year 9",
        "procent",
        "share",
        None,
        None,
        "elever_ak9",
        "Skolverket",
    ),
    (
        "skola_huvudman",
        "Typ av huvudman (1 kommunal, 2 enskild)",
        "Type of organiser (1 municipal, 2 independent)",
        "kod",
        "category",
        None,
        None,
        None,
        "Skolverket",
    ),
    (
        "beh_elever_ak9",
        "Elever i åk 9 (behörighetsstatistik)",
        "Pupils in year 9 (eligibility statistics)",
        "elever",
        "count",
        None,
        None,
        None,
        "Skolverket",
    ),
    (
        "beh_andel_yrkesprog",
        "Andel behöriga till yrkesprogram, åk 9, alla huvudmän",
        "Share eligible for vocational programmes, year 9, all organisers",
        "procent",
        "share",
        None,
        None,
        "beh_elever_ak9",
        "Skolverket",
    ),
    (
        "beh_elever_ak9_kommunal",
        "Elever i åk 9, kommunala skolor",
        "Pupils in year 9, municipal schools",
        "elever",
        "count",
        None,
        None,
        None,
        "Skolverket",
    ),
    (
        "beh_andel_yrkesprog_kommunal",
        "Andel behöriga till yrkesprogram, åk 9, kommunala skolor",
        "Share eligible for vocational programmes, year 9, municipal schools",
        "procent",
        "share",
        None,
        None,
        "beh_elever_ak9_kommunal",
        "Skolverket",
    ),
    (
        "beh_elever_ak9_enskild",
        "Elever i åk 9, fristående skolor",
        "Pupils in year 9, independent schools",
        "elever",
        "count",
        None,
        None,
        None,
        "Skolverket",
    ),
    (
        "beh_andel_yrkesprog_enskild",
        "Andel behöriga till yrkesprogram, åk 9, fristående skolor",
        "Share eligible for vocational programmes, year 9, independent schools",
        "procent",
        "share",
        None,
        None,
        "beh_elever_ak9_enskild",
        "Skolverket",
    ),
]


VARIABLE_COLUMNS = ["id", "label_sv", "label_en", "unit", "kind", "numerator", "denominator", "weight", "source"]


def variables_frame() -> pd.DataFrame:
    """The school variables as rows of the store's ``variables`` table."""
    return pd.DataFrame(VARIABLES, columns=VARIABLE_COLUMNS)


def _sid(fname: str) -> str:
    return "bundled:" + fname.removesuffix(".parquet")


def frames_from_api(
    units: pd.DataFrame, results: pd.DataFrame, source_id: str, known_codes: Iterable[str] = ()
) -> dict[str, pd.DataFrame]:
    """Areas, point geometries and observations from school units and long results.

    ``units``: ``skolenhetskod, namn, kommun, huvudman_typ, sweref_n, sweref_e`` (coordinates
    may be missing: the school then has no point and is placed by kommun only).
    ``results``: ``skolenhetskod, year, indicator, value, status``. Schools in
    ``known_codes`` are already areas and are not written again.
    """
    import shapely

    units = units.drop_duplicates("skolenhetskod")
    known = set(known_codes)
    new = units[~units["skolenhetskod"].isin(known)]
    areas = pd.DataFrame(
        {
            "code": new["skolenhetskod"],
            "version": VERSION,
            "level": "skolenhet",
            "name": new["namn"],
            "parent_code": new["kommun"],
            "parent_version": "kommun2025",
            "kommun": new["kommun"],
            "lan": [lan_of(k) for k in new["kommun"]],
        }
    )
    pts = units.dropna(subset=["sweref_n", "sweref_e"])
    wkb = shapely.to_wkb(shapely.points(pts["sweref_e"].astype(float).values, pts["sweref_n"].astype(float).values))
    geoms = pd.DataFrame(
        {
            "code": pts["skolenhetskod"].values,
            "version": VERSION,
            "boundary_version": "punkt",
            "crs": "EPSG:3006",
            "geometry": wkb,
            "geometry_simplified": wkb,
            "derivation": pts.get("koordinat_kalla", pd.Series("Skolverket", index=pts.index)).values,
            "source_id": source_id,
        }
    )
    res = results[results["indicator"].isin(INDICATOR_VARIABLES)]
    obs = pd.DataFrame(
        {
            "area_code": res["skolenhetskod"].values,
            "area_version": VERSION,
            "year": res["year"].astype("int64").values,
            "variable": res["indicator"].map(INDICATOR_VARIABLES).values,
            "value": res["value"].astype("float64").values,
            "status": res["status"].where(res["status"].notna(), None).values,
            "source_id": source_id,
        }
    )
    hm = units.dropna(subset=["huvudman_typ"])
    code = hm["huvudman_typ"].map(HUVUDMAN_CODES)
    hm_year = int(obs["year"].max()) if len(obs) else 2025
    obs_h = pd.DataFrame(
        {
            "area_code": hm["skolenhetskod"].values,
            "area_version": VERSION,
            "year": hm_year,
            "variable": "skola_huvudman",
            "value": code.values,
            "status": None,
            "source_id": source_id,
        }
    ).dropna(subset=["value"])
    return {"areas": areas, "geometries": geoms, "observations": pd.concat([obs, obs_h], ignore_index=True)}


def bundled_frames(data_path, known_codes: Iterable[str]) -> dict[str, pd.DataFrame]:
    """Everything the bundled school files add to a store (see :func:`frames_from_api`)."""
    units = pd.read_parquet(data_path(UNIT_FILE))
    # the 2024/25 export names the huvudman type of every school (also those the API file lacks)
    ak = pd.read_parquet(
        data_path("skolverket_ak9_2024_25.parquet"), columns=["skolenhetskod", "skola", "kommun", "huvudmannatyp"]
    )
    ak = ak[~ak["skolenhetskod"].isin(units["skolenhetskod"])]
    units = pd.concat(
        [
            units,
            pd.DataFrame(
                {
                    "skolenhetskod": ak["skolenhetskod"],
                    "namn": ak["skola"],
                    "kommun": ak["kommun"],
                    "huvudman_typ": ak["huvudmannatyp"],
                }
            ),
        ],
        ignore_index=True,
    )
    results = pd.read_parquet(data_path(RESULT_FILE))
    out = frames_from_api(units, results, _sid(RESULT_FILE), known_codes)
    out["geometries"]["source_id"] = _sid(UNIT_FILE)
    beh = pd.read_parquet(data_path(ELIGIBILITY_FILE))
    beh = beh[beh["kon"] == "Samtliga"]
    parts = []
    for typ, suffix in (("Samtliga", ""), ("Kommunal", "_kommunal"), ("Enskild", "_enskild")):
        b = beh[beh["huvudman_typ"] == typ]
        for col, var in (
            ("elever", f"beh_elever_ak9{suffix}"),
            ("andel_behoriga_yrkesprog", f"beh_andel_yrkesprog{suffix}"),
        ):
            parts.append(
                pd.DataFrame(
                    {
                        "area_code": b["kommun"].values,
                        "area_version": "kommun2025",
                        "year": b["year"].astype("int64").values,
                        "variable": var,
                        "value": b[col].astype("float64").values,
                        "status": b[f"{col}_status"].values,
                        "source_id": _sid(ELIGIBILITY_FILE),
                    }
                )
            )
    out["observations"] = pd.concat([out["observations"], *parts], ignore_index=True)
    return out


# ---------------------------------------------------------------------- reads
def school_units(store, kommun: str | None = None, codes: Iterable[str] | None = None) -> pd.DataFrame:
    """Schools: ``skolenhetskod, namn, kommun, huvudman_typ, x, y`` (EPSG:3006; NaN without a point).

    ``huvudman_typ`` is ``kommunal``, ``fristående`` or missing when not published.
    """
    areas = store.areas(level="skolenhet", kommun=kommun, codes=list(codes) if codes is not None else None)
    out = pd.DataFrame(
        {"skolenhetskod": areas["code"].values, "namn": areas["name"].values, "kommun": areas["kommun"].values}
    )
    if out.empty:
        return out.assign(huvudman_typ=pd.Series(dtype=object), x=pd.Series(dtype=float), y=pd.Series(dtype=float))
    pts = store.sql(
        "SELECT code, geometry FROM area_geometries WHERE version = ? AND boundary_version = 'punkt'", [VERSION]
    )
    if len(pts):
        import shapely

        g = shapely.from_wkb(pts["geometry"].map(bytes).values)
        pts = pd.DataFrame({"skolenhetskod": pts["code"].values, "x": shapely.get_x(g), "y": shapely.get_y(g)})
    else:
        pts = pd.DataFrame(columns=["skolenhetskod", "x", "y"])
    out = out.merge(pts, on="skolenhetskod", how="left")
    hm = store.observations("skola_huvudman", level="skolenhet", kommun=kommun)
    hm = hm.sort_values("year").drop_duplicates("area_code", keep="last")
    names = {1.0: "kommunal", 2.0: "fristående", 3.0: "statlig", 4.0: "region"}
    out["huvudman_typ"] = out["skolenhetskod"].map(dict(zip(hm["area_code"], hm["value"].map(names))))
    return out[["skolenhetskod", "namn", "kommun", "huvudman_typ", "x", "y"]]


def school_results(
    store, kommun: str | None = None, years: Iterable[int] | None = None, codes: Iterable[str] | None = None
) -> pd.DataFrame:
    """Results per school and year: ``skolenhetskod, year, variable, value, status, source_id``.

    Variables: the år 9 results (``meritvarde_ak9``, ``andel_*_ak9``) and ``elever_ak9``
    (published for 2024/25 only).
    """
    variables = [*INDICATOR_VARIABLES.values(), "elever_ak9"]
    obs = store.observations(
        variables,
        level="skolenhet",
        kommun=kommun,
        year=list(years) if years is not None else None,
        codes=list(codes) if codes is not None else None,
    )
    return obs.rename(columns={"area_code": "skolenhetskod"})[
        ["skolenhetskod", "year", "variable", "value", "status", "source_id"]
    ]


def kommun_eligibility(store, kommun: str) -> pd.DataFrame:
    """Eligibility for gymnasiet per kommun (all pupils and by huvudman), from the store."""
    vs = [v[0] for v in VARIABLES if v[0].startswith("beh_")]
    return store.observations(vs, level="kommun", codes=[kommun])[["year", "variable", "value", "status"]]
