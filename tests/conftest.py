import pytest
from django.core.management import call_command


@pytest.fixture
def demo(db):
    """The demo content from fixtures/, as `make run` loads it."""
    call_command("loaddata", "fixtures/demo.json", "fixtures/glossary.json", verbosity=0)
