"""One request budget per client address (API_THROTTLE_RATE), counted in the shared cache.

The address is core.client_ip's, the same rule as the admin's login throttling: behind
TRUSTED_PROXY_COUNT proxies, the entry they appended to X-Forwarded-For, never one the
client could have written itself.
"""

from django.conf import settings
from rest_framework.throttling import SimpleRateThrottle

from core.client_ip import client_ip


class ClientRateThrottle(SimpleRateThrottle):
    scope = "api"

    def get_rate(self):
        return settings.API_THROTTLE_RATE  # read on each request, so a test may change it

    def get_cache_key(self, request, view):
        return self.cache_format % {"scope": self.scope, "ident": client_ip(request)}
