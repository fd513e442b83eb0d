"""Cold Run All of every lesson in real JupyterLab and Chromium, against an empty notebook in the same run.

Run by ``make bench`` (through ``bench/run.py``), or alone::

    .venv/bin/python bench/bench_browser.py [--repeats N] [--timeout SECONDS]

``BENCH_BROWSER_REPEATS`` sets the number of repeats when ``--repeats`` is not given (default 3).

What one run measures (printed in the header too): every kernel and session on the server is shut down through
the REST API and a fresh browser context opens ``/lab/tree/notebooks/<notebook>?reset``; once the status bar
shows the kernel ``Idle`` (the *cold page-open* time, reported separately), the clock starts and Run All is
triggered with the JupyterLab command ``notebook:run-all-cells`` through ``window.jupyterapp`` (the server runs
with ``--LabApp.expose_app_in_browser=True``): the Run menu's "Run All Cells" (``runmenu:run-all``) hands a
notebook to this command, and its promise says when every cell has its reply and whether any failed, which a
menu click does not. The clock stops, in the
page, at the first animation frame where the command has finished, every non-empty code cell shows an
execution count, the status bar shows the kernel ``Idle``, no output still says "Loading widget", every
``.js-plotly-plot`` has its SVG main layer and every stored plotly figure has been drawn again.

The empty notebook has one empty code cell, served next to the lessons by the same server (same working
directory and kernel). Runs alternate empty, lesson, empty, lesson… so drift in machine speed hits both alike.
A run that times out, whose Run All reports a failed cell, or whose page logs a console error or page error is
reported as failed and left out of the medians.

JupyterLab runs on 127.0.0.1 with Jupyter's config, data and runtime files in a temporary folder
(``tests/browser/lab_harness.py``, shared with the browser tests); Chromium resolves no host name, so nothing
leaves the machine. Everything started here is stopped by its own PID or process group.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from tests.browser.lab_harness import CHROMIUM, Lab, launch_chromium, running_lab  # noqa: E402

DEFAULT_REPEATS = 3
TARGET = 1.5
EMPTY = "empty.ipynb"
PLOTLY_MIME = "application/vnd.plotly.v1+json"
SERVER_ARGS = ["--LabApp.expose_app_in_browser=True", "--LabApp.extension_manager=readonly"]
# No host name resolves (127.0.0.1 is an address, not a name): a request that would leave the machine fails at
# once and shows up as a console error, which fails the run.
OFFLINE_ARGS = ["--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1"]

START_RUN_ALL = """() => {
    const state = window.__benchRunAll = {start: performance.now(), done: false};
    window.jupyterapp.commands.execute('notebook:run-all-cells').then(
        ok => { state.done = true; state.ok = ok; },
        error => { state.done = true; state.error = String(error); });
}"""
# Polled at every animation frame: false while running; the seconds since the start once done; a reason if failed.
RUN_ALL_DONE = """(storedPlotly) => {
    const state = window.__benchRunAll;
    if (!state.done) return false;
    if (state.error) return {failed: `Run All raised: ${state.error}`};
    if (state.ok !== true) return {failed: 'Run All reported a failed cell'};
    const cells = window.jupyterapp.shell.currentWidget.content.widgets.filter(
        cell => cell.model.type === 'code' && cell.model.sharedModel.getSource().trim() !== '');
    const numbered = cells.every(cell => /\\[\\d+\\]/.test(cell.node.querySelector('.jp-InputPrompt')?.textContent));
    const statusbar = document.querySelector('#jp-main-statusbar');
    const idle = /\\| Idle/.test(statusbar ? statusbar.textContent : '');
    const loading = [...document.querySelectorAll('.jp-OutputArea-output')]
        .some(output => /Loading widget/.test(output.textContent));
    const plots = [...document.querySelectorAll('.js-plotly-plot')];
    const drawn = plots.every(plot => plot.querySelector('.main-svg'))
        && document.querySelectorAll('.jp-RenderedPlotly .main-svg').length >= storedPlotly;
    return numbered && idle && !loading && drawn && {seconds: (performance.now() - state.start) / 1000};
}"""


class Runs:
    """Every run of one notebook: Run All and page-open seconds of the successful ones, and the failures.

    A plain class, not a dataclass: bench/run.py loads this file without registering it in ``sys.modules``,
    and ``@dataclass`` needs the module there to read string annotations.
    """

    def __init__(self) -> None:
        self.run_all: list[float] = []
        self.page_open: list[float] = []
        self.failures: list[str] = []

    def median(self, which: str) -> float:
        values = getattr(self, which)
        return statistics.median(values) if values else float("nan")

    def open_and_run(self) -> float:
        return statistics.median([a + b for a, b in zip(self.run_all, self.page_open, strict=True)]) \
            if self.run_all else float("nan")


def stored_plotly_figures(path: Path) -> int:
    """How many plotly mimetype figures the notebook holds (each must be drawn again after Run All)."""
    import nbformat

    nb = nbformat.read(path, as_version=4)
    return sum(PLOTLY_MIME in out.get("data", {}) for cell in nb.cells for out in cell.get("outputs", []))


def write_empty_notebook(folder: Path, like: Path) -> None:
    """One empty code cell, with the lessons' kernel metadata so JupyterLab starts the same kernel unasked."""
    import nbformat

    nb = nbformat.v4.new_notebook(metadata=nbformat.read(like, as_version=4).metadata)
    nb.cells.append(nbformat.v4.new_code_cell(""))
    nbformat.write(nb, folder / EMPTY)


def run_once(lab: Lab, notebook: str, stored_plotly: int, timeout_ms: int, runs: Runs) -> None:
    """One cold run of ``notebook`` (see the module docstring); appends its times or its failure to ``runs``."""
    try:
        lab.shut_down_kernels()
        start = time.perf_counter()
        page = lab.open_notebook(notebook, timeout_ms=timeout_ms)
        opened = time.perf_counter() - start
        page.evaluate(START_RUN_ALL)
        result = page.wait_for_function(RUN_ALL_DONE, arg=stored_plotly, timeout=timeout_ms).json_value()
        errors = lab.errors_for(page)
        if "failed" in result:
            runs.failures.append(result["failed"])
        elif errors:
            runs.failures.append(f"{len(errors)} console/page error(s), first: {errors[0][:300]}")
        else:
            runs.run_all.append(result["seconds"])
            runs.page_open.append(opened)
    except Exception as error:  # a timeout or a page that broke: reported as a failed run, never timed
        runs.failures.append(f"{type(error).__name__}: {str(error).splitlines()[0][:300]}")
    finally:
        try:
            lab.close()  # the browser context and every kernel
        except Exception as error:
            runs.failures.append(f"cleanup: {type(error).__name__}: {error}")


def measure(repeats: int, timeout_s: float) -> tuple[dict[str, Runs], dict[str, Runs], str]:
    """Interleaved runs: for each repeat, for each lesson, the empty notebook then the lesson."""
    from playwright.sync_api import sync_playwright

    timeout_ms = int(timeout_s * 1000)
    with tempfile.TemporaryDirectory(prefix="bench-browser-") as home, \
            running_lab(Path(home), SERVER_ARGS) as server, sync_playwright() as playwright:
        folder = server.root / "notebooks"
        lessons = sorted(p.name for p in folder.glob("0*.ipynb"))
        write_empty_notebook(folder, folder / lessons[0])
        plotly = {name: stored_plotly_figures(folder / name) for name in lessons}
        browser = launch_chromium(playwright, OFFLINE_ARGS)
        try:
            versions = f"Chromium {browser.version}"
            lesson_runs = {name: Runs() for name in lessons}
            empty_runs = {name: Runs() for name in lessons}  # the empty runs paired with each lesson
            for _ in range(repeats):
                for name in lessons:
                    run_once(Lab(server.base_url, server.token, browser), EMPTY, 0, timeout_ms, empty_runs[name])
                    run_once(Lab(server.base_url, server.token, browser), name, plotly[name], timeout_ms,
                             lesson_runs[name])
        finally:
            browser.close()
    return lesson_runs, empty_runs, versions


def report(lesson_runs: dict[str, Runs], empty_runs: dict[str, Runs], repeats: int, versions: str,
           wall: float) -> None:
    import jupyterlab

    print(f"Browser: cold Run All of each lesson in JupyterLab {jupyterlab.__version__} ({versions}, headless),"
          f" against an empty notebook in the same run; median of {repeats} interleaved runs (empty, lesson, …)")
    print("  One run: all kernels and sessions shut down (REST API), a fresh browser context opens the notebook;")
    print("  page open = navigation until the status bar shows the kernel Idle. Then the clock starts, Run All is")
    print("  triggered with the command notebook:run-all-cells (window.jupyterapp.commands.execute), and stops at")
    print("  the first frame where the command has finished, every non-empty code cell shows an execution count,")
    print("  the kernel is Idle, no output says 'Loading widget' and every plotly figure has its SVG main layer.")
    print("  Empty notebook: one empty code cell (JupyterLab sends nothing to the kernel for it). A run that times")
    print("  out, reports a failed cell or logs a console/page error counts as failed and is not timed.")
    print(f"  {'notebook':<37} {'Run All':>7} {'empty':>8} {'ratio':>7}  {'page open':>9} {'empty':>7}"
          f"  {'open+run':>8}  failed runs")
    suite = floor = suite_total = floor_total = 0.0
    failures: list[str] = []
    for name, runs in lesson_runs.items():
        empty = empty_runs[name]
        failures += [f"{name}: {reason}" for reason in runs.failures]
        failures += [f"{EMPTY} (paired with {name}): {reason}" for reason in empty.failures]
        run_s, empty_s = runs.median("run_all"), empty.median("run_all")
        suite, floor = suite + run_s, floor + empty_s
        suite_total, floor_total = suite_total + runs.open_and_run(), floor_total + empty.open_and_run()
        print(f"  {name:<37} {run_s:5.2f} s {empty_s:6.3f} s {run_s / empty_s:6.0f}×  "
              f"{runs.median('page_open'):7.2f} s {empty.median('page_open'):5.2f} s"
              f"  {runs.open_and_run() / empty.open_and_run():7.2f}×  {len(runs.failures)}/{repeats} lesson,"
              f" {len(empty.failures)}/{repeats} empty")
    count = len(lesson_runs)
    ratio, total_ratio = suite / floor, suite_total / floor_total
    print(f"  suite, cold page open + Run All: {suite_total:.2f} s / {floor_total:.2f} s = {total_ratio:.2f}×"
          f"  (target ≤ {TARGET}×: {'met' if total_ratio <= TARGET else 'NOT met'})")
    print(f"  suite, Run All alone: {count} lessons {suite:.2f} s / {count} empty notebooks {floor:.3f} s"
          f" = {ratio:.0f}×  (for information only)")
    print("  The target applies to cold page open + Run All, which includes JupyterLab's page load and the kernel")
    print("  start for both notebooks, as the nbclient floor of the lesson ratio does. Run All alone has a")
    print("  near-zero floor (an empty cell sends nothing to the kernel), so its ratio only says how long the")
    print("  lesson's cells take.")
    print(f"  failed runs: {len(failures)}" + "".join(f"\n    {line}" for line in failures))
    print(f"  wall time of this benchmark: {wall:.0f} s")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=int(os.environ.get("BENCH_BROWSER_REPEATS", DEFAULT_REPEATS)),
                        help="runs of each notebook and of its empty partner (env BENCH_BROWSER_REPEATS; default 3)")
    parser.add_argument("--timeout", type=float, default=240,
                        help="seconds one page open, and one Run All, may take before the run counts as failed")
    args = parser.parse_args([] if argv is None else argv)
    if not CHROMIUM.exists():
        print(f"Browser benchmark skipped: Chromium not found at {CHROMIUM} (sudo apt-get install chromium)")
        return
    start = time.perf_counter()
    lesson_runs, empty_runs, versions = measure(args.repeats, args.timeout)
    report(lesson_runs, empty_runs, args.repeats, versions, time.perf_counter() - start)


if __name__ == "__main__":
    main(sys.argv[1:])
