"""Notebook 01 in real JupyterLab: moving a control redraws the figure in place (no stacked figures)."""

from __future__ import annotations

NOTEBOOK = "01_collagen_induction.ipynb"


def wait_for_text(page, selector: str, text: str) -> None:
    """Wait until some element matching ``selector`` shows ``text`` (widget views render asynchronously)."""
    page.wait_for_function(
        "([sel, txt]) => [...document.querySelectorAll(sel)].some(e => e.textContent.includes(txt))",
        arg=[selector, text], timeout=60_000,
    )


def plot_count(page) -> int:
    return page.evaluate("() => document.querySelectorAll('.js-plotly-plot').length")


def test_moving_controls_redraws_both_figures_in_place(lab):
    # One page for both explorers: re-running the notebook in a second page replaces the kernel's widget
    # models under the first one, which anywidget reports as a page error.
    page = lab.open_and_run(NOTEBOOK)
    wait_for_text(page, ".gtitle", "needle at the forehead")
    wait_for_text(page, ".gtitle", "default variant")
    plots_before = plot_count(page)

    page.locator(".widget-dropdown select").first.select_option(label="eyelid")
    wait_for_text(page, ".gtitle", "needle at the eyelid")
    wait_for_text(page, ".widget-html", "share of this site's dermis needled")

    page.locator(".widget-toggle-button", has_text="textbook").first.click()
    wait_for_text(page, ".gtitle", "textbook variant")
    assert plot_count(page) == plots_before  # redrawn in place, not stacked
    lab.screenshot(page, "01_collagen_induction_controls_moved")
    assert lab.errors_for(page) == []
