"""Small HTML fragments for students: one place that writes the markup lessons, reports and widget apps share.

Everything here returns plain strings of HTML with every piece of text escaped, imports no display library and
never shows a citation key: sources appear as short author-year citations (``Chu et al. 2021``), which match
the full entries in a lesson's reference list.

Example
-------
>>> bullet_list([esc("a < b"), "c"])
'<ul><li>a &lt; b</li><li>c</li></ul>'
>>> section("Reasons", "<p>None.</p>")
'<h4>Reasons</h4><p>None.</p>'
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable

from .loader import cached_on_data

__all__ = ["bullet_list", "citations_text", "esc", "reveal", "section", "short_citation"]

_NO_AUTHORS = ("authors not", "chapter authors not", "not confirmed")
_INITIALS = re.compile(r"^[A-Z]{1,3}$")


def esc(text: object) -> str:
    """Escape text for HTML (quotes too), so data can never inject markup."""
    return html.escape(str(text))


def bullet_list(items_html: Iterable[str], css_class: str | None = None) -> str:
    """A ``<ul>`` of items that are already HTML (escape plain text with :func:`esc` first)."""
    attr = f" class='{esc(css_class)}'" if css_class else ""
    return f"<ul{attr}>" + "".join(f"<li>{item}</li>" for item in items_html) + "</ul>"


def section(title: str, body_html: str, level: int = 4) -> str:
    """A heading (escaped) followed by a body that is already HTML."""
    if not 1 <= level <= 6:
        raise ValueError(f"level={level} is not a heading level; use 1–6")
    return f"<h{level}>{esc(title)}</h{level}>{body_html}"


def reveal(summary: str, body_html: str) -> str:
    """A fold that stays closed until the student opens it (``<details>``), e.g. for an answer."""
    return f"<details><summary>{esc(summary)}</summary>{body_html}</details>"


@cached_on_data
def _references() -> dict:
    from .loader import load_records

    return {r.key: r for r in load_records("references")}


def short_citation(key: str) -> str:
    """A citation key as students read it: first author (or body) and year, e.g. ``'Chu et al. 2021'``.

    Raises ``KeyError`` naming the key when it is not in ``data/references.csv``.
    """
    refs = _references()
    if key not in refs:
        raise KeyError(f"citation key {key!r} is not in data/references.csv")
    ref = refs[key]
    authors = ref.authors.strip()
    if authors.lower().startswith(_NO_AUTHORS):
        words = ref.title.split()
        name = " ".join(words[:6]) + (" …" if len(words) > 6 else "")
        return f"“{name}” {ref.year}"
    plain = re.sub(r"\([^)]*\)?", "", authors).strip()  # drop notes such as "(manufacturer)"
    first = re.split(r",| et al", plain)[0].strip()
    parts = first.split()
    while len(parts) > 1 and (_INITIALS.match(parts[-1]) or parts[-1] == "Jr"):
        parts = parts[:-1]
    first = " ".join(parts)
    several = "," in plain or "et al" in plain
    return f"{first}{' et al.' if several else ''} {ref.year}"


def citations_text(keys: Iterable[str]) -> str:
    """Several citation keys as one readable string, in the given order: ``'Chu et al. 2021; Dogra et al. 2014'``."""
    return "; ".join(short_citation(k) for k in keys)
