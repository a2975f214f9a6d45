"""Texts of the catalogue section 'enkat' (key → (Swedish, English)); see :mod:`lagesbild.i18n`."""

TEXTS: dict[str, tuple[str, str]] = {
    # errors
    "enkat.unknown_scale": ("Skalan {scale!r} finns inte i skalkatalogen. Finns: {known}.",
                            "The scale {scale!r} is not in the scale catalogue. Available: {known}."),
    "enkat.bad_catalogue": ("Skalkatalogen {file}, {where}: väntade {expected}, fick {got}.",
                            "Scale catalogue {file}, {where}: expected {expected}, got {got}."),
    "enkat.file_missing": ("Filen {file} finns inte.", "The file {file} does not exist."),
    "enkat.bad_yaml": ("{file} rad {row}: filen är inte giltig YAML.", "{file} row {row}: the file is not valid YAML."),
    "enkat.code_twice": ("Kodboken {file} rad {row}: svarskoden {code!r} finns två gånger.",
                         "Codebook {file} row {row}: the answer code {code!r} is listed twice."),
    "enkat.bad_codebook": ("Kodboken {file}, {where}: väntade {expected}, fick {got}.",
                           "Codebook {file}, {where}: expected {expected}, got {got}."),
    "enkat.unknown_item": ("Kodboken {file}: frågan {item!r} finns inte i skalkatalogen.",
                           "Codebook {file}: the item {item!r} is not in the scale catalogue."),
    "enkat.unreadable": ("Filen {file} kunde inte läsas ({detail}).", "The file {file} could not be read ({detail})."),
    "enkat.bad_format": ("{file}: filtypen {suffix} stöds inte; använd CSV, Excel (.xlsx) eller SPSS (.sav).",
                         "{file}: the file type {suffix} is not supported; use CSV, Excel (.xlsx) or SPSS (.sav)."),
    "enkat.name_column": ("{file}, kolumn {column!r}: kolumnen ser ut att innehålla namn; enkätdata ska vara "
                          "anonyma. Ta bort kolumnen och försök igen.",
                          "{file}, column {column!r}: the column looks like it holds names; survey data must be "
                          "anonymous. Remove the column and try again."),
    "enkat.names_in_column": ("{file} rad {row}, kolumn {column!r}: kolumnen innehåller personnamn; enkätdata ska "
                              "vara anonyma.",
                              "{file} row {row}, column {column!r}: the column holds personal names; survey data "
                              "must be anonymous."),
    "enkat.bad_code": ("{file} rad {row}, kolumn {column!r}: svarskoden {value!r} finns inte i kodboken "
                       "(väntade {expected}).",
                       "{file} row {row}, column {column!r}: the answer code {value!r} is not in the codebook "
                       "(expected {expected})."),
    "enkat.missing_column": ("Kodboken {codebook} nämner kolumnen {column!r} ({what}) som inte finns i {file}.",
                             "The codebook {codebook} names the column {column!r} ({what}), which is not in {file}."),
    "enkat.empty_cell": ("{file} rad {row}, kolumn {column!r}: värde saknas.",
                         "{file} row {row}, column {column!r}: the value is missing."),
    "enkat.bad_kommun": ("Kommunkoden {kommun!r} ska vara fyra siffror, t.ex. 0127.",
                         "The kommun code {kommun!r} must be four digits, e.g. 0127."),
    "enkat.bad_year": ("Året {year!r} ska vara 1990–2100.", "The year {year!r} must be 1990–2100."),
    "enkat.wave_conflict": ("Enkäten för kommun {kommun} år {year} är redan inläst från {before}; {file} har "
                            "annat innehåll. Använd --replace för att ersätta den.",
                            "The survey for kommun {kommun} in {year} is already imported from {before}; {file} "
                            "differs. Use --replace to replace it."),
    "enkat.no_wave": ("Ingen enkät är inläst för kommun {kommun} år {year}. Läs in den med "
                      "'lagesbild enkat import'.",
                      "No survey is imported for kommun {kommun} in {year}. Import it with "
                      "'lagesbild enkat import'."),
    "enkat.bad_format_list": ("--format ska vara en eller flera av {known}, fick {value!r}.",
                              "--format must be one or more of {known}, got {value!r}."),
    "enkat.bad_by": ("--by ska vara en eller flera av {known} (kommaseparerade), fick {value!r}.",
                     "--by must be one or more of {known} (comma separated), got {value!r}."),
    "enkat.bad_reference": ("{file} rad {row}: {problem}.", "{file} row {row}: {problem}."),
    "enkat.bad_policy": ("ANDT-policyn: {field} {problem}.", "The ANDT policy: {field} {problem}."),
    "enkat.no_policy": ("Det finns ingen ANDT-policy med id {id}.", "There is no ANDT policy with id {id}."),
    "enkat.bad_tillsyn": ("Tillsynen: {field} {problem}.", "Supervision: {field} {problem}."),
    # labels and phrasing
    "enkat.synthetic_label": ("syntetisk exempelenkät", "synthetic example survey"),
    "enkat.typ.risk": ("Riskfaktor", "Risk factor"),
    "enkat.typ.skydd": ("Skyddsfaktor", "Protective factor"),
    "enkat.typ.utfall": ("Utfall", "Outcome"),
    "enkat.cmp.hogre": ("högre än", "higher than"),
    "enkat.cmp.lagre": ("lägre än", "lower than"),
    "enkat.cmp.i_niva": ("i nivå med", "at the level of"),
    "enkat.trend_sentence": ("{namn}: {andel} {ar} jämfört med {andel0} {ar0}; skillnaden {diff} "
                             "procentenheter (95 % KI {lo} till {hi}) – andelen har {verb}.",
                             "{namn}: {andel} in {ar} compared with {andel0} in {ar0}; the difference is {diff} "
                             "percentage points (95 % CI {lo} to {hi}) – the share has {verb}."),
    "enkat.trend_sentence_flat": ("{namn}: {andel} {ar} jämfört med {andel0} {ar0}; skillnaden {diff} "
                                  "procentenheter (95 % KI {lo} till {hi}) är inte säkerställd.",
                                  "{namn}: {andel} in {ar} compared with {andel0} in {ar0}; the difference of "
                                  "{diff} percentage points (95 % CI {lo} to {hi}) is not significant."),
    "enkat.ref_sentence": ("{namn}: {andel} i kommunen, {jmf} {niva} ({ref}).",
                           "{namn}: {andel} in the kommun, {jmf} {niva} ({ref})."),
    "enkat.trend_verb.okning": ("ökat", "increased"),
    "enkat.trend_verb.minskning": ("minskat", "decreased"),
    "enkat.suppressed": ("–", "–"),
    "enkat.suppressed_note": ("– = färre än {min_n} svarande, eller dold för att en dold uppgift inte ska "
                              "kunna räknas fram ur summor.",
                              "– = fewer than {min_n} respondents, or hidden so that a hidden value cannot "
                              "be derived from totals."),
    "enkat.gap": ("Prioriterade faktorer som ingen registrerad insats riktar sig mot: {factors}.",
                  "Priority factors that no registered insats targets: {factors}."),
    "enkat.no_gap": ("Varje prioriterad faktor har minst en insats som riktar sig mot den.",
                     "Every priority factor has at least one insats that targets it."),
    "enkat.overdue": ("försenad revision", "review overdue"),
    # report and page
    "enkat.report_title": ("Ungdomsenkät: risk- och skyddsfaktorer, {kommun} {ar}",
                           "Youth survey: risk and protective factors, {kommun} {ar}"),
    "enkat.section_title": ("Ungdomsenkäten: risk- och skyddsfaktorer", "The youth survey: risk and protective factors"),
    "enkat.section_intro": ("Andel elever över gränsvärdet per faktor i {enkat} {ar} (n = {n}), med 95 % "
                            "konfidensintervall. Grupper med färre än {min_n} svarande visas inte.",
                            "Share of pupils above the cut-off per factor in the {enkat} {ar} (n = {n}), with 95 % "
                            "confidence intervals. Groups with fewer than {min_n} respondents are not shown."),
    "enkat.col.faktor": ("Faktor", "Factor"),
    "enkat.col.typ": ("Typ", "Type"),
    "enkat.col.doman": ("Domän", "Domain"),
    "enkat.col.grupp": ("Grupp", "Group"),
    "enkat.col.n": ("Antal svarande", "Respondents"),
    "enkat.col.andel": ("Andel", "Share"),
    "enkat.col.ki": ("95 % KI", "95 % CI"),
    "enkat.col.rang": ("Rang", "Rank"),
    "enkat.col.referens": ("Referens", "Reference"),
    "enkat.col.insatser": ("Insatser", "Insatser"),
    "enkat.col.jamforelse": ("Jämförelse", "Comparison"),
    "enkat.priorities_title": ("Prioriterade faktorer och insatser", "Priority factors and insatser"),
    "enkat.andt_title": ("ANDT-uppföljning", "ANDT follow-up"),
    "enkat.policy_title": ("ANDT-policyer", "ANDT policies"),
    "enkat.tillsyn_title": ("Tillsyn per år", "Supervision per year"),
    "enkat.selfassessment_title": ("Självskattning enligt CAN:s struktur", "Self-assessment in CAN's structure"),
    "enkat.chart_title": ("Andel över gränsvärdet per faktor", "Share above the cut-off per factor"),
    "enkat.none": ("ingen", "none"),
    "enkat.synthetic_note": ("Uppgifterna kommer från en syntetisk exempelenkät med kända parametrar, inte från "
                             "en verklig enkät.",
                             "The figures come from a synthetic example survey with known parameters, not from a "
                             "real survey."),
    "enkat.no_survey": ("ingen ungdomsenkät är inläst för kommunen", "no youth survey is imported for the kommun"),
    "enkat.col.dokument": ("Dokument", "Document"),
    "enkat.col.antagen": ("Antagen", "Adopted"),
    "enkat.col.agare": ("Ägare", "Owner"),
    "enkat.col.revision": ("Nästa revision", "Next review"),
    "enkat.col.status": ("Status", "Status"),
    "enkat.col.ar": ("År", "Year"),
    "enkat.col.antal": ("Antal", "Count"),
    "enkat.col.forandring": ("Förändring", "Change"),
    "enkat.report_subtitle": ("Risk- och skyddsfaktorer, prioriteringar och ANDT-uppföljning",
                              "Risk and protective factors, priorities and ANDT follow-up"),
    "enkat.tillsyn.alkohol": ("Tillsynsbesök, serveringstillstånd (alkohollagen)",
                              "Inspections, licensed premises (Alcohol Act)"),
    "enkat.tillsyn.alkohol_kvall": ("Tillsynsbesök kvälls- och nattetid (alkohollagen)",
                                    "Evening and night inspections (Alcohol Act)"),
    "enkat.tillsyn.folkol": ("Tillsynsbesök, folköl", "Inspections, low-alcohol beer sales"),
    "enkat.tillsyn.tobak": ("Tillsynsbesök, tobak och liknande produkter",
                            "Inspections, tobacco and related products"),
    "enkat.tillsyn.receptfria": ("Tillsynsbesök, receptfria läkemedel", "Inspections, non-prescription drugs"),
}
