"""When things fail: 503 while the database is away, 500 otherwise, /healthz,
request ids and one JSON log line per error."""

import io
import json
import logging
import re
from contextlib import contextmanager

import pytest
from django.db import connection
from django.template.loader import render_to_string
from django.test import Client

from sendprogress import logs
from tests.factories import make_user
from tests.outage import database_unreachable

PUBLIC_PAGES = [
    "/",
    "/findings/ehcp-needs-identified-and-met/",
    "/measures/",
    "/measures/?finding=ehcp-quality&progress=on-track",
    "/measures/ehcp-20-weeks/",
    "/measures/all-measures.csv",
    "/journey/",
    "/documents/",
    "/updates/",
    "/updates/feed.atom",
    "/glossary/",
    "/email-updates/",
    "/sitemap.xml",
    "/no-such-page/",
]
DETAILS = [
    "Traceback",
    "OperationalError",
    "psycopg",
    "sqlite",
    "nonexistent-directory",
    "127.0.0.1",
]


@contextmanager
def _request_log():
    """What django.request logs meanwhile, formatted as the site formats it."""
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(logs.JsonFormatter())
    handler.addFilter(logs.RequestIdFilter())
    logger = logging.getLogger("django.request")
    logger.addHandler(handler)
    try:
        yield stream
    finally:
        logger.removeHandler(handler)


@pytest.fixture
def browser():
    """A client that shows what a visitor sees, instead of re-raising the error."""
    return Client(raise_request_exception=False)


def _visible_pages(browser):
    return [
        page
        for page in PUBLIC_PAGES
        if browser.get(page).status_code == 200 or page == "/no-such-page/"
    ]


@pytest.mark.usefixtures("demo", "transactional_db")
def test_public_pages_answer_503_without_details_and_recover_by_themselves(browser):
    pages = _visible_pages(browser)
    assert len(pages) >= 10, pages

    with database_unreachable():
        for page in pages:
            response = browser.get(page)
            assert response.status_code == 503, page
            html = response.content.decode()
            assert "Sorry, the website is not available at the moment" in html, page
            assert "site.css" in html
            for detail in DETAILS:
                assert detail not in html, (page, detail)
            assert response["Retry-After"] == "30"
            assert "no-store" in response["Cache-Control"]
            assert response["X-Request-ID"] in html

    # The database is back: the very next request is answered normally.
    for page in pages:
        expected = 404 if page == "/no-such-page/" else 200
        assert browser.get(page).status_code == expected, page


@pytest.mark.usefixtures("demo", "transactional_db")
def test_a_form_sent_while_the_database_is_away_gets_503_and_saves_nothing(browser):
    from sendprogress.updates.models import Subscriber

    with database_unreachable():
        response = browser.post(
            "/email-updates/", {"email": "parent@example.org", "findings": ["1"]}
        )
        assert response.status_code == 503
    assert not Subscriber.objects.exists()


@pytest.mark.usefixtures("demo", "transactional_db")
def test_signed_in_staff_get_503_too(browser):
    browser.force_login(make_user("Data officer"))
    assert browser.get("/staff/").status_code == 200
    with database_unreachable():
        assert browser.get("/staff/").status_code == 503
        assert browser.get("/admin/plan/measure/").status_code == 503
    assert browser.get("/staff/").status_code == 200


def test_the_503_and_500_pages_render_without_the_database(django_assert_num_queries, db):
    with django_assert_num_queries(0):
        unavailable = render_to_string("503.html", {"request_id": "ref-123"})
        error = render_to_string("500.html", {"request_id": "ref-456"})
    assert "not available at the moment" in unavailable
    assert "ref-123" in unavailable
    assert "Sorry, there is a problem with this website" in error
    assert "ref-456" in error


@pytest.mark.usefixtures("demo")
def test_an_unexpected_error_answers_500_with_a_reference_and_no_details(browser, monkeypatch):
    def fail(*args, **kwargs):
        raise RuntimeError("secret internal detail")

    monkeypatch.setattr("sendprogress.plan.measures.progress.Summary.of", fail)
    response = browser.get("/")
    assert response.status_code == 500
    html = response.content.decode()
    assert "Sorry, there is a problem with this website" in html
    assert "secret internal detail" not in html
    assert "RuntimeError" not in html
    assert "Traceback" not in html
    assert response["X-Request-ID"] in html


@pytest.mark.usefixtures("demo")
def test_each_error_is_one_json_log_line_with_the_request_id(browser, monkeypatch):
    def fail(*args, **kwargs):
        raise RuntimeError("secret internal detail")

    monkeypatch.setattr("sendprogress.plan.measures.progress.Summary.of", fail)
    with _request_log() as stream:
        response = browser.get("/", headers={"X-Request-ID": "lb-7f3a9c1e"})

    lines = stream.getvalue().splitlines()
    assert len(lines) == 1
    entry = json.loads(lines[0])
    assert entry["request_id"] == "lb-7f3a9c1e" == response["X-Request-ID"]
    assert entry["level"] == "ERROR"
    assert entry["status"] == 500
    assert entry["path"] == "/"
    assert entry["method"] == "GET"
    assert entry["error"] == "RuntimeError"
    assert "secret internal detail" in entry["traceback"]


def test_the_site_logs_through_the_json_formatter(settings):
    handler = settings.LOGGING["handlers"]["console"]
    assert settings.LOGGING["formatters"][handler["formatter"]]["()"].endswith("JsonFormatter")
    assert "request_id" in handler["filters"]


# Request ids


def test_a_request_id_is_made_when_the_proxy_sends_none(client, db):
    response = client.get("/healthz")
    assert re.fullmatch(r"[0-9a-f]{32}", response["X-Request-ID"])
    assert client.get("/healthz")["X-Request-ID"] != response["X-Request-ID"]


def test_a_sane_request_id_from_the_proxy_is_kept(client, db):
    sent = "c0ffee00-1234-4abc-8def-0123456789ab"
    assert client.get("/healthz", headers={"X-Request-ID": sent})["X-Request-ID"] == sent


@pytest.mark.parametrize(
    "sent", ["", "x" * 129, "has space", "new\nline", "<script>", "semi;colon", "é"]
)
def test_an_insane_request_id_is_replaced(client, db, sent):
    received = client.get("/healthz", HTTP_X_REQUEST_ID=sent)["X-Request-ID"]
    assert re.fullmatch(r"[0-9a-f]{32}", received)


# /healthz


def test_healthz_answers_200_when_the_database_answers_and_is_never_cached(client, db):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.content == b"ok\n"
    assert "no-store" in response["Cache-Control"]
    assert client.get("/healthz/").status_code == 200
    assert client.head("/healthz").status_code == 200


@pytest.mark.usefixtures("transactional_db")
def test_healthz_answers_503_while_the_database_is_away_then_200_again(browser):
    with database_unreachable():
        response = browser.get("/healthz")
        assert response.status_code == 503
        assert "no-store" in response["Cache-Control"]
        assert b"Traceback" not in response.content
    assert browser.get("/healthz").status_code == 200
    assert connection.is_usable()


def test_healthz_answers_probes_that_use_the_instance_address(client, db):
    assert client.get("/healthz", HTTP_HOST="10.0.3.17:8000").status_code == 200
    # Every other page still answers only the allowed hosts.
    assert client.get("/glossary/", HTTP_HOST="10.0.3.17:8000").status_code == 400


def test_healthz_is_not_redirected_to_https(client, db, settings):
    settings.SECURE_SSL_REDIRECT = True
    assert client.get("/healthz").status_code == 200
    assert client.get("/glossary/").status_code == 301


def test_healthz_takes_only_get_and_head(client, db):
    response = client.post("/healthz")
    assert response.status_code == 405
    assert response["Allow"] == "GET, HEAD"


@pytest.mark.usefixtures("db")
def test_a_4xx_log_line_carries_the_request_id_too(browser):
    with _request_log() as stream:
        response = browser.get("/no-such-page/", headers={"X-Request-ID": "lb-404"})
    entry = json.loads(stream.getvalue().splitlines()[-1])
    assert entry["status"] == 404
    assert entry["request_id"] == "lb-404" == response["X-Request-ID"]
