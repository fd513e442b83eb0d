"""`make handouts` (tools/handouts.py): print-ready PDFs, made offline with Debian's Chromium.

The handouts are built once into a temporary folder. Each PDF must exist, have the expected number of pages
(one per lesson for the key points, two per vignette for the case cards, and for the packed lists exactly as
many as their HTML has A4 pages), and no text may run off a page: every page box of the HTML is checked at
print size in Chromium before and after printing.
"""

from __future__ import annotations

import json
import subprocess
import sys
from html import escape
from pathlib import Path

import pytest

from microlib import risk
from microlib.loader import load_records
from tests.browser.test_exports import OfflinePage
from tools.handouts import invented_advert, pdf_page_count

REPO = Path(__file__).resolve().parents[2]
LESSONS = sorted((REPO / "notebooks").glob("*.ipynb"))
HANDOUTS = ("key_points", "case_cards", "red_flags_worksheet", "glossary")


@pytest.fixture(scope="module")
def handouts(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("handouts")
    result = subprocess.run([sys.executable, str(REPO / "tools" / "handouts.py"), "--out", str(out)], cwd=REPO,
                            capture_output=True, text=True, timeout=300, check=False)
    assert result.returncode == 0, f"handouts failed:\n{result.stdout}\n{result.stderr[-3000:]}"
    return out


def test_every_handout_is_a_pdf_with_the_expected_number_of_pages(handouts: Path) -> None:
    pages = json.loads((handouts / "pages.json").read_text(encoding="utf-8"))
    assert pages["key_points"] == len(LESSONS)
    assert pages["case_cards"] == 2 * len(risk.vignette_keys())
    for stem in HANDOUTS:
        pdf = handouts / f"{stem}.pdf"
        assert pdf.read_bytes()[:5] == b"%PDF-", f"{pdf.name} is not a PDF"
        assert pdf_page_count(pdf) == pages[stem], f"{pdf.name}: {pdf_page_count(pdf)} pages, expected {pages[stem]}"
        html = (handouts / f"{stem}.html").read_text(encoding="utf-8")
        assert html.count('<section class="page">') == pages[stem]


def test_no_text_runs_off_a_page_and_nothing_is_fetched(handouts: Path, browser) -> None:
    for stem in HANDOUTS:
        view = OfflinePage(browser)
        view.page.emulate_media(media="print")
        view.open(handouts / f"{stem}.html")
        overflowing = view.page.evaluate("""() => [...document.querySelectorAll('.page')].map((p, i) => {
            const c = p.querySelector('.content'); const box = p.getBoundingClientRect();
            const out = [...c.querySelectorAll('*')].some(e => { const r = e.getBoundingClientRect();
                return r.height > 0 && (r.bottom > box.bottom + 1 || r.right > box.right + 1); });
            return (out || c.scrollHeight > c.clientHeight + 1) ? i + 1 : 0; }).filter(n => n > 0)""")
        assert overflowing == [], f"{stem}.html: text runs off page(s) {overflowing}"
        assert view.blocked == [], f"{stem}.html tried the network: {view.blocked}"
        view.close()


def test_handouts_carry_every_vignette_outcome_red_flag_and_glossary_term(handouts: Path) -> None:
    cards = (handouts / "case_cards.html").read_text(encoding="utf-8")
    for key in risk.vignette_keys():
        case = risk.vignette(key)
        outcome = risk.assess(risk.vignette_answers(key)).outcome
        assert escape(case.title) in cards
        assert escape(outcome.label) in cards
    flags = (handouts / "red_flags_worksheet.html").read_text(encoding="utf-8")
    advert = invented_advert()
    assert advert is None or escape(advert.split(".")[-2].strip()) in flags, "the invented advert is missing"
    assert all(escape(f.signal) in flags for f in load_records("red_flags"))
    glossary = (handouts / "glossary.html").read_text(encoding="utf-8")
    assert all(escape(t.term) in glossary for t in load_records("glossary"))
    key_points = (handouts / "key_points.html").read_text(encoding="utf-8")
    assert "Education, not medical advice" in key_points
