"""Turnout per DeSO through an areal key from valdistrikt to DeSO (docs/methods/valdeltagande.md §1–2).

The user supplies Valmyndigheten's valdistrikt boundaries; the store supplies its DeSO polygons.
:func:`deso_turnout` builds the key per kommun (newest DeSO version the store holds polygons
for), carries röstberättigade and röstande to each DeSO and returns the frames that
:func:`lagesbild.services.sources.import_election_file` writes together with the kommun turnout,
in one transaction. Nothing is written here; bad input raises before anything is written.
"""

from __future__ import annotations

import datetime as _dt
import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pandas as pd

from lagesbild.errors import NotFoundError, SchemaError
from lagesbild.i18n import pair, t
from lagesbild.services.source_frames import VAR_COLS

if TYPE_CHECKING:
    from lagesbild.store.db import Store

__all__ = ["DesoTurnout", "deso_turnout", "write_key_csv", "variable_ids"]


@dataclass
class DesoTurnout:
    """What :func:`deso_turnout` gives: frames to write, the key and a summary (JSON keys)."""

    observations: pd.DataFrame
    variables: pd.DataFrame
    source: pd.DataFrame
    key: pd.DataFrame
    summary: dict[str, Any] = field(default_factory=dict)


def variable_ids(election: str) -> dict[str, str]:
    """The store variables of one election: ``valdeltagande_riksdag``, ``rostande_riksdag`` …

    Parameters
    ----------
    election : str
        ``"riksdag"``, ``"region"`` or ``"kommun"``.

    Returns
    -------
    dict
        Role (``turnout, voters, eligible, coverage``) → variable id.
    """
    return {"turnout": f"valdeltagande_{election}", "voters": f"rostande_{election}",
            "eligible": f"rostberattigade_{election}", "coverage": f"valnyckel_tackning_{election}"}


def _newest(versions: list[str]) -> str:
    return max(versions, key=lambda v: (int(m.group(0)) if (m := re.search(r"\d{4}", v)) else 0, v))


def _population(store: Store, version: str, kommun: str, codes: list[str], year: int) -> tuple[pd.Series | None, int]:
    """Persons per DeSO (``folkmangd``) in the year nearest the election with every DeSO present."""
    obs = store.observations("folkmangd", version=version, kommun=kommun, codes=codes)
    for y in sorted(obs["year"].unique(), key=lambda y: (abs(int(y) - year), -int(y))):
        one = obs[obs["year"] == y].set_index("area_code")["value"].dropna()
        if set(codes) <= set(one.index):
            return one.astype(float), int(y)
    return None, 0


def deso_turnout(store: Store, districts: pd.DataFrame, boundaries: str | Path, *, results: str | Path
                 ) -> DesoTurnout:
    """Build the key valdistrikt → DeSO and the turnout per DeSO from the boundaries the user supplies.

    Parameters
    ----------
    store : Store
        The open store; its DeSO polygons are the targets.
    districts : pandas.DataFrame
        :func:`lagesbild.sources.valmyndigheten.read_valdistrikt` of the result file.
    boundaries : str or Path
        The valdistrikt boundary file (GeoPackage, GeoJSON or Shapefile; any CRS).
    results : str or Path
        The result file (named in messages and in the source id).

    Returns
    -------
    DesoTurnout
        Observations, new variables and the source row to write, the key
        (``valdistrikt, deso, deso_version, vikt``) and a summary.

    Raises
    ------
    NotFoundError
        The boundary file does not exist, or the store has no DeSO polygons for its kommuner.
    SchemaError
        Not geodata, no CRS, no code column, codes not 8 digits, no valdistrikt in common with
        the results, or no overlap with the DeSO.
    """
    from lagesbild.sources.valdistrikt_granser import read_boundaries
    from lagesbild.typology.areal_interpolation import areal_weights, carry_counts, ratio_of_counts, target_coverage

    path = Path(boundaries)
    b = read_boundaries(path, crs=store.settings.crs)
    res = districts[~districts["unallocated"]]
    common = sorted(set(b.frame["valdistrikt"]) & set(res["valdistrikt"]))
    if not common:
        raise SchemaError(*pair("valnyckel.no_common_codes", file=path, results=Path(results).name,
                                example=b.frame["valdistrikt"].iloc[0]))
    election, year = str(res["election"].iloc[0]), int(res["year"].iloc[0])
    vd = b.frame[b.frame["valdistrikt"].isin(common)].rename(columns={"valdistrikt": "code"})
    keys, covs, weighting, no_deso = [], [], {}, []
    for kommun in sorted({c[:4] for c in common}):
        deso = store.geometries(level="deso", kommun=kommun)
        if deso.empty:
            no_deso.append(kommun)
            continue
        version = _newest(sorted(deso["version"].unique()))
        deso = deso[deso["version"] == version]
        mine = vd[vd["code"].str[:4] == kommun]
        population, pop_year = _population(store, version, kommun, list(deso["code"]), year)
        key = areal_weights(mine, deso, population=population).assign(deso_version=version)
        weighting[kommun] = (t("valnyckel.weighting_population", "sv", year=pop_year) if population is not None
                             else t("valnyckel.weighting_area", "sv"))
        keys.append(key)
        cov = target_coverage(mine, deso)
        covs.append(pd.DataFrame({"code": cov.index, "version": version, "share": cov.to_numpy()}))
    if not keys:
        raise NotFoundError(*pair("valnyckel.no_deso", file=path, kommuner=", ".join(no_deso)))
    key = pd.concat(keys, ignore_index=True)
    if key.empty:
        raise SchemaError(*pair("valnyckel.no_overlap", file=path, kommuner=", ".join(sorted(weighting))))
    version_of = key.drop_duplicates("to_code").set_index("to_code")["deso_version"]
    counts = res.rename(columns={"valdistrikt": "code"})
    carried = carry_counts(counts, key, ["rostberattigade", "rostande"])
    carried = carried[carried["rostberattigade"] > 0]
    carried["valdeltagande"] = ratio_of_counts(carried["rostande"], carried["rostberattigade"])
    cov = pd.concat(covs, ignore_index=True)
    cov = cov[cov["share"] > 0]
    ids = variable_ids(election)
    src = _source_row(path, results, election, year, weighting, b.repaired)
    sid = src["id"].iloc[0]

    def obs(codes: pd.Series, versions: Any, variable: str, values: pd.Series) -> pd.DataFrame:
        return pd.DataFrame({"area_code": codes.to_numpy(), "area_version": versions, "year": year,
                             "variable": variable, "value": values.astype(float).to_numpy(), "source_id": sid,
                             "status": None})

    versions = carried["code"].map(version_of).to_numpy()
    observations = pd.concat([
        obs(carried["code"], versions, ids["eligible"], carried["rostberattigade"]),
        obs(carried["code"], versions, ids["voters"], carried["rostande"]),
        obs(carried["code"], versions, ids["turnout"], carried["valdeltagande"]),
        obs(cov["code"], cov["version"].to_numpy(), ids["coverage"], 100.0 * cov["share"]),
    ], ignore_index=True)
    variables = _variables(ids, election)
    variables = variables[~variables["id"].isin(store.variables().index)]
    out_key = pd.DataFrame({"valdistrikt": key["from_code"], "deso": key["to_code"],
                            "deso_version": key["deso_version"], "vikt": key["weight"]})
    unmatched = sorted(set(res["valdistrikt"]) - set(b.frame["valdistrikt"]))
    summary = {"deso": int(len(carried)), "deso_version": sorted(set(version_of)), "nyckelrader": int(len(key)),
               "valdistrikt_i_nyckeln": int(key["from_code"].nunique()),
               "valdistrikt_utan_grans": len([c for c in unmatched if c[:4] in weighting]),
               "granser_utan_resultat": int((~b.frame["valdistrikt"].isin(res["valdistrikt"])).sum()),
               "lagade_geometrier": b.repaired, "kodkolumn": b.code_column, "viktning": weighting,
               "kommuner_utan_deso": no_deso,
               "tackning_median_procent": round(float(100.0 * cov["share"].median()), 1) if len(cov) else None}
    return DesoTurnout(observations, variables, src, out_key, summary)


def _variables(ids: dict[str, str], election: str) -> pd.DataFrame:
    val = pair(f"valnyckel.election_{election}")
    rows = []
    for role, unit, kind in (("eligible", "personer", "count"), ("voters", "personer", "count"),
                             ("turnout", "procent", "share"), ("coverage", "procent", "share")):
        label = {"eligible": "label_eligible", "voters": "label_voters", "turnout": "label_turnout",
                 "coverage": "label_coverage"}[role]
        row = {"id": ids[role], "label_sv": t(f"valnyckel.{label}", "sv", val=val[0]),
               "label_en": t(f"valnyckel.{label}", "en", val=val[1]), "unit": unit, "kind": kind,
               "source": t("valnyckel.source_table", "sv"),
               "description": "docs/methods/valdeltagande.md §1–2"}
        if role == "turnout":
            row.update(numerator=ids["voters"], denominator=ids["eligible"])
        rows.append(row)
    return pd.DataFrame(rows, columns=VAR_COLS)


def _source_row(path: Path, results: str | Path, election: str, year: int, weighting: dict[str, str],
                repaired: int) -> pd.DataFrame:
    kinds = sorted(set(weighting.values()))
    note = t("valnyckel.source_note", "sv", weighting=" / ".join(kinds), repaired=repaired)
    table = f"{t('valnyckel.source_table', 'sv')} ({t(f'valnyckel.election_{election}', 'sv')} {year})"
    return pd.DataFrame([{"id": f"valmyndigheten-nyckel:{Path(results).name}:{path.name}",
                          "publisher": "Valmyndigheten",
                          "table_id": table,
                          "file": str(path), "licence": "öppna data (ej verifierad)",
                          "attribution": "Källa: Valmyndigheten; bearbetning: areaviktad nyckel valdistrikt→DeSO",
                          "retrieved_at": _dt.datetime.now(_dt.UTC).replace(tzinfo=None),
                          "sha256": hashlib.sha256(path.read_bytes()).hexdigest(), "note": note}])


def write_key_csv(key: pd.DataFrame, path: str | Path) -> Path:
    """Write the key as CSV (``valdistrikt, deso, vikt``; UTF-8, decimal point), atomically.

    Parameters
    ----------
    key : pandas.DataFrame
        :attr:`DesoTurnout.key`.
    path : str or Path
        Where to write.

    Returns
    -------
    Path
        The written file.
    """
    from lagesbild._fileio import write_atomic

    return write_atomic(path, key[["valdistrikt", "deso", "vikt"]].to_csv(index=False, float_format="%.10g"))
