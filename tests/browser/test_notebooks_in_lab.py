"""Every notebook, opened in real JupyterLab and run top to bottom, shows what a student should see."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

NOTEBOOKS = sorted(p.name for p in (Path(__file__).resolve().parents[2] / "notebooks").glob("*.ipynb"))
PLOTLY_MIME = "application/vnd.plotly.v1+json"


def stored_plotly_figures(name: str) -> int:
    """How many plotly mimetype figures the committed notebook holds."""
    nb = json.loads((Path(__file__).resolve().parents[2] / "notebooks" / name).read_text(encoding="utf-8"))
    return sum(PLOTLY_MIME in out.get("data", {}) for cell in nb["cells"] for out in cell.get("outputs", []))


@pytest.mark.parametrize("notebook", NOTEBOOKS)
def test_notebook_runs_cleanly_in_jupyterlab(lab, notebook: str) -> None:
    page = lab.open_and_run(notebook)
    try:
        body = page.locator(".jp-NotebookPanel:not(.lm-mod-hidden) .jp-Notebook")
        text = body.inner_text()
        assert "Error displaying widget" not in text
        errors = page.locator('.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.stderr"]')
        assert errors.count() == 0, f"error or stderr output: {errors.first.inner_text()[:500]}"
        # Every stored plotly figure is redrawn by the jupyterlab-plotly renderer ...
        assert page.locator(".jp-RenderedPlotly").count() == stored_plotly_figures(notebook)
        # ... and every plot on the page, static or FigureWidget, has drawn its SVG.
        plots = page.locator(".js-plotly-plot")
        for index in range(plots.count()):
            plots.nth(index).scroll_into_view_if_needed()
            plots.nth(index).locator(".main-svg").first.wait_for(state="attached")
        lab.screenshot(page, notebook.removesuffix(".ipynb"))
        assert lab.errors_for(page) == []
    finally:
        page.close()
