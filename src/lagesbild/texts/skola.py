"""Texts of the catalogue section 'skola' (key → (Swedish, English)); see :mod:`lagesbild.i18n`."""

TEXTS: dict[str, tuple[str, str]] = {
    # --- the careful label (every measure)
    "skola.label": ("Måtten beskriver hur skolresultaten (åk 9) är fördelade mellan skolorna — segregation av "
                    "resultat, inte av elevernas bakgrund. Skolverket publicerar ingen bakgrund per skola.",
                    "The measures describe how school results (year 9) are distributed between schools — "
                    "segregation of results, not of pupils' background. Skolverket publishes no background "
                    "per school."),
    "skola.weights_note": ("Elevantal i åk 9 per skola finns bara för läsåret 2024/25; för andra läsår vägs "
                           "skolorna med 2024/25 års elevantal (en approximation).",
                           "Year-9 pupil numbers per school exist only for 2024/25; other school years are "
                           "weighted by the 2024/25 pupil numbers (an approximation)."),
    "skola.coverage_note": ("Antalet skolor med resultat skiljer sig mellan läsåren ({per_year}); jämför åren "
                            "med försiktighet.",
                            "The number of schools with results differs between school years ({per_year}); "
                            "compare the years with care."),
    "skola.markers_note": ("'..' = för få elever (prickat), '.' = uppgift saknas, '~100' = nära 100 % eftersom "
                           "få elever saknar behörighet; sådana värden visas som markeringar, aldrig som tal.",
                           "'..' = too few pupils (suppressed), '.' = missing, '~100' = close to 100 % because "
                           "few pupils are not eligible; such values are shown as markers, never as numbers."),
    # --- errors
    "skola.bad_kommun": ("Parametern --kommun ska vara en kommunkod med fyra siffror, t.ex. 0136. Fick '{value}'.",
                         "The parameter --kommun must be a four-digit kommun code, e.g. 0136. Got '{value}'."),
    "skola.no_schools": ("Kommun {kommun} har inga skolor med resultat i årskurs 9 i lagret. Skolresultat för "
                         "flera läsår finns inbyggda för Stockholms län, Västra Götaland och Halland; hämta "
                         "andra kommuner med 'lagesbild fetch skolverket --kommun {kommun}'.",
                         "Kommun {kommun} has no schools with year-9 results in the store. Results for several "
                         "school years are bundled for Stockholm, Västra Götaland and Halland; fetch other "
                         "kommuner with 'lagesbild fetch skolverket --kommun {kommun}'."),
    "skola.bad_years": ("Parametern --years: läsåren {given} finns inte i data för kommun {kommun}. Tillgängliga "
                        "år: {available} (år 2025 = läsåret 2024/25).",
                        "The parameter --years: the school years {given} are not in the data for kommun "
                        "{kommun}. Available years: {available} (year 2025 = school year 2024/25)."),
    "skola.unknown_school": ("Skolenhetskoden '{code}' finns inte i lagret (parametern skolenhetskod; åtta "
                             "siffror, t.ex. 29158808).",
                             "The school unit code '{code}' is not in the store (parameter skolenhetskod; "
                             "eight digits, e.g. 29158808)."),
    "skola.bad_school_code": ("Skolenhetskoden ska ha åtta siffror, t.ex. 29158808. Fick '{code}'.",
                              "The school unit code must have eight digits, e.g. 29158808. Got '{code}'."),
    "skola.fetch_needs_kommun": ("Ange --kommun KOD för att hämta från Skolverkets API, eller en exportfil.",
                                 "Give --kommun CODE to fetch from Skolverket's API, or an export file."),
    "skola.fetch_no_units": ("Skolverket: inga grundskolor med årskurs 9 för kommun {kommun}.",
                             "Skolverket: no compulsory schools with year 9 for kommun {kommun}."),
    # --- CLI help
    "skola.cli_help": ("Skolor och likvärdighet: resultat per skola och läsår, segregation av resultat mellan "
                       "skolor (D, M), meritvärde efter områdestyp.",
                       "Schools and equity: results per school and school year, segregation of results "
                       "between schools (D, M), merit rating by area type."),
    "skola.cli_opt_kommun": ("Kommunkod, t.ex. 0136.", "Kommun code, e.g. 0136."),
    "skola.cli_opt_years": ("Läsår som år, t.ex. 2021-2025 (2025 = 2024/25).",
                            "School years as years, e.g. 2021-2025 (2025 = 2024/25)."),
    "skola.cli_opt_skola": ("En skola (skolenhetskod, åtta siffror).", "One school (school unit code, eight digits)."),
    "skola.cli_opt_format": ("table, json eller csv.", "table, json or csv."),
    "skola.cli_fetch_kommun": ("Hämta kommunens grundskolor med åk 9 och deras statistik från Skolverkets API.",
                               "Fetch the kommun's schools with year 9 and their statistics from Skolverket's API."),
    # --- the API client
    "skola.api_bad_kommun": ("Ogiltig kommunkod '{value}' (förväntade fyra siffror, t.ex. 0136).",
                             "Invalid kommun code '{value}' (expected four digits, e.g. 0136)."),
    "skola.api_bad_code": ("Ogiltig skolenhetskod '{value}' (förväntade åtta siffror, t.ex. 29158808).",
                           "Invalid school unit code '{value}' (expected eight digits, e.g. 29158808)."),
    "skola.api_not_found": ("Skolverket: {path} finns inte ({detail}).", "Skolverket: {path} does not exist ({detail})."),
    "skola.api_unexpected": ("Skolverket: oväntat svar på {url} (nyckeln 'body' saknas).",
                             "Skolverket: unexpected response to {url} (no 'body' key)."),
    "skola.api_status": ("Skolverket: {url} svarade {status}: {message}.",
                         "Skolverket: {url} answered {status}: {message}."),
    "skola.api_pages": ("Skolverket: {path} gav fler än {n} sidor; avbryter.",
                        "Skolverket: {path} gave more than {n} pages; stopping."),
    # --- placement
    "skola.placering.punkt_i_deso": ("koordinaten ligger i DeSO-området", "the coordinate lies in the DeSO"),
    "skola.placering.narmaste_deso": ("koordinaten ligger utanför alla DeSO (glipa eller vatten): närmaste DeSO",
                                      "the coordinate lies outside every DeSO (gap or water): nearest DeSO"),
    "skola.placering.endast_kommun_utan_granser": ("inga DeSO-gränser i lagret för platsen: bara kommunen",
                                                   "no DeSO boundaries in the store for the place: kommun only"),
    "skola.placering.saknar_koordinater": ("skolan saknar koordinater: bara kommunen",
                                           "the school has no coordinates: kommun only"),
    # --- labels and headings
    "skola.title": ("Skola och likvärdighet", "Schools and equity"),
    "skola.schools_of": ("Skolor i {kommun}", "Schools in {kommun}"),
    "skola.school": ("Skola", "School"),
    "skola.code": ("Skolenhetskod", "School unit code"),
    "skola.huvudman": ("Huvudman", "Organiser"),
    "skola.kommunal": ("kommunal", "municipal"),
    "skola.fristaende": ("fristående", "independent"),
    "skola.okand": ("uppgift saknas", "not known"),
    "skola.deso": ("DeSO", "DeSO"),
    "skola.regso": ("RegSO", "RegSO"),
    "skola.omradestyp": ("Områdestyp", "Area type"),
    "skola.placering": ("Placering", "Placement"),
    "skola.lasar": ("Läsår", "School year"),
    "skola.merit": ("Meritvärde", "Merit rating"),
    "skola.eligible_yr": ("Behöriga till yrkesprogram, %", "Eligible for vocational programmes, %"),
    "skola.pupils": ("Elever åk 9", "Pupils year 9"),
    "skola.trend": ("Trend, poäng per år", "Trend, points per year"),
    "skola.trend_interval": ("{b} poäng per år (95 %: {lo} till {hi}, {k} läsår)",
                             "{b} points per year (95 %: {lo} to {hi}, {k} school years)"),
    "skola.small_cohort": ("Liten årskull (färre än {n} elever): värdena rör sig mycket mellan åren.",
                           "Small cohort (fewer than {n} pupils): the values move a lot between years."),
    "skola.index.D": ("Olikhetsindex D, behöriga/ej behöriga mellan skolor",
                      "Dissimilarity D, eligible/not eligible between schools"),
    "skola.index.M": ("Ömsesidig information M, behöriga/ej behöriga mellan skolor",
                      "Mutual information M, eligible/not eligible between schools"),
    "skola.segregation_heading": ("Segregation av resultat mellan skolor", "Segregation of results between schools"),
    "skola.by_type_heading": ("Meritvärde efter områdestyp där skolan ligger",
                              "Merit rating by the area type where the school lies"),
    "skola.schools_heading": ("Skolor och resultat per läsår", "Schools and results by school year"),
    "skola.map_heading": ("Karta över skolorna", "Map of the schools"),
    "skola.download_csv": ("Ladda ner skolorna (CSV)", "Download the schools (CSV)"),
    "skola.download_json": ("Ladda ner allt (JSON)", "Download everything (JSON)"),
    "skola.back": ("Tillbaka till kommunens skolor", "Back to the kommun's schools"),
    "skola.no_value": ("–", "–"),
    "skola.range": ("intervall {lo}–{hi} inom avrundningen", "range {lo}–{hi} within the rounding"),
    "skola.typ1": ("Typ 1 – stora socioekonomiska utmaningar", "Type 1 – major socio-economic challenges"),
    "skola.typ2": ("Typ 2 – socioekonomiska utmaningar", "Type 2 – socio-economic challenges"),
    "skola.typ3": ("Typ 3 – socioekonomiskt blandade", "Type 3 – socio-economically mixed"),
    "skola.typ4": ("Typ 4 – goda socioekonomiska förutsättningar", "Type 4 – good socio-economic conditions"),
    "skola.typ5": ("Typ 5 – mycket goda socioekonomiska förutsättningar",
                   "Type 5 – very good socio-economic conditions"),
    "skola.page_lead": ("Resultat i årskurs 9 per skola läsåren {years}, skolornas läge (DeSO, RegSO, områdestyp) "
                        "och hur resultaten är fördelade mellan skolorna.",
                        "Year-9 results per school in {years}, the schools' location (DeSO, RegSO, area type) "
                        "and how results are distributed between the schools."),
    "skola.trend_none": ("för få läsår för en trend", "too few school years for a trend"),
    "skola.notes": ("Att tänka på", "Keep in mind"),
    "skola.eligibility_kommun": ("Behöriga till yrkesprogram i kommunen 2024/25 (alla huvudmän, kommunala, "
                                 "fristående)", "Eligible for vocational programmes in the kommun 2024/25 (all "
                                 "organisers, municipal, independent)"),
    "skola.range_head": ("D, intervall inom avrundningen", "D, range within the rounding"),
    "skola.excluded": ("{n} skolor utan användbar andel (prickad eller saknas) är inte med",
                       "{n} schools without a usable share (suppressed or missing) are left out"),
    "skola.gap_sentence": ("Läsåret {lasar} var det elevviktade meritvärdet {a} i skolor i områden av typ 1–2 "
                           "({na} skolor) och {b} i typ 4–5 ({nb} skolor): en skillnad på {gap} poäng.",
                           "In {lasar} the pupil-weighted merit rating was {a} in schools in type 1–2 areas "
                           "({na} schools) and {b} in type 4–5 ({nb} schools): a gap of {gap} points."),
    "skola.huvudman_sentence": ("Läsåret {lasar}: kommunala skolor {a} ({na} skolor), fristående {b} ({nb} skolor).",
                                "In {lasar}: municipal schools {a} ({na} schools), independent {b} ({nb} schools)."),
    "skola.d_sentence": ("Läsåret {lasar} var D = {d} ({lo}–{hi} inom avrundningen) för behöriga mot ej behöriga "
                         "till yrkesprogram över {n} skolor.",
                         "In {lasar} D = {d} ({lo}–{hi} within the rounding) for eligible versus not eligible "
                         "for vocational programmes across {n} schools."),
    "skola.spread_sentence": ("Den elevviktade spridningen (standardavvikelsen) av skolornas meritvärde var {sd0} "
                              "läsåret {y0} och {sd1} läsåret {y1}.",
                              "The pupil-weighted spread (standard deviation) of the schools' merit rating was "
                              "{sd0} in {y0} and {sd1} in {y1}."),
    "skola.beside_residential": ("Bredvid boendesegregationen: D för födda utomlands och födda i Sverige mellan "
                                 "RegSO var {dr} år {yr}; D för behöriga och ej behöriga till yrkesprogram mellan "
                                 "skolor var {ds} läsåret {lasar}. Måtten gäller olika grupper och enheter och "
                                 "kan inte jämföras som tal; de visar två sidor av samma kommun.",
                                 "Beside residential segregation: D for people born abroad and born in Sweden "
                                 "between RegSO was {dr} in {yr}; D for pupils eligible and not eligible for "
                                 "vocational programmes between schools was {ds} in {lasar}. The measures concern "
                                 "different groups and units and cannot be compared as numbers; they show two "
                                 "sides of the same kommun."),
    "skola.eligibility_sentence": ("I kommunen var {a} % av eleverna i årskurs 9 behöriga till yrkesprogram "
                                   "läsåret 2024/25 ({k} % i kommunala skolor, {f} % i fristående).",
                                   "In the kommun {a} % of year-9 pupils were eligible for vocational programmes "
                                   "in 2024/25 ({k} % in municipal schools, {f} % in independent ones)."),
    "skola.demo_title": ("Skolor i {kommun} ({n} skolor, läsåren {years}) — segregation av resultat, inte av "
                         "bakgrund:", "Schools in {kommun} ({n} schools, school years {years}) — segregation of "
                         "results, not of background:"),
    "skola.demo_line": ("  {lasar}: D = {d} ({lo}–{hi}), {k} skolor; meritvärde typ 1–2 {a}, typ 4–5 {b}",
                        "  {lasar}: D = {d} ({lo}–{hi}), {k} schools; merit rating type 1–2 {a}, type 4–5 {b}"),
    "skola.fetched": ("Hämtade {n} skolor från Skolverket ({stats} med statistik); skrev {obs} värden.",
                      "Fetched {n} schools from Skolverket ({stats} with statistics); wrote {obs} values."),
}
