"""docs/architecture.md's layer table says what tests/test_import_direction.py enforces."""

import re
from pathlib import Path

from tests.test_import_direction import LAYERS, PLAN_PARTS

DOC = Path(__file__).resolve().parent.parent / "docs" / "architecture.md"
ROW = re.compile(r"^\|\s*(\d+)\s*\|\s*`(\w+)`\s*\|", re.MULTILINE)


def test_the_architecture_doc_lists_every_layer_as_the_import_check_does():
    written = {part: int(layer) for layer, part in ROW.findall(DOC.read_text())}
    assert written == LAYERS


def test_no_test_or_doc_cites_a_design_file_outside_the_repository():
    root = DOC.parent.parent
    citing = [
        str(path.relative_to(root))
        for folder in ("tests", "docs", "sendprogress")
        for path in (root / folder).rglob("*")
        if path.suffix in {".py", ".md"}
        and path != Path(__file__).resolve()
        and re.search(r"DESIGN\.md|/work/shared|\.\./shared", path.read_text())
    ]
    assert citing == []


PLAN_ROW = re.compile(r"^\|\s*`plan/(\w+)/`\s*\|\s*(\d+)\s*\|", re.MULTILINE)


def test_the_architecture_doc_lists_the_parts_of_the_plan_as_the_import_check_does():
    written = {part: int(order) for part, order in PLAN_ROW.findall(DOC.read_text())}
    assert written == PLAN_PARTS
