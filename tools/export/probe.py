"""Kernel side of the export: describe a displayed widget's current state as plain JSON.

``tools/export_site.py`` runs each notebook with widgets up to its last widget cell and then calls
:func:`snapshot` *inside the notebook's kernel* (``from tools.export.probe import snapshot``). Only ipywidgets'
public API is used: a displayed output names its widget by model id, and ``ipywidgets.widget_serialization``
(the hook container widgets use for their children) turns the ``"IPY_MODEL_<id>"`` reference back into the widget.
"""

from __future__ import annotations

import json


def describe_widget(widget) -> dict | None:
    """A JSON-ready description of a widget tree's current state, or None for a hidden widget."""
    import ipywidgets as w

    try:
        from plotly.basewidget import BaseFigureWidget
    except ImportError:  # pragma: no cover - plotly is a dependency
        BaseFigureWidget = ()

    if isinstance(widget, BaseFigureWidget):
        import plotly.graph_objects as go

        return {"kind": "figure", "json": go.Figure(widget).to_json(), "classes": []}
    layout = getattr(widget, "layout", None)
    if isinstance(layout, w.Layout) and (layout.display == "none" or layout.visibility == "hidden"):
        return None
    classes = list(getattr(widget, "_dom_classes", ()))
    if isinstance(widget, w.Box):
        titles = list(getattr(widget, "titles", ()) or ())
        children = []
        for k, child in enumerate(widget.children):
            described = describe_widget(child)
            if described is not None:
                described["title"] = titles[k] if k < len(titles) else ""
                children.append(described)
        return {"kind": "box", "children": children, "classes": classes}
    if isinstance(widget, w.Output):
        return {"kind": "output", "outputs": [dict(o) for o in widget.outputs], "classes": classes}
    if isinstance(widget, w.HTML | w.HTMLMath):
        return {"kind": "html", "value": widget.value, "label": widget.description, "classes": classes}
    if isinstance(widget, w.Label):
        return {"kind": "text", "value": widget.value, "classes": classes}
    if isinstance(widget, w.Button):
        return {"kind": "button", "label": widget.description or widget.tooltip or "", "classes": classes}
    if isinstance(widget, w.DOMWidget) and hasattr(widget, "value"):
        value = getattr(widget, "label", None) if hasattr(widget, "options") else widget.value
        if isinstance(value, bool):
            value = "yes" if value else "no"
        elif isinstance(value, list | tuple):
            value = ", ".join(str(v) for v in value) or "none"
        label = widget.description or getattr(widget, "tooltip", None) or ""
        return {"kind": "control", "label": label, "value": str(value), "classes": classes}
    return None


def snapshot(model_ids: list[str]) -> None:
    """Print, as one JSON line, the description of each displayed widget (called through the kernel).

    A displayed output names its widget by model id only. ``ipywidgets.widget_serialization`` is the public
    hook that turns the ``"IPY_MODEL_<id>"`` references of the widget protocol back into live widgets (it is
    what container widgets use for their children), so no private registry is needed; an id it does not know
    comes back unchanged, as a string.
    """
    from ipywidgets import Widget, widget_serialization

    found = [widget_serialization["from_json"](f"IPY_MODEL_{m}", None) for m in model_ids]
    print(json.dumps([describe_widget(w) if isinstance(w, Widget) else None for w in found]))
