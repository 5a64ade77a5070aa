"""Neutral chart helpers (PNG export). Domain charts live in their domain
(``rakor/charts.py``, ``bakohumas/charts.py``) and return a matplotlib Figure.
"""
