"""Course terms from ``data/glossary.csv``, and the card that explains the evidence labels.

Every lesson defines a term at its first use; the glossary holds the same definitions in one place, each checked
against the sources it names. :func:`evidence_labels_card` explains the rating words that appear across the
lessons (verification label, source type, level of evidence, the two kinds of verdict, the evidence kinds and
the checklist outcomes), built from ``data/evidence_labels.csv``, ``data/evidence_levels.csv`` and
``data/risk_outcomes.csv``.

Example
-------
>>> from microlib.glossary import glossary_entry
>>> glossary_entry("dermis").term
'Dermis'
>>> card = evidence_labels_card()
>>> card.columns[0]
'Label'
"""

from __future__ import annotations

import html
import re
from collections.abc import Sequence
from dataclasses import replace

from .html import bullet_list, citations_text, esc, short_citation
from .loader import load_record, load_records
from .schemas.evidence_labels import FAMILIES
from .schemas.glossary import GlossaryTerm
from .tables import StudentTable, student_table

VERIFICATION_WORDS = {
    "primary": "checked in the original source",
    "secondary": "checked in a copy or summary of the source",
    "commercial": "checked in commercial material",
}


def glossary_terms() -> list[GlossaryTerm]:
    """All glossary entries, sorted by term."""
    return sorted(load_records("glossary"), key=lambda t: t.term.lower())


def glossary_entry(key: str) -> GlossaryTerm:
    """The entry with this key; the error lists the known keys."""
    entry = load_record("glossary", key)
    assert isinstance(entry, GlossaryTerm)
    return entry


def entry_html(entry: GlossaryTerm) -> str:
    """An entry as a small HTML card: term, definition, and its sources as author and year.

    Each source is a ``<cite>`` carrying its key in ``data-key`` (for tests and tools; students read the name).
    """
    cites = "; ".join(f"<cite data-key='{esc(k)}'>{esc(short_citation(k))}</cite>" for k in entry.citations)
    return (
        f'<div class="mn-glossary-card"><h4>{esc(entry.term)}</h4><p>{esc(entry.definition)}</p>'
        f"<p><small>Sources: {cites} "
        f"({VERIFICATION_WORDS[entry.verification]}).</small></p></div>"
    )


def glossary_table(keys: Sequence[str] | None = None, caption: str | None = None) -> StudentTable:
    """The glossary (or the named entries, in that order) as a table for reading: term, meaning, sources."""
    entries = glossary_terms() if keys is None else [glossary_entry(k) for k in keys]
    rows = [{"term": e.term, "definition": e.definition, "sources": citations_text(e.citations)} for e in entries]
    return student_table(rows, labels={"term": "Term", "definition": "Meaning", "sources": "Checked against"},
                         caption=caption or f"Glossary: {len(entries)} terms used in the lessons.")


def _values_html(family: str) -> str:
    # The two ordered scales keep their meanings in their own tables, which lessons 02 and 03 show in full; the
    # card lists them in order so that the card stays short.
    if family == "evidence_level":
        levels = sorted(load_records("evidence_levels"), key=lambda lv: lv.level)
        items = [f"<strong>{lv.level} — {esc(lv.name)}</strong>" for lv in levels]
    elif family == "outcome":
        outcomes = sorted(load_records("risk_outcomes"), key=lambda o: o.rank)
        items = [f"<strong>{esc(o.icon)} {esc(o.label)}</strong>" for o in outcomes]
    else:
        rows = [r for r in load_records("evidence_labels") if r.family == family and r.value is not None]
        items = [f"<strong>{esc(r.name)}</strong>: {esc(r.meaning)}" for r in rows]
    return bullet_list(items)


def evidence_labels_card() -> StudentTable:
    """How to read the evidence labels: one row per rating vocabulary, with every value and what it means.

    The values come from the data the lessons show (so the card cannot disagree with them); the meanings of
    the level-of-evidence scale and of the checklist outcomes are listed in order from their own tables (lessons
    02 and 03 show their meanings in full).
    """
    families = {r.family: r for r in load_records("evidence_labels") if r.value is None}
    missing = [f for f in FAMILIES if f not in families]
    if missing:
        raise KeyError(f"data/evidence_labels.csv has no family row (empty value) for: {', '.join(missing)}")
    rows = []
    for family in FAMILIES:
        row = families[family]
        rates = row.meaning
        if row.basis == "published scale":
            rates += f" (Source: {citations_text(row.citations)}.)"
        else:
            rates += " (This package's own convention.)"
        rows.append({"label": row.name, "rates": rates, "values": _values_html(family), "where": row.where})
    table = student_table(
        rows,
        labels={"label": "Label", "rates": "What it rates", "values": "Its values and what they mean",
                "where": "Where you meet it"},
        html_columns=("values",),
        caption="How to read the evidence labels. Each kind of label answers a different question; "
                "a strong label of one kind says nothing about another.",
    )
    # The plain-text fallback gets the value lists as words, not as their HTML markup.
    plain = re.sub(r"<[^>]+>", "", table.text.replace("</li><li>", "; "))
    return replace(table, text=html.unescape(plain))
