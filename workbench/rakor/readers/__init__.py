"""Rakor readers: the only code that parses rakor input files, files -> validated records.

- ``record`` (dispatch, validation, error translation, photo checks) over ``record_yaml``
  and ``record_xlsx`` (the meeting record as YAML or as the ``rapat.xlsx`` workbook), with
  ``locate`` (where in the file a value came from, for error messages);
- ``attendance`` (``detect_kind``, ``read_attendance``: each file by its kind, then merged)
  over ``roster`` (daftar hadir / Google Form, CSV or XLSX) and ``zoom`` (Zoom participants
  report).

They return records (``Meeting``, attendance tables) or raise ``InputError``/``InputErrors``
naming file, row/line, field and fix, within the bounds of :mod:`workbench.limits`.
May import: rakor records and analysis (``model``, ``attendance_model``,
``attendance_table``, ``names``, ``merge``) and the neutral input helpers (``errors``,
``limits``, ``csvtext``, ``dates``, ``indonesian``, ``wilayah``, ``text``). Nothing else in
rakor is imported here, and analysis modules never import a reader.
"""
