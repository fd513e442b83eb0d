"""Tests for microlib.skin: layer boundaries, needle reach and argument checking."""

from __future__ import annotations

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from microlib import skin

SITES = skin.sites()


def test_model_sites_are_the_verified_per_site_rows():
    table = skin.site_table()
    assert all("meng2022" in keys for keys in table["citations"])
    assert len(SITES) == 8 and "eyelid" in SITES and "neck" in SITES


def test_range_only_and_unverified_rows_are_never_used_as_per_site_values():
    from microlib.loader import load_table

    table = load_table("skin_sites")
    used = table[table["in_model"]]
    assert (used["statistic"] == "site_mean").all()
    assert (used["verification"] != "unverified").all()


@pytest.mark.parametrize("site", SITES)
@pytest.mark.parametrize("sex", ["female", "male"])
def test_layer_boundaries_stack_from_the_surface_down(site, sex):
    bounds = skin.layer_boundaries(site, sex)
    assert list(bounds["layer"]) == [*skin.LAYERS[:3], skin.beneath(site)]
    assert bounds["top_mm"].iloc[0] == 0
    assert (bounds["bottom_mm"].iloc[:-1].to_numpy() == bounds["top_mm"].iloc[1:].to_numpy()).all()
    assert math.isinf(bounds["bottom_mm"].iloc[-1])
    dermis = bounds["bottom_mm"].iloc[2] - bounds["top_mm"].iloc[1]
    assert dermis == pytest.approx(skin.dermis_mm(site, sex))


def test_eyelid_is_the_thinnest_dermis_in_women():
    assert skin.dermis_mm("eyelid", "female") == 0.58
    assert SITES[0] == "eyelid"


def test_reach_is_penetration_times_length():
    reach = skin.needle_reach(1.5, "forehead", "female", penetration=0.5)
    assert reach.depth_mm == pytest.approx(0.75)
    assert reach.deepest_layer == "reticular dermis"
    assert reach.layers_reached == ("epidermis", "papillary dermis", "reticular dermis")


def test_a_long_needle_at_the_eyelid_reaches_the_muscle_not_fat_and_saturates_the_dermis():
    reach = skin.needle_reach(2.5, "eyelid", "female", penetration=0.8)
    assert reach.deepest_layer == "orbicularis oculi muscle"
    assert "subcutis" not in reach.layers_reached
    assert reach.dermis_fraction == 1.0


def test_only_the_eyelid_has_muscle_under_the_dermis():
    assert [site for site in SITES if skin.beneath(site) == skin.MUSCLE] == ["eyelid"]
    assert skin.needle_reach(3.0, "forehead", penetration=1.0).deepest_layer == "subcutis"


@pytest.mark.parametrize("site", SITES)
@pytest.mark.parametrize("sex", ["female", "male"])
def test_the_reticular_dermis_is_never_thinner_than_the_papillary_dermis(site, sex):
    bounds = skin.layer_boundaries(site, sex).set_index("layer")
    papillary = bounds.loc["papillary dermis", "bottom_mm"] - bounds.loc["papillary dermis", "top_mm"]
    reticular = bounds.loc["reticular dermis", "bottom_mm"] - bounds.loc["reticular dermis", "top_mm"]
    assert reticular >= papillary - 1e-9, (site, sex, papillary, reticular)


def test_the_papillary_cap_only_bites_where_the_dermis_is_thin():
    assert skin.papillary_mm("forehead") == 0.35  # the typical value, untouched
    assert skin.papillary_mm("eyelid") == pytest.approx(0.29)  # half of the 0.58 mm eyelid dermis


def test_a_short_needle_with_low_penetration_stays_in_the_epidermis():
    reach = skin.needle_reach(0.2, "forehead", penetration=0.2)
    assert reach.deepest_layer == "epidermis"
    assert reach.dermis_fraction == 0.0


@settings(max_examples=60, deadline=None)
@given(a=st.floats(0.1, 3.0), b=st.floats(0.1, 3.0), pen=st.floats(0.2, 1.0), site=st.sampled_from(SITES))
def test_a_longer_needle_never_reaches_less(a, b, pen, site):
    short, long_ = sorted((a, b))
    r1, r2 = skin.needle_reach(short, site, penetration=pen), skin.needle_reach(long_, site, penetration=pen)
    assert r2.depth_mm >= r1.depth_mm
    assert r2.dermis_fraction >= r1.dermis_fraction
    assert 0.0 <= r1.dermis_fraction <= 1.0


@pytest.mark.parametrize("value", [0.0, -1.0, 3.5, float("nan")])
def test_bad_needle_length_names_argument_value_and_range(value):
    with pytest.raises(ValueError, match=r"needle_mm=.* is outside 0\.1–3 mm \(the range devices use\)"):
        skin.needle_reach(value, "forehead")


def test_unknown_site_lists_the_allowed_sites():
    with pytest.raises(ValueError, match=r"site='knee' has no verified per-site thickness; choose one of: eyelid"):
        skin.needle_reach(1.0, "knee")


def test_bad_penetration_and_sex_are_refused():
    with pytest.raises(ValueError, match=r"penetration=1\.2 is outside 0\.2–1 "):
        skin.needle_reach(1.0, "forehead", penetration=1.2)
    with pytest.raises(ValueError, match=r"sex='x' is not one of: female, male"):
        skin.needle_reach(1.0, "forehead", sex="x")


def test_reach_table_has_one_row_per_length():
    table = skin.reach_table([0.5, 1.0, 1.5], "neck")
    assert list(table["needle_mm"]) == [0.5, 1.0, 1.5]
    assert table["depth_mm"].is_monotonic_increasing


def test_the_penetration_range_spans_both_measurements_and_cites_them():
    from microlib.loader import load_table

    default, low, high = skin.depth_parameters()["penetration"]
    assert low <= 0.2 and high >= 1.0 and low < default < high  # rat ~0.2 (Kalluri), human strips ~1 (Sasaki)
    row = load_table("healing_parameters").set_index("key").loc["penetration"]
    assert {"kalluri2011", "sasaki2019"} <= set(row["citations"])


def test_edited_data_is_seen_without_restarting(tmp_path, monkeypatch):
    import shutil

    import microlib.loader as loader

    copy = tmp_path / "data"
    shutil.copytree(loader.DATA_DIR, copy)
    monkeypatch.setattr(loader, "DATA_DIR", copy)
    assert skin.dermis_mm("eyelid") == 0.58
    path = copy / "skin_sites.csv"
    path.write_text(path.read_text(encoding="utf-8").replace(",0.58,", ",0.60,", 1), encoding="utf-8")
    assert skin.dermis_mm("eyelid") == 0.60


def test_student_tables_have_labels_captions_and_no_keys():
    tables = [skin.dermis_student_table(), skin.ranges_student_table(), skin.depth_parameter_student_table(),
              skin.reach_student_table([0.25, 0.5, 1.0, 1.5, 2.0], "forehead")]
    for table in tables:
        assert "<caption>" in table.html
        assert not any("_" in header for header in table.columns), table.columns
        for key in ("meng2022", "kalluri2011", "sasaki2019", "chopra2015", "lowest_site_mean"):
            assert key not in table.html
    assert tables[0].n_rows == len(SITES)
    assert tables[3].n_rows == 5
    assert "Sasaki 2019" in tables[2].html and "Kalluri 2011" in tables[2].html


def test_reach_by_penetration_names_the_muscle_at_the_eyelid():
    table = skin.reach_by_penetration(1.0, "eyelid", "female", (0.2, 0.5, 1.0))
    assert list(table["deepest_layer"]) == ["papillary dermis", "reticular dermis", "orbicularis oculi muscle"]
