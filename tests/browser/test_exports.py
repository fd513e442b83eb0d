"""The offline exports (`make export`, `make slides`) open from disk with the network blocked.

Each exported page is opened from ``file://`` in Chromium with every non-local request refused: its plotly
figures must draw, its widget snapshots must load, nothing may try the network, the console stays clean and
axe-core finds no serious or critical accessibility violation. The slides must load reveal.js and navigate.

Besides the committed notebooks, a small notebook made here (a plotly figure and a widget app with a
FigureWidget) checks the two conversions even before every lesson exists.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

from tests.browser.conftest import ensure_vendor

REPO = Path(__file__).resolve().parents[2]
NOTEBOOKS = sorted(p.stem for p in (REPO / "notebooks").glob("*.ipynb"))
AXE = REPO / "vendor" / "node_modules" / "axe-core" / "axe.min.js"
SERIOUS = ("serious", "critical")
# How many exported figures plotly.js has drawn (each gets its SVG layers inside its .mn-figure wrapper).
DRAWN = "[...document.querySelectorAll('.mn-figure')].filter(f => f.querySelector('.js-plotly-plot .main-svg')).length"

FIXTURE_CELLS = [
    "import ipywidgets as widgets\nimport plotly.graph_objects as go",
    "fig = go.Figure(go.Scatter(x=[1, 2, 3], y=[1, 4, 9], mode='lines+markers', name='squares'))\n"
    "fig.update_layout(title='Squares', xaxis_title='n (count)', yaxis_title='n squared (count)')\nfig",
    "bars = go.FigureWidget(go.Bar(x=['low', 'high'], y=[1, 2]))\n"
    "bars.update_layout(title='Tiers', xaxis_title='tier', yaxis_title='cases (count)')\n"
    "depth = widgets.FloatSlider(value=1.5, min=0.25, max=3.0, description='Needle length (mm):')\n"
    "outcome = widgets.HTML('<p>Outcome: fixture tier</p>')\noutcome.add_class('mn-outcome')\n"
    "widgets.VBox([depth, outcome, bars])",
]


def run_export(out: Path, *args: str) -> str:
    env = {**os.environ, "JUPYTER_PLATFORM_DIRS": "1"}
    env.pop("PLOTLY_RENDERER", None)
    result = subprocess.run([sys.executable, str(REPO / "tools" / "export_site.py"), "--out", str(out), *args],
                            capture_output=True, text=True, env=env, cwd=REPO, timeout=600, check=False)
    assert result.returncode == 0, f"export failed:\n{result.stdout}\n{result.stderr[-3000:]}"
    return result.stdout


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The committed notebooks exported into a temporary folder."""
    ensure_vendor()
    out = tmp_path_factory.mktemp("site")
    run_export(out)
    return out


@pytest.fixture(scope="module")
def fixture_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A small executed notebook with a plotly figure and a widget app, exported."""
    ensure_vendor()
    folder = tmp_path_factory.mktemp("fixture-notebooks")
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell("# Export fixture")]
                                  + [nbformat.v4.new_code_cell(c) for c in FIXTURE_CELLS])
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    env_renderer = os.environ.pop("PLOTLY_RENDERER", None)
    try:
        NotebookClient(nb, timeout=120, kernel_name="python3", resources={"metadata": {"path": str(folder)}}).execute()
    finally:
        if env_renderer is not None:
            os.environ["PLOTLY_RENDERER"] = env_renderer
    nbformat.write(nb, folder / "99_fixture.ipynb")
    out = tmp_path_factory.mktemp("fixture-site")
    run_export(out, "--notebooks", str(folder))
    return out


class OfflinePage:
    """A page that may load file:// and loopback URLs only, and records everything else it tried."""

    def __init__(self, browser) -> None:
        self.page = browser.new_page(viewport={"width": 1280, "height": 900})
        self.blocked: list[str] = []
        self.errors: list[str] = []
        self.page.route("**/*", self._route)
        self.page.on("console", lambda m: self.errors.append(f"console {m.type}: {m.text}")
                     if m.type in ("error", "warning") else None)
        self.page.on("pageerror", lambda e: self.errors.append(f"pageerror: {e}"))

    def _route(self, route) -> None:
        url = route.request.url
        if url.startswith(("file://", "data:", "blob:", "http://127.0.0.1", "http://localhost")):
            route.continue_()
        else:
            self.blocked.append(url)
            route.abort()

    def open(self, path: Path) -> None:
        self.page.goto(path.as_uri(), wait_until="load")

    def serious_axe_violations(self) -> list[str]:
        self.page.add_script_tag(path=str(AXE))
        result = self.page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
        return [f"{v['id']} ({v['impact']}): {v['help']} — e.g. {v['nodes'][0]['html'][:160]}"
                for v in result["violations"] if v["impact"] in SERIOUS]

    def close(self) -> None:
        self.page.close()


def check_page(browser, path: Path) -> OfflinePage:
    """Open one exported page offline; assert figures drew, images loaded, and the page is clean."""
    view = OfflinePage(browser)
    view.open(path)
    page = view.page
    expected = page.locator(".mn-figure").count()
    if expected:
        page.wait_for_function(DRAWN + f" >= {expected}", timeout=30_000)
    broken = page.evaluate("[...document.images].filter(i => !(i.complete && i.naturalWidth > 0)).map(i => i.src)")
    assert broken == [], f"{path.name}: images that did not load: {broken}"
    no_alt = page.evaluate("[...document.images].filter(i => !i.alt).map(i => i.src)")
    assert no_alt == [], f"{path.name}: images without alt text: {no_alt}"
    assert view.blocked == [], f"{path.name} tried the network: {view.blocked}"
    assert view.errors == [], f"{path.name} console: {view.errors}"
    violations = view.serious_axe_violations()
    assert violations == [], f"{path.name} axe-core:\n" + "\n".join(violations)
    return view


@pytest.mark.parametrize("stem", NOTEBOOKS)
def test_exported_page_opens_offline_draws_figures_and_passes_axe(site: Path, browser, stem: str) -> None:
    check_page(browser, site / f"{stem}.html").close()


def test_index_links_every_page_and_slides_and_passes_axe(site: Path, browser) -> None:
    view = check_page(browser, site / "index.html")
    hrefs = view.page.eval_on_selector_all("a", "links => links.map(a => a.getAttribute('href'))")
    for stem in NOTEBOOKS:
        assert f"{stem}.html" in hrefs and f"{stem}.slides.html" in hrefs
    view.close()


def test_links_between_lessons_point_at_exported_pages(site: Path) -> None:
    for stem in NOTEBOOKS:
        assert ".ipynb\"" not in (site / f"{stem}.html").read_text(encoding="utf-8")


@pytest.mark.parametrize("stem", NOTEBOOKS)
def test_slides_load_local_reveal_and_navigate_offline(site: Path, browser, stem: str) -> None:
    view = OfflinePage(browser)
    view.open(site / f"{stem}.slides.html")
    page = view.page
    page.wait_for_function("window.mnRevealReady === true", timeout=30_000)
    slides = page.locator(".reveal .slides > section").count()
    assert slides >= 1
    if slides > 1:
        first = page.evaluate("location.hash")
        page.keyboard.press("ArrowRight")
        page.wait_for_function(f"location.hash !== {first!r}", timeout=10_000)
    assert view.blocked == [], f"slides tried the network: {view.blocked}"
    assert view.errors == [], f"slides console: {view.errors}"
    view.close()


def test_plotly_figure_draws_offline_from_the_shared_local_plotly_js(fixture_site: Path, browser) -> None:
    view = check_page(browser, fixture_site / "99_fixture.html")
    page = view.page
    assert page.evaluate(DRAWN) == 1
    assert page.locator(".mn-figure .gtitle").first.text_content() == "Squares"
    assert page.locator(".mn-figure[aria-label*='Squares']").count() == 1
    scripts = page.eval_on_selector_all("script[src]", "s => s.map(e => e.getAttribute('src'))")
    assert scripts == ["assets/plotly.min.js"]
    view.close()


def test_widget_app_becomes_a_static_snapshot_with_an_image_and_an_explanation(fixture_site: Path,
                                                                                browser) -> None:
    view = check_page(browser, fixture_site / "99_fixture.html")
    app = view.page.locator(".mn-static-app")
    assert app.count() == 1
    text = app.inner_text()
    assert "static copy of an interactive app" in text
    assert "Needle length (mm):" in text and "1.5" in text
    assert view.page.locator(".mn-static-app .mn-outcome").inner_text() == "Outcome: fixture tier"
    image = view.page.locator(".mn-static-app img")
    assert image.count() == 1
    assert "Starting state of the chart: Tiers" in image.get_attribute("alt")
    assert (fixture_site / image.get_attribute("src")).stat().st_size > 5_000
    view.close()
