from django.urls import path

from sendprogress.public import public

from . import views

app_name = "changes"

urlpatterns = [
    path(
        "",
        public(views.what_has_changed, query=("day", "month", "year")),
        name="what_has_changed",
    ),
]
