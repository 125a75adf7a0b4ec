"""The example from the README: a Python function Slurm Desk runs as a job.

    npx slurmdesk submit --cluster embedded --python examples/hello.py:greet --kwargs '{"name": "Ada"}' --wait --json
"""
import os
import socket


def greet(name="world"):
    # Whatever the function returns (JSON-compatible) becomes the job's result.json.
    return {
        "greeting": f"Hello, {name}!",
        "host": socket.gethostname(),
        "slurm_job_id": os.environ.get("SLURM_JOB_ID"),
    }
