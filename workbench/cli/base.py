"""Click base classes so that every command's help is in Indonesian, and the options several
commands share.

Subcommands use ``@click.command(cls=IndonesianCommand)`` and groups
``@click.group(cls=IndonesianGroup)``; they import heavy libraries inside the
command function, never at module level. Click's own texts (headings, ``Penggunaan:``,
the help option, usage errors, ``[bawaan: …]``, ``[wajib]``) are translated by
:mod:`workbench.cli.i18n`, which ``workbench.cli`` (the package holding this module)
installs on import. What Click does not mark for translation, the usage-line
placeholders, is set here.

The option factories (:func:`out_option`, :func:`pdf_option`, :func:`engine_option` …) fix
what an option is (its name, destination, type and placeholder) once; each command passes
its own Indonesian help.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Callable

import click

#: What an option factory returns: Click's decorator adding the option to a command function.
Decorator = Callable[[Callable[..., Any]], Callable[..., Any]]

#: Usage-line placeholders (Click's defaults are ``[OPTIONS]`` and ``COMMAND [ARGS]...``).
OPTIONS_METAVAR = "[OPSI]"
_PLACEHOLDER_WORDS = (("COMMAND", "PERINTAH"), ("ARGS", "ARGUMEN"))


def _options_metavar(kwargs: dict[str, Any]) -> dict[str, Any]:
    """``kwargs`` with Click's default ``[OPTIONS]`` placeholder in Indonesian."""
    if kwargs.get("options_metavar") in (None, "[OPTIONS]"):
        kwargs["options_metavar"] = OPTIONS_METAVAR
    return kwargs


class IndonesianCommand(click.Command):
    """Base for every subcommand: Indonesian usage line."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **_options_metavar(kwargs))


class IndonesianGroup(click.Group):
    """A command group with an Indonesian usage line; its subcommands are Indonesian too."""

    command_class = IndonesianCommand

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        translate = kwargs.get("subcommand_metavar") is None
        super().__init__(*args, **_options_metavar(kwargs))
        if translate:  # Click's placeholder for this group (chain, optional), in Indonesian
            for english, indonesian in _PLACEHOLDER_WORDS:
                self.subcommand_metavar = self.subcommand_metavar.replace(english, indonesian)


# ----------------------------------------------------------------------------- shared options
def file_path() -> click.Path:
    """The type of a file the command reads. A new one each time: Click names the type (as
    its error messages show it) when it is made, which must be after
    :func:`workbench.cli.i18n.install`, so not when this module is imported."""
    return click.Path(dir_okay=False, path_type=Path)


def folder_path() -> click.Path:
    """The type of a folder the command writes (made when called, as :func:`file_path`)."""
    return click.Path(file_okay=False, path_type=Path)


def record_argument() -> Decorator:
    """``BERKAS_RAPAT``: the meeting record (meeting.yaml or rapat.xlsx) of minutes and news."""
    return click.argument("record", type=file_path(), metavar="BERKAS_RAPAT")


def attendance_option(help: str) -> Decorator:
    """``-a/--attendance BERKAS``, repeatable: the attendance files of one meeting."""
    return click.option(
        "--attendance",
        "-a",
        "attendance",
        multiple=True,
        type=file_path(),
        metavar="BERKAS",
        help=help,
    )


def file_option(*decls: str, help: str, metavar: str = "BERKAS", **attrs: Any) -> Decorator:
    """An option naming a file (a template, a table, a weights file); without
    ``required=True``, its default is None."""
    return click.option(*decls, type=file_path(), metavar=metavar, help=help, **_optional(attrs))


def out_option(help: str, **attrs: Any) -> Decorator:
    """``--out FOLDER`` (destination ``out_dir``): the output folder; without
    ``required=True``, its default is None (the command's own default folder)."""
    return click.option(
        "--out", "out_dir", type=folder_path(), metavar="FOLDER", help=help, **_optional(attrs)
    )


def _optional(attrs: dict[str, Any]) -> dict[str, Any]:
    if not attrs.get("required"):
        attrs.setdefault("default", None)
    return attrs


def pdf_option(help: str) -> Decorator:
    """``--pdf``: convert the documents to PDF too (LibreOffice)."""
    return click.option("--pdf", is_flag=True, help=help)


def engine_option(help: str) -> Decorator:
    """``--engine NAMA``: the batch engine (warm, papermill, dask)."""
    return click.option("--engine", default="warm", show_default=True, metavar="NAMA", help=help)


def workers_option(help: str) -> Decorator:
    """``--workers N``: how many jobs run at once (default: the library's)."""
    return click.option(
        "--workers", type=click.IntRange(min=1), default=None, metavar="N", help=help
    )


def resume_option(help: str) -> Decorator:
    """``--resume``: skip the jobs whose inputs have not changed since they last succeeded."""
    return click.option("--resume", is_flag=True, help=help)


def scheduler_option(help: str) -> Decorator:
    """``--scheduler ALAMAT``: an existing Dask cluster."""
    return click.option("--scheduler", default=None, metavar="ALAMAT", help=help)
