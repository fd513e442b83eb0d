"""Every lesson fits a classroom projector: 1024×768, JupyterLab's left sidebar collapsed, as a trainer presents.

Each lesson is opened in real JupyterLab with its stored outputs (no cell is run, so widget views show only their
static fallback and are skipped) and scrolled through cell by cell, so that lazily rendered cells are drawn and
checked too; every ``<details>`` block is opened, as a trainer reveals the solutions. Nothing the audience reads may
reach past the notebook's visible right edge or need a horizontal scrollbar: no output (tables, images, plotly
figures), no rendered markdown (tables, images, long words or URLs, code spans), no code cell (long lines wrap:
``tools/configure_lab.py`` turns on JupyterLab's line wrap for code cells). Plotly figures are drawn at least
300 px wide with every label inside the figure (``lab_harness.PLOTLY_LABEL_PROBLEMS``, as in
``test_figure_labels.py``). A failure names the notebook, the cell's index and what overflows by how many px.
"""

from __future__ import annotations

import copy
import json
import re
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
LESSONS = sorted(p.name for p in (REPO / "notebooks").glob("0*.ipynb"))
PLOTLY_MIME = "application/vnd.plotly.v1+json"


def read_notebook(name: str) -> dict:
    return json.loads((REPO / "notebooks" / name).read_text(encoding="utf-8"))


def check_projector_view(lab, notebook: str) -> list[str]:
    """Present ``notebook`` at 1024×768 and return what overflows, each line starting with the notebook's name."""
    page = lab.present(notebook)
    try:
        result = lab.overflow(page)
        expected = len(lab.get_notebook(f"notebooks/{notebook}")["cells"])
        assert result["cells"] == result["checked"] == expected, (
            f"{notebook}: checked {result['checked']} of {result['cells']} cells on the page, "
            f"the notebook has {expected}")
        if result["problems"]:
            lab.screenshot(page, f"projector-{notebook.removesuffix('.ipynb')}")
        return [f"{notebook} {problem}" for problem in result["problems"]]
    finally:
        page.close()


@pytest.mark.parametrize("notebook", LESSONS)
def test_lesson_fits_a_1024x768_projector(lab, notebook: str) -> None:
    problems = check_projector_view(lab, notebook)
    assert problems == [], f"{notebook} overflows at 1024×768 (sidebar collapsed):\n" + "\n".join(problems)


def planted_overflow() -> tuple[dict, dict[str, int]]:
    """A copy of the first lesson with three overflowing cells appended (a long URL in markdown, a 2000 px wide
    HTML table, a 250 px wide figure with clipped labels) and the index of each."""
    notebook = copy.deepcopy(read_notebook(LESSONS[0]))
    start = len(notebook["cells"])

    def code(cell_id: str, data: dict) -> dict:
        return {"cell_type": "code", "id": cell_id, "metadata": {}, "source": "", "execution_count": 1,
                "outputs": [{"output_type": "display_data", "metadata": {}, "data": data}]}

    wide_table = ("<table style='width: 2000px'><tr>"
                  + "".join(f"<td>column {k}</td>" for k in range(20)) + "</tr></table>")
    cramped = {"data": [{"type": "bar", "orientation": "h", "x": [3, 5],
                         "y": ["✔ supported", "◐ partly supported by a long label"]}],
               "layout": {"width": 250, "height": 300, "margin": {"l": 10, "r": 10, "t": 10, "b": 30},
                          "yaxis": {"automargin": False}}}
    notebook["cells"] += [
        {"cell_type": "markdown", "id": "planted-url", "metadata": {},
         "source": "Read more at https://example.org/" + "unbreakable" * 40},
        code("planted-table", {"text/html": wide_table, "text/plain": "a wide table"}),
        code("planted-figure", {PLOTLY_MIME: cramped}),
    ]
    return notebook, {"url": start, "table": start + 1, "figure": start + 2}


def test_the_projector_check_catches_planted_overflow(lab) -> None:
    notebook, cells = planted_overflow()
    name = "zz_planted_overflow.ipynb"
    lab.put_notebook(f"notebooks/{name}", notebook)
    try:
        problems = "\n".join(check_projector_view(lab, name))
    finally:
        lab.delete_file(f"notebooks/{name}")
    expected = [
        rf"{name} cell {cells['url']}: markdown needs a horizontal scrollbar: \d+ px wider",
        rf"{name} cell {cells['url']}: markdown: text \"https://example.org/unbreakable.*\" ends \d+ px beyond",
        rf"{name} cell {cells['table']}: output \(text/html\) needs a horizontal scrollbar: \d+ px wider",
        rf"{name} cell {cells['table']}: output \(text/html\): <table> \"column 0.*\" ends \d+ px beyond",
        rf"{name} cell {cells['figure']}: plotly figure is only 250 px wide \(at least 300\)",
        rf"{name} cell {cells['figure']}: plotly figure: clipped: \"◐ partly supported",
    ]
    missing = [pattern for pattern in expected if not re.search(pattern, problems)]
    assert missing == [], f"not reported: {missing}\nreported:\n{problems}"
    # Only the planted cells are reported: the lesson's own cells still fit.
    planted = {f"{name} cell {index}:" for index in cells.values()}
    assert all(line.split(": ")[0] + ":" in planted for line in problems.splitlines()), problems
