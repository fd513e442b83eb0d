"""Notebook 04 in real JupyterLab: charts draw, the claims browser filters, the quiz gives feedback."""

from __future__ import annotations

NOTEBOOK = "04_claims_vs_evidence.ipynb"


def test_claims_browser_and_quiz_work_in_lab(lab) -> None:
    page = lab.open_and_run(NOTEBOOK)
    page.wait_for_selector(".js-plotly-plot .main-svg")
    assert page.locator(".js-plotly-plot").count() >= 3  # two static charts and the browser's chart

    # Claims browser: choose a verdict and read the new count.
    verdict = page.locator(".mn-claims-app .widget-dropdown", has_text="Verdict:").locator("select")
    verdict.select_option(label="✘ contradicted")
    page.wait_for_selector(".mn-claims-app >> text=1 claim for topic")

    # Quiz: a wrong answer, then the right one; feedback appears in words with an icon.
    quiz = page.locator(".mn-quiz").first
    quiz.locator(".widget-radio-box label", has_text="Supported").first.click()
    quiz.locator("button", has_text="Check answer").first.click()
    page.wait_for_selector(".mn-quiz >> text=✘ Not quite")
    quiz.locator(".widget-radio-box label", has_text="Contradicted").first.click()
    quiz.locator("button", has_text="Check answer").first.click()
    page.wait_for_selector(".mn-quiz >> text=✔ Correct")

    lab.screenshot(page, "04_claims_vs_evidence")
    assert lab.errors_for(page) == []
