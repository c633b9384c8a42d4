from datetime import date

import pytest

from tests.factories import make_figure, make_finding, make_local_area, make_measure


@pytest.fixture
def measure(db):
    make_local_area()
    measure = make_measure(
        finding=make_finding(slug="the-area"),
        code="the-measure",
        baseline_date=date(2023, 1, 1),
        target_date=date(2024, 1, 1),
    )
    make_figure(measure=measure, period=date(2023, 2, 1), value="11.5")
    return measure
