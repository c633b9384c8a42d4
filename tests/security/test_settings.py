"""Security settings read from the environment."""

import os
import subprocess
import sys


def _settings(expression, **env):
    environment = {
        k: v
        for k, v in os.environ.items()
        if k not in {"DEBUG", "SECRET_KEY", "STAFF_REQUIRE_2FA", "ADMIN_URL"}
    }
    environment |= {"SECRET_KEY": "k"} | env
    return subprocess.run(
        [sys.executable, "-c", f"from sendprogress import settings as s; print({expression})"],
        env=environment,
        capture_output=True,
        text=True,
        check=False,
    )


def test_two_factor_is_required_outside_the_local_demo():
    assert _settings("s.STAFF_REQUIRE_2FA").stdout.strip() == "True"
    assert _settings("s.STAFF_REQUIRE_2FA", DEBUG="true").stdout.strip() == "False"
    forced = _settings("s.STAFF_REQUIRE_2FA", DEBUG="true", STAFF_REQUIRE_2FA="true")
    assert forced.stdout.strip() == "True"


def test_admin_url_is_read_from_the_environment():
    assert _settings("s.ADMIN_URL").stdout.strip() == "admin/"
    assert _settings("s.ADMIN_URL", ADMIN_URL="back-office/").stdout.strip() == "back-office/"
    for bad in ("/admin/", "admin", ""):
        result = _settings("s.ADMIN_URL", ADMIN_URL=bad)
        assert result.returncode != 0
        assert "ADMIN_URL must be a path" in result.stderr


def test_the_admin_moves_with_admin_url():
    code = (
        "import django; django.setup(); from django.urls import reverse; "
        "print(reverse('admin:login'))"
    )
    environment = {k: v for k, v in os.environ.items() if k != "ADMIN_URL"}
    environment |= {
        "ADMIN_URL": "back-office/",
        "DJANGO_SETTINGS_MODULE": "tests.settings",
    }
    result = subprocess.run(
        [sys.executable, "-c", code], env=environment, capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "/back-office/login/"
