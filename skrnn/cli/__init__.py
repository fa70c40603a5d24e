"""Command line: ``skrnn compare`` (also ``python -m skrnn compare``).

The command trains a lineup of models on one series and ranks them; every
model is a :class:`~skrnn.forecasting.WindowForecaster`. Its parts::

    options   the parser and the option checks      skrnn.cli.options
    data      reading, preparing, splitting         skrnn.cli.data
    lineup    the models (ModelSpec, MODELS)        skrnn.cli.lineup
    compare   the run loop (compare) and the        skrnn.cli.compare
              command (run)
    output    progress, leaderboard, files, plot    skrnn.cli.output

Examples
--------
Rank the quick lineup on the embedded CTA rail ridership::

    skrnn compare --quick

On your own CSV, with a feature known one day ahead::

    skrnn compare --data sales.csv --date-column day --target units \\
        --features promo,weekday --epochs 30
"""

from __future__ import annotations

import sys

from skrnn.cli.options import CommandLineError, build_parser

__all__ = ["CommandLineError", "main"]


def main(argv: list[str] | None = None) -> int:
    """Run the command line; returns the exit status.

    A user error (bad option, unreadable data) is reported as one line,
    ``skrnn compare: error: ...``, with exit status 2, before any model
    trains.

    Parameters
    ----------
    argv : list of str, optional
        The arguments after the program name (default: ``sys.argv[1:]``).

    Returns
    -------
    int
        0 on success, 2 on a user error.
    """
    command = "compare" if argv is None or "compare" in argv else None
    try:
        args = build_parser().parse_args(argv)
        command = args.command
        from skrnn.cli.compare import run

        return run(args)
    except (CommandLineError, ValueError) as exc:
        message = " ".join(str(exc).split())
        where = f"skrnn {command}" if command else "skrnn"
        print(f"{where}: error: {message}", file=sys.stderr)
        return 2
