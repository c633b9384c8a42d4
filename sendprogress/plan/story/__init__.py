"""The inspection story: what inspectors found and what the area does about it.

The frameworks' words and rules (`frameworks`, `framework_fields`), inspections,
findings, judgements, plans and actions (`models/`), the journey in date order
(`journey`) and plain sentences about it all (`sentences`).

The lowest part of the plan: it imports neither `measures` nor `comparators`
(tests/test_import_direction.py).
"""
