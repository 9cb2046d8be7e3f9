"""The Qt-free checks of `kiosk self-test`: fonts, catalogs, databases, speech, printed forms."""

from __future__ import annotations

import tempfile
import time
import wave
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kiosk import paths


@dataclass(frozen=True)
class Check:
    """One line of the self-test summary."""

    name: str
    ok: bool
    detail: str = ""
    seconds: float = 0.0

    def line(self) -> str:
        mark = "PASS" if self.ok else "FAIL"
        return f"{mark}  {self.name:<34} {self.seconds:6.2f} s  {self.detail}"


class CheckFailed(Exception):
    """Raised by a check with the reason it failed, for the summary."""


def timed(name: str, fn: Callable[[], str]) -> Check:
    """Run `fn` (returning a short detail); any exception makes a failed check, not a crash."""
    start = time.monotonic()
    try:
        detail = fn()
        ok = True
    except Exception as exc:  # a self-test reports every failure and goes on
        detail = f"{type(exc).__name__}: {exc}"
        ok = False
    return Check(name, ok, detail, time.monotonic() - start)


def check_system_libraries() -> str:
    """Every Debian library the bundle leaves to the machine loads (kiosk/system_libs.py)."""
    from kiosk.system_libs import SYSTEM_LIBRARIES, missing

    gone = missing()
    if gone:
        packages = sorted({package for _, package in gone})
        raise CheckFailed(f"missing {', '.join(name for name, _ in gone)}: "
                          f"apt-get install {' '.join(packages)}")  # fmt: skip
    return f"{len(SYSTEM_LIBRARIES)} libraries load"


def check_fonts() -> str:
    """Every face the printed form uses is bundled, loads, and measures CJK text."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    from kiosk.pdf.fonts import FACES, register_fonts
    from kiosk.system_fonts import font_path, missing

    gone = missing([file for file, _ in FACES.values()])
    if gone:
        raise CheckFailed(f"missing font files: {', '.join(gone)}")
    register_fonts()
    for name, sample in (("KioskCJK", "临时住宿登记 한국어 日本語"), ("KioskArabic", "العربية"),
                         ("KioskDevanagari", "हिन्दी"), ("KioskLatinBold", "Shekou")):  # fmt: skip
        if stringWidth(sample, name, 12) <= 0:
            raise CheckFailed(f"{name} has no width for its sample text")
    bundled = paths.fonts_dir()
    system = sorted({str(font_path(f)) for f, _ in FACES.values() if bundled not in font_path(f).parents})
    return f"{len(FACES)} faces registered" + (f"; from Debian: {', '.join(system)}" if system else "")


def check_photos() -> str:
    """The photo checks work in this build: numpy and the face model (its numpy conversion) load,
    and a blank frame is neither a face nor a readable page (docs/photos.md)."""
    from PIL import Image

    from kiosk.photos.blazeface import FaceDetector
    from kiosk.photos.image import to_jpeg
    from kiosk.photos.quality import check_document

    blank = Image.new("RGB", (640, 480), (200, 200, 200))
    if FaceDetector().detect(blank):
        raise CheckFailed("the face model found a face in a blank frame")
    if check_document(to_jpeg(blank)).ok:
        raise CheckFailed("a blank frame passed the document check")
    return "face model loaded, checks answer"


SAMPLE_PAGE_DAY = (2026, 12, 7)  # the day resources/selftest's page was drawn for (fixed: not today)


def check_passport_read() -> str:
    """The camera's passport read works in this build: tesseract, the OCR-B cell templates
    (Pillow's FreeType, Debian's fonts-ocr-b) and numpy read the sample page in resources/selftest
    (a synthetic Utopia passport drawn by tests/support/passport_pages.py, seed 2)."""
    from datetime import date

    from PIL import Image

    from kiosk.camera import cells, tesseract
    from kiosk.camera.mrz_ocr import read_mrz

    if not tesseract.available():
        raise CheckFailed("tesseract is missing: apt-get install tesseract-ocr tesseract-ocr-eng")
    if cells.templates(200, 10) is None:
        raise CheckFailed(f"no OCR-B cell templates: is {cells.OCR_B} there? (apt-get install fonts-ocr-b)")
    folder = paths.resources_dir() / "selftest"
    expected = (folder / "passport-page.txt").read_text(encoding="ascii").strip()
    with Image.open(folder / "passport-page.jpg") as picture:
        page = picture.convert("RGB")
    read = read_mrz(page, today=date(*SAMPLE_PAGE_DAY), budget_s=20.0)
    if read.text != expected:
        raise CheckFailed(f"the sample passport page did not read back ({read.reason or 'another zone'})")
    return "sample passport page read, check digits hold"


def check_catalogs(languages: tuple[str, ...]) -> str:
    """Each offered language has its gettext catalog and its compiled QML catalog."""
    from kiosk.i18n.catalog import catalog_path, read_catalog
    from kiosk.i18n.qm import qm_path

    problems: list[str] = []
    for lang in (code for code in languages if code != "en"):
        po, qm = catalog_path(lang), qm_path(lang)
        if not po.is_file() or not read_catalog(po, lang).messages:
            problems.append(f"{lang}: no catalog {po.name}")
        if not qm.is_file() or qm.stat().st_size == 0:
            problems.append(f"{lang}: no compiled QML catalog {qm.name}")
    if problems:
        raise CheckFailed("; ".join(problems))
    return f"{len(languages)} languages: {' '.join(languages)}"


def check_locale_data(languages: tuple[str, ...]) -> str:
    """Country and month names come from Babel's locale data (trimmed in the bundle)."""
    from babel.dates import get_month_names

    from kiosk.countries import sorted_countries
    from kiosk.languages import babel_locale

    for lang in languages:
        if len(sorted_countries(lang)) < 200:
            raise CheckFailed(f"{lang}: too few country names")
        get_month_names("wide", "stand-alone", locale=babel_locale(lang))
    return "country and month names for every language"


def check_data_dir(folder: Path) -> str:
    """The kiosk's own data folder exists (or can be made) and takes a file."""
    folder.mkdir(parents=True, exist_ok=True)
    with tempfile.NamedTemporaryFile(dir=folder, prefix=".selftest-") as fh:
        fh.write(b"ok")
        fh.flush()
    return str(folder)


def check_databases(work: Path) -> str:
    """Both migration folders are shipped and bring new databases to their head revision."""
    from sqlalchemy import create_engine

    from kiosk.office.migrate import OFFICE_MIGRATIONS, OFFICE_VERSION_TABLE, upgrade_office
    from kiosk.storage.migrate import (
        LOCAL_MIGRATIONS,
        LOCAL_VERSION_TABLE,
        current_revision,
        head_revision,
        script_location,
        upgrade_local,
    )

    found = []
    for db, parts, table in (("queue.sqlite3", LOCAL_MIGRATIONS, LOCAL_VERSION_TABLE),
                             ("office.sqlite3", OFFICE_MIGRATIONS, OFFICE_VERSION_TABLE)):  # fmt: skip
        path = work / db
        if table == LOCAL_VERSION_TABLE:
            upgrade_local(path)
        else:
            upgrade_office(f"sqlite:///{path}")
        engine = create_engine(f"sqlite:///{path}")
        try:
            with engine.connect() as connection:
                revision = current_revision(connection, table)
        finally:
            engine.dispose()
        head = head_revision(script_location(*parts))
        if revision is None or revision != head:
            raise CheckFailed(f"{db} is at {revision}, not at head {head}")
        found.append(f"{db.split('.')[0]} at {revision}")
    return ", ".join(found) + f", {postgresql_client()}"


def postgresql_client() -> str:
    """psycopg loads its libpq (Debian's libpq5 in the bundle): the office database's driver."""
    import psycopg

    version = psycopg.pq.version()
    return f"libpq {version // 10000}.{version % 100} ({psycopg.pq.__impl__})"


def check_speech(languages: tuple[str, ...], work: Path) -> str:
    """The speech engine starts in its worker process and renders a WAV file per language."""
    from kiosk.speech import SpeechService

    done = []
    with SpeechService() as speech:
        for lang in languages:
            voice = speech.voice_for(lang)
            out = speech.render_to_file("Shekou service center", lang, work / f"speech-{lang}.wav")
            with wave.open(str(out), "rb") as wav:
                seconds = wav.getnframes() / float(wav.getframerate())
            done.append(f"{lang} {voice.voice_id} {seconds:.1f} s")
    return ", ".join(done)


def verify_printed(pdf: Path, reference: str, data_dir: Path) -> str:
    """The saved PDF exists, its QR code reads back, is genuine and carries `reference`."""
    from kiosk.crypto.keys import registry_for
    from kiosk.qr_images import rasteriser, verify_file

    if not pdf.is_file():
        raise CheckFailed(f"no PDF at {pdf}")
    result = verify_file(pdf, registry_for(data_dir))
    if result is None:
        raise CheckFailed(f"no QR code found in {pdf.name}")
    if not result.genuine or result.payload is None or result.payload.reference != reference:
        raise CheckFailed(f"QR code of {pdf.name}: {result.verdict.value} {result.detail}")
    return f"{pdf.name} {pdf.stat().st_size // 1024} KB, QR genuine (read via {rasteriser()})"


def sample_answers(form_id: str, forms_dir: Path | None) -> dict[str, Any]:
    """A form's sample answers (beside an override forms folder, or bundled), dates resolved today."""
    import datetime as dt

    from kiosk.forms import load_forms
    from kiosk.forms.samples import find_sample, read_answers, resolve_dates

    path = find_sample(form_id, forms_dir)
    if path is None:
        raise CheckFailed(f"no sample answers for form {form_id!r} (samples/{form_id}.json)")
    try:
        answers = read_answers(path)
    except ValueError as exc:
        raise CheckFailed(str(exc)) from exc
    forms = {**load_forms(), **(load_forms(forms_dir) if forms_dir else {})}
    form = forms.get(form_id)
    return resolve_dates(form, answers, dt.date.today()) if form else answers


def summary(checks: list[Check], seconds: float) -> str:
    failed = sum(not c.ok for c in checks)
    verdict = "OK" if checks and not failed else "FAILED"
    return (f"self-test {verdict}: {len(checks) - failed} passed, {failed} failed "
            f"in {seconds:.1f} s")  # fmt: skip
