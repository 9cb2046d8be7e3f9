"""A visit with unique marker values; no log, temporary file or local database holds them in plain text."""

from __future__ import annotations

import logging
import os
import secrets
import string
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

from kiosk import logs
from kiosk.config import KioskConfig
from tests.core.helpers import fresh_sample
from tests.ui.qml_driver import Driver, show_active

FORM = "temporary-residence"


def _marker(prefix: str) -> str:
    return prefix + "".join(secrets.choice(string.ascii_uppercase) for _ in range(10))


def _files(folder: Path, since: float | None = None) -> Iterator[Path]:
    for base, _dirs, names in os.walk(folder):
        for name in names:
            path = Path(base) / name
            try:
                stat = path.stat()
            except OSError:
                continue
            if path.is_file() and stat.st_size < 200_000_000 and (since is None or stat.st_mtime >= since):
                yield path


def _pdf_text(path: Path) -> bytes:
    """What a PDF says once its compressed streams are decoded (pdftotext), as UTF-8."""
    import subprocess

    done = subprocess.run(["pdftotext", "-q", str(path), "-"], capture_output=True, timeout=60)
    return done.stdout


def test_marker_values_never_reach_logs_temp_files_or_the_local_database(
    qapp, qtbot, tmp_path: Path, capfd
) -> None:
    from kiosk.qt.app import create_window

    started = time.time() - 1
    config = KioskConfig(data_dir=tmp_path / "data", demo=True)
    logs.configure(config.data_dir, level=logging.DEBUG, console=False)
    markers = {"surname": _marker("ZQS"), "given_names": _marker("ZQG"), "employer": _marker("Zqe") + " Ltd",
               "street_address": _marker("Zqa") + " Road 9", "email": _marker("zqm").lower() + "@example.org",
               "host_name": _marker("Zqh"), "place_of_issue": _marker("Zqp")}  # fmt: skip
    kw = create_window(config, sync=True)
    try:
        kw.window.resize(1920, 1080)
        kw.window.show()
        show_active(qtbot, kw.window)
        d, visit = Driver(kw.window), kw.visit
        d.click("startButton")
        d.click("lang_en")
        d.click(f"service_{FORM}")
        d.accept_consent()
        d.type_text("input_surname", markers["surname"])  # typed key by key, as a visitor would
        d.type_text("input_given_names", markers["given_names"])
        answers = {**fresh_sample(), **markers}
        visit.session.answers.update(
            {k: v for k, v in answers.items() if k not in ("surname", "given_names")}
        )
        while visit.screen == "step":
            d.click("nextButton")
        assert visit.screen == "review", [r.error for r in visit.fields.rows if r.error]  # type: ignore[attr-defined]
        assert markers["surname"] in d.texts()  # the visitor sees them on the review screen
        d.click("submitButton")
        d.find("doneScreen", timeout=15)
        reference = d.find("referenceText").property("text").replace(" ", "")
        logging.getLogger("kiosk.test").error("a careless log line: %s", markers["employer"])
        d.click("doneButton")
        assert visit.screen == "attract"
        qtbot.waitUntil(lambda: kw.sync is not None and kw.sync.status().queue_depth == 0, timeout=15000)
    finally:
        kw.close()
        root = logging.getLogger()
        for handler in [h for h in root.handlers if getattr(h, "_kiosk", False)]:
            root.removeHandler(handler)
            handler.close()
    # The data folder, new temp files, the user's config folders (Qt and the keyboard write
    # there), and what the process printed on stdout and stderr; PDFs also decompressed.
    config_dirs = {Path.home() / ".config", Path(os.environ.get("XDG_CONFIG_HOME", Path.home() / ".config"))}
    searched = list(_files(config.data_dir)) + list(_files(Path(tempfile.gettempdir()), since=started))
    searched += [p for folder in config_dirs for p in _files(folder, since=started)]
    names = {p.name for p in searched}
    assert {"kiosk.log", "queue.sqlite3", "office.sqlite3"} <= names, names
    assert "careless log line" in (config.data_dir / "logs" / "kiosk.log").read_text()
    # The one place the answers belong: the printout. With no printer (this test) it is a PDF in
    # data_dir/printed; a printer that takes it deletes it (tests/integration/test_print_submit.py).
    printout = config.pdf_dir / f"{reference}.pdf"
    assert printout in searched and markers["surname"].encode() in _pdf_text(printout)  # found if there
    out, err = capfd.readouterr()
    sources = [(p, p.read_bytes() + (_pdf_text(p) if p.suffix == ".pdf" else b"")) for p in searched
               if p != printout and p.is_file()]  # fmt: skip
    sources += [(Path("<stdout>"), out.encode()), (Path("<stderr>"), err.encode())]
    found = []
    for path, data in sources:
        for value in markers.values():
            for needle in {value, value.upper(), value.lower()}:
                if needle.encode("utf-8") in data or needle.encode("utf-16-le") in data:
                    found.append(f"{path}: {needle}")
    assert found == []


def test_the_chinese_keyboard_learns_nothing(kiosk_window, driver: Driver) -> None:
    """Pinyin would keep the words a visitor chose (a name) in a user dictionary under the home
    folder and offer them to the next visitor: the kiosk leaves it nowhere to write one."""
    from PySide6.QtCore import QPoint, QPointF, Qt
    from PySide6.QtTest import QTest

    d = driver
    config_home = Path(os.environ["XDG_CONFIG_HOME"])
    assert (config_home / "qtvirtualkeyboard").is_file()  # the path Pinyin needs is blocked
    home_dict = Path.home() / ".config" / "qtvirtualkeyboard" / "pinyin" / "usr_dict.dat"
    before = home_dict.stat().st_mtime if home_dict.exists() else None
    d.click("startButton")
    d.click("lang_zh")
    d.click(f"service_{FORM}")
    d.accept_consent()
    d.click("input_chinese_name")
    d.process(500)
    keys: dict[str, object] = {}
    stack = [d.find("inputPanel")]
    while stack:
        item = stack.pop()
        stack.extend(item.childItems())
        text = item.property("text")
        if isinstance(text, str) and "Key" in item.metaObject().className() and item.isVisible():
            keys.setdefault(text, item)
    for ch in "wang ":  # on the on-screen keys, as a visitor types, then a candidate is chosen
        key = keys[ch]
        at = key.mapToScene(QPointF(key.width() / 2, key.height() / 2))  # type: ignore[attr-defined]
        QTest.mouseClick(d.window, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                         QPoint(int(at.x()), int(at.y())))  # fmt: skip
        d.process(120)
    typed = d.find("input_chinese_name").property("text")
    assert any("\u4e00" <= c <= "\u9fff" for c in typed), typed  # Pinyin still converts
    assert list(config_home.rglob("usr_dict*")) == []
    assert (home_dict.stat().st_mtime if home_dict.exists() else None) == before
