from django.urls import path

from .views import subscriptions

app_name = "email_updates"

urlpatterns = [
    path("", subscriptions.subscribe, name="subscribe"),
    path("check-your-email/", subscriptions.check_email, name="check_email"),
    path("confirm/<str:token>/", subscriptions.confirm, name="confirm"),
    path("unsubscribe/<str:token>/", subscriptions.unsubscribe, name="unsubscribe"),
]
