"""Grade quiz answers and render quizzes as static HTML. Pure functions: no widgets, no printing.

The items live in ``data/quizzes.yaml`` (one list for all lessons), so trainers can edit questions and feedback
without code. Each item tests one objective of its lesson (``data/objectives.csv``) and names the section that
teaches it. Feedback always says in words whether an answer is right and pairs the word with an icon
(✔ / ◑ / ✘), so the result never depends on colour alone, and it ends by pointing back to that section.

Options are shown in a **shuffled order that is the same every time** for a given item: the order is computed
from a SHA-256 hash of the item id (never Python's salted ``hash()``), so stored notebook outputs stay identical
while the position of the right answer carries no hint. :func:`quiz_items` returns items already in that order,
and the widget and the static HTML both use it. Trainer materials name answers by their text
(:func:`answer_key`), because a letter would depend on the shuffle.

Example
-------
>>> from microlib.quiz import grade, quiz_item
>>> item = quiz_item("q04_no_risk")
>>> fb = grade(item, "Contradicted")
>>> fb.correct, fb.label
(True, '✔ Correct')
"""

from __future__ import annotations

import hashlib
import html
from collections.abc import Iterable
from dataclasses import dataclass
from typing import NamedTuple

from .loader import load_record, load_records
from .schemas.objectives import Objective
from .schemas.quizzes import QuizItem
from .vocabulary import NOTEBOOKS

#: Icon and word for each outcome. The word carries the meaning; the icon repeats it.
OUTCOMES = {
    "correct": ("✔", "Correct"),
    "partial": ("◑", "Partly right"),
    "wrong": ("✘", "Not quite"),
}


@dataclass(frozen=True)
class Feedback:
    """The result of grading one answer.

    Attributes
    ----------
    item_id:
        The quiz item graded.
    outcome:
        ``"correct"``, ``"partial"`` (some but not all right options of a choose-all item, and no wrong one)
        or ``"wrong"``.
    messages:
        The feedback text of every option the student chose, in option order, each prefixed with its icon.
    missed:
        Right options the student did not choose (only for choose-all items).
    """

    item_id: str
    outcome: str
    messages: tuple[str, ...]
    missed: tuple[str, ...] = ()
    see: str = ""

    @property
    def correct(self) -> bool:
        """True only when exactly the right options were chosen."""
        return self.outcome == "correct"

    @property
    def icon(self) -> str:
        return OUTCOMES[self.outcome][0]

    @property
    def label(self) -> str:
        """Icon and word together, e.g. ``'✔ Correct'``."""
        icon, word = OUTCOMES[self.outcome]
        return f"{icon} {word}"

    @property
    def text(self) -> str:
        """The whole feedback as plain text."""
        lines = [self.label, *self.messages]
        if self.missed:
            lines.append("You also needed: " + "; ".join(self.missed))
        if self.see:
            lines.append(self.see)
        return "\n".join(lines)


def display_order(item_id: str, n_options: int) -> tuple[int, ...]:
    """The order in which the options of item ``item_id`` are shown: a shuffle that never changes.

    Each option's position in the file is hashed together with the item id (SHA-256, the same on every machine
    and every run, unlike Python's ``hash()``), and the options are shown sorted by that hash. The right answer
    therefore lands anywhere, but always in the same place for the same item, so stored outputs are stable.

    Parameters
    ----------
    item_id:
        The item's ``id`` in ``quizzes.yaml``.
    n_options:
        How many options the item has (2–6).

    Returns
    -------
    tuple of int
        File positions (0 = first option in the file) in the order they are shown.

    Example
    -------
    >>> sorted(display_order("q04_no_risk", 4)) == [0, 1, 2, 3]
    True
    >>> display_order("q04_no_risk", 4) == display_order("q04_no_risk", 4)
    True
    """
    if not 2 <= n_options <= 6:
        raise ValueError(f"n_options={n_options} is outside 2–6 (the number of options an item may have)")
    return tuple(sorted(range(n_options),
                        key=lambda i: hashlib.sha256(f"{item_id}#{i}".encode()).hexdigest()))


def shuffled(item: QuizItem) -> QuizItem:
    """A copy of ``item`` with its options in display order (see :func:`display_order`)."""
    order = display_order(item.id, len(item.options))
    return item.model_copy(update={"options": tuple(item.options[i] for i in order)})


def quiz_items(lesson: str, *, in_display_order: bool = True) -> list[QuizItem]:
    """The quiz items of one lesson (a notebook name such as ``"01_collagen_induction"``), in file order.

    Options come in display order (shuffled, stable), which is what students see and what option numbers passed
    to :func:`grade` refer to. ``in_display_order=False`` keeps the order written in the file.
    """
    if lesson not in NOTEBOOKS:
        raise ValueError(f"lesson={lesson!r} is not a notebook with a quiz; choose one of: {', '.join(NOTEBOOKS)}")
    items = [item for item in load_records("quizzes") if item.lesson == lesson]
    return [shuffled(item) for item in items] if in_display_order else items


def quiz_item(item_id: str, *, in_display_order: bool = True) -> QuizItem:
    """One quiz item by its id, its options in display order unless ``in_display_order=False``."""
    item = load_record("quizzes", item_id, column="id")
    assert isinstance(item, QuizItem)
    return shuffled(item) if in_display_order else item


def objective_of(item: QuizItem) -> Objective:
    """The learning objective (a row of ``objectives.csv``) that ``item`` tests."""
    objective = load_record("objectives", item.objective, column="id")
    assert isinstance(objective, Objective)
    return objective


def see_section(item: QuizItem) -> str:
    """Where the lesson teaches the answer, in words: ``'See the section “What the needle reaches”.'``"""
    return f"See the section “{item.section}” in this lesson."


def is_multiple(item: QuizItem) -> bool:
    """True when more than one option is right (the student must choose all of them)."""
    return sum(o.correct for o in item.options) > 1


def _indices(item: QuizItem, chosen: int | str | Iterable[int | str]) -> list[int]:
    picks = [chosen] if isinstance(chosen, int | str) else list(chosen)
    texts = [o.text for o in item.options]
    indices: list[int] = []
    for pick in picks:
        if isinstance(pick, bool) or not isinstance(pick, int | str):
            raise TypeError(f"chosen={pick!r} must be an option number (0–{len(texts) - 1}) or an option's text")
        if isinstance(pick, int):
            if not 0 <= pick < len(texts):
                raise ValueError(f"chosen={pick} is outside 0–{len(texts) - 1} (item {item.id!r} has "
                                 f"{len(texts)} options)")
            indices.append(pick)
        elif pick in texts:
            indices.append(texts.index(pick))
        else:
            raise ValueError(f"chosen={pick!r} is not an option of item {item.id!r}; options are: "
                             + " | ".join(texts))
    if not indices:
        raise ValueError(f"no option chosen for item {item.id!r}: choose at least one")
    if len(indices) > 1 and not is_multiple(item):
        raise ValueError(f"item {item.id!r} has one right answer: choose one option, not {len(indices)}")
    return sorted(set(indices))


def grade(item: QuizItem, chosen: int | str | Iterable[int | str]) -> Feedback:
    """Grade an answer to ``item``.

    Parameters
    ----------
    item:
        A quiz item (see :func:`quiz_items`).
    chosen:
        The option chosen, as its number (0 = first) or its text; a list of them for choose-all items.

    Returns
    -------
    Feedback
        Outcome in words and icon, the feedback of each chosen option, and any right options missed.

    Example
    -------
    >>> item = quiz_item("q04_red_flags")
    >>> right = [o.text for o in item.options if o.correct]
    >>> grade(item, right[:2]).label
    '◑ Partly right'
    """
    indices = _indices(item, chosen)
    right = {i for i, o in enumerate(item.options) if o.correct}
    picked = set(indices)
    if picked == right:
        outcome = "correct"
    elif picked < right:
        outcome = "partial"
    else:
        outcome = "wrong"
    messages = tuple(
        f"{OUTCOMES['correct' if item.options[i].correct else 'wrong'][0]} {item.options[i].text}: "
        f"{item.options[i].feedback}"
        for i in indices
    )
    missed = tuple(item.options[i].text for i in sorted(right - picked)) if is_multiple(item) else ()
    return Feedback(item_id=item.id, outcome=outcome, messages=messages, missed=missed, see=see_section(item))


def feedback_html(feedback: Feedback) -> str:
    """Feedback as a small HTML block: the outcome in bold words with its icon, then each message."""
    rows = "".join(f"<li>{html.escape(m)}</li>" for m in feedback.messages)
    missed = (f"<p>You also needed: {html.escape('; '.join(feedback.missed))}</p>" if feedback.missed else "")
    see = f"<p>{html.escape(feedback.see)}</p>" if feedback.see else ""
    return (f'<div class="mn-quiz-feedback mn-quiz-{feedback.outcome}" role="status">'
            f"<p><strong>{html.escape(feedback.label)}</strong></p><ul>{rows}</ul>{missed}{see}</div>")


def prompt_html(item: QuizItem, number: int) -> str:
    """The question of one item as HTML (numbered), with a hint when several options are right."""
    hint = " <em>(choose all that apply)</em>" if is_multiple(item) else ""
    return f"<p><strong>Question {number}.</strong> {html.escape(item.question)}{hint}</p>"


def item_html(item: QuizItem, number: int) -> str:
    """One item for a static page: question and options visible, answers behind a ``<details>`` reveal.

    Options appear in the order of ``item`` (display order when it comes from :func:`quiz_items`); the reveal
    names the right answer by its text and explains every option.
    """
    letters = "ABCDEF"
    options = "".join(f"<li>{letters[i]}. {html.escape(o.text)}</li>" for i, o in enumerate(item.options))
    answers = "".join(
        f"<li>{letters[i]}. {'✔ right' if o.correct else '✘ wrong'}: {html.escape(o.feedback)}</li>"
        for i, o in enumerate(item.options)
    )
    right = "; ".join(html.escape(o.text) for o in item.options if o.correct)
    return (f'<div class="mn-quiz-item">{prompt_html(item, number)}'
            f'<ul style="list-style:none">{options}</ul>'
            f"<details><summary>Show the answer</summary><p>Right: {right}</p><ul>{answers}</ul>"
            f"<p>{html.escape(see_section(item))}</p></details></div>")


def quiz_html(lesson: str) -> str:
    """The whole quiz of a lesson as static HTML; it reads sensibly with no kernel and no JavaScript."""
    items = quiz_items(lesson)
    body = "".join(item_html(item, n) for n, item in enumerate(items, start=1))
    return (f'<div class="mn-quiz"><p><strong>Quiz ({len(items)} questions).</strong> Decide on your answer '
            f"before you open each reveal. Run the notebook to check answers interactively.</p>{body}</div>")


def quiz_text(lesson: str) -> str:
    """The quiz as plain text (questions and options only), the fallback of last resort."""
    lines = [f"Quiz: {lesson}"]
    for n, item in enumerate(quiz_items(lesson), start=1):
        lines.append(f"{n}. {item.question}")
        lines += [f"   {'ABCDEF'[i]}. {o.text}" for i, o in enumerate(item.options)]
    return "\n".join(lines)


class AnswerKey(NamedTuple):
    """One line of a trainer's answer key: answers by their text, never by a letter."""

    question: str
    answers: tuple[str, ...]
    objective: str
    section: str


def answer_key(lesson: str) -> list[AnswerKey]:
    """The answers to a lesson's quiz for trainer materials, in the order the quiz asks the questions.

    Parameters
    ----------
    lesson:
        A notebook name such as ``"03_side_effect_risk_checklist"``.

    Returns
    -------
    list of AnswerKey
        For each item: the question, the text of every right option, the text of the objective it tests (as in
        ``objectives.csv``) and the section that teaches it (as in ``quizzes.yaml``).

    Example
    -------
    >>> key = answer_key("04_claims_vs_evidence")
    >>> next(k.answers for k in key if "discoloration" in k.question)
    ('Contradicted',)
    """
    return [AnswerKey(question=item.question, answers=tuple(o.text for o in item.options if o.correct),
                      objective=objective_of(item).text, section=item.section)
            for item in quiz_items(lesson)]


def quiz_citations(lesson: str) -> list[str]:
    """Every citation key used by the quiz items of ``lesson``, sorted, without repeats."""
    return sorted({key for item in quiz_items(lesson) for key in item.citations})


def right_answer_positions(items: Iterable[QuizItem]) -> dict[int, float]:
    """Share of single-answer items whose right option sits at each shown position (0 = first).

    Use it on items in display order (:func:`quiz_items`) to check that position gives nothing away: with three
    or four options no position should hold much more than a third of the right answers.

    Example
    -------
    >>> shares = right_answer_positions(quiz_items("02_conditions_compared"))
    >>> round(sum(shares.values()), 6)
    1.0
    """
    positions = [next(i for i, o in enumerate(item.options) if o.correct)
                 for item in items if not is_multiple(item)]
    if not positions:
        return {}
    return {p: positions.count(p) / len(positions) for p in sorted(set(positions))}


def longest_is_right(item: QuizItem) -> bool:
    """True when a right option is the longest option of ``item`` (counting characters; a tie counts too)."""
    longest = max(len(o.text) for o in item.options)
    return any(o.correct and len(o.text) == longest for o in item.options)


def longest_is_right_share(items: Iterable[QuizItem]) -> float:
    """Share of items whose longest option is a right one: a test-wise student's shortcut that must not pay."""
    flags = [longest_is_right(item) for item in items]
    return sum(flags) / len(flags) if flags else 0.0
