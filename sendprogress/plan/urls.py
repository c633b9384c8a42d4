from django.urls import path

from sendprogress.public import public

from . import downloads, views

app_name = "plan"

urlpatterns = [
    path("", public(views.home), name="home"),
    path("areas/<slug:slug>/", public(views.area_detail), name="area_detail"),
    path("measures/", public(views.kpi_list, query=("area", "progress", "page")), name="kpi_list"),
    path("measures/all-measures.csv", public(downloads.all_csv), name="all_csv"),
    path("measures/all-measures.json", public(downloads.all_json), name="all_json"),
    path("measures/<slug:code>/", public(views.kpi_detail), name="kpi_detail"),
    path("measures/<slug:code>/figures.csv", public(downloads.kpi_csv), name="kpi_csv"),
    path("measures/<slug:code>/figures.json", public(downloads.kpi_json), name="kpi_json"),
    path("journey/", public(views.journey), name="journey"),
    path("documents/", public(views.documents), name="documents"),
    path(
        "evidence/<int:pk>/download/",
        public(downloads.evidence_download),
        name="evidence_download",
    ),
]
