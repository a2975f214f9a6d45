"""Swedish message catalogue of the nulägesanalys report (the default language).

Every user-facing string of the report lives here (or in :mod:`texts_en`, with the same
keys); code only picks keys and fills in formatted numbers. Templates use ``str.format``
fields. A test checks that both catalogues have the same keys and fields.
"""

from __future__ import annotations

LANG = "sv"

SECTION_TITLES = {
    "sammanfattning": "Sammanfattning",
    "befolkning": "Befolkning",
    "omradestyper": "Områdestyper",
    "segregation": "Segregationens grad",
    "profiler": "Områdesprofiler",
    "utveckling": "Utveckling över tid",
    "skola": "Skola och likvärdighet",
    "valdeltagande": "Valdeltagande",
    "insatser": "Förebyggande insatser och täckning",
    "enkat": "Ungdomsenkäten: risk- och skyddsfaktorer",
    "metod": "Metod, definitioner och källor",
    "bilagor": "Bilagor",
}

#: Comparison phrases; the rule that picks one is :func:`lagesbild.reporting.phrasing.compare_class`.
COMPARE = {
    "much_higher": "betydligt högre än i {ref}",
    "higher": "högre än i {ref}",
    "level": "i nivå med {ref}",
    "lower": "lägre än i {ref}",
    "much_lower": "betydligt lägre än i {ref}",
}

#: Definite-form subjects for sentences, by variable or indicator id.
SUBJECTS = {
    "folkmangd": "folkmängden",
    "andel_utrikes_fodda": "andelen födda utomlands",
    "andel_hyresratt": "andelen lägenheter i hyresrätt",
    "loneinkomst_medel_tkr": "medelinkomsten av lön (tusen kronor)",
    "valdeltagande": "valdeltagandet i riksdagsvalet",
    "share_population_12": "andelen av befolkningen som bor i områden med socioekonomiska utmaningar (typ 1–2)",
    "share_population_45": "andelen av befolkningen som bor i områden med goda eller mycket goda förutsättningar (typ 4–5)",
    "dissimilarity": "segregationen mellan födda i Sverige och födda utomlands mätt med olikhetsindex D",
    "theil_h": "Theils H",
    "meritvarde_ak9": "det genomsnittliga meritvärdet i årskurs 9",
    "andel_alla_amnen_ak9": "andelen elever som uppnått betygskriterierna i alla ämnen i årskurs 9",
}

PLACES = {"riket": "riket", "lan": "länet"}

T = {
    # sentences about levels and changes
    "compare": "{subject} var {value} år {year}, {phrase} ({ref_value}).",
    "value": "{subject} var {value} år {year}.",
    "change_up": "{subject} ökade från {old} år {y0} till {new} år {y1} ({diff}).",
    "change_down": "{subject} minskade från {old} år {y0} till {new} år {y1} ({diff}).",
    "change_stable": "{subject} var i stort sett oförändrad mellan {y0} och {y1} ({old} respektive {new}).",
    "change_unchanged": "{subject} var oförändrad, {new}, både {y0} och {y1}.",
    "change_missing": "{subject} kan inte jämföras mellan {y0} och {y1} eftersom uppgift för {missing_year} saknas.",
    "change_suppressed": "{subject} redovisas inte för {year} eftersom värdet bygger på för få personer.",
    "missing_value": "Uppgift om {subject} saknas för {year}.",
    "ci": "95-procentigt konfidensintervall {lo}–{hi}",
    # section texts
    "skipped": "Avsnittet {title} ingår inte: {reason}",
    "no_data": "uppgifter saknas för {kommun} i lagret",
    "not_requested": "avsnittet valdes bort i rapportens inställningar",
    "pop_total": "{kommun} hade {pop} invånare år {year}, fördelade på {n} regionala statistikområden (RegSO).",
    "pop_growth": "Folkmängden ökade med {diff} sedan {y0}.",
    "pop_age_note": "Åldersfördelningen gäller {year} och RegSO-indelning 2025.",
    "types_share12": "I {kommun} bodde {share} av invånarna {year} i områden med socioekonomiska utmaningar (typ 1–2), {phrase} ({ref_value}).",
    "types_n": "{kommun} har {n12} av {n} RegSO i typ 1–2 och {n45} i typ 4–5.",
    "types_uncertainty_none": "Klassningsosäkerhet kan inte beräknas för {kommun}: det socioekonomiska indexvärdet per RegSO finns inte i lagret (bara typen). Typen redovisas därför utan osäkerhetsmarkering.",
    "types_uncertainty": "{n} RegSO ligger så nära en gräns mellan två typer att klassningen är osäker.",
    "types_map_note": "Gränserna är RegSO 2025 medan typerna gäller RegSO 2020; områdena kopplas på samma kod. Där namnet eller gränsen kan ha ändrats är kopplingen ungefärlig ({n} områden).",
    "seg_intro": "Segregationen mäts här som den ojämna fördelningen av födda i Sverige och födda utomlands mellan kommunens RegSO.",
    "seg_D": "Olikhetsindex D var {value} år {year} (biaskorrigerad skattning, {ci}; utan korrigering {plugin}): så stor andel av den ena gruppen skulle behöva flytta för att fördelningen skulle bli jämn.",
    "seg_D_plugin": "Olikhetsindex D var {value} år {year} (utan biaskorrigering och konfidensintervall): så stor andel av den ena gruppen skulle behöva flytta för att fördelningen skulle bli jämn.",
    "seg_trend_up": "D ökade från {old} år {y0} till {new} år {y1}.",
    "seg_trend_down": "D minskade från {old} år {y0} till {new} år {y1}.",
    "seg_trend_stable": "D var i stort sett oförändrat mellan {y0} och {y1} ({old} respektive {new}); skillnaden ligger inom osäkerheten.",
    "seg_between": "Av segregationen (mätt med informationsindex M) ligger {share} mellan områdestyperna och resten inom dem.",
    "seg_share_within": "{kommun} svarade för {share} av den segregation som finns inom Sveriges kommuner år {year} (informationsindex M); kommunens eget M var {local} och bidraget var på plats {rank} av {n} kommuner.",
    "seg_profile_approx": "Profilen bygger på gränserna för {geo} kopplade till statistikens {stats} på samma kod; för {n} områden kan gränsen ha ändrats, så värdena är ungefärliga.",
    "ojamlikhet_value": "Ojämlikhetsindex, som jämför hur personer i den lägsta och den högsta inkomstklassen bor, var {value} år {year}.",
    "ojamlikhet_missing": "Ojämlikhetsindex redovisas inte för {kommun}: {reason} Uppgifterna ingår inte i de data som följer med lagesbild; 'lagesbild fetch kommun' med kommunens kod hämtar dem.",
    "eligibility": "Enligt Delmos regel från 2022 för statsbidrag mot segregation (förordning 2018:118) ska andelen av befolkningen i typ 1–2 ligga minst 1,5 standardavvikelser över kommunernas medelvärde, det vill säga minst {threshold}, och ojämlikhetsindex minst en standardavvikelse över medelvärdet. I {kommun} var andelen {share} (z-värde {z}).",
    "eligibility_yes": "{kommun} uppfyller Delmos regel från 2022 för statsbidrag mot segregation.",
    "eligibility_no": "{kommun} uppfyller inte Delmos regel från 2022 för statsbidrag mot segregation eftersom andelen i typ 1–2 ligger under gränsen.",
    "eligibility_open": "Om {kommun} uppfyller Delmos regel från 2022 för statsbidrag mot segregation kan inte avgöras: andelen i typ 1–2 når gränsen, men ojämlikhetsindex saknas i lagret.",
    "types_group_kolada": "Kolada-gruppen {name} ({n} kommuner med {kommun}) hade i genomsnitt {mean} av befolkningen i typ 1–2; {kommun} låg på plats {rank} av {n} i gruppen räknat från den lägsta andelen.",
    "map_share_note": "Områden där andelen bygger på färre än {md} invånare visas vita (röjandekontroll).",
    "seg_profile": "Med ett rumsligt utjämnat mått minskar D från {small} vid {b0} meters radie till {large} vid {b1} meter: ju snabbare minskningen är, desto mer lokal är segregationen.",
    "seg_compare": "D var {phrase} ({ref_value}).",
    "prof_intro": "Varje tabell visar områdets värden och kommunens värde. Markeringen ▲ betyder betydligt högre och ▼ betydligt lägre än kommunen enligt regeln i metodavsnittet.",
    "prof_flags": "{n} av {total} RegSO har minst en markerad indikator.",
    "trend_type": "Mellan {y0} och {y1} bytte {n} RegSO områdestyp: {up} till en bättre och {down} till en sämre typ.",
    "trend_none": "Inget RegSO bytte områdestyp mellan {y0} och {y1}.",
    "school_spread": "Meritvärdet i årskurs 9 varierade läsåret {year} mellan skolorna i {kommun} från {lo} till {hi} (median {med}, {n} skolor).",
    "school_iqr": "Den mittersta hälften av skolorna låg mellan {p25} och {p75}.",
    "school_year_note": "Skolresultaten gäller läsåret {year}, det senaste som finns i lagret.",
    "vote": "Valdeltagandet i riksdagsvalet {year} var {value} i {kommun}, {phrase} ({ref_value}).",
    "insatser_none": "inga insatser är registrerade för {kommun}",
    "method_D": "Olikhetsindex D (Duncan & Duncan 1955) är hälften av summan av skillnaderna mellan gruppernas andelar i varje område; 0 betyder jämn fördelning och 1 fullständig åtskillnad.",
    "method_M": "Informationsindex M (Theil) mäter hur mycket kännedom om bostadsområdet minskar osäkerheten om gruppen; det kan delas exakt i en del mellan och en del inom större områden.",
    "method_H": "Theils H är M delat med gruppernas entropi (0–1).",
    "method_ci": "Konfidensintervallen kommer från en biaskorrigerad bootstrap ({n} dragningar, fröet {seed}); små områden ger uppåtriktade fel i D, som korrigeras. Texten och diagrammet visar den biaskorrigerade skattningen; tabellen visar också värdet utan korrigering.",
    "method_profile": "Den multiskaliga profilen beräknar D på befolkningen inom ett avstånd ({kernel} kärna) från varje områdes mittpunkt; radien 0 är det vanliga, icke rumsliga D.",
    "method_phrase": "Jämförelseord: för andelar används ”i nivå med” när skillnaden är mindre än {level_pp} procentenhet och ”betydligt” när den är minst {strong_pp} procentenheter; för övriga värden gäller relativa gränser på {level_rel} respektive {strong_rel} procent (för antal, som folkmängd, {level_rel_count} procent i stället för {level_rel}). Om ett konfidensintervall innehåller jämförelsevärdet skrivs alltid ”i nivå med”. En förändring som är noll i den redovisade precisionen kallas ”oförändrad” och en förändring under gränsen ”i stort sett oförändrad”.",
    "method_disclosure": "Röjandekontroll: antal mellan 1 och {mc_1} och andelar med en nämnare under {md} redovisas inte utan visas som ”–”. SCB justerar små tal före 2025 och använder Cell Key Method från 2025, så delar summerar inte alltid till totaler.",
    "method_types": "Områdestyper är SCB:s och Delmos officiella indelning av RegSO i fem typer efter ett socioekonomiskt index (andel med låg ekonomisk standard, förgymnasial utbildning och ekonomiskt bistånd eller långtidsarbetslöshet). Typ 1–2 kallas områden med socioekonomiska utmaningar.",
    "method_eligibility": "Delmos regel 2022: en kommun uppfyller kriterierna när andelen av befolkningen i typ 1–2 är minst medelvärdet plus 1,5 standardavvikelser och ojämlikhetsindex minst medelvärdet plus en standardavvikelse, båda över alla kommuner. Ojämlikhetsindex kräver antal personer per inkomstklass och område.",
    "colophon": "Rapporten skapades med lagesbild {version}. Inställningarnas kontrollsumma (SHA-256): {hash}. Den kan återskapas exakt med filen {config}.",
    "generated": "Skapad {date}",
    "sources_head": "Datakällor",
    "source_row": "{publisher}: {table} (hämtad {date})",
    "suppressed_note": "– = undertryckt (röjandekontroll), .. = uppgift saknas.",
    "table_alt": "Tabell med samma uppgifter",
    "figure": "Figur",
    "table": "Tabell",
    "source": "Källa",
    "scalebar_km": "{km} km",
    "title": "Nulägesanalys av segregation – {kommun} {year}",
    "subtitle": "Underlag för kommunens arbete mot segregation, skapat automatiskt från officiell statistik.",
    "toc": "Innehåll",
}

#: Column headers and short labels.
LABELS = {
    "place": "Plats", "sex": "Kön",
    "area": "Område", "code": "Kod", "type": "Områdestyp", "n_regso": "Antal RegSO",
    "share_regso": "Andel av RegSO, procent", "population": "Folkmängd",
    "share_population": "Andel av befolkningen, procent", "kommun": "Kommun", "year": "År",
    "value": "Värde", "ci": "95 % konfidensintervall", "index": "Mått", "indicator": "Indikator",
    "kommun_value": "Kommunen", "flag": "Markering", "riket": "Riket", "from_to": "Från typ → till typ",
    "school": "Skola", "pupils": "Elever", "merit": "Meritvärde", "all_subjects": "Alla ämnen, procent",
    "vote_share": "Valdeltagande, procent", "age": "Ålder", "women": "Kvinnor", "men": "Män",
    "share_utrikes": "Födda utomlands, procent", "share_hyresratt": "Hyresrätt, procent",
    "income": "Medelinkomst av lön, tkr", "bandwidth": "Radie, meter", "between": "Mellan typer",
    "within": "Inom typer", "total": "Totalt", "change": "Förändring", "unknown": "Ingen typ",
    "suppressed": "Undertryckt", "type_short": "Typ {t}", "compare_group": "Jämförelse",
    "measure": "Mått", "definition": "Definition", "publisher": "Utgivare", "table_id": "Tabell",
    "value_bc": "Värde (biaskorrigerat)", "value_plugin": "Utan korrigering",
    "share_utrikes_map": "Födda utomlands, procent", "kolada_group": "Kolada liknande kommuner",
    "retrieved": "Hämtad", "licence": "Licens", "lan": "Länet",
}

UNITS = {"procent": "procent", "personer": "personer", "tkr": "tusen kronor"}
