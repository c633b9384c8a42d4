"""Comparator series: the same measure in England, the region, statistical neighbours.

The DfE's data files read (`dfe`) and written (`services`), the models
(`models`), and series laid out for pages and downloads (`comparisons`).
The highest part of the plan: it builds on measures and the story.
"""
