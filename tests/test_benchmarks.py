"""Every script in ``benchmarks/`` parses its command line: ``--help`` works.

The benchmarks themselves run for minutes to hours and are not run here; this
catches a broken argument parser (a help string argparse cannot format, an
import that fails) before someone needs the script. Each script runs as a copy
in a temporary folder, so that one without a parser, which would run instead,
writes its results there and not over ``benchmarks/results``.
"""

from __future__ import annotations

import runpy
import shutil
import sys
from pathlib import Path

import pytest

BENCHMARKS = sorted(
    (Path(__file__).resolve().parent.parent / "benchmarks").glob("*.py")
)


def test_benchmarks_found():
    assert BENCHMARKS, "no benchmark scripts found in benchmarks/"


@pytest.mark.parametrize("script", BENCHMARKS, ids=[path.name for path in BENCHMARKS])
def test_benchmark_help(script, tmp_path, monkeypatch, capsys):
    copy = shutil.copy(script, tmp_path)
    monkeypatch.setattr(sys, "argv", [script.name, "--help"])
    with pytest.raises(SystemExit) as exit_info:
        runpy.run_path(str(copy), run_name="__main__")
    assert exit_info.value.code == 0
    assert "usage:" in capsys.readouterr().out
