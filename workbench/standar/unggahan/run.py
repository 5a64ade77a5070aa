"""``workbench posts`` as one library call: :func:`run_posts` (Standar Media Sosial).

log -> :func:`workbench.standar.unggahan.reader.read_posts` -> the pure check
:func:`workbench.standar.unggahan.check.check_posts` ->
:func:`workbench.standar.unggahan.output.write_check`, into ``DIR/unggahan/`` (staged, then
swapped in whole). No notebook: the check is small and runs in-process.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Sequence

from workbench.atomic import output_path
from workbench.paths import REPORTS_DIR
from workbench.standar.unggahan.exports import ExportContext


@dataclass(frozen=True)
class PostsRun:
    """What :func:`run_posts` made."""

    folder: Path  # DIR/unggahan/
    checked: int  # findings (one per KPU account, event and platform)
    violations: dict[str, int]  # finding -> count, for the findings that break the standard
    notes: tuple[str, ...] = ()  # one Indonesian line per native export read

    @property
    def files(self) -> list[str]:
        """The names in :attr:`folder`, sorted."""
        return sorted(p.name for p in self.folder.iterdir())


def run_posts(
    posts: str | Path | Sequence[str | Path],
    *,
    out_dir: str | Path | None = None,
    context: ExportContext | None = None,
    satker: str | None = None,
    pdf: bool = False,
    tanggal_surat=None,
) -> PostsRun:
    """Check posting logs against the Standar Media Sosial: ``out_dir/unggahan/`` (default
    ``reports/``) gets periksa-unggahan.csv, ringkasan-unggahan.docx and manifest.json,
    replaced whole.

    ``posts``: one file or several, each a hand-made posting log or a native export
    (X Analytics, Facebook Insights, Meta Business Suite, YouTube Studio); ``context``
    gives what the exports lack (event, its date, owner, account, time zone). ``satker`` (a
    BPS code) gives the document its kop and signature block, dated ``tanggal_surat``
    (default today); ``pdf`` also writes its PDF (LibreOffice, checked first).

    Raises
    ------
    InputError
        A bad row (unreadable date or time, unknown platform or owner, missing account),
        naming row and column; nothing is written.
    """
    import time

    from workbench.atomic import staged_dir
    from workbench.manifest import write_manifest
    from workbench.paths import resolve_from_project
    from workbench.pdf import pdf_export
    from workbench.standar.unggahan.check import VIOLATIONS, check_posts
    from workbench.standar.unggahan.output import DOCX_NAME, write_check
    from workbench.standar.unggahan.reader import read_logs

    export_pdf = pdf_export(pdf, DOCX_NAME)
    if satker:
        from workbench.wilayah import get_office

        get_office(satker)  # an unknown code is bad input before anything is read
    t0 = time.perf_counter()
    given = [posts] if isinstance(posts, (str, Path)) else list(posts)
    paths = [resolve_from_project(p) for p in given]
    read, notes = read_logs(paths, context)
    findings = check_posts(read)  # validated before anything is written
    target = output_path(out_dir or REPORTS_DIR, "unggahan")  # a linked unggahan/: exit 2
    with staged_dir(target) as stage:
        write_check(
            findings,
            stage,
            source=", ".join(p.name for p in paths),
            satker=satker,
            when=tanggal_surat,
        )
        export_pdf(stage)
        ctx = context or ExportContext()
        write_manifest(
            stage,
            command="posts",
            inputs=paths,
            parameters={
                "posts": [str(p) for p in paths],
                "out_dir": str(target),
                "satker": satker or "",
                "pdf": pdf,
                **(
                    {
                        "acara": ctx.acara,
                        "tanggal": ctx.tanggal.isoformat() if ctx.tanggal else "",
                        "pemilik": ctx.pemilik,
                        "akun": ctx.akun,
                        "zona": ctx.zona,
                    }
                    if notes
                    else {}
                ),
            },
            timings={"periksa": time.perf_counter() - t0},
        )
    violations: dict[str, int] = {}
    for f in findings:
        if f.temuan in VIOLATIONS:
            violations[f.temuan] = violations.get(f.temuan, 0) + 1
    return PostsRun(target, len(findings), violations, tuple(notes))
