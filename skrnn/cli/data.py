"""The data of ``skrnn compare``: read, prepare and split into two periods.

1. :func:`read_data` reads the embedded ridership or a user CSV, checks the
   ``--date-column``, ``--target`` and ``--features`` options and picks the
   target when it is not named;
2. :func:`prepare_frame` joins the target and features into one numeric
   frame, target first (categorical features become the one-hot code of the
   *next* step, which is known ahead, like tomorrow's day type);
3. :func:`time_split` cuts a training and a validation period.
"""

from __future__ import annotations

import argparse
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from skrnn.cli.options import CommandLineError

__all__ = [
    "RIDERSHIP_FEATURES",
    "RIDERSHIP_SPLIT",
    "Split",
    "date_label",
    "prepare_frame",
    "read_data",
    "time_split",
]

#: the book's periods of the embedded ridership data
RIDERSHIP_SPLIT = {
    "train_start": "2016-01-01",
    "valid_start": "2019-01-01",
    "valid_end": "2019-05-31",
}
#: the features of the embedded ridership data
RIDERSHIP_FEATURES = ("bus", "day_type")


def prepare_frame(
    target: pd.Series, features: pd.DataFrame | None = None
) -> pd.DataFrame:
    """Join the target and features into one float frame, target first.

    Numeric feature columns are used as observed. Non-numeric (categorical)
    columns are one-hot encoded and shifted one step back, so that the row of
    time ``t`` holds the category of ``t + 1``: such columns must be known in
    advance (calendar information such as the next day's type). The last row,
    whose next category is unknown, is dropped.

    Parameters
    ----------
    target : pandas.Series of shape (n_timesteps,)
        The series to forecast.
    features : pandas.DataFrame of shape (n_timesteps, n_features), optional
        Extra inputs on the same index.

    Returns
    -------
    pandas.DataFrame of shape (n_timesteps[ - 1], 1 + n_encoded_features)

    Examples
    --------
    >>> import pandas as pd
    >>> y = pd.Series([1.0, 2.0, 3.0], name="rail")
    >>> f = pd.DataFrame({"day_type": ["W", "A", "W"]})
    >>> prepare_frame(y, f).columns.tolist()
    ['rail', 'next_day_type_A', 'next_day_type_W']
    """
    name = target.name if target.name is not None else "target"
    frame = target.rename(name).astype(float).to_frame()
    if features is None or features.shape[1] == 0:
        return frame
    if name in features.columns:
        raise ValueError(
            f"features must not include the target column {name!r}; pass the "
            "other inputs only."
        )
    numeric = features.select_dtypes("number").astype(float)
    categorical = features.drop(columns=numeric.columns)
    frame = frame.join(numeric)
    if categorical.shape[1]:
        upcoming = categorical.shift(-1).iloc[:-1]
        one_hot = pd.get_dummies(upcoming, prefix=[f"next_{c}" for c in upcoming])
        frame = frame.iloc[:-1].join(one_hot.astype(float))
    return frame


@dataclass(frozen=True)
class Split:
    """A training and a validation period of the prepared frame.

    Parameters
    ----------
    train : pandas.DataFrame
        The training period.
    valid : pandas.DataFrame
        The validation period, right after the training period.
    """

    train: pd.DataFrame
    valid: pd.DataFrame


def time_split(
    frame: pd.DataFrame | pd.Series,
    *,
    train_start: Any = None,
    valid_start: Any = None,
    valid_end: Any = None,
    valid_fraction: float = 0.15,
) -> Split:
    """Split a frame into a training and a validation period.

    Parameters
    ----------
    frame : pandas.DataFrame or Series
        The prepared data, on a DatetimeIndex or a plain index.
    train_start, valid_start, valid_end : label, optional
        Period bounds (inclusive): dates (strings or timestamps) on a
        DatetimeIndex, else index labels. ``valid_start`` defaults to the
        point that leaves ``valid_fraction`` of the data for validation.
    valid_fraction : float, default=0.15
        Used only without ``valid_start``.

    Returns
    -------
    Split

    Raises
    ------
    ValueError
        For a bound that is not a date on a DatetimeIndex, or a
        ``valid_fraction`` outside (0, 1).

    Examples
    --------
    >>> import pandas as pd
    >>> split = time_split(pd.Series(range(100), dtype=float), valid_fraction=0.2)
    >>> len(split.train), len(split.valid)
    (80, 20)
    """
    frame = frame.to_frame() if isinstance(frame, pd.Series) else frame
    bounds = {
        name: date_label(value, frame.index, name)
        for name, value in (
            ("train_start", train_start),
            ("valid_start", valid_start),
            ("valid_end", valid_end),
        )
    }
    frame = frame.loc[bounds["train_start"] : bounds["valid_end"]]
    if valid_start is None:
        if not 0 < valid_fraction < 1:
            raise ValueError(f"valid_fraction must be in (0, 1), got {valid_fraction}.")
        cut = len(frame) - int(np.ceil(valid_fraction * len(frame)))
        return Split(frame.iloc[:cut], frame.iloc[cut:])
    valid = frame.loc[bounds["valid_start"] :]
    return Split(frame.iloc[: len(frame) - len(valid)], valid)


def date_label(value: Any, index: pd.Index, name: str) -> Any:
    """``value`` as a timestamp on a DatetimeIndex (unchanged otherwise).

    Parameters
    ----------
    value : object
        A period bound, or None.
    index : pandas.Index
        The index it bounds.
    name : str
        Its name, for the error message.

    Returns
    -------
    object

    Raises
    ------
    ValueError
        When ``value`` is not a date and ``index`` is a DatetimeIndex.

    Examples
    --------
    >>> import pandas as pd
    >>> date_label("2019-01-01", pd.date_range("2018-12-30", periods=5), "start")
    Timestamp('2019-01-01 00:00:00')
    """
    if value is None or not isinstance(index, pd.DatetimeIndex):
        return value
    try:
        stamp = pd.Timestamp(value)
    except (ValueError, TypeError):
        stamp = pd.NaT
    if stamp is pd.NaT:
        raise ValueError(f"{name}={value!r} is not a date (e.g. '2019-01-01').")
    return stamp


def read_data(args: argparse.Namespace) -> tuple[pd.DataFrame, Split]:
    """The prepared frame (target first, then encoded features) and its periods.

    Reads ``--data`` (or the embedded ridership), checks ``--date-column``,
    ``--target``, ``--features`` and ``--valid-start``, and sets
    ``args.target`` (and, for the embedded data, ``args.features``) when
    they were not given.

    Parameters
    ----------
    args : argparse.Namespace
        Parsed options (see :func:`skrnn.cli.options.build_parser`).

    Returns
    -------
    frame : pandas.DataFrame
        See :func:`prepare_frame`.
    split : Split
        Its training and validation periods.

    Raises
    ------
    CommandLineError
        For a missing or unreadable file, an unknown or ambiguous column, a
        column with missing values, or an unparseable ``--valid-start``.
    """
    raw, periods = _read_source(args)
    source = args.data or "the embedded data"
    features = list(dict.fromkeys(c for c in (args.features or "").split(",") if c))
    if args.target is None:
        args.target = _pick_target(raw, features, source)
    for option, columns in (("--target", [args.target]), ("--features", features)):
        missing = [c for c in columns if c not in raw.columns]
        if missing:
            raise CommandLineError(
                f"{option}: no column {missing[0]!r} in {source}; "
                f"columns are {list(raw.columns)}."
            )
    if args.target in features:
        raise CommandLineError(
            f"--features: {args.target!r} is the target (--target); list only "
            "the other input columns."
        )
    target = pd.to_numeric(raw[args.target], errors="coerce")
    counts = [("--target", args.target, int(target.isna().sum()))]
    counts += [("--features", c, int(raw[c].isna().sum())) for c in features]
    for option, column, bad in counts:
        if bad:
            raise CommandLineError(
                f"{option}: column {column!r} has {bad} missing or non-numeric values."
            )
    frame = prepare_frame(target, raw[features] if features else None)
    if args.valid_start is not None:
        periods = {**periods, "valid_start": _valid_start(args.valid_start, frame)}
    return frame, time_split(frame, **periods)


def _read_source(args: argparse.Namespace) -> tuple[pd.DataFrame, dict]:
    """The raw table (on its dates with ``--date-column``) and default periods."""
    if args.data is None:
        from skrnn.datasets import load_ridership

        args.target = args.target or "rail"
        if args.features is None:
            args.features = ",".join(RIDERSHIP_FEATURES)
        return load_ridership(), RIDERSHIP_SPLIT
    if not args.data.is_file():
        raise CommandLineError(f"--data: no such file: {args.data}")
    try:
        frame = pd.read_csv(args.data)
    except (pd.errors.ParserError, UnicodeDecodeError, pd.errors.EmptyDataError) as exc:
        raise CommandLineError(
            f"--data: {args.data} is not a readable CSV ({exc})."
        ) from None
    if args.date_column is None:
        return frame, {}
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
    return frame, {}


def _pick_target(frame: pd.DataFrame, features: list, source: Any) -> Any:
    """The only numeric column that is not a feature, else an error."""
    candidates = [c for c in frame.select_dtypes("number").columns if c not in features]
    if len(candidates) == 1:
        return candidates[0]
    if not candidates:
        raise CommandLineError(
            f"--data: {source} has no numeric column to forecast"
            + (" besides the --features." if features else ".")
        )
    raise CommandLineError(
        f"--target: {source} has {len(candidates)} numeric columns "
        f"{list(candidates)}; name the one to forecast with --target (and the "
        "inputs with --features)."
    )


def _valid_start(value: str, frame: pd.DataFrame) -> Any:
    """``--valid-start`` as a date, or a row number without dates."""
    if isinstance(frame.index, pd.DatetimeIndex):
        try:
            return date_label(value, frame.index, "--valid-start")
        except ValueError:
            raise CommandLineError(
                f"--valid-start: cannot parse date {value!r} (e.g. 2019-01-01)."
            ) from None
    try:
        return int(value)
    except ValueError:
        raise CommandLineError(
            f"--valid-start: {value!r} is not a row number; without --date-column "
            "the rows are numbered 0, 1, 2, ..."
        ) from None
