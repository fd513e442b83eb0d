"""A real class hub on loopback for the security tests: a trainer (admin) and two students, ann and bob.

The ``class_hub`` fixture (one per session) builds nothing itself beyond refreshing the package in the shared
environment: ``python tools/hub.py --setup-only`` (``make hub-env``) builds that environment. Without root, or
without the shared environment or configurable-http-proxy, the tests that need the hub are skipped with one line
saying how to enable them, except when ``CI`` is set: there that is a failure.

``MICROLIB_HUB_TEST_WEAKEN=name[,name]`` starts the hub with one protection removed (see
hub/jupyterhub_config.py), to show that the test checking it fails: any-password, open-signup, shared-servers,
students-admin, shared-home, tcp-kernels, all-interfaces, log-secrets.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from hubclass import PASSWORDS, PRIVATE_NOTE, Class, ClassHub, Student, hub_tools, unavailable


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Skip every test that needs the hub, with one line saying why, when it cannot run (in CI: fail)."""
    needing = [item for item in items
               if "tests/hub" in str(item.fspath) and "class_hub" in getattr(item, "fixturenames", ())]
    reason = unavailable() if needing else None
    if reason:
        if os.environ.get("CI"):
            raise pytest.UsageError(reason.replace("skipped", "required in CI"))
        print(f"\n{reason}")
        for item in needing:
            item.add_marker(pytest.mark.skip(reason=reason))


@pytest.fixture(scope="session")
def class_hub() -> Iterator[Class]:
    reason = unavailable()
    if reason:
        if os.environ.get("CI"):
            pytest.fail(reason.replace("skipped", "required in CI"))
        pytest.skip(reason)
    hub_tools.ensure_env(hub_tools.prefix_from_env())  # reinstalls the package only when its source changed
    weaken = tuple(filter(None, os.environ.get("MICROLIB_HUB_TEST_WEAKEN", "").split(",")))
    extra = {"MICROLIB_HUB_TEST_USERS": "ann,bob"}
    if "all-interfaces" in weaken:
        extra["MICROLIB_HUB_IP"] = "0.0.0.0"
    workdir = Path(tempfile.mkdtemp(prefix="microlib-hub-test-"))
    hub = ClassHub(workdir=workdir, weaken=weaken, env_extra=extra)
    students: list[Student] = []
    try:
        repo = hub.publish_lessons()
        hub.start()
        for name in ("trainer", "ann", "bob"):
            hub.signup(name, PASSWORDS[name])
        trainer = Student(hub, "trainer", PASSWORDS["trainer"])
        students.append(trainer)
        assert trainer.login(), "the trainer could not log in"
        for name in ("ann", "bob"):
            student = Student(hub, name, PASSWORDS[name])
            students.append(student)
            if not student.login():  # the usual case: a sign-up waits for the trainer's approval
                hub.approve(trainer, name)
                assert student.login(), f"{name} could not log in after approval"
            student.make_token()
            student.start_server()
            student.pull(repo)
        group = Class(hub, trainer, students[1], students[2], repo)
        note = group.home("bob") / "notes.txt"
        note.write_text(PRIVATE_NOTE)
        shutil.chown(note, user=hub.unix_name("bob"), group=hub.unix_name("bob"))
        note.chmod(0o644)  # even a file bob made readable is out of reach: his home folder is closed
        yield group
    finally:
        for student in students:
            student.close()
        hub.stop()
        shutil.rmtree(workdir, ignore_errors=True)
