"""Notebook 03 in real JupyterLab: loading a fictional case shows its outcome in words, and reset clears it."""

from __future__ import annotations

import re
from pathlib import Path

from microlib import risk

NOTEBOOK = "03_side_effect_risk_checklist.ipynb"
SCREENSHOTS = Path(__file__).resolve().parents[2] / "artifacts" / "screenshots"


def expected_headline(case_key: str) -> str:
    key = risk.vignette(case_key).expected_outcome
    return next(o.headline for o in risk.outcome_scale() if o.key == key)


def choose(page, case_key: str) -> None:
    """Pick a case in the vignette list by its visible title."""
    page.locator(".mn-vignette select").first.select_option(label=risk.vignette(case_key).title, timeout=90_000)


def wait_for_outcome(page, text: str) -> None:
    """Wait until the visible outcome panel says ``text`` (widgets render after the cell output appears)."""
    page.wait_for_function(
        "text => [...document.querySelectorAll('.mn-outcome')].some(e => e.innerText.includes(text))",
        arg=text, timeout=90_000,
    )


def test_loading_a_vignette_shows_its_outcome_in_words(lab) -> None:
    page = lab.open_and_run(NOTEBOOK)
    try:
        outcome = page.locator(".mn-outcome").first
        outcome.scroll_into_view_if_needed()
        wait_for_outcome(page, "No flags from this checklist")
        assert "Provisional" in outcome.inner_text()

        choose(page, "case_e_eli")
        page.locator(".mn-load").first.click()
        wait_for_outcome(page, f"Outcome: {expected_headline('case_e_eli')}")
        text = outcome.inner_text()
        assert f"Outcome: {expected_headline('case_e_eli')}" in text
        assert "Provisional" not in text
        # The reasons panel is a separate widget: its update can arrive just after the outcome's.
        page.wait_for_function(
            "() => document.querySelector('.mn-reasons-panel').innerText.includes('Bleeding disorder')",
            timeout=90_000,
        )

        choose(page, "case_h_hana")
        page.locator(".mn-load").first.click()
        wait_for_outcome(page, f"Outcome: {expected_headline('case_h_hana')}")
        assert re.search(r"Provisional: 2 question", outcome.inner_text())
        app = page.locator(".mn-checklist-app").first
        app.scroll_into_view_if_needed()
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        app.screenshot(path=str(SCREENSHOTS / "03_checklist_case_h.png"))

        page.locator(".mn-reset").first.click()
        wait_for_outcome(page, "Provisional: 25 question")
        assert lab.errors_for(page) == []
    finally:
        page.close()
