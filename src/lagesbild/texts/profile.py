"""Texts of the catalogue section "profile" (key → (Swedish, English)): the notes, labels and
sources of the lägesbild per kommun (:mod:`lagesbild.services.lagesbild` and its blocks); see
:mod:`lagesbild.i18n`."""

TEXTS: dict[str, tuple[str, str]] = {
    # --- omradestyper_table
    "profile.types_no_population": (
        "{year}: folkmängd per RegSO saknas; andelar av befolkningen kan inte beräknas.",
        "{year}: population per RegSO is missing; shares of the population cannot be computed."),
    "profile.types_population_same": (
        "{year}: befolkning = folkmängd per RegSO (RegSO 2020) år {population_year}, samma år som klassningen.",
        "{year}: population = population per RegSO (RegSO 2020) in {population_year}, the same year as the "
        "classification."),
    "profile.types_population_nearest": (
        "{year}: befolkning = folkmängd per RegSO (RegSO 2020) år {population_year} (närmaste år med "
        "folkmängd; klassningsåret saknas).",
        "{year}: population = population per RegSO (RegSO 2020) in {population_year} (the nearest year with "
        "population; the classification year is missing)."),
    "profile.types_counts_not_suppressed": (
        "Antal RegSO per typ röjandekontrolleras inte (områden, inte personer).",
        "The number of RegSO per type is not subject to disclosure control (areas, not persons)."),
    "profile.fig_n_regso": ("Antal RegSO", "Number of RegSO"),
    "profile.fig_population": ("Folkmängd i klassade RegSO", "Population in classified RegSO"),
    "profile.fig_share_12_named": ("Andel av befolkningen i {label} (typ 1–2)",
                                   "Share of the population in {label} (types 1–2)"),
    "profile.fig_share_12": ("Andel av befolkningen i typ 1–2", "Share of the population in types 1–2"),
    "profile.fig_share_45": ("Andel av befolkningen i typ 4–5", "Share of the population in types 4–5"),
    "profile.types_12": ("områden med socioekonomiska utmaningar", "areas with socio-economic challenges"),
    "profile.source_population": ("SCB folkmängd per RegSO", "Statistics Sweden (SCB), population per RegSO"),
    # --- transitions
    "profile.tr_direction": (
        "Förbättrad = högre typnummer (bättre förutsättningar); försämrad = lägre.",
        "Improved = a higher type number (better conditions); worsened = a lower one."),
    "profile.tr_population": (
        "Befolkning i matrisen och listan: år {year} (RegSO 2020) eller närmaste år med folkmängd.",
        "Population in the matrix and the list: {year} (RegSO 2020) or the nearest year with population."),
    "profile.tr_unmatched": ("{n} RegSO finns bara ett av åren och ingår inte.",
                             "{n} RegSO exist in only one of the years and are not included."),
    "profile.change_stable": ("stabil", "stable"),
    "profile.change_improved": ("förbättrad", "improved"),
    "profile.change_worsened": ("försämrad", "worsened"),
    # --- socioekonomiskt_index
    "profile.sei_label": ("beräknad av lagesbild", "computed by lagesbild"),
    "profile.sei_formula": (
        "Index = (V1 + V2 + V3) / 3 enligt SCB:s tabellnot; typ och gränser är beräknade av lagesbild "
        "(rekonstruerade), inte officiella.",
        "Index = (V1 + V2 + V3) / 3 following the table note of Statistics Sweden (SCB); type and bounds are "
        "computed by lagesbild (reconstructed), not official."),
    "profile.sei_bounds": ("Gränser skattade med metoden {methods}: {how}",
                           "Bounds estimated with the method {methods}: {how}"),
    "profile.sei_bounds_national": ("nationell fördelning (μ + kσ)", "national distribution (μ + kσ)"),
    "profile.sei_bounds_bracket": (
        "inringade av de officiella typerna i kommunens områden (gäller inte andra kommuner utan kontroll)",
        "bracketed by the official types of the kommun's areas (not valid for other kommuner without a check)"),
    "profile.sei_uncertain": (
        "Osäker klassning: typen ändras om varje indikator flyttas ± {delta} procentenheter, eller indexet "
        "ligger inom en gräns osäkerhetsintervall.",
        "Uncertain classification: the type changes if each indicator moves by ± {delta} percentage points, "
        "or the index lies within a bound's uncertainty interval."),
    "profile.sei_in_sample": (
        "Kalibreringen är inom urvalet (samma år); fit_on='previous_year' prövar föregående års gränser.",
        "The calibration is in-sample (the same year); fit_on='previous_year' tests the previous year's "
        "bounds."),
    "profile.sei_refused": (
        "Beräknade typer visas inte för år {years} (överensstämmelse under {pct} %).",
        "Computed types are not shown for {years} (agreement below {pct} %)."),
    # --- kommun_profile and its blocks
    "profile.deso_note": (
        "Områdestyper och områdestabellen gäller RegSO; nivån deso gäller ojämlikhetsindex.",
        "Områdestyper and the table of areas refer to RegSO; the level deso applies to the ojämlikhetsindex "
        "(inequality index)."),
    "profile.ojamlikhet_source": ("SCB inkomstklasser per område", "Statistics Sweden (SCB), income classes per area"),
    "profile.eligibility_source": (
        "SCB/Delmos områdestyp; regel enligt Delmos 2022 (statsbidrag 2018:118)",
        "SCB/Delmos områdestyp; rule following Delmos 2022 (state grant 2018:118)"),
    "profile.eligibility_no_index": (
        "Ojämlikhetsindex saknas i lagret: bara kriteriet för typ 1–2 kan prövas. Kommuner som inte når det "
        "uppfyller inte regeln; övriga kan inte avgöras.",
        "The ojämlikhetsindex (inequality index) is not in the store: only the criterion for types 1–2 can be "
        "tested. Kommuner that do not reach it do not meet the rule; the others cannot be decided."),
    "profile.eligibility_quartile": (
        "Ojämlikhetsindex är kvartilproxyn (lägsta mot högsta kvartilgruppen av nettoinkomst), inte Delmos "
        "kvintiler av ekonomisk standard; gränsen beräknas över de kommuner som har indexet, och kommuner utan "
        "det kan inte avgöras om de når kriteriet för typ 1–2.",
        "The ojämlikhetsindex (inequality index) is the quartile proxy (lowest against highest quartile group "
        "of net income), not Delmos' quintiles of economic standard; the threshold is computed over the "
        "kommuner that have the index, and kommuner without it cannot be decided if they reach the criterion "
        "for types 1–2."),
    "profile.eligibility_yes": ("uppfyller", "meets"),
    "profile.eligibility_no": ("uppfyller inte", "does not meet"),
    "profile.eligibility_undecided": ("kan inte avgöras", "cannot be decided"),
    "profile.comparison_source": ("SKR kommungruppsindelning 2023; Kolada (RKA) liknande kommuner",
                                  "SKR municipality groups 2023; Kolada (RKA) similar kommuner"),
    # --- column headers of the CLI tables
    "profile.col_measure": ("mått", "measure"),
    "profile.col_value": ("värde", "value"),
    "profile.col_unit": ("enhet", "unit"),
    "profile.col_year": ("år", "year"),
    "profile.col_level": ("nivå", "level"),
    "profile.col_status": ("status", "status"),
    "profile.col_source": ("källa", "source"),
    "profile.col_type": ("typ", "type"),
    "profile.col_type_name": ("områdestyp", "area type"),
    "profile.col_n_regso": ("antal RegSO", "number of RegSO"),
    "profile.col_share_regso": ("andel RegSO %", "share of RegSO %"),
    "profile.col_population": ("folkmängd", "population"),
    "profile.col_share_population": ("andel folkmängd %", "share of population %"),
    "profile.col_population_year": ("befolkningsår", "population year"),
    "profile.col_type_in": ("typ år {year}", "type in {year}"),
    "profile.col_to_type": ("→ typ {n}", "→ type {n}"),
    "profile.col_name": ("namn", "name"),
    "profile.col_from": ("från", "from"),
    "profile.col_to": ("till", "to"),
    "profile.col_change": ("förändring", "change"),
    "profile.col_kommun": ("kommunen", "the kommun"),
    "profile.col_lan": ("länet", "the län"),
    "profile.col_riket": ("riket", "Sweden"),
    "profile.col_skr_mean": ("SKR-grupp (medel)", "SKR group (mean)"),
    "profile.col_kolada_mean": ("Kolada liknande (medel)", "Kolada similar (mean)"),
    "profile.col_type_before": ("typ året före", "type the year before"),
    "profile.col_uncertain": ("osäker klassning", "uncertain classification"),
    "profile.col_type_computed": ("typ (beräknad)", "type (computed)"),
    "profile.col_margin": ("avstånd till gräns", "distance to bound"),
    "profile.col_classification": ("klassning", "classification"),
    "profile.col_indicator": ("indikator", "indicator"),
    "profile.col_theme": ("tema", "theme"),
    "profile.col_note": ("anmärkning", "note"),
    "profile.col_kommun_short": ("kommun", "kommun"),
    "profile.col_z_kommun": ("z kommun", "z kommun"),
    "profile.col_z_riket": ("z riket", "z Sweden"),
    "profile.col_pct_riket": ("percentil riket", "percentile Sweden"),
    "profile.col_trend": ("trend", "trend"),
    # --- units as shown
    "profile.unit_n_regso": ("antal RegSO", "number of RegSO"),
    "profile.unit_percent": ("procent", "per cent"),
    "profile.unit_persons": ("personer", "persons"),
    "profile.unit_days": ("dagar", "days"),
    "profile.unit_per_1000": ("per 1 000", "per 1,000"),
    "profile.unit_index": ("index 0–100", "index 0–100"),
}
