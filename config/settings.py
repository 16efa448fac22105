"""Settings, read from the environment (see README, "Configuration")."""

import os
from pathlib import Path

import environ
from import_export.formats.base_formats import CSV

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()

DEBUG = env.bool("DEBUG", default=False)
# The fallback key is for local runs and tests only; production sets SECRET_KEY.
SECRET_KEY = env("SECRET_KEY", default="insecure-local-key-set-SECRET_KEY-in-production")
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "testserver"])
# The public address of the site, for what is written without a request: a release's citation.
SITE_URL = env("SITE_URL", default="http://127.0.0.1:8000").rstrip("/")

if "DATABASE_URL" in os.environ:
    DATABASES = {"default": env.db("DATABASE_URL")}
else:
    from config.embedded_db import embedded_database_settings

    # EMBEDDED_POSTGRES_DIR: another data folder, for tests that start a server of their own.
    # Each pytest-xdist worker (`make test` runs two) has its own server, which a test may stop.
    worker = os.environ.get("PYTEST_XDIST_WORKER")
    folder = f"postgres-{worker}" if worker else "postgres"
    EMBEDDED_POSTGRES_DIR = Path(env.path("EMBEDDED_POSTGRES_DIR", default=BASE_DIR / ".data" / folder))
    DATABASES = {"default": embedded_database_settings(EMBEDDED_POSTGRES_DIR)}
DATABASES["default"]["ATOMIC_REQUESTS"] = True
# Reconnect after the server restarts instead of failing on a dead connection.
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)

# A read replica: reads go to it, writes to the primary (config/routers.py).
if "REPLICA_DATABASE_URL" in os.environ:
    DATABASES["replica"] = {
        **env.db("REPLICA_DATABASE_URL"),
        "CONN_HEALTH_CHECKS": True,
        "TEST": {"MIRROR": "default"},
    }
    DATABASE_ROUTERS = ["config.routers.PrimaryReplicaRouter"]
# No JIT: PostgreSQL compiles a query once its estimated cost passes jit_above_cost, and
# a list's totals over a broad filter at a million pledges spent 0.6 s compiling for a
# 0.3 s scan (bench/datasette_bench.py's cold views); these queries never run long enough
# to win it back.
for database in DATABASES.values():
    database.setdefault("OPTIONS", {})["options"] = "-c jit=off"
# After a write, that user's reads go to the primary this long (longer than the replica's usual lag).
REPLICA_PIN_SECONDS = env.int("REPLICA_PIN_SECONDS", default=15)

# A cache shared by every process and host when REDIS_URL is set; else one per process.
# Cached figures are keyed by the data version in the database, so either is correct.
if "REDIS_URL" in os.environ:
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": env("REDIS_URL")}
    }
else:
    # Room for the pages, counts and totals of many filter combinations (the default 300
    # entries were culled before varied filters could hit them); Redis has no such cap.
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "OPTIONS": {"MAX_ENTRIES": 5000},
        }
    }

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.postgres",
    "django_filters",
    "simple_history",
    "import_export",
    "axes",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "corsheaders",
    "core",
    "sources",
    "curation",
    "donors",
    "agreements",
    "pledges",
    "provisions",
    "portal",
    "quality",
    "opendata",
    "api",
    "intake",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "core.middleware.DatabaseUnavailableMiddleware",
    "config.routers.PinToPrimaryMiddleware",
    "core.bad_request.RejectNulCharactersMiddleware",
    "csp.middleware.CSPMiddleware",
    # Before CommonMiddleware, as django-cors-headers asks; it answers only under /api/.
    "corsheaders.middleware.CorsMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # Last, as django-axes asks: counts failed logins and locks out repeated failures.
    "axes.middleware.AxesMiddleware",
]

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = 1  # hours
# Lock a user name from one address only: locking the name alone would let anyone lock an
# editor out, and locking the address alone would lock out everyone behind one proxy.
AXES_LOCKOUT_PARAMETERS = [["ip_address", "username"]]
# Reverse proxies in front of the app whose X-Forwarded-For is trusted (core/client_ip.py).
TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=0)
AXES_CLIENT_IP_CALLABLE = "core.client_ip.client_ip"
AXES_RESET_ON_SUCCESS = True

# No inline scripts or styles anywhere: chart data travels in JSON data blocks that
# static/js/charts.js reads.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        # style="..." attributes only (django-simple-history's history page has one); they cannot run code.
        "style-src-attr": ["'unsafe-inline'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}

# The JSON API (api/): anonymous, read-only, JSON only, throttled per client address.
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "api.views.error_handler",
    "UNAUTHENTICATED_USER": None,
}
# Requests a client address may make to the API (core.client_ip), e.g. 600/min or 20/s.
API_THROTTLE_RATE = env("API_THROTTLE_RATE", default="600/min")
SPECTACULAR_SETTINGS = {
    "TITLE": "Agreement tracker API",
    "DESCRIPTION": (
        "Read-only JSON of every table of the dataset, with the filters, sorting, search and totals "
        "of the site's lists. Records have the columns of the CSV exports (see the data dictionary)."
    ),
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    # Swagger UI from our own static files (drf-spectacular-sidecar): the CSP allows only this site.
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
}
# Scripts on any site may read the API, with GET only; nothing else of the site is shared.
CORS_ALLOW_ALL_ORIGINS = True
CORS_URLS_REGEX = r"^/api/.*$"
CORS_ALLOW_METHODS = ["GET", "HEAD", "OPTIONS"]
CORS_EXPOSE_HEADERS = ["ETag", "Last-Modified"]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "json": {
            "()": "pythonjsonlogger.json.JsonFormatter",
            "fmt": "%(asctime)s %(levelname)s %(name)s %(message)s",
        },
    },
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "json"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", default="INFO")},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        "embedded_postgres": {"level": "WARNING"},
        "axes": {"level": "WARNING"},
    },
}

# Bulk import in the admin: CSV only, allowed to those who may change the records.
IMPORT_FORMATS = [CSV]
IMPORT_EXPORT_IMPORT_PERMISSION_CODE = "change"

FIXTURE_DIRS = [BASE_DIR / "fixtures"]

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
