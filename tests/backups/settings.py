"""The test settings, with MEDIA_ROOT from the environment: each side of a
backup round trip has its own uploads directory."""

import os
from pathlib import Path

from tests.settings import *  # noqa: F403

MEDIA_ROOT = Path(os.environ["MEDIA_ROOT"])
