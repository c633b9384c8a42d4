from .evidence import Evidence
from .inspections import (
    Finding,
    Inspection,
    Judgement,
    LocalArea,
    Milestone,
    MonitoringEvent,
    Partner,
)
from .kpis import Kpi, KpiMilestone, Measurement
from .plans import Action, ActionUpdate, Plan

__all__ = [
    "Action",
    "ActionUpdate",
    "Evidence",
    "Finding",
    "Inspection",
    "Judgement",
    "Kpi",
    "KpiMilestone",
    "LocalArea",
    "Measurement",
    "Milestone",
    "MonitoringEvent",
    "Partner",
    "Plan",
]
