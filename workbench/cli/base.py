"""Click base classes so that every command's help is in Indonesian.

Subcommands use ``@click.command(cls=IndonesianCommand)`` and groups
``@click.group(cls=IndonesianGroup)``; they import heavy libraries inside the
command function, never at module level. Click's own texts (usage errors,
``[bawaan: …]``, ``[wajib]``) are translated by :mod:`workbench.cli.i18n`, which
``workbench.cli`` installs when it builds the command group.
"""

from __future__ import annotations

from typing import Any

import click

_HEADINGS = {"Options": "Opsi", "Commands": "Perintah", "Arguments": "Argumen"}

#: Usage-line placeholders (Click's defaults are ``[OPTIONS]`` and ``COMMAND [ARGS]...``).
OPTIONS_METAVAR = "[OPSI]"
SUBCOMMAND_METAVAR = "PERINTAH [ARGUMEN]..."

HELP_TEXT = "Tampilkan bantuan ini lalu keluar."


class IndonesianFormatter(click.HelpFormatter):
    """Help text headings in Indonesian (the body texts are ours already)."""

    def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
        super().write_usage(prog, args, prefix="Penggunaan: " if prefix is None else prefix)

    def write_heading(self, heading: str) -> None:
        super().write_heading(_HEADINGS.get(heading, heading))


class IndonesianContext(click.Context):
    formatter_class = IndonesianFormatter


class IndonesianCommand(click.Command):
    """Base for every subcommand: Indonesian help option, headings and usage line."""

    context_class = IndonesianContext

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        if kwargs.get("options_metavar") in (None, "[OPTIONS]"):
            kwargs["options_metavar"] = OPTIONS_METAVAR
        super().__init__(*args, **kwargs)

    def get_help_option(self, ctx: click.Context):
        return indonesian_help_option(super().get_help_option(ctx))


class IndonesianGroup(click.Group):
    """A command group with Indonesian help."""

    context_class = IndonesianContext
    command_class = IndonesianCommand

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        if kwargs.get("options_metavar") in (None, "[OPTIONS]"):
            kwargs["options_metavar"] = OPTIONS_METAVAR
        if kwargs.get("subcommand_metavar") is None:
            kwargs["subcommand_metavar"] = _subcommand_metavar(
                bool(kwargs.get("chain")), bool(kwargs.get("invoke_without_command")))
        super().__init__(*args, **kwargs)

    def get_help_option(self, ctx: click.Context):
        return indonesian_help_option(super().get_help_option(ctx))


def _subcommand_metavar(chain: bool, optional: bool) -> str:
    """Click's subcommand placeholder, in Indonesian."""
    if chain:
        first = "[PERINTAH1]" if optional else "PERINTAH1"
        return f"{first} [ARGUMEN]... [PERINTAH2 [ARGUMEN]...]..."
    return "[PERINTAH] [ARGUMEN]..." if optional else SUBCOMMAND_METAVAR


def indonesian_help_option(opt):
    if opt is not None:
        opt.help = HELP_TEXT
    return opt
