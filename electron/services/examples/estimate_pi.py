"""The example Slurm Desk offers on first run: a small Python task with a JSON result.

It estimates pi by throwing random points at a square and counting those inside the circle,
so it needs nothing but the standard library and finishes in about a second.
"""

import os
import random
import time


def estimate_pi(samples=2_000_000, seed=None):
    started = time.time()
    rng = random.Random(seed)
    inside = 0
    for _ in range(samples):
        x, y = rng.random(), rng.random()
        if x * x + y * y <= 1.0:
            inside += 1
    print(f"threw {samples:,} points, {inside:,} landed inside the circle")
    return {
        "pi": 4.0 * inside / samples,
        "samples": samples,
        "seconds": round(time.time() - started, 3),
        "host": os.uname().nodename,
        "slurm_job_id": os.environ.get("SLURM_JOB_ID"),
    }
