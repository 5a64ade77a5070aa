"""The photo check (Standar Foto, ``workbench/standar/foto/``) as the app uses it: the ONE
module of ``workbench.app`` importing the photo code, so moving that code is a change here
only."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Sequence

from workbench.standar.foto.check import FLAG_WORDS, flag_text
from workbench.standar.foto.job import THUMB_SIDE, check_files
from workbench.standar.foto.run import run_photos

__all__ = ["PhotoRow", "check_photos", "check_folder", "FLAG_WORDS"]


@dataclass(frozen=True)
class PhotoRow:
    """One uploaded photo as the Foto step shows it."""

    berkas: str
    thumb: bytes  # JPEG, long side THUMB_SIDE
    acara: str  # the agenda item it falls under ("" without a rundown time)
    masalah: tuple[str, ...]  # Standar Foto flags in words (FLAG_WORDS)
    alasan: str  # flag_text: each flag with its measure and limit
    waktu: str  # when it was taken, "" when unknown


def check_photos(paths: Sequence[Path], meeting=None) -> list[PhotoRow]:
    """Check ``paths`` against the Standar Foto, placed on ``meeting``'s rundown when
    given (InputError for an unreadable photo, naming it)."""
    agenda = meeting.rapat.agenda if meeting is not None else []
    times = [a.waktu for a in agenda]
    date = meeting.rapat.tanggal if meeting is not None else None
    names = [p.name for p in paths]
    rows, thumbs = check_files(list(paths), names, times, date, max_side=THUMB_SIDE)
    return [
        PhotoRow(
            berkas=r.berkas,
            thumb=t,
            acara=agenda[r.acara].uraian if r.acara is not None else "",
            masalah=tuple(FLAG_WORDS.get(m, m) for m in r.masalah),
            alasan=flag_text(r),
            waktu=r.waktu_ambil.strftime("%H.%M") if r.waktu_ambil else "",
        )
        for r, t in zip(rows, thumbs)
    ]


def check_folder(folder: Path, *, record: Path | None, meeting, out_dir: Path, pdf: bool):
    """``workbench photos FOLDER --record RECORD`` (``run_photos``): the photo check written
    where the CLI writes it (``out_dir/<meeting folder>/periksa-foto/`` with a record, else
    ``out_dir/foto/<folder name>-<hash>/``); ``meeting`` is the record as already read."""
    from workbench.rakor.job import output_folder_name

    return run_photos(
        folder,
        record=record,
        rundown=meeting if record else None,
        out_dir=out_dir,
        pdf=pdf,
        meeting_folder=output_folder_name(meeting) if record and meeting is not None else None,
    )
