"""Format entries of ``data/references.csv`` and say what cites them.

Everything here is pure: it returns strings or small objects and never imports a display library. A
notebook shows a :class:`ReferenceList` by leaving it as the last line of a cell (Jupyter calls its
``_repr_markdown_``); a command line or test reads its ``.markdown``.

Example
-------
>>> from microlib.references import references_markdown
>>> print(references_markdown(["lotfi2013"]).splitlines()[0][:22])
- Lotfi R, Moneib H, Y
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from .loader import load_records
from .paths import NOTEBOOKS_DIR
from .schemas.common import VERIFICATION_MEANING
from .schemas.references import Reference, host_of

VERIFICATION_LABEL = {
    "primary": "read in the original",
    "secondary": "read in a copy or summary",
    "commercial": "commercial material",
    "unverified": "not verified",
}

# What kind of source it is, in words for students (the data's ``source_kind``).
SOURCE_KIND_LABEL = {
    "primary": "original study",
    "review": "review",
    "secondary copy": "copy of the source",
    "commercial": "maker's or clinic's material",
    "regulatory": "regulator's document",
}


def _references(data_dir: Path | str | None = None) -> dict[str, Reference]:
    return {r.key: r for r in load_records("references", data_dir)}  # type: ignore[misc]


def _reference(key: str, data_dir: Path | str | None = None) -> Reference:
    references = _references(data_dir)
    if key not in references:
        raise KeyError(f"citation key {key!r} is not in data/references.csv")
    return references[key]


def format_reference(key: str, data_dir: Path | str | None = None) -> str:
    """One reference as a Markdown line: authors, year, title, venue, identifiers, link and how it was checked.

    The link is the canonical record (``url``); when the text was read in a copy, that copy is named after it.
    """
    r = _reference(key, data_dir)
    venue = f" *{r.journal}*." if r.journal else ""
    ids = [f"doi:{r.doi}"] if r.doi else []
    ids += [f"PMID {r.pmid}"] if r.pmid else []
    link = f" {'; '.join(ids)}." if ids else ""
    where = f" [Record]({r.url})." if r.url else ""
    copy = f" Text read at [{host_of(r.read_at)}]({r.read_at})." if r.read_at else ""
    kind = SOURCE_KIND_LABEL.get(r.source_kind, r.source_kind)
    return (f"- {r.authors} ({r.year}). {r.title}.{venue}{link}{where}{copy} "
            f"_({kind}; {VERIFICATION_LABEL[r.verification]})_")


def _sort_key(key: str, data_dir: Path | str | None) -> tuple[str, int, str]:
    r = _reference(key, data_dir)
    return (r.authors.casefold(), r.year, key)


def references_markdown(keys: Iterable[str], data_dir: Path | str | None = None) -> str:
    """A Markdown list of the given citation keys (duplicates dropped, sorted by first author and year).

    Students see authors, year and title, never the citation key.
    """
    return "\n".join(format_reference(k, data_dir)
                     for k in sorted(set(keys), key=lambda k: _sort_key(k, data_dir)))


@dataclass(frozen=True)
class ReferenceList:
    """A lesson's reference list. Jupyter shows it as Markdown; ``str()`` gives the same Markdown text."""

    keys: tuple[str, ...]
    markdown: str

    def _repr_markdown_(self) -> str:
        return self.markdown

    def __str__(self) -> str:
        return self.markdown

    def __repr__(self) -> str:
        return f"ReferenceList({len(self.keys)} references)"


def reference_list(keys: Iterable[str], data_dir: Path | str | None = None) -> ReferenceList:
    """The given citation keys as a :class:`ReferenceList` (duplicates dropped, sorted by key)."""
    unique = tuple(sorted(set(keys)))
    return ReferenceList(unique, references_markdown(unique, data_dir))


def display_references(keys: Iterable[str]) -> ReferenceList:
    """The lesson's References section: leave it as the last line of a cell and the notebook shows it as Markdown.

    Kept under its old name for the lessons; it no longer displays anything itself (see :func:`reference_list`).
    """
    return reference_list(keys)


def cited_by(*tables: str, data_dir: Path | str | None = None) -> list[str]:
    """Every citation key used by the named tables (e.g. ``cited_by("glossary")``), sorted, without repeats."""
    from .schemas import all_specs

    specs = {spec.name: spec for spec in all_specs().values()}
    keys: set[str] = set()
    for table in tables:
        if table not in specs:
            raise KeyError(f"table={table!r} is not declared; known tables: {', '.join(sorted(specs))}")
        for row in load_records(table, data_dir):
            for column in specs[table].citation_columns:
                value = getattr(row, column)
                keys.update(value if isinstance(value, tuple) else (value,))
    return sorted(k for k in keys if k)


@dataclass(frozen=True)
class Citation:
    """One place a reference is cited: a table, the row's key (or number) and the column."""

    table: str
    row: str
    column: str

    def __str__(self) -> str:
        return f"{self.table} › {self.row} ({self.column})"


def citations_index(data_dir: Path | str | None = None) -> dict[str, list[Citation]]:
    """For every reference key, where it is cited in the data tables (table, row, column), in table order."""
    from .schemas import all_specs

    index: dict[str, list[Citation]] = {key: [] for key in _references(data_dir)}
    for spec in sorted(all_specs().values(), key=lambda s: s.name):
        if not spec.citation_columns:
            continue
        for number, row in enumerate(load_records(spec.name, data_dir), start=1):
            label = "/".join(str(getattr(row, c)) for c in spec.key) if spec.key else f"row {number}"
            for column in spec.citation_columns:
                value = getattr(row, column)
                for key in value if isinstance(value, tuple) else (value,):
                    if key:
                        index.setdefault(key, []).append(Citation(spec.name, label, column))
    return index


def lesson_mentions(lesson_dir: Path | str | None = None) -> dict[str, list[str]]:
    """For every reference key, the lesson sources (``notebooks/src/*.py``) that name it directly."""
    folder = Path(lesson_dir) if lesson_dir is not None else NOTEBOOKS_DIR / "src"
    return _mentions(sorted(folder.glob("*.py")))


def code_mentions() -> dict[str, list[str]]:
    """For every reference key, the package modules (``microlib/**/*.py``) that name it directly."""
    package = Path(__file__).resolve().parent
    return _mentions(sorted(p for p in package.rglob("*.py") if p.name != "references.py"))


def _mentions(paths: list[Path]) -> dict[str, list[str]]:
    keys = list(_references())
    found: dict[str, list[str]] = {key: [] for key in keys}
    for path in paths:
        text = path.read_text(encoding="utf-8")
        for key in keys:
            if re.search(rf"(?<![\w]){re.escape(key)}(?![\w])", text):
                found[key].append(path.stem)
    return found


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def references_report(data_dir: Path | str | None = None, lesson_dir: Path | str | None = None) -> str:
    """A Markdown audit page: each reference with identifiers, canonical link, where read, how verified, citers.

    Sorted by how often the reference is cited (most first), then by key.
    """
    refs = _references(data_dir)
    index = citations_index(data_dir)
    lessons = lesson_mentions(lesson_dir) if data_dir is None else {k: [] for k in refs}
    code = code_mentions() if data_dir is None else {k: [] for k in refs}
    articles = [r for r in refs.values() if r.publication_type == "journal article"]
    lines = [
        "# References: identifiers, links and what cites them",
        "",
        "Generated by `python -m microlib references` from `data/references.csv` and the tables that cite it. "
        "`Link` is the canonical record shown to students; `Read at` is where the text was actually read when "
        "that was a copy.",
        "",
        f"- References: {len(refs)}; journal articles: {len(articles)}",
        f"- With a DOI: {sum(r.doi is not None for r in refs.values())}; with a PMID: "
        f"{sum(r.pmid is not None for r in refs.values())}; with a PMCID: "
        f"{sum(r.pmcid is not None for r in refs.values())}",
        f"- Journal articles with neither DOI nor PMID (reason given): "
        f"{sum(r.doi is None and r.pmid is None for r in articles)}",
        f"- Read in a copy rather than at the canonical link: {sum(r.read_at is not None for r in refs.values())}",
        f"- Not cited by any table, lesson or package module: "
        f"{', '.join(k for k in sorted(refs) if not (index.get(k) or lessons.get(k) or code.get(k))) or 'none'}",
        "",
        "## Verification labels",
        "",
        *(f"- **{k}**: {v}" for k, v in VERIFICATION_MEANING.items()),
        "",
        "## References",
        "",
    ]
    order = sorted(refs, key=lambda k: (-len(index.get(k, [])), k))
    for key in order:
        r = refs[key]
        cites = index.get(key, [])
        lines += [f"### {key}", "", f"{r.authors} ({r.year}). {r.title}." + (f" *{r.journal}*." if r.journal else ""),
                  "", "| Field | Value |", "|---|---|",
                  f"| Type | {r.publication_type} ({r.source_kind}) |",
                  f"| DOI | {r.doi or '—'} |", f"| PMID | {r.pmid or '—'} |", f"| PMCID | {r.pmcid or '—'} |"]
        if r.no_identifier_reason:
            lines.append(f"| No DOI/PMID because | {_cell(r.no_identifier_reason)} |")
        lines += [f"| Identifiers checked | {_cell(r.identifiers_checked or '—')} |",
                  f"| Link | {r.url or '— (no canonical page found)'} |",
                  f"| Read at | {r.read_at or ('the link above' if r.url else '—')} |",
                  f"| Verification | {r.verification}: {VERIFICATION_MEANING[r.verification]} |",
                  f"| Note | {_cell(r.note or '—')} |",
                  f"| Cited by ({len(cites)}) | {_cell('; '.join(str(c) for c in cites) or '—')} |"]
        if lessons.get(key):
            lines.append(f"| Named in lessons | {', '.join(lessons[key])} |")
        if code.get(key):
            lines.append(f"| Named in package code | {', '.join(code[key])} |")
        lines.append("")
    return "\n".join(lines)


def verification_legend() -> str:
    """A Markdown list explaining the verification labels."""
    return "\n".join(f"- **{k}**: {v}" for k, v in VERIFICATION_MEANING.items())
