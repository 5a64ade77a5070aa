"""``workbench livestream`` through the CLI: bad input is an Indonesian message, exit 2,
nothing written, and no kernel started (the notebook's own run is in test_notebooks.py)."""

from __future__ import annotations

import pytest

from workbench.cli import main


def run(capsys, *args: str) -> tuple[int, str, str]:
    with pytest.raises(SystemExit) as info:
        main(list(args))
    captured = capsys.readouterr()
    return info.value.code, captured.out, captured.err


def test_help_is_indonesian(capsys):
    code, out, _ = run(capsys, "livestream", "--help")
    assert code == 0
    assert "Livestream" in out and "Perbaikan" not in out and "--record" in out and "--cover" in out


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"bukan video sama sekali", "bukan rekaman video"),
        (
            b"\x00\x00\x00\x18ftypisom\x00\x00\x02\x00isomiso2" + b"\x00\x10\x00\x00mdat",
            "terpotong",
        ),
    ],
    ids=["bukan-video", "mp4-terpotong"],
)
def test_bad_recording_exits_2_and_writes_nothing(tmp_path, capsys, content, message):
    video = tmp_path / "rekaman.mp4"
    video.write_bytes(content)
    out = tmp_path / "hasil"
    code, stdout, err = run(capsys, "livestream", str(video), "--out", str(out))
    assert code == 2
    assert message in err and "Perbaikan:" in err and "Traceback" not in err
    assert not out.exists()


def test_missing_record_exits_2(tmp_path, capsys):
    video = tmp_path / "rekaman.mp4"
    video.write_bytes(b"x")
    code, _, err = run(
        capsys, "livestream", str(video), "--record", str(tmp_path / "tidak-ada.yaml")
    )
    assert code == 2 and "tidak-ada.yaml" in err
