"""Security of the class hub: passwords, one student against another, admin rights, loopback, kernels, logs.

Each test names the protection it checks; ``MICROLIB_HUB_TEST_WEAKEN`` (tests/hub/conftest.py) removes it, and
the test then fails (how each was shown is in docs/scaling.md, "Security tests").
"""

from __future__ import annotations

import ipaddress
import json
import re
from pathlib import Path

import pytest
from harness import Student, listening_sockets, processes_of
from hubclass import PASSWORDS, PRIVATE_NOTE, Class


def test_wrong_password_is_refused(class_hub: Class) -> None:
    """Protection: the authenticator checks the password (weaken: any-password)."""
    intruder = Student(class_hub.hub, "ann", "not-anns-password-123")
    try:
        assert not intruder.login()
        response = intruder.client.get("/hub/api/user")
        assert response.status_code == 403
    finally:
        intruder.close()


def test_sign_up_alone_does_not_let_a_stranger_in(class_hub: Class) -> None:
    """Protection: the trainer approves each sign-up (weaken: open-signup)."""
    class_hub.hub.signup("stranger", "stranger-pass-5k2m8x")
    stranger = Student(class_hub.hub, "stranger", "stranger-pass-5k2m8x")
    try:
        assert not stranger.login()
    finally:
        stranger.close()


OTHER_SERVER_REQUESTS = [
    ("GET", "/user/bob/api/contents"),
    ("GET", "/user/bob/api/contents/notes.txt"),
    ("GET", "/user/bob/api/kernels"),
    ("POST", "/user/bob/api/kernels"),
    ("GET", "/user/bob/api/sessions"),
    ("GET", "/user/bob/files/notes.txt"),
    ("GET", "/user/bob/lab"),
    ("POST", "/user/bob/api/terminals"),
    ("GET", "/hub/api/users/bob"),
    ("POST", "/hub/api/users/bob/server"),
    ("DELETE", "/hub/api/users/bob/server"),
    ("POST", "/hub/api/users/bob/tokens"),
]


@pytest.mark.parametrize(("method", "path"), OTHER_SERVER_REQUESTS, ids=[f"{m} {p}" for m, p in OTHER_SERVER_REQUESTS])
def test_student_cannot_use_another_students_server(class_hub: Class, method: str, path: str) -> None:
    """Protection: a student's token and cookie reach only their own server (weaken: shared-servers)."""
    ann = class_hub.ann
    with_token = ann.client.request(method, path, headers=ann.auth(), follow_redirects=False)
    assert with_token.status_code in (403, 404), f"{method} {path} with ann's token: {with_token.status_code}"
    with_cookie = ann.client.request(method, path, headers=ann.xsrf_headers(path))
    assert with_cookie.status_code in (403, 404), f"{method} {path} with ann's login: {with_cookie.status_code}"
    assert PRIVATE_NOTE not in with_cookie.text


ADMIN_REQUESTS = [
    ("GET", "/hub/api/users"),
    ("POST", "/hub/api/users/mallory"),
    ("DELETE", "/hub/api/users/bob"),
    ("PATCH", "/hub/api/users/ann"),
    ("GET", "/hub/api/proxy"),
    ("POST", "/hub/api/shutdown"),
    ("GET", "/hub/authorize"),
    ("GET", "/hub/authorize/stranger"),
    ("GET", "/hub/admin"),
]


@pytest.mark.parametrize(("method", "path"), ADMIN_REQUESTS, ids=[f"{m} {p}" for m, p in ADMIN_REQUESTS])
def test_student_cannot_call_admin_endpoints(class_hub: Class, method: str, path: str) -> None:
    """Protection: only the trainer is an administrator (weaken: students-admin)."""
    ann = class_hub.ann
    body = {"admin": True} if method == "PATCH" else None
    response = ann.client.request(method, path, headers={**ann.auth(), **ann.xsrf_headers(path)}, json=body,
                                  follow_redirects=False)
    assert response.status_code in (403, 404), f"{method} {path} as ann: {response.status_code}"


def test_trainer_is_admin(class_hub: Class) -> None:
    """The admin check above is not vacuous: the trainer does get the list of users."""
    trainer = class_hub.trainer
    response = trainer.client.get("/hub/api/users", headers=trainer.xsrf_headers())
    assert response.status_code == 200
    assert {"ann", "bob"} <= {user["name"] for user in response.json()}


def test_kernel_cannot_read_another_students_files(class_hub: Class) -> None:
    """Protection: each student is a Unix account with a private home folder (weaken: shared-home)."""
    bob_home = class_hub.home("bob")
    code = (
        "import os\n"
        "for action, target in [('list', {home!r}), ('read', {note!r}), ('list', {repo!r})]:\n"
        "    try:\n"
        "        found = os.listdir(target) if action == 'list' else open(target).read()\n"
        "        print('REACHED', action, target, str(found)[:80])\n"
        "    except PermissionError:\n"
        "        print('DENIED', action, target)\n"
    ).format(home=str(bob_home), note=str(bob_home / "notes.txt"), repo=str(bob_home / "microneedling-lessons"))
    result = class_hub.ann.run_code(code, timeout=120)
    assert result["status"] == "ok", result
    assert "REACHED" not in result["stdout"], result["stdout"]
    assert result["stdout"].count("DENIED") == 3
    assert oct(bob_home.stat().st_mode & 0o777) == "0o700"


def test_hub_and_servers_listen_only_on_loopback(class_hub: Class) -> None:
    """Protection: the hub, proxy, servers and kernels bind 127.0.0.1 by default (weaken: all-interfaces)."""
    pids = class_hub.hub.hub_pids() + processes_of(class_hub.hub.uids())
    sockets = listening_sockets(pids)
    assert sockets, "found no listening socket at all: the check itself is broken"
    wide = [(pid, address, port) for pid, address, port in sockets if not ipaddress.ip_address(address).is_loopback]
    assert not wide, f"listening beyond this computer: {wide}"
    assert any(port == class_hub.hub.port for _, _, port in sockets)


def _kernel_pids(uid_name: str, class_hub: Class) -> list[int]:
    pids = []
    for pid in processes_of(class_hub.hub.uids()):
        try:
            command = Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode()
            owner = Path(f"/proc/{pid}").stat().st_uid
        except OSError:
            continue
        if "ipykernel_launcher" in command and owner == _uid(uid_name):
            pids.append(pid)
    return pids


def _uid(unix_name: str) -> int:
    import pwd

    return pwd.getpwnam(unix_name).pw_uid


def test_kernels_use_private_unix_sockets_not_tcp(class_hub: Class) -> None:
    """Protection: kernels talk over IPC sockets in the owner's private folder (weaken: tcp-kernels).

    Over TCP, any account on the computer can connect to a kernel's ports (only the message signature then
    stands between it and the kernel). Over IPC, the sockets sit in the student's runtime folder, which no other
    account can enter.
    """
    bob, ann = class_hub.bob, class_hub.ann
    kernel_id = bob.start_kernel("notebooks/00_start_here.ipynb")
    try:
        with bob.kernel(kernel_id) as kernel:
            assert kernel.execute("print('bob here')")["stdout"].strip() == "bob here"
        runtime = class_hub.home("bob") / ".local" / "share" / "jupyter" / "runtime"
        connection = json.loads((runtime / f"kernel-{kernel_id}.json").read_text())
        assert connection["transport"] == "ipc", f"bob's kernel uses {connection['transport']}"
        kernels = _kernel_pids(class_hub.hub.unix_name("bob"), class_hub)
        assert kernels, "bob's kernel process was not found"
        # ipykernel's only TCP socket is a receive-only pipe on 127.0.0.1 for output from forked subprocesses,
        # whose messages must carry a random 16-byte key; none of the five kernel channels may be on TCP.
        tcp = listening_sockets(kernels)
        assert len(tcp) <= 1, f"bob's kernel listens on TCP: {tcp}"
        ipc = sorted(path for path in runtime.glob("*-ipc-*") if path.is_socket())
        assert len(ipc) >= 5, f"bob's kernel channels are not all Unix sockets in {runtime}: {ipc}"
        probe = (
            "import socket\n"
            "s = socket.socket(socket.AF_UNIX)\n"
            "try:\n"
            f"    s.connect({str(ipc[0])!r}); print('CONNECTED')\n"
            "except PermissionError:\n"
            "    print('DENIED')\n"
        )
        assert ann.run_code(probe, timeout=120)["stdout"].strip() == "DENIED"
    finally:
        bob.stop_kernel(kernel_id)


def _process_secrets(class_hub: Class) -> list[str]:
    """The tokens the hub hands its proxy and each student's server (read from their environments as root)."""
    found = []
    for pid in class_hub.hub.hub_pids() + processes_of(class_hub.hub.uids()):
        try:
            environ = Path(f"/proc/{pid}/environ").read_bytes().split(b"\0")
        except OSError:
            continue
        for entry in environ:
            name, _, value = entry.decode(errors="replace").partition("=")
            if name in ("JUPYTERHUB_API_TOKEN", "CONFIGPROXY_AUTH_TOKEN") and len(value) >= 16:
                found.append(value)
    cookie_secret = class_hub.hub.workdir / "state" / "jupyterhub_cookie_secret"
    found.append(cookie_secret.read_text().strip())
    return sorted(set(found))


def test_no_password_or_token_in_logs(class_hub: Class) -> None:
    """Protection: the hub and servers keep secrets out of their logs (weaken: log-secrets).

    Runs after the other tests have logged in (also with a wrong password), used tokens in headers and a URL,
    and started kernels; then looks for every password, every student's token, the token of each student's
    server and of the proxy, and the cookie secret in the hub's log, which also holds the servers' and the proxy's
    output.
    """
    ann = class_hub.ann
    ann.client.get(f"/user/ann/api/status?token={ann.token}")  # a token in a URL, as some links carry one
    log = class_hub.hub.log()
    assert "JupyterHub" in log and "ServerApp" in log, "the log does not hold the hub's and servers' output"
    secrets = [*PASSWORDS.values(), "not-anns-password-123", ann.token, class_hub.bob.token,
               *_process_secrets(class_hub)]
    assert len(secrets) >= 9, "the servers' and the proxy's own tokens were not found"
    leaked = sum(1 for secret in secrets if secret and secret in log)
    if leaked:  # the values themselves are not shown: test output ends up in CI logs too
        pytest.fail(f"{leaked} secret(s) appear in the hub's log")
    assert not re.search(r"token=(?!\[secret\])[0-9a-f]{16,}", log), "a token appears in a logged URL"
    assert "Kernel is running over TCP" not in log


def test_idle_culler_runs(class_hub: Class) -> None:
    """The idle-culler service is registered with the hub and its process is running (as a child of the hub)."""
    trainer = class_hub.trainer
    services = trainer.client.get("/hub/api/services", headers=trainer.xsrf_headers())
    assert services.status_code == 200 and "idle-culler" in services.json()
    commands = []
    for pid in class_hub.hub.hub_pids():
        try:
            commands.append(Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode())
        except OSError:
            continue
    assert any("jupyterhub_idle_culler" in command and "--timeout=3600" in command for command in commands)
