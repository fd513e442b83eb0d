"""Static checks on every committed notebook: skeleton, size, execution, offline, and source in sync."""

from __future__ import annotations

import json
import re
from pathlib import Path

import nbformat
import pytest

from microlib.loader import load_records
from microlib.paths import NOTEBOOKS_DIR
from tools.notebook_source import cells_of, parse_source, source_to_notebook

NOTEBOOKS = sorted(NOTEBOOKS_DIR.glob("*.ipynb"))
SOURCES = sorted((NOTEBOOKS_DIR / "src").glob("*.py"))
MAX_BYTES = 1_000_000
REQUIRED_SECTIONS = ("Overview", "Prerequisites", "Time to learn", "Summary", "References")
# Anything that would make a stored output fetch code or styles from the internet when it is displayed.
NETWORK_AT_RUN_TIME = re.compile(
    r"""<script[^>]*\bsrc\s*=\s*["']?(https?:)?//"""
    r"""|<link[^>]*\bhref\s*=\s*["']?(https?:)?//[^"' >]*\.(css|js)"""
    r"""|import\(\s*["']https?://|require\.config\([^)]*https?://"""
    r"""|cdn\.plot\.ly|cdn\.jsdelivr\.net|unpkg\.com|cdnjs\.cloudflare\.com""",
    re.IGNORECASE,
)
# A local path, not a path inside a web address (those are preceded by a host name).
ABSOLUTE_PATH = re.compile(r"(?<![\w.-])(/work/|/home/|/tmp/|/root/)|[A-Z]:\\\\Users")


def test_there_are_notebooks() -> None:
    assert NOTEBOOKS, "no notebooks found"


@pytest.fixture(params=NOTEBOOKS, ids=lambda p: p.name)
def notebook(request: pytest.FixtureRequest) -> tuple[Path, nbformat.NotebookNode]:
    path = request.param
    return path, nbformat.read(path, as_version=4)


def markdown_text(nb: nbformat.NotebookNode) -> str:
    return "\n".join(c.source for c in nb.cells if c.cell_type == "markdown")


def headings(nb: nbformat.NotebookNode, level: int) -> list[str]:
    text = re.sub(r"```.*?```", "", markdown_text(nb), flags=re.DOTALL)
    return re.findall(rf"^{'#' * level} (.+)$", text, flags=re.MULTILINE)


def test_each_notebook_is_under_one_megabyte(notebook) -> None:
    path, _ = notebook
    assert path.stat().st_size <= MAX_BYTES, f"{path.name} is {path.stat().st_size / 1e6:.2f} MB"


def test_each_notebook_has_exactly_one_title(notebook) -> None:
    _, nb = notebook
    assert len(headings(nb, 1)) == 1, headings(nb, 1)


def test_each_notebook_has_the_skeleton_sections(notebook) -> None:
    _, nb = notebook
    sections = headings(nb, 2)
    for required in REQUIRED_SECTIONS:
        assert any(required.lower() in s.lower() for s in sections), f"no '## {required}' section in {sections}"


def test_every_image_has_alt_text(notebook) -> None:
    _, nb = notebook
    text = markdown_text(nb)
    assert not re.search(r"!\[\s*\]\(", text), "markdown image without alt text"
    for tag in re.findall(r"<img\b[^>]*>", text, flags=re.IGNORECASE):
        assert re.search(r'\balt\s*=\s*"[^"]+"', tag), f"<img> without alt text: {tag}"


def test_kernelspec_is_python3(notebook) -> None:
    _, nb = notebook
    assert nb.metadata.kernelspec.name == "python3"


def test_no_error_outputs(notebook) -> None:
    _, nb = notebook
    for cell in nb.cells:
        for output in cell.get("outputs", []):
            assert output.output_type != "error", f"error output: {output.get('ename')}"
            assert not (output.output_type == "stream" and output.name == "stderr"), output.text[:300]


def test_cells_were_executed_in_order_in_one_kernel(notebook) -> None:
    _, nb = notebook
    code = [c for c in nb.cells if c.cell_type == "code" and c.source.strip()]
    counts = [c.execution_count for c in code]
    assert counts == list(range(1, len(code) + 1)), counts


def test_no_output_needs_the_network_or_leaks_a_path(notebook) -> None:
    _, nb = notebook
    for cell in nb.cells:
        for output in cell.get("outputs", []):
            text = json.dumps(output)
            match = NETWORK_AT_RUN_TIME.search(text)
            assert not match, f"output refers to a network resource: {match.group(0)}"
            path = ABSOLUTE_PATH.search(text)
            assert not path, f"output contains an absolute path: {path.group(0)}"


def test_no_executed_widget_state_is_stored(notebook) -> None:
    _, nb = notebook
    assert "widgets" not in nb.metadata, "strip metadata.widgets (tools/build_notebooks.py does)"


def test_every_notebook_has_a_source_and_they_agree() -> None:
    assert sorted(p.stem for p in NOTEBOOKS) == sorted(p.stem for p in SOURCES)
    for source in SOURCES:
        built = cells_of(source_to_notebook(source))
        committed = cells_of(nbformat.read(NOTEBOOKS_DIR / f"{source.stem}.ipynb", as_version=4))
        assert built == committed, f"{source.stem}: rebuild with `make notebooks` (source and notebook differ)"


NUMBER_WITH_UNIT = re.compile(
    # "%" is not a word character, so only the word units take a trailing \b.
    r"(?<![\w.])(\d+(?:\.\d+)?)\s*(%|(?:mm|µm|days?|weeks?|months?|years?|people|patients|participants|studies"
    r"|trials)\b)"
)
UNIT_NAMES = {"%": "%", "mm": "mm", "µm": "µm", "day": "day", "days": "day", "week": "week", "weeks": "week",
              "month": "month", "months": "month", "year": "year", "years": "year", "people": "people",
              "patients": "people", "participants": "people", "studies": "studies", "trials": "studies"}
#: Numeric columns whose unit is in their name or fixed by the schema.
COLUMN_UNITS = {"_mm": "mm", "_um": "µm", "_day": "day", "_days": "day", "_pct": "%", "_weeks": "week",
                "_years": "year"}
NAMED_COLUMNS = {"day_from": "day", "day_to": "day", "onset_day": "day", "start_day": "day", "n": "people",
                 "studies_included": "studies", "pooled_studies": "studies"}
# Quoted text (a blockquote or words in double quotes) is a claim being examined, not the lesson's own number.
QUOTED = re.compile(r"^\s*>.*$|\"[^\"\n]*\"|“[^”\n]*”", re.MULTILINE)
NUMBER_LITERAL = re.compile(r"(?<![\w.])\d+(?:\.\d+)?(?![\w.])")


def _canonical(number: str) -> str:
    return f"{float(number):g}"


def _data_rows() -> list[tuple[str, dict[str, object]]]:
    import csv

    import yaml

    rows = []
    for path in sorted((NOTEBOOKS_DIR.parent / "data").iterdir()):
        if path.suffix == ".csv":
            with path.open(newline="", encoding="utf-8") as handle:
                table = list(csv.DictReader(handle))
        elif path.suffix == ".yaml":
            table = [r for r in yaml.safe_load(path.read_text(encoding="utf-8")) or [] if isinstance(r, dict)]
        else:
            continue
        for number, row in enumerate(table, start=1):
            rows.append((f"data/{path.name} row {row.get('key') or row.get('id') or number}", row))
    return rows


def numbers_in_data() -> dict[tuple[str, str], set[str]]:
    """``{(number, unit): rows}``: every value with a unit that a data row states, in a cell or in its text."""
    index: dict[tuple[str, str], set[str]] = {}
    for where, row in _data_rows():
        unit = row.get("unit")
        for column, value in row.items():
            text = " ".join(map(str, value)) if isinstance(value, list) else str(value)
            pairs = [(n, UNIT_NAMES[u]) for n, u in NUMBER_WITH_UNIT.findall(text)]
            if re.fullmatch(r"\d+(?:\.\d+)?", text.strip()):
                pairs += [(text, u) for suffix, u in COLUMN_UNITS.items() if str(column).endswith(suffix)]
                if column in NAMED_COLUMNS:
                    pairs.append((text, NAMED_COLUMNS[column]))
                if column in ("default", "min", "max") and unit in UNIT_NAMES:
                    pairs.append((text, UNIT_NAMES[unit]))
            for number, name in pairs:
                index.setdefault((_canonical(number), name), set()).add(where)
    return index


def untied_numbers(prose: str, code: str, index: dict[tuple[str, str], set[str]]) -> list[str]:
    """Numbers with a unit in ``prose`` that no data row states in that unit and the lesson's code does not use.

    A number in a lesson is tied to the data row it comes from, or it is an input the student runs (a needle
    length or interval in the lesson's code), or it is quoted (a claim being examined).
    """
    inputs = {_canonical(n) for n in NUMBER_LITERAL.findall(code)}
    unquoted = QUOTED.sub(" ", prose)
    return sorted({f"{n} {u}" for n, u in NUMBER_WITH_UNIT.findall(unquoted)
                   if (_canonical(n), UNIT_NAMES[u]) not in index and _canonical(n) not in inputs})


def test_every_number_with_a_unit_in_the_prose_is_tied_to_a_data_row() -> None:
    """Numbers typed into a lesson from memory are caught: each must be stated, in the same unit, by a data row.

    Pairing the unit matters: about one integer in five from 0 to 100 appears in data/ as a percentage, but
    85 of them appear somewhere as a bare number.
    """
    index = numbers_in_data()
    for source in SOURCES:
        cells = parse_source(source.read_text(encoding="utf-8"))
        prose = "\n".join(c["source"] for c in cells if c["cell_type"] == "markdown")
        code = "\n".join(c["source"] for c in cells if c["cell_type"] == "code")
        untied = untied_numbers(prose, code, index)
        assert untied == [], (f"{source.name}: numbers no data row states in that unit (add the row with its "
                              f"citation, or correct the number): {untied}")


def test_the_number_guard_ties_numbers_to_rows_and_flags_invented_ones() -> None:
    index = numbers_in_data()
    fit = next(row for row in load_records("calibration_targets") if row.role == "fit")
    assert any(f"row {fit.key}" in where for where in index[(_canonical(str(fit.observed_pct)), "%")])
    prose = (f"The study found {fit.observed_pct} % more collagen. A 37.3 mm needle, 4.75 weeks later: 91.7 % better. "
             "Ads say it is \"83.1 % effective\".\n> 77.7 % of clients agree.")
    assert untied_numbers(prose, "simulate(4, 28, 1.5)", index) == ["37.3 mm", "4.75 weeks", "91.7 %"]
    assert untied_numbers("Try a 4.4 mm needle.", "reach(4.4)", index) == []
