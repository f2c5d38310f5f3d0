"""Open a data release wherever it lives: a folder, a single file, a `.zip`, or an http(s) URL.

Pure I/O, no ORM: the importers ask for a table by its official file name ("Skills") and get rows
as dicts keyed by header name, whatever the format (O*NET text `.txt`, Excel `.xlsx`, OEWS `.csv`,
`.csv.gz`). Every problem is raised as `ReleaseError` naming the file, the line and what is wrong.
"""

from __future__ import annotations

import csv
import gzip
import hashlib
import io
import shutil
import tempfile
import urllib.request
import zipfile
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

TABLE_SUFFIXES = (".txt", ".xlsx", ".csv", ".csv.gz")
DOWNLOAD_TIMEOUT_SECONDS = 120


class ReleaseError(Exception):
    """A release file that cannot be imported; the message says where and why."""

    def __init__(self, problem: str, *, file: str = "", line: int | None = None) -> None:
        self.problem = problem
        self.file = file
        self.line = line
        where = file
        if line is not None:
            where = f"{file}, line {line}"
        super().__init__(f"{where}: {problem}" if where else problem)


def _suffix(name: str) -> str:
    lowered = name.lower()
    for suffix in TABLE_SUFFIXES:
        if lowered.endswith(suffix):
            return suffix
    return ""


def _stem(name: str) -> str:
    base = PurePosixPath(name).name
    return base[: len(base) - len(_suffix(base))]


@dataclass
class TableFile:
    """One table of a release; `open()` gives a fresh binary stream each time."""

    name: str
    suffix: str
    _path: Path | None = None
    _zip: zipfile.ZipFile | None = None
    _member: str = ""

    def open(self) -> io.BufferedIOBase:
        if self._path is not None:
            return self._path.open("rb")
        assert self._zip is not None
        return self._zip.open(self._member)

    def sha256(self) -> str:
        digest = hashlib.sha256()
        try:
            with self.open() as stream:
                for chunk in iter(lambda: stream.read(1 << 20), b""):
                    digest.update(chunk)
        except (zipfile.BadZipFile, EOFError, OSError) as exc:
            raise ReleaseError(f"cannot be read ({exc})", file=self.name) from exc
        return digest.hexdigest()

    def rows(
        self,
        required: Sequence[str] = (),
        *,
        upper_case: bool = False,
        sheet: str | None = None,
        header_row: int = 1,
    ) -> Iterator[tuple[int, dict[str, object]]]:
        """Yield (line number, row) with header names as keys; the header is line `header_row`.

        Columns are found by header name, never position: formats order them differently.
        With `upper_case` the keys are upper-cased header names, for releases that have
        published the same column as both `OCC_CODE` and `occ_code`. Workbooks only: `sheet`
        names the sheet to read (default the first) and `header_row` its header's line, for
        sheets with a title above the header.
        """
        try:
            if self.suffix == ".xlsx":
                yield from self._xlsx_rows(required, upper_case, sheet, header_row)
            elif sheet is not None or header_row != 1:
                raise ReleaseError(
                    f"is not an Excel workbook (expected one with a sheet {sheet!r})",
                    file=self.name,
                )
            else:
                yield from self._text_rows(required, upper_case)
        except ReleaseError:
            raise
        except (zipfile.BadZipFile, EOFError, gzip.BadGzipFile, OSError) as exc:
            raise ReleaseError(f"is truncated or damaged ({exc})", file=self.name) from exc
        except UnicodeDecodeError as exc:
            raise ReleaseError(f"is not UTF-8 text ({exc.reason})", file=self.name) from exc
        except csv.Error as exc:
            raise ReleaseError(f"is not a readable table ({exc})", file=self.name) from exc

    def _check_header(self, header: list[str], required: Sequence[str], line: int = 1) -> None:
        missing = [column for column in required if column not in header]
        if missing:
            raise ReleaseError(
                f"missing column(s) {', '.join(repr(c) for c in missing)}; "
                f"found {', '.join(repr(c) for c in header)}",
                file=self.name,
                line=line,
            )

    def _text_rows(
        self, required: Sequence[str], upper_case: bool
    ) -> Iterator[tuple[int, dict[str, object]]]:
        with self.open() as raw:
            binary = gzip.GzipFile(fileobj=raw) if self.suffix == ".csv.gz" else raw
            text = io.TextIOWrapper(binary, encoding="utf-8-sig", newline="")
            dialect = "excel-tab" if self.suffix == ".txt" else "excel"
            reader = csv.reader(text, dialect=dialect)
            header = next(reader, None)
            if not header:
                raise ReleaseError("is empty (no header line)", file=self.name, line=1)
            header = [column.strip() for column in header]
            if upper_case:
                header = [column.upper() for column in header]
            self._check_header(header, required)
            width = len(header)
            for row in reader:
                if not row:
                    continue
                if len(row) != width:
                    raise ReleaseError(
                        f"has {len(row)} columns where the header has {width}",
                        file=self.name,
                        line=reader.line_num,
                    )
                yield reader.line_num, dict(zip(header, row, strict=True))

    def _xlsx_rows(
        self, required: Sequence[str], upper_case: bool, sheet_name: str | None, header_row: int
    ) -> Iterator[tuple[int, dict[str, object]]]:
        # calamine (Rust) reads the big O*NET workbooks 5–8x faster than openpyxl.
        import python_calamine

        try:
            if self._path is not None:
                workbook = python_calamine.CalamineWorkbook.from_path(str(self._path))
            else:
                with self.open() as raw:
                    workbook = python_calamine.CalamineWorkbook.from_filelike(
                        io.BytesIO(raw.read())
                    )
            if sheet_name is None:
                sheet = workbook.get_sheet_by_index(0)
            elif sheet_name in workbook.sheet_names:
                sheet = workbook.get_sheet_by_name(sheet_name)
            else:
                found = ", ".join(repr(name) for name in workbook.sheet_names)
                raise ReleaseError(f"has no sheet {sheet_name!r}; found {found}", file=self.name)
            # calamine's rows begin at the first non-empty one; line numbers count from row 1.
            header_line = (sheet.start or (0, 0))[0] + 1
            cells = iter(sheet.iter_rows())
            while header_line < header_row and next(cells, None) is not None:
                header_line += 1
            header = next(cells, None)
        except python_calamine.CalamineError as exc:
            raise ReleaseError(
                f"is not a readable Excel workbook, perhaps truncated ({exc})", file=self.name
            ) from exc
        if not header or all(value in (None, "") for value in header):
            raise ReleaseError("is empty (no header row)", file=self.name, line=header_line)
        names = [str(value).strip() for value in header]
        if upper_case:
            names = [name.upper() for name in names]
        self._check_header(names, required, header_line)
        for line, row in enumerate(cells, start=header_line + 1):
            if all(value in (None, "") for value in row):
                continue
            yield line, dict(zip(names, row, strict=False))


@dataclass
class Release:
    """The tables of one release, looked up by official file name without suffix."""

    location: str
    tables: dict[str, TableFile] = field(default_factory=dict)

    @property
    def file_format(self) -> str:
        suffixes = {table.suffix for table in self.tables.values()}
        if suffixes == {".xlsx"}:
            return "excel"
        if suffixes == {".txt"}:
            return "text"
        return "+".join(sorted(s.lstrip(".") for s in suffixes))

    def get(self, name: str) -> TableFile | None:
        return self.tables.get(name.lower())

    def only_table(self) -> TableFile:
        if len(self.tables) != 1:
            found = ", ".join(sorted(t.name for t in self.tables.values())) or "none"
            raise ReleaseError(f"expected one data file, found: {found}", file=self.location)
        return next(iter(self.tables.values()))


def _add(release: Release, table: TableFile) -> None:
    # Official names differ only in case between some releases; look-ups ignore it.
    release.tables[_stem(table.name).lower()] = table


@contextmanager
def open_release(source: str | Path) -> Iterator[Release]:
    """Yield the release at `source`; downloads and zip handles are cleaned up on exit."""
    location = str(source)
    if location.startswith(("http://", "https://")):
        with tempfile.TemporaryDirectory(prefix="careerfit-") as tmp:
            name = PurePosixPath(urllib.request.urlparse(location).path).name or "download"
            target = Path(tmp) / name
            _download(location, target)
            with open_release(target) as release:
                release.location = location
                yield release
        return

    path = Path(location).expanduser()
    if not path.exists():
        raise ReleaseError("no such file or folder", file=location)
    release = Release(location=location)
    if path.is_dir():
        for child in sorted(path.iterdir()):
            if child.is_file() and _suffix(child.name):
                _add(release, TableFile(name=child.name, suffix=_suffix(child.name), _path=child))
        if not release.tables:
            raise ReleaseError("contains no .txt, .xlsx or .csv tables", file=location)
        yield release
        return

    if path.suffix.lower() == ".zip":
        try:
            archive = zipfile.ZipFile(path)
        except (zipfile.BadZipFile, OSError) as exc:
            raise ReleaseError(
                f"is not a readable zip file, perhaps truncated ({exc})", file=location
            ) from exc
        with archive:
            for member in archive.infolist():
                base = PurePosixPath(member.filename).name
                if member.is_dir() or base.startswith(("._", "~$")) or not _suffix(base):
                    continue
                _add(
                    release,
                    TableFile(
                        name=base, suffix=_suffix(base), _zip=archive, _member=member.filename
                    ),
                )
            if not release.tables:
                raise ReleaseError("contains no .txt, .xlsx or .csv tables", file=location)
            yield release
        return

    if not _suffix(path.name):
        raise ReleaseError(
            "is not a supported file (use a folder, .zip, .txt, .xlsx, .csv or .csv.gz)",
            file=location,
        )
    _add(release, TableFile(name=path.name, suffix=_suffix(path.name), _path=path))
    yield release


def _download(url: str, target: Path) -> None:
    request = urllib.request.Request(url, headers={"User-Agent": "careerfit-importer"})
    try:
        with (
            urllib.request.urlopen(request, timeout=DOWNLOAD_TIMEOUT_SECONDS) as response,
            target.open("wb") as out,
        ):
            shutil.copyfileobj(response, out)
    except OSError as exc:
        raise ReleaseError(f"download failed ({exc})", file=url) from exc


def text(row: dict[str, object], column: str) -> str:
    value = row.get(column)
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def number(
    row: dict[str, object], column: str, *, file: str, line: int, blank_ok: bool = False
) -> float | None:
    """A numeric cell as float; blank is None when allowed, anything else non-numeric an error."""
    value = row.get(column)
    if isinstance(value, int | float) and not isinstance(value, bool):
        return float(value)
    raw = "" if value is None else str(value).strip()
    if raw in {"", "n/a", "NA"}:
        if blank_ok:
            return None
        raise ReleaseError(f"{column!r} is empty", file=file, line=line)
    try:
        return float(raw.replace(",", ""))
    except ValueError:
        raise ReleaseError(f"{column!r} is not a number: {raw!r}", file=file, line=line) from None
