"""The crime-prevention lägesbild as a document, with the structure of Lag (2023:196) 4 §.

Sections: *Kartläggning* (omfattning och konsekvenser), *Annan information*, *Analys* (findings
as sentences, each with the rule behind it), *Åtgärdsplan*, *Uppföljning*, then method and
sources. The numbers come in ready-made from :mod:`lagesbild.services.brott` (the same
functions the CLI prints), so the document and ``lagesbild brott … --format json`` agree.
The HTML, PDF and Word renderers of the nulägesanalys report lay it out.
"""

from __future__ import annotations

from lagesbild.brott.plan import Finding as PlanFinding
from lagesbild.brott.plan import follow_up_label
from lagesbild.i18n import t
from lagesbild.reporting.model import Bullets, Figure, Note, Paragraph, Report, Section, Table
from lagesbild.reporting.numbers import fmt_number

__all__ = ["HEADINGS", "build_document", "findings"]

#: the headings Lag (2023:196) 4 § asks for, in order (section ids)
HEADINGS = ("kartlaggning", "annan_information", "analys", "atgardsplan", "uppfoljning")
_TOTAL = "Totalt antal anmälda brott"
_RATE = "Antal per 100 000 inv"
_NTU = "Nationella trygghetsundersökningen (NTU)"
_REL = 0.10  # 'higher'/'lower' from 10 % relative difference


def _n(x, d: int = 0) -> str:
    return fmt_number(x, d, "sv")


def _tx(key: str, **kw) -> str:
    return t(f"brott.doc.{key}", "sv", **kw)


def _stat(stats, geo, var, year, enhet=_RATE):
    for r in stats:
        if r["geografi"] == geo and r["variabel"] == var and r["ar"] == year and r["enhet"] == enhet:
            return r["varde"]
    return None


def _cmp(v, ref) -> str:
    if v is None or ref is None or ref == 0:
        return "ingen"
    rel = (v - ref) / ref
    return "hogre" if rel >= _REL else "lagre" if rel <= -_REL else "niva"


def findings(d: dict) -> list[PlanFinding]:
    """The generated findings of the lägesbild, each with its rule (ids F1, F2 …)."""
    out: list[PlanFinding] = []
    name, lan = d["kommunnamn"], d.get("lan_namn", "länet")
    stats = d["statistik"]
    anm = [r for r in stats if r["kalla"] == "Anmälda brott" and r["geografi"] == name and r["varde"] is not None]
    if anm:
        y1 = max(r["ar"] for r in anm)
        y0 = min(r["ar"] for r in anm)
        v = _stat(stats, name, _TOTAL, y1)
        for geo, label in ((lan, lan), ("Hela landet", "riket")):
            ref = _stat(stats, geo, _TOTAL, y1)
            c = _cmp(v, ref)
            if c != "ingen":
                out.append(PlanFinding("", _tx(f"f_total_{c}", name=name, year=y1, value=_n(v), place=label,
                                               ref=_n(ref)), _tx("rule_compare")))
        v0 = _stat(stats, name, _TOTAL, y0)
        c = _cmp(v, v0)
        if c != "ingen":
            out.append(PlanFinding("", _tx(f"f_trend_{c}", y0=y0, y1=y1, v0=_n(v0), v1=_n(v)), _tx("rule_trend")))
        groups = sorted({r["variabel"] for r in anm if r["variabel"] != _TOTAL})
        high = []
        for g in groups:
            gv, gr = _stat(stats, name, g, y1), _stat(stats, "Hela landet", g, y1)
            if gv is not None and gr and (gv - gr) / gr >= 0.2:
                high.append((gv / gr, g, gv, gr))
        for _, g, gv, gr in sorted(high, reverse=True)[:3]:
            out.append(PlanFinding("", _tx("f_group_high", group=g, year=y1, value=_n(gv), ref=_n(gr)),
                                   _tx("rule_group")))
    k = d.get("kolada") or {}
    if k.get("varde") is not None:
        out.append(PlanFinding("", _tx("f_kolada", year=k["ar"], value=_n(k["varde"]), rank=k["rang"],
                                       n=k["antal_kommuner"], median=_n(k["median"])), _tx("rule_kolada")))
    ntu = [r for r in stats if r["kalla"] == _NTU and r["geografi"] == name and r["varde"] is not None]
    if ntu:
        y = max(r["ar"] for r in ntu)
        for r in sorted((r for r in ntu if r["ar"] == y), key=lambda r: r["variabel"]):
            ref = next((x for x in stats if x["kalla"] == _NTU and x["geografi"] == "Hela landet"
                        and x["variabel"] == r["variabel"] and x["ar"] == y), None)
            if ref is None or r["ki_undre"] is None or ref["ki_ovre"] is None:
                continue
            side = ("hogre" if r["ki_undre"] > ref["ki_ovre"] else "lagre" if r["ki_ovre"] < ref["ki_undre"]
                    else None)
            if side:
                out.append(PlanFinding("", _tx(f"f_ntu_{side}", var=r["variabel"], year=y, value=_n(r["varde"], 1),
                                               lo=_n(r["ki_undre"], 1), hi=_n(r["ki_ovre"], 1),
                                               ref=_n(ref["varde"], 1),
                                               n=_n(r["antal_svarande"])), _tx("rule_ntu")))
    h = d.get("handelser")
    if h and h["totalt"]["antal"]:
        tot = h["totalt"]
        mark = _tx("example_suffix") if h.get("exempeldata") else ""
        out.append(PlanFinding("", _tx(f"f_inc_{tot['bedomning_forra_aret']}", year=h["period"], n=_n(tot["antal"]),
                                       prev=_n(tot["antal_forra_aret"]), p=_n(tot["p_okning_forra_aret"], 3))
                               + mark, _tx("rule_change")))
        labels = d.get("kategori_namn", {})
        for c in h["kategorier"]:
            if c["bedomning_forra_aret"] == "okning":
                out.append(PlanFinding("", _tx("f_cat_up", cat=labels.get(c["kategori"], c["kategori"]),
                                               n=_n(c["antal"]), prev=_n(c["antal_forra_aret"]),
                                               p=_n(c["p_okning_forra_aret"], 3)) + mark, _tx("rule_change")))
        hot = [a for a in h["omraden"] if a["omrade"] in set(h["hotspots"])]
        if hot:
            out.append(PlanFinding("", _tx("f_hotspots", areas=", ".join(a["namn"] or a["omrade"] for a in hot))
                                   + mark,
                                   _tx("rule_hotspot")))
    for u in d.get("utsatta", []):
        main = [a for a in u["omraden"] if a["niva"] == "regso" and a["andel_av_omradet"] >= 0.5]
        if main:
            out.append(PlanFinding("", _tx("f_uso", name=u["namn"], kat=u["kategori"].lower(),
                                           areas=", ".join(a["namn"] for a in main)), _tx("rule_uso")))
    for i, f in enumerate(out, 1):
        f.id = f"F{i}"
    return out


def _table(id_, caption, columns, rows, numeric, source="", notes=()) -> Table:
    return Table(id=id_, caption=caption, columns=columns, rows=rows, numeric=numeric, source=source,
                 notes=list(notes))


def _trend_figure(stats, name: str, lan: str):
    """Reported crime per 100 000 over the years: kommun, län, riket (a line each)."""
    import pandas as pd

    from lagesbild.reporting.figures import line_chart

    rows = [{"ar": r["ar"], "varde": r["varde"], "plats": "riket" if r["geografi"] == "Hela landet" else r["geografi"]}
            for r in stats if r["kalla"] == "Anmälda brott" and r["variabel"] == _TOTAL and r["enhet"] == _RATE
            and r["varde"] is not None and r["geografi"] in (name, lan, "Hela landet")]
    if len({r["ar"] for r in rows}) < 2:
        return None
    df = pd.DataFrame(rows).sort_values(["plats", "ar"])
    spec = line_chart(df, x="ar", y="varde", color="plats", x_title=_tx("ax_year"), y_title=_tx("ax_rate"),
                      y_format=",.0f", sort=[name, lan, "riket"])
    table = _table("fig_trend_tab", "", [_tx("c_place"), _tx("c_year"), _tx("c_value")],
                   [[r["plats"], str(r["ar"]), _n(r["varde"])] for r in df.to_dict("records")], [False, True, True])
    return Figure(id="trend", caption=_tx("fig_trend", name=name), alt=_tx("fig_trend_alt", name=name), spec=spec,
                  table=table, source="Brå, kommunindikatorer")


def _ntu_figure(stats, name: str):
    """The NTU share of people who feel unsafe out late in their area, with 95 % intervals."""
    import pandas as pd

    from lagesbild.reporting.figures import line_chart

    var = "Otrygghet vid utevistelse sent på kvällen i det egna bostadsområdet"
    rows = [{"ar": r["ar"], "varde": r["varde"], "lo": r["ki_undre"], "hi": r["ki_ovre"],
             "plats": "riket" if r["geografi"] == "Hela landet" else r["geografi"]}
            for r in stats if r["kalla"] == _NTU and r["variabel"] == var and r["varde"] is not None
            and r["geografi"] in (name, "Hela landet")]
    if len({r["ar"] for r in rows}) < 2:
        return None
    df = pd.DataFrame(rows).sort_values(["plats", "ar"])
    spec = line_chart(df, x="ar", y="varde", color="plats", lo="lo", hi="hi", x_title=_tx("ax_year"),
                      y_title=_tx("ax_share"), y_format=",.0f", zero=True, sort=[name, "riket"])
    table = _table("fig_ntu_tab", "", [_tx("c_place"), _tx("c_year"), _tx("c_share"), _tx("c_ci")],
                   [[r["plats"], str(r["ar"]), _n(r["varde"], 1), f"{_n(r['lo'], 1)}–{_n(r['hi'], 1)}"]
                    for r in df.to_dict("records")], [False, True, True, True])
    return Figure(id="ntu", caption=_tx("fig_ntu", name=name), alt=_tx("fig_ntu_alt", name=name), spec=spec,
                  table=table, source="Brå, Nationella trygghetsundersökningen (NTU)")


def _uso_map(d: dict):
    """RegSO coloured by områdestyp with Polisen's utsatta områden outlined (dashed)."""
    k = d.get("karta")
    if not k or k.get("areas") is None or not len(k["areas"]) or k.get("uso") is None or not len(k["uso"]):
        return None
    from lagesbild.reporting.figures import TYPE_COLORS
    from lagesbild.reporting.maps import choropleth, features
    from lagesbild.typology.omradestyp import TYPE_LABELS

    g = k["areas"].copy()
    labels = [TYPE_LABELS[i] for i in range(1, 6)]
    g["typ"] = g["omradestyp"].map(lambda v: None if v is None else TYPE_LABELS.get(int(v)))
    spec = choropleth(g, value="typ", label="name", title=_tx("c_typ"), domain=labels, colors=TYPE_COLORS,
                      missing_label=_tx("missing"))
    spec["layer"].insert(1, {"data": {"values": features(k["uso"], ["namn", "kategori"])},
                             "mark": {"type": "geoshape", "filled": False, "stroke": "#000000", "strokeWidth": 2,
                                      "strokeDash": [5, 3]},
                             "encoding": {"tooltip": [{"field": "properties.namn", "type": "nominal",
                                                       "title": _tx("c_uso")},
                                                      {"field": "properties.kategori", "type": "nominal",
                                                       "title": _tx("c_kat")}]}})
    table = _table("fig_uso_tab", "", [_tx("c_regso"), _tx("c_typ")],
                   [[r["name"], r["typ"] or "–"] for r in g.sort_values("name").to_dict("records")], [False, False])
    return Figure(id="uso_karta", caption=_tx("fig_uso", name=d["kommunnamn"]), alt=_tx("fig_uso_alt"), spec=spec,
                  table=table, kind="map", source="SCB/Delmos; Polismyndigheten, utsatta områden 2025")


_BANDS = ("natt", "morgon", "eftermiddag", "kvall", "okand")


def _time_table(h: dict) -> Table:
    """Approved incidents by weekday × time of day (EST pattern)."""
    grid = {(r["veckodag"], r["tid_pa_dygnet"]): r["antal"] for r in h["tidsmonster"]}
    rows = [[_tx(f"wd{wd}")] + [_n(grid.get((wd, b), 0)) for b in _BANDS] for wd in range(1, 8)]
    return _table("tidsmonster", _tx("t_time", period=h["period"]),
        [_tx("c_weekday")] + [_tx(f"b_{b}") for b in _BANDS],
                  rows, [False] + [True] * 5, source=_tx("src_est") + (" – " + _tx("example") if h.get("exempeldata")
                                                                         else ""))


def _kartlaggning(d: dict) -> Section:
    s = Section("kartlaggning", _tx("h_kartlaggning"))
    name, lan = d["kommunnamn"], d.get("lan_namn", "")
    stats = d["statistik"]
    s.add(Paragraph(_tx("p_kartlaggning", name=name)))
    anm = [r for r in stats if r["kalla"] == "Anmälda brott" and r["geografi"] == name]
    if anm:
        y1, y0 = max(r["ar"] for r in anm), min(r["ar"] for r in anm)
        groups = [_TOTAL] + sorted({r["variabel"] for r in anm} - {_TOTAL})
        rows = []
        for g in groups:
            rows.append([g, _n(_stat(stats, name, g, y1, "Antal")), _n(_stat(stats, name, g, y0)),
                         _n(_stat(stats, name, g, y1)), _n(_stat(stats, lan, g, y1)),
                         _n(_stat(stats, "Hela landet", g, y1))])
        s.add(_table("anmalda", _tx("t_anmalda", name=name, y0=y0, y1=y1),
                     [_tx("c_group"), _tx("c_count", y=y1), _tx("c_rate", y=y0), _tx("c_rate", y=y1),
                      _tx("c_rate_place", place=lan, y=y1), _tx("c_rate_place", place="riket", y=y1)],
                     rows, [False, True, True, True, True, True], source="Brå, kommunindikatorer",
                     notes=[_tx("n_reported")]))
        s.add(_trend_figure(stats, name, lan))
    k = d.get("kolada") or {}
    if k.get("varde") is not None:
        s.add(_table("kolada", _tx("t_kolada", year=k["ar"]), [_tx("c_measure"), _tx("c_value")],
                     [[_tx("r_kolada_own", name=name), _n(k["varde"])],
                      [_tx("r_kolada_median", n=k["antal_kommuner"]), _n(k["median"])],
                      [_tx("r_kolada_rank"), f"{k['rang']} av {k['antal_kommuner']}"]],
                     [False, True], source="Kolada N07540 (RKA), Brå"))
    ntu = [r for r in stats if r["kalla"] == _NTU and r["geografi"] == name]
    if ntu:
        y = max(r["ar"] for r in ntu)
        rows = []
        for r in sorted((r for r in ntu if r["ar"] == y), key=lambda r: r["variabel"]):
            flag = _tx("few") if r["fa_svarande"] else ""
            rows.append([r["variabel"], _n(r["varde"], 1), f"{_n(r['ki_undre'], 1)}–{_n(r['ki_ovre'], 1)}",
                         _n(r["antal_svarande"]), flag])
        s.add(_table("ntu", _tx("t_ntu", name=name, year=y),
                     [_tx("c_question"), _tx("c_share"), _tx("c_ci"), _tx("c_resp"), _tx("c_flag")], rows,
                     [False, True, True, True, False], source="Brå, Nationella trygghetsundersökningen (NTU)",
                     notes=[_tx("n_ntu", n=d.get("min_svarande", 200))]))
        s.add(_ntu_figure(stats, name))
    h = d.get("handelser")
    if h:
        if h.get("exempeldata"):
            s.add(Note(_tx("n_example")))
        labels = d.get("kategori_namn", {})
        rows = [[labels.get(c["kategori"], c["kategori"]), _n(c["antal"]), _n(c["antal_forra_aret"]),
                 _tx(f"v_{c['bedomning_forra_aret']}")] for c in h["kategorier"]]
        tot = h["totalt"]
        rows.append([_tx("r_total"), _n(tot["antal"]), _n(tot["antal_forra_aret"]),
                     _tx(f"v_{tot['bedomning_forra_aret']}")])
        s.add(_table("handelser", _tx("t_handelser", period=h["period"], prev=h["regel"]["jamforelse_forra_aret"]),
                     [_tx("c_category"), _tx("c_n", p=h["period"]), _tx("c_n", p=h["regel"]["jamforelse_forra_aret"]),
                      _tx("c_verdict")], rows, [False, True, True, False],
                     source=_tx("src_est") + (" – " + _tx("example") if h.get("exempeldata") else "")))
        rows = [[str(a["rang"]), a["namn"] or a["omrade"], _n(a["antal"]), _n(a["folkmangd"]), _n(a["per_1000"], 1),
                 "" if a["befolkningsar"] is None else str(a["befolkningsar"])] for a in h["omraden"][:15]]
        s.add(_table("omraden", _tx("t_omraden", period=h["period"]),
                     [_tx("c_rank"), _tx("c_area"), _tx("c_n", p=h["period"]), _tx("c_pop"), _tx("c_per1000"),
                      _tx("c_popyear")], rows, [True, False, True, True, True, True],
                     source=_tx("src_est") + (" – " + _tx("example") if h.get("exempeldata") else "") + "; SCB"))
    if h and h.get("tidsmonster"):
        s.add(_time_table(h))
    rows = []
    types = d.get("omradestyp", {})
    for u in d.get("utsatta", []):
        for a in u["omraden"]:
            if a["niva"] == "regso":
                rows.append([u["namn"], u["kategori"], a["namn"], _n(100 * a["andel_av_omradet"], 0),
                             "–" if a["andel_befolkning"] is None else _n(100 * a["andel_befolkning"], 0),
                             types.get(a["kod"], "–")])
    if rows:
        s.add(_table("utsatta", _tx("t_utsatta"), [_tx("c_uso"), _tx("c_kat"), _tx("c_regso"), _tx("c_share_area"),
                                                    _tx("c_share_pop"), _tx("c_typ")], rows,
                     [False, False, False, True, True, True],
                         source="Polismyndigheten, utsatta områden 2025; SCB/Delmos",
                     notes=[_tx("n_uso")]))
        s.add(_uso_map(d))
    else:
        s.add(Paragraph(_tx("p_no_uso", name=name)))
    return s


def _annan(d: dict) -> Section:
    s = Section("annan_information", _tx("h_annan"))
    s.add(Paragraph(_tx("p_annan")))
    rows = [[r["namn"], _n(r["folkmangd"]), _n(r["andel_utrikes"], 1), r["omradestyp"]] for r in d.get("social", [])]
    if rows:
        s.add(_table("social", _tx("t_social", year=d.get("social_ar", "")),
                     [_tx("c_regso"), _tx("c_pop"), _tx("c_born_abroad"), _tx("c_typ")], rows,
                     [False, True, True, True], source="SCB; SCB/Delmos"))
    else:
        s.skipped = _tx("no_social")
    return s


def _analys(d: dict, fs: list[PlanFinding]) -> Section:
    s = Section("analys", _tx("h_analys"))
    s.add(Paragraph(_tx("p_analys")))
    s.add(_table("fynd", _tx("t_fynd"), [_tx("c_id"), _tx("c_finding"), _tx("c_rule")],
                 [[f.id, f.text, f.rule] for f in fs], [False, False, False]))
    return s


def _plan(d: dict) -> Section:
    s = Section("atgardsplan", _tx("h_plan"))
    plan = d.get("plan")
    if plan is None:
        s.add(Paragraph(_tx("p_no_plan")))
    else:
        state = (_tx("plan_approved", who=plan.godkand_av, date=plan.godkand) if plan.status == "godkand"
                 else _tx("plan_draft"))
        s.add(Paragraph(state))
        causes = {c.id: c.text for c in plan.causes}
        rows = [[m.id, m.text, ", ".join(sorted(plan.linked_findings(m))), ", ".join(causes.get(c,
            c) for c in m.causes),
                 m.insats_id or "–", m.ansvarig, f"{m.start or '–'} – {m.slut or '–'}", m.indikator,
                 m.uppfoljning or "–", _tx(f"s_{m.status}")] for m in plan.measures]
        s.add(_table("atgarder", _tx("t_atgarder"),
                     [_tx("c_id"), _tx("c_measure_text"), _tx("c_findings"), _tx("c_causes"), _tx("c_insats"),
                      _tx("c_owner"), _tx("c_time"), _tx("c_indicator"), _tx("c_followup"), _tx("c_status")],
                     rows, [False] * 10))
        tree = []
        for node in plan.tree():
            parts = [f"{c['text']} → {', '.join(c['atgarder']) or '–'}" for c in node["orsaker"]]
            tree.append(f"{node['fynd']}: " + ("; ".join(parts) if parts else "–")
                        + (f" (direkt: {', '.join(node['atgarder'])})" if node["atgarder"] else ""))
        if tree:
            s.add(Paragraph(_tx("p_tree")), Bullets(tree))
    roles = d.get("roller") or []
    s.add(Paragraph(_tx("p_roles")))
    if roles:
        s.add(_table("roller", _tx("t_roller"), [_tx("c_role"), _tx("c_holder"), _tx("c_org")],
                     [[r["roll"], r["innehavare"], r["organisation"]] for r in roles], [False] * 3))
    else:
        s.add(Note(_tx("no_roles")))
    loften = d.get("loften") or []
    if loften:
        s.add(_table("loften", _tx("t_loften"), [_tx("c_promise"), _tx("c_owner"), _tx("c_due"), _tx("c_status"),
                                                  _tx("c_summary")],
                     [[x["text"], x["ansvarig"], str(x["klart"] or "–"), x["status"], x["sammanfattning"] or ""]
                      for x in loften], [False] * 5))
    return s


def _uppfoljning(d: dict) -> Section:
    s = Section("uppfoljning", _tx("h_uppfoljning"))
    plan = d.get("plan")
    s.add(Paragraph(_tx("p_uppfoljning")))
    if plan is not None and plan.measures:
        ba = {b["atgard"]: b for b in d.get("fore_efter", [])}

        def counts(m):
            b = ba.get(m.id)
            if b is None:
                return "–", "–"
            return _n(b["fore"]), _n(b["efter"])

        rows = [[m.id, m.text, _tx(f"s_{m.status}"), m.uppfoljning or "–", m.omrade or "–",
                 *counts(m), follow_up_label(m)] for m in plan.measures]
        days = next(iter(ba.values()))["fonster_dagar"] if ba else 180
        s.add(_table("uppfoljning", _tx("t_uppfoljning"),
                     [_tx("c_id"), _tx("c_measure_text"), _tx("c_status"), _tx("c_followup"),
                      _tx("c_area"), _tx("c_before", days=days), _tx("c_after", days=days), _tx("c_kind")],
                     rows, [False] * 5 + [True, True, False],
                     notes=[_tx("n_before_after")]))
    else:
        s.add(Note(_tx("no_followup")))
    return s


def _metod(d: dict) -> Section:
    s = Section("metod", _tx("h_metod"))
    s.add(Bullets([_tx("m_change", alpha=_n(d.get("alfa", 0.05), 2)), _tx("m_hotspot"), _tx("m_rate"),
                   _tx("m_ntu"), _tx("m_reported"), _tx("m_uso")]))
    return s


def build_document(d: dict) -> Report:
    """The lägesbild document from the assembled data (see :func:`lagesbild.services.brott.document_data`)."""
    fs = d.get("fynd") or findings(d)
    version = d.get("version") or 1
    if d.get("godkand_av"):
        sub = _tx("subtitle_approved", version=version, who=d["godkand_av"], date=d.get("datum") or "")
    else:
        sub = _tx("subtitle_draft", version=version, date=d.get("datum") or "")
    if d.get("handelser") and d["handelser"].get("exempeldata"):
        sub += " · " + _tx("example")
    sections = [_kartlaggning(d), _annan(d), _analys(d, fs), _plan(d), _uppfoljning(d), _metod(d)]
    return Report(title=_tx("title", name=d["kommunnamn"], year=d["ar"]), subtitle=sub, kommun=d["kommun"],
                  kommun_name=d["kommunnamn"], year=int(d["ar"]), lang="sv", sections=sections,
                  colophon={"version": d.get("lagesbild_version", ""), "hash": d.get("hash", ""),
                            "config_file": _tx("colophon_config"), "date": d.get("datum") or "",
                            "doc_version": str(version), "kind": _tx("kind")})
