"""Benchmark: 10,000 pledge rows through the admin's import, dry run then confirm.

    .venv/bin/python bench/import_bench.py [ROWS]

against DATABASE_URL (default: postgres://postgres@127.0.0.1:5432/h5_imports_bench).

Seeds the database, writes ROWS new pledges (default 10,000) in the columns of the
pledges export, then posts the file to /admin/pledges/pledge/import/ as a superuser
with the test client (the same views and settings an editor uses) and confirms it.
Prints the seconds of each step, the preview page's size and the load average.
Target: dry run + confirm under 30 s on a 2-core machine. The rows are deleted again
afterwards, so the benchmark can be repeated.
"""

import csv
import io
import os
import re
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
os.environ.setdefault("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/h5_imports_bench")

import django  # noqa: E402

django.setup()

from django.contrib.auth.models import User  # noqa: E402
from django.core.files.uploadedfile import SimpleUploadedFile  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402

from donors.models import Party  # noqa: E402
from pledges.exports import PLEDGES  # noqa: E402
from pledges.models import Pledge  # noqa: E402

PURPOSE = "bench pledge "
CURRENCIES = ["EUR", "USD", "NOK", "GBP", "SEK"]


def ensure_database() -> None:
    from django.db import connection

    settings = connection.settings_dict
    try:
        connection.ensure_connection()
    except django.db.OperationalError:
        import psycopg2

        admin = psycopg2.connect(host=settings["HOST"], port=settings["PORT"], user=settings["USER"])
        admin.autocommit = True
        admin.cursor().execute(f'CREATE DATABASE "{settings["NAME"]}"')
        admin.close()
    call_command("migrate", verbosity=0)
    if not Party.objects.exists():
        call_command("seed", verbosity=0)


def pledge_file(rows: int) -> bytes:
    donors = list(Party.objects.exclude(slug="ukraine").values_list("slug", flat=True))
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=PLEDGES.header, lineterminator="\r\n")
    writer.writeheader()
    for n in range(rows):
        writer.writerow(
            {
                "donor_slug": donors[n % len(donors)],
                "recipient_slug": "ukraine",
                "category": "military",
                "purpose": f"{PURPOSE}{n}",
                "amount": f"{1000 + n}.50",
                "currency": CURRENCIES[n % len(CURRENCIES)],
                "amount_qualifier": "exact",
                "announced_on": f"{2022 + n % 4}-0{1 + n % 9}-15",
                "announced_precision": "day",
                "status": "announced",
                "notes": "=generated" if n % 100 == 0 else "",
            }
        )
    return buffer.getvalue().encode()


def main(rows: int) -> None:
    setup_test_environment()
    ensure_database()
    Pledge.objects.filter(purpose__startswith=PURPOSE).delete()
    user, _ = User.objects.get_or_create(username="bench-admin", defaults={"is_staff": True})
    user.is_superuser = user.is_staff = True
    user.save()
    client = Client()
    client.force_login(user)
    data = pledge_file(rows)
    before = Pledge.objects.count()

    started = time.perf_counter()
    upload = SimpleUploadedFile("pledges.csv", data, content_type="text/csv")
    preview = client.post("/admin/pledges/pledge/import/", {"format": 0, "import_file": upload})
    dry_run = time.perf_counter() - started
    page = preview.content.decode()
    confirm = {
        name: re.search(rf'name="{name}"[^>]*value="([^"]*)"', page)
        for name in ("import_file_name", "format")
    }
    if preview.status_code != 200 or not all(confirm.values()):
        sys.exit(f"the dry run did not offer a confirm: status {preview.status_code}\n{page[:3000]}")
    fields = {name: match.group(1) for name, match in confirm.items()}
    fields["original_file_name"] = "pledges.csv"
    started = time.perf_counter()
    done = client.post("/admin/pledges/pledge/process_import/", fields)
    confirmed = time.perf_counter() - started
    added = Pledge.objects.count() - before
    Pledge.objects.filter(purpose__startswith=PURPOSE).delete()

    print(f"rows: {rows}, added: {added}, confirm status: {done.status_code}")
    print(f"dry run: {dry_run:.1f} s (preview page {len(preview.content) / 1e6:.2f} MB)")
    print(f"confirm: {confirmed:.1f} s")
    print(f"total: {dry_run + confirmed:.1f} s (target under 30 s)")
    print("load average (1, 5, 15 min): {:.2f} {:.2f} {:.2f}".format(*os.getloadavg()))
    if added != rows:
        sys.exit("not every row was imported")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 10_000)
