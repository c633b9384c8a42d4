"""Print the Flesch-Kincaid grade of each public page type's running text, and
their median. How it counts is in `sendprogress/pages/readability.py` and
docs/plain-english.md."""

import re
import urllib.parse
import urllib.request

from django.core.management.base import BaseCommand, CommandError
from django.test import Client, override_settings

from sendprogress.pages.readability import median_grade, page_counts

# (page type, path) for pages at a fixed address; then (page type, list page,
# the first link on it matching this) for one page of each kind the demo has.
FIXED = [
    ("home", "/"),
    ("all measures", "/measures/"),
    ("journey", "/journey/"),
    ("documents", "/documents/"),
    ("updates", "/updates/"),
    ("you said, we did", "/you-said-we-did/"),
    ("progress reports", "/reports/"),
    ("glossary", "/glossary/"),
    ("search", "/search/?q=plans"),
    ("what has changed", "/what-has-changed/"),
    ("accessibility", "/accessibility/"),
    ("privacy", "/privacy/"),
    ("cookies", "/cookies/"),
    ("data dictionary", "/data/"),
    ("email updates", "/email-updates/"),
    ("feedback", "/feedback/?page=/"),
]
FOUND = [
    ("a finding", "/", r"^/findings/[\w-]+/$"),
    ("a plan", "/", r"^/plans/[\w-]+/$"),
    ("a measure", "/measures/", r"^/measures/[\w-]+/$"),
    ("an update", "/updates/", r"^/updates/[\w-]+/$"),
    ("a progress report", "/reports/", r"^/reports/[\w-]+/$"),
]
_HREF = re.compile(r'href="([^"#?]+)"')


class Command(BaseCommand):
    help = (
        "Print the Flesch-Kincaid reading grade of each public page type and the median. "
        "Reads this site's database, or the site at --base-url."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--base-url",
            help="Read the pages from this running site (e.g. http://127.0.0.1:8000) "
            "instead of from this database through Django's test client.",
        )

    def handle(self, *args, base_url=None, **options):
        if base_url:
            grades = self.measure(lambda path: _fetch(base_url.rstrip("/") + path))
        else:
            client = Client()
            with override_settings(ALLOWED_HOSTS=["testserver"], SECURE_SSL_REDIRECT=False):
                grades = self.measure(lambda path: _get(client, path))
        median = median_grade(g for _, _, g in grades)
        if median is None:
            raise CommandError("No page had any running text.")
        width = max(len(name) for name, _, _ in grades)
        for name, path, grade in grades:
            shown = "no text" if grade is None else f"{grade:5.1f}"
            self.stdout.write(f"{name:<{width}}  {shown}  {path}")
        self.stdout.write(f"{'median':<{width}}  {median:5.1f}")
        return None

    def measure(self, read) -> list[tuple[str, str, float | None]]:
        pages = list(FIXED)
        for name, list_path, pattern in FOUND:
            links = [h for h in _HREF.findall(read(list_path)) if re.match(pattern, h)]
            if links:
                pages.append((name, links[0]))
        return [(name, path, page_counts(read(path)).grade) for name, path in pages]


def _get(client: Client, path: str) -> str:
    response = client.get(path)
    if response.status_code != 200:
        raise CommandError(f"{path} answered {response.status_code}.")
    return response.content.decode()


def _fetch(url: str) -> str:
    if urllib.parse.urlsplit(url).scheme not in {"http", "https"}:
        raise CommandError(f"{url} is not an http or https address.")
    try:
        with urllib.request.urlopen(url, timeout=30) as response:  # noqa: S310 - scheme checked
            return response.read().decode()
    except OSError as error:
        raise CommandError(f"Could not read {url}: {error}") from error
