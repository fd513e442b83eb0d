"""Claims browser: pick a topic and a verdict, read the matching claims and where each topic is taught."""

from __future__ import annotations

from dataclasses import dataclass

import ipywidgets as widgets

from ..claims import claims_html, filter_claims, verdict_counts
from ..plots.claims import verdict_bar
from ..vocabulary import TOPIC_LABEL, TOPICS, VERDICT_ICON, VERDICTS
from .figure import FigureWidget

ANY = "any"


@dataclass
class ClaimsApp:
    """The two filters, the summary line, the table of claims, the verdict chart and the root box."""

    topic: widgets.Dropdown
    verdict: widgets.Dropdown
    summary: widgets.HTML
    table: widgets.HTML
    figure: FigureWidget
    widget: widgets.VBox


def _summary(n: int, topic: str, verdict: str) -> str:
    what = "all topics" if topic == ANY else f"topic “{TOPIC_LABEL[topic]}”"
    which = "any verdict" if verdict == ANY else f"verdict {VERDICT_ICON[verdict]} {verdict}"
    return f"<p><strong>{n} claim{'s' if n != 1 else ''}</strong> for {what}, {which}.</p>"


def _summary_text(n: int, topic: str, verdict: str) -> str:
    what = "all topics" if topic == ANY else TOPIC_LABEL[topic]
    which = "any verdict" if verdict == ANY else verdict
    return f"Claims for {what}, {which}: {n}."


def build_claims_app(topic: str = ANY, verdict: str = ANY) -> ClaimsApp:
    """Build the claims browser, starting at ``topic`` and ``verdict`` (``"any"`` for no filter)."""
    style = {"description_width": "initial"}
    topic_box = widgets.Dropdown(options=[("any topic", ANY), *((TOPIC_LABEL[t], t) for t in TOPICS)],
                                 value=topic, description="Topic:", style=style)
    verdict_box = widgets.Dropdown(options=[("any verdict", ANY), *((f"{VERDICT_ICON[v]} {v}", v) for v in VERDICTS)],
                                   value=verdict, description="Verdict:", style=style)
    summary = widgets.HTML()
    table = widgets.HTML()
    figure = FigureWidget(verdict_bar(verdict_counts(), title="Verdicts, any topic"))

    def refresh(_: dict | None = None) -> None:
        t = None if topic_box.value == ANY else topic_box.value
        v = None if verdict_box.value == ANY else verdict_box.value
        claims = filter_claims(topic=t, verdict=v)
        summary.value = _summary(len(claims), topic_box.value, verdict_box.value)
        table.value = claims_html(claims, caption=_summary_text(len(claims), topic_box.value, verdict_box.value))
        counts = verdict_counts(topic=t)
        with figure.batch_update():
            figure.data[0].x = counts["claims"].tolist()
            figure.data[0].text = counts["claims"].tolist()
            figure.layout.title.text = f"Verdicts, {'any topic' if t is None else TOPIC_LABEL[t]}"

    topic_box.observe(refresh, names="value")
    verdict_box.observe(refresh, names="value")
    refresh()
    root = widgets.VBox([widgets.HBox([topic_box, verdict_box]), summary, figure, table])
    root.add_class("mn-claims-app")
    return ClaimsApp(topic=topic_box, verdict=verdict_box, summary=summary, table=table, figure=figure,
                     widget=root)
