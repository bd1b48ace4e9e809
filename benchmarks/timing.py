"""The one timing helper every benchmark uses."""

from __future__ import annotations

import gc
import statistics
import time
from collections.abc import Callable


def median_time(action: Callable[[], object], runs: int) -> float:
    """Median wall time of ``runs`` calls, in seconds (garbage collected before each)."""
    times = []
    for _ in range(runs):
        gc.collect()
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times)
