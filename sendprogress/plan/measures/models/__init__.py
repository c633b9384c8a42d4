"""Measures, figures, evidence and comments; `sendprogress.plan.models` gathers them for Django."""
