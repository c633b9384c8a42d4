import pytest

from sendprogress.accounts import roles
from tests.factories import make_user


@pytest.fixture
def officer(db):
    return make_user(roles.DATA_OFFICER, username="dana")


@pytest.fixture
def approver(db):
    return make_user(roles.APPROVER, username="alex")


@pytest.fixture
def partner(db):
    return make_user(roles.PARTNER_VIEWER, username="pat")
