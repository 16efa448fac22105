"""ETag and Last-Modified for responses that change only with the data (API lists,
CSV downloads), and 304 Not Modified answers to a client that already has them.

The ETag is the data version (core/cache.py) with the address and the day (the
downloads' file names and the ZIP's README carry the date): while no write has
committed, the same address gives the same bytes. Last-Modified is when this server
first saw that data version, so it is never earlier than the change it reflects. The
version is read once a request and left on it (`request.data_version`) for the view.
"""

import hashlib
from datetime import date
from functools import wraps

from django.utils import timezone
from django.views.decorators.http import condition

from core.cache import cached, data_version


def _etag(request, *args, **kwargs) -> str:
    key = f"{request.data_version}|{date.today().isoformat()}|{request.get_full_path()}"
    return hashlib.sha256(key.encode()).hexdigest()[:32]


def _last_modified(request, *args, **kwargs):
    seen = lambda: timezone.now().replace(microsecond=0)  # noqa: E731
    return cached("data-version-seen", seen, version=request.data_version)


def versioned(view):
    """The view's GET answers carry an ETag and a Last-Modified; If-None-Match or
    If-Modified-Since that still hold get 304 without the view running."""
    conditional = condition(etag_func=_etag, last_modified_func=_last_modified)(view)

    @wraps(view)
    def serve(request, *args, **kwargs):
        request.data_version = data_version()
        return conditional(request, *args, **kwargs)

    return serve
