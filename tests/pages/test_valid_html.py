"""Every page, and the pages that say a request was wrong, is valid HTML by the Nu Html
Checker (vnu.jar from npm's vnu-jar, installed by `make test-tools`), run once over all of
them: one Java start instead of one a page."""

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.site_pages import ERROR_PAGES, html_pages

VNU = Path(__file__).resolve().parents[2] / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"

pytestmark = pytest.mark.usefixtures("seeded")


def _checker() -> list[str]:
    needs = {
        f"{VNU} (make test-tools)": VNU.exists(),
        "java (apt-get install default-jre-headless)": shutil.which("java"),
    }
    missing = [what for what, there in needs.items() if not there]
    if missing:
        message = f"the Nu Html Checker needs {' and '.join(missing)}"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    return ["java", "-Xss1024k", "-jar", str(VNU)]


def test_every_page_is_valid_html(client, tmp_path):
    checker = _checker()
    files = {}
    for number, path in enumerate([*html_pages(), *ERROR_PAGES]):
        response = client.get(path)
        assert response.status_code == ERROR_PAGES.get(path, 200), path
        assert response["Content-Type"].startswith("text/html"), path
        file = tmp_path / f"page-{number}.html"
        file.write_bytes(response.content)
        files[file.name] = path
    options = ["--errors-only", "--format", "json", "--exit-zero-always"]
    run = subprocess.run(
        [*checker, *options, *(tmp_path / name for name in files)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert run.returncode == 0, run.stderr  # the checker itself failed (it reports errors with 0)
    messages = json.loads(run.stderr)["messages"]
    errors = [
        f"{files.get(message.get('url', '').rsplit('/', 1)[-1], message.get('url'))}"
        f" line {message.get('lastLine')}: {message['message']} [{message.get('extract', '').strip()}]"
        for message in messages
    ]
    assert not errors, "\n".join(errors)
