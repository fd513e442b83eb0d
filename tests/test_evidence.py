"""Tests for microlib.evidence and the data behind notebook 02 (studies, conditions, evidence levels)."""

from __future__ import annotations

import html
import re

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
    sort_studies,
    summarise_condition,
)
from microlib.loader import load_table
from microlib.schemas.conditions import SKIN_LAYERS

BASE = {
    "citations": ("ref_a",), "design": "RCT", "cebm_level": 2, "year": 2020, "n": 10.0, "needle_mm_min": None,
    "needle_mm_max": None, "sessions_min": None, "sessions_max": None, "interval_days_min": None,
    "interval_days_max": None, "radiofrequency": "no", "verification": "primary", "comparator": "x",
    "comparator_kind": "laser", "effect_mn": None, "effect_comparator": None, "effect_unit": None,
    "significant": "no", "pih_mn_pct": None, "pih_comparator_pct": None, "result": "r", "condition": "c1",
    "outcome": "o",
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


def test_evidence_grid_counts_every_study_once_with_zeros(toy):
    from microlib.evidence import evidence_grid, evidence_map_table

    conditions = pd.DataFrame({"key": ["c1", "c2", "c3"], "name": ["One", "Two", "Three"],
                               "trial_status": ["trials found", "trials found", "no trial found"]})
    per_study = evidence_map_table(toy, conditions)
    grid = evidence_grid(per_study, conditions)
    assert len(grid) == 3 * 5 and int(grid["studies"].sum()) == len(per_study) == 4
    one = grid[grid["condition"] == "c1"].set_index("level")["studies"].to_dict()
    assert one == {1: 1, 2: 1, 3: 0, 4: 1, 5: 0}  # "a" and "a_pain" are one study
    assert int(grid[(grid["condition"] == "c2") & (grid["level"] == 4)]["radiofrequency"].iloc[0]) == 1
    assert grid[grid["condition"] == "c3"]["studies"].sum() == 0


def test_head_to_head_outcomes_keep_units_apart_and_name_what_is_left_out():
    from microlib.evidence import PIH_OUTCOME, head_to_head_left_out, head_to_head_outcomes

    table = head_to_head(load_studies())
    outcomes = head_to_head_outcomes(table)
    # one axis title per outcome: never two units on one axis
    assert (outcomes.groupby("outcome")["axis"].nunique() == 1).all()
    pih = outcomes[outcomes["outcome"] == PIH_OUTCOME]
    assert len(pih) >= 2 and set(pih["axis"]) == {"patients with dark marks (%)"}
    assert not set(outcomes["study"]) & set(table["key"])  # author and year, never a key
    left_out = head_to_head_left_out(table)
    assert left_out and all(s not in set(table["key"]) for s in left_out)
    drawn = set(outcomes["study"])
    assert any(s not in drawn for s in left_out)


def test_student_tables_show_names_not_keys_and_full_text():
    from microlib.evidence import clearance_table, evidence_levels_table, pick_studies, studies_table

    studies = load_studies()
    picked = pick_studies(studies, ["alam2014", "dogra2014"])
    table = studies_table(picked, caption="Two studies.")
    assert "alam2014" not in table.html and "Alam" in table.html
    assert re.search(r"<caption[^>]*>Two studies\.</caption>", table.html)
    for result in picked["result"]:  # the headline result in full, as exercise 1 needs
        assert html.escape(result) in table.html
    assert "People analysed" in table.columns and "verification" not in table.html
    assert "snake" not in " ".join(table.columns) and all("_" not in c for c in table.columns)
    assert studies_table(pick_studies(studies, ["vondalwig2020"])).text.count("not reported") >= 1
    clearance = clearance_table(load_conditions())
    assert clearance.n_rows == len(load_conditions()) and "us_cleared" not in clearance.html
    assert evidence_levels_table().n_rows == 5


def test_condition_card_names_sources_by_author_and_year():
    from microlib.evidence import condition_card_html

    conditions = load_conditions().set_index("key")
    row = conditions.loc["acne_scars"].copy()
    row["key"] = "acne_scars"
    card = condition_card_html(row, summarise_condition(load_studies(), "acne_scars"))
    assert "harris2015" not in card and "Harris" in card
    assert "medical advice" not in card  # the lesson says it once; the card does not repeat it


def test_source_labels_never_show_a_key():
    from microlib.evidence import source_label, study_labels

    studies = load_studies()
    labels = study_labels(studies)
    assert len(labels) == len(studies)
    assert not set(labels) & set(studies["key"]) and all("_" not in label for label in labels)
    assert source_label("alam2014").startswith("Alam")
    with pytest.raises(KeyError, match="nokey"):
        source_label("nokey")


def test_regulation_table_shows_only_checked_rules_and_names_the_missing_countries():
    from microlib.evidence import regulation_rows, regulation_table

    toy = pd.DataFrame({
        "key": ["us_a", "eu_a", "uk_a"], "jurisdiction": ["US", "EU", "UK"], "regulator": ["FDA", "EC", "MHRA"],
        "instrument": ["rule one", "rule two", "rule three"], "status": ["says a", "says b", "says c"],
        "in_force": [True, True, False], "citations": [("fda_mn_devices",), (), ()],
        "verification": ["primary", "unverified", "secondary"],
    })
    shown, missing = regulation_rows(toy)
    assert list(shown["key"]) == ["us_a", "uk_a"] and missing == ["European Union"]
    table = regulation_table("Table 9. Rules", regulation=toy)
    assert "says b" not in table.html and "says a" in table.html and "proposal, not in force" in table.html
    assert "Shown: United States, United Kingdom." in table.text and "European Union" in table.text
    assert "fda_mn_devices" not in table.html and "Where the rule applies" in table.columns
    real_shown, _ = regulation_rows()
    assert (real_shown["verification"] != "unverified").all()


def test_the_reference_list_covers_every_rule_shown():
    from microlib.evidence import cited_keys, regulation_rows

    shown, _ = regulation_rows()
    assert {k for ks in shown["citations"] for k in ks} <= set(cited_keys())
