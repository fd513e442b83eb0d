"""The study, regulation and review-date data: levels follow the written rule, known slips stay fixed, dates are honest.

The evidence-level rule lives in ``data/evidence_levels.csv`` (column ``rule``); :func:`level_by_rule` is the same
rule in code. Each row of ``data/studies.csv`` either follows it (``level_basis`` = ``rule``) or says why it
cannot be levelled from what was read (``level_basis`` starts ``not levelled:``).
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest

from microlib.loader import DataValidationError, load_records
from microlib.review_dates import LESSON_ROWS, describe_dates, evidence_last_reviewed, review_dates
from microlib.schemas.studies import Study
from tests.conftest import read_csv_rows, write_csv_rows

#: The day rows were re-checked for issue 11; a row may carry it only if its note says what was re-read.
RECHECK_DAY = date(2026, 12, 1)
#: The date the tables were first written (``git log --format=%ad --date=short -- data/studies.csv``).
FIRST_WRITTEN = date(2026, 11, 21)
REVIEWS = ("meta-analysis", "systematic review")
UNCONTROLLED_DESIGNS = ("prospective cohort", "case series", "retrospective", "case report")


def level_by_rule(study: Study) -> int | None:
    """The level the written rule gives a study row, or ``None`` when the row's fields cannot decide it."""
    if study.design == "narrative review":
        return 5
    if study.design in REVIEWS:
        pooled = study.pooled_studies if study.pooled_studies is not None else study.studies_included
        if pooled is None or study.pooled_randomised is None or study.pooled_randomised == 0:
            return None
        return 1 if study.pooled_randomised == pooled else 2
    if study.design in ("RCT", "split-face RCT"):
        return 2 if study.randomised == "yes" else None
    if study.design == "controlled trial":
        return 3 if study.randomised in ("no", "not stated") else None
    if study.design in UNCONTROLLED_DESIGNS:
        return 4 if study.comparator_kind == "none (before vs after)" else 3
    return None


def level_problems(studies: list[Study]) -> list[str]:
    """Every row whose level or level basis disagrees with the written rule, named with what the rule says."""
    problems = []
    for s in studies:
        ruled = level_by_rule(s)
        if s.level_basis == "rule" and ruled != s.cebm_level:
            problems.append(f"{s.key}: cebm_level={s.cebm_level} but the rule gives {ruled} "
                            f"(design={s.design!r}, randomised={s.randomised!r}, "
                            f"pooled_randomised={s.pooled_randomised}, comparator_kind={s.comparator_kind!r})")
        if s.level_basis != "rule" and ruled is not None:
            problems.append(f"{s.key}: marked {s.level_basis!r} but the rule gives level {ruled}; "
                            "set level_basis to 'rule' and cebm_level to that level")
    return problems


@pytest.fixture(scope="module")
def studies() -> list[Study]:
    return load_records("studies")


def by_key(studies: list[Study], key: str) -> Study:
    return next(s for s in studies if s.key == key)


# --- the evidence-level rule ---------------------------------------------------------------------------------


def test_every_level_follows_the_written_rule_or_says_why_not(studies):
    assert level_problems(studies) == []


def test_the_rule_levels_most_rows_and_the_rest_say_what_was_not_read(studies):
    not_levelled = [s for s in studies if s.level_basis != "rule"]
    assert len(not_levelled) < len(studies) / 4
    assert all(len(s.level_basis) > len("not levelled: ") + 20 for s in not_levelled)


def test_every_design_is_named_by_a_level_of_the_written_scale(studies):
    named = {d for level in load_records("evidence_levels") for d in level.designs}
    assert {s.design for s in studies} <= named
    assert all("rule" in type(level).model_fields for level in load_records("evidence_levels"))


def test_a_review_mixing_randomised_and_other_studies_is_graded_down_to_two(studies):
    kang = by_key(studies, "kang2022")
    assert (kang.studies_included, kang.pooled_randomised, kang.cebm_level) == (14, 4, 2)


def test_a_changed_level_is_caught_in_a_copy_of_the_data(data_copy: Path, edit_cell):
    path = data_copy / "studies.csv"
    row = next(i for i, r in enumerate(read_csv_rows(path)) if r[0] == "kang2022")
    edit_cell(path, row, "cebm_level", "1")
    problems = level_problems(load_records("studies", data_copy))
    assert problems == ["kang2022: cebm_level=1 but the rule gives 2 (design='meta-analysis', randomised=None, "
                        "pooled_randomised=4, comparator_kind='microneedling without the adjunct')"]


def test_a_not_levelled_row_that_the_rule_can_level_is_caught(data_copy: Path, edit_cell):
    path = data_copy / "studies.csv"
    row = next(i for i, r in enumerate(read_csv_rows(path)) if r[0] == "bailey2022")
    edit_cell(path, row, "pooled_randomised", "12")
    problems = level_problems(load_records("studies", data_copy))
    assert any(p.startswith("bailey2022: marked 'not levelled:") and "the rule gives level 1" in p for p in problems)


# --- the slips found in the audit stay fixed -----------------------------------------------------------------


def test_significance_is_not_left_unreported_when_the_result_quotes_a_p_value(studies):
    quoted = [s.key for s in studies if re.search(r"\b[Pp]\s*[<=]", s.result) and s.significant == "not reported"]
    assert quoted == []


def test_the_three_audited_slips_are_fixed(studies):
    assert by_key(studies, "tirmizi2021").significant == "yes"
    mina = by_key(studies, "mina2017")
    assert (mina.significant, mina.year) == ("yes", 2018)
    adr = by_key(studies, "adr2025_aga")
    assert (adr.studies_included, adr.pooled_studies, adr.pooled_randomised, adr.cebm_level) == (12, 11, 11, 1)


def year_mismatches(studies: list[Study], references: list) -> list[str]:
    """Study rows whose year differs from the year of the source the row is about (its first citation)."""
    years = {r.key: r.year for r in references}
    return [f"{s.key}: year {s.year} but its source {s.citations[0]} has year {years[s.citations[0]]}"
            for s in studies if years[s.citations[0]] != s.year]


def test_each_study_year_is_the_year_of_its_source(studies):
    assert year_mismatches(studies, load_records("references")) == []


def test_online_first_years_stay_aligned_with_their_references(studies):
    refs = {r.key: r.year for r in load_records("references")}
    expected = {"bailey2022": 2021, "striae_co2_2022": 2021, "fabbrocini2012": 2011, "kumar2018": 2019,
                "mina2017": 2018}
    assert {k: (by_key(studies, k).year, refs[k]) for k in expected} == {k: (y, y) for k, y in expected.items()}


def test_a_reference_year_that_disagrees_with_its_study_is_caught(data_copy: Path, edit_cell):
    path = data_copy / "references.csv"
    row = next(i for i, r in enumerate(read_csv_rows(path)) if r[0] == "bailey2022")
    edit_cell(path, row, "year", "2022")
    assert year_mismatches(load_records("studies", data_copy), load_records("references", data_copy)) == [
        "bailey2022: year 2021 but its source bailey2022 has year 2022"]


def test_pooled_counts_cannot_exceed_what_was_included(data_copy: Path, edit_cell):
    path = data_copy / "studies.csv"
    row = next(i for i, r in enumerate(read_csv_rows(path)) if r[0] == "adr2025_aga")
    edit_cell(path, row, "pooled_studies", "13")
    with pytest.raises(DataValidationError, match="pooled_studies=13 is larger than studies_included=12"):
        load_records("studies", data_copy)


# --- last-checked dates --------------------------------------------------------------------------------------


@pytest.mark.parametrize("table", ["studies", "checklist", "claims", "regulation"])
def test_checked_dates_lie_between_first_writing_and_the_recheck(table):
    dates = {r.checked_on for r in load_records(table)}
    assert dates and all(FIRST_WRITTEN <= d <= RECHECK_DAY for d in dates)


def test_a_study_dated_on_the_recheck_day_says_what_was_re_read(studies):
    rechecked = [s for s in studies if s.checked_on == RECHECK_DAY]
    assert len(rechecked) >= 15
    assert [s.key for s in rechecked if "Re-checked 2026-12-01" not in (s.note or "")] == []
    assert [s.key for s in studies if s.checked_on != RECHECK_DAY and "Re-checked 2026-12-01" in (s.note or "")] == []


def test_describe_dates_gives_one_date_or_the_range():
    assert describe_dates([date(2026, 11, 21)] * 3) == "21 November 2026"
    assert describe_dates([date(2026, 12, 1), date(2026, 11, 21)]) == "between 21 November 2026 and 1 December 2026"
    with pytest.raises(ValueError, match="dates is empty"):
        describe_dates([])


def test_each_lesson_reports_the_dates_of_the_rows_it_shows():
    for lesson in LESSON_ROWS:
        assert review_dates(lesson) and evidence_last_reviewed(lesson)
    assert evidence_last_reviewed("04") == "21 November 2026"  # claims not yet re-checked
    assert evidence_last_reviewed("02") == "between 21 November 2026 and 1 December 2026"


def test_a_recheck_moves_the_lesson_date(data_copy: Path):
    path = data_copy / "claims.csv"
    rows = read_csv_rows(path)
    column = rows[0].index("checked_on")
    rows[1:] = [[*r[:column], "2026-12-01", *r[column + 1:]] for r in rows[1:]]
    write_csv_rows(path, rows)
    assert evidence_last_reviewed("04_claims_vs_evidence", data_copy) == "1 December 2026"


def test_an_unknown_lesson_lists_the_lessons():
    with pytest.raises(ValueError, match=r"lesson='07' is not a lesson; expected one of 00 \(00_start_here\)"):
        evidence_last_reviewed("07")


# --- regulation by jurisdiction ------------------------------------------------------------------------------


def test_regulation_covers_the_four_jurisdictions_and_only_cited_rows_can_be_shown():
    rows = load_records("regulation")
    assert {r.jurisdiction for r in rows} == {"US", "EU", "UK", "Australia"}
    assert all(r.citations for r in rows if r.verification != "unverified")
    assert all(r.source_url.startswith("https://") for r in rows)


def test_the_us_age_limit_matches_the_checklist_rule_and_that_rule_names_its_jurisdiction():
    us = next(r for r in load_records("regulation") if r.key == "us_fda_authorised_uses")
    rule = next(r for r in load_records("checklist") if r.key == "under_22")
    assert (us.min_age_years, us.verification) == (22, "primary")
    assert rule.jurisdiction == "US" and "22" in rule.label
    regulation_rules = [r for r in load_records("checklist") if r.evidence_kind == "regulation"]
    assert all(r.jurisdiction != "any" for r in regulation_rules)


def test_a_shown_regulation_row_without_a_citation_cannot_load(data_copy: Path, edit_cell):
    path = data_copy / "regulation.csv"
    row = next(i for i, r in enumerate(read_csv_rows(path)) if r[0] == "au_tga")
    edit_cell(path, row, "citations", "")
    with pytest.raises(DataValidationError, match="a citation key for a row marked 'primary'"):
        load_records("regulation", data_copy)


def test_every_jurisdiction_has_a_rule_that_can_be_shown():
    shown = {r.jurisdiction for r in load_records("regulation") if r.verification != "unverified"}
    assert shown == {"US", "EU", "UK", "Australia"}


def test_regulation_sources_are_the_regulators_own_pages():
    from microlib.schemas.references import REGULATOR_HOSTS, host_matches, host_of

    refs = {r.key: r for r in load_records("references")}
    cited = {k for r in load_records("regulation") for k in r.citations}
    for key in cited:
        ref = refs[key]
        assert ref.publication_type == "regulatory document", key
        assert ref.url is None or host_matches(host_of(ref.url), REGULATOR_HOSTS), (key, ref.url)
