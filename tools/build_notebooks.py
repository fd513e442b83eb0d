"""Rebuild ``notebooks/*.ipynb`` from ``notebooks/src/*.py`` and store fresh, deterministic outputs.

Usage: ``python tools/build_notebooks.py [NAME ...]`` (``make notebooks`` rebuilds all of them).

Each notebook is executed top to bottom in a fresh kernel with the notebooks folder as working directory,
then executed widget state (``metadata.widgets``) is dropped: it is megabytes of JavaScript per FigureWidget
and the kernel recreates it on every run.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from tools.notebook_source import source_to_notebook

NOTEBOOKS = Path(__file__).resolve().parent.parent / "notebooks"


def build(source: Path, execute: bool = True) -> Path:
    """Convert one source, execute it, strip widget state and write ``notebooks/<stem>.ipynb``."""
    nb = source_to_notebook(source)
    if execute:
        resources = {"metadata": {"path": str(NOTEBOOKS)}}
        client = NotebookClient(nb, timeout=300, kernel_name="python3", resources=resources)
        client.execute()
    nb.metadata.pop("widgets", None)
    for cell in nb.cells:
        cell.metadata.pop("execution", None)
    target = NOTEBOOKS / f"{source.stem}.ipynb"
    nbformat.write(nb, target)
    return target


def main(names: list[str]) -> None:
    sources = sorted((NOTEBOOKS / "src").glob("*.py"))
    if names:
        sources = [s for s in sources if any(s.stem.startswith(n) or s.stem == n for n in names)]
        if not sources:
            raise SystemExit(f"no notebook source matches {names}; sources are in {NOTEBOOKS / 'src'}")
    for source in sources:
        start = time.perf_counter()
        target = build(source)
        print(f"{target.name}: {target.stat().st_size / 1000:.0f} kB, {time.perf_counter() - start:.1f} s")


if __name__ == "__main__":
    main(sys.argv[1:])
