"""Read every table in ``data/`` through its declared schema.

A bad file never loads silently: each problem is reported with the file, the row (and line), the column,
the bad value and what was expected, and all problems found are reported together.

Example
-------
>>> from microlib.loader import load_table
>>> refs = load_table("references")
>>> "lotfi2013" in set(refs["key"])
True
"""

from __future__ import annotations

import contextvars
import csv
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import lru_cache, wraps
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import yaml
from pydantic import ValidationError

from .checks import suggest
from .paths import DATA_DIR
from .schemas import TableSpec, all_specs
from .schemas.common import Row

T = TypeVar("T")

if TYPE_CHECKING:
    import pandas as pd

DATA_SUFFIXES = (".csv", ".yaml", ".yml")
REFERENCES_FILE = "references.csv"


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a data file."""

    file: str
    row: int | None  # 1-based data row (header excluded); None for file-level problems
    line: int | None  # line in the file, where it is known
    column: str | None
    value: Any
    expected: str

    def __str__(self) -> str:
        where = f"data/{self.file}"
        if self.row is not None:
            where += f", row {self.row}" + (f" (line {self.line})" if self.line else "")
        if self.column is not None:
            where += f", column '{self.column}'"
        got = "" if self.value is _NOTHING else f": got {self.value!r}"
        return f"{where}{got}; expected {self.expected}"


class _Nothing:
    def __repr__(self) -> str:
        return "nothing"


_NOTHING: Any = _Nothing()


class DataValidationError(ValueError):
    """Raised when one or more data files break their schema. ``problems`` lists each one."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        shown = "\n".join(f"  - {p}" for p in problems[:25])
        more = f"\n  … and {len(problems) - 25} more" if len(problems) > 25 else ""
        super().__init__(f"{len(problems)} problem(s) in the data files:\n{shown}{more}")


@dataclass(frozen=True)
class _RawRow:
    number: int
    line: int | None
    values: dict[str, Any]


def _read_csv(path: Path, spec: TableSpec, problems: list[Problem]) -> list[_RawRow]:
    with path.open(newline="", encoding="utf-8") as handle:
        reader = csv.reader(handle)
        try:
            header = [h.strip() for h in next(reader)]
        except StopIteration:
            problems.append(Problem(path.name, None, None, None, _NOTHING, "a header row naming the columns"))
            return []
        declared = spec.columns
        for column in declared:
            if column not in header:
                problems.append(
                    Problem(path.name, None, 1, column, _NOTHING,
                            f"a column named '{column}' (missing from the header)")
                )
        for column in header:
            if column not in declared:
                problems.append(
                    Problem(path.name, None, 1, column, column, f"only the declared columns: {', '.join(declared)}")
                )
        if len(set(header)) != len(header):
            problems.append(Problem(path.name, None, 1, None, header, "each column name once"))
        rows: list[_RawRow] = []
        number = 0
        for fields in reader:
            line = reader.line_num
            if not any(f.strip() for f in fields):
                continue  # blank line
            number += 1
            if len(fields) != len(header):
                problems.append(
                    Problem(path.name, number, line, None, len(fields), f"{len(header)} fields, as in the header")
                )
                continue
            rows.append(_RawRow(number, line, {h: f for h, f in zip(header, fields, strict=True) if h in declared}))
    return rows


def _read_yaml(path: Path, problems: list[Problem]) -> list[_RawRow]:
    try:
        # libyaml's C loader when PyYAML was built with it: ten times faster than the pure-Python one.
        loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
        content = yaml.load(path.read_text(encoding="utf-8"), Loader=loader)
    except yaml.YAMLError as exc:
        problems.append(Problem(path.name, None, None, None, _NOTHING, f"valid YAML ({exc})"))
        return []
    if not isinstance(content, list):
        problems.append(Problem(path.name, None, None, None, type(content).__name__, "a list of entries"))
        return []
    rows = []
    for number, entry in enumerate(content, start=1):
        if not isinstance(entry, Mapping):
            problems.append(Problem(path.name, number, None, None, entry, "a mapping of column: value"))
            continue
        rows.append(_RawRow(number, None, dict(entry)))
    return rows


def _expected_from(error: Mapping[str, Any]) -> str:
    message: str = error["msg"]
    if error["type"] == "missing":
        return "a value (this column is required)"
    if error["type"] == "extra_forbidden":
        return "no such field (it is not in the schema)"
    for prefix in ("Value error, ", "Assertion failed, "):
        message = message.removeprefix(prefix)
    if message.startswith("Input should be "):
        message = message.removeprefix("Input should be ")
    return message[0].lower() + message[1:] if message else message


def _validate_rows(spec: TableSpec, raw_rows: list[_RawRow], problems: list[Problem]) -> list[tuple[_RawRow, Row]]:
    valid: list[tuple[_RawRow, Row]] = []
    for raw in raw_rows:
        try:
            valid.append((raw, spec.row_model.model_validate(raw.values)))
        except ValidationError as exc:
            for error in exc.errors():
                column = str(error["loc"][0]) if error["loc"] else None
                value = raw.values.get(column, _NOTHING) if column else _NOTHING
                blank = isinstance(value, str) and not value.strip()
                expected = "a value (this column is required)" if blank and error["input"] is None else None
                problems.append(
                    Problem(spec.file, raw.number, raw.line, column, value, expected or _expected_from(error))
                )
    return valid


def _check_unique(spec: TableSpec, rows: list[tuple[_RawRow, Row]], problems: list[Problem]) -> None:
    if not spec.key:
        return
    seen: dict[tuple[Any, ...], int] = {}
    for raw, row in rows:
        value = tuple(getattr(row, column) for column in spec.key)
        if value in seen:
            shown = value[0] if len(value) == 1 else value
            problems.append(
                Problem(
                    spec.file, raw.number, raw.line, "+".join(spec.key), shown,
                    f"a unique value (row {seen[value]} already has it)",
                )
            )
        else:
            seen[value] = raw.number


def _check_links(
    spec: TableSpec, rows: list[tuple[_RawRow, Row]], tables: dict[str, list[tuple[_RawRow, Row]]],
    problems: list[Problem],
) -> None:
    links = [(column, "references", "key") for column in spec.citation_columns]
    links += [(fk.column, fk.table, fk.target_column) for fk in spec.foreign_keys]
    for column, table, target_column in links:
        target_file = next((f for f in tables if f.rsplit(".", 1)[0] == table), None)
        if target_file is None:
            problems.append(Problem(spec.file, None, None, column, _NOTHING, f"a table named '{table}' to link to"))
            continue
        allowed = {getattr(row, target_column) for _, row in tables[target_file]}
        for raw, row in rows:
            value = getattr(row, column)
            values = value if isinstance(value, tuple) else (value,)
            for item in values:
                if item is not None and item not in allowed:
                    problems.append(
                        Problem(
                            spec.file, raw.number, raw.line, column, item,
                            f"a {target_column} listed in data/{target_file}{suggest(item, allowed)}",
                        )
                    )


def _validate_directory(data_dir: Path) -> dict[str, list[Row]]:
    specs = all_specs()
    problems: list[Problem] = []
    present = sorted(p.name for p in data_dir.iterdir() if p.suffix in DATA_SUFFIXES) if data_dir.is_dir() else []
    for name in present:
        if name not in specs:
            problems.append(
                Problem(name, None, None, None, _NOTHING,
                        f"a declared schema (known tables: {', '.join(sorted(specs))})")
            )
    tables: dict[str, list[tuple[_RawRow, Row]]] = {}
    for file, spec in specs.items():
        path = data_dir / file
        if not path.is_file():
            problems.append(Problem(file, None, None, None, _NOTHING, f"the file to exist in {data_dir}"))
            continue
        raw_rows = _read_csv(path, spec, problems) if path.suffix == ".csv" else _read_yaml(path, problems)
        rows = _validate_rows(spec, raw_rows, problems)
        _check_unique(spec, rows, problems)
        tables[file] = rows
    for file, rows in tables.items():
        _check_links(specs[file], rows, tables, problems)
    if problems:
        raise DataValidationError(problems)
    return {file.rsplit(".", 1)[0]: [row for _, row in rows] for file, rows in tables.items()}


Fingerprint = tuple[str, tuple[tuple[str, int, int], ...]]


def _fingerprint(data_dir: Path) -> Fingerprint:
    if not data_dir.is_dir():
        return (str(data_dir), ())
    stats = ((p.name, p.stat()) for p in data_dir.iterdir())
    return (str(data_dir), tuple(sorted((name, s.st_mtime_ns, s.st_size) for name, s in stats)))


@lru_cache(maxsize=8)
def _cached(data_dir: Path, fingerprint: Fingerprint) -> dict[str, list[Row]]:
    return _validate_directory(data_dir)


def data_fingerprint(data_dir: Path | str | None = None) -> Fingerprint:
    """The folder, names, modification times and sizes of the files in ``data_dir`` (default: ``data/``).

    It changes whenever a data file is edited, added or removed, or when :data:`DATA_DIR` points elsewhere.
    """
    directory = Path(data_dir).resolve() if data_dir is not None else DATA_DIR
    return _fingerprint(directory)


#: The fingerprint pinned by the outermost call of a function decorated with ``cached_on_data`` or
#: ``one_data_snapshot``; nested calls reuse it, so ``data/`` is checked once per top-level call.
_PINNED: contextvars.ContextVar[Fingerprint | None] = contextvars.ContextVar("microlib_data_fingerprint",
                                                                           default=None)


def _current_fingerprint() -> Fingerprint:
    pinned = _PINNED.get()
    if pinned is not None and pinned[0] == str(DATA_DIR):
        return pinned
    return _fingerprint(DATA_DIR)  # DATA_DIR looked up at call time: tests may point it at a copy


def one_data_snapshot(function: Callable[..., T]) -> Callable[..., T]:
    """Check ``data/`` once for the whole call: every cached value used inside comes from the same version.

    Decorate the public entry points that call several :func:`cached_on_data` functions (a simulation reads
    parameters, a calibration and a normalisation): one look at the folder instead of one per helper.
    """

    @wraps(function)
    def wrapper(*args: Any, **kwargs: Any) -> T:
        if _PINNED.get() is not None:
            return function(*args, **kwargs)
        token = _PINNED.set(_fingerprint(DATA_DIR))
        try:
            return function(*args, **kwargs)
        finally:
            _PINNED.reset(token)

    return wrapper


def cached_on_data(function: Callable[..., T]) -> Callable[..., T]:
    """Cache ``function``'s results until any file in ``data/`` changes: the one cache policy of the package.

    Use it instead of ``functools.cache`` for everything derived from data (parameters, calibrations, rule
    sets), so a trainer who edits a data file in a running kernel sees the new value on the next call.
    Arguments must be hashable. The fingerprint is that of :data:`DATA_DIR` at call time, so a test that
    points ``microlib.loader.DATA_DIR`` at a copy of ``data/`` gets fresh results too.

    >>> calls = []
    >>> @cached_on_data
    ... def double(x):
    ...     calls.append(x)
    ...     return 2 * x
    >>> double(2), double(2), len(calls)
    (4, 4, 1)
    """
    cache: dict[tuple[Any, ...], T] = {}
    state: dict[str, Any] = {"fingerprint": None}

    @wraps(function)
    def wrapper(*args: Any, **kwargs: Any) -> T:
        current = _current_fingerprint()
        if current != state["fingerprint"]:
            cache.clear()
            state["fingerprint"] = current
        key = (args, tuple(sorted(kwargs.items())))
        if key not in cache:
            token = _PINNED.set(current)
            try:
                cache[key] = function(*args, **kwargs)
            finally:
                _PINNED.reset(token)
        return cache[key]

    wrapper.cache_clear = cache.clear  # type: ignore[attr-defined]
    return wrapper


def load_all(data_dir: Path | str | None = None) -> dict[str, list[Row]]:
    """Validate every table in ``data_dir`` (default: the package's ``data/``) and return their rows.

    Raises :class:`DataValidationError` listing every problem when any file breaks its schema, a key repeats,
    or a citation or other link does not resolve. Results are cached until a file changes.
    """
    if data_dir is None:
        return _cached(DATA_DIR, _current_fingerprint())
    directory = Path(data_dir).resolve()
    return _cached(directory, _fingerprint(directory))


def load_records(table: str, data_dir: Path | str | None = None) -> list[Row]:
    """The validated rows of one table (e.g. ``"references"``) as pydantic models."""
    tables = load_all(data_dir)
    name = table.rsplit(".", 1)[0]
    if name not in tables:
        raise KeyError(f"table={table!r} is not declared; known tables: {', '.join(sorted(tables))}")
    return list(tables[name])


def load_record(table: str, value: str, column: str = "key", data_dir: Path | str | None = None) -> Row:
    """The one row of ``table`` whose ``column`` equals ``value``; the error names the closest known value."""
    rows = {getattr(row, column): row for row in load_records(table, data_dir)}
    if value not in rows:
        raise KeyError(f"{column}={value!r} is not in data/{table}{suggest(value, rows)}; "
                       f"known values: {', '.join(sorted(map(str, rows)))}")
    return rows[value]


def load_table(table: str, data_dir: Path | str | None = None) -> pd.DataFrame:
    """The validated rows of one table as a DataFrame, columns in schema order.

    Multi-valued cells (such as citation keys) are tuples.
    """
    import pandas as pd

    name = table.rsplit(".", 1)[0]
    records = load_records(name, data_dir)
    spec = next(s for s in all_specs().values() if s.name == name)
    return pd.DataFrame([r.model_dump() for r in records], columns=spec.columns)
