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

from .loader import load_table
from .schemas.claims import ARTICLES, NOTEBOOKS, TOPICS, VERDICTS

#: Words and icons for each verdict, so tables and badges never rely on colour alone.
VERDICT_ICON = {
    "supported": "✔",
    "partly supported": "◐",
    "overstated": "▲",
    "contradicted": "✘",
    "unverifiable": "?",
}
TOPIC_LABEL = {
    "mechanism": "mechanism",
    "biology": "skin biology",
    "benefits": "benefits",
    "procedure": "procedure",
    "devices": "devices",
    "practitioner": "who performs it",
    "side_effects": "side effects",
    "skin_type": "skin type",
    "contraindications": "contraindications",
    "aftercare": "aftercare",
}
NOTEBOOK_TITLE = {
    "00_start_here": "00 — Start here",
    "01_collagen_induction": "01 — The collagen-induction mechanism",
    "02_conditions_compared": "02 — Conditions compared on the evidence",
    "03_side_effect_risk_checklist": "03 — Side-effect risk checklist",
    "04_claims_vs_evidence": "04 — Claims versus evidence",
}


def _check(name: str, value: str | None, allowed: tuple[str, ...]) -> None:
    if value is not None and value not in allowed:
        raise ValueError(f"{name}={value!r} is not one of: {', '.join(allowed)}")


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


def claims_html(claims: pd.DataFrame) -> str:
    """A compact HTML table of claims: id, claim, verdict (icon and word), evidence, where it is taught."""
    if claims.empty:
        return "<p>No claim matches these filters.</p>"
    rows = []
    for c in claims.itertuples():
        link = f'<a href="{c.notebook}.ipynb">{html.escape(NOTEBOOK_TITLE[c.notebook])}</a>'
        note = f"<br><em>Wording: {html.escape(c.wording_note)}</em>" if isinstance(c.wording_note, str) else ""
        rows.append(f"<tr><td>{c.id}</td><td>{html.escape(c.claim)}</td><td>{verdict_badge(c.verdict)}</td>"
                    f"<td>{html.escape(c.evidence)}{note}</td><td>{link}</td><td>{'; '.join(c.citations)}</td></tr>")
    head = "<tr><th>id</th><th>claim</th><th>verdict</th><th>what the evidence says</th><th>taught in</th>" \
           "<th>sources</th></tr>"
    return f'<table class="mn-claims"><thead>{head}</thead><tbody>{"".join(rows)}</tbody></table>'


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


def red_flags_html() -> str:
    """The red-flag signals as an HTML table: signal, what it looks like, why it matters, how to check."""
    rows = "".join(
        f"<tr><td><strong>{html.escape(f.signal)}</strong></td><td>{html.escape(f.looks_like)}</td>"
        f"<td>{html.escape(f.why_it_matters)}</td><td>{html.escape(f.how_to_check)}</td></tr>"
        for f in red_flags_table().itertuples()
    )
    head = "<tr><th>signal</th><th>what it looks like</th><th>why it matters</th><th>ask yourself</th></tr>"
    return f'<table class="mn-red-flags"><thead>{head}</thead><tbody>{rows}</tbody></table>'
