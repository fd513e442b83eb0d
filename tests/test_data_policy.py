"""One data policy: a trainer who edits a file in ``data/`` sees the new value on the next call, everywhere.

Each test points the loader at a copy of ``data/``, reads a value through the library (which fills every cache),
edits the copy the way a trainer would, and reads again. No cache is cleared by hand, as in a running kernel.
"""

from __future__ import annotations

import csv
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from microlib import healing, loader, risk, skin
from microlib.paths import DATA_DIR

SITE = "zygoma (cheekbone)"


@pytest.fixture
def data_copy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    copy = tmp_path / "data"
    shutil.copytree(DATA_DIR, copy)
    monkeypatch.setattr(loader, "DATA_DIR", copy)  # nothing is cleared by hand: the fingerprint does it
    yield copy


def edit_csv(path: Path, key: str, column: str, value: str) -> None:
    """Set ``column`` of the row whose ``key`` (first column) is ``key``, keeping everything else as it was."""
    with path.open(newline="", encoding="utf-8") as handle:
        rows = list(csv.reader(handle))
    header = rows[0]
    matches = [row for row in rows[1:] if row and row[0] == key]
    assert len(matches) == 1, f"{path.name} has no single row {key!r}"
    matches[0][header.index(column)] = value
    with path.open("w", newline="", encoding="utf-8") as handle:
        csv.writer(handle, lineterminator="\n").writerows(rows)


def test_an_edited_parameter_default_is_seen_by_the_model(data_copy: Path) -> None:
    before = healing.simulate(5, 30, 1.5, SITE, 200)
    assert healing.default_parameters()["gain_scale"] == 1.0
    edit_csv(data_copy / "healing_parameters.csv", "gain_scale", "default", "1.5")
    assert healing.default_parameters()["gain_scale"] == 1.5
    after = healing.simulate(5, 30, 1.5, SITE, 200)
    assert after.loc[176, "new_collagen_pct"] == pytest.approx(1.5 * before.loc[176, "new_collagen_pct"])


def test_an_edited_range_is_enforced_on_the_next_call(data_copy: Path) -> None:
    healing.simulate(3, 30, 1.5, SITE, 100, t_half_fibroblast=40.0)
    edit_csv(data_copy / "healing_parameters.csv", "t_half_fibroblast", "max", "30")
    with pytest.raises(ValueError, match=r"t_half_fibroblast=40\.0 is outside 5–30"):
        healing.simulate(3, 30, 1.5, SITE, 100, t_half_fibroblast=40.0)


def test_an_edited_calibration_target_refits_the_gain(data_copy: Path) -> None:
    fitted = healing.calibrate()
    assert healing.simulate(5, 30, 1.5, SITE, 200).loc[176, "new_collagen_pct"] == pytest.approx(53.2, abs=0.05)
    edit_csv(data_copy / "calibration_targets.csv", fitted.target_key, "observed_pct", "60.0")
    refit = healing.calibrate()
    assert refit.target_pct == 60.0 and refit.gain > fitted.gain
    assert healing.simulate(5, 30, 1.5, SITE, 200).loc[176, "new_collagen_pct"] == pytest.approx(60.0, abs=0.05)


def test_an_edited_dermis_thickness_is_seen_by_the_depth_model(data_copy: Path) -> None:
    assert skin.dermis_mm("eyelid", "female") == 0.58
    edit_csv(data_copy / "skin_sites.csv", "meng_eyelid_f", "thickness_mm", "0.61")
    assert skin.dermis_mm("eyelid", "female") == 0.61


def test_an_edited_checklist_label_is_seen_by_the_checklist(data_copy: Path) -> None:
    first = risk.checklist_items()[0]
    path = data_copy / "checklist.yaml"
    text = path.read_text(encoding="utf-8")
    assert text.count(f"label: {first.label}\n") == 1
    path.write_text(text.replace(f"label: {first.label}\n", "label: Edited in class\n"), encoding="utf-8")
    assert risk.checklist_items()[0].label == "Edited in class"


def test_a_broken_edit_is_reported_not_hidden_by_a_cache(data_copy: Path) -> None:
    healing.default_parameters()
    edit_csv(data_copy / "healing_parameters.csv", "gain_scale", "default", "lots")
    with pytest.raises(loader.DataValidationError, match=r"healing_parameters\.csv, row \d+ .*column 'default'"):
        healing.default_parameters()
