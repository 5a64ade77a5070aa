"""Neutral chart helpers, used by both domains: ``png.figure_png`` (a Figure as PNG bytes,
drawn once while the figure is unchanged).

Domain charts live in their domain (``rakor/charts.py``, ``bakohumas/charts.py``) and
return a matplotlib ``Figure``; the caller saves it. May import matplotlib and the
standard library only; never a domain package, ``batch`` or anything that touches files.
"""
