"""The set-up promises: environment.yml matches pyproject, the data dictionary is current, doctor passes."""

from __future__ import annotations

import json
import re
import shlex
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

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


def _locked() -> dict[str, tuple[str, list[str]]]:
    """``{name: (version, [sha256 hashes])}`` from requirements.lock (uv's hashed format)."""
    locked: dict[str, tuple[str, list[str]]] = {}
    current = None
    for line in (REPO_ROOT / "requirements.lock").read_text(encoding="utf-8").splitlines():
        match = re.match(r"^([A-Za-z0-9_.\-]+)==(\S+)", line)
        if match:
            current = normalise(match.group(1))
            locked[current] = (match.group(2), [])
        elif current and line.strip().startswith("--hash=sha256:"):
            locked[current][1].append(line.strip().removeprefix("--hash=sha256:").rstrip(" \\"))
    return locked


def test_every_requirement_is_locked_at_a_version_it_allows_with_hashes() -> None:
    from packaging.requirements import Requirement

    project = tomllib.loads((REPO_ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    requirements = [*project["dependencies"], *(r for extra in project["optional-dependencies"].values()
                                                 for r in extra)]
    locked = _locked()
    for text in requirements:
        requirement = Requirement(text)
        name = normalise(requirement.name)
        assert name in locked, f"{name} is in pyproject.toml but not in requirements.lock (run `make lock`)"
        version, _ = locked[name]
        assert requirement.specifier.contains(version, prereleases=True), f"{name}=={version} breaks '{text}'"
    unhashed = sorted(name for name, (_, hashes) in locked.items() if not hashes)
    assert unhashed == [] and all(len(h) == 64 for _, hashes in locked.values() for h in hashes), unhashed


def _stamp_hash(folder: Path) -> str:
    """The venv stamp hash the Makefile computes in ``folder``."""
    out = subprocess.run(["make", "--no-print-directory", "-s", "--eval", "print-hash: ; @echo $(DEP_HASH)",
                          "print-hash"], cwd=folder, capture_output=True, text=True, check=True)
    return out.stdout.strip()


def test_the_venv_is_reinstalled_for_dependency_changes_only(tmp_path: Path) -> None:
    for name in ("Makefile", "pyproject.toml", "requirements.lock"):
        shutil.copy(REPO_ROOT / name, tmp_path / name)
    pyproject, lock = tmp_path / "pyproject.toml", tmp_path / "requirements.lock"
    original = _stamp_hash(tmp_path)
    assert re.fullmatch(r"[0-9a-f]{16}", original)
    text = pyproject.read_text(encoding="utf-8")
    pyproject.write_text(text.replace("line-length = 120", "line-length = 100") + "\n[tool.extra]\nx = 1\n",
                         encoding="utf-8")
    assert _stamp_hash(tmp_path) == original, "a [tool.*] setting must not reinstall the venv"
    pyproject.write_text(text.replace('"pyyaml>=6",', '"pyyaml>=6.0.1",'), encoding="utf-8")
    assert _stamp_hash(tmp_path) != original, "a dependency change must resync the venv"
    pyproject.write_text(text, encoding="utf-8")
    lock.write_text(lock.read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8")
    assert _stamp_hash(tmp_path) != original, "a lock change must resync the venv"


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


def _make_dry_run(target: str) -> str:
    return subprocess.run(["make", "--no-print-directory", "-n", target], cwd=REPO_ROOT, capture_output=True,
                          text=True, check=True).stdout


def test_make_lab_opens_the_start_here_notebook_offline() -> None:
    """The command `make lab` runs: every flag is a real JupyterLab setting, and together they keep it offline."""
    from jupyter_server.serverapp import ServerApp
    from jupyterlab.labapp import LabApp

    command = next(line for line in _make_dry_run("lab").splitlines() if "jupyter lab" in line)
    app = LabApp()
    app.parse_command_line(shlex.split(command.split("jupyter lab", 1)[1]))
    for section, values in app.config.items():
        known = {"LabApp": LabApp, "ServerApp": ServerApp}[section].class_trait_names(config=True) if values else []
        assert set(values) <= set(known), f"{section} has no setting {sorted(set(values) - set(known))}"
    assert app.config.ServerApp.ip == "127.0.0.1"
    assert app.config.LabApp.news_url is None and app.config.LabApp.extension_manager == "readonly"
    assert app.config.LabApp.check_for_updates_class == "jupyterlab.NeverCheckForUpdate"
    assert (REPO_ROOT / app.config.LabApp.default_url.split("/lab/tree/", 1)[1]).is_file()


def test_ci_runs_the_readme_test_command(tmp_path: Path) -> None:
    """.ci/run ends in `make test` (recorded by a stand-in make), and the README's two commands are make targets."""
    readme = (REPO_ROOT / "README.md").read_text(encoding="utf-8")
    block = re.search(r"## Two commands.*?```bash\n(.*?)```", readme, flags=re.DOTALL)
    assert block, "README has no '## Two commands' block"
    commands = [line.split("#", 1)[0].strip() for line in block.group(1).splitlines() if line.strip()]
    assert commands == ["make lab", "make test"]
    for command in commands:
        _make_dry_run(command.split()[1])  # raises if make does not know the target
    log = tmp_path / "calls.log"
    for tool in ("make", "apt-get", "sudo", "npm"):
        stub = tmp_path / tool
        stub.write_text(f'#!/bin/sh\necho "{tool} $* CI=$CI" >> "{log}"\n', encoding="utf-8")
        stub.chmod(0o755)
    env = {"PATH": f"{tmp_path}:/usr/bin:/bin", "HOME": str(tmp_path)}
    subprocess.run(["bash", str(REPO_ROOT / ".ci" / "run")], env=env, check=True, timeout=60,
                   stdin=subprocess.DEVNULL, capture_output=True)
    assert log.read_text(encoding="utf-8").splitlines()[-1] == "make test CI=true"


def test_doctor_is_the_lazy_top_level_function_even_after_its_module_is_imported(capsys) -> None:
    import microlib.selfcheck

    report = microlib.doctor()
    assert microlib.doctor is microlib.selfcheck.doctor
    assert isinstance(report, microlib.selfcheck.Report) and report.ok, capsys.readouterr().out


def test_voila_reads_its_settings_from_the_config_file() -> None:
    """tools/serve_app.py passes only the notebook and port; the rest comes from voila/voila.json."""
    from voila.app import Voila
    from voila.configuration import VoilaConfiguration

    sys.path.insert(0, str(REPO_ROOT / "tools"))
    try:
        import serve_app
    finally:
        sys.path.remove(str(REPO_ROOT / "tools"))
    config = json.loads((REPO_ROOT / "voila" / "voila.json").read_text(encoding="utf-8"))
    assert config["VoilaConfiguration"]["extension_denylist"] == list(serve_app.LEFT_OUT)
    command = serve_app.voila_command(REPO_ROOT / "notebooks" / "00_start_here.ipynb", 8999)
    app = Voila()  # what Voila.initialize does, without starting anything
    app.parse_command_line(command[1:])
    app.load_config_file("voila", path=app.config_file_paths)
    page = VoilaConfiguration(parent=app)
    assert (app.ip, app.port, app.port_retries, app.open_browser) == ("127.0.0.1", 8999, 0, False)
    assert (page.template, page.theme, page.strip_sources, page.show_tracebacks) == ("microlib", "light", True, False)
    assert page.extension_denylist == list(serve_app.LEFT_OUT)


def test_citation_and_licences_match_the_package() -> None:
    citation = yaml.safe_load((REPO_ROOT / "CITATION.cff").read_text(encoding="utf-8"))
    project = tomllib.loads((REPO_ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert {"cff-version", "message", "title", "authors"} <= set(citation) and citation["cff-version"] == "1.2.0"
    assert str(citation["version"]) == project["version"] == microlib.__version__
    assert citation["license"] == project["license"]["text"] == "MIT"
    assert (REPO_ROOT / "LICENSE").read_text(encoding="utf-8").startswith("MIT License")
    assert "CC BY 4.0" in (REPO_ROOT / "LICENSE-content.md").read_text(encoding="utf-8")
    changelog = (REPO_ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
    assert "## [Unreleased]" in changelog and f"## [{project['version']}]" in changelog


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


def test_lab_settings_written_by_make_lab_are_real_jupyterlab_settings() -> None:
    """Every setting in tools/configure_lab.py's overrides names a plugin and property of the installed JupyterLab,
    with a value of the schema's type, so a renamed setting cannot silently stop working."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("configure_lab", REPO_ROOT / "tools" / "configure_lab.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    schemas = Path(sys.prefix) / "share" / "jupyter" / "lab" / "schemas"
    python_type = {"object": dict, "boolean": bool, "string": str, "array": list, "number": (int, float)}
    for plugin, settings in module.OVERRIDES.items():
        package, name = plugin.split(":")
        schema = json.loads((schemas / package / f"{name}.json").read_text(encoding="utf-8"))
        for key, value in settings.items():
            assert key in schema["properties"], f"{plugin} has no setting {key!r}"
            declared = schema["properties"][key].get("type")
            if isinstance(declared, str):
                assert isinstance(value, python_type[declared]), (plugin, key, value, declared)
            if key == "codeCellConfig":
                assert set(value) <= set(schema["properties"][key]["default"]), value
