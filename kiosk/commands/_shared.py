"""Helpers shared by the command modules: the config, with its problems printed for people."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from kiosk.config import ConfigError, KioskConfig, load


def load_config(args: argparse.Namespace) -> KioskConfig | None:
    """The config named by the global `--config` (or the defaults); None after printing why not."""
    try:
        return load(getattr(args, "config", None))
    except ConfigError as exc:
        print(f"error: config {exc.source}:", file=sys.stderr)
        for problem in exc.problems:
            print(f"  - {problem}", file=sys.stderr)
        return None


def forms_folder(config: KioskConfig) -> Path:
    """Where the installed forms are: the config's override, or the bundled folder."""
    from kiosk import paths

    return config.forms_dir or paths.forms_dir()
