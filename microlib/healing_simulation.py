"""Running the healing model: one schedule day by day, its uncertainty band, and many scenarios at once.

The public names are re-exported by :mod:`microlib.healing`; import them from there.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd

from . import skin
from .calibration import _fit_target, _unit_gain_collagen, calibrate
from .checks import check_choice
from .healing_model import (
    INTERVAL_RANGE_DAYS,
    KINETIC_KEYS,
    MAX_SESSIONS,
    OUTPUT_COLUMNS,
    Variant,
    _kinetics_arrays,
    _modal_sums,
    _outputs,
    _state_coefficients,
    check_parameters,
    check_schedule,
    check_variant,
    default_parameters,
    parameter_range,
)
from .loader import one_data_snapshot


@one_data_snapshot
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


@one_data_snapshot
def uncertainty_band(sessions: int, interval_days: float, needle_mm: float, site: str, days: int = 365, *,
                     column: str = "new_collagen_pct", sex: str = "female", variant: Variant = "default",
                     steps: int = 5, **overrides: float) -> pd.DataFrame:
    """Low, central and high curves of one output when the gain and the penetration vary over their ranges.

    The fitted gain rests on one cohort mean and the penetration fraction is unknown for human skin, so a
    single curve would look more certain than the model is. ``gain_scale`` and ``penetration`` are swept
    over ``steps`` values each across their plausible ranges; the band is the daily minimum and maximum.

    Returns a DataFrame indexed by ``day`` with ``low``, ``central`` and ``high``.
    """
    check_choice("column", column, OUTPUT_COLUMNS, "the outputs of simulate")
    for swept in ("gain_scale", "penetration"):
        if swept in overrides:
            raise ValueError(f"{swept}={overrides[swept]!r} cannot be fixed here: the band sweeps it")
    central = simulate(sessions, interval_days, needle_mm, site, days, sex=sex, variant=variant, **overrides)
    values = check_parameters(overrides)
    grid_gain = np.linspace(*parameter_range("gain_scale"), steps) / values["gain_scale"]
    grid_pen = np.linspace(*parameter_range("penetration"), steps)
    out, *_ = _run(int(sessions), float(interval_days), int(days), needle_mm, site, sex, variant, values,
                   grid_pen)
    base = out[column]  # (steps, T)
    if column in ("inflammation", "fibroblasts", "type_iii_share"):
        stack = base  # these do not depend on the gain
    else:
        stack = (base[:, None, :] * grid_gain[None, :, None]).reshape(-1, base.shape[-1])
    return pd.DataFrame({"low": np.round(stack.min(axis=0), 10), "central": central[column].to_numpy(),
                         "high": np.round(stack.max(axis=0), 10)}, index=central.index)


@one_data_snapshot
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
    for name in columns:
        check_choice("columns", name, weights, "outputs available for many scenarios")
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



__all__ = ["simulate", "simulate_many", "uncertainty_band"]
