"""`kiosk self-test`: check this installation (source or bundle) end to end; exit 0 when all pass."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from kiosk.commands._shared import load_config


def register(sub: Any) -> None:
    parser: argparse.ArgumentParser = sub.add_parser(
        "self-test",
        help="check fonts, catalogs, databases, speech and a visit of every form (exit 0 = all pass)",
    )
    parser.add_argument("--languages", metavar="CODES",
                        help="comma-separated languages to walk every form in "
                        "(default: the first two the kiosk offers)")  # fmt: skip
    parser.add_argument("--screenshots", type=Path, metavar="DIR",
                        help="save a PNG of every screen of every visit here")  # fmt: skip
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    import tempfile
    import time
    from dataclasses import replace

    from kiosk import selftest as st

    config = load_config(args)
    if config is None:
        return 2
    languages = tuple(args.languages.split(",")) if args.languages else config.languages[:2]
    unknown = [code for code in languages if code not in config.languages]
    if unknown:
        print(f"error: --languages: not offered by this kiosk: {' '.join(unknown)}")
        return 2
    start = time.monotonic()
    checks: list[st.Check] = []

    def report(check: st.Check) -> None:
        checks.append(check)
        print(check.line(), flush=True)

    with tempfile.TemporaryDirectory(prefix="kiosk-selftest-") as tmp:
        work = Path(tmp)
        # Visits are queued in a throwaway data folder, never in this kiosk's real queue; they are
        # sealed to the office key when one is configured, else to a throwaway demo key there.
        scratch = replace(config, data_dir=work / "data", demo=True)
        report(st.timed("system libraries", st.check_system_libraries))
        report(st.timed("fonts", st.check_fonts))
        report(st.timed("photo checks (face model)", st.check_photos))
        report(st.timed("passport read (camera)", st.check_passport_read))
        report(st.timed("translation catalogs", lambda: st.check_catalogs(config.languages)))
        report(st.timed("locale data", lambda: st.check_locale_data(config.languages)))
        report(st.timed("data folder writable", lambda: st.check_data_dir(config.data_dir)))
        report(st.timed("databases and migrations", lambda: st.check_databases(work)))
        report(st.timed("speech engine", lambda: st.check_speech(languages, work)))

        try:
            from kiosk.qt.selftest_visit import run_visits
        except ImportError as exc:  # Qt cannot load: a missing system library, most often
            from kiosk.system_libs import advice

            report(st.Check("QML user interface", False, advice(exc) or f"{type(exc).__name__}: {exc}"))
            print(st.summary(checks, time.monotonic() - start))
            return 1
        for check in run_visits(
            scratch, languages,
            answers_for=lambda form_id: st.sample_answers(form_id, config.forms_dir),
            check_pdf=lambda pdf, ref: st.verify_printed(pdf, ref, scratch.data_dir),
            shots=args.screenshots,
        ):  # fmt: skip
            report(check)
    print(st.summary(checks, time.monotonic() - start))
    return 0 if checks and all(c.ok for c in checks) else 1
