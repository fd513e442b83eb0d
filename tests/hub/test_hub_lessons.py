"""The lessons on the class hub: pulled with nbgitpuller, run in a student's kernel, reading the pulled data."""

from __future__ import annotations

import json
import re
import subprocess
import tempfile
from pathlib import Path

import pytest
from harness import code_cells
from hubclass import Class

ROOT = Path(__file__).resolve().parents[2]
LESSONS = sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))


def test_package_is_installed_without_e_and_reads_the_pulled_data(class_hub: Class) -> None:
    """The documented route: a plain `pip install` in the shared environment; data from the student's copy."""
    result = class_hub.ann.run_code(
        "import microlib, microlib.paths as p\n"
        "from microlib.loader import load_table\n"
        "print(microlib.__file__); print(p.DATA_DIR); print(len(load_table('healing_phases')) > 0)\n",
        notebook="notebooks/01_collagen_induction.ipynb")
    assert result["status"] == "ok", result
    package_file, data_dir, loaded = result["stdout"].split()
    assert "/site-packages/microlib/" in package_file and not package_file.startswith(str(ROOT))
    assert data_dir == str(class_hub.home("ann") / "microneedling-lessons" / "data")
    assert loaded == "True"


@pytest.mark.parametrize("lesson", LESSONS, ids=[path.stem[:2] for path in LESSONS])
def test_every_lesson_runs_in_a_students_kernel(class_hub: Class, lesson: Path) -> None:
    """Run All, cell by cell, in ann's kernel on her pulled copy: no cell may fail."""
    ann = class_hub.ann
    kernel_id = ann.start_kernel(f"notebooks/{lesson.name}")
    try:
        with ann.kernel(kernel_id) as kernel:
            for number, code in enumerate(code_cells(lesson), start=1):
                result = kernel.execute(code, timeout=300)
                assert result["status"] == "ok", f"{lesson.name} code cell {number}: {result['error']}"
    finally:
        ann.stop_kernel(kernel_id)


def test_a_second_pull_keeps_the_students_edits(class_hub: Class) -> None:
    """nbgitpuller merges the trainer's new commit and leaves the student's own change alone."""
    bob = class_hub.bob
    copy = class_hub.home("bob") / "microneedling-lessons"
    mine = copy / "notebooks" / "00_start_here.ipynb"
    edit = bob.run_code(f"p = {str(mine)!r}\nopen(p, 'a').write('\\n')\nprint('edited')")
    assert edit["stdout"].strip() == "edited", edit
    edited = mine.read_text()
    bare = class_hub.repo.removeprefix("file://")
    with tempfile.TemporaryDirectory() as tmp:
        git = ["git", "-C", tmp, "-c", "user.name=trainer", "-c", "user.email=trainer@localhost"]
        subprocess.run(["git", "clone", "--quiet", bare, tmp], check=True)
        (Path(tmp) / "CHANGES-FOR-CLASS.md").write_text("New this week: exercise 5.\n")
        subprocess.run([*git, "add", "CHANGES-FOR-CLASS.md"], check=True)
        subprocess.run([*git, "commit", "--quiet", "-m", "trainer update"], check=True)
        subprocess.run([*git, "push", "--quiet", "origin", "main"], check=True)
    bob.pull(class_hub.repo)
    assert (copy / "CHANGES-FOR-CLASS.md").read_text() == "New this week: exercise 5.\n"
    assert mine.read_text() == edited


def test_students_kernel_has_exactly_the_locked_packages(class_hub: Class) -> None:
    """The same packages as `make lab`: every requirements.lock pin, at its version, in a student's kernel."""
    pins = dict(re.findall(r"^([A-Za-z0-9_.\-]+)==([^\s\\;]+)", (ROOT / "requirements.lock").read_text(), re.M))
    assert len(pins) > 50
    result = class_hub.ann.run_code(
        "import importlib.metadata as m, json\n"
        f"pins = {pins!r}\n"
        "def version(name):\n"
        "    try:\n"
        "        return m.version(name)\n"
        "    except m.PackageNotFoundError:\n"
        "        return None\n"
        "print(json.dumps({n: version(n) for n in pins}))\n", timeout=120)
    assert result["status"] == "ok", result
    found = json.loads(result["stdout"])
    wrong = {name: (want, found[name]) for name, want in pins.items() if found[name] != want}
    assert not wrong, f"packages differ from requirements.lock (wanted, found): {wrong}"


def test_students_jupyterlab_has_the_settings_of_make_lab(class_hub: Class) -> None:
    """Quiet and offline, long code lines wrapped, jupytext's Lab parts off: what tools/configure_lab.py writes."""
    import configure_lab  # tools/configure_lab.py (tools/ is on the path through hubclass)
    from hubclass import hub_tools

    venv = hub_tools.prefix_from_env() / "venv"
    overrides = json.loads((venv / "share" / "jupyter" / "lab" / "settings" / "overrides.json").read_text())
    assert overrides == configure_lab.OVERRIDES
    page_config = json.loads((venv / "etc" / "jupyter" / "labconfig" / "page_config.json").read_text())
    assert all(page_config["disabledExtensions"].get(name) for name in configure_lab.DISABLED_LAB_EXTENSIONS)
