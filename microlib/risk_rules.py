"""The side-effect risk checklist's rules engine: answers in, an explained assessment out.

Re-exported by :mod:`microlib.risk`.

Each checklist question (``data/checklist.yaml``) is answered ``"yes"``, ``"no"`` or ``"unknown"``. A yes leads
to an outcome on an ordered scale (``data/risk_outcomes.csv``)::

    no flags < proceed with precautions < postpone < refer for medical assessment < do not treat

The overall outcome is the most restrictive outcome among the yes answers, so answering yes to one more
question can never lower it. Every yes is kept as a reason with its rationale and sources. Unknown answers are
never treated as no: they are listed as open questions, the result is marked provisional, and the outcome they
*could* lead to is shown beside it.

This is teaching material about how such rules are built and where they come from. It is not a clinical
decision tool and not medical advice.

Example
-------
>>> from microlib.risk_rules import assess
>>> result = assess({"darker_skin_type": "yes", "anticoagulants": "unknown"})
>>> result.outcome.label
'Proceed with precautions'
>>> [q.key for q in result.open_questions][:1]
['open_wound_or_infection']
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any, Literal

from .checks import check_choice, suggest
from .loader import cached_on_data, load_all

Answer = Literal["yes", "no", "unknown"]
ANSWERS: tuple[str, ...] = ("yes", "no", "unknown")
CATEGORIES: tuple[str, ...] = ("contraindication", "precaution", "risk_factor", "information")
CATEGORY_TITLES = {
    "contraindication": "Contraindications",
    "precaution": "Precautions",
    "risk_factor": "Risk factors",
    "information": "Information",
}
DISCLAIMER = ("Teaching exercise with fictional or practice answers. Education, not medical advice: "
              "this checklist is not a clinical decision tool.")


@dataclass(frozen=True)
class Outcome:
    """One step of the ordered outcome scale. ``rank`` 0 is no flags; higher is more restrictive."""

    key: str
    rank: int
    label: str
    icon: str
    meaning: str

    @property
    def headline(self) -> str:
        """Icon and words together (never the icon or a colour alone)."""
        return f"{self.icon} {self.label}"


@dataclass(frozen=True)
class Reason:
    """A yes answer that shaped the outcome, with the rule's rationale and sources."""

    key: str
    label: str
    question: str
    category: str
    outcome: Outcome
    rationale: str
    evidence_kind: str
    disagreement: str | None
    citations: tuple[str, ...]
    verification: str


@dataclass(frozen=True)
class OpenQuestion:
    """A question answered unknown (or not answered), and the outcome a yes would lead to."""

    key: str
    label: str
    question: str
    category: str
    outcome_if_yes: Outcome


@dataclass(frozen=True)
class SideEffectCourse:
    """A side effect to expect, with its reported time course in days after treatment.

    ``because`` lists the checklist ids whose yes answers make it more likely (empty for expected effects that
    everyone should expect).
    """

    key: str
    name: str
    kind: str
    onset_day: float | None
    resolves_by_day_min: float | None
    resolves_by_day_max: float | None
    can_persist: bool
    how_often: str
    severity: str
    what_to_do: str
    timing_note: str
    citations: tuple[str, ...]
    because: tuple[str, ...]


@dataclass(frozen=True)
class AftercareStep:
    """One step of the aftercare plan and the kind of source behind it."""

    key: str
    day_from: float
    day_to: float
    instruction: str
    evidence_kind: str
    why: str
    clinics_vary: str | None
    citations: tuple[str, ...]


@dataclass(frozen=True)
class Assessment:
    """What :func:`assess` returns.

    Attributes
    ----------
    answers:
        Every checklist id with its answer, in checklist order (missing ids appear as ``"unknown"``).
    outcome:
        The most restrictive outcome among the yes answers (no flags when there is none).
    reasons:
        Every yes answer, most restrictive first.
    open_questions:
        Every unknown answer, in checklist order.
    possible_outcome:
        The outcome if every open question turned out to be yes; equals ``outcome`` when nothing is open.
    side_effects:
        The expected effects, then the complications made more likely by yes answers.
    aftercare:
        The aftercare plan in order.
    """

    answers: tuple[tuple[str, str], ...]
    outcome: Outcome
    reasons: tuple[Reason, ...]
    open_questions: tuple[OpenQuestion, ...]
    possible_outcome: Outcome
    side_effects: tuple[SideEffectCourse, ...]
    aftercare: tuple[AftercareStep, ...]

    @property
    def complete(self) -> bool:
        """True when no question is open."""
        return not self.open_questions

    @property
    def headline(self) -> str:
        """The outcome in words with its icon, marked provisional while questions are open."""
        if self.complete:
            return self.outcome.headline
        return f"{self.outcome.headline} (provisional: {len(self.open_questions)} open question(s))"

    @property
    def citations(self) -> tuple[str, ...]:
        """Every citation key behind the reasons, side effects and aftercare, sorted and without repeats."""
        keys: set[str] = set()
        for group in (self.reasons, self.side_effects, self.aftercare):
            for entry in group:
                keys.update(entry.citations)
        return tuple(sorted(keys))


@dataclass(frozen=True)
class _Rules:
    items: tuple[Any, ...]
    by_key: dict[str, Any]
    outcomes: dict[str, Outcome]
    scale: tuple[Outcome, ...]
    side_effects: tuple[Any, ...]
    aftercare: tuple[AftercareStep, ...]
    vignettes: dict[str, Any]


@cached_on_data
def _rules() -> _Rules:
    tables = load_all()
    scale = tuple(sorted((Outcome(o.key, o.rank, o.label, o.icon, o.meaning) for o in tables["risk_outcomes"]),
                         key=lambda o: o.rank))
    items = tuple(tables["checklist"])
    steps = tuple(
        AftercareStep(s.key, s.day_from, s.day_to, s.instruction, s.evidence_kind, s.why, s.clinics_vary,
                      s.citations)
        for s in sorted(tables["aftercare"], key=lambda s: s.order)
    )
    return _Rules(
        items=items,
        by_key={i.key: i for i in items},
        outcomes={o.key: o for o in scale},
        scale=scale,
        side_effects=tuple(tables["side_effects"]),
        aftercare=steps,
        vignettes={v.key: v for v in tables["vignettes"]},
    )


def outcome_scale() -> tuple[Outcome, ...]:
    """The outcome scale, least restrictive first."""
    return _rules().scale


def checklist_items(category: str | None = None) -> list[Any]:
    """The checklist questions (validated rows of ``checklist.yaml``), optionally of one category."""
    if category is not None:
        check_choice("category", category, CATEGORIES, "the checklist categories")
    return [i for i in _rules().items if category is None or i.category == category]


def blank_answers(answer: Answer = "unknown") -> dict[str, str]:
    """Every checklist id mapped to the same answer (unknown by default: nothing is assumed)."""
    _check_answer("answer", answer)
    return {i.key: answer for i in _rules().items}


def vignette_keys() -> list[str]:
    """Ids of the fictional case vignettes, in file order."""
    return list(_rules().vignettes)


def vignette(key: str) -> Any:
    """One vignette (title, story, expected outcome, teaching point)."""
    vignettes = _rules().vignettes
    if key not in vignettes:
        raise KeyError(f"vignette={key!r} is not in data/vignettes.yaml; known: {', '.join(vignettes)}")
    return vignettes[key]


def vignette_answers(key: str) -> dict[str, str]:
    """The full answer set of a vignette: its yes and unknown ids, every other id no."""
    case = vignette(key)
    answers = blank_answers("no")
    answers.update(dict.fromkeys(case.answered_unknown, "unknown"))
    answers.update(dict.fromkeys(case.answered_yes, "yes"))
    return answers


def _check_answer(question: str, answer: object) -> None:
    if answer not in ANSWERS:
        raise ValueError(f"answer {answer!r} for question {question!r} is not valid; use one of: yes, no, unknown")


def _validated(answers: Mapping[str, str], rules: _Rules) -> dict[str, str]:
    unknown_ids = [key for key in answers if key not in rules.by_key]
    if unknown_ids:
        hints = [f"{key!r}{suggest(key, rules.by_key)}" for key in unknown_ids]
        raise KeyError(f"unknown checklist question id(s): {', '.join(hints)}; ids are listed in data/checklist.yaml")
    for key, answer in answers.items():
        _check_answer(key, answer)
    return {i.key: answers.get(i.key, "unknown") for i in rules.items}


def assess(answers: Mapping[str, str]) -> Assessment:
    """Assess a filled checklist.

    Parameters
    ----------
    answers:
        Checklist id → ``"yes"``, ``"no"`` or ``"unknown"``. Ids left out count as unknown (open questions),
        never as no.

    Returns
    -------
    Assessment
        The overall outcome (the most restrictive among the yes answers), every reason with its sources, the
        open questions, the side effects to expect with their time course, and the aftercare plan.

    Raises
    ------
    KeyError
        If an id is not a checklist question (the message names it and the closest id).
    ValueError
        If an answer is not yes, no or unknown (the message names the question and the answer).

    Example
    -------
    >>> assess({"bleeding_disorder": "yes"}).outcome.key
    'do_not_treat'
    """
    return _assess(_rules(), answers)


def assess_many(answer_sets: Iterable[Mapping[str, str]]) -> list[Assessment]:
    """:func:`assess` for many answer sets, reading the rules once (for exhaustive checks and benchmarks)."""
    rules = _rules()
    return [_assess(rules, answers) for answers in answer_sets]


def _assess(rules: _Rules, answers: Mapping[str, str]) -> Assessment:
    full = _validated(answers, rules)
    outcomes = rules.outcomes
    lowest = rules.scale[0]
    reasons: list[Reason] = []
    open_questions: list[OpenQuestion] = []
    for item in rules.items:
        answer = full[item.key]
        if answer == "yes":
            reasons.append(Reason(item.key, item.label, item.question, item.category, outcomes[item.outcome_if_yes],
                                  item.rationale, item.evidence_kind, item.disagreement, item.citations,
                                  item.verification))
        elif answer == "unknown":
            open_questions.append(OpenQuestion(item.key, item.label, item.question, item.category,
                                               outcomes[item.outcome_if_yes]))
    outcome = max((r.outcome for r in reasons), key=lambda o: o.rank, default=lowest)
    possible = max([outcome, *(q.outcome_if_yes for q in open_questions)], key=lambda o: o.rank)
    reasons.sort(key=lambda r: -r.outcome.rank)  # stable: checklist order within one outcome
    return Assessment(
        answers=tuple(full.items()),
        outcome=outcome,
        reasons=tuple(reasons),
        open_questions=tuple(open_questions),
        possible_outcome=possible,
        side_effects=_side_effects(rules, reasons),
        aftercare=rules.aftercare,
    )


def _side_effects(rules: _Rules, reasons: Iterable[Reason]) -> tuple[SideEffectCourse, ...]:
    because: dict[str, list[str]] = {}
    for reason in reasons:
        for effect in rules.by_key[reason.key].side_effects:
            because.setdefault(effect, []).append(reason.key)
    chosen = [e for e in rules.side_effects if e.kind == "expected"]
    chosen += [e for e in rules.side_effects if e.kind == "complication" and e.key in because]
    return tuple(
        SideEffectCourse(e.key, e.name, e.kind, e.onset_day, e.resolves_by_day_min, e.resolves_by_day_max,
                         e.can_persist == "yes", e.how_often, e.severity, e.what_to_do, e.timing_note, e.citations,
                         tuple(because.get(e.key, ())))
        for e in chosen
    )


def timeline_rows(assessment: Assessment) -> list[dict[str, Any]]:
    """The side effects of an assessment as tidy rows for :func:`microlib.plots.risk.side_effect_timeline`.

    Each row has ``name``, ``kind``, ``start_day``, ``end_day_min``, ``end_day_max`` (days after treatment;
    ``None`` where the sources give no timing), ``can_persist`` and ``more_likely_because`` (labels of the yes
    answers that make it more likely).
    """
    labels = {i.key: i.label for i in _rules().items}
    return [
        {
            "name": e.name,
            "kind": e.kind,
            "start_day": e.onset_day,
            "end_day_min": e.resolves_by_day_min,
            "end_day_max": e.resolves_by_day_max,
            "can_persist": e.can_persist,
            "more_likely_because": ", ".join(labels[k] for k in e.because),
        }
        for e in assessment.side_effects
    ]


# ----------------------------------------------------------------------------------------------- summaries
#
# One renderer: the HTML fragments below are the result panel of the widget app *and* the sections of the saved
# HTML report; the Markdown export reads the same rows. Sources appear as author and year, never as keys.

#: What the aftercare plan rests on, said once for every place that shows the plan.


__all__ = [
    "ANSWERS", "CATEGORIES", "CATEGORY_TITLES", "DISCLAIMER", "AftercareStep", "Answer", "Assessment",
    "OpenQuestion", "Outcome", "Reason", "SideEffectCourse", "assess", "assess_many", "blank_answers",
    "checklist_items", "outcome_scale", "timeline_rows", "vignette", "vignette_answers", "vignette_keys",
]
