"""Named study protocols through the healing model: side-by-side runs, the validation table, sensitivity.

The public names are re-exported by :mod:`microlib.healing`; import them from there.
"""

from __future__ import annotations

import math

import pandas as pd

from .calibration import _fit_target, calibrate
from .checks import check_choice
from .healing_model import KINETIC_KEYS, Variant
from .healing_simulation import simulate
from .loader import load_table, one_data_snapshot
from .references import cited_by

#: The tables behind the collagen-induction lesson, whose citations make up its reference list.
LESSON_TABLES = ("skin_sites", "healing_parameters", "healing_phases", "protocols", "calibration_targets")
#: Sources of the model's structure and of the depth classification, cited in the lesson text, not in a table.
MODEL_SOURCES = ("segal2012", "lima2013")


def protocol_table() -> pd.DataFrame:
    """The study protocols in ``data/protocols.csv``."""
    return load_table("protocols")


@one_data_snapshot
def simulate_protocol(key: str, days: int | None = None, site: str = "zygoma (cheekbone)",
                      variant: Variant = "default", **overrides: float) -> pd.DataFrame:
    """:func:`simulate` with the sessions and interval of a named study protocol.

    When the study's needle length was not confirmed, 1.5 mm is assumed; the needled-layer outputs do not
    depend on the length as long as the needle reaches the dermis. ``df.attrs["needle_assumed"]`` says so.
    """
    table = protocol_table().set_index("key")
    check_choice("key", key, table.index, "protocols in data/protocols.csv")
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


@one_data_snapshot
def simulate_protocols(keys: list[str], days: int | None = None, **kwargs: object) -> dict[str, pd.DataFrame]:
    """:func:`simulate_protocol` for several named protocols, keyed by study label, for side-by-side figures."""
    frames = [simulate_protocol(key, days=days, **kwargs) for key in keys]
    return {frame.attrs["study"]: frame for frame in frames}


@one_data_snapshot
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


@one_data_snapshot
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



@one_data_snapshot
def cited_keys() -> list[str]:
    """Every citation key behind the collagen-induction lesson: its tables (via ``references.cited_by``) and
    the model's ancestry (:data:`MODEL_SOURCES`), sorted."""
    return sorted({*cited_by(*LESSON_TABLES), *MODEL_SOURCES})


__all__ = ["cited_keys", "protocol_table", "sensitivity", "simulate_protocol", "simulate_protocols",
           "validation_table"]
