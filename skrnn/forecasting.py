"""Forecasters: a series in, its future out, from any window regressor.

:class:`WindowForecaster` cuts a series into windows (:func:`skrnn.make_windows`),
trains a window regressor on them with one of three multi-step strategies,
and forecasts from the end of the series onto the future time index. Its
:meth:`~WindowForecaster.backtest` gives rolling-origin forecasts and
per-horizon errors.

::

    strategy     trained on (per window)                 forecast of h steps
    recursive    next value (n,) or (n, n_targets)       h one-step calls, fed back
    direct       Y (n, horizon[, n_targets])             one call, first h columns
    seq2seq      Y (n, window_length, horizon)           one call, last time step
"""

from __future__ import annotations

import numbers
from typing import Any, NamedTuple

import numpy as np
import pandas as pd
from joblib import Parallel, delayed
from sklearn.base import BaseEstimator, clone
from sklearn.metrics import root_mean_squared_error
from sklearn.utils.validation import check_is_fitted

from skrnn._validation import (
    SeriesInfo,
    check_positive_int,
    check_series,
    resolve_columns,
)
from skrnn.metrics import per_horizon_mae
from skrnn._transforms.differencing import (
    check_differences,
    difference_targets,
    difference_windows,
    integrate_targets,
)
from skrnn.multistep import RecursiveRegressor, _accepts_3d
from skrnn.panel import check_panel, is_panel, one_hot_ids, shown_ids, warn_short
from skrnn.windows import make_windows

__all__ = ["Backtest", "WindowForecaster"]

STRATEGIES = ("recursive", "direct", "seq2seq")


class Backtest(NamedTuple):
    """Result of :meth:`WindowForecaster.backtest`.

    Attributes
    ----------
    forecasts : pandas.DataFrame
        One row per origin, step ahead (and target column): ``origin`` (the
        last observed time step), ``step`` (1 ... horizon), ``date`` (the
        time step forecast), ``target`` (only for several target columns),
        ``y_true`` and ``y_pred``.
    errors : pandas.DataFrame
        Indexed by ``step``: ``MAE`` and ``RMSE`` over all origins (and
        target columns).
    """

    forecasts: pd.DataFrame
    errors: pd.DataFrame


# -- time index helpers -------------------------------------------------------


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


def _index_freq(index: pd.Index | None, name: str):
    """Step of a regular time index: a DateOffset, an int, or None (no index).

    Raises a ValueError naming the first timestamp that breaks the regular
    spacing (a gap or an irregular step). Duplicated and unsorted timestamps
    are rejected earlier by :func:`~skrnn._validation.check_series`.
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
        steps = np.diff(index.to_numpy())
        bad = np.flatnonzero(steps != steps[0])
        if steps[0] <= 0 or bad.size:
            i = int(bad[0]) + 1 if bad.size else 1
            raise ValueError(
                f"{name} has an integer index that is not evenly increasing: "
                f"{index[i]} at position {i} follows {index[i - 1]}."
            )
        return int(steps[0])
    raise ValueError(
        f"{name} must have a DatetimeIndex, a PeriodIndex or an integer index, got "
        f"a {type(index).__name__}."
    )


def _future_index(index: pd.Index, cutoff: Any, freq: Any, horizon: int) -> pd.Index:
    """The ``horizon`` time steps after ``cutoff``."""
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


# -- the forecaster -----------------------------------------------------------


class WindowForecaster(BaseEstimator):
    """Forecast a series with a window regressor and a multi-step strategy.

    Parameters
    ----------
    estimator : regressor
        Window regressor: any skrnn model (e.g. :class:`skrnn.GRURegressor`,
        :class:`skrnn.NaiveRegressor`) or any scikit-learn regressor (e.g.
        :class:`~sklearn.linear_model.Ridge`). Estimators whose tags say they
        take no 3-D input get flattened windows
        ``(n_windows, window_length * n_features)`` (and, for direct and
        seq2seq, flattened targets).
    window_length : int
        Time steps per input window.
    strategy : {"recursive", "direct", "seq2seq"}, default="recursive"
        "recursive": train one step ahead and feed forecasts back
        (:class:`~skrnn.multistep.RecursiveRegressor`); any horizon can be
        forecast. "direct": train on the next ``horizon`` values.
        "seq2seq": train on seq2seq targets (a ``horizon``-step forecast
        after every time step of the window; one target column) and forecast
        from the last time step. Direct and seq2seq forecast at most
        ``horizon`` steps.
    horizon : int, default=1
        Steps ahead the direct/seq2seq model is trained for, and the default
        number of steps of :meth:`predict` and :meth:`backtest`.
    target : None, int, str or sequence, default=None
        Column(s) of ``y`` to forecast (positions or names). None forecasts
        every column of ``y``. The other columns of ``y`` are input features
        only (direct and seq2seq; the recursive strategy would need their
        future values). An int or a str gives forecasts without a target
        axis; a sequence keeps it.
    differences : tuple of int, default=()
        Difference lags of the target column(s), applied in order inside each
        window before the estimator sees it, for any regressor: ``(1,)``
        removes a trend, ``(7,)`` a weekly season, ``(1, 7)`` both. The
        estimator gets ``window_length - sum(differences)`` differenced steps
        (other columns trimmed to the same steps) and learns the differences
        at the target steps; forecasts are integrated back from the window's
        own values (cumulative for lag 1, seasonal for lag ``s``). The sum
        must be < ``window_length``. Not for the seq2seq strategy, nor with
        an estimator that differences itself (a SARIMA ``order`` with d > 0
        or ``seasonal_order`` with D > 0, or a Keras regressor with its own
        ``differences``).
    series_scaler : transformer or None, default=None
        A column-wise scikit-learn scaler (e.g.
        :class:`~sklearn.preprocessing.StandardScaler`,
        :class:`~sklearn.preprocessing.MinMaxScaler`): a clone is fitted on
        the columns of each series of ``y`` in :meth:`fit`, the windows are
        cut from the scaled series, and the forecasts are put back on each
        series' own scale. For a panel this lets one global model learn from
        series of very different levels. ``X`` is not scaled.
    id_column : str or None, default=None
        For a panel ``y`` given as a long DataFrame: the column (or index
        level) with the series ids (see :mod:`skrnn.panel`).
    id_feature : bool, default=False
        Panels only: give every window a one-hot series-id feature
        (``n_series`` extra columns, constant in time, also in the
        forecast), so that the global model can tell the series apart.

    Attributes
    ----------
    estimator_ : regressor
        The fitted window regressor (a
        :class:`~skrnn.multistep.RecursiveRegressor` for the recursive
        strategy).
    last_window_ : ndarray of shape (window_length, n_features), float32
        The last ``window_length`` time steps of the fitted series (columns
        of ``y``, then of ``X``): the window :meth:`predict` starts from
        (``y``'s columns scaled when ``series_scaler`` is set). Single
        series only.
    target_indices_ : list of int
        Positions of the target columns in ``y``.
    differences_ : tuple of int
        The validated difference lags (empty without differencing).
    target_names_ : list or None
        Names of the target columns (None for numpy input).
    single_target_ : bool
        Whether forecasts have no target axis (one target column selected
        by None, an int or a str).
    n_features_y_ : int
        Number of columns of ``y``.
    n_exogenous_ : int
        Number of columns of ``X`` (0 without ``X``).
    freq_ : pandas.DateOffset, int or None
        Time step of the fitted series' index (None for numpy input).
    cutoff_ : object
        Last time stamp (or position, for numpy input) of the fitted series.
    flatten_windows_ : bool
        Whether the estimator gets flattened 2-D windows.
    is_univariate_input_ : bool
        Whether ``y`` was 1-D (a Series or a 1-D array).
    name_ : object
        Name of a Series ``y`` (the name of the forecast Series).
    scalers_ : list of transformers or None
        The fitted clones of ``series_scaler``, one per series.
    is_panel_ : bool
        Whether ``fit`` got a panel of series.
    panel_ids_ : list
        Panels only: the series ids, in the panel's order.
    last_windows_ : ndarray of shape (n_series, window_length, n_features)
        Panels only: the last window of every series (scaled, with the id
        feature if any), float32.
    cutoffs_ : list
        Panels only: the last time stamp (or position) of every series.

    Notes
    -----
    ``X`` holds exogenous covariates aligned with ``y``: row ``t`` of ``X``
    joins row ``t`` of ``y`` in the windows, so a forecast of time step
    ``t + 1`` sees ``X`` up to ``t``. A covariate known one step in advance
    (e.g. tomorrow's day type) can be shifted so that row ``t`` carries it.
    The recursive strategy appends each forecast to the window together with
    that time step's ``X``, so ``predict`` needs the future ``X`` there.

    Examples
    --------
    >>> import numpy as np
    >>> import pandas as pd
    >>> from sklearn.linear_model import LinearRegression
    >>> from skrnn.forecasting import WindowForecaster
    >>> index = pd.date_range("2024-01-01", periods=40, freq="D")
    >>> y = pd.Series(0.9 ** np.arange(40), index=index, name="level")
    >>> forecaster = WindowForecaster(LinearRegression(), window_length=3, horizon=2)
    >>> forecaster.fit(y).predict().round(4)
    2024-02-10    0.0148
    2024-02-11    0.0133
    Freq: D, Name: level, dtype: float64

    A global model over a panel of two series with different levels: each
    series is scaled on its own, and the forecasts come back indexed by
    series id and date.

    >>> from sklearn.preprocessing import StandardScaler
    >>> panel = {"small": y, "large": 100 * y + 50}
    >>> forecaster = WindowForecaster(
    ...     LinearRegression(), window_length=3, series_scaler=StandardScaler()
    ... )
    >>> forecast = forecaster.fit(panel).predict(2)
    >>> forecast.index.names
    FrozenList(['series', 'time'])
    >>> forecast.unstack("series").round(2)  # doctest: +NORMALIZE_WHITESPACE
    series      large  small
    time
    2024-02-10  51.48   0.01
    2024-02-11  51.33   0.01
    """

    def __init__(
        self,
        estimator,
        window_length: int,
        strategy: str = "recursive",
        horizon: int = 1,
        target: Any = None,
        differences: Any = (),
        series_scaler: Any = None,
        id_column: Any = None,
        id_feature: bool = False,
    ):
        self.estimator = estimator
        self.window_length = window_length
        self.strategy = strategy
        self.horizon = horizon
        self.target = target
        self.differences = differences
        self.series_scaler = series_scaler
        self.id_column = id_column
        self.id_feature = id_feature

    # -- validation -----------------------------------------------------------

    def _check_params(self) -> tuple[int, int]:
        window_length = check_positive_int(self.window_length, "window_length")
        horizon = check_positive_int(self.horizon, "horizon")
        if self.strategy not in STRATEGIES:
            raise ValueError(
                f"strategy must be one of {list(STRATEGIES)}, got {self.strategy!r}."
            )
        return window_length, horizon

    def _check_differences(self, window_length: int) -> tuple[int, ...]:
        """Validated lags; rejects seq2seq and estimators that difference."""
        lags = check_differences(self.differences, window_length)
        if not lags:
            return lags
        if self.strategy == "seq2seq":
            raise ValueError(
                f"differences={lags} does not support strategy='seq2seq'; use a "
                "Keras estimator with window_norm (e.g. window_norm='last') for "
                "seq2seq, or strategy='direct'."
            )
        params = self.estimator.get_params(deep=False)
        order = params.get("order") or (0, 0, 0)
        seasonal = params.get("seasonal_order") or (0, 0, 0, 0)
        own = params.get("differences") or ()
        if (len(order) > 1 and order[1]) or (len(seasonal) > 1 and seasonal[1]) or own:
            raise ValueError(
                f"differences={lags} would double-difference the series: the "
                f"estimator {type(self.estimator).__name__} differences it itself "
                f"(order={params.get('order')!r}, seasonal_order="
                f"{params.get('seasonal_order')!r}, differences={own!r}). Use one "
                "of them: differences=() here, or d = D = 0 / no differences in "
                "the estimator."
            )
        return lags

    def _check_data(
        self, y: Any, X: Any, *, fitting: bool
    ) -> tuple[SeriesInfo, np.ndarray, Any]:
        """Validate y (and X aligned with it); returns (info, values, freq).

        ``values`` has the columns of ``y`` followed by those of ``X``.
        """
        info = check_series(y, "y")
        freq = _index_freq(info.index, "y")
        if fitting:
            self.n_exogenous_ = 0
        elif info.n_features != self.n_features_y_:
            raise ValueError(
                f"y has {info.n_features} column(s), but {type(self).__name__} was "
                f"fitted on y with {self.n_features_y_}."
            )
        if X is None:
            if not fitting and self.n_exogenous_:
                raise ValueError(
                    f"X is required: {type(self).__name__} was fitted with "
                    f"{self.n_exogenous_} exogenous column(s) in X."
                )
            return info, info.values, freq
        exog = check_series(X, "X")
        if exog.n_timesteps != info.n_timesteps:
            raise ValueError(
                f"X must be aligned with y: X has {exog.n_timesteps} time steps, y "
                f"has {info.n_timesteps}."
            )
        _check_same_index(exog.index, info.index, "X", "y")
        if fitting:
            self.n_exogenous_ = exog.n_features
        elif exog.n_features != self.n_exogenous_:
            raise ValueError(
                f"X has {exog.n_features} column(s), but {type(self).__name__} was "
                f"fitted with {self.n_exogenous_}."
            )
        return info, np.hstack([info.values, exog.values]), freq

    def _single_target(self) -> bool:
        return self.target is None or isinstance(self.target, (str, numbers.Integral))

    # -- fit ------------------------------------------------------------------

    def fit(self, y: Any, X: Any = None) -> WindowForecaster:
        """Cut ``y`` (and ``X``) into windows and train the estimator.

        Parameters
        ----------
        y : array-like of shape (n_timesteps,) or (n_timesteps, n_columns), or panel
            The series: a pandas Series/DataFrame on a regular DatetimeIndex
            (or PeriodIndex, or evenly spaced integer index), or a numpy
            array. Finite values only; the index must have no gaps and no
            duplicates. Or a panel of such series (a list, tuple or dict of
            series, or a long DataFrame with the ids in ``id_column``, see
            :mod:`skrnn.panel`): one global model is trained on the windows
            of every series.
        X : array-like of shape (n_timesteps, n_exogenous), default=None
            Exogenous covariates aligned with ``y`` (same length, and the
            same index for pandas inputs), used as extra window features.
            Not supported with a panel ``y``.

        Returns
        -------
        self

        Warns
        -----
        skrnn.panel.PanelWarning
            When series of a panel are too short for one training window
            (``window_length + 1`` steps for the recursive strategy,
            ``window_length + horizon`` otherwise): they are listed, left out
            of training, and still forecast by :meth:`predict`.
        """
        window_length, horizon = self._check_params()
        lags = self._check_differences(window_length)
        if is_panel(y, self.id_column):
            return self._fit_panel(y, X, window_length, horizon, lags)
        if self.id_feature:
            raise ValueError(
                "id_feature=True needs a panel y (a list, tuple or dict of series, "
                f"or a long DataFrame with id_column); got one series of type "
                f"{type(y).__name__}."
            )
        info, values, freq = self._check_data(y, X, fitting=True)
        self.n_features_y_ = info.n_features
        targets, single = self._resolve_targets(info.columns, info.n_features)
        steps = 1 if self.strategy == "recursive" else horizon
        needed = window_length + steps
        if info.n_timesteps < needed:
            what = "1 (one-step training)" if steps == 1 else f"horizon = {horizon}"
            raise ValueError(
                f"y has {info.n_timesteps} time steps, too short for window_length = "
                f"{window_length} + {what}: at least {needed} are needed for one "
                "training window."
            )
        self.scalers_ = self._fit_scalers([info.values])
        values = self._scaled(values, self.scalers_, 0)
        target = targets[0] if single else targets
        windows, Y = make_windows(
            values,
            window_length,
            steps,
            target=target,
            seq2seq=self.strategy == "seq2seq",
        )
        self._train(windows, Y, targets, single, lags)
        self.is_panel_ = False
        self.target_names_ = (
            [info.columns[j] for j in targets] if info.columns is not None else None
        )
        self.last_window_ = np.array(values[-window_length:], dtype=np.float32)
        self._index_template = None if info.index is None else info.index[:0]
        self.freq_ = freq
        self.cutoff_ = info.n_timesteps - 1 if info.index is None else info.index[-1]
        self.is_univariate_input_ = info.is_univariate_input
        self.name_ = (
            info.columns[0] if info.is_univariate_input and info.columns else None
        )
        return self

    def _resolve_targets(self, columns: list | None, n_features: int):
        targets = resolve_columns(self.target, columns, n_features, "target")
        single = len(targets) == 1 and self._single_target()
        self._check_strategy_targets(targets, single)
        return targets, single

    def _train(
        self,
        windows: np.ndarray,
        Y: np.ndarray,
        targets: list[int],
        single: bool,
        lags: tuple[int, ...],
    ) -> None:
        """Difference (optionally) and fit the estimator on the windows."""
        steps = 1 if self.strategy == "recursive" else int(self.horizon)
        if lags:
            layout = "one-step" if steps == 1 else "direct"
            Y = difference_targets(windows, Y, targets, lags, layout)
            windows = difference_windows(windows, targets, lags)
        self.differences_ = lags
        self.target_indices_ = targets
        self.single_target_ = single
        target = targets[0] if single else targets
        estimator = self._configured_estimator(target)
        self.flatten_windows_ = not _accepts_3d(estimator)
        if self.strategy == "recursive":
            self.estimator_ = RecursiveRegressor(
                estimator, horizon=int(self.horizon), target_index=target
            ).fit(windows, Y)
        else:
            if self.flatten_windows_:
                windows, Y = windows.reshape(len(windows), -1), Y.reshape(len(Y), -1)
            self.estimator_ = estimator.fit(windows, Y)

    def _fit_panel(
        self,
        y: Any,
        X: Any,
        window_length: int,
        horizon: int,
        lags: tuple[int, ...],
    ) -> WindowForecaster:
        """fit on a panel: one global model over the windows of every series."""
        if X is not None:
            raise ValueError(
                "X is not supported with a panel y; add the covariates as columns "
                "of every series of y and forecast with strategy='direct' and "
                "target= the columns to forecast."
            )
        panel = check_panel(y, "y", id_column=self.id_column)
        frequencies = [
            _index_freq(info.index, f"y[{key!r}]")
            for key, info in zip(panel.ids, panel.series, strict=True)
        ]
        self.n_features_y_ = panel.n_features
        targets, single = self._resolve_targets(panel.columns, panel.n_features)
        steps = 1 if self.strategy == "recursive" else horizon
        needed = window_length + steps
        lengths = panel.lengths
        unforecastable = [
            k for k, n in zip(panel.ids, lengths, strict=True) if n < window_length
        ]
        if unforecastable:
            raise ValueError(
                f"{len(unforecastable)} series of y have fewer than window_length = "
                f"{window_length} time steps and cannot be forecast: "
                f"{shown_ids(unforecastable)}. Drop them or lower window_length."
            )
        trained = [k for k, n in zip(panel.ids, lengths, strict=True) if n >= needed]
        if not trained:
            raise ValueError(
                f"no series of y has window_length + {steps} = {needed} time steps "
                f"for one training window; the longest has {int(lengths.max())}."
            )
        warn_short(
            [k for k, n in zip(panel.ids, lengths, strict=True) if n < needed],
            needed,
            f"window_length + {steps}; they are left out of training and still "
            "forecast",
            name="y",
        )
        self.scalers_ = self._fit_scalers([info.values for info in panel.series])
        self.n_exogenous_ = panel.n_series if self.id_feature else 0
        series_values = {}
        for position, (key, info) in enumerate(
            zip(panel.ids, panel.series, strict=True)
        ):
            series_values[key] = self._model_values(
                info.values, position, panel.n_series
            )
        windows, Y = make_windows(
            {key: series_values[key] for key in trained},
            window_length,
            steps,
            target=targets[0] if single else targets,
            seq2seq=self.strategy == "seq2seq",
        )
        self._train(windows, Y, targets, single, lags)
        self.is_panel_ = True
        self.panel_ids_ = panel.ids
        self.id_name_ = panel.id_name
        self.last_windows_ = np.stack(
            [
                np.asarray(v[-window_length:], dtype=np.float32)
                for v in series_values.values()
            ]
        )
        self._index_templates = [
            None if info.index is None else info.index[:0] for info in panel.series
        ]
        self.freq_ = next((f for f in frequencies if f is not None), None)
        self.cutoffs_ = [
            info.n_timesteps - 1 if info.index is None else info.index[-1]
            for info in panel.series
        ]
        self.target_names_ = (
            [panel.columns[j] for j in targets] if panel.columns is not None else None
        )
        self.is_univariate_input_ = panel.series[0].is_univariate_input
        self.name_ = None
        return self

    # -- per-series scaling ---------------------------------------------------

    def _fit_scalers(self, series_values: list[np.ndarray]) -> list | None:
        """One clone of ``series_scaler`` per series, fitted on its y columns."""
        if self.series_scaler is None:
            return None
        return [
            clone(self.series_scaler).fit(np.asarray(values, dtype=np.float64))
            for values in series_values
        ]

    def _scaled(self, values: np.ndarray, scalers: list | None, position: int):
        """``values`` with the y columns scaled by series ``position``'s scaler."""
        if scalers is None:
            return values
        n_y = self.n_features_y_
        out = np.array(values, dtype=np.float64)
        out[:, :n_y] = scalers[position].transform(out[:, :n_y])
        return out

    def _model_values(
        self, values: np.ndarray, position: int, n_series: int
    ) -> np.ndarray:
        """A panel series as the model sees it: scaled, then the one-hot id."""
        values = self._scaled(values, self.scalers_, position)
        if not self.id_feature:
            return values
        ids = one_hot_ids(position, n_series, len(values))
        return np.hstack([values, ids])

    def _unscaled(self, y_pred: np.ndarray, scalers: list | None) -> np.ndarray:
        """Forecasts (n, horizon, n_targets) back on each series' own scale.

        ``scalers[i]`` is the scaler of row ``i``; consecutive rows of one
        series (a backtest's origins) are inverted in one call.
        """
        if scalers is None:
            return y_pred
        targets = self.target_indices_
        n, horizon, n_targets = y_pred.shape
        out = np.empty_like(y_pred)
        start = 0
        while start < n:
            stop = start + 1
            while stop < n and scalers[stop] is scalers[start]:
                stop += 1
            full = np.zeros(((stop - start) * horizon, self.n_features_y_))
            full[:, targets] = y_pred[start:stop].reshape(-1, n_targets)
            levels = scalers[start].inverse_transform(full)[:, targets]
            out[start:stop] = levels.reshape(stop - start, horizon, n_targets)
            start = stop
        return out

    def _configured_estimator(self, target):
        """A clone of ``estimator`` told the strategy and the target columns.

        Window regressors with a ``seq2seq`` parameter get it set from the
        strategy (3-D direct targets whose horizon equals the window length
        would otherwise look like seq2seq targets), and those with a
        ``target_index`` parameter get the target column(s) of the windows.
        """
        estimator = clone(self.estimator)
        params = estimator.get_params(deep=False)
        settings = {}
        if "seq2seq" in params:
            settings["seq2seq"] = self.strategy == "seq2seq"
        if "target_index" in params:
            settings["target_index"] = target
        return estimator.set_params(**settings)

    def _check_strategy_targets(self, targets: list[int], single: bool) -> None:
        if self.strategy == "seq2seq" and not single:
            raise ValueError(
                "strategy='seq2seq' needs a single target column (target=None on "
                f"a univariate y, an int or a column name); got target="
                f"{self.target!r}, which selects {len(targets)} column(s)."
            )
        others = [j for j in range(self.n_features_y_) if j not in targets]
        if self.strategy == "recursive" and others:
            raise ValueError(
                f"strategy='recursive' forecasts every window feature it feeds back, "
                f"but target={self.target!r} leaves column(s) {others} of y "
                "unforecast and their future values unknown. Forecast them too "
                "(target=None), pass them as X with their future values to "
                "predict, or use strategy='direct'."
            )

    # -- predict --------------------------------------------------------------

    def _future_covariates(
        self, X: Any, horizon: int, n_windows: int, future_index: pd.Index | None
    ) -> np.ndarray | None:
        """Validate future exogenous values; (n_windows=1, horizon, n_exogenous)."""
        needed = self.strategy == "recursive" and horizon > 1 and self.n_exogenous_
        if X is None:
            if needed:
                raise ValueError(
                    f"X is required: the recursive strategy feeds the forecasts back "
                    f"together with the {self.n_exogenous_} exogenous column(s), so "
                    f"predict needs their future values, X of shape ({horizon}, "
                    f"{self.n_exogenous_}) for the {horizon} forecast steps."
                )
            return None
        if not self.n_exogenous_:
            raise ValueError(
                f"X was given, but {type(self).__name__} was fitted without "
                "exogenous covariates."
            )
        exog = check_series(X, "X")
        if exog.values.shape != (horizon, self.n_exogenous_):
            raise ValueError(
                f"X must hold the exogenous values of the {horizon} forecast steps, "
                f"shape ({horizon}, {self.n_exogenous_}); got shape "
                f"{exog.values.shape}."
            )
        if future_index is not None and isinstance(
            exog.index, (pd.DatetimeIndex, pd.PeriodIndex)
        ):
            _check_same_index(exog.index, future_index, "X", "the forecast dates")
        return exog.values.reshape(n_windows, horizon, self.n_exogenous_)

    def _check_horizon(self, horizon: int | None) -> int:
        if horizon is None:
            return int(self.horizon)
        horizon = check_positive_int(horizon, "horizon")
        if self.strategy != "recursive" and horizon > self.horizon:
            raise ValueError(
                f"horizon={horizon} is beyond the {self.horizon} step(s) the "
                f"strategy={self.strategy!r} model was trained for; refit with "
                f"horizon >= {horizon} or use strategy='recursive'."
            )
        return horizon

    def _forecast_windows(
        self, windows: np.ndarray, horizon: int, covariates: np.ndarray | None
    ) -> np.ndarray:
        """Forecasts from windows (n, L, F): (n, horizon, n_targets), float64.

        With ``differences`` the windows are differenced first and the
        forecast differences integrated back from the windows' levels.
        """
        n = len(windows)
        levels = windows
        lags = getattr(self, "differences_", ())
        if lags:
            windows = difference_windows(windows, self.target_indices_, lags)
        if self.strategy == "recursive":
            y_pred = self.estimator_._forecast(windows, horizon, covariates)
        else:
            inputs = windows.reshape(n, -1) if self.flatten_windows_ else windows
            y_pred = np.asarray(self.estimator_.predict(inputs), dtype=np.float64)
            if self.strategy == "seq2seq" and self.flatten_windows_:
                y_pred = y_pred.reshape(n, windows.shape[1], -1)[:, -1]
            y_pred = y_pred.reshape(n, self.horizon, len(self.target_indices_))
        y_pred = y_pred.reshape(n, -1, len(self.target_indices_))[:, :horizon]
        if lags:
            y_pred = integrate_targets(
                levels, y_pred, self.target_indices_, lags, "direct"
            )
        return y_pred

    def predict(self, horizon: int | None = None, X: Any = None) -> Any:
        """Forecast the ``horizon`` time steps after the fitted series.

        Parameters
        ----------
        horizon : int, default=None
            Steps to forecast; ``None`` means the ``horizon`` parameter.
            Direct and seq2seq models forecast at most the ``horizon`` they
            were trained for.
        X : array-like of shape (horizon, n_exogenous), default=None
            Exogenous values at the forecast time steps (pandas inputs with a
            time index must be on those dates). Required for the recursive
            strategy with ``horizon > 1`` when ``fit`` got ``X``; otherwise
            checked and not used.

        Returns
        -------
        y_pred : pandas.Series, pandas.DataFrame or ndarray
            On the future time index: a Series for a Series ``y`` or an
            int/str ``target``, else a DataFrame with the target columns. For
            numpy input an array of shape ``(horizon,)`` (one target column
            and no sequence ``target``) or ``(horizon, n_targets)``.
        """
        check_is_fitted(self, "estimator_")
        horizon = self._check_horizon(horizon)
        if self.is_panel_:
            return self._predict_panel(horizon, X)
        future_index = None
        if self._index_template is not None:
            future_index = _future_index(
                self._index_template, self.cutoff_, self.freq_, horizon
            )
        covariates = self._future_covariates(X, horizon, 1, future_index)
        y_pred = self._forecast_windows(self.last_window_[None], horizon, covariates)
        return self._wrap(self._unscaled(y_pred, self.scalers_)[0], future_index)

    def _id_covariates(self, n_windows: int, horizon: int, positions) -> np.ndarray:
        """One-hot id features of ``positions`` over ``horizon`` future steps."""
        eye = np.eye(len(self.panel_ids_), dtype=np.float32)[positions]
        return np.broadcast_to(eye[:, None, :], (n_windows, horizon, eye.shape[1]))

    def _panel_index(self, horizon: int) -> pd.MultiIndex:
        """(series id, date) of the ``horizon`` steps after every series."""
        dates = [
            _future_index(template, cutoff, self.freq_, horizon)
            if template is not None
            else pd.RangeIndex(cutoff + 1, cutoff + 1 + horizon)
            for template, cutoff in zip(
                self._index_templates, self.cutoffs_, strict=True
            )
        ]
        ids = np.empty(len(self.panel_ids_), dtype=object)
        ids[:] = self.panel_ids_
        return pd.MultiIndex.from_arrays(
            [np.repeat(ids, horizon), dates[0].append(dates[1:])],
            names=[self.id_name_ or "series", dates[0].name or "time"],
        )

    def _predict_panel(self, horizon: int, X: Any) -> Any:
        """Forecasts of every series of the fitted panel, in one batch."""
        if X is not None:
            raise ValueError(
                f"X was given, but {type(self).__name__} was fitted on a panel, "
                "which takes no exogenous covariates."
            )
        n_series = len(self.panel_ids_)
        covariates = None
        if self.id_feature:
            covariates = self._id_covariates(n_series, horizon, np.arange(n_series))
        y_pred = self._forecast_windows(self.last_windows_, horizon, covariates)
        y_pred = self._unscaled(y_pred, self.scalers_).reshape(n_series * horizon, -1)
        index = self._panel_index(horizon)
        if self.single_target_:
            name = self.target_names_[0] if self.target_names_ else None
            return pd.Series(y_pred[:, 0], index=index, name=name)
        columns = self.target_names_ or self.target_indices_
        return pd.DataFrame(y_pred, index=index, columns=columns)

    def _wrap(self, y_pred: np.ndarray, index: pd.Index | None) -> Any:
        """(horizon, n_targets) forecasts as the caller's type."""
        if self.single_target_:
            y_pred = y_pred[:, 0]
        if index is None:
            return y_pred
        columns = self.target_names_ or self.target_indices_
        if self.is_univariate_input_:
            return pd.Series(y_pred, index=index, name=self.name_)
        if isinstance(self.target, (str, numbers.Integral)):
            return pd.Series(y_pred, index=index, name=columns[0])
        return pd.DataFrame(
            y_pred.reshape(len(index), -1), index=index, columns=columns
        )

    # -- backtest -------------------------------------------------------------

    def backtest(
        self,
        y: Any,
        start: Any,
        horizon: int | None = None,
        stride: int = 1,
        refit: bool = False,
        X: Any = None,
        n_jobs: int | None = None,
    ) -> Backtest:
        """Rolling-origin forecasts over a series, and their per-horizon errors.

        An origin is the last observed time step of a forecast: from every
        origin ``t >= start`` (every ``stride`` steps) whose ``horizon`` next
        steps are all in ``y``, forecast ``y[t + 1 : t + 1 + horizon]`` from
        the window ending at ``t``.

        Without ``refit`` the fitted model forecasts from all origins at
        once: their windows go through one batched prediction (for the
        recursive strategy, one batched call per step). With ``refit=True`` a
        clone of the forecaster is fitted on ``y[: t + 1]`` (expanding
        window) for each origin before forecasting: one full training per
        origin, spread over ``n_jobs`` joblib workers (or a Dask cluster,
        see :mod:`skrnn.parallel`).

        Parameters
        ----------
        y : array-like of shape (n_timesteps,) or (n_timesteps, n_columns), or panel
            The series, with the same columns as in ``fit`` (it usually
            extends the training series). For a forecaster fitted on a panel:
            a panel of series of the fitted ids (any ids without
            ``series_scaler`` and ``id_feature``); every series is backtested
            from ``start`` and all windows go through one batched prediction.
        start : int, str or timestamp
            First origin: a position in ``y`` (negative counts from the end)
            or, for a time index, a date; the first time step at or after it
            is used. For a panel, applied to each series.
        horizon : int, default=None
            Steps ahead; ``None`` means the ``horizon`` parameter.
        stride : int, default=1
            Time steps between consecutive origins.
        refit : bool, default=False
            Refit on the data up to each origin (single series only).
        X : array-like of shape (n_timesteps, n_exogenous), default=None
            Exogenous covariates aligned with ``y``; required when ``fit``
            got ``X``.
        n_jobs : int or None, default=None
            Parallel refits with ``refit=True`` (joblib semantics: None is 1
            unless inside a :func:`joblib.parallel_config` context, -1 is
            all workers). Each job fits its own clone, so the results do not
            depend on ``n_jobs``.

        Returns
        -------
        Backtest
            ``(forecasts, errors)``: a long DataFrame with columns (the
            series id for a panel), ``origin``, ``step``, ``date``,
            (``target``), ``y_true`` and ``y_pred``; and a DataFrame indexed
            by ``step`` with the ``MAE``
            (:func:`skrnn.metrics.per_horizon_mae`) and ``RMSE``
            (:func:`sklearn.metrics.root_mean_squared_error`) of each step
            over all origins (and target columns, and series).
        """
        window_length, _ = self._check_params()
        stride = check_positive_int(stride, "stride")
        if getattr(self, "is_panel_", False) or (
            not refit and is_panel(y, self.id_column)
        ):
            return self._backtest_panel(y, start, horizon, stride, refit, X)
        if not refit:
            check_is_fitted(self, "estimator_")
            info, values, _ = self._check_data(y, X, fitting=False)
            horizon = self._check_horizon(horizon)
            targets, single, n_exog = (
                self.target_indices_,
                self.single_target_,
                self.n_exogenous_,
            )
        else:
            fitter = clone(self)
            info, values, _ = fitter._check_data(y, X, fitting=True)
            fitter.n_features_y_ = info.n_features
            horizon = fitter._check_horizon(horizon)
            targets = resolve_columns(
                self.target, info.columns, info.n_features, "target"
            )
            single = len(targets) == 1 and self._single_target()
            n_exog = fitter.n_exogenous_
        train_steps = 1 if self.strategy == "recursive" else int(self.horizon)
        earliest = window_length - 1 + (train_steps if refit else 0)
        model_values = values if refit else self._scaled(values, self.scalers_, 0)
        origins, windows, y_true, covariates = self._origin_windows(
            model_values,
            values,
            info,
            start,
            horizon,
            stride,
            targets,
            single,
            n_exog,
            earliest,
            refit_steps=train_steps if refit else 0,
        )
        if not refit:
            y_pred = self._forecast_windows(windows, horizon, covariates)
            y_pred = self._unscaled(y_pred, self._repeat(self.scalers_, len(origins)))
        else:
            fitter.set_params(target=targets[0] if single else targets)
            n_y = values.shape[1] - n_exog
            jobs = (
                delayed(_refit_forecast)(
                    fitter,
                    values[: origin + 1, :n_y],
                    values[: origin + 1, n_y:] if n_exog else None,
                    horizon,
                    None if covariates is None else covariates[i : i + 1],
                )
                for i, origin in enumerate(origins)
            )
            y_pred = np.stack(Parallel(n_jobs=n_jobs)(jobs))
        columns = None
        if not single or not info.is_univariate_input:
            names = info.columns or list(range(info.n_features))
            columns = [names[j] for j in targets]
        return Backtest(
            forecasts=_forecast_table(origins, info.index, y_true, y_pred, columns),
            errors=_error_table(y_true, y_pred),
        )

    @staticmethod
    def _repeat(scalers: list | None, n: int) -> list | None:
        return None if scalers is None else [scalers[0]] * n

    def _origin_windows(
        self,
        model_values: np.ndarray,
        values: np.ndarray,
        info: SeriesInfo,
        start: Any,
        horizon: int,
        stride: int,
        targets: list[int],
        single: bool,
        n_exog: int,
        earliest: int,
        refit_steps: int = 0,
    ):
        """Origins, their windows (model scale), true futures and covariates.

        Returns ``origins`` (n,), ``windows`` (n, window_length, n_columns)
        cut from ``model_values``, ``y_true`` (n, horizon, n_targets) from
        ``values`` and the covariates (n, horizon, n_exog) or None.
        """
        window_length = int(self.window_length)
        n_timesteps = info.n_timesteps
        first = self._start_position(start, info, n_timesteps)
        if first < earliest:
            reason = (
                f"a window of window_length={window_length} steps before it"
                if not refit_steps
                else f"window_length + {refit_steps} = "
                f"{window_length + refit_steps} training steps up to it"
            )
            raise ValueError(
                f"start={start!r} (position {first}) is too early: the first origin "
                f"needs {reason}; the earliest origin is position {earliest}."
            )
        if first + horizon > n_timesteps - 1:
            raise ValueError(
                f"start={start!r} (position {first}) leaves no origin with "
                f"{horizon} step(s) after it in y of {n_timesteps} time steps; the "
                f"last possible origin is position {n_timesteps - 1 - horizon}."
            )
        origins = np.arange(first, n_timesteps - horizon, stride)
        n_y = values.shape[1] - n_exog
        begin = first - window_length + 1
        target = targets[0] if single else targets
        windows, _ = make_windows(
            model_values[begin:], window_length, horizon, target=target, stride=stride
        )
        steps_ahead = origins[:, None] + np.arange(1, horizon + 1)
        y_true = np.asarray(values, dtype=np.float64)[steps_ahead][:, :, targets]
        covariates = None
        if n_exog:
            covariates = make_windows(
                model_values[begin:],
                window_length,
                horizon,
                target=list(range(n_y, n_y + n_exog)),
                stride=stride,
            )[1].reshape(len(origins), horizon, n_exog)
        return origins, windows, y_true, covariates

    def _backtest_panel(
        self, y: Any, start: Any, horizon: int | None, stride: int, refit: bool, X
    ) -> Backtest:
        """backtest of a panel: every window of every series in one batch."""
        check_is_fitted(self, "estimator_")
        if not self.is_panel_:
            raise ValueError(
                f"y is a panel, but {type(self).__name__} was fitted on one series; "
                "fit it on a panel first."
            )
        if refit or X is not None:
            raise ValueError(
                "backtest of a panel supports neither refit=True nor X; backtest "
                "one series at a time for that."
            )
        horizon = self._check_horizon(horizon)
        panel = check_panel(y, "y", id_column=self.id_column)
        if panel.n_features != self.n_features_y_:
            raise ValueError(
                f"the series of y have {panel.n_features} column(s), but "
                f"{type(self).__name__} was fitted on {self.n_features_y_}."
            )
        positions = {key: i for i, key in enumerate(self.panel_ids_)}
        unknown = [key for key in panel.ids if key not in positions]
        if unknown and (self.scalers_ is not None or self.id_feature):
            raise ValueError(
                f"{len(unknown)} series of y were not in the fitted panel: "
                f"{shown_ids(unknown)}; with series_scaler or id_feature only the "
                "fitted series can be backtested."
            )
        single = self.single_target_
        targets = self.target_indices_
        pieces, scalers = [], []
        for key, info in zip(panel.ids, panel.series, strict=True):
            position = positions.get(key)
            piece = self._origin_windows(
                self._model_values(info.values, position, len(self.panel_ids_)),
                info.values,
                info,
                start,
                horizon,
                stride,
                targets,
                single,
                self.n_exogenous_,
                int(self.window_length) - 1,
            )
            pieces.append((key, info, piece))
            if self.scalers_ is not None:
                scalers += [self.scalers_[position]] * len(piece[0])
        windows = np.concatenate([piece[1] for _, _, piece in pieces])
        covariates = None
        if self.n_exogenous_:
            covariates = np.concatenate([piece[3] for _, _, piece in pieces])
        y_pred = self._forecast_windows(windows, horizon, covariates)
        y_pred = self._unscaled(y_pred, scalers or None)
        y_true = np.concatenate([piece[2] for _, _, piece in pieces])
        columns = None
        if not single or not panel.series[0].is_univariate_input:
            names = panel.columns or list(range(panel.n_features))
            columns = [names[j] for j in targets]
        tables, offset = [], 0
        for key, info, (origins, _, true, _) in pieces:
            n = len(origins)
            table = _forecast_table(
                origins, info.index, true, y_pred[offset : offset + n], columns
            )
            table.insert(0, panel.id_name or "series", [key] * len(table))
            tables.append(table)
            offset += n
        return Backtest(
            forecasts=pd.concat(tables, ignore_index=True),
            errors=_error_table(y_true, y_pred),
        )

    @staticmethod
    def _start_position(start: Any, info: SeriesInfo, n_timesteps: int) -> int:
        if isinstance(start, numbers.Integral) and not isinstance(start, bool):
            position = int(start) + (n_timesteps if start < 0 else 0)
            if not 0 <= position < n_timesteps:
                raise ValueError(
                    f"start={start} is out of range for y with {n_timesteps} time "
                    "steps."
                )
            return position
        index = info.index
        if not isinstance(index, (pd.DatetimeIndex, pd.PeriodIndex)):
            raise TypeError(
                f"start must be an int position for y without a time index, got "
                f"{start!r}."
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
        position = int(index.searchsorted(key, side="left"))
        if position >= n_timesteps:
            raise ValueError(
                f"start={start!r} is after the last date of y ({index[-1]})."
            )
        return position


def _refit_forecast(
    forecaster: WindowForecaster,
    y: np.ndarray,
    X: np.ndarray | None,
    horizon: int,
    covariates: np.ndarray | None,
) -> np.ndarray:
    """Fit a clone of ``forecaster`` on ``y`` (and ``X``) and forecast.

    A module-level function so that joblib (and Dask) workers can run it.
    Returns (horizon, n_targets) on the series' own scale.
    """
    fitted = clone(forecaster).fit(y, X)
    y_pred = fitted._forecast_windows(fitted.last_window_[None], horizon, covariates)
    return fitted._unscaled(y_pred, fitted.scalers_)[0]


def _check_same_index(index: pd.Index | None, reference: pd.Index | None, name, ref):
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


def _forecast_table(
    origins: np.ndarray,
    index: pd.Index | None,
    y_true: np.ndarray,
    y_pred: np.ndarray,
    columns: list | None,
) -> pd.DataFrame:
    """Long table of backtest forecasts, one row per (origin, step, target)."""
    n_origins, horizon, n_targets = y_true.shape
    shape = (n_origins, horizon, n_targets)
    origin_pos = np.broadcast_to(origins[:, None, None], shape).ravel()
    steps = np.broadcast_to(np.arange(1, horizon + 1)[None, :, None], shape).ravel()
    labels = (lambda pos: pos) if index is None else (lambda pos: index[pos])
    table = {
        "origin": labels(origin_pos),
        "step": steps,
        "date": labels(origin_pos + steps),
    }
    if columns is not None:
        table["target"] = np.tile(
            np.asarray(columns, dtype=object), n_origins * horizon
        )
    table["y_true"] = y_true.ravel()
    table["y_pred"] = y_pred.ravel()
    return pd.DataFrame(table)


def _error_table(y_true: np.ndarray, y_pred: np.ndarray) -> pd.DataFrame:
    """MAE and RMSE per step ahead, over origins and target columns."""
    horizon = y_true.shape[1]
    flat_true = np.moveaxis(y_true, 2, 1).reshape(-1, horizon)
    flat_pred = np.moveaxis(y_pred, 2, 1).reshape(-1, horizon)
    return pd.DataFrame(
        {
            "MAE": per_horizon_mae(flat_true, flat_pred),
            "RMSE": root_mean_squared_error(
                flat_true, flat_pred, multioutput="raw_values"
            ),
        },
        index=pd.RangeIndex(1, horizon + 1, name="step"),
    )
