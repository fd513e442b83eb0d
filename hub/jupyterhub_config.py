"""JupyterHub settings for a class on one computer (``make hub``; see docs/scaling.md).

Students sign up with a password on the hub's sign-up page; the trainer approves each sign-up (or lists the
students in advance) and is the hub's administrator. Each student's server runs under the student's own Unix
account (``jupyter-NAME``, created on first start with a private home folder), from the shared environment that
``tools/hub.py`` builds, and its kernels talk over Unix sockets in that private folder, not TCP ports.

Environment variables (``tools/hub.py`` sets the first three):

``MICROLIB_HUB_ENV``        the students' shared environment (a venv with requirements.lock and the hub packages)
``MICROLIB_HUB_STATE``      folder for the hub's database and cookie secret (root only)
``MICROLIB_HUB_PROXY``      the configurable-http-proxy executable
``MICROLIB_HUB_IP``         address to listen on (default 127.0.0.1: this computer only)
``MICROLIB_HUB_PORT``       port (default 8000)
``MICROLIB_HUB_ADMIN``      the trainer's user name (default ``trainer``); sign it up first
``MICROLIB_HUB_STUDENTS``   optional, comma-separated names approved in advance (others wait for the trainer)
``MICROLIB_HUB_USER_PREFIX`` prefix of the students' Unix accounts (default ``jupyter-``, as TLJH)
``MICROLIB_HUB_CULL_AFTER`` seconds of inactivity before a server is stopped by the idle culler (default 3600)
``MICROLIB_HUB_MEM_LIMIT``  memory per student (default 1G: see the measurements in docs/scaling.md)
``MICROLIB_HUB_CPU_LIMIT``  cores per student (default 1)
``MICROLIB_HUB_GIT_CONFIG`` the students' global git configuration, set by ``tools/hub.py`` when the lessons are
                            published on this computer (it lists that repository as safe to pull from)

The local process spawner does not enforce the memory and CPU limits (it passes them to the server as
``MEM_LIMIT`` and ``CPU_LIMIT``); TLJH's systemd spawner and Kubernetes do. ``MICROLIB_HUB_TEST_WEAKEN`` exists only
for the security tests, to show that each test fails when the protection it checks is removed; it is honoured only
together with ``MICROLIB_HUB_TEST_MODE=1``.
"""

# ruff: noqa: F821  (`c` and `get_config` are provided by JupyterHub when it loads this file)

from __future__ import annotations

import os
import pwd
import subprocess
import sys
from pathlib import Path

from jupyterhub.spawner import LocalProcessSpawner, set_user_setuid

c = get_config()

ENV = Path(os.environ.get("MICROLIB_HUB_ENV", sys.prefix))
STATE = Path(os.environ.get("MICROLIB_HUB_STATE", "/opt/microlib-hub/state"))
STATE.mkdir(parents=True, exist_ok=True, mode=0o700)
IP = os.environ.get("MICROLIB_HUB_IP", "127.0.0.1")
PORT = int(os.environ.get("MICROLIB_HUB_PORT", "8000"))
ADMIN = os.environ.get("MICROLIB_HUB_ADMIN", "trainer")
PREFIX = os.environ.get("MICROLIB_HUB_USER_PREFIX", "jupyter-")
TEST_MODE = os.environ.get("MICROLIB_HUB_TEST_MODE") == "1"
WEAKEN = set(filter(None, os.environ.get("MICROLIB_HUB_TEST_WEAKEN", "").split(","))) if TEST_MODE else set()


# ---- where things live and who can reach them ---------------------------------------------------------------
c.JupyterHub.bind_url = f"http://{IP}:{PORT}"
c.JupyterHub.hub_ip = "127.0.0.1"  # the hub's own API: the proxy and the servers reach it on this computer
c.JupyterHub.hub_port = int(os.environ.get("MICROLIB_HUB_API_PORT", str(PORT + 1)))
PROXY_API_PORT = int(os.environ.get("MICROLIB_HUB_PROXY_API_PORT", str(PORT + 2)))
c.ConfigurableHTTPProxy.api_url = f"http://127.0.0.1:{PROXY_API_PORT}"
c.ConfigurableHTTPProxy.command = [os.environ.get("MICROLIB_HUB_PROXY", "configurable-http-proxy")]
c.JupyterHub.db_url = f"sqlite:///{STATE / 'jupyterhub.sqlite'}"
c.JupyterHub.cookie_secret_file = str(STATE / "jupyterhub_cookie_secret")
c.JupyterHub.pid_file = str(STATE / "jupyterhub.pid")
c.JupyterHub.cleanup_servers = True  # stopping the hub stops the students' servers

# ---- accounts: sign-up with a password, approved by the trainer -----------------------------------------------
c.JupyterHub.authenticator_class = "nativeauthenticator.NativeAuthenticator"
c.Authenticator.admin_users = {ADMIN}
c.Authenticator.allow_all = True  # who may log in is decided by the trainer's approval of each sign-up
c.Authenticator.allowed_users = set(filter(None, os.environ.get("MICROLIB_HUB_STUDENTS", "").split(",")))
c.Authenticator.username_pattern = r"^[a-z][a-z0-9]{0,15}$"  # safe as part of a Unix account name
c.NativeAuthenticator.open_signup = False
c.NativeAuthenticator.minimum_password_length = 10
c.NativeAuthenticator.check_common_password = True
c.NativeAuthenticator.allowed_failed_logins = 5  # then a pause before the next try
c.NativeAuthenticator.seconds_before_next_try = 60
if "open-signup" in WEAKEN:
    c.NativeAuthenticator.open_signup = True
if "any-password" in WEAKEN:
    from jupyterhub.auth import DummyAuthenticator
    c.JupyterHub.authenticator_class = DummyAuthenticator
if "students-admin" in WEAKEN:
    c.Authenticator.admin_users = {ADMIN} | set(os.environ.get("MICROLIB_HUB_TEST_USERS", "").split(","))
ROLES = [{
    "name": "idle-culler",
    "scopes": ["list:users", "read:users:activity", "read:servers", "delete:servers"],
    "services": ["idle-culler"],
}]
if "shared-servers" in WEAKEN:
    ROLES.append({"name": "user", "scopes": ["self", "access:servers", "list:users", "read:users"]})


# ---- each student a Unix account --------------------------------------------------------------------------
class ClassSpawner(LocalProcessSpawner):
    """Local processes under ``PREFIX + name``, an account created on first start with a private home folder.

    The prefix keeps hub names apart from system accounts (a student who signs up as ``root`` gets
    ``jupyter-root``), as The Littlest JupyterHub does.
    """

    @property
    def unix_name(self) -> str:
        return PREFIX + self.user.name

    def ensure_account(self) -> None:
        try:
            pwd.getpwnam(self.unix_name)
        except KeyError:
            subprocess.run(["useradd", "--create-home", "--user-group", "--shell", "/bin/bash", self.unix_name],
                           check=True, capture_output=True)
        home = Path(pwd.getpwnam(self.unix_name).pw_dir)
        home.chmod(0o755 if "shared-home" in WEAKEN else 0o700)

    def make_preexec_fn(self, name):
        become_student = set_user_setuid(self.unix_name)
        private = "shared-home" not in WEAKEN

        def preexec() -> None:
            become_student()
            if private:
                os.umask(0o077)  # files the student's server and kernels create are theirs alone

        return preexec

    def user_env(self, env):
        record = pwd.getpwnam(self.unix_name)
        env.update(USER=self.unix_name, HOME=record.pw_dir, SHELL=record.pw_shell or "/bin/bash")
        return env

    async def start(self):
        self.ensure_account()
        if "log-secrets" in WEAKEN:  # a common debugging mistake: logging each server's environment
            self.log.info("environment: %s", self.get_env())
        return await super().start()


c.JupyterHub.spawner_class = ClassSpawner
c.Spawner.cmd = [str(ENV / "bin" / "jupyterhub-singleuser")]
c.Spawner.ip = "127.0.0.1"
c.Spawner.notebook_dir = "~"
c.Spawner.default_url = "/lab"
c.Spawner.start_timeout = 120
c.Spawner.http_timeout = 120
c.Spawner.mem_limit = os.environ.get("MICROLIB_HUB_MEM_LIMIT", "1G")
c.Spawner.cpu_limit = float(os.environ.get("MICROLIB_HUB_CPU_LIMIT", "1"))
KERNEL_TRANSPORT = "tcp" if "tcp-kernels" in WEAKEN else "ipc"
c.Spawner.args = [
    # Kernels talk to the server over Unix sockets inside the student's private runtime folder (mode 700), so no
    # other account can connect to them; over TCP any local account could reach the ports.
    f"--KernelManager.transport={KERNEL_TRANSPORT}",
    "--ServerApp.ip=127.0.0.1",
    "--LabApp.news_url=None",
    "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
    "--LabApp.extension_manager=readonly",
]
c.Spawner.environment = {
    "PATH": f"{ENV / 'bin'}:/usr/local/bin:/usr/bin:/bin",
}
if os.environ.get("MICROLIB_HUB_GIT_CONFIG"):
    # Lessons published on this computer (`tools/hub.py --lessons-repo`, the tests, the benchmark) belong to root;
    # git lets students pull from them only when its global configuration lists them as safe directories.
    c.Spawner.environment["GIT_CONFIG_GLOBAL"] = os.environ["MICROLIB_HUB_GIT_CONFIG"]

# ---- services: stop servers nobody has used for an hour -------------------------------------------------------
c.JupyterHub.services = [{
    "name": "idle-culler",
    "command": [sys.executable, "-m", "jupyterhub_idle_culler",
                f"--timeout={int(os.environ.get('MICROLIB_HUB_CULL_AFTER', '3600'))}", "--cull-every=300"],
}]
c.JupyterHub.load_roles = ROLES
