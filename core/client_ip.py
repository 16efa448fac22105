"""The client's address for login throttling (django-axes' AXES_CLIENT_IP_CALLABLE).

Behind the documented reverse proxy every request arrives from the proxy's address, so
REMOTE_ADDR alone would count every client's failed logins together. With
TRUSTED_PROXY_COUNT = N (the number of proxies in front of the app, each appending the
address it received the request from to X-Forwarded-For, as nginx's
`$proxy_add_x_forwarded_for` does) the client is the N-th entry from the right: entries
further left were sent by the client itself and could be forged. With 0 (the default)
the header is ignored, since without a proxy any client could set it.
"""

from django.conf import settings


def client_ip(request) -> str:
    remote_addr = request.META.get("REMOTE_ADDR", "")
    trusted = settings.TRUSTED_PROXY_COUNT
    if not trusted:
        return remote_addr
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    forwarded = [part for part in forwarded if part]
    return forwarded[-trusted] if len(forwarded) >= trusted else remote_addr
