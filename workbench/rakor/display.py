"""What ``notebooks/rakor_minutes.ipynb`` shows: the attendance table, flagged rows first.

A row needs the analyst's attention when the person stayed less than the minimum share of
the meeting (``kurang_durasi``) or joined through a shared Zoom account (the merge could not
tell who sat behind it; ``keterangan`` says so). Those rows come first, highlighted, with the
reason in a column ``perhatian``; the whole table is shown, not the first and last five rows.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from workbench.html_table import HtmlTable
from workbench.rakor.attendance_model import SHARED_LOGIN_NOTE

if TYPE_CHECKING:
    import pandas as pd

#: Background of a flagged row (a light amber that stays readable in Lab's dark theme too).
FLAG_STYLE = "background-color: #ffe8b3; color: #000"
SHORT_STAY, SHARED_LOGIN = "hadir kurang dari batas", "akun Zoom bersama: periksa identitas"


def attention(table: "pd.DataFrame") -> "pd.Series":
    """Why each row needs attention ('' when it does not), aligned with ``table``."""
    short = table["kurang_durasi"].astype(bool)
    shared = table["keterangan"].astype(str).str.contains(SHARED_LOGIN_NOTE, regex=False)
    reasons = [
        ", ".join(r for r, on in ((SHORT_STAY, s), (SHARED_LOGIN, z)) if on)
        for s, z in zip(short, shared)
    ]
    import pandas as pd

    return pd.Series(reasons, index=table.index, name="perhatian", dtype=object)


def flagged_first(table: "pd.DataFrame") -> "pd.DataFrame":
    """``table`` with a ``perhatian`` column first and flagged rows on top (order otherwise
    kept), numbered from 1 as on the daftar hadir."""
    reasons = attention(table)
    out = table.assign(perhatian=reasons)[["perhatian", *table.columns]]
    out = out.iloc[(reasons == "").to_numpy().argsort(kind="stable")].reset_index(drop=True)
    out.index = out.index + 1
    return out


#: Column headers the notebook (and its HTML twin) shows instead of the code names.
LABELS: dict[str, str] = {
    "perhatian": "Perhatian",
    "nama": "Nama",
    "jabatan": "Jabatan",
    "instansi": "Instansi",
    "status": "Status",
    "keterangan": "Keterangan",
    "durasi_menit": "Durasi (menit)",
    "persen_hadir": "Hadir (% waktu rapat)",
    "kurang_durasi": "Kurang durasi",
    "sumber": "Sumber",
}


def labelled(view: "pd.DataFrame") -> "pd.DataFrame":
    """``view`` as a reader sees it: Indonesian column headers (:data:`LABELS`) and yes/no
    columns as 'Ya'/'Tidak' instead of True/False."""
    out = view.copy()
    for column in out.columns:
        if out[column].dtype == bool:
            out[column] = out[column].map({True: "Ya", False: "Tidak"})
    return out.rename(columns=LABELS)


def attendance_view(table: "pd.DataFrame"):
    """The attendance table for the notebook: flagged rows first and highlighted, every row
    shown (escaped HTML: :class:`workbench.html_table.HtmlTable`), with Indonesian headers and
    Ya/Tidak (:func:`labelled`)."""
    view = flagged_first(table)
    flagged = (view["perhatian"] != "").to_numpy()
    shown = labelled(view)
    styled = HtmlTable(
        shown,
        highlight=flagged,
        row_style=FLAG_STYLE,
        caption=summary(view),
        digits={LABELS["durasi_menit"]: 0, LABELS["persen_hadir"]: 0},
    )
    return AttendanceView(styled, shown, notes(table), summary(view))


def notes(table: "pd.DataFrame") -> list[str]:
    """What the readers decided on their own (``attrs['peringatan']``) and the rows that are
    probably one person (``attrs['tinjau']``, numbered as on the daftar hadir), one line each."""
    lines = [f"Peringatan: {w}" for w in table.attrs.get("peringatan", [])]
    review = table.attrs.get("tinjau", [])
    if review:
        lines.append(
            f"Perlu diperiksa: {len(review)} pasang peserta mungkin orang yang sama "
            "(nama mirip, instansi sama; tidak digabung):"
        )
        lines += [
            f"  baris {p['baris'][0]} '{p['nama'][0]}' dan baris {p['baris'][1]} "
            f"'{p['nama'][1]}' ({p['instansi']})"
            for p in review
        ]
    return lines


class AttendanceView:
    """The styled table in Lab (HTML), the plain table in a text rendering; the notes
    (:func:`notes`) above it."""

    def __init__(
        self,
        styled,
        frame: "pd.DataFrame",
        lines: list[str] | None = None,
        caption: str = "",
    ):
        self.styled, self.frame, self.lines = styled, frame, lines or []
        self.caption = caption

    def _repr_html_(self) -> str:
        from html import escape

        head = "".join(f"<p>{escape(line)}</p>" for line in self.lines)
        return head + self.styled._repr_html_()

    def __repr__(self) -> str:
        return "\n".join([*self.lines, self.caption, self.frame.to_string()])


def summary(view: "pd.DataFrame") -> str:
    """'8 dari 87 peserta perlu diperiksa (ditandai, di atas): ...'."""
    n, reasons = len(view), view["perhatian"]
    counts = [
        f"{label} {int(reasons.str.contains(label, regex=False).sum())}"
        for label in (SHORT_STAY, SHARED_LOGIN)
    ]
    flagged = int((reasons != "").sum())
    return f"{flagged} dari {n} peserta perlu diperiksa (ditandai, di atas): " + "; ".join(counts)
