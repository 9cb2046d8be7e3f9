"""Which voice speaks each kiosk language, per pyttsx3 driver, and the logged fallback rules."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass

from kiosk.languages import LANGUAGES, TABLE

log = logging.getLogger(__name__)



class UnknownLanguageError(ValueError):
    """The language code is not one the kiosk speaks (see `LANGUAGES`)."""


@dataclass(frozen=True)
class VoiceInfo:
    """One voice as the engine lists it; plain data so the worker process can send it over."""

    id: str
    name: str
    languages: tuple[str, ...]


@dataclass(frozen=True)
class VoicePreference:
    """The wanted voice: an exact id where ids are stable, else language tags only.

    `tags` are tried best first, each as an exact match (case and `-`/`_` ignored) before any
    tag is tried as a prefix (`fr` matches `fr-fr`, `fr-be`, ...).
    """

    voice_id: str | None
    tags: tuple[str, ...]


@dataclass(frozen=True)
class VoiceChoice:
    """The voice that will speak `lang`. `fallback` is None when the table's choice was used."""

    lang: str
    voice_id: str
    name: str
    fallback: str | None = None  # "language" (matched by tags), "english", or "any"


# One table for every driver, from kiosk.languages (where each choice is explained). espeak-ng ids
# are not ISO codes. SAPI5 voice ids are registry tokens that differ per Windows install, so SAPI5
# entries match the language pyttsx3 derives from the voice's LCID ("zh-CN", "fr-FR", ...).
VOICE_TABLE: dict[str, dict[str, VoicePreference]] = {
    "espeak": {lang.code: VoicePreference(lang.espeak_voice, lang.espeak_tags) for lang in TABLE},
    "sapi5": {lang.code: VoicePreference(None, lang.sapi5_tags) for lang in TABLE},
}


def check_language(lang: str) -> str:
    """Return `lang` if the kiosk speaks it, else raise `UnknownLanguageError`."""
    if lang not in LANGUAGES:
        raise UnknownLanguageError(
            f"unknown language code {lang!r}; expected one of: {', '.join(LANGUAGES)}"
        )
    return lang


def preference(driver: str, lang: str) -> VoicePreference:
    """The table entry for `lang`; drivers without a table (nsss, ...) match the code as a tag."""
    return VOICE_TABLE.get(driver, {}).get(lang, VoicePreference(None, (lang,)))


def _norm(tag: str) -> str:
    return tag.strip().lower().replace("_", "-")


def match_language(voices: Sequence[VoiceInfo], tags: Sequence[str]) -> VoiceInfo | None:
    """The first voice whose languages match `tags`: every exact match before any prefix match."""
    wanted = [_norm(t) for t in tags]
    for exact in (True, False):
        for tag in wanted:
            for voice in voices:
                langs = [_norm(lang) for lang in voice.languages]
                if any(x == tag if exact else x.startswith(tag + "-") for x in langs):
                    return voice
    return None


def choose_voice(lang: str, driver: str, voices: Sequence[VoiceInfo]) -> VoiceChoice:
    """Pick the voice for `lang` among the engine's `voices`.

    Fallback, each step logged (ids and codes only, never text): the table's voice id; else a voice
    whose languages match the table's tags (for SAPI5 this is the normal way, not a fallback);
    else the driver's English voice; else the first voice the engine lists.
    """
    check_language(lang)
    if not voices:
        raise LookupError(f"the {driver!r} speech engine lists no voices")
    pref = preference(driver, lang)
    by_id = {v.id: v for v in voices}
    if pref.voice_id is not None and pref.voice_id in by_id:
        return VoiceChoice(lang, pref.voice_id, by_id[pref.voice_id].name)
    wanted = pref.voice_id or "/".join(pref.tags)
    voice = match_language(voices, pref.tags)
    if voice is not None:
        if pref.voice_id is None:
            return VoiceChoice(lang, voice.id, voice.name)
        return _fallback(lang, wanted, voice, "language")
    english = preference(driver, "en")
    voice = by_id.get(english.voice_id or "") or match_language(voices, english.tags)
    if voice is not None:
        return _fallback(lang, wanted, voice, "english")
    return _fallback(lang, wanted, voices[0], "any")


def _fallback(lang: str, wanted: str, voice: VoiceInfo, kind: str) -> VoiceChoice:
    log.warning("speech: no voice %s for %r; using %s (%s fallback)", wanted, lang, voice.id, kind)
    return VoiceChoice(lang, voice.id, voice.name, kind)
