from django.urls import path

from sendprogress.public import public

from . import views

app_name = "embeds"

urlpatterns = [
    path("measures/<slug:code>/", public(views.measure), name="measure"),
]
