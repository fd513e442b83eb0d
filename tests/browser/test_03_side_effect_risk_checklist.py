"""Notebook 03 in real JupyterLab: loading a fictional case shows its outcome in words, and reset clears it."""

from __future__ import annotations

import re

from microlib import risk

NOTEBOOK = "03_side_effect_risk_checklist.ipynb"


def expected_headline(case_key: str) -> str:
    key = risk.vignette(case_key).expected_outcome
    return next(o.headline for o in risk.outcome_scale() if o.key == key)


def test_loading_a_vignette_shows_its_outcome_in_words(lab) -> None:
    page = lab.open_and_run(NOTEBOOK)
    try:
        outcome = page.locator(".mn-outcome").first
        outcome.scroll_into_view_if_needed()
        outcome.wait_for(state="visible")
        assert "No flags from this checklist" in outcome.inner_text()
        assert "Provisional" in outcome.inner_text()

        page.locator(".mn-vignette select").first.select_option(value="case_e_eli")
        page.locator(".mn-load").first.click()
        page.wait_for_function(
            "text => document.querySelector('.mn-outcome').innerText.includes(text)", arg="Do not treat"
        )
        text = outcome.inner_text()
        assert f"Outcome: {expected_headline('case_e_eli')}" in text
        assert "Provisional" not in text
        assert "Bleeding disorder" in page.locator(".mn-reasons-panel").first.inner_text()

        page.locator(".mn-vignette select").first.select_option(value="case_h_hana")
        page.locator(".mn-load").first.click()
        page.wait_for_function(
            "text => document.querySelector('.mn-outcome').innerText.includes(text)", arg="Proceed with precautions"
        )
        assert re.search(r"Provisional: 2 question", outcome.inner_text())
        lab.screenshot(page, "03_checklist_case_h")

        page.locator(".mn-reset").first.click()
        page.wait_for_function(
            "text => document.querySelector('.mn-outcome').innerText.includes(text)", arg="No flags"
        )
        assert lab.errors_for(page) == []
    finally:
        page.close()
