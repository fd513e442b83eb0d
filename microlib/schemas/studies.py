"""Schema of ``data/studies.csv``: one row per study (or per arm or outcome) of microneedling for a condition."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import BeforeValidator, Field, model_validator

from .common import KEY_PATTERN, CitationKeys, ForeignKey, Row, ShownVerification, TableSpec, TextList


def _none_is_empty(value: Any) -> Any:
    return () if value is None else value


#: A `;`-separated list where a blank cell means an empty list.
OptionalList = Annotated[TextList, BeforeValidator(_none_is_empty)]

#: Study designs, roughly from strongest to weakest for a question about treatment benefit.
Design = Literal[
    "meta-analysis", "systematic review", "narrative review", "RCT", "split-face RCT", "controlled trial",
    "prospective cohort", "case series", "retrospective", "case report",
]
Device = Literal["roller", "pen", "fractional radiofrequency microneedle", "not reported"]
ComparatorKind = Literal[
    "none (before vs after)", "untreated or sham", "laser", "same treatment without microneedling",
    "microneedling without the adjunct", "other active treatment", "not captured",
]
#: Units a headline number may have; ``microlib.evidence.PLAUSIBLE_RANGES`` gives the range checked for each.
EffectUnit = Literal[
    "score points", "grade points", "percent", "percent responding", "SMD", "odds ratio", "hairs per cm2",
    "hairs per inch2", "VAS points (0-10)",
]


class Study(Row):
    key: str = Field(pattern=KEY_PATTERN, description="Identifier of the row (study, or study plus outcome).")
    citations: CitationKeys = Field(description="Source(s) the row was read in (`;`-separated keys).")
    condition: str = Field(description="Condition studied: a `key` in `conditions.csv`.")
    design: Design = Field(description="Study design as reported (split-face = within-patient, randomised sides).")
    cebm_level: int = Field(ge=1, le=5, description="Oxford CEBM 2011 level for treatment benefit (1 best, 5 "
                            "weakest), assigned by us from the design; see `evidence_levels.csv`.")
    level_note: str | None = Field(None, description="Why the level differs from the design's usual level.")
    year: int = Field(ge=1990, le=2026, description="Year of publication.")
    n: int | None = Field(None, ge=1, le=10000, description="Participants analysed (for reviews: pooled "
                          "participants); empty when not reported.")
    studies_pooled: int | None = Field(None, ge=1, le=500, description="Studies included (reviews only).")
    skin_types: str | None = Field(None, description="Fitzpatrick skin types included, as reported (e.g. `IV-V`).")
    needle_mm_min: float | None = Field(None, ge=0.1, le=3.0, description="Shortest needle length used, mm.")
    needle_mm_max: float | None = Field(None, ge=0.1, le=3.0, description="Longest needle length used, mm.")
    sessions_min: int | None = Field(None, ge=1, le=30, description="Fewest sessions in the protocol.")
    sessions_max: int | None = Field(None, ge=1, le=30, description="Most sessions in the protocol.")
    interval_days_min: int | None = Field(None, ge=1, le=60, description="Shortest gap between sessions, days "
                                          "(monthly is written as 30).")
    interval_days_max: int | None = Field(None, ge=1, le=60, description="Longest gap between sessions, days.")
    device: Device = Field(description="Kind of device.")
    adjuncts: OptionalList = Field((), description="What was added to microneedling (`;`-separated; empty if none).")
    radiofrequency: Literal["no", "yes", "some included studies"] = Field(
        description="Whether radiofrequency microneedling was used: an energy-based device, a different "
        "technology from plain microneedling.")
    comparator: str = Field(min_length=3, description="What microneedling was compared with, in words.")
    comparator_kind: ComparatorKind = Field(description="Comparator, grouped.")
    outcome: str = Field(min_length=3, description="Outcome measure the headline result uses.")
    effect_mn: float | None = Field(None, description="Headline number for the microneedling arm (or pooled "
                                    "estimate), in `effect_unit`; empty when the source gives none.")
    effect_comparator: float | None = Field(None, description="Same number for the comparator arm.")
    effect_unit: EffectUnit | None = Field(None, description="Unit of `effect_mn` and `effect_comparator`.")
    higher_is_better: bool | None = Field(None, description="Whether a larger `effect_mn` means more benefit.")
    result: str = Field(min_length=10, description="Headline result in our own words, with numbers and units.")
    significant: Literal["yes", "no", "not reported"] = Field(
        description="Whether the headline difference was statistically significant.")
    pih_mn_pct: float | None = Field(None, ge=0, le=100, description="Post-inflammatory hyperpigmentation "
                                     "after microneedling, % of patients.")
    pih_comparator_pct: float | None = Field(None, ge=0, le=100, description="Same after the comparator, %.")
    follow_up: str | None = Field(None, description="Timing of the last assessment, as the source states it.")
    adverse_events: str | None = Field(None, description="Adverse events reported, in words.")
    funding: str | None = Field(None, description="Funding or conflict of interest, where reported.")
    verification: ShownVerification = Field(description="How the row's values were checked.")
    note: str | None = Field(None, description="Caveats: what was not readable, computed values.")

    @model_validator(mode="after")
    def _consistent(self) -> Study:
        if (self.effect_mn is not None or self.effect_comparator is not None) and self.effect_unit is None:
            raise ValueError("effect_unit is required when effect_mn or effect_comparator is given")
        for low, high in (("needle_mm_min", "needle_mm_max"), ("sessions_min", "sessions_max"),
                          ("interval_days_min", "interval_days_max")):
            lo, hi = getattr(self, low), getattr(self, high)
            if lo is not None and hi is not None and lo > hi:
                raise ValueError(f"{low}={lo} is larger than {high}={hi}")
        return self


SPEC = TableSpec(
    file="studies.csv",
    row_model=Study,
    description="One row per study of microneedling for a condition (or per arm/outcome where a study reports "
    "several): design, level of evidence, size, protocol, comparator, headline result and harms.",
    foreign_keys=(ForeignKey("condition", "conditions"),),
)
