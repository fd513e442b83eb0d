"""Tests for microlib.healing: closed form vs a numerical solver, properties, calibration, validity limits."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy.integrate import solve_ivp

from microlib import healing, skin

SITES = skin.sites()
SITE = "zygoma (cheekbone)"


def _solve_numerically(sessions, interval, days, variant="default", **overrides):
    """Integrate y' = A y with solve_ivp segment by segment, adding each session's impulse to D."""
    matrix, dose = healing.system_matrix(variant, **overrides)
    t_eval = np.arange(days + 1, dtype=float)
    out = np.zeros((days + 1, 5))
    starts = [k * interval for k in range(sessions)]
    y = np.zeros(5)
    for k, start in enumerate(starts):
        y = y + np.array([dose, 0, 0, 0, 0])
        stop = starts[k + 1] if k + 1 < sessions else float(days)
        inside = (t_eval >= start) & ((t_eval < stop) if k + 1 < sessions else (t_eval <= stop))
        sol = solve_ivp(lambda _t, v: matrix @ v, (start, max(stop, start + 1e-9)), y, method="DOP853",
                        rtol=1e-12, atol=1e-15, dense_output=True)
        out[inside] = sol.sol(t_eval[inside]).T
        y = sol.sol(stop)
    return out


SCENARIOS = [
    (5, 30, 200, "default", {}),
    (3, 14, 120, "default", {"t_half_fibroblast": 20.0, "t_half_inflammation": 1.5}),
    (6, 14, 200, "textbook", {}),
    (1, 30, 365, "default", {"t_half_injury": 0.3, "t_half_replacement": 90.0, "f3_new": 0.25}),
    (8, 7, 150, "default", {"t_half_collagen": 200.0, "gain_scale": 1.3}),
]


@pytest.mark.parametrize(("sessions", "interval", "days", "variant", "overrides"), SCENARIOS)
def test_closed_form_agrees_with_solve_ivp_to_1e_6(sessions, interval, days, variant, overrides):
    df = healing.simulate(sessions, interval, 1.5, SITE, days, variant=variant, **overrides)
    numeric = _solve_numerically(sessions, interval, days, variant, **overrides)
    c3, c1 = numeric[:, 3], numeric[:, 4]
    pairs = {
        "new_collagen_pct": 100 * (c1 + c3),
        "inflammation": numeric[:, 1],
        "fibroblasts": numeric[:, 2],
    }
    for column, reference in pairs.items():
        closed = df[column].to_numpy()
        scale = np.abs(reference).max()
        assert np.max(np.abs(closed - reference)) <= 1e-6 * scale, column


def test_calibration_reproduces_lotfi_within_half_a_point():
    df = healing.simulate(5, 30, 1.5, SITE, days=200)
    assert df.loc[176, "new_collagen_pct"] == pytest.approx(53.2, abs=0.5)
    fit = healing.calibrate()
    assert fit.target_key == "lotfi2013_masson" and fit.readout_day == 176
    assert 0.10 < fit.gain < 0.15


def test_calibration_target_is_read_from_the_data_not_typed_in():
    from microlib.loader import load_table

    targets = load_table("calibration_targets")
    fit = targets[targets["role"] == "fit"]
    assert len(fit) == 1 and fit["verification"].iloc[0] == "primary"
    assert healing.calibrate().target_pct == fit["observed_pct"].iloc[0]


def test_textbook_variant_still_fits_lotfi_but_puts_collagen_iii_first():
    df = healing.simulate(5, 30, 1.5, SITE, days=200, variant="textbook")
    assert df.loc[176, "new_collagen_pct"] == pytest.approx(53.2, abs=0.5)
    early = healing.simulate(1, 30, 1.5, SITE, days=60, variant="textbook")
    assert early.loc[10, "type_iii_share"] > 0.5
    default = healing.simulate(1, 30, 1.5, SITE, days=60)
    assert default.loc[10, "type_iii_share"] < 0.5
    # the known cost: collagen III rises far above anything reported
    six_q2w = healing.simulate(6, 14, 1.5, SITE, days=90, variant="textbook")
    assert six_q2w.loc[90, "collagen_iii"] > 150


def test_zero_sessions_give_no_response():
    df = healing.simulate(0, 30, 1.5, SITE, days=100)
    assert (df.to_numpy() == 0).all()


def test_a_needle_that_stays_in_the_epidermis_gives_no_collagen():
    df = healing.simulate(3, 30, 0.1, SITE, days=100, penetration=0.2)
    assert df["new_collagen_pct"].max() == 0


@settings(max_examples=40, deadline=None)
@given(
    sessions=st.integers(0, 8), interval=st.integers(1, 60), needle=st.floats(0.1, 3.0),
    site=st.sampled_from(SITES), pen=st.floats(0.2, 0.8), t_f=st.floats(5, 45), gain=st.floats(0.5, 1.5),
    variant=st.sampled_from(["default", "textbook"]),
)
def test_outputs_are_finite_and_non_negative(sessions, interval, needle, site, pen, t_f, gain, variant):
    df = healing.simulate(sessions, interval, needle, site, 400, variant=variant, penetration=pen,
                          t_half_fibroblast=t_f, gain_scale=gain)
    values = df.to_numpy()
    assert np.isfinite(values).all()
    assert (values >= 0).all()
    assert (df["type_iii_share"] <= 1).all()


@settings(max_examples=25, deadline=None)
@given(sessions=st.integers(1, 8), interval=st.integers(1, 60), t_i=st.floats(1, 4), t_r=st.floats(20, 120))
def test_a_schedule_is_the_sum_of_its_sessions(sessions, interval, t_i, t_r):
    days = 400
    whole = healing.simulate(sessions, interval, 1.5, SITE, days, t_half_inflammation=t_i, t_half_replacement=t_r)
    single = healing.simulate(1, interval, 1.5, SITE, days, t_half_inflammation=t_i, t_half_replacement=t_r)
    total = pd.DataFrame(0.0, index=whole.index, columns=whole.columns)
    for k in range(sessions):
        shift = k * interval
        shifted = single.shift(shift, fill_value=0.0)
        total += shifted
    for column in ("inflammation", "fibroblasts", "collagen_i", "collagen_iii", "new_collagen_pct"):
        np.testing.assert_allclose(whole[column], total[column], rtol=1e-8, atol=1e-8)


@settings(max_examples=40, deadline=None)
@given(a=st.floats(0.1, 3.0), b=st.floats(0.1, 3.0), pen=st.floats(0.2, 0.8), site=st.sampled_from(SITES),
       day=st.integers(1, 365))
def test_reaching_more_dermis_never_lowers_new_collagen(a, b, pen, site, day):
    short, long_ = sorted((a, b))
    low = healing.simulate(3, 28, short, site, 365, penetration=pen)
    high = healing.simulate(3, 28, long_, site, 365, penetration=pen)
    assert high.loc[day, "new_collagen_pct"] >= low.loc[day, "new_collagen_pct"] - 1e-12
    assert high.loc[day, "new_collagen_dermis_pct"] >= low.loc[day, "new_collagen_dermis_pct"] - 1e-12


def test_vectorised_engine_matches_the_single_scenario_closed_form():
    rng = np.random.default_rng(3)
    n = 40
    scenarios = pd.DataFrame({
        "sessions": rng.integers(0, 9, n), "interval_days": rng.integers(1, 43, n),
        "needle_mm": rng.uniform(0.25, 2.5, n), "site": rng.choice(SITES, n), "sex": rng.choice(["female", "male"], n),
        "penetration": rng.uniform(0.2, 0.8, n), "t_half_fibroblast": rng.uniform(5, 45, n),
    })
    out = healing.simulate_many(scenarios, days=300, columns=("new_collagen_pct", "new_collagen_dermis_pct",
                                                               "inflammation"))
    for i, row in scenarios.iterrows():
        df = healing.simulate(int(row.sessions), int(row.interval_days), row.needle_mm, row.site, 300, sex=row.sex,
                              penetration=row.penetration, t_half_fibroblast=row.t_half_fibroblast)
        for column in out:
            np.testing.assert_allclose(out[column][i], df[column], rtol=1e-7, atol=1e-9)


def test_uncertainty_band_contains_the_central_curve():
    band = healing.uncertainty_band(5, 30, 1.5, SITE, days=365)
    assert (band["low"] <= band["central"] + 1e-9).all()
    assert (band["central"] <= band["high"] + 1e-9).all()
    assert band.loc[176, "high"] > band.loc[176, "low"]


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"needle_mm": 0.0}, r"needle_mm=0\.0 is outside 0\.1–3 mm"),
        ({"needle_mm": -1.0}, r"needle_mm=-1\.0 is outside 0\.1–3 mm"),
        ({"needle_mm": 3.5}, r"needle_mm=3\.5 is outside 0\.1–3 mm"),
        ({"site": "elbow"}, r"site='elbow' has no verified per-site thickness; choose one of"),
        ({"interval_days": 0.5}, r"interval_days=0\.5 is outside 1–90 days"),
        ({"sessions": -1}, r"sessions=-1 is outside 0–8 sessions"),
        ({"sessions": 9}, r"sessions=9 is outside 0–8 sessions \(the model is not valid beyond 8 sessions\)"),
        ({"days": 800}, r"days=800 is outside 1–730 days \(the model is not valid beyond 2 years\)"),
        ({"t_half_fibroblast": 100.0}, r"t_half_fibroblast=100\.0 is outside 5–45 day"),
        ({"penetration": 1.5}, r"penetration=1\.5 is outside 0\.2–[\d.]+ "),
        ({"warp": 1.0}, r"warp=1\.0 is not a model parameter"),
        ({"variant": "magic"}, r"variant='magic' is not one of: default, textbook"),
    ],
)
def test_bad_arguments_name_the_argument_value_and_range(kwargs, message):
    args = {"sessions": 3, "interval_days": 30, "needle_mm": 1.5, "site": SITE, "days": 200} | kwargs
    with pytest.raises(ValueError, match=message):
        healing.simulate(**args)


def test_validation_table_shows_the_400_percent_claim_as_unused_and_unverified():
    table = healing.validation_table().set_index("target")
    claim = table.loc["claim_400pct"]
    assert claim["verification"] == "unverified" and claim["role"] == "not_used"
    assert "not used" in claim["verdict"]
    assert table.loc["lotfi2013_masson", "model"].startswith("+53.2%")


def test_every_parameter_has_a_range_a_justification_and_a_citation():
    table = healing.parameter_table()
    assert set(healing.KINETIC_KEYS) <= set(table["key"])
    assert (table["min"] <= table["default"]).all() and (table["default"] <= table["max"]).all()
    assert table["citations"].map(len).min() >= 1


def test_several_protocols_are_keyed_by_study_and_match_single_runs() -> None:
    frames = healing.simulate_protocols(["alam2014", "dogra2014"], days=200)
    assert len(frames) == 2
    for study, frame in frames.items():
        single = healing.simulate_protocol(frame.attrs["protocol"], days=200)
        assert single.attrs["study"] == study
        pd.testing.assert_frame_equal(frame, single)


def test_unverified_protocols_are_only_used_by_rows_that_are_not_used() -> None:
    from microlib.loader import load_records

    unverified = {p.key for p in load_records("protocols") if p.verification == "unverified"}
    for target in load_records("calibration_targets"):
        if target.protocol in unverified:
            assert target.role == "not_used", target.key
    assert healing.calibrate().target_key not in {t.key for t in load_records("calibration_targets")
                                                  if t.verification == "unverified"}


def test_a_mistyped_name_gets_the_closest_known_one() -> None:
    with pytest.raises(ValueError, match=r"t_half_fibroblst=20\.0 is not a model parameter "
                                         r"\(closest: 't_half_fibroblast'\)"):
        healing.simulate(3, 30, 1.5, SITE, 100, t_half_fibroblst=20.0)
    with pytest.raises(ValueError, match=r"variant='textbok' is not one of: default, textbook \(closest: 'textbook'\)"):
        healing.calibrate("textbok")
    with pytest.raises(ValueError, match=r"key='alam2041' is not one of: .*\(closest: 'alam2014'\)"):
        healing.simulate_protocol("alam2041")


def test_the_lesson_reference_list_is_every_key_its_tables_cite_plus_the_model_sources() -> None:
    from microlib.healing_scenarios import LESSON_TABLES, MODEL_SOURCES
    from microlib.loader import load_records
    from microlib.references import cited_by

    keys = healing.cited_keys()
    assert keys == sorted(set(cited_by(*LESSON_TABLES)) | set(MODEL_SOURCES))
    assert set(keys) <= {r.key for r in load_records("references")}


def test_the_public_names_stay_importable_from_microlib_healing() -> None:
    from microlib import calibration, healing_model, healing_scenarios, healing_simulation

    for name in healing.__all__:
        owner = next(m for m in (calibration, healing_model, healing_scenarios, healing_simulation)
                     if name in vars(m))
        assert getattr(healing, name) is getattr(owner, name), name
    every = {name for m in (calibration, healing_model, healing_scenarios, healing_simulation) for name in m.__all__}
    assert set(healing.__all__) == every
