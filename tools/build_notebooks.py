"""Rebuild ``notebooks/*.ipynb`` from ``notebooks/src/*.py`` and store fresh, deterministic outputs.

Usage: ``python tools/build_notebooks.py [NAME ...] [--out DIR] [--no-execute]`` (``make notebooks`` rebuilds all
of them into ``notebooks/``; ``--out`` writes elsewhere, e.g. to compare a build with the committed notebooks).

Each notebook is executed top to bottom in a fresh kernel with the notebooks folder as working directory,
then executed widget state (``metadata.widgets``) is dropped: it is megabytes of JavaScript per FigureWidget
and the kernel recreates it on every run.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from tools.notebook_source import source_to_notebook

NOTEBOOKS = Path(__file__).resolve().parent.parent / "notebooks"


def build(source: Path, execute: bool = True, out: Path = NOTEBOOKS) -> Path:
    """Convert one source, execute it, strip widget state and write ``<out>/<stem>.ipynb``."""
    nb = source_to_notebook(source)
    if execute:
        resources = {"metadata": {"path": str(NOTEBOOKS)}}
        client = NotebookClient(nb, timeout=300, kernel_name="python3", resources=resources)
        client.execute()
    nb.metadata.pop("widgets", None)
    for cell in nb.cells:
        cell.metadata.pop("execution", None)
    out.mkdir(parents=True, exist_ok=True)
    target = out / f"{source.stem}.ipynb"
    nbformat.write(nb, target)
    return target


def main(argv: list[str]) -> None:
    parser = argparse.ArgumentParser(description="Build notebooks/*.ipynb from notebooks/src/*.py.")
    parser.add_argument("names", nargs="*", help="lesson prefixes or names, e.g. 01 (default: every lesson)")
    parser.add_argument("--out", type=Path, default=NOTEBOOKS, help="folder to write to (default: notebooks/)")
    parser.add_argument("--no-execute", action="store_true", help="convert only; no outputs")
    args = parser.parse_args(argv)
    names = args.names
    sources = sorted((NOTEBOOKS / "src").glob("*.py"))
    if names:
        sources = [s for s in sources if any(s.stem.startswith(n) or s.stem == n for n in names)]
        if not sources:
            raise SystemExit(f"no notebook source matches {names}; sources are in {NOTEBOOKS / 'src'}")
    for source in sources:
        start = time.perf_counter()
        target = build(source, execute=not args.no_execute, out=args.out)
        print(f"{target.name}: {target.stat().st_size / 1000:.0f} kB, {time.perf_counter() - start:.1f} s")


if __name__ == "__main__":
    main(sys.argv[1:])
