"""JupyterLab in Debian's Chromium, as plain functions and classes (no pytest): shared by the browser tests'
fixtures (``tests/browser/conftest.py``) and the browser benchmark (``bench/bench_browser.py``).

- ``running_lab(home)``: a JupyterLab server on a free loopback port with a random token, Jupyter's config, data
  and runtime files kept in ``home``, serving a copy of ``notebooks/`` with autosave off; stopped by its own
  process group when the ``with`` block ends.
- ``launch_chromium(playwright)``: Debian's Chromium, headless, with every background connection switched off.
- ``Lab``: pages on that server with their console errors recorded, the REST calls that list and shut down kernels
  and put or delete files, ``open_and_run(notebook)``, and ``present(notebook)`` (a notebook as a trainer shows it).
- ``PLOTLY_LABEL_PROBLEMS`` and ``NOTEBOOK_OVERFLOW``: page scripts that measure what an audience would miss (a
  figure's clipped labels; anything wider than the notebook).

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
# A classroom projector: the size trainers present the lessons at.
PROJECTOR = {"width": 1024, "height": 768}
WIDGET_MIME = "application/vnd.jupyter.widget-view+json"

# Every text of a drawn plotly figure (``div`` is its ``.js-plotly-plot``) that reaches outside the figure, and every
# axis title that overlaps its own tick labels, as short descriptions (empty when every label shows).
PLOTLY_LABEL_PROBLEMS = """
(div) => {
  const box = div.querySelector('.main-svg').getBoundingClientRect();  // the figure as drawn
  const out = [];
  const rect = e => e.getBoundingClientRect();
  const label = e => (e.textContent || '').trim().slice(0, 60);
  const texts = [...div.querySelectorAll(
      '.xtick text, .ytick text, .g-xtitle text, .g-ytitle text, .gtitle, .legendtext, .annotation-text')];
  for (const t of texts) {
    const r = rect(t);
    if (r.width === 0 || !label(t)) continue;
    if (r.left < box.left - 1 || r.right > box.right + 1 || r.top < box.top - 1 || r.bottom > box.bottom + 1) {
      out.push(`clipped: "${label(t)}"`);
    }
  }
  const overlaps = (a, b) => a.left < b.right - 1 && b.left < a.right - 1
      && a.top < b.bottom - 1 && b.top < a.bottom - 1;
  for (const axis of ['x', 'y']) {
    for (const title of div.querySelectorAll(`.g-${axis}title text`)) {
      if (!label(title)) continue;
      for (const tick of div.querySelectorAll(`.${axis}tick text`)) {
        if (label(tick) && overlaps(rect(title), rect(tick))) {
          out.push(`axis title "${label(title)}" overlaps tick label "${label(tick)}"`);
        }
      }
    }
  }
  return out;
}
"""

# Scrolls through the open notebook cell by cell (so lazily rendered cells are drawn) with every <details> opened
# (solutions a trainer reveals), and returns {cells, checked, problems}: each problem names the cell's index and what
# reaches beyond the notebook's visible right edge, needs a horizontal scrollbar or is cut, by how many px; plotly
# figures narrower than ``minPlotWidth`` px or with clipped labels count too. Live widget views are skipped (until
# the cells run, JupyterLab shows each widget output's stored text or HTML fallback instead, which is checked).
NOTEBOOK_OVERFLOW = """
async ({minPlotWidth, widgetMime}) => {
  const labelProblems = """ + PLOTLY_LABEL_PROBLEMS.strip() + """;
  const panel = document.querySelector('.jp-NotebookPanel:not(.lm-mod-hidden)');
  const scroller = panel.querySelector('.jp-WindowedPanel-outer');
  const frame = () => new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)));
  const sleep = ms => new Promise(done => setTimeout(done, ms));
  const name = el => {
    const tag = el.tagName.toLowerCase();
    if (el.classList.contains('js-plotly-plot')) return 'plotly figure';
    const text = (el.getAttribute('alt') || el.innerText || '').trim().replace(/\\s+/g, ' ').slice(0, 50);
    return text ? `<${tag}> "${text}"` : `<${tag}>`;
  };
  const problems = [];
  const cells = [...panel.querySelectorAll('.jp-Notebook .jp-Cell')];
  let checked = 0;
  for (const [position, cell] of cells.entries()) {
    const index = Number(cell.dataset.windowedListIndex ?? position);
    const found = new Set();
    const say = text => { if (!found.has(text)) { found.add(text); problems.push(`cell ${index}: ${text}`); } };
    cell.querySelectorAll('details').forEach(d => { d.open = true; });
    cell.scrollIntoView({block: 'start'});
    const plots = () => [...cell.querySelectorAll('.jp-RenderedPlotly')];
    for (let waited = 0; waited < 10000 && plots().some(p => !p.querySelector('.main-svg')); waited += 50) {
      await sleep(50);
    }
    // A figure drawn before the sidebar closed is resized once in view (plotly waits 100 ms): wait until it is still.
    const sizes = () => plots().map(p => [p, p.querySelector('.main-svg')]
        .map(e => e ? e.getBoundingClientRect().width : 0).join('/')).join(' ');
    for (let before = null, waited = 0; waited < 5000 && sizes() !== before; waited += 150) {
      before = sizes();
      if (plots().length) await sleep(150);
    }
    await frame();
    const view = scroller.getBoundingClientRect();
    const edge = view.left + scroller.clientWidth;
    const beyond = (el, what) => {
      const box = el.getBoundingClientRect();
      if ((box.width === 0 && box.height === 0) || box.right <= edge + 1) return false;
      say(`${what} ends ${Math.round(box.right - edge)} px beyond the notebook's right edge`);
      return true;
    };
    const wider = (el, what) => {
      const extra = el.scrollWidth - el.clientWidth;
      if (extra <= 1) return;
      const overflow = getComputedStyle(el).overflowX;
      const how = overflow === 'visible' ? 'spills' : ['hidden', 'clip'].includes(overflow) ? 'is cut:'
          : 'needs a horizontal scrollbar:';
      say(`${what} ${how} ${extra} px wider than its ${el.clientWidth} px box`);
    };
    const inspect = (root, kind) => {
      beyond(root, kind);
      wider(root, kind);
      const reported = [];
      for (const el of root.querySelectorAll('*')) {
        if (el.closest('.js-plotly-plot') && !el.classList.contains('js-plotly-plot')) continue;
        if (el.matches('table, img, svg, pre, code, iframe, video, canvas, mjx-container, .js-plotly-plot')
            && beyond(el, `${kind}: ${name(el)}`)) reported.push(el);
        if (getComputedStyle(el).overflowX !== 'visible') wider(el, `${kind}: ${name(el)}`);
      }
      // Text that runs past the edge (a long word or URL), once per output, unless its table or image is reported.
      const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
      const range = document.createRange();
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        if (!node.textContent.trim() || node.parentElement.closest('.js-plotly-plot')) continue;
        if (reported.some(el => el.contains(node))) continue;
        range.selectNodeContents(node);
        const box = range.getBoundingClientRect();
        if (box.width > 0 && box.right > edge + 1) {
          say(`${kind}: text "${node.textContent.trim().slice(0, 50)}" ends ${Math.round(box.right - edge)} px ` +
              "beyond the notebook's right edge");
          break;
        }
      }
    };
    if (cell.classList.contains('jp-MarkdownCell')) {
      const markdown = cell.querySelector('.jp-MarkdownOutput');
      if (markdown) inspect(markdown, 'markdown'); else say('markdown cell is not rendered');
    }
    if (cell.classList.contains('jp-CodeCell')) {
      // Code the audience reads (presenting in JupyterLab) wraps instead of scrolling sideways.
      const code = cell.querySelector('.jp-InputArea-editor .cm-scroller');
      if (code) wider(code, 'code');
    }
    for (const output of cell.querySelectorAll('.jp-OutputArea-output')) {
      if (output.dataset.mimeType === widgetMime || output.closest('.jupyter-widgets')) continue;
      inspect(output, `output (${output.dataset.mimeType || 'unknown'})`);
    }
    for (const plot of cell.querySelectorAll('.js-plotly-plot')) {
      if (plot.closest('.jupyter-widgets')) continue;
      const svg = plot.querySelector('.main-svg');
      if (!svg) { say('plotly figure was never drawn'); continue; }
      const width = svg.getBoundingClientRect().width;
      if (width < minPlotWidth) say(`plotly figure is only ${Math.round(width)} px wide (at least ${minPlotWidth})`);
      for (const problem of labelProblems(plot)) say(`plotly figure: ${problem}`);
    }
    checked += 1;
  }
  if (scroller.scrollWidth > scroller.clientWidth + 1) {
    problems.push(`the notebook scrolls sideways: ${scroller.scrollWidth - scroller.clientWidth} px`);
  }
  return {cells: cells.length, checked, problems};
}
"""


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
    def _api(self, method: str, path: str, body: object = None) -> object:
        data = None if body is None else json.dumps(body).encode()
        headers = {} if body is None else {"Content-Type": "application/json"}
        request = urllib.request.Request(self.url(path), data=data, headers=headers, method=method)
        with urllib.request.urlopen(request, timeout=30) as response:
            answer = response.read()
        return json.loads(answer) if answer else None

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

    def get_notebook(self, path: str) -> dict:
        """The notebook at ``path`` in the served folder, as nbformat JSON."""
        return self._api("GET", f"/api/contents/{path}?content=1")["content"]

    def put_notebook(self, path: str, notebook: dict) -> None:
        """Save ``notebook`` (nbformat JSON) at ``path`` in the served folder, e.g. ``notebooks/x.ipynb``."""
        self._api("PUT", f"/api/contents/{path}", {"type": "notebook", "format": "json", "content": notebook})

    def delete_file(self, path: str) -> None:
        """Delete ``path`` from the served folder."""
        self._api("DELETE", f"/api/contents/{path}")

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

    def present(self, notebook: str, viewport: dict[str, int] | None = None):
        """Open ``notebooks/<notebook>`` as a trainer presents it: projector-sized window (``PROJECTOR``), left
        sidebar collapsed, stored outputs only (no cell is run); return the page.

        The notebook is reloaded from disk once the sidebar is closed, so every output is drawn at the width the
        audience sees: a plotly figure drawn while the sidebar was open keeps its narrower width.
        """
        cells = len(self.get_notebook(f"notebooks/{notebook}")["cells"])
        page = self.open_notebook(notebook, viewport or PROJECTOR)
        if page.locator("#jp-left-stack").is_visible():
            page.locator(".jp-SideBar.jp-mod-left .lm-TabBar-tab.lm-mod-current").click()
        page.wait_for_selector("#jp-left-stack", state="hidden")
        shown = "document.querySelectorAll('.jp-NotebookPanel:not(.lm-mod-hidden) .jp-Notebook .jp-Cell')"
        page.evaluate(f"() => {shown}.forEach(cell => cell.classList.add('mn-before-reload'))")
        page.locator(".lm-MenuBar-itemLabel", has_text="File").first.click()
        page.locator('li.lm-Menu-item[data-command="docmanager:reload"]').click()
        # A notebook JupyterLab has changed on opening (for example by adding cell ids) asks before reloading.
        fresh = (f"n => [...{shown}].filter(c => !c.classList.contains('mn-before-reload')).length === n"
                 " && !document.querySelector('.mn-before-reload')")
        page.wait_for_function(f"n => !!document.querySelector('.jp-Dialog') || ({fresh})(n)", arg=cells)
        if page.locator(".jp-Dialog").count():
            page.locator(".jp-Dialog .jp-mod-accept").click()
            page.wait_for_selector(".jp-Dialog", state="detached")
        page.wait_for_function(fresh, arg=cells)
        return page

    def overflow(self, page, min_plot_width: int = 300) -> dict:
        """``NOTEBOOK_OVERFLOW`` on the notebook open in ``page``: ``{cells, checked, problems}``."""
        return page.evaluate(NOTEBOOK_OVERFLOW, {"minPlotWidth": min_plot_width, "widgetMime": WIDGET_MIME})

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
