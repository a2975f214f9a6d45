"""The insats edit form: parsing a posted form into an insats, pre-filling it, and errors per field."""

from __future__ import annotations

__all__ = ["LIST_FIELDS", "form_to_data", "data_to_form", "refill", "field_errors", "filters"]

#: Fields posted as several values (check boxes).
LIST_FIELDS = ("arenas", "levels", "life_stages", "themes", "factors")


def form_to_data(form) -> dict:
    """Turn the edit form into an insats dict (lines → lists, 'a | b | c' → records)."""
    from lagesbild.services.insatser import FIELD_LABELS

    data: dict = {}
    for f in FIELD_LABELS:
        if f in LIST_FIELDS:
            data[f] = form.getlist(f)
        elif f in form:
            data[f] = form.get(f)
    for f in ("partners", "areas", "sources", "goals", "indicators"):
        data[f] = [x.strip() for x in str(form.get(f) or "").splitlines() if x.strip()]
    ev = []
    for line in str(form.get("evidence") or "").splitlines():
        if line.strip():
            p = [x.strip() for x in line.split("|")] + [""] * 6
            ev.append({"tier": p[0], "source": p[1], "url": p[2], "date_assessed": p[3], "assessor": p[4],
                       "note": p[5]})
    data["evidence"] = ev
    reach = []
    for line in str(form.get("reach") or "").splitlines():
        if line.strip():
            p = [x.strip() for x in line.split("|")] + [""] * 5
            code, _, version = p[2].partition("@")
            reach.append({"year": p[0], "participants": None if p[1].lower() in ("", "okänt", "okänd") else p[1],
                          "area_code": code or None, "area_version": version or None, "life_stage": p[3] or None,
                          "note": p[4]})
    data["reach"] = reach
    return data


def data_to_form(d: dict) -> dict:
    """The reverse of :func:`form_to_data` for pre-filling the edit form."""
    from lagesbild.services.insatser import label

    f = dict(d)
    f["partners"] = "\n".join(f"{p['type']}: {p['name']}" if p["name"] else p["type"] for p in d.get("partners", []))
    f["areas"] = "\n".join(f"{a['code']}@{a['version']}" for a in d.get("areas", []))
    for k in ("sources", "goals", "indicators"):
        f[k] = "\n".join(d.get(k, []))
    f["evidence"] = "\n".join(" | ".join([e["tier"], e["source"], e["url"], e["date_assessed"], e["assessor"],
                                          e["note"]])
                              for e in d.get("evidence", []))
    f["reach"] = "\n".join(" | ".join([str(r["year"]), _count_text(r),
                                       f"{r['area_code']}@{r['area_version']}" if r["area_code"] else "",
                                       label("livsfas", r["life_stage"]) if r["life_stage"] else "", r["note"]])
                           for r in d.get("reach", []))
    return f


def _count_text(r: dict) -> str:
    """Participants as typed in the form: "okänt", "120" or a range "120–150"."""
    if r["participants"] is None:
        return "okänt"
    high = r.get("participants_high")
    return str(r["participants"]) if high is None else f"{r['participants']}–{high}"


def refill(form) -> dict:
    """Form re-display after an error: exactly what the user typed."""
    f = {k: form.get(k) for k in form}
    for k in LIST_FIELDS:
        f[k] = form.getlist(k)
    return f


def field_errors(errors: list[dict], lang: str = "sv") -> dict[str, list[str]]:
    """Errors grouped by form field (``age_min``, ``areas``, …) for messages beside each field."""
    out: dict[str, list[str]] = {}
    for e in errors:
        fld = str(e.get("field") or "").split("[", 1)[0].split(".", 1)[0]
        if fld:
            out.setdefault(fld, []).append(e.get(lang) or e["sv"])
    return out


def filters(q) -> dict:
    """The list filters of the query string (``arena``, ``niva``, ``livsfas`` …) as service arguments."""
    return {"arena": q.get("arena") or None, "level": q.get("niva") or None, "stage": q.get("livsfas") or None,
            "theme": q.get("tema") or None, "status": q.get("status") or None, "text": q.get("text") or None,
            "area": q.get("omrade") or None, "rct_or_better": q.get("rct") == "1"}
