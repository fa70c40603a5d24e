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
from skrnn.models._differencing import (
    check_differences,
    difference_targets,
    difference_windows,
    integrate_targets,
)
from skrnn.multistep import RecursiveRegressor, _accepts_3d
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

    Attributes
    ----------
    estimator_ : regressor
        The fitted window regressor (a :class:`~skrnn.multistep.
        RecursiveRegressor` for the recursive strategy).
    last_window_ : ndarray of shape (window_length, n_features), float32
        The last ``window_length`` time steps of the fitted series (columns
        of ``y``, then of ``X``): the window :meth:`predict` starts from.
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
    """

    def __init__(
        self,
        estimator,
        window_length: int,
        strategy: str = "recursive",
        horizon: int = 1,
        target: Any = None,
        differences: Any = (),
    ):
        self.estimator = estimator
        self.window_length = window_length
        self.strategy = strategy
        self.horizon = horizon
        self.target = target
        self.differences = differences

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
        y : array-like of shape (n_timesteps,) or (n_timesteps, n_columns)
            The series: a pandas Series/DataFrame on a regular DatetimeIndex
            (or PeriodIndex, or evenly spaced integer index), or a numpy
            array. Finite values only; the index must have no gaps and no
            duplicates.
        X : array-like of shape (n_timesteps, n_exogenous), default=None
            Exogenous covariates aligned with ``y`` (same length, and the
            same index for pandas inputs), used as extra window features.

        Returns
        -------
        self
        """
        window_length, horizon = self._check_params()
        lags = self._check_differences(window_length)
        info, values, freq = self._check_data(y, X, fitting=True)
        self.n_features_y_ = info.n_features
        targets = resolve_columns(self.target, info.columns, info.n_features, "target")
        single = len(targets) == 1 and self._single_target()
        self._check_strategy_targets(targets, single)
        steps = 1 if self.strategy == "recursive" else horizon
        needed = window_length + steps
        if info.n_timesteps < needed:
            what = "1 (one-step training)" if steps == 1 else f"horizon = {horizon}"
            raise ValueError(
                f"y has {info.n_timesteps} time steps, too short for window_length = "
                f"{window_length} + {what}: at least {needed} are needed for one "
                "training window."
            )
        target = targets[0] if single else targets
        windows, Y = make_windows(
            values,
            window_length,
            steps,
            target=target,
            seq2seq=self.strategy == "seq2seq",
        )
        if lags:
            layout = "one-step" if steps == 1 else "direct"
            Y = difference_targets(windows, Y, targets, lags, layout)
            windows = difference_windows(windows, targets, lags)
        self.differences_ = lags
        self.target_indices_ = targets
        self.target_names_ = (
            [info.columns[j] for j in targets] if info.columns is not None else None
        )
        self.single_target_ = single
        estimator = self._configured_estimator(target)
        if self.strategy == "recursive":
            self.flatten_windows_ = not _accepts_3d(estimator)
            self.estimator_ = RecursiveRegressor(
                estimator, horizon=horizon, target_index=target
            ).fit(windows, Y)
        else:
            self.flatten_windows_ = not _accepts_3d(estimator)
            if self.flatten_windows_:
                windows, Y = windows.reshape(len(windows), -1), Y.reshape(len(Y), -1)
            self.estimator_ = estimator.fit(windows, Y)
        self.last_window_ = np.array(values[-window_length:], dtype=np.float32)
        self._index_template = None if info.index is None else info.index[:0]
        self.freq_ = freq
        self.cutoff_ = info.n_timesteps - 1 if info.index is None else info.index[-1]
        self.is_univariate_input_ = info.is_univariate_input
        self.name_ = (
            info.columns[0] if info.is_univariate_input and info.columns else None
        )
        return self

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
        future_index = None
        if self._index_template is not None:
            future_index = _future_index(
                self._index_template, self.cutoff_, self.freq_, horizon
            )
        covariates = self._future_covariates(X, horizon, 1, future_index)
        y_pred = self._forecast_windows(self.last_window_[None], horizon, covariates)[0]
        return self._wrap(y_pred, future_index)

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
        origin, so slow with neural networks.

        Parameters
        ----------
        y : array-like of shape (n_timesteps,) or (n_timesteps, n_columns)
            The series, with the same columns as in ``fit`` (it usually
            extends the training series).
        start : int, str or timestamp
            First origin: a position in ``y`` (negative counts from the end)
            or, for a time index, a date; the first time step at or after it
            is used.
        horizon : int, default=None
            Steps ahead; ``None`` means the ``horizon`` parameter.
        stride : int, default=1
            Time steps between consecutive origins.
        refit : bool, default=False
            Refit on the data up to each origin.
        X : array-like of shape (n_timesteps, n_exogenous), default=None
            Exogenous covariates aligned with ``y``; required when ``fit``
            got ``X``.

        Returns
        -------
        Backtest
            ``(forecasts, errors)``: a long DataFrame with columns
            ``origin``, ``step``, ``date``, (``target``), ``y_true`` and
            ``y_pred``; and a DataFrame indexed by ``step`` with the ``MAE``
            (:func:`skrnn.metrics.per_horizon_mae`) and ``RMSE``
            (:func:`sklearn.metrics.root_mean_squared_error`) of each step
            over all origins (and target columns).
        """
        window_length, _ = self._check_params()
        stride = check_positive_int(stride, "stride")
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
        n_timesteps = info.n_timesteps
        first = self._start_position(start, info, n_timesteps)
        train_steps = 1 if self.strategy == "recursive" else int(self.horizon)
        earliest = window_length - 1 + (train_steps if refit else 0)
        if first < earliest:
            reason = (
                f"a window of window_length={window_length} steps before it"
                if not refit
                else f"window_length + {train_steps} = "
                f"{window_length + train_steps} training steps up to it"
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
        chunk = values[first - window_length + 1 :]
        windows, y_true = make_windows(
            chunk,
            window_length,
            horizon,
            target=targets[0] if single else targets,
            stride=stride,
        )
        y_true = np.asarray(y_true, dtype=np.float64).reshape(
            len(origins), horizon, len(targets)
        )
        covariates = None
        if n_exog:
            covariates = make_windows(
                chunk,
                window_length,
                horizon,
                target=list(range(n_y, n_y + n_exog)),
                stride=stride,
            )[1].reshape(len(origins), horizon, n_exog)
        if not refit:
            y_pred = self._forecast_windows(windows, horizon, covariates)
        else:
            target = targets[0] if single else targets
            fitter.set_params(target=target)
            y_pred = np.empty_like(y_true)
            for i, origin in enumerate(origins):
                fitter.fit(
                    values[: origin + 1, :n_y],
                    values[: origin + 1, n_y:] if n_exog else None,
                )
                y_pred[i] = fitter._forecast_windows(
                    fitter.last_window_[None],
                    horizon,
                    None if covariates is None else covariates[i : i + 1],
                )[0]
        columns = None
        if not single or not info.is_univariate_input:
            names = info.columns or list(range(info.n_features))
            columns = [names[j] for j in targets]
        return Backtest(
            forecasts=_forecast_table(origins, info.index, y_true, y_pred, columns),
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
