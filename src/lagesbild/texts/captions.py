"""Captions and labels of the report's figures and tables (key → (Swedish, English)); see :mod:`lagesbild.i18n`."""

TEXTS: dict[str, tuple[str, str]] = {
    # numbers
    "captions.minus": ("−", "-"),
    "captions.digit_group": ("{left}\u00a0{right}", "{left},{right}"),
    "captions.percent_word": ("procent", "per cent"),
    "captions.pp_one": ("procentenhet", "percentage point"),
    "captions.pp_many": ("procentenheter", "percentage points"),
    # locales of the rendering libraries
    "captions.locale_docx": ("sv-SE", "en-GB"),
    # population
    "captions.in_place": ("{subject} i {place}", "{subject} in {place}"),
    "captions.share_born_abroad_years": ("Andel födda utomlands {y0}–{y1}", "Share born abroad {y0}–{y1}"),
    "captions.population_of": ("Folkmängd i {kommun}", "Population of {kommun}"),
    "captions.born_abroad": ("Födda utomlands", "Born abroad"),
    "captions.age_sex": ("Befolkning efter ålder och kön i {kommun} {year}",
        "Population by age and sex in {kommun} {year}"),
    "captions.turnout": ("Valdeltagande i riksdagsval {years}", "Turnout in general elections {years}"),
    # area types
    "captions.type_by_regso": ("Områdestyp per RegSO i {kommun} {year}", "Area type by RegSO in {kommun} {year}"),
    "captions.skr_group": ("kommungruppen {name} (medelvärde, {n} kommuner)",
        "the SKR group {name} (mean, {n} kommuner)"),
    "captions.types_table": ("RegSO och befolkning per områdestyp i {kommun} {year}",
        "RegSO and population by area type, {kommun} {year}"),
    "captions.types_share": ("Andel av befolkningen per områdestyp {year}",
        "Share of the population by area type {year}"),
    "captions.types_compare": ("Andel av befolkningen i typ 1–2 och 4–5, procent, {year}: jämförelser "
        "(gruppernas medelvärden)",
        "Share of the population in types 1–2 and 4–5, per cent, {year}: comparisons (group means)"),
    "captions.born_abroad_map": ("Andel födda utomlands per RegSO i {kommun} {year}",
        "Share born abroad by RegSO in {kommun} {year}"),
    "captions.range_percent": ("{lo}–{hi} procent", "{lo}–{hi} per cent"),
    "captions.transitions": ("Områdestyp {y0} (rader) och {y1} (kolumner), antal RegSO",
        "Area type {y0} (rows) and {y1} (columns), RegSO"),
    "captions.changed_type": ("RegSO som bytt områdestyp", "RegSO that changed type"),
    "captions.born_abroad_by_type": ("Andel födda utomlands per områdestyp ({year} års typ) {y0}–{y1}",
        "Share born abroad by area type ({year} type) {y0}–{y1}"),
    "captions.type_n": ("typ {n}", "type {n}"),
    "captions.type_name": ("Typ {n} – {label}", "Type {n} – {label}"),
    # segregation
    "captions.seg_table": ("Segregationsindex per år: biaskorrigerat värde, värde utan korrigering och "
        "konfidensintervall",
        "Segregation indices by year: bias-corrected value, uncorrected value and confidence interval"),
    "captions.seg_figure": ("Segregationsindex med 95-procentiga konfidensintervall {y0}–{y1}",
        "Segregation indices with 95 per cent confidence intervals {y0}–{y1}"),
    "captions.between_within": ("Informationsindex M mellan och inom områdestyper {year}",
        "M between and within area types {year}"),
    "captions.percent_col": ("Procent", "Per cent"),
    "captions.profile": ("Multiskalig profil: rumsligt utjämnat D efter radie, {year}",
        "Multiscalar profile: spatially smoothed D by radius, {year}"),
    "captions.merit": ("Genomsnittligt meritvärde i årskurs 9 per skola, läsåret {lasar}",
        "Mean year-9 merit rating by school, school year {lasar}"),
    # appendix
    "captions.all_regso": ("Alla RegSO i {kommun} {year}", "All RegSO in {kommun} {year}"),
    # maps
    "captions.area": ("Område", "Area"),
    # web pages
    "captions.app_digit_group": ("{left}\u202f{right}", "{left},{right}"),
    "captions.ci_low": ("95 % nedre", "95 % low"),
    "captions.ci_high": ("95 % övre", "95 % high"),
}
