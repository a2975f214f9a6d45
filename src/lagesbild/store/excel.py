"""Stream an Excel workbook (xlsx) row by row with bounded memory, refusing zip bombs and formulas.

Before anything is unpacked the zip directory is checked: a damaged or truncated archive, a zip
that is not a workbook, more than :data:`MAX_UNPACKED` bytes unpacked in total or an entry
that unpacks more than :data:`MAX_RATIO` times its packed size (above 10 MB) is refused. The
sizes in the zip directory bound what :mod:`zipfile` will ever unpack, so a lying header
cannot unpack more. The sheet is then read with openpyxl in read-only (streaming) mode, at
most :data:`MAX_ROWS` rows; a formula cell is refused with the cell named, never turned
into an empty value.
"""

from __future__ import annotations

import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path

from lagesbild.errors import InputError
from lagesbild.i18n import pair

__all__ = ["MAX_UNPACKED", "MAX_RATIO", "MAX_ROWS", "check_archive", "iter_excel", "sheet_names"]

#: Most bytes an xlsx may unpack to in total.
MAX_UNPACKED = 512 * 1024 * 1024
#: Largest packed-to-unpacked ratio of one entry (over 10 MB unpacked); real sheets are < 30:1.
MAX_RATIO = 100
#: Most rows read from a sheet (Excel's own limit).
MAX_ROWS = 1_048_576
#: Most cells held in memory at once while a sheet is read.
MAX_CHUNK_CELLS = 1_000_000
_RATIO_FLOOR = 10 * 1024 * 1024


def check_archive(path: Path) -> None:
    """Refuse damaged archives, zips that are not workbooks and zip bombs (no unpacking)."""
    try:
        with zipfile.ZipFile(path) as z:
            infos = z.infolist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        raise InputError(*pair("imports.not_zip", file=path)) from None
    names = {i.filename for i in infos}
    if "xl/workbook.xml" not in names:
        raise InputError(*pair("imports.zip_not_excel", file=path))
    total = sum(i.file_size for i in infos)
    packed = max(1, sum(i.compress_size for i in infos))
    worst = max((i.file_size / max(1, i.compress_size) for i in infos if i.file_size > _RATIO_FLOOR),
                default=0.0)
    if total > MAX_UNPACKED or worst > MAX_RATIO:
        raise InputError(*pair("imports.zip_bomb", file=path, unpacked=f"{total / 2**20:.0f}",
                               ratio=f"{max(worst, total / packed):.0f}", limit=MAX_UNPACKED // 2**20,
                               max_ratio=MAX_RATIO))


def sheet_names(path: Path) -> list[str]:
    """The sheet names of a workbook (after :func:`check_archive`)."""
    import openpyxl

    try:
        wb = openpyxl.load_workbook(path, read_only=True)
    except Exception:  # openpyxl raises many types for damaged parts
        raise InputError(*pair("imports.excel_damaged", file=path)) from None
    try:
        return list(wb.sheetnames)
    finally:
        wb.close()


def _text(v) -> str:
    if v is None:
        return ""
    if isinstance(v, bool):
        return str(v)
    if isinstance(v, float):
        return str(int(v)) if v.is_integer() and abs(v) < 1e15 else repr(v)
    if hasattr(v, "isoformat"):
        return v.isoformat()
    return str(v)


def iter_excel(path: Path, sheet: str | int | None, skiprows: int, chunk_rows: int,
               progress: Callable[[int, int], None] | None = None) -> Iterator[tuple[int, list[str], list[list[str]]]]:
    """Yield ``(first_row_number, header, rows)``; every cell as text, row numbers as in Excel."""
    check_archive(path)
    import openpyxl

    try:
        wb = openpyxl.load_workbook(path, read_only=True, data_only=False)
    except Exception:  # openpyxl raises many types for damaged parts
        raise InputError(*pair("imports.excel_damaged", file=path)) from None
    try:
        names = wb.sheetnames
        if sheet is None:
            ws = wb[names[0]]
        elif isinstance(sheet, int) and not isinstance(sheet, bool):
            if not 0 <= sheet < len(names):
                raise InputError(*pair("imports.excel_sheet", file=path, sheet=sheet, sheets=", ".join(names)))
            ws = wb[names[sheet]]
        elif str(sheet) in names:
            ws = wb[str(sheet)]
        else:
            raise InputError(*pair("imports.excel_sheet", file=path, sheet=sheet, sheets=", ".join(names)))
        title = ws.title
        header: list[str] | None = None
        rows: list[list[str]] = []
        first = blank = 0
        try:
            for n, cells in enumerate(ws.iter_rows(), 1):
                if n <= skiprows:
                    continue
                if n > MAX_ROWS:
                    raise InputError(*pair("imports.excel_rows", file=path, limit=MAX_ROWS, sheet=title))
                values = []
                for c in cells:
                    if getattr(c, "data_type", None) == "f":
                        raise InputError(*pair("imports.formula", file=path, sheet=title, cell=c.coordinate))
                    values.append(_text(c.value))
                if header is None:
                    while values and not values[-1].strip():  # trailing empty columns
                        values.pop()
                    header = [v.strip() for v in values]
                    first = n + 1
                    # memory bounded by cells, not rows: a wide sheet gets shorter chunks
                    chunk_rows = max(1000, min(chunk_rows, MAX_CHUNK_CELLS // max(1, len(header))))
                    continue
                if not any(values):
                    blank += 1  # kept only when a non-blank row follows (row numbers stay true)
                    continue
                rows.extend([[""] * len(values)] * blank)
                blank = 0
                rows.append(values)
                if len(rows) >= chunk_rows:
                    yield first, header, rows
                    first += len(rows)
                    rows = []
                    if progress is not None:
                        progress(n, ws.max_row or n)
        except InputError:
            raise
        except Exception:  # damaged XML inside the archive
            raise InputError(*pair("imports.excel_damaged", file=path)) from None
        if header is None:
            raise InputError(*pair("imports.no_header", file=path))
        yield first, header, rows
    finally:
        wb.close()
