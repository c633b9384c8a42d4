"""`manage.py check --deploy` passes under production settings, as CI runs it."""

import os
import secrets
import subprocess
import sys

from django.conf import settings

from sendprogress import settings as real_settings

PRODUCTION = {
    "DJANGO_SETTINGS_MODULE": "sendprogress.settings",
    "SECRET_KEY": secrets.token_urlsafe(50),
    "DEBUG": "false",
    "ALLOWED_HOSTS": "send-progress.example.org",
    "CSRF_TRUSTED_ORIGINS": "https://send-progress.example.org",
}


def _production_env(**extra):
    # Nothing from the test run's own settings: only what production would set.
    keep = {"PATH", "HOME", "LANG", "DATABASE_URL", "SYSTEMROOT"}
    environment = {k: v for k, v in os.environ.items() if k in keep}
    return environment | PRODUCTION | extra


def _check(**extra):
    return subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=settings.BASE_DIR,
        env=_production_env(**extra),
        capture_output=True,
        text=True,
        check=False,
    )


def test_the_deploy_check_passes_under_production_settings():
    result = _check()
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_the_deploy_check_fails_when_a_protection_is_turned_off():
    result = _check(SECURE_HSTS_SECONDS="0")
    assert result.returncode != 0
    assert "security.W004" in result.stdout + result.stderr


def test_every_silenced_check_has_a_written_reason():
    source = (settings.BASE_DIR / "sendprogress" / "settings.py").read_text()
    block = source.split("SILENCED_SYSTEM_CHECKS = [", 1)[1].split("\n]", 1)[0]
    for check_id in real_settings.SILENCED_SYSTEM_CHECKS:
        before = block.split(f'"{check_id}"', 1)[0].rstrip().splitlines()
        comment = before[-1].strip() if before else ""
        assert comment.startswith("#"), f"{check_id}: no reason"
