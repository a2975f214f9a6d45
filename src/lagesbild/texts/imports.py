"""Texts of the catalogue section 'imports' (key → (Swedish, English)); see :mod:`lagesbild.i18n`."""

TEXTS: dict[str, tuple[str, str]] = {
    "imports.not_text": (
        "Filen {file} är inte en textfil (binära tecken i början); förväntade en CSV-fil.",
        "The file {file} is not a text file (binary characters at the start); expected a CSV file."),
    "imports.bad_header": (
        "Rubrikraden i filen {file} innehåller tecken som inte är text; är filen verkligen en CSV-fil "
        "med teckenkodningen {encoding}?",
        "The header row of the file {file} contains characters that are not text; is the file really a "
        "CSV file in the encoding {encoding}?"),
    "imports.bad_encoding": (
        "Filen {file} är inte kodad som {encoding}: ogiltig byte 0x{byte} på rad {line}.",
        "The file {file} is not encoded as {encoding}: invalid byte 0x{byte} on line {line}."),
    "imports.mixed_encoding": (
        "Filen {file} blandar teckenkodningar: rad {line} har byten 0x{byte} som inte är UTF-8, men "
        "tidigare rader är UTF-8. Spara filen som UTF-8.",
        "The file {file} mixes encodings: line {line} has the byte 0x{byte}, which is not UTF-8, but "
        "earlier lines are UTF-8. Save the file as UTF-8."),
    "imports.neither_encoding": (
        "Filen {file} är varken UTF-8 eller Windows-1252: ogiltig byte 0x{byte} på rad {line}.",
        "The file {file} is neither UTF-8 nor Windows-1252: invalid byte 0x{byte} on line {line}."),
    "imports.unknown_encoding": (
        "Okänd teckenkodning {encoding!r} i mappningen; använd t.ex. utf-8 eller cp1252.",
        "Unknown encoding {encoding!r} in the mapping; use e.g. utf-8 or cp1252."),
    "imports.delimiter": (
        "Avgränsaren i mappningen måste vara ett enda tecken (t.ex. ';' eller ','). Fick {value!r}.",
        "The delimiter in the mapping must be a single character (e.g. ';' or ','). Got {value!r}."),
    "imports.short_row": (
        "Filen {file}, rad {row}: raden har {got} fält men rubriken har {expected}; raden är avkortad "
        "eller saknar avgränsare.",
        "The file {file}, row {row}: the row has {got} fields but the header has {expected}; the row is "
        "truncated or lacks delimiters."),
    "imports.long_row": (
        "Filen {file}, rad {row}: raden har {got} fält men rubriken har {expected}.",
        "The file {file}, row {row}: the row has {got} fields but the header has {expected}."),
    "imports.open_quote": (
        "Filen {file}: ett citattecken öppnas men stängs aldrig (filen är avkortad eller felaktig "
        "runt rad {row}).",
        "The file {file}: a quotation mark is opened but never closed (the file is truncated or "
        "malformed around row {row})."),
    "imports.csv_unparsable": (
        "Filen {file} kan inte tolkas som CSV (runt rad {row}).",
        "The file {file} cannot be parsed as CSV (around row {row})."),
    "imports.no_header": (
        "Filen {file} är tom (ingen rubrikrad).",
        "The file {file} is empty (no header row)."),
    "imports.not_zip": (
        "Filen {file} är inte en hel Excel-fil (xlsx): zip-arkivet är trasigt eller avkortat.",
        "The file {file} is not a complete Excel file (xlsx): the zip archive is damaged or truncated."),
    "imports.zip_not_excel": (
        "Filen {file} är ett zip-arkiv men inte en Excel-arbetsbok (xl/workbook.xml saknas).",
        "The file {file} is a zip archive but not an Excel workbook (xl/workbook.xml is missing)."),
    "imports.zip_bomb": (
        "Excel-filen {file} packas upp till {unpacked} MB ({ratio}:1); gränsen är {limit} MB och "
        "{max_ratio}:1. Dela upp filen eller spara den som CSV.",
        "The Excel file {file} unpacks to {unpacked} MB ({ratio}:1); the limit is {limit} MB and "
        "{max_ratio}:1. Split the file or save it as CSV."),
    "imports.excel_rows": (
        "Excel-filen {file} har fler än {limit} rader på bladet {sheet}; spara den som CSV.",
        "The Excel file {file} has more than {limit} rows on the sheet {sheet}; save it as CSV."),
    "imports.excel_damaged": (
        "Excel-filen {file} kan inte läsas: filen är trasig eller inte en xlsx-arbetsbok.",
        "The Excel file {file} cannot be read: the file is damaged or not an xlsx workbook."),
    "imports.excel_sheet": (
        "Excel-filen {file} har inget blad {sheet!r}; bladen heter {sheets}.",
        "The Excel file {file} has no sheet {sheet!r}; the sheets are {sheets}."),
    "imports.formula": (
        "Excel-filen {file}, blad {sheet}, cell {cell}: cellen innehåller en formel. Spara värdena i "
        "stället (kopiera och klistra in som värden).",
        "The Excel file {file}, sheet {sheet}, cell {cell}: the cell holds a formula. Save the values "
        "instead (copy and paste as values)."),
    "imports.parquet_damaged": (
        "Parquet-filen {file} kan inte läsas: filen är trasig eller avkortad.",
        "The Parquet file {file} cannot be read: the file is damaged or truncated."),
    "imports.geo_too_large": (
        "Geometrifilen {file} är {size} MB; gränsen är {limit} MB. Förenkla geometrierna eller dela "
        "upp filen.",
        "The geometry file {file} is {size} MB; the limit is {limit} MB. Simplify the geometries or "
        "split the file."),
    "imports.geo_unreadable": (
        "Geometrifilen {file} kan inte läsas: filen är trasig eller har fel format.",
        "The geometry file {file} cannot be read: the file is damaged or has the wrong format."),
    "imports.outside_sweden": (
        "Geometrifilen {file}: koordinaterna (t.ex. x={x}, y={y}) ligger utanför Sverige för det "
        "angivna koordinatsystemet {crs}. Är koordinatsystemet rätt angivet (grader är EPSG:4326)?",
        "The geometry file {file}: the coordinates (e.g. x={x}, y={y}) lie outside Sweden for the "
        "declared coordinate system {crs}. Is the coordinate system declared correctly (degrees are "
        "EPSG:4326)?"),
    "imports.not_finite": (
        "Filen {file}, rad {row}, kolumn '{column}': värdet {value!r} är inte ett ändligt tal.",
        "The file {file}, row {row}, column '{column}': the value {value!r} is not a finite number."),
    "imports.future_year": (
        "Filen {file}, rad {row}, kolumn '{column}': året {year} ligger efter innevarande år "
        "({current}); observerade data kan inte komma från framtiden (ange 'observed: false' under "
        "source för prognoser).",
        "The file {file}, row {row}, column '{column}': the year {year} is after the current year "
        "({current}); observed data cannot come from the future (set 'observed: false' under source "
        "for projections)."),
    "imports.future_year_warning": (
        "Filen {file} innehåller år efter innevarande år ({current}), t.ex. {year}; de läses in som "
        "prognos.",
        "The file {file} holds years after the current year ({current}), e.g. {year}; they are "
        "imported as projections."),
    "imports.missing_column": (
        "Filen {file} saknar kolumnen {column!r} som mappningen kräver (filens kolumner: {columns}).",
        "The file {file} lacks the column {column!r} the mapping requires (the file's columns: "
        "{columns})."),
    "imports.yaml_alias": (
        "Mappningsfilen {file}: YAML-alias och ankare (& och *) är inte tillåtna (rad {line}).",
        "The mapping file {file}: YAML aliases and anchors (& and *) are not allowed (line {line})."),
    "imports.yaml_depth": (
        "Mappningsfilen {file}: strukturen är nästlad djupare än {limit} nivåer (rad {line}).",
        "The mapping file {file}: the structure is nested deeper than {limit} levels (line {line})."),
    "imports.yaml_size": (
        "Mappningsfilen {file} är {size} kB; en mappning får vara högst {limit} kB.",
        "The mapping file {file} is {size} kB; a mapping may be at most {limit} kB."),
    "imports.mapping_option": (
        "Mappningsfilen {file}: '{section}: {key}' måste vara {expected}. Fick {value!r}.",
        "The mapping file {file}: '{section}: {key}' must be {expected}. Got {value!r}."),
    "imports.progress": (
        "Läser in {file}",
        "Importing {file}"),
    "imports.expected_int": ("ett heltal 0–1000000", "an integer 0–1000000"),
    "imports.expected_str": ("en text på 1–40 tecken", "a text of 1–40 characters"),
    "imports.expected_sheet": ("ett bladnamn eller ett bladnummer från 0", "a sheet name or a sheet number from 0"),
    "imports.retry_after_too_long": (
        "{name}: {method} {url} – servern ber oss vänta {s} sekunder (Retry-After), längre än gränsen "
        "{max} sekunder (inställningen http_max_retry_after); försök igen senare.",
        "{name}: {method} {url} – the server asks us to wait {s} seconds (Retry-After), longer than the "
        "limit of {max} seconds (the setting http_max_retry_after); try again later."),
    "imports.not_a_file": (
        "{file} är inte en fil (en mapp?); ange filen som ska läsas in.",
        "{file} is not a file (a folder?); give the file to import."),
    "imports.unreadable": (
        "Filen {file} kan inte läsas (saknas rättighet?).",
        "The file {file} cannot be read (missing permission?)."),
}
