"""Text-to-speech for the kiosk: pyttsx3 in a supervised worker process. Never imports Qt."""

from kiosk.speech.jobs import SpeechError, Timeouts
from kiosk.speech.service import SpeechService
from kiosk.speech.voices import (
    LANGUAGES,
    VOICE_TABLE,
    UnknownLanguageError,
    VoiceChoice,
    choose_voice,
)

__all__ = [
    "LANGUAGES",
    "VOICE_TABLE",
    "SpeechError",
    "SpeechService",
    "Timeouts",
    "UnknownLanguageError",
    "VoiceChoice",
    "choose_voice",
]
