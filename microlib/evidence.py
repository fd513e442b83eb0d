"""The studies of microneedling, condition by condition (see :mod:`microlib.evidence_core`).

The module is split along its seams: :mod:`microlib.evidence_core` (filter, sort and summarise: data in, data
out) and :mod:`microlib.evidence_tables` (the tables and the condition card students read). This module
re-exports both, so lessons and apps keep writing ``evidence.filter_studies`` and ``evidence.studies_table``.
"""

from __future__ import annotations

from .evidence_core import *  # noqa: F403
from .evidence_core import __all__ as _core_all
from .evidence_tables import *  # noqa: F403
from .evidence_tables import __all__ as _tables_all

__all__ = [*_core_all, *_tables_all]
