"""Benchmark: the checklist engine on every answer combination of one category, and the widget callback.

Run with ``python bench/bench_risk.py`` (``make bench`` runs it with the others).

- ``assess`` over all yes/no/unknown combinations of the largest category (3^n answer sets, every other question
  answered no), reported per call; the single-call path (which re-checks the data files) beside the batch path.
- The widget callback: time from setting one toggle to the updated outcome, reasons and timeline, in-process (no
  browser; the messages to the front end are not included). Target: p95 <= 50 ms.
"""

from __future__ import annotations

import itertools
import statistics
import time

REPEATS = 60


def _p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def measure_assess() -> tuple[str, int, float, float]:
    """(category, combinations, µs per call via assess_many, µs per call via assess) over one full category."""
    from microlib import risk

    category = max(risk.CATEGORIES, key=lambda c: len(risk.checklist_items(c)))
    keys = [i.key for i in risk.checklist_items(category)]
    base = risk.blank_answers("no")
    sets = [base | dict(zip(keys, combo, strict=True)) for combo in itertools.product(risk.ANSWERS, repeat=len(keys))]
    risk.assess(base)  # warm-up: loads and validates the data once
    start = time.perf_counter()
    results = risk.assess_many(sets)
    batch = (time.perf_counter() - start) / len(sets) * 1e6
    sample = sets[:: max(1, len(sets) // 2000)]
    start = time.perf_counter()
    for answers in sample:
        risk.assess(answers)
    single = (time.perf_counter() - start) / len(sample) * 1e6
    assert len(results) == 3 ** len(keys)
    return category, len(sets), batch, single


def measure_callback(repeats: int = REPEATS) -> list[float]:
    """Milliseconds from one toggle change to the refreshed result panel and timeline."""
    from microlib.apps.risk import build_checklist_app

    app = build_checklist_app()
    app.load_vignette("case_h_hana")
    changes = [("darker_skin_type", "yes"), ("bleeding_disorder", "yes"), ("darker_skin_type", "no"),
               ("anticoagulants", "yes"), ("bleeding_disorder", "no"), ("anticoagulants", "unknown"),
               ("non_intradermal_products", "no"), ("non_intradermal_products", "yes")]
    for key, value in changes:  # warm-up: first plotly validations are slow
        app.toggles[key].value = value
    times = []
    for i in range(repeats):
        key, value = changes[i % len(changes)]
        start = time.perf_counter()
        app.toggles[key].value = value
        times.append((time.perf_counter() - start) * 1000)
    return times


def main() -> None:
    category, count, batch, single = measure_assess()
    print(f"risk checklist: assess over all {count} yes/no/unknown combinations of '{category}': "
          f"{batch:.0f} µs per call in a batch (assess_many), {single:.0f} µs per single assess call "
          f"(ratio single/batch {single / batch:.1f}×; the single call re-checks the data files)")
    times = measure_callback()
    p95 = _p95(times)
    print(f"risk checklist: toggle -> refreshed outcome+reasons+timeline, n={len(times)}: "
          f"median {statistics.median(times):.1f} ms, p95 {p95:.1f} ms (target p95 <= 50 ms): "
          f"{'met' if p95 <= 50 else 'NOT met'}")


if __name__ == "__main__":
    main()
