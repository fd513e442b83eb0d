"""The end-of-lesson quiz as a widget: choose an answer, press *Check answer*, read the feedback at once.

In a notebook call ``show_quiz("01_collagen_induction")``. Options appear in each item's fixed shuffled order
(:func:`microlib.quiz.display_order`), the same order as the static fallback. Every control can be reached with
the keyboard (Tab to move, arrow keys or Space to choose, Enter to press *Check answer*) and has an accessible
name; the feedback sits in a ``role="status"`` region so screen readers announce it.

The displayed output carries two views of the same quiz: the live widget (JupyterLab and Voilà render it while
a kernel runs) and a static ``text/html`` version with the questions visible and the answers behind a "Show the
answer" reveal. Exports without widget state (nbconvert HTML, an untrusted notebook, GitHub) fall back to the
static version, so the quiz still reads sensibly there.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import ipywidgets as widgets

from ..quiz import feedback_html, grade, is_multiple, prompt_html, quiz_html, quiz_items, quiz_text
from ..schemas.quizzes import QuizItem

NOTHING_CHOSEN = '<div class="mn-quiz-feedback" role="status"><p>ℹ Choose an option first.</p></div>'


@dataclass
class QuestionView:
    """The controls of one quiz item."""

    item: QuizItem
    choices: widgets.RadioButtons | None
    boxes: list[widgets.Checkbox]
    check: widgets.Button
    feedback: widgets.HTML
    box: widgets.VBox

    def chosen(self) -> list[int]:
        """Option numbers currently chosen (empty when nothing is chosen)."""
        if self.choices is not None:
            return [] if self.choices.value is None else [self.choices.value]
        return [i for i, b in enumerate(self.boxes) if b.value]

    def choose(self, *options: int | str) -> None:
        """Select options by shown number (0 = first) or by text, as a student would (tests, demonstrations)."""
        texts = [o.text for o in self.item.options]
        numbers = []
        for option in options:
            if isinstance(option, str):
                if option not in texts:
                    raise ValueError(f"{option!r} is not an option of item {self.item.id!r}; options are: "
                                     + " | ".join(texts))
                option = texts.index(option)
            numbers.append(option)
        if self.choices is not None:
            if len(numbers) != 1:
                raise ValueError(f"item {self.item.id!r} takes one option, got {len(numbers)}")
            self.choices.value = numbers[0]
        else:
            for i, b in enumerate(self.boxes):
                b.value = i in numbers


@dataclass
class QuizApp:
    """A lesson's quiz: one :class:`QuestionView` per item and the root box to display."""

    lesson: str
    questions: list[QuestionView]
    widget: widgets.VBox
    static_html: str = field(repr=False)
    plain_text: str = field(repr=False)

    def _repr_mimebundle_(self, include: Any = None, exclude: Any = None) -> dict[str, Any]:
        """Widget view plus a static HTML and a plain-text fallback, in one output."""
        bundle = self.widget._repr_mimebundle_(include=include, exclude=exclude) or {}
        data = dict(bundle[0] if isinstance(bundle, tuple) else bundle)
        data["text/html"] = self.static_html
        data["text/plain"] = self.plain_text
        return data


def _question(item: QuizItem, number: int) -> QuestionView:
    prompt = widgets.HTML(prompt_html(item, number))
    choices: widgets.RadioButtons | None = None
    boxes: list[widgets.Checkbox] = []
    if is_multiple(item):
        boxes = [widgets.Checkbox(value=False, description=o.text, indent=False,
                                  tooltip=f"Question {number}: {o.text}",
                                  layout=widgets.Layout(width="auto")) for o in item.options]
        control: list[widgets.Widget] = list(boxes)
    else:
        choices = widgets.RadioButtons(options=[(o.text, i) for i, o in enumerate(item.options)], value=None,
                                       description="Your answer:", tooltip=f"Your answer to question {number}",
                                       style={"description_width": "initial"},
                                       layout=widgets.Layout(width="auto"))
        control = [choices]
    check = widgets.Button(description="Check answer", tooltip=f"Check your answer to question {number}",
                           icon="check")
    feedback = widgets.HTML("")
    view = QuestionView(item=item, choices=choices, boxes=boxes, check=check, feedback=feedback,
                        box=widgets.VBox([prompt, *control, check, feedback]))

    def on_check(_: widgets.Button) -> None:
        picked = view.chosen()
        feedback.value = NOTHING_CHOSEN if not picked else feedback_html(grade(item, picked))

    def on_change(_: dict) -> None:
        feedback.value = ""  # an old verdict must not sit next to a new choice

    check.on_click(on_check)
    for control_widget in control:
        control_widget.observe(on_change, names="value")
    return view


def build_quiz_app(lesson: str) -> QuizApp:
    """Build the quiz widget for ``lesson`` (a notebook name such as ``"02_conditions_compared"``)."""
    items = quiz_items(lesson)
    questions = [_question(item, n) for n, item in enumerate(items, start=1)]
    title = widgets.HTML(f"<p><strong>Quiz ({len(items)} questions).</strong> Choose an answer, then press "
                         "<em>Check answer</em>.</p>")
    root = widgets.VBox([title, *(q.box for q in questions)])
    root.add_class("mn-quiz")
    return QuizApp(lesson=lesson, questions=questions, widget=root,
                   static_html=quiz_html(lesson), plain_text=quiz_text(lesson))


def show_quiz(lesson: str) -> None:
    """Display the quiz of ``lesson`` (the single call each notebook ends with)."""
    from IPython.display import display

    display(build_quiz_app(lesson))
