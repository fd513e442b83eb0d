"""The side-effect risk checklist as a pure rules engine: answers in, an explained assessment out.

Each checklist question (``data/checklist.yaml``) is answered ``"yes"``, ``"no"`` or ``"unknown"``. A yes leads
to an outcome on an ordered scale (``data/risk_outcomes.csv``)::

    no flags < proceed with precautions < postpone < refer for medical assessment < do not treat

The overall outcome is the most restrictive outcome among the yes answers, so answering yes to one more
question can never lower it. Every yes is kept as a reason with its rationale and sources. Unknown answers are
never treated as no: they are listed as open questions, the result is marked provisional, and the outcome they
*could* lead to is shown beside it.

This is teaching material about how such rules are built and where they come from. It is not a clinical
decision tool and not medical advice.

Example
-------
>>> from microlib.risk import assess
>>> result = assess({"darker_skin_type": "yes", "anticoagulants": "unknown"})
>>> result.outcome.label
'Proceed with precautions'
>>> [q.key for q in result.open_questions][:1]
['open_wound_or_infection']

The checklist is split along its seams: :mod:`microlib.risk_rules` (the engine), :mod:`microlib.risk_report`
(HTML and Markdown for students, and saving a summary) and :mod:`microlib.risk_tables` (lesson 03's tables).
This module re-exports all of them, so lessons and apps keep writing ``risk.assess`` and ``risk.summary_html``.
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
