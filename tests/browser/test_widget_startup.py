"""Explorers draw even when many figure widgets start at once (issue 9's regression test).

The full browser suite used to fail with ``[anywidget] Failed to initialize model.`` in lesson 01, but only
after an earlier test had run the same lesson on the shared server. The second page then found a kernel that
still held the first run's widget models; JupyterLab restored them all on connect while Run All created new
ones. Every plotly figure widget carried its own copy of plotly.js (about 5 MB), which the browser evaluated
once per figure on one thread, and anywidget gives each model only 2 seconds to become ready. The later
figures missed that budget. A student who reloads a lesson whose kernel is still running, or who works on a
slow laptop, hits the same wall: an explorer that never draws.

This test repeats that sequence deliberately (the harness otherwise gives every test a fresh kernel) and
asserts that every figure draws and the page logs no error.
"""

from __future__ import annotations

NOTEBOOK = "01_collagen_induction.ipynb"


def drawn_plots(page) -> int:
    return page.evaluate("() => document.querySelectorAll('.js-plotly-plot .main-svg').length")


def test_rerunning_a_lesson_in_a_kernel_that_still_holds_its_widgets_draws_every_figure(lab) -> None:
    first = lab.open_and_run(NOTEBOOK)
    expected = first.evaluate("() => document.querySelectorAll('.js-plotly-plot').length")
    first.close()
    assert lab.running_kernels(), "the first run's kernel should still be running for this test to mean anything"

    second = lab.open_and_run(NOTEBOOK, fresh_kernel=False)
    plots = second.locator(".js-plotly-plot")
    for index in range(plots.count()):
        plots.nth(index).scroll_into_view_if_needed()
        plots.nth(index).locator(".main-svg").first.wait_for(state="attached")
    assert plots.count() >= expected
    assert lab.errors_for(second) == [], "\n".join(lab.console_log[-40:])
