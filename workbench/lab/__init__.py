"""The analyst's JupyterLab: what ``make lab`` and the notebooks need from the workbench.

- :mod:`workbench.lab.save`: the Jupyter server's ``pre_save_hook`` (``jupyter/
  jupyter_server_config.py``): notebooks are saved without outputs, so the tree stays clean.
- :mod:`workbench.lab.kernel`: in the kernel, a workbench error prints its Indonesian message
  and fix instead of a library traceback (the cell still fails).
- :mod:`workbench.lab.outputs`: at the end of a run, links to what it wrote, its
  ``manifest.json``, and no stale PDF or run record left beside rewritten documents.

See docs/jupyterlab.md.
"""
