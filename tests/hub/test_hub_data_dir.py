"""Where microlib finds data/ (microlib/paths.py): its own variable, the copy the lessons run from, its source.

These need no hub and no root.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from microlib import paths


def _copy(tmp_path: Path) -> Path:
    """A pulled copy of the repository: data/ and notebooks/ side by side."""
    copy = tmp_path / "microneedling-lessons"
    shutil.copytree(paths.REPO_ROOT / "data", copy / "data")
    (copy / "notebooks").mkdir()
    return copy


def test_the_copy_the_lessons_run_from_wins(tmp_path: Path) -> None:
    copy = _copy(tmp_path)
    assert paths.find_data_dir(copy / "notebooks", environ={}) == (copy / "data").resolve()
    assert paths.find_data_dir(copy, environ={}) == (copy / "data").resolve()


def test_the_variable_wins_over_the_folder(tmp_path: Path) -> None:
    copy = _copy(tmp_path)
    chosen = paths.find_data_dir(copy / "notebooks", environ={"MICROLIB_DATA_DIR": str(paths.REPO_ROOT / "data")})
    assert chosen == (paths.REPO_ROOT / "data").resolve()


def test_a_folder_named_data_without_the_tables_is_not_taken(tmp_path: Path) -> None:
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "references.csv").write_text("key\n")
    assert paths.find_data_dir(tmp_path, environ={}) == paths.REPO_ROOT / "data"


def test_outside_any_copy_the_package_source_is_used(tmp_path: Path) -> None:
    assert paths.find_data_dir(tmp_path, environ={}) == paths.REPO_ROOT / "data"


def test_a_wrong_variable_names_itself_and_what_is_missing(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError, match=r"MICROLIB_DATA_DIR.*references\.csv"):
        paths.find_data_dir(tmp_path, environ={"MICROLIB_DATA_DIR": str(tmp_path)})
