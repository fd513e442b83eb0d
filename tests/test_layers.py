"""The layers are checked by import-linter (``make lint``); these tests keep its contracts complete and honest.

- every module of ``microlib`` sits in exactly one layer of the ``layers`` contract, so a new module cannot
  slip past the linter unplaced;
- the contracts really fail on a planted leak (a pure module importing a display library or the figure style);
- apps build figures only through ``microlib.plots``: from plotly they may use ``FigureWidget`` (to show a figure
  a builder made) and trace classes in ``isinstance`` checks, but never construct traces or figures themselves.
"""

from __future__ import annotations

import ast
import importlib
import importlib.util
import pkgutil
import re
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

import microlib
from microlib.paths import REPO_ROOT

LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")
#: Plotly calls apps may make: showing a builder's figure. Anything else builds a figure outside plots/.
ALLOWED_PLOTLY_CALLS = {"FigureWidget"}
#: Known leaks still to remove (module, plotly name): each has an owner and goes once fixed.
KNOWN_LEAKS: set[tuple[str, str]] = set()


def _config() -> dict:
    return tomllib.loads((REPO_ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["importlinter"]


def _layer_contract() -> dict:
    return next(c for c in _config()["contracts"] if c["type"] == "layers")


def _modules() -> set[str]:
    """Every module of microlib, as the layer it would be checked under (packages count as one)."""
    names = set()
    for info in pkgutil.iter_modules(microlib.__path__):
        names.add(f"microlib.{info.name}")
    return names


def test_every_module_is_placed_in_exactly_one_layer() -> None:
    placed: list[str] = []
    for layer in _layer_contract()["layers"]:
        placed += [name.strip().strip("()") for name in re.split(r"[:|]", layer) if name.strip()]
    assert len(placed) == len(set(placed)), "a module is listed in two layers"
    assert set(placed) == _modules(), (
        f"add to a layer in pyproject.toml: {sorted(_modules() - set(placed))}; "
        f"remove (no such module): {sorted(set(placed) - _modules())}"
    )


PLANTED_LEAKS = [  # (module, import planted into it, words of the contract that must report it)
    ("healing_model", "import IPython.display", "import display libraries", "IPython"),
    ("checks", "import plotly.graph_objects", "import display libraries", "plotly"),
    ("skin", "from . import style", "use the figure style", "microlib.style"),
    ("loader", "from . import healing", "Layers", "microlib.healing"),
]


@pytest.mark.skipif(not LINT_IMPORTS.exists(), reason="import-linter is not installed in this environment")
def test_the_contracts_catch_planted_leaks(tmp_path: Path) -> None:
    shutil.copytree(REPO_ROOT / "microlib", tmp_path / "microlib", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(REPO_ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    for module, planted, _, _ in PLANTED_LEAKS:
        target = tmp_path / "microlib" / f"{module}.py"
        target.write_text(target.read_text(encoding="utf-8") + f"\n\ndef _leak():\n    {planted}\n",
                          encoding="utf-8")
    env = {"PATH": "/usr/bin:/bin", "PYTHONPATH": str(tmp_path), "HOME": str(tmp_path), "COLUMNS": "400"}
    result = subprocess.run([str(LINT_IMPORTS), "--no-cache"], cwd=tmp_path, env=env, capture_output=True,
                            text=True, timeout=120)
    assert result.returncode == 1, result.stdout + result.stderr
    report = " ".join(result.stdout.split("Broken contracts", 1)[-1].split())
    for module, _, contract, imported in PLANTED_LEAKS:
        assert contract in report and f"microlib.{module} -> {imported}" in report, (module, report)


def _plotly_calls(path: Path) -> set[str]:
    """Names called on ``plotly.graph_objects`` (or ``plotly``) in one file, e.g. ``{"FigureWidget", "Scatter"}``."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    aliases: set[str] = set()
    direct: dict[str, str] = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            aliases |= {a.asname or a.name for a in node.names if a.name.startswith("plotly")}
        elif isinstance(node, ast.ImportFrom) and (node.module or "").startswith("plotly"):
            direct |= {a.asname or a.name: a.name for a in node.names}
    called = set()
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        func = node.func
        if isinstance(func, ast.Attribute):
            root = func.value
            while isinstance(root, ast.Attribute):
                root = root.value
            if isinstance(root, ast.Name) and root.id in aliases:
                called.add(func.attr)
        elif isinstance(func, ast.Name) and func.id in direct:
            called.add(direct[func.id])
    return called


def test_apps_build_figures_only_through_plots() -> None:
    found = set()
    for path in sorted((REPO_ROOT / "microlib" / "apps").glob("*.py")):
        module = f"microlib.apps.{path.stem}"
        found |= {(module, name) for name in _plotly_calls(path) - ALLOWED_PLOTLY_CALLS}
    assert found - KNOWN_LEAKS == set(), "build these figures in microlib/plots/ and pass them to the app"
    fixed = KNOWN_LEAKS - found
    assert not fixed, f"remove from KNOWN_LEAKS in tests/test_layers.py (fixed): {sorted(fixed)}"


def test_the_plotly_call_finder_sees_trace_construction(tmp_path: Path) -> None:
    sample = tmp_path / "app.py"
    sample.write_text("import plotly.graph_objects as go\nfrom plotly.graph_objects import Bar\n"
                      "def f(fig):\n    fig.add_trace(go.Scatter(x=[1]))\n    isinstance(fig, go.Bar)\n"
                      "    return go.FigureWidget(fig), Bar()\n", encoding="utf-8")
    assert _plotly_calls(sample) == {"Scatter", "FigureWidget", "Bar"}


def _lesson_imports(source: Path) -> set[str]:
    modules = set()
    for node in ast.walk(ast.parse(source.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            modules |= {a.name for a in node.names if a.name.split(".")[0] == "microlib"}
        elif isinstance(node, ast.ImportFrom) and (node.module or "").split(".")[0] == "microlib":
            # ``from microlib import healing`` imports the module microlib.healing
            for alias in node.names:
                candidate = f"{node.module}.{alias.name}"
                try:
                    is_module = importlib.util.find_spec(candidate) is not None
                except ModuleNotFoundError:  # node.module is a plain module, so the name is an attribute
                    is_module = False
                modules.add(candidate if is_module else node.module)
    return modules


def test_lessons_import_only_the_public_api() -> None:
    import microlib

    public = set(microlib.PUBLIC_MODULES)
    for module in public:
        assert importlib.util.find_spec(module) is not None, f"PUBLIC_MODULES names a missing module {module}"
    private = {str(path.name): sorted(_lesson_imports(path) - public)
               for path in sorted((REPO_ROOT / "notebooks" / "src").glob("*.py"))}
    assert {k: v for k, v in private.items() if v} == {}, "lessons import internal modules"


def test_the_public_api_check_sees_an_internal_import(tmp_path: Path) -> None:
    lesson = tmp_path / "lesson.py"
    lesson.write_text("from microlib import healing_model\nfrom microlib.checks import check_range\n")
    assert _lesson_imports(lesson) == {"microlib.healing_model", "microlib.checks"}
