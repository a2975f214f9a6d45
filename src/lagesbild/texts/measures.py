"""Texts of the catalogue section 'measures' (key → (Swedish, English)); see :mod:`lagesbild.i18n`."""

TEXTS: dict[str, tuple[str, str]] = {
    # --- notes attached to a computed value
    "measures.note_empty_units": ("{n} områden utan befolkning togs bort.",
                                  "{n} units without population were dropped."),
    "measures.note_empty_groups": (
        "Gruppen {groups} har totalen 0 här och togs bort; måttet beräknades på övriga {k} grupper.",
        "The group {groups} has a total of 0 here and was dropped; the index was computed on the other {k} groups."),
    "measures.note_ipf": (
        "IPF: högst {iterations} iterationer; varje marginal inom en faktor 1 ± {precision} av sitt mål "
        "(rtol {rtol}).",
        "IPF: at most {iterations} iterations; every margin within a factor 1 ± {precision} of its target "
        "(rtol {rtol})."),
    "measures.note_ipf_not_converged": (
        "IPF nådde inte toleransen; öka max_iter. Komponenterna är ungefärliga.",
        "IPF did not reach the tolerance; increase max_iter. The components are approximate."),
    # --- reasons for a missing value (column 'orsak' / 'reason')
    "measures.reason_few_units": ("färre än 2 områden med befolkning", "fewer than 2 units with population"),
    "measures.reason_focal_empty": ("fokalgruppen {group} har totalen 0", "the focal group {group} has a total of 0"),
    "measures.reason_rest_empty": ("alla utom fokalgruppen har totalen 0",
                                   "every group but the focal group has a total of 0"),
    "measures.reason_few_groups": ("färre än {k} grupper med befolkning", "fewer than {k} groups with population"),
    "measures.reason_undefined": ("måttet är odefinierat för den här tabellen",
                                  "the index is undefined for this table"),
}
