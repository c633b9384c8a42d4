from ..comparators.models import ComparatorSeries, ComparatorValue, Symbol
from ..measures.models.comments import FigureComment, Notification
from ..measures.models.evidence import Evidence
from ..measures.models.measures import Figure, Measure, MeasureMilestone
from ..story.models.inspections import (
    Finding,
    Inspection,
    JourneyStep,
    Judgement,
    LocalArea,
    MonitoringEvent,
    Partner,
    Publication,
)
from ..story.models.plans import Action, ActionUpdate, Plan

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
