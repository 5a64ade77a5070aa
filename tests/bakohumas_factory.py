"""Hand-made quarterly-report rows for the Bakohumas tests (not a test module)."""

from __future__ import annotations

import datetime as dt

import pandas as pd

from workbench.bakohumas.reader import to_frame

DEFAULTS = dict(
    siaran_pers=5,
    berita_website=10,
    unggahan_medsos=50,
    livestream=2,
    foto_dokumentasi=100,
    rapat_koordinasi=3,
    kegiatan_non_anggaran=1,
    sdm_pelaksana=4,
    sdm_terlatih=2,
    anggaran=10_000_000.0,
    realisasi_anggaran=8_000_000.0,
    sarana_memadai=True,
    uraian_kegiatan="Menyelenggarakan sosialisasi pendidikan pemilih bagi pemilih pemula.",
    kendala="",
)


def row(kode: str, tw: int, sent: dt.date | None, tahun: int = 2025, **values) -> dict:
    """One report row; ``sent=None`` means not submitted."""
    return {
        "kode_satker": kode,
        "tahun": tahun,
        "triwulan": tw,
        "tanggal_kirim": sent,
        **DEFAULTS,
        **values,
    }


def frame(*rows: dict) -> pd.DataFrame:
    """The rows as the reader returns them (schema dtypes)."""
    records = [{**r, "_baris": i + 2} for i, r in enumerate(rows)]
    return to_frame(records).drop(columns="_baris")


HEADER = (
    "kode_satker,tahun,triwulan,tanggal_kirim,siaran_pers,berita_website,unggahan_medsos,"
    "livestream,foto_dokumentasi,rapat_koordinasi,kegiatan_non_anggaran,sdm_pelaksana,"
    "sdm_terlatih,anggaran,realisasi_anggaran,sarana_memadai,uraian_kegiatan,kendala"
)
GOOD = "35.28,2025,2,08/07/2025,3,10,50,1,100,2,1,4,2,1500000,1000000,ya,Sosialisasi,"
