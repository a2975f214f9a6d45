"""Texts of the catalogue section 'grid' (key → (Swedish, English)); see :mod:`lagesbild.i18n`."""

TEXTS: dict[str, tuple[str, str]] = {
    # --- errors: input files
    "grid.file_missing": ("Filen {file} finns inte.", "The file {file} does not exist."),
    "grid.unreadable": ("Filen {file} gick inte att läsa som CSV eller Parquet ({why}).",
                        "The file {file} could not be read as CSV or Parquet ({why})."),
    "grid.column_missing": ("Kolumnen '{column}' saknas i {file}. Kolumner som finns: {columns}.",
                            "The column '{column}' is missing from {file}. Columns present: {columns}."),
    "grid.bad_number": ("{file}, rad {row}, kolumn '{column}': förväntade ett tal, fick {value!r}.",
                        "{file}, row {row}, column '{column}': expected a number, got {value!r}."),
    "grid.negative_weight": ("{file}, rad {row}, kolumn '{column}': antalet måste vara ≥ 0, fick {value}.",
                             "{file}, row {row}, column '{column}': the count must be ≥ 0, got {value}."),
    "grid.missing_group": ("{file}, rad {row}, kolumn '{column}': gruppen saknas.",
                           "{file}, row {row}, column '{column}': the group is missing."),
    "grid.degrees": ("Koordinaterna i {file} (kolumnerna '{x}', '{y}') ser ut som grader; förväntade meter i "
                     "SWEREF 99 TM (EPSG:3006).",
                     "The coordinates in {file} (columns '{x}', '{y}') look like degrees; expected metres in "
                     "SWEREF 99 TM (EPSG:3006)."),
    "grid.no_people": ("Det finns inga rutor med befolkning i {file}.", "There are no populated cells in {file}."),
    "grid.out_parquet": ("Parametern '--out' måste vara en .parquet- eller .geoparquet-fil. Fick {file}.",
                         "The '--out' parameter must be a .parquet or .geoparquet file. Got {file}."),
    "grid.cannot_write": ("Kunde inte skriva {file} ({why}); ingenting skrevs.",
                          "Could not write {file} ({why}); nothing was written."),
    # --- errors: parameters
    "grid.bad_k": ("Parametern '--k' måste vara positiva tal åtskilda med komma, t.ex. 200,1600,12800. "
                   "Fick {value!r}.",
                   "The '--k' parameter must be positive numbers separated by commas, e.g. 200,1600,12800. "
                   "Got {value!r}."),
    "grid.no_dask": ("Dask behövs för '--scheduler' och stora körningar: installera lagesbild[grid].",
                     "Dask is needed for '--scheduler' and large runs: install lagesbild[grid]."),
    "grid.no_scheduler": ("Kunde inte ansluta till Dask-schemaläggaren {address} ({why}).",
                          "Could not connect to the Dask scheduler {address} ({why})."),
    "grid.input_choice": ("Ange antingen en fil eller en av --kommun, --lan och --riket.",
                          "Give either a file or one of --kommun, --lan and --riket."),
    "grid.file_options": ("En fil kräver --x, --y, --group och --weight (saknas: {missing}).",
                          "A file needs --x, --y, --group and --weight (missing: {missing})."),
    # --- grid cell codes
    "grid.bad_code": ("Ogiltig rutkod {code!r} för {level}: förväntade {expected}.",
                      "Invalid grid cell code {code!r} for {level}: expected {expected}."),
    "grid.bad_level": ("Okänd rutnivå {value!r}: förväntade en av {levels}.",
                       "Unknown grid level {value!r}: expected one of {levels}."),
    "grid.no_grid_data": ("Lagret har inga rutdata på nivån {level}{where} ({variables}). Läs in SCB:s rutstatistik "
                          "med 'lagesbild import'.",
                          "The store has no grid data at level {level}{where} ({variables}). Import SCB's grid "
                          "statistics with 'lagesbild import'."),
    # --- bulk reads
    "grid.bulk_unknown_variable": ("Variabeln '{variable}' finns inte i lagret.",
                                   "The variable '{variable}' is not in the store."),
    "grid.bulk_not_count": ("Variabeln '{variable}' är av typen {kind}, inte antal; en gruppmatris kräver antal.",
                            "The variable '{variable}' is of kind {kind}, not count; a group matrix needs counts."),
    # --- CLI
    "grid.cli_help": ("Individualiserade grannskap (EquiPop): för varje befolkad ruta och varje k, antal och andel "
                      "per grupp bland de k närmaste personerna.",
                      "Individualised neighbourhoods (EquiPop): for every populated cell and every k, the count "
                      "and share per group among the k nearest people."),
    "grid.cli_file": ("CSV eller Parquet med en rad per ruta × grupp, koordinater i EPSG:3006.",
                      "CSV or Parquet with one row per cell × group, coordinates in EPSG:3006."),
    "grid.cli_x": ("Kolumnen med x (östlig koordinat, meter).", "The column with x (easting, metres)."),
    "grid.cli_y": ("Kolumnen med y (nordlig koordinat, meter).", "The column with y (northing, metres)."),
    "grid.cli_group": ("Kolumnen med gruppen.", "The column with the group."),
    "grid.cli_weight": ("Kolumnen med antalet personer.", "The column with the number of people."),
    "grid.cli_k": ("Grannskapens storlekar, t.ex. 200,1600,12800.", "Neighbourhood sizes, e.g. 200,1600,12800."),
    "grid.cli_out": ("Parquet-fil att skriva.", "Parquet file to write."),
    "grid.cli_scheduler": ("Adress till en Dask-schemaläggare (tcp://värd:8786).",
                           "Address of a Dask scheduler (tcp://host:8786)."),
    "grid.cli_level": ("Rutnivå i lagret: ruta1km, ruta250 eller ruta100.",
                       "Grid level in the store: ruta1km, ruta250 or ruta100."),
    "grid.cli_groups": ("Variablerna i lagret som är grupperna, t.ex. fodda_sverige,fodda_utrikes.",
                        "The store variables that are the groups, e.g. fodda_sverige,fodda_utrikes."),
    "grid.wrote": ("Skrev {rows} rader ({cells} rutor × {nk} k, {groups} grupper) till {file}.",
                   "Wrote {rows} rows ({cells} cells × {nk} k, {groups} groups) to {file}."),
    "grid.profile_title": ("Segregation i de individualiserade grannskapen (D och Theils H, per k)",
                           "Segregation in the individualised neighbourhoods (D and Theil's H, per k)"),
    "grid.dropped": ("{n} rader utan koordinater utelämnades.", "{n} rows without coordinates were left out."),
    "grid.k_above": ("k större än hela befolkningen ({total}): {ks}; där räknas alla.",
                     "k larger than the whole population ({total}): {ks}; everybody is counted there."),
}
