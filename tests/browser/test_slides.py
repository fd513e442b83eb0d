"""The exported reveal.js slides are made for presenting at 1280×720.

Every deck from ``make slides`` (``tools/export_site.py --no-pages``) is opened from disk with the network
blocked, in a 1280×720 window. Every slide is visited through Reveal's API with its fragments shown and its
folded solutions opened, and must fit: nothing below the slide's bottom edge or beyond its right edge, no
scrolling inside the slide. No code input may appear anywhere in a deck; axe-core finds no serious or critical
accessibility violation on the title slide; and each ``##`` section carries speaker notes
(``<aside class="notes">``, from ``docs/speaker_notes.yaml``).

``MN_SLIDES_SITE=/path/to/site`` checks an already exported site instead of exporting into a temporary folder.
"""

from __future__ import annotations

import os
from pathlib import Path

import nbformat
import pytest

from tests.browser.conftest import ensure_vendor
from tests.browser.test_exports import OfflinePage, run_export
from tools.export.slides import section_titles

REPO = Path(__file__).resolve().parents[2]
NOTEBOOKS = sorted((REPO / "notebooks").glob("*.ipynb"))
WIDTH, HEIGHT = 1280, 720
# Code input of a code cell, its prompt, or any code editor (markdown cells also have an input area: not these).
CODE_INPUT = ".jp-CodeCell .jp-InputArea, .jp-CodeCell .jp-InputPrompt, .jp-CodeMirrorEditor, .cm-editor"

# Everything that overflows the current slide, as short descriptions (empty when the slide fits).
MEASURE = """([width, height]) => {
  const slide = Reveal.getCurrentSlide();
  slide.querySelectorAll('details').forEach(d => { d.open = true; });
  const problems = [];
  if (slide.scrollHeight > slide.clientHeight + 1) {
    problems.push(`content ${slide.scrollHeight}px high in a ${slide.clientHeight}px slide`);
  }
  for (const el of slide.querySelectorAll('*')) {
    if (el.closest('aside.notes')) continue;
    const box = el.getBoundingClientRect();
    if (box.width === 0 || box.height === 0) continue;
    if (box.bottom > height + 1 || box.right > width + 1) {
      const text = (el.innerText || el.getAttribute('aria-label') || el.tagName).trim().slice(0, 60);
      problems.push(`<${el.tagName.toLowerCase()}> "${text}" ends at x=${Math.round(box.right)}, ` +
                    `y=${Math.round(box.bottom)}`);
      break;
    }
  }
  return problems;
}"""


@pytest.fixture(scope="module")
def slides_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    if os.environ.get("MN_SLIDES_SITE"):
        return Path(os.environ["MN_SLIDES_SITE"])
    ensure_vendor()
    out = tmp_path_factory.mktemp("slides")
    run_export(out, "--no-pages")
    return out


def open_deck(browser, path: Path) -> OfflinePage:
    view = OfflinePage(browser)
    view.page.set_viewport_size({"width": WIDTH, "height": HEIGHT})
    view.open(path)
    view.page.wait_for_function("window.mnRevealReady === true", timeout=30_000)
    return view


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_every_slide_fits_1280x720_and_no_code_is_shown(slides_site: Path, browser, path: Path) -> None:
    view = open_deck(browser, slides_site / f"{path.stem}.slides.html")
    page = view.page
    code = page.locator(CODE_INPUT).count()
    assert code == 0, f"{path.stem}: {code} code input element(s) in the slides"
    indices = page.evaluate("Reveal.getSlides().map(s => Reveal.getIndices(s))")
    assert len(indices) > 1
    overflowing = []
    for index in indices:
        page.evaluate("([h, v]) => { Reveal.slide(h, v, 999); }", [index["h"], index.get("v") or 0])
        page.wait_for_timeout(30)
        problems = page.evaluate(MEASURE, [WIDTH, HEIGHT])
        if problems:
            title = page.evaluate("(Reveal.getCurrentSlide().querySelector('h1,h2,h3') || {}).innerText || ''")
            overflowing.append(f"slide {index['h'] + 1}.{(index.get('v') or 0) + 1} ({title}): {problems[0]}")
    if overflowing:
        page.screenshot(path=str(REPO / "artifacts" / "screenshots" / f"slides-{path.stem}-overflow.png"))
    assert overflowing == [], f"{path.stem}: {len(overflowing)} slide(s) overflow 1280×720:\n" + "\n".join(overflowing)
    assert view.blocked == [], f"slides tried the network: {view.blocked}"
    assert view.errors == [], f"slides console: {view.errors}"
    page.evaluate("Reveal.slide(0, 0)")
    violations = view.serious_axe_violations()
    assert violations == [], f"{path.stem} slides, axe-core:\n" + "\n".join(violations)
    view.close()


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_every_section_has_speaker_notes_in_the_slides(slides_site: Path, browser, path: Path) -> None:
    sections = section_titles(nbformat.read(path, as_version=4))
    view = open_deck(browser, slides_site / f"{path.stem}.slides.html")
    notes = view.page.locator("aside.notes")
    assert notes.count() == len(sections), (f"{path.stem}: {notes.count()} speaker notes for {len(sections)} "
                                            "'##' sections; add the missing ones to docs/speaker_notes.yaml")
    for k in range(notes.count()):
        text = notes.nth(k).text_content()
        assert "Say:" in text and "Ask:" in text, f"{path.stem}: note {k + 1} lacks 'Say:' or 'Ask:'"
    # Notes are for the speaker window only: hidden on the slide itself.
    assert view.page.evaluate("[...document.querySelectorAll('aside.notes')].every(a => !a.offsetParent)")
    view.close()
