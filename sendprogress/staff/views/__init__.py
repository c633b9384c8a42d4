from .approvals import confirm_approvals
from .comments import comment_on_figure
from .due import correct_figure, data_due, enter_figure, review_figure
from .home import home
from .imports import confirm_import, import_figures
from .notifications import notifications

__all__ = [
    "comment_on_figure",
    "confirm_approvals",
    "confirm_import",
    "correct_figure",
    "data_due",
    "enter_figure",
    "home",
    "import_figures",
    "notifications",
    "review_figure",
]
