"""Schema of ``data/quizzes.yaml``: the short quiz at the end of every notebook.

Trainers edit questions, options and feedback here without touching code. Each item belongs to one lesson,
tests one of its objectives (an id in ``objectives.csv``), names the lesson section that teaches the answer,
has two to six options of which at least one is correct, and gives feedback in words for every option.
Options are shown in a shuffled order that is fixed for each item (see ``microlib.quiz.display_order``), so the
order written in the file never reaches the student.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from .claims import Notebook, OptionalList
from .common import KEY_PATTERN, ForeignKey, Row, ShownVerification, TableSpec


class QuizOption(BaseModel):
    """One answer option with the feedback a student sees after choosing it."""

    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)

    text: str = Field(min_length=1, description="The option as shown.")
    correct: bool = Field(description="Whether choosing this option is right.")
    feedback: str = Field(min_length=10, description="Why this option is right or wrong, in words.")


class QuizItem(Row):
    id: str = Field(pattern=KEY_PATTERN, description="Identifier of the item, unique across all lessons.")
    lesson: Notebook = Field(description="Notebook whose quiz shows the item.")
    objective: str = Field(
        pattern=r"^o0[0-4]_[1-4]$",
        description="The objective the item tests: an `id` in objectives.csv belonging to the same lesson.")
    section: str = Field(
        min_length=3,
        pattern=r"^[^0-9]",
        description="Title of the lesson section that teaches the answer, as in its heading but without the "
        "section number (for example `What the needle reaches`); the feedback sends students back to it.")
    question: str = Field(min_length=10, description="The question as asked.")
    options: tuple[QuizOption, ...] = Field(
        min_length=2, max_length=6,
        description="YAML list of 2–6 options, each with `text`, `correct` (true/false) and `feedback`.",
    )
    citations: OptionalList = Field(
        default=(), description="Sources for the fact the item states (empty for pure reasoning items).")
    verification: ShownVerification | None = Field(
        None, description="How the fact behind the item was checked; required when the item cites sources."
    )

    @field_validator("options")
    @classmethod
    def _one_right_answer_at_least(cls, options: tuple[QuizOption, ...]) -> tuple[QuizOption, ...]:
        if not any(o.correct for o in options):
            raise ValueError("at least one option marked correct: true")
        texts = [o.text for o in options]
        if len(set(texts)) != len(texts):
            raise ValueError("options with different texts")
        return options

    @model_validator(mode="after")
    def _cited_items_say_how(self) -> QuizItem:
        if self.citations and self.verification is None:
            raise ValueError("a verification value for an item that cites sources")
        if self.objective[1:3] != self.lesson[:2]:
            raise ValueError(f"an objective of lesson {self.lesson!r} (an id starting with 'o{self.lesson[:2]}_'), "
                             f"not {self.objective!r}")
        return self


SPEC = TableSpec(
    file="quizzes.yaml",
    row_model=QuizItem,
    description="One entry per quiz item; `lesson` says which notebook asks it and `objective` which of its "
    "objectives the item tests. Options are shown in a fixed shuffled order, never in file order.",
    key=("id",),
    foreign_keys=(ForeignKey("objective", "objectives", "id"),),
)
