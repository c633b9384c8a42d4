from django.urls import path

from sendprogress.public import public

from . import downloads, views

app_name = "plan"

urlpatterns = [
    path("", public(views.home), name="home"),
    path("findings/<slug:slug>/", public(views.finding_detail), name="finding_detail"),
    path("areas/<slug:slug>/", public(views.old_area_address), name="old_area_address"),
    path("plans/<slug:slug>/", public(views.plan_detail), name="plan_detail"),
    path(
        "measures/",
        public(views.measure_list, query=("finding", "progress", "page")),
        name="measure_list",
    ),
    path("measures/all-measures.csv", public(downloads.all_csv), name="all_csv"),
    path("measures/all-measures.json", public(downloads.all_json), name="all_json"),
    path("measures/<slug:code>/", public(views.measure_detail), name="measure_detail"),
    path("measures/<slug:code>/figures.csv", public(downloads.measure_csv), name="measure_csv"),
    path(
        "measures/<slug:code>/comparators.csv",
        public(downloads.comparators_csv),
        name="comparators_csv",
    ),
    path("measures/<slug:code>/figures.json", public(downloads.measure_json), name="measure_json"),
    path("journey/", public(views.journey), name="journey"),
    path("documents/", public(views.documents, query=("page",)), name="documents"),
    path(
        "evidence/<int:pk>/download/",
        public(downloads.evidence_download),
        name="evidence_download",
    ),
]
