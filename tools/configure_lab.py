"""Write JupyterLab settings into the venv so a classroom session starts quietly, offline and as tested.

Run by the Makefile after every (re)install: ``python tools/configure_lab.py .venv``. Everything goes into the
venv's own ``share/jupyter`` and ``etc/jupyter`` folders (the sys-prefix level), never into the user's home.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

OVERRIDES = {
    # No news feed and no update check: both would reach the network and pop a toast at students.
    "@jupyterlab/apputils-extension:notification": {"fetchNews": "false", "checkForUpdates": False},
    # Long code lines wrap instead of scrolling sideways: on a 1024-pixel projector a 120-character line does
    # not fit (tests/browser/test_projector_view.py checks every code cell).
    "@jupyterlab/notebook-extension:tracker": {"codeCellConfig": {"lineNumbers": False, "lineWrap": True}},
}
# jupytext is installed to read the lesson sources (tools/notebook_source.py). Its JupyterLab parts would open
# every .py file as a notebook and add menus students do not need, so they are switched off; the library stays.
DISABLED_LAB_EXTENSIONS = ("jupyterlab-jupytext",)
DISABLED_SERVER_EXTENSIONS = ("jupyterlab_jupytext",)


def _merge_json(path: Path, update: dict) -> None:
    current = json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}
    for key, value in update.items():
        current[key] = {**current.get(key, {}), **value} if isinstance(value, dict) else value
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(current, indent=2) + "\n", encoding="utf-8")


def main(venv: str) -> None:
    root = Path(venv)
    settings = root / "share" / "jupyter" / "lab" / "settings"
    settings.mkdir(parents=True, exist_ok=True)
    (settings / "overrides.json").write_text(json.dumps(OVERRIDES, indent=2) + "\n", encoding="utf-8")
    # What `jupyter labextension disable --level=sys_prefix` writes.
    _merge_json(root / "etc" / "jupyter" / "labconfig" / "page_config.json",
                {"disabledExtensions": dict.fromkeys(DISABLED_LAB_EXTENSIONS, True)})
    # Read after the packages' own files in this folder (alphabetical order), so it wins.
    server = {"ServerApp": {"jpserver_extensions": dict.fromkeys(DISABLED_SERVER_EXTENSIONS, False)}}
    target = root / "etc" / "jupyter" / "jupyter_server_config.d" / "zz-microlib.json"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(json.dumps(server, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else ".venv")
