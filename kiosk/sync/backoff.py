"""Exponential backoff with jitter, capped short so the network's return is noticed promptly."""

from __future__ import annotations

import random
from dataclasses import dataclass, field


@dataclass
class Backoff:
    """`delay(n)` for the n-th consecutive failure (n ≥ 1): base·2^(n-1), capped, jittered.

    "Equal jitter": half the step is fixed and half random, so twenty kiosks that lost the office
    together do not retry in lockstep, and none waits longer than `cap_s`.
    """

    base_s: float = 1.0
    cap_s: float = 30.0
    rng: random.Random = field(default_factory=random.Random)

    def delay(self, failures: int) -> float:
        if failures <= 0:
            return 0.0
        step = min(self.cap_s, self.base_s * 2 ** min(failures - 1, 30))
        return step / 2 + self.rng.uniform(0, step / 2)
