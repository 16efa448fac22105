import os
import shutil
from pathlib import Path

import pytest

from tests.shipped_data import load_shipped_data

CHROMIUM = "/usr/bin/chromium"
SCREENSHOTS = Path(__file__).resolve().parents[2] / "screenshots"
# Playwright's sync API runs an event loop in the test's thread; the ORM calls the
# tests make around it (seeding) are still plain synchronous code.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

WIDTHS = {"desktop": {"width": 1280, "height": 900}, "phone": {"width": 390, "height": 844}}


@pytest.fixture(scope="session")
def browser():
    if not shutil.which(CHROMIUM):
        if os.environ.get("CI"):
            pytest.fail(f"{CHROMIUM} is missing: .ci/run installs Debian's chromium")
        pytest.skip(f"{CHROMIUM} is not installed (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
            ],
        )
        yield browser
        browser.close()


@pytest.fixture(params=list(WIDTHS))
def page(request, browser):
    context = browser.new_context(viewport=WIDTHS[request.param])
    page = context.new_page()
    page.width_name = request.param
    errors = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    yield page
    context.close()
    assert not errors, f"browser console errors: {errors}"


@pytest.fixture
def site(live_server, transactional_db):
    """The live server with the shipped data, as `make run` serves it."""
    load_shipped_data()
    return live_server.url


@pytest.fixture
def screenshot(page):
    SCREENSHOTS.mkdir(exist_ok=True)

    def take(name: str):
        path = SCREENSHOTS / f"{name}-{page.width_name}.png"
        page.screenshot(path=path, full_page=True)
        return path

    return take
