"""Forecasters: a series (or a panel of series) in, its future out.

:class:`WindowForecaster` cuts each series into windows
(:func:`skrnn.windows.cut_windows`), trains one window regressor on them with
a multi-step strategy of :mod:`skrnn.strategies`, and forecasts from the end
of each series onto its future time index. One series is handled as a panel
of one, so fitting, forecasting and backtesting each have one path.

::

    step            helper                                module
    parameters      check_components, checked_differences skrnn._forecaster_params
    series in       read_series_set, training_windows     skrnn._series_set
    fitted columns  SeriesLayout (targets, ids, read)     skrnn._series_set
    model's view    SeriesEncoding (scaling, ids, diffs)  skrnn._encoding
    strategy        get_strategy(strategy).fit/forecast   skrnn.strategies
    forecasts       WindowModel (point, model quantiles)  skrnn._window_model
    forecast start  SeriesHistories (windows, cutoffs)    skrnn._histories
    intervals       ConformalCalibration                  skrnn.intervals
    backtest        backtest(forecaster, ...)             skrnn.backtesting
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd
from sklearn.base import BaseEstimator
from sklearn.utils.validation import check_is_fitted

from skrnn._contract import (
    ONE_STEP,
    SEQ2SEQ,
    takes_seasonal_period,
    takes_validation_data,
    takes_validation_error,
)
from skrnn._encoding import ForecastError, SeriesEncoding
from skrnn._forecaster_params import (
    check_components,
    check_validation_size,
    checked_differences,
    resolve_validation_size,
)
from skrnn._histories import SeriesHistories
from skrnn._series_set import (
    SeriesLayout,
    SeriesSet,
    check_origins,
    future_covariates,
    panel_index,
    panel_output,
    read_series_set,
    series_output,
    trainable_series,
    training_windows,
)
from skrnn._time_index import seasonal_period
from skrnn._transforms.auto_differences import choose_differences, mostly_seasonal
from skrnn._transforms.scaling import SeriesScaler
from skrnn._validation import check_positive_int
from skrnn._window_model import WindowModel
from skrnn.backtesting import Backtest, as_method, backtest
from skrnn.intervals import (
    ConformalCalibration,
    central_intervals,
    check_alpha,
    check_coverage,
    check_method,
    interval_bounds,
    interval_frame,
    quantile_frame,
)
from skrnn.panel import shown_ids
from skrnn.strategies import Strategy, get_strategy, strategy_names

__all__ = ["STRATEGIES", "Backtest", "WindowForecaster"]

#: The built-in strategies (see :func:`skrnn.strategies.strategy_names` for
#: every registered one).
STRATEGIES = strategy_names()


class WindowForecaster(BaseEstimator):
    """Forecast a series, or a panel of series, with a window regressor.

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
    strategy : str, default="recursive"
        A registered strategy of :mod:`skrnn.strategies`. "recursive":
        train one step ahead and feed forecasts back
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
        own values. The sum must be < ``window_length``. Not for the seq2seq
        strategy, nor with an estimator that differences its target itself
        (a SARIMA with d or D > 0, a Keras regressor with ``differences``).
        ``"auto"`` chooses ``()``, ``(1,)``, ``(m,)`` or ``(m, 1)`` from the
        training part of the series (a KPSS trend test and the M4 90%
        seasonality test at the period ``m`` of the time index, see
        :mod:`skrnn._transforms.auto_differences`), and ``()`` where
        differencing is not possible; the choice is ``differences_``.
    series_scaler : transformer or None, default=None
        A column-wise scikit-learn scaler (e.g.
        :class:`~sklearn.preprocessing.StandardScaler`): a clone is fitted on
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
    validation_size : int, "auto" or None, default="auto"
        Time steps held out at the end of every series for validation. The
        validation windows of a series are its last ones, whose targets lie
        in those steps; the ``window_length + steps - 1`` windows before them
        are dropped, so that no training target is a validation input
        (``steps`` is 1 for the recursive strategy, ``horizon`` otherwise,
        and ``validation_size`` must be at least ``steps``). Estimators that
        take validation data (the Keras regressors, which stop early on it
        with ``early_stopping=True``, watching the forecast error in the
        series' units, and weigh their correction to a seasonal baseline by
        that error, ``correction_weight="auto"``) get the validation windows
        as ``validation_data``;
        the others do not see them. ``series_scaler`` is fitted on the steps
        before the held-out ones, and the forecasts of the held-out steps
        calibrate the conformal intervals (:meth:`predict_interval`). None:
        every window trains (a Keras regressor then splits off the last
        ``validation_fraction`` of the stacked windows itself). ``"auto"``:
        for estimators that take validation data, the last ``max(steps,
        ceil(n * validation_fraction))`` steps of every series, ``n`` the
        length of the shortest series long enough for a training window and
        ``validation_fraction`` the estimator's (0.2 for skrnn's Keras
        regressors, 0.1 for an estimator without one); None (with a
        warning) when that series would keep fewer training windows than
        validation windows, and None for every other estimator. The steps
        held out are ``validation_size_``.
    stride : int, default=1
        Time steps between consecutive training windows of a series (counted
        back from its most recent window). A larger stride trains on fewer,
        less redundant windows: for long series and large panels.

    Attributes
    ----------
    estimator_ : regressor
        The fitted window regressor (a
        :class:`~skrnn.multistep.RecursiveRegressor` for the recursive
        strategy).
    regressor_ : regressor
        The fitted window regressor itself (inside the
        :class:`~skrnn.multistep.RecursiveRegressor` for the recursive
        strategy), e.g. for its training ``history_``.
    strategy_ : skrnn.strategies.Strategy
        The strategy object of ``strategy``.
    last_window_ : ndarray of shape (window_length, n_features), float32
        Single series: the window :meth:`predict` starts from, as the model
        sees it (columns of ``y`` then of ``X``; ``y``'s columns scaled when
        ``series_scaler`` is set).
    last_windows_ : ndarray of shape (n_series, window_length, n_features)
        Panels only: the last window of every series as the model sees it
        (scaled, with the id feature if any), float32.
    target_indices_ : list of int
        Positions of the target columns in ``y``.
    differences_ : tuple of int
        The validated difference lags (empty without differencing).
    target_names_ : list or None
        Names of the target columns (None for numpy input).
    single_target_ : bool
        Whether forecasts have no target axis.
    n_features_y_ : int
        Number of columns of ``y``.
    n_exogenous_ : int
        Window columns after ``y``'s: the columns of ``X``, or the one-hot
        ids with ``id_feature``.
    freq_ : pandas.DateOffset, int or None
        Time step of the fitted series' index (None for numpy input).
    cutoff_ : object
        Single series: last time stamp (or position) seen by :meth:`fit`
        and :meth:`update`.
    cutoffs_ : list
        The cutoff of every series (one entry for a single series).
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
    validation_size_ : int or None
        The time steps held out at the end of every series
        (``validation_size`` with ``"auto"`` resolved).
    seasonal_period_ : int or None
        The ``seasonal_period`` given to the estimator's ``fit`` (for a Keras
        regressor's ``seasonal_baseline="auto"``): the period of the time
        index (7 for days, 52 for weeks, 12 for months, ...) where most
        training series pass the M4 seasonality test and the forecaster
        does not difference them; None otherwise, and for an estimator that
        takes no period.

    Notes
    -----
    ``X`` holds exogenous covariates aligned with ``y``: row ``t`` of ``X``
    joins row ``t`` of ``y`` in the windows, so a forecast of time step
    ``t + 1`` sees ``X`` up to ``t``. The recursive strategy appends each
    forecast to the window together with that time step's ``X``, so
    ``predict`` needs the future ``X`` there.

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

    Forecast from a more recent history without refitting, or move the
    cutoff with new observations:

    >>> forecaster.predict(y=y.iloc[:30]).index[0].date()
    datetime.date(2024, 1, 31)
    >>> later = pd.Series([0.01], index=pd.date_range("2024-02-10", periods=1))
    >>> forecaster.update(later).cutoff_.date()
    datetime.date(2024, 2, 10)

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
        validation_size: int | str | None = "auto",
        stride: int = 1,
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
        self.validation_size = validation_size
        self.stride = stride

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
            ``window_length + horizon`` otherwise, plus the validation
            steps): they are listed, left out of training, and still
            forecast by :meth:`predict`.
        UserWarning
            When ``validation_size="auto"`` holds nothing out because the
            shortest series is too short for it.
        """
        check_components(self.estimator, self.series_scaler)
        window_length = check_positive_int(self.window_length, "window_length")
        horizon = check_positive_int(self.horizon, "horizon")
        strategy = get_strategy(self.strategy)
        lags = checked_differences(
            self.differences, window_length, strategy, self.estimator
        )
        steps = strategy.train_steps(horizon)
        validation_size = check_validation_size(self.validation_size, steps)
        data = read_series_set(y, X, id_column=self.id_column)
        if self.id_feature and not data.is_panel:
            raise ValueError(
                "id_feature=True needs a panel y (a list, tuple or dict of series, "
                f"or a long DataFrame with id_column); got one series of type "
                f"{type(y).__name__}."
            )
        self._learn_layout(data, strategy)
        self.validation_size_ = validation_size = resolve_validation_size(
            validation_size,
            self.estimator,
            data.lengths,
            window_length=window_length,
            steps=steps,
        )
        trained = trainable_series(data, window_length, steps, validation_size)
        held_out = validation_size or 0
        if lags == "auto":
            lags = choose_differences(
                [data.values[i][: data.lengths[i] - held_out] for i in trained],
                self.target_indices_,
                seasonal_period(data.freq),
                window_length,
            )
        self.strategy_, self.differences_ = strategy, lags
        scaling = SeriesScaler(self.series_scaler, self.n_features_y_).fit(
            [
                info.values[: info.n_timesteps - held_out]
                if i in trained
                else info.values
                for i, info in enumerate(data.infos)
            ]
        )
        self.scalers_ = scaling.scalers_
        encoding = SeriesEncoding(
            scaling,
            targets=self.target_indices_,
            lags=self.differences_,
            n_ids=len(data.ids) if self.id_feature else None,
            target_layout=ONE_STEP if steps == 1 else strategy.layout,
        )
        windows, Y, fit_params = self._training_windows(
            data, trained, steps, validation_size, encoding
        )
        self.seasonal_period_ = None
        if takes_seasonal_period(self.estimator):
            self.seasonal_period_ = self._detected_period(data, trained, held_out)
            fit_params["seasonal_period"] = self.seasonal_period_
        targets = self.target_indices_
        self.estimator_ = strategy.fit(
            self.estimator,
            windows,
            Y,
            target_index=targets[0] if self.single_target_ else targets,
            horizon=horizon,
            fit_params=fit_params,
        )
        self._model = WindowModel(
            strategy,
            self.estimator_,
            encoding,
            horizon=horizon,
            window_length=window_length,
            n_columns=self.n_features_y_,
        )
        self.regressor_ = self._model.regressor
        self._histories = SeriesHistories(data, window_length)
        self._set_last_windows()
        self._calibration = ConformalCalibration.from_held_out(
            data,
            trained,
            held_out=held_out,
            horizon=horizon,
            targets=targets,
            forecast=self._model.origin_forecast,
        )
        self.calibration_residuals_ = self._calibration.residuals
        self.series_scales_ = self._calibration.scales
        return self

    def _learn_layout(self, data: SeriesSet, strategy: Strategy) -> None:
        """The fitted attributes that describe the series and their columns."""
        layout = SeriesLayout.learn(data, self.target, self.id_feature)
        strategy.check_targets(
            layout.targets, layout.single, layout.n_columns, self.target
        )
        self._layout = layout
        self.n_features_y_, self.n_exogenous_ = layout.n_columns, layout.n_exogenous
        self.target_indices_, self.single_target_ = layout.targets, layout.single
        self.target_names_, self.name_ = layout.target_names, layout.name
        self.is_panel_, self.is_univariate_input_ = layout.is_panel, layout.univariate
        self.freq_ = layout.freq
        if layout.is_panel:
            self.panel_ids_, self.id_name_ = layout.ids, layout.id_name

    def _training_windows(
        self,
        data: SeriesSet,
        trained: list[int],
        steps: int,
        validation: int | None,
        encoding: SeriesEncoding,
    ) -> tuple[np.ndarray, np.ndarray, dict]:
        """Stacked (differenced) training windows, targets and fit params."""
        train, valid = training_windows(
            [encoding.series(data.values[i], i) for i in trained],
            int(self.window_length),
            steps,
            targets=self.target_indices_,
            single=self.single_target_,
            seq2seq=self.strategy_.layout == SEQ2SEQ,
            validation=validation,
            stride=check_positive_int(self.stride, "stride"),
        )
        windows, Y = encoding.training_pairs(train)
        fit_params = {}
        if valid and takes_validation_data(self.estimator):
            fit_params["validation_data"] = encoding.training_pairs(valid)
            if takes_validation_error(self.estimator):
                positions = np.concatenate(
                    [
                        np.full(len(w), i)
                        for i, (w, _) in zip(trained, valid, strict=True)
                    ]
                )
                fit_params["validation_error"] = ForecastError(
                    valid,
                    positions,
                    encoding,
                    seq2seq=self.strategy_.layout == SEQ2SEQ,
                )
        return windows, Y, fit_params

    def _detected_period(
        self, data: SeriesSet, trained: list[int], held_out: int
    ) -> int | None:
        """The index's seasonal period where most training series show it
        (the M4 test) and the forecaster does not difference them."""
        period = seasonal_period(data.freq)
        if self.differences_ or period is None or period < 2:
            return None
        columns = [
            data.values[i][: data.lengths[i] - held_out, j]
            for i in trained
            for j in self.target_indices_
        ]
        return period if mostly_seasonal(columns, period) else None

    def _set_last_windows(self) -> None:
        self.cutoffs_ = self._histories.cutoffs
        windows = self._model.encoding.windows(
            self._histories.windows, np.arange(len(self.cutoffs_))
        )
        if self.is_panel_:
            self.last_windows_ = windows
        else:
            self.last_window_, self.cutoff_ = windows[0], self.cutoffs_[0]

    # -- data -------------------------------------------------------------------

    def _read(self, y: Any, X: Any, *, regular: bool = True) -> SeriesSet:
        """``y`` and ``X`` checked against what was fitted."""
        return self._layout.read(
            y, X, id_column=self.id_column, regular=regular, owner=type(self).__name__
        )

    def _positions(self, data: SeriesSet) -> np.ndarray:
        """Fitted positions of the series of ``data`` (-1: unknown id)."""
        fitted_only = self.scalers_ is not None or bool(self.id_feature)
        return self._layout.positions(data, fitted_only=fitted_only)

    # -- forecast ---------------------------------------------------------------

    def predict(self, horizon: int | None = None, X: Any = None, y: Any = None) -> Any:
        """Forecast the ``horizon`` time steps after each series.

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
        y : series or panel, default=None
            A recent history to forecast from instead of the fitted one
            (without refitting): the forecasts start after its last time
            step, from its last ``window_length`` steps. For a panel, series
            of the fitted ids (any ids without ``series_scaler`` and
            ``id_feature``). Not for a forecaster fitted with ``X`` (use
            :meth:`update` with the new ``y`` and ``X``).

        Returns
        -------
        y_pred : pandas.Series, pandas.DataFrame or ndarray
            On the future time index: a Series for a Series ``y`` or an
            int/str ``target``, else a DataFrame with the target columns. For
            numpy input an array of shape ``(horizon,)`` (one target column
            and no sequence ``target``) or ``(horizon, n_targets)``. For a
            panel, indexed by (series id, date).
        """
        y_pred, _, ids, dates, indexed = self._point_forecast(horizon, X, y)
        names = self.target_names_ or self.target_indices_
        if self.is_panel_:
            return panel_output(
                y_pred,
                ids,
                dates,
                id_name=self.id_name_,
                single=self.single_target_,
                names=names,
                target_name=self.target_names_[0] if self.target_names_ else None,
            )
        return series_output(
            y_pred[0],
            dates[0] if indexed else None,
            single=self.single_target_,
            names=names,
            univariate=self.is_univariate_input_,
            series_name=self.name_,
            target=self.target,
        )

    def _point_forecast(
        self, horizon: int | None, X: Any, y: Any, alpha: list[float] | None = None
    ):
        """Forecasts (n_series, horizon, n_targets) after each series (with
        ``alpha``, the model's quantiles, see
        :meth:`skrnn._window_model.WindowModel.forecast`).

        Returns them with the fitted positions of the series, their ids,
        their future dates and whether the series had a time index.
        """
        check_is_fitted(self, "estimator_")
        horizon = self._model.check_horizon(horizon)
        if y is None:
            histories, positions = self._histories, np.arange(len(self.cutoffs_))
            ids = self.panel_ids_ if self.is_panel_ else [None]
        else:
            if self.n_exogenous_ and not self.id_feature:
                raise ValueError(
                    f"y was given, but {type(self).__name__} was fitted with X; "
                    "call update(y, X) with the new observations, then predict."
                )
            data = self._read(y, None)
            positions = self._positions(data)
            histories, ids = SeriesHistories(data, int(self.window_length)), data.ids
        dates = histories.future_dates(self.freq_, horizon)
        covariates = future_covariates(
            X,
            horizon,
            n_exogenous=0 if self.is_panel_ else self.n_exogenous_,
            needed=self.strategy_.needs_future_covariates(horizon),
            dates=dates[0] if histories.indexed else None,
            name=type(self).__name__,
            exog_columns=self._layout.exog_columns,
        )
        y_pred = self._model.forecast(
            histories.windows, positions, horizon, covariates, alpha
        )
        return y_pred, positions, ids, dates, histories.indexed

    def predict_origins(
        self,
        y: Any,
        origins: Any,
        horizon: int | None = None,
        X: Any = None,
        alpha: Any = None,
    ) -> np.ndarray:
        """Forecasts from several origins of ``y``, in one batched prediction.

        An origin is the last observed time step of a forecast: the forecast
        from origin ``t`` starts from the window ``y[t - window_length + 1 :
        t + 1]`` and covers ``t + 1 ... t + horizon``. This is what
        :func:`skrnn.backtesting.backtest` evaluates.

        Parameters
        ----------
        y : series or panel
            With the columns of the fitted ``y`` (or a
            :class:`~skrnn._validation.SeriesInfo` /
            :class:`~skrnn.panel.PanelInfo` already checked).
        origins : array-like of int, or list of them for a panel
            Positions in ``y`` (``>= window_length - 1``); for a panel one
            array per series, in the panel's order.
        horizon : int, default=None
            Steps ahead; None means the ``horizon`` parameter.
        X : array-like of shape (n_timesteps, n_exogenous), default=None
            Exogenous covariates aligned with ``y``; required when ``fit``
            got ``X``. The recursive strategy reads its rows ``t + 1 ... t +
            horizon - 1``.
        alpha : float or sequence of float, default=None
            Conformal quantile levels (see :meth:`predict_quantiles`) to
            return instead of the point forecasts.

        Returns
        -------
        ndarray of shape (n_origins, horizon, n_targets[, n_alpha]), float64
            In the series' units; a panel's origins series after series;
            the quantiles on the last axis when ``alpha`` is given.
        """
        check_is_fitted(self, "estimator_")
        horizon = self._model.check_horizon(horizon)
        data = self._read(y, X)
        per_series = list(origins) if data.is_panel else [origins]
        if len(per_series) != len(data.ids):
            raise ValueError(
                f"origins must give one array of positions per series of y "
                f"({len(data.ids)}), got {len(per_series)}."
            )
        positions = self._positions(data)
        levels = None if alpha is None else check_alpha(alpha)
        if levels is not None:
            self._calibration.check_steps(horizon)
        y_pred = self._model.origin_forecast(data, positions, per_series, horizon)
        if levels is None:
            return y_pred
        rows = np.concatenate(
            [
                np.full(len(check_origins(points)), position)
                for position, points in zip(positions, per_series, strict=True)
            ]
        )
        return np.moveaxis(self._calibration.quantiles(y_pred, rows, levels), 0, -1)

    def predict_quantiles(
        self,
        horizon: int | None = None,
        alpha: Any = (0.05, 0.95),
        X: Any = None,
        y: Any = None,
        method: str = "conformal",
    ) -> pd.DataFrame:
        """Forecast quantiles: conformal, or the network's own.

        ``method="conformal"``: the forecast plus the ``alpha`` quantile of
        the calibration residuals of each step ahead (see
        :mod:`skrnn.intervals`), scaled by each series' scale; for any
        estimator, needs ``validation_size`` at fit; with a ``series_scaler``
        for non-negative series (``positive_only``, such as
        :class:`skrnn.LogTransformer`) they are clipped at 0.
        ``method="model"``: the quantile outputs of a Keras window regressor
        fitted with ``quantiles`` (each level of ``alpha`` among them), for
        the steps it forecasts itself (the direct strategy, or one step).

        Parameters
        ----------
        horizon : int, default=None
            Steps to forecast (at most the calibrated ones, ``min(horizon,
            validation_size)``); None means the ``horizon`` parameter.
        alpha : float or sequence of float, default=(0.05, 0.95)
            Quantile levels in (0, 1), sorted and unique.
        X, y : optional
            As for :meth:`predict`.
        method : {"conformal", "model"}, default="conformal"
            Where the quantiles come from (see above).

        Returns
        -------
        pandas.DataFrame
            Indexed like :meth:`predict` (future positions for numpy input),
            columns ``(target name, alpha)``.
        """
        levels = check_alpha(alpha)
        values, index = self._quantile_forecast(horizon, X, y, levels, method)
        names = self._target_labels()
        return quantile_frame(
            values.reshape(len(levels), -1, len(names)), index, names, levels
        )

    def predict_interval(
        self,
        horizon: int | None = None,
        coverage: Any = 0.9,
        X: Any = None,
        y: Any = None,
        method: str = "conformal",
    ) -> pd.DataFrame:
        """Forecast intervals: conformal, or from the network's quantiles.

        The interval of coverage ``c`` runs from the ``(1 - c) / 2`` to the
        ``(1 + c) / 2`` quantile of :meth:`predict_quantiles` (with
        ``method="model"``, both levels must be among the estimator's
        ``quantiles``).

        Parameters
        ----------
        horizon : int, default=None
            Steps to forecast; None means the ``horizon`` parameter.
        coverage : float or sequence of float, default=0.9
            Nominal coverage(s) in (0, 1).
        X, y : optional
            As for :meth:`predict`.
        method : {"conformal", "model"}, default="conformal"
            Where the quantiles come from (see :meth:`predict_quantiles`).

        Returns
        -------
        pandas.DataFrame
            Columns ``(target name, coverage, "lower" | "upper")``.
        """
        levels = check_coverage(coverage)
        bounds = interval_bounds(levels)
        values, index = self._quantile_forecast(horizon, X, y, bounds, method)
        lower, upper = central_intervals(values, levels)
        shape = (len(levels), -1, len(self.target_indices_))
        return interval_frame(
            lower.reshape(shape),
            upper.reshape(shape),
            index,
            self._target_labels(),
            levels,
        )

    def _target_labels(self) -> list:
        return list(self.target_names_ or self.target_indices_)

    def _quantile_forecast(self, horizon, X, y, alpha: list[float], method: str):
        """Quantile forecasts (n_alpha, n_series, horizon, n_targets) by
        ``method``, and the output index."""
        check_is_fitted(self, "estimator_")
        check_method(method)
        if horizon is not None:
            horizon = check_positive_int(horizon, "horizon")
        if method == "model":
            values, _, ids, dates, _ = self._point_forecast(horizon, X, y, alpha)
        else:
            calibrated = self._calibration.check_steps(horizon)
            steps = min(calibrated, int(self.horizon)) if horizon is None else horizon
            y_pred, positions, ids, dates, _ = self._point_forecast(steps, X, y)
            values = self._calibration.quantiles(y_pred, positions, alpha)
            if self._model.encoding.scaling.non_negative:
                values = np.maximum(values, 0.0)
        if not self.is_panel_:
            return values, dates[0]
        return values, panel_index(ids, dates, self.id_name_)

    # -- update -----------------------------------------------------------------

    def update(self, y: Any, X: Any = None) -> WindowForecaster:
        """Append new observations after the cutoff, without refitting.

        The next :meth:`predict` starts from the last ``window_length`` steps
        of the fitted series extended by ``y`` (as sktime's ``update`` with
        ``update_params=False``).

        Parameters
        ----------
        y : series or panel
            The time steps right after the cutoff, with the fitted columns
            (for a panel: new steps of some or all of the fitted series).
        X : array-like of shape (n_new, n_exogenous), default=None
            Exogenous values aligned with ``y``; required when ``fit`` got
            ``X``.

        Returns
        -------
        self
        """
        check_is_fitted(self, "estimator_")
        data = self._read(y, X, regular=False)
        positions = self._positions(data)
        if (positions < 0).any():
            unknown = [k for k, p in zip(data.ids, positions, strict=True) if p < 0]
            raise ValueError(
                f"update got series that were not fitted: {shown_ids(unknown)}."
            )
        self._histories.append(data, positions, self.freq_)
        self._set_last_windows()
        return self

    # -- backtest ---------------------------------------------------------------

    @as_method(backtest)
    def backtest(self):  # the parameters are those of skrnn.backtesting.backtest
        """Rolling-origin forecasts over a series, and their errors.

        Delegates to :func:`skrnn.backtesting.backtest`, which describes the
        parameters and the result in full.

        Parameters
        ----------
        y : series or panel
            The series (usually extending the training series).
        start : int, str or timestamp
            First origin: a position or a date.
        horizon : int, default=None
            Steps ahead; None means the ``horizon`` parameter.
        stride : int, default=1
            Time steps between consecutive origins.
        refit : bool, default=False
            Refit a clone on the data up to each origin (single series only).
        X : array-like of shape (n_timesteps, n_exogenous), default=None
            Exogenous covariates aligned with ``y``.
        n_jobs : int or None, default=None
            Parallel refits with ``refit=True``.
        m : int, default=1
            Seasonal period of the scale of MASE and MSIS.
        coverage : float or sequence of float, default=None
            Also score conformal intervals of these coverages.

        Returns
        -------
        Backtest
            Forecasts, per-step errors and per-series errors.
        """
