"""The one machine-readable line each benchmark prints per headline figure, for `make bench`.

    BENCH <name> <value> <unit> <target>

`name` has no spaces; `target` is what the figure is held to (`<=3`, `>=20`, `-` for none).
benchmarks/run_all.py collects these lines from every script into one table.
"""

from __future__ import annotations

from typing import NamedTuple

PREFIX = "BENCH"


class Headline(NamedTuple):
    name: str
    value: float
    unit: str
    target: str

    def met(self) -> bool | None:
        """Whether `value` meets `target`; None when there is no target."""
        for sign, holds in (("<=", float.__le__), (">=", float.__ge__)):
            if self.target.startswith(sign):
                return holds(float(self.value), float(self.target[len(sign) :]))
        return None


def headline(name: str, value: float, unit: str, target: str = "-") -> None:
    print(f"{PREFIX} {name} {value:.4g} {unit} {target}", flush=True)


def parse(line: str) -> Headline | None:
    """The headline in one output line, or None if it is not one."""
    parts = line.split()
    if len(parts) != 5 or parts[0] != PREFIX:
        return None
    try:
        return Headline(parts[1], float(parts[2]), parts[3], parts[4])
    except ValueError:
        return None
