"""Run in a subprocess against one database (DATABASE_URL) and uploads directory
(MEDIA_ROOT): `seed` adds an uploaded evidence file to the demo content, and
`pages` prints every public page, download and evidence file as JSON."""

import hashlib
import json
import os
import re
import sys
from datetime import date

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tests.backups.settings")

import django

django.setup()

from django.core.files.base import ContentFile  # noqa: E402
from django.test import Client  # noqa: E402

from sendprogress.plan.models import Evidence, Finding, Measure  # noqa: E402
from sendprogress.updates.models import Post  # noqa: E402

UPLOADED = b"%PDF-1.4\n% evidence for the backup round trip\n%%EOF\n"
# What differs from one request to the next, whatever the database holds
# (the feedback form's signed time of showing changes every second).
VARYING = re.compile(
    rb'name="csrfmiddlewaretoken" value="[^"]*"|"generated_at": "[^"]*"'
    rb'|name="started" value="[^"]*"'
)


def seed() -> None:
    evidence = Evidence(
        title="Uploaded evidence that must survive a restore",
        date=date(2024, 3, 1),
        is_public=True,
        finding=Finding.objects.order_by("order").first(),
        no_personal_data=True,
    )
    evidence.file.save("survey-results.pdf", ContentFile(UPLOADED), save=False)
    evidence.save()
    Evidence.objects.create(
        title="Internal evidence",
        date=date(2024, 3, 2),
        url="https://example.org/internal",
        is_public=False,
    )


def public_addresses() -> list[str]:
    addresses = [
        "/",
        "/measures/",
        "/measures/all-measures.csv",
        "/measures/all-measures.json",
        "/journey/",
        "/documents/",
        "/glossary/",
        "/updates/",
        "/updates/feed.atom",
        "/updates/feed.rss",
        "/email-updates/",
        "/sitemap.xml",
    ]
    addresses += [f"/findings/{slug}/" for slug in Finding.objects.values_list("slug", flat=True)]
    for code in Measure.objects.public().values_list("code", flat=True):
        addresses += [f"/measures/{code}/", f"/measures/{code}/figures.csv"]
        addresses.append(f"/measures/{code}/figures.json")
    addresses += [
        f"/updates/{s}/" for s in Post.objects.published().values_list("slug", flat=True)
    ]
    addresses += [
        f"/evidence/{pk}/download/"
        for pk in Evidence.objects.exclude(file="").values_list("pk", flat=True)
    ]
    return sorted(addresses)


def pages() -> dict[str, list]:
    client = Client()
    result = {}
    for address in public_addresses():
        response = client.get(address)
        body = b"".join(response.streaming_content) if response.streaming else response.content
        body = VARYING.sub(b"", body)
        result[address] = [response.status_code, len(body), hashlib.sha256(body).hexdigest()]
    return result


if __name__ == "__main__":
    if sys.argv[1] == "seed":
        seed()
    else:
        print(json.dumps(pages()))
