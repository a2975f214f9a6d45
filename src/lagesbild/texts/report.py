"""Texts of the catalogue section 'report' (key → (Swedish, English)); see :mod:`lagesbild.i18n`.

The nulägesanalys' structure (cover, syfte och bakgrund, slutsatser och rekommendationer, the
kommun's own texts) and its refusals. The older sentence templates are still in
``reporting/texts_sv.py`` and ``texts_en.py``.
"""

TEXTS: dict[str, tuple[str, str]] = {
    # refusals
    "report.no_year": (
        "Det finns inga uppgifter för {kommun} år {year} i lagret (parametern '--year'); "
        "år med uppgifter: {years}.",
        "The store has no data for {kommun} in {year} (the '--year' parameter); years with data: {years}."),
    "report.no_compare": (
        "Jämförelsekommunen {code} finns inte i lagret (parametern '--compare'); ange fyrsiffriga "
        "kommunkoder, t.ex. 1280,0180.",
        "The comparison kommun {code} is not in the store (the '--compare' parameter); give four-digit "
        "kommun codes, e.g. 1280,0180."),
    "report.text_missing": (
        "Textfilen '{path}' för avsnittet {section} finns inte (nyckeln 'texter' i rapportinställningarna).",
        "The text file '{path}' for the section {section} does not exist (the 'texter' key of the report "
        "settings)."),
    "report.text_where": ("Textfilen '{path}'", "The text file '{path}'"),
    # cover
    "report.cover_kind": ("Nulägesanalys", "Current-situation analysis"),
    "report.cover_organisation": ("Organisation: {name}", "Organisation: {name}"),
    "report.cover_date": ("Datum: {date}", "Date: {date}"),
    "report.cover_version": ("Version: {version}", "Version: {version}"),
    "report.cover_tool": ("Framtagen med lagesbild {version}", "Produced with lagesbild {version}"),
    "report.own_text": ("Kommunens text", "The kommun's text"),
    # syfte och bakgrund
    "report.title_syfte": ("Syfte och bakgrund", "Purpose and background"),
    "report.syfte_default": (
        "Den här nulägesanalysen beskriver var i {kommun} de socioekonomiska förutsättningarna skiljer sig "
        "åt, hur stor boendesegregationen är och hur den har förändrats. Den är ett underlag för "
        "kommunens långsiktiga arbete mot segregation och för att rikta förebyggande insatser dit "
        "behoven är störst.\n\n"
        "Analysen följer Delmos vägledning för kommunala nulägesanalyser: den utgår från SCB:s "
        "områdestyper för regionala statistikområden (RegSO), jämför kommunen med länet, riket och "
        "liknande kommuner och beskriver utvecklingen över tid. Där kommunen har registrerat sina "
        "förebyggande insatser visas också hur väl de täcker områdena med störst behov.\n\n"
        "Siffror, tabeller och diagram tas fram automatiskt ur officiell statistik. Slutsatserna och "
        "rekommendationerna i slutet följer fasta, dokumenterade regler och är en utgångspunkt för "
        "kommunens egen bedömning: de bör diskuteras, kompletteras och vid behov ändras innan "
        "analysen antas.",
        "This analysis describes where in {kommun} socio-economic conditions differ, how large residential "
        "segregation is and how it has changed. It supports the kommun's long-term work against "
        "segregation and the targeting of preventive work where the needs are greatest.\n\n"
        "It follows Delmo's guidance for municipal current-situation analyses: it starts from SCB's area "
        "types for regional statistical areas (RegSO), compares the kommun with its county, Sweden and "
        "similar kommuner, and describes the development over time. Where the kommun has registered its "
        "preventive interventions, it also shows how well they cover the areas with the greatest needs.\n\n"
        "Numbers, tables and charts are produced automatically from official statistics. The conclusions "
        "and recommendations at the end follow fixed, documented rules and are a starting point for the "
        "kommun's own judgement: they should be discussed, completed and changed where needed before "
        "the analysis is adopted."),
    # slutsatser och rekommendationer
    "report.title_slutsatser": ("Slutsatser och rekommendationer", "Conclusions and recommendations"),
    "report.concl_intro": (
        "Slutsatserna nedan följer av analysens resultat enligt reglerna i metodavsnittet. Varje slutsats "
        "har en rekommendation som kommunen kan pröva.",
        "The conclusions below follow from the results by the rules in the method chapter. Each "
        "conclusion comes with a recommendation for the kommun to consider."),
    "report.concl_none": (
        "Analysens resultat ger ingen av de slutsatser som reglerna beskriver; underlaget behöver "
        "kompletteras.",
        "The results give none of the conclusions the rules describe; the evidence needs to be completed."),
    "report.concl_head": ("Slutsats", "Conclusion"),
    "report.rec_head": ("Rekommendation", "Recommendation"),
    "report.concl_share12_high": (
        "En större andel av invånarna än i riket bor i områden med socioekonomiska utmaningar (typ 1–2).",
        "A larger share of the residents than in Sweden live in areas with socio-economic challenges "
        "(types 1–2)."),
    "report.rec_share12_high": (
        "Rikta det förebyggande arbetet till de {n12} RegSO som har typ 1–2 och följ upp dem varje år.",
        "Direct preventive work to the {n12} RegSO of types 1–2 and follow them up every year."),
    "report.concl_share12_some": (
        "{n12} RegSO har socioekonomiska utmaningar (typ 1–2), även om andelen invånare där inte är "
        "högre än i riket.",
        "{n12} RegSO have socio-economic challenges (types 1–2), although the share of residents there "
        "is not higher than in Sweden."),
    "report.rec_share12_some": (
        "Följ utvecklingen i dessa områden särskilt och pröva riktade insatser där.",
        "Follow these areas closely and consider targeted interventions there."),
    "report.concl_share12_none": (
        "Inget RegSO i kommunen har typ 1–2.",
        "No RegSO in the kommun is of type 1 or 2."),
    "report.rec_share12_none": (
        "Inriktningen kan vara generellt förebyggande; följ områden av typ 3 som ligger nära gränsen.",
        "Preventive work can be universal; follow type-3 areas close to the boundary."),
    "report.concl_seg_up": (
        "Boendesegregationen mellan födda i Sverige och födda utomlands har ökat ({y0}–{y1}).",
        "Residential segregation between people born in Sweden and abroad has increased ({y0}–{y1})."),
    "report.rec_seg_up": (
        "Ta upp boendesegregationen i bostadsförsörjningen och planeringen, till exempel upplåtelseformer "
        "och nybyggnation i olika delar av kommunen.",
        "Address residential segregation in housing provision and planning, for example tenure mix and "
        "new construction in different parts of the kommun."),
    "report.concl_seg_down": (
        "Boendesegregationen har minskat ({y0}–{y1}).",
        "Residential segregation has decreased ({y0}–{y1})."),
    "report.rec_seg_down": (
        "Undersök vad som bidragit till minskningen så att arbetssättet kan behållas.",
        "Find out what contributed to the decrease so that the approach can be kept."),
    "report.concl_seg_stable": (
        "Boendesegregationen är i stort sett oförändrad ({y0}–{y1}).",
        "Residential segregation is largely unchanged ({y0}–{y1})."),
    "report.rec_seg_stable": (
        "Sätt mätbara mål för segregationen och följ upp dem med samma mått varje år.",
        "Set measurable goals for segregation and follow them up with the same measure every year."),
    "report.concl_types_worse": (
        "Fler RegSO har fått en sämre än en bättre områdestyp ({y0}–{y1}).",
        "More RegSO moved to a worse than to a better area type ({y0}–{y1})."),
    "report.rec_types_worse": (
        "Analysera de områden som försämrats och om insatserna når dem.",
        "Analyse the areas that worsened and whether interventions reach them."),
    "report.concl_types_better": (
        "Fler RegSO har fått en bättre än en sämre områdestyp ({y0}–{y1}).",
        "More RegSO moved to a better than to a worse area type ({y0}–{y1})."),
    "report.rec_types_better": (
        "Dokumentera vad som gjorts i områdena som förbättrats.",
        "Document what was done in the areas that improved."),
    "report.concl_school_spread": (
        "Skolornas resultat skiljer sig mycket åt: meritvärdet varierar med {spread} poäng mellan "
        "skolorna.",
        "Results differ widely between schools: the merit rating varies by {spread} points."),
    "report.rec_school_spread": (
        "Pröva skolvalets och resursfördelningens betydelse för likvärdigheten och följ skolorna i "
        "områden av typ 1–2 särskilt.",
        "Examine the role of school choice and resource allocation for equity, and follow the schools "
        "in type 1–2 areas closely."),
    "report.concl_vote_low": (
        "Valdeltagandet är lägre än i riket.",
        "Turnout is lower than in Sweden."),
    "report.rec_vote_low": (
        "Stärk det demokratifrämjande arbetet i områden med lågt valdeltagande.",
        "Strengthen democracy work in areas with low turnout."),
    "report.concl_gaps": (
        "Täckningsanalysen visar luckor: områden eller målgrupper med behov och liten eller okänd "
        "täckning.",
        "The coverage analysis shows gaps: areas or target groups with needs and low or unknown "
        "coverage."),
    "report.rec_gaps": (
        "Gå igenom luckorna i tabellen i avsnittet om insatser och besluta vilka som ska täckas.",
        "Go through the gaps in the table of the interventions chapter and decide which to cover."),
    "report.concl_no_insatser": (
        "Kommunens förebyggande insatser är inte registrerade, så det går inte att bedöma om de når "
        "områdena med störst behov.",
        "The kommun's preventive interventions are not registered, so it cannot be judged whether they "
        "reach the areas with the greatest needs."),
    "report.rec_no_insatser": (
        "Registrera insatserna i lagesbild (lagesbild insatser import) så att täckningen kan analyseras.",
        "Register the interventions in lagesbild (lagesbild insatser import) so that coverage can be "
        "analysed."),
    "report.concl_no_enkat": (
        "Det saknas en ungdomsenkät, så risk- och skyddsfaktorer bland unga kan inte beskrivas.",
        "There is no youth survey, so risk and protective factors among young people cannot be described."),
    "report.rec_no_enkat": (
        "Genomför eller läs in en ungdomsenkät (till exempel LUPP eller Stockholmsenkäten).",
        "Carry out or import a youth survey (for example LUPP or Stockholmsenkäten)."),
    "report.method_rules": (
        "Slutsatser och rekommendationer: en slutsats skrivs när dess regel är uppfylld — andelen i typ "
        "1–2 högre eller betydligt högre än i riket enligt jämförelseorden; D ökade, minskade eller var i "
        "stort sett oförändrat enligt förändringsregeln; fler RegSO bytte till en sämre än en bättre typ "
        "(eller tvärtom); meritvärdet skiljer minst {spread} poäng mellan skolorna; valdeltagandet lägre "
        "än i riket; luckor i täckningen; inga registrerade insatser; ingen ungdomsenkät.",
        "Conclusions and recommendations: a conclusion is written when its rule holds — the share in "
        "types 1–2 higher or much higher than in Sweden by the comparison words; D increased, decreased "
        "or was largely unchanged by the change rule; more RegSO moved to a worse than a better type (or "
        "the reverse); the merit rating differs by at least {spread} points between schools; turnout "
        "lower than in Sweden; gaps in coverage; no registered interventions; no youth survey."),
    # provenance
    "report.date_retrieved": ("hämtad {date}", "retrieved {date}"),
    "report.date_updated": ("uppdaterad {date}", "updated {date}"),
    "report.date_published": ("publicerad {date}", "published {date}"),
    "report.date_header": ("Hämtad eller publicerad", "Retrieved or published"),
    "report.date_note": (
        "Datumet är när uppgifterna hämtades från eller uppdaterades av utgivaren; \"–\" där källan inte "
        "anger det (se lagesbilds datakatalog DATA.md).",
        "The date is when the data were retrieved from or updated by the publisher; \"–\" where the source "
        "does not state it (see lagesbild's data catalogue DATA.md)."),
    # insatser
    "report.gap_caption": ("Luckor i täckningen: de {n} högst rankade av {total}",
                           "Gaps in coverage: the {n} highest-ranked of {total}"),
    "report.gap_rank": ("Rang", "Rank"),
    "report.gap_what": ("Livsfas eller arena", "Life stage or arena"),
    "report.gap_gap": ("Lucka", "Gap"),
    "report.gap_insatser": ("Insatser", "Interventions"),
    "report.chain_caption": ("Livsförloppskedjan: insatser per livsfas och nivå",
                             "The life-course chain: interventions by life stage and level"),
    "report.chain_intro": (
        "Kedjan visar vilka universella, selektiva och indikerade insatser som finns i varje livsfas; "
        "\"–\" betyder att nivån saknar insats.",
        "The chain shows the universal, selective and indicated interventions of each life stage; \"–\" "
        "means that the level has none."),
    # varied comparison sentences (phrasing.sentence_compare_more)
    "report.again_a": ("Jämfört med {place} ({ref_value}) var {noun} {cls}.",
                       "Compared with {place} ({ref_value}), {noun} was {cls}."),
    "report.noun_share": ("andelen", "the share"),
    "report.noun_value": ("värdet", "the value"),
    "report.cls_much_higher": ("betydligt högre", "much higher"),
    "report.cls_higher": ("högre", "higher"),
    "report.cls_level": ("ungefär lika stor", "about the same"),
    "report.cls_lower": ("lägre", "lower"),
    "report.cls_much_lower": ("betydligt lägre", "much lower"),
    "report.again_b_much_higher": ("{place} låg betydligt lägre, på {ref_value}.", "{place} was much lower, at {ref_value}."),
    "report.again_b_higher": ("{place} låg lägre, på {ref_value}.", "{place} was lower, at {ref_value}."),
    "report.again_b_level": ("{place} låg på ungefär samma nivå, {ref_value}.",
                             "{place} was at about the same level, {ref_value}."),
    "report.again_b_lower": ("{place} låg högre, på {ref_value}.", "{place} was higher, at {ref_value}."),
    "report.again_b_much_lower": ("{place} låg betydligt högre, på {ref_value}.",
                                  "{place} was much higher, at {ref_value}."),
    "report.median": ("median", "median"),
    "report.median_line": ("; varje punkt är en skola och den lodräta linjen är medianen",
                           "; each dot is a school and the vertical line is the median"),
    # layout
    "report.profile_caption": (
        "Områdesprofiler {year}: värden och markeringar mot kommunen",
        "Area profiles {year}: values and flags against the kommun"),
    "report.profile_intro": (
        "Tabellen visar varje RegSO på en rad. ▲ betyder betydligt högre och ▼ betydligt lägre än "
        "kommunen enligt regeln i metodavsnittet; fullständiga tabeller finns i bilagan.",
        "The table shows each RegSO on one row. ▲ means much higher and ▼ much lower than the kommun by "
        "the rule in the method chapter; full tables are in the appendix."),
    "report.type_col": ("Typ", "Type"),
    # the steps of a build, shown as its progress
    "report.step_check": ("Kontrollerar kommun och år", "Checking kommun and year"),
    "report.step_types": ("Områdestyper", "Area types"),
    "report.step_population": ("Befolkning", "Population"),
    "report.step_areas": ("Områden och kartor", "Areas and maps"),
    "report.step_segregation": ("Segregationsmått", "Segregation measures"),
    "report.step_schools": ("Skolor och valdeltagande", "Schools and turnout"),
    "report.step_insatser": ("Insatser och enkät", "Interventions and survey"),
    "report.step_sections": ("Avsnitt och text", "Sections and text"),
    "report.step_figures": ("Diagram och kartor ritas", "Drawing charts and maps"),
    "report.step_html": ("Skriver HTML", "Writing HTML"),
    "report.step_pdf": ("Skriver PDF", "Writing PDF"),
    "report.step_docx": ("Skriver Word", "Writing Word"),
}
