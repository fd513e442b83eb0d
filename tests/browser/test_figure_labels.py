"""Every figure shows everything it claims: no tick label, legend entry or title cut off or overlapping (issue 10).

Each stored figure in the lessons and each widget app's figure is drawn by plotly.js in Debian's Chromium at
notebook width (800 px) and at projector size (1024 px wide, and for the apps rebuilt with the projector fonts).
A text element counts as clipped when it reaches outside the figure, and an axis title must not overlap that
axis's tick labels (``lab_harness.PLOTLY_LABEL_PROBLEMS``, which ``test_projector_view.py`` uses too). The 04
verdict charts once read "supported" for both "✔ supported" and "◐ partly supported" because the left margin cut
the icons off: that is the kind of fault this test catches.
"""

from __future__ import annotations

import json
from pathlib import Path

import plotly
import pytest

from tests.browser.lab_harness import PLOTLY_LABEL_PROBLEMS

REPO = Path(__file__).resolve().parents[2]
PLOTLY_MIME = "application/vnd.plotly.v1+json"
PLOTLY_JS = Path(plotly.__file__).parent / "package_data" / "plotly.min.js"
WIDTHS = {"notebook": 800, "projector": 1024}


def stored_figures() -> list[tuple[str, dict]]:
    found = []
    for path in sorted((REPO / "notebooks").glob("*.ipynb")):
        nb = json.loads(path.read_text(encoding="utf-8"))
        for index, cell in enumerate(nb["cells"]):
            for output in cell.get("outputs", []):
                spec = output.get("data", {}).get(PLOTLY_MIME)
                if spec:
                    found.append((f"{path.stem} cell {index}", spec))
    return found


def app_figures(projector: bool) -> list[tuple[str, dict]]:
    """The figure each widget app opens with, built with the screen or the projector fonts."""
    import plotly.graph_objects as go

    from microlib import style
    from microlib.apps.claims import build_claims_app
    from microlib.apps.evidence import build_evidence_app
    from microlib.apps.mechanism import build_depth_app, build_healing_app
    from microlib.apps.risk import build_checklist_app

    style.set_projector(projector)
    try:
        figures = {
            "depth explorer": build_depth_app().figure,
            "healing explorer": build_healing_app().figure,
            "evidence explorer": build_evidence_app().figure,
            "claims browser": build_claims_app().figure,
            "checklist timeline": build_checklist_app().timeline,
        }
        return [(name, json.loads(go.Figure(fig).to_json())) for name, fig in figures.items()]
    finally:
        style.set_projector(False)


@pytest.fixture(scope="module")
def chart_page(browser):
    """A blank page with the local plotly.js (no network), shared by this module's tests."""
    page = browser.new_page(viewport={"width": 1100, "height": 900})
    errors: list[str] = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.set_content("<div id='figure'></div>")
    page.add_script_tag(path=str(PLOTLY_JS))
    yield page, errors
    page.close()


def problems_at(page, spec: dict, width: int) -> list[str]:
    page.evaluate("w => { const d = document.getElementById('figure'); d.style.width = w + 'px'; }", width)
    layout = dict(spec.get("layout", {}))
    layout.pop("width", None)
    page.evaluate("([data, layout]) => Plotly.newPlot('figure', data, layout, {responsive: false})",
                  [spec.get("data", []), layout])
    return page.evaluate(PLOTLY_LABEL_PROBLEMS, page.locator("#figure").element_handle())


@pytest.mark.parametrize("size", list(WIDTHS))
def test_every_stored_figure_shows_all_its_labels(chart_page, size: str) -> None:
    page, errors = chart_page
    found = {name: problems_at(page, spec, WIDTHS[size]) for name, spec in stored_figures()}
    assert {name: p for name, p in found.items() if p} == {}
    assert errors == []


@pytest.mark.parametrize("projector", [False, True], ids=["screen fonts", "projector fonts"])
def test_every_widget_figure_shows_all_its_labels(chart_page, projector: bool) -> None:
    page, errors = chart_page
    width = WIDTHS["projector" if projector else "notebook"]
    found = {name: problems_at(page, spec, width) for name, spec in app_figures(projector)}
    assert {name: p for name, p in found.items() if p} == {}
    assert errors == []


def test_the_label_check_catches_a_clipped_tick_label(chart_page) -> None:
    page, _ = chart_page
    spec = {"data": [{"type": "bar", "orientation": "h", "x": [3, 5],
                      "y": ["✔ supported", "◐ partly supported by a long label"]}],
            "layout": {"margin": {"l": 10, "r": 10, "t": 10, "b": 30}, "yaxis": {"automargin": False}}}
    assert any(p.startswith("clipped") for p in problems_at(page, spec, 800))
