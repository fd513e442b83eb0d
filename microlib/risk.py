"""The side-effect risk checklist as a pure rules engine: answers in, an explained assessment out.

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
>>> from microlib.risk import assess
>>> result = assess({"darker_skin_type": "yes", "anticoagulants": "unknown"})
>>> result.outcome.label
'Proceed with precautions'
>>> [q.key for q in result.open_questions][:1]
['open_wound_or_infection']
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

import pandas as pd

from .html import bullet_list, citations_text, esc, section, short_citation
from .loader import cached_on_data, load_all, load_records
from .tables import StudentTable, student_table

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
    if category is not None and category not in CATEGORIES:
        raise ValueError(f"category={category!r} is not a checklist category; use one of {', '.join(CATEGORIES)}")
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
        import difflib

        hints = []
        for key in unknown_ids:
            close = difflib.get_close_matches(str(key), list(rules.by_key), n=1)
            hints.append(f"{key!r}" + (f" (did you mean {close[0]!r}?)" if close else ""))
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
AFTERCARE_BASIS = ("Mostly manufacturer instructions and clinic convention: no peer-reviewed aftercare protocol "
                   "was found.")
KIND_WORDS = {"expected": "Expected effect", "complication": "Complication"}


def _day_span(day_from: float, day_to: float) -> str:
    return f"days {day_from:g}–{day_to:g}"


def _label_of(key: str) -> str:
    return _rules().by_key[key].label


def outcome_html(assessment: Assessment) -> str:
    """The outcome panel: the outcome in words with its icon and meaning, and what open questions could change.

    Announced politely to screen readers when it changes (``role="status"``).
    """
    extra = ""
    if not assessment.complete:
        extra = (f"<div>Provisional: {len(assessment.open_questions)} question(s) still unknown. If they were all "
                 f"yes, the outcome could be <strong>{esc(assessment.possible_outcome.headline)}</strong>.</div>")
    return (f"<div class='mn-outcome-box' role='status' aria-live='polite' "
            f"style='border:2px solid #222;padding:8px;font-size:1.2em'>"
            f"<strong>Outcome: {esc(assessment.outcome.headline)}</strong>"
            f"<div style='font-size:0.8em'>{esc(assessment.outcome.meaning)}</div>{extra}</div>")


def reasons_html(assessment: Assessment, max_open: int | None = None) -> str:
    """Every reason (a yes answer) with its rationale, evidence and sources, then the open questions.

    ``max_open`` shortens the list of open questions (the app shows 8 and says how many more there are).
    """
    if assessment.reasons:
        items = []
        for r in assessment.reasons:
            disagree = f"<br><em>Where sources disagree:</em> {esc(r.disagreement)}" if r.disagreement else ""
            items.append(f"<strong>{esc(r.outcome.headline)}: {esc(r.label)}.</strong> {esc(r.rationale)} "
                         f"<em>(Evidence: {esc(r.evidence_kind)}. Sources: {esc(citations_text(r.citations))}.)"
                         f"</em>{disagree}")
        reasons = bullet_list(items, "mn-reasons")
    else:
        reasons = "<p>No question is answered yes.</p>"
    if assessment.open_questions:
        shown = assessment.open_questions if max_open is None else assessment.open_questions[:max_open]
        items = [f"{esc(q.label)} (a yes would mean: {esc(q.outcome_if_yes.label.lower())})" for q in shown]
        if len(assessment.open_questions) > len(shown):
            items.append(f"… and {len(assessment.open_questions) - len(shown)} more.")
        open_part = bullet_list(items, "mn-open-questions")
    else:
        open_part = "<p>None: every question has an answer.</p>"
    return section("Reasons", reasons) + section("Open questions", open_part)


def side_effect_rows(assessment: Assessment) -> pd.DataFrame:
    """The side effects of an assessment as a tidy table: name, kind, timing, how often, more likely because."""
    return pd.DataFrame([{
        "name": e.name,
        "kind": KIND_WORDS[e.kind],
        "timing": e.timing_note,
        "how_often": e.how_often,
        "because": ", ".join(_label_of(k) for k in e.because) or "—",
    } for e in assessment.side_effects])


def side_effects_html(assessment: Assessment) -> str:
    """The side effects to expect for this assessment, as a table for reading."""
    table = student_table(side_effect_rows(assessment), caption="Side effects to expect after one session.",
                          labels={"name": "Side effect", "kind": "Kind", "timing": "Reported timing",
                                  "how_often": "How often it is reported", "because": "More likely because of"})
    return section("Side effects to expect", table.html)


def aftercare_rows() -> pd.DataFrame:
    """The aftercare plan as a tidy table: when, step, kind of source, reasoning, how clinics vary, sources."""
    return pd.DataFrame([{
        "when": _day_span(s.day_from, s.day_to),
        "step": s.instruction,
        "kind": s.evidence_kind,
        "why": s.why,
        "vary": s.clinics_vary or "—",
        "sources": citations_text(s.citations),
    } for s in _rules().aftercare])


_AFTERCARE_LABELS = {"when": "When (days after treatment)", "step": "Step", "kind": "Kind of source",
                     "why": "Reasoning", "vary": "How clinics vary", "sources": "Sources"}


def aftercare_html(assessment: Assessment | None = None) -> str:
    """The aftercare plan with the kind of source behind each step, under one sentence on what it rests on."""
    del assessment  # the plan is the same for every answer set today; the argument keeps the call uniform
    table = student_table(aftercare_rows(), labels=_AFTERCARE_LABELS, columns=("when", "step", "kind", "vary"),
                          caption="The aftercare plan and the kind of source behind each step.")
    return section("Aftercare plan", f"<p>{esc(AFTERCARE_BASIS)}</p>" + table.html)


def _answer_rows(assessment: Assessment) -> pd.DataFrame:
    items = _rules().by_key
    return pd.DataFrame([{"group": CATEGORY_TITLES[items[k].category], "question": items[k].question, "answer": a}
                         for k, a in assessment.answers])


def answers_html(assessment: Assessment) -> str:
    """Every question with its answer, grouped as in the checklist."""
    table = student_table(_answer_rows(assessment), labels={"group": "Group", "question": "Question",
                                                             "answer": "Answer"}, caption="The answers given.")
    return section("Answers", table.html)


def summary_html(assessment: Assessment, title: str = "Microneedling side-effect checklist") -> str:
    """The filled checklist and its assessment as a small standalone HTML page (no scripts).

    Built from the same fragments as the widget app's result panel, then the answers and the full references.
    """
    refs = {r.key: r for r in load_records("references")}
    references = []
    for key in assessment.citations:
        r = refs[key]
        where = f" <a href='{esc(r.url)}'>{esc(r.url)}</a>" if r.url else ""
        references.append(f"<strong>{esc(short_citation(key))}</strong>: {esc(r.authors)} ({r.year}). "
                          f"{esc(r.title)}.{where} ({esc(r.source_kind)}; {esc(r.verification)})")
    body = (f"<h1>{esc(title)}</h1><p><strong>{esc(DISCLAIMER)}</strong></p>"
            + outcome_html(assessment) + reasons_html(assessment) + side_effects_html(assessment)
            + aftercare_html(assessment) + answers_html(assessment)
            + section("References", bullet_list(references), level=2))
    return (f"<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'><title>{esc(title)}</title></head>"
            f"<body>\n{body}\n</body></html>\n")


def summary_markdown(assessment: Assessment, title: str = "Microneedling side-effect checklist") -> str:
    """The filled checklist and its assessment as a Markdown document (the same content as :func:`summary_html`).

    Every reason names its sources; the document ends with the full references and the disclaimer.
    """
    from .references import format_reference

    lines = [f"# {title}", "", f"> {DISCLAIMER}", "", f"## Outcome: {assessment.headline}", "",
             assessment.outcome.meaning, ""]
    if not assessment.complete:
        lines += [f"If every open question were answered yes, the outcome could be: "
                  f"**{assessment.possible_outcome.headline}**.", ""]
    lines += ["## Reasons", ""]
    if not assessment.reasons:
        lines += ["No question was answered yes.", ""]
    for r in assessment.reasons:
        lines.append(f"- **{r.outcome.headline}: {r.label}.** {r.rationale} "
                     f"_Evidence: {r.evidence_kind}; sources: {citations_text(r.citations)}._")
        if r.disagreement:
            lines.append(f"  - _Where sources disagree:_ {r.disagreement}")
    lines += ["", "## Open questions", ""]
    if not assessment.open_questions:
        lines += ["None: every question was answered.", ""]
    lines += [f"- {q.question} (a yes would mean: {q.outcome_if_yes.headline})" for q in assessment.open_questions]
    lines += ["", "## Side effects to expect", "", "| Side effect | Kind | Reported timing | More likely because of |",
              "|---|---|---|---|"]
    lines += [f"| {_cell(r.name)} | {r.kind} | {_cell(r.timing)} | {_cell(r.because)} |"
              for r in side_effect_rows(assessment).itertuples()]
    lines += ["", "## Aftercare plan", "", AFTERCARE_BASIS, ""]
    lines += [f"- {r.when.capitalize()}: {r.step} _({r.kind}; {r.sources})_"
              + (f" Clinics vary: {r.vary}" if r.vary != "—" else "") for r in aftercare_rows().itertuples()]
    lines += ["", "## Answers", "", "| Group | Question | Answer |", "|---|---|---|"]
    lines += [f"| {r.group} | {_cell(r.question)} | {r.answer} |" for r in _answer_rows(assessment).itertuples()]
    lines += ["", "## References", ""]
    lines += [format_reference(k) for k in assessment.citations]
    return "\n".join(lines) + "\n"


def write_summary(assessment: Assessment, path: str | Path, *, overwrite: bool = False) -> Path:
    """Write the summary to ``path`` (``.md`` → Markdown, ``.html``/``.htm`` → HTML) and return the path.

    Nothing is written anywhere else. An existing file is kept unless ``overwrite=True``.
    """
    target = Path(path).expanduser()
    suffix = target.suffix.lower()
    if suffix not in (".md", ".html", ".htm"):
        raise ValueError(f"path={str(path)!r} must end in .md (Markdown) or .html (HTML)")
    if target.exists() and not overwrite:
        raise FileExistsError(f"{target} already exists; choose another name or pass overwrite=True")
    if not target.parent.is_dir():
        raise FileNotFoundError(f"folder {target.parent} does not exist; create it first or choose another path")
    text = summary_markdown(assessment) if suffix == ".md" else summary_html(assessment)
    target.write_text(text, encoding="utf-8")
    return target


# ----------------------------------------------------------------------------------------- lesson tables
#
# Tables a lesson shows, as StudentTables (full text, no index, human labels, sources as author and year).
# The lesson passes its own caption, so table numbers stay with the text that refers to them.


def _cell(text: str) -> str:
    return " ".join(str(text).split()).replace("|", "\\|")


def checklist_rows(category: str | None = None, outcome: str | None = None) -> pd.DataFrame:
    """The checklist rules (optionally of one category and one outcome) as a tidy table for reading."""
    rules = _rules()
    if outcome is not None and outcome not in rules.outcomes:
        raise ValueError(f"outcome={outcome!r} is not on the scale; use one of {', '.join(rules.outcomes)}")
    return pd.DataFrame([{
        "question": f"{item.label}: {item.question}",
        "leads_to": rules.outcomes[item.outcome_if_yes].headline,
        "why": item.rationale,
        "evidence": item.evidence_kind,
        "sources": citations_text(item.citations),
    } for item in checklist_items(category) if outcome is None or item.outcome_if_yes == outcome],
        columns=["question", "leads_to", "why", "evidence", "sources"])


def checklist_table(category: str | None = None, outcome: str | None = None, *,
                    caption: str | None = None) -> StudentTable:
    """The checklist rules as a table: question, what a yes leads to, why it matters, evidence, sources.

    Pass ``outcome`` to split a long category into readable parts (e.g. contraindications that mean no treatment
    and those that postpone it).
    """
    return student_table(checklist_rows(category, outcome), caption=caption,
                         labels={"question": "Question", "leads_to": "A yes leads to", "why": "Why it matters",
                                 "evidence": "Evidence behind the rule", "sources": "Sources"})


def outcome_scale_table(caption: str | None = None) -> StudentTable:
    """The outcome scale, least restrictive first: the outcome in words with its icon, and what it means."""
    frame = pd.DataFrame([{"outcome": o.headline, "meaning": o.meaning} for o in outcome_scale()])
    return student_table(frame, labels={"outcome": "Outcome", "meaning": "What it means"}, caption=caption)


def side_effects_table(caption: str | None = None) -> StudentTable:
    """Every side effect (expected effects first) with severity, timing, frequency reports and sources."""
    ordered = sorted(_rules().side_effects, key=lambda e: e.kind != "expected")
    frame = pd.DataFrame([{"name": e.name, "kind": KIND_WORDS[e.kind], "severity": e.severity,
                           "timing": e.timing_note, "how_often": e.how_often,
                           "sources": citations_text(e.citations)} for e in ordered])
    return student_table(frame, caption=caption, labels={
        "name": "Side effect", "kind": "Kind", "severity": "Severity", "timing": "Reported timing",
        "how_often": "How often it is reported", "sources": "Sources"})


def disagreements_table(caption: str | None = None) -> StudentTable:
    """The rules on which the sources disagree, with what each side says."""
    rules = _rules()
    frame = pd.DataFrame([{"question": i.label, "leads_to": rules.outcomes[i.outcome_if_yes].headline,
                           "disagreement": i.disagreement, "sources": citations_text(i.citations)}
                          for i in rules.items if i.disagreement])
    return student_table(frame, caption=caption, labels={
        "question": "Question", "leads_to": "A yes leads to here", "disagreement": "Where the sources disagree",
        "sources": "Sources"})


def aftercare_table(caption: str | None = None) -> StudentTable:
    """The aftercare plan with the kind of source behind each step, the reasoning and how clinics vary."""
    return student_table(aftercare_rows(), labels=_AFTERCARE_LABELS, caption=caption)


def vignette_markdown(key: str) -> str:
    """A vignette's title and story (not its answer), for an exercise."""
    case = vignette(key)
    return f"**{case.title}.** {_cell(case.story)}"
