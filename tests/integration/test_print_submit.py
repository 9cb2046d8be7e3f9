"""A real submitted form through the real cups-pdf queue: the QR read back from what CUPS produced,
at 150 and 100 dpi; a stopped queue or a missing printer keeps the submission; staff reprint."""

from __future__ import annotations

import json
import os
import time
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from kiosk.config import KioskConfig
from kiosk.crypto.keys import registry_for
from kiosk.forms import Form, load_forms
from kiosk.qr_images import find_codes, verify_codes
from kiosk.submit import SubmitResult, Submitter
from tests.core.helpers import FORM_ID, fresh_sample, run_kiosk

if TYPE_CHECKING:
    from tests.integration.cups_fixture import CupsServer


@pytest.fixture(scope="module")
def form() -> Form:
    return load_forms()[FORM_ID]


def submitter(data_dir: Path, printer: str, profile: str = "form") -> Submitter:
    return Submitter(KioskConfig(data_dir=data_dir, printer=printer, print_profile=profile, demo=True))


@pytest.fixture(scope="module")
def printed(cups: CupsServer, form: Form, tmp_path_factory: pytest.TempPathFactory
            ) -> Iterator[tuple[Submitter, SubmitResult, Path]]:  # fmt: skip
    """A real form submitted in Arabic on a kiosk whose printer is the cups-pdf queue."""
    kiosk = submitter(tmp_path_factory.mktemp("kiosk"), cups.queue)
    since = time.time() - 1
    result = kiosk.submit(form, "ar", fresh_sample())
    assert result.printed, result.print_detail
    # Printed: no copy of the filled form stays on the kiosk.
    assert result.pdf_path is None and list(kiosk.config.pdf_dir.glob("*.pdf")) == []
    output = cups.find_output("", f"kiosk-{result.queued.reference}", since)
    yield kiosk, result, output
    output.unlink(missing_ok=True)
    kiosk.close()


@pytest.mark.parametrize("dpi", [150, 100])
def test_qr_read_back_from_the_cups_output(printed: tuple[Submitter, SubmitResult, Path],
                                           dpi: int) -> None:  # fmt: skip
    kiosk, result, output = printed
    assert output.read_bytes().startswith(b"%PDF-")
    codes = find_codes(output, dpi)
    assert codes == [result.queued.qr_payload]  # every page carries the same code
    verdict = verify_codes(codes, registry_for(kiosk.config.data_dir))
    assert verdict is not None and verdict.genuine and verdict.payload is not None
    assert verdict.payload.reference == result.queued.reference
    assert verdict.payload.form_id == FORM_ID


@pytest.mark.parametrize("where", ["stopped", "missing"])
def test_a_printer_failure_keeps_the_submission_and_staff_reprint(
    cups: CupsServer, form: Form, tmp_path: Path, where: str
) -> None:
    printer = cups.stopped_queue if where == "stopped" else "NoSuchKioskPrinter"
    kiosk = submitter(tmp_path / "kiosk", printer)
    result = kiosk.submit(form, "hi", fresh_sample())
    assert not result.printed and result.pdf_path is not None and result.pdf_path.is_file()
    reference = result.queued.reference
    assert kiosk.queue.get_by_reference(reference) is not None  # the submission is kept
    assert kiosk.queue.count("pending") == 1
    kiosk.close()

    # Later, the printer works again (here: the kiosk's config names the working queue).
    staff = submitter(tmp_path / "kiosk", cups.queue)
    since = time.time() - 1
    again = staff.reprint(f"{reference[:4].lower()} {reference[4:]}")
    assert (again.kind, again.printed) == ("saved", True), again.detail
    output = cups.find_output("", f"kiosk-{reference}", since)
    assert find_codes(output, 100) == [result.queued.qr_payload]
    output.unlink()

    # Printed at last, the saved PDF (the answers in plain text) leaves the kiosk; a reprint is
    # now a receipt: reference and the same signed code.
    assert not result.pdf_path.exists()
    since = time.time() - 1
    receipt = staff.reprint(reference)
    assert (receipt.kind, receipt.printed) == ("receipt", True), receipt.detail
    output = cups.find_output("", f"kiosk-{reference}", since)
    assert find_codes(output, 100) == [result.queued.qr_payload]
    output.unlink()
    assert staff.reprint("ZZZZZZZZ").kind == "none"
    staff.close()


def test_receipt_profile_prints_a_receipt(cups: CupsServer, form: Form, tmp_path: Path) -> None:
    kiosk = submitter(tmp_path / "kiosk", cups.queue, profile="receipt")
    since = time.time() - 1
    result = kiosk.submit(form, "ko", fresh_sample())
    assert result.printed, result.print_detail
    output = cups.find_output("", f"kiosk-{result.queued.reference}", since)
    assert find_codes(output, 100) == [result.queued.qr_payload]
    output.unlink()
    kiosk.close()


def test_the_answers_file_is_not_in_the_job_title(printed: tuple[Submitter, SubmitResult, Path]) -> None:
    _, result, output = printed
    sample = json.dumps(fresh_sample())
    assert result.queued.reference in output.name
    assert all(part not in output.name for part in ("KIM", "MINJUN")) and "KIM" in sample


def test_cli_reprint_by_reference(cups: CupsServer, form: Form, tmp_path: Path) -> None:
    kiosk = submitter(tmp_path / "kiosk", "")  # no printer: the PDF is only saved
    result = kiosk.submit(form, "en", fresh_sample())
    kiosk.close()
    config = tmp_path / "kiosk.toml"
    config.write_text("demo = true\n", encoding="utf-8")  # the kiosk above is a demo one
    env = {**os.environ, "KIOSK_DATA_DIR": str(tmp_path / "kiosk"), "KIOSK_CONFIG": str(config)}
    since = time.time() - 1
    done = run_kiosk("print", "--reference", result.queued.reference, "--printer", cups.queue, env=env)
    assert done.returncode == 0, done.stderr
    assert f"reprinted {result.queued.reference}: saved form" in done.stdout
    cups.find_output("", f"kiosk-{result.queued.reference}", since).unlink()
    unknown = run_kiosk("print", "--reference", "ZZZZ-ZZZZ", "--printer", cups.queue, env=env)
    assert unknown.returncode == 2 and "unknown reference" in unknown.stderr
