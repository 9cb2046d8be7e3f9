"""The kiosk's speech service: non-blocking `say`, blocking `render_to_file`, supervised worker."""

from __future__ import annotations

import shutil
import tempfile
import threading
import wave
import weakref
from concurrent.futures import Future
from pathlib import Path
from types import TracebackType

from kiosk.speech.jobs import Request, SpeechError, Timeouts, new_job_id
from kiosk.speech.supervisor import Supervisor
from kiosk.speech.voices import VoiceChoice, check_language


class SpeechService:
    """Speaks kiosk prompts through pyttsx3 running in a separate, supervised worker process.

    Threading: every method may be called from any thread (the GUI thread included); none waits
    on speech except `render_to_file` and `voice_for` (engine start-up, ~0.2 s, once). One
    supervisor thread owns the worker: it sends one job at a time, kills the worker to interrupt
    an utterance, and restarts it when it dies, hangs or misses heartbeats (`restarts` counts
    those recoveries). Nothing here logs the spoken text: it may contain personal data.
    """

    def __init__(self, timeouts: Timeouts | None = None) -> None:
        self._timeouts = timeouts or Timeouts()
        self._lock = threading.Lock()
        self._supervisor: Supervisor | None = None
        self._thread: threading.Thread | None = None
        self._closed = False

    def start(self) -> None:
        """Start the worker now, so the first `say` is quick. Called by the others if needed."""
        with self._lock:
            if self._closed:
                raise SpeechError("the speech service is closed")
            if self._supervisor is not None:
                return
            tmpdir = tempfile.mkdtemp(prefix="kiosk-speech-")
            self._supervisor = Supervisor(self._timeouts, tmpdir)
            # Removed by close(), or at exit if the owner never called it.
            weakref.finalize(self._supervisor, shutil.rmtree, tmpdir, ignore_errors=True)
            self._thread = threading.Thread(
                target=self._supervisor.run, name="kiosk-speech-supervisor", daemon=True
            )
            self._thread.start()

    def say(self, text: str, lang: str) -> None:
        """Speak `text` in `lang` soon; returns at once. Replaces and interrupts earlier speech."""
        check_language(lang)
        sup = self._started()
        request = Request(lang, text)
        with sup.lock:
            sup.say = request if text.strip() else None
            sup.stale_before = request.job
        sup.wake()

    def stop_all(self) -> None:
        """Silence now and drop what is waiting to be spoken (a session ended). Returns at once."""
        sup = self._supervisor
        if sup is None:
            return
        with sup.lock:
            sup.say = None
            sup.stale_before = new_job_id()
        sup.wake()

    def voice_for(self, lang: str, timeout: float | None = None) -> VoiceChoice:
        """The voice that speaks `lang` here; waits for the engine to list its voices."""
        check_language(lang)
        sup = self._started()
        with sup.changed:
            sup.changed.wait_for(
                lambda: sup.voices is not None or sup.start_error is not None,
                self._timeouts.start_s if timeout is None else timeout,
            )
            if sup.voices is None:
                problem = sup.start_error or "did not start in time"
                raise SpeechError(f"the speech engine {problem}")
            return sup.choice(lang)

    def render_to_file(self, text: str, lang: str, path: str | Path, timeout: float = 60.0) -> Path:
        """Write `text` spoken in `lang` to the WAV file `path`, with the voice `say` would use.

        Blocks until done. Raises `UnknownLanguageError` (a ValueError) for an unknown code,
        FileNotFoundError for a missing directory, and `SpeechError` if the engine fails or takes
        longer than `timeout` seconds.
        """
        check_language(lang)
        if not text.strip():
            raise ValueError("there is no text to render")
        out = Path(path).resolve()
        if not out.parent.is_dir():  # checked here: the engine fails on it inside a C callback
            raise FileNotFoundError(f"no such directory: {out.parent}")
        out.unlink(missing_ok=True)  # so a stale file cannot pass for this render's output
        self.voice_for(lang, timeout)  # fails fast when the engine cannot start
        sup = self._started()
        result: Future[None] = Future()
        request = Request(lang, text, str(out), result)
        with sup.lock:
            sup.renders.append(request)
        sup.wake()
        try:
            result.result(timeout)
        except TimeoutError:
            with sup.lock:
                if request in sup.renders:
                    sup.renders.remove(request)
            raise SpeechError(f"rendering took longer than {timeout} s") from None
        _check_wav(out)
        return out

    @property
    def restarts(self) -> int:
        """How many times the watchdog replaced a dead, hung or failed worker."""
        sup = self._supervisor
        return 0 if sup is None else sup.restarts

    @property
    def speaking(self) -> bool:
        """True while an utterance is waiting or being spoken."""
        sup = self._supervisor
        if sup is None:
            return False
        with sup.lock:
            return sup.say is not None or (sup.current is not None and sup.current.path is None)

    @property
    def worker_pid(self) -> int | None:
        """The worker's process id, for diagnostics and tests."""
        sup = self._supervisor
        if sup is None:
            return None
        with sup.lock:
            return None if sup.worker is None else sup.worker.pid

    def close(self, timeout: float = 3.0) -> None:
        """Stop speaking, end the worker and the supervisor thread. Safe to call twice."""
        with self._lock:
            if self._closed:
                return
            self._closed = True
            sup, thread = self._supervisor, self._thread
        if sup is None or thread is None:
            return
        with sup.lock:
            sup.closing = True
        sup.wake()
        thread.join(timeout)
        shutil.rmtree(sup.tmpdir, ignore_errors=True)

    def __enter__(self) -> SpeechService:
        self.start()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def _started(self) -> Supervisor:
        self.start()
        assert self._supervisor is not None
        return self._supervisor


def _check_wav(path: Path) -> None:
    try:
        with wave.open(str(path), "rb") as wav:
            frames = wav.getnframes()
    except (OSError, EOFError, wave.Error) as exc:
        raise SpeechError(f"the engine wrote no readable WAV file: {exc}") from None
    if frames == 0:
        raise SpeechError("the engine wrote a WAV file without audio")
