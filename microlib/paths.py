"""Where the package finds its data and notebooks.

The data folder is looked up once, at import, in this order:

1. ``MICROLIB_DATA_DIR``, if set (it must name a folder that holds the data tables);
2. a ``data/`` folder holding the data tables in the current folder or one of its parents: a student's copy of the
   repository, pulled on a hub with nbgitpuller, where the kernel starts in the copy's ``notebooks/`` folder;
3. the ``data/`` folder next to the package's source (a checkout with ``pip install -e .``).

So a package installed without ``-e`` (as on a hub) reads the data of the copy the lessons were opened from, and
a student's edited copy takes effect. ``NOTEBOOKS_DIR`` is the ``notebooks/`` folder beside the chosen data.
"""

from __future__ import annotations

import os
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
# Files every copy of the data folder has: a folder named data/ without them belongs to something else.
DATA_MARKERS = ("references.csv", "studies.csv", "skin_sites.csv")
DATA_ENV = "MICROLIB_DATA_DIR"


def is_data_dir(folder: Path) -> bool:
    """True when ``folder`` holds this package's data tables (every file in :data:`DATA_MARKERS`)."""
    return folder.is_dir() and all((folder / name).is_file() for name in DATA_MARKERS)


def find_data_dir(start: Path | None = None, environ: dict[str, str] | None = None) -> Path:
    """The data folder, by the order in the module docstring; ``start`` is the folder to search up from.

    >>> find_data_dir(environ={}) == find_data_dir(REPO_ROOT / "notebooks", environ={})
    True
    """
    environ = os.environ if environ is None else environ
    chosen = environ.get(DATA_ENV, "").strip()
    if chosen:
        folder = Path(chosen).expanduser().resolve()
        if not is_data_dir(folder):
            raise FileNotFoundError(f"{DATA_ENV}={chosen!r} does not name a data folder: it must contain "
                                    f"{', '.join(DATA_MARKERS)}")
        return folder
    here = (Path.cwd() if start is None else Path(start)).resolve()
    for folder in (here, *here.parents):
        if is_data_dir(folder / "data"):
            return folder / "data"
    return REPO_ROOT / "data"


DATA_DIR = find_data_dir()
NOTEBOOKS_DIR = DATA_DIR.parent / "notebooks"
