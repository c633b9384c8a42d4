"""The fixed lists a measure chooses from: its unit and how often it is reported.

Here rather than inside the model so that the pure modules (`periods`,
`charts`) can name them without importing models. `Measure.Unit` and
`Measure.Frequency` are the same classes.
"""

from django.db import models


class Unit(models.TextChoices):
    PERCENT = "percent", "Percentage"
    RATE = "rate", "Rate"
    COUNT = "count", "Count"
    DAYS = "days", "Days"
    WEEKS = "weeks", "Weeks"


class Frequency(models.TextChoices):
    MONTHLY = "monthly", "Monthly"
    QUARTERLY = "quarterly", "Every three months"
    TERMLY = "termly", "Every school term"
    ANNUALLY = "annually", "Every year"
