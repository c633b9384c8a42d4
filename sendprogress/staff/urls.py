from django.urls import path

from . import views

app_name = "staff"

urlpatterns = [
    path("", views.home, name="home"),
    path("data-due/", views.data_due, name="data_due"),
    path("measures/<slug:code>/figure/", views.enter_figure, name="enter_figure"),
    path("figures/<int:pk>/", views.review_figure, name="review_figure"),
    path("figures/<int:pk>/comments/", views.comment_on_figure, name="comment_on_figure"),
    path("figures/<int:pk>/correct/", views.correct_figure, name="correct_figure"),
    path("approvals/confirm/", views.confirm_approvals, name="confirm_approvals"),
    path("emails/", views.notifications, name="notifications"),
    path("updates/", views.post_list, name="posts"),
    path("updates/new/", views.edit_post, name="new_post"),
    path("updates/<int:pk>/", views.edit_post, name="edit_post"),
    path("updates/preview/", views.preview_post, name="preview_post"),
    path("updates/<int:pk>/images/", views.add_post_image, name="add_post_image"),
    path(
        "updates/<int:pk>/images/<int:image_pk>/remove/",
        views.remove_post_image,
        name="remove_post_image",
    ),
    path("import/", views.import_figures, name="import_figures"),
    path("import/confirm/", views.confirm_import, name="confirm_import"),
    path("set-up/", views.set_up, name="set_up"),
    path("comparators/import/", views.import_comparators, name="import_comparators"),
    path("comparators/import/confirm/", views.confirm_comparators, name="confirm_comparators"),
]
