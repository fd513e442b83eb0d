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
import time
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

from tests.browser.conftest import ensure_vendor

REPO = Path(__file__).resolve().parents[2]
NOTEBOOKS = sorted(p.stem for p in (REPO / "notebooks").glob("*.ipynb"))
AXE = REPO / "vendor" / "node_modules" / "axe-core" / "axe.min.js"
ARTIFACTS_DIR = REPO / "artifacts" / "screenshots"
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


EXPORT_BUDGET_S = 120  # issue 6: `make export` (pages and slides of every lesson) within two minutes
EXPORT_SECONDS: dict[str, float] = {}


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The committed notebooks exported into a temporary folder (what `make export` does), timed."""
    ensure_vendor()  # a one-off npm install, before the clock starts
    out = tmp_path_factory.mktemp("site")
    start = time.perf_counter()
    run_export(out)
    EXPORT_SECONDS["export"] = time.perf_counter() - start
    return out


def test_export_of_every_lesson_finishes_within_two_minutes(site: Path) -> None:
    """Pages reuse stored outputs; only notebooks with widget apps run, up to their last app (for its picture)."""
    print(f"export of {len(NOTEBOOKS)} notebooks: {EXPORT_SECONDS['export']:.1f} s")
    assert EXPORT_SECONDS["export"] < EXPORT_BUDGET_S
    assert (site / "assets" / "plotly.min.js").exists()
    assert (site / "assets" / "reveal.js" / "dist" / "reveal.js").exists()
    for stem in NOTEBOOKS:
        assert (site / f"{stem}.html").stat().st_size > 10_000
        assert (site / f"{stem}.slides.html").stat().st_size > 10_000


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


# ---- Projector check: the checklist lesson as a Voilà app at 1024×768 with the projector switch on ----------

PROJECTOR_CELL = ("from microlib.apps.projector import build_projector_switch\n"
                  "build_projector_switch(on=True).widget")
CONTROLS = ".mn-checklist-app :is(.widget-label, select, button, .widget-toggle-button, input, .widget-readout)"
# Controls cut off by the window's edges, or whose text is cut inside them (an ellipsis or hidden overflow).
CLIPPED = """(selector) => [...document.querySelectorAll(selector)].flatMap(el => {
  const r = el.getBoundingClientRect();
  if (r.width === 0 || r.height === 0) return [];
  const name = (el.innerText || el.value || el.getAttribute('aria-label') || el.tagName).trim().slice(0, 50);
  const problems = [];
  if (r.left < -1 || r.right > window.innerWidth + 1) {
    problems.push(`${name}: outside the window (x=${Math.round(r.left)}–${Math.round(r.right)})`);
  }
  const style = getComputedStyle(el);
  if (el.tagName !== 'SELECT' && el.tagName !== 'INPUT' && style.overflow !== 'visible'
      && el.scrollWidth > el.clientWidth + 2) {
    problems.push(`${name}: text cut (${el.scrollWidth}px in ${el.clientWidth}px)`);
  }
  return problems;
})"""


def test_checklist_app_is_readable_on_a_1024x768_projector(tmp_path_factory: pytest.TempPathFactory,
                                                            browser) -> None:
    from tests.browser.test_voila_app import AppPage, serve

    checklist = sorted((REPO / "notebooks").glob("03_*.ipynb"))
    if not checklist:
        pytest.skip("notebook 03 does not exist yet")
    folder = tmp_path_factory.mktemp("projector")
    nb = nbformat.read(checklist[0], as_version=4)
    nb.cells.insert(0, nbformat.v4.new_code_cell(PROJECTOR_CELL))
    nbformat.write(nb, folder / checklist[0].name)
    server = serve(folder / checklist[0].name, folder)
    url = next(server)
    try:
        app = AppPage(browser, url)
        page = app.page
        page.set_viewport_size({"width": 1024, "height": 768})
        page.wait_for_selector(".mn-checklist-app .mn-outcome")
        page.locator(".mn-checklist-app").first.scroll_into_view_if_needed()
        page.wait_for_timeout(500)
        ARTIFACTS_DIR.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(ARTIFACTS_DIR / "projector-1024x768-checklist.png"))
        size = page.evaluate("parseFloat(getComputedStyle(document.querySelector('.mn-checklist-app "
                             ".widget-label')).fontSize)")
        assert size >= 20, f"projector switch on, but control labels are {size}px"
        clipped = page.evaluate(CLIPPED, CONTROLS)
        assert clipped == [], "clipped controls at 1024×768:\n" + "\n".join(clipped)
        app.assert_clean()
        page.close()
    finally:
        server.close()  # runs serve()'s clean-up: stops Voilà by its own PID
