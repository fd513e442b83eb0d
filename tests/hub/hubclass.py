"""Shared names of the hub tests (a module of its own, so the test files need not import a conftest)."""

from __future__ import annotations

import os
import shutil
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "hub"))
sys.path.insert(0, str(ROOT / "tools"))
from harness import ClassHub, Student  # noqa: E402  (hub/harness.py)

import hub as hub_tools  # noqa: E402  (tools/hub.py)

PASSWORDS = {"trainer": "trainer-pass-7f3k9q", "ann": "ann-pass-x81mz4wq", "bob": "bob-pass-q93nd0vy"}
PRIVATE_NOTE = "bob's private note 5b1e"


def unavailable() -> str | None:
    prefix = hub_tools.prefix_from_env()
    if os.geteuid() != 0:
        return "hub tests skipped: they create Unix accounts, so they need root (run: sudo make test)"
    if not (prefix / "venv" / "bin" / "jupyterhub").exists():
        return f"hub tests skipped: no shared hub environment in {prefix} (build it: sudo make hub-env)"
    if not hub_tools.PROXY.exists():
        return "hub tests skipped: configurable-http-proxy missing (run: make vendor, needs npm)"
    if shutil.which("useradd") is None or shutil.which("git") is None:
        return "hub tests skipped: useradd and git are needed"
    return None


@dataclass
class Class:
    hub: ClassHub
    trainer: Student
    ann: Student
    bob: Student
    repo: str

    def home(self, name: str) -> Path:
        return Path("/home") / self.hub.unix_name(name)
