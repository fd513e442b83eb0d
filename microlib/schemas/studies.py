"""Schema of ``data/studies.csv``: one row per study (or per arm or outcome) of microneedling for a condition."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import BeforeValidator, Field, model_validator

from .common import KEY_PATTERN, CheckedOn, CitationKeys, ForeignKey, Row, ShownVerification, TableSpec, TextList


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
                            "weakest), assigned by the written rule in `evidence_levels.csv` from `design`, "
                            "`randomised`, `comparator_kind`, `pooled_studies` and `pooled_randomised`; where "
                            "`level_basis` says the row is not levelled, a provisional level.")
    level_note: str | None = Field(None, description="Why the level differs from the design's usual level.")
    level_basis: str = Field(pattern=r"^(rule|not levelled: .{10,})$", description="`rule` when the level "
                             "follows from the design fields by the written rule; otherwise `not levelled: ` and "
                             "what was not read (the level shown is then provisional).")
    randomised: Literal["yes", "no", "not stated"] | None = Field(
        None, description="Primary studies: whether chance decided who (or which side) got microneedling, as "
        "the source states it. Empty for reviews.")
    year: int = Field(ge=1990, le=2026, description="Year of first publication online (not the year of the "
                      "printed issue, which can be a year later).")
    n: int | None = Field(None, ge=1, le=10000, description="Participants analysed (for reviews: pooled "
                          "participants); empty when not reported.")
    studies_included: int | None = Field(None, ge=1, le=500, description="Studies the review included "
                                         "(reviews only).")
    pooled_studies: int | None = Field(None, ge=1, le=500, description="Studies combined in the headline "
                                       "pooled estimate (meta-analyses only; can be fewer than included).")
    pooled_randomised: int | None = Field(None, ge=0, le=500, description="How many of the pooled studies (or, "
                                          "for a review without pooling, of the included studies) were "
                                          "randomised; empty when not read.")
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
    note: str | None = Field(None, description="Caveats: what was not readable, computed values, and how each "
                             "field was checked where it was not read in the primary source.")
    checked_on: CheckedOn = Field(description="Date the row was last checked against its source (ISO date).")

    @model_validator(mode="after")
    def _consistent(self) -> Study:
        if (self.effect_mn is not None or self.effect_comparator is not None) and self.effect_unit is None:
            raise ValueError("effect_unit is required when effect_mn or effect_comparator is given")
        for low, high in (("needle_mm_min", "needle_mm_max"), ("sessions_min", "sessions_max"),
                          ("interval_days_min", "interval_days_max")):
            lo, hi = getattr(self, low), getattr(self, high)
            if lo is not None and hi is not None and lo > hi:
                raise ValueError(f"{low}={lo} is larger than {high}={hi}")
        if self.pooled_studies is not None and self.studies_included is not None \
                and self.pooled_studies > self.studies_included:
            raise ValueError(f"pooled_studies={self.pooled_studies} is larger than "
                             f"studies_included={self.studies_included}")
        denominator = self.pooled_studies if self.pooled_studies is not None else self.studies_included
        if self.pooled_randomised is not None and (denominator is None or self.pooled_randomised > denominator):
            raise ValueError(f"pooled_randomised={self.pooled_randomised} needs pooled_studies or "
                             f"studies_included at least as large (got {denominator})")
        return self


SPEC = TableSpec(
    file="studies.csv",
    row_model=Study,
    description="One row per study of microneedling for a condition (or per arm/outcome where a study reports "
    "several): design, level of evidence, size, protocol, comparator, headline result and harms.",
    foreign_keys=(ForeignKey("condition", "conditions"),),
)
