"""Figures of notebook 04: verdict labels (icon and word) are never clipped and never share space with the title."""

from __future__ import annotations

from microlib.apps.claims import build_claims_app
from microlib.claims import verdict_counts
from microlib.plots.claims import verdict_bar, verdicts_by_topic
from microlib.schemas.claims import VERDICTS


def test_verdict_bar_keeps_icons_and_room_for_labels() -> None:
    fig = verdict_bar(verdict_counts())
    assert list(fig.data[0].y)[:2] == ["✔ supported", "◐ partly supported"]
    y = fig.layout.yaxis
    assert y.automargin is True  # the left margin grows to fit the longest label
    assert y.title.text == "verdict" and y.title.standoff >= 10  # the axis title stays clear of the labels
    assert fig.layout.margin.l <= 40  # no fixed margin that could cut a label
    assert fig.data[0].cliponaxis is False and fig.layout.xaxis.range[1] > max(fig.data[0].x)  # counts visible
    assert fig.layout.xaxis.title.text == "number of claims" and fig.layout.title.text


def test_verdicts_by_topic_keeps_room_for_labels_and_names_every_verdict() -> None:
    fig = verdicts_by_topic(verdict_counts(by_topic=True))
    assert fig.layout.yaxis.automargin is True and fig.layout.yaxis.title.standoff >= 10
    assert [t.name.split(" ", 1)[1] for t in fig.data] == list(VERDICTS)
    assert fig.layout.yaxis.title.text == "topic" and fig.layout.xaxis.title.text == "number of claims"


def test_the_browser_figure_comes_from_the_figure_builder() -> None:
    app = build_claims_app(topic="aftercare")
    assert app.figure.layout.yaxis.automargin is True
    assert "aftercare" in app.figure.layout.title.text
    assert app.table.value.startswith('<table class="microlib-table">')
