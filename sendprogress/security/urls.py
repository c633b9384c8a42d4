from django.urls import path

from . import views

app_name = "security"

urlpatterns = [
    path("set-up/", views.set_up, name="set_up"),
    path("verify/", views.verify, name="verify"),
    path("recovery-codes/", views.recovery_codes, name="recovery_codes"),
]
