from .comments import FigureComment, Notification
from .comparators import ComparatorSeries, ComparatorValue, Symbol
from .evidence import Evidence
from .inspections import (
    Finding,
    Inspection,
    JourneyStep,
    Judgement,
    LocalArea,
    MonitoringEvent,
    Partner,
    Publication,
)
from .measures import Figure, Measure, MeasureMilestone
from .plans import Action, ActionUpdate, Plan

__all__ = [
    "Action",
    "ActionUpdate",
    "ComparatorSeries",
    "ComparatorValue",
    "Evidence",
    "Figure",
    "FigureComment",
    "Finding",
    "Inspection",
    "JourneyStep",
    "Judgement",
    "LocalArea",
    "Measure",
    "MeasureMilestone",
    "MonitoringEvent",
    "Notification",
    "Partner",
    "Plan",
    "Publication",
    "Symbol",
]
