"""The recipe catalogue: lagesbild variables ← SCB tables (docs/sources.md).

Tables marked ``recorded=True`` have a real response in the test fixtures and their rules use
SCB's codes. For the others the TAB ids, paths and content codes come from SCB's table metadata and
the rules match categories by label patterns (``~regex``), resolved against the live
metadata at planning time; run ``lagesbild fetch scb --dry-run`` to see how they resolve.
Variable ids follow the bundled store (``folkmangd_0_4_kvinnor``, ``lgh_hyresratt``, …).
"""

from __future__ import annotations

from lagesbild.sources.recipes import Recipe, VarRule

__all__ = ["RECIPES", "TOPICS", "recipes_for", "recipe"]

_AGES = ["-4", "5-9", "10-14", "15-19", "20-24", "25-29", "30-34", "35-39", "40-44", "45-49",
         "50-54", "55-59", "60-64", "65-69", "70-74", "75-79", "80-"]
_SEX = {"1+2": ("", "", ""), "1": ("_man", ", män", ", men"), "2": ("_kvinnor", ", kvinnor", ", women")}
_KON = "~^(kön|kon)$"
_POP = ("000007Y7", "~^Folkmängd")


def _age_id(a: str) -> str:
    return {"-4": "0_4", "80-": "80_w"}.get(a, a.replace("-", "_"))


def _age_label(a: str) -> str:
    return {"-4": "0–4", "80-": "80+"}.get(a, a.replace("-", "–"))


def _population_rules() -> tuple[VarRule, ...]:
    rules = []
    for kon, (suf, sv, en) in _SEX.items():
        rules.append(VarRule(f"folkmangd{suf}", f"Folkmängd{sv}", f"Population{en}", "personer", "count",
                             {"Alder": "totalt", "Kon": kon, "ContentsCode": _POP}))
        for a in _AGES:
            rules.append(VarRule(f"folkmangd_{_age_id(a)}{suf}", f"Folkmängd {_age_label(a)} år{sv}",
                                 f"Population aged {_age_label(a)}{en}", "personer", "count",
                                 {"Alder": a, "Kon": kon, "ContentsCode": _POP}))
    return tuple(rules)


def _count(id_, sv, en, match, unit="personer"):
    return VarRule(id_, sv, en, unit, "count", match)


_ORDINALS = {1: "första", 2: "andra", 3: "tredje", 4: "fjärde"}


def _quartile_share(k: int) -> tuple[str, ...]:
    """Label patterns for the share in national quartile group ``k`` of TAB6679 (ContentsCode).

    SCB's exact labels are not recorded (no response of these contents is in the fixtures), so
    the alternatives cover the usual spellings ("… kvartil 1", "kvartilgrupp 1", "1:a kvartilen",
    "första kvartilen"); each must match exactly one category, otherwise the recipe stops with a
    message listing the table's categories. The derived counts also check that the four shares add
    up to 100 (lagesbild.typology.income_classes).
    """
    return (rf"~kvartil\w*\s*{k}\b", rf"~\b{k}\s*(:a|:e)?\s*kvartil", rf"~{_ORDINALS[k]}\s+kvartil")


def _quartile_rules() -> tuple[VarRule, ...]:
    return tuple(
        VarRule(f"andel_inkomstkvartil_{k}", f"Andel i kvartilgrupp {k} av nettoinkomsten (riket)",
                f"Share in national net income quartile group {k}", "procent", "share",
                {"ContentsCode": _quartile_share(k), "~inkomsttyp": ("NeInk", "~netto")},
                numerator=f"inkomstkvartil_{k}", denominator="nettoinkomst_antal")
        for k in range(1, 5))


_ALL = ("deso", "regso", "kommun")

RECIPES: tuple[Recipe, ...] = (
    Recipe("befolkning_alder_kon", "befolkning", "TAB6574", "Folkmängden per region efter ålder och kön",
           "folkmängden per region ålder kön", r"^Folkmängden per region efter region, ålder", _ALL,
           _population_rules(), v1_path="BE/BE0101/BE0101Y/FolkmDesoAldKon",
           note="Från referensår 2025 Cell Key Method (små slumpmässiga justeringar).", recorded=True),
    Recipe("bakgrund", "befolkning", "TAB6571", "Folkmängd efter utländsk/svensk bakgrund och kön",
           "utländsk svensk bakgrund DeSO", r"bakgrund", _ALL, (
               _count("utlandsk_bakgrund", "Personer med utländsk bakgrund", "Persons with foreign background",
                      {"~bakgrund": "~^utländsk bakgrund", _KON: ("1+2", "~^totalt"), "ContentsCode": "~."}),
               _count("svensk_bakgrund", "Personer med svensk bakgrund", "Persons with Swedish background",
                      {"~bakgrund": "~^svensk bakgrund", _KON: ("1+2", "~^totalt"), "ContentsCode": "~."}),
           ), v1_path="BE/BE0101/BE0101Y/FolkmDesoBakgrKon"),
    Recipe("fodelseregion", "befolkning", "TAB6572", "Folkmängd efter födelseregion och kön",
           "födelseregion DeSO", r"födelse", _ALL, (
               _count("fodda_i_sverige", "Födda i Sverige", "Born in Sweden",
                      {"~födelse": "~^(inrikes|sverige)", _KON: ("1+2", "~^totalt"), "ContentsCode": "~."}),
               _count("fodda_utrikes", "Födda utomlands", "Born abroad",
                      {"~födelse": "~^(utrikes|utomlands)", _KON: ("1+2", "~^totalt"), "ContentsCode": "~."}),
           ), v1_path="BE/BE0101/BE0101Y/FolkmDesoLandKon"),
    Recipe("lag_ek_standard", "inkomst", "TAB6685", "Andel med låg ekonomisk standard",
           "låg ekonomisk standard DeSO", r"(låg|hög).*ekonomisk standard", _ALL, (
               VarRule("andel_lag_ek_standard", "Andel med låg ekonomisk standard",
                       "Share with low economic standard", "procent", "share",
                       {"ContentsCode": ("000008AC", "~låg ekonomisk standard"), "~ålder": ("tot", "~^totalt")}),
           ), v1_path="HE/HE0110/HE0110I/Tab4InkDesoRegso"),
    Recipe("ek_standard", "inkomst", "TAB6684", "Ekonomisk standard, median",
           "ekonomisk standard DeSO", r"ekonomisk standard", _ALL, (
               VarRule("ek_standard_median_tkr", "Ekonomisk standard, median", "Economic standard, median",
                       "tkr", "median", {"ContentsCode": ("000008AB", "~median")}),
           ), v1_path="HE/HE0110/HE0110I/Tab3InkDesoRegso"),
    Recipe("nettoinkomst", "inkomst", "TAB6679", "Nettoinkomst, medelvärde",
           "inkomst DeSO RegSO", r"inkomst", _ALL, (
               VarRule("nettoinkomst_medel_tkr", "Nettoinkomst, medelvärde", "Net income, mean", "tkr", "mean",
                       {"ContentsCode": ("0000089T", "~medelvärde"), "~inkomsttyp": ("NeInk", "~netto")},
                       weight="nettoinkomst_antal"),
               VarRule("nettoinkomst_antal", "Personer med nettoinkomst", "Persons with net income", "personer",
                       "count", {"ContentsCode": ("0000089O", "~antal"), "~inkomsttyp": ("NeInk", "~netto")}),
           ), v1_path="HE/HE0110/HE0110I/Tab1InkDesoRegso"),
    Recipe("inkomstkvartiler", "inkomst", "TAB6679", "Andel per kvartilgrupp av nettoinkomsten",
           "inkomst DeSO RegSO", r"inkomst", _ALL, _quartile_rules(), v1_path="HE/HE0110/HE0110I/Tab1InkDesoRegso",
           note="Andelar per nationell kvartilgrupp; antal per kvartilgrupp beräknas från andelarna × "
                "nettoinkomst_antal (inkomstkvartil_1–4) för ojämlikhetsindex (kvartilproxy)."),
    Recipe("utbildning_2024", "utbildning", "TAB6534", "Utbildningsnivå 25–65 år", "utbildningsnivå DeSO",
           r"utbildningsnivå", _ALL, (
               _count("utb_forgymnasial", "Förgymnasial utbildning", "Compulsory education",
                      {"~utbildningsniv": "~^förgymnasial", _KON: ("1+2", "~^totalt"), "ContentsCode": "~."}),
               _count("utb_gymnasial", "Gymnasial utbildning", "Upper secondary education",
                      {"~utbildningsniv": "~^gymnasial", _KON: ("1+2", "~^totalt"), "ContentsCode": "~."}),
               _count("utb_eftergymnasial", "Eftergymnasial utbildning", "Post-secondary education",
                      {"~utbildningsniv": "~^eftergymnasial", _KON: ("1+2", "~^totalt"), "ContentsCode": "~."}),
           ), v1_path="UF/UF0506/UF0506D/UtbSUNBefDesoRegsoN", years=(2024, 9999),
           note="Universum 25–65 år från 2024 (tidigare 25–64): bryt tidsserien 2023/2024."),
    Recipe("utbildning_2015", "utbildning", "TAB5956", "Utbildningsnivå 25–64 år", "utbildningsnivå DeSO",
           r"utbildningsnivå", _ALL, (
               _count("utb_forgymnasial", "Förgymnasial utbildning", "Compulsory education",
                      {"~utbildningsniv": "~^förgymnasial", _KON: ("1+2", "~^totalt"), "ContentsCode": "~."}),
               _count("utb_gymnasial", "Gymnasial utbildning", "Upper secondary education",
                      {"~utbildningsniv": "~^gymnasial", _KON: ("1+2", "~^totalt"), "ContentsCode": "~."}),
               _count("utb_eftergymnasial", "Eftergymnasial utbildning", "Post-secondary education",
                      {"~utbildningsniv": "~^eftergymnasial", _KON: ("1+2", "~^totalt"), "ContentsCode": "~."}),
           ), v1_path="UF/UF0506/UF0506D/UtbSUNBefDesoRegso", years=(2015, 2023),
           note="Universum 25–64 år (till och med 2023)."),
    Recipe("sysselsattning_bas", "arbete", "TAB6680", "Arbetsmarknadsstatus (BAS)",
           "arbetsmarknadsstatus DeSO", r"arbetsmarknadsstatus", ("deso", "regso"), (
               _count("sysselsatta", "Sysselsatta", "Employed",
                      {"~status|sysselsättning": "~^sysselsatta", _KON: ("1+2", "~^totalt"), "ContentsCode": "~."}),
               _count("ej_sysselsatta", "Ej sysselsatta", "Not employed",
                      {"~status|sysselsättning": "~^ej sysselsatta", _KON: ("1+2", "~^totalt"),
                       "ContentsCode": "~."}),
           ), v1_path="AM/AM0210/AM0210G/ArRegDesoStatusN", years=(2020, 9999)),
    Recipe("nyckeltal_bas", "arbete", "TAB5663", "Sysselsättningsgrad och arbetslöshet 20–65 år (BAS)",
           "Nyckeltal BAS", r"Sysselsättningsgrad och arbetslöshet", ("kommun",), (
               VarRule("sysselsattningsgrad_20_65", "Sysselsättningsgrad 20–65 år (december)",
                       "Employment rate 20–65 (December)", "procent", "share",
                       {"NyckeltalSCB": ("BAS02", "~^sysselsättningsgrad"), "ContentsCode": "~."}),
               VarRule("arbetsloshet_20_65", "Arbetslöshet 20–65 år (december)", "Unemployment 20–65 (December)",
                       "procent", "share", {"NyckeltalSCB": ("BAS03", "~^arbetslöshet"), "ContentsCode": "~."}),
           ), time="month:M12", recorded=True),
    Recipe("lagenheter_2024", "boende", "TAB6638", "Lägenheter efter upplåtelseform", "upplåtelseform DeSO",
           r"upplåtelseform", _ALL, tuple(
               _count(f"lgh_{k}", f"Lägenheter, {sv}", f"Dwellings, {en}", {"~upplåtelse": pat, "ContentsCode": "~."},
                      unit="lägenheter")
               for k, sv, en, pat in (("hyresratt", "hyresrätt", "rental", "~^hyresrätt"),
                                      ("bostadsratt", "bostadsrätt", "tenant-owned", "~^bostadsrätt"),
                                      ("aganderatt", "äganderätt", "owner-occupied", "~^äganderätt"),
                                      ("uppgift_saknas", "upplåtelseform saknas", "tenure unknown", "~saknas"))),
           v1_path="BO/BO0104/BO0104X/BO0104T01N2", years=(2024, 9999)),
    Recipe("lagenheter_2015", "boende", "TAB6258", "Lägenheter efter upplåtelseform", "upplåtelseform DeSO",
           r"upplåtelseform", _ALL, tuple(
               _count(f"lgh_{k}", f"Lägenheter, {sv}", f"Dwellings, {en}", {"~upplåtelse": pat, "ContentsCode": "~."},
                      unit="lägenheter")
               for k, sv, en, pat in (("hyresratt", "hyresrätt", "rental", "~^hyresrätt"),
                                      ("bostadsratt", "bostadsrätt", "tenant-owned", "~^bostadsrätt"),
                                      ("aganderatt", "äganderätt", "owner-occupied", "~^äganderätt"),
                                      ("uppgift_saknas", "upplåtelseform saknas", "tenure unknown", "~saknas"))),
           v1_path="BO/BO0104/BO0104X/BO0104T10N", years=(2015, 2023)),
    Recipe("hushall", "hushall", "TAB6568", "Hushåll efter hushållstyp", "hushåll hushållstyp DeSO",
           r"hushåll", _ALL, (
               _count("hushall_totalt", "Hushåll totalt", "Households, total",
                      {"~hushållstyp": "~^(totalt|samtliga)", "ContentsCode": "~."}, unit="hushåll"),
           ), v1_path="BE/BE0101/BE0101Y/HushallDesoTyp"),
    Recipe("socioekonomiskt_index", "socioek", "TAB6586", "Socioekonomiskt index efter region och år",
           "socioekonomiskt index", r"^Socioekonomiskt index", ("regso",), (
               VarRule("socioekonomiskt_index", "Socioekonomiskt index", "Socio-economic index", "index", "index",
                       {"ContentsCode": "000008IT"}),
               VarRule("omradestyp", "Områdestyp (officiell)", "Area type (official)", "typ 1–5", "category",
                       {"ContentsCode": "000008IU"}),
               VarRule("andel_forgymnasial_utb_20_64", "Andel med förgymnasial utbildning, 20–64 år",
                       "Share with only compulsory education, 20–64", "procent", "share",
                       {"ContentsCode": "000008IV"}),
               VarRule("andel_lag_ek_standard", "Andel med låg ekonomisk standard",
                       "Share with low economic standard", "procent", "share", {"ContentsCode": "000008IW"}),
               VarRule("andel_ek_bistand_langtidsarb_20_64",
                       "Andel med ekonomiskt bistånd och/eller långtidsarbetslösa, 20–64 år",
                       "Share on social assistance and/or long-term unemployed, 20–64", "procent", "share",
                       {"ContentsCode": "000008IX"}),
           ),
           note="Index = (V1+V2+V3)/3; områdestyp 1–5 (SCB/Delmos).", recorded=True),
)

TOPICS = ("befolkning", "inkomst", "utbildning", "arbete", "boende", "hushall", "socioek")


def recipe(name: str) -> Recipe:
    for r in RECIPES:
        if r.name == name:
            return r
    raise KeyError(name)


def recipes_for(topics: list[str], level: str) -> tuple[list[Recipe], list[str]]:
    """Recipes of ``topics`` at ``level``, and the topics that have none at that level."""
    out, none = [], []
    for t in topics:
        hits = [r for r in RECIPES if r.topic == t and level in r.levels]
        if not hits:
            none.append(t)
        out += hits
    return out, none
