"""Benchmark: time from a filter change in the condition explorer to the redrawn card, table and figure.

Run with ``python bench/bench_evidence.py`` (``make bench`` runs it with the others). Target: p95 <= 50 ms
in-process (no browser; the widget messages to the front end are not included).
"""

from __future__ import annotations

import statistics
import time

REPEATS = 60


def measure(repeats: int = REPEATS) -> list[float]:
    """Milliseconds per filter change, cycling the minimum-n slider, design filter and condition."""
    from microlib.apps.evidence import build_evidence_app

    app = build_evidence_app("acne_scars")
    changes = [
        (app.min_n, 10), (app.min_n, 0), (app.design, "randomised trials"), (app.design, "all designs"),
        (app.condition, "androgenetic_alopecia"), (app.verified_only, True), (app.verified_only, False),
        (app.sort_by, "size"), (app.sort_by, "level"), (app.condition, "acne_scars"),
    ]
    for control, value in changes:  # warm-up: first plotly validations are slow
        control.value = value
    times = []
    for i in range(repeats):
        control, value = changes[i % len(changes)]
        start = time.perf_counter()
        control.value = value
        times.append((time.perf_counter() - start) * 1000)
    return times


def main() -> None:
    times = sorted(measure())
    p95 = times[min(len(times) - 1, round(0.95 * (len(times) - 1)))]
    print(f"evidence explorer: filter change -> redrawn card+table+figure, n={len(times)}: "
          f"median {statistics.median(times):.1f} ms, p95 {p95:.1f} ms (target p95 <= 50 ms): "
          f"{'OK' if p95 <= 50 else 'ABOVE TARGET'}")


if __name__ == "__main__":
    main()
