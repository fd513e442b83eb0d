"""microlib: the helper library behind the microneedling teaching notebooks.

The notebooks call into small modules, one concern each:

- :mod:`microlib.loader` reads and validates every table in ``data/`` (schemas in :mod:`microlib.schemas`);
- :mod:`microlib.selfcheck` (``microlib.doctor()``) checks that the environment can run the lessons;
- :mod:`microlib.style` holds the shared figure style (and the projector switch).

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


__all__ = ["DataValidationError", "__version__", "doctor", "load_all", "load_records", "load_table"]
