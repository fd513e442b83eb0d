"""A JupyterHub for a class on this computer: ``make hub`` (see docs/scaling.md).

Usage (as root: the hub starts each student's server as that student's own Unix account)::

    python tools/hub.py                 # set up the shared environment if needed, then run the hub on 127.0.0.1:8000
    python tools/hub.py --setup-only    # only build or refresh the shared environment
    python tools/hub.py --lessons-repo  # also publish this checkout as a local git repository for nbgitpuller
                                        # and print the students' link (``make hub`` does this)

What it does, in the way The Littlest JupyterHub lays out a server:

* ``PREFIX/venv`` (``MICROLIB_HUB_PREFIX``, default ``/opt/microlib-hub``) is the students' shared environment:
  exactly ``requirements.lock`` (the packages of ``make lab``), plus ``hub/requirements-hub.txt`` (JupyterHub,
  the authenticator, the idle culler, nbgitpuller), plus this package installed *without* ``-e``, as a hub
  installs it. Students run their servers and kernels from it; the hub runs from it as root.
* Students' accounts cannot enter ``/root``. When the Python this script runs on lives somewhere they cannot
  reach (pyenv under ``/root``), its standard library is copied to ``PREFIX/python`` first.
* The hub's database, cookie secret and proxy token live in ``PREFIX/state`` (readable by root only).
* The proxy is configurable-http-proxy from ``vendor/node_modules`` (pinned by ``vendor/package-lock.json``).

The hub's own settings are in ``hub/jupyterhub_config.py``; the environment variables it reads are listed there.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import shutil
import stat
import subprocess
import sys
import sysconfig
import tempfile
import urllib.parse
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LOCK = ROOT / "requirements.lock"
HUB_REQUIREMENTS = ROOT / "hub" / "requirements-hub.txt"
CONFIG = ROOT / "hub" / "jupyterhub_config.py"
PROXY = ROOT / "vendor" / "node_modules" / ".bin" / "configurable-http-proxy"
DEFAULT_PREFIX = Path("/opt/microlib-hub")
LESSONS_NAME = "microneedling-lessons"  # the folder a student's copy lands in
PY_VERSION = f"python{sys.version_info.major}.{sys.version_info.minor}"


def prefix_from_env() -> Path:
    return Path(os.environ.get("MICROLIB_HUB_PREFIX", str(DEFAULT_PREFIX)))


def world_reachable(path: Path) -> bool:
    """True when every folder above ``path`` lets other accounts through (the ``x`` bit for others)."""
    return all(folder.stat().st_mode & stat.S_IXOTH for folder in [path, *path.parents] if folder.exists())


def base_python(prefix: Path) -> tuple[Path, Path | None]:
    """The interpreter students' processes can run, and the folder of its libpython (None: system default).

    Uses this Python's own installation when students can reach it; otherwise copies its executable, its shared
    library and its standard library (without tests and site-packages) into ``prefix/python``.
    """
    base = Path(sys.base_prefix)
    executable = base / "bin" / PY_VERSION
    if world_reachable(executable):
        return executable, None
    target = prefix / "python"
    copied = target / "bin" / PY_VERSION
    marker = target / f".copied-from-{hashlib.sha256(str(base).encode()).hexdigest()[:12]}-{sys.version.split()[0]}"
    if not marker.exists():
        shutil.rmtree(target, ignore_errors=True)
        (target / "bin").mkdir(parents=True)
        shutil.copy2(executable, copied)
        libdir = Path(sysconfig.get_config_var("LIBDIR") or base / "lib")
        (target / "lib").mkdir()
        for library in libdir.glob("libpython3*.so*"):
            shutil.copy2(library, target / "lib" / library.name, follow_symlinks=True)
        shutil.copytree(base / "lib" / PY_VERSION, target / "lib" / PY_VERSION, symlinks=True,
                        ignore=shutil.ignore_patterns("site-packages", "test", "__pycache__", "idlelib", "tkinter"))
        (target / "lib" / PY_VERSION / "site-packages").mkdir(exist_ok=True)
        make_readable(target)
        marker.touch()
    return copied, target / "lib"


def make_readable(folder: Path) -> None:
    """Let other accounts read and enter everything under ``folder`` (the shared environment, not the state)."""
    subprocess.run(["chmod", "-R", "a+rX", str(folder)], check=True)


def hub_environment(prefix: Path) -> dict[str, str]:
    """Environment for the hub process: where the shared environment and the proxy are."""
    env = dict(os.environ)
    libdir = prefix / "python" / "lib"
    if libdir.exists():
        env["LD_LIBRARY_PATH"] = str(libdir)  # the copied interpreter's libpython (passed on to students)
    env["MICROLIB_HUB_ENV"] = str(prefix / "venv")
    env.setdefault("MICROLIB_HUB_STATE", str(prefix / "state"))
    env.setdefault("MICROLIB_HUB_PROXY", str(PROXY))
    git_config = prefix / "lessons" / "gitconfig"
    if git_config.exists():
        env.setdefault("MICROLIB_HUB_GIT_CONFIG", str(git_config))
    env["PATH"] = f"{prefix / 'venv' / 'bin'}{os.pathsep}{env.get('PATH', '')}"
    env.pop("VIRTUAL_ENV", None)
    for name in ("JUPYTER_CONFIG_DIR", "JUPYTER_DATA_DIR", "JUPYTER_RUNTIME_DIR", "IPYTHONDIR",
                 "JUPYTERLAB_WORKSPACES_DIR", "PYTHONPATH"):
        env.pop(name, None)  # `make`'s repository-local Jupyter folders are not the students'
    return env


def _pip(prefix: Path, *args: str) -> None:
    env = hub_environment(prefix)
    env["PIP_DISABLE_PIP_VERSION_CHECK"] = "1"
    subprocess.run([str(prefix / "venv" / "bin" / "python"), "-m", "pip", "install", "--quiet", *args],
                   check=True, env=env)


def ensure_env(prefix: Path, *, reinstall_package: bool = False) -> Path:
    """Build or refresh ``prefix/venv``; returns the path of its Python. Idempotent: a stamp skips the lock."""
    prefix.mkdir(parents=True, exist_ok=True)
    os.chmod(prefix, 0o755)
    python, libdir = base_python(prefix)
    venv = prefix / "venv"
    env = dict(os.environ)
    if libdir is not None:
        env["LD_LIBRARY_PATH"] = str(libdir)
    if not (venv / "bin" / "python").exists():
        subprocess.run([str(python), "-m", "venv", str(venv)], check=True, env=env)
    digest = hashlib.sha256(LOCK.read_bytes() + HUB_REQUIREMENTS.read_bytes()).hexdigest()[:16]
    stamp = venv / f".installed-{digest}"
    if not stamp.exists():
        _pip(prefix, "--require-hashes", "-r", str(LOCK))
        _pip(prefix, "--no-deps", "-r", str(HUB_REQUIREMENTS))
        for old in venv.glob(".installed-*"):
            old.unlink()
        stamp.touch()
    package_stamp = venv / f".microlib-{package_digest()}"
    if reinstall_package or not package_stamp.exists():
        install_package(prefix)
        for old in venv.glob(".microlib-*"):
            old.unlink()
        package_stamp.touch()
    # The same JupyterLab settings as `make lab` (quiet and offline, code lines wrap, jupytext's Lab parts off).
    subprocess.run([str(venv / "bin" / "python"), str(ROOT / "tools" / "configure_lab.py"), str(venv)], check=True,
                   env=env)
    make_readable(venv)
    return venv / "bin" / "python"


def package_digest() -> str:
    """Hash of the package's source files: the shared environment reinstalls the package when it changes."""
    digest = hashlib.sha256()
    for path in sorted([ROOT / "pyproject.toml", *(ROOT / "microlib").rglob("*.py")]):
        digest.update(str(path.relative_to(ROOT)).encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()[:16]


def install_package(prefix: Path) -> None:
    """Install this package into the shared environment the way the docs tell a hub to: not editable.

    Built from a copy of the package's files, so the checkout gets no build/ or egg-info folders.
    """
    with tempfile.TemporaryDirectory(prefix="microlib-build-") as tmp:
        source = Path(tmp) / "src"
        source.mkdir()
        for name in ("pyproject.toml", "README.md"):
            shutil.copy2(ROOT / name, source / name)
        shutil.copytree(ROOT / "microlib", source / "microlib", ignore=shutil.ignore_patterns("__pycache__"))
        _pip(prefix, "--no-deps", "--force-reinstall", str(source))


def publish_lessons(destination: Path, source: Path = ROOT) -> Path:
    """A bare git repository at ``destination`` holding this checkout's files as they are now (one commit).

    Stands in for the public repository an nbgitpuller link names, so a hub with no network can pull lessons.
    Files are those git tracks plus new files it does not ignore. Returns ``destination``.
    """
    listing = subprocess.run(["git", "-C", str(source), "ls-files", "-z", "-c", "-o", "--exclude-standard"],
                             capture_output=True, check=True).stdout.decode().split("\0")
    with tempfile.TemporaryDirectory(prefix="microlib-lessons-") as tmp:
        work = Path(tmp) / "work"
        for name in filter(None, listing):
            path = source / name
            if path.is_file():
                (work / name).parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(path, work / name)
        git = ["git", "-C", str(work), "-c", "user.name=microlib hub", "-c", "user.email=hub@localhost"]
        subprocess.run(["git", "init", "--quiet", "--initial-branch=main", str(work)], check=True)
        subprocess.run([*git, "add", "--all"], check=True)
        subprocess.run([*git, "commit", "--quiet", "-m", "lessons"], check=True)
        shutil.rmtree(destination, ignore_errors=True)
        destination.parent.mkdir(parents=True, exist_ok=True)
        subprocess.run(["git", "clone", "--quiet", "--bare", str(work), str(destination)], check=True)
    make_readable(destination.parent if destination.parent != Path("/") else destination)
    return destination


def student_link(hub_url: str, repo: str, branch: str = "main") -> str:
    """The nbgitpuller link that copies ``repo`` into each student's home and opens lesson 00."""
    query = urllib.parse.urlencode({
        "repo": repo, "branch": branch, "targetpath": LESSONS_NAME,
        "urlpath": f"lab/tree/{LESSONS_NAME}/notebooks/00_start_here.ipynb",
    })
    return f"{hub_url}/hub/user-redirect/git-pull?{query}"


def hub_command(prefix: Path) -> list[str]:
    return [str(prefix / "venv" / "bin" / "jupyterhub"), "-f", str(CONFIG)]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--setup-only", action="store_true", help="build the shared environment and stop")
    parser.add_argument("--lessons-repo", action="store_true",
                        help="publish this checkout as PREFIX/lessons/microneedling-lessons.git for nbgitpuller")
    args = parser.parse_args(argv)
    if os.geteuid() != 0:
        print("The class hub starts each student's server under that student's own account, so it must run as "
              "root (sudo make hub).", file=sys.stderr)
        return 1
    if not PROXY.exists():
        print(f"configurable-http-proxy is missing from {PROXY}: run `make vendor` (needs npm).", file=sys.stderr)
        return 1
    prefix = prefix_from_env()
    ensure_env(prefix)
    if args.lessons_repo:
        repo = publish_lessons(prefix / "lessons" / f"{LESSONS_NAME}.git")
        # git refuses a repository owned by another account unless its global configuration lists it as safe;
        # the students' servers get this file as their global git configuration (hub/jupyterhub_config.py).
        git_config = prefix / "lessons" / "gitconfig"
        git_config.write_text(f"[safe]\n\tdirectory = {repo}\n")
        git_config.chmod(0o644)
        print(f"Lessons published for nbgitpuller at file://{repo}")
    if args.setup_only:
        return 0
    env = hub_environment(prefix)
    Path(env["MICROLIB_HUB_STATE"]).mkdir(parents=True, exist_ok=True, mode=0o700)
    address = f"http://{env.get('MICROLIB_HUB_IP', '127.0.0.1')}:{env.get('MICROLIB_HUB_PORT', '8000')}"
    print(f"JupyterHub on {address}. Sign up the trainer account ({env.get('MICROLIB_HUB_ADMIN', 'trainer')}) "
          f"first at {address}/hub/signup, then approve students at {address}/hub/authorize. Ctrl-C stops it.")
    repo = prefix / "lessons" / f"{LESSONS_NAME}.git"
    if repo.exists():
        print(f"Students' link (pulls the lessons, opens lesson 00): {student_link(address, f'file://{repo}')}")
    os.chdir(env["MICROLIB_HUB_STATE"])
    os.execve(hub_command(prefix)[0], hub_command(prefix), env)
    return 0  # not reached


if __name__ == "__main__":
    sys.exit(main())
