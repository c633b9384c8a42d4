"""Django's `loaddata`, then the stored progress of the measures it loaded, once.

Every writer of a measure's figures, milestones or targets refreshes its
stored latest figure and progress itself (`stored_progress`); a fixture is
written by Django's `loaddata`, so this one does it for the load. Refreshed
row by row it cost about a third of the queries of loading the demo: here
every measure is refreshed once, inside the load's transaction, when the
fixtures held measures, figures or milestones.
"""

from django.core.management.commands import loaddata

from sendprogress.plan.measures import stored_progress
from sendprogress.plan.models import Figure, Measure, MeasureMilestone


class Command(loaddata.Command):
    def loaddata(self, fixture_labels):
        super().loaddata(fixture_labels)
        if self.models & {Measure, Figure, MeasureMilestone}:
            stored_progress.refresh()
