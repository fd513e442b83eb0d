"""Export the notebooks as a static site that opens from disk with the network off.

Usage::

    python tools/export_site.py                 # `make export`: index + one page per notebook + slides
    python tools/export_site.py --no-pages      # `make slides`: index + reveal.js slides only
    python tools/export_site.py --out DIR --notebooks DIR NAME ...

What it writes into ``site/`` (git-ignored):

- ``index.html``: the lessons, each with its page and its slides.
- ``NN_name.html``: the notebook with its **stored** outputs (nothing is re-run for them).
- ``NN_name.slides.html``: reveal.js slides for presenting, cut from the notebook at export time (see
  ``tools/export/slides.py``): no code, sub-slides for long sections, split tables, speaker notes.
- ``assets/``: one shared ``plotly.min.js`` (from the plotly package), reveal.js 4.0.2 and require.js (from
  ``vendor/node_modules``, installed by ``npm ci --prefix vendor``), and PNG snapshots of widget figures.

Modules: ``tools/export/probe.py`` (kernel side: widget state as JSON), ``tools/export/render.py`` (figures and
widget snapshots as static HTML), ``tools/export/slides.py`` (slides cut for presenting: no code, one idea per
slide, speaker notes from ``docs/speaker_notes.yaml``) and this file (the site and the command line).

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
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # `python tools/export_site.py` puts tools/ first, not the repository
    sys.path.insert(0, str(ROOT))

from tools.export.probe import describe_widget, snapshot  # noqa: E402, F401  (kernel side, re-exported)
from tools.export.render import Snapshotter, figure_text, plotly_div  # noqa: E402, F401
from tools.export.slides import build_deck, load_notes  # noqa: E402

NOTEBOOKS = ROOT / "notebooks"
SITE = ROOT / "site"
VENDOR = ROOT / "vendor" / "node_modules"

SLIDE_FIGURE_HEIGHT = 450  # px: a figure and a line of text fit a 720 px slide
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

# Slides sized for a 1280×720 projector: text at 20 px, tables at 17 px, figures 450 px high, widget pictures
# at most 300 px high, no code prompts. A slide never scrolls; tools/export/slides.py cuts content to fit.
SLIDES_CSS = """
.reveal .slides { text-align: left; }
.reveal .slides section { height: 100%; overflow: hidden; box-sizing: border-box; padding: 0; }
.reveal h1, .reveal h2, .reveal h3 { text-transform: none !important; }
/* Until reveal.js is ready, every slide is laid out, so plotly can measure the figures it draws on them. */
.reveal:not(.ready) .slides section { display: block !important; }
.reveal .jp-InputPrompt, .reveal .jp-OutputPrompt { display: none !important; }
.reveal .jp-Cell { padding: 0 !important; margin: 0 !important; }
.reveal .jp-RenderedHTMLCommon { padding-right: 0; }
.reveal .jp-RenderedHTMLCommon h1 { font-size: 36px; margin: 0.3em 0 0.4em; }
.reveal .jp-RenderedHTMLCommon h2 { font-size: 34px; margin: 0.3em 0 0.4em; }
.reveal .jp-RenderedHTMLCommon h3 { font-size: 27px; margin: 0.3em 0 0.4em; }
.reveal .jp-RenderedHTMLCommon p, .reveal .jp-RenderedHTMLCommon li { line-height: 1.4; }
.reveal .jp-RenderedHTMLCommon p { margin: 0 0 0.45em; }
.reveal .jp-RenderedHTMLCommon table { font-size: 17px; margin: 0.2em 0 0.4em; table-layout: auto;
  width: auto; max-width: 100%; }
.reveal .jp-RenderedHTMLCommon td, .reveal .jp-RenderedHTMLCommon th { padding: 0.25em 0.5em;
  vertical-align: top; text-align: left; }
.reveal .jp-RenderedHTMLCommon td ul, .reveal .jp-RenderedHTMLCommon td ol { margin: 0; }
.reveal .jp-RenderedHTMLCommon pre { font-size: 17px; }
.reveal .mn-figure { max-width: 100%; }
.reveal .mn-static-app { padding: 0.4em 0.7em; font-size: 17px; }
.reveal .mn-static-app img { max-height: 320px; width: auto; max-width: 100%; }
.reveal .mn-static-app .mn-static-control { display: inline-block; margin: 0.1em 1.2em 0.1em 0; }
.reveal .mn-static-app p, .reveal .mn-static-app li { line-height: 1.3; }
.reveal .mn-static-note { font-size: 16px; }
.reveal .mn-rows-note { font-size: 16px; font-style: italic; }
.reveal details summary { cursor: pointer; font-weight: bold; }
.reveal .slide-number { background-color: #222 !important; color: #fff !important; font-size: 14px; }
.reveal .slide-number a, .reveal .slide-number span { color: #fff !important; }
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
{%- block html_head_css -%}<style>""" + PAGE_CSS + SLIDES_CSS + """</style>{%- endblock html_head_css -%}
{%- block footer_js -%}
<script>
require(["{{ resources.reveal.url_prefix }}/dist/reveal.js", "{{ resources.reveal.url_prefix }}/plugin/notes/notes.js"],
  function (Reveal, RevealNotes) {
    Reveal.initialize({controls: true, progress: true, history: true, slideNumber: "c/t", center: false,
                       transition: "none", plugins: [RevealNotes], width: "100%", height: "100%", margin: 0.02});
    // Plotly figures drawn on a hidden slide get a zero size: resize them when their slide appears.
    Reveal.on("slidechanged", function (event) {
      event.currentSlide.querySelectorAll(".js-plotly-plot").forEach(function (el) { Plotly.Plots.resize(el); });
    });
    window.Reveal = Reveal;  // for the browser tests and the console
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
            "from tools.export.probe import snapshot as _mn_snapshot")
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


def prepare(nb, path: Path, snap: Snapshotter, states: dict | None = None,
            figure_height: int | None = None) -> tuple:
    """A copy of ``nb`` whose plotly and widget outputs are plain HTML that works offline.

    ``states`` are the widget descriptions from :func:`widget_states` (computed here when not given);
    ``figure_height`` sets every figure's height in px (the slides use it so a figure fits its slide).
    """
    import nbformat

    nb = copy.deepcopy(nb)
    nb.metadata.pop("widgets", None)
    nb.metadata["title"] = notebook_title(nb)
    states = widget_states(nb, path) if states is None else states
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
                output["data"] = {"text/html": plotly_div(data[PLOTLY_MIME], f"{path.stem}-c{i}-o{k}",
                                                          height=figure_height)}
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
    # Slides for presenting: no code input and no prompts; no scrolling inside a slide (a slide must fit).
    slides = SlidesExporter(extra_loaders=[DictLoader({"mn_slides.j2": SLIDES_TEMPLATE})],
                            template_file="mn_slides.j2", reveal_url_prefix="assets/reveal.js",
                            reveal_theme="white", reveal_scroll=False, exclude_input=True,
                            exclude_input_prompt=True, exclude_output_prompt=True)
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
    notes = load_notes()
    page_exporter = exporter("page") if pages else None
    slides_exporter = exporter("slides") if slides else None
    entries, stats = [], {"notebooks": 0, "figures": 0, "images": 0}
    try:
        for path in paths:
            start = time.perf_counter()
            source = nbformat.read(path, as_version=4)
            states = widget_states(source, path)
            nb, figures = prepare(source, path, snap, states)
            resources = {"metadata": {"name": nb.metadata["title"], "path": str(path.parent)}}
            if page_exporter:
                body, _ = page_exporter.from_notebook_node(nb, resources=copy.deepcopy(resources))
                (out / f"{path.stem}.html").write_text(local_links(body, ".html"), encoding="utf-8")
            if slides_exporter:
                slide_nb, _ = prepare(source, path, snap, states, figure_height=SLIDE_FIGURE_HEIGHT)
                deck = build_deck(slide_nb, path.stem, notes)
                body, _ = slides_exporter.from_notebook_node(deck, resources=copy.deepcopy(resources))
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
