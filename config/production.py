"""Production settings: the base settings, hardened. DJANGO_SETTINGS_MODULE=config.production.

Needs SECRET_KEY, ALLOWED_HOSTS and DATABASE_URL in the environment; see README, "Deployment".
"""

import os

from django.core.exceptions import ImproperlyConfigured

# Checked before the base settings load: without it they would start the embedded
# PostgreSQL under .data/, and production would run on a throwaway local database.
if not os.environ.get("DATABASE_URL", "").strip():
    raise ImproperlyConfigured(
        "DATABASE_URL is not set. Production needs the URL of its PostgreSQL database, "
        "e.g. DATABASE_URL=postgres://tracker:password@db.internal:5432/tracker; "
        "it never falls back to the embedded database."
    )

from config.settings import *  # noqa: E402, F403
from config.settings import env  # noqa: E402

DEBUG = False
SECRET_KEY = env("SECRET_KEY")  # no default: refuse to start without one

# Behind a proxy that terminates TLS and sets X-Forwarded-Proto.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]  # the load balancer probes over plain HTTP
SECURE_HSTS_SECONDS = 31536000
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SECURE_REFERRER_POLICY = "same-origin"
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SESSION_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"

# Hashed, compressed static files built by collectstatic and served by whitenoise.
STATIC_ROOT = BASE_DIR / "staticfiles"  # noqa: F405
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
