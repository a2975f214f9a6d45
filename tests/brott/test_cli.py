"""The `lagesbild brott` commands (exact interfaces of the issue) and the document against the CLI."""

from __future__ import annotations

import json
import re
import subprocess

import pandas as pd

from .conftest import luhn_digit

HEADINGS = ["Kartläggning", "Annan information", "Analys", "Åtgärdsplan", "Uppföljning"]


def test_statistik_json(cli):
    code, out, err = cli("brott", "statistik", "--kommun", "2081", "--years", "2016-2025", "--format", "json")
    assert code == 0, err
    rows = json.loads(out)
    assert {r["ar"] for r in rows} <= set(range(2016, 2026))
    ntu = [r for r in rows if r["kalla"] == "Nationella trygghetsundersökningen (NTU)"]
    assert ntu and all({"kalla", "variabel", "ar", "varde", "enhet", "ki_undre", "ki_ovre", "antal_svarande"}
                       <= set(r) for r in rows)
    assert all(r["ki_undre"] is not None for r in ntu)
    # Brå published no respondent counts for 2016; every later year has them
    assert all(r["antal_svarande"] is not None for r in ntu if r["ar"] >= 2017)
    assert all(r["fa_svarande"] for r in ntu if r["antal_svarande"] is None)
    assert any(r["kalla"] == "Anmälda brott" and r["enhet"] == "Antal per 100 000 inv" for r in rows)
    code, out, err = cli("brott", "statistik", "--kommun", "20x1")
    assert code == 2 and err.count("\n") == 1 and "--kommun" in err


def test_utsatta_json(cli):
    code, out, err = cli("brott", "utsatta", "--kommun", "0127", "--format", "json")
    assert code == 0, err
    rows = {u["namn"]: u for u in json.loads(out)}
    for name in ("Fittja", "Alby", "Hallunda / Norsborg"):
        assert rows[name]["kategori"] == "Särskilt utsatt område"
        regso = [a for a in rows[name]["omraden"] if a["niva"] == "regso"]
        deso = [a for a in rows[name]["omraden"] if a["niva"] == "deso"]
        assert regso and deso and all(re.match(r"^0127R\d{3}$", a["kod"]) for a in regso)
        assert all(0 < a["andel_av_omradet"] <= 1 for a in regso + deso)


def _write(tmp_path, rows, name="h.csv"):
    p = tmp_path / name
    pd.DataFrame(rows).to_csv(p, index=False)
    return str(p)


def test_import_personnummer_refused_then_review_and_lagesbild(cli, tmp_path):
    pnr = "811218987" + luhn_digit("811218987")
    bad = _write(tmp_path, [{"datum": "2026-12-31", "kategori": "brand", "omrade": "2081R013", "fritext": "x"},
                            {"datum": "2027-01-02", "kategori": "brand", "omrade": "2081R013",
                             "fritext": f"ringde {pnr[:6]}+{pnr[6:]}"}])
    code, out, err = cli("brott", "handelser", "import", bad, "--kommun", "2081", "--organisation", "Tunabyggen")
    assert code == 2
    assert err.count("\n") == 1 and "rad 3" in err and "fritext" in err and pnr[6:] not in err
    code, out, _ = cli("brott", "handelser", "list", "--kommun", "2081", "--format", "json")
    assert json.loads(out) == []  # nothing written
    good = _write(tmp_path, [{"datum": d, "kategori": "brand", "omrade": "2081R013"}
                             for d in ("2026-12-31", "2027-01-02", "2027-01-04")])
    code, out, err = cli("brott", "handelser", "import", good, "--kommun", "2081", "--organisation", "Tunabyggen",
                         "--format", "json")
    assert code == 0, err
    ids = json.loads(out)["id"]

    def week(p):
        code, out, err = cli("brott", "lagesbild", "--kommun", "2081", "--period", p, "--format", "json")
        assert code == 0, err
        return json.loads(out)

    assert week("2026-W53")["totalt"]["antal"] == 0  # submitted only
    code, _, err = cli("brott", "handelser", "granska", ",".join(map(str, ids)), "--beslut", "godkand")
    assert code == 0, err
    w53, w01 = week("2026-W53"), week("2027-W01")
    assert (w53["totalt"]["antal"], w01["totalt"]["antal"]) == (2, 1)
    assert w53["omraden"][0]["omrade"] == "2081R013" and w53["omraden"][0]["rang"] == 1
    assert w53["omraden"][0]["befolkningsar"] == 2024  # the latest population year before 2026
    assert w01["regel"]["jamforelse_foregaende"] == "2026-W50–2026-W53"
    assert w01["totalt"]["bedomning_foregaende"] in ("okning", "minskning", "ingen_forandring", "for_fa")
    code, out, err = cli("brott", "lagesbild", "--kommun", "2081", "--period", "2026-W54")
    assert code == 2 and "1–53" in err


def _pdf_text(path) -> str:
    return subprocess.run(["pdftotext", "-layout", path, "-"], capture_output=True, text=True, check=True).stdout


def test_document_headings_and_numbers_equal_cli(cli, tmp_path):
    import docx

    good = _write(tmp_path, [{"datum": d, "kategori": k, "omrade": "2081R005"}
                             for d, k in (("2028-02-01", "klotter"), ("2028-06-01", "brand"), ("2028-07-01", "brand"))])
    code, out, err = cli("brott", "handelser", "import", good, "--kommun", "2081", "--organisation", "Polisen",
                         "--format", "json")
    ids = json.loads(out)["id"]
    assert cli("brott", "handelser", "granska", ",".join(map(str, ids[:2])), "--beslut", "godkand")[0] == 0
    code, out, err = cli("brott", "rapport", "--kommun", "2081", "--year", "2028", "--format", "html,pdf,docx",
                         "--out", str(tmp_path), "--godkand-av", "Kommunstyrelsen", "--datum", "2025-03-01")
    assert code == 0, err
    html = next(tmp_path.glob("*.html")).read_text(encoding="utf-8")
    pdf = _pdf_text(str(next(tmp_path.glob("*.pdf"))))
    doc = docx.Document(str(next(tmp_path.glob("*.docx"))))
    # the 4 § headings, in order, as headings of each output
    assert re.findall(r'<h2 id="h-[^"]+">(.*?)</h2>', html)[:5] == HEADINGS
    assert [p.text for p in doc.paragraphs if p.style.name == "Heading 1"][:5] == HEADINGS
    lines = [ln.strip() for ln in pdf.splitlines()]
    assert [ln for ln in lines if ln in HEADINGS] == HEADINGS
    for text in (html, pdf, "\n".join(p.text for p in doc.paragraphs)):
        assert "godkänd av Kommunstyrelsen 2025-03-01" in " ".join(text.split())
    # the reported-crime rate of the document equals `brott statistik`
    code, out, _ = cli("brott", "statistik", "--kommun", "2081", "--years", "2024", "--jamfor", "--format", "json")
    stats = json.loads(out)

    def rate(geo):
        return next(r["varde"] for r in stats if r["geografi"] == geo and r["enhet"] == "Antal per 100 000 inv"
                    and r["variabel"] == "Totalt antal anmälda brott")

    def sv(x):
        return f"{round(x):,}".replace(",", "\u00a0")

    row = re.search(r"<tr><th scope=\"row\">Totalt antal anmälda brott</th>(.*?)</tr>", html, re.S).group(1)
    cells = re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)
    assert cells[2:5] == [sv(rate("Borlänge")), sv(rate("Dalarnas län")), sv(rate("Hela landet"))]
    # the incidents of the year equal `brott lagesbild --period 2028` (two approved of three)
    code, out, _ = cli("brott", "lagesbild", "--kommun", "2081", "--period", "2028", "--format", "json")
    total = json.loads(out)["totalt"]["antal"]
    assert total == 2
    m = re.search(r"<tr><th scope=\"row\">Totalt</th><td[^>]*>(.*?)</td>", html)
    assert m and m.group(1) == sv(total)


def test_promises_roles_and_members(cli):
    code, _, err = cli("brott", "lofte", "add", "--kommun", "2081", "--text", "Trygghetsvandringar varje kvartal",
                       "--ansvarig", "bada", "--klart", "2025-12-31", "--status", "pagar")
    assert code == 0, err
    code, _, err = cli("brott", "lofte", "add", "--kommun", "2081", "--text", "x", "--ansvarig", "skolan")
    assert code == 2 and "--ansvarig" in err and "kommun, polis, bada" in err
    code, out, _ = cli("brott", "lofte", "list", "--kommun", "2081", "--format", "json")
    rows = json.loads(out)
    assert [(r["text"], r["ansvarig"], r["status"]) for r in rows] == [("Trygghetsvandringar varje kvartal", "bada",
                                                                        "pagar")]
    assert cli("brott", "roll", "set", "--kommun", "2081", "--roll", "samordnare", "--innehavare",
               "brottsförebyggande samordnare", "--organisation", "Kommunledningsförvaltningen")[0] == 0
    code, out, _ = cli("brott", "roll", "list", "--kommun", "2081", "--format", "json")
    assert json.loads(out)[0]["roll"] == "samordnare"
    code, _, err = cli("brott", "medlem", "set", "tova", "--kommun", "2081", "--organisation", "Tunabyggen",
                       "--roll", "chef")
    assert code == 2 and "rapportor, granskare, samordnare" in err


def test_plan_commands(cli, tmp_path):
    plan = {"kommun": "2081", "ar": 2025,
            "findings": [{"id": "F1", "text": "Skadegörelsen ökade", "rule": "exakt test"}],
            "causes": [{"id": "O1", "text": "Dålig belysning", "findings": ["F1"]}],
            "measures": [{"id": "A1", "text": "Belysning", "causes": ["O1"], "ansvarig": "Tekniska"},
                         {"id": "A2", "text": "Kampanj", "ansvarig": "Kommunikation"}]}
    p = tmp_path / "plan.json"
    p.write_text(json.dumps(plan), encoding="utf-8")
    plan["measures"][0]["insats_id"] = "2081-finns-inte"
    p.write_text(json.dumps(plan), encoding="utf-8")
    code, _, err = cli("brott", "plan", "spara", str(p))
    assert code == 2 and "A1" in err and "2081-finns-inte" in err
    del plan["measures"][0]["insats_id"]
    p.write_text(json.dumps(plan), encoding="utf-8")
    assert cli("brott", "plan", "spara", str(p))[0] == 0
    code, _, err = cli("brott", "plan", "godkann", "--kommun", "2081", "--year", "2025", "--av", "KS")
    assert code == 2 and "A2" in err and "fynd" in err
    plan["measures"][1]["findings"] = ["F1"]
    p.write_text(json.dumps(plan), encoding="utf-8")
    assert cli("brott", "plan", "spara", str(p))[0] == 0
    code, out, err = cli("brott", "plan", "godkann", "--kommun", "2081", "--year", "2025", "--av", "KS")
    assert code == 0 and "version 3" in out, err


def test_new_edition_of_utsatta(cli, tmp_path):
    """(Last in this module: the imported edition replaces the bundled one for its store.)"""
    import geopandas as gpd
    from shapely.geometry import box

    f = tmp_path / "uso_2026.geojson"
    gpd.GeoDataFrame({"NAMN": ["Testområdet"], "KATEGORI": ["Riskområde"]},
                     geometry=[box(521500, 6705500, 523000, 6706800)], crs=3006).to_file(f)
    code, out, err = cli("brott", "utsatta-import", str(f))
    assert code == 0 and "1 områden" in out, err
    code, out, err = cli("brott", "utsatta", "--kommun", "2081", "--format", "json")
    rows = json.loads(out)
    assert [(u["namn"], u["kategori_kod"]) for u in rows] == [("Testområdet", "riskomrade")]
    assert rows[0]["kalla"] == "Polismyndigheten, utsatta områden (importerad utgåva)"
    bad = tmp_path / "bad.geojson"
    gpd.GeoDataFrame({"NAMN": ["X"]}, geometry=[box(0, 0, 1, 1)], crs=3006).to_file(bad)
    code, out, err = cli("brott", "utsatta-import", str(bad))
    assert code == 2 and "KATEGORI" in err
    code, out, err = cli("brott", "utsatta", "--kommun", "2081", "--format", "json")
    assert [u["namn"] for u in json.loads(out)] == ["Testområdet"]  # a refused file changes nothing
