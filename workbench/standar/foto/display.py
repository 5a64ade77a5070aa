"""Notebook display helpers of the photo check (``notebooks/foto_kegiatan.ipynb``)."""

from __future__ import annotations

from workbench.html_table import HtmlTable

#: Highlight of a flagged row (the same as the rakor notebook's tables).
FLAG_STYLE = "background-color: #ffe8b3; color: #000"
#: Column headers the notebook (and its HTML twin) shows.
LABELS = {
    "berkas": "Berkas",
    "ukuran": "Ukuran (piksel)",
    "waktu_ambil": "Waktu pengambilan",
    "acara": "Acara",
    "ketajaman": "Ketajaman (di bawah 100: kabur)",
    "kecerahan": "Kecerahan (0 gelap – 255 terang)",
    "masalah": "Masalah",
}


def photo_check_view(result):
    """The photo check (``notebooks/foto_kegiatan.ipynb``) as a table, flagged photos first
    and highlighted, with the flags and reasons in Indonesian."""
    import pandas as pd

    from workbench.standar.foto.check import flag_text

    agenda = result.meeting.rapat.agenda if result.meeting else []
    frame = pd.DataFrame(
        [
            {
                "berkas": r.berkas,
                "ukuran": f"{r.lebar}×{r.tinggi}",
                "waktu_ambil": r.waktu_ambil,
                "sumber_waktu": r.sumber_waktu,
                "acara": agenda[r.acara].uraian if r.acara is not None else "",
                "ketajaman": round(r.ketajaman, 1),
                "kecerahan": round(r.kecerahan, 1),
                "masalah": flag_text(r),
            }
            for r in result.rows
        ]
    )
    if frame.empty:
        return frame
    frame = frame.sort_values("masalah", key=lambda s: s == "", kind="stable")
    flagged = frame["masalah"] != ""
    shown = frame.rename(columns=LABELS)  # Indonesian headers, not code names
    return HtmlTable(shown, highlight=flagged.tolist(), row_style=FLAG_STYLE, index=False)
