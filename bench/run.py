"""Benchmarks for `make bench` (not part of `make test`). Every figure is a ratio measured side by side in one run.

Foundation figures (issue 2):
- lesson execution: each committed notebook executed in a fresh kernel, divided by an empty notebook (one empty
  code cell) executed the same way, interleaved in the same run. Target ≤ 2.0× per lesson (issue 14).
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


def imports_only(path: Path) -> nbformat.NotebookNode:
    """A notebook holding only the lesson's import statements: the part of its cost that is loading libraries."""
    import ast

    lines = []
    for cell in nbformat.read(path, as_version=4).cells:
        if cell.cell_type == "code":
            tree = ast.parse(cell.source)
            lines += [ast.unparse(node) for node in tree.body if isinstance(node, (ast.Import, ast.ImportFrom))]
    nb = nbformat.v4.new_notebook()
    nb.cells.append(nbformat.v4.new_code_cell("\n".join(lines)))
    return nb


def notebook_suite_ratio(repeats: int = 5) -> None:
    """Each lesson against an empty notebook, both in a fresh kernel, interleaved; per-lesson target ≤ 2.0×."""
    print(f"Lesson execution (nbclient): each notebook in a fresh kernel, alternating with an empty notebook"
          f" (one empty code cell, the kernel start-up floor); median of {repeats}")
    print("  'imports only' runs just the lesson's import statements: what loading pandas, plotly, ipywidgets and"
          " microlib costs before the lesson does anything")
    suite, floor = 0.0, 0.0
    for path in NOTEBOOKS:
        empties, runs, imports = [], [], []
        for _ in range(repeats):  # interleaved, so machine drift hits all three alike
            empties.append(execute(empty_notebook()))
            imports.append(execute(imports_only(path)))
            runs.append(execute(nbformat.read(path, as_version=4)))
        run_s, empty_s, import_s = (statistics.median(t) for t in (runs, empties, imports))
        floor += empty_s
        suite += run_s
        mark = "ok" if run_s / empty_s <= 2.0 else "over target"
        print(f"  {path.name:<38} {run_s:5.2f} s / empty {empty_s:.2f} s = {run_s / empty_s:.2f}×  ({mark};"
              f" target ≤ 2.0×); imports only {import_s:.2f} s = {import_s / empty_s:.2f}×")
    print(f"  suite {suite:.2f} s / empty-notebook floor {floor:.2f} s = {suite / floor:.2f}×")


def nbval_suite_ratio(repeats: int = 3) -> None:
    """The CI view: `make notebooks-check` on the real notebooks against the same command on empty ones."""
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        for path in NOTEBOOKS:
            nbformat.write(empty_notebook(), Path(folder) / path.name)
        command = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "--nbval", "--nbval-current-env",
                   "--nbval-sanitize-with", str(REPO / "tests" / "nbval_sanitize.cfg"), "-n", "2", "--dist", "loadfile"]
        real, empty = [], []
        for _ in range(repeats):
            for target, times in ((str(REPO / "notebooks"), real), (folder, empty)):
                start = time.perf_counter()
                subprocess.run([*command, target], cwd=REPO, check=True, capture_output=True)
                times.append(time.perf_counter() - start)
    print(f"nbval suite as CI runs it (pytest --nbval, 2 workers), median of {repeats}:")
    real_s, empty_s = statistics.median(real), statistics.median(empty)
    print(f"  {len(NOTEBOOKS)} lesson notebooks {real_s:.2f} s / {len(NOTEBOOKS)} empty notebooks {empty_s:.2f} s"
          f" = {real_s / empty_s:.2f}×  (target ≤ 2×)")


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
        sys.modules[path.stem] = module  # dataclasses look their module up there
        spec.loader.exec_module(module)
        print(f"\n== {path.name}")
        module.main()


def main() -> None:
    import_ratios()
    print()
    notebook_suite_ratio()
    print()
    nbval_suite_ratio()
    topic_benchmarks()


if __name__ == "__main__":
    main()
