"""Start a class hub on loopback for the security tests and the load benchmark, and act as its students.

``ClassHub`` starts ``jupyterhub -f hub/jupyterhub_config.py`` from the shared environment (``tools/hub.py``)
on free ports of 127.0.0.1, with Unix accounts under a unique prefix, and stops everything it started: the hub
by its PID, then any process left under the test accounts by its PID, then the accounts themselves.
``Student`` signs up, logs in, starts a server, pulls the lessons with nbgitpuller and runs code in kernels
through the hub's proxy (REST and the kernel websocket), as a browser would.

Used by tests/hub (``make test``) and bench/bench_hub.py (``make bench-hub``). Needs root.
"""

from __future__ import annotations

import contextlib
import json
import os
import pwd
import secrets
import signal
import socket
import subprocess
import sys
import time
import urllib.parse
import uuid
from dataclasses import dataclass, field
from pathlib import Path

import httpx
from websockets.sync.client import connect

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))
import hub as hub_tools  # noqa: E402  (tools/hub.py)

LESSONS_REPO_NAME = "microneedling-lessons"


def free_port_block(count: int = 3) -> int:
    """A port P on 127.0.0.1 such that P .. P+count-1 are all free (hub, hub API, proxy API)."""
    for _ in range(200):
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            base = probe.getsockname()[1]
        if base + count > 65000:
            continue
        try:
            sockets = []
            for offset in range(count):
                sock = socket.socket()
                sockets.append(sock)
                sock.bind(("127.0.0.1", base + offset))
            return base
        except OSError:
            continue
        finally:
            for sock in sockets:
                sock.close()
    raise RuntimeError("no block of free ports on 127.0.0.1")


def processes_of(uids: set[int]) -> list[int]:
    """PIDs of the processes whose real user id is one of ``uids``."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            status = (entry / "status").read_text()
        except OSError:
            continue
        for line in status.splitlines():
            if line.startswith("Uid:"):
                if int(line.split()[1]) in uids:
                    found.append(int(entry.name))
                break
    return found


def descendants(pid: int) -> list[int]:
    """PIDs of all processes below ``pid``."""
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                ppid = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            children.setdefault(ppid, []).append(int(entry.name))
    found, todo = [], [pid]
    while todo:
        for child in children.get(todo.pop(), []):
            found.append(child)
            todo.append(child)
    return found


def stop_pids(pids: list[int], timeout: float = 15) -> None:
    """SIGTERM each PID, wait, then SIGKILL those still alive."""
    for pid in pids:
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGTERM)
    deadline = time.monotonic() + timeout
    alive = list(pids)
    while alive and time.monotonic() < deadline:
        alive = [pid for pid in alive if Path(f"/proc/{pid}").exists() and not _zombie(pid)]
        time.sleep(0.2)
    for pid in alive:
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGKILL)


def _zombie(pid: int) -> bool:
    try:
        return (Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]) == "Z"
    except OSError:
        return True


def listening_sockets(pids: list[int]) -> list[tuple[int, str, int]]:
    """(pid, address, port) of every TCP socket in LISTEN state held by one of ``pids``."""
    table: dict[str, tuple[str, int]] = {}
    for name in ("tcp", "tcp6"):
        lines = Path(f"/proc/net/{name}").read_text().splitlines()[1:]
        for line in lines:
            fields = line.split()
            if fields[3] != "0A":  # LISTEN
                continue
            address_hex, port_hex = fields[1].split(":")
            table[fields[9]] = (_address(address_hex), int(port_hex, 16))
    found = []
    for pid in pids:
        try:
            fds = list(Path(f"/proc/{pid}/fd").iterdir())
        except OSError:
            continue
        for fd in fds:
            try:
                target = os.readlink(fd)
            except OSError:
                continue
            if target.startswith("socket:["):
                inode = target[8:-1]
                if inode in table:
                    found.append((pid, *table[inode]))
    return found


def _address(hex_address: str) -> str:
    raw = bytes.fromhex(hex_address)
    if len(raw) == 4:
        return socket.inet_ntop(socket.AF_INET, raw[::-1])
    words = b"".join(raw[i:i + 4][::-1] for i in range(0, 16, 4))
    return socket.inet_ntop(socket.AF_INET6, words)


@dataclass
class ClassHub:
    """A hub for tests: ``start()``, then ``stop()`` (always; it also removes the Unix accounts it made)."""

    workdir: Path
    prefix: Path = field(default_factory=hub_tools.prefix_from_env)
    admin: str = "trainer"
    weaken: tuple[str, ...] = ()
    env_extra: dict[str, str] = field(default_factory=dict)
    user_prefix: str = field(default_factory=lambda: f"mlh{secrets.token_hex(3)}-")
    port: int = 0
    process: subprocess.Popen | None = None
    log_path: Path | None = None
    hub_names: set[str] = field(default_factory=set)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def unix_name(self, hub_name: str) -> str:
        return self.user_prefix + hub_name

    def uids(self) -> set[int]:
        found = set()
        for name in self.hub_names | {self.admin}:
            with contextlib.suppress(KeyError):
                found.add(pwd.getpwnam(self.unix_name(name)).pw_uid)
        return found

    def publish_lessons(self) -> str:
        """Publish this checkout as a local bare repository; returns its file:// address for nbgitpuller."""
        repo = hub_tools.publish_lessons(self.workdir / "lessons" / f"{LESSONS_REPO_NAME}.git")
        os.chmod(self.workdir, 0o755)
        return f"file://{repo}"

    def git_config(self) -> Path:
        """A git configuration for the students that accepts the local lessons repository (owned by root)."""
        path = self.workdir / "gitconfig"
        path.write_text(f"[safe]\n\tdirectory = {self.workdir / 'lessons' / (LESSONS_REPO_NAME + '.git')}\n")
        path.chmod(0o644)
        return path

    def start(self, timeout: float = 90) -> None:
        self.workdir.mkdir(parents=True, exist_ok=True)
        state = self.workdir / "state"
        state.mkdir(mode=0o700, exist_ok=True)
        self.port = free_port_block(3)
        env = hub_tools.hub_environment(self.prefix)
        env.update({
            "MICROLIB_HUB_STATE": str(state),
            "MICROLIB_HUB_PORT": str(self.port),
            "MICROLIB_HUB_ADMIN": self.admin,
            "MICROLIB_HUB_USER_PREFIX": self.user_prefix,
            "MICROLIB_HUB_TEST_MODE": "1",
            "MICROLIB_HUB_TEST_WEAKEN": ",".join(self.weaken),
            "MICROLIB_HUB_GIT_CONFIG": str(self.git_config()),
            **self.env_extra,
        })
        env.setdefault("MICROLIB_HUB_IP", "127.0.0.1")
        self.log_path = self.workdir / "hub.log"
        with self.log_path.open("w") as log:
            self.process = subprocess.Popen(hub_tools.hub_command(self.prefix), cwd=state, env=env, stdout=log,
                                            stderr=subprocess.STDOUT, start_new_session=True)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"the hub stopped at start-up:\n{self.log()[-4000:]}")
            try:
                if httpx.get(f"{self.url}/hub/api", timeout=2).status_code == 200:
                    return
            except httpx.HTTPError:
                pass
            time.sleep(0.5)
        raise RuntimeError(f"the hub did not answer within {timeout} s:\n{self.log()[-4000:]}")

    def log(self) -> str:
        return self.log_path.read_text(errors="replace") if self.log_path and self.log_path.exists() else ""

    def hub_pids(self) -> list[int]:
        """The hub, its proxy and services (its process tree)."""
        if self.process is None or self.process.poll() is not None:
            return []
        return [self.process.pid, *descendants(self.process.pid)]

    def stop(self) -> None:
        """Stop the hub by its PID (it stops the proxy, services and servers), then leftovers, then accounts."""
        uids = self.uids()
        if self.process is not None:
            tree = self.hub_pids()
            stop_pids([self.process.pid], timeout=30)
            self.process.wait(timeout=10)
            stop_pids([pid for pid in tree if pid != self.process.pid], timeout=5)
        proxy_pid = self.workdir / "state" / "jupyterhub-proxy.pid"
        if proxy_pid.exists():
            with contextlib.suppress(ValueError):
                stop_pids([int(proxy_pid.read_text().strip())], timeout=5)
        if uids:
            stop_pids(processes_of(uids), timeout=10)
        for name in sorted(self.hub_names | {self.admin}):
            unix = self.unix_name(name)
            try:
                pwd.getpwnam(unix)
            except KeyError:
                continue
            subprocess.run(["userdel", "--remove", unix], capture_output=True, check=False)

    # ---- accounts ------------------------------------------------------------------------------------------
    def client(self) -> httpx.Client:
        return httpx.Client(base_url=self.url, follow_redirects=True, timeout=120)

    def signup(self, name: str, password: str) -> httpx.Response:
        self.hub_names.add(name)
        with self.client() as client:
            if client.get("/hub/signup").status_code == 404:  # an authenticator without sign-up (test mode)
                return client.get("/hub/signup")
            return client.post("/hub/signup", data={
                "username": name, "signup_password": password, "signup_password_confirmation": password,
                "_xsrf": client.cookies.get("_xsrf", ""),
            })

    def approve(self, admin: Student, name: str) -> None:
        response = admin.client.get(f"/hub/authorize/{urllib.parse.quote(name)}")
        response.raise_for_status()


@dataclass
class Student:
    """One person in a browser: a cookie session with the hub, then an API token for their own server."""

    hub: ClassHub = field(repr=False)
    name: str
    password: str = field(repr=False)  # never in a test report or a log
    client: httpx.Client = field(init=False, repr=False)
    token: str = field(default="", repr=False)

    def __post_init__(self) -> None:
        self.client = self.hub.client()

    def close(self) -> None:
        self.client.close()

    def login(self) -> bool:
        """Log in through the form; True when the hub accepted the password."""
        self.client.get("/hub/login")
        response = self.client.post("/hub/login", data={
            "username": self.name, "password": self.password, "_xsrf": self.xsrf(),
        }, follow_redirects=False)
        return response.status_code == 302 and "jupyterhub-session-id" in self.client.cookies

    def xsrf(self, path: str = "/hub/") -> str:
        """The ``_xsrf`` cookie that applies to ``path`` (the hub and each server set their own)."""
        matching = [cookie for cookie in self.client.cookies.jar
                    if cookie.name == "_xsrf" and path.startswith(cookie.path or "/")]
        return max(matching, key=lambda cookie: len(cookie.path or "")).value if matching else ""

    def xsrf_headers(self, path: str = "/hub/") -> dict[str, str]:
        return {"X-XSRFToken": self.xsrf(path)}

    def make_token(self) -> str:
        """An API token for this student (what JupyterLab uses behind the scenes)."""
        response = self.client.post(f"/hub/api/users/{self.name}/tokens", headers=self.xsrf_headers(),
                                    json={"note": "load test", "expires_in": 3600})
        response.raise_for_status()
        self.token = response.json()["token"]
        return self.token

    def auth(self) -> dict[str, str]:
        return {"Authorization": f"token {self.token}"}

    def start_server(self, timeout: float = 300) -> float:
        """Start this student's server and wait until it answers; returns the seconds that took."""
        started = time.monotonic()
        response = self.client.post(f"/hub/api/users/{self.name}/server", headers=self.auth())
        if response.status_code not in (201, 202, 400):  # 400: already running
            raise RuntimeError(f"{self.name}: server start answered {response.status_code}: {response.text[:300]}")
        while time.monotonic() - started < timeout:
            model = self.client.get(f"/hub/api/users/{self.name}", headers=self.auth()).json()
            server = model.get("servers", {}).get("")
            if server and server.get("ready"):
                status = self.client.get(f"/user/{self.name}/api/status", headers=self.auth())
                if status.status_code == 200:
                    return time.monotonic() - started
            time.sleep(0.5)
        raise TimeoutError(f"{self.name}: server not ready after {timeout} s")

    def pull(self, repo: str, branch: str = "main", timeout: float = 300) -> None:
        """What an nbgitpuller link does: clone, or merge the trainer's changes without touching the student's."""
        query = urllib.parse.urlencode({"repo": repo, "branch": branch, "targetpath": LESSONS_REPO_NAME})
        events = []
        with self.client.stream("GET", f"/user/{self.name}/git-pull/api?{query}", headers=self.auth(),
                                timeout=timeout) as response:
            response.raise_for_status()
            for line in response.iter_lines():
                if line.startswith("data: "):
                    event = json.loads(line[6:])
                    events.append(event)
                    if event.get("phase") in ("finished", "error"):
                        break
        if not events or events[-1].get("phase") != "finished":
            raise RuntimeError(f"{self.name}: nbgitpuller did not finish: {events[-3:]}")

    def start_kernel(self, notebook: str) -> str:
        """Open ``notebook`` (path in the pulled copy) as JupyterLab does: a session with a new kernel."""
        response = self.client.post(f"/user/{self.name}/api/sessions", headers=self.auth(), json={
            "path": f"{LESSONS_REPO_NAME}/{notebook}", "type": "notebook", "name": Path(notebook).name,
            "kernel": {"name": "python3"},
        })
        response.raise_for_status()
        return response.json()["kernel"]["id"]

    def stop_kernel(self, kernel_id: str) -> None:
        self.client.delete(f"/user/{self.name}/api/kernels/{kernel_id}", headers=self.auth())

    def run_code(self, code: str, notebook: str = "notebooks/00_start_here.ipynb", timeout: float = 600) -> dict:
        """Open ``notebook`` with a new kernel, run ``code`` in it, stop the kernel; the result of ``execute``."""
        kernel_id = self.start_kernel(notebook)
        try:
            with self.kernel(kernel_id) as kernel:
                return kernel.execute(code, timeout=timeout)
        finally:
            self.stop_kernel(kernel_id)

    def kernel(self, kernel_id: str) -> KernelChannel:
        url = f"ws://127.0.0.1:{self.hub.port}/user/{self.name}/api/kernels/{kernel_id}/channels"
        return KernelChannel(connect(url, additional_headers=self.auth(), max_size=2**26, open_timeout=60,
                                     close_timeout=5))


class KernelChannel:
    """Jupyter's kernel messaging over the server's websocket: send code, collect outputs until idle."""

    def __init__(self, connection) -> None:
        self._connection = connection
        self.ws = connection.__enter__()
        self.session = uuid.uuid4().hex

    def close(self) -> None:
        self._connection.__exit__(None, None, None)

    def __enter__(self) -> KernelChannel:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    def execute(self, code: str, timeout: float = 600) -> dict:
        """Run ``code``; returns {"status", "stdout", "error"} once the kernel is idle again."""
        msg_id = uuid.uuid4().hex
        self.ws.send(json.dumps({
            "header": {"msg_id": msg_id, "username": "student", "session": self.session, "msg_type":
                       "execute_request", "version": "5.3", "date": ""},
            "parent_header": {}, "metadata": {}, "channel": "shell", "buffers": [],
            "content": {"code": code, "silent": False, "store_history": True, "user_expressions": {},
                        "allow_stdin": False, "stop_on_error": True},
        }))
        result = {"status": None, "stdout": "", "error": ""}
        idle = False
        deadline = time.monotonic() + timeout
        while not (idle and result["status"]):
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise TimeoutError(f"no reply within {timeout} s to: {code[:80]!r}")
            message = json.loads(self.ws.recv(timeout=remaining))
            if message.get("parent_header", {}).get("msg_id") != msg_id:
                continue
            kind, content = message["msg_type"], message["content"]
            if kind == "stream" and content.get("name") == "stdout":
                result["stdout"] += content["text"]
            elif kind == "error":
                result["error"] = f"{content['ename']}: {content['evalue']}"
            elif kind == "execute_reply":
                result["status"] = content["status"]
            elif kind == "status" and content["execution_state"] == "idle":
                idle = True
        return result


def code_cells(notebook: Path) -> list[str]:
    """The code cells of a notebook, in order (what Run All sends to the kernel)."""
    cells = json.loads(notebook.read_text(encoding="utf-8"))["cells"]
    return ["".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"]
            for cell in cells if cell["cell_type"] == "code"]
