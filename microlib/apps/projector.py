"""A projector switch for trainers: one toggle that enlarges figure fonts and widget text.

Usage at the top of any lesson, before *Run All*::

    from microlib.apps.projector import build_projector_switch
    build_projector_switch().widget

Widget text changes at once. Figures take the projector look when they are built, so run the lesson's cells
again after switching (*Run → Run All Cells*).
"""

from __future__ import annotations

from dataclasses import dataclass

import ipywidgets as widgets

from .. import style


@dataclass
class ProjectorSwitch:
    """The toggle, the style holder it fills, and the root box to display."""

    toggle: widgets.ToggleButton
    css: widgets.HTML
    widget: widgets.HBox


def build_projector_switch(on: bool | None = None) -> ProjectorSwitch:
    """Build the switch; ``on`` sets its starting state (default: the current look)."""
    start = style.projector_on() if on is None else on
    style.set_projector(start)
    toggle = widgets.ToggleButton(value=start, description="Projector mode (large text)", icon="desktop",
                                  layout=widgets.Layout(width="auto"),
                                  tooltip="Larger fonts in figures and widgets, for a projector")
    css = widgets.HTML(style.widget_css())
    note = widgets.HTML("<small>Figures change when their cells run again.</small>")

    def switch(change: dict) -> None:
        style.set_projector(change["new"])
        css.value = style.widget_css()

    toggle.observe(switch, names="value")
    return ProjectorSwitch(toggle=toggle, css=css, widget=widgets.HBox([toggle, note, css]))
