"""An environment self-check for students and trainers: ``microlib.doctor()`` or ``python -m microlib doctor``.

It reports package versions, whether the widget and plotly front-ends are installed where JupyterLab looks
for them, which plotly renderer is active, and whether every data table validates. It prints no paths or
times, so its output is the same on every machine with the pinned stack.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from typing import Literal

Status = Literal["ok", "warning", "problem"]
SYMBOL = {"ok": "✔ ok", "warning": "⚠ warning", "problem": "✘ problem"}

PACKAGES = ("jupyterlab", "ipywidgets", "plotly", "anywidget", "pandas", "numpy", "pydantic")
LAB_EXTENSIONS = {
    "@jupyter-widgets/jupyterlab-manager": "draws the controls (lists, buttons, sliders)",
    "jupyterlab-plotly": "draws the figures",
    "anywidget": "draws the figures that change when you move a control",
}


@dataclass(frozen=True)
class Check:
    """One line of the report."""

    name: str
    status: Status
    detail: str


@dataclass(frozen=True)
class Report:
    """All checks; ``ok`` is True when none of them is a problem."""

    checks: tuple[Check, ...]

    @property
    def ok(self) -> bool:
        return all(c.status != "problem" for c in self.checks)

    def __str__(self) -> str:
        width = max(len(c.name) for c in self.checks)
        lines = [f"{SYMBOL[c.status]:<11} {c.name:<{width}}  {c.detail}" for c in self.checks]
        verdict = "Everything needed for the lessons is in place." if self.ok else "Some checks failed: see above."
        return "\n".join([*lines, "", verdict])


def _python_check() -> Check:
    version = ".".join(map(str, sys.version_info[:3]))
    status: Status = "ok" if sys.version_info[:2] == (3, 11) else "warning"
    return Check("python", status, version + ("" if status == "ok" else " (the lessons are tested on 3.11)"))


def _package_check(name: str) -> Check:
    try:
        return Check(name, "ok", metadata.version(name))
    except metadata.PackageNotFoundError:
        return Check(name, "problem", "not installed: run `make lab` from the repository root")


def _extension_check(name: str, purpose: str) -> Check:
    found = any((Path(p) / "share" / "jupyter" / "labextensions" / name / "package.json").is_file()
                for p in {sys.prefix, sys.base_prefix})
    if found:
        return Check(name, "ok", purpose)
    return Check(name, "problem", f"missing: {purpose} will not show")


def _renderer_check() -> Check:
    import plotly.io as pio

    renderer = pio.renderers.default or "none (not running inside a notebook)"
    if "connected" in renderer or "cdn" in renderer:
        return Check("plotly renderer", "warning", f"{renderer} (fetches plotly.js from the internet)")
    return Check("plotly renderer", "ok", renderer)


def _data_check() -> Check:
    from .loader import DataValidationError, load_all

    try:
        load_all()
    except DataValidationError as exc:
        return Check("data tables", "problem", f"{len(exc.problems)} problem(s); run `python -m microlib check-data`")
    # No counts of rows or tables: the output would change with every data edit (or a new table) and break the
    # stored notebook output.
    return Check("data tables", "ok", "every table is valid and cited")


def run_checks() -> Report:
    """Run every check and return the report without printing it."""
    checks = [_python_check(), *(_package_check(p) for p in PACKAGES)]
    checks += [_extension_check(n, p) for n, p in LAB_EXTENSIONS.items()]
    checks += [_renderer_check(), _data_check()]
    return Report(tuple(checks))


def doctor() -> Report:
    """Print the environment report and return it. Example: ``microlib.doctor()``."""
    report = run_checks()
    print(report)
    return report
