import pytest
from django.core.management import call_command

from sendprogress.plan.models import Figure, Finding, Measure
from sendprogress.updates.models import Post

pytestmark = pytest.mark.django_db


def test_demo_content_loads_twice_without_duplicates():
    call_command("loaddata", "fixtures/demo.json", verbosity=0)
    counts = (Finding.objects.count(), Measure.objects.count(), Figure.objects.count())
    call_command("loaddata", "fixtures/demo.json", verbosity=0)
    assert (Finding.objects.count(), Measure.objects.count(), Figure.objects.count()) == counts
    assert counts[0] == 6
    assert counts[1] >= 8


def test_demo_content_has_hidden_figures_and_a_draft(demo):
    assert Figure.objects.exclude(status=Figure.Status.APPROVED).exists()
    assert Post.objects.published().count() == 3
    assert Post.objects.filter(status=Post.Status.DRAFT).count() == 1
