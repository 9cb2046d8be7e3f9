"""Printing through a real CUPS: a QR code survives cups-pdf, and failures come back as results."""

from __future__ import annotations

import os
import secrets
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
import qrcode
import zxingcpp
from PIL import Image
from qrcode.constants import ERROR_CORRECT_M
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfgen import canvas

from kiosk.printing import CupsPrinter, PrintResult, PrintStatus
from kiosk.printing.ipp import JobState, query_job_state

if TYPE_CHECKING:
    from tests.integration.cups_fixture import CupsServer


REPO = Path(__file__).resolve().parents[2]
QR_SIZE = 30 * mm  # the printed form's QR box


def make_qr_pdf(path: Path, text: str, pages: int = 1) -> Path:
    """A PDF whose pages carry `text` as a vector QR code (one filled rect per dark run)."""
    code = qrcode.QRCode(error_correction=ERROR_CORRECT_M, border=4)
    code.add_data(text)
    code.make(fit=True)
    matrix: list[list[bool]] = code.get_matrix()  # includes the quiet zone
    module = QR_SIZE / len(matrix)
    left, top = 20 * mm, A4[1] - 40 * mm
    pdf = canvas.Canvas(str(path), pagesize=A4)
    pdf.setTitle("kiosk print test")
    for page in range(pages):
        pdf.drawString(left, top + 10 * mm, f"Print test, page {page + 1} of {pages}")
        for row, cells in enumerate(matrix):
            col = 0
            while col < len(cells):
                run = col
                while run < len(cells) and cells[run]:
                    run += 1
                if run > col:
                    y = top - (row + 1) * module
                    pdf.rect(left + col * module, y, (run - col) * module, module, 0, 1)
                col = run + 1
        pdf.showPage()
    pdf.save()
    return path


def decode_qr(pdf: Path, dpi: int, workdir: Path) -> list[str]:
    """Rasterise page 1 with pdftoppm and read every barcode on it with zxing-cpp."""
    prefix = workdir / f"page-{dpi}"
    subprocess.run(
        ["pdftoppm", "-r", str(dpi), "-png", "-f", "1", "-l", "1", "-singlefile", pdf, prefix],
        check=True,
        timeout=60,
    )
    with Image.open(prefix.with_suffix(".png")) as image:
        return [barcode.text for barcode in zxingcpp.read_barcodes(image)]


def cups_server_address() -> str:
    env = {**os.environ, "LC_ALL": "C"}
    return subprocess.run(["lpstat", "-H"], capture_output=True, text=True, env=env).stdout.strip()


def pending_jobs(queue: str) -> list[str]:
    out = subprocess.run(
        ["lpstat", "-W", "not-completed", "-o", queue], capture_output=True, text=True
    ).stdout
    return [line.split()[0] for line in out.splitlines() if line.strip()]


@pytest.fixture(scope="module")
def printed(
    cups: CupsServer, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[str, PrintResult, Path]]:
    """One QR page printed to cups-pdf: (the QR text, the result, the PDF cups-pdf wrote)."""
    text = secrets.token_urlsafe(16)
    title = f"kiosktest{secrets.token_hex(4)}"
    source = make_qr_pdf(tmp_path_factory.mktemp("print") / "form.pdf", text)
    since = time.time() - 1
    result = CupsPrinter().submit(source, printer=cups.queue, title=title, timeout=30)
    assert result.status is PrintStatus.COMPLETED, result.detail
    output = cups.find_output(result.job_id or "", title, since)
    yield text, result, output
    output.unlink(missing_ok=True)


def test_job_completes(printed: tuple[str, PrintResult, Path]) -> None:
    _, result, output = printed
    assert result.ok and result.job_id and result.job_id.startswith("KioskPDF-")
    assert output.read_bytes().startswith(b"%PDF-")
    number = int(result.job_id.rpartition("-")[2])
    assert query_job_state(cups_server_address(), number) is JobState.COMPLETED


@pytest.mark.parametrize("dpi", [150, 100])
def test_qr_survives_cups(printed: tuple[str, PrintResult, Path], dpi: int, tmp_path: Path) -> None:
    text, _, output = printed
    assert decode_qr(output, dpi, tmp_path) == [text]


def test_stopped_queue_is_refused_before_submitting(cups: CupsServer, tmp_path: Path) -> None:
    pdf = make_qr_pdf(tmp_path / "form.pdf", "stopped")
    before = pending_jobs(cups.stopped_queue)
    result = CupsPrinter().submit(pdf, printer=cups.stopped_queue, timeout=5)
    assert (result.ok, result.status, result.job_id) == (False, PrintStatus.QUEUE_STOPPED, None)
    assert "stopped for tests" in result.detail and str(pdf) not in result.detail
    assert pending_jobs(cups.stopped_queue) == before  # nothing left to print later


def test_missing_printer(cups: CupsServer, tmp_path: Path) -> None:
    pdf = make_qr_pdf(tmp_path / "form.pdf", "missing")
    result = CupsPrinter().submit(pdf, printer="NoSuchKioskPrinter", timeout=5)
    assert (result.ok, result.status, result.job_id) == (False, PrintStatus.NO_PRINTER, None)


def test_timeout_cancels_the_job(cups: CupsServer, tmp_path: Path) -> None:
    pdf = make_qr_pdf(tmp_path / "form.pdf", "late", pages=10)
    result = CupsPrinter().submit(pdf, printer=cups.queue, title="kiosktimeout", timeout=0)
    assert (result.ok, result.status) == (False, PrintStatus.TIMEOUT), result.detail
    assert result.job_id and "job cancelled" in result.detail
    number = int(result.job_id.rpartition("-")[2])
    assert query_job_state(cups_server_address(), number) is JobState.CANCELED


def test_ipp_tells_cancelled_from_completed(cups: CupsServer, tmp_path: Path) -> None:
    # lpstat lists cancelled jobs as "completed"; the IPP job-state is what tells them apart.
    pdf = make_qr_pdf(tmp_path / "form.pdf", "cancel me")
    out = subprocess.run(
        ["lp", "-d", cups.stopped_queue, "--", pdf], capture_output=True, text=True, check=True
    ).stdout
    job = out.split()[3]
    subprocess.run(["cancel", job], check=True)
    number = int(job.rpartition("-")[2])
    assert query_job_state(cups_server_address(), number) is JobState.CANCELED


def test_printer_state(cups: CupsServer) -> None:
    printer = CupsPrinter()
    assert printer.printer_state(cups.queue) in {"idle", "printing"}
    assert printer.printer_state(cups.stopped_queue) == "stopped"
    assert printer.printer_state("NoSuchKioskPrinter") == "missing"
    assert CupsPrinter(server="localhost:9").printer_state(cups.queue) == "unavailable"


def test_unreachable_cups_is_a_result(cups: CupsServer, tmp_path: Path) -> None:
    pdf = make_qr_pdf(tmp_path / "form.pdf", "offline")
    result = CupsPrinter(server="localhost:9").submit(pdf, printer=cups.queue, timeout=5)
    assert (result.ok, result.status) == (False, PrintStatus.CUPS_UNAVAILABLE)


def kiosk_print(*args: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "kiosk", "print", *map(str, args)],
        capture_output=True,
        text=True,
        cwd=REPO,
        timeout=120,
    )


def test_cli_prints(cups: CupsServer, tmp_path: Path) -> None:
    pdf = make_qr_pdf(tmp_path / "form.pdf", "cli")
    since = time.time() - 1
    proc = kiosk_print(pdf, "--printer", cups.queue)
    assert proc.returncode == 0, proc.stderr
    job = proc.stdout.split()[2]  # "printed: job KioskPDF-12 (...)"
    assert job.startswith(f"{cups.queue}-")
    cups.find_output(job, "kiosk", since).unlink()


def test_cli_bad_file(cups: CupsServer, tmp_path: Path) -> None:
    assert kiosk_print(tmp_path / "absent.pdf", "--printer", cups.queue).returncode == 2
    not_pdf = tmp_path / "notes.pdf"
    not_pdf.write_text("hello")
    assert kiosk_print(not_pdf, "--printer", cups.queue).returncode == 2


def test_cli_missing_printer(cups: CupsServer, tmp_path: Path) -> None:
    pdf = make_qr_pdf(tmp_path / "form.pdf", "cli")
    proc = kiosk_print(pdf, "--printer", "NoSuchKioskPrinter")
    assert proc.returncode == 1
    assert "NoSuchKioskPrinter" in proc.stderr
