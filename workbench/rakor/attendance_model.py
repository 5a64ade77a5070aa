"""The attendance table contract.

Every reader returns, and :func:`workbench.rakor.merge.merge_attendance`
returns, a pandas DataFrame with exactly :data:`COLUMNS` (one row per person).
"""

from __future__ import annotations

STATUSES: tuple[str, ...] = (
    "Hadir",
    "Hadir (daring)",
    "Izin",
    "Sakit",
    "Dinas Luar",
    "Tanpa Keterangan",
)

#: Statuses that count as present.
PRESENT = frozenset({"Hadir", "Hadir (daring)"})

COLUMNS: tuple[str, ...] = (
    "nama",  # str, display name as it goes on the daftar hadir
    "jabatan",  # str ("" when unknown)
    "instansi",  # str ("" when unknown)
    "status",  # one of STATUSES
    "keterangan",  # str, free text ("" when none); the reader may add e.g. "bergabung 32 menit"
    "durasi_menit",  # float, summed Zoom duration; NaN for roster rows
    "persen_hadir",  # float 0-100, share of the meeting attended (Zoom); NaN otherwise
    "kurang_durasi",  # bool, True when persen_hadir is below the minimum share
    "sumber",  # str, the file name the row came from
)


SHARED_LOGIN_NOTE = "akun Zoom bersama"
