"""Interface texts of the insatser pages, Swedish with English translations.

The pages follow the app's language choice (``?lang=en`` or the ``lang`` cookie, see
:mod:`lagesbild.app.i18n`). Data entered by users (names, descriptions, notes) is shown as
entered; vocabulary labels come from :mod:`lagesbild.prevention.vocab` (``Term.text(lang)``).
"""

from __future__ import annotations

__all__ = ["TEXT", "it", "ACTIONS", "OBJECT_TYPES", "pair"]

TEXT: dict[str, tuple[str, str]] = {
    # navigation and chrome
    "nav": ("Insatser", "Interventions"),
    "all": ("Alla insatser", "All interventions"),
    "coverage": ("Behov och räckvidd", "Needs and reach"),
    "chain": ("Livsförloppskedjan", "Life-course chain"),
    "goals": ("Målkedjan", "Goal chain"),
    "new": ("Ny insats", "New intervention"),
    "edit_title": ("Ändra insats", "Edit intervention"),
    "log": ("Ändringslogg", "Change log"),
    "logged_in_as": ("Inloggad som", "Logged in as"),
    "logout": ("Logga ut", "Log out"),
    "login": ("Logga in", "Log in"),
    # error page
    "err_403": ("Behörighet saknas", "Permission denied"),
    "err_404": ("Finns inte", "Not found"),
    "err_400": ("Felaktig uppgift", "Invalid input"),
    "err_500": ("Något gick fel", "Something went wrong"),
    "error": ("Fel", "Error"),
    "or_go": ("eller gå", "or go"),
    "ask_admin": ("Be en administratör om rätt roll, eller gå", "Ask an administrator for the right role, or go"),
    "go": ("Gå", "Go"),
    "back_to": ("tillbaka till", "back to"),
    "all_lower": ("alla insatser", "all interventions"),
    # list
    "list_lead": ("Registret över förebyggande insatser. Exempelregistren är byggda på offentliga uppgifter "
                  "och märkta som exempel.",
                  "The register of preventive interventions. The example registers are built from public "
                  "information and labelled as examples."),
    "filter": ("Filtrera", "Filter"), "filter_label": ("Filtrera insatser", "Filter interventions"),
    "kommun": ("Kommun", "Municipality"), "arena": ("Arena", "Arena"), "level": ("Nivå", "Level"),
    "stage": ("Livsfas", "Life stage"), "theme": ("Tema", "Theme"), "search": ("Sök", "Search"),
    "any": ("alla", "any"), "rct": ("RCT eller bättre", "RCT or better"),
    "one_insats": ("insats", "intervention"), "n_insatser": ("insatser", "interventions"),
    "with_filters": ("med de valda filtren", "with the chosen filters"), "show_all": ("visa alla", "show all"),
    "labelled": ("Märkta", "Labelled"), "example": ("exempel", "example"),
    "example_built": ("exempel byggt på offentliga uppgifter", "example built from public information"),
    "example_built_cap": ("Exempel byggt på offentliga uppgifter", "Example built from public information"),
    "not_own": ("inte kommunens eget register", "not the municipality's own register"),
    "name": ("Namn", "Name"), "stages": ("Livsfaser", "Life stages"), "evidence": ("Evidens", "Evidence"),
    "reach": ("Räckvidd", "Reach"), "status": ("Status", "Status"),
    # view
    "saved_new": ("Insatsen är skapad.", "The intervention has been created."),
    "saved_edit": ("Ändringarna är sparade.", "The changes have been saved."),
    "not_own_long": ("Inte kommunens eget register.", "Not the municipality's own register."),
    "edit": ("Ändra insatsen", "Edit the intervention"),
    "responsible": ("Ansvarig", "Responsible"), "partners": ("Samverkanspartner", "Partners"),
    "prev_level": ("Preventionsnivå", "Prevention level"), "age": ("Ålder", "Age"), "years": ("år", "years"),
    "factors": ("Risk- och skyddsfaktorer", "Risk and protective factors"), "where": ("Var", "Where"),
    "whole_kommun": ("Hela kommunen", "The whole municipality"), "period": ("Period", "Period"),
    "until_further": ("tills vidare", "until further notice"), "unknown": ("okänd", "unknown"),
    "unknown_n": ("okänt", "unknown"),
    "capacity": ("Kapacitet per år", "Capacity per year"), "cost": ("Kostnad per år", "Cost per year"),
    "currency": ("kr", "SEK"), "goals_ind": ("Mål och indikatorer", "Goals and indicators"),
    "none_linked": ("inga kopplade (syns i målkedjan)", "none linked (shown in the goal chain)"),
    "notes": ("Anteckningar", "Notes"), "source": ("källa", "source"), "assessed": ("bedömd", "assessed"),
    "no_evidence": ("Ej effektutvärderad – ingen evidensuppgift. Saknad evidens betyder inte att effekt saknas.",
                    "Not evaluated for effect – no evidence recorded. Missing evidence does not mean no effect."),
    "year": ("År", "Year"), "participants": ("Deltagare", "Participants"), "area": ("Område", "Area"),
    "comment": ("Kommentar", "Comment"),
    "reach_unknown": ("Räckvidden är okänd (inga uppgifter registrerade). Den räknas aldrig som noll.",
                      "The reach is unknown (nothing recorded). It is never counted as zero."),
    "sources": ("Källor", "Sources"), "created": ("Skapad", "Created"), "by": ("av", "by"),
    "last_changed": ("senast ändrad", "last changed"), "version": ("version", "version"),
    "log_lower": ("ändringslogg", "change log"),
    # form
    "required": ("obligatoriskt", "required"),
    "not_saved": ("Insatsen sparades inte. Rätta följande", "The intervention was not saved. Correct the following"),
    "form_note": ("Fält märkta (obligatoriskt) måste fyllas i; välj också minst en arena, nivå, livsfas "
                  "(eller ålder) och ett tema.",
                  "Fields marked (required) must be filled in; also choose at least one arena, level, life "
                  "stage (or age) and one theme."),
    "kommun_code": ("Kommun (kod)", "Municipality (code)"),
    "hint_kommun": ("fyra siffror, t.ex. 0127", "four digits, e.g. 0127"),
    "hint_partners": ('en per rad, "typ: namn"; typer: ', 'one per line, "type: name"; types: '),
    "hint_years": ("hela år", "whole years"),
    "risk": ("risk", "risk"), "skydd": ("skydd", "protective"),
    "selected_areas": ("Utvalda områden", "Selected areas"),
    "hint_areas": ("en per rad, kod@version, t.ex. 0127R005@RegSO2020",
                   "one per line, code@version, e.g. 0127R005@RegSO2020"),
    "hint_date": ("ÅÅÅÅ-MM-DD", "YYYY-MM-DD"),
    "hint_reach": ('en per rad: år | deltagare eller "okänt" | område kod@version | livsfas | kommentar',
                   'one per line: year | participants or "okänt" (unknown) | area code@version | life stage | comment'),
    "hint_evidence": ("en per rad: nivå | källa | länk | bedömd datum | bedömare | kommentar",
                      "one per line: tier | source | link | date assessed | assessor | comment"),
    "hint_ids": ("id, en per rad", "ids, one per line"), "hint_lines": ("en per rad", "one per line"),
    "save": ("Spara", "Save"), "cancel": ("Avbryt", "Cancel"),
    # chain
    "chain_lead": ("Vilka livsfaser från graviditet till vuxen ålder har universella, selektiva och indikerade "
                   "insatser. Ett streck betyder att ingen insats är registrerad.",
                   "Which life stages from pregnancy to adulthood have universal, selective and indicated "
                   "interventions. A dash means that no intervention is registered."),
    "chain_caption": ("Insatser per livsfas och preventionsnivå", "Interventions per life stage and prevention level"),
    "no_insats": ("ingen insats", "no intervention"),
    "known_for": ("känd för", "known for"), "of": ("av", "of"),
    # login
    "login_lead": ("Inloggning krävs för att lägga till och ändra insatser.",
                   "You need to log in to add and edit interventions."),
    "login_failed": ("Fel användarnamn eller lösenord.", "Wrong user name or password."),
    "username": ("Användarnamn", "User name"), "password": ("Lösenord", "Password"),
    # titles of the other pages
    "goals_title": ("Målkedjan", "Goal chain"), "coverage_title": ("Behov och räckvidd", "Needs and reach"),
    # coverage (täckning)
    "whole": ("Hela", "All of"),
    "map_title": ("Karta: livsfaser utan insats i områden med socioekonomiska utmaningar",
                  "Map: life stages without an intervention in areas with socio-economic challenges"),
    "legend": ("Teckenförklaring", "Legend"),
    "lg_12": ("1–2 livsfaser utan insats", "1–2 life stages without an intervention"),
    "lg_7": ("7 eller fler", "7 or more"),
    "lg_covered": ("områdestyp 1–2, alla livsfaser har insats", "area type 1–2, every life stage has an intervention"),
    "lg_other": ("inte områdestyp 1–2", "not area type 1–2"),
    "map_note": ("Mörkare färg = fler livsfaser (graviditet–vuxna) utan någon insats. Håll muspekaren över ett "
                 "område för namn och antal; samma uppgifter finns i tabellen nedan. Källa: SCB/Delmos "
                 "områdestyper, insatsregistret.",
                 "Darker colour = more life stages (pregnancy–adults) without any intervention. Hover over an area "
                 "for its name and count; the same figures are in the table below. Source: SCB/Delmo area types, "
                 "the intervention register."),
    "no_map": ("Ingen karta: gränser saknas i lagret för kommunen", "No map: the store has no boundaries for the "
               "municipality"),
    "no_map_area": ("eller ett enskilt område är valt", "or a single area is chosen"),
    "gaps_ranked": ("Luckor (rangordnade)", "Gaps (ranked)"),
    "showing_top": ("Visar de {n} viktigaste av {total} luckor.", "Showing the {n} most important of {total} gaps."),
    "type": ("Typ", "Type"), "stage_arena": ("Livsfas/arena", "Life stage/arena"), "gap": ("Lucka", "Gap"),
    "interventions": ("Insatser", "Interventions"),
    "no_gaps": ("Inga luckor i områden med socioekonomiska utmaningar.",
                "No gaps in areas with socio-economic challenges."),
    "cov_by": ("Täckning per arena, livsfas och nivå", "Coverage by arena, life stage and level"),
    "target_group": ("Målgrupp", "Target group"), "coverage_col": ("Täckning", "Coverage"),
    "at_least": ("minst", "at least"), "no_interventions": ("Inga insatser.", "No interventions."),
    "map_stages": ("livsfaser utan insats", "life stages without an intervention"),
    "map_not_high": ("inte område med stora behov", "not an area with great needs"),
    # målkedja
    "goals_lead": ("Mål → indikator → insats. Status räknas fram ur lagrade gränsvärden (grön/gul/röd), inte för "
                   "hand.", "Goal → indicator → intervention. The status is computed from stored thresholds "
                   "(green/yellow/red), not set by hand."),
    "ins_no_ind": ("Insatser utan indikator", "Interventions without an indicator"),
    "ind_no_ins": ("Indikatorer utan insats", "Indicators without an intervention"),
    "goal_no_ind": ("Mål utan indikator", "Goals without an indicator"),
    "none": ("Inga.", "None."), "indicators": ("Indikatorer", "Indicators"), "indicator": ("Indikator", "Indicator"),
    "value": ("Värde", "Value"), "green": ("Grönt", "Green"), "yellow": ("Gult", "Yellow"),
    "analysis": ("Analys", "Analysis"), "no_indicators": ("Inga indikatorer.", "No indicators."),
    # change log
    "log_lead": ("Varje ändring: vem, när, vad, och innehållet före och efter.",
                 "Every change: who, when, what, and the content before and after."),
    "showing_only": ("Visar bara", "Showing only"),
    "log_caption": ("Ändringar, senaste först", "Changes, latest first"),
    "no": ("Nr", "No."), "time_utc": ("Tid (UTC)", "Time (UTC)"), "who": ("Vem", "Who"),
    "action": ("Åtgärd", "Action"), "object": ("Objekt", "Object"), "changed": ("Ändrat", "Changed"),
    "before_after": ("Visa före och efter", "Show before and after"), "for": ("för", "for"),
    "before": ("Före", "Before"), "after": ("Efter", "After"), "log_empty": ("Loggen är tom.", "The log is empty."),
}

#: Audit actions as shown in the change log.
ACTIONS = {"skapa": ("skapade", "created"), "andra": ("ändrade", "changed"), "ta_bort": ("tog bort", "deleted")}
#: Kinds of objects in the change log.
OBJECT_TYPES = {"insats": ("insats", "intervention"), "mal": ("mål", "goal"), "indikator": ("indikator", "indicator"),
                "anvandare": ("användare", "user"), "evidensskala": ("evidensskala", "evidence scale"),
                "sjalvskattning": ("självskattning", "self-assessment")}

#: Roles as shown in the navigation.
ROLE_EN = {"lasare": "reader", "redaktor": "editor", "admin": "administrator"}


def it(key: str, lang: str = "sv") -> str:
    """The insatser text ``key`` in ``lang`` (Swedish unless ``lang == "en"``)."""
    sv, en = TEXT[key]
    return en if lang == "en" else sv


def pair(table: dict[str, tuple[str, str]], key: str, lang: str = "sv") -> str:
    """The label of ``key`` in a (Swedish, English) ``table`` (the key itself when unknown)."""
    sv_en = table.get(key)
    return key if sv_en is None else sv_en[1] if lang == "en" else sv_en[0]
