"""Whole pages served from the cache while the data has not changed, as the overview is.

Every public page is the same for every visitor and changes only with a write, so its
HTML is kept under the data version (core/cache.py) and the page's address: a repeat
view costs the data-version query and a cache read, whatever the number of rows. A
first view renders as before; an error page (404) is never kept.
"""

from functools import wraps

from django.http import HttpResponse

from core.cache import cached

KEPT_STATUSES = {200, 400}  # a page, or a page that names a bad parameter


def cached_page(view):
    @wraps(view)
    def serve(request, *args, **kwargs):
        if request.method not in ("GET", "HEAD"):
            return view(request, *args, **kwargs)
        fresh = []

        def render():
            response = view(request, *args, **kwargs)
            fresh.append(response)
            if response.status_code not in KEPT_STATUSES:
                return None
            return response.status_code, response.content, response["Content-Type"]

        kept = cached("page", render, params=request.get_full_path())
        if fresh:  # rendered just now (tests can still read its context)
            return fresh[0]
        status, content, content_type = kept
        return HttpResponse(content, status=status, content_type=content_type)

    return serve
