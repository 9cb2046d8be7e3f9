"""Moves "today" in the Python processes that tests start (`kiosk render`, kill tests, workers).

`pytest --today=DAY` (tests/conftest.py) puts this folder first on PYTHONPATH and the shift in
KIOSK_TEST_CLOCK_SHIFT (seconds), so a child agrees with the test about what day it is. Nothing
outside the test suite ever has this folder on its path.
"""

import os

_shift = os.environ.get("KIOSK_TEST_CLOCK_SHIFT")
if _shift:
    import time

    import time_machine

    time_machine.travel(time.time() + float(_shift), tick=True).start()
