"""The set-up promises: environment.yml matches pyproject, the data dictionary is current, doctor passes."""

from __future__ import annotations

import re
import tomllib

import yaml

import microlib
from microlib.data_dictionary import data_dictionary
from microlib.paths import DATA_DIR, REPO_ROOT

NOT_PACKAGES = {"python", "pip", "-e ."}


def normalise(requirement: str) -> str:
    name = re.split(r"[<>=!~\[; ]", requirement.strip(), maxsplit=1)[0]
    return name.lower().replace("_", "-")


def pyproject_packages() -> set[str]:
    project = tomllib.loads((REPO_ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    names = {normalise(r) for r in project["dependencies"]}
    for extra in project["optional-dependencies"].values():
        names |= {normalise(r) for r in extra}
    return names


def environment_packages() -> set[str]:
    env = yaml.safe_load((REPO_ROOT / "environment.yml").read_text(encoding="utf-8"))
    names: set[str] = set()
    for item in env["dependencies"]:
        if isinstance(item, dict):
            names |= {normalise(r) for r in item.get("pip", []) if r.strip() not in NOT_PACKAGES}
        else:
            names.add(normalise(item))
    return names - NOT_PACKAGES


def test_environment_yml_names_the_same_packages_as_pyproject() -> None:
    assert environment_packages() == pyproject_packages()


def test_every_locked_top_level_package_is_pinned() -> None:
    locked = {normalise(line): line for line in (REPO_ROOT / "requirements.lock").read_text().splitlines() if line}
    for name in pyproject_packages():
        assert name in locked, f"{name} is in pyproject.toml but not in requirements.lock (run `make lock`)"
        assert "==" in locked[name]


def test_data_dictionary_is_current() -> None:
    committed = (DATA_DIR / "README.md").read_text(encoding="utf-8")
    assert committed == data_dictionary(), "regenerate: python -m microlib data-dictionary > data/README.md"


def test_doctor_reports_a_working_environment(capsys) -> None:
    report = microlib.doctor()
    printed = capsys.readouterr().out
    assert report.ok, printed
    assert "data tables" in printed and "✔ ok" in printed


def test_importing_microlib_does_not_import_the_heavy_stack() -> None:
    import subprocess
    import sys

    code = "import sys, microlib; print(sorted(m for m in ('pandas', 'plotly', 'pydantic') if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


def test_make_lab_opens_the_start_here_notebook_offline() -> None:
    makefile = (REPO_ROOT / "Makefile").read_text(encoding="utf-8")
    url = re.search(r"--LabApp\.default_url=/lab/tree/(\S+)", makefile)
    assert url and (REPO_ROOT / url.group(1)).is_file()
    offline = ("--ServerApp.ip=127.0.0.1", "--LabApp.news_url=None", "NeverCheckForUpdate", "manager=readonly")
    for flag in offline:
        assert flag in makefile


def test_ci_runs_the_readme_test_command() -> None:
    readme = (REPO_ROOT / "README.md").read_text(encoding="utf-8")
    assert "make lab" in readme and "make test" in readme
    assert "make test" in (REPO_ROOT / ".ci" / "run").read_text(encoding="utf-8")


def test_doctor_stays_callable_after_its_module_is_imported() -> None:
    import microlib.selfcheck

    assert callable(microlib.doctor)


def test_every_reference_is_cited_somewhere() -> None:
    """The references table lists sources the lessons use, not a reading list: each key is cited somewhere."""
    from microlib.loader import load_records
    from microlib.references import cited_by
    from microlib.schemas import all_specs

    cited = set(cited_by(*(s.name for s in all_specs().values() if s.citation_columns)))
    lesson_text = " ".join(p.read_text(encoding="utf-8") for p in (REPO_ROOT / "notebooks" / "src").glob("*.py"))
    lesson_text += " ".join(p.read_text(encoding="utf-8") for p in (REPO_ROOT / "microlib").rglob("*.py"))
    uncited = [r.key for r in load_records("references") if r.key not in cited and not re.search(
        rf"\b{re.escape(r.key)}\b", lesson_text)]
    assert uncited == []
