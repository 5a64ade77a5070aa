"""HTML twins of executed notebooks: readable in any browser, offline, without code.

:func:`write_html_twin` writes ``<stem>.html`` beside an executed notebook with nbconvert's
:class:`~nbconvert.exporters.HTMLExporter` (the ``lab`` template, ``exclude_input``): the
markdown, tables, printed text and charts of the run, no code cells and no prompts. The page
is self-contained so a report folder can be zipped, e-mailed or put on an intranet and read
from ``file://``:

- images are inline (outputs as ``data:`` URIs; ``embed_images`` also inlines images a
  markdown cell links);
- the template's CSS is inlined by nbconvert; the ``lab`` template's ``<script>`` tags that
  load from a CDN -- require.js, MathJax, Mermaid, the Jupyter widgets manager -- are
  removed by overriding their blocks (:data:`OFFLINE_TEMPLATE`). Our notebooks use none of
  them (no LaTeX, no widgets, no diagrams); a ``$...$`` in a markdown cell shows as typed.

Links the notebook printed (``FileLink``: ``laporan.docx``) are relative to the notebook, so
they work from the twin, which sits in the same folder.

Importing nbconvert costs ~0.4 s once per process (nbformat's optional IRI grammar is
skipped as for papermill: :func:`workbench.kernels.skip_slow_optional_import`); building an
:class:`HTMLExporter` and compiling its template ~0.1 s more. Exporters are reused: a free
one is taken, used by one thread at a time (nbconvert does not promise thread safety) and
put back (:func:`exporter`), so the warm batch engine, which finishes jobs on its worker
threads, builds one per worker. :func:`warm_up` does the import and the first build in a
background thread while the process waits for a kernel: a single run (``workbench
minutes``) does not wait for it after the notebook ran.
"""

from __future__ import annotations

import contextlib
import logging
import queue
import threading
from pathlib import Path
from typing import Any, Iterator

from workbench.atomic import write_text

HTML_SUFFIX = ".html"

#: ``lab``'s page without the scripts it loads from a CDN (everything else as nbconvert has it).
OFFLINE_TEMPLATE = """{%- extends 'lab/index.html.j2' -%}
{%- block html_head_js -%}{%- endblock html_head_js -%}
{%- block jupyter_widgets -%}{%- endblock jupyter_widgets -%}
{%- block html_head_js_mathjax -%}{%- endblock html_head_js_mathjax -%}
{%- block html_head_js_mermaidjs -%}{%- endblock html_head_js_mermaidjs -%}
"""
_TEMPLATE_NAME = "workbench_offline.html.j2"

#: Exporters not in use. A caller takes one (or builds one when none is free) and puts it
#: back, so there are as many as were ever in use at once: one per worker thread.
_free: queue.SimpleQueue[Any] = queue.SimpleQueue()


@contextlib.contextmanager
def exporter() -> Iterator[Any]:
    """An :class:`nbconvert.HTMLExporter` for twins, used by this thread alone meanwhile."""
    try:
        html = _free.get_nowait()
    except queue.Empty:
        html = _new_exporter()
    try:
        yield html
    finally:
        _free.put(html)


def warm_up() -> threading.Thread:
    """Import nbconvert, build an exporter and compile its template in a background thread
    (started here; join it before exiting), while this process waits for a kernel: the
    first twin then costs what the others do."""

    def work() -> None:
        import nbformat  # after exporter(): nbformat imported the quick way

        with exporter() as html:
            html.from_notebook_node(nbformat.v4.new_notebook())

    thread = threading.Thread(target=work, name="html-warm-up", daemon=True)
    thread.start()
    return thread


def _new_exporter() -> Any:
    from jinja2 import DictLoader

    from workbench.kernels import skip_slow_optional_import

    skip_slow_optional_import()  # before nbconvert imports nbformat (-1.3 s)
    from nbconvert import HTMLExporter

    log = logging.getLogger("workbench.html_export")
    log.setLevel(logging.ERROR)  # not "Alternative text is missing on N image(s)" per chart
    return HTMLExporter(
        log=log,
        language_code="id",
        template_name="lab",
        template_file=_TEMPLATE_NAME,
        extra_loaders=[DictLoader({_TEMPLATE_NAME: OFFLINE_TEMPLATE})],
        exclude_input=True,
        exclude_input_prompt=True,
        exclude_output_prompt=True,
        embed_images=True,
        # nothing may come from the network even if a block above is ever renamed upstream
        mathjax_url="",
        require_js_url="",
        mermaid_js_url="",
        widget_renderer_url="",
        jupyter_widgets_base_url="",
    )


def twin_path(notebook: Path) -> Path:
    """Where the HTML twin of ``notebook`` goes: beside it, ``<stem>.html``."""
    return notebook.with_suffix(HTML_SUFFIX)


def notebook_html(notebook: Path) -> str:
    """The executed ``notebook`` as one offline HTML page without code cells."""
    with exporter() as html:  # first: it imports nbformat the quick way
        import nbformat

        nb = nbformat.read(str(notebook), as_version=4)
        resources = {"metadata": {"name": notebook.stem, "path": str(notebook.parent)}}
        body, _ = html.from_notebook_node(nb, resources=resources)
    return body


def write_html_twin(notebook: Path) -> Path:
    """Write :func:`notebook_html` of ``notebook`` to :func:`twin_path` atomically."""
    return write_text(twin_path(notebook), notebook_html(notebook))
