"""The minutes notebook's steps in the test process, without a kernel (not a test module).

``notebooks/rakor_minutes.ipynb`` only calls :mod:`workbench.rakor.job`: read and check the
inputs, draw the attendance chart, write the documents (``bench/minutes.py``'s ``run_floor``
is the same). Tests about what the documents say call this; the tests about the command
itself (exit codes, messages, manifest, atomic output) run ``workbench minutes`` for real.
"""

from __future__ import annotations

from pathlib import Path


def minutes_in_process(record: Path, attendance, out: Path, **options):
    """Write kehadiran.png, notula.docx and daftar-hadir.docx for ``record`` into ``out``
    as the notebook does; return ``(meeting, table, written)``. ``options``: ``min_share``,
    ``allow_other_date`` (read) and ``write_outputs``' own keywords."""
    from workbench.rakor import job

    read = {k: options.pop(k) for k in ("min_share", "allow_other_date") if k in options}
    meeting, table = job.load_inputs(record, list(attendance), **read)
    figure = job.attendance_figure(table)
    out.mkdir(parents=True, exist_ok=True)
    if "allow_other_date" in read:
        options["allow_other_date"] = read["allow_other_date"]
    written = job.write_outputs(meeting, table, out, figure=figure, **options)
    return meeting, table, written
