"""Real-browser fixtures: JupyterLab on a free loopback port, driven by Playwright in Debian's Chromium.

Fixtures
--------
``lab`` (session): a running JupyterLab and a Chromium browser. ``lab.open_and_run("01_x.ipynb")`` opens a
notebook in a fresh page, runs all cells, waits until the kernel is idle and returns the page;
``lab.console_errors`` lists console errors and page errors seen so far (``lab.errors_for(page)`` for one page).

Without ``/usr/bin/chromium`` these tests are skipped with one line saying how to enable them, except when
``CI`` is set: there a missing browser is a failure.
"""

from __future__ import annotations

import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
CHROMIUM = Path(os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium"))
ARTIFACTS = REPO / "artifacts" / "screenshots"
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic",
]
ENABLE_HINT = (
    "browser tests skipped: Chromium not found at /usr/bin/chromium (enable with: sudo apt-get install chromium)"
)
RUN_TIMEOUT_MS = 240_000


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


def free_port() -> int:
    """A free TCP port on the loopback interface."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def launch_chromium(playwright):
    """Debian's Chromium, headless, with every background connection switched off."""
    return playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)


def isolated_jupyter_env(home: Path) -> dict[str, str]:
    """Environment that keeps Jupyter's config, runtime and caches inside ``home``."""
    env = dict(os.environ)
    for name, sub in {
        "JUPYTER_CONFIG_DIR": "config", "JUPYTER_DATA_DIR": "data", "JUPYTER_RUNTIME_DIR": "runtime",
        "IPYTHONDIR": "ipython", "JUPYTERLAB_WORKSPACES_DIR": "workspaces", "XDG_CACHE_HOME": "cache",
        "JUPYTERLAB_SETTINGS_DIR": "settings",
    }.items():
        env[name] = str(home / sub)
    env["JUPYTER_PLATFORM_DIRS"] = "1"
    env.pop("PLOTLY_RENDERER", None)
    return env


@dataclass
class Lab:
    """A running JupyterLab server plus a browser; see the module docstring.

    Each test gets its own ``Lab`` (function scope) over the session's server and browser: a fresh browser
    context, and no kernel left over from an earlier test. Opening a notebook whose kernel still holds the
    widget models of an earlier run makes the browser restore all of them at once; that is a different
    situation from the one a test means to check, and it once made the suite fail depending on test order.
    """

    base_url: str
    token: str
    browser: object
    console_errors: list[str] = field(default_factory=list)
    console_log: list[str] = field(default_factory=list)
    _page_errors: dict[int, list[str]] = field(default_factory=dict)
    _context: object | None = None

    def url(self, path: str) -> str:
        return f"{self.base_url}{path}{'&' if '?' in path else '?'}token={self.token}"

    # ---- server state ------------------------------------------------------------------------------------
    def _api(self, method: str, path: str) -> object:
        request = urllib.request.Request(self.url(path), method=method)
        with urllib.request.urlopen(request, timeout=30) as response:
            body = response.read()
        return json.loads(body) if body else None

    def running_kernels(self) -> list[dict]:
        """The kernels the server is running now (``/api/kernels``)."""
        return list(self._api("GET", "/api/kernels"))

    def shut_down_kernels(self, timeout: float = 60) -> None:
        """Delete every session and kernel on the server and wait until none is left."""
        for session in self._api("GET", "/api/sessions"):
            self._api("DELETE", f"/api/sessions/{session['id']}")
        for kernel in self._api("GET", "/api/kernels"):
            self._api("DELETE", f"/api/kernels/{kernel['id']}")
        deadline = time.monotonic() + timeout
        while self.running_kernels():
            if time.monotonic() > deadline:
                raise AssertionError(f"kernels still running after {timeout:.0f} s: {self.running_kernels()}")
            time.sleep(0.2)

    # ---- pages -------------------------------------------------------------------------------------------
    def new_page(self, viewport: dict[str, int] | None = None):
        if self._context is None:
            self._context = self.browser.new_context(viewport=viewport or {"width": 1400, "height": 1000})
        page = self._context.new_page()
        if viewport:
            page.set_viewport_size(viewport)
        errors = self._page_errors.setdefault(id(page), [])

        def on_console(message) -> None:
            text = f"console.{message.type}: {message.text}"
            self.console_log.append(text)
            if message.type == "error":
                errors.append(f"console: {message.text}")
                self.console_errors.append(f"console: {message.text}")

        def on_pageerror(error) -> None:
            text = f"pageerror: {error}"
            self.console_log.append(text)
            errors.append(text)
            self.console_errors.append(text)

        page.on("console", on_console)
        page.on("pageerror", on_pageerror)
        return page

    def errors_for(self, page) -> list[str]:
        return list(self._page_errors.get(id(page), []))

    def open_and_run(self, notebook: str, *, fresh_kernel: bool = True, viewport: dict[str, int] | None = None):
        """Open ``notebooks/<notebook>``, Run All, wait until every cell has run, every widget view has drawn
        and the kernel is idle; return the page.

        ``fresh_kernel=True`` (the default) shuts down every kernel first, so the notebook starts in a new one.
        """
        if fresh_kernel:
            self.shut_down_kernels()
        page = self.new_page(viewport)
        page.set_default_timeout(RUN_TIMEOUT_MS)
        page.goto(self.url(f"/lab/tree/notebooks/{notebook}?reset"))
        page.wait_for_selector("#jp-main-statusbar >> text=/\\| Idle/")
        page.locator(".lm-MenuBar-itemLabel", has_text="Run").first.click()
        page.locator('li.lm-Menu-item[data-command="runmenu:run-all"]').click()
        # Every code cell gets an execution count once it has run; then the kernel goes idle.
        page.wait_for_function(
            """() => {
                const prompts = [...document.querySelectorAll('.jp-CodeCell .jp-InputPrompt')];
                return prompts.length > 0 && prompts.every(p => /\\[\\d+\\]/.test(p.textContent));
            }"""
        )
        page.wait_for_selector("#jp-main-statusbar >> text=/\\| Idle/")
        # Widget views render asynchronously: wait until no output still says it is loading a widget.
        page.wait_for_function(
            """() => ![...document.querySelectorAll('.jp-OutputArea-output')]
                    .some(o => /Loading widget/.test(o.textContent))"""
        )
        return page

    def close(self) -> None:
        """Close this test's browser context and every kernel it started."""
        if self._context is not None:
            self._context.close()
            self._context = None
        self.shut_down_kernels()

    def screenshot(self, page, name: str) -> Path:
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        path = ARTIFACTS / f"{name}.png"
        page.screenshot(path=str(path), full_page=True)
        return path


def _wait_for_server(url: str, process: subprocess.Popen, timeout: float = 90) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"JupyterLab exited early with code {process.returncode}")
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    raise RuntimeError(f"JupyterLab did not answer at {url} within {timeout:.0f} s")


@pytest.fixture(scope="session")
def lab_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, str]]:
    """Start JupyterLab on 127.0.0.1 with a random token; stop it by its own PID.

    It serves a copy of ``notebooks/`` so that running cells in the browser can never rewrite the committed
    notebooks, and autosave is off.
    """
    home = tmp_path_factory.mktemp("jupyter-home")
    root = home / "root"
    shutil.copytree(REPO / "notebooks", root / "notebooks", ignore=shutil.ignore_patterns(".ipynb_checkpoints"))
    settings = home / "settings" / "@jupyterlab" / "docmanager-extension"
    settings.mkdir(parents=True)
    (settings / "plugin.jupyterlab-settings").write_text('{"autosave": false}', encoding="utf-8")
    port, token = free_port(), secrets.token_hex(16)
    log = (home / "server.log").open("w")
    jupyter = Path(sys.executable).with_name("jupyter")
    command = [
        str(jupyter if jupyter.exists() else shutil.which("jupyter")), "lab", "--no-browser", "--allow-root",
        f"--port={port}", "--ServerApp.port_retries=0", "--ServerApp.ip=127.0.0.1",
        f"--IdentityProvider.token={token}", f"--ServerApp.root_dir={root}",
        "--LabApp.news_url=None", "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
    ]
    process = subprocess.Popen(command, env=isolated_jupyter_env(home), stdout=log, stderr=subprocess.STDOUT)
    try:
        _wait_for_server(f"http://127.0.0.1:{port}/api/status?token={token}", process)
        yield f"http://127.0.0.1:{port}", token
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
        log.close()


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
