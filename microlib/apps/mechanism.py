"""Two thin widget apps for the collagen-induction lesson: the skin-depth explorer and the healing explorer.

Each control change calls the pure functions in :mod:`microlib.skin` / :mod:`microlib.healing`, rebuilds the
figure with :mod:`microlib.plots.mechanism` and copies the new data into the same ``FigureWidget`` inside
``batch_update()`` (no flicker, no stacked figures). Display ``app.widget``.

Example
-------
>>> from microlib.apps.mechanism import build_depth_app
>>> app = build_depth_app()
>>> app.needle.value = 2.0
>>> "2.00 mm" in app.figure.layout.title.text
True
"""

from __future__ import annotations

import html
from dataclasses import dataclass

import ipywidgets as widgets
import pandas as pd

from .. import healing, skin
from ..plots import mechanism as plots
from ..tables import student_table
from .figure import FigureWidget

_STYLE = {"description_width": "160px"}
# A fixed minimum width keeps each slider's value readout visible; the row wraps on narrow screens instead.
_LAYOUT = widgets.Layout(width="500px", min_width="500px")
_ROW = widgets.Layout(flex_flow="row wrap", align_items="flex-start")


@dataclass
class DepthApp:
    """Needle length, site, sex and penetration → to-scale cross-section (``figure``) and a summary line."""

    needle: widgets.FloatSlider
    site: widgets.Dropdown
    sex: widgets.ToggleButtons
    penetration: widgets.FloatSlider
    figure: FigureWidget
    summary: widgets.HTML
    safety: widgets.HTML
    widget: widgets.VBox

    def redraw(self, *_: object) -> None:
        reach = skin.needle_reach(self.needle.value, self.site.value, self.sex.value, self.penetration.value)
        bounds = skin.layer_boundaries(self.site.value, self.sex.value)
        series = plots.cross_section_series(bounds, reach)
        with self.figure.batch_update():
            for trace, (x, y) in zip(self.figure.data, series, strict=True):
                trace.x = x
                trace.y = y
            below = self.figure.data[3]  # the layer under the dermis: fat, or muscle at the eyelid
            below.name = bounds["layer"].iloc[3]
            below.fillcolor = plots.layer_fill(below.name)
            self.figure.data[4].text = list(bounds["layer"])
            self.figure.data[-1].name = plots.depth_label(reach)
            self.figure.layout.title.text = plots.section_title(reach)
        self.summary.value = (
            f"<b>Depth reached:</b> {reach.depth_mm:.2f} mm ({reach.deepest_layer}); "
            f"<b>share of this site's dermis needled:</b> {100 * reach.dermis_fraction:.0f}%"
        )
        self.safety.value = safety_note(self.site.value)


def safety_note(site: str) -> str:
    """The visible note the depth explorer shows under its summary (a warning at the eyelid, else empty)."""
    if skin.beneath(site) != skin.MUSCLE:
        return ""
    return ('<div role="note" style="border-left:4px solid #D55E00;padding:4px 8px;margin:4px 0">'
            "<b>Safety note (eyelid):</b> eyelid skin has almost no fat under it; the muscle that closes the eye "
            "lies directly below the dermis. This explorer draws geometry on paper: it is not a guide to treating "
            "near the eye.</div>")


def build_depth_app(needle_mm: float = 1.5, site: str = "forehead", sex: str = "female",
                    penetration: float = 0.5) -> DepthApp:
    """Build the skin-depth explorer (controls labelled with units)."""
    low, high = skin.NEEDLE_RANGE_MM
    _, pen_low, pen_high = skin.depth_parameters()["penetration"]
    needle = widgets.FloatSlider(value=needle_mm, min=0.25, max=high, step=0.25, description="needle length (mm)",
                                 style=_STYLE, layout=_LAYOUT, readout_format=".2f", continuous_update=False)
    site_w = widgets.Dropdown(options=skin.sites(), value=site, description="body site", style=_STYLE,
                              layout=_LAYOUT)
    sex_w = widgets.ToggleButtons(options=list(skin.SEXES), value=sex, description="sex (dermis data)",
                                  style=_STYLE)
    pen = widgets.FloatSlider(value=penetration, min=pen_low, max=pen_high, step=0.05,
                              description="penetration (share of length)", style=_STYLE, layout=_LAYOUT,
                              readout_format=".2f", continuous_update=False)
    reach = skin.needle_reach(needle_mm, site, sex, penetration)
    figure = FigureWidget(plots.cross_section(skin.layer_boundaries(site, sex), reach))
    summary = widgets.HTML()
    safety = widgets.HTML()
    controls = widgets.HBox([widgets.VBox([needle, pen]), widgets.VBox([site_w, sex_w])], layout=_ROW)
    box = widgets.VBox([controls, summary, safety, figure])
    app = DepthApp(needle, site_w, sex_w, pen, figure, summary, safety, box)
    for control in (needle, site_w, sex_w, pen):
        control.observe(app.redraw, names="value")
    app.redraw()
    del low
    return app


@dataclass
class HealingApp:
    """Sessions, interval, needle length, site and variant → model curves with an uncertainty band."""

    sessions: widgets.IntSlider
    interval: widgets.IntSlider
    needle: widgets.FloatSlider
    site: widgets.Dropdown
    variant: widgets.ToggleButtons
    figure: FigureWidget
    summary: widgets.HTML
    widget: widgets.VBox
    days: int = 365

    def _compute(self) -> tuple[object, object, str]:
        args = (self.sessions.value, self.interval.value, self.needle.value, self.site.value, self.days)
        df = healing.simulate(*args, variant=self.variant.value)
        band = healing.uncertainty_band(*args, variant=self.variant.value)
        end = df.iloc[-1]
        peak_day = int(df["new_collagen_pct"].idxmax())
        self.summary.value = (
            f"<b>Day {self.days}:</b> new collagen {end['new_collagen_pct']:+.0f}% in the needled layer "
            f"(band {band['low'].iloc[-1]:+.0f}% to {band['high'].iloc[-1]:+.0f}%), "
            f"{end['new_collagen_dermis_pct']:+.0f}% spread over the whole dermis; peak on day {peak_day}. "
            f"Needle reaches the {df.attrs['deepest_layer']}."
        )
        title = (f"{self.sessions.value} session(s) every {self.interval.value} days, {self.needle.value:.2f} mm, "
                 f"{self.site.value}, {self.variant.value} variant")
        return df, band, title

    def redraw(self, *_: object) -> None:
        df, band, title = self._compute()
        series = plots.healing_series(df, band)
        with self.figure.batch_update():
            for trace, (x, y) in zip(self.figure.data, series, strict=True):
                trace.x = x
                trace.y = y
            self.figure.layout.title.text = title


def build_healing_app(sessions: int = 3, interval_days: int = 28, needle_mm: float = 1.5,
                      site: str = "forehead", variant: str = "default", days: int = 365) -> HealingApp:
    """Build the healing explorer (controls labelled with units)."""
    sessions_w = widgets.IntSlider(value=sessions, min=1, max=healing.MAX_SESSIONS, description="sessions (count)",
                                   style=_STYLE, layout=_LAYOUT, continuous_update=False)
    interval_w = widgets.IntSlider(value=interval_days, min=7, max=60, step=1, description="interval (days)",
                                   style=_STYLE, layout=_LAYOUT, continuous_update=False)
    needle_w = widgets.FloatSlider(value=needle_mm, min=0.25, max=skin.NEEDLE_RANGE_MM[1], step=0.25,
                                   description="needle length (mm)", style=_STYLE, layout=_LAYOUT,
                                   readout_format=".2f", continuous_update=False)
    site_w = widgets.Dropdown(options=skin.sites(), value=site, description="body site", style=_STYLE,
                              layout=_LAYOUT)
    variant_w = widgets.ToggleButtons(options=list(healing.VARIANTS), value=variant,
                                      description="collagen III model", style=_STYLE)
    summary = widgets.HTML()
    figure = FigureWidget()
    box = widgets.VBox([widgets.HBox([widgets.VBox([sessions_w, interval_w, needle_w]),
                                      widgets.VBox([site_w, variant_w])], layout=_ROW), summary, figure])
    app = HealingApp(sessions_w, interval_w, needle_w, site_w, variant_w, figure, summary, box, days)
    rows = healing.parameter_table().set_index("key")
    ranges = [(float(rows.loc[k, "min"]), float(rows.loc[k, "max"])) for k in ("gain_scale", "penetration")]
    first = plots.healing_curves(*app._compute(), band_name=plots.band_label(*ranges))
    figure.add_traces(first.data)
    figure.layout = first.layout
    for control in (sessions_w, interval_w, needle_w, site_w, variant_w):
        control.observe(app.redraw, names="value")
    return app


# ------------------------------------------------------------------------------------- checks behind a reveal
@dataclass(frozen=True)
class Reveal:
    """A computed check that stays folded until the student opens it (predict first, then look).

    Shown in a notebook through ``_repr_html_`` as a ``<details>`` block; the plain-text form never gives the
    answer away, so no stored output reveals it before the student chooses to look.
    """

    summary: str
    body_html: str

    def _repr_html_(self) -> str:
        return f"<details><summary>{html.escape(self.summary)}</summary>{self.body_html}</details>"

    def __repr__(self) -> str:
        return f"[{self.summary}: open it in the notebook after you have written your prediction]"


def depth_check(needle_mm: float, site: str, sex: str = "female",
                penetrations: tuple[float, ...] = (0.2, 0.5, 1.0)) -> Reveal:
    """Folded table: depth reached and layer for one needle at one site, for several penetration fractions."""
    table = skin.reach_by_penetration(needle_mm, site, sex, penetrations)
    rendered = student_table(
        table, columns=["penetration", "depth_mm", "deepest_layer"],
        labels={"penetration": "Share of the needle that goes in", "depth_mm": "Depth reached (mm)",
                "deepest_layer": "Layer where the needle ends"},
        decimals={"depth_mm": 2, "penetration": 1},
        caption=f"A {needle_mm:g} mm needle at the {site} ({'woman' if sex == 'female' else 'man'}; dermis "
                f"{skin.dermis_mm(site, sex):.2f} mm).",
    )
    return Reveal("Show the computed check", rendered.html)


def schedule_check(sessions: int, intervals: tuple[int, ...], needle_mm: float, site: str, day: int) -> Reveal:
    """Folded table: the model's new collagen (needled layer) on ``day`` for the same sessions at each interval."""
    rows = [{"interval": f"every {k} days",
             "collagen": float(healing.simulate(sessions, k, needle_mm, site, day).loc[day, "new_collagen_pct"])}
            for k in intervals]
    rendered = student_table(
        pd.DataFrame(rows), labels={"interval": "Schedule", "collagen": f"New collagen on day {day} (%)"},
        decimals={"collagen": 1},
        caption=f"Model: {sessions} sessions with a {needle_mm:g} mm needle at the {site}, needled layer.",
    )
    return Reveal("Show the computed check", rendered.html)
