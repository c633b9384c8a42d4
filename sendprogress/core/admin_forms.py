"""What the apps' ModelAdmins share beyond their fields."""

from __future__ import annotations


class UserFormAdminMixin:
    """Gives the admin's form the signed-in user (`user=`), so that the form can
    say on the page, not with an error page, when a save needs a role the user
    does not have. The service the admin saves through checks again."""

    def get_form(self, request, obj=None, change=False, **kwargs):
        form_class = super().get_form(request, obj, change=change, **kwargs)

        class FormWithUser(form_class):
            def __init__(self, *args, **inner):
                super().__init__(*args, user=request.user, **inner)

        return FormWithUser
