from .approvals import confirm_approvals
from .comments import comment_on_figure
from .comparators import confirm_comparators, import_comparators
from .due import correct_figure, data_due, enter_figure, review_figure
from .home import home
from .imports import confirm_import, import_figures
from .notifications import notifications
from .posts import add_post_image, edit_post, post_list, preview_post, remove_post_image
from .set_up import set_up

__all__ = [
    "add_post_image",
    "comment_on_figure",
    "confirm_approvals",
    "confirm_comparators",
    "confirm_import",
    "correct_figure",
    "data_due",
    "edit_post",
    "enter_figure",
    "home",
    "import_comparators",
    "import_figures",
    "notifications",
    "post_list",
    "preview_post",
    "remove_post_image",
    "review_figure",
    "set_up",
]
