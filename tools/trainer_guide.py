"""Write the trainer guide from the lessons, the quiz data and the trainer notes, so it cannot drift.

Usage::

    python tools/trainer_guide.py            # rewrite docs/trainer_guide.md
    python tools/trainer_guide.py --check    # exit 1 if docs/trainer_guide.md is out of date (used by the tests)

Where each part of the guide comes from:

- objectives: the numbered list in each lesson's ``## Overview``;
- minutes: the lesson's stated "Time to learn" and, section by section, the estimate of ``microlib.timing``
  (reading at 130 words a minute plus fixed minutes per figure, app and exercise);
- exercises and their answers: the lesson's exercises and the text of their hidden solutions;
- quiz answers: ``microlib.quiz.answer_key`` (answers by their text, never by a letter);
- discussion prompts, misconceptions and speaker notes: ``docs/speaker_notes.yaml`` (the one file trainers
  edit by hand; the exported slides carry the same notes).

Edit the lessons, ``data/quizzes.yaml`` or ``docs/speaker_notes.yaml``, never the generated guide; then run this
script. ``tests/test_trainer_docs.py`` fails while the guide is stale.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from microlib import timing  # noqa: E402
from tools.export.slides import load_notes, note_for  # noqa: E402

NOTEBOOKS = ROOT / "notebooks"
GUIDE = ROOT / "docs" / "trainer_guide.md"

_EXERCISE_START = re.compile(r"^(?:#{2,4}\s+(?:\d+\.\s*)?Exercise\b(?!s)[^\n]*|\*\*Exercise\b[^\n]*)",
                             re.MULTILINE | re.IGNORECASE)


@dataclass(frozen=True)
class Exercise:
    """One exercise: its title line, its task and the text of its hidden solution."""

    title: str
    task: str
    solution: str


def _source(cell: dict) -> str:
    return "".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"]


def lesson_text(nb: dict) -> str:
    """Every markdown cell of a notebook, joined."""
    return "\n\n".join(_source(c) for c in nb["cells"] if c["cell_type"] == "markdown")


def lesson_title(nb: dict, stem: str) -> str:
    match = re.search(r"^# (.+)$", lesson_text(nb), re.M)
    return match.group(1).strip() if match else stem


def objectives(nb: dict) -> list[str]:
    """The numbered objectives of the lesson's ``## Overview``."""
    overview = re.search(r"^## Overview\s*$(.*?)(?=^## |\Z)", lesson_text(nb), re.M | re.S)
    if not overview:
        return []
    return [" ".join(m.group(1).split()) for m in re.finditer(r"^\d+\.\s+(.+(?:\n(?!\d+\.|\s*$).+)*)",
                                                               overview.group(1), re.M)]


def _plain(markdown: str) -> str:
    text = re.sub(r"</?details>|<summary>.*?</summary>", "", markdown, flags=re.S)
    return "\n".join(line.rstrip() for line in text.strip().splitlines()).strip()


def exercises(nb: dict) -> list[Exercise]:
    """Every exercise of a lesson with its hidden solution, in lesson order."""
    text = lesson_text(nb)
    starts = [m for m in _EXERCISE_START.finditer(text)]
    result = []
    for k, match in enumerate(starts):
        end = starts[k + 1].start() if k + 1 < len(starts) else len(text)
        next_h2 = re.search(r"^## ", text[match.end():end], re.M)
        body = text[match.end(): match.end() + next_h2.start()] if next_h2 else text[match.end():end]
        title = re.sub(r"^#+\s*|\*\*", "", match.group(0)).strip()
        first_sentence_end = title.find(".")
        if match.group(0).startswith("**") and first_sentence_end > 0:
            body = title[first_sentence_end + 1:] + body
            title = title[:first_sentence_end]
        solution = re.search(r"<details>(.*?)</details>", body, re.S)
        task = body[: solution.start()] if solution else body
        result.append(Exercise(title=title.rstrip(".:"), task=" ".join(task.split()),
                               solution=_plain(solution.group(1)) if solution else ""))
    return result


def answer_lines(stem: str) -> list[str]:
    """The quiz answers by their text (from ``microlib.quiz.answer_key``)."""
    from microlib import quiz

    lines = []
    for k, entry in enumerate(quiz.answer_key(stem), start=1):
        answers = " / ".join(f"“{a}”" for a in entry.answers)
        lines.append(f"{k}. *{entry.question}* — {answers}")
    return lines


def lesson_section(path: Path, notes: dict) -> str:
    nb = json.loads(path.read_text(encoding="utf-8"))
    stem = path.stem
    estimate = timing.estimate_notebook(nb)
    lesson_notes = notes["lessons"].get(stem, {}) or {}
    stated = f"{estimate.stated_minutes} minutes" if estimate.stated_minutes else "no time stated"
    out = [f"## {stem[:2]} — {lesson_title(nb, stem)}", "",
           f"**Time to learn:** {stated} in the lesson; estimated {estimate.minutes} minutes "
           f"({estimate.words} words at {timing.READING_WPM} words a minute, {estimate.figures} figure(s), "
           f"{estimate.widgets} app(s), {estimate.exercises} exercise(s)). Plans for 60 and 90 minutes: "
           "`docs/session_plans.md`.", ""]
    goals = objectives(nb)
    if goals:
        out += ["**Objectives** (as in the lesson's Overview):", ""]
        out += [f"{k}. {g}" for k, g in enumerate(goals, start=1)] + [""]
    out += ["**Minutes by section** (estimate; speaker notes in the slides, press S):", "",
            "| Section | Minutes | Say | Ask |", "|---|---:|---|---|"]
    for section in estimate.sections:
        if section.title == "Introduction":
            continue
        note = note_for(notes, stem, section.title) or {}
        say = " ".join(str(note.get("say", "—")).split())
        ask = " ".join(" ".join(str(q).split()) for q in note.get("ask", []) or []) or "—"
        cells = [section.title, str(section.minutes), say, ask]
        out.append("| " + " | ".join(c.replace("|", "\\|") for c in cells) + " |")
    out.append("")
    prompts = lesson_notes.get("discussion", []) or []
    if prompts:
        out += ["**Discussion prompts.**", ""] + [f"- {' '.join(str(p).split())}" for p in prompts] + [""]
    myths = lesson_notes.get("misconceptions", []) or []
    if myths:
        out += ["**Common misconceptions.**", ""] + [f"- {' '.join(str(m).split())}" for m in myths] + [""]
    found = exercises(nb)
    out += [f"**Exercises ({len(found)}) and their answers** (the lesson's own hidden solutions):", ""]
    if not found:
        out += ["This lesson has no exercises.", ""]
    for exercise in found:
        solution = " ".join(exercise.solution.split()) or "(no hidden solution in the lesson)"
        out += [f"- *{exercise.title}.* {exercise.task}", f"  - **Answer:** {solution}"]
    out += ["", "**Quiz answers** (by their text; the quiz shows the options in a shuffled order):", ""]
    out += answer_lines(stem) or ["This lesson has no quiz."]
    out += ["", "---", ""]
    return "\n".join(out)


HEADER = """# Trainer guide

<!-- Generated by `python tools/trainer_guide.py` from the lessons, data/quizzes.yaml and docs/speaker_notes.yaml.
     Do not edit by hand: change those files and run the script again (a test fails while this file is stale). -->

Lesson plans for the five notebooks, for a trainer presenting to a group. Each plan gives the lesson's stated time
and the estimate behind it, the objectives, minutes and speaker notes by section, discussion prompts, common
misconceptions, every exercise with the lesson's own answer, and the quiz answers by their text.

The package is **education, not medical advice**. Say so at the start of every session, and steer questions about
a particular person's treatment to a clinician.

**Before class:** run `make lab`, open each notebook and choose *Run → Run All Cells* so the apps are live. For a
projector, switch on large fonts with the projector switch (`docs/presenting.md` §2). `make slides` writes slides
without code and with these speaker notes; `make handouts` prints key points, case cards, the red-flag worksheet
and the glossary. Session plans for 60- and 90-minute slots and a half day: `docs/session_plans.md`.

**How the minutes are estimated.** Reading at {wpm} words a minute (technical text read for study), plus
{fig:g} minute per figure, {app:g} minutes per interactive app and {ex:g} minutes per exercise; reference lists are
not counted (`microlib/timing.py`). A lesson's stated time lies between the estimate and 1.5 times it (a test
checks this). Add 5–10 minutes per lesson for a group new to Jupyter.

---

"""


def course_table(paths: list[Path]) -> str:
    rows = ["## Running the whole course", "", "| Lesson | Stated minutes | Estimated minutes |", "|---|---:|---:|"]
    total_stated = total_estimate = 0
    for path in paths:
        estimate = timing.lesson_estimate(path)
        total_stated += estimate.stated_minutes or 0
        total_estimate += estimate.minutes
        rows.append(f"| {path.stem} | {estimate.stated_minutes or '—'} | {estimate.minutes} |")
    rows.append(f"| **All lessons** | **{total_stated}** | **{total_estimate}** |")
    rows += ["", "A half-day plan across all lessons is in `docs/session_plans.md`. The claims browser in lesson 04 "
             "links every claim to the lesson that teaches its topic, so it also works as a revision tool at the "
             "end of the course.", ""]
    return "\n".join(rows)


def render(notebooks: Path = NOTEBOOKS) -> str:
    """The whole guide as Markdown."""
    notes = load_notes()
    paths = sorted(notebooks.glob("*.ipynb"))
    header = HEADER.format(wpm=timing.READING_WPM, fig=timing.FIGURE_MINUTES, app=timing.WIDGET_MINUTES,
                           ex=timing.EXERCISE_MINUTES)
    return header + "\n".join(lesson_section(p, notes) for p in paths) + course_table(paths)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help="exit 1 if the guide is out of date")
    parser.add_argument("--out", type=Path, default=GUIDE)
    args = parser.parse_args(argv)
    text = render()
    if args.check:
        current = args.out.read_text(encoding="utf-8") if args.out.exists() else ""
        if current != text:
            print(f"{args.out} is out of date: run `python tools/trainer_guide.py`")
            return 1
        return 0
    args.out.write_text(text, encoding="utf-8")
    print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
