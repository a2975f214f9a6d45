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
    "brott.label_follow_up": ("uppföljning, ej effektutvärdering", "follow-up, not an impact evaluation"),
    "brott.label_comparison": ("före/efter med jämförelseområde {area}", "before/after with comparison area {area}"),
})
