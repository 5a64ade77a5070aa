"""Click base classes so that every command's help is in Indonesian.

Subcommands use ``@click.command(cls=IndonesianCommand)`` and groups
``@click.group(cls=IndonesianGroup)``; they import heavy libraries inside the
command function, never at module level.
"""

from __future__ import annotations

import click

_HEADINGS = {"Options": "Opsi", "Commands": "Perintah", "Arguments": "Argumen"}


class IndonesianFormatter(click.HelpFormatter):
    """Help text headings in Indonesian (the body texts are ours already)."""

    def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
        super().write_usage(prog, args, prefix="Penggunaan: " if prefix is None else prefix)

    def write_heading(self, heading: str) -> None:
        super().write_heading(_HEADINGS.get(heading, heading))


class IndonesianContext(click.Context):
    formatter_class = IndonesianFormatter


class IndonesianCommand(click.Command):
    """Base for every subcommand: Indonesian help option and headings."""

    context_class = IndonesianContext

    def get_help_option(self, ctx: click.Context):
        return indonesian_help_option(super().get_help_option(ctx))




class IndonesianGroup(click.Group):
    """A command group with Indonesian help."""

    context_class = IndonesianContext
    command_class = IndonesianCommand

    def get_help_option(self, ctx: click.Context):
        return indonesian_help_option(super().get_help_option(ctx))


def indonesian_help_option(opt):
    if opt is not None:
        opt.help = "Tampilkan bantuan ini lalu keluar."
    return opt
