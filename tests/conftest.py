"""Shared fixtures for the unit tests."""

from __future__ import annotations

import csv
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from microlib.paths import DATA_DIR


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    """A private copy of ``data/`` that a test may corrupt."""
    target = tmp_path / "data"
    shutil.copytree(DATA_DIR, target)
    return target


def read_csv_rows(path: Path) -> list[list[str]]:
    with path.open(newline="", encoding="utf-8") as handle:
        return list(csv.reader(handle))


def write_csv_rows(path: Path, rows: list[list[str]]) -> None:
    with path.open("w", newline="", encoding="utf-8") as handle:
        csv.writer(handle).writerows(rows)


@pytest.fixture
def edit_cell() -> Callable[[Path, int, str, str], None]:
    """Set one cell of a CSV file: ``edit_cell(path, data_row_number, column, new_value)`` (rows from 1)."""

    def edit(path: Path, row: int, column: str, value: str) -> None:
        rows = read_csv_rows(path)
        rows[row][rows[0].index(column)] = value
        write_csv_rows(path, rows)

    return edit
