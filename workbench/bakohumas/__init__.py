"""Bakohumas (quarterly public-relations reports): the report table, its evaluation, the
province and office reports, and the ``collect`` / ``evaluate`` / ``reports`` jobs.

Flow (docs/architecture.md)::

    reader, collect (files -> the quarterly table, a DataFrame)
      -> analysis: evaluate, evaluation, scoring, findings (pure; weights as data)
      -> charts (Figure), report + docx_render (DOCX contexts, render)
      -> job (the notebooks' steps; output folders, office selection, per-office jobs)
      -> run (run_evaluation, run_office_reports, run_collect)

What lives here, by layer:

- the table contract: ``schema`` (columns, periods), ``cells`` (cell values), ``variables``
  (template variable names); reference data: ``weights`` (``weights.yaml`` beside it, or
  the province's own file);
- readers: ``reader`` (one table, CSV/XLSX) and ``collect`` (the offices' submission
  files merged into one table, written with ``atomic``/``xlsx_write``);
- analysis (pure: a table and ``Weights`` in, an ``Evaluation`` out): ``evaluate``,
  ``evaluation``, ``scoring``, ``findings``;
- ``charts`` (Figures and their PNG bytes), ``report`` (contexts, the province outputs
  ``ringkasan.csv``/``.xlsx``) and ``docx_render`` (the DOCX renderer of both reports);
- ``job`` (the steps the two notebooks call), ``run`` (one library call per command).

May import: neutral modules (``errors``, ``limits``, ``indonesian``, ``dates``, ``text``,
``csvtext``, ``wilayah``, ``documents``, ``template_sandbox``, ``xlsx_write``); ``atomic`` and
``paths`` only outside the analysis modules (``tests/test_import_contract.py``);
``batch`` (its ``Job`` and ``run_batch``: one job per office), ``runner``, ``pdf`` and
``template_check`` only in ``job`` and ``run``. Never ``rakor``, ``samples`` or ``cli``.
"""
