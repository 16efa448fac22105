"""Benchmark: gunicorn (2 workers, production settings) under wrk, in one run.

    .venv/bin/python bench/load_bench.py [SECONDS]

Needs Debian's wrk (apt-get install wrk) and a filled database at DATABASE_URL (default:
postgres://postgres@127.0.0.1:5432/tracker_bench; bench/pages_bench.py fills it).
Prints requests per second of the trivial /healthz, the overview and the agreements
list (64 connections, SECONDS each, default 15), the two pages' ratios to /healthz
(target: overview at least 0.30), then a load run of 30 s at 64 connections over the
overview and the agreements list: requests per second, p99 latency, socket errors and
non-2xx answers (target: zero). Traffic goes to 127.0.0.1 only.
"""

import os
import re
import secrets
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ADDRESS = "127.0.0.1:8011"
CONNECTIONS = 64


def start_server() -> subprocess.Popen:
    environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.production",
        "DATABASE_URL": os.environ.get("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/tracker_bench"),
        "SECRET_KEY": os.environ.get("SECRET_KEY", secrets.token_urlsafe(50)),
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "false",  # wrk speaks plain HTTP to loopback
        "BIND": ADDRESS,
        "WEB_CONCURRENCY": "2",
        "LOG_LEVEL": "WARNING",
    }
    collect = [sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"]
    subprocess.run(collect, cwd=ROOT, env=environment, check=True)
    server = subprocess.Popen(
        [str(Path(sys.executable).parent / "gunicorn"), "config.wsgi", "--access-logfile", "/dev/null"],
        cwd=ROOT, env=environment, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    for _ in range(100):
        try:
            if urllib.request.urlopen(f"http://{ADDRESS}/healthz", timeout=2).status == 200:
                return server
        except OSError:
            time.sleep(0.2)
    server.terminate()
    raise SystemExit("gunicorn did not answer /healthz")


def wrk(path: str, seconds: int) -> dict:
    output = subprocess.run(
        ["wrk", "-t2", f"-c{CONNECTIONS}", f"-d{seconds}s", "--timeout", "10s", "--latency", f"http://{ADDRESS}{path}"],
        capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    p99 = re.search(r"99%\s+([\d.]+)(us|ms|s)", output)
    p99_ms = float(p99.group(1)) * {"us": 0.001, "ms": 1, "s": 1000}[p99.group(2)]
    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    socket = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output)
    return {
        "rate": rate,
        "p99_ms": p99_ms,
        "non_2xx": int(non_2xx.group(1)) if non_2xx else 0,
        "socket_errors": sum(int(n) for n in socket.groups()) if socket else 0,
    }


def main():
    seconds = int(sys.argv[1]) if len(sys.argv) > 1 else 15
    server = start_server()
    try:
        for path in ("/", "/agreements/"):
            urllib.request.urlopen(f"http://{ADDRESS}{path}", timeout=30).read()  # warm the caches
        health = wrk("/healthz", seconds)
        print(f"/healthz             {health['rate']:8.0f} req/s")
        for name, path, target in (("overview", "/", 0.30), ("agreements list", "/agreements/", None)):
            result = wrk(path, seconds)
            ratio = result["rate"] / health["rate"]
            verdict = "" if target is None else ("  ok" if ratio >= target else "  BELOW TARGET")
            print(f"{name:20} {result['rate']:8.0f} req/s  ratio to /healthz {ratio:.2f}"
                  f"{f' (target >= {target})' if target else ''}{verdict}")  # fmt: skip
        print(f"load: 30 s at {CONNECTIONS} connections")
        for name, path in (("overview", "/"), ("agreements list", "/agreements/")):
            result = wrk(path, 30)
            errors = result["non_2xx"] + result["socket_errors"]
            print(f"  {name:18} {result['rate']:8.0f} req/s  p99 {result['p99_ms']:7.1f} ms  "
                  f"non-2xx {result['non_2xx']}  socket errors {result['socket_errors']}"
                  f"  {'ok' if errors == 0 else 'ERRORS'}")  # fmt: skip
    finally:
        server.terminate()
        server.wait(timeout=30)


if __name__ == "__main__":
    main()
