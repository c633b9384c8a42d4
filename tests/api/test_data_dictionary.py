"""The data dictionary describes every column the downloads write."""

import pytest

from sendprogress.plan.downloads import COMPARATOR_COLUMNS, CSV_COLUMNS

pytestmark = pytest.mark.django_db


def test_every_download_column_is_described(client):
    html = client.get("/data/").content.decode()
    for column in [*CSV_COLUMNS, *COMPARATOR_COLUMNS]:
        assert f"<code>{column}</code>" in html
    assert "never show it as zero" in html
    assert 'href="/api/v1/openapi.json"' in html


def test_every_page_links_to_the_open_data(client):
    assert 'href="/data/">Open data</a>' in client.get("/").content.decode()
