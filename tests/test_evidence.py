"""Tests for microlib.evidence and the data behind notebook 02 (studies, conditions, evidence levels)."""

from __future__ import annotations

import pandas as pd
import pytest

from microlib.evidence import (
    PLAUSIBLE_RANGES,
    filter_studies,
    gap_table,
    head_to_head,
    implausible_effects,
    load_conditions,
    load_studies,
    protocol_ranges,
    sort_studies,
    summarise_condition,
)
from microlib.loader import load_table
from microlib.plots.evidence import evidence_map, gap_figure, head_to_head_figure, marker_size, protocol_depth_figure
from microlib.schemas.conditions import SKIN_LAYERS

BASE = {
    "citations": ("ref_a",), "design": "RCT", "cebm_level": 2, "year": 2020, "n": 10.0, "needle_mm_min": None,
    "needle_mm_max": None, "sessions_min": None, "sessions_max": None, "interval_days_min": None,
    "interval_days_max": None, "radiofrequency": "no", "verification": "primary", "comparator": "x",
    "comparator_kind": "laser", "effect_mn": None, "effect_comparator": None, "effect_unit": None,
    "significant": "no", "pih_mn_pct": None, "pih_comparator_pct": None, "result": "r", "condition": "c1",
}


def make(rows: list[dict]) -> pd.DataFrame:
    return pd.DataFrame([{**BASE, **r} for r in rows])


@pytest.fixture
def toy() -> pd.DataFrame:
    return make([
        {"key": "a", "condition": "c1", "design": "RCT", "cebm_level": 2, "n": 40.0, "year": 2015,
         "needle_mm_min": 1.0, "needle_mm_max": 1.5, "sessions_min": 3, "sessions_max": 3},
        {"key": "a_pain", "citations": ("ref_a",), "condition": "c1", "design": "RCT", "cebm_level": 2, "n": 40.0},
        {"key": "b", "citations": ("ref_b",), "condition": "c1", "design": "case series", "cebm_level": 4,
         "n": 12.0, "year": 2021, "verification": "secondary", "needle_mm_min": 2.0, "needle_mm_max": 2.0,
         "sessions_min": 5, "sessions_max": 6, "comparator_kind": "none (before vs after)"},
        {"key": "c", "citations": ("ref_c",), "condition": "c1", "design": "meta-analysis", "cebm_level": 1,
         "n": 500.0, "year": 2023, "comparator_kind": "not captured"},
        {"key": "d", "citations": ("ref_d",), "condition": "c2", "design": "case series", "cebm_level": 4,
         "n": None, "radiofrequency": "yes", "year": 2010, "comparator_kind": "untreated or sham"},
    ])


def test_summary_counts_studies_not_rows_and_never_adds_review_participants(toy):
    s = summarise_condition(toy, "c1")
    assert (s.n_rows, s.n_studies, s.randomised, s.best_level) == (4, 3, 1, 1)
    assert s.participants == 52  # 40 (trial, counted once) + 12 (series); the review's 500 is kept apart
    assert s.pooled_participants == 500
    assert s.needle_mm == (1.0, 2.0) and s.sessions == (3, 6)
    assert dict(zip(s.by_design["design"], s.by_design["studies"], strict=True)) == {
        "RCT": 1, "case series": 1, "meta-analysis": 1}


def test_a_condition_with_no_rows_has_no_best_level(toy):
    s = summarise_condition(toy, "nothing")
    assert (s.n_studies, s.participants, s.best_level, s.needle_mm) == (0, 0, None, None)


def test_filters_combine(toy):
    assert list(filter_studies(toy, "c1", design_groups=["randomised trials"])["key"]) == ["a", "a_pain"]
    assert list(filter_studies(toy, min_n=30)["key"]) == ["a", "a_pain", "c"]
    assert "d" not in set(filter_studies(toy, min_n=1)["key"])  # unknown n is dropped once a minimum is set
    assert "b" not in set(filter_studies(toy, verified_only=True)["key"])
    assert "d" not in set(filter_studies(toy, include_radiofrequency=False)["key"])


def test_bad_filter_arguments_name_the_argument(toy):
    with pytest.raises(ValueError, match="min_n=-1"):
        filter_studies(toy, min_n=-1)
    with pytest.raises(ValueError, match="design_groups"):
        filter_studies(toy, design_groups=["anecdotes"])
    with pytest.raises(ValueError, match="by='colour'"):
        sort_studies(toy, "colour")


def test_sort_orders(toy):
    assert list(sort_studies(toy, "level")["key"])[:3] == ["c", "a_pain", "a"]  # ties: newer first
    assert next(iter(sort_studies(toy, "year")["key"])) == "c"
    assert list(sort_studies(toy, "size")["key"])[-1] == "d"  # unreported n goes last


def test_head_to_head_keeps_only_the_chosen_comparator(toy):
    assert list(head_to_head(toy, "laser")["key"]) == ["a", "a_pain"]
    with pytest.raises(ValueError, match="comparator_kind='banana'"):
        head_to_head(toy, "banana")


def test_gap_table_puts_untested_conditions_first(toy):
    conditions = pd.DataFrame({"key": ["c1", "c2", "c3"], "name": ["one", "two", "three"],
                               "trial_status": ["trials found", "radiofrequency microneedling only", "no trial found"],
                               "verdict": ["moderate", "none", "none"]})
    gaps = gap_table(toy, conditions)
    assert list(gaps["condition"]) == ["c2", "c3", "c1"] or list(gaps["condition"]) == ["c3", "c2", "c1"]
    row = gaps.set_index("condition").loc["c1"]
    assert (row.level_1_2, row.level_3_5) == (2, 1)
    assert gaps.set_index("condition").loc["c2"].radiofrequency_only == 1


# ---- the real data ----

def test_every_study_citation_and_condition_resolves():
    studies, refs = load_studies(), set(load_table("references")["key"])
    conditions = set(load_conditions()["key"])
    assert len(studies) >= 30
    assert all(k in refs for keys in studies["citations"] for k in keys)
    assert set(studies["condition"]) <= conditions
    assert set(studies["verification"]) <= {"primary", "secondary"}


def test_every_number_sits_in_a_plausible_range_for_its_unit():
    studies = load_studies()
    assert implausible_effects(studies).empty
    assert set(studies["effect_unit"].dropna()) <= set(PLAUSIBLE_RANGES)
    assert studies["n"].dropna().between(1, 5000).all()
    assert studies["pih_mn_pct"].dropna().between(0, 100).all()
    for low, high in (("needle_mm_min", "needle_mm_max"), ("sessions_min", "sessions_max")):
        both = studies.dropna(subset=[low, high])
        assert (both[low] <= both[high]).all()


def test_every_condition_has_a_study_or_an_explicit_no_trial_marker():
    studies, conditions = load_studies(), load_conditions()
    studied = set(studies["condition"])
    for c in conditions.itertuples():
        assert c.key in studied or c.trial_status == "no trial found", c.key
        if c.trial_status == "no trial found":
            assert c.key not in studied and c.verdict == "none"
        assert set(c.skin_layers) <= set(SKIN_LAYERS)


def test_radiofrequency_rows_are_flagged_and_hyperhidrosis_has_only_those():
    studies = load_studies()
    rf = studies[studies["radiofrequency"] == "yes"]
    assert (rf["device"] == "fractional radiofrequency microneedle").all()
    assert (studies[studies["condition"] == "hyperhidrosis"]["radiofrequency"] == "yes").all()


def test_every_claimed_condition_from_the_issue_is_listed():
    assert set(load_conditions()["key"]) == {
        "striae", "acne_scars", "other_scars", "wrinkles_laxity", "enlarged_pores", "pigmentation",
        "active_acne", "androgenetic_alopecia", "alopecia_areata", "hyperhidrosis", "vitiligo"}


def test_laser_head_to_head_shows_less_pigmentation_after_microneedling():
    table = head_to_head(load_studies()).dropna(subset=["pih_mn_pct", "pih_comparator_pct"])
    assert len(table) >= 2
    assert (table["pih_mn_pct"] < table["pih_comparator_pct"]).all()


def test_figures_build_with_titles_and_units():
    from microlib.evidence import evidence_map_table
    from microlib.skin import layer_boundaries

    studies, conditions = load_studies(), load_conditions()
    fig = evidence_map(evidence_map_table(studies, conditions), conditions)
    assert len(fig.data) == 4 and "level of evidence" in fig.layout.yaxis.title.text
    assert any("no trial" in a.text for a in fig.layout.annotations)
    fig = protocol_depth_figure(protocol_ranges(studies, conditions), layer_boundaries("forehead"), "forehead")
    assert "mm" in fig.layout.xaxis.title.text
    fig = head_to_head_figure(head_to_head(studies))
    assert {t.name for t in fig.data if t.showlegend} == {"microneedling", "laser"}
    fig = gap_figure(gap_table(studies, conditions))
    assert any("no trial found" in a.text for a in fig.layout.annotations)
    assert marker_size(None) == 7.0 and marker_size(100) > marker_size(10)
