"""Unit tests for the small foundation modules: glossary app, references, style, doctor, notebook sources."""

from __future__ import annotations

import pytest

from microlib import checks, style
from microlib.apps.glossary import build_glossary_app
from microlib.glossary import glossary_entry
from microlib.loader import load_record
from microlib.references import VERIFICATION_LABEL, cited_by, format_reference, references_markdown
from microlib.selfcheck import Check, Report
from tools.notebook_source import default_slide_type, parse_source


def test_choosing_a_term_shows_its_definition_and_sources() -> None:
    app = build_glossary_app()
    assert "Microneedling" in app.card.value
    app.term.value = "pih"
    entry = glossary_entry("pih")
    assert entry.definition in app.card.value
    assert all(key in app.card.value for key in entry.citations)


def test_an_unknown_glossary_key_lists_the_known_ones() -> None:
    with pytest.raises(KeyError, match=r"closest: 'dermis'\); known values: .*dermis"):
        glossary_entry("dermiss")


def test_a_reference_line_says_how_it_was_verified() -> None:
    line = format_reference("lotfi2013")
    r = load_record("references", "lotfi2013")
    assert line.startswith("- Lotfi R") and "lotfi2013" not in line  # students never see the key
    assert "doi:10.1097/01.EWX.0000432504.85255.ec" in line
    assert VERIFICATION_LABEL[r.verification] in line


def test_references_are_listed_once_each_by_first_author() -> None:
    text = references_markdown(["lotfi2013", "chu2021", "lotfi2013"])
    assert [line.split(" ")[1] for line in text.splitlines()] == ["Chu", "Lotfi"]


def test_cited_by_collects_every_key_a_table_uses() -> None:
    keys = cited_by("glossary")
    assert "oltulu2018" in keys and keys == sorted(set(keys))
    with pytest.raises(KeyError, match="known tables"):
        cited_by("nonsense")


def test_an_unknown_citation_key_is_an_error() -> None:
    with pytest.raises(KeyError, match=r"not in data/references\.csv"):
        format_reference("nobody1999")


def test_projector_mode_enlarges_fonts_and_can_be_switched_back() -> None:
    import plotly.graph_objects as go

    try:
        style.set_projector(True)
        big = style.styled(go.Figure(), title="t", x_title="x (mm)")
        assert style.projector_on()
        assert big.layout.template.layout.font.size == style.PROJECTOR.font_size
    finally:
        style.set_projector(False)
    small = style.styled(go.Figure(), title="t", x_title="x (mm)", y_title="y (%)")
    assert small.layout.template.layout.font.size == style.SCREEN.font_size
    assert small.layout.xaxis.title.text == "x (mm)" and small.layout.yaxis.title.text == "y (%)"


def test_the_palette_is_distinct_and_paired_with_markers_and_dashes() -> None:
    assert len(set(style.PALETTE)) == len(style.PALETTE)
    assert len(style.SYMBOLS) >= 6 and len(style.DASHES) >= 4


def test_a_report_with_a_problem_is_not_ok() -> None:
    report = Report((Check("a", "ok", "1"), Check("b", "problem", "missing")))
    assert not report.ok
    assert "✘ problem" in str(report) and "Some checks failed" in str(report)


def test_percent_source_splits_cells_with_metadata() -> None:
    cells = parse_source('# %% [markdown]\n# # Title\n# text\n\n# %% {"tags": ["x"]}\nprint(1)\n')
    assert [c["cell_type"] for c in cells] == ["markdown", "code"]
    assert cells[0]["source"] == "# Title\ntext"
    assert cells[1]["metadata"] == {"tags": ["x"]} and cells[1]["source"] == "print(1)"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("print(1)\n", "before the first '# %%' cell marker"),
        ("# %% [markdown]\nnot a comment\n", "markdown lines must start with '#'"),
        ("# %% {bad json}\nx = 1\n", "cell metadata is not valid JSON"),
    ],
)
def test_malformed_sources_name_the_line(text: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        parse_source(text, origin="lesson.py")


def test_headings_start_slides() -> None:
    assert default_slide_type({"cell_type": "markdown", "source": "## Summary\n- a"}) == "slide"
    assert default_slide_type({"cell_type": "markdown", "source": "### Detail"}) == "subslide"
    assert default_slide_type({"cell_type": "code", "source": "x = 1"}) == "-"


def test_the_projector_switch_enlarges_widget_text_and_figures() -> None:
    import plotly.graph_objects as go

    from microlib.apps.projector import build_projector_switch

    switch = build_projector_switch(on=False)
    try:
        assert f"font-size: {style.SCREEN.font_size}px" in switch.css.value
        switch.toggle.value = True
        assert style.projector_on()
        assert f"font-size: {style.PROJECTOR.font_size}px" in switch.css.value
        figure = style.styled(go.Figure(), title="t")
        assert figure.layout.template.layout.font.size == style.PROJECTOR.font_size
        switch.toggle.value = False
        assert not style.projector_on() and f"font-size: {style.SCREEN.font_size}px" in switch.css.value
    finally:
        style.set_projector(False)


def test_a_marker_jupytext_would_misread_is_an_error() -> None:
    with pytest.raises(ValueError, match=r"lesson\.py, line 2: not a cell marker"):
        parse_source("# %% [markdown]\n# %%% [markdown]\n# text\n", origin="lesson.py")


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda: checks.check_range("needle_mm", "long", 0.1, 3.0, "mm"), r"needle_mm='long' is not a number"),
        (lambda: checks.check_range("needle_mm", float("nan"), 0.1, 3.0, "mm"), r"needle_mm=nan is outside"),
        (lambda: checks.check_whole("sessions", True, 0, 8), r"sessions=True is not a whole number"),
        (lambda: checks.check_whole("sessions", None, 0, 8), r"sessions=None is not a whole number"),
        (lambda: checks.check_choice("site", "forhead", ["forehead", "neck"], "sites with a thickness"),
         r"site='forhead' is not one of: forehead, neck \(closest: 'forehead'\) \(sites with a thickness\)"),
        (lambda: checks.check_names({"gain_scal": 2}, ["gain_scale"], "a model parameter", {"gain_scal": 2}),
         r"gain_scal=2 is not a model parameter \(closest: 'gain_scale'\); known: gain_scale"),
    ],
)
def test_checks_name_the_argument_value_and_what_is_allowed(call, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        call()


def test_checks_return_the_value_and_suggest_nothing_when_nothing_is_close() -> None:
    assert checks.check_whole("sessions", 3.0, 0, 8) == 3 and isinstance(checks.check_whole("s", 3.0, 0, 8), int)
    assert checks.check_choice("sex", "male", ("female", "male")) == "male"
    assert checks.suggest("zzz", ["forehead", "neck"]) == ""
    with pytest.raises(ValueError) as info:
        checks.check_choice("variant", "qqq", ("default", "textbook"))
    assert "closest" not in str(info.value)
