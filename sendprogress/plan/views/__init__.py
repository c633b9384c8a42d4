"""The public pages: what parent carers and anyone else may see.

Every read goes through the QuerySet methods that say what is public
(`Kpi.objects.public()`, `Measurement.objects.approved()`,
`Evidence.objects.public()`, `Plan.objects.public()`,
`Post.objects.published()`), and each page makes the same number of queries
however many findings, measures and figures there are.
"""

from .findings import area_redirect, finding_detail
from .home import home
from .journey import documents, journey
from .measures import kpi_detail, kpi_list
from .plans import plan_detail

__all__ = [
    "area_redirect",
    "documents",
    "finding_detail",
    "home",
    "journey",
    "kpi_detail",
    "kpi_list",
    "plan_detail",
]
