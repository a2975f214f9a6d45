"""Import and export of the insats registry: Excel/CSV template with Swedish headings, and JSON.

Excel: sheets ``Insatser`` (one row per insats), ``Evidens``, ``Räckvidd`` and ``Källor`` (one
row per claim, reach record and source, linked by ``ID``), plus ``Instruktioner`` and
``Ordlistor`` (the allowed values). CSV: the same four tables as ``<namn>.csv``,
``<namn>_evidens.csv``, ``<namn>_rackvidd.csv`` and ``<namn>_kallor.csv``. JSON: the canonical
documents. Vocabulary fields are written as Swedish labels and read as labels or codes.

Import validates every row and reports every error with its sheet and row number; if any row
is invalid nothing is written. Export followed by import gives back the same registry.
"""

from __future__ import annotations

import json
from pathlib import Path

from lagesbild.errors import InputError, SchemaError
from lagesbild.i18n import t as tr
from lagesbild.prevention import registry
from lagesbild.prevention.model import (
    FIELD_LABELS,
    Insats,
    ValidationError,
    default_scheme,
    insats_to_dict,
    parse_insats,
    parse_participants,
    participants_text,
)
from lagesbild.prevention.vocab import VOCABULARIES, label
from lagesbild.safecells import neutralise_frame, restore

__all__ = ["MAIN_COLUMNS", "export_insatser", "read_insatser", "import_insatser", "write_template"]

#: Main-sheet columns: field → (heading, vocabulary or None).
MAIN_COLUMNS = {
    "id": None,
    "kommun": None,
    "name": None,
    "description": None,
    "organisation": None,
    "unit": None,
    "partners": "partner",
    "arenas": "arena",
    "levels": "niva",
    "life_stages": "livsfas",
    "age_min": None,
    "age_max": None,
    "themes": "tema",
    "factors": "faktor",
    "scope": None,
    "areas": None,
    "start": None,
    "end": None,
    "capacity": None,
    "target_group_size": None,
    "target_group_note": None,
    "cost_sek": None,
    "cost_note": None,
    "goals": None,
    "indicators": None,
    "status": "status",
    "library_ref": None,
    "example_label": None,
    "notes": None,
}
EVIDENCE_COLUMNS = {
    "id": "ID",
    "tier": "Nivå",
    "source": "Källa",
    "url": "Länk",
    "date_assessed": "Bedömd datum",
    "assessor": "Bedömare",
    "note": "Kommentar",
}
REACH_COLUMNS = {
    "id": "ID",
    "year": "År",
    "participants": "Deltagare",
    "area": "Område",
    "life_stage": "Livsfas",
    "note": "Kommentar",
}
SOURCE_COLUMNS = {"id": "ID", "source": "Källa"}
SHEETS = {"main": "Insatser", "evidence": "Evidens", "reach": "Räckvidd", "sources": "Källor"}
_CSV_SUFFIX = {"evidence": "_evidens", "reach": "_rackvidd", "sources": "_kallor"}
_SCOPE = {"kommun": "hela kommunen", "omraden": "områden"}


def _cell(v) -> str:
    if v is None:
        return ""
    if isinstance(v, float) and v == int(v):
        return str(int(v)) if abs(v) < 1e15 else repr(v)
    return str(v)


def _tables(items: list[Insats]):
    import pandas as pd

    scheme = default_scheme()
    main, ev, reach, src = [], [], [], []
    for ins in items:
        row = {}
        for f, vocab in MAIN_COLUMNS.items():
            v = getattr(ins, f)
            if f == "partners":
                v = "; ".join(f"{label('partner', p.type)}{': ' + p.name if p.name else ''}" for p in v)
            elif f == "areas":
                v = "; ".join(f"{a.code}@{a.version}" for a in v)
            elif f == "scope":
                v = _SCOPE[v]
            elif vocab and isinstance(v, list):
                v = "; ".join(label(vocab, c) for c in v)
            elif vocab:
                v = label(vocab, v)
            elif isinstance(v, list):
                v = "; ".join(v)
            row[FIELD_LABELS[f]] = _cell(v)
        main.append(row)
        for c in ins.evidence:
            t = scheme.get(c.tier)
            ev.append(
                {
                    "ID": ins.id,
                    "Nivå": t.sv if t else c.tier,
                    "Källa": c.source,
                    "Länk": c.url,
                    "Bedömd datum": c.date_assessed,
                    "Bedömare": c.assessor,
                    "Kommentar": c.note,
                }
            )
        for r in ins.reach:
            reach.append(
                {
                    "ID": ins.id,
                    "År": str(r.year),
                    "Deltagare": participants_text(r.participants, r.participants_high),
                    "Område": f"{r.area_code}@{r.area_version}" if r.area_code else "",
                    "Livsfas": label("livsfas", r.life_stage) if r.life_stage else "",
                    "Kommentar": r.note,
                }
            )
        for s in ins.sources:
            src.append({"ID": ins.id, "Källa": s})
    cols = [FIELD_LABELS[f] for f in MAIN_COLUMNS]
    return {
        "main": pd.DataFrame(main, columns=cols),
        "evidence": pd.DataFrame(ev, columns=list(EVIDENCE_COLUMNS.values())),
        "reach": pd.DataFrame(reach, columns=list(REACH_COLUMNS.values())),
        "sources": pd.DataFrame(src, columns=list(SOURCE_COLUMNS.values())),
    }


def _instructions():
    import pandas as pd

    rows = [
        (
            "Mall för insatsregistret i lagesbild. En rad per insats på bladet Insatser; evidens, räckvidd och "
            "källor på egna blad, kopplade med ID."
        ),
        "Flera värden i en cell skiljs med semikolon (;). Områden anges som kod@version, t.ex. 0127R005@RegSO2020.",
        "Samverkanspartner anges som 'Typ: namn', t.ex. 'Polis: lokalpolisområde Botkyrka'.",
        "Räckvidd: lämna Deltagare tomt om antalet är okänt – det räknas aldrig som noll. Ett intervall skrivs "
        "120–150 (även 120-150 eller 120 till 150).",
        "Tillåtna värden för Arena, Preventionsnivå, Livsfas, Tema, Status, Samverkanspartner och faktorer "
        "finns på bladet Ordlistor; evidensnivåer likaså.",
        "Ett nytt ID skapar en ny insats; ett befintligt ID ersätter insatsen (ändringen loggas).",
    ]
    return pd.DataFrame({"Instruktioner": rows})


def _wordlists():
    import pandas as pd

    rows = [
        {"Lista": name, "Kod": code, "Värde": t.sv} for name, table in VOCABULARIES.items() for code, t in table.items()
    ]
    rows += [{"Lista": "evidensniva", "Kod": t.code, "Värde": t.sv} for t in default_scheme().tiers]
    rows += [{"Lista": "var", "Kod": k, "Värde": v} for k, v in _SCOPE.items()]
    return pd.DataFrame(rows)


def export_insatser(items: list[Insats], path, fmt: str | None = None) -> list[Path]:
    """Write insatser to ``path`` (``.xlsx``, ``.csv`` or ``.json``); returns the files written."""
    path = Path(path)
    fmt = (fmt or path.suffix.lstrip(".")).lower()
    if fmt == "json":
        doc = {"format": "lagesbild-insatser", "version": 1, "insatser": [insats_to_dict(i) for i in items]}
        path.write_text(json.dumps(doc, ensure_ascii=False, indent=1), encoding="utf-8")
        return [path]
    t = _tables(items)
    if fmt == "xlsx":
        import pandas as pd

        with pd.ExcelWriter(path, engine="openpyxl") as xw:
            for key, sheet in SHEETS.items():
                neutralise_frame(t[key]).to_excel(xw, sheet_name=sheet, index=False)
            _instructions().to_excel(xw, sheet_name="Instruktioner", index=False)
            _wordlists().to_excel(xw, sheet_name="Ordlistor", index=False)
        return [path]
    if fmt == "csv":
        out = [path]
        neutralise_frame(t["main"]).to_csv(path, index=False)
        for key, suffix in _CSV_SUFFIX.items():
            p = path.with_name(path.stem + suffix + ".csv")
            neutralise_frame(t[key]).to_csv(p, index=False)
            out.append(p)
        return out
    raise InputError(
        f"Formatet måste vara xlsx, csv eller json. Fick {fmt!r}.",
        f"The format must be xlsx, csv or json. Got {fmt!r}.",
    )


def write_template(path) -> list[Path]:
    """An empty template (all sheets and headings, word lists) to fill in."""
    return export_insatser([], path)


def _read_tables(path: Path, fmt: str) -> dict:
    import pandas as pd

    if fmt == "xlsx":
        # Streamed with the store's Excel reader: zip bombs and damaged files refused, formula
        # cells refused with the cell named (never read as empty).
        from lagesbild.store.excel import check_archive, iter_excel, sheet_names

        check_archive(path)
        names = sheet_names(path)
        if SHEETS["main"] not in names:
            raise SchemaError(
                f"Filen {path} saknar bladet 'Insatser'. Fick blad: {', '.join(names)}.",
                f"{path} has no sheet 'Insatser'. Got sheets: {', '.join(names)}.",
            )
        out: dict = {}
        for key, sheet in SHEETS.items():
            if sheet not in names:
                out[key] = None
                continue
            frames = [
                pd.DataFrame([(r + [""] * len(h))[: len(h)] for r in rows], columns=h, dtype=str)
                for _, h, rows in iter_excel(path, sheet, 0, 100_000)
            ]
            out[key] = _restored(pd.concat(frames, ignore_index=True))
        return out
    if fmt == "csv":
        from lagesbild.store.readers import read_chunks

        def whole(p: Path):
            frames = [c for _, c in read_chunks(p, "csv")]
            if not frames:  # a header without rows
                frames = [pd.read_csv(p, nrows=0, dtype=str, encoding="utf-8-sig")]
            return _restored(pd.concat(frames, ignore_index=True))

        out = {"main": whole(path)}
        for key, suffix in _CSV_SUFFIX.items():
            p = path.with_name(path.stem + suffix + ".csv")
            out[key] = whole(p) if p.exists() else None
        return out
    raise InputError(
        f"Formatet måste vara xlsx, csv eller json. Fick {fmt!r}.",
        f"The format must be xlsx, csv or json. Got {fmt!r}.",
    )


def _restored(df):
    """Values read back from an export: the apostrophe :func:`neutralise_frame` added removed."""
    df.columns = [restore(c) for c in df.columns]
    return df.apply(lambda col: col.map(restore)) if len(df) else df


def _err(errors: list, sheet: str, row: int, sv: str, en: str) -> None:
    errors.append({"field": sheet, "row": f"{row} på bladet {sheet}", "sv": sv, "en": en})


def read_insatser(path, fmt: str | None = None) -> tuple[list[dict], list[int]]:
    """Read a file into insats dicts (not yet validated against the store) and their sheet rows.

    Raises
    ------
    ValidationError
        With every row-level problem of every sheet (sheet and row named in Swedish).
    """
    path = Path(path)
    if not path.exists():
        raise InputError(f"Filen {path} finns inte.", f"The file {path} does not exist.")
    fmt = (fmt or path.suffix.lstrip(".")).lower()
    if fmt == "json":
        try:
            doc = json.loads(path.read_text(encoding="utf-8"))
        except json.JSONDecodeError as exc:
            raise SchemaError(
                f"Filen {path} är inte giltig JSON: {exc}.", f"{path} is not valid JSON: {exc}."
            ) from None
        items = doc.get("insatser") if isinstance(doc, dict) else doc
        if not isinstance(items, list):
            raise SchemaError(
                "JSON-filen måste innehålla en lista 'insatser'.", "The JSON file must hold a list 'insatser'."
            )
        return items, list(range(1, len(items) + 1))
    t = _read_tables(path, fmt)
    main = t["main"]
    heading_to_field = {FIELD_LABELS[f]: f for f in MAIN_COLUMNS}
    missing = [h for h in ("Namn", "Kommun") if h not in main.columns]
    unknown = [c for c in main.columns if c not in heading_to_field]
    if missing or unknown:
        raise SchemaError(
            f"Bladet 'Insatser' saknar kolumner {missing} eller har okända kolumner {unknown}. "
            f"Tillåtna: {', '.join(heading_to_field)}.",
            f"The sheet 'Insatser' lacks columns {missing} or has unknown columns {unknown}.",
        )
    errors: list[dict] = []
    items, rows, by_id = [], [], {}
    for n, r in enumerate(main.to_dict("records"), start=2):
        if not any(str(v).strip() for v in r.values()):
            continue
        d = {heading_to_field[h]: v for h, v in r.items()}
        d["scope"] = {"hela kommunen": "kommun", "områden": "omraden"}.get(
            str(d.get("scope", "")).strip().lower(), d.get("scope")
        )
        d["evidence"], d["reach"], d["sources"] = [], [], []
        if d.get("id"):
            if d["id"] in by_id:
                _err(errors, "Insatser", n, f"ID {d['id']!r} förekommer flera gånger.", f"ID {d['id']!r} occurs twice.")
            by_id[d["id"]] = d
        items.append(d)
        rows.append(n)
    for key, cols in (("evidence", EVIDENCE_COLUMNS), ("reach", REACH_COLUMNS), ("sources", SOURCE_COLUMNS)):
        df = t.get(key)
        if df is None:
            continue
        sheet = SHEETS[key]
        inv = {v: k for k, v in cols.items()}
        bad = [c for c in df.columns if c not in inv]
        if bad:
            raise SchemaError(
                f"Bladet '{sheet}' har okända kolumner {bad}. Tillåtna: {', '.join(inv)}.",
                f"The sheet '{sheet}' has unknown columns {bad}.",
            )
        for n, r in enumerate(df.to_dict("records"), start=2):
            if not any(str(v).strip() for v in r.values()):
                continue
            rec = {inv[h]: (str(v).strip() if v is not None else "") for h, v in r.items()}
            target = by_id.get(rec.pop("id", ""))
            if target is None:
                _err(
                    errors,
                    sheet,
                    n,
                    f"ID {r.get('ID')!r} finns inte på bladet 'Insatser'.",
                    f"ID {r.get('ID')!r} is not on the sheet 'Insatser'.",
                )
                continue
            if key == "sources":
                target["sources"].append(rec["source"])
            elif key == "reach":
                try:
                    parse_participants(rec.get("participants"))
                except ValueError as exc:
                    which = "insatser.reach.cell_order" if str(exc) == "order" else "insatser.reach.cell_format"
                    got = repr(rec.get("participants"))
                    _err(errors, sheet, n, tr(which, "sv", got=got), tr(which, "en", got=got))
                    continue
                code, _, version = rec.pop("area", "").partition("@")
                target["reach"].append(
                    {
                        **rec,
                        "area_code": code or None,
                        "area_version": version or None,
                        "participants": rec.get("participants") or None,
                    }
                )
            else:
                target["evidence"].append(rec)
    if errors:
        raise ValidationError(errors, "Importen", "The import")
    return items, rows


def import_insatser(store, path, who: str, fmt: str | None = None) -> dict:
    """Validate a file row by row and write it in one transaction (all rows or none)."""
    items, rows = read_insatser(path, fmt)
    errors = []
    scheme = registry.get_scheme(store)
    for row, d in zip(rows, items):
        try:
            parse_insats(d, scheme)
        except ValidationError as exc:
            errors += [{**e, "row": row} for e in exc.errors]
    if errors:
        raise ValidationError(errors, "Importen", "The import")
    return registry.upsert_many(store, items, who, row_numbers=rows)
