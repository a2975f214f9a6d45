"""Texts of the catalogue section 'fetch' (key → (Swedish, English)); see :mod:`lagesbild.i18n`."""

TEXTS: dict[str, tuple[str, str]] = {
    # SCB's WFS
    "fetch.wfs_unknown_crs": ("SCB:s WFS svarade i ett okänt koordinatsystem ({name}).",
                              "SCB's WFS answered in an unknown coordinate system ({name})."),
    "fetch.wfs_empty": ("SCB:s WFS gav inga objekt i lagret {layer}.",
                        "SCB's WFS returned no features in the layer {layer}."),
    "fetch.wfs_mixed_crs": ("SCB:s WFS svarade i flera koordinatsystem för {layer}: {crs}.",
                            "SCB's WFS answered in several coordinate systems for {layer}: {crs}."),
    "fetch.wfs_no_code": ("SCB:s WFS: objekt {n} i {layer} saknar fältet '{field}'.",
                          "SCB's WFS: feature {n} in {layer} lacks the field '{field}'."),
    "fetch.wfs_not_polygon": ("SCB:s WFS: {code} i {layer} har geometritypen {type}, väntade Polygon.",
                              "SCB's WFS: {code} in {layer} has the geometry type {type}, expected Polygon."),
    "fetch.wfs_bad_crs": ("SCB:s WFS svarade i {crs}, som inte kan räknas om till EPSG:3006.",
                          "SCB's WFS answered in {crs}, which cannot be converted to EPSG:3006."),
    "fetch.wfs_outside_sweden": (
        "SCB:s WFS: koordinaterna i {layer} hamnar utanför Sverige i EPSG:3006 (svaret anger {crs}; fel "
        "koordinatsystem?). Inget skrevs.",
        "SCB's WFS: the coordinates of {layer} fall outside Sweden in EPSG:3006 (the answer names {crs}; wrong "
        "coordinate system?). Nothing was written."),
    "fetch.wfs_unrepairable": ("SCB:s WFS: geometrin för {code} går inte att reparera ({reason}).",
                               "SCB's WFS: the geometry of {code} cannot be repaired ({reason})."),
    "fetch.wfs_duplicate": ("SCB:s WFS: koden {code} förekommer flera gånger i {layer}.",
                            "SCB's WFS: the code {code} occurs more than once in {layer}."),
    "fetch.wfs_no_layer": ("SCB:s WFS har inget lager för nivån {level} (finns: {levels}).",
                           "SCB's WFS has no layer for the level {level} (available: {levels})."),
    "fetch.wfs_reprojected": ("{layer}: omprojicerad från {crs} till EPSG:3006.",
                              "{layer}: reprojected from {crs} to EPSG:3006."),
    "fetch.wfs_reprojected_swapped": (
        "{layer}: omprojicerad från {crs} till EPSG:3006 (koordinaterna i ordningen latitud, longitud).",
        "{layer}: reprojected from {crs} to EPSG:3006 (coordinates in latitude, longitude order)."),
    "fetch.wfs_repaired": ("{layer}: ogiltig geometri för {code} reparerad ({reason}).",
                           "{layer}: invalid geometry of {code} repaired ({reason})."),
    # sources and precedence
    "fetch.supersedes_official": (
        "{n} värden i {label} skulle ersätta officiella värden för samma område, år och variabel (t.ex. {area} "
        "{year} {variable}: {official} från {source}, {value} i importen). Använd --prefer-import om importen "
        "ska gälla.",
        "{n} values in {label} would supersede official values for the same area, year and variable (e.g. "
        "{area} {year} {variable}: {official} from {source}, {value} in the import). Use --prefer-import if "
        "the import is to take precedence."),
    "fetch.no_network": (
        "Ingen anslutning till {host} ({reason}): kontrollera nätverket eller inställningen {env} (nu {url}); "
        "ingenting hämtades och lagret är oförändrat.",
        "No connection to {host} ({reason}): check the network or the setting {env} (now {url}); nothing was "
        "fetched and the store is unchanged."),
    # fetch kommun | lan | riket
    "fetch.lan_not_kommun": ("{code} är en länskod; 'fetch kommun' väntar en kommunkod med fyra siffror (t.ex. "
                             "1780 Karlstad). Använd 'lagesbild fetch lan {code}' för hela länet.",
                             "{code} is a län code; 'fetch kommun' expects a four-digit kommun code (e.g. 1780 "
                             "Karlstad). Use 'lagesbild fetch lan {code}' for the whole län."),
    "fetch.bad_kommun": ("Ogiltig kommunkod {code!r}: väntade fyra siffror (t.ex. 1780 Karlstad).",
                         "Invalid kommun code {code!r}: expected four digits (e.g. 1780 Karlstad)."),
    "fetch.unknown_kommun": ("Kommunkoden {code} finns inte (290 kommuner, t.ex. 1780 Karlstad, 1480 Göteborg).",
                             "The kommun code {code} does not exist (290 kommuner, e.g. 1780 Karlstad, 1480 Göteborg)."),
    "fetch.kommun_not_lan": ("{code} är en kommunkod; 'fetch lan' väntar en länskod med två siffror (t.ex. 17 "
                             "Värmland).",
                             "{code} is a kommun code; 'fetch lan' expects a two-digit län code (e.g. 17 Värmland)."),
    "fetch.unknown_lan": ("Länskoden {code!r} finns inte (t.ex. 01 Stockholm, 17 Värmland).",
                          "The län code {code!r} does not exist (e.g. 01 Stockholm, 17 Värmland)."),
    "fetch.bad_scope": ("Okänt omfång {scope!r}: kommun, lan eller riket.",
                        "Unknown scope {scope!r}: kommun, lan or riket."),
    "fetch.recipe_other_years": ("receptet {recipe} gäller andra år än de begärda",
                                 "the recipe {recipe} covers other years than those asked for"),
    "fetch.suppressed_kept": ("{n} celler undertryckta av SCB (sparade som undertryckta, inte noll)",
                              "{n} cells suppressed by SCB (kept as suppressed, not zero)"),
    "fetch.years_missing": ("åren {years} saknas i tabellen", "the years {years} are missing from the table"),
    "fetch.kolada_munis": ("{n} kommuner (kommunen och dess jämförelsegrupper)",
                           "{n} kommuner (the kommun and its comparison groups)"),
    "fetch.label": ("hämtningen", "the fetch"),
    "fetch.income_classes_derived": (
        "{n} antal per kvartilgrupp beräknade från SCB:s andelar × antal personer ({suppressed} undertryckta, "
        "inte noll)",
        "{n} counts per quartile group computed from SCB's shares × number of persons ({suppressed} suppressed, "
        "not zero)"),
    "fetch.income_classes_inconsistent": (
        "{n} område(n) och år utan antal: andelarna summerar inte till 100 (t.ex. {area} {year}: {total}); "
        "kontrollera receptet inkomstkvartiler med --dry-run.",
        "{n} area(s) and year(s) without counts: the shares do not add up to 100 (e.g. {area} {year}: {total}); "
        "check the recipe inkomstkvartiler with --dry-run."),
    "fetch.ojamlikhet_missing": (
        "Ojämlikhetsindex kan inte beräknas: lagret har inga antal personer per inkomstklass (kvintil eller "
        "kvartil) per område. Kör 'lagesbild fetch kommun {kommun}': SCB:s andelar per kvartilgrupp "
        "(TAB6679) räknas då om till antal och indexet beräknas som kvartilproxy. Inget värde uppskattas i "
        "stället.",
        "The ojämlikhetsindex cannot be computed: the store has no persons per income class (quintile or "
        "quartile) per area. Run 'lagesbild fetch kommun {kommun}': SCB's shares per quartile group (TAB6679) "
        "are then turned into counts and the index is computed as the quartile proxy. No value is estimated "
        "instead."),
    "fetch.no_year": ("Inget av åren {years} finns i någon tabell som hämtningen omfattar.",
                      "None of the years {years} is in any table the fetch covers."),
    "fetch.schools_not_chosen": ("skolorna hämtades inte i denna körning (--utan-skolor)",
                                 "the schools were not fetched in this run (--no-schools)"),
    # CLI of fetch kommun | lan | riket
    "fetch.cli_plan_title": ("Planerade anrop", "Planned requests"),
    "fetch.cli_dry_run": ("Torrkörning: {calls} anrop, {cells} celler; minst {seconds} s inom SCB:s gräns (30 anrop "
                          "per 10 s), nedladdningstid tillkommer. Inga anrop gjordes.",
                          "Dry run: {calls} calls, {cells} cells; at least {seconds} s within SCB's limit (30 calls "
                          "per 10 s), download time comes on top. No calls were made."),
    "fetch.cli_summary_title": ("Hämtningen", "The fetch"),
    "fetch.cli_summary": (
        "Hämtat: {fetched}; publiceras inte på nivån eller för åren: {not_published}; misslyckades: {failed}. "
        "Nätverksanrop: {calls} (resten ur cachen). Nya värden: {new}, oförändrade: {unchanged}, gränser: "
        "{geoms}, undertryckta celler (sparade som undertryckta): {suppressed}.",
        "Fetched: {fetched}; not published at the level or for the years: {not_published}; failed: {failed}. "
        "Network calls: {calls} (the rest from the cache). New values: {new}, unchanged: {unchanged}, "
        "boundaries: {geoms}, suppressed cells (kept as suppressed): {suppressed}."),
    "fetch.status_hamtad": ("hämtad", "fetched"),
    "fetch.status_ej_publicerad": ("publiceras inte", "not published"),
    "fetch.status_misslyckad": ("misslyckades", "failed"),
    "fetch.status_ej_tillganglig": ("inte tillgänglig", "not available"),
    "fetch.status_ej_vald": ("inte vald", "not chosen"),
    "fetch.status_beraknad": ("beräknad", "computed"),
    "fetch.status_planerad": ("planerad", "planned"),
    # geography versions
    "fetch.areas_version": ("Version: {version} (den nyaste i lagret; äldre med --version: {others}).",
                            "Version: {version} (the newest in the store; older with --version: {others})."),
    "fetch.version_line": ("Version: {version} (den nyaste med värden om inte --version anges; i lagret: {versions}).",
                           "Version: {version} (the newest with values unless --version is given; in the store: "
                           "{versions})."),
    "fetch.version_keyed": ("{n} värden är publicerade på {data_versions} och visas på {version} via nyckeln; {k} av "
                            "dem är ungefärliga (namnet eller gränsen kan ha ändrats).",
                            "{n} values are published on {data_versions} and shown on {version} through the key; "
                            "{k} of them are approximate (the name or boundary may have changed)."),
    "fetch.no_boundary_version": ("Gränsversionen {version} finns inte för kommun {kommun} ({level}); finns: "
                                  "{versions}.",
                                  "The boundary version {version} does not exist for kommun {kommun} ({level}); "
                                  "available: {versions}."),
    "fetch.no_such_version": ("Versionen {version} finns inte på nivån {level} i lagret; finns: {versions}.",
                              "The version {version} does not exist at level {level} in the store; available: "
                              "{versions}."),
}
