"""Quiz engine and widget: right and wrong answers get the right feedback, in words and icons."""

from __future__ import annotations

import pytest

from microlib.apps.quiz import NOTHING_CHOSEN, build_quiz_app, show_quiz
from microlib.loader import load_records
from microlib.quiz import feedback_html, grade, is_multiple, quiz_citations, quiz_html, quiz_item, quiz_items
from microlib.schemas.claims import NOTEBOOKS

LESSONS = NOTEBOOKS


@pytest.mark.parametrize("lesson", LESSONS)
def test_every_lesson_has_three_to_six_items(lesson: str) -> None:
    assert 3 <= len(quiz_items(lesson)) <= 6


def test_every_option_has_feedback_and_every_item_a_right_answer() -> None:
    for item in load_records("quizzes"):
        assert any(o.correct for o in item.options), item.id
        assert all(len(o.feedback) >= 10 for o in item.options), item.id


def test_items_that_cite_resolve_and_say_how_they_were_checked() -> None:
    references = {r.key for r in load_records("references")}
    for item in load_records("quizzes"):
        assert set(item.citations) <= references, item.id
        if item.citations:
            assert item.verification in {"primary", "secondary", "commercial"}, item.id


def test_right_answer_says_correct_with_icon_and_its_feedback() -> None:
    item = quiz_item("q04_no_risk")
    fb = grade(item, "Contradicted")
    assert fb.correct and fb.label == "✔ Correct"
    assert fb.messages == (f"✔ Contradicted: {item.options[0].feedback}",)
    assert "✔ Correct" in fb.text


def test_wrong_answer_says_not_quite_and_explains_that_option() -> None:
    item = quiz_item("q04_no_risk")
    fb = grade(item, 1)
    assert not fb.correct and fb.outcome == "wrong" and fb.label == "✘ Not quite"
    assert "rats" in fb.messages[0] and fb.messages[0].startswith("✘ Supported")


def test_choose_all_items_grade_partial_full_and_wrong() -> None:
    item = quiz_item("q04_red_flags")
    assert is_multiple(item)
    partial = grade(item, [0, 1])
    assert partial.outcome == "partial" and partial.label == "◑ Partly right"
    assert partial.missed == ("An advert for a local clinic at the top",)
    assert grade(item, [0, 1, 2]).correct
    assert grade(item, [0, 1, 2, 3]).outcome == "wrong"


def test_bad_answers_raise_errors_naming_the_problem() -> None:
    item = quiz_item("q04_no_risk")
    with pytest.raises(ValueError, match="outside 0–2"):
        grade(item, 7)
    with pytest.raises(ValueError, match="not an option of item 'q04_no_risk'"):
        grade(item, "Maybe")
    with pytest.raises(ValueError, match="one right answer"):
        grade(item, [0, 1])
    with pytest.raises(ValueError, match="choose at least one"):
        grade(item, [])
    with pytest.raises(ValueError, match="lesson='05_x' is not a notebook"):
        quiz_items("05_x")


def test_feedback_html_puts_words_before_colour() -> None:
    html = feedback_html(grade(quiz_item("q04_no_risk"), 0))
    assert "<strong>✔ Correct</strong>" in html and 'role="status"' in html


@pytest.mark.parametrize("lesson", LESSONS)
def test_static_quiz_shows_questions_and_hides_answers(lesson: str) -> None:
    page = quiz_html(lesson)
    items = quiz_items(lesson)
    assert page.count("<details><summary>Show the answer</summary>") == len(items)
    for item in items:
        question_at = page.index(item.question.replace('"', "&quot;").replace("'", "&#x27;"))
        assert question_at < page.index("<details>", question_at)


def test_widget_answers_a_quiz_and_shows_feedback_at_once() -> None:
    app = build_quiz_app("04_claims_vs_evidence")
    first = app.questions[0]
    first.check.click()
    assert first.feedback.value == NOTHING_CHOSEN
    first.choose(1)
    first.check.click()
    assert "✘ Not quite" in first.feedback.value
    first.choose(0)
    assert first.feedback.value == ""  # a new choice clears the old verdict
    first.check.click()
    assert "✔ Correct" in first.feedback.value
    flags = next(q for q in app.questions if q.item.id == "q04_red_flags")
    assert flags.choices is None and len(flags.boxes) == 4
    flags.choose(0, 1, 2)
    flags.check.click()
    assert "✔ Correct" in flags.feedback.value


def test_every_control_has_a_label() -> None:
    app = build_quiz_app("02_conditions_compared")
    for q in app.questions:
        assert q.check.description == "Check answer"
        assert (q.choices.description if q.choices else all(b.description for b in q.boxes))


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


def test_quiz_citations_collects_the_lessons_sources() -> None:
    assert "alam2014" in quiz_citations("02_conditions_compared")
