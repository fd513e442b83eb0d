"""JupyterLab in Debian's Chromium, as plain functions and classes (no pytest): shared by the browser tests'
fixtures (``tests/browser/conftest.py``) and the browser benchmark (``bench/bench_browser.py``).

- ``running_lab(home)``: a JupyterLab server on a free loopback port with a random token, Jupyter's config, data
  and runtime files kept in ``home``, serving a copy of ``notebooks/`` with autosave off; stopped by its own
  process group when the ``with`` block ends.
- ``launch_chromium(playwright)``: Debian's Chromium, headless, with every background connection switched off.
- ``Lab``: pages on that server with their console errors recorded, the REST calls that list and shut down kernels,
  and ``open_and_run(notebook)``.

Named ``lab_harness`` rather than ``harness`` so it never shadows ``hub/harness.py``, which the hub tests import
by its bare name.
"""

from __future__ import annotations

import contextlib
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
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
CHROMIUM = Path(os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium"))
ARTIFACTS = REPO / "artifacts" / "screenshots"
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic",
]
RUN_TIMEOUT_MS = 240_000
# The kernel status item in JupyterLab's status bar reads "Python 3 (ipykernel) | Idle" when the kernel is idle.
KERNEL_IDLE = "#jp-main-statusbar >> text=/\\| Idle/"


def free_port() -> int:
    """A free TCP port on the loopback interface."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def launch_chromium(playwright, extra_args: Sequence[str] = ()):
    """Debian's Chromium, headless, with every background connection switched off."""
    return playwright.chromium.launch(executable_path=str(CHROMIUM), args=[*CHROMIUM_ARGS, *extra_args])


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


def wait_for_server(url: str, process: subprocess.Popen, timeout: float = 90) -> None:
    """Poll ``url`` until it answers 200; fail if ``process`` exits first or ``timeout`` seconds pass."""
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


def _children(pid: int) -> list[int]:
    """Every process below ``pid`` (kernels start in sessions of their own, so the process group misses them)."""
    parents: dict[int, int] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                parents[int(entry.name)] = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
    found, frontier = [], [pid]
    while frontier:
        below = [child for child, parent in parents.items() if parent in frontier]
        found += below
        frontier = below
    return found


def stop_process_group(process: subprocess.Popen, timeout: float = 20) -> None:
    """Stop ``process`` (started with ``start_new_session=True``), its process group and anything it started.

    SIGTERM to its own group first (JupyterLab then shuts its kernels down); after ``timeout`` seconds SIGKILL.
    Any process that was below it and is still alive afterwards (an orphaned kernel) is killed by its own PID.
    """
    below = _children(process.pid)
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=timeout)
    for pid in below:
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGKILL)


@dataclass(frozen=True)
class LabServer:
    """A running JupyterLab: its address, token, the folder it serves (``root``) and its process."""

    base_url: str
    token: str
    root: Path
    process: subprocess.Popen


@contextlib.contextmanager
def running_lab(home: Path, extra_args: Sequence[str] = ()) -> Iterator[LabServer]:
    """Start JupyterLab on 127.0.0.1 with a random token, with Jupyter's files kept in ``home``; stop it on exit.

    It serves ``home/root``, holding a copy of ``notebooks/`` so that running cells in the browser can never
    rewrite the committed notebooks, and autosave is off. Offline: no news feed and no update check. The server
    runs in a process group of its own, which is stopped with everything below it (``stop_process_group``).
    """
    root = home / "root"
    shutil.copytree(REPO / "notebooks", root / "notebooks", ignore=shutil.ignore_patterns(".ipynb_checkpoints"))
    settings = home / "settings" / "@jupyterlab" / "docmanager-extension"
    settings.mkdir(parents=True)
    (settings / "plugin.jupyterlab-settings").write_text('{"autosave": false}', encoding="utf-8")
    port, token = free_port(), secrets.token_hex(16)
    jupyter = Path(sys.executable).with_name("jupyter")
    command = [
        str(jupyter if jupyter.exists() else shutil.which("jupyter")), "lab", "--no-browser", "--allow-root",
        f"--port={port}", "--ServerApp.port_retries=0", "--ServerApp.ip=127.0.0.1",
        f"--IdentityProvider.token={token}", f"--ServerApp.root_dir={root}",
        "--LabApp.news_url=None", "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate", *extra_args,
    ]
    with (home / "server.log").open("w") as log:
        process = subprocess.Popen(command, env=isolated_jupyter_env(home), stdout=log, stderr=subprocess.STDOUT,
                                   start_new_session=True)
        try:
            wait_for_server(f"http://127.0.0.1:{port}/api/status?token={token}", process)
            yield LabServer(f"http://127.0.0.1:{port}", token, root, process)
        finally:
            stop_process_group(process)


@dataclass
class Lab:
    """A running JupyterLab server plus a browser: pages with their errors recorded, and the server's kernels.

    The browser tests give each test its own ``Lab`` (function scope) over the session's server and browser: a
    fresh browser context, and no kernel left over from an earlier test. Opening a notebook whose kernel still
    holds the widget models of an earlier run makes the browser restore all of them at once; that is a different
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

    def open_notebook(self, notebook: str, viewport: dict[str, int] | None = None, timeout_ms: int = RUN_TIMEOUT_MS):
        """Open ``notebooks/<notebook>`` in a new page (workspace reset) and wait until its kernel is idle."""
        page = self.new_page(viewport)
        page.set_default_timeout(timeout_ms)
        page.goto(self.url(f"/lab/tree/notebooks/{notebook}?reset"))
        page.wait_for_selector(KERNEL_IDLE)
        return page

    def open_and_run(self, notebook: str, *, fresh_kernel: bool = True, viewport: dict[str, int] | None = None):
        """Open ``notebooks/<notebook>``, Run All, wait until every cell has run, every widget view has drawn
        and the kernel is idle; return the page.

        ``fresh_kernel=True`` (the default) shuts down every kernel first, so the notebook starts in a new one.
        """
        if fresh_kernel:
            self.shut_down_kernels()
        page = self.open_notebook(notebook, viewport)
        page.locator(".lm-MenuBar-itemLabel", has_text="Run").first.click()
        page.locator('li.lm-Menu-item[data-command="runmenu:run-all"]').click()
        # Every code cell gets an execution count once it has run; then the kernel goes idle.
        page.wait_for_function(
            """() => {
                const prompts = [...document.querySelectorAll('.jp-CodeCell .jp-InputPrompt')];
                return prompts.length > 0 && prompts.every(p => /\\[\\d+\\]/.test(p.textContent));
            }"""
        )
        page.wait_for_selector(KERNEL_IDLE)
        # Widget views render asynchronously: wait until no output still says it is loading a widget.
        page.wait_for_function(
            """() => ![...document.querySelectorAll('.jp-OutputArea-output')]
                    .some(o => /Loading widget/.test(o.textContent))"""
        )
        return page

    def close(self) -> None:
        """Close this browser context and every kernel on the server."""
        if self._context is not None:
            self._context.close()
            self._context = None
        self.shut_down_kernels()

    def screenshot(self, page, name: str) -> Path:
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        path = ARTIFACTS / f"{name}.png"
        page.screenshot(path=str(path), full_page=True)
        return path
