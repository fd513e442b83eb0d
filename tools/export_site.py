"""Export the notebooks as a static site that opens from disk with the network off.

Usage::

    python tools/export_site.py                 # `make export`: index + one page per notebook + slides
    python tools/export_site.py --no-pages      # `make slides`: index + reveal.js slides only
    python tools/export_site.py --out DIR --notebooks DIR NAME ...

What it writes into ``site/`` (git-ignored):

- ``index.html``: the lessons, each with its page and its slides.
- ``NN_name.html``: the notebook with its **stored** outputs (nothing is re-run for them).
- ``NN_name.slides.html``: reveal.js slides, driven by the cells' ``slideshow`` metadata.
- ``assets/``: one shared ``plotly.min.js`` (from the plotly package), reveal.js 4.0.2 and require.js (from
  ``vendor/node_modules``, installed by ``npm ci --prefix vendor``), and PNG snapshots of widget figures.

Why it is built this way (measured in ``shared/JUPYTER-NOTES.md`` §6):

- nbconvert has no renderer for plotly's ``application/vnd.plotly.v1+json`` output, so each stored figure is
  turned into a ``<div>`` drawn by the shared local plotly.js. Nothing is fetched from a CDN: the templates'
  require.js, MathJax and mermaid links are replaced by local files or dropped.
- Widgets need a live kernel, and committed notebooks carry no widget state. Each widget output is replaced by a
  static copy of the app's *starting* state: labels and values of its controls, its text, and a PNG of each
  FigureWidget (kaleido driving the system Chromium), plus a sentence saying how to use the live version. To get
  that state, notebooks with widgets are executed once, only up to their last widget cell.
"""

from __future__ import annotations

import argparse
import copy
import html
import json
import re
import shutil
import sys
import time
import warnings
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = ROOT / "notebooks"
SITE = ROOT / "site"
VENDOR = ROOT / "vendor" / "node_modules"

WIDGET_MIME = "application/vnd.jupyter.widget-view+json"
PLOTLY_MIME = "application/vnd.plotly.v1+json"

LIVE_HINT = (
    "This is a static copy of an interactive app, shown in its starting state. To change its controls, open the "
    "notebook in JupyterLab (<code>make lab</code>) or, for notebook 03, the app (<code>make app</code>)."
)

# Darker code colours and prompts than JupyterLab's light theme: axe-core measures several of the stock ones
# below the 4.5:1 contrast that WCAG AA asks for (prompts #b0b0b0, numbers #080 on the grey code background).
PAGE_CSS = """
html:root { --jp-mirror-editor-number-color: #006400; --jp-mirror-editor-atom-color: #3a3ad0;
  --jp-mirror-editor-comment-color: #2f6363; --jp-mirror-editor-bracket-color: #5c5c3d;
  --jp-mirror-editor-variable-3-color: #00663f; --jp-mirror-editor-quote-color: #006400;
  --jp-mirror-editor-hr-color: #595959; --jp-mirror-editor-operator-color: #8a1bd6;
  --jp-mirror-editor-meta-color: #8a1bd6; --jp-mirror-editor-keyword-color: #006b00;
  --jp-mirror-editor-builtin-color: #006b00; }
.jp-InputPrompt, .jp-OutputPrompt { color: #595959 !important; opacity: 1 !important; }
.jp-Notebook a[href], .reveal a[href] { text-decoration: underline !important; }
.mn-static-app { border: 2px dashed #595959; border-radius: 6px; padding: 0.8em 1em; margin: 0.4em 0; }
.mn-static-note { font-style: italic; margin: 0 0 0.6em 0; }
.mn-static-control { margin: 0.2em 0; }
.mn-static-label { font-weight: bold; margin-right: 0.4em; }
.mn-static-app img { max-width: 100%; height: auto; }
.mn-visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0);
  white-space: nowrap; }
"""

# The page template: nbconvert's lab template with every remote script replaced by a local one or dropped.
PAGE_TEMPLATE = """{%- extends 'lab/index.html.j2' -%}
{%- block html_head_js -%}<script src="assets/plotly.min.js"></script>{%- endblock html_head_js -%}
{%- block jupyter_widgets -%}{%- endblock jupyter_widgets -%}
{%- block html_head_js_mathjax -%}{%- endblock html_head_js_mathjax -%}
{%- block html_head_js_mermaidjs -%}{%- endblock html_head_js_mermaidjs -%}
{%- block extra_css -%}<style>""" + PAGE_CSS + """</style>{%- endblock extra_css -%}
"""

# The slides template: reveal.js and require.js from assets/, no jQuery and no MathJax (the stock footer calls
# both and would throw on every slide change without them).
SLIDES_TEMPLATE = """{%- extends 'reveal/index.html.j2' -%}
{%- block html_head_js -%}
<script src="assets/plotly.min.js"></script>
<script src="assets/require.js"></script>
{%- endblock html_head_js -%}
{%- block jupyter_widgets -%}{%- endblock jupyter_widgets -%}
{%- block html_head_js_mathjax -%}{%- endblock html_head_js_mathjax -%}
{%- block html_head_css -%}<style>""" + PAGE_CSS + """</style>{%- endblock html_head_css -%}
{%- block footer_js -%}
<script>
require(["{{ resources.reveal.url_prefix }}/dist/reveal.js", "{{ resources.reveal.url_prefix }}/plugin/notes/notes.js"],
  function (Reveal, RevealNotes) {
    Reveal.initialize({controls: true, progress: true, history: true, slideNumber: "c/t",
                       transition: "none", plugins: [RevealNotes], width: "100%", height: "100%"});
    // Plotly figures drawn on a hidden slide get a zero size: resize them when their slide appears.
    Reveal.on("slidechanged", function (event) {
      event.currentSlide.querySelectorAll(".js-plotly-plot").forEach(function (el) { Plotly.Plots.resize(el); });
    });
    window.mnRevealReady = true;
  });
</script>
{%- endblock footer_js -%}
"""

INDEX_TEMPLATE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<title>Microneedling, taught from the evidence: offline copy</title>
<style>
body {{ font-family: Arial, Helvetica, sans-serif; max-width: 52rem; margin: 2rem auto; padding: 0 1rem;
  color: #222; line-height: 1.5; }}
a {{ color: #005a8c; }}
li {{ margin: 0.5rem 0; }}
</style>
</head>
<body>
<main>
<h1>Microneedling, taught from the evidence</h1>
<p>An offline copy of the lessons. Every page opens from disk without a network connection. Charts are
interactive (hover for values); widget apps appear as a static copy of their starting state. For the live
apps, run the notebooks in JupyterLab. This is education, not medical advice.</p>
<h2>Lessons</h2>
<ul>
{items}
</ul>
</main>
</body>
</html>
"""


# ---------------------------------------------------------------------------------------------------------
# Kernel side: describe a displayed widget's current state as plain JSON (runs inside the notebook's kernel)
# ---------------------------------------------------------------------------------------------------------

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
    """Print, as one JSON line, the description of each displayed widget (called through the kernel)."""
    from ipywidgets.widgets.widget import _instances

    print(json.dumps([describe_widget(_instances[m]) if m in _instances else None for m in model_ids]))


# ---------------------------------------------------------------------------------------------------------
# Export side
# ---------------------------------------------------------------------------------------------------------

def notebook_title(nb) -> str:
    """The notebook's H1 text (its first ``# `` heading), or its file name."""
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            match = re.search(r"^# (.+)$", cell.source, flags=re.MULTILINE)
            if match:
                return match.group(1).strip()
    return nb.metadata.get("title", "notebook")


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


def plotly_div(fig_dict: dict, div_id: str) -> str:
    """HTML that draws one stored plotly figure with the page's local plotly.js."""
    import plotly.io as pio

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


def has_widget(cell) -> bool:
    return cell.cell_type == "code" and any(WIDGET_MIME in o.get("data", {}) for o in cell.outputs)


def widget_states(nb, path: Path) -> dict[int, list[dict | None]]:
    """Run the notebook up to its last widget cell; return each widget cell's widget descriptions."""
    import nbformat
    from nbclient import NotebookClient

    widget_cells = [i for i, cell in enumerate(nb.cells) if has_widget(cell)]
    if not widget_cells:
        return {}
    run = copy.deepcopy(nb)
    client = NotebookClient(run, timeout=300, kernel_name="python3",
                            resources={"metadata": {"path": str(path.parent)}})
    states: dict[int, list[dict | None]] = {}
    with client.setup_kernel():
        setup = nbformat.v4.new_code_cell(
            f"import sys as _mn_sys\n_mn_sys.path.insert(0, {str(ROOT)!r})\n"
            "from tools.export_site import snapshot as _mn_snapshot")
        client.execute_cell(setup, 0)
        for i, cell in enumerate(run.cells[: widget_cells[-1] + 1]):
            if cell.cell_type != "code":
                continue
            client.execute_cell(cell, i)
            if i not in widget_cells:
                continue
            ids = [o["data"][WIDGET_MIME]["model_id"] for o in cell.outputs if WIDGET_MIME in o.get("data", {})]
            probe = nbformat.v4.new_code_cell(f"_mn_snapshot({ids!r})")
            client.execute_cell(probe, i)
            text = "".join(o.get("text", "") for o in probe.outputs if o.get("name") == "stdout")
            states[i] = json.loads(text.strip().splitlines()[-1])
    return states


def prepare(nb, path: Path, snap: Snapshotter) -> tuple:
    """A copy of ``nb`` whose plotly and widget outputs are plain HTML that works offline."""
    import nbformat

    nb = copy.deepcopy(nb)
    nb.metadata.pop("widgets", None)
    nb.metadata["title"] = notebook_title(nb)
    states = widget_states(nb, path)
    figures = 0
    for i, cell in enumerate(nb.cells):
        if cell.cell_type != "code":
            continue
        outputs = []
        for k, output in enumerate(cell.outputs):
            data = output.get("data", {})
            if PLOTLY_MIME in data:
                figures += 1
                output = copy.deepcopy(output)
                output["data"] = {"text/html": plotly_div(data[PLOTLY_MIME], f"{path.stem}-c{i}-o{k}")}
            elif WIDGET_MIME in data:
                state = states.get(i, [])
                position = [j for j, o in enumerate(cell.outputs) if WIDGET_MIME in o.get("data", {})].index(k)
                node = state[position] if position < len(state) else None
                body = snap.render(node, f"{path.stem}-c{i}-o{k}") if node else ""
                output = nbformat.v4.new_output(
                    "display_data",
                    data={"text/html": f'<div class="mn-static-app"><p class="mn-static-note">{LIVE_HINT}</p>'
                                       f"{body}</div>"})
            outputs.append(output)
        cell.outputs = outputs
    return nb, figures


def local_links(body: str, suffix: str) -> str:
    """Point links between lessons (``href="01_x.ipynb"``) at the exported pages instead."""
    return re.sub(r'href="([\w.-]+)\.ipynb(#[^"]*)?"', lambda m: f'href="{m[1]}{suffix}{m[2] or ""}"', body)


def exporter(kind: str):
    """An nbconvert exporter whose template loads nothing from the network."""
    from jinja2 import DictLoader
    from nbconvert import HTMLExporter, SlidesExporter

    if kind == "page":
        return HTMLExporter(template_name="lab", extra_loaders=[DictLoader({"mn_page.j2": PAGE_TEMPLATE})],
                            template_file="mn_page.j2")
    slides = SlidesExporter(extra_loaders=[DictLoader({"mn_slides.j2": SLIDES_TEMPLATE})],
                            template_file="mn_slides.j2", reveal_url_prefix="assets/reveal.js",
                            reveal_theme="white", reveal_scroll=True)
    return slides


def copy_assets(out: Path, slides: bool) -> None:
    """Copy plotly.js (and, for slides, reveal.js and require.js from vendor/node_modules) into assets/."""
    import plotly

    assets = out / "assets"
    assets.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(Path(plotly.__file__).parent / "package_data" / "plotly.min.js", assets / "plotly.min.js")
    if not slides:
        return
    reveal, requirejs = VENDOR / "reveal.js", VENDOR / "requirejs" / "require.js"
    if not (reveal / "dist" / "reveal.js").exists() or not requirejs.exists():
        raise SystemExit(f"reveal.js or require.js is missing from {VENDOR}: run `npm ci --prefix vendor` "
                         "(or `make slides`, which does it) first")
    shutil.copyfile(requirejs, assets / "require.js")
    for part in ("dist", "plugin/notes"):
        shutil.copytree(reveal / part, assets / "reveal.js" / part, dirs_exist_ok=True)


def write_index(out: Path, entries: list[tuple[str, str, bool, bool]]) -> None:
    items = []
    for stem, title, page, slides in entries:
        links = []
        if page:
            links.append(f'<a href="{stem}.html">{html.escape(title)}</a>')
        else:
            links.append(html.escape(title))
        if slides:
            links.append(f'(<a href="{stem}.slides.html">slides<span class="mn-visually-hidden"> for '
                         f"{html.escape(title)}</span></a>)")
        items.append(f"<li>{' '.join(links)}</li>")
    (out / "index.html").write_text(INDEX_TEMPLATE.format(items="\n".join(items)), encoding="utf-8")


def export(out: Path = SITE, notebooks: Path = NOTEBOOKS, names: list[str] | None = None,
           pages: bool = True, slides: bool = True) -> dict:
    """Export every ``notebooks/*.ipynb`` (or those starting with ``names``) into ``out``; return figures."""
    import nbformat

    paths = sorted(notebooks.glob("*.ipynb"))
    if names:
        paths = [p for p in paths if any(p.stem.startswith(n) for n in names)]
    if not paths:
        raise SystemExit(f"no notebooks to export in {notebooks}")
    out.mkdir(parents=True, exist_ok=True)
    copy_assets(out, slides)
    snap = Snapshotter(out)
    page_exporter = exporter("page") if pages else None
    slides_exporter = exporter("slides") if slides else None
    entries, stats = [], {"notebooks": 0, "figures": 0, "images": 0}
    try:
        for path in paths:
            start = time.perf_counter()
            nb, figures = prepare(nbformat.read(path, as_version=4), path, snap)
            resources = {"metadata": {"name": nb.metadata["title"], "path": str(path.parent)}}
            if page_exporter:
                body, _ = page_exporter.from_notebook_node(nb, resources=copy.deepcopy(resources))
                (out / f"{path.stem}.html").write_text(local_links(body, ".html"), encoding="utf-8")
            if slides_exporter:
                body, _ = slides_exporter.from_notebook_node(nb, resources=copy.deepcopy(resources))
                (out / f"{path.stem}.slides.html").write_text(local_links(body, ".slides.html"), encoding="utf-8")
            entries.append((path.stem, nb.metadata["title"], pages or (out / f"{path.stem}.html").exists(), slides))
            stats["notebooks"] += 1
            stats["figures"] += figures
            print(f"{path.stem}: {figures} figure(s), {time.perf_counter() - start:.1f} s")
    finally:
        snap.close()
    stats["images"] = snap.images
    write_index(out, entries)
    return stats


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("names", nargs="*", help="export only notebooks whose name starts with these")
    parser.add_argument("--out", type=Path, default=SITE, help="output folder (default: site/)")
    parser.add_argument("--notebooks", type=Path, default=NOTEBOOKS, help="folder of .ipynb files")
    parser.add_argument("--no-pages", action="store_true", help="write the slides only (make slides)")
    parser.add_argument("--no-slides", action="store_true", help="write the pages only")
    args = parser.parse_args(argv)
    start = time.perf_counter()
    stats = export(args.out.resolve(), args.notebooks.resolve(), args.names,
                   pages=not args.no_pages, slides=not args.no_slides)
    print(f"exported {stats['notebooks']} notebook(s), {stats['figures']} figure(s), {stats['images']} widget "
          f"image(s) to {args.out} in {time.perf_counter() - start:.1f} s; open {args.out / 'index.html'}")


if __name__ == "__main__":
    main(sys.argv[1:])
