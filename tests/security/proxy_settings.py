"""Settings for the site as tests/security/test_behind_nginx.py runs it:
production's, read from the environment it is given, but for static files.

Production serves collectstatic's hashed copies; the test renders pages
without running collectstatic (as tests/settings.py does), and fetches no
static file.
"""

from sendprogress.settings import *  # noqa: F403

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
