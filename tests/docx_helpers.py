"""Reading rendered DOCX back in tests (not a test module)."""

from __future__ import annotations

from pathlib import Path


def docx_text(path: Path) -> str:
    """All text of a DOCX: body paragraphs and every table cell (nested too), one per line."""
    from docx import Document

    doc = Document(str(path))
    parts = [p.text for p in doc.paragraphs]

    def tables(ts):
        for t in ts:
            for row in t.rows:
                for cell in row.cells:
                    parts.extend(p.text for p in cell.paragraphs)
                    tables(cell.tables)

    tables(doc.tables)
    return "\n".join(parts)


def table_rows(path: Path) -> list[list[str]]:
    """Every row of every top-level table, as stripped cell texts."""
    from docx import Document

    doc = Document(str(path))
    return [[c.text.strip() for c in row.cells] for t in doc.tables for row in t.rows]
