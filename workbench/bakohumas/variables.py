"""Template variables the Bakohumas documents supply (for ``workbench templates check``).

Kept apart from :mod:`workbench.bakohumas.report` so that checking a template does
not import pandas; ``tests/test_bakohumas_report.py`` asserts these sets equal the
keys of the report contexts.
"""

from __future__ import annotations

#: Top-level variables of ``templates/evaluasi-provinsi.docx``.
PROVINCE_VARIABLES = frozenset(
    {
        "kop",
        "kop_alamat",
        "judul",
        "periode",
        "ringkasan",
        "temuan",
        "peringkat_pengantar",
        "peringkat",
        "grafik",
        "rekomendasi",
        "penutup",
        "ttd",
    }
)
#: Of which a template may leave these out without a warning.
PROVINCE_OPTIONAL = frozenset({"kop_alamat", "periode", "peringkat_pengantar", "penutup"})

#: Top-level variables of ``templates/laporan-satker.docx``.
OFFICE_VARIABLES = frozenset(
    {
        "kop",
        "kop_alamat",
        "judul",
        "satker_judul",
        "periode_judul",
        "judul_lengkap",
        "satker",
        "periode",
        "pengantar",
        "kartu",
        "indikator",
        "grafik",
        "tren",
        "temuan",
        "rekomendasi",
        "penutup",
        "ttd",
    }
)
OFFICE_OPTIONAL = frozenset(
    {
        "kop_alamat",
        "judul",
        "satker_judul",
        "periode_judul",
        "judul_lengkap",
        "satker",
        "periode",
        "pengantar",
        "penutup",
    }
)
