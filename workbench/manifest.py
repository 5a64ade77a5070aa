"""``manifest.json``: what a run read, what it wrote, with which settings.

Inputs and outputs are listed with their sha256 so a report can be traced
back to the exact files it came from.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import platform
from importlib import metadata
from pathlib import Path
from typing import Any, Iterable, Mapping

from workbench.atomic import STALE_MARKER, write_text

PACKAGES = (
    "kpu-workbench",
    "papermill",
    "nbclient",
    "ipykernel",
    "pandas",
    "matplotlib",
    "python-docx",
    "docxtpl",
    "babel",
    "pydantic",
    "openpyxl",
    "rapidfuzz",
)


def sha256_file(path: str | Path, chunk: int = 1 << 20) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        while block := f.read(chunk):
            h.update(block)
    return h.hexdigest()


def file_entry(path: Path, base: Path | None = None) -> dict[str, Any]:
    path = Path(path)
    name = str(path.relative_to(base)) if base else str(path)
    return {"path": name, "sha256": sha256_file(path), "bytes": path.stat().st_size}


def package_versions(names: Iterable[str] = PACKAGES) -> dict[str, str]:
    versions = {"python": platform.python_version()}
    for name in names:
        try:
            versions[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            versions[name] = "tidak terpasang"
    return versions


def _jsonable(value: Any) -> Any:
    if isinstance(value, (dt.date, dt.time, Path)):
        return str(value)
    if isinstance(value, dict):
        return {k: _jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_jsonable(v) for v in value]
    return value


def build_manifest(
    *,
    command: str,
    inputs: Iterable[Path],
    output_dir: Path,
    parameters: dict[str, Any],
    timings: dict[str, float],
    extra: Mapping[str, Any] | None = None,
) -> dict[str, Any]:
    """Describe a finished run; outputs are every file now in ``output_dir``. ``extra``:
    entries a run adds about its inputs (e.g. ``laporan_rapat``, the meetings named by
    attendance reports)."""
    outputs = sorted(
        p
        for p in Path(output_dir).rglob("*")
        if p.is_file() and not p.is_symlink() and p.name not in ("manifest.json", STALE_MARKER)
    )
    return {
        "perintah": command,
        "dibuat": dt.datetime.now(dt.timezone.utc).astimezone().isoformat(timespec="seconds"),
        "masukan": [file_entry(Path(p)) for p in inputs],
        "keluaran": [file_entry(p, Path(output_dir)) for p in outputs],
        "parameter": _jsonable(parameters),
        "versi": package_versions(),
        "waktu_detik": {k: round(v, 3) for k, v in timings.items()},
        **(extra or {}),
    }


def write_manifest(output_dir: Path, **kwargs) -> Path:
    manifest = build_manifest(output_dir=output_dir, **kwargs)
    target = Path(output_dir) / "manifest.json"
    write_text(target, json.dumps(manifest, indent=2, ensure_ascii=False) + "\n")
    return target


def build_manifest_of(
    outputs: Iterable[Path],
    *,
    command: str,
    inputs: Iterable[Path],
    output_dir: Path,
    parameters: dict[str, Any],
    timings: dict[str, float] | None = None,
) -> dict[str, Any]:
    """Like :func:`build_manifest`, listing only ``outputs`` (the files this run wrote), not
    everything in ``output_dir``: a notebook run in JupyterLab into a folder that holds other
    runs' files (``satker/``, an earlier run's notebook) claims only its own."""
    base = Path(output_dir)
    return {
        "perintah": command,
        "dibuat": dt.datetime.now(dt.timezone.utc).astimezone().isoformat(timespec="seconds"),
        "masukan": [file_entry(Path(p)) for p in inputs],
        "keluaran": [file_entry(Path(p), base) for p in sorted(set(map(Path, outputs)))],
        "parameter": _jsonable(parameters),
        "versi": package_versions(),
        "waktu_detik": {k: round(v, 3) for k, v in (timings or {}).items()},
    }


def write_manifest_of(output_dir: Path, outputs: Iterable[Path], **kwargs) -> Path:
    """Write ``output_dir/manifest.json`` listing ``outputs`` only (see
    :func:`build_manifest_of`); returns its path."""
    manifest = build_manifest_of(outputs, output_dir=output_dir, **kwargs)
    target = Path(output_dir) / "manifest.json"
    write_text(target, json.dumps(manifest, indent=2, ensure_ascii=False) + "\n")
    return target


#: The ``manifest.json`` key naming the input a folder was made from (see :func:`check_owner`).
OWNER_KEY = "sumber"


def owner(source: str | Path, identity: str | None = None) -> dict[str, str]:
    """What made an output folder, for ``manifest.json`` (:data:`OWNER_KEY`): the input's
    resolved path (``berkas``) and, when given, what it is about (``identitas``, e.g. the
    meeting's date and full title), so a moved or renamed record still owns its folder."""
    return {"berkas": str(source), **({"identitas": identity} if identity else {})}


def check_owner(folder: Path, mine: Mapping[str, str]) -> None:
    """Refuse (``InputError``, exit 2) to replace ``folder`` when its ``manifest.json`` says
    another input made it: neither the same file (``berkas``) nor the same identity
    (``identitas``). Two meetings of one date whose titles share the first 60 slug
    characters get one folder name; the second must not silently replace the first.

    A folder without a manifest, or with one naming no owner (older runs), is replaced.
    """
    from workbench.errors import InputError

    try:
        theirs = json.loads((Path(folder) / "manifest.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return
    theirs = theirs.get(OWNER_KEY) if isinstance(theirs, dict) else None
    if not isinstance(theirs, dict) or not theirs:
        return
    same = any(theirs.get(k) is not None and theirs.get(k) == mine.get(k) for k in mine)
    if same:
        return
    raise InputError(
        f"folder keluaran {folder} sudah berisi hasil dari masukan lain "
        f"({_owner_text(theirs)}); masukan ini ({_owner_text(mine)}) akan menimpanya.",
        file=folder,
        fix="Tulis ke folder lain (--out), atau bedakan judul rapat dalam 60 huruf pertama; "
        "bila folder lama memang tidak diperlukan lagi, hapus dulu folder itu.",
    )


def _owner_text(entry: Mapping[str, object]) -> str:
    return ", ".join(str(entry[k]) for k in ("berkas", "identitas") if entry.get(k))
