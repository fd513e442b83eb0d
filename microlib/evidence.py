"""Filter, sort and summarise the studies of microneedling, condition by condition.

Everything here is a pure function of tables (``data/studies.csv`` and ``data/conditions.csv``, or small
hand-made DataFrames with the same columns), so it can be tested without widgets or figures.

How to read the levels: ``cebm_level`` is the Oxford CEBM 2011 level for "does this treatment help?" (1 = a
systematic review of randomised trials, 5 = reasoning or opinion); see ``data/evidence_levels.csv``.

Example
-------
>>> from microlib.evidence import load_studies, summarise_condition
>>> summary = summarise_condition(load_studies(), "acne_scars")
>>> summary.best_level  # a meta-analysis pooling mostly non-randomised studies: level 2
2

The module is split along its seams: :mod:`microlib.evidence_core` (data in, data out) and
:mod:`microlib.evidence_tables` (what students read). This module re-exports both.
"""

from __future__ import annotations

from .evidence_core import *  # noqa: F403
from .evidence_core import __all__ as _core_all
from .evidence_tables import *  # noqa: F403
from .evidence_tables import __all__ as _tables_all

__all__ = [*_core_all, *_tables_all]
