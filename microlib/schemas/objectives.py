"""Schema of ``data/objectives.csv``: the learning objectives of every lesson, one row each.

Each lesson states at most four objectives in its Overview, with measurable verbs. Quiz items in
``quizzes.yaml`` name the objective they test, so a test can check that no objective goes untested and the
trainer guide can print each answer beside the objective it belongs to.
"""

from __future__ import annotations

from pydantic import Field, model_validator

from .claims import Notebook
from .common import Row, TableSpec

#: Most objectives a lesson may state (the issue on lessons that teach: "four objectives at most").
MAX_PER_LESSON = 4


class Objective(Row):
    id: str = Field(pattern=r"^o0[0-4]_[1-4]$",
                    description="Identifier `oNN_k`: NN is the lesson number, k the objective's number in it (1–4).")
    lesson: Notebook = Field(description="Notebook whose Overview states the objective.")
    text: str = Field(min_length=20, max_length=300,
                      description="The objective exactly as the Overview states it, starting with a measurable verb.")

    @model_validator(mode="after")
    def _id_matches_lesson(self) -> Objective:
        if self.id[1:3] != self.lesson[:2]:
            raise ValueError(f"an id starting with 'o{self.lesson[:2]}_' for lesson {self.lesson!r}")
        return self


SPEC = TableSpec(
    file="objectives.csv",
    row_model=Objective,
    description="One row per learning objective (at most four per lesson). A teaching statement of this package, "
    "so it carries no citations; quiz items link to it through their `objective` column.",
    key=("id",),
    citation_columns=(),
)
