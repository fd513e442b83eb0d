r"""A small, calibrated teaching model of what the skin does after microneedling sessions.

Five linked "leaky buckets", each emptying with its own half-life (time *t* in days):

.. math::

    D' &= -k_D D + \sum_k u_k\,\delta(t - t_k)  &&\text{injury signal, topped up by each session}\\
    I' &= a_I D - k_I I                           &&\text{inflammation index}\\
    F' &= a_F I - k_F F                           &&\text{extra activated fibroblasts}\\
    C_3' &= s_3 F - k_r C_3                       &&\text{new type III collagen}\\
    C_1' &= s_1 F + k_r C_3 - k_d C_1             &&\text{new type I collagen}

with every rate ``k = ln 2 / half-life``. The term ``k_r C_3`` is *replacement* (type III is broken down and
type I laid down in its place), written as a transfer to keep the model small; it is not a chemical conversion.
``C_1`` and ``C_3`` are fractions of the baseline collagen of the needled layer (0.53 = +53 %).

Why a closed form: the system is linear and lower-triangular, so the response to one session is a sum of
exponentials (a Bateman chain, as for radioactive decay chains) and a schedule is the **superposition** of
shifted single-session responses. That is exact, and fast enough to run 10,000 scenarios at once.

Design choices (documented here because students will ask):

- **One fitted number.** The collagen gain *G* (collagen laid down per reference session) is fitted by
  :func:`calibrate` so that the Lotfi 2013 protocol gives +53.2 % (``data/calibration_targets.csv``). It is
  re-fitted whenever the kinetic parameters change, so every variant still reproduces that one observation;
  ``gain_scale`` then moves *G* away from the fit (0.5–1.5) to express how uncertain it is.
- **Depth.** A session counts fully for the needled layer (what biopsies sample) when the needle reaches the
  dermis at all; the whole-dermis output is scaled by the share of the site's dermis reached
  (:func:`microlib.skin.needle_reach`). Needles longer than the dermis add nothing in this model.
- **Validity limits raise errors.** More than 8 sessions, more than 730 days (2 years), or any parameter outside
  its plausible range in ``data/healing_parameters.csv`` raises ``ValueError`` naming the limit. We chose errors
  over a warning column because a DataFrame column is easy to ignore and a linear model extrapolates badly.
- **Textbook variant.** ``variant="textbook"`` makes all new collagen type III first (``f3_new = 1``), so type III
  rises before type I as in human wound histology; its cost is a type III overshoot no study reports.
- **Normalisation.** ``inflammation`` and ``fibroblasts`` are 1 at the peak after one reference session with
  the default half-lives. They are indices, not measured cell counts.

Education only: this is a caricature for building intuition, not a tool to plan anyone's treatment.

Example
-------
>>> from microlib.healing import simulate
>>> df = simulate(sessions=5, interval_days=30, needle_mm=1.5, site="zygoma (cheekbone)", days=180)
>>> round(float(df.loc[176, "new_collagen_pct"]), 1)
53.2
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from typing import Literal

import numpy as np
import pandas as pd

from . import skin
from .loader import load_table

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
@cache
def _parameter_rows() -> dict[str, tuple[float, float, float, str]]:
    table = load_table("healing_parameters")
    return {r.key: (float(r.default), float(r.min), float(r.max), r.unit) for r in table.itertuples()}


def parameter_table() -> pd.DataFrame:
    """Every model parameter with symbol, meaning, unit, default, range, basis, justification and sources."""
    return load_table("healing_parameters")


def default_parameters() -> dict[str, float]:
    """``{name: default}`` for every parameter in ``data/healing_parameters.csv``."""
    return {key: row[0] for key, row in _parameter_rows().items()}


def check_parameters(overrides: Mapping[str, float]) -> dict[str, float]:
    """Defaults updated with ``overrides``; raise ``ValueError`` for unknown names or values out of range."""
    rows = _parameter_rows()
    values = default_parameters()
    for name, value in overrides.items():
        if name not in rows:
            raise ValueError(f"{name}={value!r} is not a model parameter; known: {', '.join(rows)}")
        _, low, high, unit = rows[name]
        values[name] = skin.check_range(name, value, low, high, unit, "plausible range in healing_parameters.csv")
    return values


def check_schedule(sessions: int, interval_days: float, days: int) -> tuple[int, float, int]:
    """Validate a schedule; raise ``ValueError`` naming the argument, its value and the allowed range."""
    if isinstance(sessions, bool) or not float(sessions).is_integer():
        raise ValueError(f"sessions={sessions!r} is not a whole number; expected 0–{MAX_SESSIONS}")
    sessions = int(skin.check_range("sessions", sessions, 0, MAX_SESSIONS, "sessions",
                                    "the model is not valid beyond 8 sessions"))
    interval = skin.check_range("interval_days", interval_days, *INTERVAL_RANGE_DAYS, "days",
                                "sessions at least a day apart and at most 90 days apart")
    if isinstance(days, bool) or not float(days).is_integer():
        raise ValueError(f"days={days!r} is not a whole number; expected 1–{MAX_DAYS}")
    days = int(skin.check_range("days", days, 1, MAX_DAYS, "days", "the model is not valid beyond 2 years"))
    return sessions, interval, days


def check_variant(variant: str) -> str:
    """Return ``variant`` if it is ``"default"`` or ``"textbook"``, else raise ``ValueError``."""
    if variant not in VARIANTS:
        raise ValueError(f"variant={variant!r} is not one of: {', '.join(VARIANTS)}")
    return variant


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


@cache
def _normalisation() -> tuple[float, float]:
    """(a_I, a_F): make the inflammation and fibroblast peaks 1 after one session with default half-lives."""
    rates = _separate(Kinetics.from_parameters(default_parameters()).rates())
    t = np.linspace(0.0, 120.0, 1_200_001)
    b2 = np.exp(-np.outer(t, rates)) @ _bateman(rates, _CHAINS["I"])
    b3 = np.exp(-np.outer(t, rates)) @ _bateman(rates, _CHAINS["F"])
    a_i = 1.0 / b2.max()
    a_f = 1.0 / (a_i * b3.max())
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


# ---------------------------------------------------------------------------------------------- calibration
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


@cache
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


@cache
def _calibrate_cached(variant: str, kinetic_values: tuple[float, ...]) -> Calibration:
    target_key, target, day, sessions, interval, needle = _fit_target()
    values = dict(zip(KINETIC_KEYS, kinetic_values, strict=True))
    kin = _kinetics_arrays(values, variant, 1)
    unit = float(_unit_gain_collagen(kin, sessions, interval, day)[0])
    return Calibration(gain=target / 100.0 / unit, target_pct=target, readout_day=day, sessions=sessions,
                       interval_days=interval, needle_mm=needle, target_key=target_key)


# ---------------------------------------------------------------------------------------------- simulation
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


def simulate(sessions: int, interval_days: float, needle_mm: float, site: str, days: int = 365, *,
             sex: str = "female", variant: Variant = "default", **overrides: float) -> pd.DataFrame:
    """Simulate a schedule of microneedling sessions and return the model's curves, one row per day.

    Parameters
    ----------
    sessions:
        Number of sessions, 0–8 (0 gives no response). The first session is on day 0.
    interval_days:
        Days between sessions, 1–90.
    needle_mm:
        Nominal needle length in mm, 0.1–3.0.
    site, sex:
        Face or neck site (see :func:`microlib.skin.sites`) and ``"female"``/``"male"``.
    days:
        Last day simulated, 1–730.
    variant:
        ``"default"`` (fixed type III share of new collagen) or ``"textbook"`` (all new collagen is type III
        first, then replaced by type I).
    **overrides:
        Any parameter of ``data/healing_parameters.csv`` (e.g. ``penetration=0.3``, ``gain_scale=1.5``,
        ``t_half_fibroblast=20``), within its plausible range.

    Returns
    -------
    DataFrame indexed by ``day`` (0..days) with columns ``inflammation`` and ``fibroblasts`` (1 = peak after
    one reference session), ``collagen_iii`` and ``collagen_i`` (% change of each type against its own
    baseline, needled layer), ``new_collagen_pct`` (new collagen as % of the baseline total, needled layer),
    ``new_collagen_dermis_pct`` (the same spread over the whole dermis thickness of the site) and
    ``type_iii_share`` (share of the new collagen that is type III, 0–1). ``df.attrs`` holds the reach and the
    fitted gain.

    Example
    -------
    >>> df = simulate(3, 14, 1.0, "forehead", days=90)
    >>> list(df.columns[:3])
    ['inflammation', 'fibroblasts', 'collagen_iii']
    """
    sessions, interval, days = check_schedule(sessions, interval_days, days)
    check_variant(variant)
    values = check_parameters(overrides)
    reach = skin.needle_reach(needle_mm, site, sex, values["penetration"])
    out, gain, fitted, session_days = _run(sessions, interval, days, needle_mm, site, sex, variant, values,
                                           np.array([values["penetration"]]))
    frame = pd.DataFrame({name: np.round(out[name][0], 10) for name in OUTPUT_COLUMNS},
                         index=pd.Index(np.arange(days + 1), name="day"))
    frame.attrs.update(gain=gain, fitted_gain=fitted, depth_mm=reach.depth_mm,
                       deepest_layer=reach.deepest_layer, dermis_fraction=reach.dermis_fraction,
                       session_days=[float(d) for d in session_days], variant=variant)
    return frame


def _run(sessions: int, interval: float, days: int, needle_mm: float, site: str, sex: str, variant: str,
         values: Mapping[str, float], penetrations: np.ndarray) -> tuple[dict[str, np.ndarray], float, float,
                                                                          np.ndarray]:
    """Closed-form daily curves for one schedule and several penetration fractions (one row each)."""
    fit = calibrate(variant, **{k: values[k] for k in KINETIC_KEYS})
    gain = fit.gain * values["gain_scale"]
    reaches = [skin.needle_reach(needle_mm, site, sex, float(p)) for p in penetrations]
    size = len(reaches)
    doses = np.array([values["intensity"] if r.dermis_depth_mm > 0 else 0.0 for r in reaches])
    phi = np.array([r.dermis_fraction for r in reaches])
    kin = _kinetics_arrays(values, variant, size)
    rates, coef = _state_coefficients(kin, np.full(size, gain))
    t = np.arange(days + 1, dtype=float)
    session_days = np.arange(sessions) * interval
    modes = _modal_sums(rates, np.broadcast_to(session_days, (size, sessions)),
                        doses[:, None] * np.ones((size, sessions)), t)
    return _outputs(modes, coef, kin["f3_base"], phi), gain, fit.gain, session_days


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


def uncertainty_band(sessions: int, interval_days: float, needle_mm: float, site: str, days: int = 365, *,
                     column: str = "new_collagen_pct", sex: str = "female", variant: Variant = "default",
                     steps: int = 5, **overrides: float) -> pd.DataFrame:
    """Low, central and high curves of one output when the gain and the penetration vary over their ranges.

    The fitted gain rests on one cohort mean and the penetration fraction is unknown for human skin, so a
    single curve would look more certain than the model is. ``gain_scale`` and ``penetration`` are swept
    over ``steps`` values each across their plausible ranges; the band is the daily minimum and maximum.

    Returns a DataFrame indexed by ``day`` with ``low``, ``central`` and ``high``.
    """
    if column not in OUTPUT_COLUMNS:
        raise ValueError(f"column={column!r} is not an output; choose one of: {', '.join(OUTPUT_COLUMNS)}")
    for swept in ("gain_scale", "penetration"):
        if swept in overrides:
            raise ValueError(f"{swept}={overrides[swept]!r} cannot be fixed here: the band sweeps it")
    rows = _parameter_rows()
    central = simulate(sessions, interval_days, needle_mm, site, days, sex=sex, variant=variant, **overrides)
    values = check_parameters(overrides)
    grid_gain = np.linspace(rows["gain_scale"][1], rows["gain_scale"][2], steps) / values["gain_scale"]
    grid_pen = np.linspace(rows["penetration"][1], rows["penetration"][2], steps)
    out, *_ = _run(int(sessions), float(interval_days), int(days), needle_mm, site, sex, variant, values,
                   grid_pen)
    base = out[column]  # (steps, T)
    if column in ("inflammation", "fibroblasts", "type_iii_share"):
        stack = base  # these do not depend on the gain
    else:
        stack = (base[:, None, :] * grid_gain[None, :, None]).reshape(-1, base.shape[-1])
    return pd.DataFrame({"low": np.round(stack.min(axis=0), 10), "central": central[column].to_numpy(),
                         "high": np.round(stack.max(axis=0), 10)}, index=central.index)


def simulate_many(scenarios: pd.DataFrame | Mapping[str, np.ndarray], days: int = 540,
                  columns: tuple[str, ...] = ("new_collagen_pct",), variant: Variant = "default"
                  ) -> dict[str, np.ndarray]:
    """Run many scenarios at once on a daily grid (vectorised with NumPy); for sweeps and benchmarks.

    ``scenarios`` has one entry per scenario in ``sessions``, ``interval_days`` (whole days), ``needle_mm``,
    ``dermis_mm`` (or ``site`` and optional ``sex``) and optionally any model parameter. Each scenario's gain
    is re-fitted to the calibration target under its own kinetics. The daily update is exact: each mode is
    multiplied by ``exp(-rate)`` per day and topped up on session days.

    Returns ``{column: array of shape (n_scenarios, days + 1)}``.
    """
    check_variant(variant)
    frame = pd.DataFrame(dict(scenarios))
    size = len(frame)
    if "dermis_mm" not in frame:
        sexes = frame["sex"] if "sex" in frame else pd.Series(["female"] * size)
        lookup = {(s, x): skin.dermis_mm(s, x) for s, x in set(zip(frame["site"], sexes, strict=True))}
        frame["dermis_mm"] = [lookup[(s, x)] for s, x in zip(frame["site"], sexes, strict=True)]
    defaults = default_parameters()
    values = {name: frame[name].to_numpy(float) if name in frame else np.full(size, default)
              for name, default in defaults.items()}
    sessions = frame["sessions"].to_numpy(int)
    interval = frame["interval_days"].to_numpy(int)
    if sessions.min() < 0 or sessions.max() > MAX_SESSIONS:
        raise ValueError(f"sessions must be 0–{MAX_SESSIONS} in every scenario")
    if interval.min() < INTERVAL_RANGE_DAYS[0]:
        raise ValueError("interval_days must be at least 1 day in every scenario")
    kin = _kinetics_arrays(values, variant, size)
    target_key, target, fit_day, fit_sessions, fit_interval, _ = _fit_target()
    gain = target / 100.0 / _unit_gain_collagen(kin, fit_sessions, fit_interval, fit_day) * values["gain_scale"]
    rates, coef = _state_coefficients(kin, gain)
    epidermis = values["epidermis_mm"]
    into = np.clip(values["penetration"] * frame["needle_mm"].to_numpy(float) - epidermis, 0.0, None)
    phi = np.minimum(into / frame["dermis_mm"].to_numpy(float), 1.0)
    dose = np.where(into > 0, values["intensity"], 0.0)
    # Each output is a fixed linear combination of the five modes: precompute its weights once.
    weights = {
        "inflammation": coef[:, 1], "fibroblasts": coef[:, 2],
        "new_collagen_pct": 100.0 * (coef[:, 3] + coef[:, 4]),
        "new_collagen_dermis_pct": 100.0 * (coef[:, 3] + coef[:, 4]) * phi[:, None],
        "collagen_iii": 100.0 * coef[:, 3] / kin["f3_base"][:, None],
        "collagen_i": 100.0 * coef[:, 4] / (1.0 - kin["f3_base"][:, None]),
    }
    unknown = [name for name in columns if name not in weights]
    if unknown:
        raise ValueError(f"columns contains {unknown[0]!r}; choose from: {', '.join(weights)}")
    decay = np.exp(-rates)
    day_index = np.arange(days + 1)
    session_on = (day_index[:, None] % interval[None, :] == 0) & (day_index[:, None] // interval[None, :]
                                                                   < sessions[None, :])
    top_up = session_on * dose[None, :]  # (T, S)
    modes = np.zeros((size, 5))
    by_day = {name: np.empty((days + 1, size)) for name in columns}  # filled row by row (contiguous)
    chosen = [(by_day[name], weights[name]) for name in columns]
    for day in day_index:
        modes *= decay
        modes += top_up[day][:, None]
        for target, w in chosen:
            np.einsum("si,si->s", modes, w, out=target[day])
    del target_key
    return {name: values.T for name, values in by_day.items()}


# ---------------------------------------------------------------------------------------------- comparisons
def protocol_table() -> pd.DataFrame:
    """The study protocols in ``data/protocols.csv``."""
    return load_table("protocols")


def simulate_protocol(key: str, days: int | None = None, site: str = "zygoma (cheekbone)",
                      variant: Variant = "default", **overrides: float) -> pd.DataFrame:
    """:func:`simulate` with the sessions and interval of a named study protocol.

    When the study's needle length was not confirmed, 1.5 mm is assumed; the needled-layer outputs do not
    depend on the length as long as the needle reaches the dermis. ``df.attrs["needle_assumed"]`` says so.
    """
    table = protocol_table().set_index("key")
    if key not in table.index:
        raise ValueError(f"key={key!r} is not a protocol; choose one of: {', '.join(table.index)}")
    p = table.loc[key]
    needle = p["needle_mm"]
    assumed = needle is None or (isinstance(needle, float) and math.isnan(needle))
    readout = p["readout_day"]
    if days is None:
        last = (int(p["sessions"]) - 1) * int(p["interval_days"])
        days = int(max(last + 120, readout if readout == readout and readout is not None else 0, 180))
    df = simulate(int(p["sessions"]), float(p["interval_days"]), 1.5 if assumed else float(needle), site, days,
                  variant=variant, **overrides)
    df.attrs.update(protocol=key, study=p["study"], needle_assumed=assumed)
    return df


def simulate_protocols(keys: list[str], days: int | None = None, **kwargs: object) -> dict[str, pd.DataFrame]:
    """:func:`simulate_protocol` for several named protocols, keyed by study label, for side-by-side figures."""
    frames = [simulate_protocol(key, days=days, **kwargs) for key in keys]
    return {frame.attrs["study"]: frame for frame in frames}


def validation_table(variant: Variant = "default") -> pd.DataFrame:
    """Observed vs model for every row of ``data/calibration_targets.csv`` (fitted, checked, or not used).

    Columns: ``target``, ``study``, ``observed``, ``model``, ``verification``, ``role``, ``verdict``.
    The unverified "400 %" row is compared only to show how far it is from the calibrated model.
    """
    targets = load_table("calibration_targets")
    protocols = protocol_table().set_index("key")
    rows = []
    for t in targets.itertuples():
        p = protocols.loc[t.protocol]
        day = int(p["readout_day"])
        df = simulate_protocol(t.protocol, days=max(day, 1), variant=variant)
        value = float(df[t.model_output].iloc[day])
        if t.model_output == "new_collagen_pct":
            model = f"{value:+.1f}% new collagen (needled layer)"
        elif t.model_output == "fibroblasts":
            model = f"fibroblast activity at {100 * value:.1f}% of a single-session peak"
        else:
            model = f"type III share of new collagen {100 * value:.0f}%"
        if t.role == "fit":
            verdict = "fitted (matches by construction)"
        elif t.role == "not_used":
            verdict = f"would need {t.observed_pct / value:.0f}× the calibrated response; not used"
        elif t.role == "check_persistence":
            verdict = "mismatch: the model's activity fades far sooner" if value < 0.1 else "consistent"
        elif t.model_output == "type_iii_share":
            verdict = "direction consistent (type I dominates)" if value < 0.5 else "direction inconsistent"
        else:
            verdict = "direction consistent; size not checkable" if value > 0 else "direction inconsistent"
        rows.append({"target": t.key, "study": p["study"], "observed": t.observed_text, "model": model,
                     "verification": t.verification, "role": t.role, "verdict": verdict})
    return pd.DataFrame(rows)


def sensitivity(parameter: str, values: list[float], readout_day: int = 176) -> pd.DataFrame:
    """How the readout of the calibration protocol and the re-fitted gain move when one parameter changes."""
    _, _, day, sessions, interval, needle = _fit_target()
    rows = []
    for v in values:
        fit = calibrate(**{parameter: v}) if parameter in KINETIC_KEYS else calibrate()
        df = simulate(sessions, interval, needle, "zygoma (cheekbone)", max(readout_day, day), **{parameter: v})
        rows.append({parameter: v, "fitted_gain": round(fit.gain, 4),
                     "new_collagen_pct": round(float(df["new_collagen_pct"].iloc[readout_day]), 1)})
    return pd.DataFrame(rows)


def cited_keys() -> list[str]:
    """Every citation key used by the tables behind the collagen-induction lesson (for its reference list)."""
    keys: set[str] = {"segal2012", "lima2013"}  # model ancestry; the unverified depth classification
    for table in ("skin_sites", "healing_parameters", "healing_phases", "protocols", "calibration_targets"):
        for citations in load_table(table)["citations"]:
            keys.update(citations)
    return sorted(keys)


__all__ = [
    "Calibration",
    "calibrate",
    "cited_keys",
    "default_parameters",
    "parameter_table",
    "protocol_table",
    "sensitivity",
    "simulate",
    "simulate_many",
    "simulate_protocol",
    "system_matrix",
    "uncertainty_band",
    "validation_table",
]
