"""Time-index arithmetic of the forecasters: frequency, future dates, origins.

A series' index is one of: ``None`` (numpy input, positions), a regular
:class:`pandas.DatetimeIndex`, a :class:`pandas.PeriodIndex` without gaps, or
an evenly spaced integer index. Its *step* (:func:`index_freq`) is a pandas
``DateOffset``, an int, or None.
"""

from __future__ import annotations

import numbers
from typing import Any

import numpy as np
import pandas as pd

__all__ = [
    "check_same_index",
    "future_index",
    "index_freq",
    "position_labels",
    "seasonal_period",
    "start_position",
]


def _regular_prefix_freq(index: pd.DatetimeIndex):
    """Frequency of the longest prefix of ``index`` that pandas can infer."""
    lo, hi = 3, len(index)  # infer_freq needs at least 3 timestamps
    freq = pd.infer_freq(index[:lo]) if len(index) >= lo else None
    if freq is None:
        return pd.tseries.frequencies.to_offset(index[1] - index[0])
    while lo < hi:  # largest k with an inferable prefix index[:k]
        mid = (lo + hi + 1) // 2
        candidate = pd.infer_freq(index[:mid])
        if candidate is None:
            hi = mid - 1
        else:
            lo, freq = mid, candidate
    return pd.tseries.frequencies.to_offset(freq)


def index_freq(index: pd.Index | None, name: str):
    """Step of a regular time index: a DateOffset, an int, or None (no index).

    Parameters
    ----------
    index : pandas.Index or None
        The series' index (already checked sorted and unique).
    name : str
        Parameter name for error messages.

    Returns
    -------
    pandas.DateOffset, int or None

    Raises
    ------
    ValueError
        Naming the first timestamp that breaks the regular spacing (a gap or
        an irregular step), or for an index of another kind.

    Examples
    --------
    >>> import pandas as pd
    >>> index_freq(pd.date_range("2024-01-01", periods=5, freq="D"), "y")
    <Day>
    >>> index_freq(pd.Index([0, 2, 4]), "y")
    2
    """
    if index is None:
        return None
    if isinstance(index, pd.PeriodIndex):
        steps = np.diff(index.asi8)
        bad = np.flatnonzero(steps != 1)
        if bad.size:
            i = int(bad[0]) + 1
            raise ValueError(
                f"{name} has a gap in its PeriodIndex: {index[i]} at position {i} "
                f"follows {index[i - 1]}; expected {index[i - 1] + 1}. Expected a "
                "regular index without missing periods."
            )
        return index.freq
    if isinstance(index, pd.DatetimeIndex):
        if len(index) < 2:
            raise ValueError(
                f"{name} needs at least 2 timestamps to infer the frequency of its "
                f"DatetimeIndex, got {len(index)}."
            )
        if len(index) == 2 and index.freq is None:
            raise ValueError(
                f"{name} has 2 timestamps and a DatetimeIndex without freq; a "
                "frequency is inferred from 3 or more. Set it (e.g. "
                f"{name}.asfreq('D') for days) or pass more time steps."
            )
        freq = index.freq or pd.infer_freq(index)
        if freq is not None:
            return pd.tseries.frequencies.to_offset(freq)
        freq = _regular_prefix_freq(index)
        expected = pd.date_range(index[0], periods=len(index), freq=freq)
        i = int(np.flatnonzero(expected != index)[0])
        raise ValueError(
            f"{name} has a DatetimeIndex without a regular frequency: {index[i]} at "
            f"position {i} follows {index[i - 1]}, but the frequency of the dates "
            f"before it ({freq.freqstr}) expects {expected[i]}. Fill or drop the "
            f"gap first, e.g. with {name}.asfreq({freq.freqstr!r}) and an "
            "imputation."
        )
    if pd.api.types.is_integer_dtype(index.dtype):
        if len(index) < 2:
            return 1
        steps = np.diff(index.to_numpy().astype(np.int64))  # uint: no wrap-around
        bad = np.flatnonzero(steps != steps[0])
        if steps[0] <= 0 or bad.size:
            i = 1 if steps[0] <= 0 else int(bad[0]) + 1
            raise ValueError(
                f"{name} has an integer index that is not evenly increasing: "
                f"{index[i]} at position {i} follows {index[i - 1]}."
            )
        return int(steps[0])
    raise ValueError(
        f"{name} must have a DatetimeIndex, a PeriodIndex or an integer index, got "
        f"a {type(index).__name__}."
    )


def future_index(
    index: pd.Index | None, cutoff: Any, freq: Any, horizon: int
) -> pd.Index:
    """The ``horizon`` time steps after ``cutoff``.

    Parameters
    ----------
    index : pandas.Index or None
        Any index of the series' kind (an empty one will do); None for
        positions, which gives a RangeIndex.
    cutoff : object
        Last time stamp (or position) of the series.
    freq : pandas.DateOffset, int or None
        Step of the index (see :func:`index_freq`).
    horizon : int
        Number of future steps.

    Returns
    -------
    pandas.Index of length ``horizon``

    Examples
    --------
    >>> import pandas as pd
    >>> days = pd.date_range("2024-01-01", periods=3, freq="D")
    >>> future_index(days, days[-1], days.freq, 2).strftime("%m-%d").tolist()
    ['01-04', '01-05']
    >>> future_index(None, 9, None, 2).tolist()
    [10, 11]
    """
    if index is None:
        return pd.RangeIndex(cutoff + 1, cutoff + 1 + horizon)
    if isinstance(index, pd.PeriodIndex):
        return pd.period_range(cutoff + 1, periods=horizon, freq=freq, name=index.name)
    if isinstance(index, pd.DatetimeIndex):
        future = pd.date_range(
            cutoff, periods=horizon + 1, freq=freq, tz=index.tz, name=index.name
        )
        return future[1:]
    return pd.Index(
        cutoff + freq * np.arange(1, horizon + 1), dtype=index.dtype, name=index.name
    )


def check_same_index(
    index: pd.Index | None, reference: pd.Index | None, name: str, ref: str
) -> None:
    """Raise unless ``index`` equals ``reference`` (either None passes).

    The message names the first position where they differ.
    """
    if index is None or reference is None or index.equals(reference):
        return
    if len(index) != len(reference):
        raise ValueError(
            f"{name} must be aligned with {ref}: it has {len(index)} time steps, "
            f"expected {len(reference)}."
        )
    i = int(np.flatnonzero(index != reference)[0])
    raise ValueError(
        f"{name} must be aligned with {ref}: its index has {index[i]} at position "
        f"{i} where {reference[i]} is expected."
    )


def start_position(start: Any, index: pd.Index | None, n_timesteps: int) -> int:
    """Position of ``start`` (a position, or a date of a time index) in a series.

    Parameters
    ----------
    start : int, str or timestamp
        A position (negative counts from the end) or, for a time index, a
        date: the first time step at or after it.
    index : pandas.Index or None
        The series' index.
    n_timesteps : int
        Length of the series.

    Returns
    -------
    int in ``[0, n_timesteps)``

    Examples
    --------
    >>> import pandas as pd
    >>> days = pd.date_range("2024-01-01", periods=10, freq="D")
    >>> start_position("2024-01-04", days, 10), start_position(-2, None, 10)
    (3, 8)
    """
    if isinstance(start, numbers.Integral) and not isinstance(start, bool):
        position = int(start) + (n_timesteps if start < 0 else 0)
        if not 0 <= position < n_timesteps:
            raise ValueError(
                f"start={start} is out of range for y with {n_timesteps} time steps."
            )
        return position
    if not isinstance(index, (pd.DatetimeIndex, pd.PeriodIndex)):
        raise TypeError(
            f"start must be an int position for y without a time index, got {start!r}."
        )
    if isinstance(start, (bool, np.bool_, numbers.Number)):
        raise ValueError(
            f"start must be an int position or a date, got {start!r} of type "
            f"{type(start).__name__}."
        )
    try:
        key = (
            pd.Period(start, freq=index.freq)
            if isinstance(index, pd.PeriodIndex)
            else pd.Timestamp(start)
        )
    except (TypeError, ValueError) as exc:
        raise ValueError(
            f"start must be an int position or a date, got {start!r}."
        ) from exc
    if isinstance(key, pd.Timestamp) and (key.tz is None) != (index.tz is None):
        raise ValueError(
            f"start={start!r} and the index of y must both have a time zone or "
            f"both have none; start has {key.tz}, y has {index.tz}."
        )
    position = int(index.searchsorted(key, side="left"))
    if position >= n_timesteps:
        raise ValueError(f"start={start!r} is after the last date of y ({index[-1]}).")
    return position


def position_labels(index: pd.Index | None, positions: np.ndarray) -> Any:
    """The labels of ``positions`` in ``index`` (the positions without one)."""
    return positions if index is None else index[positions]


def seasonal_period(freq: Any) -> int | None:
    """The usual seasonal period of a time step (statsmodels' table).

    7 for days, 52 for weeks, 12 for months, 4 for quarters, 24 for hours,
    5 for business days, 1 for years; None for an integer or unknown step.

    Examples
    --------
    >>> import pandas as pd
    >>> seasonal_period(pd.tseries.frequencies.to_offset("D")), seasonal_period(1)
    (7, None)
    """
    if not isinstance(freq, pd.DateOffset):
        return None
    from statsmodels.tsa.tsatools import freq_to_period

    try:
        return int(freq_to_period(freq))
    except ValueError:
        return None
