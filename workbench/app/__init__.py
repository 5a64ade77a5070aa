"""The secretariat's web app (``workbench app`` / ``make app``): Voilà serving
``notebooks/app.ipynb``, whose only code cell calls :func:`workbench.app.ui.show`.

- :mod:`.uploads`: each browser session's own upload folder; uploaded names sanitised,
  sizes and counts held to docs/limits.md before anything is written or read, zip
  entries checked (traversal, links, size, count, ratio).
- :mod:`.photos`: the one place importing the photo check (Standar Foto).
- :mod:`.rapat`: the "Rapat → dokumen" steps over the library calls ``workbench minutes``,
  ``news`` and ``photos`` wrap (:mod:`workbench.rakor.run`) and the record/attendance readers.
- :mod:`.triwulan`: the "Triwulan Bakohumas" page over :mod:`workbench.bakohumas.run`.
- :mod:`.links`: downloads served from the kernel (data links), document previews.
- :mod:`.ui`: the ipywidgets (everything shown is Indonesian); no logic of its own.
- :mod:`.serve`: the Voilà command line (127.0.0.1 unless ``--ip``; then a token).

May import the domains' library calls (``rakor.run``, ``bakohumas.run``), their readers and
the neutral modules; nothing imports ``app`` but ``cli``.
"""
