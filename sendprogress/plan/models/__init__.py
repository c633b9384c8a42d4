from .areas import Action, ActionUpdate, Area, Inspection, Judgement, LocalArea, Milestone
from .evidence import Evidence
from .kpis import Kpi, KpiMilestone, Measurement

__all__ = [
    "Action",
    "ActionUpdate",
    "Area",
    "Evidence",
    "Inspection",
    "Judgement",
    "Kpi",
    "KpiMilestone",
    "LocalArea",
    "Measurement",
    "Milestone",
]
