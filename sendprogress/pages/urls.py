from django.urls import path

from sendprogress.public import public

from . import views

# No namespace: the footer and other apps link to these by plain names.
urlpatterns = [
    path("glossary/", public(views.glossary), name="glossary"),
    path("privacy/", public(views.privacy), name="privacy"),
    path("cookies/", public(views.cookies), name="cookies"),
]
