"""Small helpers shared by every app: the bottom layer.

Nothing here imports an app of the site (tests/test_import_direction.py checks),
so any app may use it: form fields that bad input cannot break, and the one
lookup of the local area that runs the site.
"""
