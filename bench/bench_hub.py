"""Load benchmark of the class hub: ``make bench-hub`` (needs root; not part of ``make test`` or ``make bench``).

For each class size (default 1, 5, 10, 20 and 30 students) a fresh hub starts on 127.0.0.1 (hub/harness.py), the
trainer approves every student's sign-up, and then each simulated student, arriving at a random moment inside a
start window (a class does not click the link in the same second):

1. logs in through the hub's login form and gets an API token, as JupyterLab does;
2. starts their server and waits until it answers (time to a ready server);
3. pulls the lessons with nbgitpuller from a local copy of this repository (no network here);
4. opens lessons 01 and 03 in real kernels and runs every code cell in order, then changes one control of the
   lesson's explorer through its callback (the needle length in 01, one checklist answer in 03).

Measured in the same run: p50 and p95 of the time to a ready server and of the time to run each lesson;
CPU-seconds and peak memory per student (all processes of the student's Unix account: server and kernels,
sampled every 0.5 s from /proc; a finished kernel's CPU time is counted through the server that reaped it);
the hub and proxy's CPU; failures (must be 0). Results go to ``docs/hub_scaling.json``, a figure to
``docs/hub_scaling.svg`` and a table between markers in docs/scaling.md.

Bounded: every request has a timeout, each class size a deadline, and everything started is stopped by PID.
Traffic goes only to 127.0.0.1.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import pwd
import random
import shutil
import sys
import tempfile
import threading
import time
import traceback
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "hub"))
DOCS = REPO / "docs"
RESULTS = DOCS / "hub_scaling.json"
FIGURE = DOCS / "hub_scaling.svg"
SCALING_MD = DOCS / "scaling.md"
MARK_START, MARK_END = "<!-- hub-bench:start -->", "<!-- hub-bench:end -->"
LESSONS = {"01": "notebooks/01_collagen_induction.ipynb", "03": "notebooks/03_side_effect_risk_checklist.ipynb"}
# One control changed through its callback after Run All, as a student moving a slider or clicking an answer.
WIDGET_CHANGE = {
    "01": ("before = depth_app.summary.value\n"
           "depth_app.needle.value = 0.5 if depth_app.needle.value != 0.5 else 1.0\n"
           "assert depth_app.summary.value != before, 'the explorer did not redraw'\n"),
    "03": ("toggle = next(iter(app.toggles.values()))\n"
           "toggle.index = (toggle.index + 1) % len(toggle.options) if toggle.index is not None else 0\n"
           "app.refresh()\n"),
}
PASSWORD = "bench-student-pass-{}"
CLK_TCK = os.sysconf("SC_CLK_TCK")
PAGE = os.sysconf("SC_PAGE_SIZE")


@dataclass
class StudentResult:
    name: str
    arrival_s: float = 0.0
    ready_s: float | None = None
    pull_s: float | None = None
    lesson_s: dict[str, float] = field(default_factory=dict)
    cpu_s: float = 0.0
    peak_mb: float = 0.0
    error: str = ""


class Sampler(threading.Thread):
    """Every ``interval`` s: memory (RSS) per Unix account, and each process's CPU time so far."""

    def __init__(self, accounts: dict[str, str], hub_pids, interval: float = 0.5) -> None:
        super().__init__(daemon=True)
        self.accounts, self.hub_pids, self.interval = accounts, hub_pids, interval  # student -> Unix account
        self.uid_of: dict[int, str] = {}
        self.peak_mb: dict[str, float] = {}
        # Per student, the largest sum seen of each live process's CPU time plus that of its children it has
        # reaped: a kernel that exits is reaped by the student's server, so its time moves into the server's.
        self.cpu: dict[str, float] = {}
        self.hub_cpu: dict[int, float] = {}
        self.halt = threading.Event()

    def run(self) -> None:
        while not self.halt.is_set():
            self.sample()
            self.halt.wait(self.interval)
        self.sample()

    def sample(self) -> None:
        for name, account in self.accounts.items():  # accounts appear as each student's server first starts
            if name not in self.uid_of.values():
                with contextlib.suppress(KeyError):
                    self.uid_of[pwd.getpwnam(account).pw_uid] = name
        rss: dict[str, float] = {}
        cpu_now: dict[str, float] = {}
        hub = set(self.hub_pids())
        for entry in Path("/proc").iterdir():
            if not entry.name.isdigit():
                continue
            pid = int(entry.name)
            try:
                owner_uid = entry.stat().st_uid
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            cpu = (int(fields[11]) + int(fields[12])) / CLK_TCK
            owner = self.uid_of.get(owner_uid)
            if owner is None:
                if pid in hub:  # the hub, proxy and culler (root); students' servers are counted per student
                    self.hub_cpu[pid] = cpu
                continue
            cpu_now[owner] = cpu_now.get(owner, 0.0) + cpu + (int(fields[13]) + int(fields[14])) / CLK_TCK
            rss[owner] = rss.get(owner, 0.0) + int(fields[21]) * PAGE / 2**20
        for owner, value in rss.items():
            self.peak_mb[owner] = max(self.peak_mb.get(owner, 0.0), value)
        for owner, value in cpu_now.items():
            self.cpu[owner] = max(self.cpu.get(owner, 0.0), value)

    def cpu_of(self, owner: str) -> float:
        return self.cpu.get(owner, 0.0)


def run_student(hub, name: str, repo: str, arrival: float, t0: float, deadline: float) -> StudentResult:
    from harness import Student, code_cells

    result = StudentResult(name, arrival_s=arrival)
    time.sleep(max(0.0, t0 + arrival - time.monotonic()))
    student = Student(hub, name, PASSWORD.format(name))
    try:
        if not student.login():
            raise RuntimeError("login refused")
        student.make_token()
        result.ready_s = student.start_server(timeout=max(30.0, deadline - time.monotonic()))
        started = time.monotonic()
        student.pull(repo, timeout=max(30.0, deadline - time.monotonic()))
        result.pull_s = time.monotonic() - started
        for lesson, path in LESSONS.items():
            started = time.monotonic()
            kernel_id = student.start_kernel(path)
            with student.kernel(kernel_id) as kernel:
                for number, code in enumerate([*code_cells(REPO / path), WIDGET_CHANGE[lesson]], start=1):
                    reply = kernel.execute(code, timeout=max(30.0, deadline - time.monotonic()))
                    if reply["status"] != "ok":
                        raise RuntimeError(f"lesson {lesson} cell {number}: {reply['error']}")
            result.lesson_s[lesson] = time.monotonic() - started
            student.stop_kernel(kernel_id)
    except Exception as exc:  # counted as a failure and reported; the run goes on
        result.error = f"{type(exc).__name__}: {exc}"[:300]
        traceback.print_exc(file=sys.stderr)
    finally:
        student.close()
    return result


def percentile(values: list[float], q: float) -> float | None:
    """Nearest-rank percentile (q in 0..100); None for no values."""
    if not values:
        return None
    ordered = sorted(values)
    return ordered[max(0, min(len(ordered) - 1, round(q / 100 * len(ordered) + 0.5) - 1))]


def run_class(size: int, window: float, seed: int, time_limit: float) -> dict:
    from harness import ClassHub, Student

    workdir = Path(tempfile.mkdtemp(prefix="microlib-hub-bench-"))
    hub = ClassHub(workdir=workdir, admin="trainer")
    names = [f"s{i:03d}" for i in range(1, size + 1)]
    results: list[StudentResult] = []
    try:
        repo = hub.publish_lessons()
        hub.start()
        hub.signup("trainer", PASSWORD.format("trainer"))
        trainer = Student(hub, "trainer", PASSWORD.format("trainer"))
        assert trainer.login(), "trainer login failed"
        for name in names:
            hub.signup(name, PASSWORD.format(name))
            hub.approve(trainer, name)
        trainer.close()
        rng = random.Random(seed + size)
        arrivals = sorted(rng.uniform(0, window) for _ in names) if size > 1 else [0.0]
        sampler = Sampler({name: hub.unix_name(name) for name in names}, hub.hub_pids)
        hub_cpu_before = sum(_cpu(pid) for pid in hub.hub_pids())  # only root's processes exist yet
        machine_before = _machine_cpu()
        sampler.start()
        t0 = time.monotonic()
        deadline = t0 + time_limit
        with ThreadPoolExecutor(max_workers=size) as pool:
            futures = [pool.submit(run_student, hub, name, repo, arrival, t0, deadline)
                       for name, arrival in zip(names, arrivals, strict=True)]
            results = [future.result() for future in futures]
        wall = time.monotonic() - t0
        sampler.halt.set()
        sampler.join(timeout=10)
        for result in results:
            result.cpu_s = round(sampler.cpu_of(result.name), 2)
            result.peak_mb = round(sampler.peak_mb.get(result.name, 0.0), 1)
        hub_cpu = sum(sampler.hub_cpu.values()) - hub_cpu_before
        machine_cpu = _machine_cpu() - machine_before
    finally:
        hub.stop()
        shutil.rmtree(workdir, ignore_errors=True)
    summary = summarise(size, window, wall, hub_cpu, results)
    ours = hub_cpu + sum(r.cpu_s for r in results)
    summary["other_cpu_s"] = round(max(0.0, machine_cpu - ours), 1)  # other work on the machine meanwhile
    summary["machine_cores_busy"] = round(machine_cpu / wall, 2) if wall else None
    return summary


def _machine_cpu() -> float:
    """CPU-seconds the whole machine has spent busy since boot (from /proc/stat)."""
    fields = [int(v) for v in Path("/proc/stat").read_text().splitlines()[0].split()[1:]]
    idle = fields[3] + (fields[4] if len(fields) > 4 else 0)
    return (sum(fields[:8]) - idle) / CLK_TCK


def _cpu(pid: int) -> float:
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / CLK_TCK


def summarise(size: int, window: float, wall: float, hub_cpu: float, results: list[StudentResult]) -> dict:
    ok = [r for r in results if not r.error]

    def stats(values: list[float]) -> dict:
        return {"p50": _round(percentile(values, 50)), "p95": _round(percentile(values, 95)),
                "max": _round(max(values) if values else None)}

    return {
        "students": size,
        "start_window_s": window,
        "wall_s": round(wall, 1),
        "failures": len(results) - len(ok),
        "errors": [f"{r.name}: {r.error}" for r in results if r.error],
        "ready_s": stats([r.ready_s for r in ok if r.ready_s is not None]),
        "pull_s": stats([r.pull_s for r in ok if r.pull_s is not None]),
        "lesson_01_s": stats([r.lesson_s["01"] for r in ok if "01" in r.lesson_s]),
        "lesson_03_s": stats([r.lesson_s["03"] for r in ok if "03" in r.lesson_s]),
        "cpu_s_per_student": stats([r.cpu_s for r in results]),
        "peak_mb_per_student": stats([r.peak_mb for r in results]),
        "hub_and_proxy_cpu_s": round(hub_cpu, 1),
        "per_student": [asdict(r) for r in results],
    }


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 2)


def markdown_table(runs: list[dict]) -> str:
    head = ("| students | start window (s) | ready server p50 / p95 (s) | lesson 01 p50 / p95 (s) | "
            "lesson 03 p50 / p95 (s) | CPU per student p50 (s) | peak memory per student p50 / max (MB) | "
            "hub + proxy CPU (s) | other work on the machine (CPU s) | failures |\n"
            "|---|---|---|---|---|---|---|---|---|---|")
    rows = [
        f"| {r['students']} | {r['start_window_s']:.0f} | {r['ready_s']['p50']} / {r['ready_s']['p95']} | "
        f"{r['lesson_01_s']['p50']} / {r['lesson_01_s']['p95']} | {r['lesson_03_s']['p50']} / "
        f"{r['lesson_03_s']['p95']} | {r['cpu_s_per_student']['p50']} | {r['peak_mb_per_student']['p50']} / "
        f"{r['peak_mb_per_student']['max']} | {r['hub_and_proxy_cpu_s']} | {r.get('other_cpu_s', '')} | "
        f"{r['failures']} |"
        for r in runs
    ]
    return "\n".join([head, *rows])


def write_figure(runs: list[dict]) -> str:
    """Four panels against class size: ready server, lessons, CPU and memory per student (p50 solid, p95 dashed)."""
    import plotly.graph_objects as go
    from plotly.subplots import make_subplots

    sizes = [r["students"] for r in runs]
    fig = make_subplots(rows=1, cols=4, horizontal_spacing=0.07, subplot_titles=(
        "Time to a ready server (s)", "Time to run a lesson (s)", "CPU per student (s)",
        "Peak memory per student (MB)"))
    panels = [
        (1, "ready_s", "ready server", "#0072B2"),
        (2, "lesson_01_s", "lesson 01", "#D55E00"),
        (2, "lesson_03_s", "lesson 03", "#009E73"),
        (3, "cpu_s_per_student", "CPU", "#CC79A7"),
        (4, "peak_mb_per_student", "memory", "#56B4E9"),
    ]
    for column, key, label, colour in panels:
        for q, dash, width in (("p50", "solid", 2.5), ("p95", "dash", 1.5)):
            fig.add_trace(go.Scatter(x=sizes, y=[r[key][q] for r in runs], name=f"{label} {q}",
                                     line={"color": colour, "dash": dash, "width": width},
                                     mode="lines+markers"), 1, column)
    fig.update_xaxes(title_text="students", type="log", tickvals=sizes)
    fig.update_yaxes(rangemode="tozero")
    fig.update_layout(width=1400, height=420, template="simple_white",
                      title="Class hub on one computer (2 cores): cost per student as the class grows")
    RESULTS.with_suffix(".plotly.json").write_text(fig.to_json(), encoding="utf-8")
    try:
        fig.write_image(str(FIGURE))
        data = RESULTS.with_suffix(".plotly.json").name
        return f"![Class hub benchmark](hub_scaling.svg)\n\n*Figure data: `docs/{data}`.*"
    except Exception as exc:  # kaleido needs a Chromium; without one, the plotly JSON is the figure
        print(f"static figure not written ({type(exc).__name__}: {exc}); plotly JSON written instead",
              file=sys.stderr)
        return f"*Figure: plotly JSON in `docs/{RESULTS.with_suffix('.plotly.json').name}` (no static image).*"


def write_docs(runs: list[dict], meta: dict) -> None:
    figure = write_figure(runs)
    block = "\n".join([
        MARK_START,
        f"Measured {meta['date']} on this project's machine ({meta['cores']} cores, {meta['memory_gb']} GB), "
        f"`make bench-hub` ({meta['command']}). Students arrive at random inside the start window "
        f"(about {meta['window_per_student']:g} s per student, at most {meta['window_cap']:g} s).",
        "",
        markdown_table(runs),
        "",
        figure,
        MARK_END,
    ])
    text = SCALING_MD.read_text(encoding="utf-8")
    if MARK_START in text and MARK_END in text:
        before, rest = text.split(MARK_START, 1)
        after = rest.split(MARK_END, 1)[1]
        text = before + block + after
    else:
        text = text.rstrip() + "\n\n" + block + "\n"
    SCALING_MD.write_text(text, encoding="utf-8")


def run(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Load benchmark of the class hub (see the module docstring).")
    parser.add_argument("--students", default="1,5,10,20,30", help="class sizes, comma-separated")
    parser.add_argument("--window-per-student", type=float, default=6.0,
                        help="seconds of start window per student (a class arriving over a few minutes)")
    parser.add_argument("--window-cap", type=float, default=180.0, help="longest start window, seconds")
    parser.add_argument("--time-limit", type=float, default=1200.0, help="deadline per class size, seconds")
    parser.add_argument("--seed", type=int, default=14)
    parser.add_argument("--no-docs", action="store_true", help="print results only; leave docs/ alone")
    args = parser.parse_args(argv)
    if os.geteuid() != 0:
        print("bench-hub creates a Unix account per student, so it needs root.", file=sys.stderr)
        return 1
    sys.path.insert(0, str(REPO / "tools"))
    import hub as hub_tools

    hub_tools.ensure_env(hub_tools.prefix_from_env())
    sizes = [int(part) for part in args.students.split(",") if part.strip()]
    if not sizes or max(sizes) > 60 or min(sizes) < 1:
        parser.error("class sizes must be between 1 and 60")
    runs = []
    for size in sizes:
        window = min(args.window_per_student * size, args.window_cap) if size > 1 else 0.0
        print(f"== {size} students, start window {window:.0f} s", flush=True)
        summary = run_class(size, window, args.seed, args.time_limit)
        runs.append(summary)
        print(json.dumps({k: v for k, v in summary.items() if k != "per_student"}), flush=True)
    meta = {
        "date": time.strftime("%Y-%m-%d"), "cores": os.cpu_count(),
        "memory_gb": round(os.sysconf("SC_PHYS_PAGES") * PAGE / 2**30),
        "command": f"--students {args.students}", "window_per_student": args.window_per_student,
        "window_cap": args.window_cap,
    }
    print(markdown_table(runs))
    failures = sum(r["failures"] for r in runs)
    if not args.no_docs:
        RESULTS.write_text(json.dumps({"meta": meta, "runs": runs}, indent=1) + "\n", encoding="utf-8")
        write_docs(runs, meta)
    print(f"failures: {failures}")
    return 1 if failures else 0


def main() -> None:
    """Called by bench/run.py (`make bench`): the hub benchmark is separate, so only say how to run it."""
    print("The class hub benchmark is separate: sudo make bench-hub (about 10 minutes; see docs/scaling.md).")


if __name__ == "__main__":
    sys.exit(run())
