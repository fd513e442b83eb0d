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


# The name a student hears or reads for the focused control: its ARIA name, or else the visible label of the
# widget around it. ipywidgets 8.1's slider handle has no ARIA name of its own (only the visible label beside
# it), so the visible label is what this test can require; the closing note of issue 10 records the gap.
FOCUSED = """() => {
  const e = document.activeElement;
  if (!e || e === document.body) return null;
  const labelled = e.getAttribute('aria-labelledby');
  const byId = labelled ? labelled.split(' ').map(id => document.getElementById(id)?.textContent || '').join(' ') : '';
  const visible = e.closest('.jupyter-widgets')?.querySelector(':scope > .widget-label')?.textContent || '';
  const title = e.getAttribute('title') === 'null' ? '' : (e.getAttribute('title') || '');
  return {tag: e.tagName.toLowerCase(), aria: (e.getAttribute('aria-label') || byId).trim(),
          name: (e.getAttribute('aria-label') || byId || visible || title || e.textContent || '').trim(),
          inApp: !!e.closest('.widget-vbox')};
}"""


def test_the_depth_explorer_works_from_the_keyboard(lab):
    """Every control of the depth explorer has a name, and the arrow keys move the needle (issue 10)."""
    page = lab.open_and_run(NOTEBOOK)
    wait_for_text(page, ".gtitle", "1.50 mm needle at the forehead")
    handle = page.locator(".widget-slider [role=slider]").first
    handle.focus()
    assert page.evaluate(FOCUSED)["name"].startswith("needle length (mm)")
    page.keyboard.press("ArrowRight")
    wait_for_text(page, ".gtitle", "1.75 mm needle at the forehead")
    stops = [page.evaluate(FOCUSED)]
    for _ in range(4):  # the site list, the sex buttons and the penetration slider follow in Tab order
        page.keyboard.press("Tab")
        stops.append(page.evaluate(FOCUSED))
    assert all(stop and stop["name"] and stop["inApp"] for stop in stops), stops
    assert lab.errors_for(page) == []
