from django.urls import path

from sendprogress.public import public

from . import views

app_name = "api"

PAGED = ("page",)

urlpatterns = [
    path("", public(views.index), name="index"),
    path("openapi.json", public(views.openapi_description), name="openapi"),
    path("local-area/", public(views.local_area), name="local_area"),
    path("inspections/", public(views.inspections, query=PAGED), name="inspections"),
    path("findings/", public(views.findings, query=PAGED), name="findings"),
    path("plans/", public(views.plans, query=PAGED), name="plans"),
    path("measures/", public(views.measures, query=(*PAGED, "plan")), name="measures"),
    path("measures/<slug:code>/", public(views.measure_detail), name="measure_detail"),
    path(
        "measures/<slug:code>/figures/",
        public(views.measure_figures, query=PAGED),
        name="measure_figures",
    ),
    path("updates/", public(views.updates, query=PAGED), name="updates"),
    # Any other address answers a JSON 404: see api/middleware.py.
]
