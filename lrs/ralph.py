"""Ralph, the learning record store (LRS), run on this machine: `make lrs` and the xAPI tests.

Ralph lives in its own venv (.venv-lrs, from lrs/constraints.txt): it pins its own
dependencies. This module only starts programs from there, so it runs with any Python
(the project's .venv in the tests).

    python -m lrs.ralph serve [--port 8100] [--origin http://127.0.0.1:8000]

serves Ralph on 127.0.0.1 with its file-system backend under lrs/local/ (gitignored), with
two local credentials created there once (lrs/local/credentials.env):

- the site's, scope `statements/write` only: it may store statements and read none;
- the report's, scope `all/read`: it reads every statement and may write none.

Ralph enforces those scopes only with RALPH_LRS_RESTRICT_BY_SCOPES=True, which itself
requires RALPH_LRS_RESTRICT_BY_AUTHORITY=True (a user without `statements/read` then reads
only what it stored itself: nothing, for a write-only one).
"""

import argparse
import base64
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


def basic_auth(user_and_password: str) -> str:
    """The HTTP Basic Authorization value of "user:password"."""
    return "Basic " + base64.b64encode(user_and_password.encode("utf-8")).decode("ascii")


@dataclass(frozen=True)
class Credentials:
    write: str  # "user:password", scope statements/write: the site's
    read: str  # "user:password", scope all/read: the report's, never the site's

    def env_lines(self) -> str:
        return f"CKB_XAPI_AUTH={self.write}\nCKB_LRS_READ_AUTH={self.read}\n"

    @classmethod
    def from_env_file(cls, path: Path) -> "Credentials":
        values = dict(line.split("=", 1) for line in path.read_text(encoding="utf-8").splitlines() if "=" in line)
        return cls(write=values["CKB_XAPI_AUTH"], read=values["CKB_LRS_READ_AUTH"])


def ralph_env(data_dir: Path, auth_file: Path, origins: list[str]) -> dict[str, str]:
    """Ralph's settings: the file-system backend, the auth file, scopes enforced, the site's origins (CORS)."""
    quoted = ",".join(f'"{origin.rstrip("/")}"' for origin in origins)
    return {
        **os.environ,
        "RALPH_RUNSERVER_BACKEND": "fs",
        "RALPH_BACKENDS__LRS__FS__DEFAULT_DIRECTORY_PATH": str(data_dir),
        "RALPH_AUTH_FILE": str(auth_file),
        "RALPH_LRS_RESTRICT_BY_SCOPES": "True",
        "RALPH_LRS_RESTRICT_BY_AUTHORITY": "True",
        "RALPH_RUNSERVER_CORS_ALLOW_ORIGINS": f"[{quoted}]",
        "RALPH_APP_DIR": str(auth_file.parent),
    }


def create_credentials(auth_file: Path, data_dir: Path, home_page: str) -> Credentials:
    """Two new users in `auth_file`, through `ralph auth` (bcrypt hashes; the passwords are returned only)."""
    credentials = Credentials(write=f"site:{secrets.token_urlsafe(18)}", read=f"report:{secrets.token_urlsafe(18)}")
    auth_file.parent.mkdir(parents=True, exist_ok=True)
    env = ralph_env(data_dir, auth_file, [])
    for user_and_password, scope in ((credentials.write, WRITE_SCOPE), (credentials.read, READ_SCOPE)):
        user, password = user_and_password.split(":", 1)
        subprocess.run([str(LRS_VENV / "bin" / "ralph"), "auth", "-u", user, "-p", password, "-s", scope,
                        "-A", user, home_page, "-w"],
                       env=env, check=True, capture_output=True, text=True, timeout=60)
    return credentials


def start(port: int, data_dir: Path, auth_file: Path, origins: list[str], log=subprocess.DEVNULL) -> subprocess.Popen:
    """Ralph on 127.0.0.1:port: its app (with the fs backend's fix, lrs/ralph_app.py) under uvicorn,
    without `ralph runserver`'s reloader, which would restart it at every edit in the project."""
    data_dir.mkdir(parents=True, exist_ok=True)
    command = [str(LRS_VENV / "bin" / "python"), "-m", "uvicorn", "lrs.ralph_app:app",
               "--host", "127.0.0.1", "--port", str(port), "--log-level", "warning"]
    return subprocess.Popen(command, cwd=ROOT, env=ralph_env(data_dir, auth_file, origins), stdout=log, stderr=log)


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


def serve(port: int, origins: list[str]) -> None:
    """`make lrs`: create the local credentials once, print how to use them, run Ralph until Ctrl-C."""
    auth_file, data_dir, env_file = LOCAL / "auth.json", LOCAL / "statements", LOCAL / "credentials.env"
    if not env_file.exists():
        credentials = create_credentials(auth_file, data_dir, origins[0])
        env_file.write_text(credentials.env_lines(), encoding="utf-8")
        env_file.chmod(0o600)
    credentials = Credentials.from_env_file(env_file)
    endpoint = f"http://127.0.0.1:{port}/{XAPI_PATH}"
    print(f"Ralph LRS: {endpoint} (statements in {data_dir}, credentials in {env_file})\n"
          f"Build or serve the site with xAPI on (write-only credential):\n"
          f"  CKB_XAPI_ENDPOINT={endpoint} CKB_XAPI_AUTH='{credentials.write}' make serve\n"
          f"Report (read credential, never in the site):\n"
          f"  CKB_LRS_ENDPOINT={endpoint} make report\n"
          f"Site origins allowed (CORS): {', '.join(origins)}. Ctrl-C stops.", flush=True)
    process = start(port, data_dir, auth_file, origins, log=None)
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
    serve_parser.add_argument("--origin", action="append",
                              help="a site origin allowed to send statements (default http://127.0.0.1:8000)")
    args = parser.parse_args(argv)
    if not (LRS_VENV / "bin" / "ralph").exists():
        sys.exit("Ralph is not installed: run `make lrs` (it creates .venv-lrs from lrs/constraints.txt)")
    serve(args.port, args.origin or ["http://127.0.0.1:8000"])


if __name__ == "__main__":
    main()
