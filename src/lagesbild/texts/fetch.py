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
}
