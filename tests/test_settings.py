"""Settings are read from the environment and refuse values they cannot read."""

import os
import subprocess
import sys

import pytest


def _import_settings(**env):
    environment = {k: v for k, v in os.environ.items() if k not in {"DEBUG", "SECRET_KEY"}}
    environment.update(env)
    return subprocess.run(
        [sys.executable, "-c", "import sendprogress.settings"],
        env=environment,
        capture_output=True,
        text=True,
        check=False,
    )


@pytest.mark.parametrize(
    ("name", "value"),
    [("DEBUG", "maybe"), ("SECURE_SSL_REDIRECT", "perhaps"), ("SECURE_HSTS_SECONDS", "a year")],
)
def test_a_bad_value_stops_start_up_naming_the_variable(name, value):
    result = _import_settings(SECRET_KEY="k", **{name: value})
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert name in result.stderr


def test_secret_key_is_required_outside_debug():
    result = _import_settings(DEBUG="false")
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_debug_runs_without_a_secret_key():
    assert _import_settings(DEBUG="true").returncode == 0


def test_production_defaults_are_secure():
    code = (
        "from sendprogress import settings as s; "
        "print(s.DEBUG, s.SECURE_SSL_REDIRECT, s.SESSION_COOKIE_SECURE, s.SECURE_HSTS_SECONDS)"
    )
    environment = {k: v for k, v in os.environ.items() if not k.startswith(("DEBUG", "SECURE"))}
    environment["SECRET_KEY"] = "k"
    result = subprocess.run(
        [sys.executable, "-c", code], env=environment, capture_output=True, text=True, check=True
    )
    debug, redirect, cookie, hsts = result.stdout.split()
    assert (debug, redirect, cookie) == ("False", "True", "True")
    assert int(hsts) >= 31536000


def _cache_settings(**env):
    environment = {
        k: v
        for k, v in os.environ.items()
        if k not in {"DEBUG", "SECRET_KEY", "REDIS_URL", "PUBLIC_PAGE_CACHE_SECONDS"}
    }
    environment.update({"SECRET_KEY": "k"} | env)
    return subprocess.run(
        [
            sys.executable,
            "-c",
            "from sendprogress import settings as s; "
            "print(s.CACHES['default']['BACKEND'], s.PUBLIC_PAGE_CACHE_SHARED, "
            "s.PUBLIC_PAGE_CACHE_SECONDS)",
        ],
        env=environment,
        capture_output=True,
        text=True,
        check=False,
    )


def test_the_cache_is_local_memory_unless_redis_url_is_set():
    assert _cache_settings().stdout.split() == [
        "django.core.cache.backends.locmem.LocMemCache",
        "False",
        "600",
    ]
    assert _cache_settings(REDIS_URL="redis://cache:6379/0").stdout.split()[:2] == [
        "sendprogress.caching.backends.RedisCache",
        "True",
    ]


def test_the_page_cache_lifetime_must_be_a_whole_number():
    result = _cache_settings(PUBLIC_PAGE_CACHE_SECONDS="ten minutes")
    assert result.returncode != 0
    assert "PUBLIC_PAGE_CACHE_SECONDS" in result.stderr


@pytest.mark.parametrize(
    "value",
    ["localoffer.example", "https://x.example/path", "https://x.example; script-src *", "ftp://x"],
)
def test_an_embed_origin_that_is_not_an_origin_stops_start_up(value):
    result = _import_settings(DEBUG="true", EMBED_ALLOWED_ORIGINS=value)
    assert result.returncode != 0
    assert "EMBED_ALLOWED_ORIGINS must be origins" in result.stderr


def test_embed_origins_are_read_as_a_list():
    result = _import_settings(
        DEBUG="true", EMBED_ALLOWED_ORIGINS="https://a.example, https://b.example:8443"
    )
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize("value", ["ten", "-1"])
def test_a_bad_small_number_threshold_stops_start_up(value):
    result = _import_settings(DEBUG="true", SMALL_NUMBER_THRESHOLD=value)
    assert result.returncode != 0
    assert "SMALL_NUMBER_THRESHOLD" in result.stderr
