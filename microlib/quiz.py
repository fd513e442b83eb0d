"""Grade quiz answers and render quizzes as static HTML. Pure functions: no widgets, no printing.

The items live in ``data/quizzes.yaml`` (one list for all lessons), so trainers can edit questions and feedback
without code. Feedback always says in words whether an answer is right and pairs the word with an icon
(✔ / ◑ / ✘), so the result never depends on colour alone.

Example
-------
>>> from microlib.quiz import grade, quiz_items
>>> item = quiz_items("04_claims_vs_evidence")[0]
>>> fb = grade(item, 0)
>>> fb.correct, fb.label
(True, '✔ Correct')
"""

from __future__ import annotations

import html
from collections.abc import Iterable
from dataclasses import dataclass

from .loader import load_record, load_records
from .schemas.claims import NOTEBOOKS
from .schemas.quizzes import QuizItem

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
        return "\n".join(lines)


def quiz_items(lesson: str) -> list[QuizItem]:
    """The quiz items of one lesson (a notebook name such as ``"01_collagen_induction"``), in file order."""
    if lesson not in NOTEBOOKS:
        raise ValueError(f"lesson={lesson!r} is not a notebook with a quiz; choose one of: {', '.join(NOTEBOOKS)}")
    return [item for item in load_records("quizzes") if item.lesson == lesson]


def quiz_item(item_id: str) -> QuizItem:
    """One quiz item by its id."""
    item = load_record("quizzes", item_id, column="id")
    assert isinstance(item, QuizItem)
    return item


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
    >>> grade(item, [0, 1]).label
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
    return Feedback(item_id=item.id, outcome=outcome, messages=messages, missed=missed)


def feedback_html(feedback: Feedback) -> str:
    """Feedback as a small HTML block: the outcome in bold words with its icon, then each message."""
    rows = "".join(f"<li>{html.escape(m)}</li>" for m in feedback.messages)
    missed = (f"<p>You also needed: {html.escape('; '.join(feedback.missed))}</p>" if feedback.missed else "")
    return (f'<div class="mn-quiz-feedback mn-quiz-{feedback.outcome}" role="status">'
            f"<p><strong>{html.escape(feedback.label)}</strong></p><ul>{rows}</ul>{missed}</div>")


def prompt_html(item: QuizItem, number: int) -> str:
    """The question of one item as HTML (numbered), with a hint when several options are right."""
    hint = " <em>(choose all that apply)</em>" if is_multiple(item) else ""
    return f"<p><strong>Question {number}.</strong> {html.escape(item.question)}{hint}</p>"


def item_html(item: QuizItem, number: int) -> str:
    """One item for a static page: question and options visible, answers behind a ``<details>`` reveal."""
    letters = "ABCDEF"
    options = "".join(f"<li>{letters[i]}. {html.escape(o.text)}</li>" for i, o in enumerate(item.options))
    answers = "".join(
        f"<li>{letters[i]}. {'✔ right' if o.correct else '✘ wrong'}: {html.escape(o.feedback)}</li>"
        for i, o in enumerate(item.options)
    )
    right = ", ".join(letters[i] for i, o in enumerate(item.options) if o.correct)
    return (f'<div class="mn-quiz-item">{prompt_html(item, number)}'
            f'<ul style="list-style:none">{options}</ul>'
            f"<details><summary>Show the answer</summary><p>Right: {right}</p><ul>{answers}</ul></details></div>")


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


def quiz_citations(lesson: str) -> list[str]:
    """Every citation key used by the quiz items of ``lesson``, sorted, without repeats."""
    return sorted({key for item in quiz_items(lesson) for key in item.citations})
