"""Format entries of ``data/references.csv`` for the References section of a lesson.

Example
-------
>>> from microlib.references import references_markdown
>>> print(references_markdown(["lotfi2013"]).splitlines()[0][:40])
- **lotfi2013** — Lotfi R, Moneib H, Yehi
"""

from __future__ import annotations

from collections.abc import Iterable

from .loader import load_records
from .schemas.common import VERIFICATION_MEANING

VERIFICATION_LABEL = {
    "primary": "checked in the primary source",
    "secondary": "checked in a secondary copy",
    "commercial": "commercial material",
    "unverified": "not verified",
}


def format_reference(key: str) -> str:
    """One reference as a Markdown line: authors, year, title, venue, identifier and how it was checked."""
    references = {r.key: r for r in load_records("references")}
    if key not in references:
        raise KeyError(f"citation key {key!r} is not in data/references.csv")
    r = references[key]
    venue = f" *{r.journal}*." if r.journal else ""
    link = f" doi:{r.doi}" if r.doi else (f" PMID {r.pmid}" if r.pmid else "")
    where = f" [source]({r.url})" if r.url else ""
    return (f"- **{r.key}** — {r.authors} ({r.year}). {r.title}.{venue}{link}{where} "
            f"_({r.source_kind}; {VERIFICATION_LABEL[r.verification]})_")


def references_markdown(keys: Iterable[str]) -> str:
    """A Markdown list of the given citation keys (duplicates dropped, sorted by key)."""
    return "\n".join(format_reference(k) for k in sorted(set(keys)))


def cited_by(*tables: str) -> list[str]:
    """Every citation key used by the named tables (e.g. ``cited_by("glossary")``), sorted, without repeats."""
    from .schemas import all_specs

    specs = {spec.name: spec for spec in all_specs().values()}
    keys: set[str] = set()
    for table in tables:
        if table not in specs:
            raise KeyError(f"table={table!r} is not declared; known tables: {', '.join(sorted(specs))}")
        for row in load_records(table):
            for column in specs[table].citation_columns:
                value = getattr(row, column)
                keys.update(value if isinstance(value, tuple) else (value,))
    return sorted(k for k in keys if k)


def verification_legend() -> str:
    """A Markdown list explaining the verification labels."""
    return "\n".join(f"- **{k}**: {v}" for k, v in VERIFICATION_MEANING.items())


def display_references(keys: Iterable[str]) -> None:
    """Show the references as Markdown in a notebook."""
    from IPython.display import Markdown, display

    display(Markdown(references_markdown(keys)))
