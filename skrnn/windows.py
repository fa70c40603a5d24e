"""Cut a time series into windows and their targets.

::

    series            y: (n_timesteps,) or (n_timesteps, n_features); pandas
                      Series/DataFrame with a DatetimeIndex accepted.
    windows           X: (n_windows, window_length, n_features)      float32
    one-step target   y: (n_windows,) or (n_windows, n_targets)
    direct h-ahead    Y: (n_windows, horizon) or (n_windows, horizon, n_targets)
    seq2seq target    Y: (n_windows, window_length, horizon)
                      Y[i, t, k] = target at timestep i*stride + t + 1 + k

    timestep    0   1   2   3   4   5   6   7   8   9
    window 0   [X   X   X   X]  y                       window_length=4,
    window 1       [X   X   X   X]  y                   horizon=1, stride=1
    ...
    window 5                       [X   X   X   X]  y

Window ``i`` covers timesteps ``[i*stride, i*stride + window_length)``; its
targets start right after it. The last timestep of a window is "lag 1".

Windows and targets are read-only views (``numpy.lib.stride_tricks.
sliding_window_view``) of one float32 array holding the series: cutting a
million windows costs no memory beyond that array.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd
from numpy.lib.stride_tricks import sliding_window_view
from sklearn import get_config
from sklearn.base import BaseEstimator, TransformerMixin
from sklearn.utils.validation import check_is_fitted, validate_data

from skrnn._time_index import index_freq
from skrnn._validation import (
    SeriesInfo,
    check_positive_int,
    check_series,
    resolve_columns,
)
from skrnn.panel import PanelInfo, check_panel, is_panel, one_hot_ids, warn_short

__all__ = [
    "SlidingWindowTransformer",
    "check_no_gaps",
    "cut_windows",
    "last_window",
    "make_windows",
]


def _column_slice(indices: list[int]) -> slice | None:
    """A basic slice selecting ``indices`` in order, or None if there is none."""
    if len(indices) == 1:
        return slice(indices[0], indices[0] + 1)
    steps = np.diff(indices)
    step = int(steps[0])
    if step == 0 or (steps != step).any():
        return None
    stop = indices[-1] + step
    return slice(indices[0], stop if stop >= 0 else None, step)


def _target_values(values: np.ndarray, indices: list[int], single: bool) -> np.ndarray:
    """Target columns of ``values``: (n,) if ``single`` else (n, n_targets).

    A view of ``values`` when the columns are evenly spaced, a read-only copy
    of those columns otherwise.
    """
    if single:
        return values[:, indices[0]]
    columns = _column_slice(indices)
    if columns is not None:
        return values[:, columns]
    target = values[:, indices]
    target.flags.writeable = False
    return target


def _windows(values: np.ndarray, window_length: int) -> np.ndarray:
    """All windows of a (n, f) array: (n - window_length + 1, window_length, f)."""
    return sliding_window_view(values, window_length, axis=0).transpose(0, 2, 1)


def make_windows(
    series: Any,
    window_length: int,
    horizon: int = 1,
    *,
    target: Any = None,
    seq2seq: bool = False,
    stride: int = 1,
    id_column: Any = None,
    id_feature: bool = False,
    return_ids: bool = False,
) -> tuple[np.ndarray, ...]:
    """Cut a series, or each series of a panel, into windows and their targets.

    Parameters
    ----------
    series : array-like of shape (n_timesteps,) or (n_timesteps, n_features)
        Numeric, finite data: numpy array, list, pandas Series or DataFrame
        (a DatetimeIndex, PeriodIndex or TimedeltaIndex must be sorted,
        without duplicates and without gaps; an integer index must be evenly
        increasing, as a RangeIndex is). A list of numbers is a 1-D
        series, a list of equally long lists of numbers the rows of a 2-D
        series (as for ``np.array``); a list of arrays or a dict is a panel.
    window_length : int
        Number of timesteps in each input window (>= 1).
    horizon : int, default=1
        Number of future timesteps to predict (>= 1).
    target : None, int, str or sequence of int/str, default=None
        Target column(s): positions or DataFrame column names. ``None``
        means the only column of a univariate series, and every column of a
        multivariate one. An int or a str gives a single target (no target
        axis in ``y``); a sequence keeps the target axis, even of length 1.
    seq2seq : bool, default=False
        If True, ``y`` holds a ``horizon``-step target after *every* timestep
        of the window (single target column only).
    stride : int, default=1
        Timesteps between the starts of consecutive windows (>= 1).
    id_column : str or None, default=None
        For a panel given as a long DataFrame: the column (or index level)
        with the series ids (see :mod:`skrnn.panel`).
    id_feature : bool, default=False
        Panels only: append a one-hot series-id feature (``n_series``
        columns, constant along each series) to every window, so that a
        global model can tell the series apart.
    return_ids : bool, default=False
        Panels only: also return the series id of every window (e.g. as
        ``groups`` for a scikit-learn splitter).

    Returns
    -------
    X : ndarray of shape (n_windows, window_length, n_features), float32
        Window ``i`` covers timesteps ``[i*stride, i*stride + window_length)``.
        For a panel, the windows of each series in the panel's order
        (``n_features`` includes the id columns with ``id_feature``).
    y : ndarray of float32
        With ``n_windows = (n_timesteps - window_length - horizon) // stride + 1``:

        - ``horizon=1``: ``(n_windows,)`` for a single target or
          ``(n_windows, n_targets)``; ``y[i]`` is the target at timestep
          ``i*stride + window_length``.
        - ``horizon>1`` (direct): ``(n_windows, horizon)`` or
          ``(n_windows, horizon, n_targets)``; ``y[i, k]`` is the target at
          timestep ``i*stride + window_length + k``.
        - ``seq2seq=True``: ``(n_windows, window_length, horizon)`` with
          ``y[i, t, k]`` the target at timestep ``i*stride + t + 1 + k``.
    ids : ndarray of shape (n_windows,)
        Only with ``return_ids=True``: the series id of each window.

    Warns
    -----
    skrnn.panel.PanelWarning
        When series of a panel are shorter than ``window_length + horizon``:
        they give no window and are listed in the warning.

    Notes
    -----
    ``X`` and ``y`` are read-only views of a single float32 array of the
    series: the series itself when it is already a float32 array (no copy at
    all), otherwise one float32 copy of it. The only exception is a
    selection of several target columns that are not evenly spaced (e.g.
    ``target=[0, 1, 3]``): then the non-seq2seq ``y`` is a small copy of
    those columns. The input is never modified.

    A panel is any of: a list, tuple or dict of series, or a long DataFrame
    with the series ids in ``id_column`` (see :mod:`skrnn.panel`). Its
    series are cut one at a time, as views, so that no window spans two
    series; the views are then stacked into one new array for ``X`` and one
    for ``y`` (the only copies).

    Raises
    ------
    TypeError
        For non-numeric data or a bad type of ``window_length``, ``horizon``,
        ``stride`` or ``target``.
    ValueError
        For ``window_length``, ``horizon`` or ``stride`` < 1, a series shorter
        than ``window_length + horizon``, NaN or infinite values, a 3-D input,
        an unsorted or duplicated time index, a time index with a gap (the
        message names the first one), an integer index that is not evenly
        increasing (shuffled, descending, duplicated or gappy rows), an
        unknown target column, ``seq2seq=True`` with several target columns,
        a list that is neither one series nor a panel (a ragged list of
        lists), or ``id_column``, ``id_feature`` or ``return_ids`` with one series.

    Examples
    --------
    >>> import numpy as np
    >>> from skrnn import make_windows
    >>> X, y = make_windows(np.arange(10.0), window_length=3)
    >>> X.shape, y.shape, X.dtype
    ((7, 3, 1), (7,), dtype('float32'))
    >>> X[0, :, 0], y[0]
    (array([0., 1., 2.], dtype=float32), np.float32(3.0))
    >>> X, Y = make_windows(np.arange(10.0), window_length=3, horizon=2, stride=2)
    >>> Y
    array([[3., 4.],
           [5., 6.],
           [7., 8.]], dtype=float32)
    >>> X, Y = make_windows(np.arange(10.0), window_length=3, horizon=2, seq2seq=True)
    >>> Y.shape
    (6, 3, 2)
    >>> Y[0]
    array([[1., 2.],
           [2., 3.],
           [3., 4.]], dtype=float32)

    A panel of two series: no window spans both.

    >>> X, y, ids = make_windows(
    ...     {"a": np.arange(5.0), "b": np.arange(100.0, 104.0)}, 3, return_ids=True
    ... )
    >>> X[:, :, 0], y, ids
    (array([[  0.,   1.,   2.],
           [  1.,   2.,   3.],
           [100., 101., 102.]], dtype=float32), array([  3.,   4., 103.], \
dtype=float32), array(['a', 'a', 'b'], dtype=object))
    """
    window_length = check_positive_int(window_length, "window_length")
    horizon = check_positive_int(horizon, "horizon")
    stride = check_positive_int(stride, "stride")
    if is_panel(series, id_column, name="series"):
        pieces, keys, (indices, single) = _panel_pieces(
            series,
            window_length,
            horizon,
            target=target,
            seq2seq=seq2seq,
            id_column=id_column,
            id_feature=id_feature,
        )
    else:
        for flag, value in (("id_feature", id_feature), ("return_ids", return_ids)):
            if value:
                raise ValueError(
                    f"{flag}=True needs a panel of series (a list, tuple or dict of "
                    f"series, or a long DataFrame with id_column); got one series of "
                    f"type {type(series).__name__}."
                )
        info = check_series(series, "series", dtype=np.float32)
        check_no_gaps(info.index, "series")
        n_timesteps = info.n_timesteps
        needed = window_length + horizon
        if n_timesteps < needed:
            raise ValueError(
                f"series has {n_timesteps} timesteps, but window_length + horizon = "
                f"{window_length} + {horizon} = {needed} are needed for one window."
            )
        pieces, keys = [info.values], None
        indices, single = _target_columns(target, info, seq2seq)
    cuts = [
        cut_windows(
            values,
            window_length,
            horizon,
            targets=indices,
            single=single,
            seq2seq=seq2seq,
            stride=stride,
        )
        for values in pieces
    ]
    if keys is None:  # one series: the views themselves
        return cuts[0]
    result = (
        np.concatenate([X for X, _ in cuts]),
        np.concatenate([y for _, y in cuts]),
    )
    if return_ids:
        ids = [
            np.full(len(X), key, dtype=object)
            for key, (X, _) in zip(keys, cuts, strict=True)
        ]
        result = (*result, np.concatenate(ids))
    return result


def _target_columns(
    target: Any, info: SeriesInfo | PanelInfo, seq2seq: bool
) -> tuple[list[int], bool]:
    """Target column positions, and whether ``y`` has no target axis."""
    indices = resolve_columns(target, info.columns, info.n_features, name="target")
    single = len(indices) == 1 and (
        target is None or isinstance(target, (str, int, np.integer))
    )
    if seq2seq and not single:
        raise ValueError(
            "seq2seq=True needs a single target column (an int or a column name); "
            f"got target={target!r}, which selects {len(indices)} of the series' "
            f"{info.n_features} columns."
        )
    return indices, single


def cut_windows(
    values: np.ndarray,
    window_length: int,
    horizon: int = 1,
    *,
    targets: list[int],
    single: bool,
    seq2seq: bool = False,
    stride: int = 1,
) -> tuple[np.ndarray, np.ndarray]:
    """Windows and targets of an already validated 2-D array, as views.

    The checking-free core of :func:`make_windows`, for callers that have
    validated the series and the parameters once already (such as
    :class:`skrnn.WindowForecaster`).

    Parameters
    ----------
    values : ndarray of shape (n_timesteps, n_features)
        The series, at least ``window_length + horizon`` steps long.
    window_length, horizon, stride : int
        As for :func:`make_windows` (validated by the caller).
    targets : list of int
        Target column positions.
    single : bool
        Whether ``y`` has no target axis (one target column).
    seq2seq : bool, default=False
        Seq2seq targets (single target only).

    Returns
    -------
    X, y : ndarray
        Read-only views, shaped as by :func:`make_windows`.

    Examples
    --------
    >>> import numpy as np
    >>> X, y = cut_windows(np.arange(6.0)[:, None], 3, targets=[0], single=True)
    >>> X[:, :, 0], y
    (array([[0., 1., 2.],
           [1., 2., 3.],
           [2., 3., 4.]]), array([3., 4., 5.]))
    """
    indices = targets
    n_windows = (len(values) - window_length - horizon) // stride + 1
    last = (n_windows - 1) * stride  # start of the last window

    X = _windows(values, window_length)[: last + 1 : stride]
    target_values = _target_values(values, indices, single)
    if seq2seq:
        # steps[j, k] = target[j + k]; windows of steps: [j, t, k] = target[j + t + k]
        steps = sliding_window_view(target_values, horizon, axis=0)
        y = _windows(steps, window_length)[1 : last + 2 : stride]
    elif horizon == 1:
        y = target_values[window_length : window_length + last + 1 : stride]
    else:
        ahead = sliding_window_view(target_values, horizon, axis=0)
        if not single:
            ahead = ahead.transpose(0, 2, 1)
        y = ahead[window_length : window_length + last + 1 : stride]
    return X, y


def _panel_pieces(
    panel: Any,
    window_length: int,
    horizon: int,
    *,
    target: Any,
    seq2seq: bool,
    id_column: Any,
    id_feature: bool,
) -> tuple[list[np.ndarray], list, tuple[list[int], bool]]:
    """The checked float32 series of a panel that give windows.

    Returns their values (with the one-hot ids if ``id_feature``), their
    ids, and the target columns with whether ``y`` has no target axis.
    """
    info = check_panel(panel, "series", id_column=id_column, dtype=np.float32)
    for key, series in zip(info.ids, info.series, strict=True):
        check_no_gaps(series.index, f"series[{key!r}]")
    columns = _target_columns(target, info, seq2seq)
    needed = window_length + horizon
    short = [key for key, n in zip(info.ids, info.lengths, strict=True) if n < needed]
    warn_short(short, needed, "window_length + horizon; they give no window")
    if len(short) == info.n_series:
        raise ValueError(
            f"no series of the panel has window_length + horizon = {needed} time "
            f"steps; the longest has {int(info.lengths.max())}."
        )
    pieces, keys = [], []
    for position, (key, series) in enumerate(zip(info.ids, info.series, strict=True)):
        if series.n_timesteps < needed:
            continue
        values = series.values
        if id_feature:
            ids = one_hot_ids(position, info.n_series, series.n_timesteps)
            values = np.hstack([values, ids])
        pieces.append(values)
        keys.append(key)
    return pieces, keys, columns


def check_no_gaps(index: pd.Index | None, name: str = "series") -> None:
    """Refuse a time index with a gap or an irregular step.

    Windows cut across a gap would pass for consecutive time steps, so the
    gap is an error, not something to cut through silently.

    Parameters
    ----------
    index : pandas.Index or None
        The series' index. A DatetimeIndex, PeriodIndex or TimedeltaIndex
        (already checked sorted and unique) is checked for gaps; an integer
        index must be evenly increasing (a RangeIndex, or any constant step
        >= 1), as for :class:`skrnn.WindowForecaster`: shuffled, descending,
        duplicated or gappy integers are refused. Other kinds of index
        (labels) and None are not checked.
    name : str, default="series"
        Parameter name used in the message.

    Raises
    ------
    ValueError
        Naming the first time stamp that breaks the regular spacing (for a
        time index, suggesting ``asfreq``), or the first integer that does
        not follow its predecessor by the index's first step.

    Examples
    --------
    >>> import pandas as pd
    >>> days = pd.to_datetime(["2024-01-01", "2024-01-02", "2024-01-03",
    ...                        "2024-01-05"])
    >>> check_no_gaps(days, "y")
    Traceback (most recent call last):
    ...
    ValueError: y has a DatetimeIndex without a regular frequency: 2024-01-05 \
00:00:00 at position 3 follows 2024-01-03 00:00:00, but the frequency of the \
dates before it (D) expects 2024-01-04 00:00:00. Fill or drop the gap first, \
e.g. with y.asfreq('D') and an imputation.

    An integer index from shuffled rows:

    >>> check_no_gaps(pd.Index([8, 10, 17, 6]), "series")
    Traceback (most recent call last):
    ...
    ValueError: series has an integer index that is not evenly increasing: 17 at \
position 2 follows 10.
    """
    integer = isinstance(index, pd.Index) and pd.api.types.is_integer_dtype(index.dtype)
    if (
        integer
        or isinstance(index, pd.PeriodIndex)
        or (isinstance(index, pd.DatetimeIndex) and len(index) >= 3)
    ):
        index_freq(index, name)
    elif isinstance(index, pd.TimedeltaIndex) and len(index) >= 3:
        steps = np.diff(index.asi8)
        bad = np.flatnonzero(steps != steps[0])
        if bad.size:
            i = int(bad[0]) + 1
            step = index[1] - index[0]
            freq = pd.tseries.frequencies.to_offset(step).freqstr
            raise ValueError(
                f"{name} has a TimedeltaIndex without a regular step: {index[i]} at "
                f"position {i} follows {index[i - 1]}, but the step of the index "
                f"before it ({step}) expects {index[i - 1] + step}. Fill or drop the "
                f"gap first, e.g. with {name}.reindex(pd.timedelta_range("
                f"{name}.index[0], {name}.index[-1], freq={freq!r})) and an "
                "imputation."
            )


def _check_n_timesteps(info: SeriesInfo, window_length: int) -> None:
    if info.n_timesteps < window_length:
        raise ValueError(
            f"series has {info.n_timesteps} timesteps, but window_length = "
            f"{window_length} are needed for one window."
        )


class SlidingWindowTransformer(TransformerMixin, BaseEstimator):
    """Cut every window out of a series (inputs only, no targets).

    Use it to get the windows to predict from, e.g. the last window of a
    series to forecast what follows it, or, with ``flatten=True``, lag
    features for a plain scikit-learn regressor.

    Parameters
    ----------
    window_length : int
        Number of timesteps in each window (>= 1).
    stride : int, default=1
        Timesteps between the starts of consecutive windows (>= 1).
    flatten : bool, default=False
        If True, return 2-D windows ``(n_windows, window_length * n_features)``
        (timestep-major: the features of the oldest timestep come first).
        Only flattened windows can be a DataFrame (see :meth:`set_output`).

    Attributes
    ----------
    n_features_in_ : int
        Number of columns of the series seen in ``fit``.
    feature_names_in_ : ndarray of shape (``n_features_in_``,)
        Column names of the series seen in ``fit``; only defined when it was
        a DataFrame with string column names.

    Notes
    -----
    Windows are aligned on the last timestep: the last window always ends
    at the series' last timestep and ``n_windows = (n_timesteps -
    window_length) // stride + 1``. With ``stride > 1`` the first
    ``(n_timesteps - window_length) % stride`` timesteps start no window.
    The windows are read-only views of one float32 array of the series.

    Flattened windows are lag features, named by
    :meth:`get_feature_names_out` in their column order: timestep-major,
    oldest time step first, so for a window of 3 the columns of a series
    are ``lag_3, lag_2, lag_1`` (``lag_1`` is the last time step of the
    window), and those of a DataFrame with columns ``a, b`` are ``a_lag_3,
    b_lag_3, a_lag_2, b_lag_2, a_lag_1, b_lag_1``. (skforecast and others
    number their lag columns newest first; skrnn's windows always run
    oldest to newest.)

    Output containers: with ``flatten=True``, ``set_output(transform=
    "pandas")`` or a global ``sklearn.set_config(transform_output="pandas")``
    gives a DataFrame with those column names, indexed by the index label
    of each window's last time step for a pandas series (by window number
    otherwise). 3-D windows cannot be a DataFrame: with ``flatten=False``
    and a pandas (or polars) output configured, ``transform`` raises a
    ValueError instead of ignoring the configuration; call
    ``set_output(transform="default")`` on the transformer to keep 3-D
    arrays under a global pandas configuration.

    Examples
    --------
    >>> import numpy as np
    >>> from skrnn import SlidingWindowTransformer
    >>> transformer = SlidingWindowTransformer(window_length=4)
    >>> transformer.fit_transform(np.arange(6.0)).shape
    (3, 4, 1)
    >>> SlidingWindowTransformer(4, flatten=True).fit_transform(np.arange(6.0))
    array([[0., 1., 2., 3.],
           [1., 2., 3., 4.],
           [2., 3., 4., 5.]], dtype=float32)

    Lag columns of a DataFrame, oldest first:

    >>> import pandas as pd
    >>> rail = pd.Series(np.arange(5.0), name="rail",
    ...                  index=pd.date_range("2024-01-01", periods=5))
    >>> lags = SlidingWindowTransformer(3, flatten=True).set_output(transform="pandas")
    >>> lags.fit_transform(rail.to_frame())
                rail_lag_3  rail_lag_2  rail_lag_1
    2024-01-03         0.0         1.0         2.0
    2024-01-04         1.0         2.0         3.0
    2024-01-05         2.0         3.0         4.0
    """

    def __init__(self, window_length: int, stride: int = 1, flatten: bool = False):
        self.window_length = window_length
        self.stride = stride
        self.flatten = flatten

    def __sklearn_tags__(self):
        tags = super().__sklearn_tags__()
        tags.transformer_tags.preserves_dtype = ["float32"]
        return tags

    def _validate_series(self, series: Any, *, reset: bool) -> SeriesInfo:
        window_length = check_positive_int(self.window_length, "window_length")
        check_positive_int(self.stride, "stride")
        info = check_series(series, "series", dtype=np.float32)
        check_no_gaps(info.index, "series")
        _check_n_timesteps(info, window_length)
        if not reset and info.n_features != self.n_features_in_:
            raise ValueError(
                f"series has {info.n_features} feature(s), but "
                f"{type(self).__name__} was fitted on {self.n_features_in_} "
                "feature(s)."
            )
        # records (reset=True) or checks n_features_in_ and feature_names_in_
        frame = series if hasattr(series, "columns") else info.values
        validate_data(self, frame, reset=reset, skip_check_array=True)
        return info

    def fit(self, series: Any, y: Any = None) -> SlidingWindowTransformer:
        """Check the series and record its number of features (and names).

        Parameters
        ----------
        series : array-like of shape (n_timesteps,) or (n_timesteps, n_features)
            Numeric, finite series, at least ``window_length`` long; a time
            index must be sorted, unique and without gaps, an integer index
            evenly increasing.
        y : None
            Ignored.

        Returns
        -------
        self : SlidingWindowTransformer
        """
        self._validate_series(series, reset=True)
        return self

    def transform(self, series: Any) -> np.ndarray:
        """Cut every window ending at or before the last timestep.

        Parameters
        ----------
        series : array-like of shape (n_timesteps,) or (n_timesteps, n_features)
            Series with the same features as in ``fit``, at least
            ``window_length`` long.

        Returns
        -------
        windows : ndarray of float32
            ``(n_windows, window_length, n_features)``, or
            ``(n_windows, window_length * n_features)`` if ``flatten=True``,
            with ``n_windows = (n_timesteps - window_length) // stride + 1``.
            The last window ends at the last timestep.
        """
        check_is_fitted(self)
        info = self._validate_series(series, reset=False)
        container = self._output_container()
        if not self.flatten and container != "default":
            raise ValueError(
                f"{type(self).__name__}(flatten=False) returns 3-D windows "
                "(n_windows, window_length, n_features), which cannot be a "
                f"{container} DataFrame, but transform output {container!r} is "
                "configured (by set_output or sklearn.set_config(transform_output="
                f"{container!r})). Use flatten=True for 2-D lag columns, or call "
                "set_output(transform='default') on this transformer to keep 3-D "
                "windows."
            )
        window_length = int(self.window_length)
        stride = int(self.stride)
        first = (info.n_timesteps - window_length) % stride
        windows = _windows(info.values, window_length)[first::stride]
        if not self.flatten:
            return windows
        windows = windows.reshape(windows.shape[0], -1)
        if container == "pandas":
            index = None
            if info.index is not None:
                index = info.index[first + window_length - 1 :: stride]
            return pd.DataFrame(
                windows, index=index, columns=self.get_feature_names_out(), copy=True
            )
        return windows

    def _output_container(self) -> str:
        """The configured container of ``transform``: this estimator's
        ``set_output``, else scikit-learn's global ``transform_output``."""
        config = getattr(self, "_sklearn_output_config", {})
        return config.get("transform") or get_config()["transform_output"]

    def get_feature_names_out(self, input_features: Any = None) -> np.ndarray:
        """Names of the lag columns of the flattened windows.

        Parameters
        ----------
        input_features : array-like of str or None, default=None
            Names of the series' columns: None means ``feature_names_in_``
            when the transformer was fitted on a DataFrame, otherwise no
            name for a single column and ``x0, x1, ...`` for several.

        Returns
        -------
        feature_names_out : ndarray of str, shape (window_length * n_features,)
            In column order: timestep-major, oldest time step first;
            ``lag_{k}`` for a single unnamed column and ``{feature}_lag_{k}``
            otherwise, ``lag_1`` being the last time step of a window.

        Raises
        ------
        ValueError
            With ``flatten=False`` (3-D windows have no columns), or for
            ``input_features`` that do not match the fitted columns.

        Examples
        --------
        >>> import numpy as np
        >>> t = SlidingWindowTransformer(3, flatten=True).fit(np.ones((5, 2)))
        >>> t.get_feature_names_out().tolist()
        ['x0_lag_3', 'x1_lag_3', 'x0_lag_2', 'x1_lag_2', 'x0_lag_1', 'x1_lag_1']
        """
        check_is_fitted(self)
        if not self.flatten:
            raise ValueError(
                f"{type(self).__name__}(flatten=False) returns 3-D windows "
                "(n_windows, window_length, n_features), which have no column "
                "names; set flatten=True for 2-D lag columns."
            )
        fitted = getattr(self, "feature_names_in_", None)
        if input_features is None:
            names = None if fitted is None else [str(f) for f in fitted]
        else:
            names = [str(f) for f in np.asarray(input_features, dtype=object)]
            if len(names) != self.n_features_in_:
                raise ValueError(
                    f"input_features has {len(names)} name(s), but "
                    f"{type(self).__name__} was fitted on {self.n_features_in_} "
                    "feature(s)."
                )
            if fitted is not None and names != [str(f) for f in fitted]:
                raise ValueError(
                    f"input_features {names!r} is not feature_names_in_ "
                    f"{[str(f) for f in fitted]!r}, the columns seen in fit."
                )
        if names is None and self.n_features_in_ > 1:
            names = [f"x{j}" for j in range(self.n_features_in_)]
        window_length = int(self.window_length)
        lags = range(window_length, 0, -1)
        if names is None:
            return np.asarray([f"lag_{k}" for k in lags], dtype=object)
        return np.asarray(
            [f"{name}_lag_{k}" for k in lags for name in names], dtype=object
        )


def last_window(series: Any, window_length: int) -> np.ndarray:
    """The window that ends at the last timestep of a series.

    Parameters
    ----------
    series : array-like of shape (n_timesteps,) or (n_timesteps, n_features)
        Numeric, finite series, at least ``window_length`` long.
    window_length : int
        Number of timesteps in the window (>= 1).

    Returns
    -------
    window : ndarray of shape (1, window_length, n_features), float32
        A read-only view of a float32 array of the series (an array also
        under a global ``sklearn.set_config(transform_output="pandas")``).

    Raises
    ------
    ValueError
        As :meth:`SlidingWindowTransformer.fit`: a series shorter than
        ``window_length``, NaN or infinite values, an unsorted, duplicated or
        gappy time index, an integer index that is not evenly increasing.

    Examples
    --------
    >>> import numpy as np
    >>> from skrnn.windows import last_window
    >>> last_window(np.arange(10.0), 3)[0, :, 0]
    array([7., 8., 9.], dtype=float32)
    """
    transformer = SlidingWindowTransformer(window_length)
    transformer.set_output(transform="default")
    return transformer.fit_transform(series)[-1:]
