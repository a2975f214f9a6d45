"""Texts of the catalogue section 'brott' (key → (Swedish, English)); see :mod:`lagesbild.i18n`."""

TEXTS: dict[str, tuple[str, str]] = {
    # --- errors: statistics
    "brott.bra_columns": ("Filen {file} saknar kolumnerna {missing}. Förväntade kolumner: {expected}.",
                          "The file {file} lacks the columns {missing}. Expected columns: {expected}."),
    "brott.bra_year": ("Filen {file}, rad {row}, kolumn 'ar': förväntade ett årtal, fick '{value}'.",
                       "The file {file}, row {row}, column 'ar': expected a year, got '{value}'."),
    "brott.no_kommun_data": ("Det finns ingen Brå-statistik för kommun {kommun} i de inbyggda data (de "
                             "täcker Dalarnas 15 kommuner). Hämta Kolada-nyckeltal med 'lagesbild sources'.",
                             "There are no Brå statistics for kommun {kommun} in the bundled data (they "
                             "cover Dalarna's 15 kommuner). Fetch Kolada KPIs with 'lagesbild sources'."),
    "brott.unknown_kommun": ("Okänd kommunkod '{kommun}' (parametern --kommun); ange fyra siffror, t.ex. 2081.",
                             "Unknown kommun code '{kommun}' (parameter --kommun); give four digits, e.g. 2081."),
    # --- periods
    "brott.bad_period": ("Parametern {param} ska vara en ISO-vecka (2025-W10), ett tertial (2025-T1) eller ett "
                         "år (2025). Fick '{value}'.",
                         "The parameter {param} must be an ISO week (2025-W10), a tertial (2025-T1) or a "
                         "year (2025). Got '{value}'."),
    "brott.bad_week": ("Parametern {param}: året har veckorna 1–{n}. Fick '{value}'.",
                       "The parameter {param}: the year has weeks 1–{n}. Got '{value}'."),
    # --- taxonomy
    "brott.bad_taxonomy": ("Kategorikoder ska vara små bokstäver a–z, siffror och '_' (2–40 tecken). Fick: {value}.",
                           "Category codes must be lower-case a–z, digits and '_' (2–40 characters). Got: {value}."),
    "brott.kat.skadegorelse": ("Skadegörelse", "Criminal damage"),
    "brott.kat.klotter": ("Klotter", "Graffiti"),
    "brott.kat.brand": ("Brand/anlagd brand", "Fire/arson"),
    "brott.kat.nedskrapning": ("Nedskräpning", "Littering"),
    "brott.kat.otrygg_plats": ("Otrygg plats (belysning, buskage)", "Unsafe place (lighting, shrubbery)"),
    "brott.kat.samlingsplats": ("Samlingsplats/ungdomsgrupp (störande)", "Gathering place/youth group (disturbing)"),
    "brott.kat.narkotika": ("Narkotika (observation)", "Drugs (observation)"),
    "brott.kat.hot_vald_anstalld": ("Hot/våld mot anställd", "Threats/violence against staff"),
    "brott.kat.ordningsstorning": ("Ordningsstörning", "Public disorder"),
    "brott.kat.ryktesspridning": ("Ryktesspridning/sociala medier", "Rumours/social media"),
    "brott.kat.arrangemang": ("Arrangemang/evenemang", "Event"),
    # --- import
    "brott.no_file": ("Filen {file} finns inte.", "The file {file} does not exist."),
    "brott.unreadable": ("Filen {file} kunde inte läsas som CSV eller Excel ({kind}).",
                         "The file {file} could not be read as CSV or Excel ({kind})."),
    "brott.import_columns": ("Filen {file} saknar kolumnerna {missing}. Möjliga kolumner: {expected}.",
                             "The file {file} lacks the columns {missing}. Possible columns: {expected}."),
    "brott.import_unknown": ("Filen {file} har okända kolumner: {columns}. Möjliga kolumner: {expected}.",
                             "The file {file} has unknown columns: {columns}. Possible columns: {expected}."),
    "brott.bad_date": ("Filen {file}, rad {row}, kolumn '{column}': förväntade ett datum ÅÅÅÅ-MM-DD, fick '{value}'.",
                       "The file {file}, row {row}, column '{column}': expected a date YYYY-MM-DD, got '{value}'."),
    "brott.bad_time": ("Filen {file}, rad {row}, kolumn '{column}': förväntade en tid TT:MM, fick '{value}'.",
                       "The file {file}, row {row}, column '{column}': expected a time HH:MM, got '{value}'."),
    "brott.bad_category": ("Filen {file}, rad {row}, kolumn '{column}': okänd kategori '{value}'. Giltiga: {expected}.",
                           "The file {file}, row {row}, column '{column}': unknown category '{value}'. "
                           "Valid: {expected}."),
    "brott.bad_environment": ("Filen {file}, rad {row}, kolumn '{column}': förväntade 'offentlig' eller "
                              "'halvoffentlig', fick '{value}'.",
                              "The file {file}, row {row}, column '{column}': expected 'offentlig' or "
                              "'halvoffentlig', got '{value}'."),
    "brott.bad_int": ("Filen {file}, rad {row}, kolumn '{column}': förväntade ett heltal {lo}–{hi}, fick '{value}'.",
                      "The file {file}, row {row}, column '{column}': expected a whole number {lo}–{hi}, "
                      "got '{value}'."),
    "brott.bad_coordinate": ("Filen {file}, rad {row}, kolumn '{column}': förväntade en SWEREF 99 TM-koordinat "
                             "i meter, fick '{value}'.",
                             "The file {file}, row {row}, column '{column}': expected a SWEREF 99 TM "
                             "coordinate in metres, got '{value}'."),
    "brott.no_place": ("Filen {file}, rad {row}: ange en plats (kolumn 'omrade', 'x' och 'y' eller 'plats').",
                       "The file {file}, row {row}: give a place (column 'omrade', 'x' and 'y', or 'plats')."),
    "brott.bad_area": ("Filen {file}, rad {row}, kolumn '{column}': området '{value}' finns inte i kommunen.",
                       "The file {file}, row {row}, column '{column}': the area '{value}' is not in the kommun."),
    "brott.name_warning": ("Varning: {file}, rad {row}, kolumn '{column}' verkar innehålla ett personnamn. "
                           "Beskriv platsen och händelsen, inte personer.",
                           "Warning: {file}, row {row}, column '{column}' seems to hold a personal name. "
                           "Describe the place and the event, not people."),
}
TEXTS.update({
    # --- records and review
    "brott.no_organisation": ("Ange organisationen som rapporterar (parametern --organisation).",
                              "Give the reporting organisation (parameter --organisation)."),
    "brott.no_incident": ("Händelse {id} finns inte (eller tillhör en annan organisation).",
                          "Incident {id} does not exist (or belongs to another organisation)."),
    "brott.not_reviewer": ("Rollen '{role}' får inte granska händelser; det krävs granskare eller samordnare.",
                           "The role '{role}' may not review incidents; a reviewer or coordinator is needed."),
    "brott.bad_decision": ("Beslutet ska vara 'godkand' eller 'avvisad'. Fick '{value}'.",
                           "The decision must be 'godkand' or 'avvisad'. Got '{value}'."),
    "brott.review_conflict": ("{n} av händelserna är inte längre inskickade (redan granskade eller återkallade); "
                              "inget ändrades.",
                              "{n} of the incidents are no longer submitted (already reviewed or withdrawn); "
                              "nothing was changed."),
    "brott.bad_role": ("Okänd roll '{value}'. Giltiga: {expected}.", "Unknown role '{value}'. Valid: {expected}."),
    "brott.uso_columns": ("Filen {file} saknar egenskaperna {missing} (Polisens format: NAMN, KATEGORI).",
                          "The file {file} lacks the properties {missing} (the police format: NAMN, KATEGORI)."),
    "brott.uso_category": ("Filen {file} har okända kategorier: {value}. Giltiga: {expected}.",
                           "The file {file} has unknown categories: {value}. Valid: {expected}."),
    # --- plan
    "brott.plan_duplicate": ("Planen har samma id flera gånger: {ids}.", "The plan uses the same id twice: {ids}."),
    "brott.bad_measure_status": ("Åtgärd {id}: status '{value}' är okänd. Giltiga: {expected}.",
                                 "Measure {id}: status '{value}' is unknown. Valid: {expected}."),
    "brott.bad_plan_date": ("Åtgärd {id}: förväntade ett datum ÅÅÅÅ-MM-DD, fick '{value}'.",
                            "Measure {id}: expected a date YYYY-MM-DD, got '{value}'."),
    "brott.no_approver": ("Ange vem som godkänner planen.", "Give who approves the plan."),
    "brott.plan_unlinked": ("Planen kan inte godkännas: åtgärderna {ids} är inte kopplade till något fynd i "
                            "lägesbilden.",
                            "The plan cannot be approved: the measures {ids} link to no finding of the "
                            "lägesbild."),
    "brott.plan_empty": ("Planen kan inte godkännas: den har inga åtgärder.",
                         "The plan cannot be approved: it has no measures."),
    "brott.bad_plan": ("Planfilen har fel form: {detail}.", "The plan file has the wrong form: {detail}."),
    "brott.plan_no_text": ("Åtgärd {id}: beskriv åtgärden.", "Measure {id}: describe the measure."),
    "brott.plan_end_before_start": ("Åtgärd {id}: slutdatum {slut} ligger före startdatum {start}.",
                                    "Measure {id}: the end date {slut} is before the start date {start}."),
    "brott.plan_stale": ("Planen för kommun {kommun} år {ar} har ändrats sedan du öppnade den (du utgick från "
                         "version {expected}, senaste är version {current}). Öppna planen igen och gör om "
                         "ändringarna.",
                         "The plan for kommun {kommun} in {ar} has changed since you opened it (you started from "
                         "version {expected}, the latest is version {current}). Open the plan again and redo your "
                         "changes."),
    "brott.no_promise": ("Kommun {kommun} har inget medborgarlöfte med id {id}.",
                         "Kommun {kommun} has no citizen promise with id {id}."),
    "brott.label_follow_up": ("uppföljning, ej effektutvärdering", "follow-up, not an impact evaluation"),
    "brott.label_comparison": ("före/efter med jämförelseområde {area}", "before/after with comparison area {area}"),
    "brott.bad_level": ("Parametern --niva ska vara regso eller deso. Fick '{value}'.",
                        "The parameter --niva must be regso or deso. Got '{value}'."),
    "brott.no_plan": ("Det finns ingen åtgärdsplan för kommun {kommun} år {ar}. Spara en med "
                      "'lagesbild brott plan spara'.",
                      "There is no action plan for kommun {kommun} in {ar}. Save one with "
                      "'lagesbild brott plan spara'."),
})
TEXTS.update({
    # --- the lägesbild document (Swedish is the document's language; English for the API/tests)
    "brott.doc.title": ("Lägesbild över brottsligheten – {name} {year}", "Crime situation report – {name} {year}"),
    "brott.doc.subtitle_approved": ("Enligt lag (2023:196) 4 § · version {version} · godkänd av {who} {date}",
                                    "Under Act (2023:196) s. 4 · version {version} · approved by {who} {date}"),
    "brott.doc.subtitle_draft": ("Enligt lag (2023:196) 4 § · version {version} · utkast {date} (ej godkänd)",
                                 "Under Act (2023:196) s. 4 · version {version} · draft {date} (not approved)"),
    "brott.doc.example": ("exempeldata (syntetiska händelser)", "example data (synthetic incidents)"),
    "brott.doc.example_suffix": (" [exempeldata (syntetiska händelser)]", " [example data (synthetic incidents)]"),
    "brott.doc.colophon_config": ("brott-lägesbild", "crime situation report"),
    "brott.doc.h_kartlaggning": ("Kartläggning", "Mapping of crime"),
    "brott.doc.h_annan": ("Annan information", "Other information"),
    "brott.doc.h_analys": ("Analys", "Analysis"),
    "brott.doc.h_plan": ("Åtgärdsplan", "Action plan"),
    "brott.doc.h_uppfoljning": ("Uppföljning", "Follow-up"),
    "brott.doc.h_metod": ("Metod och källor", "Method and sources"),
    "brott.doc.p_kartlaggning": ("Kartläggningen beskriver brottsligheten i {name}, dess omfattning och konsekvenser: "
                                 "anmälda brott jämförda med länet och riket, otrygghet och utsatthet enligt NTU med "
                                 "konfidensintervall, händelser rapporterade i EST och Polisens utsatta områden "
                                 "bredvid områdestyperna.",
                                 "The mapping describes crime in {name}, its extent and consequences: reported crime "
                                 "against the county and the country, insecurity and victimisation from NTU with "
                                 "confidence intervals, incidents reported in EST and the police's vulnerable areas "
                                 "beside the area types."),
    "brott.doc.t_anmalda": ("Anmälda brott i {name} per brottsgrupp, {y0} och {y1}",
                            "Reported crime in {name} by crime group, {y0} and {y1}"),
    "brott.doc.n_reported": ("Anmälda brott mäter brott som kommit till polisens kännedom, inte hur många som utsatts "
                             "för brott; anmälningsbenägenhet och polisens arbetssätt påverkar siffrorna.",
                             "Reported crime counts offences known to the police, not how many were victimised; "
                             "reporting propensity and police practice affect the figures."),
    "brott.doc.c_group": ("Brottsgrupp", "Crime group"),
    "brott.doc.c_count": ("Antal {y}", "Number {y}"),
    "brott.doc.c_rate": ("Per 100 000 inv {y}", "Per 100,000 inh. {y}"),
    "brott.doc.c_rate_place": ("{place} {y}", "{place} {y}"),
    "brott.doc.t_kolada": ("Anmälda brott totalt per 100 000 inv, {year}, bland landets kommuner",
                           "Reported crime per 100,000 inhabitants, {year}, among all kommuner"),
    "brott.doc.c_measure": ("Mått", "Measure"),
    "brott.doc.c_value": ("Värde", "Value"),
    "brott.doc.r_kolada_own": ("{name}", "{name}"),
    "brott.doc.r_kolada_median": ("Median av {n} kommuner", "Median of {n} kommuner"),
    "brott.doc.r_kolada_rank": ("Rang (1 = högst)", "Rank (1 = highest)"),
    "brott.doc.t_ntu": ("Otrygghet, oro och utsatthet enligt NTU i {name} {year}, andel (%) av befolkningen 16–84 år",
                        "Insecurity, worry and victimisation from NTU in {name} {year}, share (%) aged 16–84"),
    "brott.doc.c_question": ("Fråga", "Question"),
    "brott.doc.c_share": ("Andel (%)", "Share (%)"),
    "brott.doc.c_ci": ("95 % KI", "95 % CI"),
    "brott.doc.c_resp": ("Antal svarande", "Respondents"),
    "brott.doc.c_flag": ("Anm.", "Note"),
    "brott.doc.few": ("få svarande", "few respondents"),
    "brott.doc.n_ntu": ("Andelar visas alltid med 95 % konfidensintervall; värden med färre än {n} svarande är "
                        "markerade 'få svarande'.",
                        "Shares are always shown with their 95 % confidence interval; values with fewer than {n} "
                        "respondents are marked 'few respondents'."),
    "brott.doc.n_example": ("Händelserna nedan är exempeldata (syntetiska händelser), genererade för demonstration; "
                            "de beskriver inte verkliga förhållanden.",
                            "The incidents below are example data (synthetic incidents), generated for "
                            "demonstration; they do not describe real conditions."),
    "brott.doc.t_handelser": ("Godkända händelser (EST) per kategori, {period} jämfört med {prev}",
                              "Approved incidents (EST) by category, {period} against {prev}"),
    "brott.doc.c_category": ("Kategori", "Category"),
    "brott.doc.c_n": ("Antal {p}", "Number {p}"),
    "brott.doc.c_verdict": ("Bedömning (exakt test)", "Verdict (exact test)"),
    "brott.doc.r_total": ("Totalt", "Total"),
    "brott.doc.v_okning": ("ökning", "increase"),
    "brott.doc.v_minskning": ("minskning", "decrease"),
    "brott.doc.v_ingen_forandring": ("ingen säker förändring", "no reliable change"),
    "brott.doc.v_for_fa": ("inga händelser", "no incidents"),
    "brott.doc.src_est": ("kommunens händelserapportering (EST)", "the kommun's incident reporting (EST)"),
    "brott.doc.t_omraden": ("Områden rangordnade efter godkända händelser per 1 000 invånare, {period}",
                            "Areas ranked by approved incidents per 1,000 inhabitants, {period}"),
    "brott.doc.c_rank": ("Rang", "Rank"),
    "brott.doc.c_area": ("Område", "Area"),
    "brott.doc.c_pop": ("Folkmängd", "Population"),
    "brott.doc.c_per1000": ("Per 1 000 inv", "Per 1,000 inh."),
    "brott.doc.c_popyear": ("Befolkningsår", "Population year"),
    "brott.doc.t_utsatta": ("Polisens utsatta områden och de RegSO de täcker, med områdestyp",
                            "The police's vulnerable areas and the RegSO they cover, with area type"),
    "brott.doc.c_uso": ("Polisens område", "Police area"),
    "brott.doc.c_kat": ("Kategori", "Category"),
    "brott.doc.c_regso": ("RegSO", "RegSO"),
    "brott.doc.c_share_area": ("Andel av ytan (%)", "Share of surface (%)"),
    "brott.doc.c_share_pop": ("Andel av befolkningen (%)", "Share of population (%)"),
    "brott.doc.c_typ": ("Områdestyp", "Area type"),
    "brott.doc.n_uso": ("Polisens gränser följer inte RegSO; andelen av befolkningen bygger på DeSO:s befolkning "
                        "fördelad jämnt över ytan.",
                        "Police boundaries do not follow RegSO; the population share spreads each DeSO's population "
                        "evenly over its surface."),
    "brott.doc.p_no_uso": ("{name} har inget område på Polisens lista över utsatta områden 2025.",
                           "{name} has no area on the police's 2025 list of vulnerable areas."),
    "brott.doc.p_annan": ("Annan information av betydelse: sociala förhållanden per område (folkmängd, andel födda "
                          "utomlands och SCB:s områdestyp) ur kommunens lägesbild.",
                          "Other information of importance: social conditions per area (population, share born "
                          "abroad and SCB's area type) from the kommun's overview."),
    "brott.doc.t_social": ("Sociala förhållanden per RegSO, {year}", "Social conditions by RegSO, {year}"),
    "brott.doc.c_born_abroad": ("Födda utomlands (%)", "Born abroad (%)"),
    "brott.doc.no_social": ("Inga områdesuppgifter finns i lagret för kommunen.",
                            "The store holds no area data for the kommun."),
    "brott.doc.p_analys": ("Fynden nedan är genererade ur kartläggningen; varje fynd anger regeln bakom det. "
                           "Åtgärdsplanens åtgärder hänvisar till fyndens id.",
                           "The findings below are generated from the mapping; each names the rule behind it. "
                           "The action plan's measures refer to the finding ids."),
    "brott.doc.t_fynd": ("Fynd och regler", "Findings and rules"),
    "brott.doc.c_id": ("Id", "Id"),
    "brott.doc.c_finding": ("Fynd", "Finding"),
    "brott.doc.c_rule": ("Regel", "Rule"),
    "brott.doc.f_total_hogre": ("Anmälda brott i {name} {year} var {value} per 100 000 invånare, högre än i {place} "
                                "({ref}).", "Reported crime in {name} {year} was {value} per 100,000, higher than in "
                                "{place} ({ref})."),
    "brott.doc.f_total_lagre": ("Anmälda brott i {name} {year} var {value} per 100 000 invånare, lägre än i {place} "
                                "({ref}).", "Reported crime in {name} {year} was {value} per 100,000, lower than in "
                                "{place} ({ref})."),
    "brott.doc.f_total_niva": ("Anmälda brott i {name} {year} var {value} per 100 000 invånare, i nivå med {place} "
                               "({ref}).", "Reported crime in {name} {year} was {value} per 100,000, level with "
                               "{place} ({ref})."),
    "brott.doc.f_trend_hogre": ("Anmälda brott per 100 000 invånare ökade från {v0} år {y0} till {v1} år {y1}.",
                                "Reported crime per 100,000 rose from {v0} in {y0} to {v1} in {y1}."),
    "brott.doc.f_trend_lagre": ("Anmälda brott per 100 000 invånare minskade från {v0} år {y0} till {v1} år {y1}.",
                                "Reported crime per 100,000 fell from {v0} in {y0} to {v1} in {y1}."),
    "brott.doc.f_trend_niva": ("Anmälda brott per 100 000 invånare var i stort sett oförändrade mellan {y0} ({v0}) "
                               "och {y1} ({v1}).", "Reported crime per 100,000 was about unchanged between {y0} ({v0}) "
                               "and {y1} ({v1})."),
    "brott.doc.f_group_high": ("{group}: {value} anmälda brott per 100 000 invånare {year}, minst 20 % över riket "
                               "({ref}).", "{group}: {value} reported offences per 100,000 in {year}, at least 20 % "
                               "above the country ({ref})."),
    "brott.doc.f_kolada": ("Anmälda brott totalt {year} var {value} per 100 000 invånare, plats {rank} av {n} kommuner "
                           "(median {median}).", "Reported crime in {year} was {value} per 100,000, rank {rank} of {n} "
                           "kommuner (median {median})."),
    "brott.doc.f_ntu_hogre": ("NTU {year}: {var} – {value} % (95 % KI {lo}–{hi}, {n} svarande), högre än riket "
                              "({ref} %).", "NTU {year}: {var} – {value} % (95 % CI {lo}–{hi}, {n} respondents), "
                              "higher than the country ({ref} %)."),
    "brott.doc.f_ntu_lagre": ("NTU {year}: {var} – {value} % (95 % KI {lo}–{hi}, {n} svarande), lägre än riket "
                              "({ref} %).", "NTU {year}: {var} – {value} % (95 % CI {lo}–{hi}, {n} respondents), "
                              "lower than the country ({ref} %)."),
    "brott.doc.f_inc_okning": ("Godkända händelser {year}: {n}, en ökning från {prev} året före (p = {p}).",
                               "Approved incidents {year}: {n}, an increase from {prev} the year before (p = {p})."),
    "brott.doc.f_inc_minskning": ("Godkända händelser {year}: {n}, en minskning från {prev} året före.",
                                  "Approved incidents {year}: {n}, a decrease from {prev} the year before."),
    "brott.doc.f_inc_ingen_forandring": ("Godkända händelser {year}: {n} mot {prev} året före – ingen säker "
                                         "förändring (p = {p}).", "Approved incidents {year}: {n} against {prev} the "
                                         "year before – no reliable change (p = {p})."),
    "brott.doc.f_inc_for_fa": ("Inga godkända händelser {year}.", "No approved incidents in {year}."),
    "brott.doc.f_cat_up": ("{cat}: {n} händelser mot {prev} året före, en ökning (p = {p}).",
                           "{cat}: {n} incidents against {prev} the year before, an increase (p = {p})."),
    "brott.doc.f_hotspots": ("Hot-spots: {areas} (fler händelser än folkmängden ger anledning att vänta, över "
                             "kontrollgränsen, eller en säker ökning).",
                             "Hot-spots: {areas} (more incidents than the population leads one to expect, above the "
                             "control limit, or a reliable increase)."),
    "brott.doc.f_uso": ("{name} är ett {kat} enligt Polisen 2025 och täcker minst hälften av {areas}.",
                        "{name} is a {kat} according to the police in 2025 and covers at least half of {areas}."),
    "brott.doc.rule_compare": ("Kvot jämförd med länet och riket; 'högre'/'lägre' vid minst 10 % skillnad.",
                               "Rate against county and country; 'higher'/'lower' from a 10 % difference."),
    "brott.doc.rule_trend": ("Första mot senaste året; förändring vid minst 10 %.",
                             "First against latest year; a change from 10 %."),
    "brott.doc.rule_group": ("Brottsgrupper minst 20 % över riket, högst tre.",
                             "Crime groups at least 20 % above the country, at most three."),
    "brott.doc.rule_kolada": ("Rang bland alla kommuner i Kolada N07540.", "Rank among all kommuner in Kolada N07540."),
    "brott.doc.rule_ntu": ("95 % konfidensintervallen för kommunen och riket överlappar inte.",
                           "The 95 % confidence intervals of kommun and country do not overlap."),
    "brott.doc.rule_change": ("Exakt villkorligt test av två Poissonantal (binomialt), ensidigt p < 0,05.",
                              "Exact conditional test of two Poisson counts (binomial), one-sided p < 0.05."),
    "brott.doc.rule_hotspot": ("Antal över c-diagrammets gräns e + 3√e (e = förväntat antal efter områdets "
                               "folkmängd) eller säker ökning mot föregående period.",
                               "Count above the c-chart limit e + 3√e (e = the count expected from the area's "
                               "population) or a reliable increase against the previous period."),
    "brott.doc.rule_uso": ("Överlägg av Polisens polygoner på RegSO; minst 50 % av RegSO:s yta.",
                           "Overlay of the police polygons on RegSO; at least 50 % of the RegSO's surface."),
    "brott.doc.p_no_plan": ("Ingen åtgärdsplan är sparad för året. Kommunen ska ta ställning till behovet av "
                            "åtgärder och besluta om en åtgärdsplan (lag 2023:196 4 §).",
                            "No action plan is saved for the year. The kommun must consider the need for measures "
                            "and decide on an action plan (Act 2023:196 s. 4)."),
    "brott.doc.plan_approved": ("Åtgärdsplanen är godkänd av {who} {date}.", "The action plan was approved by {who} "
                                "on {date}."),
    "brott.doc.plan_draft": ("Åtgärdsplanen är ett utkast och inte godkänd.", "The action plan is a draft, not "
                             "approved."),
    "brott.doc.t_atgarder": ("Åtgärder med koppling till fynd och orsaker", "Measures linked to findings and causes"),
    "brott.doc.c_measure_text": ("Åtgärd", "Measure"),
    "brott.doc.c_findings": ("Fynd", "Findings"),
    "brott.doc.c_causes": ("Orsaker", "Causes"),
    "brott.doc.c_insats": ("Insats", "Insats"),
    "brott.doc.c_owner": ("Ansvarig", "Responsible"),
    "brott.doc.c_time": ("Tidplan", "Timetable"),
    "brott.doc.c_indicator": ("Indikator", "Indicator"),
    "brott.doc.c_followup": ("Uppföljning", "Follow-up"),
    "brott.doc.c_status": ("Status", "Status"),
    "brott.doc.s_planerad": ("planerad", "planned"),
    "brott.doc.s_paborjad": ("påbörjad", "started"),
    "brott.doc.s_klar": ("klar", "done"),
    "brott.doc.s_utvarderad": ("utvärderad", "evaluated"),
    "brott.doc.p_tree": ("Orsaksträd (fynd → orsaker → åtgärder):", "Cause tree (finding → causes → measures):"),
    "brott.doc.p_roles": ("Samordningsfunktionen (lag 2023:196):", "The coordination function (Act 2023:196):"),
    "brott.doc.t_roller": ("Samordningsfunktionens roller", "Roles of the coordination function"),
    "brott.doc.c_role": ("Roll", "Role"),
    "brott.doc.c_holder": ("Innehavare", "Holder"),
    "brott.doc.c_org": ("Organisation", "Organisation"),
    "brott.doc.no_roles": ("Inga roller är angivna.", "No roles are given."),
    "brott.doc.t_loften": ("Medborgarlöften", "Citizen promises"),
    "brott.doc.c_promise": ("Löfte", "Promise"),
    "brott.doc.c_due": ("Klart", "Due"),
    "brott.doc.c_summary": ("Sammanfattning", "Summary"),
    "brott.doc.p_uppfoljning": ("Uppföljningen visar åtgärdernas status och indikatorer. En jämförelse före och efter "
                                "i området där en åtgärd genomförts är uppföljning, ej effektutvärdering, så länge "
                                "inget jämförelseområde är angivet.",
                                "The follow-up shows the measures' status and indicators. A before/after comparison "
                                "where a measure ran is follow-up, not an impact evaluation, unless a comparison area "
                                "is defined."),
    "brott.doc.t_uppfoljning": ("Åtgärdernas uppföljning", "Follow-up of the measures"),
    "brott.doc.c_kind": ("Slag av jämförelse", "Kind of comparison"),
    "brott.doc.no_followup": ("Ingen åtgärd att följa upp.", "No measure to follow up."),
    "brott.doc.m_change": ("Förändring: antalet i perioden jämförs med föregående fyra veckor (veckor) eller "
                           "föregående period, och med samma period året före, med ett exakt villkorligt "
                           "binomialtest av två Poissonantal (Przyborowski & Wilenski 1940); ensidigt p < {alpha}.",
                           "Change: the count is compared with the previous four weeks (weeks) or period, and with "
                           "the same period a year earlier, by an exact conditional binomial test of two Poisson "
                           "counts (Przyborowski & Wilenski 1940); one-sided p < {alpha}."),
    "brott.doc.m_hotspot": ("Hot-spot: ett område över c-diagrammets övre gräns e + 3√e (Montgomery, Introduction "
                            "to Statistical Quality Control), där e är det antal som områdets andel av folkmängden "
                            "ger, eller med säker ökning.",
                            "Hot-spot: an area above the c-chart upper limit e + 3√e (Montgomery), e being the count "
                            "the area's share of the population gives, or with a reliable increase."),
    "brott.doc.m_rate": ("Händelser per 1 000 invånare med områdets folkmängd samma år, annars senast föregående år "
                         "(anges).", "Incidents per 1,000 inhabitants with the area's population of the same year, "
                         "else the latest earlier year (named)."),
    "brott.doc.m_ntu": ("NTU-andelar med Brås 95 % konfidensintervall och antal svarande.",
                        "NTU shares with Brå's 95 % confidence intervals and respondent counts."),
    "brott.doc.m_reported": ("Anmälda brott är anmälda brott, inte utsatthet för brott.",
                             "Reported crime is reported crime, not victimisation."),
    "brott.doc.m_uso": ("Källor: Brå (kommunindikatorer, NTU), Kolada (RKA), Polismyndigheten (utsatta områden "
                        "2025), SCB (DeSO/RegSO, folkmängd, områdestyp).",
                        "Sources: Brå (kommunindikatorer, NTU), Kolada (RKA), the Swedish Police (vulnerable areas "
                        "2025), SCB (DeSO/RegSO, population, area type)."),
})
TEXTS.update({
    "brott.bad_format": ("Parametern --format ska vara html, pdf och/eller docx (kommaseparerade). Fick '{value}'.",
                         "The parameter --format must be html, pdf and/or docx (comma-separated). Got '{value}'."),
})
TEXTS.update({
    # --- CLI
    "brott.cli.help": ("Brottsförebyggande lägesbild enligt lag (2023:196): statistik, utsatta områden, "
                       "EST-händelser, lägesbild, rapport och åtgärdsplan.",
                       "Crime-prevention situation report under Act (2023:196): statistics, vulnerable areas, "
                       "EST incidents, situation report, document and action plan."),
    "brott.cli.handelser_help": ("EST-händelser: import, lista, granskning och återkallande.",
                                 "EST incidents: import, list, review and withdrawal."),
    "brott.cli.plan_help": ("Åtgärdsplan: spara och godkänna.", "Action plan: save and approve."),
    "brott.cli.opt_kommun": ("Kommunkod, t.ex. 2081.", "Kommun code, e.g. 2081."),
    "brott.cli.opt_years": ("År, t.ex. 2016-2025 eller 2020,2024.", "Years, e.g. 2016-2025 or 2020,2024."),
    "brott.cli.opt_jamfor": ("Ta med länet och riket.", "Include the county and the country."),
    "brott.cli.opt_format": ("Utformat: table, json eller csv.", "Output format: table, json or csv."),
    "brott.cli.opt_uso_file": ("En ny utgåva av Polisens GeoJSON (annars den inbyggda 2025).",
                               "A new edition of the police GeoJSON (else the bundled 2025 one)."),
    "brott.cli.arg_file": ("CSV- eller Excelfil med händelser.", "CSV or Excel file with incidents."),
    "brott.cli.opt_org": ("Organisationen som rapporterar och äger posterna.",
                          "The organisation that reports and owns the records."),
    "brott.cli.opt_org_filter": ("Bara denna organisations poster.", "Only this organisation's records."),
    "brott.cli.opt_user": ("Kontots namn (standard: cli:användare).", "Account name (default: cli:user)."),
    "brott.cli.opt_status": ("inskickad, godkand, avvisad eller aterkallad.",
                             "inskickad, godkand, avvisad or aterkallad."),
    "brott.cli.arg_ids": ("Händelsernas id, kommaseparerade.", "The incident ids, comma-separated."),
    "brott.cli.arg_id": ("Händelsens id.", "The incident id."),
    "brott.cli.opt_decision": ("godkand eller avvisad.", "godkand or avvisad."),
    "brott.cli.opt_reviewer": ("Granskarens namn.", "The reviewer's name."),
    "brott.cli.opt_period": ("ISO-vecka 2025-W10, tertial 2025-T1 eller år 2025.",
                             "ISO week 2025-W10, tertial 2025-T1 or year 2025."),
    "brott.cli.opt_level": ("Områdesnivå: regso eller deso.", "Area level: regso or deso."),
    "brott.cli.opt_year": ("År, t.ex. 2025.", "Year, e.g. 2025."),
    "brott.cli.opt_doc_format": ("html,pdf,docx (kommaseparerade).", "html,pdf,docx (comma-separated)."),
    "brott.cli.opt_out": ("Mapp som dokumentet skrivs till.", "Folder the document is written to."),
    "brott.cli.opt_approver": ("Vem som godkänner (namn eller organ).", "Who approves (name or body)."),
    "brott.cli.opt_date": ("Datum ÅÅÅÅ-MM-DD (standard: i dag).", "Date YYYY-MM-DD (default: today)."),
    "brott.cli.arg_plan": ("JSON-fil med planen.", "JSON file with the plan."),
    "brott.cli.no_uso": ("Kommun {kommun} har inget område på Polisens lista.",
                         "Kommun {kommun} has no area on the police list."),
    "brott.cli.imported": ("{n} händelser från {file} inskickade; de räknas när de godkänts.",
                           "{n} incidents from {file} submitted; they count once approved."),
    "brott.cli.reviewed": ("{n} händelser: {decision}.", "{n} incidents: {decision}."),
    "brott.cli.withdrawn": ("Händelse {id} återkallad.", "Incident {id} withdrawn."),
    "brott.cli.summary": ("{name} {period}: {n} godkända händelser (föregående {prev}, förra året {ly}); "
                          "mot föregående: {v1}, mot förra året: {v2}.",
                          "{name} {period}: {n} approved incidents (previous {prev}, last year {ly}); "
                          "against previous: {v1}, against last year: {v2}."),
    "brott.cli.report_done": ("Version {version} skriven på {s} s.", "Version {version} written in {s} s."),
    "brott.cli.plan_saved": ("Plan för {kommun} {ar} sparad som version {version} ({status}).",
                             "Plan for {kommun} {ar} saved as version {version} ({status})."),
    "brott.cli.plan_approved": ("Plan för {kommun} {ar} godkänd av {godkand_av} {godkand} (version {version}).",
                                "Plan for {kommun} {ar} approved by {godkand_av} on {godkand} (version {version})."),
})
TEXTS.update({
    # --- demo (every generated item carries the prefix)
    "brott.demo.prefix": ("[Exempel]", "[Example]"),
    "brott.demo.promise": ("Kommunen och polisen genomför trygghetsvandringar i utsatta områden varje kvartal.",
                           "The kommun and the police hold safety walks in vulnerable areas every quarter."),
    "brott.demo.promise_summary": ("Exempel på medborgarlöfte för demonstration.",
                                   "An example citizen promise for demonstration."),
    "brott.demo.cause": ("Mörka gångstråk och få vuxna i rörelse kvällstid.", "Dark paths and few adults about in "
                         "the evening."),
    "brott.demo.measure1": ("Ny belysning och röjning av buskage längs gångstråken.",
                            "New lighting and cleared shrubbery along the paths."),
    "brott.demo.measure2": ("Fältvandringar fredag och lördag kväll.", "Field walks on Friday and Saturday evenings."),
    "brott.demo.indicator": ("Godkända händelser per 1 000 invånare i området, kvartalsvis.",
                             "Approved incidents per 1,000 inhabitants in the area, quarterly."),
})
TEXTS.update({
    "brott.doc.c_before": ("Före ({days} d)", "Before ({days} d)"),
    "brott.doc.c_after": ("Efter ({days} d)", "After ({days} d)"),
    "brott.doc.n_before_after": ("Godkända händelser i åtgärdens område lika lång tid före och efter starten. "
                                 "Utan jämförelseområde är det uppföljning, ej effektutvärdering: förändringen kan "
                                 "ha många orsaker.",
                                 "Approved incidents in the measure's area for as long before as after its start. "
                                 "Without a comparison area this is follow-up, not an impact evaluation: the change "
                                 "may have many causes."),
})
TEXTS.update({
    "brott.bad_choice": ("Parametern {param}: förväntade {expected}. Fick '{value}'.",
                         "The parameter {param}: expected {expected}. Got '{value}'."),
    "brott.cli.lofte_help": ("Medborgarlöften: lägga till och lista.", "Citizen promises: add and list."),
    "brott.cli.roll_help": ("Samordningsfunktionens roller.", "The coordination function's roles."),
    "brott.cli.medlem_help": ("Konton i händelserapporteringen: organisation och roll.",
                              "Accounts in incident reporting: organisation and role."),
    "brott.cli.opt_text": ("Löftets text.", "The promise's text."),
    "brott.cli.opt_owner": ("Ansvarig: kommun, polis eller bada.", "Responsible: kommun, polis or bada."),
    "brott.cli.opt_due": ("Klart senast, ÅÅÅÅ-MM-DD.", "Due by, YYYY-MM-DD."),
    "brott.cli.opt_promise_status": ("planerat, pagar, uppfyllt eller ej_uppfyllt.",
                                     "planerat, pagar, uppfyllt or ej_uppfyllt."),
    "brott.cli.opt_summary": ("Sammanfattning för allmänheten.", "Summary for the public."),
    "brott.cli.opt_source": ("Källa: medborgardialog, statistik …", "Source: medborgardialog, statistik …"),
    "brott.cli.opt_role": ("Rollens namn.", "The role's name."),
    "brott.cli.opt_holder": ("Innehavare (funktion eller tjänsteperson).", "Holder (function or official)."),
    "brott.cli.opt_member_role": ("rapportor, granskare eller samordnare.", "rapportor, granskare or samordnare."),
    "brott.cli.arg_user": ("Kontots användarnamn.", "The account's username."),
    "brott.cli.saved": ("Sparat.", "Saved."),
})
TEXTS.update({
    "brott.cli.cmd_br_statistik": ("Brås kommunindikatorer (NTU med intervall, anmälda brott) och Kolada N07540 för en kommun.",
        "Brå's kommunindikatorer (NTU with intervals, reported crime) and Kolada N07540 for a kommun."),
    "brott.cli.cmd_br_utsatta": ("Polisens utsatta områden i kommunen och de DeSO/RegSO de överlappar, med andelar.",
        "The police's vulnerable areas in the kommun and the DeSO/RegSO they overlap, with shares."),
    "brott.cli.cmd_hand_import": ("Importera händelser från CSV/Excel (granskas innan de räknas; personnummer stoppas).",
        "Import incidents from CSV/Excel (reviewed before they count; personal numbers refused)."),
    "brott.cli.cmd_hand_list": ("Lista händelser (en organisations egna med --organisation).",
        "List incidents (one organisation's own with --organisation)."),
    "brott.cli.cmd_hand_granska": ("Godkänn eller avvisa inskickade händelser (bara godkända räknas).",
        "Approve or reject submitted incidents (only approved ones count)."),
    "brott.cli.cmd_hand_aterkalla": ("Återkalla en egen händelse (fritexten raderas; den räknas inte längre).",
        "Withdraw an own incident (the free text is erased; it no longer counts)."),
    "brott.cli.cmd_br_lagesbild": ("Lägesbild för en vecka, ett tertial eller ett år: antal, takter, förändringar, rangordnade områden.",
        "Situation report for a week, tertial or year: counts, rates, changes, ranked areas."),
    "brott.cli.cmd_br_rapport": ("Skriv lägesbilden över brottsligheten enligt lag (2023:196) 4 § (HTML, PDF, Word).",
        "Write the crime situation report under Act (2023:196) s. 4 (HTML, PDF, Word)."),
    "brott.cli.cmd_plan_spara": ("Spara en åtgärdsplan (JSON: fynd, orsaker, åtgärder) som ny version.",
        "Save an action plan (JSON: findings, causes, measures) as a new version."),
    "brott.cli.cmd_plan_godkann": ("Godkänn åtgärdsplanen (vägras om en åtgärd saknar koppling till ett fynd).",
        "Approve the action plan (refused while a measure links to no finding)."),
    "brott.cli.cmd_lofte_add": ("Lägg till ett medborgarlöfte.",
        "Add a citizen promise."),
    "brott.cli.cmd_lofte_list": ("Lista kommunens medborgarlöften.",
        "List the kommun's citizen promises."),
    "brott.cli.cmd_roll_set": ("Ange vem som har en roll i samordningsfunktionen.",
        "Name who holds a role in the coordination function."),
    "brott.cli.cmd_roll_list": ("Lista samordningsfunktionens roller.",
        "List the coordination function's roles."),
    "brott.cli.cmd_medlem_set": ("Ge ett konto en organisation och en roll i händelserapporteringen.",
        "Give an account an organisation and a role in incident reporting."),
})
TEXTS.update({
    "brott.unknown_insats": ("Åtgärd {id}: insatsen '{insats}' finns inte i insatsregistret. Lägg in den med "
                             "'lagesbild insatser' eller rätta id:t.",
                             "Measure {id}: the insats '{insats}' is not in the insatser registry. Add it with "
                             "'lagesbild insatser' or correct the id."),
})
TEXTS.update({
    "brott.doc.ax_year": ("År", "Year"),
    "brott.doc.ax_rate": ("Anmälda brott per 100 000 inv", "Reported crime per 100,000 inh."),
    "brott.doc.ax_share": ("Andel (%)", "Share (%)"),
    "brott.doc.c_place": ("Område", "Area"),
    "brott.doc.c_year": ("År", "Year"),
    "brott.doc.fig_trend": ("Anmälda brott per 100 000 invånare i {name}, länet och riket",
                            "Reported crime per 100,000 inhabitants in {name}, the county and the country"),
    "brott.doc.fig_trend_alt": ("Linjediagram över anmälda brott per 100 000 invånare per år i {name}, länet och "
                                "riket; värdena finns i tabellen.",
                                "Line chart of reported crime per 100,000 inhabitants per year in {name}, the county "
                                "and the country; the values are in the table."),
    "brott.doc.fig_ntu": ("Andel som känner sig otrygga ute sent på kvällen i sitt bostadsområde, {name} och riket, "
                          "med 95 % konfidensintervall (NTU)",
                          "Share feeling unsafe out late in their neighbourhood, {name} and the country, with 95 % "
                          "confidence intervals (NTU)"),
    "brott.doc.fig_ntu_alt": ("Linjediagram med felstaplar över andelen otrygga i {name} och riket per år; värdena "
                              "och intervallen finns i tabellen.",
                              "Line chart with error bars of the share feeling unsafe in {name} and the country per "
                              "year; values and intervals are in the table."),
})
TEXTS.update({
    "brott.no_area": ("Området {code} finns inte i kommun {kommun}.", "The area {code} is not in kommun {kommun}."),
})
TEXTS.update({
    "brott.doc.missing": ("Uppgift saknas", "Not available"),
    "brott.doc.fig_uso": ("Områdestyper per RegSO i {name} och Polisens utsatta områden 2025 (streckade)",
                          "Area types by RegSO in {name} and the police's vulnerable areas 2025 (dashed)"),
    "brott.doc.fig_uso_alt": ("Karta över kommunens RegSO färgade efter områdestyp, med Polisens utsatta områden "
                              "som streckade gränser; områdestyperna finns i tabellen.",
                              "Map of the kommun's RegSO coloured by area type, with the police's vulnerable areas "
                              "as dashed outlines; the area types are in the table."),
})
TEXTS.update({
    "brott.doc.t_time": ("Godkända händelser per veckodag och tid på dygnet, {period}",
                         "Approved incidents by weekday and time of day, {period}"),
    "brott.doc.c_weekday": ("Veckodag", "Weekday"),
    "brott.doc.b_natt": ("Natt 0–6", "Night 0–6"), "brott.doc.b_morgon": ("Morgon 6–12", "Morning 6–12"),
    "brott.doc.b_eftermiddag": ("Eftermiddag 12–18", "Afternoon 12–18"),
    "brott.doc.b_kvall": ("Kväll 18–24", "Evening 18–24"), "brott.doc.b_okand": ("Okänd tid", "Time unknown"),
    "brott.doc.wd1": ("måndag", "Monday"), "brott.doc.wd2": ("tisdag", "Tuesday"),
    "brott.doc.wd3": ("onsdag", "Wednesday"), "brott.doc.wd4": ("torsdag", "Thursday"),
    "brott.doc.wd5": ("fredag", "Friday"), "brott.doc.wd6": ("lördag", "Saturday"), "brott.doc.wd7": ("söndag", "Sunday"),
})
TEXTS.update({"brott.doc.kind": ("Lägesbild över brottsligheten", "Crime situation report")})
TEXTS.update({
    "brott.no_edition_place": ("En ny utgåva kan bara sparas bredvid en lagerfil (inte i ett lager i minnet).",
                               "A new edition can only be kept beside a store file (not in an in-memory store)."),
    "brott.cli.uso_import_help": ("Gör en ny utgåva av Polisens utsatta områden till den som används.",
                                  "Make a new edition of the police's vulnerable areas the one in use."),
    "brott.cli.uso_imported": ("{n} områden inlästa ({cats}); de används från och med nu.",
                               "{n} areas read ({cats}); they are used from now on."),
})
