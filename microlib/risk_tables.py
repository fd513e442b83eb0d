"""The checklist's tables for lesson 03 (re-exported by :mod:`microlib.risk`): rules, outcomes, side effects,
disagreements and aftercare, rendered for reading with :func:`microlib.tables.student_table`.
"""

from __future__ import annotations

import pandas as pd

from .html import citations_text
from .risk_report import _AFTERCARE_LABELS, KIND_WORDS, _cell, aftercare_rows
from .risk_rules import _rules, checklist_items, outcome_scale, vignette
from .tables import StudentTable, student_table


def checklist_rows(category: str | None = None, outcome: str | None = None) -> pd.DataFrame:
    """The checklist rules (optionally of one category and one outcome) as a tidy table for reading."""
    rules = _rules()
    if outcome is not None and outcome not in rules.outcomes:
        raise ValueError(f"outcome={outcome!r} is not on the scale; use one of {', '.join(rules.outcomes)}")
    return pd.DataFrame([{
        "question": f"{item.label}: {item.question}",
        "leads_to": rules.outcomes[item.outcome_if_yes].headline,
        "why": item.rationale,
        "evidence": item.evidence_kind,
        "sources": citations_text(item.citations),
    } for item in checklist_items(category) if outcome is None or item.outcome_if_yes == outcome],
        columns=["question", "leads_to", "why", "evidence", "sources"])


def checklist_table(category: str | None = None, outcome: str | None = None, *,
                    caption: str | None = None) -> StudentTable:
    """The checklist rules as a table: question, what a yes leads to, why it matters, evidence, sources.

    Pass ``outcome`` to split a long category into readable parts (e.g. contraindications that mean no treatment
    and those that postpone it).
    """
    return student_table(checklist_rows(category, outcome), caption=caption,
                         labels={"question": "Question", "leads_to": "A yes leads to", "why": "Why it matters",
                                 "evidence": "Evidence behind the rule", "sources": "Sources"})


def outcome_scale_table(caption: str | None = None) -> StudentTable:
    """The outcome scale, least restrictive first: the outcome in words with its icon, and what it means."""
    frame = pd.DataFrame([{"outcome": o.headline, "meaning": o.meaning} for o in outcome_scale()])
    return student_table(frame, labels={"outcome": "Outcome", "meaning": "What it means"}, caption=caption)


def side_effects_table(caption: str | None = None) -> StudentTable:
    """Every side effect (expected effects first) with severity, timing, frequency reports and sources."""
    ordered = sorted(_rules().side_effects, key=lambda e: e.kind != "expected")
    frame = pd.DataFrame([{"name": e.name, "kind": KIND_WORDS[e.kind], "severity": e.severity,
                           "timing": e.timing_note, "how_often": e.how_often,
                           "sources": citations_text(e.citations)} for e in ordered])
    return student_table(frame, caption=caption, labels={
        "name": "Side effect", "kind": "Kind", "severity": "Severity", "timing": "Reported timing",
        "how_often": "How often it is reported", "sources": "Sources"})


def disagreements_table(caption: str | None = None) -> StudentTable:
    """The rules on which the sources disagree, with what each side says."""
    rules = _rules()
    frame = pd.DataFrame([{"question": i.label, "leads_to": rules.outcomes[i.outcome_if_yes].headline,
                           "disagreement": i.disagreement, "sources": citations_text(i.citations)}
                          for i in rules.items if i.disagreement])
    return student_table(frame, caption=caption, labels={
        "question": "Question", "leads_to": "A yes leads to here", "disagreement": "Where the sources disagree",
        "sources": "Sources"})


def aftercare_table(caption: str | None = None) -> StudentTable:
    """The aftercare plan with the kind of source behind each step, the reasoning and how clinics vary."""
    return student_table(aftercare_rows(), labels=_AFTERCARE_LABELS, caption=caption)


def vignette_markdown(key: str) -> str:
    """A vignette's title and story (not its answer), for an exercise."""
    case = vignette(key)
    return f"**{case.title}.** {_cell(case.story)}"


__all__ = [
    "aftercare_table", "checklist_rows", "checklist_table", "disagreements_table", "outcome_scale_table",
    "side_effects_table", "vignette_markdown",
]
