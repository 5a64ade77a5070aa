"""The ``workbench`` command line: a thin adapter over the library.

Subcommands live in their own modules and are imported only when invoked
(``workbench --help`` imports neither pandas, matplotlib nor papermill).
Domain errors become a message and an exit code here, in one place.
"""

from __future__ import annotations

import importlib
import sys

import click

from workbench.cli.base import IndonesianCommand, IndonesianContext, indonesian_help_option

# name -> (module, attribute, one-line help shown in `workbench --help`)
COMMANDS: dict[str, tuple[str, str, str]] = {
    "new-meeting": ("workbench.cli.meeting", "new_meeting",
                    "Membuat berkas rapat kosong (meeting.yaml dan rapat.xlsx) untuk diisi."),
    "minutes": ("workbench.cli.minutes", "minutes",
                "Membuat notula, daftar hadir, dan grafik kehadiran sebuah rapat."),
    "templates": ("workbench.cli.templates", "templates",
                  "Memeriksa templat Word (notula, daftar hadir, laporan)."),
    "collect": ("workbench.cli.bakohumas", "collect",
                "Menggabungkan laporan triwulan kiriman satker menjadi satu tabel."),
    "evaluate": ("workbench.cli.bakohumas", "evaluate",
                 "Membuat laporan evaluasi Bakohumas tingkat provinsi untuk satu triwulan."),
    "reports": ("workbench.cli.bakohumas", "reports",
                "Membuat laporan Bakohumas per satker (KPU Kabupaten/Kota) untuk satu triwulan."),
    "batch": ("workbench.cli.batch", "batch",
              "Menjalankan sebuah notebook berparameter untuk banyak pekerjaan sekaligus."),
    "sample-data": ("workbench.cli.bakohumas", "sample_data",
                    "Membuat data contoh laporan triwulan Bakohumas (38 satker atau nasional)."),
}


class LazyGroup(click.Group):
    """A group whose subcommands are imported on first use."""

    context_class = IndonesianContext
    command_class = IndonesianCommand

    def get_help_option(self, ctx: click.Context):
        return indonesian_help_option(super().get_help_option(ctx))

    def list_commands(self, ctx: click.Context) -> list[str]:
        return list(COMMANDS)

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        if name not in COMMANDS:
            return None
        module, attr, _ = COMMANDS[name]
        return getattr(importlib.import_module(module), attr)

    def invoke(self, ctx: click.Context):
        """Run the subcommand; a workbench error becomes its message and exit code."""
        from workbench.errors import WorkbenchError

        try:
            return super().invoke(ctx)
        except WorkbenchError as e:
            click.echo(f"Galat: {e.message}", err=True)
            ctx.exit(e.exit_code)

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        rows = [(name, help_) for name, (_, _, help_) in COMMANDS.items()]
        with formatter.section("Perintah"):
            formatter.write_dl(rows)


CONTEXT_SETTINGS = {"help_option_names": ["-h", "--help"], "max_content_width": 100}


@click.group(cls=LazyGroup, context_settings=CONTEXT_SETTINGS)
@click.version_option(package_name="kpu-workbench", message="workbench %(version)s",
                      help="Tampilkan versi lalu keluar.")
def cli() -> None:
    """Workbench pelaporan KPU: notula rapat koordinasi, daftar hadir,
    dan evaluasi Bakohumas, dari data kehadiran dan laporan triwulan.

    Jalankan `workbench PERINTAH --help` untuk bantuan tiap perintah.
    """


def main(argv: list[str] | None = None) -> None:
    """Entry point: run the CLI, turning workbench errors into exit codes."""
    from workbench.errors import WorkbenchError

    try:
        # In non-standalone mode click returns ctx.exit(n)'s code instead of exiting.
        rv = cli.main(args=argv, prog_name="workbench", standalone_mode=False)
    except click.exceptions.Abort:
        click.echo("Dibatalkan.", err=True)
        sys.exit(1)
    except click.exceptions.UsageError as e:
        e.show()
        sys.exit(2)
    except click.exceptions.ClickException as e:
        e.show()
        sys.exit(e.exit_code)
    except WorkbenchError as e:
        click.echo(f"Galat: {e.message}", err=True)
        sys.exit(e.exit_code)
    except click.exceptions.Exit as e:
        sys.exit(e.exit_code)
    else:
        sys.exit(rv if isinstance(rv, int) else 0)
