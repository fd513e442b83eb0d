"""Quiz engine and widget: items test the objectives, answers carry no hint, feedback explains and points back."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from microlib.apps.quiz import NOTHING_CHOSEN, build_quiz_app, show_quiz
from microlib.loader import DataValidationError, load_all, load_records
from microlib.quiz import (
    answer_key,
    display_order,
    feedback_html,
    grade,
    is_multiple,
    longest_is_right,
    longest_is_right_share,
    quiz_citations,
    quiz_html,
    quiz_item,
    quiz_items,
    quiz_text,
    right_answer_positions,
    shuffled,
)
from microlib.schemas.claims import NOTEBOOKS
from microlib.schemas.objectives import MAX_PER_LESSON
from microlib.schemas.quizzes import QuizItem, QuizOption

LESSONS = NOTEBOOKS
SOURCES = Path(__file__).resolve().parents[1] / "notebooks" / "src"
#: The most any one shown position may hold of the right answers, and the most items whose longest option is right
#: (issue "lessons that teach": answers must carry no hint from position or length).
MAX_SHARE = 0.40


def all_shown_items() -> list[QuizItem]:
    """Every item exactly as the quiz app shows it (options in display order)."""
    return [q.item for lesson in LESSONS for q in build_quiz_app(lesson).questions]


def right_texts(item: QuizItem) -> list[str]:
    return [o.text for o in item.options if o.correct]


def wrong_texts(item: QuizItem) -> list[str]:
    return [o.text for o in item.options if not o.correct]


# ---------------------------------------------------------------- what the quiz covers


@pytest.mark.parametrize("lesson", LESSONS)
def test_every_lesson_has_four_to_six_items(lesson: str) -> None:
    assert 4 <= len(quiz_items(lesson)) <= 6


def test_the_course_has_at_least_24_items() -> None:
    assert len(load_records("quizzes")) >= 24


def test_every_item_tests_an_objective_of_its_own_lesson() -> None:
    objectives = {o.id: o for o in load_records("objectives")}
    for item in load_records("quizzes"):
        assert item.objective in objectives, item.id
        assert objectives[item.objective].lesson == item.lesson, item.id


@pytest.mark.parametrize("lesson", LESSONS)
def test_every_objective_is_tested_by_a_quiz_item(lesson: str) -> None:
    objectives = {o.id for o in load_records("objectives") if o.lesson == lesson}
    tested = {item.objective for item in quiz_items(lesson)}
    assert objectives, f"{lesson} states no objectives in objectives.csv"
    assert objectives <= tested, f"untested objectives in {lesson}: {sorted(objectives - tested)}"


@pytest.mark.parametrize("lesson", LESSONS)
def test_a_lesson_states_at_most_four_objectives(lesson: str) -> None:
    assert 1 <= sum(o.lesson == lesson for o in load_records("objectives")) <= MAX_PER_LESSON


def overview_objectives(lesson: str) -> list[str]:
    """The numbered objectives in a lesson source's Overview, one string each (wrapped lines joined)."""
    text = next(SOURCES.glob(f"{lesson}.py")).read_text(encoding="utf-8")
    overview = text.split("# ## Overview", 1)[1].split("# %%", 1)[0]
    lines = [line.removeprefix("#").strip() for line in overview.splitlines()]
    items: list[str] = []
    for line in lines:
        if re.match(r"^\d+\. ", line):
            items.append(re.sub(r"^\d+\. ", "", line))
        elif items and line and not line.startswith("<!--"):
            items[-1] += " " + line
    return [re.sub(r"\*\*(.+?)\*\*", r"\1", item) for item in items]


@pytest.mark.parametrize("lesson", LESSONS)
def test_the_overview_states_exactly_the_objectives_in_the_data(lesson: str) -> None:
    expected = [o.text for o in load_records("objectives") if o.lesson == lesson]
    assert overview_objectives(lesson) == expected, (
        f"notebooks/src/{lesson}.py: the Overview must list the objectives of data/objectives.csv, in order")


def test_an_objective_of_another_lesson_is_refused() -> None:
    row = next(i for i in load_records("quizzes") if i.lesson == "02_conditions_compared").model_dump()
    row["objective"] = "o01_1"
    with pytest.raises(ValueError, match="an objective of lesson '02_conditions_compared'"):
        QuizItem.model_validate(row)


def test_an_unknown_objective_and_a_fifth_objective_fail_to_load(data_copy: Path) -> None:
    path = data_copy / "quizzes.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("objective: o03_4", "objective: o03_9", 1),
                    encoding="utf-8")
    (data_copy / "objectives.csv").write_text(
        (data_copy / "objectives.csv").read_text(encoding="utf-8").replace("o02_4,", "o02_5,"), encoding="utf-8")
    with pytest.raises(DataValidationError) as caught:
        load_all(data_copy)
    message = str(caught.value)
    assert "data/quizzes.yaml" in message and "column 'objective': got 'o03_9'" in message
    assert "data/objectives.csv, row" in message and "got 'o02_5'" in message and "^o0[0-4]_[1-4]$" in message


def test_an_objective_filed_under_another_lesson_fails_to_load(data_copy: Path) -> None:
    path = data_copy / "objectives.csv"
    text = path.read_text(encoding="utf-8")
    path.write_text(text + 'o01_1,02_conditions_compared,"Name one more thing than a lesson should teach."\n',
                    encoding="utf-8")
    with pytest.raises(DataValidationError) as caught:
        load_all(data_copy)
    assert "an id starting with 'o02_' for lesson '02_conditions_compared'" in str(caught.value)


def headings(lesson: str) -> set[str]:
    """Section titles of a lesson source without number or minutes ("2. What … (15 min)" → "What …")."""
    text = next(SOURCES.glob(f"{lesson}.py")).read_text(encoding="utf-8")
    titles = (m.group(1) for m in re.finditer(r"^# #{2,4} (.+)$", text, re.M))
    return {re.sub(r"\s*\([^()]*\bmin(utes)?\)$", "", re.sub(r"^\d+\.\s*", "", t)).strip() for t in titles}


@pytest.mark.parametrize("lesson", LESSONS)
def test_every_item_points_back_to_a_section_of_its_lesson(lesson: str) -> None:
    titles = headings(lesson)
    for item in quiz_items(lesson):
        assert item.section in titles, (f"{item.id}: section {item.section!r} is not a heading of "
                                        f"notebooks/src/{lesson}.py; headings are {sorted(titles)}")


def test_items_that_cite_resolve_and_say_how_they_were_checked() -> None:
    references = {r.key for r in load_records("references")}
    for item in load_records("quizzes"):
        assert set(item.citations) <= references, item.id
        if item.citations:
            assert item.verification in {"primary", "secondary", "commercial"}, item.id


def test_every_option_has_feedback_and_every_item_a_right_answer() -> None:
    for item in load_records("quizzes"):
        assert any(o.correct for o in item.options), item.id
        assert all(len(o.feedback) >= 10 for o in item.options), item.id


def test_the_straw_men_and_pure_recall_items_named_in_the_review_are_gone() -> None:
    ids = {i.id for i in load_records("quizzes")}
    assert not ids & {"q01_lotfi_timing", "q02_split_face_timing", "q03_pih_count"}
    options = {o.text for i in load_records("quizzes") for o in i.options}
    assert not options & {"Rat studies are always wrong", "Infection in most patients",
                          "Deeper than the needle, because the skin tears"}


def test_no_item_teaches_one_fifth_as_the_penetration_fact() -> None:
    for item in load_records("quizzes"):
        for option in item.options:
            if option.correct:
                assert "fifth" not in option.text and "20%" not in option.text, item.id


# ---------------------------------------------------------------- order and length carry no hint


def test_display_order_is_a_stable_permutation_independent_of_python_hash() -> None:
    # Pinned values: Python's salted hash() would change them from run to run; SHA-256 of the id never does.
    assert display_order("q04_no_risk", 4) == (3, 1, 2, 0)
    assert display_order("q00_purpose", 3) == (2, 0, 1)
    assert len({display_order(f"q{n}", 3) for n in range(40)}) == 6  # every order of three options occurs
    with pytest.raises(ValueError, match="n_options=7 is outside 2–6"):
        display_order("q04_no_risk", 7)


def test_the_app_and_the_static_page_show_the_same_shuffled_order() -> None:
    for lesson in LESSONS:
        page = quiz_html(lesson)
        for q, item in zip(build_quiz_app(lesson).questions, quiz_items(lesson), strict=True):
            assert q.item == item == shuffled(quiz_item(item.id, in_display_order=False))
            shown = [t for t, _ in q.choices.options] if q.choices else [b.description for b in q.boxes]
            assert shown == [o.text for o in item.options]
            start = page.index(item.question.replace('"', "&quot;").replace("'", "&#x27;"))
            at = [page.index(f"{'ABCDEF'[i]}. {o.text}".replace('"', "&quot;").replace("'", "&#x27;"), start)
                  for i, o in enumerate(item.options)]
            assert at == sorted(at), item.id


def test_no_position_holds_more_than_40_percent_of_right_answers() -> None:
    items = all_shown_items()
    shares = right_answer_positions(items)
    assert sum(not is_multiple(i) for i in items) >= 20
    assert max(shares.values()) <= MAX_SHARE, f"right answers by shown position: {shares}"


def test_the_right_option_is_the_longest_in_at_most_40_percent_of_items() -> None:
    items = all_shown_items()
    share = longest_is_right_share(items)
    assert share <= MAX_SHARE, f"{share:.0%} of items: " + ", ".join(i.id for i in items if longest_is_right(i))


def test_the_right_option_is_not_usually_the_shortest_either() -> None:
    items = all_shown_items()
    shortest = [i.id for i in items
                if any(o.correct and len(o.text) == min(len(x.text) for x in i.options) for o in i.options)]
    assert len(shortest) / len(items) <= MAX_SHARE, shortest


def _item(item_id: str, texts: list[str], right: int) -> QuizItem:
    options = tuple(QuizOption(text=t, correct=(n == right), feedback="Because that is how it is.")
                    for n, t in enumerate(texts))
    return QuizItem(id=item_id, lesson="00_start_here", objective="o00_1", section="The learning path",
                    question="A made-up question for the test?", options=options)


def test_the_balance_measures_catch_an_unshuffled_quiz() -> None:
    # The old quiz put the right answer first and made it the longest: both measures must flag that.
    items = [_item(f"q_made_up_{n}", ["The long and careful right answer", "Short", "Shorter"], 0)
             for n in range(10)]
    assert right_answer_positions(items) == {0: 1.0}
    assert longest_is_right_share(items) == 1.0
    spread = right_answer_positions([shuffled(i) for i in items])
    assert max(spread.values()) < 1.0


# ---------------------------------------------------------------- grading and feedback


def test_right_answer_says_correct_with_icon_its_feedback_and_where_to_read() -> None:
    item = quiz_item("q04_no_risk")
    fb = grade(item, "Contradicted")
    right = next(o for o in item.options if o.correct)
    assert fb.correct and fb.label == "✔ Correct"
    assert fb.messages == (f"✔ Contradicted: {right.feedback}",)
    assert fb.see == "See the section “How to check a claim” in this lesson."
    assert fb.text.startswith("✔ Correct") and fb.text.endswith(fb.see)


def test_wrong_answer_says_not_quite_and_explains_that_option() -> None:
    item = quiz_item("q04_no_risk")
    fb = grade(item, "Overstated")
    assert not fb.correct and fb.outcome == "wrong" and fb.label == "✘ Not quite"
    assert fb.messages[0].startswith("✘ Overstated") and "true core" in fb.messages[0]


def test_grading_by_number_follows_the_shown_order() -> None:
    item = quiz_item("q04_no_risk")
    number = [o.text for o in item.options].index("Contradicted")
    assert grade(item, number).correct
    assert not grade(item, (number + 1) % len(item.options)).correct


def test_choose_all_items_grade_partial_full_and_wrong() -> None:
    item = quiz_item("q04_red_flags")
    right, wrong = right_texts(item), wrong_texts(item)
    assert is_multiple(item) and len(right) == 3
    partial = grade(item, right[:2])
    assert partial.outcome == "partial" and partial.label == "◑ Partly right"
    assert partial.missed == (right[2],)
    assert grade(item, right).correct
    assert grade(item, [*right, wrong[0]]).outcome == "wrong"


def test_bad_answers_raise_errors_naming_the_problem() -> None:
    item = quiz_item("q04_no_risk")
    with pytest.raises(ValueError, match="outside 0–3"):
        grade(item, 7)
    with pytest.raises(ValueError, match="not an option of item 'q04_no_risk'"):
        grade(item, "Maybe")
    with pytest.raises(ValueError, match="one right answer"):
        grade(item, [0, 1])
    with pytest.raises(ValueError, match="choose at least one"):
        grade(item, [])
    with pytest.raises(ValueError, match="lesson='05_x' is not a notebook"):
        quiz_items("05_x")


def test_feedback_html_puts_words_before_colour_and_points_back() -> None:
    html = feedback_html(grade(quiz_item("q04_no_risk"), "Contradicted"))
    assert "<strong>✔ Correct</strong>" in html and 'role="status"' in html
    assert "How to check a claim" in html


# ---------------------------------------------------------------- static fallback and trainer key


@pytest.mark.parametrize("lesson", LESSONS)
def test_static_quiz_shows_questions_and_hides_answers_named_by_text(lesson: str) -> None:
    page = quiz_html(lesson)
    items = quiz_items(lesson)
    assert page.count("<details><summary>Show the answer</summary>") == len(items)
    for item in items:
        question_at = page.index(item.question.replace('"', "&quot;").replace("'", "&#x27;"))
        reveal_at = page.index("<details>", question_at)
        right = "; ".join(right_texts(item)).replace('"', "&quot;").replace("'", "&#x27;")
        assert page.index(f"<p>Right: {right}</p>", question_at) > reveal_at


def test_plain_text_lists_the_options_in_shown_order() -> None:
    item = quiz_items("02_conditions_compared")[0]
    text = quiz_text("02_conditions_compared")
    positions = [text.index(f"{'ABCDEF'[i]}. {o.text}") for i, o in enumerate(item.options)]
    assert positions == sorted(positions)


@pytest.mark.parametrize("lesson", LESSONS)
def test_answer_key_gives_answers_by_text_with_their_objective(lesson: str) -> None:
    key = answer_key(lesson)
    objectives = {o.text for o in load_records("objectives") if o.lesson == lesson}
    assert [k.question for k in key] == [i.question for i in quiz_items(lesson)]
    for row, item in zip(key, quiz_items(lesson), strict=True):
        assert row.answers == tuple(right_texts(item))
        assert row.objective in objectives and row.section == item.section
    assert {k.objective for k in key} == objectives


def test_quiz_citations_collects_the_lessons_sources() -> None:
    assert "alam2014" in quiz_citations("02_conditions_compared")
    assert "sasaki2019" in quiz_citations("01_collagen_induction")


# ---------------------------------------------------------------- the widget


def test_widget_answers_a_quiz_and_shows_feedback_at_once() -> None:
    app = build_quiz_app("04_claims_vs_evidence")
    first = next(q for q in app.questions if q.item.id == "q04_no_risk")
    first.check.click()
    assert first.feedback.value == NOTHING_CHOSEN
    first.choose("Unverifiable")
    assert first.chosen() == [[o.text for o in first.item.options].index("Unverifiable")]
    first.check.click()
    assert "✘ Not quite" in first.feedback.value and "How to check a claim" in first.feedback.value
    first.choose("Contradicted")
    assert first.feedback.value == ""  # a new choice clears the old verdict
    first.check.click()
    assert "✔ Correct" in first.feedback.value
    flags = next(q for q in app.questions if q.item.id == "q04_red_flags")
    assert flags.choices is None and len(flags.boxes) == 5
    flags.choose(*right_texts(flags.item)[:2])
    flags.check.click()
    assert "◑ Partly right" in flags.feedback.value and "You also needed" in flags.feedback.value
    flags.choose(*right_texts(flags.item))
    flags.check.click()
    assert "✔ Correct" in flags.feedback.value
    with pytest.raises(ValueError, match="not an option of item 'q04_red_flags'"):
        flags.choose("Maybe")


def test_every_control_has_an_accessible_name() -> None:
    for lesson in LESSONS:
        for n, q in enumerate(build_quiz_app(lesson).questions, start=1):
            assert q.check.description == "Check answer"
            assert q.check.tooltip == f"Check your answer to question {n}"
            if q.choices is not None:
                assert q.choices.description == "Your answer:"
                assert q.choices.tooltip == f"Your answer to question {n}"
            else:
                assert [b.description for b in q.boxes] == [o.text for o in q.item.options]


def test_displayed_quiz_carries_widget_and_static_fallback() -> None:
    app = build_quiz_app("01_collagen_induction")
    bundle = app._repr_mimebundle_()
    assert {"application/vnd.jupyter.widget-view+json", "text/html", "text/plain"} <= set(bundle)
    assert bundle["text/html"] == quiz_html("01_collagen_induction")
    assert "Quiz: 01_collagen_induction" in bundle["text/plain"]


def test_show_quiz_displays_one_output(monkeypatch) -> None:
    shown = []
    monkeypatch.setattr("IPython.display.display", lambda obj: shown.append(obj))
    assert show_quiz("00_start_here") is None
    assert len(shown) == 1 and shown[0].lesson == "00_start_here"
