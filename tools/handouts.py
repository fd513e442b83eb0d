"""Print-ready handouts for a class, as PDF files, made offline: ``make handouts``.

Usage::

    python tools/handouts.py                 # every handout into handouts/ (git-ignored)
    python tools/handouts.py --out DIR

What it writes (A4, one HTML file next to each PDF so the layout can be checked):

- ``key_points.pdf``: one page per lesson, the key points from the lesson's ``## Summary`` section.
- ``case_cards.pdf``: two pages per fictional vignette in ``data/vignettes.yaml``: the story on the front, and on
  the back the checklist's outcome (computed by ``microlib.risk.assess`` from the vignette's answers), the
  reasons behind it, the open questions and the teaching point. Print double-sided, flip on the long edge.
- ``red_flags_worksheet.pdf``: the red flags of lesson 04 (``data/red_flags.csv``) as a worksheet with room to
  write where each appears in an advert.
- ``glossary.pdf``: every term in ``data/glossary.csv``, alphabetical.

Rendering: each handout is HTML with print CSS, opened from disk in Debian's Chromium (through Playwright, with
every request outside ``file://`` refused) and printed with ``page.pdf``. Content is cut into fixed A4 pages
*before* printing: long lists are packed into pages by the heights Chromium measures for each entry, so no text
runs off a page, and the number of pages in each PDF is known (``expected_pages``). Nothing is fetched from the
network and no font is downloaded.

Education, not medical advice: every handout says so in its footer.
"""

from __future__ import annotations

import argparse
import html
import json
import os
import re
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))
OUT = ROOT / "handouts"
NOTEBOOKS = ROOT / "notebooks"
CHROMIUM = Path(os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium"))
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]

# A4 at 96 px per inch: 210 × 297 mm = 794 × 1123 px; 15 mm margins are set by @page, so a page's box is
# 180 × 267 mm = 680 × 1009 px. Pages are drawn 4 px shorter to leave room for rounding.
PAGE_WIDTH_PX = 680
PAGE_HEIGHT_PX = 1005
FOOTER = "Education, not medical advice. Microneedling, taught from the evidence."

CSS = """
@page { size: A4; margin: 15mm; }
* { box-sizing: border-box; }
html, body { margin: 0; padding: 0; }
body { font-family: "DejaVu Sans", Arial, Helvetica, sans-serif; font-size: 11pt; line-height: 1.4; color: #111; }
.page { width: 180mm; height: 267mm; overflow: hidden; position: relative; page-break-after: always;
  break-after: page; display: flex; flex-direction: column; }
.page:last-child { page-break-after: auto; break-after: auto; }
.content { flex: 1 1 auto; overflow: hidden; }
.footer { flex: 0 0 auto; font-size: 8.5pt; color: #444; border-top: 1px solid #999; padding-top: 2mm; }
h1 { font-size: 18pt; margin: 0 0 3mm; }
h2 { font-size: 13pt; margin: 4mm 0 2mm; }
p { margin: 0 0 2.5mm; }
ul { margin: 0 0 3mm 5mm; padding-left: 4mm; }
li { margin: 0 0 1.8mm; }
.kicker { font-size: 9.5pt; text-transform: uppercase; letter-spacing: 0.05em; color: #444; margin-bottom: 1mm; }
.card-front .story { font-size: 14pt; line-height: 1.5; margin: 6mm 0; }
.task { border: 1.5px solid #333; border-radius: 3mm; padding: 4mm; margin-top: 6mm; }
.lines { border-bottom: 1px solid #aaa; height: 9mm; }
.outcome { font-size: 15pt; font-weight: bold; border: 2px solid #111; border-radius: 3mm; padding: 3mm 4mm;
  margin: 2mm 0 4mm; }
.entry { margin: 0 0 3mm; page-break-inside: avoid; break-inside: avoid; }
.entry h3 { font-size: 11.5pt; margin: 0 0 0.8mm; }
.entry p { margin: 0 0 0.8mm; }
.muted { color: #444; font-size: 9.5pt; }
.flag { border: 1px solid #777; border-radius: 2mm; padding: 2.5mm 3mm; margin: 0 0 3mm; }
.flag h3 { font-size: 11.5pt; margin: 0 0 1mm; }
.flag .write { border: 1px dashed #777; height: 14mm; margin-top: 1.5mm; padding: 1mm 2mm; color: #555;
  font-size: 9pt; }
.keypoints { font-size: 13pt; line-height: 1.45; }
.keypoints li { margin-bottom: 3mm; }
#measure { width: 180mm; }
"""


@dataclass
class Handout:
    """One handout: its file stem, title and pages (each page's inner HTML)."""

    stem: str
    title: str
    pages: list[str]


def document(title: str, pages: list[str]) -> str:
    """A complete HTML document of fixed A4 pages, each with the footer."""
    body = "\n".join(f'<section class="page"><div class="content">{p}</div>'
                     f'<div class="footer">{html.escape(FOOTER)} Page {k} of {len(pages)}.</div></section>'
                     for k, p in enumerate(pages, start=1))
    return (f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{html.escape(title)}</title>'
            f"<style>{CSS}</style></head><body>{body}</body></html>")


def markdown_html(text: str) -> str:
    import mistune

    return mistune.html(text)


# ---------------------------------------------------------------------------------------------------------
# Content
# ---------------------------------------------------------------------------------------------------------

def lesson_summaries(notebooks: Path = NOTEBOOKS) -> list[tuple[str, str, str]]:
    """``(stem, title, summary markdown)`` for every lesson, from its ``## Summary`` section."""
    result = []
    for path in sorted(notebooks.glob("*.ipynb")):
        nb = json.loads(path.read_text(encoding="utf-8"))
        text = "\n\n".join("".join(c["source"]) if isinstance(c["source"], list) else c["source"]
                           for c in nb["cells"] if c["cell_type"] == "markdown")
        title = re.search(r"^# (.+)$", text, re.M)
        summary = re.search(r"^## Summary\s*$(.*?)(?=^## |\Z)", text, re.M | re.S)
        if summary is None:
            raise SystemExit(f"{path.name}: no '## Summary' section to take key points from")
        result.append((path.stem, title.group(1).strip() if title else path.stem, summary.group(1).strip()))
    return result


def key_points_pages(notebooks: Path = NOTEBOOKS) -> list[str]:
    pages = []
    for stem, title, summary in lesson_summaries(notebooks):
        pages.append(f'<p class="kicker">Lesson {html.escape(stem[:2])}: key points</p>'
                     f'<h1>{html.escape(title)}</h1><div class="keypoints">{markdown_html(summary)}</div>'
                     f'<p class="muted">The full lesson: notebooks/{html.escape(stem)}.ipynb.</p>')
    return pages


def case_card_pages() -> list[str]:
    """Front and back of every vignette; the outcome comes from the checklist rules, not from the file."""
    from microlib import risk

    pages = []
    for key in risk.vignette_keys():
        case = risk.vignette(key)
        result = risk.assess(risk.vignette_answers(key))
        front = (f'<div class="card-front"><p class="kicker">Case card (fictional person) — front</p>'
                 f"<h1>{html.escape(case.title)}</h1><p class=\"story\">{html.escape(case.story)}</p>"
                 '<div class="task"><p><strong>Your task.</strong> Go through the checklist questions for this '
                 "person. Which answers stop, postpone or change the treatment, and why? Write down the outcome "
                 "you expect before you turn the card over.</p>"
                 + '<div class="lines"></div>' * 6 + "</div></div>")
        reasons = "".join(f"<li><strong>{html.escape(r.label)}</strong> ({html.escape(r.outcome.label)}): "
                          f"{html.escape(r.rationale)}</li>" for r in result.reasons)
        open_q = "".join(f"<li>{html.escape(q.question)} If yes: {html.escape(q.outcome_if_yes.label)}.</li>"
                         for q in result.open_questions)
        back = (f'<p class="kicker">Case card — back: {html.escape(case.title)}</p>'
                f'<h1>What the checklist says</h1><div class="outcome">{html.escape(result.headline)}</div>'
                f"<p>{html.escape(result.outcome.meaning)}</p>"
                + (f"<h2>Reasons</h2><ul>{reasons}</ul>" if reasons else
                   "<h2>Reasons</h2><p>No answer raised a flag.</p>")
                + (f"<h2>Open questions</h2><ul>{open_q}</ul>" if open_q else "")
                + f"<h2>Teaching point</h2><p>{html.escape(case.teaching_point)}</p>"
                '<p class="muted">A teaching exercise with a made-up person; the checklist is not a clinical '
                "decision tool.</p>")
        pages += [front, back]
    return pages


def red_flag_entries() -> list[str]:
    from microlib.loader import load_records

    return [f'<div class="flag entry"><h3>{k}. {html.escape(f.signal)}</h3>'
            f"<p><strong>Looks like:</strong> {html.escape(f.looks_like)}</p>"
            f"<p><strong>Ask:</strong> {html.escape(f.how_to_check)}</p>"
            '<div class="write">Seen in the advert? Quote the words, or write "not found".</div></div>'
            for k, f in enumerate(load_records("red_flags"), start=1)]


def invented_advert(notebooks: Path = NOTEBOOKS) -> str | None:
    """The advert invented for lesson 04's red-flag exercise (its first quoted paragraph), or None."""
    for path in sorted(notebooks.glob("04_*.ipynb")):
        text = "\n\n".join("".join(c["source"]) if isinstance(c["source"], list) else c["source"]
                            for c in json.loads(path.read_text(encoding="utf-8"))["cells"]
                            if c["cell_type"] == "markdown")
        exercise = re.search(r"^#+ Exercise[^\n]*red flags[^\n]*\n(.*?)(?=^#+ |\Z)", text, re.M | re.S | re.I)
        if exercise:
            quote = [line[1:].strip() for line in exercise.group(1).splitlines() if line.startswith(">")]
            if quote:
                return " ".join(quote)
    return None


def red_flags_head(notebooks: Path = NOTEBOOKS) -> str:
    advert = invented_advert(notebooks)
    source = (f'<div class="task"><p class="kicker">The advert (invented for lesson 04, not a real text)</p>'
              f"{markdown_html(advert)}</div>" if advert else "<p>Use the advert your trainer gives you.</p>")
    return ('<p class="kicker">Lesson 04 worksheet</p><h1>Spot the red flags</h1>' + source
            + "<p>For each signal below, quote the words where you see it, or write \"not found\". Then decide: "
            "what single source could settle the advert's main claim?</p>")


def glossary_entries() -> list[str]:
    from microlib.glossary import glossary_terms

    return [f'<div class="entry"><h3>{html.escape(t.term)}</h3><p>{html.escape(t.definition)}</p></div>'
            for t in glossary_terms()]


GLOSSARY_HEAD = ('<p class="kicker">Glossary</p><h1>Terms used in the lessons</h1>'
                 "<p>Plain-language definitions, each checked against the sources named in the lessons.</p>")


# ---------------------------------------------------------------------------------------------------------
# Pagination and printing (Chromium)
# ---------------------------------------------------------------------------------------------------------

class Printer:
    """One headless Chromium that measures entries, checks pages and prints PDFs, refusing any network use."""

    def __init__(self) -> None:
        from playwright.sync_api import sync_playwright

        if not CHROMIUM.exists():
            raise SystemExit(f"Chromium is missing at {CHROMIUM}: sudo apt-get install chromium")
        self._pw = sync_playwright().start()
        self.browser = self._pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        self.page = self.browser.new_page()
        self.blocked: list[str] = []
        self.page.route("**/*", self._route)

    def _route(self, route) -> None:
        if route.request.url.startswith(("file://", "data:", "about:")):
            route.continue_()
        else:
            self.blocked.append(route.request.url)
            route.abort()

    def heights(self, entries: list[str], workdir: Path) -> list[float]:
        """The printed height in px of each entry (margins included) at the page's width."""
        probe = workdir / "_measure.html"
        probe.write_text(f'<!DOCTYPE html><html><head><meta charset="utf-8"><style>{CSS}</style></head><body>'
                         f'<div id="measure">{"".join(entries)}</div></body></html>', encoding="utf-8")
        self.page.emulate_media(media="print")
        self.page.goto(probe.as_uri())
        result = self.page.evaluate("""() => [...document.getElementById('measure').children].map(e => {
            const s = getComputedStyle(e);
            return e.getBoundingClientRect().height + parseFloat(s.marginTop) + parseFloat(s.marginBottom); })""")
        probe.unlink()
        return result

    def paginate(self, head: str, entries: list[str], workdir: Path) -> list[str]:
        """Pack entries into pages: the head and as many entries as fit on the first page, then the rest."""
        sizes = self.heights([f"<div>{head}</div>", '<div class="footer">x</div>', *entries], workdir)
        head_px, footer_px, entry_px = sizes[0], sizes[1] + 8, sizes[2:]
        room = PAGE_HEIGHT_PX - footer_px
        pages: list[list[str]] = [[head]]
        used = head_px
        for entry, size in zip(entries, entry_px, strict=True):
            if used + size > room and len(pages[-1]) > (1 if len(pages) == 1 else 0):
                pages.append([])
                used = 0.0
            pages[-1].append(entry)
            used += size
        return ["".join(p) for p in pages]

    def overflowing_pages(self, path: Path) -> list[int]:
        """1-based numbers of pages whose content does not fit their A4 box at print size."""
        self.page.emulate_media(media="print")
        self.page.goto(path.as_uri())
        return self.page.evaluate("""() => [...document.querySelectorAll('.page')].map((p, i) => {
            const c = p.querySelector('.content');
            return (c.scrollHeight > c.clientHeight + 1 || p.scrollHeight > p.clientHeight + 1
                    || c.scrollWidth > c.clientWidth + 1) ? i + 1 : 0; }).filter(n => n > 0)""")

    def pdf(self, html_path: Path, pdf_path: Path) -> None:
        self.page.emulate_media(media="print")
        self.page.goto(html_path.as_uri())
        self.page.pdf(path=str(pdf_path), format="A4", print_background=True, prefer_css_page_size=True)

    def close(self) -> None:
        self.browser.close()
        self._pw.stop()


def pdf_page_count(path: Path) -> int:
    """Pages in a PDF written by Chromium: the ``/Count`` of its page tree root (Skia writes it in plain text)."""
    data = path.read_bytes()
    counts = [int(n) for n in re.findall(rb"/Type\s*/Pages\b[^>]*?/Count\s+(\d+)", data)]
    counts += [int(n) for n in re.findall(rb"/Count\s+(\d+)[^>]*?/Type\s*/Pages\b", data)]
    if counts:
        return max(counts)
    return len(re.findall(rb"/Type\s*/Page\b(?!s)", data))


def build(out: Path = OUT, notebooks: Path = NOTEBOOKS) -> dict[str, int]:
    """Write every handout (HTML and PDF) into ``out``; return each PDF's number of pages."""
    out.mkdir(parents=True, exist_ok=True)
    printer = Printer()
    try:
        handouts = [
            Handout("key_points", "Key points, one page per lesson", key_points_pages(notebooks)),
            Handout("case_cards", "Case cards (fictional vignettes)", case_card_pages()),
            Handout("red_flags_worksheet", "Red-flag worksheet (lesson 04)",
                    printer.paginate(red_flags_head(notebooks), red_flag_entries(), out)),
            Handout("glossary", "Glossary", printer.paginate(GLOSSARY_HEAD, glossary_entries(), out)),
        ]
        pages: dict[str, int] = {}
        for handout in handouts:
            html_path = out / f"{handout.stem}.html"
            html_path.write_text(document(handout.title, handout.pages), encoding="utf-8")
            bad = printer.overflowing_pages(html_path)
            if bad:
                raise SystemExit(f"{html_path.name}: text runs off page(s) {bad}; shorten the content or split it")
            printer.pdf(html_path, out / f"{handout.stem}.pdf")
            pages[handout.stem] = len(handout.pages)
            print(f"{handout.stem}.pdf: {len(handout.pages)} page(s)")
        if printer.blocked:
            raise SystemExit(f"handouts tried the network: {printer.blocked}")
        (out / "pages.json").write_text(json.dumps(pages, indent=1), encoding="utf-8")
        return pages
    finally:
        printer.close()


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=OUT, help="output folder (default: handouts/)")
    parser.add_argument("--notebooks", type=Path, default=NOTEBOOKS, help="folder of lesson .ipynb files")
    args = parser.parse_args(argv)
    pages = build(args.out.resolve(), args.notebooks.resolve())
    print(f"wrote {len(pages)} handouts ({sum(pages.values())} pages) to {args.out}")


if __name__ == "__main__":
    main(sys.argv[1:])
