from .areas import Action, ActionUpdate, Area, Inspection, Judgement, LocalArea, Milestone
from .comparators import ComparatorSeries, ComparatorValue, Symbol
from .evidence import Evidence
from .measures import Figure, Measure, MeasureMilestone

__all__ = [
    "Action",
    "ActionUpdate",
    "Area",
    "ComparatorSeries",
    "ComparatorValue",
    "Evidence",
    "Figure",
    "Inspection",
    "Judgement",
    "LocalArea",
    "Measure",
    "MeasureMilestone",
    "Milestone",
    "Symbol",
]
