"""How long a lesson takes: an honest estimate of "Time to learn" from what a student reads and does.

The estimate has three parts, each with a stated constant so that trainers can see where a figure comes from:

1. **Reading.** Every word a student reads: the markdown text of the lesson (including the hidden solutions,
   which a student opens after trying an exercise) and the text of stored outputs that are meant to be read
   (tables, printed results, Markdown panels, the static text of the quiz). Words are read at
   :data:`READING_WPM` = 130 words a minute. Adult silent reading of ordinary prose is about 240 words a minute
   (Brysbaert 2019, a meta-analysis of 190 studies), but technical and study material read for learning is
   much slower: readers re-read, look up terms and check numbers in tables. About 130 words a minute is the
   common working figure for dense technical text, and it matches the teacher's review of these lessons
   (``shared/reviews/lessons-review-2026-12.md``), which used it. It is a planning constant, not a measurement
   of these students.
2. **Looking.** Each stored figure (a plotly chart or an image) adds :data:`FIGURE_MINUTES`: reading a chart's
   title, axes and legend and finding the point the caption makes.
3. **Doing.** Each interactive app (a widget without a static text version) adds :data:`WIDGET_MINUTES`, and
   each exercise adds :data:`EXERCISE_MINUTES` (predict, write an answer, open the solution, check).

What is not counted: the code of code cells (each is one short call that students run, not study), and the
``## References`` section (a list to look things up in, not to read through). Section estimates are rounded up
to whole minutes; the lesson estimate is the rounded-up sum of the unrounded parts.

The stated time in a lesson is read from its ``## Time to learn`` section, written as ``About **N minutes**``
(or ``**About N minutes**``). A stated time is *honest* when it lies between the estimate and 1.5 times the
estimate: never less than the reading floor, and not padded beyond half as much again
(:func:`check_stated`).

Pure module: it takes notebooks as plain dictionaries (``json.load`` of an ``.ipynb`` or an ``nbformat``
node) and returns numbers; :func:`lesson_estimate` is a small convenience that reads a file.

Example
-------
>>> nb = {"cells": [{"cell_type": "markdown", "source": "## One\\n\\n" + "word " * 260, "metadata": {}}]}
>>> estimate_notebook(nb).sections[0].minutes
3
"""

from __future__ import annotations

import html as html_lib
import json
import math
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

READING_WPM = 130
"""Words a minute for technical study text (see the module docstring for why 130)."""
FIGURE_MINUTES = 1.0
"""Minutes to read one stored figure: title, axes, legend and the point its caption makes."""
WIDGET_MINUTES = 5.0
"""Minutes to try one interactive app: move its controls and answer the question that follows it."""
EXERCISE_MINUTES = 5.0
"""Minutes for one exercise: predict, write the answer down, open the solution and compare."""
HONEST_FACTOR = 1.5
"""A stated time may be at most this many times the estimate."""
SKIPPED_SECTIONS = ("references",)
"""``##`` sections whose title contains one of these words (lower case) are left out of the estimate: reference
lists are looked up, not read through."""

WIDGET_MIME = "application/vnd.jupyter.widget-view+json"
PLOTLY_MIME = "application/vnd.plotly.v1+json"
FIGURE_MIMES = (PLOTLY_MIME, "image/png", "image/svg+xml", "image/jpeg")

_WORD = re.compile(r"[^\W_]+(?:['’.,\-/][^\W_]+)*")
_EXERCISE = re.compile(r"^(?:#{2,4}\s+(?:\d+\.\s*)?|\*\*)Exercise\b(?!s)", re.MULTILINE | re.IGNORECASE)
_STATED = re.compile(r"(?:About \*\*(\d+) minutes[.:]?\*\*|\*\*About (\d+) minutes[.:]?\*\*)", re.IGNORECASE)
_EXERCISE_HEADING = re.compile(r"^(?:\d+\.\s*)?Exercise\b(?!s)", re.IGNORECASE)
_H2 = re.compile(r"^## (?!#)(.+?)\s*$", re.MULTILINE)


@dataclass(frozen=True)
class SectionEstimate:
    """The estimate for one ``##`` section (``title`` is the heading text without ``## ``)."""

    title: str
    words: int
    figures: int
    widgets: int
    exercises: int

    @property
    def exact_minutes(self) -> float:
        """Unrounded minutes: reading plus figures, apps and exercises."""
        return (self.words / READING_WPM + self.figures * FIGURE_MINUTES + self.widgets * WIDGET_MINUTES
                + self.exercises * EXERCISE_MINUTES)

    @property
    def minutes(self) -> int:
        """Minutes rounded up to a whole minute (0 for an empty section)."""
        return math.ceil(round(self.exact_minutes, 6))


@dataclass(frozen=True)
class LessonEstimate:
    """The estimate for a whole lesson, section by section, and the time the lesson states."""

    sections: tuple[SectionEstimate, ...]
    stated_minutes: int | None = None
    skipped: tuple[str, ...] = field(default=())

    @property
    def words(self) -> int:
        return sum(s.words for s in self.sections)

    @property
    def reading_minutes(self) -> int:
        """Minutes of reading alone, rounded up."""
        return math.ceil(self.words / READING_WPM)

    @property
    def widgets(self) -> int:
        return sum(s.widgets for s in self.sections)

    @property
    def exercises(self) -> int:
        return sum(s.exercises for s in self.sections)

    @property
    def figures(self) -> int:
        return sum(s.figures for s in self.sections)

    @property
    def minutes(self) -> int:
        """The whole lesson in minutes, rounded up."""
        return math.ceil(round(sum(s.exact_minutes for s in self.sections), 6))

    @property
    def upper_minutes(self) -> int:
        """The most a stated time may say: :data:`HONEST_FACTOR` times the unrounded estimate, rounded down."""
        return math.floor(HONEST_FACTOR * sum(s.exact_minutes for s in self.sections) + 1e-6)

    def section(self, title_start: str) -> SectionEstimate:
        """The first section whose title starts with ``title_start`` (case-insensitive)."""
        for s in self.sections:
            if s.title.lower().startswith(title_start.lower()):
                return s
        raise KeyError(f"title_start={title_start!r} matches no section; sections: "
                       f"{', '.join(s.title for s in self.sections)}")


def count_words(text: str) -> int:
    """Words in plain or Markdown text; numbers such as ``1.5`` or ``IV–V`` count as one word each.

    >>> count_words("A needle of 1.5 mm reaches the dermis.")
    8
    """
    return len(_WORD.findall(text))


def markdown_text(source: str) -> str:
    """The words a reader sees in Markdown: no link targets, image sources, HTML tags or markup signs."""
    text = re.sub(r"!\[([^\]]*)\]\([^)]*\)", " ", source)            # images: their alt text is not read
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text)              # links: keep the words, drop the target
    text = re.sub(r"<summary>.*?</summary>", " ", text, flags=re.S)    # "Show the solution" is a button
    text = re.sub(r"<[^>]+>", " ", text)
    text = re.sub(r"^\s*\|?[\s:|-]+\|?\s*$", " ", text, flags=re.MULTILINE)  # table rule lines
    return html_lib.unescape(text)


def html_text(markup: str) -> str:
    """The visible words of an HTML fragment (styles and scripts removed)."""
    text = re.sub(r"<(style|script)\b.*?</\1>", " ", markup, flags=re.S | re.IGNORECASE)
    text = re.sub(r"<[^>]+>", " ", text)
    return html_lib.unescape(text)


def _joined(value: Any) -> str:
    return "".join(value) if isinstance(value, list) else str(value or "")


def output_words_and_kind(output: Mapping[str, Any]) -> tuple[int, int, int]:
    """``(words, figures, widgets)`` contributed by one stored output.

    Figures count once; an app (widget) without a static text version counts as a widget; an app that also
    stores HTML (the quiz) counts as the words of that HTML.
    """
    if output.get("output_type") == "stream":
        return count_words(_joined(output.get("text"))), 0, 0
    data = output.get("data", {}) or {}
    if any(mime in data for mime in FIGURE_MIMES):
        return 0, 1, 0
    if "text/html" in data:
        return count_words(html_text(_joined(data["text/html"]))), 0, 0
    if "text/markdown" in data:
        return count_words(markdown_text(_joined(data["text/markdown"]))), 0, 0
    if WIDGET_MIME in data:
        return 0, 0, 1
    if "text/plain" in data:
        return count_words(_joined(data["text/plain"])), 0, 0
    return 0, 0, 0


def _skipped(title: str) -> bool:
    return any(word in title.lower() for word in SKIPPED_SECTIONS)


def _split_markdown(source: str) -> list[tuple[str | None, str]]:
    """Split one markdown cell at its ``##`` headings: ``[(heading or None, text), ...]``."""
    parts: list[tuple[str | None, str]] = []
    last, heading = 0, None
    for match in _H2.finditer(source):
        parts.append((heading, source[last:match.start()]))
        heading, last = match.group(1).strip(), match.end()
    parts.append((heading, source[last:]))
    return parts


def estimate_notebook(nb: Mapping[str, Any]) -> LessonEstimate:
    """Estimate a notebook's time to learn, per ``##`` section.

    Parameters
    ----------
    nb:
        The notebook as a mapping with ``cells`` (each with ``cell_type``, ``source`` and, for code cells,
        ``outputs``), e.g. ``json.load`` of an ``.ipynb`` file.

    Returns
    -------
    LessonEstimate
        Sections in notebook order (text before the first ``##`` heading forms the section
        "Introduction"), the sections left out (references) and the stated time, if the lesson states one.
    """
    totals: dict[str, list[int]] = {}
    order: list[str] = []
    current = "Introduction"
    skipped: list[str] = []

    def add(title: str, words: int = 0, figures: int = 0, widgets: int = 0, exercises: int = 0) -> None:
        if title not in totals:
            totals[title] = [0, 0, 0, 0]
            order.append(title)
        for k, value in enumerate((words, figures, widgets, exercises)):
            totals[title][k] += value

    for cell in nb.get("cells", []):
        source = _joined(cell.get("source"))
        if cell.get("cell_type") == "markdown":
            for heading, text in _split_markdown(source):
                if heading is None and not text.strip():
                    continue
                if heading is not None:
                    current = heading
                if _skipped(current):
                    if current not in skipped:
                        skipped.append(current)
                    continue
                plain = markdown_text(text)
                add(current, words=count_words(plain) + (count_words(heading) if heading else 0),
                    figures=len(re.findall(r"!\[[^\]]*\]\([^)]*\)|<img\b", text)),
                    exercises=len(_EXERCISE.findall(text))
                    + (1 if heading and _EXERCISE_HEADING.match(heading) else 0))
        elif cell.get("cell_type") == "code":
            if _skipped(current):
                continue
            for output in cell.get("outputs", []) or []:
                words, figures, widgets = output_words_and_kind(output)
                add(current, words=words, figures=figures, widgets=widgets)
    sections = tuple(SectionEstimate(title, *totals[title]) for title in order)
    return LessonEstimate(sections=sections, stated_minutes=stated_minutes(nb), skipped=tuple(skipped))


def _time_to_learn_texts(nb: Mapping[str, Any]) -> Iterator[str]:
    """The markdown text under the lesson's ``## Time to learn`` heading, piece by piece."""
    in_section = False
    for cell in nb.get("cells", []):
        if cell.get("cell_type") != "markdown":
            continue
        for heading, text in _split_markdown(_joined(cell.get("source"))):
            if heading is not None:
                in_section = heading.lower().startswith("time to learn")
            if in_section:
                yield text


def stated_minutes(nb: Mapping[str, Any]) -> int | None:
    """The minutes a lesson states in its ``## Time to learn`` section (``About **N minutes**``), or None."""
    for text in _time_to_learn_texts(nb):
        match = _STATED.search(text)
        if match:
            return int(match.group(1) or match.group(2))
    return None


def stated_table(nb: Mapping[str, Any]) -> list[tuple[str, int]]:
    """The ``| part | minutes |`` rows of the lesson's ``## Time to learn`` table, as ``(part, minutes)``."""
    return [(label.strip(), int(minutes)) for text in _time_to_learn_texts(nb)
            for label, minutes in re.findall(r"^\| *([^|]+?) *\| *(\d+) *\|\s*$", text, re.MULTILINE)]


def check_stated_parts(nb: Mapping[str, Any], estimate: LessonEstimate | None = None) -> list[str]:
    """Problems with the per-part table of ``## Time to learn`` (an empty list when there are none).

    The parts must add up to the stated total, and each part named by section numbers (``3.`` or ``1–2.``) must
    lie between its estimate and 1.5 times it, with one minute of slack for rounding small parts to whole minutes.
    """
    estimate = estimate or estimate_notebook(nb)
    rows = stated_table(nb)
    if not rows:
        return []
    problems = []
    total = sum(m for _, m in rows)
    if estimate.stated_minutes is not None and total != estimate.stated_minutes:
        problems.append(f"the parts of the time table add up to {total} minutes, not the stated "
                        f"{estimate.stated_minutes}")
    for label, minutes in rows:
        numbers = re.match(r"(\d+)(?:\s*[–-]\s*(\d+))?\.", label)
        if not numbers:
            continue
        first, last = int(numbers.group(1)), int(numbers.group(2) or numbers.group(1))
        parts = [s for s in estimate.sections
                 if (n := re.match(r"(\d+)\.", s.title)) and first <= int(n.group(1)) <= last]
        if not parts:
            problems.append(f"'{label}': no section numbered {first}–{last}")
            continue
        exact = sum(s.exact_minutes for s in parts)
        low, high = round(exact), max(math.ceil(HONEST_FACTOR * exact - 1e-6), round(exact) + 1)
        if not low <= minutes <= high:
            problems.append(f"'{label}': states {minutes} minutes, estimate {exact:.1f} (honest: {low}–{high})")
    return problems


def check_stated(estimate: LessonEstimate) -> str | None:
    """None when the stated time is honest (estimate ≤ stated ≤ 1.5 × estimate), else a sentence saying why not."""
    stated, low, high = estimate.stated_minutes, estimate.minutes, estimate.upper_minutes
    if stated is None:
        return "the lesson states no time: write 'About **N minutes**' in its '## Time to learn' section"
    if stated < low:
        return f"states {stated} minutes, less than the estimate of {low} minutes"
    if stated > high:
        return f"states {stated} minutes, more than {HONEST_FACTOR:g} × the estimate ({high} minutes)"
    return None


def lesson_estimate(path: str | Path) -> LessonEstimate:
    """Read an ``.ipynb`` file and estimate it (see :func:`estimate_notebook`)."""
    path = Path(path)
    try:
        nb = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise ValueError(f"path={str(path)!r} is not a readable notebook ({exc})") from exc
    return estimate_notebook(nb)


def table(estimates: Iterable[tuple[str, LessonEstimate]]) -> str:
    """A Markdown table of lesson estimates (for the trainer guide and reports)."""
    lines = ["| Lesson | Words read | Figures | Apps | Exercises | Estimate (min) | Stated (min) "
             "| Honest range (min) |", "|---|---:|---:|---:|---:|---:|---:|---|"]
    for name, e in estimates:
        lines.append(f"| {name} | {e.words} | {e.figures} | {e.widgets} | {e.exercises} | {e.minutes} | "
                     f"{e.stated_minutes if e.stated_minutes is not None else '—'} | {e.minutes}–{e.upper_minutes} |")
    return "\n".join(lines)
