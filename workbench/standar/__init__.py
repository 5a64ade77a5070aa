"""The Standar Output Kehumasan of KPU RI, one folder per standard, each the same shape:

- ``foto/`` (Standar Foto: ``workbench photos``) and ``unggahan/`` (Standar Media Sosial:
  ``workbench posts``); a ``livestream/`` standard takes the same shape;
- in each: ``reader`` (the only code parsing that standard's input files), ``check`` (the
  pure check: records in, findings out), ``output`` (CSV/DOCX of the findings), ``job`` (the
  steps its notebook calls, when it has one), ``run`` (the one library call its command
  wraps), ``templates`` (its Word template kinds for :mod:`workbench.template_check`).

Data flow: input files -> ``reader`` -> ``check`` -> ``output`` (via ``job``/notebook) ->
``run`` writes ``DIR/<standard>/...`` atomically. A rundown (the meeting record's ``acara``)
is passed in as data by the caller: ``standar`` never imports ``rakor`` or ``bakohumas``
(``rakor`` uses ``standar.foto`` for the notula's photos). May import: neutral modules
(``errors``, ``limits``, ``indonesian``, ``dates``, ``text``, ``csvtext``, ``documents``,
``charts``, ``atomic``, ``paths``, ``manifest``, ``pdf``, ``runner``, ``template_check``).
Never ``rakor``, ``bakohumas``, ``batch``, ``samples`` or ``cli``
(``tests/test_import_contract.py`` and the import-linter contracts in pyproject.toml).
"""
