"""Speech with the real espeak-ng engine: voices, WAV output, interrupting, the watchdog, the CLI.

No mocks. Every wait has a deadline, so a broken service fails these tests instead of hanging.
"""

from __future__ import annotations

import array
import logging
import math
import os
import signal
import subprocess
import sys
import time
import wave
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from kiosk.speech import (
    LANGUAGES,
    SpeechService,
    Timeouts,
    UnknownLanguageError,
    choose_voice,
)
from kiosk.speech.voices import VoiceInfo

ROOT = Path(__file__).resolve().parents[2]

# "Please touch the screen to begin." The Japanese line is in kana: espeak-ng reads no kanji.
SENTENCES = {
    "en": "Please touch the screen to begin.",
    "zh": "请触摸屏幕开始。",
    "ko": "시작하려면 화면을 터치하세요.",
    "ja": "がめんに ふれて はじめて ください。",
    "fr": "Veuillez toucher l'écran pour commencer.",
    "es": "Toque la pantalla para empezar.",
    "de": "Bitte berühren Sie den Bildschirm, um zu beginnen.",
    "ru": "Коснитесь экрана, чтобы начать.",
    "ar": "المس الشاشة للبدء.",
    "hi": "शुरू करने के लिए स्क्रीन को छुएँ।",
}
VOICES = {  # lang: (voice id, words its espeak-ng name must contain)
    "en": ("gmw/en", "English"),
    "zh": ("sit/cmn-latn-pinyin", "Mandarin"),
    "ko": ("ko", "Korean"),
    "ja": ("jpx/ja", "Japanese"),
    "fr": ("roa/fr", "French (France)"),
    "es": ("roa/es", "Spanish (Spain)"),
    "de": ("gmw/de", "German"),
    "ru": ("zle/ru", "Russian"),
    "ar": ("sem/ar", "Arabic"),
    "hi": ("inc/hi", "Hindi"),
}
# Keeps the worker busy for seconds (espeak synthesises far faster than real time).
LONG_TEXT = "Please read each question carefully before you answer it. " * 300


def wait_until(condition: Callable[[], bool], timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.02)
    return condition()


def wav_stats(path: Path) -> tuple[float, float]:
    """(duration in seconds, RMS of the 16-bit mono samples)."""
    with wave.open(str(path), "rb") as wav:
        assert (wav.getnchannels(), wav.getsampwidth()) == (1, 2)
        samples = array.array("h", wav.readframes(wav.getnframes()))
        duration = wav.getnframes() / wav.getframerate()
    rms = math.sqrt(sum(s * s for s in samples) / len(samples)) if samples else 0.0
    return duration, rms


@pytest.fixture(scope="module")
def service() -> Iterator[SpeechService]:
    with SpeechService(Timeouts(start_s=20)) as svc:
        yield svc


@pytest.fixture
def fresh() -> Iterator[SpeechService]:
    """A service of its own, for tests that interrupt or kill its worker."""
    with SpeechService(Timeouts(start_s=20)) as svc:
        svc.voice_for("en")  # the worker is up
        yield svc


@pytest.mark.parametrize("lang", LANGUAGES)
def test_each_language_uses_its_own_voice(service: SpeechService, lang: str) -> None:
    choice = service.voice_for(lang)
    voice_id, name = VOICES[lang]
    assert (choice.voice_id, choice.fallback) == (voice_id, None)
    assert name in choice.name


@pytest.mark.parametrize("lang", LANGUAGES)
def test_render_writes_audible_speech(service: SpeechService, lang: str, tmp_path: Path) -> None:
    out = service.render_to_file(SENTENCES[lang], lang, tmp_path / f"{lang}.wav", timeout=20)
    duration, rms = wav_stats(out)
    assert duration > 0.3
    assert rms > 300, f"{lang}: the WAV is (nearly) silent"


def test_render_follows_the_language(service: SpeechService, tmp_path: Path) -> None:
    french = service.render_to_file("Bonjour", "fr", tmp_path / "fr.wav", timeout=20)
    english = service.render_to_file("Bonjour", "en", tmp_path / "en.wav", timeout=20)
    assert french.read_bytes() != english.read_bytes()


def test_a_new_workers_first_job_may_be_long(fresh: SpeechService, tmp_path: Path) -> None:
    # pyttsx3 2.99 returned from its first runAndWait() before a longer render was written.
    text = SENTENCES["en"] * 20
    duration, _ = wav_stats(fresh.render_to_file(text, "en", tmp_path / "long.wav", timeout=20))
    assert duration > 20


def test_unknown_language_is_refused(service: SpeechService, tmp_path: Path) -> None:
    with pytest.raises(UnknownLanguageError):
        service.say("Hello", "xx")
    with pytest.raises(UnknownLanguageError):
        service.render_to_file("Hello", "pt", tmp_path / "pt.wav")


def test_say_does_not_wait_for_speech(fresh: SpeechService) -> None:
    fresh.say(LONG_TEXT, "en")
    time.sleep(0.5)  # the worker has the long utterance now
    assert fresh.speaking
    busy_pid = fresh.worker_pid
    started = time.monotonic()
    fresh.say("Next question.", "en")  # interrupts the long one
    assert time.monotonic() - started < 0.2
    assert wait_until(lambda: not fresh.speaking, 10)
    assert fresh.worker_pid != busy_pid  # the long utterance was cut off, not finished
    assert fresh.restarts == 0  # an interruption is not a recovery


def test_stop_all_silences_at_once_and_speech_goes_on(fresh: SpeechService, tmp_path: Path) -> None:
    fresh.say(LONG_TEXT, "en")
    time.sleep(0.5)
    assert fresh.speaking
    started = time.monotonic()
    fresh.stop_all()
    assert time.monotonic() - started < 0.2
    assert wait_until(lambda: not fresh.speaking, 2)  # the long text needs seconds more
    out = fresh.render_to_file(SENTENCES["de"], "de", tmp_path / "after.wav", timeout=20)
    assert wav_stats(out)[1] > 300
    fresh.say(SENTENCES["en"], "en")
    assert wait_until(lambda: not fresh.speaking, 10)


def test_watchdog_replaces_a_killed_worker(fresh: SpeechService, tmp_path: Path) -> None:
    pid = fresh.worker_pid
    assert pid is not None
    os.kill(pid, signal.SIGKILL)
    out = fresh.render_to_file(SENTENCES["fr"], "fr", tmp_path / "fr.wav", timeout=30)
    assert wav_stats(out)[1] > 300
    assert fresh.restarts == 1
    assert fresh.worker_pid not in (None, pid)


def test_watchdog_replaces_a_frozen_worker(tmp_path: Path) -> None:
    with SpeechService(Timeouts(heartbeat_s=1.5, start_s=20)) as svc:
        svc.voice_for("en")
        pid = svc.worker_pid
        assert pid is not None
        os.kill(pid, signal.SIGSTOP)  # alive, but silent: no heartbeat
        assert wait_until(lambda: svc.restarts == 1, 10)
        out = svc.render_to_file(SENTENCES["es"], "es", tmp_path / "es.wav", timeout=30)
        assert wav_stats(out)[1] > 300


def test_watchdog_ends_an_utterance_that_runs_too_long(tmp_path: Path) -> None:
    with SpeechService(Timeouts(utterance_s=1.0, start_s=20)) as svc:
        svc.voice_for("en")
        svc.say(LONG_TEXT, "en")
        assert wait_until(lambda: svc.restarts == 1, 10)
        assert wait_until(lambda: not svc.speaking, 5)
        out = svc.render_to_file(SENTENCES["en"], "en", tmp_path / "en.wav", timeout=30)
        assert wav_stats(out)[0] > 0.3


def test_fallbacks_are_logged_without_the_text(caplog: pytest.LogCaptureFixture) -> None:
    voices = [
        VoiceInfo("gmw/en", "English (Great Britain)", ("en-gb",)),
        VoiceInfo("roa/fr-be", "French (Belgium)", ("fr-be",)),
    ]
    with caplog.at_level(logging.WARNING, logger="kiosk.speech"):
        french = choose_voice("fr", "espeak", voices)
        german = choose_voice("de", "espeak", voices)
        english = choose_voice("en", "espeak", voices)
    assert (french.voice_id, french.fallback) == ("roa/fr-be", "language")
    assert (german.voice_id, german.fallback) == ("gmw/en", "english")
    assert (english.voice_id, english.fallback) == ("gmw/en", None)
    assert "roa/fr" in caplog.text and "gmw/de" in caplog.text
    sapi = [VoiceInfo("HKLM\\...\\TTS_FR-FR_HORTENSE", "Hortense", ("fr-FR",))]
    assert choose_voice("fr", "sapi5", sapi).fallback is None  # SAPI5 matches by language


def test_the_text_never_reaches_the_log(
    fresh: SpeechService, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    secret = "Passport number E12345678"
    with caplog.at_level(logging.DEBUG):
        fresh.say(secret, "en")
        fresh.render_to_file(secret, "en", tmp_path / "secret.wav", timeout=20)
        pid = fresh.worker_pid
        assert pid is not None
        os.kill(pid, signal.SIGKILL)
        assert wait_until(lambda: fresh.restarts == 1, 10)
    assert "E12345678" not in caplog.text


def test_the_kiosk_process_never_loads_pyttsx3(tmp_path: Path) -> None:
    script = (
        "import sys\n"
        "from kiosk.speech import SpeechService\n"
        "if __name__ == '__main__':\n"
        "    with SpeechService() as s:\n"
        f"        s.render_to_file('Hello', 'en', {str(tmp_path / 'x.wav')!r}, timeout=20)\n"
        "    loaded = [m for m in sys.modules if m.startswith(('pyttsx3', 'PySide6'))]\n"
        "    assert not loaded, loaded\n"
    )
    (tmp_path / "probe.py").write_text(script)
    run = subprocess.run(
        [sys.executable, str(tmp_path / "probe.py")], cwd=ROOT, capture_output=True, timeout=60
    )
    assert run.returncode == 0, run.stderr.decode()


def run_cli(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run(
        [sys.executable, "-m", "kiosk", "speak", *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_cli_renders_with_the_kiosk_voice(tmp_path: Path) -> None:
    done = run_cli("--lang", "fr", "--out", "tmp.wav", "Bonjour", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    out = tmp_path / "tmp.wav"
    assert done.stdout.strip() == f"{out} (voice roa/fr)"
    assert wav_stats(out)[1] > 300


def test_cli_refuses_an_unknown_language(tmp_path: Path) -> None:
    done = run_cli("--lang", "xx", "--out", "tmp.wav", "Bonjour", cwd=tmp_path)
    assert done.returncode == 2
    assert "unknown language code 'xx'" in done.stderr
    assert not (tmp_path / "tmp.wav").exists()
