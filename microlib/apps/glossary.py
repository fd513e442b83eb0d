"""A one-control widget app: pick a term, read its definition and sources."""

from __future__ import annotations

from dataclasses import dataclass

import ipywidgets as widgets

from ..glossary import entry_html, glossary_entry, glossary_terms


@dataclass
class GlossaryApp:
    """The dropdown, the card it fills, and the root box to display."""

    term: widgets.Dropdown
    card: widgets.HTML
    widget: widgets.VBox

    def _repr_mimebundle_(self, include: object = None, exclude: object = None) -> dict[str, object]:
        """The live glossary, with a sentence in words as the plain-text fallback."""
        bundle = self.widget._repr_mimebundle_(include=include, exclude=exclude) or {}
        data = dict(bundle[0] if isinstance(bundle, tuple) else bundle)
        data["text/plain"] = "Glossary (interactive): run the notebook and choose a term to read its definition."
        return data


def build_glossary_app(initial: str = "microneedling") -> GlossaryApp:
    """Build the glossary explorer, showing ``initial`` first."""
    options = [(t.term, t.key) for t in glossary_terms()]
    term = widgets.Dropdown(options=options, value=initial, description="Term:",
                            layout=widgets.Layout(width="32rem"), style={"description_width": "initial"})
    card = widgets.HTML(entry_html(glossary_entry(initial)))
    card.add_class("mn-glossary")

    def show(change: dict) -> None:
        card.value = entry_html(glossary_entry(change["new"]))

    term.observe(show, names="value")
    return GlossaryApp(term=term, card=card, widget=widgets.VBox([term, card]))
