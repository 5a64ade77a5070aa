"""Click base classes so that every command's help is in Indonesian.

Subcommands use ``@click.command(cls=IndonesianCommand)`` and groups
``@click.group(cls=IndonesianGroup)``; they import heavy libraries inside the
command function, never at module level. Click's own texts (headings, ``Penggunaan:``,
the help option, usage errors, ``[bawaan: …]``, ``[wajib]``) are translated by
:mod:`workbench.cli.i18n`, which ``workbench.cli`` (the package holding this module)
installs on import. What Click does not mark for translation, the usage-line
placeholders, is set here.
"""

from __future__ import annotations

from typing import Any

import click

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
