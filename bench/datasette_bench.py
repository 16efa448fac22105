"""Benchmark: this project against Datasette serving the same rows, side by side, in one run.

    .venv/bin/pip install -e ".[bench]"       # Datasette, pinned (bench only)
    .venv/bin/python bench/datasette_bench.py [DATABASE ...] [--seconds N]

Each DATABASE (a PostgreSQL database name at 127.0.0.1:5432, default h10_bench) must
hold generated data (`manage.py generate_data`); its SQLite copy is built once from the
project's own CSV export (bench/sqlite_copy.py: indexes on the filtered and sorted
columns, FTS5) and cached beside it under .data/bench/. The project runs under gunicorn
with the production settings and the Redis cache (DB 10, flushed first); Datasette
0.65 serves the copy immutable, suggested facets off, SQL time limit 30 s, 50 rows a
page. Each pair of equivalent requests runs first cold (each side's first view of a
few filter values, one at a time), then warm (after each side has seen every rotated
value once) under Debian's wrk at 8 connections with the filter values rotated, the two
sides interleaved. Printed per pair: requests per
second, p50 and p99 of each side and the ratio project / Datasette against its target;
then the lists against /healthz, 64 connections for 30 s over every list, and with
several databases the warm and cold figures side by side (growth). Loopback only.
"""

import argparse
import os
import re
import secrets
import subprocess
import sys
import tempfile
import time
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from bench import bench_pairs, sqlite_copy  # noqa: E402

PROJECT, DATASETTE = "127.0.0.1:8021", "127.0.0.1:8022"
REDIS_URL = "redis://127.0.0.1:6379/10"


def wait_for(url: str, server: subprocess.Popen) -> None:
    for _ in range(300):
        try:
            if urllib.request.urlopen(url, timeout=5).status == 200:
                return
        except OSError:
            if server.poll() is not None:
                raise SystemExit(f"server for {url} exited") from None
            time.sleep(0.2)
    raise SystemExit(f"{url} did not answer")


def start_project(database_url: str) -> subprocess.Popen:
    environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.production",
        "DATABASE_URL": database_url,
        "REDIS_URL": REDIS_URL,
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "false",  # wrk speaks plain HTTP to loopback
        "BIND": PROJECT,
        "LOG_LEVEL": "WARNING",
    }
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"],
        cwd=ROOT,
        env=environment,
        check=True,
    )
    import redis

    redis.Redis.from_url(REDIS_URL).flushdb()  # DB 10 is this benchmark's own
    server = subprocess.Popen(
        [str(Path(sys.executable).parent / "gunicorn"), "config.wsgi", "--access-logfile", "/dev/null"],
        cwd=ROOT,
        env=environment,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    wait_for(f"http://{PROJECT}/healthz", server)
    return server


def start_datasette(copy: Path) -> subprocess.Popen:
    datasette = Path(sys.executable).parent / "datasette"
    settings = {
        "suggest_facets": "off",
        "sql_time_limit_ms": "30000",
        "default_page_size": "50",
        "max_returned_rows": "1000",
        "num_sql_threads": "3",
        "facet_time_limit_ms": "30000",
    }
    command = [str(datasette), "serve", "-i", str(copy), "-h", "127.0.0.1", "-p", DATASETTE.split(":")[1]]
    for name, value in settings.items():
        command += ["--setting", name, value]
    server = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    wait_for(f"http://{DATASETTE}/-/versions.json", server)
    return server


def wrk(address: str, paths: list[str], seconds: int, connections: int) -> dict:
    """wrk over `paths` in turn (a Lua script rotates them), with p50, p99 and errors."""
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
        quoted = ", ".join('"' + p.replace("\\", "\\\\").replace('"', '\\"') + '"' for p in paths)
        script.write(
            f"paths = {{{quoted}}}\ni = 0\n"
            "request = function() i = i + 1; return wrk.format(nil, paths[(i % #paths) + 1]) end\n"
        )
    try:
        output = subprocess.run(
            [
                "wrk",
                "-t2",
                f"-c{connections}",
                f"-d{seconds}s",
                "--timeout",
                "30s",
                "--latency",
                "-s",
                script.name,
                f"http://{address}",
            ],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
    finally:
        os.unlink(script.name)

    def latency(percent: str) -> float:
        found = re.search(rf"{percent}%\s+([\d.]+)(us|ms|s)\b", output)
        return (
            float(found.group(1)) * {"us": 0.001, "ms": 1, "s": 1000}[found.group(2)]
            if found
            else float("nan")
        )

    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    socket = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output)
    return {
        "rate": float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1)),
        "p50": latency("50"),
        "p99": latency("99"),
        "errors": (int(non_2xx.group(1)) if non_2xx else 0)
        + (sum(map(int, socket.groups())) if socket else 0),
    }


def timed_get(url: str) -> float:
    """Milliseconds to fetch the whole answer; a non-200 answer stops the benchmark."""
    started = time.perf_counter()
    with urllib.request.urlopen(url, timeout=120) as answer:
        while answer.read(1 << 20):
            pass
        if answer.status != 200:
            raise SystemExit(f"{url} answered {answer.status}")
    return (time.perf_counter() - started) * 1000


def warm_up(address: str, paths: list[str]) -> None:
    with ThreadPoolExecutor(8) as pool:
        list(pool.map(lambda path: timed_get(f"http://{address}{path}"), paths))


def load_average() -> str:
    return " ".join(Path("/proc/loadavg").read_text().split()[:3])


def measure(database: str, seconds: int, load_seconds: int) -> dict:
    database_url = f"postgres://postgres@127.0.0.1:5432/{database}"
    os.environ["DATABASE_URL"] = database_url
    import django

    if not hasattr(measure, "django_ready"):
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
        django.setup()
        measure.django_ready = True
    from django.db import connections

    connections["default"].settings_dict["NAME"] = database
    connections["default"].close()
    copy = ROOT / ".data" / "bench" / f"{database}.sqlite"
    if not copy.exists():
        started = time.monotonic()
        sqlite_copy.build(copy)
        print(f"built {copy.name} from the export in {time.monotonic() - started:.0f} s")
    pairs = bench_pairs.pairs(copy)
    with connections["default"].cursor() as cursor:  # the CSV's first download makes its copy again
        cursor.execute("TRUNCATE core_stored_export, core_stored_export_part")
    connections["default"].close()
    project, datasette = start_project(database_url), start_datasette(copy)
    results = {"load average": load_average(), "pairs": {}}
    try:
        print(f"\n== {database}: load average {results['load average']} ==")
        print(
            f"{'pair':28} {'cold ms: p50 max / Datasette p50':>33} | {'warm req/s':>15} {'p50 ms':>13} "
            f"{'p99 ms':>15} {'ratio':>6} target"
        )
        for pair in pairs:
            results["pairs"][pair.name] = row = run_pair(pair, seconds)
            verdict = "ok" if row["ratio"] >= pair.target else "BELOW"
            print(
                f"{pair.name:28} {row['cold'][0]:11.0f} {row['cold_max']:6.0f} / {row['cold'][1]:12.0f}  | "
                f"{row['ours']['rate']:7.1f} {row['theirs']['rate']:7.1f} "
                f"{row['ours']['p50']:6.0f} {row['theirs']['p50']:6.0f} "
                f"{row['ours']['p99']:7.0f} {row['theirs']['p99']:7.0f} "
                f"{row['ratio']:5.2f}x >={pair.target:.2f} {verdict}; every cold view < 500 ms "
                f"{'ok' if row['cold_max'] < 500 else 'SLOW'}",
                flush=True,
            )
        health = wrk(PROJECT, ["/healthz"], seconds, 8)
        print(f"/healthz {health['rate']:.0f} req/s; lists against it (target >= 0.25):")
        for name in bench_pairs.HEALTH_RATIO_LISTS:
            ratio = results["pairs"][name]["ours"]["rate"] / health["rate"]
            print(f"  {name:26} {ratio:.2f} {'ok' if ratio >= 0.25 else 'BELOW'}")
        # Before the CSV: its first download writes the kept copy (a quarter of a GB at 1M
        # pledges), and the checkpoint that follows would land in the 30 s under load.
        lists = [path for pair in pairs if pair.is_list for path in pair.ours[:20]]
        loaded = wrk(PROJECT, lists, load_seconds, 64)
        results["load"] = loaded
        print(
            f"64 connections for {load_seconds} s over every list: {loaded['rate']:.0f} req/s, "
            f"p99 {loaded['p99']:.0f} ms, errors {loaded['errors']} "
            f"({'ok' if loaded['p99'] < 1000 and not loaded['errors'] else 'BELOW'}: p99 < 1 s, no errors)"
        )
        # Twice each: the project's first download of a data version makes the copy it
        # keeps (core/stored_exports.py), the second streams that copy; Datasette reads
        # its pre-joined table both times.
        for attempt in ("first", "repeat"):
            ours = timed_get(f"http://{PROJECT}/pledges/export.csv")
            theirs = timed_get(f"http://{DATASETTE}/{copy.stem}/pledges.csv?_stream=on&_size=max")
            results[f"csv {attempt}"] = (ours, theirs)
            print(
                f"full pledges CSV, {attempt}: project {ours / 1000:.1f} s, Datasette {theirs / 1000:.1f} s, "
                f"ratio {theirs / ours:.2f}x (target >= 1.00) {'ok' if theirs >= ours else 'BELOW'}",
                flush=True,
            )
        results["load average after"] = load_average()
        print(f"load average after: {results['load average after']}")
    finally:
        for server in (project, datasette):
            server.terminate()
            server.wait(timeout=30)
    return results


def run_pair(pair, seconds: int) -> dict:
    """Cold: each side's first view of the pair's reserved values, one at a time (median).
    Warm: after a warm-up pass, wrk on each side in turn, twice, interleaved, over the
    rotated values."""
    cold_ours = sorted(timed_get(f"http://{PROJECT}{p}") for p in pair.cold_ours)
    cold_theirs = sorted(timed_get(f"http://{DATASETTE}{p}") for p in pair.cold_theirs)
    # An unmeasured pass over the whole rotation on each side first, every value once (8
    # at a time): the warm runs then see pages (and, for Datasette, SQLite pages) that
    # have been read before. A timed pass left values unseen when first views were slow.
    warm_up(PROJECT, pair.ours)
    warm_up(DATASETTE, pair.theirs)
    runs = {"ours": [], "theirs": []}
    for _ in range(2):
        runs["ours"].append(wrk(PROJECT, pair.ours, seconds, 8))
        runs["theirs"].append(wrk(DATASETTE, pair.theirs, seconds, 8))

    def combined(side):
        rate = sum(r["rate"] for r in side) / len(side)
        return {
            "rate": rate,
            "p50": max(r["p50"] for r in side),
            "p99": max(r["p99"] for r in side),
            "errors": sum(r["errors"] for r in side),
        }

    ours, theirs = combined(runs["ours"]), combined(runs["theirs"])
    if ours["errors"] or theirs["errors"]:
        print(f"  {pair.name}: errors project {ours['errors']}, Datasette {theirs['errors']}")
    return {
        "cold": (cold_ours[len(cold_ours) // 2], cold_theirs[len(cold_theirs) // 2]),
        "cold_max": cold_ours[-1],
        "ours": ours,
        "theirs": theirs,
        "ratio": ours["rate"] / theirs["rate"] if theirs["rate"] else float("inf"),  # inf: none answered
    }


def growth(results: dict) -> None:
    names = list(results)
    print(f"\n== growth: {' -> '.join(names)} (warm p50 must not grow; cold at most 2x) ==")
    small, large = results[names[0]]["pairs"], results[names[-1]]["pairs"]
    for name in small:
        warm = large[name]["ours"]["p50"] / max(small[name]["ours"]["p50"], 0.5)
        cold = large[name]["cold"][0] / max(small[name]["cold"][0], 0.5)
        print(
            f"{name:28} warm p50 {small[name]['ours']['p50']:6.1f} -> {large[name]['ours']['p50']:6.1f} ms "
            f"({warm:4.2f}x)  cold {small[name]['cold'][0]:6.0f} -> {large[name]['cold'][0]:6.0f} ms "
            f"({cold:4.2f}x)"
            f"  ratio to Datasette {small[name]['ratio']:.2f} -> {large[name]['ratio']:.2f}"
        )


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("databases", nargs="*", default=["h10_bench"])
    parser.add_argument("--seconds", type=int, default=5, help="each wrk run (two per side per pair)")
    parser.add_argument("--load-seconds", type=int, default=30)
    options = parser.parse_args()
    results = {name: measure(name, options.seconds, options.load_seconds) for name in options.databases}
    if len(results) > 1:
        growth(results)


if __name__ == "__main__":
    main()
