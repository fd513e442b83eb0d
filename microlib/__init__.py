"""microlib: the helper library behind the microneedling teaching notebooks.

The notebooks call into small modules, one concern each:

- :mod:`microlib.loader` reads and validates every table in ``data/`` (schemas in :mod:`microlib.schemas`) and
  holds the one cache policy (:func:`microlib.loader.cached_on_data`: results derived from data are recomputed
  when a data file changes);
- :mod:`microlib.checks` holds the argument checks (ranges, allowed values, "closest" hints);
- pure modules (``healing``, ``skin``, ``evidence``, ``risk``, ``claims``, ``quiz``, ``glossary``,
  ``references`` …) compute from data without any display library;
- :mod:`microlib.plots` builds figures (with :mod:`microlib.style`), :mod:`microlib.apps` wraps them in widgets;
- :mod:`microlib.selfcheck` (``microlib.doctor()``) checks that the environment can run the lessons.

The layers are checked by import-linter (contracts in ``pyproject.toml``, run by ``make lint``).

Importing ``microlib`` is cheap: submodules load on first use.

This package is for education. It is not medical advice and not a clinical decision tool.
"""

from __future__ import annotations

import importlib
from typing import Any

__version__ = "0.1.0"

_LAZY = {
    "doctor": ("microlib.selfcheck", "doctor"),
    "load_table": ("microlib.loader", "load_table"),
    "load_records": ("microlib.loader", "load_records"),
    "load_all": ("microlib.loader", "load_all"),
    "DataValidationError": ("microlib.loader", "DataValidationError"),
}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        module, attribute = _LAZY[name]
        return getattr(importlib.import_module(module), attribute)
    raise AttributeError(f"module 'microlib' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted([*globals(), *_LAZY])


#: The public API: the modules lessons (and trainers writing their own notebooks) import from. Everything
#: else (``healing_model``, ``calibration``, ``checks``, ``html``, ``schemas``, ``apps.figure`` …) is internal
#: and may change; tests/test_layers.py checks that every lesson imports only from these.
PUBLIC_MODULES = (
    "microlib",
    "microlib.skin", "microlib.healing", "microlib.evidence", "microlib.risk", "microlib.claims",
    "microlib.quiz", "microlib.glossary", "microlib.references", "microlib.review_dates", "microlib.tables",
    "microlib.loader",
    "microlib.plots", "microlib.plots.mechanism", "microlib.plots.evidence", "microlib.plots.claims",
    "microlib.plots.risk",
    "microlib.apps.mechanism", "microlib.apps.evidence", "microlib.apps.claims", "microlib.apps.risk",
    "microlib.apps.quiz", "microlib.apps.glossary", "microlib.apps.projector",
    "microlib.style",
)

__all__ = ["PUBLIC_MODULES", "DataValidationError", "__version__", "doctor", "load_all", "load_records",
           "load_table"]
