"""Staff triage of feedback, mounted under /staff/feedback/ (never public)."""

from django.urls import path

from .views import triage

app_name = "staff_feedback"

urlpatterns = [
    path("", triage.feedback_list, name="list"),
    path("<int:pk>/", triage.mark_feedback, name="mark"),
]
