"""Fitting the healing model's one free number, the collagen gain *G*, to one observation.

The target and its protocol are read from ``data/calibration_targets.csv`` (the row with role ``fit``) and
``data/protocols.csv``. Fits are cached on the loader's fingerprint, so they are redone when a data file
changes, and once per parameter set otherwise (the widgets re-use them on every redraw).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .healing_model import (
    KINETIC_KEYS,
    Kinetics,
    Variant,
    _kinetics_arrays,
    _modal_sums,
    _normalisation,
    _state_coefficients,
    check_parameters,
    check_variant,
)
from .loader import cached_on_data, load_table, one_data_snapshot


@dataclass(frozen=True)
class Calibration:
    """Result of :func:`calibrate`: the fitted gain and what it was fitted to."""

    gain: float
    target_pct: float
    readout_day: int
    sessions: int
    interval_days: int
    needle_mm: float
    target_key: str


@cached_on_data
def _fit_target() -> tuple[str, float, int, int, int, float]:
    targets = load_table("calibration_targets")
    fit = targets[targets["role"] == "fit"].iloc[0]
    protocols = load_table("protocols").set_index("key")
    p = protocols.loc[fit["protocol"]]
    return (str(fit["key"]), float(fit["observed_pct"]), int(p["readout_day"]), int(p["sessions"]),
            int(p["interval_days"]), float(p["needle_mm"]))


def _unit_gain_collagen(kin: dict[str, np.ndarray], sessions: int, interval: float, day: float) -> np.ndarray:
    size = kin["k_injury"].shape[0]
    rates, coef = _state_coefficients(kin, np.ones(size))
    session_days = np.broadcast_to(np.arange(sessions) * interval, (size, sessions))
    modes = _modal_sums(rates, session_days, np.ones((size, sessions)), np.array([float(day)]))
    return np.einsum("sjt,sj->st", modes, coef[:, 3] + coef[:, 4])[:, 0]


@one_data_snapshot
def calibrate(variant: Variant = "default", **overrides: float) -> Calibration:
    """Fit the collagen gain *G* so the calibration protocol (Lotfi 2013) gives its observed change.

    The target and protocol are read from ``data/calibration_targets.csv`` (the row with role ``fit``) and
    ``data/protocols.csv``. The model is linear in *G*, so the fit is one division: G = target / (response
    with G = 1). Kinetic ``overrides`` (half-lives, type III shares) change the fitted value.

    Example
    -------
    >>> round(calibrate().gain, 3)
    0.125
    """
    check_variant(variant)
    values = check_parameters(overrides)
    key = tuple(values[name] for name in KINETIC_KEYS)
    return _calibrate_cached(variant, key)


@cached_on_data
def _calibrate_cached(variant: str, kinetic_values: tuple[float, ...]) -> Calibration:
    target_key, target, day, sessions, interval, needle = _fit_target()
    values = dict(zip(KINETIC_KEYS, kinetic_values, strict=True))
    kin = _kinetics_arrays(values, variant, 1)
    unit = float(_unit_gain_collagen(kin, sessions, interval, day)[0])
    return Calibration(gain=target / 100.0 / unit, target_pct=target, readout_day=day, sessions=sessions,
                       interval_days=interval, needle_mm=needle, target_key=target_key)


@one_data_snapshot
def system_matrix(variant: Variant = "default", **overrides: float) -> tuple[np.ndarray, float]:
    """The ODE as ``y' = A y`` between sessions (state order D, I, F, C3, C1), with the fitted gain included.

    Returns ``(A, intensity)``: each session adds ``intensity`` to D (when the needle reaches the dermis).
    Used to check the closed form against a numerical solver.
    """
    values = check_parameters(overrides)
    kin = Kinetics.from_parameters(values, check_variant(variant))
    a_i, a_f = _normalisation()
    gain = calibrate(variant, **{k: values[k] for k in KINETIC_KEYS}).gain * values["gain_scale"]
    synthesis = gain * kin.k_injury * kin.k_inflammation * kin.k_fibroblast / (a_i * a_f)
    s3, s1 = kin.f3_new * synthesis, (1 - kin.f3_new) * synthesis
    matrix = np.array([
        [-kin.k_injury, 0, 0, 0, 0],
        [a_i, -kin.k_inflammation, 0, 0, 0],
        [0, a_f, -kin.k_fibroblast, 0, 0],
        [0, 0, s3, -kin.k_replacement, 0],
        [0, 0, s1, kin.k_replacement, -kin.k_collagen],
    ], dtype=float)
    return matrix, values["intensity"]


__all__ = ["Calibration", "calibrate", "system_matrix"]
