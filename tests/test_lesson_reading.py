"""Stored notebook outputs are made for reading: no cut-off cell text, no row-number index, no code-like headers.

A raw ``DataFrame`` repr cuts long cell text to 50 characters with "...", shows a column of row numbers (the blank
top-left ``<th></th>`` and ``class="dataframe"``) and uses the column names of the data (``verdict_reason``).
Lessons render tables with :func:`microlib.tables.student_table` instead; this test reads every stored output of
every notebook and names the cell and the problem. It also fails on citation keys shown as text
(``idoj2024_co2``) outside a lesson's reference list.
"""

from __future__ import annotations

import itertools
import re
from pathlib import Path

import nbformat
import pytest

from microlib.paths import NOTEBOOKS_DIR

NOTEBOOKS = sorted(NOTEBOOKS_DIR.glob("*.ipynb"))

RAW_INDEX = re.compile(r'class="dataframe"|<th>\s*</th>|<th\s+class="blank', re.IGNORECASE)
TRUNCATED_CELL = re.compile(r"<td[^>]*>(?:(?!</td>).){0,200}?\.\.\.\s*</td>", re.IGNORECASE | re.DOTALL)
HTML_HEADER = re.compile(r"<th[^>]*>(.*?)</th>", re.IGNORECASE | re.DOTALL)
SNAKE_CASE = re.compile(r"^[a-z][a-z0-9]*(_[a-z0-9]+)+$")
PLAIN_FRAME_TRUNCATION = re.compile(r"^\s*\d+\s+.*\.\.\.\s*$", re.MULTILINE)  # "0  Some long text...  "


def _citation_keys() -> set[str]:
    from microlib.loader import load_records

    # Keys that look like codes (a digit or an underscore); plain words such as "scleroderma" are left alone.
    return {r.key for r in load_records("references") if "_" in r.key or any(ch.isdigit() for ch in r.key)}


#: A line of a lesson's reference list ("- **key** — Authors …") names its key on purpose, as an anchor.
REFERENCE_LINE = re.compile(r"^- \*\*[a-z0-9_]+\*\* — .*$", re.MULTILINE)


def _raw_keys(visible: str) -> list[str]:
    visible = REFERENCE_LINE.sub("", visible)
    words = set(re.findall(r"[a-z][a-z0-9_]*[0-9_][a-z0-9_]*", visible))
    return sorted(words & _citation_keys())


def _markdown_headers(text: str) -> list[str]:
    headers = []
    lines = text.splitlines()
    for above, line in itertools.pairwise(lines):
        if re.match(r"^\s*\|?\s*:?-{3,}", line) and "|" in above:
            headers += [cell.strip().strip("*_` ") for cell in above.strip().strip("|").split("|")]
    return headers


def reading_problems(output: dict) -> list[str]:
    """What makes one stored output hard to read, in words (empty when it is fine)."""
    data = output.get("data", {}) if output.get("output_type") in ("display_data", "execute_result") else {}
    problems = []
    html = "".join(data.get("text/html", "")) if data else ""
    if html:
        if RAW_INDEX.search(html):
            problems.append("a raw DataFrame table with a row-number index column")
        cut = TRUNCATED_CELL.search(html)
        if cut:
            problems.append(f"cell text cut off with '...': {re.sub(r'<[^>]+>', '', cut.group(0))[-60:]!r}")
        headers = [re.sub(r"<[^>]+>", "", h).strip() for h in HTML_HEADER.findall(html)]
        problems += [f"code-like column header {h!r}" for h in headers if SNAKE_CASE.match(h)]
    elif "text/plain" in data:
        text = "".join(data["text/plain"])
        if PLAIN_FRAME_TRUNCATION.search(text) and re.search(r"^\s+\w+(\s{2,}\w+)+\s*$", text, re.MULTILINE):
            problems.append("a plain-text DataFrame repr with cut-off text")
    markdown = "".join(data.get("text/markdown", "")) if data else ""
    problems += [f"code-like column header {h!r}" for h in _markdown_headers(markdown) if SNAKE_CASE.match(h)]
    visible = re.sub(r"<[^>]+>", " ", html) + "\n" + markdown
    keys = _raw_keys(visible)
    if keys:
        problems.append(f"citation keys shown as text: {', '.join(keys[:5])}" + (" …" if len(keys) > 5 else ""))
    return problems


def notebook_problems(path: Path) -> list[str]:
    nb = nbformat.read(path, as_version=4)
    found = []
    for number, cell in enumerate(nb.cells, start=1):
        for output in cell.get("outputs", []):
            found += [f"{path.name}, cell {number}: {p}" for p in reading_problems(output)]
    return found


# ------------------------------------------------------------------ the checker itself can fail


def _html(markup: str) -> dict:
    return {"output_type": "display_data", "data": {"text/html": markup}}


def test_a_pandas_table_is_caught() -> None:
    import pandas as pd

    frame = pd.DataFrame({"verdict_reason": ["x" * 80]})
    with pd.option_context("display.max_colwidth", 50):
        problems = reading_problems(_html(frame._repr_html_()))
    assert any("row-number index" in p for p in problems)
    assert any("cut off" in p for p in problems)
    assert any("'verdict_reason'" in p for p in problems)


def test_a_student_table_passes() -> None:
    import pandas as pd

    from microlib.tables import student_table

    table = student_table(pd.DataFrame({"verdict_reason": ["x" * 80]}), labels={"verdict_reason": "Why"},
                          caption="Table 1.")
    assert reading_problems(_html(table.html)) == []


def test_markdown_table_headers_in_snake_case_are_caught() -> None:
    output = {"output_type": "display_data", "data": {"text/markdown": "| side_effect | Kind |\n|---|---|\n| a | b |"}}
    assert reading_problems(output) == ["code-like column header 'side_effect'"]
    fine = {"output_type": "display_data", "data": {"text/markdown": "| Side effect | Kind |\n|---|---|\n| a | b |"}}
    assert reading_problems(fine) == []


def test_citation_keys_in_text_are_caught_but_not_in_a_reference_list() -> None:
    shown = {"output_type": "display_data", "data": {"text/markdown": "| Sources |\n|---|\n| chu2021, dogra2014 |"}}
    assert reading_problems(shown) == ["citation keys shown as text: chu2021, dogra2014"]
    listed = {"output_type": "display_data", "data": {"text/markdown": "- **chu2021** — Chu S (2021). Safety."}}
    assert reading_problems(listed) == []


def test_an_ellipsis_inside_a_sentence_is_not_a_cut() -> None:
    assert reading_problems(_html("<table><tr><th>Note</th></tr><tr><td>wait... then go</td></tr></table>")) == []


# ------------------------------------------------------------------ every stored notebook


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_stored_outputs_are_made_for_reading(path: Path) -> None:
    problems = notebook_problems(path)
    assert not problems, "\n".join(problems)


def test_a_student_table_from_row_dicts_matches_the_dataframe_one() -> None:
    import pandas as pd
    import pytest

    from microlib.tables import student_table

    rows = [{"site": "forehead", "mm": 1.23456, "n": 3}, {"site": "temple, left", "mm": None, "n": 12}]
    options = dict(labels={"site": "Site", "mm": "Dermis (mm)", "n": "Studies"}, decimals={"mm": 2},
                   caption="Table 1.", columns=["n", "site", "mm"])
    from_rows, from_frame = student_table(rows, **options), student_table(pd.DataFrame(rows), **options)
    assert from_rows.html == from_frame.html and from_rows.text == from_frame.text
    assert '<td style="text-align: right">12</td>' in from_rows.html  # numbers right-aligned, text left
    with pytest.raises(KeyError, match=r"row 2 has keys \['site'\]"):
        student_table([{"site": "a", "mm": 1.0}, {"site": "b"}])
