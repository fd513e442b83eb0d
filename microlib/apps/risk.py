"""The side-effect risk checklist as a widget app (notebook 03, and the Voilà app built from it).

Every question has yes / no / unknown buttons, grouped by category. Each change re-runs
:func:`microlib.risk.assess` and updates the result panel (outcome in words with an icon, reasons with their
sources, open questions), the side-effect timeline (a FigureWidget updated in place) and the aftercare plan.
A case vignette can be loaded, and everything reset to unknown. The filled checklist is saved as Markdown or
HTML only when the user types a file name and presses the save button; nothing is stored anywhere else.

Example
-------
>>> from microlib.apps.risk import build_checklist_app
>>> app = build_checklist_app()
>>> app.toggles["bleeding_disorder"].value = "yes"
>>> app.assessment.outcome.key
'do_not_treat'
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import ipywidgets as widgets
import plotly.graph_objects as go

from .. import risk
from ..html import esc as _E
from ..plots.risk import side_effect_timeline
from .figure import FigureWidget

NO_VIGNETTE = "— choose a fictional case —"
PLAIN_TEXT = ("Side-effect checklist (interactive): run the notebook to answer the questions and see the outcome, "
              "the reasons with their sources, the side-effect timeline and the aftercare plan.")


@dataclass
class ChecklistApp:
    """The controls, outputs and root widget of the checklist app (see the module docstring)."""

    toggles: dict[str, widgets.ToggleButtons]
    vignette: widgets.Dropdown
    load_button: widgets.Button
    reset_button: widgets.Button
    outcome: widgets.HTML
    reasons: widgets.HTML
    vignette_story: widgets.HTML
    timeline: FigureWidget
    timeline_caption: widgets.HTML
    aftercare: widgets.HTML
    export_path: widgets.Text
    export_button: widgets.Button
    export_status: widgets.HTML
    widget: widgets.VBox
    assessment: risk.Assessment = field(init=False)
    _muted: bool = field(default=False, init=False)

    def _repr_mimebundle_(self, include: object = None, exclude: object = None) -> dict[str, object]:
        """The live app, with a sentence in words (not a dump of widget names) as the plain-text fallback."""
        bundle = self.widget._repr_mimebundle_(include=include, exclude=exclude) or {}
        data = dict(bundle[0] if isinstance(bundle, tuple) else bundle)
        data["text/plain"] = PLAIN_TEXT
        return data

    def answers(self) -> dict[str, str]:
        """The current answers, checklist id → yes / no / unknown."""
        return {key: toggle.value for key, toggle in self.toggles.items()}

    def set_answers(self, answers: dict[str, str]) -> None:
        """Set many answers at once (ids left out become unknown) and refresh once."""
        risk.assess(answers)  # validates ids and answers before anything changes
        self._muted = True
        try:
            for key, toggle in self.toggles.items():
                toggle.value = answers.get(key, "unknown")
        finally:
            self._muted = False
        self.refresh()

    def load_vignette(self, key: str | None = None) -> None:
        """Load a fictional case (the dropdown's choice when ``key`` is None)."""
        key = key if key is not None else self.vignette.value
        if not key:
            self.vignette_story.value = "<p>Choose a case in the list first.</p>"
            return
        if self.vignette.value != key:
            self.vignette.value = key
        case = risk.vignette(key)
        self.set_answers(risk.vignette_answers(key))
        self.vignette_story.value = (f"<p class='mn-vignette-story'><strong>{_E(case.title)}.</strong> "
                                     f"{_E(case.story)}</p>")

    def reset(self) -> None:
        """Every answer back to unknown; the case choice and story are cleared."""
        self.vignette.value = ""
        self.vignette_story.value = ""
        self.set_answers({})

    def export(self, path: str | Path | None = None, overwrite: bool = False) -> Path | None:
        """Save the summary to ``path`` (or the path typed in the box). Returns the path, or None if not saved."""
        text = str(path) if path is not None else self.export_path.value.strip()
        if not text:
            self.export_status.value = "<p>Type a file name ending in .md or .html first. Nothing was saved.</p>"
            return None
        try:
            written = risk.write_summary(self.assessment, text, overwrite=overwrite)
        except (ValueError, FileExistsError, FileNotFoundError, OSError) as exc:
            self.export_status.value = f"<p>Not saved: {_E(str(exc))}</p>"
            return None
        self.export_status.value = f"<p>Saved to {_E(str(written))}.</p>"
        return written

    def refresh(self) -> None:
        """Re-assess the current answers and update the result panel, timeline and aftercare."""
        if self._muted:
            return
        self.assessment = result = risk.assess(self.answers())
        # The same fragments as the saved HTML report: one renderer for both.
        self.outcome.value = risk.outcome_html(result)
        self.reasons.value = risk.reasons_html(result, max_open=8)
        _update_timeline(self.timeline, result)
        self.timeline_caption.value = _timeline_caption(result)


def _timeline_caption(result: risk.Assessment) -> str:
    added = [e.name for e in result.side_effects if e.kind == "complication"]
    if added:
        more = "Complications made more likely by the yes answers: " + ", ".join(added) + "."
    else:
        more = "No yes answer adds a complication to the expected effects."
    return f"<p>{_E(more)} Rows without a bar are effects whose timing the sources do not report.</p>"


def _update_timeline(fig: FigureWidget, result: risk.Assessment) -> None:
    fresh = side_effect_timeline(risk.timeline_rows(result))
    with fig.batch_update():
        for target, source in zip(fig.data, fresh.data, strict=True):
            target.update(x=source.x, y=source.y, text=source.text)
            if isinstance(source, go.Bar):
                target.base = source.base
        fig.layout.height = fresh.layout.height
        fig.layout.yaxis.categoryarray = fresh.layout.yaxis.categoryarray


def build_checklist_app(initial: dict[str, str] | None = None, *, disclaimer: bool = True) -> ChecklistApp:
    """Build the checklist app; ``initial`` answers default to unknown for every question.

    ``disclaimer=False`` leaves out the app's own disclaimer line, for a lesson that already states it once at
    the top (the saved summary always carries it).
    """
    toggles: dict[str, widgets.ToggleButtons] = {}
    groups = []
    for category in risk.CATEGORIES:
        rows = [widgets.HTML(f"<h4>{_E(risk.CATEGORY_TITLES[category])}</h4>")]
        for item in risk.checklist_items(category):
            toggle = widgets.ToggleButtons(
                options=list(risk.ANSWERS),
                value="unknown",
                description=item.label,
                tooltips=[item.question, item.question, item.question],
                style={"description_width": "16em", "button_width": "6.5em"},
                layout=widgets.Layout(width="auto"),
            )
            toggle.add_class("mn-item")
            toggle.add_class(f"mn-item-{item.key}")
            toggles[item.key] = toggle
            rows.append(widgets.VBox([toggle, widgets.HTML(f"<small>{_E(item.question)}</small>")]))
        groups.append(widgets.VBox(rows))
    vignette = widgets.Dropdown(
        options=[(NO_VIGNETTE, "")] + [(risk.vignette(k).title, k) for k in risk.vignette_keys()],
        value="",
        description="Case vignette (fictional)",
        style={"description_width": "initial"},
        layout=widgets.Layout(width="28em"),
    )
    vignette.add_class("mn-vignette")
    load_button = widgets.Button(description="Load case", tooltip="Fill the checklist with the chosen case")
    load_button.add_class("mn-load")
    reset_button = widgets.Button(description="Reset to unknown", tooltip="Set every answer back to unknown",
                                  layout=widgets.Layout(width="auto"))
    reset_button.add_class("mn-reset")
    outcome = widgets.HTML()
    outcome.add_class("mn-outcome")
    reasons = widgets.HTML()
    reasons.add_class("mn-reasons-panel")
    story = widgets.HTML()
    story.add_class("mn-story")
    timeline = FigureWidget(side_effect_timeline(risk.timeline_rows(risk.assess({}))))
    caption = widgets.HTML()
    aftercare = widgets.HTML(risk.aftercare_html())
    aftercare.add_class("mn-aftercare")
    export_path = widgets.Text(value="", placeholder="for example my_case.md or my_case.html",
                               description="Save summary to (file name)", style={"description_width": "initial"},
                               layout=widgets.Layout(width="32em"))
    export_button = widgets.Button(description="Save summary", tooltip="Write the summary to the file named here",
                                   layout=widgets.Layout(width="auto"))
    export_button.add_class("mn-export")
    export_status = widgets.HTML()
    export_status.add_class("mn-export-status")
    notice = widgets.HTML(f"<p><strong>{_E(risk.DISCLAIMER)}</strong></p>" if disclaimer else "")
    # Sticky, so the result stays in view while the long checklist scrolls past it.
    # Sticky only works when no box between the panel and the page's scroller clips overflow, and JupyterLab's
    # output area does; so the boxes that hold this app let their overflow show.
    sticky = widgets.HTML(
        "<style>.mn-result-panel {position: sticky; top: 0; align-self: flex-start;}"
        ".jp-OutputArea:has(.mn-checklist-app), .jp-OutputArea-output:has(.mn-checklist-app),"
        " .jp-OutputArea-child:has(.mn-checklist-app),"
        " .mn-checklist-app, .mn-checklist-app .widget-box {overflow: visible !important;}</style>"
    )
    result_panel = widgets.VBox([outcome, reasons], layout=widgets.Layout(width="45%", padding="0 0 0 12px"))
    result_panel.add_class("mn-result-panel")
    checklist_panel = widgets.VBox(groups, layout=widgets.Layout(width="55%"))
    root = widgets.VBox([
        sticky,
        notice,
        widgets.HBox([vignette, load_button, reset_button]),
        story,
        widgets.HBox([checklist_panel, result_panel]),
        timeline,
        caption,
        aftercare,
        widgets.HBox([export_path, export_button]),
        export_status,
    ])
    root.add_class("mn-checklist-app")
    app = ChecklistApp(toggles, vignette, load_button, reset_button, outcome, reasons, story, timeline, caption,
                       aftercare, export_path, export_button, export_status, root)
    for toggle in toggles.values():
        toggle.observe(lambda _change: app.refresh(), names="value")
    load_button.on_click(lambda _button: app.load_vignette())
    reset_button.on_click(lambda _button: app.reset())
    export_button.on_click(lambda _button: app.export())
    if initial:
        app.set_answers(initial)
    else:
        app.refresh()
    return app
