"""Settings for sendprogress, read from the environment only.

Safe by default: DEBUG is off unless asked for, there is no SECRET_KEY outside
debug, and production security (HTTPS redirect, HSTS, secure cookies) is on
unless DEBUG is on or a variable turns it off. A value that cannot be read
stops start-up with a message naming the variable. Every variable is listed
in docs/operations.md ("Configuration").
"""

import os
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlsplit

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP

from sendprogress.email_headers import has_control_characters

BASE_DIR = Path(__file__).resolve().parent.parent

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


def env_str(name: str, default: str | None = None) -> str | None:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool) -> bool:
    raw = os.environ.get(name)
    if raw is None:
        return default
    value = raw.strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise ImproperlyConfigured(f"{name} must be true or false (1/0, yes/no, on/off); got {raw!r}.")


def env_int(name: str, default: int) -> int:
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    try:
        return int(raw)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number; got {raw!r}.") from None


def env_header(name: str, default: str) -> str:
    """A value that goes into email headers: one line, or start-up stops."""
    value = env_str(name, default)
    if has_control_characters(value):
        raise ImproperlyConfigured(
            f"{name} must be on one line (no line breaks or control characters); got {value!r}."
        )
    return value


def env_list(name: str, default: list[str] | None = None) -> list[str]:
    raw = os.environ.get(name)
    if raw is None:
        return list(default or [])
    return [item.strip() for item in raw.split(",") if item.strip()]


DEBUG = env_bool("DEBUG", default=False)

SECRET_KEY = env_str("SECRET_KEY")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "SECRET_KEY must be set (a long random string) unless DEBUG is on."
        )
    SECRET_KEY = "insecure-local-demo-key-never-use-in-production"  # noqa: S105

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["localhost", "127.0.0.1", "[::1]"] if DEBUG else [])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "whitenoise.runserver_nostatic",
    # The admin with a way back to the staff home (sendprogress/staff/admin_site.py).
    "sendprogress.staff.admin_site.StaffAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    # Django's own widget templates, for the form renderer below.
    "django.forms",
    "django_htmx",
    "django_tasks_db",
    "simple_history",
    "sendprogress.core",
    "sendprogress.accounts",
    "sendprogress.plan",
    "sendprogress.updates",
    "sendprogress.engagement",
    "sendprogress.staff",
    "sendprogress.pages",
    "sendprogress.caching",
    "sendprogress.security",
    "sendprogress.api",
    "sendprogress.embeds",
    "sendprogress.reports",
    "sendprogress.changes",
    "sendprogress.demo",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    # Last, as django-axes asks, so its checks see every other app.
    "axes",
]

MIDDLEWARE = [
    # First, so every response and log line carries the request id.
    "sendprogress.middleware.RequestIdMiddleware",
    "django.middleware.security.SecurityMiddleware",
    # Before whitenoise, so static files carry the headers too.
    "sendprogress.security.middleware.security_headers",
    # Before CommonMiddleware, so load balancer probes need no ALLOWED_HOSTS entry.
    "sendprogress.middleware.HealthCheckMiddleware",
    "sendprogress.middleware.NulBytesMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    # CORS on every API answer: outside ConditionalGet, whose 304 keeps few headers.
    "sendprogress.api.middleware.open_to_other_sites",
    # ETag and 304 for every page; then anonymous public pages from the cache,
    # before sessions, CSRF and authentication (which a cached page skips).
    "django.middleware.http.ConditionalGetMiddleware",
    "sendprogress.caching.middleware.PublicPageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # After messages: a session signed out for idleness says so on the sign-in page.
    "sendprogress.security.middleware.session_limits",
    "sendprogress.security.middleware.StaffTwoFactorMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # Last, as django-axes asks: it turns a locked-out sign-in into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "sendprogress.urls"
WSGI_APPLICATION = "sendprogress.wsgi.application"

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
                "sendprogress.context_processors.site",
            ],
        },
    },
]

# Every form draws its fields as GOV.UK form groups (sendprogress/core/forms.py).
FORM_RENDERER = "sendprogress.core.forms.GovukFormRenderer"

DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", f"sqlite:///{BASE_DIR / 'var' / 'sendprogress.sqlite3'}"),
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    # First, so a locked-out sign-in is refused before the password is checked.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = False
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(BASE_DIR / "var" / "media")))
MEDIA_URL = "media/"
# Evidence files larger than this are refused with a message on the form.
EVIDENCE_MAX_UPLOAD_MB = env_int("EVIDENCE_MAX_UPLOAD_MB", 20)
# Pictures for updates larger than this are refused with a message on the editor.
UPDATE_IMAGE_MAX_UPLOAD_MB = env_int("UPDATE_IMAGE_MAX_UPLOAD_MB", 5)
# Explore education statistics data files larger than this are refused. They are
# read row by row from the upload's temporary file (uploads above Django's
# FILE_UPLOAD_MAX_MEMORY_SIZE go to disk), so memory does not grow with the file.
COMPARATOR_IMPORT_MAX_MB = env_int("COMPARATOR_IMPORT_MAX_MB", 50)

# Small numbers: a figure counting fewer children than this (its denominator)
# has its count shown to the public as suppressed, so no child can be identified.
SMALL_NUMBER_THRESHOLD = env_int("SMALL_NUMBER_THRESHOLD", 10)

# Sites that may show a measure's chart in a frame (/embed/measures/<code>/),
# as origins: https://www.example.gov.uk. Every other page may not be framed.
EMBED_ALLOWED_ORIGINS = env_list("EMBED_ALLOWED_ORIGINS")
for _origin in EMBED_ALLOWED_ORIGINS:
    _parts = urlsplit(_origin)
    if (
        _parts.scheme not in ("https", "http")
        or not _parts.hostname
        or f"{_parts.scheme}://{_parts.netloc}" != _origin
        or any(c in _origin for c in " ;'\"*")
    ):
        raise ImproperlyConfigured(
            f"EMBED_ALLOWED_ORIGINS must be origins such as https://www.example.gov.uk, "
            f"separated by commas; got {_origin!r}."
        )
if SMALL_NUMBER_THRESHOLD < 0:
    raise ImproperlyConfigured(
        f"SMALL_NUMBER_THRESHOLD must be 0 or more; got {SMALL_NUMBER_THRESHOLD}."
    )
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if not DEBUG
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}

# Email: the console in the local demo, SMTP in production.
EMAIL_BACKEND_PATH = env_str(
    "EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend"
    if DEBUG
    else "django.core.mail.backends.smtp.EmailBackend",
)


def _mailer_options(backend: str) -> dict:
    """What the chosen email backend needs from the environment."""
    if backend == "django.core.mail.backends.smtp.EmailBackend":
        return {
            "host": env_str("EMAIL_HOST", "localhost"),
            "port": env_int("EMAIL_PORT", 587),
            "username": env_str("EMAIL_HOST_USER", ""),
            "password": env_str("EMAIL_HOST_PASSWORD", ""),
            "use_tls": env_bool("EMAIL_USE_TLS", default=True),
            "timeout": env_int("EMAIL_TIMEOUT", 10),
        }
    if backend == "django.core.mail.backends.filebased.EmailBackend":
        # Each email becomes a file in this folder (for a test or a trial run).
        path = env_str("EMAIL_FILE_PATH", "")
        if not path:
            raise ImproperlyConfigured(
                "EMAIL_FILE_PATH must name a folder when EMAIL_BACKEND is the file backend."
            )
        return {"file_path": path}
    return {}


MAILERS = {
    "default": {"BACKEND": EMAIL_BACKEND_PATH, "OPTIONS": _mailer_options(EMAIL_BACKEND_PATH)}
}
DEFAULT_FROM_EMAIL = env_header("DEFAULT_FROM_EMAIL", "sendprogress <noreply@localhost>")
SERVER_EMAIL = env_header("SERVER_EMAIL", DEFAULT_FROM_EMAIL)

# Background tasks (Django's tasks API): emails to subscribers are sent by a
# worker (`manage.py db_worker`), with the queue kept in the database.
TASKS = {
    "default": {
        "BACKEND": env_str("TASKS_BACKEND", "django_tasks_db.DatabaseBackend"),
    }
}
# How often `run_dispatcher` looks for updates whose publish time has come.
UPDATES_DISPATCH_INTERVAL = env_int("UPDATES_DISPATCH_INTERVAL", 30)
# The sign-up form sends at most this many emails an hour to one mailbox
# (plus-addressing and case ignored), and takes at most this many sign-ups an
# hour from one client address.
SIGN_UP_EMAILS_PER_MAILBOX = env_int("SIGN_UP_EMAILS_PER_MAILBOX", 3)
SIGN_UP_LIMIT_PER_CLIENT = env_int("SIGN_UP_LIMIT_PER_CLIENT", 10)
# Unconfirmed email addresses are deleted after this many days.
UPDATES_UNCONFIRMED_DAYS = env_int("UPDATES_UNCONFIRMED_DAYS", 7)

# Page feedback ("Is this page useful?"): deleted this many days after it was
# sent (by `delete_old_feedback`, which `run_dispatcher` also runs); at most
# this many answers an hour from one client address; and an answer sent
# sooner than this many seconds after the form was shown is refused as a bot's,
# and so is one sent this many hours or more after (the form is offered again).
FEEDBACK_RETENTION_DAYS = env_int("FEEDBACK_RETENTION_DAYS", 365)
FEEDBACK_LIMIT_PER_CLIENT = env_int("FEEDBACK_LIMIT_PER_CLIENT", 10)
FEEDBACK_MIN_SECONDS = env_int("FEEDBACK_MIN_SECONDS", 3)
FEEDBACK_MAX_AGE_HOURS = env_int("FEEDBACK_MAX_AGE_HOURS", 24)

# Site search: at most this many searches an hour from one client address
# (answers from the page cache are not counted), and each search stopped after
# this many milliseconds of database time.
SEARCH_LIMIT_PER_CLIENT = env_int("SEARCH_LIMIT_PER_CLIENT", 100)
SEARCH_TIMEOUT_MS = env_int("SEARCH_TIMEOUT_MS", 2000)

# The cache: local memory in each process unless REDIS_URL names a Redis
# shared by every worker and host. Anonymous visitors' public pages are kept
# there for up to PUBLIC_PAGE_CACHE_SECONDS (0 turns that off), and retired
# as soon as anything public changes (sendprogress/caching/).
REDIS_URL = env_str("REDIS_URL", "")
# A Redis that stops answering must not hold up every page: each call gives
# up after this many milliseconds (to connect, and to answer), and the page
# is rendered without the cache.
REDIS_TIMEOUT_MS = env_int("REDIS_TIMEOUT_MS", 500)
if REDIS_TIMEOUT_MS <= 0:
    raise ImproperlyConfigured(f"REDIS_TIMEOUT_MS must be more than 0; got {REDIS_TIMEOUT_MS}.")
CACHES = {
    "default": {
        "BACKEND": "sendprogress.caching.backends.RedisCache",
        "LOCATION": REDIS_URL,
        "KEY_PREFIX": "sendprogress",
        "OPTIONS": {
            "socket_connect_timeout": REDIS_TIMEOUT_MS / 1000,
            "socket_timeout": REDIS_TIMEOUT_MS / 1000,
        },
    }
    if REDIS_URL
    else {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "OPTIONS": {"MAX_ENTRIES": 2000},
    }
}
PUBLIC_PAGE_CACHE_SECONDS = env_int("PUBLIC_PAGE_CACHE_SECONDS", 600)
# Parts of pages kept rendered, keyed on what they show (caching/fragments.py):
# never stale, so this only bounds how long an unused one is kept. 0: off.
FRAGMENT_CACHE_SECONDS = env_int("FRAGMENT_CACHE_SECONDS", 24 * 60 * 60)
# Whether every process shares the cache, and so can keep the version of the
# public content in it rather than in the database.
PUBLIC_PAGE_CACHE_SHARED = bool(REDIS_URL)
# A tiny fixed page at /_bench/minimal/, the benchmark's reference for what
# Django itself costs. Off unless the benchmark turns it on.
BENCH_MINIMAL_VIEW = env_bool("BENCH_MINIMAL_VIEW", default=False)

# Security. Production values are the defaults; DEBUG relaxes the ones that
# would stop a plain-HTTP local demo from working.
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", default=not DEBUG)
# Load balancer probes speak plain HTTP to each instance.
SECURE_REDIRECT_EXEMPT = [r"^healthz/?$"]
_behind_proxy = env_bool("SECURE_PROXY_SSL_HEADER", default=False)
if _behind_proxy:
    # Only behind a proxy that sets X-Forwarded-Proto and strips it from clients.
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# How many reverse proxies in front of the site append to X-Forwarded-For:
# the client's address is that many entries from its right
# (sendprogress/core/clients.py). 0, the default with no proxy, never reads
# the header, which a client could then write for itself.
PROXY_COUNT = env_int("PROXY_COUNT", 1 if _behind_proxy else 0)
if PROXY_COUNT < 0:
    raise ImproperlyConfigured(f"PROXY_COUNT must be 0 or more; got {PROXY_COUNT}.")
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 0 if DEBUG else 63072000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=True)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", default=False)
SILENCED_SYSTEM_CHECKS = [
    # HSTS preloading binds the whole domain and its subdomains to HTTPS in
    # browsers for months, and is slow to undo. That is the council domain
    # owner's decision, not this application's: they opt in with
    # SECURE_HSTS_PRELOAD=true once the domain is ready for the preload list.
    "security.W021",
]
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
SESSION_COOKIE_SECURE = env_bool("SESSION_COOKIE_SECURE", default=not DEBUG)
CSRF_COOKIE_SECURE = env_bool("CSRF_COOKIE_SECURE", default=not DEBUG)
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
# Django has no settings for these two; sendprogress.security.middleware sends them.
SECURE_CROSS_ORIGIN_RESOURCE_POLICY = "same-origin"
# Every powerful feature the site never uses is turned off, for it and
# anything it might embed. Only features Chromium knows: it warns in the
# console about any other ("bluetooth" and "web-share" were dropped).
PERMISSIONS_POLICY = {
    feature: []
    for feature in [
        "accelerometer",
        "autoplay",
        "browsing-topics",
        "camera",
        "display-capture",
        "encrypted-media",
        "fullscreen",
        "geolocation",
        "gyroscope",
        "hid",
        "idle-detection",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "picture-in-picture",
        "publickey-credentials-get",
        "screen-wake-lock",
        "serial",
        "usb",
        "xr-spatial-tracking",
    ]
}

# A strict Content-Security-Policy: nothing inline, nothing evaluated,
# nothing from elsewhere. htmx is configured through a <meta> tag to match.
SECURE_CSP = {
    "default-src": [CSP.NONE],
    "script-src": [CSP.SELF],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "manifest-src": [CSP.SELF],
    "form-action": [CSP.SELF],
    "base-uri": [CSP.NONE],
    "frame-ancestors": [CSP.NONE],
}

# Staff sign-in. The admin lives at ADMIN_URL, so it is not where every
# scanner looks first (that is no defence on its own: the lockout and 2FA are).
ADMIN_URL = env_str("ADMIN_URL", "admin/")
if not ADMIN_URL or ADMIN_URL.startswith("/") or not ADMIN_URL.endswith("/"):
    raise ImproperlyConfigured(
        f"ADMIN_URL must be a path such as 'staff-admin/': no leading slash, a trailing one; "
        f"got {ADMIN_URL!r}."
    )
LOGIN_URL = "admin:login"
# Where signing in leads when `next` is missing or points off the site
# (Django's default, /accounts/profile/, is not a page here).
LOGIN_REDIRECT_URL = "staff:home"

# A period's figure is due this many days after the period ends; after that
# the staff pages call it overdue.
FIGURE_DUE_DAYS = env_int("FIGURE_DUE_DAYS", 20)
# Officers are reminded this many days before a figure's due-by date.
FIGURE_REMINDER_DAYS = env_int("FIGURE_REMINDER_DAYS", 5)

# Two-factor authentication (time-based codes) for every staff account, except
# in the local demo, where the demo accounts sign in with a password only.
STAFF_REQUIRE_2FA = env_bool("STAFF_REQUIRE_2FA", default=not DEBUG)
OTP_TOTP_ISSUER = "sendprogress.security.two_factor.issuer"
OTP_TOTP_THROTTLE_FACTOR = 1
OTP_STATIC_THROTTLE_FACTOR = 1

# Sessions: signed out after STAFF_SESSION_IDLE_MINUTES without a request, and
# after STAFF_SESSION_MAX_HOURS whatever happens (sendprogress.security).
STAFF_SESSION_IDLE_MINUTES = env_int("STAFF_SESSION_IDLE_MINUTES", 30)
STAFF_SESSION_MAX_HOURS = env_int("STAFF_SESSION_MAX_HOURS", 10)
SESSION_COOKIE_AGE = STAFF_SESSION_MAX_HOURS * 60 * 60

# Brute-force protection (django-axes): after SIGN_IN_FAILURE_LIMIT failed
# sign-ins for one username from one address, or from one address whatever
# the usernames, sign-in from that address is refused for
# SIGN_IN_COOLOFF_MINUTES after the last failure; never a permanent lockout
# that needs an admin. Never by username alone: anyone could then keep a
# named member of staff out from wherever they are.
AXES_FAILURE_LIMIT = env_int("SIGN_IN_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("SIGN_IN_COOLOFF_MINUTES", 15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"], "ip_address"]
# Attempts during the pause (a right password included, which the pause
# refuses unchecked) are not failures: counting them would restart the wait
# for as long as someone kept trying.
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
AXES_RESET_ON_SUCCESS = True
AXES_HTTP_RESPONSE_CODE = 429
AXES_LOCKOUT_CALLABLE = "sendprogress.security.views.locked_out"
# The log names the username and address of each attempt (axes masks them by
# default), so an attack can be seen and answered; never the password.
AXES_SENSITIVE_PARAMETERS = []
# Behind a proxy every connection comes from the proxy: count each client by
# the address PROXY_COUNT says to trust, as every other limit does.
AXES_CLIENT_IP_CALLABLE = "sendprogress.core.clients.axes_client_address"

# One JSON object a line on stderr, each with the request id (see sendprogress/logs.py).
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "sendprogress.logs.RequestIdFilter"}},
    "formatters": {"json": {"()": "sendprogress.logs.JsonFormatter"}},
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": "json",
            "filters": ["request_id"],
        }
    },
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    # Every sign-in, failure and lockout is logged, whatever LOG_LEVEL says.
    "loggers": {
        "axes": {"level": "INFO"},
        "sendprogress.security": {"level": "INFO"},
    },
}

# What the site says about itself is data (see plan.LocalArea); these only
# name the deployment.
SITE_URL = env_header("SITE_URL", "http://127.0.0.1:8000" if DEBUG else "")
