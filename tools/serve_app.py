"""Serve the risk checklist (notebook 03) as a Voilà app on this computer only: ``make app``.

Usage::

    python tools/serve_app.py                       # http://127.0.0.1:8866, notebook 03
    python tools/serve_app.py --port 9000 --notebook notebooks/00_start_here.ipynb --print-command

Voilà runs the notebook in a fresh kernel for each visitor and shows only its outputs (code hidden, widgets
live). It listens on 127.0.0.1 only and reaches no network: the template in ``voila/templates/microlib``
serves its icon fonts and plotly.js from local copies, which this script copies into the template's
``static/vendor/`` (git-ignored) from ``vendor/node_modules`` (``npm ci --prefix vendor``) and the plotly
package. Voilà's settings (loopback address, template, hidden code, left-out extensions) are in
``voila/voila.json``; this script adds only the notebook and the port. What each message that stock Voilà prints
in the browser console means, and what we did about it: ``docs/presenting.md``.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CONFIG_DIR = ROOT / "voila"  # voila.json: the server and page settings
TEMPLATE = ROOT / "voila" / "templates" / "microlib"
STATIC_VENDOR = TEMPLATE / "static" / "vendor"
FONTAWESOME = ROOT / "vendor" / "node_modules" / "@fortawesome" / "fontawesome-free"

# Front-end extensions the app does not load, and why (the list itself is `extension_denylist` in voila/voila.json;
# tests/test_project_files.py checks that the two agree). Every other installed extension is loaded.
LEFT_OUT = {
    # Draws plotly mimetype outputs, then calls model.setData() to cache a PNG, which Voilà 0.5 does not
    # provide ("r.setData is not a function"). The template draws those figures with plotly.js instead.
    "jupyterlab-plotly": "figures are drawn by the template with the plotly package's plotly.js",
    # JupyterLab-only tools: slides, the Voilà preview button, notebook-editor syntax colours.
    "jupyterlab-rise": "slides belong to JupyterLab, not the app",
    "@voila-dashboards/jupyterlab-preview": "the preview button belongs to JupyterLab",
    "jupyterlab_pygments": "code is hidden in the app",
    # A JupyterLab 3 extension (wants @jupyterlab/rendermime ^3.2.8, hence a version warning); Voilà bundles
    # JupyterLab 4's own MathJax typesetter, so formulas still render without it.
    "@jupyterlab/mathjax3-extension": "Voilà typesets formulas with its bundled MathJax",
    # Installed with jupytext, which reads the lesson sources; its JupyterLab menus have no place in the app.
    "jupyterlab-jupytext": "jupytext is a build tool here, not part of the app",
}


def default_notebook() -> Path:
    matches = sorted((ROOT / "notebooks").glob("03_*.ipynb"))
    if not matches:
        raise SystemExit("notebook 03 (notebooks/03_*.ipynb) does not exist yet; pass --notebook PATH")
    return matches[0]


def copy_static() -> None:
    """Copy Font Awesome (from npm) and plotly.min.js (from the plotly package) next to the template."""
    if not (FONTAWESOME / "css" / "all.min.css").exists():
        raise SystemExit(f"Font Awesome is missing from {FONTAWESOME}: run `npm ci --prefix vendor` "
                         "(`make app` does it)")
    import plotly

    target = STATIC_VENDOR / "fontawesome"
    for part in ("css", "webfonts"):
        shutil.copytree(FONTAWESOME / part, target / part, dirs_exist_ok=True)
    plotly_js = Path(plotly.__file__).parent / "package_data" / "plotly.min.js"
    if not (STATIC_VENDOR / "plotly.min.js").exists() or \
            (STATIC_VENDOR / "plotly.min.js").stat().st_size != plotly_js.stat().st_size:
        shutil.copyfile(plotly_js, STATIC_VENDOR / "plotly.min.js")


def voila_command(notebook: Path, port: int) -> list[str]:
    """The Voilà command line: the notebook and the port; every other setting comes from ``voila/voila.json``."""
    voila = Path(sys.executable).with_name("voila")
    return [
        str(voila if voila.exists() else shutil.which("voila") or "voila"), str(notebook), f"--port={port}",
        f"--Voila.config_file_paths={CONFIG_DIR}",
    ]


def voila_env() -> dict[str, str]:
    """The environment for Voilà: our template on the Jupyter path, plotly's renderer left at its default."""
    env = dict(os.environ)
    env["JUPYTER_PATH"] = os.pathsep.join(p for p in (str(ROOT), env.get("JUPYTER_PATH", "")) if p)
    env.setdefault("JUPYTER_PLATFORM_DIRS", "1")
    env.pop("PLOTLY_RENDERER", None)
    return env


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--notebook", type=Path, help="notebook to serve (default: notebooks/03_*.ipynb)")
    parser.add_argument("--port", type=int, default=8866, help="port on 127.0.0.1 (default 8866)")
    parser.add_argument("--print-command", action="store_true", help="print the Voilà command, do not run it")
    args = parser.parse_args(argv)
    notebook = (args.notebook or default_notebook()).resolve()
    command = voila_command(notebook, args.port)
    if args.print_command:
        print(" ".join(command))
        return
    copy_static()
    print(f"Serving {notebook.name} at http://127.0.0.1:{args.port}/ (this computer only). Stop with Ctrl+C.",
          flush=True)
    os.chdir(notebook.parent)
    os.execve(command[0], command, voila_env())


if __name__ == "__main__":
    main(sys.argv[1:])
