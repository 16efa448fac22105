"""`make run` stopped with SIGTERM or Ctrl-C stops the embedded PostgreSQL it started."""

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import psutil
import pytest

ROOT = Path(__file__).resolve().parents[2]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for(condition, seconds: float, what: str):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.2)
    raise AssertionError(f"timed out waiting for {what}")


def answers(url: str) -> bool:
    try:
        return urllib.request.urlopen(url, timeout=2).status == 200
    except OSError:
        return False


def postmaster(pgdata: Path) -> psutil.Process | None:
    pid_file = pgdata / "postmaster.pid"
    if not pid_file.exists():
        return None
    try:
        return psutil.Process(int(pid_file.read_text().split()[0]))
    except (psutil.NoSuchProcess, ValueError, IndexError):
        return None


def alive(process: psutil.Process) -> bool:
    return process.is_running() and process.status() != psutil.STATUS_ZOMBIE


@pytest.mark.skipif("DATABASE_URL" in os.environ, reason="tests the embedded PostgreSQL")
@pytest.mark.parametrize("stop_signal", [signal.SIGTERM, signal.SIGINT], ids=["SIGTERM", "Ctrl-C"])
def test_stopping_the_dev_server_stops_the_embedded_postgres(tmp_path, stop_signal):
    pgdata, port = tmp_path / "postgres", free_port()
    env = {**os.environ, "EMBEDDED_POSTGRES_DIR": str(pgdata), "DEBUG": "true"}
    env.pop("DATABASE_URL", None)
    # As `make run` serves: the autoreloading runserver (a parent watching a child server).
    server = subprocess.Popen(
        [sys.executable, "manage.py", "runserver", f"127.0.0.1:{port}"],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True,
    )  # fmt: skip
    try:
        wait_for(lambda: answers(f"http://127.0.0.1:{port}/healthz"), 120, "the dev server")
        database = postmaster(pgdata)
        assert database is not None and alive(database)
        if stop_signal == signal.SIGINT:
            os.killpg(server.pid, stop_signal)  # Ctrl-C signals the terminal's whole process group
        else:
            server.send_signal(stop_signal)  # `kill PID`
        server.wait(30)
        wait_for(lambda: not alive(database), 30, "PostgreSQL to stop")
    finally:
        if server.poll() is None:
            server.kill()
        leftover = postmaster(pgdata)
        if leftover is not None and alive(leftover):
            leftover.kill()
