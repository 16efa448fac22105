"""Every page, at desktop and phone width, has no serious or critical accessibility violation
by axe-core (from npm, installed by `make test-tools`), injected into the page in Chromium."""

import os
from pathlib import Path

import pytest

from tests.browser.conftest import WIDTHS
from tests.site_pages import html_pages

AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
BLOCKING = {"serious", "critical"}

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


@pytest.fixture
def axe():
    if not AXE.exists():
        message = f"{AXE} is missing: make test-tools runs npm ci"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    return AXE


def test_no_serious_accessibility_violation_on_any_page(site, browser, axe):
    found = []
    pages = html_pages()
    for viewport in WIDTHS.values():  # one live server for both widths: its data loads once
        # The site's Content Security Policy refuses inline scripts, which is how axe is injected.
        context = browser.new_context(viewport=viewport, bypass_csp=True)
        page = context.new_page()
        page.on("console", lambda message: found.append(message.text) if message.type == "error" else None)
        for path in pages:
            page.goto(site + path)
            page.add_script_tag(path=axe)
            result = page.evaluate("() => axe.run(document, {resultTypes: ['violations']})")
            for violation in result["violations"]:
                if violation["impact"] in BLOCKING:
                    targets = [" ".join(map(str, node["target"])) for node in violation["nodes"]]
                    found.append(
                        f"{path} at {viewport['width']} px ({violation['impact']}) {violation['id']}:"
                        f" {violation['help']} — {len(targets)}, e.g. {targets[:3]}"
                    )
        context.close()
    assert not found, "\n".join(found)
