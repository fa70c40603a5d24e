"""Command line: ``skrnn compare`` (also ``python -m skrnn compare``).

Examples
--------
Rank the quick lineup on the embedded CTA rail ridership::

    skrnn compare --quick

On your own CSV::

    skrnn compare --data sales.csv --date-column day --target units --epochs 30
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

import pandas as pd

RIDERSHIP_SPLIT = {
    "train_start": "2016-01-01",
    "valid_start": "2019-01-01",
    "valid_end": "2019-05-31",
}


class CommandLineError(Exception):
    """A user error reported as one line, without a traceback."""


def _parser() -> argparse.ArgumentParser:
    from skrnn.compare import MODELS, QUICK_MODELS

    parser = argparse.ArgumentParser(
        prog="skrnn", description="Time-series models as scikit-learn estimators."
    )
    commands = parser.add_subparsers(dest="command", required=True)
    cmp = commands.add_parser(
        "compare",
        help="train a lineup of models on one series and print a leaderboard",
        description="Train models on a series (default: the embedded CTA rail "
        "ridership, the book's 2016-2018 / 2019-01..05 split) and rank them by "
        "one-step validation MAE.",
    )
    cmp.add_argument("--data", type=Path, help="CSV file (default: embedded ridership)")
    cmp.add_argument("--date-column", default=None, help="date column of --data")
    cmp.add_argument("--target", default=None, help="target column (default: rail)")
    cmp.add_argument("--window-length", type=int, default=56)
    cmp.add_argument(
        "--models",
        default=None,
        help=f"comma-separated subset of {','.join(MODELS)} "
        f"(default: all; --quick: {','.join(QUICK_MODELS)})",
    )
    cmp.add_argument(
        "--epochs", type=int, default=None, help="max epochs (default 100)"
    )
    cmp.add_argument("--quick", action="store_true", help="few models, 20 epochs")
    cmp.add_argument("--valid-start", default=None, help="first validation date")
    cmp.add_argument("--output-dir", type=Path, default=Path("skrnn-output"))
    cmp.add_argument("--seed", type=int, default=42)
    return parser


def _load_series(args) -> tuple[pd.Series, dict]:
    if args.data is None:
        from skrnn.datasets import load_ridership

        return load_ridership()[args.target or "rail"].astype(float), RIDERSHIP_SPLIT
    if not args.data.is_file():
        raise CommandLineError(f"--data: no such file: {args.data}")
    try:
        frame = pd.read_csv(args.data)
    except (pd.errors.ParserError, UnicodeDecodeError, pd.errors.EmptyDataError) as exc:
        raise CommandLineError(
            f"--data: {args.data} is not a readable CSV ({exc})."
        ) from None
    for option, column in (
        ("--date-column", args.date_column),
        ("--target", args.target),
    ):
        if column is not None and column not in frame.columns:
            raise CommandLineError(
                f"{option}: no column {column!r} in {args.data}; "
                f"columns are {list(frame.columns)}."
            )
    if args.target is None:
        numeric = frame.select_dtypes("number").columns
        if len(numeric) == 0:
            raise CommandLineError(f"--data: {args.data} has no numeric column.")
        args.target = numeric[-1]
    series = frame[args.target]
    if args.date_column is not None:
        dates = pd.to_datetime(frame[args.date_column], errors="coerce")
        if dates.isna().any():
            bad = frame[args.date_column][dates.isna()].iloc[0]
            raise CommandLineError(f"--date-column: cannot parse date {bad!r}.")
        series.index = pd.DatetimeIndex(dates)
        if not series.index.is_monotonic_increasing or series.index.has_duplicates:
            raise CommandLineError(
                "--date-column: dates must be sorted and unique; sort the file "
                "or remove the duplicated dates."
            )
    series = pd.to_numeric(series, errors="coerce")
    if series.isna().any():
        raise CommandLineError(
            f"--target: column {args.target!r} has {int(series.isna().sum())} "
            "missing or non-numeric values."
        )
    return series.astype(float), {}


def _compare(args) -> int:
    from skrnn.compare import MODELS, QUICK_MODELS, compare, time_split

    series, split_dates = _load_series(args)
    if args.valid_start is not None:
        split_dates = {**split_dates, "valid_start": args.valid_start}
    names = args.models.split(",") if args.models else None
    names = names or list(QUICK_MODELS if args.quick else MODELS)
    unknown = sorted(set(names) - set(MODELS))
    if unknown:
        raise CommandLineError(
            f"--models: unknown {unknown}; choose from {list(MODELS)}."
        )
    epochs = args.epochs or (20 if args.quick else 100)
    split = time_split(series, **split_dates)
    needed = args.window_length + 1
    for period, part in (("training", split.train), ("validation", split.valid)):
        if len(part) < needed:
            raise CommandLineError(
                f"the {period} period has {len(part)} points; window_length="
                f"{args.window_length} needs at least {needed}."
            )
    print(
        f"skrnn compare: {len(names)} models, target {series.name!r}, "
        f"train {len(split.train)} / validation {len(split.valid)} points, "
        f"window {args.window_length}, up to {epochs} epochs",
        flush=True,
    )
    started = time.perf_counter()

    def progress(row: dict) -> None:
        done = progress.count = getattr(progress, "count", 0) + 1
        print(
            f"[{done}/{len(names)}] {row['description']:<28} "
            f"MAE {row['valid_mae']:>14,.1f}  ({row['fit_seconds']:.1f} s)",
            flush=True,
        )

    table = compare(
        split,
        names,
        window_length=args.window_length,
        epochs=epochs,
        seed=args.seed,
        on_model_done=progress,
    )
    args.output_dir.mkdir(parents=True, exist_ok=True)
    table.to_csv(args.output_dir / "leaderboard.csv", index=False)
    (args.output_dir / "leaderboard.json").write_text(
        json.dumps(table.to_dict(orient="records"), indent=2)
    )
    print("\nLeaderboard (one step ahead, validation MAE):")
    print(table.to_string(index=False, float_format=lambda v: f"{v:,.1f}"))
    print(
        f"\nDone in {time.perf_counter() - started:.0f} s. Results: "
        f"{args.output_dir / 'leaderboard.csv'} and leaderboard.json"
    )
    return 0


def main(argv: list[str] | None = None) -> int:
    """Run the command line; returns the exit status."""
    args = _parser().parse_args(argv)
    try:
        return _compare(args)
    except (CommandLineError, ValueError) as exc:
        print(f"skrnn {args.command}: error: {exc}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
