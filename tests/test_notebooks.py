"""Static checks on every committed notebook: skeleton, size, execution, offline, and source in sync."""

from __future__ import annotations

import json
import re
from pathlib import Path

import nbformat
import pytest

from microlib.paths import NOTEBOOKS_DIR
from tools.notebook_source import cells_of, parse_source, source_to_notebook

NOTEBOOKS = sorted(NOTEBOOKS_DIR.glob("*.ipynb"))
SOURCES = sorted((NOTEBOOKS_DIR / "src").glob("*.py"))
MAX_BYTES = 1_000_000
REQUIRED_SECTIONS = ("Overview", "Prerequisites", "Time to learn", "Summary", "References")
# Anything that would make a stored output fetch code or styles from the internet when it is displayed.
NETWORK_AT_RUN_TIME = re.compile(
    r"""<script[^>]*\bsrc\s*=\s*["']?(https?:)?//"""
    r"""|<link[^>]*\bhref\s*=\s*["']?(https?:)?//[^"' >]*\.(css|js)"""
    r"""|import\(\s*["']https?://|require\.config\([^)]*https?://"""
    r"""|cdn\.plot\.ly|cdn\.jsdelivr\.net|unpkg\.com|cdnjs\.cloudflare\.com""",
    re.IGNORECASE,
)
# A local path, not a path inside a web address (those are preceded by a host name).
ABSOLUTE_PATH = re.compile(r"(?<![\w.-])(/work/|/home/|/tmp/|/root/)|[A-Z]:\\\\Users")


def test_there_are_notebooks() -> None:
    assert NOTEBOOKS, "no notebooks found"


@pytest.fixture(params=NOTEBOOKS, ids=lambda p: p.name)
def notebook(request: pytest.FixtureRequest) -> tuple[Path, nbformat.NotebookNode]:
    path = request.param
    return path, nbformat.read(path, as_version=4)


def markdown_text(nb: nbformat.NotebookNode) -> str:
    return "\n".join(c.source for c in nb.cells if c.cell_type == "markdown")


def headings(nb: nbformat.NotebookNode, level: int) -> list[str]:
    text = re.sub(r"```.*?```", "", markdown_text(nb), flags=re.DOTALL)
    return re.findall(rf"^{'#' * level} (.+)$", text, flags=re.MULTILINE)


def test_each_notebook_is_under_one_megabyte(notebook) -> None:
    path, _ = notebook
    assert path.stat().st_size <= MAX_BYTES, f"{path.name} is {path.stat().st_size / 1e6:.2f} MB"


def test_each_notebook_has_exactly_one_title(notebook) -> None:
    _, nb = notebook
    assert len(headings(nb, 1)) == 1, headings(nb, 1)


def test_each_notebook_has_the_skeleton_sections(notebook) -> None:
    _, nb = notebook
    sections = headings(nb, 2)
    for required in REQUIRED_SECTIONS:
        assert any(required.lower() in s.lower() for s in sections), f"no '## {required}' section in {sections}"


def test_every_image_has_alt_text(notebook) -> None:
    _, nb = notebook
    text = markdown_text(nb)
    assert not re.search(r"!\[\s*\]\(", text), "markdown image without alt text"
    for tag in re.findall(r"<img\b[^>]*>", text, flags=re.IGNORECASE):
        assert re.search(r'\balt\s*=\s*"[^"]+"', tag), f"<img> without alt text: {tag}"


def test_kernelspec_is_python3(notebook) -> None:
    _, nb = notebook
    assert nb.metadata.kernelspec.name == "python3"


def test_no_error_outputs(notebook) -> None:
    _, nb = notebook
    for cell in nb.cells:
        for output in cell.get("outputs", []):
            assert output.output_type != "error", f"error output: {output.get('ename')}"
            assert not (output.output_type == "stream" and output.name == "stderr"), output.text[:300]


def test_cells_were_executed_in_order_in_one_kernel(notebook) -> None:
    _, nb = notebook
    code = [c for c in nb.cells if c.cell_type == "code" and c.source.strip()]
    counts = [c.execution_count for c in code]
    assert counts == list(range(1, len(code) + 1)), counts


def test_no_output_needs_the_network_or_leaks_a_path(notebook) -> None:
    _, nb = notebook
    for cell in nb.cells:
        for output in cell.get("outputs", []):
            text = json.dumps(output)
            match = NETWORK_AT_RUN_TIME.search(text)
            assert not match, f"output refers to a network resource: {match.group(0)}"
            path = ABSOLUTE_PATH.search(text)
            assert not path, f"output contains an absolute path: {path.group(0)}"


def test_no_executed_widget_state_is_stored(notebook) -> None:
    _, nb = notebook
    assert "widgets" not in nb.metadata, "strip metadata.widgets (tools/build_notebooks.py does)"


def test_every_notebook_has_a_source_and_they_agree() -> None:
    assert sorted(p.stem for p in NOTEBOOKS) == sorted(p.stem for p in SOURCES)
    for source in SOURCES:
        built = cells_of(source_to_notebook(source))
        committed = cells_of(nbformat.read(NOTEBOOKS_DIR / f"{source.stem}.ipynb", as_version=4))
        assert built == committed, f"{source.stem}: rebuild with `make notebooks` (source and notebook differ)"


NUMBER_WITH_UNIT = re.compile(
    # "%" is not a word character, so only the word units take a trailing \b.
    r"(?<![\w.])(\d+(?:\.\d+)?)\s*(%|(?:mm|µm|days?|weeks?|months?|years?|people|patients|participants|studies"
    r"|trials)\b)"
)


def test_every_number_with_a_unit_in_the_prose_also_appears_in_the_data() -> None:
    """A loose guard against numbers typed into a lesson from memory: each must exist somewhere in data/.

    It cannot prove the number is used in the right sense, but a figure that appears nowhere in the cited
    tables is either a typo or an uncited claim.
    """
    data_dir = NOTEBOOKS_DIR.parent / "data"
    data_text = " ".join(p.read_text(encoding="utf-8") for p in data_dir.iterdir() if p.suffix in (".csv", ".yaml"))
    known = set(re.findall(r"\d+(?:\.\d+)?", data_text))
    for source in SOURCES:
        cells = [c for c in parse_source(source.read_text(encoding="utf-8")) if c["cell_type"] == "markdown"]
        prose = "\n".join(c["source"] for c in cells)
        unknown = sorted({f"{n} {u}" for n, u in NUMBER_WITH_UNIT.findall(prose) if n not in known})
        assert unknown == [], f"{source.name}: numbers not found in data/: {unknown}"
