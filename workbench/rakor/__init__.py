"""Rakor (coordination meetings): the meeting record, attendance, the chart, the notula and
daftar hadir documents, and the ``workbench minutes`` / ``new-meeting`` jobs.

Flow (docs/architecture.md)::

    readers/ (files -> Meeting, attendance table)
      -> analysis: merge, summary, names (pure)
      -> charts (Figure), documents (DOCX contexts, render)
      -> job (the notebook's steps; writes the output folder with ``atomic``)
      -> run (``run_minutes``: validate, build the notebook's parameters, run it)

What lives here, by layer:

- records: ``model`` (``Meeting``), ``attendance_model`` (the attendance table's columns),
  ``attendance_table`` (records -> DataFrame);
- ``readers/``: the only code that parses rakor input files;
- analysis (pure: records in, records out): ``merge``, ``summary``, ``names``;
- ``charts`` (matplotlib Figures), ``documents`` (notula and daftar hadir contexts and
  rendering through :mod:`workbench.documents`);
- ``job`` (the steps ``notebooks/rakor_minutes.ipynb`` calls), ``blank`` (the blank record
  of ``new-meeting``), ``run`` (the one library call the CLI wraps), ``templates`` (its Word
  template kinds, registered into :mod:`workbench.template_check`).

May import: neutral modules (``errors``, ``limits``, ``indonesian``, ``dates``, ``text``,
``csvtext``, ``wilayah``, ``documents``, ``charts``); ``workbench.standar.foto`` (the notula's
photos are read, checked and chosen with it; the rundown goes to it as data); ``atomic``,
``paths`` and ``xlsx_write`` only in ``documents`` (default templates), ``job``, ``blank`` and
``run``; ``runner``, ``pdf`` and ``template_check`` only in ``run``. Analysis modules import no
reader, ``atomic``, ``paths`` or I/O library (``tests/test_import_contract.py``). Never
``bakohumas``, ``batch``, ``samples`` or ``cli``.
"""
