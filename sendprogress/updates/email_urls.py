from django.urls import path

from sendprogress.public import public

from .views import subscriptions

app_name = "email_updates"

urlpatterns = [
    path("", public(subscriptions.subscribe), name="subscribe"),
    path(
        "check-your-email/",
        public(subscriptions.check_email, query=("findings",)),
        name="check_email",
    ),
    path("confirm/<str:token>/", public(subscriptions.confirm), name="confirm"),
    path("choices/<str:token>/", public(subscriptions.choices), name="choices"),
    path("unsubscribe/<str:token>/", public(subscriptions.unsubscribe), name="unsubscribe"),
]
