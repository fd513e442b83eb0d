"""The evidence engine: filter, sort and summarise the studies of microneedling, condition by condition.

Re-exported by :mod:`microlib.evidence`.

Everything here is a pure function of tables (``data/studies.csv`` and ``data/conditions.csv``, or small
hand-made DataFrames with the same columns), so it can be tested without widgets or figures.

How to read the levels: ``cebm_level`` is the Oxford CEBM 2011 level for "does this treatment help?" (1 = a
systematic review of randomised trials, 5 = reasoning or opinion); see ``data/evidence_levels.csv``.

Example
-------
>>> from microlib.evidence_core import load_studies, summarise_condition
>>> summary = summarise_condition(load_studies(), "acne_scars")
>>> summary.best_level  # a meta-analysis pooling mostly non-randomised studies: level 2
2
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import pandas as pd

from .checks import check_choice
from .html import short_citation
from .loader import load_table
from .references import cited_by

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


def source_label(key: str) -> str:
    """A source as students read it, never as a citation key: ``"alam2014"`` → ``"Alam et al. 2014"``.

    The one rule for short citations lives in :func:`microlib.html.short_citation`, so the names here match
    the reference list at the end of each lesson.
    """
    return short_citation(key)


def source_labels(keys: Iterable[str]) -> str:
    """Several sources as one readable string, e.g. ``"Harris et al. 2015; Alam et al. 2014"`` (order kept)."""
    return "; ".join(dict.fromkeys(source_label(k) for k in keys))  # two releases of one body read as one name


def study_labels(studies: pd.DataFrame) -> list[str]:
    """The human name of each study row (its first source's author and year), in row order."""
    return [source_label(keys[0]) for keys in studies["citations"]]


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
    check_choice("by", by, tuple(SORT_KEYS))
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

    Returns columns ``key``, ``citations``, ``condition``, ``comparator``, ``outcome``, ``effect_mn``,
    ``effect_comparator``, ``effect_unit``, ``significant``, ``pih_mn_pct``, ``pih_comparator_pct``, ``n``,
    ``design``, ``result``, sorted by condition then key.

    >>> table = head_to_head(load_studies())
    >>> set(table["condition"]) == {"acne_scars", "striae"}
    True
    """
    kinds = set(studies["comparator_kind"])
    if comparator_kind not in kinds and not studies.empty:
        present = ", ".join(sorted(kinds))
        raise ValueError(f"comparator_kind={comparator_kind!r} is not in the table; present: {present}")
    rows = studies[studies["comparator_kind"] == comparator_kind]
    columns = ["key", "citations", "condition", "comparator", "outcome", "effect_mn", "effect_comparator",
               "effect_unit", "significant", "pih_mn_pct", "pih_comparator_pct", "n", "design", "result"]
    return rows[columns].sort_values(["condition", "key"]).reset_index(drop=True)


#: How each unit of a headline number is named on a figure axis (the unit of the whole panel).
UNIT_AXIS: dict[str, str] = {
    "percent": "improvement (%)",
    "VAS points (0-10)": "pain score (0–10 scale)",
    "score points": "score (points)",
    "grade points": "grade (points)",
    "percent responding": "patients responding (%)",
    "SMD": "standardised mean difference",
    "odds ratio": "odds ratio",
    "hairs per cm2": "hairs per cm²",
    "hairs per inch2": "hairs per square inch",
}


#: The outcome every comparison can share: dark marks afterwards, as a share of patients.
PIH_OUTCOME = "dark marks (PIH) afterwards"


def head_to_head_outcomes(table: pd.DataFrame, conditions: pd.DataFrame | None = None) -> pd.DataFrame:
    """The head-to-head numbers in long form, one row per study and outcome, so that only like is drawn with like.

    Every row with a headline number gives one row (its own outcome and unit); every row with dark-mark rates
    gives a row with outcome :data:`PIH_OUTCOME` in ``% of patients``. Rows of a study without any number are
    not returned: see :func:`head_to_head_left_out`.

    Parameters
    ----------
    table:
        Output of :func:`head_to_head`.
    conditions:
        ``conditions.csv`` (for the condition's name; default: loaded from ``data/``).

    Returns
    -------
    Columns ``study`` (author and year), ``condition`` (name), ``outcome``, ``axis`` (axis title with unit),
    ``microneedling``, ``comparator``, ``significant``, in the order of ``table``, PIH rows last.
    """
    conditions = load_conditions() if conditions is None else conditions
    names = dict(zip(conditions["key"], conditions["name"], strict=True))
    labels = study_labels(table) if not table.empty else []
    effects, pih = [], []
    for label, row in zip(labels, table.itertuples(), strict=True):
        condition = names.get(row.condition, row.condition)
        if not pd.isna(row.effect_mn) and not pd.isna(row.effect_comparator):
            effects.append({"study": label, "condition": condition, "outcome": row.outcome,
                            "axis": UNIT_AXIS.get(row.effect_unit, row.effect_unit),
                            "microneedling": float(row.effect_mn), "comparator": float(row.effect_comparator),
                            "significant": row.significant})
        if not pd.isna(row.pih_mn_pct) and not pd.isna(row.pih_comparator_pct):
            pih.append({"study": label, "condition": condition, "outcome": PIH_OUTCOME,
                        "axis": "patients with dark marks (%)", "microneedling": float(row.pih_mn_pct),
                        "comparator": float(row.pih_comparator_pct), "significant": "not reported"})
    columns = ["study", "condition", "outcome", "axis", "microneedling", "comparator", "significant"]
    return pd.DataFrame(effects + pih, columns=columns)


def head_to_head_left_out(table: pd.DataFrame) -> list[str]:
    """Studies in ``table`` (from :func:`head_to_head`) whose improvement has no number to draw, by name."""
    missing = table[table["effect_mn"].isna() | table["effect_comparator"].isna()]
    return list(dict.fromkeys(study_labels(missing))) if not missing.empty else []


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


#: Short names of the five evidence levels, used as column headings on the evidence map.
LEVEL_SHORT: dict[int, str] = {1: "review of randomised trials", 2: "randomised trial",
                               3: "non-randomised comparison", 4: "case series", 5: "reasoning or opinion"}


def evidence_grid(table: pd.DataFrame, conditions: pd.DataFrame) -> pd.DataFrame:
    """Counts for the evidence map: one row per condition and evidence level (zeros included).

    Parameters
    ----------
    table:
        Output of :func:`evidence_map_table` (one row per study).
    conditions:
        ``conditions.csv`` (gives the order of the rows and the names).

    Returns
    -------
    Columns ``condition``, ``name``, ``level`` (1–5), ``studies`` (all studies at that level),
    ``radiofrequency`` (how many of them used a radiofrequency device), ``trial_status``; conditions in
    file order, levels 1 to 5.

    >>> grid = evidence_grid(evidence_map_table(load_studies(), load_conditions()), load_conditions())
    >>> int(grid["studies"].sum()) == len(evidence_map_table(load_studies(), load_conditions()))
    True
    """
    rows = []
    for c in conditions.itertuples():
        mine = table[table["condition"] == c.key]
        for level in LEVEL_SHORT:
            at = mine[mine["cebm_level"] == level]
            rows.append({"condition": c.key, "name": c.name, "level": level, "studies": len(at),
                         "radiofrequency": int(at["radiofrequency"].astype(bool).sum()),
                         "trial_status": c.trial_status})
    return pd.DataFrame(rows)


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


def pick_studies(studies: pd.DataFrame, keys: Iterable[str]) -> pd.DataFrame:
    """The rows with these keys, in the order given (for side-by-side reading and exercises)."""
    keys = list(keys)
    missing = [k for k in keys if k not in set(studies["key"])]
    if missing:
        raise KeyError(f"keys {missing} are not in data/studies.csv")
    return studies.set_index("key").loc[keys].reset_index()


#: Jurisdictions of ``data/regulation.csv`` in words, in the order tables list them.
JURISDICTION_NAMES = {"US": "United States", "EU": "European Union", "UK": "United Kingdom",
                      "Australia": "Australia"}


def regulation_rows(regulation: pd.DataFrame | None = None) -> tuple[pd.DataFrame, list[str]]:
    """The rules that may be shown (verified rows) and the jurisdictions that have only unverified rows.

    Parameters
    ----------
    regulation:
        ``data/regulation.csv`` (default: loaded from ``data/``).

    Returns
    -------
    ``(shown, missing)``: the rows whose ``verification`` is not ``unverified``, in file order, and the names of
    jurisdictions with no such row (a rule is never shown before it has been checked).
    """
    table = load_table("regulation") if regulation is None else regulation
    shown = table[table["verification"] != "unverified"].reset_index(drop=True)
    missing = [JURISDICTION_NAMES.get(j, j) for j in dict.fromkeys(table["jurisdiction"])
               if j not in set(shown["jurisdiction"])]
    return shown, missing


def cited_keys() -> list[str]:
    """Every citation key behind lesson 02: studies, conditions, the evidence-level scale and the rules shown.

    Only the regulation rows that may be shown (checked ones, see :func:`regulation_rows`) add their sources.
    Sorted, no repeats.
    """
    shown_rules = {k for ks in regulation_rows()[0]["citations"] for k in ks}
    return sorted(set(cited_by("studies", "conditions", "evidence_levels")) | shown_rules)


__all__ = [
    "DESIGN_GROUPS",
    "JURISDICTION_NAMES",
    "LEVEL_SHORT",
    "PIH_OUTCOME",
    "PLAUSIBLE_RANGES",
    "REVIEW_DESIGNS",
    "SORT_KEYS",
    "UNIT_AXIS",
    "ConditionSummary",
    "cited_keys",
    "design_group",
    "evidence_grid",
    "evidence_map_table",
    "filter_studies",
    "gap_table",
    "head_to_head",
    "head_to_head_left_out",
    "head_to_head_outcomes",
    "implausible_effects",
    "load_conditions",
    "load_studies",
    "pick_studies",
    "protocol_ranges",
    "regulation_rows",
    "sort_studies",
    "source_label",
    "source_labels",
    "study_labels",
    "summarise_condition",
    "unique_studies",
]
