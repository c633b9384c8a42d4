from django.urls import path

from sendprogress.public import public

from . import views

app_name = "reports"

urlpatterns = [
    path("", public(views.report_list), name="list"),
    path("<str:as_at>/", public(views.report_detail), name="detail"),
    path("<str:as_at>.pdf", public(views.report_pdf), name="pdf"),
]
