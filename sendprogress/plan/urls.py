from django.urls import path

from . import views

app_name = "plan"

urlpatterns = [
    path("", views.home, name="home"),
    path("areas/<slug:slug>/", views.area_detail, name="area_detail"),
    path("measures/<slug:code>/", views.kpi_detail, name="kpi_detail"),
]
