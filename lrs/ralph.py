"""Ralph, the learning record store (LRS), run on this machine: `make lrs` and the xAPI tests.

Ralph lives in its own venv (.venv-lrs, from lrs/constraints.txt): it pins its own
dependencies. This module only starts programs from there, so it runs with any Python
(the project's .venv in the tests).

    python -m lrs.ralph serve [--port 8100] [--site http://127.0.0.1:8080/]

serves Ralph on 127.0.0.1 with its file-system backend under lrs/local/ (gitignored), behind
the login's learner (lrs/ralph_app.py), with what the local chain needs created there once:

- lrs/local/credentials.env: the site's credential, scope `statements/write` only (nginx
  adds it to the statements it forwards: `make serve-nginx` reads it from here), and the
  report's, scope `all/read` (it reads every statement and may write none);
- lrs/local/htpasswd, trainers and logins.txt: local users standing in for the intranet's
  login (two learners and a trainer), for `CKB_XAPI=login make serve-nginx`.

`--site` is the site's address, the home page of the learners' accounts (make serve-nginx's).

Ralph enforces those scopes only with RALPH_LRS_RESTRICT_BY_SCOPES=True, which itself
requires RALPH_LRS_RESTRICT_BY_AUTHORITY=True (a user without `statements/read` then reads
only what it stored itself: nothing, for a write-only one).
"""

import argparse
import base64
import hashlib
import os
import secrets
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LRS_VENV = ROOT / ".venv-lrs"
LOCAL = ROOT / "lrs" / "local"  # gitignored: credentials and statements of `make lrs`
XAPI_PATH = "xAPI/"  # Ralph's xAPI endpoint, under its address
WRITE_SCOPE = "statements/write"
READ_SCOPE = "all/read"
LOCAL_SITE = "http://127.0.0.1:8080/"  # make serve-nginx's address
LOCAL_LEARNERS = ("A0001", "A0002")
LOCAL_TRAINERS = ("T0001",)


def basic_auth(user_and_password: str) -> str:
    """The HTTP Basic Authorization value of "user:password"."""
    return "Basic " + base64.b64encode(user_and_password.encode("utf-8")).decode("ascii")


@dataclass(frozen=True)
class Credentials:
    write: str  # "user:password", scope statements/write: the site's
    read: str  # "user:password", scope all/read: the report's, never the site's

    def env_lines(self) -> str:
        return f"CKB_LRS_WRITE_AUTH={self.write}\nCKB_LRS_READ_AUTH={self.read}\n"

    @classmethod
    def from_env_file(cls, path: Path) -> "Credentials":
        values = dict(line.split("=", 1) for line in path.read_text(encoding="utf-8").splitlines() if "=" in line)
        # CKB_XAPI_AUTH: the name of the site's credential in files of an older `make lrs`
        return cls(write=values.get("CKB_LRS_WRITE_AUTH") or values["CKB_XAPI_AUTH"], read=values["CKB_LRS_READ_AUTH"])


def ralph_env(data_dir: Path, auth_file: Path, site_url: str) -> dict[str, str]:
    """Ralph's settings: the file-system backend, the auth file, scopes enforced; the site's address
    for the login's learner (lrs/ralph_app.py). No CORS: the site's statements come through its own
    web server (deploy/nginx.conf), never from a browser straight to the LRS."""
    environment = {key: value for key, value in os.environ.items() if not key.startswith("RALPH_RUNSERVER_CORS")}
    return {
        **environment,
        "RALPH_RUNSERVER_BACKEND": "fs",
        "RALPH_BACKENDS__LRS__FS__DEFAULT_DIRECTORY_PATH": str(data_dir),
        "RALPH_AUTH_FILE": str(auth_file),
        "RALPH_LRS_RESTRICT_BY_SCOPES": "True",
        "RALPH_LRS_RESTRICT_BY_AUTHORITY": "True",
        "RALPH_APP_DIR": str(auth_file.parent),
        "CKB_LRS_SITE_URL": site_url,
    }


def htpasswd_line(user: str, password: str) -> str:
    """A line of an htpasswd file nginx reads: the password salted and hashed ({SSHA}, nginx 1.0.3+)."""
    salt = secrets.token_bytes(8)
    digest = hashlib.sha1(password.encode("utf-8") + salt).digest()
    return f"{user}:{{SSHA}}{base64.b64encode(digest + salt).decode('ascii')}\n"


def create_logins(folder: Path, learners=LOCAL_LEARNERS, trainers=LOCAL_TRAINERS) -> dict[str, str]:
    """Local users standing in for the intranet's login: folder/htpasswd (nginx's auth_basic_user_file)
    and folder/trainers (one user a line, those who may open 答案). Returns {user: password}."""
    passwords = {user: secrets.token_urlsafe(9) for user in (*learners, *trainers)}
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "htpasswd").write_text("".join(htpasswd_line(user, password) for user, password in passwords.items()),
                                     encoding="utf-8")
    (folder / "trainers").write_text("".join(f"{user}\n" for user in trainers), encoding="utf-8")
    return passwords


def create_credentials(auth_file: Path, data_dir: Path, home_page: str) -> Credentials:
    """Two new users in `auth_file`, through `ralph auth` (bcrypt hashes; the passwords are returned only)."""
    credentials = Credentials(write=f"site:{secrets.token_urlsafe(18)}", read=f"report:{secrets.token_urlsafe(18)}")
    auth_file.parent.mkdir(parents=True, exist_ok=True)
    env = ralph_env(data_dir, auth_file, home_page)
    for user_and_password, scope in ((credentials.write, WRITE_SCOPE), (credentials.read, READ_SCOPE)):
        user, password = user_and_password.split(":", 1)
        subprocess.run([str(LRS_VENV / "bin" / "ralph"), "auth", "-u", user, "-p", password, "-s", scope,
                        "-A", user, home_page, "-w"],
                       env=env, check=True, capture_output=True, text=True, timeout=60)
    return credentials


def start(port: int, data_dir: Path, auth_file: Path, site_url: str, log=subprocess.DEVNULL) -> subprocess.Popen:
    """Ralph on 127.0.0.1:port: its app (behind the login's learner, with the fs backend's fix,
    lrs/ralph_app.py) under uvicorn, without `ralph runserver`'s reloader, which would restart it
    at every edit in the project."""
    data_dir.mkdir(parents=True, exist_ok=True)
    command = [str(LRS_VENV / "bin" / "python"), "-m", "uvicorn", "lrs.ralph_app:app",
               "--host", "127.0.0.1", "--port", str(port), "--log-level", "warning"]
    return subprocess.Popen(command, cwd=ROOT, env=ralph_env(data_dir, auth_file, site_url), stdout=log, stderr=log)


def wait_until_up(base_url: str, process: subprocess.Popen | None = None, timeout: float = 30) -> None:
    """Poll Ralph's /__heartbeat__ until it answers 200 (or the process ends, or the timeout passes)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process is not None and process.poll() is not None:
            raise RuntimeError(f"Ralph exited with {process.returncode} before answering")
        try:
            with urllib.request.urlopen(base_url + "__heartbeat__", timeout=2) as response:
                if response.status == 200:
                    return
        except (urllib.error.URLError, OSError):
            pass
        time.sleep(0.05)  # a poll interval, not a wait for something to happen
    raise RuntimeError(f"Ralph did not answer at {base_url} within {timeout} s")


def serve(port: int, site_url: str) -> None:
    """`make lrs`: create the local credentials and logins once, print how to use them, run Ralph until Ctrl-C."""
    auth_file, data_dir, env_file = LOCAL / "auth.json", LOCAL / "statements", LOCAL / "credentials.env"
    logins = LOCAL / "logins.txt"
    if not env_file.exists():
        credentials = create_credentials(auth_file, data_dir, site_url)
        env_file.write_text(credentials.env_lines(), encoding="utf-8")
        env_file.chmod(0o600)
    if not logins.exists():
        passwords = create_logins(LOCAL)
        logins.write_text("".join(f"{user} {password}\n" for user, password in passwords.items()), encoding="utf-8")
        logins.chmod(0o600)
    users = logins.read_text(encoding="utf-8").split()
    listed = ", ".join(f"{user} / {password}" for user, password in zip(users[::2], users[1::2], strict=True))
    endpoint = f"http://127.0.0.1:{port}/{XAPI_PATH}"
    print(f"Ralph LRS: {endpoint} (statements in {data_dir}, credentials in {env_file})\n"
          f"The whole chain, in another terminal: nginx serves the site on {LOCAL_SITE} and forwards its\n"
          f"statements here with the site's credential (read from {env_file}, never put in the site):\n"
          f"  CKB_XAPI=login make serve-nginx   the login's users ({listed}; trainers: "
          f"{', '.join(LOCAL_TRAINERS)})\n"
          f"  CKB_XAPI=self make serve-nginx    no login: learners give their 工号\n"
          f"Report (read credential, never in the site):\n"
          f"  CKB_LRS_ENDPOINT={endpoint} make report\n"
          f"Learners' accounts under {site_url}. Ctrl-C stops.", flush=True)
    process = start(port, data_dir, auth_file, site_url, log=None)
    signal.signal(signal.SIGTERM, lambda *_: process.terminate())  # stopped by a service manager: Ralph too
    try:
        process.wait()
    except KeyboardInterrupt:
        process.terminate()
        process.wait(timeout=10)


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(prog="python -m lrs.ralph", description="Ralph LRS on 127.0.0.1")
    commands = parser.add_subparsers(dest="command", required=True)
    serve_parser = commands.add_parser("serve", help="serve Ralph with the local credentials")
    serve_parser.add_argument("--port", type=int, default=8100)
    serve_parser.add_argument("--site", default=LOCAL_SITE,
                              help=f"the site's address, the home page of learners' accounts (default {LOCAL_SITE})")
    args = parser.parse_args(argv)
    if not (LRS_VENV / "bin" / "ralph").exists():
        sys.exit("Ralph is not installed: run `make lrs` (it creates .venv-lrs from lrs/constraints.txt)")
    serve(args.port, args.site.rstrip("/") + "/")


if __name__ == "__main__":
    main()
