"""Real-browser fixtures: JupyterLab on a free loopback port, driven by Playwright in Debian's Chromium.

Fixtures
--------
``lab`` (session): a running JupyterLab and a Chromium browser. ``lab.open_and_run("01_x.ipynb")`` opens a
notebook in a fresh page, runs all cells, waits until the kernel is idle and returns the page;
``lab.console_errors`` lists console errors and page errors seen so far (``lab.errors_for(page)`` for one page).
``lab.present("01_x.ipynb")`` opens a notebook as a trainer shows it (1024×768, left sidebar collapsed, nothing run)
and ``lab.overflow(page)`` lists what in it is wider than the notebook.

Without ``/usr/bin/chromium`` these tests are skipped with one line saying how to enable them, except when
``CI`` is set: there a missing browser is a failure.

The server, Chromium and ``Lab`` themselves are plain code in ``tests/browser/lab_harness.py``, which the browser
benchmark (``bench/bench_browser.py``) uses too; this file only wraps them in fixtures.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Iterator

import pytest

from tests.browser.lab_harness import CHROMIUM, REPO, Lab, launch_chromium, running_lab

ENABLE_HINT = (
    "browser tests skipped: Chromium not found at /usr/bin/chromium (enable with: sudo apt-get install chromium)"
)


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    browser_items = [item for item in items if "tests/browser" in str(item.fspath)]
    for item in browser_items:
        item.add_marker(pytest.mark.browser)
    if browser_items and not CHROMIUM.exists():
        if os.environ.get("CI"):
            raise pytest.UsageError(f"CI requires the browser tests, but {CHROMIUM} is missing")
        print(f"\n{ENABLE_HINT}")
        skip = pytest.mark.skip(reason=ENABLE_HINT)
        for item in browser_items:
            item.add_marker(skip)


def ensure_vendor() -> None:
    """Install the pinned npm front-end files (reveal.js, require.js, icon fonts, axe-core) via `make vendor`.

    Without npm the calling test is skipped with a line saying what to install, except in CI, where it fails.
    """
    if shutil.which("npm") is None:
        message = "needs npm for the vendored front-end files (install Node.js 20 with npm)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    result = subprocess.run(["make", "--no-print-directory", "vendor"], cwd=REPO, capture_output=True, text=True,
                            check=False)
    assert result.returncode == 0, f"make vendor failed:\n{result.stdout[-2000:]}\n{result.stderr[-2000:]}"


@pytest.fixture(scope="session")
def lab_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, str]]:
    """Start JupyterLab on 127.0.0.1 with a random token (``lab_harness.running_lab``); stop it by its own PID.

    It serves a copy of ``notebooks/`` so that running cells in the browser can never rewrite the committed
    notebooks, and autosave is off.
    """
    with running_lab(tmp_path_factory.mktemp("jupyter-home")) as server:
        yield server.base_url, server.token


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    """One headless Chromium for the whole session."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = launch_chromium(playwright)
        yield chromium
        chromium.close()


@pytest.fixture
def lab(lab_server: tuple[str, str], browser: object) -> Iterator[Lab]:
    """JupyterLab plus browser for one test: ``lab.open_and_run(notebook)``; a fresh context and kernels."""
    base_url, token = lab_server
    instance = Lab(base_url=base_url, token=token, browser=browser)
    try:
        yield instance
    finally:
        instance.close()


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo):
    """Attach the browser console of a failed test to its report, so a failure shows what the page said."""
    outcome = yield
    report = outcome.get_result()
    lab_instance = getattr(item, "funcargs", {}).get("lab")
    if report.failed and isinstance(lab_instance, Lab) and lab_instance.console_log:
        report.sections.append(("browser console", "\n".join(lab_instance.console_log[-200:])))
