from .areas import Action, ActionUpdate, Area, Inspection, Judgement, LocalArea, Milestone
from .comments import FigureComment, Notification
from .evidence import Evidence
from .measures import Figure, Measure, MeasureMilestone

__all__ = [
    "Action",
    "ActionUpdate",
    "Area",
    "Evidence",
    "Figure",
    "FigureComment",
    "Inspection",
    "Judgement",
    "LocalArea",
    "Measure",
    "MeasureMilestone",
    "Milestone",
    "Notification",
]
