"""packaging/icu_trim.py: which ICU data items the bundle keeps (the build step itself is checked
by `kiosk self-test` on the bundle: collation in zh, ja and es)."""

from __future__ import annotations

import importlib.util
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
_spec = importlib.util.spec_from_file_location("icu_trim", ROOT / "packaging" / "icu_trim.py")
assert _spec is not None and _spec.loader is not None
icu_trim = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(icu_trim)

LANGS = {"en", "zh", "ko", "ja", "fr", "es", "de", "ru", "ar", "hi"}


@pytest.mark.parametrize(
    "item",
    ["coll/zh.res", "coll/zh_Hant.res", "coll/root.res", "coll/ucadata.icu", "coll/res_index.res",
     "ja.res", "ar_SA.res", "zone/fr.res", "region/hi.res", "root.res", "pool.res", "zone/pool.res",
     "supplementalData.res", "zoneinfo64.res", "metaZones.res", "nfkc.nrm", "cnvalias.icu",
     "likelySubtags.res", "plurals.res"],
)  # fmt: skip
def test_kept(item: str) -> None:
    assert icu_trim.keep_item(item, LANGS)


@pytest.mark.parametrize(
    "item",
    ["coll/sv.res", "sv_SE.res", "yue.res", "zone/th.res", "ibm-1047_P100-1995.cnv", "gb18030.cnv",
     "brkitr/cjdict.dict", "brkitr/root.res", "translit/root.res", "rbnf/en.res", "unames.icu",
     "confusables.cfu"],
)  # fmt: skip
def test_dropped(item: str) -> None:
    assert not icu_trim.keep_item(item, LANGS)


def _icu_data() -> Path:
    import PySide6

    found = sorted((Path(PySide6.__file__).parent / "Qt" / "lib").glob("libicudata.so.*"))
    if not found:
        pytest.skip("this PySide6 wheel has no ICU of its own (Windows, macOS)")
    return found[0]


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the trim is a Linux build step")
def test_trimmed_library_sorts_kiosk_languages_and_is_small(tmp_path: Path) -> None:
    source = _icu_data()
    out = icu_trim.trim(source, LANGS, tmp_path)
    assert out.name == source.name
    assert out.stat().st_size < source.stat().st_size / 3
    # Qt loads the trimmed data (LD_LIBRARY_PATH comes before the wheel's $ORIGIN run path).
    # Shift_JIS is one of the dropped legacy codecs: invalid only when the trimmed data is loaded.
    probe = (
        "from kiosk.qt.selftest_visit import check_collation; print(check_collation());"
        "from PySide6.QtCore import QStringDecoder as D; print('sjis', D('Shift_JIS').isValid())"
    )
    env = {"LD_LIBRARY_PATH": str(out.parent), "PATH": "/usr/bin:/bin"}
    done = subprocess.run([sys.executable, "-c", probe], env=env, capture_output=True, text=True,
                          cwd=ROOT, timeout=60)  # fmt: skip
    assert done.returncode == 0, done.stderr[-2000:]
    assert "sort as their readers expect" in done.stdout
    assert "sjis False" in done.stdout


def test_missing_tool_is_named(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    real = shutil.which
    monkeypatch.setattr(icu_trim.shutil, "which", lambda tool: None if tool == "icupkg" else real(tool))
    with pytest.raises(icu_trim.TrimError, match="icu-devtools"):
        icu_trim.trim(tmp_path / "libicudata.so.73", LANGS, tmp_path)
