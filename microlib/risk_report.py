"""The checklist's report: the HTML and Markdown a student reads and saves (re-exported by :mod:`microlib.risk`).

One renderer for the result panel, the aftercare plan and the saved summary: the widget app and the saved file
use the same fragments. Only :func:`write_summary` touches the file system, and it never overwrites a file
unless asked to.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from .html import bullet_list, citations_text, esc, section, short_citation
from .loader import load_records
from .risk_rules import CATEGORY_TITLES, DISCLAIMER, Assessment, _rules
from .tables import student_table

AFTERCARE_BASIS = ("Mostly manufacturer instructions and clinic convention: no peer-reviewed aftercare protocol "
                   "was found.")
KIND_WORDS = {"expected": "Expected effect", "complication": "Complication"}


def _cell(text: str) -> str:
    return " ".join(str(text).split()).replace("|", "\\|")


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


__all__ = [
    "AFTERCARE_BASIS", "KIND_WORDS", "aftercare_html", "aftercare_rows", "answers_html", "outcome_html",
    "reasons_html", "side_effect_rows", "side_effects_html", "summary_html", "summary_markdown", "write_summary",
]
