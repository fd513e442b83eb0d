"""Filter, sort and summarise the studies of microneedling, condition by condition.

Everything here is a pure function of tables (``data/studies.csv`` and ``data/conditions.csv``, or small
hand-made DataFrames with the same columns), so it can be tested without widgets or figures.

How to read the levels: ``cebm_level`` is the Oxford CEBM 2011 level for "does this treatment help?" (1 = a
systematic review of randomised trials, 5 = reasoning or opinion); see ``data/evidence_levels.csv``.

Example
-------
>>> from microlib.evidence import load_studies, summarise_condition
>>> summary = summarise_condition(load_studies(), "acne_scars")
>>> summary.best_level
1
"""

from __future__ import annotations

import html
from collections.abc import Iterable
from dataclasses import dataclass

import pandas as pd

from .loader import load_table

#: Sort orders the apps offer: column(s) and direction.
SORT_KEYS: dict[str, tuple[list[str], list[bool]]] = {
    "level": (["cebm_level", "n", "year"], [True, False, False]),
    "year": (["year", "cebm_level"], [False, True]),
    "size": (["n", "cebm_level"], [False, True]),
}

#: Designs grouped the way a reader weighs them (used by filters and figures).
DESIGN_GROUPS: dict[str, tuple[str, ...]] = {
    "reviews and meta-analyses": ("meta-analysis", "systematic review", "narrative review"),
    "randomised trials": ("RCT", "split-face RCT"),
    "non-randomised comparisons": ("controlled trial",),
    "uncontrolled studies": ("prospective cohort", "case series", "retrospective", "case report"),
}

#: The range a headline number may take for each unit; anything outside is a data-entry error.
PLAUSIBLE_RANGES: dict[str, tuple[float, float]] = {
    "score points": (-50.0, 50.0),
    "grade points": (-5.0, 5.0),
    "percent": (-100.0, 500.0),
    "percent responding": (0.0, 100.0),
    "SMD": (-5.0, 5.0),
    "odds ratio": (0.01, 100.0),
    "hairs per cm2": (-100.0, 300.0),
    "hairs per inch2": (-100.0, 500.0),
    "VAS points (0-10)": (0.0, 10.0),
}

#: Designs whose ``n`` pools other studies' participants (counted apart to avoid double counting).
REVIEW_DESIGNS = DESIGN_GROUPS["reviews and meta-analyses"]


def load_studies() -> pd.DataFrame:
    """The validated ``data/studies.csv`` as a DataFrame (one row per study, arm or outcome)."""
    return load_table("studies")


def load_conditions() -> pd.DataFrame:
    """The validated ``data/conditions.csv`` as a DataFrame (one row per claimed condition)."""
    return load_table("conditions")


def design_group(design: str) -> str:
    """The group a design belongs to, e.g. ``"split-face RCT"`` → ``"randomised trials"``.

    >>> design_group("case series")
    'uncontrolled studies'
    """
    for group, designs in DESIGN_GROUPS.items():
        if design in designs:
            return group
    raise ValueError(f"design={design!r} is not a known design; known: "
                     f"{', '.join(d for ds in DESIGN_GROUPS.values() for d in ds)}")


def filter_studies(
    studies: pd.DataFrame,
    condition: str | None = None,
    design_groups: Iterable[str] | None = None,
    min_n: int = 0,
    verified_only: bool = False,
    include_radiofrequency: bool = True,
) -> pd.DataFrame:
    """Keep the studies that match every filter given.

    Parameters
    ----------
    studies:
        Table with the columns of ``data/studies.csv``.
    condition:
        Condition key (``"acne_scars"`` …); ``None`` keeps all conditions.
    design_groups:
        Names from :data:`DESIGN_GROUPS`; ``None`` keeps every design.
    min_n:
        Smallest number of participants (people). Rows that do not report ``n`` are dropped when ``min_n > 0``.
    verified_only:
        Keep only rows checked in the primary source (``verification == "primary"``).
    include_radiofrequency:
        ``False`` drops radiofrequency-microneedling rows (a different, energy-based technology).

    Returns
    -------
    The matching rows, in their original order.

    Example
    -------
    >>> rows = filter_studies(load_studies(), "striae", design_groups=["randomised trials"])
    >>> sorted(set(rows["design"]))
    ['split-face RCT']
    """
    if min_n < 0:
        raise ValueError(f"min_n={min_n} is below 0 (a number of participants)")
    keep = pd.Series(True, index=studies.index)
    if condition is not None:
        keep &= studies["condition"] == condition
    if design_groups is not None:
        groups = list(design_groups)
        unknown = [g for g in groups if g not in DESIGN_GROUPS]
        if unknown:
            raise ValueError(f"design_groups={unknown} not known; choose from: {', '.join(DESIGN_GROUPS)}")
        allowed = {d for g in groups for d in DESIGN_GROUPS[g]}
        keep &= studies["design"].isin(allowed)
    if min_n > 0:
        keep &= studies["n"].fillna(0) >= min_n
    if verified_only:
        keep &= studies["verification"] == "primary"
    if not include_radiofrequency:
        keep &= studies["radiofrequency"] == "no"
    return studies[keep]


def sort_studies(studies: pd.DataFrame, by: str = "level") -> pd.DataFrame:
    """Sort studies by ``"level"`` (strongest first), ``"year"`` (newest first) or ``"size"`` (largest first).

    Ties are broken by the other columns in :data:`SORT_KEYS`, then by ``key``, so the order is stable. Rows
    with no reported ``n`` go last when sorting by size.

    >>> list(sort_studies(load_studies(), "size")["key"])[0]
    'juhasz2020'
    """
    if by not in SORT_KEYS:
        raise ValueError(f"by={by!r} is not one of: {', '.join(SORT_KEYS)}")
    columns, ascending = SORT_KEYS[by]
    return studies.sort_values([*columns, "key"], ascending=[*ascending, True], na_position="last", kind="stable")


def unique_studies(studies: pd.DataFrame) -> pd.DataFrame:
    """One row per study: rows that share their first citation (arms or outcomes of one paper) are merged.

    The merged row keeps the first row's design and level and the largest ``n``.
    """
    first = studies["citations"].map(lambda keys: keys[0])
    table = studies.assign(study=first)
    agg = table.groupby("study", sort=False).agg(
        condition=("condition", "first"), design=("design", "first"), cebm_level=("cebm_level", "min"),
        n=("n", "max"), year=("year", "first"),
    )
    return agg.reset_index()


@dataclass(frozen=True)
class ConditionSummary:
    """What the studies of one condition add up to.

    ``participants`` counts people in primary studies only; ``pooled_participants`` is the largest number a
    review pooled (reviews overlap with each other and with the trials, so the two are never added).
    """

    condition: str
    n_rows: int
    n_studies: int
    participants: int
    pooled_participants: int
    best_level: int | None
    randomised: int
    radiofrequency_rows: int
    needle_mm: tuple[float, float] | None
    sessions: tuple[int, int] | None
    interval_days: tuple[int, int] | None
    by_design: pd.DataFrame


def _span(studies: pd.DataFrame, low: str, high: str, as_int: bool = False) -> tuple | None:
    values = pd.concat([studies[low].dropna(), studies[high].dropna()])
    if values.empty:
        return None
    cast = int if as_int else float
    return (cast(values.min()), cast(values.max()))


def summarise_condition(studies: pd.DataFrame, condition: str) -> ConditionSummary:
    """Summarise the studies of ``condition``: counts by design, participants, best level, typical protocol.

    Parameters
    ----------
    studies:
        Table with the columns of ``data/studies.csv`` (already filtered, if you want).
    condition:
        Condition key. A condition with no rows gives zero counts and ``best_level=None``.

    Returns
    -------
    :class:`ConditionSummary`. ``by_design`` has one row per design with ``studies`` and ``participants``.

    Example
    -------
    >>> s = summarise_condition(load_studies(), "androgenetic_alopecia")
    >>> s.randomised, s.needle_mm
    (2, (0.5, 2.5))
    """
    rows = studies[studies["condition"] == condition]
    per_study = unique_studies(rows) if not rows.empty else pd.DataFrame(
        columns=["study", "condition", "design", "cebm_level", "n", "year"])
    primary = per_study[~per_study["design"].isin(REVIEW_DESIGNS)]
    reviews = per_study[per_study["design"].isin(REVIEW_DESIGNS)]
    by_design = (
        per_study.groupby("design", sort=True)
        .agg(studies=("study", "count"), participants=("n", lambda s: int(s.fillna(0).sum())))
        .reset_index()
    )
    randomised = int(per_study["design"].isin(DESIGN_GROUPS["randomised trials"]).sum())
    return ConditionSummary(
        condition=condition,
        n_rows=len(rows),
        n_studies=len(per_study),
        participants=int(primary["n"].fillna(0).sum()),
        pooled_participants=int(reviews["n"].fillna(0).max()) if not reviews.empty else 0,
        best_level=int(per_study["cebm_level"].min()) if not per_study.empty else None,
        randomised=randomised,
        radiofrequency_rows=int((rows["radiofrequency"] != "no").sum()),
        needle_mm=_span(rows, "needle_mm_min", "needle_mm_max"),
        sessions=_span(rows, "sessions_min", "sessions_max", as_int=True),
        interval_days=_span(rows, "interval_days_min", "interval_days_max", as_int=True),
        by_design=by_design,
    )


def head_to_head(studies: pd.DataFrame, comparator_kind: str = "laser") -> pd.DataFrame:
    """Rows that compare microneedling directly with another treatment, effect and pigmentation side by side.

    Returns columns ``key``, ``condition``, ``comparator``, ``effect_mn``, ``effect_comparator``,
    ``effect_unit``, ``significant``, ``pih_mn_pct``, ``pih_comparator_pct``, ``n``, ``design``, ``result``,
    sorted by condition then key.

    >>> table = head_to_head(load_studies())
    >>> set(table["condition"]) == {"acne_scars", "striae"}
    True
    """
    kinds = set(studies["comparator_kind"])
    if comparator_kind not in kinds and not studies.empty:
        present = ", ".join(sorted(kinds))
        raise ValueError(f"comparator_kind={comparator_kind!r} is not in the table; present: {present}")
    rows = studies[studies["comparator_kind"] == comparator_kind]
    columns = ["key", "condition", "comparator", "effect_mn", "effect_comparator", "effect_unit", "significant",
               "pih_mn_pct", "pih_comparator_pct", "n", "design", "result"]
    return rows[columns].sort_values(["condition", "key"]).reset_index(drop=True)


def evidence_map_table(studies: pd.DataFrame, conditions: pd.DataFrame) -> pd.DataFrame:
    """One row per study for the evidence map: condition name, design group, level, participants.

    Rows that belong to one paper are merged (see :func:`unique_studies`). Columns: ``condition``, ``name``,
    ``study``, ``design``, ``group``, ``cebm_level``, ``n``, ``radiofrequency`` (True if any of its rows used it).
    """
    names = dict(zip(conditions["key"], conditions["name"], strict=True))
    per_study = unique_studies(studies)
    rf = studies.assign(study=studies["citations"].map(lambda k: k[0])).groupby("study")["radiofrequency"].agg(
        lambda s: bool((s != "no").any()))
    per_study["name"] = per_study["condition"].map(names)
    per_study["group"] = per_study["design"].map(design_group)
    per_study["radiofrequency"] = per_study["study"].map(rf)
    order = {key: i for i, key in enumerate(conditions["key"])}
    per_study = per_study.assign(_order=per_study["condition"].map(order))
    return per_study.sort_values(["_order", "cebm_level", "study"]).drop(columns="_order").reset_index(drop=True)


def gap_table(studies: pd.DataFrame, conditions: pd.DataFrame) -> pd.DataFrame:
    """Per condition: how many studies are randomised or better, how many weaker, and the verdict.

    Columns: ``condition``, ``name``, ``level_1_2`` (studies at CEBM level 1–2 of plain microneedling),
    ``level_3_5``, ``radiofrequency_only`` (studies using radiofrequency devices), ``trial_status``,
    ``verdict``. Sorted from least to most evidence, so the gaps come first.
    """
    plain = studies[studies["radiofrequency"] != "yes"]
    per_study = unique_studies(plain) if not plain.empty else pd.DataFrame(columns=["condition", "cebm_level"])
    rf = unique_studies(studies[studies["radiofrequency"] == "yes"]) if (studies["radiofrequency"] == "yes").any() \
        else pd.DataFrame(columns=["condition", "study"])
    plain_study_keys = set(per_study.get("study", []))
    rf = rf[~rf["study"].isin(plain_study_keys)] if not rf.empty else rf
    rows = []
    for c in conditions.itertuples():
        mine = per_study[per_study["condition"] == c.key]
        rows.append({
            "condition": c.key, "name": c.name,
            "level_1_2": int((mine["cebm_level"] <= 2).sum()),
            "level_3_5": int((mine["cebm_level"] >= 3).sum()),
            "radiofrequency_only": int((rf["condition"] == c.key).sum()),
            "trial_status": c.trial_status, "verdict": c.verdict,
        })
    table = pd.DataFrame(rows)
    table["_total"] = table["level_1_2"] * 100 + table["level_3_5"]
    return table.sort_values(["_total", "condition"]).drop(columns="_total").reset_index(drop=True)


def protocol_ranges(studies: pd.DataFrame, conditions: pd.DataFrame) -> pd.DataFrame:
    """Per condition, the shortest and longest needle (mm) any study reported; NaN where none reported one.

    Columns: ``condition``, ``name``, ``needle_mm_min``, ``needle_mm_max``, in the order of ``conditions``.
    """
    rows = []
    for c in conditions.itertuples():
        span = _span(studies[studies["condition"] == c.key], "needle_mm_min", "needle_mm_max")
        low, high = span if span else (float("nan"), float("nan"))
        rows.append({"condition": c.key, "name": c.name, "needle_mm_min": low, "needle_mm_max": high})
    return pd.DataFrame(rows)


def implausible_effects(studies: pd.DataFrame) -> pd.DataFrame:
    """Rows whose headline numbers fall outside :data:`PLAUSIBLE_RANGES` for their unit (should be empty)."""
    bad = []
    for row in studies.itertuples():
        if row.effect_unit is None or (isinstance(row.effect_unit, float) and pd.isna(row.effect_unit)):
            continue
        low, high = PLAUSIBLE_RANGES[row.effect_unit]
        for value in (row.effect_mn, row.effect_comparator):
            if value is not None and not pd.isna(value) and not low <= value <= high:
                bad.append(row.key)
    return studies[studies["key"].isin(bad)]


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
        f'<p class="mn-gap"><b>Gap:</b> {e(condition["trial_status"])} for plain microneedling.</p>')
    shown_text = "" if shown is None else f" Showing {shown} of {summary.n_rows} study rows after the filters."
    return (
        f'<div class="mn-evidence-card"><h4>{e(condition["name"])}</h4>'
        f"<p>{e(condition['what_it_is'])} <i>Skin layer: {e(', '.join(condition['skin_layers']))}</i> "
        f"(see notebook 01).</p>{marker}"
        f"<p><b>Evidence verdict: {e(condition['verdict'])}.</b> {e(condition['verdict_reason'])}</p>"
        f"<p>Studies: {summary.n_studies} ({summary.randomised} randomised); people in primary studies: "
        f"{summary.participants}; largest review pooled {summary.pooled_participants}; best evidence: {level}."
        f"{shown_text}</p>"
        f"<p>Protocol seen: {e(condition['typical_protocol'])} (needles "
        f"{_range_text(summary.needle_mm, 'mm')}, intervals {_range_text(summary.interval_days, 'days')}).</p>"
        f"<p>US device authorisation: <b>{e(condition['us_cleared'])}</b>. {e(condition['us_cleared_note'])}</p>"
        f"<p>Compared with: {e(condition['alternatives'])}.</p>"
        f"<p><small>Sources: {e(', '.join(condition['citations']))} ({e(condition['verification'])}). "
        f"Education, not medical advice.</small></p></div>"
    )


#: Columns shown in the studies table, with readable headers.
TABLE_COLUMNS = {
    "key": "study", "design": "design", "cebm_level": "level", "n": "n", "year": "year",
    "comparator": "compared with", "result": "headline result", "radiofrequency": "RF device",
    "verification": "checked in",
}


def studies_table(studies: pd.DataFrame) -> pd.DataFrame:
    """The columns a student reads first, renamed for display; ``n`` shown as text (``"–"`` if unreported)."""
    table = studies[list(TABLE_COLUMNS)].rename(columns=TABLE_COLUMNS)
    table["n"] = [("–" if pd.isna(v) else str(int(v))) for v in studies["n"]]
    return table.reset_index(drop=True)


def pick_studies(studies: pd.DataFrame, keys: Iterable[str]) -> pd.DataFrame:
    """The rows with these keys, in the order given (for side-by-side reading and exercises)."""
    keys = list(keys)
    missing = [k for k in keys if k not in set(studies["key"])]
    if missing:
        raise KeyError(f"keys {missing} are not in data/studies.csv")
    return studies.set_index("key").loc[keys].reset_index()


def clearance_table(conditions: pd.DataFrame) -> pd.DataFrame:
    """Condition name, whether a US-authorised microneedling device covers it, and what that covers."""
    table = conditions[["name", "us_cleared", "us_cleared_note"]]
    return table.rename(columns={"name": "condition", "us_cleared": "US-authorised use?",
                                 "us_cleared_note": "what the authorisation covers"}).reset_index(drop=True)


def cited_keys() -> list[str]:
    """Every citation key used by studies, conditions and the evidence-level scale (sorted, no repeats)."""
    keys: set[str] = set()
    for table in (load_studies(), load_conditions(), load_table("evidence_levels")):
        keys.update(k for ks in table["citations"] for k in ks)
    return sorted(keys)
