"""The inspection story's models; `sendprogress.plan.models` gathers them for Django."""
