"""Corrupted copies of the real data files must fail loudly, naming file, row, column, value and expectation.

Each test breaks one thing in a private copy of ``data/`` and asserts on the message the loader gives. If the
loader's validation were removed, every test here would fail.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from microlib.loader import DataValidationError, load_all, load_table
from tests.conftest import read_csv_rows, write_csv_rows


def problems_of(data_dir: Path) -> str:
    with pytest.raises(DataValidationError) as caught:
        load_all(data_dir)
    return str(caught.value)


def test_the_real_data_loads_cleanly() -> None:
    tables = load_all()
    assert {"references", "glossary"} <= set(tables)
    assert all(len(rows) > 0 for rows in tables.values())


def test_a_missing_column_is_named(data_copy: Path) -> None:
    path = data_copy / "references.csv"
    rows = read_csv_rows(path)
    index = rows[0].index("year")
    write_csv_rows(path, [r[:index] + r[index + 1:] for r in rows])
    message = problems_of(data_copy)
    assert "data/references.csv" in message
    assert "column 'year'" in message
    assert "missing from the header" in message


def test_a_wrong_type_names_row_column_and_value(data_copy: Path, edit_cell) -> None:
    edit_cell(data_copy / "references.csv", 2, "year", "twenty-ten")
    message = problems_of(data_copy)
    assert "data/references.csv, row 2 (line 3), column 'year': got 'twenty-ten'; expected a valid integer" in message


def test_an_out_of_range_value_gives_the_allowed_range(data_copy: Path, edit_cell) -> None:
    edit_cell(data_copy / "references.csv", 1, "year", "1850")
    message = problems_of(data_copy)
    assert "row 1 (line 2), column 'year': got '1850'; expected greater than or equal to 1950" in message


def test_a_value_outside_the_allowed_set_lists_the_allowed_values(data_copy: Path, edit_cell) -> None:
    edit_cell(data_copy / "references.csv", 3, "source_kind", "blog")
    message = problems_of(data_copy)
    assert "column 'source_kind': got 'blog'" in message
    assert "'primary', 'review', 'secondary copy', 'commercial' or 'regulatory'" in message


def test_a_duplicate_key_names_both_rows(data_copy: Path) -> None:
    path = data_copy / "references.csv"
    rows = read_csv_rows(path)
    write_csv_rows(path, [*rows, rows[1]])
    message = problems_of(data_copy)
    duplicate_row = len(rows)  # data rows are numbered from 1, so the appended copy is row len(rows)
    assert f"row {duplicate_row}" in message
    assert f"column 'key': got '{rows[1][0]}'; expected a unique value (row 1 already has it)" in message


def test_an_unresolved_citation_is_named_with_a_suggestion(data_copy: Path, edit_cell) -> None:
    edit_cell(data_copy / "glossary.csv", 1, "citations", "hou2071")
    message = problems_of(data_copy)
    assert "data/glossary.csv, row 1 (line 2), column 'citations': got 'hou2071'" in message
    assert "expected a key listed in data/references.csv (closest: 'hou2017')" in message


def test_an_empty_required_cell_is_reported(data_copy: Path, edit_cell) -> None:
    edit_cell(data_copy / "references.csv", 2, "title", "")
    message = problems_of(data_copy)
    assert "row 2 (line 3), column 'title': got ''; expected a value (this column is required)" in message


def test_an_empty_citation_list_is_reported(data_copy: Path, edit_cell) -> None:
    edit_cell(data_copy / "glossary.csv", 3, "citations", " ; ")
    message = problems_of(data_copy)
    assert "data/glossary.csv, row 3 (line 4), column 'citations'" in message


def test_a_malformed_doi_is_reported_with_its_pattern(data_copy: Path, edit_cell) -> None:
    edit_cell(data_copy / "references.csv", 1, "doi", "doi.org/10.1097/x")
    message = problems_of(data_copy)
    assert "column 'doi': got 'doi.org/10.1097/x'; expected string should match pattern" in message


def test_an_unknown_column_is_not_silently_dropped(data_copy: Path) -> None:
    path = data_copy / "glossary.csv"
    rows = read_csv_rows(path)
    write_csv_rows(path, [[*rows[0], "colour"], *[[*r, "red"] for r in rows[1:]]])
    message = problems_of(data_copy)
    assert "data/glossary.csv, column 'colour': got 'colour'; expected only the declared columns" in message


def test_a_row_with_too_many_fields_is_reported(data_copy: Path) -> None:
    path = data_copy / "glossary.csv"
    rows = read_csv_rows(path)
    rows[2] = [*rows[2], "stray"]
    write_csv_rows(path, rows)
    message = problems_of(data_copy)
    assert f"data/glossary.csv, row 2 (line 3): got {len(rows[0]) + 1}; expected {len(rows[0])} fields" in message


def test_an_undeclared_file_is_reported(data_copy: Path) -> None:
    (data_copy / "mystery.csv").write_text("a,b\n1,2\n", encoding="utf-8")
    message = problems_of(data_copy)
    assert "data/mystery.csv; expected a declared schema" in message


def test_a_missing_file_is_reported(data_copy: Path) -> None:
    (data_copy / "glossary.csv").unlink()
    message = problems_of(data_copy)
    assert "data/glossary.csv; expected the file to exist" in message


def test_a_bad_verification_value_is_reported(data_copy: Path, edit_cell) -> None:
    edit_cell(data_copy / "glossary.csv", 2, "verification", "trust me")
    message = problems_of(data_copy)
    expected = "expected 'primary', 'secondary' or 'commercial'"
    assert f"column 'verification': got 'trust me'; {expected}" in message


def test_every_problem_is_reported_not_just_the_first(data_copy: Path, edit_cell) -> None:
    edit_cell(data_copy / "references.csv", 1, "year", "x")
    edit_cell(data_copy / "glossary.csv", 1, "topic", "astrology")
    with pytest.raises(DataValidationError) as caught:
        load_all(data_copy)
    files = {p.file for p in caught.value.problems}
    assert {"references.csv", "glossary.csv"} <= files


def test_an_edit_to_a_file_is_picked_up_without_restarting(data_copy: Path, edit_cell) -> None:
    assert len(load_table("glossary", data_copy)) > 0
    edit_cell(data_copy / "glossary.csv", 1, "topic", "astrology")
    with pytest.raises(DataValidationError):
        load_table("glossary", data_copy)


def test_asking_for_an_unknown_table_lists_the_known_ones() -> None:
    with pytest.raises(KeyError, match=r"known tables: .*glossary"):
        load_table("nonsense")


def test_an_unverified_value_cannot_load_in_a_table_shown_as_data(data_copy: Path, edit_cell) -> None:
    edit_cell(data_copy / "glossary.csv", 1, "verification", "unverified")
    message = problems_of(data_copy)
    assert "column 'verification': got 'unverified'; expected 'primary', 'secondary' or 'commercial'" in message


def test_an_unverified_calibration_target_cannot_be_fitted(data_copy: Path) -> None:
    path = data_copy / "calibration_targets.csv"
    rows = read_csv_rows(path)
    header = rows[0]
    row = next(i for i, r in enumerate(rows) if r[header.index("verification")] == "unverified")
    rows[row][header.index("role")] = "fit"
    write_csv_rows(path, rows)
    assert "role 'not_used' for an unverified observation, not 'fit'" in problems_of(data_copy)


def test_a_bad_checked_on_date_is_reported(data_copy: Path, edit_cell) -> None:
    edit_cell(data_copy / "studies.csv", 1, "checked_on", "last week")
    edit_cell(data_copy / "claims.csv", 2, "checked_on", "2019-05-01")
    message = problems_of(data_copy)
    assert "data/studies.csv, row 1 (line 2), column 'checked_on': got 'last week'; expected a valid date" in message
    assert "data/claims.csv, row 2 (line 3), column 'checked_on': got '2019-05-01'; expected a date from 2020-01-01" \
        in message


def test_a_level_basis_that_is_neither_rule_nor_a_reason_is_reported(data_copy: Path, edit_cell) -> None:
    edit_cell(data_copy / "studies.csv", 1, "level_basis", "not levelled")
    message = problems_of(data_copy)
    assert "data/studies.csv, row 1 (line 2), column 'level_basis': got 'not levelled'" in message
    assert "rule|not levelled: " in message


def test_an_unknown_jurisdiction_lists_the_allowed_ones(data_copy: Path, edit_cell) -> None:
    edit_cell(data_copy / "regulation.csv", 1, "jurisdiction", "Canada")
    message = problems_of(data_copy)
    assert "data/regulation.csv, row 1 (line 2), column 'jurisdiction': got 'Canada'" in message
    assert "'any', 'US', 'EU', 'UK' or 'Australia'" in message
