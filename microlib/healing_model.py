"""The healing model's parameters, validity limits and closed-form kernel (no calibration, no schedules).

See :mod:`microlib.healing` for the model itself and the design choices. This module holds:

- the parameters of ``data/healing_parameters.csv`` and the checks on them and on a schedule;
- the rates of one parameter set (:class:`Kinetics`);
- the Bateman-chain coefficients of the unit impulse response and the modal sums used to superpose sessions.

Everything read from ``data/`` is cached on the loader's fingerprint (:func:`microlib.loader.cached_on_data`),
so an edited data file is seen on the next call.

Example
-------
>>> from microlib.healing_model import check_schedule
>>> check_schedule(3, 14, 90)
(3, 14.0, 90)
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

import numpy as np
import pandas as pd

from .checks import check_choice, check_names, check_range, check_whole
from .loader import cached_on_data, load_table, one_data_snapshot

LN2 = math.log(2.0)
MAX_SESSIONS = 8
MAX_DAYS = 730
INTERVAL_RANGE_DAYS = (1, 90)
Variant = Literal["default", "textbook"]
VARIANTS: tuple[str, ...] = ("default", "textbook")
#: The keyword names of the model parameters, in table order.
KINETIC_KEYS = ("t_half_injury", "t_half_inflammation", "t_half_fibroblast", "t_half_replacement",
                "t_half_collagen", "f3_new", "f3_base")
OUTPUT_COLUMNS = ("inflammation", "fibroblasts", "collagen_iii", "collagen_i", "new_collagen_pct",
                  "new_collagen_dermis_pct", "type_iii_share")
#: Where each state's impulse response draws its exponentials from (mode indices 0..4 = D, I, F, C3, C1 rates).
_CHAINS = {"D": (0,), "I": (0, 1), "F": (0, 1, 2), "C3": (0, 1, 2, 3), "C1_direct": (0, 1, 2, 4),
           "C1_replaced": (0, 1, 2, 3, 4)}


# --------------------------------------------------------------------------------------------------- parameters
@cached_on_data
def _parameter_rows() -> dict[str, tuple[float, float, float, str]]:
    table = load_table("healing_parameters")
    return {r.key: (float(r.default), float(r.min), float(r.max), r.unit) for r in table.itertuples()}


def parameter_table() -> pd.DataFrame:
    """Every model parameter with symbol, meaning, unit, default, range, basis, justification and sources."""
    return load_table("healing_parameters")


@one_data_snapshot
def parameter_range(name: str) -> tuple[float, float]:
    """``(min, max)`` of one parameter in ``data/healing_parameters.csv``."""
    check_names([name], _parameter_rows(), "a model parameter")
    _, low, high, _ = _parameter_rows()[name]
    return low, high


@one_data_snapshot
def default_parameters() -> dict[str, float]:
    """``{name: default}`` for every parameter in ``data/healing_parameters.csv``."""
    return {key: row[0] for key, row in _parameter_rows().items()}


@one_data_snapshot
def check_parameters(overrides: Mapping[str, float]) -> dict[str, float]:
    """Defaults updated with ``overrides``; raise ``ValueError`` for unknown names or values out of range."""
    rows = _parameter_rows()
    values = default_parameters()
    check_names(overrides, rows, "a model parameter", dict(overrides))
    for name, value in overrides.items():
        _, low, high, unit = rows[name]
        values[name] = check_range(name, value, low, high, unit, "plausible range in healing_parameters.csv")
    return values


def check_schedule(sessions: int, interval_days: float, days: int) -> tuple[int, float, int]:
    """Validate a schedule; raise ``ValueError`` naming the argument, its value and the allowed range."""
    sessions = check_whole("sessions", sessions, 0, MAX_SESSIONS, "sessions",
                           "the model is not valid beyond 8 sessions")
    interval = check_range("interval_days", interval_days, *INTERVAL_RANGE_DAYS, "days",
                           "sessions at least a day apart and at most 90 days apart")
    days = check_whole("days", days, 1, MAX_DAYS, "days", "the model is not valid beyond 2 years")
    return sessions, interval, days


def check_variant(variant: str) -> str:
    """Return ``variant`` if it is ``"default"`` or ``"textbook"``, else raise ``ValueError``."""
    return check_choice("variant", variant, VARIANTS)


# ---------------------------------------------------------------------------------------------- closed form
@dataclass(frozen=True)
class Kinetics:
    """Rates (per day) and type III shares of one parameter set."""

    k_injury: float
    k_inflammation: float
    k_fibroblast: float
    k_replacement: float
    k_collagen: float
    f3_new: float
    f3_base: float

    @classmethod
    def from_parameters(cls, values: Mapping[str, float], variant: str = "default") -> Kinetics:
        return cls(
            k_injury=LN2 / values["t_half_injury"],
            k_inflammation=LN2 / values["t_half_inflammation"],
            k_fibroblast=LN2 / values["t_half_fibroblast"],
            k_replacement=LN2 / values["t_half_replacement"],
            k_collagen=LN2 / values["t_half_collagen"],
            f3_new=1.0 if variant == "textbook" else values["f3_new"],
            f3_base=values["f3_base"],
        )

    def rates(self) -> np.ndarray:
        return np.array([self.k_injury, self.k_inflammation, self.k_fibroblast, self.k_replacement,
                         self.k_collagen])


def _separate(rates: np.ndarray, rel: float = 1e-6) -> np.ndarray:
    """Nudge rates that (nearly) coincide so the Bateman sums stay finite (changes results by ~1e-6 at most)."""
    rates = np.array(rates, dtype=float, copy=True)
    n = rates.shape[-1]
    for j in range(1, n):
        for i in range(j):
            close = np.abs(rates[..., j] - rates[..., i]) < rel * rates[..., i]
            if np.any(close):
                rates[..., j] = np.where(close, rates[..., i] * (1 + 2 * rel), rates[..., j])
    return rates


def _bateman(rates: np.ndarray, chain: tuple[int, ...]) -> np.ndarray:
    """Coefficients of each mode in the unit-gain impulse response of a decay chain (shape ``(..., 5)``).

    ``B(t) = sum_i exp(-rates_i t) / prod_{j != i} (rates_j - rates_i)`` over the modes in ``chain``.
    """
    coef = np.zeros(rates.shape)
    for i in chain:
        denominator = np.ones(rates.shape[:-1])
        for j in chain:
            if j != i:
                denominator = denominator * (rates[..., j] - rates[..., i])
        coef[..., i] = 1.0 / denominator
    return coef


@cached_on_data
def _normalisation() -> tuple[float, float]:
    """(a_I, a_F): make the inflammation and fibroblast peaks 1 after one session with default half-lives."""
    return _peak_normalisation(tuple(Kinetics.from_parameters(default_parameters()).rates()))


def _chain_peak(rates: np.ndarray, coef: np.ndarray, horizon: float = 120.0) -> float:
    """The highest value of ``b(t) = sum_i coef_i exp(-rates_i t)`` on ``[0, horizon]`` days.

    A grid of 0.01 days finds the peak's neighbourhood; Newton steps on ``b'(t) = 0`` (``b''`` < 0 there)
    then place it to machine precision. Far cheaper than a fine grid, and more exact.
    """
    t = np.linspace(0.0, horizon, 12_001)
    values = np.exp(-np.outer(t, rates)) @ coef
    k = int(values.argmax())
    best, lo, hi = t[k], t[max(k - 1, 0)], t[min(k + 1, t.size - 1)]
    for _ in range(50):
        e = np.exp(-rates * best)
        slope, curve = -(coef * rates * e).sum(), (coef * rates**2 * e).sum()
        if curve >= 0:
            break
        step = slope / curve
        best = min(max(best - step, lo), hi)
        if abs(step) < 1e-13:
            break
    return float(max(values[k], (coef * np.exp(-rates * best)).sum()))


@lru_cache(maxsize=16)
def _peak_normalisation(rate_values: tuple[float, ...]) -> tuple[float, float]:
    """:func:`_normalisation` for given rates: a pure function of numbers, so it is cached on them alone."""
    rates = _separate(np.array(rate_values))
    a_i = 1.0 / _chain_peak(rates, _bateman(rates, _CHAINS["I"]))
    a_f = 1.0 / (a_i * _chain_peak(rates, _bateman(rates, _CHAINS["F"])))
    return a_i, a_f


def _state_coefficients(k: dict[str, np.ndarray], gain: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Rates ``(S, 5)`` and coefficients ``(S, 5 states, 5 modes)`` of the unit impulse response."""
    rates = _separate(np.stack([k["k_injury"], k["k_inflammation"], k["k_fibroblast"], k["k_replacement"],
                                k["k_collagen"]], axis=-1))
    a_i, a_f = _normalisation()
    fibro_integral = a_i * a_f / (rates[:, 0] * rates[:, 1] * rates[:, 2])
    synthesis = gain / fibro_integral
    s3 = k["f3_new"] * synthesis
    s1 = (1.0 - k["f3_new"]) * synthesis
    coef = np.stack(
        [
            _bateman(rates, _CHAINS["D"]),
            a_i * _bateman(rates, _CHAINS["I"]),
            a_i * a_f * _bateman(rates, _CHAINS["F"]),
            (a_i * a_f * s3)[:, None] * _bateman(rates, _CHAINS["C3"]),
            (a_i * a_f * s1)[:, None] * _bateman(rates, _CHAINS["C1_direct"])
            + (a_i * a_f * s3 * rates[:, 3])[:, None] * _bateman(rates, _CHAINS["C1_replaced"]),
        ],
        axis=1,
    )
    return rates, coef


def _modal_sums(rates: np.ndarray, session_days: np.ndarray, doses: np.ndarray, t: np.ndarray) -> np.ndarray:
    """``M[s, i, t] = sum_k dose[s, k] * exp(-rate[s, i] * (t - day[s, k]))`` over sessions already given."""
    lag = t[None, None, :] - session_days[:, :, None]  # (S, K, T)
    given = lag >= 0
    decay = np.exp(-rates[:, :, None, None] * np.where(given, lag, 0.0)[:, None, :, :])  # (S, 5, K, T)
    return np.einsum("sk,sikt->sit", doses * 1.0, decay * given[:, None, :, :])


def _kinetics_arrays(values: Mapping[str, float | np.ndarray], variant: str, size: int) -> dict[str, np.ndarray]:
    def arr(name: str) -> np.ndarray:
        return np.broadcast_to(np.asarray(values[name], dtype=float), (size,))

    f3 = np.ones(size) if variant == "textbook" else arr("f3_new")
    return {
        "k_injury": LN2 / arr("t_half_injury"),
        "k_inflammation": LN2 / arr("t_half_inflammation"),
        "k_fibroblast": LN2 / arr("t_half_fibroblast"),
        "k_replacement": LN2 / arr("t_half_replacement"),
        "k_collagen": LN2 / arr("t_half_collagen"),
        "f3_new": f3,
        "f3_base": arr("f3_base"),
    }


def _outputs(modes: np.ndarray, coef: np.ndarray, f3_base: np.ndarray, phi: np.ndarray) -> dict[str, np.ndarray]:
    states = np.einsum("sjt,sij->sit", modes, coef)  # (S, 5 states, T)
    states = np.maximum(states, 0.0)  # remove round-off below zero at t = 0
    _, inflammation, fibroblasts, c3, c1 = (states[:, i] for i in range(5))
    new = c1 + c3
    with np.errstate(invalid="ignore", divide="ignore"):
        share = np.where(new > 1e-12, c3 / np.where(new > 1e-12, new, 1.0), 0.0)
    return {
        "inflammation": inflammation,
        "fibroblasts": fibroblasts,
        "collagen_iii": 100.0 * c3 / f3_base[:, None],
        "collagen_i": 100.0 * c1 / (1.0 - f3_base[:, None]),
        "new_collagen_pct": 100.0 * new,
        "new_collagen_dermis_pct": 100.0 * new * phi[:, None],
        "type_iii_share": share,
    }


__all__ = [
    "INTERVAL_RANGE_DAYS",
    "KINETIC_KEYS",
    "MAX_DAYS",
    "MAX_SESSIONS",
    "OUTPUT_COLUMNS",
    "VARIANTS",
    "Kinetics",
    "Variant",
    "check_parameters",
    "check_schedule",
    "check_variant",
    "default_parameters",
    "parameter_range",
    "parameter_table",
]
