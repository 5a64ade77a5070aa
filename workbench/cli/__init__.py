"""The ``workbench`` command line: a thin adapter over the library.

Each command parses its options and makes one library call (``minutes`` ->
:func:`workbench.rakor.run.run_minutes`, ``evaluate``/``reports``/``collect`` ->
:mod:`workbench.bakohumas.run`, ``photos``/``posts`` -> :mod:`workbench.standar` (from
:data:`STANDAR_COMMANDS`), ``batch`` -> :func:`workbench.batch.run.run_batch`,
``new-meeting`` -> :mod:`workbench.rakor.blank`, ``templates check`` ->
:mod:`workbench.template_check` (kinds from :data:`TEMPLATE_KINDS`), ``sample-data`` ->
:mod:`workbench.samples.bakohumas`; the option -> parameter mapping is in
docs/parameters.md), then prints the result. Subcommands live in their own modules and are
imported only when invoked (``workbench --help`` imports neither pandas, matplotlib nor
papermill). Domain errors and operating-system errors (a folder that cannot be written, a
full disk) become an Indonesian message and an exit code here, in one place; everything a
command prints shows control characters (ANSI escapes, bidi controls) as escapes instead of
sending them to the terminal (:mod:`.visible`). Click's own texts are made Indonesian by
:mod:`workbench.cli.i18n`, installed when this module builds the command group.

May import anything in ``workbench`` (it is the outermost layer), lazily inside the
commands; no other module imports ``cli`` (``workbench/__main__.py`` only calls
:func:`main`).
"""

from __future__ import annotations

import errno
import importlib
import sys
from typing import TYPE_CHECKING

import click

from workbench.cli import i18n
from workbench.cli.base import IndonesianGroup
from workbench.cli.visible import visible_output

if TYPE_CHECKING:
    from workbench.errors import WorkbenchError

i18n.install()

#: The output standards (``workbench/standar/<folder>/``): command name -> (folder,
#: attribute of the click command in ``workbench/cli/standar/<folder>.py``, one-line help).
#: A new standard is one line here (docs/architecture.md).
STANDAR_COMMANDS: dict[str, tuple[str, str, str]] = {
    "photos": (
        "foto",
        "photos",
        "Memeriksa foto dokumentasi kegiatan terhadap Standar Foto (blur, gelap, duplikat).",
    ),
    "posts": (
        "unggahan",
        "posts",
        "Memeriksa log unggahan media sosial terhadap Standar Media Sosial.",
    ),
    "livestream": (
        "livestream",
        "livestream",
        "Memeriksa rekaman siaran langsung terhadap Standar Livestream (cover, backsound, macet).",
    ),
}

# name -> (module, attribute, one-line help shown in `workbench --help`)
COMMANDS: dict[str, tuple[str, str, str]] = {
    "new-meeting": (
        "workbench.cli.meeting",
        "new_meeting",
        "Membuat berkas rapat kosong (meeting.yaml dan rapat.xlsx) untuk diisi.",
    ),
    "minutes": (
        "workbench.cli.minutes",
        "minutes",
        "Membuat notula, daftar hadir, dan grafik kehadiran sebuah rapat.",
    ),
    "news": (
        "workbench.cli.news",
        "news",
        "Menyusun draf berita kegiatan dan keterangan unggahan media sosial sebuah rapat.",
    ),
    # the output standards, from STANDAR_COMMANDS
    **{
        name: (f"workbench.cli.standar.{folder}", attr, help_)
        for name, (folder, attr, help_) in STANDAR_COMMANDS.items()
    },
    "templates": (
        "workbench.cli.templates",
        "templates",
        "Memeriksa templat Word (notula, daftar hadir, laporan).",
    ),
    "collect": (
        "workbench.cli.bakohumas",
        "collect",
        "Menggabungkan laporan triwulan kiriman satker menjadi satu tabel.",
    ),
    "evaluate": (
        "workbench.cli.bakohumas",
        "evaluate",
        "Membuat laporan evaluasi Bakohumas tingkat provinsi untuk satu triwulan.",
    ),
    "reports": (
        "workbench.cli.bakohumas",
        "reports",
        "Membuat laporan Bakohumas per satker (KPU Kabupaten/Kota) untuk satu triwulan.",
    ),
    "batch": (
        "workbench.cli.batch",
        "batch",
        "Menjalankan sebuah notebook berparameter untuk banyak pekerjaan sekaligus.",
    ),
    "app": (
        "workbench.cli.app",
        "app",
        "Membuka aplikasi web sekretariat (notula dan laporan triwulan) di peramban.",
    ),
    "sample-data": (
        "workbench.cli.bakohumas",
        "sample_data",
        "Membuat data contoh laporan triwulan Bakohumas (38 satker atau nasional).",
    ),
}

#: The domains' modules registering their Word template kinds into
#: :mod:`workbench.template_check` (imported by :func:`load_template_kinds`, in this order).
TEMPLATE_KINDS: tuple[str, ...] = (
    "workbench.rakor.templates",
    "workbench.bakohumas.templates",
    "workbench.standar.foto.templates",
    "workbench.standar.livestream.templates",
)


def load_template_kinds() -> tuple[str, ...]:
    """Register every domain's template kinds; return the kinds, in listing order."""
    from workbench.template_check import kinds

    for module in TEMPLATE_KINDS:
        importlib.import_module(module)
    return kinds()


# errno -> (problem, fix, exit code). 2: a path problem the user can fix; 1: otherwise.
_OS_ERRORS: dict[int, tuple[str, str, int]] = {
    errno.ENOTDIR: (
        "salah satu bagian lokasi ini adalah berkas, bukan folder",
        "pilih lokasi lain, atau pindahkan/ganti nama berkas yang menghalangi",
        2,
    ),
    errno.EISDIR: (
        "lokasi ini adalah folder, padahal yang diperlukan sebuah berkas",
        "berikan nama berkas, bukan nama folder",
        2,
    ),
    errno.ENOENT: (
        "berkas atau folder ini tidak ditemukan",
        "periksa ejaan lokasinya, atau buat foldernya lebih dahulu",
        2,
    ),
    errno.EACCES: (
        "tidak ada izin untuk membaca atau menulis di lokasi ini, atau berkasnya "
        "sedang dibuka/dikunci program lain",
        "tutup berkas itu bila sedang dibuka (mis. di Excel atau Word), atau pilih "
        "folder yang boleh ditulisi",
        2,
    ),
    errno.EPERM: (
        "sistem operasi tidak mengizinkan operasi ini di lokasi ini",
        "tutup berkas itu bila sedang dibuka program lain, atau pilih folder yang boleh ditulisi",
        2,
    ),
    errno.EROFS: (
        "lokasi ini berada di media yang hanya dapat dibaca",
        "pilih folder keluaran di disk yang dapat ditulisi",
        2,
    ),
    errno.EEXIST: (
        "sudah ada berkas atau folder dengan nama ini",
        "pilih nama lain, atau pindahkan berkas/folder yang lama",
        2,
    ),
    errno.ENAMETOOLONG: (
        "nama berkas atau lokasinya terlalu panjang",
        "pilih nama atau folder yang lebih pendek",
        2,
    ),
    errno.ENOSPC: (
        "ruang disk penuh",
        "kosongkan ruang disk, atau pilih folder keluaran di disk lain",
        1,
    ),
    errno.EBUSY: (
        "berkas atau folder ini sedang dipakai program lain",
        "tutup program yang memakainya, lalu coba lagi",
        1,
    ),
}
_OS_ERRORS.update(
    dict.fromkeys(
        (
            errno.ECONNREFUSED,
            errno.ECONNRESET,
            errno.EHOSTUNREACH,
            errno.ENETUNREACH,
            errno.ETIMEDOUT,
        ),
        (
            "sambungan jaringan gagal",
            "periksa alamat yang diberikan (mis. --scheduler) dan jaringannya, lalu coba lagi",
            1,
        ),
    )
)
if hasattr(errno, "EDQUOT"):
    _OS_ERRORS[errno.EDQUOT] = (
        "kuota disk pengguna sudah habis",
        "kosongkan ruang disk, atau pilih folder keluaran di disk lain",
        1,
    )


def os_error_message(error: OSError) -> tuple[str, int]:
    """An Indonesian message (without the ``Galat:`` prefix) and exit code for ``error``.

    The message has the shape of :class:`workbench.errors.InputError`: the path,
    the problem, and a ``Perbaikan:`` line.
    """
    problem, fix, code = _OS_ERRORS.get(error.errno or 0, (None, None, 1))
    if problem is None:
        reason = error.strerror or str(error) or type(error).__name__
        problem = f"operasi berkas atau sistem gagal ({reason}"
        problem += f", errno {error.errno})" if error.errno else ")"
        fix = "periksa lokasi, izin, dan ruang disk, lalu coba lagi"
    where = ""
    if error.filename is not None:
        where = f"lokasi {error.filename}"
        if getattr(error, "filename2", None) is not None:
            where += f" (ke {error.filename2})"
        where += ": "
    return f"{where}{problem}\n  Perbaikan: {fix}", code


class LazyGroup(IndonesianGroup):
    """A group whose subcommands are imported on first use; what they print shows control
    characters as escapes (:func:`workbench.cli.visible.visible_output`)."""

    def main(self, *args, **kwargs):
        with visible_output():
            return super().main(*args, **kwargs)

    def list_commands(self, ctx: click.Context) -> list[str]:
        return list(COMMANDS)

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        if name not in COMMANDS:
            return None
        module, attr, _ = COMMANDS[name]
        return getattr(importlib.import_module(module), attr)

    def invoke(self, ctx: click.Context):
        """Run the subcommand; a workbench or OS error becomes its message and exit code."""
        from workbench.errors import WorkbenchError

        try:
            return super().invoke(ctx)
        except (WorkbenchError, OSError) as e:
            ctx.exit(report_error(e))

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        rows = [(name, help_) for name, (_, _, help_) in COMMANDS.items()]
        with formatter.section("Perintah"):
            formatter.write_dl(rows)


def report_error(e: WorkbenchError | OSError) -> int:
    """Print a workbench or OS error in Indonesian on stderr; return its exit code."""
    from workbench.errors import WorkbenchError

    if isinstance(e, WorkbenchError):
        message, code = e.message, e.exit_code
    else:
        message, code = os_error_message(e)
    click.echo(f"Galat: {message}", err=True)
    return code


CONTEXT_SETTINGS = {"help_option_names": ["-h", "--help"], "max_content_width": 100}


@click.group(cls=LazyGroup, context_settings=CONTEXT_SETTINGS)
@click.version_option(
    package_name="kpu-workbench",
    message="workbench %(version)s",
    help="Tampilkan versi lalu keluar.",
)
def cli() -> None:
    """Workbench pelaporan KPU: notula rapat koordinasi, daftar hadir,
    dan evaluasi Bakohumas, dari data kehadiran dan laporan triwulan.

    Jalankan `workbench PERINTAH --help` untuk bantuan tiap perintah.
    """


def main(argv: list[str] | None = None) -> None:
    """Entry point: run the CLI, turning workbench and OS errors into messages and exit codes."""
    with visible_output():  # the messages below too (a usage error names its argument)
        _main(argv)


def _main(argv: list[str] | None) -> None:
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
    except (WorkbenchError, OSError) as e:
        # OSError: e.g. --out under a regular file, a read-only folder, a full disk, a locked file.
        sys.exit(report_error(e))
    except click.exceptions.Exit as e:
        sys.exit(e.exit_code)
    else:
        sys.exit(rv if isinstance(rv, int) else 0)
