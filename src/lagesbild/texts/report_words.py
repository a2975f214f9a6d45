"""Texts of the catalogue section 'report_words' (key → (Swedish, English)); see :mod:`lagesbild.i18n`.

The report's small vocabularies, from which the sentence templates of :mod:`lagesbild.texts.report`
and the tables are built, one group per key prefix:

* ``report_words.compare.<class>``: the comparison phrase of each class that
  :func:`lagesbild.reporting.phrasing.compare_class` returns, with the place as ``{ref}``;
* ``report_words.subject.<variable or indicator id>``: definite-form subjects of sentences
  ("andelen födda utomlands"), which the sentence capitalises where it starts with one;
* ``report_words.place.<id>``: reference places that are not named by the data ("riket");
* ``report_words.label.<key>``: column headers and short labels of tables and figures.

The report reads them through :class:`lagesbild.reporting.phrasing.ReportTexts`.
"""

TEXTS: dict[str, tuple[str, str]] = {
    # compare
    "report_words.compare.much_higher": ("betydligt högre än i {ref}", "considerably higher than in {ref}"),
    "report_words.compare.higher": ("högre än i {ref}", "higher than in {ref}"),
    "report_words.compare.level": ("i nivå med {ref}", "at the level of {ref}"),
    "report_words.compare.lower": ("lägre än i {ref}", "lower than in {ref}"),
    "report_words.compare.much_lower": ("betydligt lägre än i {ref}", "considerably lower than in {ref}"),
    # subject
    "report_words.subject.folkmangd": ("folkmängden", "the population"),
    "report_words.subject.andel_utrikes_fodda": ("andelen födda utomlands", "the share born abroad"),
    "report_words.subject.andel_hyresratt": ("andelen lägenheter i hyresrätt", "the share of rented dwellings"),
    "report_words.subject.loneinkomst_medel_tkr": (
        "medelinkomsten av lön (tusen kronor)",
        "the mean earned income (thousand kronor)"),
    "report_words.subject.valdeltagande": ("valdeltagandet i riksdagsvalet", "turnout in the general election"),
    "report_words.subject.share_population_12": (
        "andelen av befolkningen som bor i områden med socioekonomiska utmaningar (typ 1–2)",
        "the share of the population living in areas with socio-economic challenges (types 1–2)"),
    "report_words.subject.share_population_45": (
        "andelen av befolkningen som bor i områden med goda eller mycket goda förutsättningar (typ 4–5)",
        "the share of the population living in areas with good or very good conditions (types 4–5)"),
    "report_words.subject.dissimilarity": (
        "segregationen mellan födda i Sverige och födda utomlands mätt med olikhetsindex D",
        "segregation between people born in Sweden and born abroad measured by the dissimilarity index D"),
    "report_words.subject.theil_h": ("Theils H", "Theil's H"),
    "report_words.subject.meritvarde_ak9": (
        "det genomsnittliga meritvärdet i årskurs 9",
        "the mean merit rating in year 9"),
    "report_words.subject.andel_alla_amnen_ak9": (
        "andelen elever som uppnått betygskriterierna i alla ämnen i årskurs 9",
        "the share of year-9 pupils meeting the grade criteria in all subjects"),
    # place
    "report_words.place.riket": ("riket", "the country as a whole"),
    "report_words.place.lan": ("länet", "the county"),
    # label
    "report_words.label.place": ("Plats", "Place"),
    "report_words.label.sex": ("Kön", "Sex"),
    "report_words.label.area": ("Område", "Area"),
    "report_words.label.code": ("Kod", "Code"),
    "report_words.label.type": ("Områdestyp", "Area type"),
    "report_words.label.n_regso": ("Antal RegSO", "RegSO"),
    "report_words.label.share_regso": ("Andel av RegSO, procent", "Share of RegSO, per cent"),
    "report_words.label.population": ("Folkmängd", "Population"),
    "report_words.label.share_population": ("Andel av befolkningen, procent", "Share of population, per cent"),
    "report_words.label.kommun": ("Kommun", "Kommun"),
    "report_words.label.year": ("År", "Year"),
    "report_words.label.value": ("Värde", "Value"),
    "report_words.label.ci": ("95 % konfidensintervall", "95 % confidence interval"),
    "report_words.label.index": ("Mått", "Measure"),
    "report_words.label.indicator": ("Indikator", "Indicator"),
    "report_words.label.kommun_value": ("Kommunen", "Kommun"),
    "report_words.label.flag": ("Markering", "Flag"),
    "report_words.label.riket": ("Riket", "Sweden"),
    "report_words.label.from_to": ("Från typ → till typ", "From type → to type"),
    "report_words.label.school": ("Skola", "School"),
    "report_words.label.pupils": ("Elever", "Pupils"),
    "report_words.label.merit": ("Meritvärde", "Merit rating"),
    "report_words.label.all_subjects": ("Alla ämnen, procent", "All subjects, per cent"),
    "report_words.label.vote_share": ("Valdeltagande, procent", "Turnout, per cent"),
    "report_words.label.age": ("Ålder", "Age"),
    "report_words.label.women": ("Kvinnor", "Women"),
    "report_words.label.men": ("Män", "Men"),
    "report_words.label.share_utrikes": ("Födda utomlands, procent", "Born abroad, per cent"),
    "report_words.label.share_hyresratt": ("Hyresrätt, procent", "Rented, per cent"),
    "report_words.label.income": ("Medelinkomst av lön, tkr", "Mean earned income, kSEK"),
    "report_words.label.bandwidth": ("Radie, meter", "Radius, metres"),
    "report_words.label.between": ("Mellan typer", "Between types"),
    "report_words.label.within": ("Inom typer", "Within types"),
    "report_words.label.total": ("Totalt", "Total"),
    "report_words.label.change": ("Förändring", "Change"),
    "report_words.label.unknown": ("Ingen typ", "No type"),
    "report_words.label.suppressed": ("Undertryckt", "Suppressed"),
    "report_words.label.type_short": ("Typ {t}", "Type {t}"),
    "report_words.label.measure": ("Mått", "Measure"),
    "report_words.label.definition": ("Definition", "Definition"),
    "report_words.label.publisher": ("Utgivare", "Publisher"),
    "report_words.label.table_id": ("Tabell", "Table"),
    "report_words.label.value_bc": ("Värde (biaskorrigerat)", "Value (bias-corrected)"),
    "report_words.label.value_plugin": ("Utan korrigering", "Uncorrected"),
    "report_words.label.share_utrikes_map": ("Födda utomlands, procent", "Born abroad, per cent"),
    "report_words.label.kolada_group": ("Kolada liknande kommuner", "Kolada similar kommuner"),
    "report_words.label.retrieved": ("Hämtad", "Retrieved"),
    "report_words.label.licence": ("Licens", "Licence"),
    "report_words.label.lan": ("Länet", "County"),
}
