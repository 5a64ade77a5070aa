"""KPU reporting workbench: meeting minutes and Bakohumas evaluation reports.

Importing the package is cheap: heavy libraries (pandas, matplotlib, papermill)
are imported by the modules that need them, never here.
"""

__version__ = "0.1.0"
