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

from dataclasses import dataclass

import ipywidgets as widgets
import plotly.graph_objects as go

from .. import healing, skin
from ..plots import mechanism as plots

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
    figure: go.FigureWidget
    summary: widgets.HTML
    widget: widgets.VBox

    def redraw(self, *_: object) -> None:
        reach = skin.needle_reach(self.needle.value, self.site.value, self.sex.value, self.penetration.value)
        bounds = skin.layer_boundaries(self.site.value, self.sex.value)
        series = plots.cross_section_series(bounds, reach)
        with self.figure.batch_update():
            for trace, (x, y) in zip(self.figure.data, series, strict=True):
                trace.x = x
                trace.y = y
            self.figure.data[-1].name = plots.depth_label(reach)
            self.figure.layout.title.text = plots.section_title(reach)
        self.summary.value = (
            f"<b>Depth reached:</b> {reach.depth_mm:.2f} mm ({reach.deepest_layer}); "
            f"<b>share of this site's dermis needled:</b> {100 * reach.dermis_fraction:.0f}%"
        )


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
    figure = go.FigureWidget(plots.cross_section(skin.layer_boundaries(site, sex), reach))
    summary = widgets.HTML()
    controls = widgets.HBox([widgets.VBox([needle, pen]), widgets.VBox([site_w, sex_w])], layout=_ROW)
    box = widgets.VBox([controls, summary, figure])
    app = DepthApp(needle, site_w, sex_w, pen, figure, summary, box)
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
    figure: go.FigureWidget
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
    figure = go.FigureWidget(go.Figure())
    box = widgets.VBox([widgets.HBox([widgets.VBox([sessions_w, interval_w, needle_w]),
                                      widgets.VBox([site_w, variant_w])], layout=_ROW), summary, figure])
    app = HealingApp(sessions_w, interval_w, needle_w, site_w, variant_w, figure, summary, box, days)
    first = plots.healing_curves(*app._compute())
    figure.add_traces(first.data)
    figure.layout = first.layout
    for control in (sessions_w, interval_w, needle_w, site_w, variant_w):
        control.observe(app.redraw, names="value")
    return app
