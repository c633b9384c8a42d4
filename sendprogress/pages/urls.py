from django.urls import path

from . import views

# No namespace: the footer and other apps link to these by plain names.
urlpatterns = [
    path("glossary/", views.glossary, name="glossary"),
    path("privacy/", views.privacy, name="privacy"),
    path("cookies/", views.cookies, name="cookies"),
]
