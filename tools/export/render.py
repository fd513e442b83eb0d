"""Static rendering for the offline export: stored plotly figures and widget snapshots as plain HTML.

Figures are drawn by one local ``plotly.min.js`` (no CDN); each widget app becomes a static copy of its starting
state, with PNGs of its FigureWidgets made by kaleido in the system Chromium.
"""

from __future__ import annotations

import html
import json
import re
import warnings
from pathlib import Path

PLOTLY_MIME = "application/vnd.plotly.v1+json"
SLIDE_FIGURE_WIDTH = 1180  # px: the width of a 1280 px slide less its margins


def figure_text(fig_dict: dict) -> str:
    """A short text alternative for a figure: its title and axis titles."""
    layout = fig_dict.get("layout", {})

    def text(value) -> str:
        if isinstance(value, dict):
            value = value.get("text", "")
        return re.sub(r"<[^>]+>", " ", str(value or "")).strip()

    title = text(layout.get("title")) or "untitled chart"
    axes = [text(layout.get(a, {}).get("title")) for a in ("xaxis", "yaxis")]
    axes_text = " against ".join(a for a in reversed(axes) if a)
    return f"Chart: {title}" + (f" ({axes_text})" if axes_text else "") + "."


def plotly_div(fig_dict: dict, div_id: str, height: int | None = None) -> str:
    """HTML that draws one stored plotly figure with the page's local plotly.js (``height`` in px for slides)."""
    import plotly.io as pio

    if height:  # slides: a fixed size, because a figure on a hidden slide has no width to take
        fig_dict = {**fig_dict, "layout": {**fig_dict.get("layout", {}), "height": height,
                                           "width": SLIDE_FIGURE_WIDTH}}
    body = pio.to_html(fig_dict, include_plotlyjs=False, full_html=False, div_id=div_id, validate=False,
                       config={"displaylogo": False, "responsive": True})
    alt = html.escape(figure_text(fig_dict))
    return (f'<div class="mn-figure" role="figure" aria-label="{alt}">'
            f'<p class="mn-visually-hidden">{alt}</p>{body}</div>')


class Snapshotter:
    """Turns widget descriptions into static HTML, writing FigureWidget PNGs through one kaleido server."""

    def __init__(self, out: Path) -> None:
        self.img_dir = out / "assets" / "img"
        self.img_dir.mkdir(parents=True, exist_ok=True)
        self.kaleido_started = False
        self.images = 0

    def png(self, fig_json: str, name: str) -> str | None:
        """Write one PNG and return its site-relative path, or None if no image could be made."""
        import plotly.io as pio

        try:
            if not self.kaleido_started:
                import kaleido

                kaleido.start_sync_server(silence_warnings=True)
                self.kaleido_started = True
            with warnings.catch_warnings():  # plotly passes kaleido options that a running server ignores
                warnings.filterwarnings("ignore", message="The kopts argument is ignored")
                pio.from_json(fig_json, skip_invalid=True).write_image(self.img_dir / name, width=900, height=500)
        except Exception as exc:  # kaleido or Chromium missing: fall back to a live plotly div
            print(f"  no PNG for {name} ({type(exc).__name__}: {exc}); drawing it with plotly.js instead")
            return None
        self.images += 1
        return f"assets/img/{name}"

    def close(self) -> None:
        if self.kaleido_started:
            import kaleido

            kaleido.stop_sync_server(silence_warnings=True)

    def render(self, node: dict | None, name: str) -> str:
        """Static HTML for one widget description (``name`` keeps image file names unique and stable)."""
        if node is None:
            return ""
        kind = node["kind"]
        classes = " ".join(html.escape(c) for c in node.get("classes", []))
        title = f'<p class="mn-static-label">{html.escape(node["title"])}</p>' if node.get("title") else ""
        if kind == "box":
            inner = "".join(self.render(c, f"{name}-{k}") for k, c in enumerate(node["children"]))
            return f'{title}<div class="mn-static-box {classes}">{inner}</div>'
        if kind == "figure":
            fig_dict = json.loads(node["json"])
            alt = html.escape(figure_text(fig_dict).replace("Chart:", "Starting state of the chart:", 1))
            src = self.png(node["json"], f"{name}.png")
            if src is None:
                return title + plotly_div(fig_dict, f"{name}-fig")
            return f'{title}<img class="{classes}" src="{src}" alt="{alt}" width="900" height="500">'
        if kind == "html":
            label = f'<span class="mn-static-label">{html.escape(node["label"])}</span>' if node["label"] else ""
            return f'{title}<div class="{classes}">{label}{node["value"]}</div>'
        if kind == "text":
            return f'{title}<p class="{classes}">{html.escape(node["value"])}</p>'
        if kind == "button":
            return f'{title}<p class="mn-static-control {classes}">[button: {html.escape(node["label"])}]</p>'
        if kind == "control":
            label = node["label"].strip()
            label = label if not label or label.endswith(":") else f"{label}:"
            return (f'{title}<p class="mn-static-control {classes}"><span class="mn-static-label">'
                    f'{html.escape(label)}</span><span>{html.escape(node["value"])}</span></p>')
        if kind == "output":
            return title + "".join(self.output_html(o, f"{name}-o{k}") for k, o in enumerate(node["outputs"]))
        return ""

    def output_html(self, output: dict, name: str) -> str:
        """Static HTML for one output stored inside an Output widget."""
        if output.get("output_type") == "stream":
            return f"<pre>{html.escape(output.get('text', ''))}</pre>"
        data = output.get("data", {})
        if PLOTLY_MIME in data:
            return plotly_div(data[PLOTLY_MIME], f"{name}-fig")
        if "text/html" in data:
            return "".join(data["text/html"]) if isinstance(data["text/html"], list) else data["text/html"]
        if "text/markdown" in data:
            from nbconvert.filters import markdown2html

            return markdown2html(data["text/markdown"])
        if "text/plain" in data:
            return f"<pre>{html.escape(str(data['text/plain']))}</pre>"
        return ""
