"""The data side of the forecaster: series in, windows out, forecasts shaped back.

:class:`skrnn.WindowForecaster` sees every input as a :class:`SeriesSet`, a
panel of series (one series is a panel of one), and asks this module for
its training and validation windows, the windows ending at given origins,
and the caller-shaped forecasts. Nothing here knows about estimators or
strategies.
"""

from __future__ import annotations

import numbers
from typing import Any, NamedTuple

import numpy as np
import pandas as pd
from numpy.lib.stride_tricks import sliding_window_view

from skrnn._time_index import check_same_index, index_freq
from skrnn._validation import SeriesInfo, check_series, resolve_columns
from skrnn.panel import PanelInfo, check_panel, is_panel, shown_ids, warn_short
from skrnn.windows import cut_windows

__all__ = [
    "SeriesLayout",
    "SeriesSet",
    "check_column_names",
    "check_like_fit",
    "check_origins",
    "future_covariates",
    "origin_covariates",
    "origin_targets",
    "origin_windows",
    "panel_index",
    "panel_output",
    "read_series_set",
    "recent_windows",
    "series_output",
    "trainable_series",
    "training_windows",
]


class SeriesSet(NamedTuple):
    """Validated ``y`` (and ``X``) as a panel; a single series is a panel of one.

    Attributes
    ----------
    ids : list
        Series ids (``[None]`` for one series).
    infos : list of SeriesInfo
        ``y`` of each series.
    values : list of ndarray of shape (n_timesteps_i, n_columns)
        Per series, the columns of ``y`` then those of ``X``.
    id_name : object
        Name of the id column of a long panel, else None.
    is_panel : bool
        Whether the input was a panel.
    freq : pandas.DateOffset, int or None
        Step of the time index (the first series' that has one).
    exog_columns : list or None
        Column names of a DataFrame ``X`` (None otherwise).
    """

    ids: list
    infos: list[SeriesInfo]
    values: list[np.ndarray]
    id_name: Any
    is_panel: bool
    freq: Any
    exog_columns: list | None = None

    @property
    def lengths(self) -> list[int]:
        """Number of time steps of each series."""
        return [info.n_timesteps for info in self.infos]

    def subset(self, positions: list[int]) -> SeriesSet:
        """The series at ``positions``, in that order."""
        return self._replace(
            ids=[self.ids[i] for i in positions],
            infos=[self.infos[i] for i in positions],
            values=[self.values[i] for i in positions],
        )


def read_series_set(
    y: Any, X: Any = None, *, id_column: Any = None, regular: bool = True
) -> SeriesSet:
    """Validate ``y`` (a series, a panel, or a checked SeriesInfo/PanelInfo) and ``X``.

    Parameters
    ----------
    y : series, panel, SeriesInfo or PanelInfo
        See :meth:`skrnn.WindowForecaster.fit`.
    X : array-like of shape (n_timesteps, n_exogenous) or None
        Covariates aligned with a single series ``y``.
    id_column : object, default=None
        Id column of a long-DataFrame panel.
    regular : bool, default=True
        Check that every time index is regular and infer its step
        (``freq``). False skips this, for callers that check the index
        against known dates themselves (``freq`` is then None).

    Returns
    -------
    SeriesSet

    Examples
    --------
    >>> import numpy as np
    >>> data = read_series_set(np.arange(5.0), np.ones((5, 2)))
    >>> data.is_panel, data.values[0].shape
    (False, (5, 3))
    """
    if isinstance(y, PanelInfo) or (
        not isinstance(y, SeriesInfo) and is_panel(y, id_column, name="y")
    ):
        if X is not None:
            raise ValueError(
                "X is not supported with a panel y; add the covariates as columns "
                "of every series of y and forecast with strategy='direct' and "
                "target= the columns to forecast."
            )
        panel = (
            y if isinstance(y, PanelInfo) else check_panel(y, "y", id_column=id_column)
        )
        freqs = [
            index_freq(info.index, f"y[{key!r}]") if regular else None
            for key, info in zip(panel.ids, panel.series, strict=True)
        ]
        return SeriesSet(
            panel.ids,
            panel.series,
            [info.values for info in panel.series],
            panel.id_name,
            True,
            next((f for f in freqs if f is not None), None),
        )
    info = y if isinstance(y, SeriesInfo) else check_series(y, "y")
    freq = index_freq(info.index, "y") if regular else None
    values, exog_columns = info.values, None
    if X is not None:
        exog = check_series(X, "X")
        if exog.n_timesteps != info.n_timesteps:
            raise ValueError(
                f"X must be aligned with y: X has {exog.n_timesteps} time steps, y "
                f"has {info.n_timesteps}."
            )
        check_same_index(exog.index, info.index, "X", "y")
        values = np.hstack([info.values, exog.values])
        exog_columns = None if exog.is_univariate_input else exog.columns
    return SeriesSet([None], [info], [values], None, False, freq, exog_columns)


class SeriesLayout(NamedTuple):
    """What a forecaster was fitted on: columns, targets, series ids, time step.

    Learnt from the fitted :class:`SeriesSet` (:meth:`learn`); new data is
    read against it (:meth:`read`) and its series found among the fitted
    ones (:meth:`positions`).

    Attributes
    ----------
    n_columns : int
        Number of columns of ``y``.
    n_exogenous : int
        Window columns after ``y``'s: the columns of ``X``, or the one-hot
        ids with ``id_feature``.
    targets : list of int
        Positions of the target columns in ``y``.
    target_names : list or None
        Names of the target columns (None for numpy input).
    single : bool
        Whether forecasts have no target axis.
    is_panel : bool
        Whether the fitted ``y`` was a panel.
    univariate : bool
        Whether ``y`` was 1-D (a Series or a 1-D array).
    name : object
        Name of a single Series ``y``, else None.
    freq : pandas.DateOffset, int or None
        Step of the time index (None for numpy input).
    ids : list or None
        The series ids of a panel, in its order (None for one series).
    id_name : object
        Name of the id column of a long panel, else None.
    columns : list or None
        Column names of a DataFrame ``y`` (None for numpy or a Series).
    exog_columns : list or None
        Column names of a DataFrame ``X`` (None otherwise).

    Examples
    --------
    >>> import numpy as np
    >>> data = read_series_set({"a": np.arange(4.0), "b": np.ones(5)})
    >>> layout = SeriesLayout.learn(data, target=None, id_feature=True)
    >>> layout.targets, layout.single, layout.n_exogenous
    ([0], True, 2)
    >>> layout.positions(read_series_set({"b": np.ones(3)}), fitted_only=True)
    array([1])
    """

    n_columns: int
    n_exogenous: int
    targets: list[int]
    target_names: list | None
    single: bool
    is_panel: bool
    univariate: bool
    name: Any
    freq: Any
    ids: list | None
    id_name: Any
    columns: list | None = None
    exog_columns: list | None = None

    @classmethod
    def learn(cls, data: SeriesSet, target: Any, id_feature: bool) -> SeriesLayout:
        """The layout of the fitted series ``data``.

        Parameters
        ----------
        data : SeriesSet
            The fitted ``y`` (and ``X``).
        target : None, int, str or sequence
            The forecaster's ``target`` parameter (positions or names).
        id_feature : bool
            Whether the windows get a one-hot series-id feature.

        Returns
        -------
        SeriesLayout
        """
        info = data.infos[0]
        targets = resolve_columns(target, info.columns, info.n_features, "target")
        single = len(targets) == 1 and (
            target is None or isinstance(target, (str, numbers.Integral))
        )
        return cls(
            n_columns=info.n_features,
            n_exogenous=(
                len(data.ids)
                if id_feature
                else data.values[0].shape[1] - info.n_features
            ),
            targets=targets,
            target_names=(
                None if info.columns is None else [info.columns[j] for j in targets]
            ),
            single=single,
            is_panel=data.is_panel,
            univariate=info.is_univariate_input,
            name=(
                info.columns[0]
                if not data.is_panel and info.is_univariate_input and info.columns
                else None
            ),
            freq=data.freq,
            ids=list(data.ids) if data.is_panel else None,
            id_name=data.id_name,
            columns=None if info.is_univariate_input else info.columns,
            exog_columns=data.exog_columns,
        )

    def read(
        self, y: Any, X: Any, *, id_column: Any, regular: bool = True, owner: str
    ) -> SeriesSet:
        """``y`` and ``X`` read (:func:`read_series_set`) and checked against
        the fitted layout: same frequency, kind (series or panel) and columns.

        Parameters
        ----------
        y, X : series or panel, and covariates
            As for :func:`read_series_set`.
        id_column : object
            Id column of a long-DataFrame panel.
        regular : bool, default=True
            As for :func:`read_series_set`.
        owner : str
            The forecaster's class name, for messages.

        Returns
        -------
        SeriesSet
        """
        data = read_series_set(y, X, id_column=id_column, regular=regular)
        if data.freq is not None and self.freq is not None and data.freq != self.freq:
            raise ValueError(
                f"y has the frequency {_freq_name(data.freq)}, but "
                f"{owner} was fitted on {_freq_name(self.freq)}; "
                "resample y, or fit on data of its frequency."
            )
        check_like_fit(
            data,
            X,
            is_panel=self.is_panel,
            n_columns=self.n_columns,
            n_exogenous=self.n_exogenous,
            name=owner,
        )
        info = data.infos[0]
        if not info.is_univariate_input:
            check_column_names(info.columns, self.columns, "y", owner)
        check_column_names(data.exog_columns, self.exog_columns, "X", owner)
        return data

    def positions(self, data: SeriesSet, *, fitted_only: bool) -> np.ndarray:
        """Fitted positions of the series of ``data`` (-1: an unknown id).

        Parameters
        ----------
        data : SeriesSet
            Series read against this layout.
        fitted_only : bool
            Raise for an unknown id (a forecaster with ``series_scaler`` or
            ``id_feature`` forecasts only the fitted series).

        Returns
        -------
        ndarray of shape (n_series,), int
        """
        if not data.is_panel:
            return np.zeros(1, dtype=int)
        fitted = {key: i for i, key in enumerate(self.ids)}
        unknown = [key for key in data.ids if key not in fitted]
        if unknown and fitted_only:
            raise ValueError(
                f"{len(unknown)} series of y were not in the fitted panel: "
                f"{shown_ids(unknown)}; with series_scaler or id_feature only the "
                "fitted series can be forecast."
            )
        return np.array([fitted.get(key, -1) for key in data.ids])


def _freq_name(freq: Any) -> str:
    return getattr(freq, "freqstr", None) or repr(freq)


def check_like_fit(
    data: SeriesSet,
    X: Any,
    *,
    is_panel: bool,
    n_columns: int,
    n_exogenous: int,
    name: str,
) -> None:
    """Raise unless ``data`` (and ``X``) look like what ``name`` was fitted on.

    ``n_columns`` is the number of columns of the fitted ``y``;
    ``n_exogenous`` those of the fitted ``X`` (ignored for panels).
    """
    if not data.is_panel and is_panel:
        raise ValueError(
            f"y is one series, but {name} was fitted on a panel; pass a panel of "
            "the fitted series (e.g. a dict {id: series})."
        )
    if data.is_panel and not is_panel:
        raise ValueError(
            f"y is a panel, but {name} was fitted on one series; fit it on a panel "
            "first."
        )
    n_features = data.infos[0].n_features
    if n_features != n_columns:
        raise ValueError(
            f"y has {n_features} column(s), but {name} was fitted on y with "
            f"{n_columns}."
        )
    if data.is_panel:
        return
    if X is None and n_exogenous:
        raise ValueError(
            f"X is required: {name} was fitted with {n_exogenous} exogenous "
            "column(s) in X."
        )
    n_exog = data.values[0].shape[1] - n_features
    if X is not None and n_exog != n_exogenous:
        raise ValueError(
            f"X has {n_exog} column(s), but {name} was fitted with {n_exogenous}."
        )


def check_column_names(
    columns: list | None, fitted: list | None, name: str, owner: str
) -> None:
    """Raise unless ``columns`` are the ``fitted`` names in the fitted order.

    Nothing is checked when either side has no names (numpy input): the
    columns are then taken by position, as at fit.

    Examples
    --------
    >>> check_column_names(["a", "b"], ["a", "b"], "y", "WindowForecaster")
    >>> check_column_names(["b", "a"], ["a", "b"], "y", "WindowForecaster")
    Traceback (most recent call last):
    ...
    ValueError: y has the columns ['b', 'a'], but WindowForecaster was fitted on \
['a', 'b']; the columns are read by position, so pass them in the fitted order \
(e.g. y[['a', 'b']]).
    """
    if columns is None or fitted is None or list(columns) == list(fitted):
        return
    hint = (
        f" (e.g. {name}[{list(fitted)!r}])"
        if sorted(map(str, columns)) == sorted(map(str, fitted))
        else ""
    )
    raise ValueError(
        f"{name} has the columns {list(columns)!r}, but {owner} was fitted on "
        f"{list(fitted)!r}; the columns are read by position, so pass them in the "
        f"fitted order{hint}."
    )


def future_covariates(
    X: Any,
    horizon: int,
    *,
    n_exogenous: int,
    needed: bool,
    dates: pd.Index | None,
    name: str,
    exog_columns: list | None = None,
) -> np.ndarray | None:
    """Validated future exogenous values, (1, horizon, n_exogenous), or None.

    Parameters
    ----------
    X : array-like of shape (horizon, n_exogenous) or None
        The covariates at the forecast steps.
    horizon : int
        Forecast steps.
    n_exogenous : int
        Covariates the forecaster was fitted with (0 for none, or a panel).
    needed : bool
        Whether the strategy reads them for this horizon.
    dates : pandas.Index or None
        The forecast dates, which a time-indexed ``X`` must match.
    name : str
        The forecaster's class name, for messages.
    exog_columns : list or None, default=None
        Column names of the fitted ``X``, which a DataFrame ``X`` must have,
        in that order.
    """
    if X is None:
        if n_exogenous and needed:
            raise ValueError(
                f"X is required: the strategy feeds the forecasts back together "
                f"with the {n_exogenous} exogenous column(s), so predict needs "
                f"their future values, X of shape ({horizon}, {n_exogenous}) for "
                f"the {horizon} forecast steps."
            )
        return None
    if not n_exogenous:
        raise ValueError(
            f"X was given, but {name} was fitted without exogenous covariates "
            "(a forecaster fitted on a panel takes none)."
        )
    exog = check_series(X, "X")
    if exog.values.shape != (horizon, n_exogenous):
        raise ValueError(
            f"X must hold the exogenous values of the {horizon} forecast steps, "
            f"shape ({horizon}, {n_exogenous}); got shape {exog.values.shape}."
        )
    if not exog.is_univariate_input:
        check_column_names(exog.columns, exog_columns, "X", name)
    if dates is not None and isinstance(exog.index, (pd.DatetimeIndex, pd.PeriodIndex)):
        check_same_index(exog.index, dates, "X", "the forecast dates")
    return exog.values.reshape(1, horizon, n_exogenous)


def trainable_series(
    data: SeriesSet, window_length: int, steps: int, validation: int | None
) -> list[int]:
    """Positions of the series long enough for a training window.

    A training window needs ``window_length + steps`` time steps; with
    ``validation`` held-out steps, ``validation + window_length`` more (the
    validation steps and the gap before them). A single series that is too
    short, a panel series shorter than ``window_length`` (which cannot be
    forecast) and a panel without any trainable series are errors; other
    short panel series are left out with a :class:`~skrnn.panel.PanelWarning`.
    """
    needed = window_length + steps
    what = "1 (one-step training)" if steps == 1 else f"horizon = {steps}"
    if validation:
        needed += validation + window_length
        what += (
            f" + validation_size = {validation} + a gap of window_length = "
            f"{window_length}"
        )
    lengths = data.lengths
    if not data.is_panel:
        if lengths[0] < needed:
            raise ValueError(
                f"y has {lengths[0]} time steps, too short for window_length = "
                f"{window_length} + {what}: at least {needed} are needed for one "
                "training window."
            )
        return [0]
    short = [k for k, n in zip(data.ids, lengths, strict=True) if n < window_length]
    if short:
        raise ValueError(
            f"{len(short)} series of y have fewer than window_length = "
            f"{window_length} time steps and cannot be forecast: "
            f"{shown_ids(short)}. Drop them or lower window_length."
        )
    trained = [i for i, n in enumerate(lengths) if n >= needed]
    if not trained:
        raise ValueError(
            f"no series of y has window_length + {what} = {needed} time steps for "
            f"one training window; the longest has {max(lengths)}."
        )
    warn_short(
        [k for k, n in zip(data.ids, lengths, strict=True) if n < needed],
        needed,
        f"window_length + {what}; they are left out of training and still forecast",
        name="y",
    )
    return trained


def training_windows(
    series_values: list[np.ndarray],
    window_length: int,
    steps: int,
    *,
    targets: list[int],
    single: bool,
    seq2seq: bool,
    validation: int | None,
    stride: int = 1,
) -> tuple[list, list]:
    """Training and validation windows of every series, in time order.

    With ``validation`` held-out steps the validation windows of a series
    are its last ``validation - steps + 1`` (their targets lie in those
    steps), and the ``window_length + steps - 1`` windows before them are
    dropped, so that no training target is a validation input. With
    ``stride`` > 1 every ``stride``-th training window is kept, counting
    back from the most recent one.

    Returns
    -------
    train, valid : list of (windows, targets)
        One pair of float32 arrays per series (``valid`` empty without
        ``validation``).
    """
    train, valid = [], []
    for values in series_values:
        windows, Y = cut_windows(
            np.asarray(values, dtype=np.float32),
            window_length,
            steps,
            targets=targets,
            single=single,
            seq2seq=seq2seq,
        )
        n_train = len(windows)
        if validation is not None:
            n_valid = validation - steps + 1
            n_train -= n_valid + window_length + steps - 1
            valid.append((windows[-n_valid:], Y[-n_valid:]))
        kept = slice((n_train - 1) % stride, n_train, stride)
        train.append((windows[kept], Y[kept]))
    return train, valid


def recent_windows(data: SeriesSet, window_length: int) -> np.ndarray:
    """The last ``window_length`` steps of every series, (n_series, L, n_columns)."""
    short = [
        key for key, n in zip(data.ids, data.lengths, strict=True) if n < window_length
    ]
    if short:
        names = "y" if not data.is_panel else f"series {shown_ids(short)} of y"
        raise ValueError(
            f"{names} must have at least window_length = {window_length} time "
            "steps to forecast from."
        )
    return np.stack([np.array(v[-window_length:], np.float64) for v in data.values])


def check_origins(origins: Any) -> np.ndarray:
    """Origins as a 1-D int array, or a TypeError naming ``origins``."""
    points = np.asarray(origins).reshape(-1)
    if points.size and points.dtype.kind not in "iu":
        first = points[0].item() if isinstance(points[0], np.generic) else points[0]
        raise TypeError(
            f"origins must be int positions in y (not dates or labels), got {first!r}."
        )
    return points.astype(int)


def origin_windows(values: np.ndarray, origins: np.ndarray, window_length: int):
    """The windows (n_origins, window_length, n_columns) ending at ``origins``."""
    first, last = window_length - 1, len(values) - 1
    if origins.size and (origins.min() < first or origins.max() > last):
        raise ValueError(
            f"origins must be positions in [{first}, {last}] "
            f"(a full window before each, inside y); got {origins.min()} ... "
            f"{origins.max()}."
        )
    view = sliding_window_view(values, window_length, axis=0)
    return view[origins - window_length + 1].transpose(0, 2, 1)


def origin_targets(
    values: np.ndarray, origins: np.ndarray, horizon: int, targets: list[int]
) -> np.ndarray:
    """True values (n_origins, horizon, n_targets) after each origin."""
    steps_ahead = origins[:, None] + np.arange(1, horizon + 1)
    return np.asarray(values, dtype=np.float64)[steps_ahead][:, :, targets]


def origin_covariates(exog: np.ndarray, origins: np.ndarray, horizon: int):
    """The covariate rows ``t + 1 ... t + horizon`` after each origin ``t``."""
    if origins.size and origins.max() + horizon > len(exog) - 1:
        raise ValueError(
            f"X must have rows up to origin + {horizon} for the recursive strategy; "
            f"the origin {origins.max()} needs {origins.max() + horizon + 1} rows, "
            f"X has {len(exog)}."
        )
    ahead = sliding_window_view(exog, horizon, axis=0)
    return ahead[origins + 1].transpose(0, 2, 1)


def series_output(
    y_pred: np.ndarray,
    index: pd.Index | None,
    *,
    single: bool,
    names: list,
    univariate: bool,
    series_name: Any,
    target: Any,
) -> Any:
    """(horizon, n_targets) forecasts of one series as the caller's type.

    A Series for a Series ``y`` or an int/str ``target``, else a DataFrame;
    numpy without an index (the target axis dropped for a ``single`` target).
    """
    if single:
        y_pred = y_pred[:, 0]
    if index is None:
        return y_pred
    if univariate:
        return pd.Series(y_pred, index=index, name=series_name)
    if isinstance(target, (str, numbers.Integral)):
        return pd.Series(y_pred, index=index, name=names[0])
    return pd.DataFrame(y_pred.reshape(len(index), -1), index=index, columns=names)


def panel_output(
    y_pred: np.ndarray,
    ids: list,
    dates: list[pd.Index],
    *,
    id_name: Any,
    single: bool,
    names: list,
    target_name: Any,
) -> Any:
    """Forecasts (n_series, horizon, n_targets) indexed by (series id, date)."""
    index = panel_index(ids, dates, id_name)
    flat = y_pred.reshape(len(index), -1)
    if single:
        return pd.Series(flat[:, 0], index=index, name=target_name)
    return pd.DataFrame(flat, index=index, columns=names)


def panel_index(ids: list, dates: list[pd.Index], id_name: Any) -> pd.MultiIndex:
    """The (series id, date) index of forecasts after each series.

    Parameters
    ----------
    ids : list
        The series ids.
    dates : list of pandas.Index
        The forecast dates of each series (all of one length).
    id_name : object
        Name of the id level (None: ``"series"``).

    Returns
    -------
    pandas.MultiIndex

    Examples
    --------
    >>> import pandas as pd
    >>> panel_index(["a", "b"], [pd.RangeIndex(3, 5), pd.RangeIndex(7, 9)], None)
    MultiIndex([('a', 3),
                ('a', 4),
                ('b', 7),
                ('b', 8)],
               names=['series', 'time'])
    """
    keys = np.empty(len(ids), dtype=object)
    keys[:] = ids
    return pd.MultiIndex.from_arrays(
        [np.repeat(keys, len(dates[0])), dates[0].append(dates[1:])],
        names=[id_name or "series", dates[0].name or "time"],
    )
