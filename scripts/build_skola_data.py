"""Build the bundled school data (src/lagesbild/data/skolverket_*.parquet) from ../shared/data.

Run once by a maintainer (``.venv/bin/python scripts/build_skola_data.py [SHARED_DATA]``); the
outputs are committed. No value is changed: the recorded Planned Educations API v4 responses
are parsed with :func:`lagesbild.sources.skolverket.parse_value` (markers kept as a status),
reshaped and joined on skolenhetskod. Provenance is in src/lagesbild/data/DATA.md.

Outputs
-------
skolverket_grundskola_ak9_2021_2025.parquet
    Long: skolenhetskod, year (2025 = läsår 2024/25), indicator, value, status, value_text,
    value_type — år 9 results per school 2020/21–2024/25.
skolverket_skolenheter_gr.parquet
    One row per school with statistics: namn, kommun, huvudman_typ, sweref_n/e (EPSG:3006),
    koordinat_kalla, kommun_kalla.
skolverket_behorighet_kommun_2024_25.parquet
    Eligibility for gymnasiet per kommun × huvudman × kön, 2024/25.
"""

from __future__ import annotations

import io
import json
import sys
import tarfile
from pathlib import Path

import pandas as pd

from lagesbild.sources.skolverket import STAT_INDICATORS, parse_value, school_year

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT.parent / "shared" / "data"
OUT = ROOT / "src" / "lagesbild" / "data"
PQ = {"compression": "zstd", "index": False}
SK = SHARED / "skolverket_grundskola_2021_2025_stockholm_vg_halland"


def _f(value) -> float:
    return float(str(value).replace(",", "."))


def raw_responses() -> list[dict]:
    out = []
    with tarfile.open(SK / "raw_api_cache.tar.xz") as tar:
        for m in tar.getmembers():
            if m.isfile() and m.name.endswith(".json"):
                out.append(json.load(tar.extractfile(m)))
    return out


def main() -> None:
    raw = raw_responses()
    stats, details, compact = [], {}, {}
    for d in raw:
        url = d["url"].split("?")[0]
        body = (d.get("json") or {}).get("body") or {}
        if url.endswith("/statistics/gr"):
            code = body.get("schoolUnit")
            for fld, name in STAT_INDICATORS.items():
                for e in body.get(fld) or []:
                    y = school_year(e.get("timePeriod"))
                    if y is None or not 2021 <= y <= 2025:
                        continue
                    p = parse_value(e.get("value"), e.get("valueType"))
                    stats.append((code, y, name, p.value, p.status, p.text, p.value_type))
        elif "/compact-school-units" in url:
            for r in (body.get("_embedded") or {}).get("compactSchoolUnits") or []:
                compact[r["schoolUnitCode"]] = r
        elif url.rsplit("/", 2)[-2] == "school-units":
            details[body["code"]] = body
    st = pd.DataFrame(stats, columns=["skolenhetskod", "year", "indicator", "value", "status", "value_text",
                                      "value_type"])

    ak = pd.read_csv(SHARED / "skolverket_ak9_2025" / "grundskola_slutbetyg_ak9_samtliga_2024-25_skolenhet.csv",
                     sep=";", skiprows=5, dtype=str, encoding="utf-8-sig")
    ak = ak[ak["Skol-enhetskod"].fillna("").str.fullmatch(r"\d{8}")]
    ak = ak.set_index("Skol-enhetskod")
    g9 = {}
    for region in ("stockholm", "vastra-gotaland", "halland"):
        for s in json.loads((SK / f"{region}-grade9-schools.json").read_text(encoding="utf-8"))["schools"]:
            g9[s["schoolUnitCode"]] = s

    from pyproj import Transformer

    to3006 = Transformer.from_crs(4326, 3006, always_xy=True)
    rows = []
    for code in sorted(set(st["skolenhetskod"])):
        det, cmp_, g, a = details.get(code), compact.get(code), g9.get(code), None
        if code in ak.index:
            a = ak.loc[code]
        kommun = kkalla = None
        if a is not None:
            kommun, kkalla = str(a["Kommun-kod"]).zfill(4), "export 2024/25"
        elif det and det.get("geographicalAreaCode"):
            kommun, kkalla = det["geographicalAreaCode"], "API skolenhet"
        elif g:
            kommun, kkalla = g["municipalityCode"], "API byggfil"
        if kommun is None:
            continue  # outside the three regions' lists: no kommun, not bundled
        name = (a["Skola"] if a is not None else None) or (det or {}).get("name") or (g or {}).get("name") \
            or (cmp_ or {}).get("schoolUnitName")
        typ = (a["Typ av huvudman"] if a is not None else None) or (det or {}).get("principalOrganizerType")
        n = e = None
        src = None
        if det and det.get("sweRef_N") and det.get("sweRef_E"):
            n, e, src = _f(det["sweRef_N"]), _f(det["sweRef_E"]), "API skolenhet (SWEREF 99 TM)"
        elif cmp_ and cmp_.get("sweref99Latitude") and cmp_.get("sweref99Longitude"):
            n, e = _f(cmp_["sweref99Latitude"]), _f(cmp_["sweref99Longitude"])
            src = "API kompakt lista (SWEREF 99 TM)"
        elif g and g.get("lat") is not None and g.get("lng") is not None:
            x, y = to3006.transform(float(g["lng"]), float(g["lat"]))
            n, e, src = round(y, 1), round(x, 1), "API byggfil (WGS 84 → SWEREF 99 TM)"
        rows.append({"skolenhetskod": code, "namn": name, "kommun": kommun, "huvudman_typ": typ,
                     "sweref_n": n, "sweref_e": e, "koordinat_kalla": src, "kommun_kalla": kkalla})
    units = pd.DataFrame(rows)
    st = st[st["skolenhetskod"].isin(units["skolenhetskod"])]
    # keep only schools with at least one år 9 value or marker for 2021–2025 besides "missing"
    has = st[st["value_type"] != "MISSING"].groupby("skolenhetskod").size()
    st = st[st["skolenhetskod"].isin(has.index)]
    units = units[units["skolenhetskod"].isin(has.index)]
    st = st.sort_values(["skolenhetskod", "indicator", "year"]).reset_index(drop=True)
    st["year"] = st["year"].astype("int16")
    st.to_parquet(OUT / "skolverket_grundskola_ak9_2021_2025.parquet", **PQ)
    units.to_parquet(OUT / "skolverket_skolenheter_gr.parquet", **PQ)
    print(f"{len(units)} skolor, {len(st)} värden; utan koordinat: {units['sweref_n'].isna().sum()}")

    beh = SHARED / "skolverket_behorighet_kommun_2024_25" / "behorighet_grundskola_2024_25.csv"
    text = beh.read_text(encoding="utf-8-sig")
    df = pd.read_csv(io.StringIO(text), sep=";", skiprows=9, dtype=str, keep_default_na=False)
    df = df.loc[:, [c for c in df.columns if c and not c.startswith("Unnamed")]]
    names = {"Kommun": "kommunnamn", "Kommun-kod": "kommun", "Typ av huvudman": "huvudman_typ", "Kön": "kon",
             "Antal elever": "elever"}
    share_cols = [c for c in df.columns if c.startswith("Andel")]
    tidy = {share_cols[0]: "andel_behoriga_yrkesprog", share_cols[1]: "andel_behoriga_es",
            share_cols[2]: "andel_behoriga_saekhu", share_cols[3]: "andel_behoriga_nate"}
    df = df.rename(columns={**names, **tidy})[list(names.values()) + list(tidy.values())]
    df = df[df["kommun"].str.fullmatch(r"\d{1,4}")]
    df["kommun"] = df["kommun"].str.zfill(4)
    for c in ["elever", *tidy.values()]:
        s = df[c].str.replace("\u00a0", "").str.replace(" ", "").str.strip()
        marker = ~s.str.fullmatch(r"-?\d+(,\d+)?")
        df[c + "_status"] = s.where(marker, None)
        df[c] = pd.to_numeric(s.mask(marker).str.replace(",", "."), errors="raise")
    df["year"] = 2025
    df.to_parquet(OUT / "skolverket_behorighet_kommun_2024_25.parquet", **PQ)
    print(f"behörighet: {len(df)} rader, {df['kommun'].nunique()} kommuner")


if __name__ == "__main__":
    main()
