"""Benchmarks for `make bench` (not part of `make test`). Every figure is a ratio measured side by side in one run.

Foundation figures (issue 2):
- notebook suite: executing every committed notebook in a fresh kernel, divided by executing the same number of
  empty notebooks (the kernel start-up floor). Target ≤ 2×.
- import: ``import microlib`` (and importing every microlib module a lesson uses) divided by importing its heavy
  dependencies alone (pandas, numpy, plotly, pydantic, ipywidgets). Target ≤ 1.3×.

Then every ``bench/bench_*.py`` module's ``main()`` runs and prints its own figures.
"""

from __future__ import annotations

import importlib.util
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient

REPO = Path(__file__).resolve().parent.parent
NOTEBOOKS = sorted((REPO / "notebooks").glob("*.ipynb"))
DEPENDENCIES = "import pandas, numpy, plotly.graph_objects, pydantic, ipywidgets, yaml"
REPEATS = 5


def execute(nb: nbformat.NotebookNode) -> float:
    start = time.perf_counter()
    NotebookClient(nb, timeout=300, kernel_name="python3",
                   resources={"metadata": {"path": str(REPO / "notebooks")}}).execute()
    return time.perf_counter() - start


def empty_notebook() -> nbformat.NotebookNode:
    nb = nbformat.v4.new_notebook()
    nb.cells.append(nbformat.v4.new_code_cell(""))
    return nb


def notebook_suite_ratio() -> None:
    print(f"Notebook suite: {len(NOTEBOOKS)} notebooks, each in a fresh kernel, alternating with empty notebooks")
    suite, floor = 0.0, 0.0
    for path in NOTEBOOKS:
        floor += execute(empty_notebook())
        took = execute(nbformat.read(path, as_version=4))
        suite += took
        print(f"  {path.name:<42} {took:6.2f} s")
    print(f"  suite {suite:.2f} s / empty-notebook floor {floor:.2f} s = {suite / floor:.2f}×  (target ≤ 2×)")


def import_time(statement: str) -> float:
    code = f"import time; t = time.perf_counter(); {statement}; print(time.perf_counter() - t)"
    env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1"}
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, env=env)
    return float(out.stdout.strip().splitlines()[-1])


def lesson_modules() -> str:
    names = sorted(
        "microlib." + ".".join(p.relative_to(REPO / "microlib").with_suffix("").parts)
        for p in (REPO / "microlib").rglob("*.py")
        if p.name != "__main__.py" and p.name != "__init__.py"
    )
    return "import " + ", ".join(names)


def import_ratios() -> None:
    full = lesson_modules() + "; import microlib.loader as l; l.load_all()"
    timings: dict[str, list[float]] = {"deps": [], "bare": [], "full": []}
    for _ in range(REPEATS):  # interleaved, so drift in machine speed hits all three alike
        timings["deps"].append(import_time(DEPENDENCIES))
        timings["bare"].append(import_time("import microlib"))
        timings["full"].append(import_time(DEPENDENCIES + "; " + full))
    deps, bare, fullm = (statistics.median(timings[k]) for k in ("deps", "bare", "full"))
    print(f"Import time, median of {REPEATS} fresh processes")
    print(f"  heavy dependencies alone ({DEPENDENCIES.removeprefix('import ')}): {deps:.3f} s")
    print(f"  `import microlib`: {bare:.3f} s = {bare / deps:.2f}× the dependencies (target ≤ 1.3×)")
    print(f"  dependencies + every microlib module + validating all data: {fullm:.3f} s = {fullm / deps:.2f}×")


def topic_benchmarks() -> None:
    for path in sorted((REPO / "bench").glob("bench_*.py")):
        spec = importlib.util.spec_from_file_location(path.stem, path)
        module = importlib.util.module_from_spec(spec)
        assert spec.loader is not None
        spec.loader.exec_module(module)
        print(f"\n== {path.name}")
        module.main()


def main() -> None:
    import_ratios()
    print()
    notebook_suite_ratio()
    topic_benchmarks()


if __name__ == "__main__":
    main()
