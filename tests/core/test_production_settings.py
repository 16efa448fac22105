"""Production settings refuse to start without a real database (issue 10, defect 5)."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def run_with_production_settings(code: str, **env) -> subprocess.CompletedProcess:
    """Run `code` in a fresh interpreter with production settings and exactly `env` set."""
    environment = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "DJANGO_SETTINGS_MODULE")}
    environment.update(
        DJANGO_SETTINGS_MODULE="config.production",
        SECRET_KEY="production-settings-test-key-" + "x" * 40,
        ALLOWED_HOSTS="tracker.example.org",
        **env,
    )
    return subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=environment, capture_output=True, text=True, timeout=120
    )


@pytest.mark.parametrize(
    "code",
    [
        "import config.production",
        "import django; django.setup()",
        "from django.core.management import execute_from_command_line; "
        "execute_from_command_line(['manage.py', 'check', '--deploy'])",
    ],
)
def test_production_without_database_url_exits_naming_the_variable(code):
    result = run_with_production_settings(code)
    assert result.returncode != 0
    assert "DATABASE_URL" in result.stderr.splitlines()[-1]


@pytest.mark.parametrize("value", ["", "   "])
def test_production_with_an_empty_database_url_is_refused_too(value):
    result = run_with_production_settings("import config.production", DATABASE_URL=value)
    assert result.returncode != 0
    assert "DATABASE_URL" in result.stderr.splitlines()[-1]


def test_production_with_database_url_uses_it_and_not_the_embedded_server():
    code = "from django.conf import settings; d = settings.DATABASES['default']; print(d['HOST'], d['NAME'])"
    result = run_with_production_settings(code, DATABASE_URL="postgres://check@127.0.0.1:1/check")
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["127.0.0.1", "check"]
