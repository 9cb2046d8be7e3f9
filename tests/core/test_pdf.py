"""The printed form: labels in Chinese and the visitor's language, values, embedded fonts, and a
signed QR code that `kiosk verify` reads back from the page at 150 dpi."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from PIL import Image
from pypdf import PdfReader

from kiosk.crypto.keys import registry_for
from kiosk.forms import Form
from kiosk.forms.display import display_value, is_free_text
from kiosk.i18n import translate
from kiosk.pdf.render import CENTER
from kiosk.pdf.text import second_language
from kiosk.qr_images import find_codes, pick_code, verify_codes, verify_file
from kiosk.qrpayload import Verdict, verify
from tests.core.helpers import FORM_ID, ROOT, fresh_sample, run_kiosk

LANGS = ("ko", "zh", "fr", "en")
ARTIFACTS = ROOT / "tests" / "artifacts"
REFERENCE_RE = re.compile(r"reference ([A-Z0-9]{8})")


class Rendered:
    def __init__(self, folder: Path, env: dict[str, str]) -> None:
        self.folder = folder
        self.env = env
        self.data_dir = Path(env["KIOSK_DATA_DIR"])
        self.answers = fresh_sample()
        self.answers_file = folder / "answers.json"
        self.answers_file.write_text(json.dumps(self.answers), encoding="utf-8")
        self.references: dict[str, str] = {}

    def pdf(self, lang: str) -> Path:
        return self.folder / f"{FORM_ID}-{lang}.pdf"


def squeeze(text: str) -> str:
    """Without whitespace: table cells wrap long labels and values across lines."""
    return re.sub(r"\s+", "", text)


@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> Rendered:
    """The sample rendered by `kiosk render` in each language, with one kiosk key."""
    folder = tmp_path_factory.mktemp("pdf")
    env = {**os.environ, "KIOSK_DATA_DIR": str(folder / "data")}
    env.pop("KIOSK_CONFIG", None)
    out = Rendered(folder, env)
    for lang in LANGS:
        result = run_kiosk(
            "render",
            "--form",
            FORM_ID,
            "--lang",
            lang,
            "--data",
            str(out.answers_file),
            "--out",
            str(out.pdf(lang)),
            env=env,
        )
        assert result.returncode == 0, result.stderr
        match = REFERENCE_RE.search(result.stdout)
        assert match, result.stdout
        out.references[lang] = match.group(1)
    return out


def pdf_text(path: Path) -> str:
    return "\n".join(page.extract_text() or "" for page in PdfReader(path).pages)


@pytest.mark.parametrize("lang", LANGS)
def test_labels_in_chinese_and_the_visitors_language(
    rendered: Rendered, form: Form, lang: str
) -> None:
    text = squeeze(pdf_text(rendered.pdf(lang)))
    second = second_language(lang)
    assert second == ("en" if lang == "zh" else lang)
    shown = [f for f in form.fields if f.visible(rendered.answers)]
    msgids = [form.title, CENTER, *(s.title for s in form.steps), *(f.label for f in shown)]
    for msgid in msgids:
        for label_lang in ("zh", second):
            label = translate(label_lang, msgid)
            assert squeeze(label) in text, (
                f"{label_lang} label {label!r} missing from the {lang} PDF"
            )


@pytest.mark.parametrize("lang", LANGS)
def test_values_as_entered_and_displayed(rendered: Rendered, form: Form, lang: str) -> None:
    text = squeeze(pdf_text(rendered.pdf(lang)))
    answers = form.visible_answers(rendered.answers)
    assert "host_id_number" in answers  # the landlord's fields are shown for a private rental
    for field_id, value in answers.items():
        f = form.field(field_id)
        if is_free_text(f):
            assert squeeze(str(value)) in text, f"{field_id}={value!r} missing"
            continue
        for value_lang in ("zh", second_language(lang)):
            shown = display_value(f, value, value_lang)
            assert squeeze(shown) in text, f"{field_id} as {shown!r} ({value_lang}) missing"
    for must in ("surname", "document_number", "birth_date", "entry_date", "arrival_date"):
        assert must in answers
    assert squeeze(rendered.references[lang]) in text


def test_hidden_answers_are_not_printed(
    tmp_path: Path, data_dir: Path, sample: dict[str, Any]
) -> None:
    answers = tmp_path / "own.json"
    answers.write_text(json.dumps({**sample, "host_type": "own"}), encoding="utf-8")
    pdf = tmp_path / "own.pdf"
    result = run_kiosk(
        "render", "--form", FORM_ID, "--lang", "en", "--data", str(answers), "--out", str(pdf)
    )
    assert result.returncode == 0, result.stderr
    text = pdf_text(pdf)
    assert sample["host_id_number"] not in text and sample["host_name"] not in text
    assert sample["surname"] in text


@pytest.mark.parametrize("lang", LANGS)
def test_every_font_is_embedded(rendered: Rendered, lang: str) -> None:
    out = subprocess.run(
        ["pdffonts", str(rendered.pdf(lang))], capture_output=True, text=True, check=True
    ).stdout
    header, _rule, *rows = out.splitlines()
    assert header.split()[:5] == ["name", "type", "encoding", "emb", "sub"]
    column = header.index("emb")
    assert rows, "no fonts at all?"
    for row in rows:
        assert row[column : column + 3] == "yes", row


def test_kiosk_verify_reads_the_qr_at_150_dpi(rendered: Rendered) -> None:
    for lang in LANGS:
        result = run_kiosk("verify", str(rendered.pdf(lang)), env=rendered.env)
        assert result.returncode == 0, result.stdout + result.stderr
        assert f"reference: {rendered.references[lang]}" in result.stdout
        assert "kiosk:     SK-LOBBY-1" in result.stdout
        assert f"form:      {FORM_ID}" in result.stdout
        assert "verdict:   genuine" in result.stdout
        assert re.search(r"time:\s+\d{4}-\d\d-\d\d \d\d:\d\d:\d\d \(UTC\+8\)", result.stdout)


def test_pdftoppm_page_at_150_dpi_verifies_and_is_kept(rendered: Rendered) -> None:
    """Page 1 as a scanner would see it; also kept in tests/artifacts/ for people to look at."""
    ARTIFACTS.mkdir(exist_ok=True)
    for lang in LANGS:
        prefix = ARTIFACTS / f"printed-form-{lang}"
        subprocess.run(
            [
                "pdftoppm",
                "-r",
                "150",
                "-png",
                "-f",
                "1",
                "-l",
                "1",
                "-singlefile",
                str(rendered.pdf(lang)),
                str(prefix),
            ],
            check=True,
        )
        png = prefix.with_suffix(".png")
        with Image.open(png) as image:
            assert abs(image.width - 1240) <= 2  # A4 at 150 dpi
        result = run_kiosk("verify", str(png), env=rendered.env)
        assert result.returncode == 0, result.stdout + result.stderr
        assert f"reference: {rendered.references[lang]}" in result.stdout


def test_every_page_carries_the_same_code(rendered: Rendered) -> None:
    pages = len(PdfReader(rendered.pdf("ko")).pages)
    codes = find_codes(rendered.pdf("ko"))
    assert pages >= 1 and len(codes) == 1  # the same code on every page is reported once
    verification = verify_file(rendered.pdf("ko"), registry_for(rendered.data_dir))
    assert verification is not None and verification.genuine
    assert verification.payload is not None
    assert verification.payload.reference == rendered.references["ko"]
    assert verification.payload.form_id == FORM_ID


def _swap(text: str, index: int) -> str:
    """`text` with the character at `index` replaced by another of the same kind."""
    old = text[index]
    pool = (
        "ACEFGHJKMNPRTWXY34679"
        if old in "ACEFGHJKMNPRTWXY34679"
        else "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"
    )
    return text[:index] + next(c for c in pool if c != old) + text[index + 1 :]


def test_a_payload_altered_by_one_character_is_rejected(rendered: Rendered) -> None:
    registry = registry_for(rendered.data_dir)
    (payload,) = find_codes(rendered.pdf("fr"))
    assert verify(payload, registry).verdict is Verdict.GENUINE
    _version, reference, kiosk, form_id, when, box, signature = payload.split(":")
    assert payload.startswith(f"K2:{rendered.references['fr']}:")
    # One character of the signature (mid-way: the last base32 character carries padding bits)
    sig_at = len(payload) - len(signature) // 2
    assert verify(_swap(payload, sig_at), registry).verdict is Verdict.ALTERED
    # One character of the reference, still a well-formed reference
    ref_at = len("K2:") + 3
    altered = _swap(payload, ref_at)
    assert altered.split(":")[1] != reference
    assert verify(altered, registry).verdict is Verdict.ALTERED
    # The time, the form: any signed part
    assert (
        verify(payload.replace(f":{when}:", f":{_swap(when, 0)}:"), registry).verdict
        is Verdict.ALTERED
    )
    assert verify(payload.replace(form_id, "OTHER-FORM"), registry).verdict is Verdict.ALTERED
    # The hash of the sealed answers (K2): another box's hash is altered, not a box of this code's
    assert verify(payload.replace(f":{box}:", f":{_swap(box, 5)}:"), registry).verdict is Verdict.ALTERED
    unknown = payload.replace(f":{kiosk}:", ":SK-ELSEWHERE-9:")
    assert verify(unknown, registry).verdict is Verdict.UNKNOWN_SIGNER
    assert verify("K9" + payload[2:], registry).verdict is Verdict.UNSUPPORTED
    for garbage in (
        "",
        "hello",
        "https://example.com",
        "K1:ABC",
        payload + ":extra",
        payload.replace(reference, "acefghjk"),
        payload[:-1] + "!",
    ):
        assert verify(garbage, registry).verdict is Verdict.MALFORMED, garbage


def test_verify_an_image_without_a_code_exits_2(tmp_path: Path, data_dir: Path) -> None:
    blank = tmp_path / "blank.png"
    Image.new("RGB", (600, 400), "white").save(blank)
    result = run_kiosk("verify", str(blank))
    assert result.returncode == 2
    assert "no QR code found" in result.stderr
    not_an_image = tmp_path / "notes.txt"
    not_an_image.write_text("hello", encoding="utf-8")
    result = run_kiosk("verify", str(not_an_image))
    assert result.returncode == 2 and "not a PDF or an image in a supported format" in result.stderr
    broken = tmp_path / "broken.pdf"
    broken.write_bytes(b"%PDF-1.7 and then nothing")
    result = run_kiosk("verify", str(broken))
    assert result.returncode == 2 and "a damaged or protected PDF" in result.stderr
    result = run_kiosk("verify", str(tmp_path / "missing.pdf"))
    assert result.returncode == 2 and "cannot read" in result.stderr


def test_verify_a_foreign_or_unknown_code_exits_nonzero(rendered: Rendered, tmp_path: Path) -> None:
    pdf = rendered.pdf("ko")
    # Another kiosk's data folder: the same kiosk id, but its own key → the signature fails.
    other = {**rendered.env, "KIOSK_DATA_DIR": str(tmp_path / "other")}
    other_pdf = tmp_path / "other.pdf"
    made = run_kiosk(
        "render",
        "--form",
        FORM_ID,
        "--lang",
        "ko",
        "--data",
        str(rendered.answers_file),
        "--out",
        str(other_pdf),
        env=other,
    )
    assert made.returncode == 0, made.stderr
    result = run_kiosk("verify", str(other_pdf), env=rendered.env)
    assert result.returncode == 1
    assert "verdict:   altered" in result.stdout
    # A verifier whose registry does not know this kiosk at all
    empty = {**rendered.env, "KIOSK_DATA_DIR": str(tmp_path / "empty")}
    result = run_kiosk("verify", str(pdf), env=empty)
    assert result.returncode == 3
    assert "verdict:   unknown-signer" in result.stdout


def test_verify_a_code_of_another_kind_has_its_own_exit_code(tmp_path: Path, data_dir: Path) -> None:
    import qrcode

    for text, verdict, code in (
        ("https://example.com", "malformed", 5),
        ("K9:ACEFGHJK:SK-1:F:1:AAAA", "unsupported-version", 4),
    ):
        png = tmp_path / "code.png"
        qrcode.make(text).save(png)
        result = run_kiosk("verify", str(png))
        assert result.returncode == code, result.stdout + result.stderr
        assert f"verdict:   {verdict}" in result.stdout


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils not installed")
def test_pdftotext_agrees(rendered: Rendered) -> None:
    text = subprocess.run(
        ["pdftotext", "-raw", str(rendered.pdf("ko")), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert squeeze(translate("ko", "Surname")) in squeeze(text)
    assert rendered.answers["document_number"] in text


def test_the_kiosk_code_is_picked_among_others(rendered: Rendered) -> None:
    registry = registry_for(rendered.data_dir)
    (payload,) = find_codes(rendered.pdf("en"))
    assert pick_code(["https://example.com/form", payload, "K9:X"]) == payload
    assert pick_code(["a", "b"]) == "a" and pick_code([]) is None
    picked = verify_codes(["https://example.com/form", payload], registry)
    assert picked is not None and picked.genuine
    only_other = verify_codes(["https://example.com/form"], registry)
    assert only_other is not None and only_other.verdict is Verdict.MALFORMED
    assert verify_codes([], registry) is None


# -- `kiosk render` refusing bad input ---------------------------------------------------------


def render_args(data: Path, out: Path, form_id: str = FORM_ID, lang: str = "ko") -> list[str]:
    return ["render", "--form", form_id, "--lang", lang, "--data", str(data), "--out", str(out)]


def test_render_prints_every_problem_and_exits_2(
    tmp_path: Path, data_dir: Path, sample: dict[str, Any]
) -> None:
    bad = {**sample, "surname": "K" * 41, "phone": "12", "stray": 1}
    del bad["room"]
    data = tmp_path / "bad.json"
    data.write_text(json.dumps(bad), encoding="utf-8")
    out = tmp_path / "bad.pdf"
    result = run_kiosk(*render_args(data, out))
    assert result.returncode == 2
    assert "surname: Please enter at most 40 characters." in result.stderr  # params filled in
    assert "phone: This phone number is not valid. Please check it." in result.stderr
    assert "room: Please fill in this field." in result.stderr
    assert "stray: This answer does not belong to the form." in result.stderr
    assert not out.exists()


def test_render_warnings_do_not_stop_it(
    tmp_path: Path, data_dir: Path, sample: dict[str, Any]
) -> None:
    early = {**sample, "arrival_date": sample["entry_date"], "entry_date": sample["arrival_date"]}
    data = tmp_path / "early.json"
    data.write_text(json.dumps(early), encoding="utf-8")
    result = run_kiosk(*render_args(data, tmp_path / "early.pdf"))
    assert result.returncode == 0, result.stderr
    assert "warning: arrival_date: The arrival date" in result.stderr


def test_render_refuses_unknown_form_language_and_bad_files(tmp_path: Path, data_dir: Path) -> None:
    data = tmp_path / "answers.json"
    data.write_text(json.dumps(fresh_sample()), encoding="utf-8")
    out = tmp_path / "out.pdf"
    cases = {
        "unknown form 'visa'": render_args(data, out, form_id="visa"),
        "unknown form '../forms/temporary-residence'": render_args(
            data, out, form_id="../forms/temporary-residence"
        ),
        "unknown language 'kr'": render_args(data, out, lang="kr"),
        "cannot read": render_args(tmp_path / "missing.json", out),
    }
    (tmp_path / "broken.json").write_text("{", encoding="utf-8")
    cases["is not valid JSON"] = render_args(tmp_path / "broken.json", out)
    (tmp_path / "list.json").write_text("[]", encoding="utf-8")
    cases["must hold one JSON object"] = render_args(tmp_path / "list.json", out)
    for message, args in cases.items():
        result = run_kiosk(*args)
        assert result.returncode == 2, args
        assert message in result.stderr, result.stderr
    assert not out.exists()


def test_render_the_sample_by_name(tmp_path: Path) -> None:
    """`--data sample`: the form's bundled sample (dates moved to today, see the next test)."""
    pdf = tmp_path / "sample.pdf"
    result = run_kiosk("render", "--form", FORM_ID, "--lang", "en", "--data", "sample", "--out", str(pdf))
    assert result.returncode == 0, result.stderr
    raw = json.loads((ROOT / "resources" / "samples" / f"{FORM_ID}.json").read_text(encoding="utf-8"))
    assert raw["surname"] in pdf_text(pdf)
    missing = run_kiosk("render", "--form", "nope", "--lang", "en", "--data", "sample", "--out", str(pdf))
    assert missing.returncode == 2 and "unknown form" in missing.stderr


def test_answers_files_resolve_relative_dates_on_today(tmp_path: Path) -> None:
    """Samples write dates as "-1d" / "+4y" (never stale); a raw sample file works as --data too."""
    import argparse
    import datetime as dt

    from kiosk.commands._shared import load_form_and_answers
    from kiosk.config import KioskConfig
    from kiosk.forms.validate import resolve_bound

    raw = json.loads((ROOT / "resources" / "samples" / f"{FORM_ID}.json").read_text(encoding="utf-8"))
    assert raw["arrival_date"] == "-1d" and raw["birth_date"] == "1988-04-12"
    today = dt.date.today()
    config = KioskConfig(data_dir=tmp_path)
    for data in ("sample", str(ROOT / "resources" / "samples" / f"{FORM_ID}.json")):
        loaded = load_form_and_answers(argparse.Namespace(form=FORM_ID, lang="en", data=data), config)
        assert not isinstance(loaded, int)
        answers = loaded[1]
        assert answers["arrival_date"] == (today - dt.timedelta(days=1)).isoformat()
        assert answers["document_expiry"] == resolve_bound("+4y", today).isoformat()
        assert answers["birth_date"] == "1988-04-12"  # an ISO date stays as written
    absolute = tmp_path / "absolute.json"
    absolute.write_text(json.dumps({**raw, "arrival_date": "2001-02-03"}), encoding="utf-8")
    loaded = load_form_and_answers(argparse.Namespace(form=FORM_ID, lang="en", data=str(absolute)), config)
    assert not isinstance(loaded, int) and loaded[1]["arrival_date"] == "2001-02-03"
