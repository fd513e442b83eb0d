"""Notebook sources in jupytext's "percent" format, and their conversion to ``.ipynb``.

Each lesson is written in ``notebooks/src/NN_name.py`` so that reviews read as plain text. A cell starts
with a marker line; markdown lines carry a leading ``# ``::

    # %% [markdown] {"slideshow": {"slide_type": "slide"}}
    # # A title
    # Some text.

    # %% {"tags": ["nbval-ignore-output"]}
    print("code")

The optional JSON object after the marker becomes the cell's metadata. The sources are read by jupytext
(``py:percent``); this module adds only what the lessons need on top: a check that names the line of a
malformed marker, the default slide role of each cell and stable cell ids. ``tools/build_notebooks.py`` turns
the sources into executed notebooks; ``tests/test_notebooks.py`` checks the two never drift apart.
"""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path

import jupytext
import nbformat

MARKER = re.compile(r"^# %%(?: \[(?P<kind>markdown|md|raw)\])?(?: (?P<meta>\{.*\}))?\s*$")
KERNEL_METADATA = {
    "kernelspec": {"display_name": "Python 3 (ipykernel)", "language": "python", "name": "python3"},
    "language_info": {"name": "python"},
}


def check_source(text: str, origin: str = "<source>") -> None:
    """Raise ``ValueError`` naming the line when a lesson source is malformed in a way jupytext would accept.

    jupytext is lenient: text before the first marker would become an extra cell, bad JSON after a marker would
    be read as a cell title, and a markdown line without ``#`` would end up in a code cell. For a lesson those
    are always mistakes.
    """
    seen_marker = False
    markdown = False
    for number, line in enumerate(text.splitlines(), start=1):
        if line.startswith("# %%"):
            match = MARKER.match(line)
            if match is None:
                raise ValueError(f"{origin}, line {number}: not a cell marker ('# %%', '# %% [markdown]', "
                                 f"optionally followed by a JSON object)")
            if match["meta"]:
                try:
                    json.loads(match["meta"])
                except json.JSONDecodeError as exc:
                    raise ValueError(f"{origin}, line {number}: cell metadata is not valid JSON ({exc})") from exc
            seen_marker, markdown = True, match["kind"] is not None
        elif not seen_marker and line.strip():
            raise ValueError(f"{origin}, line {number}: text before the first '# %%' cell marker")
        elif markdown and line.strip() and not line.startswith("#"):
            raise ValueError(f"{origin}, line {number}: markdown lines must start with '#'")


def read_source(text: str, origin: str = "<source>") -> nbformat.NotebookNode:
    """The notebook jupytext reads from percent-format text (after :func:`check_source`)."""
    check_source(text, origin)
    return jupytext.reads(text, fmt="py:percent")


def parse_source(text: str, origin: str = "<source>") -> list[dict]:
    """Split percent-format text into cells: ``{"cell_type", "source", "metadata"}`` dicts."""
    return cells_of(read_source(text, origin))


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
    """Build an unexecuted notebook from a percent-format source file.

    jupytext reads the cells; the notebook gets the kernel metadata (no jupytext metadata: the ``.ipynb`` is a
    build product, not a paired file), a default slide role per cell and ids that stay the same across builds.
    """
    read = read_source(path.read_text(encoding="utf-8"), origin=str(path))
    nb = nbformat.v4.new_notebook()
    nb.metadata = json.loads(json.dumps(KERNEL_METADATA))
    maker = {"markdown": nbformat.v4.new_markdown_cell, "code": nbformat.v4.new_code_cell,
             "raw": nbformat.v4.new_raw_cell}
    for index, cell in enumerate(cells_of(read)):
        cell["metadata"].setdefault("slideshow", {"slide_type": default_slide_type(cell)})
        nb.cells.append(maker[cell["cell_type"]](source=cell["source"], metadata=cell["metadata"],
                                                 id=_cell_id(path.stem, index)))
    return nb


def cells_of(nb: nbformat.NotebookNode) -> list[dict]:
    """The parts of a notebook's cells that come from its source: type, text and metadata."""
    return [
        {"cell_type": c.cell_type, "source": c.source, "metadata": dict(c.metadata)}
        for c in nb.cells
    ]
