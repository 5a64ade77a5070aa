"""Rakor (coordination meetings): the meeting record, attendance, charts, the notula and
daftar hadir documents, and the minutes job.

Flow: ``readers/`` (files -> ``Meeting`` and attendance tables) -> pure analysis (``merge``,
``summary``, ``names``) -> ``charts`` (Figures) and ``documents`` (DOCX contexts, render) ->
``job`` (the only module that chooses paths and writes the output folder).
May import: neutral modules (``errors``, ``indonesian``, ``dates``, ``text``, ``csvtext``,
``wilayah``, ``documents``, ``charts``), never ``bakohumas`` or ``batch``.
"""
