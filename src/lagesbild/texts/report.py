"""Texts of the catalogue section 'report' (key → (Swedish, English)); see :mod:`lagesbild.i18n`.

The nulägesanalys' structure (cover, syfte och bakgrund, slutsatser och rekommendationer, the
kommun's own texts), its refusals, the section titles (``report.title_<section id>``) and every
sentence template of the sections. The short words that sentences and tables are built from
(comparison phrases, subjects, places, column labels) are in :mod:`lagesbild.texts.report_words`.
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
    # section titles (reporting/sections)
    "report.title_sammanfattning": ("Sammanfattning", "Summary"),
    "report.title_befolkning": ("Befolkning", "Population"),
    "report.title_omradestyper": ("Områdestyper", "Area types (områdestyper)"),
    "report.title_segregation": ("Segregationens grad", "Degree of segregation"),
    "report.title_profiler": ("Områdesprofiler", "Area profiles"),
    "report.title_utveckling": ("Utveckling över tid", "Change over time"),
    "report.title_skola": ("Skola och likvärdighet", "Schools and equity"),
    "report.title_valdeltagande": ("Valdeltagande", "Voter turnout"),
    "report.title_insatser": ("Förebyggande insatser och täckning", "Preventive interventions and coverage"),
    "report.title_enkat": ("Ungdomsenkäten: risk- och skyddsfaktorer", "The youth survey: risk and protective factors"),
    "report.title_metod": ("Metod, definitioner och källor", "Method, definitions and sources"),
    "report.title_bilagor": ("Bilagor", "Appendices"),
    # sentences about levels and changes (reporting/phrasing.py); {subject} is a report_words.subject
    "report.compare": (
        "{subject} var {value} år {year}, {phrase} ({ref_value}).",
        "{subject} was {value} in {year}, {phrase} ({ref_value})."),
    "report.value": ("{subject} var {value} år {year}.", "{subject} was {value} in {year}."),
    "report.change_up": (
        "{subject} ökade från {old} år {y0} till {new} år {y1} ({diff}).",
        "{subject} rose from {old} in {y0} to {new} in {y1} ({diff})."),
    "report.change_down": (
        "{subject} minskade från {old} år {y0} till {new} år {y1} ({diff}).",
        "{subject} fell from {old} in {y0} to {new} in {y1} ({diff})."),
    "report.change_stable": (
        "{subject} var i stort sett oförändrad mellan {y0} och {y1} ({old} respektive {new}).",
        "{subject} was broadly unchanged between {y0} and {y1} ({old} and {new})."),
    "report.change_unchanged": (
        "{subject} var oförändrad, {new}, både {y0} och {y1}.",
        "{subject} was unchanged, {new}, in both {y0} and {y1}."),
    "report.change_missing": (
        "{subject} kan inte jämföras mellan {y0} och {y1} eftersom uppgift för {missing_year} saknas.",
        "{subject} cannot be compared between {y0} and {y1} because the value for {missing_year} is missing."),
    "report.change_suppressed": (
        "{subject} redovisas inte för {year} eftersom värdet bygger på för få personer.",
        "{subject} is not published for {year} because the value rests on too few people."),
    "report.missing_value": ("Uppgift om {subject} saknas för {year}.", "No value of {subject} exists for {year}."),
    "report.ci": ("95-procentigt konfidensintervall {lo}–{hi}", "95 per cent confidence interval {lo}–{hi}"),
    # the sections' sentences, notes and fixed words
    "report.skipped": ("Avsnittet {title} ingår inte: {reason}", "The section {title} is not included: {reason}"),
    "report.no_data": ("uppgifter saknas för {kommun} i lagret", "the store holds no data for {kommun}"),
    "report.pop_total": (
        "{kommun} hade {pop} invånare år {year}, fördelade på {n} regionala statistikområden (RegSO).",
        "{kommun} had {pop} inhabitants in {year}, in {n} regional statistical areas (RegSO)."),
    "report.pop_age_note": (
        "Åldersfördelningen gäller {year} och RegSO-indelning 2025.",
        "The age distribution refers to {year} and RegSO 2025."),
    "report.types_share12": (
        "I {kommun} bodde {share} av invånarna {year} i områden med socioekonomiska utmaningar (typ 1–2), {phrase} ({ref_value}).",
        "In {kommun}, {share} of the inhabitants lived in areas with socio-economic challenges (types 1–2) in {year}, {phrase} ({ref_value})."),
    "report.types_n": (
        "{kommun} har {n12} av {n} RegSO i typ 1–2 och {n45} i typ 4–5.",
        "{kommun} has {n12} of {n} RegSO in types 1–2 and {n45} in types 4–5."),
    "report.types_uncertainty_none": (
        "Klassningsosäkerhet kan inte beräknas för {kommun}: det socioekonomiska indexvärdet per RegSO finns inte i lagret (bara typen). Typen redovisas därför utan osäkerhetsmarkering.",
        "Classification uncertainty cannot be computed for {kommun}: the socio-economic index value per RegSO is not in the store (only the type). Types are therefore shown without an uncertainty mark."),
    "report.types_uncertainty": (
        "{n} RegSO ligger så nära en gräns mellan två typer att klassningen är osäker.",
        "{n} RegSO lie so close to a boundary between two types that their classification is uncertain."),
    "report.types_map_note": (
        "Gränserna är RegSO 2025 medan typerna gäller RegSO 2020; områdena kopplas på samma kod. Där namnet eller gränsen kan ha ändrats är kopplingen ungefärlig ({n} områden).",
        "Boundaries are RegSO 2025 while types refer to RegSO 2020; areas are joined on the same code. Where the name or boundary may have changed the join is approximate ({n} areas)."),
    "report.seg_intro": (
        "Segregationen mäts här som den ojämna fördelningen av födda i Sverige och födda utomlands mellan kommunens RegSO.",
        "Segregation is measured here as the uneven distribution of people born in Sweden and born abroad across the RegSO of the kommun."),
    "report.seg_D": (
        "Olikhetsindex D var {value} år {year} (biaskorrigerad skattning, {ci}; utan korrigering {plugin}): så stor andel av den ena gruppen skulle behöva flytta för att fördelningen skulle bli jämn.",
        "The dissimilarity index D was {value} in {year} (bias-corrected estimate, {ci}; uncorrected {plugin}): this share of one group would have to move for the distribution to become even."),
    "report.seg_D_plugin": (
        "Olikhetsindex D var {value} år {year} (utan biaskorrigering och konfidensintervall): så stor andel av den ena gruppen skulle behöva flytta för att fördelningen skulle bli jämn.",
        "The dissimilarity index D was {value} in {year} (without bias correction and confidence interval): this share of one group would have to move for the distribution to become even."),
    "report.seg_trend_up": (
        "D ökade från {old} år {y0} till {new} år {y1}.",
        "D rose from {old} in {y0} to {new} in {y1}."),
    "report.seg_trend_down": (
        "D minskade från {old} år {y0} till {new} år {y1}.",
        "D fell from {old} in {y0} to {new} in {y1}."),
    "report.seg_trend_stable": (
        "D var i stort sett oförändrat mellan {y0} och {y1} ({old} respektive {new}); skillnaden ligger inom osäkerheten.",
        "D was broadly unchanged between {y0} and {y1} ({old} and {new}); the difference is within the uncertainty."),
    "report.seg_between": (
        "Av segregationen (mätt med informationsindex M) ligger {share} mellan områdestyperna och resten inom dem.",
        "Of segregation (information index M), {share} lies between the area types and the rest within them."),
    "report.seg_share_within": (
        "{kommun} svarade för {share} av den segregation som finns inom Sveriges kommuner år {year} (informationsindex M); kommunens eget M var {local} och bidraget var på plats {rank} av {n} kommuner.",
        "{kommun} accounted for {share} of the segregation within Sweden's kommuner in {year} (information index M); the kommun's own M was {local}, rank {rank} by contribution of {n} kommuner."),
    "report.seg_profile_approx": (
        "Profilen bygger på gränserna för {geo} kopplade till statistikens {stats} på samma kod; för {n} områden kan gränsen ha ändrats, så värdena är ungefärliga.",
        "The profile uses the boundaries of {geo} joined to the statistics' {stats} on the same code; for {n} areas the boundary may have changed, so the values are approximate."),
    "report.ojamlikhet_value": (
        "Ojämlikhetsindex, som jämför hur personer i den lägsta och den högsta inkomstklassen bor, var {value} år {year}.",
        "The inequality index, which compares where people in the lowest and the highest income class live, was {value} in {year}."),
    "report.ojamlikhet_missing": (
        "Ojämlikhetsindex redovisas inte för {kommun}: {reason} Uppgifterna ingår inte i de data som följer med lagesbild; 'lagesbild fetch kommun' med kommunens kod hämtar dem.",
        "The inequality index is not reported for {kommun}: {reason} Those data are not part of the data bundled with lagesbild; 'lagesbild fetch kommun' with the kommun's code fetches them."),
    "report.eligibility": (
        "Enligt Delmos regel från 2022 för statsbidrag mot segregation (förordning 2018:118) ska andelen av befolkningen i typ 1–2 ligga minst 1,5 standardavvikelser över kommunernas medelvärde, det vill säga minst {threshold}, och ojämlikhetsindex minst en standardavvikelse över medelvärdet. I {kommun} var andelen {share} (z-värde {z}).",
        "Under Delmos' 2022 rule for the state grant against segregation (ordinance 2018:118) the share of the population in types 1–2 must be at least 1.5 standard deviations above the mean of all kommuner, that is at least {threshold}, and the inequality index at least one standard deviation above its mean. In {kommun} the share was {share} (z-score {z})."),
    "report.eligibility_yes": (
        "{kommun} uppfyller Delmos regel från 2022 för statsbidrag mot segregation.",
        "{kommun} meets Delmos' 2022 rule for the state grant against segregation."),
    "report.eligibility_no": (
        "{kommun} uppfyller inte Delmos regel från 2022 för statsbidrag mot segregation eftersom andelen i typ 1–2 ligger under gränsen.",
        "{kommun} does not meet Delmos' 2022 rule for the state grant against segregation because its share in types 1–2 is below the limit."),
    "report.eligibility_open": (
        "Om {kommun} uppfyller Delmos regel från 2022 för statsbidrag mot segregation kan inte avgöras: andelen i typ 1–2 når gränsen, men ojämlikhetsindex saknas i lagret.",
        "Whether {kommun} meets Delmos' 2022 rule for the state grant against segregation cannot be decided: the share in types 1–2 reaches the limit but the inequality index is missing from the store."),
    "report.types_group_kolada": (
        "Kolada-gruppen {name} ({n} kommuner med {kommun}) hade i genomsnitt {mean} av befolkningen i typ 1–2; {kommun} låg på plats {rank} av {n} i gruppen räknat från den lägsta andelen.",
        "The Kolada group {name} ({n} kommuner including {kommun}) had on average {mean} of the population in types 1–2; {kommun} ranked {rank} of {n} in the group counting from the lowest share."),
    "report.map_share_note": (
        "Områden där andelen bygger på färre än {md} invånare visas vita (röjandekontroll).",
        "Areas where the share rests on fewer than {md} inhabitants are shown white (disclosure control)."),
    "report.seg_profile": (
        "Med ett rumsligt utjämnat mått minskar D från {small} vid {b0} meters radie till {large} vid {b1} meter: ju snabbare minskningen är, desto mer lokal är segregationen.",
        "With a spatially smoothed measure D falls from {small} at a {b0} metre radius to {large} at {b1} metres: the faster the fall, the more local the segregation."),
    "report.seg_compare": ("D var {phrase} ({ref_value}).", "D was {phrase} ({ref_value})."),
    "report.prof_flags": (
        "{n} av {total} RegSO har minst en markerad indikator.",
        "{n} of {total} RegSO have at least one flagged indicator."),
    "report.trend_type": (
        "Mellan {y0} och {y1} bytte {n} RegSO områdestyp: {up} till en bättre och {down} till en sämre typ.",
        "Between {y0} and {y1}, {n} RegSO changed area type: {up} to a better and {down} to a worse type."),
    "report.trend_none": (
        "Inget RegSO bytte områdestyp mellan {y0} och {y1}.",
        "No RegSO changed area type between {y0} and {y1}."),
    "report.school_spread": (
        "Meritvärdet i årskurs 9 varierade läsåret {year} mellan skolorna i {kommun} från {lo} till {hi} (median {med}, {n} skolor).",
        "In school year {year} the year-9 merit rating of the schools in {kommun} ranged from {lo} to {hi} (median {med}, {n} schools)."),
    "report.school_iqr": (
        "Den mittersta hälften av skolorna låg mellan {p25} och {p75}.",
        "The middle half of the schools lay between {p25} and {p75}."),
    "report.school_year_note": (
        "Skolresultaten gäller läsåret {year}, det senaste som finns i lagret.",
        "School results refer to school year {year}, the latest in the store."),
    "report.vote": (
        "Valdeltagandet i riksdagsvalet {year} var {value} i {kommun}, {phrase} ({ref_value}).",
        "Turnout in the {year} general election was {value} in {kommun}, {phrase} ({ref_value})."),
    "report.insatser_none": (
        "inga insatser är registrerade för {kommun}",
        "no interventions are registered for {kommun}"),
    "report.method_D": (
        "Olikhetsindex D (Duncan & Duncan 1955) är hälften av summan av skillnaderna mellan gruppernas andelar i varje område; 0 betyder jämn fördelning och 1 fullständig åtskillnad.",
        "The dissimilarity index D (Duncan & Duncan 1955) is half the sum of the differences between the groups' shares in each area; 0 means an even distribution and 1 complete separation."),
    "report.method_M": (
        "Informationsindex M (Theil) mäter hur mycket kännedom om bostadsområdet minskar osäkerheten om gruppen; det kan delas exakt i en del mellan och en del inom större områden.",
        "The information index M (Theil) measures how much knowing the area reduces uncertainty about the group; it splits exactly into a between part and a within part."),
    "report.method_H": (
        "Theils H är M delat med gruppernas entropi (0–1).",
        "Theil's H is M divided by the group entropy (0–1)."),
    "report.method_ci": (
        "Konfidensintervallen kommer från en biaskorrigerad bootstrap ({n} dragningar, fröet {seed}); små områden ger uppåtriktade fel i D, som korrigeras. Texten och diagrammet visar den biaskorrigerade skattningen; tabellen visar också värdet utan korrigering.",
        "Confidence intervals come from a bias-corrected bootstrap ({n} draws, seed {seed}); small areas bias D upwards, which is corrected. Text and chart show the bias-corrected estimate; the table also shows the uncorrected value."),
    "report.method_profile": (
        "Den multiskaliga profilen beräknar D på befolkningen inom ett avstånd ({kernel} kärna) från varje områdes mittpunkt; radien 0 är det vanliga, icke rumsliga D.",
        "The multiscalar profile computes D on the population within a distance ({kernel} kernel) of each area's centre; radius 0 is the ordinary aspatial D."),
    "report.method_phrase": (
        "Jämförelseord: för andelar används ”i nivå med” när skillnaden är mindre än {level_pp} procentenhet och ”betydligt” när den är minst {strong_pp} procentenheter; för övriga värden gäller relativa gränser på {level_rel} respektive {strong_rel} procent (för antal, som folkmängd, {level_rel_count} procent i stället för {level_rel}). Om ett konfidensintervall innehåller jämförelsevärdet skrivs alltid ”i nivå med”. En förändring som är noll i den redovisade precisionen kallas ”oförändrad” och en förändring under gränsen ”i stort sett oförändrad”.",
        "Comparison words: for shares ‘at the level of’ is used when the difference is below {level_pp} percentage point and ‘considerably’ when it is at least {strong_pp} percentage points; other values use relative limits of {level_rel} and {strong_rel} per cent (for counts such as population {level_rel_count} per cent instead of {level_rel}). If a confidence interval contains the reference value, ‘at the level of’ is always used. A change that is zero at the printed precision is ‘unchanged’, one below the limit ‘broadly unchanged’."),
    "report.method_disclosure": (
        "Röjandekontroll: antal mellan 1 och {mc_1} och andelar med en nämnare under {md} redovisas inte utan visas som ”–”. SCB justerar små tal före 2025 och använder Cell Key Method från 2025, så delar summerar inte alltid till totaler.",
        "Disclosure control: counts between 1 and {mc_1} and shares whose denominator is below {md} are not published and shown as ‘–’. SCB adjusts small counts before 2025 and uses the Cell Key Method from 2025, so parts do not always add up to totals."),
    "report.method_types": (
        "Områdestyper är SCB:s och Delmos officiella indelning av RegSO i fem typer efter ett socioekonomiskt index (andel med låg ekonomisk standard, förgymnasial utbildning och ekonomiskt bistånd eller långtidsarbetslöshet). Typ 1–2 kallas områden med socioekonomiska utmaningar.",
        "Area types are the official SCB/Delmos classification of RegSO into five types by a socio-economic index (shares with low economic standard, only compulsory education, and social assistance or long-term unemployment). Types 1–2 are called areas with socio-economic challenges."),
    "report.method_eligibility": (
        "Delmos regel 2022: en kommun uppfyller kriterierna när andelen av befolkningen i typ 1–2 är minst medelvärdet plus 1,5 standardavvikelser och ojämlikhetsindex minst medelvärdet plus en standardavvikelse, båda över alla kommuner. Ojämlikhetsindex kräver antal personer per inkomstklass och område.",
        "Delmos' 2022 rule: a kommun meets the criteria when its population share in types 1–2 is at least the mean plus 1.5 standard deviations and its inequality index at least the mean plus one standard deviation, both over all kommuner. The inequality index needs counts of persons per income class and area."),
    "report.colophon": (
        "Rapporten skapades med lagesbild {version}. Inställningarnas kontrollsumma (SHA-256): {hash}. Den kan återskapas exakt med filen {config}.",
        "This report was made with lagesbild {version}. Checksum of the settings (SHA-256): {hash}. It can be regenerated exactly with the file {config}."),
    "report.generated": ("Skapad {date}", "Created {date}"),
    "report.sources_head": ("Datakällor", "Data sources"),
    "report.source_row": ("{publisher}: {table} (hämtad {date})", "{publisher}: {table} (retrieved {date})"),
    "report.suppressed_note": (
        "– = undertryckt (röjandekontroll), .. = uppgift saknas.",
        "– = suppressed (disclosure control), .. = not available."),
    "report.table_alt": ("Tabell med samma uppgifter", "Table with the same data"),
    "report.figure": ("Figur", "Figure"),
    "report.table": ("Tabell", "Table"),
    "report.source": ("Källa", "Source"),
    "report.scalebar_km": ("{km} km", "{km} km"),
    "report.title": (
        "Nulägesanalys av segregation – {kommun} {year}",
        "Segregation baseline analysis – {kommun} {year}"),
    "report.subtitle": (
        "Underlag för kommunens arbete mot segregation, skapat automatiskt från officiell statistik.",
        "Input to the kommun's work against segregation, generated automatically from official statistics."),
    "report.toc": ("Innehåll", "Contents"),
}
