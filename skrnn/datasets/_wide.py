"""Read wide, ragged competition files (one row per series) into a panel."""

from __future__ import annotations

import os
from collections.abc import Mapping
from typing import IO, Any

import numpy as np
import pandas as pd

from skrnn.panel import shown_ids

__all__ = ["read_wide_panel"]


def _numeric_values(values: pd.DataFrame, ids: list, name: str) -> np.ndarray:
    """The value cells as float64, NaN where empty; other text is named."""
    columns = {}
    for position, (label, column) in enumerate(values.items()):
        if pd.api.types.is_bool_dtype(column) or not pd.api.types.is_numeric_dtype(
            column
        ):
            text = column.astype(object)
            blank = text.map(lambda v: isinstance(v, str) and not v.strip())
            flags = text.map(lambda v: isinstance(v, (bool, np.bool_)))
            text = text.mask(blank.astype(bool))
            numbers = pd.to_numeric(text.mask(flags.astype(bool)), errors="coerce")
            bad = text.notna() & numbers.isna()
            if bad.any():
                row = int(np.flatnonzero(bad.to_numpy())[0])
                raise ValueError(
                    f"{name} must hold numbers: series {ids[row]!r} has "
                    f"{text.iloc[row]!r} at position {position} (column {label!r})."
                )
            column = numbers
        columns[position] = column.to_numpy(dtype=np.float64, na_value=np.nan)
    if not columns:
        return np.empty((len(ids), 0))
    return np.column_stack([columns[i] for i in range(len(columns))])


def _row_lengths(table: np.ndarray, ids: list, labels: list, name: str) -> np.ndarray:
    """Number of values of each row; a gap before the last value is an error."""
    present = ~np.isnan(table)
    n_columns = table.shape[1]
    lengths = np.where(
        present.any(axis=1), n_columns - np.argmax(present[:, ::-1], axis=1), 0
    )
    empty = np.flatnonzero(lengths == 0)
    if empty.size:
        raise ValueError(
            f"{name} has series without any value: "
            f"{shown_ids([ids[i] for i in empty])}."
        )
    gaps = ~present & (np.arange(n_columns) < lengths[:, None])
    if gaps.any():
        row, position = (int(i) for i in np.argwhere(gaps)[0])
        n_gaps = int(gaps.sum())
        raise ValueError(
            f"{name} has an empty cell inside series {ids[row]!r} at position "
            f"{position} (column {labels[position]!r}), before its last value at "
            f"position {lengths[row] - 1}; a wide panel has empty cells only after "
            f"the end of each series ({n_gaps} such gap(s) in all). Fill the gaps "
            "first."
        )
    infinite = np.isinf(table)
    if infinite.any():
        row, position = (int(i) for i in np.argwhere(infinite)[0])
        raise ValueError(
            f"{name} must hold finite numbers: series {ids[row]!r} has "
            f"{table[row, position]} at position {position} (column "
            f"{labels[position]!r})."
        )
    return lengths


def _starts(start: Any, freq: Any, ids: list) -> list | None:
    """One start timestamp per id, or None without ``start``."""
    if start is None:
        if freq is not None:
            raise ValueError(
                f"freq={freq!r} was given without start; pass start (one date, or "
                "a mapping of id -> date) to index the series by date."
            )
        return None
    if freq is None:
        raise ValueError(
            "start was given without freq; pass freq (e.g. 'W-SUN', 'D', 'MS') to "
            "build each series' DatetimeIndex."
        )
    try:
        pd.tseries.frequencies.to_offset(freq)
    except ValueError as exc:
        raise ValueError(f"freq must be a pandas frequency, got {freq!r}.") from exc
    if isinstance(start, Mapping):
        missing = [key for key in ids if key not in start]
        if missing:
            raise ValueError(
                f"start has no date for the series {shown_ids(missing)}; expected "
                "a start date for every id of the file."
            )
        dates = [start[key] for key in ids]
    else:
        dates = [start] * len(ids)
    stamps = []
    for key, date in zip(ids, dates, strict=True):
        try:
            stamp = pd.Timestamp(date)
        except (TypeError, ValueError) as exc:
            raise ValueError(
                f"start of series {key!r} must be a date, got {date!r}."
            ) from exc
        if pd.isna(stamp):
            raise ValueError(f"start of series {key!r} must be a date, got {date!r}.")
        stamps.append(stamp)
    return stamps


def read_wide_panel(
    path_or_frame: str | os.PathLike | IO | pd.DataFrame,
    id_column: Any = 0,
    *,
    start: Any = None,
    freq: Any = None,
    header: int | None = 0,
    sep: str = ",",
) -> dict:
    """Read a wide, ragged file of series (one row per series) into a panel.

    Competition files such as M4's ``Weekly-train.csv`` hold one series per
    row: an id column, then the values in time order, then empty cells up to
    the longest series::

        "V1","V2","V3","V4"
        "W1","1.5","2.0","2.5"
        "W2","7.0","8.0",

    gives ``{"W1": array([1.5, 2. , 2.5]), "W2": array([7., 8.])}``, a panel
    as :mod:`skrnn.panel` and ``WindowForecaster.fit`` accept it.

    Parameters
    ----------
    path_or_frame : str, path-like, file-like or pandas.DataFrame
        A delimited text file (compressed files such as ``.csv.gz`` are read as
        :func:`pandas.read_csv` reads them) or a DataFrame already read, one
        row per series.
    id_column : int, label or None, default=0
        The column of series ids: an int is a position, anything else a
        column label. ``None``: the ids are the DataFrame's index (for a file,
        the row numbers ``0, 1, ...``) and every column holds values.
    start : date-like or mapping, default=None
        Start date of every series (one date for all, or a mapping
        ``{id: date}`` with a date for each id, e.g. from M4's info file). With
        ``start``, each series is a :class:`pandas.Series` on a
        :class:`~pandas.DatetimeIndex` of frequency ``freq``.
    freq : str or pandas offset, default=None
        Frequency of the dates (``"W-SUN"``, ``"D"``, ``"MS"`` ...); required
        with ``start``.
    header : int or None, default=0
        Row of the column names in a file (M4 files have one); ``None`` for a
        file without a header row, whose first row is then a series. Not used
        for a DataFrame.
    sep : str, default=","
        Delimiter of the file.

    Returns
    -------
    panel : dict
        ``{id: values}`` in the order of the rows: each value an ndarray of
        shape ``(n_timesteps_i,)`` of float64 (the values before the trailing
        empty cells), or with ``start`` a pandas Series of that length named by
        the id.

    Raises
    ------
    ValueError
        For an empty cell inside a series (followed by a value in the same
        row), a row without values, text that is not a number, infinite
        values, missing or duplicated ids, an id column that is not there,
        ``start`` without ``freq`` (or the reverse), or a ``start`` mapping
        without some id. Each message names the series (and the position).

    Examples
    --------
    >>> import io
    >>> from skrnn.datasets import read_wide_panel
    >>> text = '"V1","V2","V3","V4"\\n"W1",1.5,2.0,2.5\\n"W2",7.0,8.0,\\n'
    >>> read_wide_panel(io.StringIO(text))
    {'W1': array([1.5, 2. , 2.5]), 'W2': array([7., 8.])}
    >>> panel = read_wide_panel(
    ...     io.StringIO(text), start={"W1": "2024-01-07", "W2": "2024-01-14"},
    ...     freq="W-SUN")
    >>> panel["W2"]
    2024-01-14    7.0
    2024-01-21    8.0
    Freq: W-SUN, Name: W2, dtype: float64
    """
    if isinstance(path_or_frame, pd.DataFrame):
        frame = path_or_frame
        name = "the DataFrame"
    else:
        frame = pd.read_csv(
            path_or_frame,
            sep=sep,
            header=header,
            skipinitialspace=True,
            low_memory=False,
        )
        name = (
            f"the file {os.fspath(path_or_frame)!r}"
            if isinstance(path_or_frame, (str, os.PathLike))
            else "the file"
        )
    if id_column is None:
        keys = frame.index
        values = frame
    else:
        if isinstance(id_column, (int, np.integer)) and not isinstance(id_column, bool):
            if not 0 <= id_column < frame.shape[1]:
                raise ValueError(
                    f"id_column={id_column} is not a column position of {name}, "
                    f"which has {frame.shape[1]} columns."
                )
            position = int(id_column)
        elif id_column in frame.columns:
            position = frame.columns.get_loc(id_column)
            if not isinstance(position, int):
                raise ValueError(
                    f"id_column={id_column!r} names several columns of {name}."
                )
        else:
            raise ValueError(
                f"id_column={id_column!r} is not a column of {name}; its columns "
                f"are {list(frame.columns)[:10]!r}"
                f"{' ...' if frame.shape[1] > 10 else ''}."
            )
        keys = frame.iloc[:, position]
        values = frame.drop(columns=frame.columns[position])
    if len(frame) == 0:
        raise ValueError(f"{name} has no rows; expected one row per series.")
    missing = np.flatnonzero(pd.isna(keys))
    if missing.size:
        raise ValueError(
            f"{name} has a missing series id at row {int(missing[0])}; every row "
            "needs an id."
        )
    ids = list(keys)
    if len(set(ids)) != len(ids):
        seen, duplicated = set(), []
        for key in ids:
            if key in seen and key not in duplicated:
                duplicated.append(key)
            seen.add(key)
        raise ValueError(
            f"{name} has duplicated series ids: {shown_ids(duplicated)}; expected "
            "one row per series."
        )
    labels = list(values.columns)
    table = _numeric_values(values, ids, name)
    lengths = _row_lengths(table, ids, labels, name)
    starts = _starts(start, freq, ids)
    panel = {}
    for row, (key, length) in enumerate(zip(ids, lengths, strict=True)):
        series = table[row, :length].copy()
        if starts is not None:
            index = pd.date_range(starts[row], periods=int(length), freq=freq)
            series = pd.Series(series, index=index, name=key)
        panel[key] = series
    return panel
