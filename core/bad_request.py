"""400 pages that say what was wrong, and input refused before it reaches PostgreSQL."""

from django.core.exceptions import BadRequest
from django.shortcuts import render


def bad_request(request, message: str):
    return render(request, "400.html", {"message": message}, status=400)


def bad_request_view(request, exception):
    """handler400: a BadRequest raised by our code carries a message for the reader."""
    if isinstance(exception, BadRequest):
        return bad_request(request, str(exception))
    return bad_request(request, "The request was malformed.")


class RejectNulCharactersMiddleware:
    """A NUL character in a URL parameter of an admin page answers 400.

    PostgreSQL text cannot hold NUL, so psycopg2 refuses any query carrying one. The
    public pages' forms name it in their own message; the admin's filters, search and
    autocomplete would pass it to the database and fail with a 500.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not request.path.startswith("/admin/"):
            return self.get_response(request)
        for name, values in request.GET.lists():
            if "\x00" in name or any("\x00" in value for value in values):
                return bad_request(request, f"The parameter {name!r} contains a NUL character.")
        return self.get_response(request)
