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

import html
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from .loader import load_all

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


_cache: dict[int, _Rules] = {}


def _rules() -> _Rules:
    tables = load_all()
    cached = _cache.get(id(tables))
    if cached is not None:
        return cached
    scale = tuple(sorted((Outcome(o.key, o.rank, o.label, o.icon, o.meaning) for o in tables["risk_outcomes"]),
                         key=lambda o: o.rank))
    items = tuple(tables["checklist"])
    steps = tuple(
        AftercareStep(s.key, s.day_from, s.day_to, s.instruction, s.evidence_kind, s.why, s.clinics_vary,
                      s.citations)
        for s in sorted(tables["aftercare"], key=lambda s: s.order)
    )
    rules = _Rules(
        items=items,
        by_key={i.key: i for i in items},
        outcomes={o.key: o for o in scale},
        scale=scale,
        side_effects=tuple(tables["side_effects"]),
        aftercare=steps,
        vignettes={v.key: v for v in tables["vignettes"]},
    )
    _cache.clear()
    _cache[id(tables)] = rules
    return rules


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


def _answer_rows(assessment: Assessment) -> list[tuple[str, str, str]]:
    labels = {i.key: (CATEGORY_TITLES[i.category], i.question) for i in _rules().items}
    return [(labels[k][0], labels[k][1], a) for k, a in assessment.answers]


def _days(value: float | None) -> str:
    return "not reported" if value is None else f"{value:g}"


def summary_markdown(assessment: Assessment, title: str = "Microneedling side-effect checklist") -> str:
    """The filled checklist and its assessment as a Markdown document (for export or display).

    Every reason carries its citation keys; the document ends with the full references and the disclaimer.
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
                     f"_Evidence: {r.evidence_kind}; sources: {', '.join(r.citations)}._")
        if r.disagreement:
            lines.append(f"  - _Where sources disagree:_ {r.disagreement}")
    lines += ["", "## Open questions", ""]
    if not assessment.open_questions:
        lines += ["None: every question was answered.", ""]
    for q in assessment.open_questions:
        lines.append(f"- {q.question} (a yes would mean: {q.outcome_if_yes.headline})")
    lines += ["", "## Side effects to expect", "",
              "| side effect | kind | starts (day) | resolves by (days) | can persist | more likely because |",
              "|---|---|---|---|---|---|"]
    for e in assessment.side_effects:
        span = (f"{_days(e.resolves_by_day_min)}–{_days(e.resolves_by_day_max)}"
                if e.resolves_by_day_max is not None else "not reported")
        because = ", ".join(e.because) or "—"
        lines.append(f"| {e.name} | {e.kind} | {_days(e.onset_day)} | {span} | "
                     f"{'yes' if e.can_persist else 'no'} | {because} |")
    lines += ["", "## Aftercare plan", "",
              "Mostly manufacturer instructions and clinic convention: "
              "no peer-reviewed aftercare protocol was found.", ""]
    for s in assessment.aftercare:
        vary = f" Clinics vary: {s.clinics_vary}" if s.clinics_vary else ""
        lines.append(f"- Days {s.day_from:g}–{s.day_to:g}: {s.instruction} _({s.evidence_kind}; "
                     f"{', '.join(s.citations)})_{vary}")
    lines += ["", "## Answers", "", "| group | question | answer |", "|---|---|---|"]
    lines += [f"| {g} | {q} | {a} |" for g, q, a in _answer_rows(assessment)]
    lines += ["", "## References", ""]
    lines += [format_reference(k) for k in assessment.citations]
    return "\n".join(lines) + "\n"


def summary_html(assessment: Assessment, title: str = "Microneedling side-effect checklist") -> str:
    """The same content as :func:`summary_markdown` as a small standalone HTML page (no scripts, no links out
    except the reference addresses)."""
    from .loader import load_records

    refs = {r.key: r for r in load_records("references")}
    e = html.escape
    parts = [f"<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'><title>{e(title)}</title></head><body>",
             f"<h1>{e(title)}</h1>", f"<p><strong>{e(DISCLAIMER)}</strong></p>",
             f"<h2 class='mn-outcome'>Outcome: {e(assessment.headline)}</h2>",
             f"<p>{e(assessment.outcome.meaning)}</p>"]
    if not assessment.complete:
        parts.append(f"<p>If every open question were answered yes, the outcome could be: "
                     f"<strong>{e(assessment.possible_outcome.headline)}</strong>.</p>")
    parts.append("<h2>Reasons</h2><ul>")
    if not assessment.reasons:
        parts.append("<li>No question was answered yes.</li>")
    for r in assessment.reasons:
        disagree = f"<br><em>Where sources disagree:</em> {e(r.disagreement)}" if r.disagreement else ""
        parts.append(f"<li><strong>{e(r.outcome.headline)}: {e(r.label)}.</strong> {e(r.rationale)} "
                     f"<em>Evidence: {e(r.evidence_kind)}; sources: {e(', '.join(r.citations))}.</em>{disagree}</li>")
    parts.append("</ul><h2>Open questions</h2><ul>")
    if not assessment.open_questions:
        parts.append("<li>None: every question was answered.</li>")
    parts += [f"<li>{e(q.question)} (a yes would mean: {e(q.outcome_if_yes.headline)})</li>"
              for q in assessment.open_questions]
    parts.append("</ul><h2>Side effects to expect</h2><table><tr><th>side effect</th><th>kind</th>"
                 "<th>reported timing</th><th>how often</th></tr>")
    for s in assessment.side_effects:
        parts.append(f"<tr><td>{e(s.name)}</td><td>{e(s.kind)}</td><td>{e(s.timing_note)}</td>"
                     f"<td>{e(s.how_often)}</td></tr>")
    parts.append("</table><h2>Aftercare plan</h2><p>Mostly manufacturer instructions and clinic convention: no "
                 "peer-reviewed aftercare protocol was found.</p><ul>")
    for s in assessment.aftercare:
        vary = f" Clinics vary: {e(s.clinics_vary)}" if s.clinics_vary else ""
        parts.append(f"<li>Days {s.day_from:g}–{s.day_to:g}: {e(s.instruction)} <em>({e(s.evidence_kind)}; "
                     f"{e(', '.join(s.citations))})</em>{vary}</li>")
    parts.append("</ul><h2>Answers</h2><table><tr><th>group</th><th>question</th><th>answer</th></tr>")
    parts += [f"<tr><td>{e(g)}</td><td>{e(q)}</td><td>{e(a)}</td></tr>" for g, q, a in _answer_rows(assessment)]
    parts.append("</table><h2>References</h2><ul>")
    for key in assessment.citations:
        r = refs[key]
        where = f" <a href='{e(r.url)}'>{e(r.url)}</a>" if r.url else ""
        parts.append(f"<li><strong>{e(key)}</strong>: {e(r.authors)} ({r.year}). {e(r.title)}.{where} "
                     f"({e(r.source_kind)}; {e(r.verification)})</li>")
    parts.append("</ul></body></html>")
    return "\n".join(parts) + "\n"


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


def _cell(text: str) -> str:
    return " ".join(str(text).split()).replace("|", "\\|")


def checklist_markdown(category: str | None = None) -> str:
    """The checklist rules (of one category, or all) as a Markdown table: question, a yes leads to, why, sources."""
    rules = _rules()
    lines = ["| question | a yes leads to | why it matters | evidence | sources |", "|---|---|---|---|---|"]
    for item in checklist_items(category):
        outcome = rules.outcomes[item.outcome_if_yes]
        lines.append(f"| **{_cell(item.label)}**: {_cell(item.question)} | {outcome.headline} | "
                     f"{_cell(item.rationale)} | {item.evidence_kind} | {', '.join(item.citations)} |")
    return "\n".join(lines)


def outcome_scale_markdown() -> str:
    """The outcome scale as a Markdown table, least restrictive first."""
    lines = ["| rank | outcome | what it means |", "|---|---|---|"]
    lines += [f"| {o.rank} | {o.headline} | {_cell(o.meaning)} |" for o in outcome_scale()]
    return "\n".join(lines)


def side_effects_markdown() -> str:
    """Every side effect (expected effects first) with timing, frequency reports and sources, as Markdown."""
    rules = _rules()
    lines = ["| side effect | kind | severity | reported timing | how often it is reported | sources |",
             "|---|---|---|---|---|---|"]
    ordered = sorted(rules.side_effects, key=lambda e: e.kind != "expected")
    lines += [f"| {e.name} | {e.kind} | {e.severity} | {_cell(e.timing_note)} | {_cell(e.how_often)} | "
              f"{', '.join(e.citations)} |" for e in ordered]
    return "\n".join(lines)


def disagreements_markdown() -> str:
    """The rules where sources disagree, with what each side says, as Markdown."""
    lines = ["| question | a yes leads to here | where sources disagree | sources |", "|---|---|---|---|"]
    rules = _rules()
    lines += [f"| **{_cell(i.label)}** | {rules.outcomes[i.outcome_if_yes].headline} | {_cell(i.disagreement)} | "
              f"{', '.join(i.citations)} |" for i in rules.items if i.disagreement]
    return "\n".join(lines)


def aftercare_markdown() -> str:
    """The aftercare plan with the kind of source behind each step, as Markdown."""
    lines = ["| days after treatment | step | source kind | reasoning | clinics vary | sources |",
             "|---|---|---|---|---|---|"]
    lines += [f"| {s.day_from:g}–{s.day_to:g} | {_cell(s.instruction)} | {s.evidence_kind} | {_cell(s.why)} | "
              f"{_cell(s.clinics_vary or '—')} | {', '.join(s.citations)} |" for s in _rules().aftercare]
    return "\n".join(lines)


def vignette_markdown(key: str) -> str:
    """A vignette's title and story (not its answer), for an exercise."""
    case = vignette(key)
    return f"**{case.title}.** {_cell(case.story)}"
