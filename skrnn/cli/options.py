"""The options of ``skrnn compare``: the parser and the checks run before any work.

Every option is checked here, or while the data is read
(:mod:`skrnn.cli.data`), before the first model trains; a bad value is a
:class:`CommandLineError`, reported as one line.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from skrnn.cli.lineup import MODELS, QUICK_MODELS, UNIVARIATE_STAND_INS

__all__ = [
    "MAX_SEED",
    "CommandLineError",
    "build_parser",
    "check_options",
    "model_names",
]

#: the largest ``--seed`` (seeds are 32-bit unsigned integers)
MAX_SEED = 2**32 - 1


class CommandLineError(Exception):
    """A user error reported as one line, without a traceback."""


class _Parser(argparse.ArgumentParser):
    """An argument parser whose errors are one-line CommandLineErrors."""

    def error(self, message: str):
        raise CommandLineError(message)


def build_parser() -> argparse.ArgumentParser:
    """The ``skrnn`` argument parser (one sub-command: ``compare``).

    Returns
    -------
    argparse.ArgumentParser

    Examples
    --------
    >>> args = build_parser().parse_args(["compare", "--quick"])
    >>> args.command, args.quick, args.window_length
    ('compare', True, 56)
    """
    parser = _Parser(
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
    cmp.add_argument(
        "--target",
        default=None,
        help="target column (default: rail for the embedded data; with --data "
        "the only numeric column that is not a feature, else --target is "
        "required)",
    )
    cmp.add_argument(
        "--features",
        default=None,
        help="comma-separated feature columns for the multivariate models; "
        "non-numeric ones are one-hot encoded as the next step's value "
        "(default for the embedded data: bus,day_type)",
    )
    cmp.add_argument(
        "--window-length",
        type=int,
        default=56,
        help="time steps per window (default 56)",
    )
    cmp.add_argument("--horizon", type=int, default=14, help="steps ahead (default 14)")
    cmp.add_argument(
        "--models",
        default=None,
        help=f"comma-separated subset of {', '.join(MODELS)} "
        f"(default: all; --quick: {', '.join(QUICK_MODELS)})",
    )
    cmp.add_argument(
        "--epochs",
        type=int,
        default=None,
        help="max epochs of the neural models, >= 1 (default 100; --quick: 20)",
    )
    cmp.add_argument("--quick", action="store_true", help="few models, 20 epochs")
    cmp.add_argument(
        "--valid-start",
        default=None,
        help="first validation date (a row number when --data has no "
        "--date-column; default: the last 15%% of the data)",
    )
    cmp.add_argument(
        "--coverage",
        type=float,
        default=0.9,
        help="nominal coverage of the conformal prediction intervals, in (0, 1) "
        "(default 0.9); their empirical coverage and MSIS are scored on the "
        "validation windows beside the MAE and drawn as bands. They are "
        "calibrated on the window_length - steps + 1 validation forecasts before "
        "the scored ones, and need at least 2 / (1 - coverage) - 1 of them (19 "
        "for 0.9, 39 for 0.95)",
    )
    cmp.add_argument(
        "--output-dir",
        type=Path,
        default=Path("skrnn-output"),
        help="where the leaderboard and the plot go (default: skrnn-output)",
    )
    cmp.add_argument(
        "--seed",
        type=int,
        default=42,
        help=f"random seed of the neural models, 0 ... {MAX_SEED} (default 42)",
    )
    return parser


def check_options(args: argparse.Namespace) -> None:
    """Check the numeric options and ``--models``; fill in the default epochs.

    Parameters
    ----------
    args : argparse.Namespace
        Parsed by :func:`build_parser`; ``args.epochs`` is set to its default
        (20 with ``--quick``, else 100) when not given.

    Raises
    ------
    CommandLineError
        For a value out of range or an unknown model name.
    """
    for option, value in (
        ("--window-length", args.window_length),
        ("--horizon", args.horizon),
        ("--epochs", args.epochs),
    ):
        if value is not None and value < 1:
            raise CommandLineError(f"{option} must be >= 1, got {value}.")
    if not 0 < args.coverage < 1:
        raise CommandLineError(
            f"--coverage must be between 0 and 1 (exclusive), got {args.coverage}."
        )
    if not 0 <= args.seed <= MAX_SEED:
        raise CommandLineError(
            f"--seed must be between 0 and {MAX_SEED}, got {args.seed}."
        )
    if args.epochs is None:
        args.epochs = 20 if args.quick else 100
    if args.models is not None and not _listed_models(args):
        raise CommandLineError(
            f"--models names no model (got {args.models!r}); leave it out for the "
            f"default lineup, or choose from {list(MODELS)}."
        )
    unknown = [m for m in _listed_models(args) if m not in MODELS]
    if unknown:
        raise CommandLineError(
            f"--models: unknown {unknown}; choose from {list(MODELS)}."
        )


def model_names(args: argparse.Namespace, has_features: bool) -> list[str]:
    """The lineup to train: ``--models``, else the quick or the full one.

    Without feature columns the default lineups put the univariate stand-in
    of a multivariate model in its place
    (:data:`~skrnn.cli.lineup.UNIVARIATE_STAND_INS`: the direct GRU for the
    direct multivariate GRU) and leave the other multivariate models out;
    naming one in ``--models`` is an error.

    Parameters
    ----------
    args : argparse.Namespace
        Checked by :func:`check_options`.
    has_features : bool
        Whether the prepared data has columns besides the target.

    Returns
    -------
    list of str
        Keys of :data:`~skrnn.cli.lineup.MODELS`.
    """
    names = _listed_models(args)
    if not names:
        names = list(QUICK_MODELS if args.quick else MODELS)
        if not has_features:
            names = [UNIVARIATE_STAND_INS.get(m, m) for m in names]
            names = list(dict.fromkeys(m for m in names if not MODELS[m].multivariate))
    needs_features = [m for m in names if MODELS[m].multivariate]
    if needs_features and not has_features:
        raise CommandLineError(
            f"--models: {needs_features} need feature columns besides the target; "
            "name them with --features."
        )
    return names


def _listed_models(args: argparse.Namespace) -> list[str]:
    return list(dict.fromkeys(m for m in (args.models or "").split(",") if m))
