"""Write JupyterLab settings overrides into the venv so a classroom session starts quietly and offline.

Run by the Makefile after every (re)install: ``python tools/configure_lab.py .venv``.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

OVERRIDES = {
    # No news feed and no update check: both would reach the network and pop a toast at students.
    "@jupyterlab/apputils-extension:notification": {"fetchNews": "false", "checkForUpdates": False},
}


def main(venv: str) -> None:
    settings = Path(venv) / "share" / "jupyter" / "lab" / "settings"
    settings.mkdir(parents=True, exist_ok=True)
    (settings / "overrides.json").write_text(json.dumps(OVERRIDES, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else ".venv")
