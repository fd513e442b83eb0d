"""Declared schemas of every table in ``data/``.

Each module in this package defines one ``SPEC`` (a :class:`TableSpec`). They are found automatically, so
adding a table means adding a data file and a schema module beside the others: nothing else to register.
"""

from __future__ import annotations

import importlib
import pkgutil
from functools import cache

from .common import TableSpec


@cache
def all_specs() -> dict[str, TableSpec]:
    """Every declared table, keyed by file name (``references.csv`` …)."""
    specs: dict[str, TableSpec] = {}
    for module_info in sorted(pkgutil.iter_modules(__path__), key=lambda m: m.name):
        if module_info.name == "common":
            continue
        module = importlib.import_module(f"{__name__}.{module_info.name}")
        for spec in _specs_in(module):
            specs[spec.file] = spec
    return specs


def _specs_in(module: object) -> list[TableSpec]:
    found = [value for name, value in vars(module).items() if name.startswith("SPEC") and isinstance(value, TableSpec)]
    return found


__all__ = ["TableSpec", "all_specs"]
