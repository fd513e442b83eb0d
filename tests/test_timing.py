"""microlib.timing: the reading-time estimator, and every lesson's stated "Time to learn" against it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from microlib import timing

REPO = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted((REPO / "notebooks").glob("*.ipynb"))


def md(source: str) -> dict:
    return {"cell_type": "markdown", "source": source, "metadata": {}}


def code(*outputs: dict) -> dict:
    return {"cell_type": "code", "source": "x", "metadata": {}, "outputs": list(outputs)}


def html_output(markup: str) -> dict:
    return {"output_type": "display_data", "data": {"text/html": markup, "text/plain": "<table>"}, "metadata": {}}


WIDGET = {"output_type": "execute_result", "data": {timing.WIDGET_MIME: {"model_id": "a"}, "text/plain": "VBox()"}}
FIGURE = {"output_type": "display_data", "data": {timing.PLOTLY_MIME: {"data": [], "layout": {}}}}


def test_constants_are_the_documented_ones() -> None:
    assert timing.READING_WPM == 130
    assert "130" in timing.__doc__ and "technical" in timing.__doc__
    assert timing.HONEST_FACTOR == 1.5


def test_count_words_counts_numbers_and_hyphenated_words_once() -> None:
    assert timing.count_words("A needle of 1.5 mm reaches the dermis.") == 8
    assert timing.count_words("skin types IV–V and well-known, 32.9 %") == 7
    assert timing.count_words("") == 0


def test_markdown_text_drops_link_targets_images_tags_and_table_rules() -> None:
    text = timing.markdown_text("See [lesson two](02_x.ipynb) ![a chart](x.png) <b>bold</b>\n|---|:--:|\n| a | b |")
    assert "ipynb" not in text and "chart" not in text and "<b>" not in text and "---" not in text
    assert timing.count_words(text) == 6  # See lesson two bold a b


def test_solution_button_text_is_not_counted_but_the_solution_is() -> None:
    text = timing.markdown_text("<details><summary>Show the solution</summary>\n\nThe eyelid.\n\n</details>")
    assert timing.count_words(text) == 2


def test_reading_minutes_follow_the_reading_speed_and_round_up() -> None:
    nb = {"cells": [md("## One\n\n" + "word " * 258)]}  # 258 + 1 heading word = 259 words
    section = timing.estimate_notebook(nb).sections[0]
    assert section.words == 259
    assert section.minutes == 2  # 259 / 130 = 1.99 minutes
    nb = {"cells": [md("## One\n\n" + "word " * 260)]}
    assert timing.estimate_notebook(nb).sections[0].minutes == 3


def test_sections_split_at_level_two_headings_even_inside_one_cell() -> None:
    nb = {"cells": [md("# Title\n\nIntro words here"), md("## A\n\ntext\n\n### Sub\n\nmore\n\n## B\n\nlast")]}
    titles = [s.title for s in timing.estimate_notebook(nb).sections]
    assert titles == ["Introduction", "A", "B"]


def test_widgets_figures_tables_and_exercises_each_add_their_stated_time() -> None:
    nb = {"cells": [
        md("## Try it"), code(WIDGET), code(FIGURE),
        code(html_output("<table><tr><td>one two three</td></tr></table><style>td {color: red}</style>")),
        md("## Exercise 1: rank two studies\n\nDo it.\n\n**Exercise 2 (5 minutes).** And this."),
        md("## 8. Exercises: predict, then check\n\n### Exercise 3\n\nGo."),
    ]}
    estimate = timing.estimate_notebook(nb)
    first = estimate.section("Try")
    assert (first.widgets, first.figures, first.words) == (1, 1, 2 + 3)
    assert estimate.section("Exercise 1").exercises == 2
    assert estimate.section("8.").exercises == 1
    expected = (estimate.words / timing.READING_WPM + timing.WIDGET_MINUTES + timing.FIGURE_MINUTES
                + 3 * timing.EXERCISE_MINUTES)
    assert estimate.minutes == pytest.approx(expected, abs=1)
    assert estimate.minutes >= expected


def test_a_widget_with_a_static_html_version_counts_as_text_not_as_an_app() -> None:
    quiz = {"output_type": "display_data",
            "data": {timing.WIDGET_MIME: {"model_id": "q"}, "text/html": "<p>Question one?</p>", "text/plain": "x"}}
    assert timing.output_words_and_kind(quiz) == (2, 0, 0)
    assert timing.output_words_and_kind(WIDGET) == (0, 0, 1)
    assert timing.output_words_and_kind({"output_type": "stream", "name": "stdout", "text": "day 180: 12%"}) \
        == (3, 0, 0)


def test_references_are_left_out() -> None:
    nb = {"cells": [md("## Summary\n\nshort"), md("## References\n\n" + "ref " * 500), code(html_output("x " * 99))]}
    estimate = timing.estimate_notebook(nb)
    assert [s.title for s in estimate.sections] == ["Summary"]
    assert estimate.skipped == ("References",)


@pytest.mark.parametrize("text", ["About **45 minutes**: 25 reading", "**About 45 minutes.**", "about **45 minutes**"])
def test_stated_time_is_read_from_the_time_to_learn_section(text: str) -> None:
    nb = {"cells": [md("## Overview\n\nAbout **99 minutes** elsewhere"), md(f"## Time to learn\n\n{text}")]}
    assert timing.stated_minutes(nb) == 45


def test_check_stated_accepts_the_estimate_up_to_one_and_a_half_times_it() -> None:
    section = timing.SectionEstimate("A", words=130 * 20, figures=0, widgets=0, exercises=0)  # 20 minutes
    def with_stated(minutes):
        return timing.LessonEstimate(sections=(section,), stated_minutes=minutes)
    assert timing.check_stated(with_stated(20)) is None
    assert timing.check_stated(with_stated(30)) is None
    assert "less than the estimate of 20" in timing.check_stated(with_stated(19))
    assert "more than 1.5" in timing.check_stated(with_stated(31))
    assert "states no time" in timing.check_stated(with_stated(None))


def test_unknown_section_and_unreadable_file_are_named(tmp_path: Path) -> None:
    with pytest.raises(KeyError, match="title_start='Nope'"):
        timing.estimate_notebook({"cells": [md("## A\n\nx")]}).section("Nope")
    bad = tmp_path / "bad.ipynb"
    bad.write_text("{not json", encoding="utf-8")
    with pytest.raises(ValueError, match=r"bad\.ipynb"):
        timing.lesson_estimate(bad)


def test_table_lists_each_lesson_with_its_range() -> None:
    nb = {"cells": [md("## Time to learn\n\nAbout **2 minutes**"), md("## A\n\n" + "w " * 130)]}
    text = timing.table([("99_x", timing.estimate_notebook(nb))])
    assert "| 99_x |" in text and "| 2 |" in text


# ---- every lesson ------------------------------------------------------------------------------------------

@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_every_lesson_states_an_honest_time_to_learn(path: Path) -> None:
    estimate = timing.estimate_notebook(json.loads(path.read_text(encoding="utf-8")))
    problem = timing.check_stated(estimate)
    assert problem is None, (f"{path.name}: {problem}. Estimate {estimate.minutes} min "
                             f"({estimate.words} words at {timing.READING_WPM} wpm, {estimate.figures} figures, "
                             f"{estimate.widgets} apps, {estimate.exercises} exercises); an honest stated time is "
                             f"{estimate.minutes}–{estimate.upper_minutes} min")


def test_time_table_parts_must_add_up_and_match_their_sections() -> None:
    nb = {"cells": [md("## Time to learn\n\nAbout **5 minutes**.\n\n| Part | Minutes |\n|---|---|\n"
                       "| 1. One | 2 |\n| 2–3. Two and three | 2 |"),
                    md("## 1. One\n\n" + "w " * 259), md("## 2. Two\n\n" + "w " * 120), md("## 3. Three\n\nx")]}
    assert timing.stated_table(nb) == [("1. One", 2), ("2–3. Two and three", 2)]
    problems = timing.check_stated_parts(nb)
    assert problems == ["the parts of the time table add up to 4 minutes, not the stated 5"]
    nb["cells"][0] = md("## Time to learn\n\nAbout **9 minutes**.\n\n| Part | Minutes |\n|---|---|\n"
                        "| 1. One | 7 |\n| 2–3. Two and three | 2 |")
    assert "'1. One': states 7 minutes" in timing.check_stated_parts(nb)[0]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_every_lesson_time_table_adds_up_and_matches_its_sections(path: Path) -> None:
    nb = json.loads(path.read_text(encoding="utf-8"))
    problems = timing.check_stated_parts(nb)
    assert problems == [], f"{path.name}, '## Time to learn' table:\n" + "\n".join(problems)
