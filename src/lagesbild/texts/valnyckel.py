"""Texts of the catalogue section 'valnyckel' (key → (Swedish, English)); see :mod:`lagesbild.i18n`.

Turnout per DeSO through an areal key from valdistrikt to DeSO (docs/methods/valdeltagande.md).
"""

TEXTS: dict[str, tuple[str, str]] = {
    # --- command line
    "valnyckel.cli_command": ("Läs in valdeltagande per kommun från Valmyndighetens fil per valdistrikt (per DeSO "
                              "med --granser).",
                              "Read turnout per kommun from Valmyndigheten's file per valdistrikt (per DeSO with "
                              "--granser)."),
    "valnyckel.cli_granser": ("Valdistriktsgränser (GeoPackage, GeoJSON eller Shapefile med valdistriktskod i 8 "
                              "siffror) från Valmyndigheten; skriver även valdeltagande per DeSO genom en "
                              "areaviktad nyckel.",
                              "Valdistrikt boundaries (GeoPackage, GeoJSON or Shapefile with an 8-digit valdistrikt "
                              "code) from Valmyndigheten; also writes turnout per DeSO through an areal key."),
    "valnyckel.cli_nyckel": ("Spara nyckeln valdistrikt → DeSO som CSV (kolumnerna valdistrikt, deso, vikt); "
                             "kräver --granser.",
                             "Save the key valdistrikt → DeSO as CSV (columns valdistrikt, deso, vikt); needs "
                             "--granser."),
    # --- errors
    "valnyckel.not_found": ("Filen med valdistriktsgränser {file} finns inte.",
                            "The valdistrikt boundary file {file} does not exist."),
    "valnyckel.unreadable": ("Filen {file} kan inte läsas som geodata (GeoPackage, GeoJSON eller Shapefile).",
                             "The file {file} cannot be read as geodata (GeoPackage, GeoJSON or Shapefile)."),
    "valnyckel.empty": ("Filen {file} innehåller inga valdistrikt med geometri.",
                        "The file {file} holds no valdistrikt with a geometry."),
    "valnyckel.no_crs": ("Filen {file} anger inget koordinatsystem (CRS); spara den med koordinatsystem "
                         "(t.ex. EPSG:3006).",
                         "The file {file} names no coordinate reference system (CRS); save it with one "
                         "(e.g. EPSG:3006)."),
    "valnyckel.no_code_column": ("Filen {file} saknar en kolumn med valdistriktskod (väntade en av {expected}, "
                                 "eller en kolumn där varje värde har 8 siffror); kolumner: {columns}.",
                                 "The file {file} has no valdistrikt code column (expected one of {expected}, "
                                 "or a column where every value has 8 digits); columns: {columns}."),
    "valnyckel.bad_code": ("Filen {file}, rad {row}, kolumn '{column}': valdistriktskoden ska ha 8 siffror "
                           "(LLKKVVVV); fick '{value}'.",
                           "The file {file}, row {row}, column '{column}': the valdistrikt code must have 8 digits "
                           "(LLKKVVVV); got '{value}'."),
    "valnyckel.no_common_codes": ("Valdistrikten i {file} finns inte i resultatfilen {results} (t.ex. {example}); "
                                  "gränserna och resultaten måste gälla samma val.",
                                  "The valdistrikt in {file} are not in the result file {results} (e.g. {example}); "
                                  "the boundaries and the results must belong to the same election."),
    "valnyckel.no_deso": ("Lagret har inga DeSO-gränser för kommun {kommuner} som valdistrikten i {file} ligger i; "
                          "hämta dem med 'lagesbild fetch kommun KOD'.",
                          "The store has no DeSO boundaries for kommun {kommuner}, where the valdistrikt of {file} "
                          "lie; fetch them with 'lagesbild fetch kommun KOD'."),
    "valnyckel.no_overlap": ("Valdistrikten i {file} överlappar ingen DeSO i kommun {kommuner} (fel "
                             "koordinatsystem i filen?).",
                             "The valdistrikt in {file} overlap no DeSO in kommun {kommuner} (wrong coordinate "
                             "reference system in the file?)."),
    "valnyckel.key_needs_boundaries": ("--nyckel kräver --granser (nyckeln byggs av valdistriktsgränserna).",
                                       "--nyckel needs --granser (the key is built from the valdistrikt "
                                       "boundaries)."),
    # --- store labels and notes
    "valnyckel.label_turnout": ("Valdeltagande, {val} (uppskattat per DeSO, areaviktad nyckel)",
                                "Turnout, {val} (estimated per DeSO, areal key)"),
    "valnyckel.label_voters": ("Röstande, {val} (uppskattat per DeSO, areaviktad nyckel)",
                               "Voters, {val} (estimated per DeSO, areal key)"),
    "valnyckel.label_eligible": ("Röstberättigade, {val} (uppskattat per DeSO, areaviktad nyckel)",
                                 "Eligible voters, {val} (estimated per DeSO, areal key)"),
    "valnyckel.label_coverage": ("Andel av DeSO:ns yta som täcks av valdistrikt, {val}",
                                 "Share of the DeSO's area covered by valdistrikt, {val}"),
    "valnyckel.election_riksdag": ("riksdagsval", "Riksdag election"),
    "valnyckel.election_region": ("regionval", "regional election"),
    "valnyckel.election_kommun": ("kommunval", "municipal election"),
    "valnyckel.source_table": ("Valmyndigheten, areaviktad nyckel valdistrikt→DeSO",
                               "Valmyndigheten, areal key valdistrikt→DeSO"),
    "valnyckel.weighting_area": ("yta", "area"),
    "valnyckel.weighting_population": ("yta och folkmängd per DeSO {year}", "area and population per DeSO {year}"),
    "valnyckel.source_note": ("Approximation: valdeltagande per DeSO = Σ vikt·röstande / Σ vikt·röstberättigade "
                              "över valdistrikten, vikt = andel av valdistriktets {weighting} i DeSO:n; "
                              "ej fördelade förtidsröster ingår inte; {repaired} geometrier lagade "
                              "(docs/methods/valdeltagande.md §1–2)",
                              "Approximation: turnout per DeSO = Σ weight·voters / Σ weight·eligible over the "
                              "valdistrikt, weight = share of the valdistrikt's {weighting} in the DeSO; early votes "
                              "not allocated to a valdistrikt are not included; {repaired} geometries repaired "
                              "(docs/methods/valdeltagande.md §1–2)"),
}
