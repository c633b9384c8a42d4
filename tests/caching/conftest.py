from datetime import date

import pytest

from tests.factories import make_area, make_kpi, make_local_area, make_measurement


@pytest.fixture
def kpi(db):
    make_local_area()
    kpi = make_kpi(
        area=make_area(slug="the-area"),
        code="the-measure",
        baseline_date=date(2023, 1, 1),
        target_date=date(2024, 1, 1),
    )
    make_measurement(kpi=kpi, period=date(2023, 2, 1), value="11.5")
    return kpi
