"""Panels: many series with the same columns, windowed one series at a time.

A *panel* is a collection of series (one per store, sensor, station ...)
that share their columns. A global model is trained on the windows of every
series at once; no window ever spans two series.

Accepted forms, each giving the series' ids:

::

    list or tuple of arrays,     [y_0, y_1, ...]            ids 0, 1, ...
    Series or DataFrames
    dict of series               {"north": y_0, ...}        the keys
    long DataFrame, id column    columns: id_column, values; the index is
                                 the time of each row       the id values
    DataFrame, MultiIndex        levels (id_column, time)   the id level

The series of a dict are numpy arrays, lists, pandas Series or DataFrames,
as accepted by :func:`skrnn.make_windows`; the items of a list or tuple
panel are numpy arrays or pandas objects (or lists of numpy arrays). A list
of lists (or tuples) of numbers is read the way numpy and scikit-learn read
array-likes: as the rows of *one* 2-D series, ``[[t, 10.0 * t] for t in
range(30)]`` being one series of 30 time steps and 2 columns, like
``np.array(rows)``. A ragged list of lists of numbers is ambiguous and an
error (pass a dict or a list of numpy arrays). The series of a panel may
have different lengths and start/end dates, but they must have the same
number of columns and, with a time index, the same frequency.

Series too short for one window are skipped, with a :class:`PanelWarning`
naming them (never silently).
"""

from __future__ import annotations

import warnings
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from skrnn._validation import SeriesInfo, check_series

__all__ = ["PanelInfo", "PanelWarning", "check_panel", "is_panel", "one_hot_ids"]

# how many series ids a message lists at most.
_MAX_IDS_SHOWN = 10


class PanelWarning(UserWarning):
    """A series of a panel was left out of a computation (e.g. too short)."""


@dataclass(frozen=True, eq=False)
class PanelInfo:
    """A validated panel, as returned by :func:`check_panel`.

    Attributes
    ----------
    ids : list
        Series ids, in the panel's order.
    series : list of SeriesInfo
        One validated series per id; ``series[i].values`` has shape
        ``(n_timesteps_i, n_features)``.
    id_name : str or None
        Name of the id (the ``id_column``), None for lists and dicts.

    Examples
    --------
    >>> import numpy as np
    >>> info = check_panel({"a": np.arange(5.0), "b": np.arange(8.0)})
    >>> info.ids, info.n_series, info.n_features, info.id_name
    (['a', 'b'], 2, 1, None)
    >>> [series.values.shape for series in info.series]
    [(5, 1), (8, 1)]
    """

    ids: list
    series: list[SeriesInfo]
    id_name: Any

    @property
    def n_series(self) -> int:
        """Number of series."""
        return len(self.ids)

    @property
    def n_features(self) -> int:
        """Number of columns of every series."""
        return self.series[0].n_features

    @property
    def columns(self) -> list | None:
        """Column names shared by the series (None for numpy series)."""
        return self.series[0].columns

    @property
    def lengths(self) -> np.ndarray:
        """Number of time steps of each series, shape (n_series,)."""
        return np.array([info.n_timesteps for info in self.series])


def shown_ids(ids: list) -> str:
    """``ids`` for a message: at most the first 10, then the count."""
    if len(ids) <= _MAX_IDS_SHOWN:
        return repr(list(ids))
    more = len(ids) - _MAX_IDS_SHOWN
    return repr(list(ids[:_MAX_IDS_SHOWN]))[:-1] + f", ... ({more} more)]"


def _is_series_object(item: Any) -> bool:
    """An array or pandas object: an item that makes a list a panel."""
    if isinstance(item, np.ndarray):
        return item.ndim > 0
    return isinstance(item, (pd.Series, pd.DataFrame))


def _is_row(item: Any) -> bool:
    return isinstance(item, (list, tuple))


def _list_kind(data: list | tuple) -> str:
    """``"panel"``, ``"series"`` or ``"ambiguous: <why>"`` for a list or tuple."""
    series_objects = [_is_series_object(item) for item in data]
    if all(series_objects):
        return "panel"
    rows = [_is_row(item) for item in data]
    if not any(series_objects) and not any(rows):
        return "series"
    if not all(rows):
        kinds = ["an array or pandas object", "a list or tuple", "a number"]
        first: dict[str, int] = {}
        for position, (is_series, is_row) in enumerate(
            zip(series_objects, rows, strict=True)
        ):
            kind = kinds[0] if is_series else kinds[1] if is_row else kinds[2]
            first.setdefault(kind, position)
        mixed = " and ".join(f"{kind} at position {i}" for kind, i in first.items())
        return f"ambiguous: it mixes {mixed}"
    if all(
        len(row) > 0 and all(isinstance(item, np.ndarray) for item in row)
        for row in data
    ):
        return "panel"  # each item: one series given as a list of arrays
    for position, row in enumerate(data):
        for item in row:
            if _is_row(item) or _is_series_object(item):
                return (
                    f"ambiguous: item {position} is a list or tuple that holds a "
                    f"{type(item).__name__}, not numbers"
                )
    lengths = {len(row) for row in data}
    if len(lengths) > 1:
        short = min(range(len(data)), key=lambda i: len(data[i]))
        long = max(range(len(data)), key=lambda i: len(data[i]))
        return (
            "ambiguous: it is a ragged list of lists of numbers (item "
            f"{short} has {len(data[short])} value(s), item {long} has "
            f"{len(data[long])})"
        )
    return "series"


def is_panel(data: Any, id_column: Any = None, *, name: str = "data") -> bool:
    """Whether ``data`` is a panel of series rather than one series.

    Parameters
    ----------
    data : object
        A series or a panel (see the module docstring).
    id_column : str or None, default=None
        Column (or index level) of a long DataFrame holding the series ids.
    name : str, default="data"
        Parameter name used in error messages.

    Returns
    -------
    bool
        True for a dict, for a non-empty list or tuple whose items are all
        numpy arrays (at least 1-D), pandas Series or DataFrames, or all
        lists of numpy arrays (a series given as its rows), and for a
        DataFrame when ``id_column`` is given. False for anything else, in
        particular for a list of numbers (a 1-D series) and for a list of
        equally long lists or tuples of numbers, which is read like
        ``np.array(data)``: the rows of one 2-D series.

    Raises
    ------
    ValueError
        For a list or tuple that is neither: a ragged list of lists of
        numbers, lists nested deeper, or a mix of arrays, lists and numbers.
        The message suggests a dict of series or a list of numpy arrays.
        For one series with an ``id_column``, which only a DataFrame has.

    Examples
    --------
    >>> import numpy as np
    >>> from skrnn.panel import is_panel
    >>> is_panel(np.arange(5.0)), is_panel([np.arange(5.0), np.arange(3.0)])
    (False, True)
    >>> is_panel([1.0, 2.0, 3.0])
    False

    Rows of numbers are one series, as for numpy:

    >>> rows = [[t, 10.0 * t] for t in range(30)]
    >>> is_panel(rows), np.array(rows).shape
    (False, (30, 2))
    >>> is_panel([[1.0, 2.0, 3.0], [4.0, 5.0]])
    Traceback (most recent call last):
    ...
    ValueError: data is ambiguous: it is a ragged list of lists of numbers (item \
1 has 2 value(s), item 0 has 3); pass a panel as a dict of series ({id: series}) \
or a list of numpy arrays, and one series as a rectangular array.
    """
    if isinstance(data, Mapping):
        return True
    if isinstance(data, pd.DataFrame):
        return id_column is not None
    if isinstance(data, (list, tuple)) and len(data) > 0:
        kind = _list_kind(data)
        if kind.startswith("ambiguous"):
            raise ValueError(
                f"{name} is {kind}; pass a panel as a dict of series ({{id: series}}) "
                "or a list of numpy arrays, and one series as a rectangular array."
            )
        if kind == "panel":
            return True
    if id_column is not None:
        hint = (
            f" (a Series with an (id, time) MultiIndex: {name}.to_frame())"
            if isinstance(data, pd.Series)
            else ""
        )
        raise ValueError(
            f"id_column={id_column!r} names the id column of a panel given as a "
            f"long DataFrame, but {name} is one series of type "
            f"{type(data).__name__}; pass the long DataFrame{hint}, or leave "
            "id_column out."
        )
    return False


def _split_long_frame(frame: pd.DataFrame, id_column: Any, name: str) -> dict:
    """{id: the id's rows without the id column}, ids in order of appearance."""
    if id_column in frame.columns:
        keys = frame[id_column]
        values = frame.drop(columns=[id_column])
        by_level = False
    elif id_column in (frame.index.names or []):
        if frame.index.nlevels == 1:
            raise ValueError(
                f"id_column={id_column!r} is the only index level of {name}, which "
                "leaves its time steps without an index; index the rows by (id, "
                f"time), e.g. {name}.set_index('date', append=True), or keep the "
                f"time index and move the ids to a column: {name}.reset_index()."
            )
        keys = frame.index.get_level_values(id_column)
        values = frame
        by_level = True
    else:
        raise ValueError(
            f"id_column={id_column!r} is neither a column nor an index level of "
            f"{name}; its columns are {list(frame.columns)[:20]!r} and its index "
            f"levels {list(frame.index.names)!r}."
        )
    if pd.isna(keys).any():
        position = int(np.flatnonzero(pd.isna(keys))[0])
        raise ValueError(
            f"{name} has a missing series id in {id_column!r} at row {position}; "
            "every row needs an id."
        )
    groups = {}
    for key, rows in values.groupby(keys, sort=False):
        if by_level:
            rows = rows.droplevel(id_column)
        groups[key] = rows
    return groups


def _frequency(index: pd.Index | None) -> Any:
    if isinstance(index, pd.PeriodIndex):
        return index.freqstr
    if isinstance(index, pd.DatetimeIndex) and len(index) >= 3:
        return index.freqstr or pd.infer_freq(index)
    return None


def check_panel(
    panel: Any,
    name: str = "series",
    *,
    id_column: Any = None,
    dtype: Any = None,
) -> PanelInfo:
    """Validate a panel of series and return each series as a 2-D array.

    Parameters
    ----------
    panel : list, tuple, dict or DataFrame
        The series: a list/tuple or a dict of series, or a long DataFrame
        with an id column (or index level) ``id_column`` and the time as its
        index (see the module docstring). Told that it gets a panel, it
        reads every item of a list as one series, lists included; to tell
        the rows of one series from a panel, ask :func:`is_panel` first.
    name : str, default="series"
        Parameter name used in error messages; a series is called
        ``name[id]``.
    id_column : str or None, default=None
        Column or index level of a long DataFrame with the series ids.
    dtype : {None, numpy.float32, numpy.float64}, default=None
        Float dtype of the series' values (see
        :func:`skrnn._validation.check_series`).

    Returns
    -------
    PanelInfo
        The ids, and one :class:`~skrnn._validation.SeriesInfo` per series.

    Raises
    ------
    TypeError
        For a DataFrame without ``id_column``, or non-numeric data.
    ValueError
        For an empty panel, a missing id, a series id with duplicated or
        unsorted time stamps (in a long DataFrame: duplicated rows, or two
        series under one id), NaN or infinite values, series with different
        numbers or names of columns, or series with different time index
        types or frequencies.

    Examples
    --------
    >>> import numpy as np
    >>> import pandas as pd
    >>> from skrnn.panel import check_panel
    >>> long = pd.DataFrame(
    ...     {"store": ["a", "a", "a", "b", "b"], "sales": [1.0, 2, 3, 10, 20]},
    ...     index=pd.to_datetime(["2024-01-01", "2024-01-02", "2024-01-03",
    ...                           "2024-01-01", "2024-01-02"]),
    ... )
    >>> info = check_panel(long, id_column="store")
    >>> info.ids, info.lengths.tolist(), info.columns
    (['a', 'b'], [3, 2], ['sales'])
    """
    if isinstance(panel, pd.DataFrame):
        if id_column is None:
            raise TypeError(
                f"{name} is a DataFrame: pass id_column to read it as a long panel "
                "(one row per series id and time step), or pass one series."
            )
        items = _split_long_frame(panel, id_column, name)
        id_name = id_column
    elif isinstance(panel, Mapping):
        items = dict(panel)
        id_name = None
    elif isinstance(panel, (list, tuple)):
        items = dict(enumerate(panel))
        id_name = None
    else:
        raise TypeError(
            f"{name} must be a panel: a list, tuple or dict of series, or a long "
            f"DataFrame with id_column; got {type(panel).__name__}."
        )
    if not items:
        raise ValueError(f"{name} is an empty panel; expected at least one series.")
    series = []
    for key, values in items.items():
        try:
            series.append(check_series(values, f"{name}[{key!r}]", dtype=dtype))
        except ValueError as exc:
            if id_name is None or "strictly increasing" not in str(exc):
                raise
            raise ValueError(
                f"{exc} In a long DataFrame this is a duplicated or unsorted "
                f"row, or two series under the same {id_column!r} value {key!r}."
            ) from exc
    ids = list(items)
    _check_alike(ids, series, name)
    return PanelInfo(ids=ids, series=series, id_name=id_name)


def _check_alike(ids: list, series: list[SeriesInfo], name: str) -> None:
    """Same columns, same kind of time index and same frequency everywhere."""
    first = series[0]
    for key, info in zip(ids[1:], series[1:], strict=True):
        if info.n_features != first.n_features or (
            info.columns is not None
            and first.columns is not None
            and list(info.columns) != list(first.columns)
        ):
            raise ValueError(
                f"the series of a panel must have the same columns: {name}[{ids[0]!r}]"
                f" has {first.columns or first.n_features}, {name}[{key!r}] has "
                f"{info.columns or info.n_features}."
            )
        if type(info.index) is not type(first.index):
            raise ValueError(
                f"the series of a panel must have the same kind of index: "
                f"{name}[{ids[0]!r}] has {type(first.index).__name__}, "
                f"{name}[{key!r}] has {type(info.index).__name__}."
            )
    frequencies = {
        key: _frequency(info.index) for key, info in zip(ids, series, strict=True)
    }
    known = {freq for freq in frequencies.values() if freq is not None}
    if len(known) > 1:
        by_freq: dict = {}
        for key, freq in frequencies.items():
            by_freq.setdefault(freq, []).append(key)
        listing = "; ".join(
            f"{freq}: {shown_ids(keys)}" for freq, keys in by_freq.items()
        )
        raise ValueError(
            f"the series of {name} have mixed frequencies ({listing}); expected one "
            "frequency for the whole panel. Resample them first, e.g. "
            "series.resample('D').sum()."
        )


def warn_short(ids: list, needed: int, what: str, name: str = "series") -> None:
    """Warn that the series ``ids`` are shorter than ``needed`` time steps.

    ``what`` says what the length is needed for and what happens to them.
    """
    if ids:
        warnings.warn(
            f"{len(ids)} series of the panel {name} have fewer than {needed} time "
            f"steps ({what}): {shown_ids(ids)}.",
            PanelWarning,
            stacklevel=4,
        )


def one_hot_ids(position: int, n_series: int, n_timesteps: int) -> np.ndarray:
    """The id feature of series ``position``: (n_timesteps, n_series) one-hot.

    Parameters
    ----------
    position : int
        Position of the series in the panel.
    n_series : int
        Number of series of the panel.
    n_timesteps : int
        Number of rows.

    Returns
    -------
    ndarray of shape (n_timesteps, n_series), float32
        Ones in column ``position``, zeros elsewhere.

    Examples
    --------
    >>> from skrnn.panel import one_hot_ids
    >>> one_hot_ids(1, 3, 2)
    array([[0., 1., 0.],
           [0., 1., 0.]], dtype=float32)
    """
    features = np.zeros((n_timesteps, n_series), dtype=np.float32)
    features[:, position] = 1.0
    return features
