"""Standar Livestream: a recording of a streamed event has a good cover with backsound,
opened when the event starts and closed when it ends, and no stall in between.

- :mod:`.reader` — PyAV probing (bounds from :mod:`workbench.limits`) and sparse
  measurement: keyframes from the container's index, audio loudness about once a second,
  pictures only where the check asks for them;
- :mod:`.check` — pure: the measured :class:`~.check.Series` in, the plan of what to measure
  next and the :class:`~.check.LivestreamCheck` out;
- :mod:`.charts` (timeline Figure), :mod:`.output` (CSV rows, DOCX context),
  :mod:`.templates` (its Word template kind);
- :mod:`.job` — the notebook's steps (the only code here that writes);
- :mod:`.run` — ``workbench livestream`` as one library call (:func:`.run.run_livestream`).

May import neutral modules (``errors``, ``limits``, ``paths``, ``atomic``, ``documents``,
``charts``, ``runner``, ``pdf``, ``template_check``) and the Standar Foto measures
(``standar.foto``); never ``rakor`` or ``bakohumas``: a meeting's start and folder name
arrive as values (:class:`~.check.Schedule`; the CLI reads the record).
"""
