"""``workbench posts`` as one library call: :func:`run_posts` (Standar Media Sosial).

log -> :func:`workbench.standar.unggahan.reader.read_posts` -> the pure check
:func:`workbench.standar.unggahan.check.check_posts` ->
:func:`workbench.standar.unggahan.output.write_check`, into ``DIR/unggahan/`` (staged, then
swapped in whole). No notebook: the check is small and runs in-process.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from workbench.paths import REPORTS_DIR


@dataclass(frozen=True)
class PostsRun:
    """What :func:`run_posts` made."""

    folder: Path  # DIR/unggahan/
    checked: int  # findings (one per KPU account, event and platform)
    violations: dict[str, int]  # finding -> count, for the findings that break the standard

    @property
    def files(self) -> list[str]:
        """The names in :attr:`folder`, sorted."""
        return sorted(p.name for p in self.folder.iterdir())


def run_posts(
    posts: str | Path,
    *,
    out_dir: str | Path | None = None,
    satker: str | None = None,
    pdf: bool = False,
    tanggal=None,
) -> PostsRun:
    """Check a posting log against the Standar Media Sosial: ``out_dir/unggahan/`` (default
    ``reports/``) gets periksa-unggahan.csv, ringkasan-unggahan.docx (with ``pdf`` also its
    PDF, LibreOffice checked first) and manifest.json, replaced whole. ``satker`` (a BPS
    code) gives the document its kop and signature block, dated ``tanggal`` (default today).

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
    from workbench.standar.unggahan.reader import read_posts

    export_pdf = pdf_export(pdf, DOCX_NAME)
    if satker:
        from workbench.wilayah import get_office

        get_office(satker)  # an unknown code is bad input before anything is read
    t0 = time.perf_counter()
    path = resolve_from_project(posts)
    findings = check_posts(read_posts(path))  # validated before anything is written
    target = Path(out_dir or REPORTS_DIR).resolve() / "unggahan"
    with staged_dir(target) as stage:
        write_check(findings, stage, source=path.name, satker=satker, when=tanggal)
        export_pdf(stage)
        write_manifest(
            stage,
            command="posts",
            inputs=[path],
            parameters={
                "posts": str(path),
                "out_dir": str(target),
                "satker": satker or "",
                "pdf": pdf,
            },
            timings={"periksa": time.perf_counter() - t0},
        )
    violations: dict[str, int] = {}
    for f in findings:
        if f.temuan in VIOLATIONS:
            violations[f.temuan] = violations.get(f.temuan, 0) + 1
    return PostsRun(target, len(findings), violations)


def parse_tanggal_option(value: str | None):
    """``--tanggal`` as a date (None when not given); a text that is no date is bad input."""
    if not value or not str(value).strip():
        return None
    from workbench.dates import parse_tanggal
    from workbench.errors import InputError

    parsed = parse_tanggal(value)
    if parsed is None:
        raise InputError(
            f"tanggal '{value}' bukan tanggal",
            field="--tanggal",
            fix="tulis tanggal seperti 21/07/2025, 21 Juli 2025, atau 2025-07-21",
        )
    return parsed
