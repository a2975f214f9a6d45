"""English message catalogue of the report (same keys and fields as :mod:`texts_sv`)."""

from __future__ import annotations

LANG = "en"

SECTION_TITLES = {
    "sammanfattning": "Summary",
    "befolkning": "Population",
    "omradestyper": "Area types (områdestyper)",
    "segregation": "Degree of segregation",
    "profiler": "Area profiles",
    "utveckling": "Change over time",
    "skola": "Schools and equity",
    "valdeltagande": "Voter turnout",
    "insatser": "Preventive interventions and coverage",
    "metod": "Method, definitions and sources",
    "bilagor": "Appendices",
}

COMPARE = {
    "much_higher": "considerably higher than in {ref}",
    "higher": "higher than in {ref}",
    "level": "at the level of {ref}",
    "lower": "lower than in {ref}",
    "much_lower": "considerably lower than in {ref}",
}

SUBJECTS = {
    "folkmangd": "the population",
    "andel_utrikes_fodda": "the share born abroad",
    "andel_hyresratt": "the share of rented dwellings",
    "loneinkomst_medel_tkr": "the mean earned income (thousand kronor)",
    "valdeltagande": "turnout in the general election",
    "share_population_12": "the share of the population living in areas with socio-economic challenges (types 1–2)",
    "share_population_45": "the share of the population living in areas with good or very good conditions (types 4–5)",
    "dissimilarity": "segregation between people born in Sweden and born abroad measured by the dissimilarity index D",
    "theil_h": "Theil's H",
    "meritvarde_ak9": "the mean merit rating in year 9",
    "andel_alla_amnen_ak9": "the share of year-9 pupils meeting the grade criteria in all subjects",
}

PLACES = {"riket": "the country as a whole", "lan": "the county"}

T = {
    "compare": "{subject} was {value} in {year}, {phrase} ({ref_value}).",
    "value": "{subject} was {value} in {year}.",
    "change_up": "{subject} rose from {old} in {y0} to {new} in {y1} ({diff}).",
    "change_down": "{subject} fell from {old} in {y0} to {new} in {y1} ({diff}).",
    "change_stable": "{subject} was broadly unchanged between {y0} and {y1} ({old} and {new}).",
    "change_unchanged": "{subject} was unchanged, {new}, in both {y0} and {y1}.",
    "change_missing": "{subject} cannot be compared between {y0} and {y1} because the value for {missing_year} is missing.",
    "change_suppressed": "{subject} is not published for {year} because the value rests on too few people.",
    "missing_value": "No value of {subject} exists for {year}.",
    "ci": "95 per cent confidence interval {lo}–{hi}",
    "skipped": "The section {title} is not included: {reason}",
    "no_data": "the store holds no data for {kommun}",
    "not_requested": "the section was left out in the report settings",
    "pop_total": "{kommun} had {pop} inhabitants in {year}, in {n} regional statistical areas (RegSO).",
    "pop_growth": "The population grew by {diff} since {y0}.",
    "pop_age_note": "The age distribution refers to {year} and RegSO 2025.",
    "types_share12": "In {kommun}, {share} of the inhabitants lived in areas with socio-economic challenges (types 1–2) in {year}, {phrase} ({ref_value}).",
    "types_n": "{kommun} has {n12} of {n} RegSO in types 1–2 and {n45} in types 4–5.",
    "types_uncertainty_none": "Classification uncertainty cannot be computed for {kommun}: the socio-economic index value per RegSO is not in the store (only the type). Types are therefore shown without an uncertainty mark.",
    "types_uncertainty": "{n} RegSO lie so close to a boundary between two types that their classification is uncertain.",
    "types_map_note": "Boundaries are RegSO 2025 while types refer to RegSO 2020; areas are joined on the same code. Where the name changed the join is approximate ({n} areas).",
    "seg_intro": "Segregation is measured here as the uneven distribution of people born in Sweden and born abroad across the RegSO of the kommun.",
    "seg_D": "The dissimilarity index D was {value} in {year} ({ci}): this share of one group would have to move for the distribution to become even.",
    "seg_trend_up": "D rose from {old} in {y0} to {new} in {y1}.",
    "seg_trend_down": "D fell from {old} in {y0} to {new} in {y1}.",
    "seg_trend_stable": "D was broadly unchanged between {y0} and {y1} ({old} and {new}); the difference is within the uncertainty.",
    "seg_between": "Of segregation (information index M), {share} lies between the area types and the rest within them.",
    "seg_profile": "With a spatially smoothed measure D falls from {small} at a {b0} metre radius to {large} at {b1} metres: the faster the fall, the more local the segregation.",
    "seg_compare": "D was {phrase} ({ref_value}).",
    "prof_intro": "Each table shows the area's values and the kommun value. ▲ marks considerably higher and ▼ considerably lower than the kommun by the rule in the method section.",
    "prof_flags": "{n} of {total} RegSO have at least one flagged indicator.",
    "trend_type": "Between {y0} and {y1}, {n} RegSO changed area type: {up} to a better and {down} to a worse type.",
    "trend_none": "No RegSO changed area type between {y0} and {y1}.",
    "school_spread": "In school year {year} the year-9 merit rating of the schools in {kommun} ranged from {lo} to {hi} (median {med}, {n} schools).",
    "school_iqr": "The middle half of the schools lay between {p25} and {p75}.",
    "school_year_note": "School results refer to school year {year}, the latest in the store.",
    "vote": "Turnout in the {year} general election was {value} in {kommun}, {phrase} ({ref_value}).",
    "insatser_none": "no interventions are registered for {kommun}",
    "method_D": "The dissimilarity index D (Duncan & Duncan 1955) is half the sum of the differences between the groups' shares in each area; 0 means an even distribution and 1 complete separation.",
    "method_M": "The information index M (Theil) measures how much knowing the area reduces uncertainty about the group; it splits exactly into a between part and a within part.",
    "method_H": "Theil's H is M divided by the group entropy (0–1).",
    "method_ci": "Confidence intervals come from a bias-corrected bootstrap ({n} draws, seed {seed}); small areas bias D upwards, which is corrected.",
    "method_profile": "The multiscalar profile computes D on the population within a distance (triangular kernel) of each area's centre.",
    "method_phrase": "Comparison words: for shares ‘at the level of’ is used when the difference is below {level_pp} percentage point and ‘considerably’ when it is at least {strong_pp} percentage points; other values use relative limits of {level_rel} and {strong_rel} per cent (for counts such as population {level_rel_count} per cent instead of {level_rel}). If a confidence interval contains the reference value, ‘at the level of’ is always used. A change that is zero at the printed precision is ‘unchanged’, one below the limit ‘broadly unchanged’.",
    "method_disclosure": "Disclosure control: counts between 1 and {mc_1} and shares whose denominator is below {md} are not published and shown as ‘–’. SCB adjusts small counts before 2025 and uses the Cell Key Method from 2025, so parts do not always add up to totals.",
    "method_types": "Area types are the official SCB/Delmos classification of RegSO into five types by a socio-economic index (shares with low economic standard, only compulsory education, and social assistance or long-term unemployment). Types 1–2 are called areas with socio-economic challenges.",
    "colophon": "This report was made with lagesbild {version}. Checksum of the settings (SHA-256): {hash}. It can be regenerated exactly with the file {config}.",
    "generated": "Created {date}",
    "sources_head": "Data sources",
    "source_row": "{publisher}: {table} (retrieved {date})",
    "suppressed_note": "– = suppressed (disclosure control), .. = not available.",
    "table_alt": "Table with the same data",
    "figure": "Figure",
    "table": "Table",
    "source": "Source",
    "scalebar_km": "{km} km",
    "title": "Segregation baseline analysis – {kommun} {year}",
    "subtitle": "Input to the kommun's work against segregation, generated automatically from official statistics.",
    "toc": "Contents",
}

LABELS = {
    "area": "Area", "code": "Code", "type": "Area type", "n_regso": "RegSO",
    "share_regso": "Share of RegSO, per cent", "population": "Population",
    "share_population": "Share of population, per cent", "kommun": "Kommun", "year": "Year",
    "value": "Value", "ci": "95 % confidence interval", "index": "Measure", "indicator": "Indicator",
    "kommun_value": "Kommun", "flag": "Flag", "riket": "Sweden", "from_to": "From type → to type",
    "school": "School", "pupils": "Pupils", "merit": "Merit rating", "all_subjects": "All subjects, per cent",
    "vote_share": "Turnout, per cent", "age": "Age", "women": "Women", "men": "Men",
    "share_utrikes": "Born abroad, per cent", "share_hyresratt": "Rented, per cent",
    "income": "Mean earned income, kSEK", "bandwidth": "Radius, metres", "between": "Between types",
    "within": "Within types", "total": "Total", "change": "Change", "unknown": "No type",
    "suppressed": "Suppressed", "type_short": "Type {t}", "compare_group": "Comparison",
    "measure": "Measure", "definition": "Definition", "publisher": "Publisher", "table_id": "Table",
    "retrieved": "Retrieved", "licence": "Licence", "lan": "County",
}

UNITS = {"procent": "per cent", "personer": "persons", "tkr": "thousand kronor"}
