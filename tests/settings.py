"""Test settings: the real settings, read from a test environment.

Only what a test run needs is set here (a key, fast password hashing, no
HTTPS redirect for the test client); everything else is exactly production.
DATABASE_URL from the environment picks SQLite (default) or PostgreSQL.
"""

import os

os.environ.setdefault("SECRET_KEY", "test-only-secret-key-" + "x" * 40)
os.environ.setdefault("ALLOWED_HOSTS", "testserver,localhost,127.0.0.1")
os.environ.setdefault("SECURE_SSL_REDIRECT", "false")
os.environ.setdefault("DEBUG", "false")

from sendprogress.settings import *  # noqa: F403
from sendprogress.settings import BASE_DIR

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
MAILERS = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}
MEDIA_ROOT = BASE_DIR / "var" / "test-media"
# Tests render pages without running collectstatic first.
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Existing staff tests sign in with force_login; the 2FA tests turn this on.
STAFF_REQUIRE_2FA = False
# Whatever REDIS_URL says: the suite empties the cache between tests, and must
# never do that to a Redis someone else is using.
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
PUBLIC_PAGE_CACHE_SHARED = False
