"""Standar Livestream: a recording of a streamed event has a good cover with backsound,
opened when the event starts and closed when it ends, and no stall in between.

- :mod:`.reader` — PyAV probing (bounds from :mod:`workbench.limits`) and sparse
  measurement: keyframes from the container's index, audio loudness about once a second,
  pictures only where the check asks for them;
- :mod:`.check` — pure: the measured :class:`~.check.Series` in, the plan of what to measure
  next and the :class:`~.check.LivestreamCheck` out;
- :mod:`.charts` (timeline Figure), :mod:`.documents` (DOCX context, CSV rows);
- :mod:`.job` — the notebook's steps (the only code here that writes);
- :mod:`.run` — ``workbench livestream`` as one library call (:func:`.run.run_livestream`).

May import neutral modules (``errors``, ``limits``, ``paths``, ``atomic``, ``documents``,
``charts``, ``runner``) and the Standar Foto measures; never ``rakor`` or ``bakohumas``
(a meeting's start arrives as a value, :class:`~.check.Schedule`).
"""
