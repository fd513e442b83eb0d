"""Notebook 02 in real JupyterLab: picking a condition changes the evidence card and the studies table."""

from __future__ import annotations

NOTEBOOK = "02_conditions_compared.ipynb"


def wait_for_text(page, selector: str, text: str) -> None:
    """Wait until some element matching ``selector`` shows ``text`` (widget views render asynchronously)."""
    page.wait_for_function(
        "([sel, txt]) => [...document.querySelectorAll(sel)].some(e => e.textContent.includes(txt))",
        arg=[selector, text], timeout=60_000,
    )


def test_picking_a_condition_changes_card_and_table(lab):
    page = lab.open_and_run(NOTEBOOK)
    table = page.locator(".mn-evidence-studies").first
    wait_for_text(page, ".mn-evidence", "Atrophic acne scars")
    wait_for_text(page, ".mn-evidence-studies", "Alam et al. 2014")

    page.locator(".widget-dropdown select").first.select_option(label="Stretch marks (striae)")
    wait_for_text(page, ".mn-evidence", "Stretch marks")
    wait_for_text(page, ".mn-evidence-studies", "Naspolini et al. 2019")
    assert "Alam et al. 2014" not in table.text_content()
    lab.screenshot(page, "02_conditions_compared_striae")
    assert lab.errors_for(page) == []
