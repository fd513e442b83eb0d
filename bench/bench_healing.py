"""Benchmark of the healing model and its widget callbacks (run by ``make bench`` via ``bench/run.py``).

Prints three figures, measured side by side in one run:

1. 10,000 random scenarios × 540 daily steps with the vectorised closed form (target ≤ 0.5 s);
2. the same kind of scenario solved with ``scipy.integrate.solve_ivp`` on a sample, as a per-scenario ratio
   (target ≥ 1000× faster per scenario);
3. widget callback time from a control change to the redrawn figure, median and 95th percentile
   (target p95 ≤ 50 ms, in-process, no browser).
"""

from __future__ import annotations

import statistics
import time

import numpy as np
import pandas as pd
from scipy.integrate import solve_ivp

N_SCENARIOS = 10_000
DAYS = 540
N_IVP_SAMPLE = 20
N_CALLBACKS = 40


def random_scenarios(n: int, seed: int = 2026) -> pd.DataFrame:
    """Random schedules, needles, sites, penetration and kinetics inside the model's plausible ranges."""
    from microlib import healing, skin

    rng = np.random.default_rng(seed)
    table = healing.parameter_table().set_index("key")
    sites, sexes = rng.choice(skin.sites(), n), rng.choice(list(skin.SEXES), n)
    frame = pd.DataFrame({
        "sessions": rng.integers(1, 9, n), "interval_days": rng.integers(7, 43, n),
        "needle_mm": rng.uniform(0.25, 2.5, n),
        "dermis_mm": [skin.dermis_mm(s, x) for s, x in zip(sites, sexes, strict=True)],
    })
    for key in ("t_half_injury", "t_half_inflammation", "t_half_fibroblast", "t_half_replacement",
                "t_half_collagen", "f3_new", "gain_scale", "intensity", "penetration"):
        frame[key] = rng.uniform(table.loc[key, "min"], table.loc[key, "max"], n)
    return frame


def _ivp_one(row: pd.Series) -> float:
    """Final new collagen of one scenario with solve_ivp (RK45, rtol 1e-8), restarted at each session."""
    from microlib import healing

    overrides = {k: float(row[k]) for k in ("t_half_injury", "t_half_inflammation", "t_half_fibroblast",
                                             "t_half_replacement", "t_half_collagen", "f3_new", "gain_scale",
                                             "intensity")}
    matrix, dose = healing.system_matrix(**overrides)
    y = np.zeros(5)
    starts = [k * int(row["interval_days"]) for k in range(int(row["sessions"]))]
    grid = np.arange(DAYS + 1, dtype=float)
    for k, start in enumerate(starts):
        y = y + np.array([dose, 0, 0, 0, 0])
        stop = starts[k + 1] if k + 1 < len(starts) else DAYS
        inside = grid[(grid >= start) & (grid <= stop)]
        sol = solve_ivp(lambda _t, v: matrix @ v, (start, stop), y, t_eval=inside, rtol=1e-8, atol=1e-12)
        y = sol.y[:, -1]
    return float(100 * (y[3] + y[4]))


def bench_model() -> dict[str, float]:
    from microlib import healing

    scenarios = random_scenarios(N_SCENARIOS)
    healing.simulate_many(scenarios.head(10), days=DAYS)  # warm caches (tables, normalisation)
    times = []
    for _ in range(3):
        start = time.perf_counter()
        result = healing.simulate_many(scenarios, days=DAYS)
        times.append(time.perf_counter() - start)
    closed = min(times)
    sample = scenarios.head(N_IVP_SAMPLE)
    start = time.perf_counter()
    values = [_ivp_one(row) for _, row in sample.iterrows()]
    ivp_per = (time.perf_counter() - start) / N_IVP_SAMPLE
    error = max(abs(v - result["new_collagen_pct"][i, -1]) / max(abs(v), 1e-9) for i, v in enumerate(values))
    return {"closed_s": closed, "closed_median_s": statistics.median(times),
            "closed_per_scenario_us": closed / N_SCENARIOS * 1e6, "ivp_per_scenario_ms": ivp_per * 1e3,
            "ratio": ivp_per / (closed / N_SCENARIOS), "max_rel_diff": error}


def bench_callbacks() -> dict[str, tuple[float, float]]:
    from microlib.apps.mechanism import build_depth_app, build_healing_app

    results = {}
    depth = build_depth_app()
    heal = build_healing_app()
    cases = {
        "depth explorer (needle slider)": (depth.needle, [0.5, 1.0, 1.5, 2.0, 2.5, 3.0]),
        "healing explorer (sessions slider)": (heal.sessions, [1, 2, 3, 4, 5, 6, 7, 8]),
        "healing explorer (site dropdown)": (heal.site, list(heal.site.options)),
    }
    for label, (control, values) in cases.items():
        samples = []
        for i in range(N_CALLBACKS):
            value = values[i % len(values)]
            if control.value == value:
                value = values[(i + 1) % len(values)]
            start = time.perf_counter()
            control.value = value  # observe() runs the callback synchronously, figure updated when it returns
            samples.append(time.perf_counter() - start)
        results[label] = (statistics.median(samples) * 1e3, float(np.percentile(samples, 95)) * 1e3)
    return results


def main() -> None:
    model = bench_model()
    print("healing model (microlib.healing)")
    print(f"  {N_SCENARIOS:,} random scenarios x {DAYS} daily steps, vectorised closed form: "
          f"{model['closed_s']:.3f} s best of 3 (median {model['closed_median_s']:.3f} s; target <= 0.5 s)")
    print(f"  solve_ivp RK45 (rtol 1e-8) on {N_IVP_SAMPLE} of the same scenarios: "
          f"{model['ivp_per_scenario_ms']:.1f} ms per scenario vs {model['closed_per_scenario_us']:.1f} us "
          f"-> {model['ratio']:,.0f}x faster per scenario (target >= 1000x); "
          f"max relative difference at day {DAYS}: {model['max_rel_diff']:.1e}")
    print(f"widget callbacks, control change -> figure redrawn (in-process, {N_CALLBACKS} changes each)")
    for label, (median, p95) in bench_callbacks().items():
        print(f"  {label}: median {median:.1f} ms, p95 {p95:.1f} ms (target p95 <= 50 ms)")


if __name__ == "__main__":
    main()
