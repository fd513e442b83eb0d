"""The checklist rules engine: ordering, monotonicity, unknowns, citations, vignettes and error messages."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from microlib import risk
from microlib.loader import load_records

ITEMS = [i.key for i in risk.checklist_items()]
RANK = {o.key: o.rank for o in risk.outcome_scale()}


def answers_strategy(values: tuple[str, ...] = risk.ANSWERS):
    return st.fixed_dictionaries({key: st.sampled_from(values) for key in ITEMS})


def test_outcome_scale_is_ordered_from_no_flags_to_do_not_treat() -> None:
    keys = [o.key for o in risk.outcome_scale()]
    assert keys == ["no_flags", "proceed_with_precautions", "postpone", "refer", "do_not_treat"]
    assert [o.rank for o in risk.outcome_scale()] == sorted({o.rank for o in risk.outcome_scale()})


def test_checklist_has_at_least_20_items_in_every_category() -> None:
    assert len(ITEMS) >= 20
    for category in risk.CATEGORIES:
        assert risk.checklist_items(category), category


def test_checklist_covers_every_topic_the_issue_lists() -> None:
    required = {
        "open_wound_or_infection", "cold_sore_history", "active_inflammatory_acne", "isotretinoin_current",
        "isotretinoin_recent", "keloid_tendency", "bleeding_disorder", "anticoagulants", "immunosuppression",
        "pregnant_or_breastfeeding", "active_skin_cancer", "changing_mole", "skin_condition_flare", "metal_allergy",
        "anaesthetic_allergy", "darker_skin_type", "recent_tan_or_sunburn", "radiation_or_chemo",
        "diabetes_uncontrolled", "non_intradermal_products", "home_device", "under_22",
    }
    assert required <= set(ITEMS)


def test_no_yes_answer_gives_no_flags() -> None:
    assert risk.assess(risk.blank_answers("no")).outcome.key == "no_flags"


@pytest.mark.parametrize("key", ITEMS)
def test_a_single_yes_gives_that_items_outcome_with_its_reason(key: str) -> None:
    answers = risk.blank_answers("no") | {key: "yes"}
    result = risk.assess(answers)
    item = next(i for i in risk.checklist_items() if i.key == key)
    assert result.outcome.key == item.outcome_if_yes
    assert [r.key for r in result.reasons] == [key]
    assert result.reasons[0].citations == item.citations


@settings(max_examples=300, deadline=None)
@given(answers=answers_strategy(), extra=st.sampled_from(ITEMS))
def test_answering_yes_to_one_more_item_never_lowers_the_outcome(answers: dict[str, str], extra: str) -> None:
    before = risk.assess(answers)
    after = risk.assess(answers | {extra: "yes"})
    assert after.outcome.rank >= before.outcome.rank
    assert after.possible_outcome.rank >= after.outcome.rank
    assert {r.key for r in before.reasons} <= {r.key for r in after.reasons}


@settings(max_examples=200, deadline=None)
@given(answers=answers_strategy())
def test_outcome_is_the_most_restrictive_yes_and_every_yes_is_a_reason(answers: dict[str, str]) -> None:
    result = risk.assess(answers)
    yes = [k for k, a in answers.items() if a == "yes"]
    assert sorted(r.key for r in result.reasons) == sorted(yes)
    expected = max((r.outcome.rank for r in result.reasons), default=0)
    assert result.outcome.rank == expected
    assert [r.outcome.rank for r in result.reasons] == sorted((r.outcome.rank for r in result.reasons), reverse=True)


@settings(max_examples=200, deadline=None)
@given(answers=answers_strategy())
def test_unknown_answers_are_open_questions_never_no(answers: dict[str, str]) -> None:
    result = risk.assess(answers)
    unknown = [k for k, a in answers.items() if a == "unknown"]
    assert [q.key for q in result.open_questions] == [k for k in ITEMS if k in unknown]
    assert result.complete == (not unknown)
    as_yes = risk.assess({k: ("yes" if a == "unknown" else a) for k, a in answers.items()})
    assert result.possible_outcome == as_yes.outcome
    if unknown:
        assert "provisional" in result.headline


@pytest.mark.parametrize("category", risk.CATEGORIES)
def test_monotonic_exhaustively_within_each_category(category: str) -> None:
    keys = [i.key for i in risk.checklist_items(category)]
    base = risk.blank_answers("no")
    sets = [dict(zip(keys, combo, strict=True)) for combo in itertools.product(("yes", "no"), repeat=len(keys))]
    ranks = {}
    for subset, result in zip(sets, risk.assess_many(base | s for s in sets), strict=True):
        ranks[frozenset(k for k, a in subset.items() if a == "yes")] = result.outcome.rank
    for yes_set, rank in ranks.items():
        for key in keys:
            if key not in yes_set:
                assert ranks[yes_set | {key}] >= rank, (sorted(yes_set), key)


def test_missing_ids_count_as_unknown() -> None:
    result = risk.assess({"darker_skin_type": "yes"})
    assert len(result.open_questions) == len(ITEMS) - 1
    assert result.possible_outcome.key == "do_not_treat"


def test_unknown_question_id_raises_an_error_naming_it() -> None:
    with pytest.raises(KeyError, match=r"'isotretinion_current'.*closest: 'isotretinoin_current'"):
        risk.assess({"isotretinion_current": "yes"})


def test_invalid_answer_raises_an_error_naming_question_and_answer() -> None:
    with pytest.raises(ValueError, match=r"'maybe' for question 'under_22'.*yes, no, unknown"):
        risk.assess({"under_22": "maybe"})
    with pytest.raises(ValueError, match="True"):
        risk.assess({"under_22": True})


def test_expected_effects_always_listed_and_complications_only_when_linked() -> None:
    plain = risk.assess(risk.blank_answers("no"))
    assert {e.kind for e in plain.side_effects} == {"expected"}
    assert {"redness", "swelling", "pinpoint_bleeding", "dryness_flaking", "discomfort"} <= {
        e.key for e in plain.side_effects}
    dark = risk.assess(risk.blank_answers("no") | {"darker_skin_type": "yes"})
    pih = next(e for e in dark.side_effects if e.key == "pih")
    assert pih.because == ("darker_skin_type",)
    assert pih.can_persist


def test_every_item_side_effect_and_aftercare_step_has_a_resolving_citation() -> None:
    keys = {r.key for r in load_records("references")}
    for table in ("checklist", "side_effects", "aftercare"):
        for row in load_records(table):
            assert row.citations, (table, row.key)
            assert set(row.citations) <= keys, (table, row.key)
            assert row.verification != "unverified", (table, row.key)


def test_every_complication_frequency_names_studies_not_a_pooled_rate() -> None:
    negations = ("no pooled", "not pooled", "neither gave a pooled")
    for row in load_records("side_effects"):
        text = row.how_often.lower()
        assert "pooled" not in text or any(n in text for n in negations), row.key
        if row.kind == "complication":
            assert any(ch.isdigit() for ch in text), row.key


def test_isotretinoin_disagreement_names_label_review_and_clinics() -> None:
    item = next(i for i in risk.checklist_items() if i.key == "isotretinoin_recent")
    text = item.disagreement or ""
    for needle in ("label", "2017", "Clinics", "extrapolation"):
        assert needle in text
    assert {"skinpen_label_copy", "spring2017"} <= set(item.citations)


def test_aftercare_says_most_steps_are_convention() -> None:
    kinds = [s.evidence_kind for s in risk.assess({}).aftercare]
    convention = sum(k in ("manufacturer instructions", "clinic convention") for k in kinds)
    assert convention > len(kinds) / 2


@pytest.mark.parametrize("key", risk.vignette_keys())
def test_every_vignette_gives_its_expected_outcome(key: str) -> None:
    case = risk.vignette(key)
    assert "fictional" in case.title
    assert risk.assess(risk.vignette_answers(key)).outcome.key == case.expected_outcome


def test_there_are_at_least_8_vignettes_covering_every_outcome() -> None:
    keys = risk.vignette_keys()
    assert len(keys) >= 8
    assert {risk.vignette(k).expected_outcome for k in keys} == set(RANK)


def test_unknown_vignette_raises_an_error_naming_it() -> None:
    with pytest.raises(KeyError, match="case_z"):
        risk.vignette("case_z")


def test_summary_markdown_has_outcome_reasons_sources_and_disclaimer() -> None:
    result = risk.assess(risk.vignette_answers("case_c_chloe"))
    text = risk.summary_markdown(result)
    assert "## Outcome: ⚕ Refer for medical assessment" in text
    assert "not a clinical decision tool" in text
    assert "Spring et al. 2017" in text and "- Spring" in text and "spring2017" not in text
    assert "Where sources disagree" in text


def test_summary_html_escapes_and_marks_outcome() -> None:
    text = risk.summary_html(risk.assess(risk.vignette_answers("case_e_eli")))
    assert text.startswith("<!DOCTYPE html>")
    assert "<strong>Outcome: ✖ Do not treat</strong>" in text
    assert "<script" not in text
    assert "&lt;" not in risk.DISCLAIMER and risk.DISCLAIMER in text


def test_write_summary_writes_only_where_asked_and_never_overwrites(tmp_path: Path) -> None:
    result = risk.assess(risk.vignette_answers("case_a_ana"))
    target = risk.write_summary(result, tmp_path / "case.md")
    assert target.read_text(encoding="utf-8").startswith("# Microneedling side-effect checklist")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["case.md"]
    with pytest.raises(FileExistsError):
        risk.write_summary(result, tmp_path / "case.md")
    with pytest.raises(ValueError, match=r"\.md .*\.html"):
        risk.write_summary(result, tmp_path / "case.txt")
    html_path = risk.write_summary(result, tmp_path / "case.html")
    assert "<html" in html_path.read_text(encoding="utf-8")


def test_timeline_rows_mark_missing_timing_as_none() -> None:
    rows = risk.timeline_rows(risk.assess(risk.vignette_answers("case_d_dev")))
    herpes = next(r for r in rows if r["name"].startswith("Cold-sore"))
    assert herpes["end_day_max"] is None
    assert "Cold sore now" in herpes["more_likely_because"]


def test_the_report_is_built_from_the_same_fragments_the_app_shows() -> None:
    result = risk.assess(risk.vignette_answers("case_h_hana"))
    page = risk.summary_html(result)
    for fragment in (risk.outcome_html(result), risk.reasons_html(result), risk.aftercare_html(result),
                     risk.side_effects_html(result)):
        assert fragment in page


def test_the_aftercare_basis_is_said_once_in_each_export() -> None:
    result = risk.assess(risk.vignette_answers("case_a_ana"))
    assert risk.summary_html(result).count(risk.AFTERCARE_BASIS) == 1
    assert risk.summary_markdown(result).count(risk.AFTERCARE_BASIS) == 1


def test_reasons_name_sources_by_author_and_year_not_by_key() -> None:
    result = risk.assess(risk.blank_answers("no") | {"darker_skin_type": "yes"})
    text = risk.reasons_html(result)
    assert "Dogra et al. 2014" in text
    for reason in result.reasons:
        assert not any(key in text for key in reason.citations)


def test_open_questions_can_be_shortened_and_say_how_many_are_left() -> None:
    result = risk.assess({})
    text = risk.reasons_html(result, max_open=8)
    assert text.count("<li>") == 9 and f"and {len(result.open_questions) - 8} more" in text
    assert risk.reasons_html(result).count("<li>") == len(result.open_questions)


LESSON_TABLES = {
    "side_effects": lambda: risk.side_effects_table(caption="t"),
    "outcome_scale": lambda: risk.outcome_scale_table(caption="t"),
    "contraindications_do_not_treat": lambda: risk.checklist_table("contraindication", "do_not_treat", caption="t"),
    "contraindications_postpone": lambda: risk.checklist_table("contraindication", "postpone", caption="t"),
    "precautions": lambda: risk.checklist_table("precaution", caption="t"),
    "disagreements": lambda: risk.disagreements_table(caption="t"),
    "aftercare": lambda: risk.aftercare_table(caption="t"),
}


@pytest.mark.parametrize("name", LESSON_TABLES)
def test_lesson_tables_show_no_keys_no_index_and_full_text(name: str) -> None:
    table = LESSON_TABLES[name]()
    keys = {k for k in {r.key for r in load_records("references")} | set(ITEMS)
            if "_" in k or any(ch.isdigit() for ch in k)}  # codes, not ordinary words such as "scleroderma"
    cells = table.text.split("\n", 2)[-1]
    assert not [k for k in keys if f" {k} " in f" {cells} ".replace("|", " ").replace(",", " ")], name
    assert "<th></th>" not in table.html and "dataframe" not in table.html
    assert "..." not in table.html and table.n_rows > 0
    assert all(h[:1].isupper() and "_" not in h for h in table.columns)


def test_contraindications_split_by_outcome_cover_the_whole_category() -> None:
    parts = [risk.checklist_rows("contraindication", o) for o in ("do_not_treat", "postpone")]
    assert sum(len(p) for p in parts) == len(risk.checklist_items("contraindication"))
    with pytest.raises(ValueError, match=r"outcome='never'.*no_flags"):
        risk.checklist_rows("contraindication", "never")


def test_rules_are_cached_until_a_data_file_changes() -> None:
    assert risk._rules() is risk._rules()
    assert hasattr(risk._rules, "cache_clear")
