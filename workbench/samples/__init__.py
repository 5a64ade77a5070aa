"""Sample-data generators: synthetic Bakohumas quarterly tables (one province or national,
``bakohumas``) and the offices' submission files (``kiriman``), with their text
(``phrases``). They write ``data/samples/bakohumas/`` for the demo, the tests and the
benchmarks. ``names``: the people's names of the synthetic attendance data (the sample
meeting's Zoom report, the merge benchmark).

Imported only by the ``workbench sample-data`` command (lazily, inside the command), by
``tools/``, ``bench/`` and tests; no production path (readers, analysis, documents, jobs,
``batch``) imports this package. May import: ``bakohumas`` (its schema, reader and collect,
so a generated table is one the workbench reads) and neutral modules (``atomic``,
``xlsx_write``, ``indonesian``, ``text``, ``wilayah``).
"""
