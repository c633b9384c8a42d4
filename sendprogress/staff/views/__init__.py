from .comparators import confirm_comparators, import_comparators
from .due import correct_figure, data_due, enter_figure, review_figure
from .imports import confirm_import, import_figures
from .set_up import set_up

__all__ = [
    "confirm_comparators",
    "confirm_import",
    "correct_figure",
    "data_due",
    "enter_figure",
    "import_comparators",
    "import_figures",
    "review_figure",
    "set_up",
]
