"""The public pages: what parent carers and anyone else may see.

Every read goes through the QuerySet methods that say what is public
(`Measure.objects.public()`, `Figure.objects.approved()`,
`Evidence.objects.public()`, `Plan.objects.public()`,
`Post.objects.published()`), and each page makes the same number of queries
however many findings, measures and figures there are.

Updates belong to the `updates` app, above this one: pages reach a finding's
or a measure's posts through their related names, and the home page's latest
updates come from that app's `latest_updates` template tag, so nothing here
imports it.
"""

from .findings import finding_detail, old_area_address
from .home import home
from .journey import documents, journey
from .measures import measure_detail, measure_list
from .plans import plan_detail

__all__ = [
    "documents",
    "finding_detail",
    "home",
    "journey",
    "measure_detail",
    "measure_list",
    "old_area_address",
    "plan_detail",
]
