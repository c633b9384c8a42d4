import pytest
from django_otp.oath import totp

PASSWORD = "a-long-test-password"


@pytest.fixture
def two_factor_required(settings):
    settings.STAFF_REQUIRE_2FA = True


def code_for(device) -> str:
    """The code an authenticator app shows for `device` now."""
    return f"{totp(device.bin_key, device.step, device.t0, device.digits):0{device.digits}d}"
