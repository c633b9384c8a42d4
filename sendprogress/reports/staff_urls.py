from django.urls import path

from . import views

app_name = "staff_reports"

urlpatterns = [
    path("", views.staff_reports, name="list"),
    path("<int:pk>/", views.staff_report, name="detail"),
    path("<int:pk>/publish/", views.publish, name="publish"),
    path("<int:pk>/withdraw/", views.withdraw, name="withdraw"),
]
