"""Settings for careerfit, read from the environment with safe development defaults.

Every knob is an environment variable; `.env.example` lists them. Nothing here differs between
machines except what the environment says.
"""

from __future__ import annotations

import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent


def env_str(name: str, default: str = "") -> str:
    # An empty variable means "not set", so `DATABASE_URL= make ...` falls back to the default.
    return os.environ.get(name) or default


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in env_str(name, default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG", True)
SECRET_KEY = env_str("SECRET_KEY")
if not SECRET_KEY:
    if not DEBUG:
        # Sessions, password resets and CSRF tokens signed with a published key are forgeable.
        raise ImproperlyConfigured(
            "SECRET_KEY is not set. With DEBUG=0 careerfit refuses to start on the development "
            "key: set SECRET_KEY to a long random value (see .env.example)."
        )
    SECRET_KEY = "django-insecure-careerfit-development-only-key"
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1],testserver")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "careerfit.apps.AdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_htmx",
    "csp",
    "template_partials",
    "occupations",
    "assessments",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "careerfit.middleware.permissions_policy",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # After sessions, auth and messages, so its refusal renders like any page.
    "careerfit.middleware.RequestBodyLimitMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
]

ROOT_URLCONF = "careerfit.urls"
WSGI_APPLICATION = "careerfit.wsgi.application"

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
                "assessments.context_processors.account",
                "careerfit.context_processors.site_urls",
            ],
        },
    }
]

DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", f"sqlite:///{BASE_DIR / 'careerfit.sqlite3'}"),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # psycopg's pool replaces persistent connections; Django requires CONN_MAX_AGE=0 with it.
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"].setdefault("OPTIONS", {})["pool"] = {
        "min_size": int(env_str("DB_POOL_MIN", "2")),
        "max_size": int(env_str("DB_POOL_MAX", "10")),
        "timeout": 10,
    }
    # Server-side parameters let PostgreSQL keep a statement's plan: psycopg prepares a query on
    # a connection once it has run it DB_PREPARE_THRESHOLD times, after which planning (most of
    # a short query's time) is skipped. "off" turns it off, as a PgBouncer in transaction mode
    # needs.
    prepare = env_str("DB_PREPARE_THRESHOLD", "5").strip().lower()
    if prepare != "off":
        if not prepare.isdigit():
            raise ImproperlyConfigured(
                f"DB_PREPARE_THRESHOLD must be a whole number of runs or off, not {prepare!r}."
            )
        DATABASES["default"]["OPTIONS"].update(
            server_side_binding=True, prepare_threshold=int(prepare)
        )
    test_name = env_str("TEST_DATABASE_NAME")
    if test_name:
        DATABASES["default"]["TEST"] = {"NAME": test_name}
else:
    # SQLite, the embedded default, under concurrent requests (runserver is threaded):
    # - IMMEDIATE takes the write lock at BEGIN, so two writers queue on the busy timeout instead
    #   of one failing with "database is locked" when both upgrade a read to a write;
    # - WAL lets readers go on reading the last commit while a writer (an import) works;
    # - synchronous=NORMAL is safe with WAL (a power cut may lose the last commit, never corrupt).
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        }
    )

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-us"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "careerfit.storage.StaticFilesStorage"
        )
    },
}


def cache_from_url(url: str) -> dict[str, object]:
    """CACHE_URL: empty for this process's memory, `db://table` or `redis://host:port/db`."""
    if not url or url.startswith("locmem://"):
        return {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    if url.startswith("db://"):
        return {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": url.removeprefix("db://") or "careerfit_cache",
        }
    if url.startswith(("redis://", "rediss://")):
        return {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": url}
    raise ValueError(f"CACHE_URL must start with locmem://, db:// or redis://, not {url!r}")


CACHES = {"default": cache_from_url(env_str("CACHE_URL"))}
# Rendered career profiles and career lists are kept this long at most, and are never used
# once the catalog version or the newest data release changes (occupations/freshness.py).
# Admin edits of an occupation's own text show within this time.
CATALOG_CACHE_SECONDS = int(env_str("CATALOG_CACHE_SECONDS", "600"))

# Behind a TLS-terminating proxy (README, Deployment) Django trusts the proxy's scheme.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", not DEBUG)
SESSION_COOKIE_SECURE = not DEBUG
SESSION_ENGINE = "careerfit.sessions"
CSRF_COOKIE_SECURE = not DEBUG
SECURE_HSTS_SECONDS = int(env_str("SECURE_HSTS_SECONDS", "0" if DEBUG else "31536000"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = not DEBUG
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", not DEBUG)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# Only this site's own files run or style a page: no inline script or style, no eval, no
# other origin (htmx is told in base.html not to inject its indicator styles or to eval).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'none'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "manifest-src": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
        "base-uri": ["'none'"],
        "object-src": ["'none'"],
    }
}

# Request bodies larger than this, files included, are refused with 413 before any view runs
# (careerfit.middleware); no form takes a file, so a file part gets 400.
DATA_UPLOAD_MAX_MEMORY_SIZE = int(env_str("DATA_UPLOAD_MAX_MEMORY_SIZE", str(256 * 1024)))
FILE_UPLOAD_HANDLERS = ["careerfit.middleware.NoFileUploads"]

# Resume links and password resets are emailed; development prints mail to the console.
EMAIL_BACKEND = env_str("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = int(env_str("EMAIL_PORT", "587"))
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", True)
EMAIL_TIMEOUT = 10
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "careerfit <noreply@localhost>")

LOGIN_URL = "login"
# The site's login and the admin's both take an email or a username (assessments/auth.py).
AUTHENTICATION_BACKENDS = ["assessments.auth.EmailOrUsernameBackend"]
LOGIN_REDIRECT_URL = "assessments:my_results"
LOGOUT_REDIRECT_URL = "home"

# Every rate limit of the site: name → (attempts allowed, window in seconds). They count in a
# store all workers share (assessments/ratelimit.py), and beyond that the site answers 429.
RATE_LIMIT_ATTEMPTS = int(env_str("RATE_LIMIT_ATTEMPTS", "10"))
RATE_LIMIT_WINDOW = int(env_str("RATE_LIMIT_WINDOW", str(15 * 60)))
RATE_LIMITS = {
    # Failed logins (site and admin) for one account from one client address. Never for an
    # account alone: a stranger could then lock its owner out.
    "login": (RATE_LIMIT_ATTEMPTS, RATE_LIMIT_WINDOW),
    # Failed logins from one client address, whatever the account.
    "login_address": (3 * RATE_LIMIT_ATTEMPTS, RATE_LIMIT_WINDOW),
    # Unknown invite codes per client address and per account.
    "invite": (RATE_LIMIT_ATTEMPTS, RATE_LIMIT_WINDOW),
    # Signup forms sent per client address (each one can tell whether an email has an account).
    "signup": (int(env_str("RATE_LIMIT_SIGNUPS", "10")), 60 * 60),
    # Assessments started per client address (a school class behind one address fits).
    "start": (int(env_str("RATE_LIMIT_STARTS", "100")), 60 * 60),
    # Resume-link emails: per assessment, per recipient address, per client address.
    "mail_link": (5, 60 * 60),
    "mail_to": (3, 60 * 60),
    "mail_from": (10, 60 * 60),
    # PDF reports per client address (each takes the server a good part of a second).
    "report": (int(env_str("RATE_LIMIT_REPORTS", "20")), 10 * 60),
}
# Behind N reverse proxies the client address is the Nth from the right in X-Forwarded-For;
# 0 means REMOTE_ADDR is the client (no proxy).
NUM_PROXIES = int(env_str("NUM_PROXIES", "0"))

# Where the importers read releases from when no SOURCE argument is given.
ONET_SOURCE = env_str(
    "ONET_SOURCE", "https://www.onetcenter.org/dl_files/database/db_30_1_text.zip"
)
OEWS_SOURCE = env_str("OEWS_SOURCE", "https://www.bls.gov/oes/special-requests/oesm25all.zip")
OEWS_INDUSTRIES_SOURCE = env_str(
    "OEWS_INDUSTRIES_SOURCE", "https://www.bls.gov/oes/special-requests/oesm25in4.zip"
)
# "GPTs are GPTs" (Eloundou et al. 2024, MIT licence): the authors' occupation-level table.
AI_EXPOSURE_SOURCE = env_str(
    "AI_EXPOSURE_SOURCE",
    "https://raw.githubusercontent.com/openai/GPTs-are-GPTs/main/data/occ_level.csv",
)
PROJECTIONS_SOURCE = env_str(
    "PROJECTIONS_SOURCE", "https://www.bls.gov/emp/ind-occ-matrix/occupation.xlsx"
)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    # WeasyPrint logs every CSS rule it skips and every layout step at INFO.
    "loggers": {
        "weasyprint": {"level": "ERROR"},
        "fontTools": {"level": "ERROR"},
        # Django's own defaults also print to the console, so without this every line of
        # "django" (runserver's "Watching for file changes…") appeared twice.
        "django": {
            "handlers": ["console"],
            "level": env_str("LOG_LEVEL", "INFO"),
            "propagate": False,
        },
    },
}
