import pytest

from tests.factories import make_finding, make_local_area, make_measure


@pytest.fixture(autouse=True)
def _no_wait(settings):
    """Tests send the form at once; the minimum time has a test of its own."""
    settings.FEEDBACK_MIN_SECONDS = 0


@pytest.fixture
def site(db):
    make_local_area()
    finding = make_finding(slug="ehcp-quality", title="The quality of new plans")
    make_measure(finding=finding, code="ehcp-20-weeks")
    return finding
