"""The evidence tables and the condition card students read (re-exported by :mod:`microlib.evidence`).

Rendering only: every table goes through :func:`microlib.tables.student_table`, every source is named by author
and year, and the numbers come from :mod:`microlib.evidence_core`.
"""

from __future__ import annotations

import html

import pandas as pd

from .evidence_core import (
    JURISDICTION_NAMES,
    ConditionSummary,
    load_conditions,
    regulation_rows,
    source_labels,
    study_labels,
)
from .loader import load_table
from .tables import StudentTable, student_table


def head_to_head_table(table: pd.DataFrame, caption: str | None = None) -> StudentTable:
    """The head-to-head comparisons as a table for students: study, condition, compared with, outcome, result."""
    names = dict(zip(load_conditions()["key"], load_conditions()["name"], strict=True))
    frame = table.assign(study=study_labels(table) if not table.empty else [],
                         condition_name=table["condition"].map(names),
                         people=[("not reported" if pd.isna(v) else str(int(v))) for v in table["n"]],
                         significant_text=table["significant"].map(SIGNIFICANCE_TEXT))
    return student_table(
        frame, columns=["study", "condition_name", "design", "people", "comparator", "outcome", "result",
                        "significant_text"],
        labels={"study": "Study", "condition_name": "Condition", "design": "Design", "people": "People",
                "comparator": "Compared with", "outcome": "What was measured", "result": "Headline result",
                "significant_text": "Difference between treatments"},
        caption=caption)


def _range_text(span: tuple | None, unit: str) -> str:
    if span is None:
        return "not reported"
    low, high = span
    return f"{low:g} {unit}" if low == high else f"{low:g}–{high:g} {unit}"


def condition_card_html(condition: pd.Series, summary: ConditionSummary, shown: int | None = None) -> str:
    """A small HTML card for one condition: what it is, layer, verdict, counts, protocol, US authorisation.

    ``condition`` is one row of ``conditions.csv``; ``summary`` its :class:`ConditionSummary`; ``shown`` the
    number of study rows left after filters (printed when given).
    """
    e = html.escape
    level = f"level {summary.best_level}" if summary.best_level is not None else "no study"
    marker = "" if condition["trial_status"] == "trials found" else (
        f'<p class="mn-gap"><b>Gap for plain microneedling:</b> {e(condition["trial_status"])}.</p>')
    shown_text = "" if shown is None else (
        f" The table below shows {shown} of its {summary.n_rows} results (a study can report more than one).")
    return (
        f'<div class="mn-evidence-card"><h4>{e(condition["name"])}</h4>'
        f"<p>{e(condition['what_it_is'])} <i>Skin layer: {e(', '.join(condition['skin_layers']))}</i> "
        f"(see notebook 01).</p>{marker}"
        f"<p><b>Evidence verdict: {e(condition['verdict'])}.</b> {e(condition['verdict_reason'])}</p>"
        f"<p>Studies: {summary.n_studies} ({summary.randomised} randomised); people in primary studies: "
        f"{summary.participants}"
        f"{f'; largest review pooled {summary.pooled_participants}' if summary.pooled_participants else ''}; "
        f"best evidence: {level}."
        f"{shown_text}</p>"
        f"<p>Protocol seen: {e(condition['typical_protocol'])} (needles "
        f"{_range_text(summary.needle_mm, 'mm')}, intervals {_range_text(summary.interval_days, 'days')}).</p>"
        f"<p>US device authorisation: <b>{e(condition['us_cleared'])}</b>. {e(condition['us_cleared_note'])}</p>"
        f"<p>Compared with: {e(condition['alternatives'])}.</p>"
        f"<p><small>Sources: {e(source_labels(condition['citations']))} (read "
        f"{e(CHECKED_TEXT.get(condition['verification'], condition['verification']))}).</small></p></div>"
    )


#: Words for the ``significant`` column (was the difference between the treatments statistically significant?).
SIGNIFICANCE_TEXT = {"yes": "significant", "no": "no significant difference",
                     "not reported": "not reported", "not applicable": "not applicable"}


#: Words for ``verification`` in student tables.
CHECKED_TEXT = {"primary": "in the original", "secondary": "in a copy or summary"}


def studies_table(studies: pd.DataFrame, caption: str | None = None, show_level: bool = True) -> StudentTable:
    """The studies as a table for students: study (author and year), design, level, people, comparison, result.

    Every cell in full, no index, no citation keys; ``people`` reads "not reported" where a study gave no
    number, and "checked" says whether we read the original or a copy.

    Parameters
    ----------
    studies:
        Rows of ``data/studies.csv`` (filtered and sorted as you like; the order is kept).
    caption:
        Shown above the table.
    show_level:
        ``False`` leaves out the level of evidence (for an exercise that asks the student to judge it).
    """
    frame = studies.assign(
        study=study_labels(studies) if not studies.empty else [],
        people=[("not reported" if pd.isna(v) else str(int(v))) for v in studies["n"]],
        rf=studies["radiofrequency"].map(lambda v: "no" if v == "no" else ("yes" if v == "yes" else v)),
        checked=studies["verification"].map(lambda v: CHECKED_TEXT.get(v, v)),
    )
    return student_table(
        frame, columns=["study", "design", *(["cebm_level"] if show_level else []), "people", "comparator", "result",
                        "rf", "checked"],
        labels={"study": "Study", "design": "Design", "cebm_level": "Level", "people": "People analysed",
                "comparator": "Compared with", "result": "Headline result",
                "rf": "Radiofrequency device?", "checked": "We read it"},
        caption=caption)


def clearance_table(conditions: pd.DataFrame, caption: str | None = None) -> StudentTable:
    """Per condition: whether a US-authorised microneedling device covers it, and what that covers."""
    return student_table(
        conditions, columns=["name", "us_cleared", "us_cleared_note"],
        labels={"name": "Condition", "us_cleared": "Covered by a US-authorised device?",
                "us_cleared_note": "What the US authorisation covers"},
        caption=caption)


def evidence_levels_table(caption: str | None = None) -> StudentTable:
    """The five Oxford CEBM 2011 levels for "does this treatment help?", as a table for students."""
    return student_table(load_table("evidence_levels"), columns=["level", "name", "meaning"],
                         labels={"level": "Level", "name": "Name", "meaning": "What it means"}, caption=caption)


def regulation_table(caption: str = "Rules for microneedling devices, by jurisdiction",
                     regulation: pd.DataFrame | None = None) -> StudentTable:
    """The checked rules for microneedling devices as a table: where, who, which rule, what it says, sources.

    The caption ends by naming the jurisdictions left out because their rules have not yet been checked in the
    regulator's own text, so a student never takes one country's rules for everyone's.
    """
    shown, missing = regulation_rows(regulation)
    frame = shown.assign(
        where=shown["jurisdiction"].map(lambda j: JURISDICTION_NAMES.get(j, j)),
        force=shown["in_force"].map(lambda f: "in force" if f else "proposal, not in force"),
        sources=[source_labels(keys) if keys else "—" for keys in shown["citations"]],
        checked=shown["verification"].map(lambda v: CHECKED_TEXT.get(v, v)),
    )
    names = ", ".join(dict.fromkeys(frame["where"])) or "none"
    text = f"{caption}. Shown: {names}."
    if missing:
        text += (f" Not shown, because their rules have not yet been checked in the regulator's own text: "
                 f"{', '.join(missing)}.")
    return student_table(
        frame, columns=["where", "instrument", "status", "force", "sources", "checked"],
        labels={"where": "Where the rule applies", "regulator": "Regulator", "instrument": "Rule or document",
                "status": "What it says about microneedling devices", "force": "Status", "sources": "Source",
                "checked": "We read it"},
        caption=text)


__all__ = [
    "CHECKED_TEXT", "SIGNIFICANCE_TEXT", "clearance_table", "condition_card_html", "evidence_levels_table",
    "head_to_head_table", "regulation_table", "studies_table",
]
