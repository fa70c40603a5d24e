"""Every script in ``examples/`` runs to completion; the quick start beats naive.

Each script runs in its own Python process (as ``make docs`` runs it through
sphinx-gallery), with the non-interactive matplotlib backend and an empty
working directory, so that pytest-xdist can spread the scripts over workers.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

EXAMPLES = sorted((Path(__file__).resolve().parent.parent / "examples").glob("*.py"))


def test_examples_found():
    assert EXAMPLES, "no example scripts found in examples/"


@pytest.mark.slow
@pytest.mark.parametrize("script", EXAMPLES, ids=[path.name for path in EXAMPLES])
def test_example_runs(script, tmp_path):
    env = {
        **os.environ,
        "MPLBACKEND": "Agg",
        "TF_CPP_MIN_LOG_LEVEL": "2",
        "PYTHONHASHSEED": "0",
    }
    result = subprocess.run(
        [sys.executable, str(script)],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, (
        f"{script.name} exited with {result.returncode}\n"
        f"--- stdout ---\n{result.stdout[-3000:]}\n"
        f"--- stderr ---\n{result.stderr[-5000:]}"
    )
    if script.name == "plot_quickstart.py":
        check_quickstart_output(result.stdout)


def check_quickstart_output(stdout: str) -> None:
    """The quick start shows a GRU with default parameters beating seasonal
    naive by at least 10% in MAE."""
    maes = {
        line.split("R²")[0].strip(): float(
            line.split("MAE")[1].split()[0].replace(",", "")
        )
        for line in stdout.splitlines()
        if "MAE" in line
    }
    assert set(maes) == {"seasonal naive (lag 7)", "GRU, defaults"}, stdout
    assert maes["GRU, defaults"] < 0.9 * maes["seasonal naive (lag 7)"], maes
