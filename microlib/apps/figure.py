"""The figure widget every app uses: plotly's ``FigureWidget`` with its front-end code evaluated once per page.

Why this exists
---------------
plotly's ``FigureWidget`` is an anywidget whose front-end module (``_esm``) is the whole of plotly.js, about
5 MB. anywidget turns an inline module into a new ``blob:`` URL for every widget model, so the browser parses
and runs those 5 MB once *per figure*, one after another on the page's main thread. anywidget also gives
each model a fixed 2-second budget to become ready; a model that misses it fails for good
(``[anywidget] Failed to initialize model.`` in the console, and an explorer that never draws). A lesson
with three explorers on a slow laptop, or a notebook re-opened while its kernel still holds the widgets of an
earlier run (the browser then restores all of them at once), runs past that budget.

:class:`FigureWidget` sends the same plotly.js as data beside a small module; the module evaluates it only the
first time a page needs it and shares the result with every later figure on that page. Each further figure
then costs only the transfer, not a second parse of plotly.js, and the first costs one parse, not two.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import plotly.graph_objects as go
import traitlets

__all__ = ["FigureWidget", "plotly_bundle"]

# A small front-end module. Its default export gives anywidget an object whose ``initialize`` evaluates
# plotly's widget code (carried in the ``_plotly_bundle`` trait) the first time a page needs it, shares that
# evaluation with every later figure on the page, and then hands over to plotly's own widget.
_LOADER_ESM = """
const KEY = "__microlibPlotlyWidgetModule";
function sharedPlotlyWidget(model) {
  if (!globalThis[KEY]) {
    const code = model.get("_plotly_bundle");
    const url = URL.createObjectURL(new Blob([code], { type: "text/javascript" }));
    globalThis[KEY] = import(url).finally(() => URL.revokeObjectURL(url));
  }
  return globalThis[KEY];
}
export default () => {
  let plotlyWidget;
  return {
    async initialize(context) {
      const module = await sharedPlotlyWidget(context.model);
      plotlyWidget = module.default();
      return plotlyWidget.initialize(context);
    },
    render(context) {
      return plotlyWidget.render(context);
    },
  };
};
"""


@cache
def plotly_bundle() -> str:
    """plotly's own widget code (about 5 MB), read once per kernel."""
    base = go.FigureWidget._esm
    return Path(base).read_text(encoding="utf-8") if isinstance(base, Path) else str(base)


class FigureWidget(go.FigureWidget):
    """plotly ``FigureWidget`` whose plotly.js is evaluated once per page (see the module docstring)."""

    _esm = _LOADER_ESM
    _plotly_bundle = traitlets.Unicode().tag(sync=True)

    def __init__(self, data=None, layout=None, frames=None, skip_invalid=False, **kwargs):
        if data is None and layout is None:
            # An empty figure (filled in later) would otherwise load and check plotly's whole default template,
            # about 0.25 s in a fresh kernel, only for the app's own template to replace it.
            layout = {"template": {}}
        super().__init__(data, layout, frames, skip_invalid, **kwargs)

    @traitlets.default("_plotly_bundle")
    def _default_plotly_bundle(self) -> str:
        # A default, not an assignment after __init__: the code must be in the state the widget opens with,
        # because anywidget holds back later messages until the front end has initialised.
        return plotly_bundle()
