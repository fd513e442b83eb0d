"""Guards for what every student pays when a lesson runs (issue 14): the known slow plotly patterns stay out.

Every lesson's code runs once in a fresh interpreter, with two of plotly's slow paths instrumented:

- plotly's default template: ``go.Figure()`` without a template in its first layout loads and validates the
  whole "plotly" template (about 0.25 s in a fresh kernel), only for our template to replace it;
- ``add_annotation`` / ``add_shape``: each call re-checks every annotation or shape already there, so a loop of
  them grows with the square of their number (76 annotations cost 0.33 s in lesson 01 before builders were
  changed to build each figure once from plain dicts, through ``microlib.style.figure``).

``make bench`` measures the lessons' run time itself; this test only keeps these two regressions out.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent

_PROBE = r"""
import contextlib, io, json, sys
import nbformat
import plotly.graph_objects as go
import plotly.io as pio

seen = {"default_template": [], "add_annotation": 0, "add_shape": 0}
templates_type = type(pio.templates)
original_getitem = templates_type.__getitem__

def getitem(self, item):
    if item == pio.templates.default:
        seen["default_template"].append(current)
    return original_getitem(self, item)

templates_type.__getitem__ = getitem
for name in ("add_annotation", "add_shape"):
    original = getattr(go.Figure, name)
    def counted(self, *args, _name=name, _original=original, **kwargs):
        seen[_name] += 1
        return _original(self, *args, **kwargs)
    setattr(go.Figure, name, counted)

from IPython.core.interactiveshell import InteractiveShell
shell = InteractiveShell.instance()
current = None
for path in sys.argv[1:]:
    current = path
    notebook = nbformat.read(path, as_version=4)
    for cell in notebook.cells:
        if cell.cell_type != "code":
            continue
        with contextlib.redirect_stdout(io.StringIO()):
            result = shell.run_cell(cell.source)
        if not result.success:
            raise SystemExit(f"{path}: a cell failed: {result.error_in_exec or result.error_before_exec!r}")
print(json.dumps(seen))
"""


def probe(notebooks: list[Path]) -> dict:
    out = subprocess.run([sys.executable, "-c", _PROBE, *map(str, notebooks)], cwd=REPO / "notebooks",
                         capture_output=True, text=True, timeout=300)
    assert out.returncode == 0, out.stderr[-3000:] + out.stdout[-2000:]
    return json.loads(out.stdout.strip().splitlines()[-1])


def test_lessons_never_load_plotlys_default_template_nor_add_annotations_one_by_one() -> None:
    notebooks = sorted((REPO / "notebooks").glob("0*.ipynb"))
    assert len(notebooks) >= 5
    seen = probe(notebooks)
    assert seen["default_template"] == [], (
        f"plotly's default template was loaded while running {sorted(set(seen['default_template']))}: build the "
        f"figure with microlib.style.figure (or pass layout={{'template': ...}} to go.Figure) instead of go.Figure()")
    assert seen["add_annotation"] == 0 and seen["add_shape"] == 0, (
        f"{seen['add_annotation']} add_annotation and {seen['add_shape']} add_shape calls: collect them as dicts "
        f"and pass them once in the layout (microlib.style.figure)")
