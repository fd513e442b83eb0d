"""The side-effect risk checklist: answers in, an explained assessment out (see :mod:`microlib.risk_rules`).

The checklist is split along its seams: :mod:`microlib.risk_rules` (the rules engine: outcomes, reasons, open
questions), :mod:`microlib.risk_report` (HTML and Markdown for students, and saving a summary) and
:mod:`microlib.risk_tables` (lesson 03's tables). This module re-exports all of them, so lessons and apps keep
writing ``risk.assess`` and ``risk.summary_html``. It is teaching material, not a clinical decision tool.
"""

from __future__ import annotations

from .risk_report import *  # noqa: F403
from .risk_report import __all__ as _report_all
from .risk_rules import *  # noqa: F403
from .risk_rules import __all__ as _rules_all
from .risk_rules import _rules  # noqa: F401  (tests check its cache)
from .risk_tables import *  # noqa: F403
from .risk_tables import __all__ as _tables_all

__all__ = [*_rules_all, *_report_all, *_tables_all]
