"""Look up course terms from ``data/glossary.csv``.

Example
-------
>>> from microlib.glossary import glossary_entry
>>> glossary_entry("dermis").term
'Dermis'
"""

from __future__ import annotations

from .loader import load_record, load_records
from .schemas.glossary import GlossaryTerm


def glossary_terms() -> list[GlossaryTerm]:
    """All glossary entries, sorted by term."""
    return sorted(load_records("glossary"), key=lambda t: t.term.lower())


def glossary_entry(key: str) -> GlossaryTerm:
    """The entry with this key; the error lists the known keys."""
    entry = load_record("glossary", key)
    assert isinstance(entry, GlossaryTerm)
    return entry


def entry_html(entry: GlossaryTerm) -> str:
    """An entry as a small HTML card: term, definition, topic and citation keys."""
    cites = ", ".join(entry.citations)
    return (
        f'<div class="mn-glossary-card"><h4>{entry.term}</h4><p>{entry.definition}</p>'
        f"<p><small>Topic: {entry.topic}. Sources: {cites} ({entry.verification}).</small></p></div>"
    )
