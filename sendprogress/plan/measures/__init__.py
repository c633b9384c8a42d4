"""Measures and their figures: the workflow from a figure entered to a figure public.

A figure's rules (`figures`), reporting periods (`periods`) and the periods each
measure owes (`due_periods`), progress (`progress`, stored by `stored_progress`),
the figure services (`services`), CSV imports (`imports`), evidence and its
files (`documents`, `uploads`), emails to staff (`notifications`, `tasks`), the
open data's words (`open_data`) and the charts' geometry (`charts`).

Above the inspection story (a measure belongs to a plan and its findings), below
comparators; it never imports `comparators` (tests/test_import_direction.py).
"""
