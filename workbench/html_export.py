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
  them (no LaTeX, no widgets, no diagrams); a ``$...$`` in a markdown cell shows as typed;
- a Content-Security-Policy first in the head (:data:`CONTENT_SECURITY_POLICY`) forbids
  every script and every load from the network, so HTML that reaches an output or a
  markdown cell (``display(HTML(...))``) cannot run either; our own tables escape every
  value (:mod:`workbench.html_table`).

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
import functools
import logging
import queue
import re
import threading
from pathlib import Path
from typing import Any, Iterator

from workbench.atomic import write_text
from workbench.html_table import TABLE_CSS

HTML_SUFFIX = ".html"
#: ANSI colour codes in a traceback.
_ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")

#: The twin's Content-Security-Policy: no script at all, nothing from the network; images
#: only inline (``data:``) or beside the page, styles only inline. Escaping keeps data from
#: becoming markup (:mod:`workbench.html_table`); this keeps any markup that still gets in
#: (an output of ``display(HTML(...))``, a markdown cell) from running or loading anything.
CONTENT_SECURITY_POLICY = (
    "default-src 'none'; img-src data: 'self'; style-src 'unsafe-inline'; "
    "script-src 'none'; object-src 'none'; base-uri 'none'; form-action 'none'"
)
CSP_META = f'<meta http-equiv="Content-Security-Policy" content="{CONTENT_SECURITY_POLICY}">'

#: ``lab``'s page without the scripts it loads from a CDN (everything else as nbconvert has
#: it), with :data:`CSP_META` in the head, before any style, output or markdown.
OFFLINE_TEMPLATE = """{%- extends 'lab/index.html.j2' -%}
{%- block html_head_js -%}
@CSP@
{%- endblock html_head_js -%}
{%- block jupyter_widgets -%}{%- endblock jupyter_widgets -%}
{%- block html_head_js_mathjax -%}{%- endblock html_head_js_mathjax -%}
{%- block html_head_js_mermaidjs -%}{%- endblock html_head_js_mermaidjs -%}
""".replace("@CSP@", CSP_META)
_TEMPLATE_NAME = "workbench_offline.html.j2"

#: Exporters not in use. A caller takes one (or builds one when none is free) and puts it
#: back, so there are as many as were ever in use at once: one per worker thread. Last in,
#: first out: the exporter used most recently (its caches warm) is handed out first.
_free: queue.LifoQueue[Any] = queue.LifoQueue()


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
    log = logging.getLogger("workbench.html_export")
    log.setLevel(logging.ERROR)
    return _exporter_class()(
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


#: The alternative text of a chart (the chart's own title is in the image).
IMAGE_ALT = "Grafik"


def _exporter_class() -> type:
    """:class:`nbconvert.HTMLExporter` without two passes that cost two thirds of its time
    (19 ms -> 6 ms for an office report) and that a twin does not need:

    - ``from_notebook_node`` is HTMLExporter's own minus its final BeautifulSoup pass, which
      parses and re-serialises the whole page to add ``alt`` to images without one (done
      here by a replacement: the template writes no ``alt``) and ``tabindex`` on the code
      inputs (there are none: ``exclude_input``) and outputs;
    - ``_validate_preprocessor``: nbformat's schema validation of the whole notebook after each
      of the four preprocessors (the notebook was just written by the run; it is validated
      when the CLI reads it, not four times more here).

    Both are nbconvert 7 internals (``from_notebook_node`` mirrors ``nbconvert/exporters/
    html.py``); ``tests/test_html_export.py`` compares the text of a twin with the stock
    exporter's, so a change upstream that matters shows there.
    """
    from nbconvert import HTMLExporter
    from nbconvert.exporters.templateexporter import TemplateExporter
    from nbconvert.filters.highlight import Highlight2HTML
    from nbconvert.filters.widgetsdatatypefilter import WidgetsDataTypeFilter

    class TwinExporter(HTMLExporter):
        def _validate_preprocessor(self, nbc: Any, preprocessor: Any) -> None:
            pass

        def from_notebook_node(self, nb: Any, resources: Any = None, **kw: Any) -> Any:
            info = nb.metadata.get("language_info", {})
            lexer = info.get("pygments_lexer", info.get("name", None))
            resources = self._init_resources(resources)
            self.register_filter(
                "highlight_code", Highlight2HTML(pygments_lexer=lexer, parent=self)
            )
            self.register_filter(
                "filter_data_type",
                WidgetsDataTypeFilter(
                    notebook_metadata=self._nb_metadata, parent=self, resources=resources
                ),
            )
            html, resources = TemplateExporter.from_notebook_node(self, nb, resources, **kw)
            html = html.replace("<img src=", f'<img alt="{IMAGE_ALT}" src=')
            _check_policy_first(html)
            return html, resources

    return TwinExporter


def _check_policy_first(page: str) -> None:
    """Refuse a page whose head does not start with the policy (a block renamed upstream
    would otherwise drop it silently): the policy covers only what follows it."""
    at = page.find(CSP_META)
    first = min((i for i in (page.find("<style"), page.find("<body")) if i >= 0), default=-1)
    if at < 0 or (first >= 0 and at > first):
        raise RuntimeError("HTML twin without its Content-Security-Policy first in <head>")


def twin_path(notebook: Path) -> Path:
    """Where the HTML twin of ``notebook`` goes: beside it, ``<stem>.html``."""
    return notebook.with_suffix(HTML_SUFFIX)


def notebook_html(notebook: Path) -> str:
    """The executed ``notebook`` as one offline HTML page without code cells."""
    with exporter() as html:  # first: it imports nbformat the quick way
        import nbformat

        # v4 as the runs write it, not validated again (nbformat.read would: ~3 ms)
        nb = nbformat.v4.reads(notebook.read_text(encoding="utf-8"))
        resources = {"metadata": {"name": notebook.stem, "path": str(notebook.parent)}}
        body, _ = html.from_notebook_node(nb, resources=resources)
    return body


def write_html_twin(notebook: Path) -> Path:
    """Write :func:`notebook_html` of ``notebook`` to :func:`twin_path` atomically."""
    return write_text(twin_path(notebook), notebook_html(notebook))


# ----------------------------------------------------------------------------- batch twins
#: Output formats a batch twin shows, best first (as nbconvert's ``display_data_priority``).
_PRIORITY = ("text/html", "image/svg+xml", "image/png", "image/jpeg", "text/markdown", "text/plain")

#: The batch twin's whole stylesheet, inline in each page (a few hundred bytes instead of
#: the ``lab`` template's 263 KB): the page stays one file readable on its own, and the
#: policy needs no style source beyond ``'unsafe-inline'``.
TWIN_CSS = (
    "body{font-family:system-ui,-apple-system,'Segoe UI',Roboto,Arial,sans-serif;"
    "line-height:1.45;max-width:60em;margin:1.5em auto;padding:0 1em;color:#222}"
    "img{max-width:100%}pre{white-space:pre-wrap;background:#f6f6f6;padding:.5em}"
    ".wb-error{color:#a00}" + TABLE_CSS
)


def twin_shell(title: str) -> tuple[str, str]:
    """The batch twin's page around its cells: ``(head, tail)``, built once per title
    (:func:`functools.lru_cache`): the policy first, then the stylesheet."""
    return _twin_shell(title)


@functools.lru_cache(maxsize=8)
def _twin_shell(title: str) -> tuple[str, str]:
    from html import escape

    head = (
        f'<!DOCTYPE html>\n<html lang="id">\n<head>\n{CSP_META}\n<meta charset="utf-8">\n'
        f'<meta name="viewport" content="width=device-width, initial-scale=1.0">\n'
        f"<title>{escape(title)}</title>\n<style>{TWIN_CSS}</style>\n</head>\n<body>\n"
    )
    return head, "</body>\n</html>\n"


@functools.lru_cache(maxsize=256)
def markdown_html(source: str) -> str:
    """Markdown as HTML, with mistune as nbconvert's renderer uses it (raw HTML kept, the
    same plugins; no MathJax: a ``$...$`` shows as typed, as in the twins); cached: the
    markdown cells of a batch are the same for every job. mistune alone imports in ~30 ms,
    nbconvert in ~400 ms."""
    return _markdown()(source)


@functools.lru_cache(maxsize=1)
def _markdown() -> Any:
    import mistune

    return mistune.create_markdown(
        escape=False, plugins=["strikethrough", "table", "url", "task_lists", "def_list"]
    )


def _text(value: Any) -> str:
    return "".join(value) if isinstance(value, list) else str(value)


def output_html(output: dict) -> str:
    """One output of a code cell as HTML: rich outputs in their best format, text escaped."""
    import base64
    from html import escape

    kind = output.get("output_type")
    if kind == "stream":
        name, text = escape(str(output.get("name", ""))), escape(_text(output.get("text", "")))
        return f'<pre class="wb-{name}">{text}</pre>'
    if kind == "error":
        lines = [_ANSI.sub("", line) for line in output.get("traceback") or []]
        text = "\n".join(lines) or f"{output.get('ename')}: {output.get('evalue')}"
        return f'<pre class="wb-error">{escape(text)}</pre>'
    data = output.get("data") or {}
    mime = next((m for m in _PRIORITY if m in data), None)
    value = _text(data[mime]) if mime else ""
    if mime == "text/html":
        return f"<div>{value}</div>"
    if mime == "text/markdown":
        return f"<div>{markdown_html(value)}</div>"
    if mime == "image/svg+xml":
        encoded = base64.b64encode(value.encode()).decode()
        return f'<img alt="{IMAGE_ALT}" src="data:image/svg+xml;base64,{encoded}">'
    if mime in ("image/png", "image/jpeg"):
        return f'<img alt="{IMAGE_ALT}" src="data:{mime};base64,{value.strip()}">'
    if mime == "text/plain":
        return f"<pre>{escape(value)}</pre>"
    return ""


def twin_page(nb: dict, title: str) -> str:
    """The batch HTML twin of the executed notebook ``nb`` (a plain dict, as JSON has it).

    A *cached precompiled shell* (:func:`twin_shell`) around the cells, rendered here: each
    markdown cell (cached by its text), each code cell's outputs (no code, no prompts).
    Same guarantees as :func:`notebook_html`: no script, nothing from the network, the
    policy first; an output's HTML is the output's own (our tables escape every value:
    :mod:`workbench.html_table`).
    """
    head, tail = twin_shell(title)
    parts = [head]
    for cell in nb.get("cells", []):
        kind = cell.get("cell_type")
        if kind == "markdown":
            parts.append(
                f'<div class="wb-cell">{markdown_html(_text(cell.get("source", "")))}</div>\n'
            )
        elif kind == "code" and cell.get("outputs"):
            body = "".join(output_html(o) for o in cell["outputs"])
            parts.append(f'<div class="wb-cell">{body}</div>\n')
    parts.append(tail)
    page = "".join(parts)
    _check_policy_first(page)
    return page
