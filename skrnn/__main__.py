"""Command line: ``skrnn compare`` (also ``python -m skrnn compare``).

Examples
--------
Rank the quick lineup on the embedded CTA rail ridership::

    skrnn compare --quick

On your own CSV, with a feature known one day ahead::

    skrnn compare --data sales.csv --date-column day --target units \\
        --features promo,weekday --epochs 30
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
RIDERSHIP_FEATURES = ("bus", "day_type")


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
        "ridership with bus and the next day's type as features, the book's "
        "2016-2018 / 2019-01..05 split) and rank them by validation MAE, one "
        "step and --horizon steps ahead.",
    )
    cmp.add_argument("--data", type=Path, help="CSV file (default: embedded ridership)")
    cmp.add_argument("--date-column", default=None, help="date column of --data")
    cmp.add_argument("--target", default=None, help="target column (default: rail)")
    cmp.add_argument(
        "--features",
        default=None,
        help="comma-separated feature columns for the multivariate models; "
        "non-numeric ones are one-hot encoded as the next step's value "
        "(default for the embedded data: bus,day_type)",
    )
    cmp.add_argument("--window-length", type=int, default=56)
    cmp.add_argument("--horizon", type=int, default=14, help="steps ahead (default 14)")
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


def _read_csv(args) -> tuple[pd.DataFrame, dict]:
    if args.data is None:
        from skrnn.datasets import load_ridership

        frame = load_ridership()
        args.target = args.target or "rail"
        if args.features is None:
            args.features = ",".join(RIDERSHIP_FEATURES)
        return frame, RIDERSHIP_SPLIT
    if not args.data.is_file():
        raise CommandLineError(f"--data: no such file: {args.data}")
    try:
        frame = pd.read_csv(args.data)
    except (pd.errors.ParserError, UnicodeDecodeError, pd.errors.EmptyDataError) as exc:
        raise CommandLineError(
            f"--data: {args.data} is not a readable CSV ({exc})."
        ) from None
    if args.date_column is not None:
        if args.date_column not in frame.columns:
            raise CommandLineError(
                f"--date-column: no column {args.date_column!r} in {args.data}; "
                f"columns are {list(frame.columns)}."
            )
        dates = pd.to_datetime(frame[args.date_column], errors="coerce")
        if dates.isna().any():
            bad = frame[args.date_column][dates.isna()].iloc[0]
            raise CommandLineError(f"--date-column: cannot parse date {bad!r}.")
        frame = frame.drop(columns=args.date_column).set_index(pd.DatetimeIndex(dates))
        if not frame.index.is_monotonic_increasing or frame.index.has_duplicates:
            raise CommandLineError(
                "--date-column: dates must be sorted and unique; sort the file "
                "or remove the duplicated dates."
            )
    if args.target is None:
        numeric = frame.select_dtypes("number").columns
        if len(numeric) == 0:
            raise CommandLineError(f"--data: {args.data} has no numeric column.")
        args.target = numeric[-1]
    return frame, {}


def _load(args) -> tuple[pd.DataFrame, dict]:
    """The prepared frame (target first, then encoded features) and split dates."""
    from skrnn.compare import prepare_frame

    frame, split_dates = _read_csv(args)
    source = args.data or "the embedded data"
    features = [c for c in (args.features or "").split(",") if c]
    for option, columns in (("--target", [args.target]), ("--features", features)):
        missing = [c for c in columns if c not in frame.columns]
        if missing:
            raise CommandLineError(
                f"{option}: no column {missing[0]!r} in {source}; "
                f"columns are {list(frame.columns)}."
            )
    target = pd.to_numeric(frame[args.target], errors="coerce")
    counts = [("--target", args.target, int(target.isna().sum()))]
    counts += [("--features", c, int(frame[c].isna().sum())) for c in features]
    for option, column, bad in counts:
        if bad:
            raise CommandLineError(
                f"{option}: column {column!r} has {bad} missing or non-numeric values."
            )
    return prepare_frame(target, frame[features] if features else None), split_dates


def _progress_bar(done: int, total: int, width: int = 20) -> str:
    filled = round(width * done / total)
    return f"[{'#' * filled}{'.' * (width - filled)}] {done}/{total}"


def _write_outputs(result, args, frame: pd.DataFrame) -> list[Path]:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    from skrnn.plotting import plot_forecast, plot_horizon_mae

    out = args.output_dir
    out.mkdir(parents=True, exist_ok=True)
    table = result.leaderboard
    paths = [out / "leaderboard.csv", out / "leaderboard.json", out / "compare.png"]
    table.to_csv(paths[0], index=False)
    meta = {
        "target": str(frame.columns[0]),
        "features": [str(c) for c in frame.columns[1:]],
        "window_length": args.window_length,
        "horizon": args.horizon,
        "epochs": args.epochs,
        "seed": args.seed,
    }
    records = json.loads(table.to_json(orient="records"))
    paths[1].write_text(
        json.dumps({"settings": meta, "leaderboard": records}, indent=2)
    )

    fig, (top, bottom) = plt.subplots(2, 1, figsize=(10, 8))
    best = table[table["task"] == "one step"].head(3)
    forecasts = result.one_step_forecasts
    plot_forecast(
        forecasts["actual"],
        {row.description: forecasts[row.model] for row in best.itertuples()},
        ax=top,
    )
    top.set_title("One step ahead: the best models against actuals (validation)")
    multi = table[table["task"] == "multi-step"]
    horizon_columns = [c for c in table.columns if c.startswith("mae_h")]
    if len(multi):
        plot_horizon_mae(
            {
                row.description: row[horizon_columns].to_numpy()
                for _, row in multi.iterrows()
            },
            ax=bottom,
        )
    else:
        bottom.set_visible(False)
    fig.tight_layout()
    fig.savefig(paths[2], dpi=110)
    plt.close(fig)
    return paths


def _compare(args) -> int:
    from skrnn.compare import MODELS, QUICK_MODELS, compare, time_split

    for option, value in (
        ("--window-length", args.window_length),
        ("--horizon", args.horizon),
    ):
        if value < 1:
            raise CommandLineError(f"{option} must be >= 1, got {value}.")
    frame, split_dates = _load(args)
    if args.valid_start is not None:
        split_dates = {**split_dates, "valid_start": args.valid_start}
    names = [m for m in (args.models or "").split(",") if m]
    if not names:
        names = list(QUICK_MODELS if args.quick else MODELS)
        if frame.shape[1] == 1:  # no features: leave the multivariate models out
            names = [m for m in names if not MODELS[m].multivariate]
    unknown = sorted(set(names) - set(MODELS))
    if unknown:
        raise CommandLineError(
            f"--models: unknown {unknown}; choose from {list(MODELS)}."
        )
    needs_features = [m for m in names if MODELS[m].multivariate]
    if frame.shape[1] == 1 and needs_features:
        raise CommandLineError(
            f"--models: {needs_features} need feature columns besides the target; "
            "name them with --features."
        )
    args.epochs = args.epochs or (20 if args.quick else 100)
    split = time_split(frame, **split_dates)
    multi_step = any(MODELS[m].task == "multi-step" for m in names)
    ahead = args.horizon if multi_step else 1
    needed = args.window_length + ahead
    for period, part in (("training", split.train), ("validation", split.valid)):
        if len(part) < needed:
            raise CommandLineError(
                f"the {period} period has {len(part)} points; window_length="
                f"{args.window_length} and {ahead} step(s) ahead need at least "
                f"{needed}."
            )
    print(
        f"skrnn compare: {len(names)} models, target {frame.columns[0]!r}, "
        f"features {list(frame.columns[1:])}, train {len(split.train)} / "
        f"validation {len(split.valid)} points, window {args.window_length}, "
        f"horizon {args.horizon}, up to {args.epochs} epochs",
        flush=True,
    )
    started = time.perf_counter()
    done: list[dict] = []

    def on_start(name, spec) -> None:
        print(
            f"{_progress_bar(len(done), len(names))} fitting {spec.description}...",
            flush=True,
        )

    def on_done(row: dict) -> None:
        done.append(row)
        print(
            f"{_progress_bar(len(done), len(names))} {row['description']:<34} "
            f"MAE {row['valid_mae']:>14,.1f}  ({row['fit_seconds']:.1f} s)",
            flush=True,
        )

    result = compare(
        split,
        names,
        window_length=args.window_length,
        horizon=args.horizon,
        epochs=args.epochs,
        seed=args.seed,
        on_model_start=on_start,
        on_model_done=on_done,
    )
    paths = _write_outputs(result, args, frame)
    table = result.leaderboard
    columns = ["model", "description", "valid_mae", "fit_seconds", "epochs"]
    for task, title in (("one step", "one step ahead"), ("multi-step", "multi-step")):
        part = table[table["task"] == task]
        if len(part):
            print(f"\nLeaderboard, {title} (validation MAE):")
            print(
                part[columns].to_string(index=False, float_format=lambda v: f"{v:,.1f}")
            )
    multi = table[table["task"] == "multi-step"]
    if len(multi):
        horizon_columns = [c for c in table.columns if c.startswith("mae_h")]
        per_horizon = multi.set_index("model")[horizon_columns]
        per_horizon.columns = [f"+{c[5:]}" for c in horizon_columns]
        print("\nMAE per horizon:")
        print(per_horizon.to_string(float_format=lambda v: f"{v:,.0f}"))
    elapsed = time.perf_counter() - started
    outputs = ", ".join(str(p) for p in paths)
    print(f"\nDone in {elapsed:.0f} s. Outputs: {outputs}")
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
