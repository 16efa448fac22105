"""Nothing on a page is blocked by the site's Content-Security-Policy: where the policy
allows no inline code or style, a page has no inline <script> or <style> element (a
browser would ignore it silently, as it did the API docs page's Swagger UI style)."""

from html.parser import HTMLParser

import pytest

from tests.site_pages import ERROR_PAGES, html_pages

pytestmark = pytest.mark.usefixtures("seeded")

# The site's own pages, the pages an editor and a script's author meet beside them.
OTHER_PAGES = ["/api/v1/docs/", "/admin/login/"]


class _Inline(HTMLParser):
    def __init__(self):
        super().__init__()
        self.found, self._open = [], None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        runs = attrs.get("type") in (None, "", "text/javascript", "application/javascript", "module")
        if tag == "style" or (tag == "script" and "src" not in attrs and runs):
            self._open = tag

    def handle_data(self, data):
        if self._open and data.strip():
            self.found.append(f"<{self._open}>{data.strip()[:60]}")
            self._open = None

    def handle_endtag(self, tag):
        self._open = None


def _allows_inline(policy: str, directive: str) -> bool:
    for part in policy.split(";"):
        name, *values = part.split()
        if name == directive:
            return "'unsafe-inline'" in values
    return False


def test_no_page_has_inline_code_its_policy_blocks(client):
    blocked = {}
    for path in [*html_pages(), *ERROR_PAGES, *OTHER_PAGES]:  # each page rendered once, both kinds checked
        response = client.get(path)
        policy = response.get("Content-Security-Policy", "")
        assert policy, f"{path} has no Content-Security-Policy"
        parser = _Inline()
        parser.feed(response.content.decode())
        for kind in ("script", "style"):
            if _allows_inline(policy, f"{kind}-src"):
                continue
            inline = [found for found in parser.found if found.startswith(f"<{kind}>")]
            if inline:
                blocked[f"{path} ({kind})"] = inline
    assert not blocked, f"inline code or style the policy blocks: {blocked}"
