"""`kiosk speak`: write a sentence to a WAV file, spoken with the voice the kiosk would use."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from kiosk.languages import LANGUAGES


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = sub.add_parser(
        "speak",
        help="render speech to a WAV file with the kiosk's voice",
        description="Render TEXT to a WAV file with the voice the kiosk uses for --lang.",
    )
    parser.add_argument("--lang", required=True, help=f"language code: {', '.join(LANGUAGES)}")
    parser.add_argument("--out", required=True, type=Path, help="the WAV file to write")
    parser.add_argument("text", nargs="+", metavar="TEXT", help="the words to speak")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Exit 0 when written, 2 for an unknown language code, 1 when the engine fails."""
    if args.lang not in LANGUAGES:
        print(
            f"kiosk speak: unknown language code {args.lang!r}; "
            f"expected one of: {', '.join(LANGUAGES)}",
            file=sys.stderr,
        )
        return 2
    from kiosk.speech import SpeechError, SpeechService  # starts nothing until used

    try:
        with SpeechService() as service:
            choice = service.voice_for(args.lang)
            path = service.render_to_file(" ".join(args.text), args.lang, args.out)
    except (SpeechError, OSError) as exc:
        print(f"kiosk speak: {exc}", file=sys.stderr)
        return 1
    fallback = f", {choice.fallback} fallback" if choice.fallback else ""
    print(f"{path} (voice {choice.voice_id}{fallback})")
    return 0
