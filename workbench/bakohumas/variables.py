"""Template variables the Bakohumas documents supply (for ``workbench templates check``).

Kept apart from :mod:`workbench.bakohumas.report` so that checking a template does
not import pandas; ``tests/test_bakohumas_report.py`` asserts these sets equal the
keys of the report contexts.
"""

from __future__ import annotations

#: Variables of ``templates/evaluasi-provinsi.docx`` a template may leave out without a warning.
PROVINCE_OPTIONAL = frozenset(
    {
        "kop_alamat",
        "periode",
        "peringkat_pengantar",
        "peringkat_catatan",
        "penutup",
        "lampiran_temuan",
    }
)
#: Top-level variables of ``templates/evaluasi-provinsi.docx``: the optional ones and these.
PROVINCE_VARIABLES = PROVINCE_OPTIONAL | {
    "kop",
    "judul",
    "ringkasan",
    "temuan",
    "peringkat",
    "grafik",
    "rekomendasi",
    "ttd",
}

#: Variables of ``templates/laporan-satker.docx`` a template may leave out without a warning.
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
#: Top-level variables of ``templates/laporan-satker.docx``: the optional ones and these.
OFFICE_VARIABLES = OFFICE_OPTIONAL | {
    "kop",
    "kartu",
    "indikator",
    "grafik",
    "tren",
    "temuan",
    "rekomendasi",
    "ttd",
}
