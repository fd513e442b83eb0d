"""Slides made for presenting, decided at export time from the notebook's structure.

The student notebooks stay as they are; this module rewrites a *copy* of a notebook, whose outputs have
already been turned into offline HTML, into a deck where each slide holds one idea and fits 1280×720:

- Code input is never shown (the exporter excludes it); code cells without outputs are dropped.
- ``#`` and ``##`` headings start a slide; ``###`` headings start a sub-slide (reveal.js: press ↓).
- Text is cut into blocks (paragraphs, lists, tables, folded solutions). A block that would overflow the
  slide starts a sub-slide headed "<section> (continued)". The cost of a block is estimated in lines of
  slide text (:func:`block_lines`); the browser test ``tests/browser/test_slides.py`` checks the result.
- Each figure and each widget snapshot gets a sub-slide of its own; the sentence that follows it may join it.
- Long tables are split by rows over several sub-slides, each with the header row and "rows a–b of n".
- A folded solution (``<details>``) is a fragment: it appears on the next key press, after the question.
- Speaker notes: ``docs/speaker_notes.yaml`` holds, for every ``##`` section, what to say and what to ask.
  They become reveal.js notes (``<aside class="notes">``, press **S**) on the section's first slide.
"""

from __future__ import annotations

import html
import math
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parents[2]
NOTES_FILE = ROOT / "docs" / "speaker_notes.yaml"

# Slide geometry in "lines" of 20 px body text (about 30 px each with spacing) at 1280×720: the heading takes
# two lines and about 19 remain. Measured on the five lessons: at 19 the fullest slide ends about 80 px above
# the bottom edge (at 20, within 20 px of it). Characters per line at 20 px across a 1200 px slide.
BUDGET_LINES = 19.0
CHARS_PER_LINE = 100
TABLE_CHARS_PER_LINE = 120  # table text is smaller (17 px)
TABLE_ROW_EXTRA = 0.45      # cell padding and borders, in lines, per row
FIGURE_LINES = 15.0         # a figure is drawn 450 px high
APP_LINES = BUDGET_LINES    # a widget snapshot fills a sub-slide of its own
BLOCK_GAP = 0.6             # space between paragraphs, in lines

HEADING = re.compile(r"^(#{1,3}) (.+?)\s*$")
REFERENCES_NOTE = ("Every source behind this lesson, with how it was checked, is listed at the end of the lesson "
                   "and of its exported page.")


@dataclass
class Block:
    """One piece of slide content: markdown text or an HTML output."""

    kind: str              # heading1, heading2, heading3, text, table, details, figure, app, html
    source: str            # markdown (text kinds) or HTML (outputs)
    level: int = 0
    lines: float = 0.0
    rows: list[str] = field(default_factory=list)  # markdown table rows (without header) for splitting


def text_lines(text: str, chars_per_line: int = CHARS_PER_LINE) -> float:
    """Estimated slide lines for plain text: each source paragraph line wraps at ``chars_per_line``."""
    plain = re.sub(r"<[^>]+>", "", text)
    plain = re.sub(r"\]\([^)]*\)", "]", plain)
    plain = re.sub(r"[*_`]", "", plain)
    lines = 0.0
    for paragraph in re.split(r"\n(?=\s*(?:[-*] |\d+\. |>|\|))", plain):
        joined = " ".join(paragraph.split())
        lines += max(1, math.ceil(len(joined) / chars_per_line))
    return lines


def row_lines(cells: list[str]) -> float:
    """Estimated lines for one table row: the tallest cell, each wrapping inside its share of the width.

    Cells may hold HTML: list items, line breaks and paragraphs each start a new line.
    """
    segments = [[" ".join(re.sub(r"<[^>]+>", " ", part).split())
                 for part in re.split(r"<li\b|<br\s*/?>|<p\b|<tr\b", c)] for c in cells] or [[""]]
    lengths = [sum(len(x) for x in cell) for cell in segments]
    total = sum(lengths) or 1
    tallest = 0
    for cell, n in zip(segments, lengths, strict=True):
        width = max(TABLE_CHARS_PER_LINE * n / total, 14)  # the browser gives long columns more room
        tallest = max(tallest, sum(math.ceil(len(x) / width) for x in cell if x) or 1)
    return max(1, tallest) + TABLE_ROW_EXTRA


def split_markdown(source: str) -> list[Block]:
    """Cut a markdown cell into headings, paragraphs, lists, tables and folded solutions."""
    blocks: list[Block] = []
    chunks: list[str] = []
    buffer: list[str] = []
    in_details = False
    for line in source.splitlines():
        if "<details" in line:
            in_details = True
        if in_details:
            buffer.append(line)
            if "</details>" in line:
                in_details = False
                chunks.append("\n".join(buffer))
                buffer = []
            continue
        if HEADING.match(line):
            if buffer:
                chunks.append("\n".join(buffer))
                buffer = []
            chunks.append(line)
            continue
        if not line.strip():
            if buffer:
                chunks.append("\n".join(buffer))
                buffer = []
            continue
        buffer.append(line)
    if buffer:
        chunks.append("\n".join(buffer))
    for chunk in chunks:
        heading = HEADING.match(chunk) if "\n" not in chunk else None
        if heading:
            level = len(heading.group(1))
            blocks.append(Block(f"heading{level}", chunk, level=level, lines=2.0 if level < 3 else 1.6))
        elif chunk.lstrip().startswith("<details"):
            # Folded until the trainer opens it, but the slide keeps room for the opened solution.
            blocks.append(Block("details", chunk, lines=1.2 + text_lines(chunk)))
        elif chunk.lstrip().startswith("|"):
            lines = [ln for ln in chunk.splitlines() if ln.strip()]
            body = [ln for ln in lines[2:]]
            cost = row_lines(_md_cells(lines[0])) + sum(row_lines(_md_cells(r)) for r in body)
            blocks.append(Block("table", chunk, lines=cost, rows=body))
        else:
            blocks.extend(_text_blocks(chunk))
    return blocks


def _text_blocks(chunk: str) -> list[Block]:
    """A paragraph or list; a list too long for one slide is cut between its items."""
    cost = text_lines(chunk)
    if cost <= BUDGET_LINES - 3:
        return [Block("text", chunk, lines=cost)]
    items = re.split(r"\n(?=(?:[-*] |\d+\. ))", chunk)
    out: list[Block] = []
    for item in items:
        item_cost = text_lines(item)
        if out and out[-1].lines + item_cost <= BUDGET_LINES - 3:
            out[-1] = Block("text", out[-1].source + "\n" + item, lines=out[-1].lines + item_cost)
        else:
            out.append(Block("text", item, lines=item_cost))
    return out


def _md_cells(row: str) -> list[str]:
    return [c.strip() for c in row.strip().strip("|").split("|")]


def output_blocks(outputs: list[dict]) -> list[Block]:
    """Blocks for a code cell's outputs (already offline HTML, see ``tools/export_site.py``)."""
    blocks: list[Block] = []
    for output in outputs:
        if output.get("output_type") == "stream":
            text = "".join(output.get("text", ""))
            blocks.append(Block("html", f"<pre>{html.escape(text)}</pre>", lines=text.count("\n") * 1.1 + 1))
            continue
        data = output.get("data", {})
        if "text/html" in data:
            markup = "".join(data["text/html"]) if isinstance(data["text/html"], list) else data["text/html"]
            if "mn-static-app" in markup:
                blocks.extend(app_blocks(markup))
            elif 'class="mn-figure"' in markup:
                blocks.append(Block("figure", markup, lines=FIGURE_LINES))
            elif "<table" in markup:
                blocks.extend(html_table_blocks(markup))
            else:
                blocks.append(Block("html", markup, lines=text_lines(markup)))
        elif "text/markdown" in data:
            text = "".join(data["text/markdown"]) if isinstance(data["text/markdown"], list) else data["text/markdown"]
            blocks.extend(split_markdown(text))
        elif "text/plain" in data:
            text = "".join(data["text/plain"]) if isinstance(data["text/plain"], list) else data["text/plain"]
            blocks.append(Block("html", f"<pre>{html.escape(text)}</pre>", lines=text.count("\n") * 1.1 + 1))
    return blocks


def app_blocks(markup: str) -> list[Block]:
    """A widget snapshot made to fit slides: the note, the names of its controls, then one chart per slide.

    The full snapshot (every control and text panel) stays on the exported page; a slide shows what the app
    looks like and says where to use it live.
    """
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(markup, "html.parser")
    note = soup.find(class_="mn-static-note")
    labels = [" ".join(x.get_text(" ").split()).rstrip(":") for x in soup.select(".mn-static-control .mn-static-label")]
    controls = ", ".join(dict.fromkeys(label for label in labels if label))
    if len(controls) > 160:
        controls = controls[:157].rsplit(",", 1)[0] + ", …"
    head = (f'<p class="mn-static-note">{note.decode_contents() if note else ""}</p>'
            + (f"<p><strong>Controls:</strong> {html.escape(controls)}</p>" if controls else ""))
    images = soup.find_all("img")
    if not images:
        text = " ".join(soup.get_text(" ").split())
        text = text if len(text) < 600 else text[:597].rsplit(" ", 1)[0] + " …"
        return [Block("app", f'<div class="mn-static-app">{head}<p>{html.escape(text)}</p></div>', lines=APP_LINES)]
    return [Block("app", f'<div class="mn-static-app">{head if k == 0 else ""}{img}</div>', lines=APP_LINES)
            for k, img in enumerate(images)]


def html_table_blocks(markup: str) -> list[Block]:
    """An HTML output holding a table: one block, with its rows kept for splitting."""
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(markup, "html.parser")
    table = soup.find("table")
    rows = table.find_all("tr") if table else []
    body = [r for r in rows if not r.find_parent("thead")] if table and table.find("thead") else rows[1:]
    cost = sum(row_lines([str(c) for c in r.find_all(["td", "th"])]) for r in rows) + 1
    caption = table.find("caption") if table else None
    if caption is not None:
        cost += text_lines(caption.get_text(" "))
    return [Block("htmltable", markup, lines=cost, rows=[str(r) for r in body])]


def _pack_rows(rows: list[Any], costs: list[float], head_cost: float, room: float) -> list[list[Any]]:
    """Group table rows into slides: the first group fits ``room`` lines, later ones a whole slide."""
    groups: list[list[Any]] = [[]]
    used = head_cost
    for row, cost in zip(rows, costs, strict=True):
        if groups[-1] and used + cost > room:
            groups.append([])
            used = head_cost
            room = BUDGET_LINES - 2.5
        groups[-1].append(row)
        used += cost
    return groups


def _split_md_table(block: Block, room: float) -> list[Block]:
    lines = [ln for ln in block.source.splitlines() if ln.strip()]
    header, rule = lines[0], lines[1]
    head_cost = row_lines(_md_cells(header))
    parts = _pack_rows(list(block.rows), [row_lines(_md_cells(row)) for row in block.rows], head_cost, room)
    out, start = [], 1
    for part in parts:
        end = start + len(part) - 1
        note = f"\n\n*Rows {start}–{end} of {len(block.rows)}.*" if len(parts) > 1 else ""
        source = "\n".join([header, rule, *part]) + note
        out.append(Block("table", source, lines=head_cost + sum(row_lines(_md_cells(r)) for r in part) + 1))
        start = end + 1
    return out


def _split_html_table(block: Block, room: float) -> list[Block]:
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(block.source, "html.parser")
    table = soup.find("table")
    rows = table.find_all("tr")
    body_rows = [r for r in rows if not r.find_parent("thead")] if table.find("thead") else rows[1:]
    head_rows = [r for r in rows if r not in body_rows]
    head_cost = sum(row_lines([str(c) for c in r.find_all(["td", "th"])]) for r in head_rows) + 1
    caption = table.find("caption")
    if caption is not None:
        head_cost += text_lines(caption.get_text(" "))
    costs = [row_lines([str(c) for c in r.find_all(["td", "th"])]) for r in body_rows]
    groups = _pack_rows(body_rows, costs, head_cost, room)
    if len(groups) == 1:
        return [block]
    out, start = [], 1
    for group in groups:
        part = BeautifulSoup(block.source, "html.parser")
        part_table = part.find("table")
        part_rows = part_table.find_all("tr")
        part_body = [r for r in part_rows if not r.find_parent("thead")] if part_table.find("thead") \
            else part_rows[1:]
        keep = {body_rows.index(r) for r in group}
        for k, r in enumerate(part_body):
            if k not in keep:
                r.decompose()
        end = start + len(group) - 1
        note = part.new_tag("p")
        note["class"] = "mn-rows-note"
        note.string = f"Rows {start}–{end} of {len(body_rows)}."
        part_table.insert_after(note)
        cost = head_cost + sum(row_lines([str(c) for c in r.find_all(["td", "th"])]) for r in group) + 1
        out.append(Block("htmltable", str(part), lines=cost))
        start = end + 1
    return out


def load_notes(path: Path = NOTES_FILE) -> dict:
    """Trainer notes: ``{"common": {section: note}, "lessons": {stem: {"sections": {section: note},
    "discussion": [...], "misconceptions": [...]}}}``; a note is ``{"say": str, "ask": [str, ...]}``."""
    if not path.exists():
        return {"common": {}, "lessons": {}}
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    return {"common": data.get("common", {}) or {}, "lessons": data.get("lessons", {}) or {}}


def _norm(title: str) -> str:
    title = re.sub(r"\s*\([^)]*\)\s*$", "", title.strip())  # a trailing "(12 min)" or "(optional)"
    title = re.sub(r"^\d+\.\s*", "", title)
    return re.sub(r"[^a-z0-9]+", " ", title.lower()).strip()


def note_for(notes: dict, stem: str, section: str) -> dict | None:
    """The note for ``section`` of lesson ``stem`` (section titles compared without numbers and punctuation)."""
    lesson = (notes["lessons"].get(stem) or {}).get("sections", {}) or {}
    for table in (lesson, notes["common"]):
        for title, note in table.items():
            if _norm(str(title)) == _norm(section):
                return note
    return None


def notes_markdown(note: dict) -> str:
    """A note as markdown: what to say, then what to ask."""
    parts = []
    say = note.get("say")
    if say:
        parts.append(f"**Say:** {' '.join(str(say).split())}")
    for question in note.get("ask", []) or []:
        parts.append(f"**Ask:** {' '.join(str(question).split())}")
    if note.get("time"):
        parts.append(f"**Time:** {note['time']}")
    return "\n\n".join(parts)


def section_titles(nb) -> list[str]:
    """Every ``##`` heading of a notebook's markdown cells, in order."""
    titles = []
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            titles += [m.group(1).strip() for m in re.finditer(r"^## (?!#)(.+?)\s*$", cell.source, re.M)]
    return titles


def build_deck(nb, stem: str, notes: dict | None = None):
    """A copy of ``nb`` (outputs already offline HTML) re-cut into slides; see the module docstring."""
    import nbformat

    notes = load_notes() if notes is None else notes
    blocks: list[Block] = []
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            blocks += split_markdown(cell.source)
        elif cell.cell_type == "code":
            blocks += output_blocks(cell.get("outputs", []))
    cells: list[Any] = []
    state = {"used": 0.0, "section": None, "has_content": False, "last": None}

    def new_cell(source: str, slide_type: str, kind: str = "markdown") -> None:
        meta = {"slideshow": {"slide_type": slide_type}}
        if kind == "html":
            cell = nbformat.v4.new_code_cell(source="", metadata=meta)
            cell.outputs = [nbformat.v4.new_output("display_data", data={"text/html": source})]
            cell.execution_count = None
        else:
            cell = nbformat.v4.new_markdown_cell(source=source, metadata=meta)
        cells.append(cell)

    def start(slide_type: str, heading: str | None, cost: float) -> None:
        new_cell(heading, slide_type) if heading else None
        state["used"] = cost
        state["has_content"] = False
        if not heading:
            # an empty marker cell opens the (sub-)slide for what follows
            new_cell("", slide_type)

    def continued() -> None:
        title = state["section"]
        heading = f"### {title} (continued)" if title else None
        start("subslide", heading, 1.6 if heading else 0.0)

    def place(block: Block, source: str, kind: str = "markdown", slide_type: str = "-") -> None:
        if state["has_content"] and state["used"] + block.lines > BUDGET_LINES:
            continued()
        new_cell(source, slide_type, kind)
        state["used"] += block.lines + BLOCK_GAP
        state["has_content"] = True
        state["last"] = block.kind

    for block in blocks:
        if state.get("skip") and block.kind not in ("heading1", "heading2"):
            continue
        if block.kind in ("heading1", "heading2"):
            title = HEADING.match(block.source).group(2)
            start("slide", block.source, block.lines)
            state["skip"] = False
            if block.kind == "heading2":
                state["section"] = re.sub(r"\s*\([^)]*\bmin\b[^)]*\)\s*$", "", title)  # no "(12 min)"
                if "references" in title.lower():
                    # A reference list does not belong on slides: one line says where it is.
                    new_cell(REFERENCES_NOTE, "-")
                    state["skip"] = True
                note = note_for(notes, stem, title)
                if note:
                    new_cell(notes_markdown(note), "notes")
            else:
                state["section"] = None
            continue
        if block.kind == "heading3":
            start("subslide", block.source, block.lines)
            continue
        if block.kind in ("figure", "app"):
            if state["has_content"] or state["used"] > 2.5:
                continued()
            new_cell(block.source, "-", "html")
            state["used"] += block.lines
            state["has_content"] = True
            state["last"] = block.kind
            continue
        if block.kind in ("table", "htmltable") and state["used"] + block.lines > BUDGET_LINES:
            # A long table is split by rows over as many slides as it needs ("Rows a–b of n").
            room = BUDGET_LINES - state["used"] if not state["has_content"] else BUDGET_LINES - 2.5
            split, cell_kind = ((_split_md_table, "markdown") if block.kind == "table"
                                else (_split_html_table, "html"))
            for k, part in enumerate(split(block, room)):
                if k > 0 or (state["has_content"] and state["used"] + part.lines > BUDGET_LINES):
                    continued()
                new_cell(part.source, "-", cell_kind)
                state["used"] += part.lines
                state["has_content"] = True
            continue
        kind = "html" if block.kind in ("html", "htmltable") else "markdown"
        place(block, block.source, kind, "fragment" if block.kind == "details" else "-")
    deck = nbformat.v4.new_notebook(cells=cells, metadata=nb.metadata)
    return deck
