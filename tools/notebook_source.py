"""Notebook sources in the "percent" text format, and their conversion to ``.ipynb``.

Each lesson is written in ``notebooks/src/NN_name.py`` so that reviews read as plain text. A cell starts
with a marker line; markdown lines carry a leading ``# ``::

    # %% [markdown] {"slideshow": {"slide_type": "slide"}}
    # # A title
    # Some text.

    # %% {"tags": ["nbval-ignore-output"]}
    print("code")

The optional JSON object after the marker becomes the cell's metadata. ``tools/build_notebooks.py`` turns the
sources into executed notebooks; ``tests/test_notebook_sources.py`` checks the two never drift apart.
"""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path

import nbformat

MARKER = re.compile(r"^# %%(?: \[(?P<kind>markdown|md|raw)\])?(?: (?P<meta>\{.*\}))?\s*$")


def parse_source(text: str, origin: str = "<source>") -> list[dict]:
    """Split percent-format text into cells: ``{"cell_type", "source", "metadata"}`` dicts."""
    cells: list[dict] = []
    current: dict | None = None
    for number, line in enumerate(text.splitlines(), start=1):
        match = MARKER.match(line)
        if match:
            kind = match["kind"]
            try:
                metadata = json.loads(match["meta"]) if match["meta"] else {}
            except json.JSONDecodeError as exc:
                raise ValueError(f"{origin}, line {number}: cell metadata is not valid JSON ({exc})") from exc
            cell_type = "markdown" if kind in ("markdown", "md") else ("raw" if kind == "raw" else "code")
            current = {"cell_type": cell_type, "lines": [], "metadata": metadata}
            cells.append(current)
            continue
        if current is None:
            if line.strip():
                raise ValueError(f"{origin}, line {number}: text before the first '# %%' cell marker")
            continue
        if current["cell_type"] != "code":
            if line.strip() and not line.startswith("#"):
                raise ValueError(f"{origin}, line {number}: markdown lines must start with '#'")
            line = line[2:] if line.startswith("# ") else line[1:]
        current["lines"].append(line)
    result = []
    for cell in cells:
        lines = cell["lines"]
        while lines and not lines[-1].strip():
            lines.pop()
        while lines and not lines[0].strip():
            lines.pop(0)
        result.append({"cell_type": cell["cell_type"], "source": "\n".join(lines), "metadata": cell["metadata"]})
    return result


def default_slide_type(cell: dict) -> str:
    """Slide role for RISE and reveal.js: each ``#``/``##`` heading starts a slide, ``###`` a sub-slide."""
    first = cell["source"].lstrip().split("\n", 1)[0] if cell["source"] else ""
    if cell["cell_type"] == "markdown" and (first.startswith("# ") or first.startswith("## ")):
        return "slide"
    if cell["cell_type"] == "markdown" and first.startswith("### "):
        return "subslide"
    return "-"


def _cell_id(stem: str, index: int) -> str:
    return hashlib.sha1(f"{stem}:{index}".encode()).hexdigest()[:8]


def source_to_notebook(path: Path) -> nbformat.NotebookNode:
    """Build an unexecuted notebook from a percent-format source file."""
    cells = parse_source(path.read_text(encoding="utf-8"), origin=str(path))
    nb = nbformat.v4.new_notebook()
    nb.metadata = {
        "kernelspec": {"display_name": "Python 3 (ipykernel)", "language": "python", "name": "python3"},
        "language_info": {"name": "python"},
    }
    for index, cell in enumerate(cells):
        cell["metadata"].setdefault("slideshow", {"slide_type": default_slide_type(cell)})
        maker = {
            "markdown": nbformat.v4.new_markdown_cell,
            "code": nbformat.v4.new_code_cell,
            "raw": nbformat.v4.new_raw_cell,
        }[cell["cell_type"]]
        nb.cells.append(maker(source=cell["source"], metadata=cell["metadata"], id=_cell_id(path.stem, index)))
    return nb


def cells_of(nb: nbformat.NotebookNode) -> list[dict]:
    """The parts of a notebook's cells that come from its source: type, text and metadata."""
    return [
        {"cell_type": c.cell_type, "source": c.source, "metadata": dict(c.metadata)}
        for c in nb.cells
    ]
