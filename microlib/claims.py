"""Filter and count the 82 checked marketing claims (``data/claims.csv``). Pure functions.

Each claim carries a topic, a verdict (supported, partly supported, overstated, contradicted, unverifiable),
the advertorial red flags in its wording and the notebook that teaches its topic.

Example
-------
>>> from microlib.claims import filter_claims, verdict_counts
>>> len(filter_claims())
82
>>> int(verdict_counts().set_index("verdict").loc["contradicted", "claims"])
6
"""

from __future__ import annotations

import html

import pandas as pd

from .checks import check_choice
from .evidence import source_labels
from .loader import load_table
from .schemas.claims import ARTICLES
from .tables import StudentTable, student_table
from .vocabulary import NOTEBOOK_TITLE, NOTEBOOKS, TOPICS, VERDICT_ICON, VERDICTS


def _check(name: str, value: str | None, allowed: tuple[str, ...]) -> None:
    if value is not None:
        check_choice(name, value, allowed)


def claims_table() -> pd.DataFrame:
    """All claims, in file order, as a DataFrame (list cells are tuples)."""
    return load_table("claims")


def filter_claims(topic: str | None = None, verdict: str | None = None, article: str | None = None,
                  red_flag: str | None = None) -> pd.DataFrame:
    """The claims matching every given filter (``None`` means any).

    Parameters
    ----------
    topic:
        One of :data:`microlib.schemas.claims.TOPICS`, e.g. ``"side_effects"``.
    verdict:
        One of ``supported``, ``partly supported``, ``overstated``, ``contradicted``, ``unverifiable``.
    article:
        An article code, ``"000"`` to ``"003"``.
    red_flag:
        A key of ``data/red_flags.csv``, e.g. ``"absolute_words"``.
    """
    _check("topic", topic, TOPICS)
    _check("verdict", verdict, VERDICTS)
    _check("article", article, tuple(ARTICLES))
    claims = claims_table()
    if red_flag is not None:
        _check("red_flag", red_flag, tuple(red_flags_table()["key"]))
    mask = pd.Series(True, index=claims.index)
    if topic is not None:
        mask &= claims["topic"] == topic
    if verdict is not None:
        mask &= claims["verdict"] == verdict
    if article is not None:
        mask &= claims["articles"].map(lambda codes: article in codes)
    if red_flag is not None:
        mask &= claims["red_flags"].map(lambda flags: red_flag in flags)
    return claims[mask].reset_index(drop=True)


def verdict_counts(topic: str | None = None, by_topic: bool = False) -> pd.DataFrame:
    """Number of claims per verdict (tidy, every verdict present, in verdict order).

    With ``by_topic=True`` the table has one row per topic and verdict (column ``topic``), zeros included.
    """
    claims = filter_claims(topic=topic)
    keys = ["topic", "verdict"] if by_topic else ["verdict"]
    counts = claims.groupby(keys).size()
    index = (pd.MultiIndex.from_product([TOPICS, VERDICTS], names=keys) if by_topic
             else pd.Index(VERDICTS, name="verdict"))
    return counts.reindex(index, fill_value=0).rename("claims").reset_index()


def red_flags_table() -> pd.DataFrame:
    """The advertorial signals of ``data/red_flags.csv``."""
    return load_table("red_flags")


def red_flag_counts() -> pd.DataFrame:
    """How many claims show each red flag in their wording (columns ``key``, ``signal``, ``claims``)."""
    flags = red_flags_table()[["key", "signal"]]
    per_flag = claims_table()["red_flags"].explode().value_counts()
    return flags.assign(claims=flags["key"].map(per_flag).fillna(0).astype(int))


def verdict_badge(verdict: str) -> str:
    """The verdict with its icon, e.g. ``'✘ contradicted'``."""
    _check("verdict", verdict, VERDICTS)
    return f"{VERDICT_ICON[verdict]} {verdict}"


def notebook_link(notebook: str) -> str:
    """A Markdown link to the notebook that teaches a topic (relative, so it works offline)."""
    _check("notebook", notebook, NOTEBOOKS)
    return f"[{NOTEBOOK_TITLE[notebook]}]({notebook}.ipynb)"


def claims_student_table(claims: pd.DataFrame, caption: str | None = None) -> StudentTable:
    """The claims as a table for students: claim, verdict (icon and word), evidence, where taught, sources.

    Sources are named by author and year (never by citation key) and the claim's row code is not shown.
    """
    frame = claims.assign(
        badge=claims["verdict"].map(verdict_badge),
        said=[e if not isinstance(w, str) else f"{e} Wording: {w}"
              for e, w in zip(claims["evidence"], claims["wording_note"], strict=True)],
        taught=[f'<a href="{n}.ipynb">{html.escape(NOTEBOOK_TITLE[n])}</a>' for n in claims["notebook"]],
        sources=[source_labels(keys) for keys in claims["citations"]],
    )
    return student_table(
        frame, columns=["claim", "badge", "said", "taught", "sources"],
        labels={"claim": "Claim (in our words)", "badge": "Verdict", "said": "What the evidence says",
                "taught": "Taught in", "sources": "Sources"},
        html_columns=["taught"], caption=caption)


def claims_html(claims: pd.DataFrame, caption: str | None = None) -> str:
    """The HTML of :func:`claims_student_table`, or a sentence when no claim matches."""
    if claims.empty:
        return "<p>No claim matches these filters.</p>"
    return claims_student_table(claims, caption).html


#: Teaching examples, one per verdict: acne scars, stretch marks, "eliminates scars", "no risk of
#: discoloration", and a two-day exercise ban.
EXAMPLE_IDS = ("B02", "B01", "B03", "D06", "A04")


def verdict_examples(ids: tuple[str, ...] = EXAMPLE_IDS) -> pd.DataFrame:
    """The claims ``ids`` (default: one per verdict) with verdict, claim and evidence: what each kind looks like."""
    claims = claims_table().set_index("id")
    missing = [i for i in ids if i not in claims.index]
    if missing:
        raise KeyError(f"claim ids {missing} are not in data/claims.csv")
    return claims.loc[list(ids), ["verdict", "claim", "evidence"]].reset_index()


def verdict_examples_table(ids: tuple[str, ...] = EXAMPLE_IDS) -> StudentTable:
    """:func:`verdict_examples` as a table for students (verdict with its icon, claim, evidence)."""
    examples = verdict_examples(ids)
    return student_table(
        examples.assign(badge=examples["verdict"].map(verdict_badge)), columns=["badge", "claim", "evidence"],
        labels={"badge": "Verdict", "claim": "Claim (in our words)", "evidence": "What the evidence says"},
        caption="Table 1. One claim of each verdict from the four articles, with what the evidence says.")


def red_flags_table_for_students(caption: str | None = None) -> StudentTable:
    """The red-flag signals as a table: signal, what it looks like, why it matters, the question to ask."""
    return student_table(
        red_flags_table(), columns=["signal", "looks_like", "why_it_matters", "how_to_check"],
        labels={"signal": "Signal", "looks_like": "What it looks like", "why_it_matters": "Why it matters",
                "how_to_check": "Ask yourself"}, caption=caption)


def red_flag_counts_table(caption: str | None = None) -> StudentTable:
    """How many claims carry each red flag in their wording, as a table for students."""
    return student_table(red_flag_counts(), columns=["signal", "claims"],
                         labels={"signal": "Signal", "claims": "Claims whose wording shows it"}, caption=caption)


def red_flags_html() -> str:
    """The HTML of :func:`red_flags_table_for_students` (kept for callers that need markup)."""
    return red_flags_table_for_students().html
