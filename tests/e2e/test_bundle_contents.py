"""The frozen bundle's contents: within its size budget, without the parts left out on purpose,
and saying so clearly when asked for one of them (docs/deploy.md)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.e2e.conftest import BUNDLE

# Bytes on disk (`du -sb dist/kiosk`): a guard against regressions, not the target. Issue 15 asks
# for <= 150 MB; with issue 17's camera the bundle was 190.5 MB; Pillow on Debian's libraries, the
# face model in numpy, the V4L2 camera, PyNaCl and leaving out the QtQuick/QtOpenGL bindings took
# it to 136.8 MB (measured, docs/deploy.md). The guard is that + ~2.7 MB.
SIZE_BUDGET = 139_500_000


def _bundle() -> Path:
    if not BUNDLE.is_file():  # fail, never skip: `make test` builds it first
        pytest.fail(f"{BUNDLE} is missing: run `make package`")
    return BUNDLE.parent


def _files(folder: Path) -> list[Path]:
    return [p for p in folder.rglob("*") if p.is_file() and not p.is_symlink()]


def test_bundle_is_within_its_size_budget() -> None:
    total = sum(p.stat().st_size for p in _files(_bundle()))
    assert total <= SIZE_BUDGET, f"bundle is {total / 1e6:.1f} MB on disk (guard {SIZE_BUDGET / 1e6:.1f} MB)"


def test_bundle_leaves_out_widgets_print_support_and_the_staff_window() -> None:
    names = {p.name for p in _bundle().rglob("*")}
    for unwanted in ("libQt6Widgets.so.6", "libQt6PrintSupport.so.6", "QtWidgets.abi3.so",
                     "QtPrintSupport.abi3.so", "wqy-zenhei.ttc", "wqy-microhei.ttc"):  # fmt: skip
        assert unwanted not in names


def test_bundle_leaves_out_the_qtquick_and_opengl_bindings_but_keeps_qml_and_jpeg() -> None:
    names = {p.name for p in _bundle().rglob("*")}
    for unwanted in ("QtQuick.abi3.so", "QtOpenGL.abi3.so", "QtQuick.pyd", "QtOpenGL.pyd"):
        assert unwanted not in names  # Python bindings only: kiosk/qt/quick.py, kiosk.spec
    assert {"libQt6Quick.so.6", "Qt6Quick.dll"} & names, "Qt's own Qt Quick library stays"
    assert {"libqjpeg.so", "qjpeg.dll"} & names, "the camera preview and thumbnails are JPEG"


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="ICU is trimmed on Linux only")
def test_bundle_icu_data_is_trimmed() -> None:
    found = list(_bundle().rglob("libicudata.so.*"))
    assert found and all(p.stat().st_size < 10_000_000 for p in found if not p.is_symlink())


def test_staff_window_in_the_bundle_says_where_it_lives(tmp_path: Path) -> None:
    env = {**os.environ, "KIOSK_DATA_DIR": str(tmp_path), "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run([str(BUNDLE), "staff"], env=env, capture_output=True, text=True, timeout=60)
    assert done.returncode == 2, done.stderr[-2000:]
    assert "not part of the kiosk bundle" in done.stderr
    assert "Traceback" not in done.stderr


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="Debian's libraries: Linux only")
def test_bundle_leaves_debian_libraries_and_psycopg_binary_to_the_machine() -> None:
    from kiosk.system_libs import SYSTEM_LIBRARIES

    internal = _bundle() / "_internal"
    assert sorted({p.name for p in internal.iterdir()} & set(SYSTEM_LIBRARIES)) == []
    assert not (internal / "psycopg_binary").exists() and not (internal / "psycopg_binary.libs").exists()


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the V4L2 camera: Linux only")
def test_bundle_reads_the_camera_through_v4l2_without_qt_multimedias_ffmpeg_back_end() -> None:
    """kiosk.spec (V4L2_CAMERA): no FFmpeg, no multimedia plugin, no QtMultimedia binding; Qt's
    own multimedia library and QML module stay, the virtual keyboard needs them."""
    files = list(_bundle().rglob("*"))
    names = {p.name for p in files}
    ffmpeg = ("libav", "libsw", "libQt6FFmpegStub", "libffmpegmediaplugin")
    assert not [n for n in names if n.startswith(ffmpeg)]
    assert not [p for p in files if p.parent.name == "multimedia" and p.parent.parent.name == "plugins"]
    assert "QtMultimedia.abi3.so" not in names
    assert "libQt6Multimedia.so.6" in names and "libquickmultimediaplugin.so" in names


def test_bundle_runs_the_face_model_without_tflite() -> None:
    """BlazeFace runs in numpy from its .npz: no TFLite runtime, no .tflite copy (docs/photos.md)."""
    internal = _bundle() / "_internal"
    assert not (internal / "tflite_runtime").exists() and not (internal / "ai_edge_litert").exists()
    models = {p.name for p in (internal / "resources" / "models").iterdir()}
    assert "face_detection_short_range.npz" in models
    assert not [name for name in models if name.endswith(".tflite")]


def test_bundle_leaves_pypdfium2_and_openpyxl_to_the_staff_bundle() -> None:
    internal = _bundle() / "_internal"
    assert not (internal / "pypdfium2_raw").exists() and not (internal / "pypdfium2").exists()
    assert not list(internal.rglob("libpdfium*"))  # openpyxl: see the `forms import` test below


def _render_sample(tmp_path: Path, env: dict[str, str]) -> Path:
    import json

    from tests.core.helpers import FORM_ID, fresh_sample

    answers = tmp_path / "answers.json"
    answers.write_text(json.dumps(fresh_sample()), encoding="utf-8")
    pdf = tmp_path / "form.pdf"
    command = [str(BUNDLE), "render", "--form", FORM_ID, "--lang", "ko", "--data", str(answers)]
    command += ["--out", str(pdf)]
    done = subprocess.run(command, env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    return pdf


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="poppler-utils: Debian")
def test_verify_in_the_bundle_reads_a_printed_form_through_pdftoppm(tmp_path: Path) -> None:
    env = {**os.environ, "KIOSK_DATA_DIR": str(tmp_path / "data")}
    env.pop("KIOSK_CONFIG", None)
    pdf = _render_sample(tmp_path, env)
    done = subprocess.run([str(BUNDLE), "verify", str(pdf)], env=env, capture_output=True, text=True,
                          timeout=120)  # fmt: skip
    assert done.returncode == 0, done.stdout + done.stderr[-2000:]
    assert "verdict:   genuine" in done.stdout
    # Without poppler-utils on the PATH: a sentence naming the package, exit 2, no traceback.
    bare = {**env, "PATH": str(tmp_path)}
    done = subprocess.run([str(BUNDLE), "verify", str(pdf)], env=bare, capture_output=True, text=True,
                          timeout=120)  # fmt: skip
    assert done.returncode == 2 and "apt-get install poppler-utils" in done.stderr
    assert "Traceback" not in done.stderr


def test_forms_import_in_the_bundle_says_where_it_lives(tmp_path: Path) -> None:
    sheet = tmp_path / "survey.xlsx"
    sheet.write_bytes(b"PK\x03\x04 not read: the command stops before")
    env = {**os.environ, "KIOSK_DATA_DIR": str(tmp_path)}
    done = subprocess.run([str(BUNDLE), "forms", "import", str(sheet), "--out", str(tmp_path / "out")],
                          env=env, capture_output=True, text=True, timeout=60)  # fmt: skip
    assert done.returncode == 2, done.stderr[-2000:]
    assert "not part of the lobby kiosk bundle" in done.stderr
    assert "Traceback" not in done.stderr and not (tmp_path / "out").exists()


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the no-BLAS numpy is built on Linux")
def test_bundle_carries_numpy_without_openblas() -> None:
    internal = _bundle() / "_internal"
    assert (internal / "numpy").is_dir() and not (internal / "numpy.libs").exists()
    assert not [p for p in internal.rglob("*") if "openblas" in p.name.lower() or "gfortran" in p.name]


def test_bundle_leaves_cryptography_to_the_staff_bundle(tmp_path: Path) -> None:
    """PyNaCl seals, signs and reads key files (issue 15); only an office key file of the old
    PKCS#8 format needs `cryptography`: the lobby's bundle says so and where to open it."""
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric import x25519

    internal = _bundle() / "_internal"
    assert not (internal / "cryptography").exists() and not list(internal.glob("cryptography-*"))
    assert list((internal / "nacl").glob("_sodium*"))
    old = tmp_path / "office-private-key.pem"
    encryption = serialization.BestAvailableEncryption(b"a long office passphrase")
    old.write_bytes(x25519.X25519PrivateKey.generate().private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, encryption))  # fmt: skip
    env = {**os.environ, "KIOSK_DATA_DIR": str(tmp_path / "data")}
    env["KIOSK_OFFICE_PASSPHRASE"] = "a long office passphrase"
    done = subprocess.run([str(BUNDLE), "keys", "upgrade-office-key", str(old)], env=env, capture_output=True,
                          text=True, timeout=60)  # fmt: skip
    assert done.returncode == 2, done.stderr[-2000:]
    assert "old format" in done.stderr and "staff" in done.stderr
    assert "Traceback" not in done.stderr
    fresh = tmp_path / "office"
    done = subprocess.run([str(BUNDLE), "keys", "init-office", "--out", str(fresh)], env=env,
                          capture_output=True, text=True, timeout=60)  # fmt: skip
    assert done.returncode == 0, done.stderr[-2000:]
    assert (fresh / "office-private-key.pem").read_bytes().startswith(b"-----BEGIN KIOSK OFFICE PRIVATE KEY")
