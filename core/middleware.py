"""When the database cannot be reached, answer 503 with a plain page, not a traceback."""

import logging

from django.db import DatabaseError, InterfaceError, OperationalError, connections
from django.http import HttpResponse
from django.template.loader import render_to_string

logger = logging.getLogger(__name__)


def database_unavailable_response() -> HttpResponse:
    response = HttpResponse(render_to_string("503.html"), status=503)
    response["Retry-After"] = "30"
    return response


def is_connection_failure(error: BaseException) -> bool:
    """True for a lost or refused connection; False for errors in a query (bugs, bad SQL)."""
    if isinstance(error, InterfaceError):
        return True
    return isinstance(error, OperationalError) and any(
        connection.connection is None or connection.connection.closed for connection in connections.all()
    )


class DatabaseUnavailableMiddleware:
    """Turns a lost database connection, wherever in the request it happens, into a 503.

    Django reconnects on the next request (CONN_HEALTH_CHECKS), so the site recovers
    by itself once the database is back.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        # Errors in the middleware below arrive here; errors in a view, process_exception.
        try:
            return self.get_response(request)
        except DatabaseError as error:
            return self.unavailable(request, error)

    def process_exception(self, request, exception):
        if isinstance(exception, DatabaseError):
            return self.unavailable(request, exception)
        return None

    def unavailable(self, request, error):
        if not is_connection_failure(error):
            raise error
        logger.error("database unavailable", extra={"path": request.path, "error": str(error)})
        for connection in connections.all():
            connection.close_if_unusable_or_obsolete()
        return database_unavailable_response()
