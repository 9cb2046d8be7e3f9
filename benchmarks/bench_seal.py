"""Sealing, opening, signing and verifying one submission, per call (timeit).

    .venv/bin/python benchmarks/bench_seal.py [--runs 7] [--number 2000] [--source OLD_CHECKOUT]

The answers are bench_sync's (tests/integration/sync_support.answers, 1,135 bytes of JSON), sealed
to a demo office key with a record's binding, and a K2 code signed with a kiosk key, as Submit
does. Each figure is the median of --runs timings of --number calls (min beside it). --source runs
the same measurement on the kiosk package of another checkout (e.g. one from before PyNaCl, issue
15: `git worktree add /tmp/old <commit>`), so two versions can be compared on one machine and load.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import statistics
import sys
import tempfile
import timeit
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent


def per_call_us(fn: Callable[[], object], runs: int, number: int) -> tuple[float, float]:
    times = [t / number * 1e6 for t in timeit.repeat(fn, number=number, repeat=runs)]
    return statistics.median(times), min(times)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--number", type=int, default=2000)
    parser.add_argument("--source", type=Path, default=HERE.parent, help="checkout whose kiosk to time")
    args = parser.parse_args()
    sys.path[:0] = [str(HERE), str(args.source.resolve())]

    from headline import headline

    import kiosk
    from kiosk.crypto.keys import KeyRegistry, load_or_create_signing_key
    from kiosk.crypto.office import DEMO_PASSPHRASE, DEMO_PRIVATE_FILE, load_private, office_public_key
    from kiosk.crypto.seal import binding, open_sealed, seal
    from kiosk.qrpayload import Payload, box_hash, encode, verify
    from tests.integration.sync_support import answers

    folder = Path(tempfile.mkdtemp(prefix="bench-seal-"))
    office = office_public_key(folder / "office-public-key.pem", folder, demo=True)
    private = load_private(folder / DEMO_PRIVATE_FILE, DEMO_PASSPHRASE)
    signer = load_or_create_signing_key(folder)
    registry = KeyRegistry(folder / "keys.json")
    registry.register("SK-BENCH", signer.public_key())
    document = {"form": "temporary-residence", "version": 1, "lang": "en", "answers": answers()}
    plain = json.dumps(document, ensure_ascii=False).encode()
    created = dt.datetime(2027, 3, 1, 9, 30, tzinfo=dt.UTC)
    bound = binding("0f8fad5b-d9cb-469f-a165-70867728950e", "ACEFGHJK", "SK-BENCH", "temporary-residence",
                    created)  # fmt: skip
    box = seal(plain, office, bound)
    code = encode(Payload("ACEFGHJK", "SK-BENCH", "temporary-residence", created, box_hash(box)), signer)
    assert open_sealed(box, private, bound) == plain and verify(code, registry).genuine

    payload = Payload("ACEFGHJK", "SK-BENCH", "temporary-residence", created, box_hash(box))
    cases: dict[str, Callable[[], object]] = {
        "seal": lambda: seal(plain, office, bound),
        "open": lambda: open_sealed(box, private, bound),
        "sign": lambda: encode(payload, signer),
        "verify": lambda: verify(code, registry),
    }
    print(f"kiosk package: {Path(kiosk.__file__).parent}; {len(plain)} bytes of answers; "
          f"{args.runs} runs x {args.number} calls")  # fmt: skip
    for name, fn in cases.items():
        median, low = per_call_us(fn, args.runs, args.number)
        print(f"  {name:<7} median {median:6.1f} µs/call, min {low:6.1f}")
        if name in ("seal", "sign"):
            headline(f"{name}_per_call", median, "us")
    return 0


if __name__ == "__main__":
    sys.exit(main())
