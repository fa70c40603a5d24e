"""sktime forecasters around skrnn's window regressors.

This module is the boundary to sktime: ``import skrnn`` never imports sktime,
``import skrnn.sktime`` does. The adapters are sktime
:class:`~sktime.forecasting.base.BaseForecaster` objects, so they take
sktime's ``fh`` (relative or absolute), pandas data with any sktime time
index, ``update``, and work with sktime's tools (``ForecastingGridSearchCV``,
``evaluate``, ``TransformedTargetForecaster``, hierarchical data, which
sktime fits one series at a time).

Windowing, the multi-step strategies, the time-index checks and the forecast
itself are :class:`skrnn.forecasting.WindowForecaster`'s, reached through its
public API only; the adapters translate sktime's horizon into steps ahead and
back into time stamps, and pick the rows of sktime's ``X`` that a forecast
needs.

Prediction intervals and quantiles (``predict_interval``,
``predict_quantiles``, and sktime's defaults built on them: ``predict_var``,
``predict_proba``) are the window forecaster's conformal ones: with
``validation_size`` set, the last steps of the training series are held
out, forecast from every origin inside them, and the quantiles of those
residuals (one distribution per step ahead) are added to the forecast.

::

    class              window regressor inside
    SkrnnForecaster    any skrnn (or scikit-learn) window regressor
    LSTMForecaster     skrnn.LSTMRegressor built from its parameters
    SARIMAForecaster   skrnn.SARIMARegressor built from its parameters
"""

from __future__ import annotations

import math
import numbers
import warnings
from typing import Any

import numpy as np
import pandas as pd
from sklearn.base import clone
from sktime.datatypes import update_data
from sktime.forecasting.base import BaseForecaster, ForecastingHorizon

from skrnn.forecasting import WindowForecaster
from skrnn.intervals import central_intervals, interval_bounds
from skrnn.strategies import Strategy, get_strategy, strategy_names

__all__ = ["LSTMForecaster", "SARIMAForecaster", "SkrnnForecaster"]


class _WindowForecasterAdapter(BaseForecaster):
    """Shared sktime machinery of the adapters (not used directly).

    Subclasses store their parameters (``validation_size`` among them) with
    :meth:`_init_parameters` and implement :meth:`_make_regressor`. The tags
    that depend on ``strategy`` are set by ``__dynamic_tags__``, which sktime
    runs in ``__init__`` (and so again after ``set_params``).

    The data seen (``fit`` plus every ``update``, revised values included) is
    kept as a private copy, ``_cur_y`` and ``_cur_X``, so that
    ``update(update_params=True)`` refits on all of it, whatever sktime's
    ``remember_data`` config, so that every forecast starts from its window
    that ends at the cutoff (:meth:`_forecast`), and so that later edits to
    the caller's series change nothing here.
    """

    _tags = {
        "authors": ["skrnn developers"],
        "maintainers": ["skrnn developers"],
        "y_inner_mtype": ["pd.Series", "pd.DataFrame"],
        "X_inner_mtype": "pd.DataFrame",
        "capability:multivariate": True,
        "capability:exogenous": True,
        "capability:insample": False,
        "capability:pred_int": True,
        "capability:pred_int:insample": False,
        "capability:missing_values": False,
        "capability:categorical_in_X": False,
        "capability:update": True,
        "requires-fh-in-fit": False,
        "X-y-must-have-same-index": True,
        "fit_is_empty": False,
    }

    #: Strategies the subclass accepts; None: every registered one.
    _strategies: tuple[str, ...] | None = None

    def _init_parameters(self, arguments: dict) -> None:
        """sktime's ``__init__``: each parameter stored unchanged, then the base's.

        Parameters
        ----------
        arguments : dict
            The ``locals()`` of the subclass's ``__init__``: a value for each
            of its parameters (:meth:`get_param_names`).
        """
        for name in self.get_param_names():
            setattr(self, name, arguments[name])
        super().__init__()

    def __dynamic_tags__(self) -> None:
        """Set the tags that follow from ``strategy`` (none for a bad one)."""
        try:
            strategy = self._check_strategy()
        except ValueError:
            return  # fit reports it
        self.set_tags(
            **{
                # direct and seq2seq models are trained for the steps in fh
                "requires-fh-in-fit": strategy.max_horizon(1) is not None,
                # the recursive strategy reads X at every step up to the last
                "capability:non_contiguous_X": not strategy.needs_future_covariates(2),
                # seq2seq trains on one target column: sktime then fits one
                # forecaster per column of a multivariate y
                "capability:multivariate": _forecasts_several_columns(strategy),
            }
        )

    def _check_strategy(self) -> Strategy:
        allowed = self._strategies or strategy_names()
        if not isinstance(self.strategy, str) or self.strategy not in allowed:
            raise ValueError(
                f"strategy must be one of {list(allowed)}, got {self.strategy!r}."
            )
        return get_strategy(self.strategy)

    def _make_regressor(self) -> Any:
        """An unfitted window regressor (implemented by the subclasses)."""
        raise TypeError(f"{type(self).__name__} must define _make_regressor.")

    @classmethod
    def get_test_params(cls, parameter_set: str = "default") -> list[dict]:
        """Small settings for sktime's estimator checks.

        Parameters
        ----------
        parameter_set : str, default="default"
            Name of the set (only "default").

        Returns
        -------
        params : list of dict
            Settings that fit fast, with each strategy the class takes: tiny
            networks trained for one epoch (eagerly: for a network this small,
            Keras' eager mode is several times faster than tracing a graph in
            every fit), the naive model, or small SARIMA models.
        """
        return cls._test_params()

    @classmethod
    def _test_params(cls) -> list[dict]:
        """The settings of :meth:`get_test_params` (set by the subclasses)."""
        raise TypeError(f"{cls.__name__} must define _test_params.")

    # -- input checks -----------------------------------------------------------

    def _check_X_y(self, X=None, y=None, **kwargs):
        """sktime's input checks, after a short one of the time order: an
        unsorted index would otherwise get sktime's long generic message."""
        _check_time_order(y, "y")
        _check_time_order(X, "X")
        return super()._check_X_y(X=X, y=y, **kwargs)

    # -- fit ------------------------------------------------------------------

    def _fit(self, y, X, fh):
        self._cur_y = y.copy()
        self._cur_X = None if X is None else _rows_at(X, y.index, X.columns, "X", "y")
        self.horizon_ = 1 if fh is None else int(self._steps(fh).max())
        self._fit_window_forecaster()
        return self

    def _fit_window_forecaster(self) -> None:
        """Fit a fresh WindowForecaster on all data seen (``_cur_y``, ``_cur_X``)."""
        strategy = self._check_strategy()
        steps = strategy.train_steps(self.horizon_)
        n_timesteps = len(self._cur_y)
        held_out = _held_out_steps(self.validation_size, n_timesteps, steps)
        window_length = self.window_length
        if window_length is None:
            if held_out is None:
                window_length, formula = n_timesteps - steps, f"len(y) - {steps}"
            else:
                # training steps, then a gap of window_length, then the held-out
                # steps (see WindowForecaster's validation_size)
                window_length = (n_timesteps - steps - held_out) // 2
                formula = f"(len(y) - {steps} - validation_size) // 2"
            if window_length < 1:
                raise ValueError(
                    f"window_length=None uses the longest window the training series "
                    f"allows, {formula}, but y has only {n_timesteps} time step(s)"
                    + ("." if held_out is None else f" and {held_out} are held out.")
                )
        forecaster = WindowForecaster(
            self._make_regressor(),
            window_length=window_length,
            strategy=self.strategy,
            horizon=self.horizon_,
            validation_size=held_out,
        )
        self.forecaster_ = forecaster.fit(self._cur_y, self._cur_X)
        self.estimator_ = self.forecaster_.estimator_
        self.window_length_ = window_length
        self.n_exogenous_ = self.forecaster_.n_exogenous_
        self.validation_size_ = held_out

    # -- predict --------------------------------------------------------------

    def _steps(self, fh: ForecastingHorizon) -> np.ndarray:
        """Steps ahead of the cutoff (ints >= 1: ``capability:insample`` is False,
        so sktime refuses in-sample ``fh`` before it gets here)."""
        return np.asarray(fh.to_relative(self.cutoff).to_numpy(), dtype=np.int64)

    def _forecast(
        self,
        horizon: int,
        X: pd.DataFrame | None,
        fh: ForecastingHorizon,
        alpha: list[float] | None = None,
    ) -> np.ndarray:
        """The forecast of the ``horizon`` steps after the cutoff, from the
        window of the data seen (``_cur_y`` and ``_cur_X``, revised values
        included) that ends at the cutoff.

        Parameters
        ----------
        horizon : int
            Steps ahead.
        X : pandas.DataFrame or None
            sktime's ``X`` in ``predict`` (see :meth:`_future_exog`).
        fh : ForecastingHorizon
            The horizon, with its ``freq`` (for the dates of ``X``).
        alpha : list of float or None, default=None
            Conformal quantile levels to return instead of the point forecast.

        Returns
        -------
        ndarray of shape (horizon, n_targets) or (horizon, n_targets, n_alpha)
            The window forecaster's ``predict_origins`` from that window.
        """
        window_length = self.window_length_
        cutoff = self.cutoff[0]
        end = int(self._cur_y.index.searchsorted(cutoff, side="right"))
        if end < window_length:
            raise ValueError(
                f"{type(self).__name__} forecasts from the window_length_="
                f"{window_length} time steps of the data seen up to the cutoff, "
                f"but there are {end} up to {cutoff}: sktime sets the cutoff to the "
                "last time step of the y given to update. Update with a y that "
                "reaches a later time step."
            )
        rows = slice(end - window_length, end)
        y_seen = self._cur_y.to_numpy()[rows]
        X_seen = None if self._cur_X is None else self._cur_X.to_numpy()[rows]
        future = self._future_exog(X, horizon, fh)
        if future is not None:
            # predict_origins takes the X of the steps after the origin from the
            # rows of X after it, and y has as many rows as X: there y repeats
            # its last row, which no window ending at the origin holds
            y_seen = np.concatenate([y_seen, np.repeat(y_seen[-1:], horizon, axis=0)])
            X_seen = np.concatenate([X_seen, future.to_numpy()])
        y_pred = self.forecaster_.predict_origins(
            y_seen, [window_length - 1], horizon, X=X_seen, alpha=alpha
        )
        return y_pred[0]

    def _predict(self, fh, X):
        fh = self._with_freq(fh)
        steps = self._steps(fh)
        horizon = int(steps.max())
        values = self._forecast(horizon, X, fh)[steps - 1]
        index = fh.to_absolute_index(self.cutoff)
        if isinstance(self._cur_y, pd.Series):
            return pd.Series(values[:, 0], index=index, name=self._cur_y.name)
        return pd.DataFrame(values, index=index, columns=self._cur_y.columns)

    def _predict_interval(self, fh, X, coverage):
        """Conformal intervals (see :meth:`WindowForecaster.predict_interval`).

        Columns ``(variable, coverage, "lower" | "upper")``, rows the
        absolute ``fh``; ``coverage`` is sktime's list of floats in (0, 1).
        A coverage that the calibration residuals are too few for gets
        infinite bounds, with a warning.
        """
        return self._conformal(fh, X, "predict_interval", coverage=coverage)

    def _predict_quantiles(self, fh, X, alpha):
        """Conformal quantiles (see :meth:`WindowForecaster.predict_quantiles`).

        Columns ``(variable, alpha)`` in the order of ``alpha`` (sktime's list
        of floats), rows the absolute ``fh``. A level too extreme for the
        calibration residuals is infinite, with a warning.
        """
        return self._conformal(fh, X, "predict_quantiles", alpha=alpha)

    def _conformal(self, fh, X, method: str, **levels) -> pd.DataFrame:
        """Conformal intervals (``coverage``) or quantiles (``alpha``) at the
        ``levels`` (one keyword) as sktime's frame for ``method``, from the
        window of the data seen that ends at the cutoff: infinite bounds (with
        a warning) where the calibration residuals are too few for a level."""
        ((name, asked),) = levels.items()
        fh, steps, horizon, n = self._interval_steps(fh)
        n_vars = len(self._get_varnames())
        if name == "coverage":  # two bounds per level, each (1 - c) / 2 out
            tails = [(1 - c) / 2 for c in asked]
            infinite = [[-np.inf, np.inf] for _ in asked]
        else:
            tails = list(asked)
            infinite = [[-np.inf if a < 0.5 else np.inf] for a in asked]
        values = np.empty((len(steps), n_vars, *np.shape(infinite)))
        values[:] = infinite
        bounded = sorted(
            level
            for level, tail in zip(asked, tails, strict=True)
            if _enough_residuals(n, tail)
        )
        if bounded:
            if name == "coverage":
                quantiles = self._forecast(horizon, X, fh, interval_bounds(bounded))
                lower, upper = central_intervals(np.moveaxis(quantiles, -1, 0), bounded)
                found = np.moveaxis(np.stack([lower, upper], axis=-1), 0, 2)
            else:
                found = self._forecast(horizon, X, fh, bounded)[..., None]
            found = found[steps - 1]  # (step, variable, level, bound)
            for j, level in enumerate(bounded):
                values[:, :, list(asked).index(level)] = found[:, :, j]
        self._warn_unbounded([a for a in asked if a not in bounded], n, name)
        return pd.DataFrame(
            values.reshape(len(steps), -1),
            index=fh.to_absolute_index(self.cutoff),
            columns=self._get_columns(method=method, **{name: asked}),
        )

    def _interval_steps(
        self, fh: ForecastingHorizon
    ) -> tuple[ForecastingHorizon, np.ndarray, int, int]:
        """``fh`` (with freq), its steps ahead, their maximum and the number of
        calibration residuals per step; raises unless the forecaster was
        calibrated for that many steps."""
        fh = self._with_freq(fh)
        steps = self._steps(fh)
        horizon = int(steps.max())
        residuals = self.forecaster_.calibration_residuals_
        if residuals is None:
            raise ValueError(
                f"{type(self).__name__} needs validation_size for intervals and "
                "quantiles, got validation_size=None: set it (time steps held out "
                "at the end of y, e.g. validation_size=52, or a fraction of y such "
                "as 0.3) and fit again; the forecasts of the held-out steps "
                "calibrate the intervals."
            )
        calibrated = residuals.shape[1]
        if horizon > calibrated:
            raise ValueError(
                f"fh reaches {horizon} step(s) ahead, but the intervals are "
                f"calibrated for {calibrated}: max(fh) at fit ({self.horizon_}; 1 "
                f"without fh), at most validation_size_={self.validation_size_}. "
                "Pass fh (or a longer one) to fit."
            )
        return fh, steps, horizon, residuals.shape[0]

    def _warn_unbounded(self, levels: list, n: int, name: str) -> None:
        if not levels:
            return
        if name == "coverage":
            extreme = (1 - max(levels)) / 2
        else:
            extreme = min(min(a, 1 - a) for a in levels)
        warnings.warn(
            f"{type(self).__name__}: {n} calibration residual(s) per step are too "
            f"few for {name}={levels} (at least {_residuals_needed(extreme)} "
            "needed), so those bounds are infinite: no finite conformal bound of "
            "so few residuals keeps its level. Fit with a larger validation_size, "
            "or ask for less extreme levels.",
            UserWarning,
            stacklevel=3,
        )

    def _with_freq(self, fh: ForecastingHorizon) -> ForecastingHorizon:
        """``fh`` with the fitted series' time step where sktime's cutoff lost
        it (after an ``update`` on one time stamp without a ``freq``)."""
        freq = self.forecaster_.freq_
        if fh.freq is not None or not isinstance(freq, pd.DateOffset):
            return fh
        return ForecastingHorizon(fh.to_pandas(), is_relative=fh.is_relative, freq=freq)

    def _future_exog(
        self, X: pd.DataFrame | None, horizon: int, fh: ForecastingHorizon
    ) -> pd.DataFrame | None:
        """``X`` at the ``horizon`` steps after the cutoff, where the strategy
        reads it (the recursive one, beyond one step); else None."""
        strategy = self.forecaster_.strategy_
        if not self.n_exogenous_ or not strategy.needs_future_covariates(horizon):
            return None
        dates = ForecastingHorizon(
            np.arange(1, horizon + 1), is_relative=True, freq=fh.freq
        ).to_absolute_index(self.cutoff)
        if X is None:
            raise ValueError(
                f"X is required in predict: the forecaster was fitted with "
                f"{self.n_exogenous_} exogenous column(s), and "
                f"strategy={strategy.name!r} feeds its forecasts back together with "
                f"X, so it needs X at every time step after the cutoff up to the "
                f"last step of fh: {list(dates)}."
            )
        return _rows_at(
            X, dates, self._cur_X.columns, "X in predict", "the forecast time steps"
        )

    # -- update ---------------------------------------------------------------

    def _update(self, y, X=None, update_params=True):
        """Add ``y`` (and ``X``) to the data seen, then refit or move the window.

        Time steps of ``y`` after the last one seen are new; the others revise
        the values seen there (as sktime's ``update_data``). sktime has set the
        cutoff to the last time step of ``y``, and the next forecast starts
        from the window of the data seen that ends there, revised values
        included. A time step between the first and the last seen that was
        not seen raises (it would break the regular spacing of the index).
        """
        new_X = None
        if self._cur_X is not None:
            if X is None:
                raise ValueError(
                    f"X is required in update: the forecaster was fitted with "
                    f"{self._cur_X.shape[1]} exogenous column(s), whose values at "
                    "the time steps of y are part of the windows."
                )
            new_X = _rows_at(
                X, y.index, self._cur_X.columns, "X in update", "the time steps of y"
            )
        seen = self._cur_y.index
        after = np.asarray(y.index > seen[-1])
        _check_revised_steps(y.index[~after], seen)
        if not update_params and after.any():
            # checks that the new steps directly follow the last step seen,
            # before the data seen changes
            self.forecaster_.update(y[after], None if new_X is None else new_X[after])
        self._cur_y = update_data(self._cur_y, y.copy())
        if new_X is not None:
            self._cur_X = update_data(self._cur_X, new_X)
        if update_params:
            self._fit_window_forecaster()
        return self


class SkrnnForecaster(_WindowForecasterAdapter):
    """sktime forecaster around any skrnn window regressor.

    The series is cut into windows of ``window_length`` time steps (columns
    of ``y``, then of ``X``) and ``estimator`` is trained on them with one of
    three multi-step strategies (:class:`skrnn.forecasting.WindowForecaster`
    does the work). Forecasts start from the last window of the data seen so
    far.

    Parameters
    ----------
    estimator : regressor
        Window regressor: a skrnn model (:class:`skrnn.LSTMRegressor`,
        :class:`skrnn.GRURegressor`, :class:`skrnn.SARIMARegressor`,
        :class:`skrnn.NaiveRegressor`, ...) or any scikit-learn regressor
        (it gets flattened windows). It is cloned in ``fit`` and told its
        target columns (those of ``y``) and layout by
        :class:`~skrnn.forecasting.WindowForecaster`.
    window_length : int or None, default=10
        Time steps per input window. None uses the longest window the
        training series allows (one training window: ``len(y) - 1`` for
        "recursive", ``len(y) - max(fh)`` otherwise; with
        ``validation_size``, ``(len(y) - steps - validation_size) // 2``,
        as a gap of one window separates training from the held-out
        steps), which suits
        :class:`skrnn.SARIMARegressor` (its Kalman filter then runs over
        nearly the whole series) and no learned model.
    strategy : {"recursive", "direct", "seq2seq"}, default="recursive"
        "recursive": trained one step ahead, forecasts fed back; ``fh`` may
        be given in ``predict``. "direct": trained on the next ``max(fh)``
        values (``fh`` required in ``fit``). "seq2seq": trained on a
        ``max(fh)``-step forecast after every time step of the window
        (``fh`` required in ``fit``; one target column, so sktime fits one
        forecaster per column of a multivariate ``y``).
    random_state : int, RandomState instance or None, default=None
        If not None, set as the ``random_state`` of the cloned
        ``estimator`` (when it has one), e.g. to seed a network's weights.
    validation_size : int, float or None, default=None
        Time steps held out at the end of ``y`` to calibrate
        ``predict_interval`` and ``predict_quantiles`` (an int), or that
        fraction of ``y`` (a float in (0, 1), rounded down, so that it
        follows ``y`` through sktime's splitters and refits). The model
        trains on the steps before them (and a gap of ``window_length``
        steps), forecasts the held-out steps from every origin inside them,
        and the residuals of step ``k`` ahead give the conformal quantiles
        of step ``k``. Intervals reach ``max(fh)`` at fit (1 step without
        ``fh``); a two-sided interval of coverage ``c`` needs
        ``validation_size - max(fh) + 1 >= 2 / (1 - c) - 1`` residuals per
        step (19 for 90%, 39 for 95%). None: no intervals, every window
        trains.

    Attributes
    ----------
    forecaster_ : skrnn.forecasting.WindowForecaster
        The fitted window forecaster; forecasts are its ``predict_origins``
        from the window of the data seen that ends at the cutoff.
    estimator_ : regressor
        Its fitted window regressor (a
        :class:`~skrnn.multistep.RecursiveRegressor` for "recursive").
    window_length_ : int
        Window length used.
    horizon_ : int
        Steps ahead the model was trained for (``max(fh)`` at ``fit``; 1 for
        "recursive" without ``fh``).
    n_exogenous_ : int
        Number of columns of ``X`` (0 without ``X``).
    validation_size_ : int or None
        Time steps held out for the intervals (``validation_size`` as steps).

    Notes
    -----
    ``X`` row ``t`` joins ``y`` row ``t`` in the windows: a forecast of
    ``t + 1`` sees ``X`` up to ``t``. "direct" and "seq2seq" need no future
    ``X`` in ``predict``. "recursive" appends each forecast with ``X`` at its
    time step, so beyond one step ahead ``predict`` needs ``X`` at every time
    step from the one after the cutoff to the last step of ``fh`` (sktime's
    ``X`` may hold more rows: they are picked by index); a missing row or
    column raises a ``ValueError`` naming it, never a silent fill.

    ``update(update_params=False)`` moves the window (and the cutoff) and
    keeps the fitted model; ``update_params=True`` refits a fresh clone on
    all data seen (for networks: full training again; sktime's
    ``UpdateRefitsEvery``/``UpdateEvery`` refit less often). Time steps of
    ``update``'s ``y`` (and ``X``) that were seen before revise the values
    seen there, as in sktime's data seen; sktime sets the cutoff to the last
    time step of that ``y``. With either ``update_params``, the next forecast
    starts from the window of the data seen that ends at the cutoff, revised
    values included (a time step between those seen that is not one of
    them raises). The data seen is a private copy: changing the caller's
    ``y`` or ``X`` afterwards changes no forecast and no refit.

    The index of ``y`` must be sorted and regular (no gaps): an unsorted
    index or a gap raises a ``ValueError`` naming ``y`` and the first
    offending time stamp.

    ``predict_interval`` and ``predict_quantiles`` are conformal (see
    ``validation_size``): they hold for any regressor and strategy, assume
    that the forecast errors after the cutoff behave like those of the
    held-out steps, and need no retraining. A level that the residuals per
    step are too few for (a 90% interval needs 19, see ``validation_size``)
    gets infinite bounds and a warning. sktime's ``predict_var`` and
    ``predict_proba`` use its defaults on top of them (a normal distribution
    with the interquartile range of the 50% interval).

    Examples
    --------
    >>> from sktime.datasets import load_airline
    >>> from skrnn import NaiveRegressor
    >>> from skrnn.sktime import SkrnnForecaster
    >>> y = load_airline()
    >>> forecaster = SkrnnForecaster(NaiveRegressor(lag=12), window_length=12,
    ...                              strategy="direct")
    >>> forecaster.fit(y, fh=[1, 2, 3])
    SkrnnForecaster(estimator=NaiveRegressor(lag=12), strategy='direct',
                    window_length=12)
    >>> forecaster.predict()  # the last year repeated: seasonal naive
    1961-01    417.0
    1961-02    391.0
    1961-03    419.0
    Freq: M, Name: Number of airline passengers, dtype: float64
    """

    _tags = {
        "property:randomness": "derandomized",
        "capability:random_state": True,
    }

    def __init__(
        self,
        estimator,
        window_length: int | None = 10,
        strategy: str = "recursive",
        random_state: Any = None,
        validation_size: int | float | None = None,
    ):
        self._init_parameters(locals())

    def _make_regressor(self):
        regressor = clone(self.estimator)
        if self.random_state is not None and "random_state" in regressor.get_params(
            deep=False
        ):
            regressor.set_params(random_state=self.random_state)
        return regressor

    @classmethod
    def _test_params(cls) -> list[dict]:
        """The settings of :meth:`get_test_params`.

        A one-unit-wide LSTM trained for one epoch, and the naive model with
        the direct and the seq2seq strategy; half of each training series
        calibrates the intervals (enough residuals for sktime's 90% intervals
        on its 50-step series, short enough windows for its 15-step ones).
        """
        from skrnn.models import LSTMRegressor, NaiveRegressor

        lstm = LSTMRegressor(
            (2,), epochs=1, batch_size=64, random_state=0, compile__run_eagerly=True
        )
        return [
            {"estimator": lstm, "window_length": 3, "validation_size": 0.5},
            {
                "estimator": NaiveRegressor(),
                "window_length": 2,
                "strategy": "direct",
                "validation_size": 0.5,
            },
            {
                "estimator": NaiveRegressor(lag=2),
                "window_length": 2,
                "strategy": "seq2seq",
                "validation_size": 0.5,
            },
        ]


class LSTMForecaster(_WindowForecasterAdapter):
    """sktime forecaster with an LSTM on windows of the series.

    Short for ``SkrnnForecaster(LSTMRegressor(hidden_layer_sizes, ...),
    window_length, strategy)``, with the LSTM's common parameters at the top
    level, so that sktime tools tune them directly (``{"hidden_layer_sizes":
    [(16,), (32,)], "window_length": [7, 14]}``).

    Parameters
    ----------
    hidden_layer_sizes : tuple of int, default=(32,)
        Units of each LSTM layer, bottom to top.
    window_length : int, default=10
        Time steps per input window.
    strategy : {"recursive", "direct", "seq2seq"}, default="recursive"
        Multi-step strategy, see :class:`SkrnnForecaster`.
    dense_layer_sizes : tuple of int, default=()
        ReLU dense layers between the LSTM and the output layer.
    epochs : int, default=200
        Maximum number of training epochs (the budget; early stopping
        usually ends training before it).
    batch_size : int, default=32
        Windows per gradient step.
    learning_rate : float, default=1e-3
        Learning rate of the optimizer.
    loss : {"mse", "mae", "huber"}, default="mae"
        Training loss.
    early_stopping : bool, default=True
        Stop on a time-ordered validation split and keep the best epoch's
        weights, see :class:`skrnn.LSTMRegressor` (whose defaults these are;
        it also scales each window itself, ``window_norm="auto"``).
    random_state : int, RandomState instance or None, default=None
        Seeds the network's weights, shuffling and dropout.
    regressor_params : dict or None, default=None
        Further :class:`skrnn.LSTMRegressor` parameters, e.g.
        ``{"dropout": 0.1, "optimizer": "sgd", "momentum": 0.9}``; not the
        ones above.
    validation_size : int, float or None, default=None
        Time steps held out at the end of ``y`` (an int), or that fraction
        of ``y`` (a float in (0, 1)), to calibrate ``predict_interval`` and
        ``predict_quantiles``, as in :class:`SkrnnForecaster`. None: no
        intervals, every window trains. The held-out windows are also the
        network's validation data (early stopping).

    Attributes
    ----------
    forecaster_, estimator_, window_length_, horizon_, n_exogenous_, \
validation_size_
        As in :class:`SkrnnForecaster`.

    Examples
    --------
    >>> from sktime.datasets import load_airline
    >>> from skrnn.sktime import LSTMForecaster
    >>> y = load_airline() / 100
    >>> forecaster = LSTMForecaster((4,), window_length=12, epochs=2, random_state=0)
    >>> forecaster.fit(y, fh=[1, 2, 3])
    LSTMForecaster(epochs=2, hidden_layer_sizes=(4,), random_state=0,
                   window_length=12)
    >>> forecaster.predict().index
    PeriodIndex(['1961-01', '1961-02', '1961-03'], dtype='period[M]')
    """

    _tags = {
        "python_dependencies": ["keras", "scikeras"],
        "property:randomness": "derandomized",
        "capability:random_state": True,
    }

    # parameters passed to LSTMRegressor under their own name
    _regressor_param_names = (
        "hidden_layer_sizes",
        "dense_layer_sizes",
        "epochs",
        "batch_size",
        "learning_rate",
        "loss",
        "early_stopping",
        "random_state",
    )

    def __init__(
        self,
        hidden_layer_sizes: tuple[int, ...] = (32,),
        window_length: int = 10,
        strategy: str = "recursive",
        dense_layer_sizes: tuple[int, ...] = (),
        epochs: int = 200,
        batch_size: int = 32,
        learning_rate: float = 1e-3,
        loss: str = "mae",
        early_stopping: bool = True,
        random_state: Any = None,
        regressor_params: dict | None = None,
        validation_size: int | float | None = None,
    ):
        self._init_parameters(locals())

    def _make_regressor(self):
        from skrnn.models import LSTMRegressor

        extra = _check_regressor_params(
            self.regressor_params, self._regressor_param_names
        )
        own = {name: getattr(self, name) for name in self._regressor_param_names}
        return LSTMRegressor(**own, **extra)

    @classmethod
    def _test_params(cls) -> list[dict]:
        """The settings of :meth:`get_test_params`.

        Tiny LSTMs trained for one epoch, with the recursive and the direct
        strategy, half of each training series held out for the intervals.
        """
        tiny = {
            "hidden_layer_sizes": (2,),
            "window_length": 3,
            "validation_size": 0.5,
            "epochs": 1,
            "batch_size": 64,
            "random_state": 0,
            "regressor_params": {"compile__run_eagerly": True},
        }
        direct = {
            **tiny,
            "hidden_layer_sizes": (1,),
            "strategy": "direct",
            "window_length": 2,
            "regressor_params": {"compile__run_eagerly": True, "optimizer": "sgd"},
        }
        return [tiny, direct]


class SARIMAForecaster(_WindowForecasterAdapter):
    """sktime forecaster with a seasonal ARIMA on windows of the series.

    Short for ``SkrnnForecaster(SARIMARegressor(order, seasonal_order,
    trend, ...), window_length, strategy)``: the parameters are estimated
    once on the training series (statsmodels
    :class:`~statsmodels.tsa.statespace.sarimax.SARIMAX`), and forecasts
    run the Kalman filter over the last window with those fixed parameters.
    With ``window_length=None`` the window is the whole training series but
    the steps the model is trained for, so forecasts match statsmodels' own
    up to the few oldest observations left out.

    Parameters
    ----------
    order : tuple of 3 int, default=(1, 0, 0)
        ``(p, d, q)``.
    seasonal_order : tuple of 4 int, default=(0, 0, 0, 0)
        ``(P, D, Q, s)``.
    trend : {None, "n", "c"}, default=None
        ``"c"`` adds a constant.
    window_length : int or None, default=None
        Time steps the filter runs over before forecasting; None: the
        longest the training series allows (see :class:`SkrnnForecaster`).
    strategy : {"recursive", "direct"}, default="recursive"
        "recursive" forecasts any ``fh``; "direct" needs ``fh`` in ``fit``.
        Both give the model's multi-step forecast.
    model_kwargs : dict or None, default=None
        Further ``SARIMAX`` arguments, see :class:`skrnn.SARIMARegressor`.
    fit_kwargs : dict or None, default=None
        Arguments of ``SARIMAX(...).fit``.
    validation_size : int, float or None, default=None
        Time steps held out at the end of ``y`` (an int), or that fraction
        of ``y`` (a float in (0, 1)), to calibrate ``predict_interval`` and
        ``predict_quantiles``, as in :class:`SkrnnForecaster`. None: no
        intervals, every window trains.

    Attributes
    ----------
    forecaster_, estimator_, window_length_, horizon_, n_exogenous_, \
validation_size_
        As in :class:`SkrnnForecaster`; ``estimator_`` holds ``params_``
        (for "recursive" as ``estimator_.estimator_.params_``).

    Notes
    -----
    Each column of a multivariate ``y`` gets its own univariate model.
    Exogenous ``X`` is not used (sktime does not pass it).

    Examples
    --------
    >>> import numpy as np
    >>> from sktime.datasets import load_airline
    >>> from skrnn.sktime import SARIMAForecaster
    >>> y = np.log(load_airline())
    >>> forecaster = SARIMAForecaster((1, 1, 0), (0, 1, 1, 12))
    >>> forecaster.fit(y, fh=[1, 2, 3])
    SARIMAForecaster(order=(1, 1, 0), seasonal_order=(0, 1, 1, 12))
    >>> np.exp(forecaster.predict()).round(1)
    1961-01    448.3
    1961-02    423.6
    1961-03    476.9
    Freq: M, Name: Number of airline passengers, dtype: float64
    """

    _tags = {
        "python_dependencies": ["statsmodels"],
        "capability:exogenous": False,
        "property:randomness": "deterministic",
        "capability:random_state": False,
    }

    _strategies = ("recursive", "direct")

    def __init__(
        self,
        order: tuple[int, int, int] = (1, 0, 0),
        seasonal_order: tuple[int, int, int, int] = (0, 0, 0, 0),
        trend: str | None = None,
        window_length: int | None = None,
        strategy: str = "recursive",
        model_kwargs: dict | None = None,
        fit_kwargs: dict | None = None,
        validation_size: int | float | None = None,
    ):
        self._init_parameters(locals())

    def _make_regressor(self):
        from skrnn.models import SARIMARegressor

        return SARIMARegressor(
            self.order,
            self.seasonal_order,
            self.trend,
            model_kwargs=self.model_kwargs,
            fit_kwargs=self.fit_kwargs,
        )

    @classmethod
    def _test_params(cls) -> list[dict]:
        """The settings of :meth:`get_test_params`.

        An AR(1) on the longest window, and an ARIMA(1, 1, 0) with a
        constant and the direct strategy, on the longest windows; half of
        each training series is held out for the intervals.
        """
        return [
            {"validation_size": 0.5},
            {
                "order": (1, 1, 0),
                "trend": "c",
                "strategy": "direct",
                "validation_size": 0.5,
            },
        ]


def _check_regressor_params(params: Any, reserved: tuple[str, ...]) -> dict:
    if params is None:
        return {}
    if not isinstance(params, dict):
        raise TypeError(f"regressor_params must be a dict or None, got {params!r}.")
    clash = sorted(set(params).intersection(reserved))
    if clash:
        raise ValueError(
            f"regressor_params may not set {clash}: they are parameters of the "
            "forecaster itself; set them there."
        )
    bad = [k for k in params if not isinstance(k, str)]
    if bad:
        raise TypeError(f"regressor_params keys must be str, got {bad!r}.")
    return dict(params)


def _held_out_steps(size: Any, n_timesteps: int, steps: int) -> int | None:
    """``validation_size`` as time steps of ``y``: an int as it is, a float in
    (0, 1) as that fraction of ``n_timesteps`` (rounded down); None stays None.
    """
    if size is None:
        return None
    expected = (
        "validation_size must be None, an int >= 1 (time steps held out) or a "
        "float in (0, 1) (a fraction of y)"
    )
    if isinstance(size, (bool, np.bool_)) or not isinstance(
        size, (numbers.Integral, numbers.Real)
    ):
        raise TypeError(f"{expected}, got {size!r} ({type(size).__name__}).")
    if isinstance(size, numbers.Integral):
        if size < 1:
            raise ValueError(f"{expected}, got {size!r}.")
        held_out = int(size)
    else:
        if not 0 < size < 1:
            raise ValueError(f"{expected}, got {size!r}.")
        held_out = int(size * n_timesteps)
    if held_out < steps:
        raise ValueError(
            f"validation_size={size!r} holds out {held_out} of the {n_timesteps} "
            f"time steps of y, but the model is trained for {steps} step(s) ahead "
            f"(max(fh) at fit), so at least {steps} must be held out."
        )
    return held_out


def _residuals_needed(level: float) -> int:
    """Residuals per step a conformal quantile at ``level`` (< 0.5: its
    distance from 0 or 1) needs to be finite (as :mod:`skrnn.intervals`)."""
    return math.ceil(1 / level - 1 - 1e-9)


def _enough_residuals(n: int, level: float) -> bool:
    return n >= _residuals_needed(min(level, 1 - level))


def _check_time_order(data: Any, name: str) -> None:
    """Raise a short error naming ``name`` if its time index is not increasing
    (within each series for a MultiIndex; the last level is the time)."""
    if not isinstance(data, (pd.Series, pd.DataFrame)):
        return
    index = data.index
    if index.is_monotonic_increasing:
        return
    if isinstance(index, pd.MultiIndex):
        frame = index.to_frame(index=False)
        keys = list(frame.columns[:-1])
        for key, times in frame.groupby(keys, sort=False)[frame.columns[-1]]:
            key = key[0] if isinstance(key, tuple) and len(key) == 1 else key
            _first_decrease(pd.Index(times), name, f" (in series {key!r})")
        return
    _first_decrease(index, name, "")


def _first_decrease(index: pd.Index, name: str, where: str) -> None:
    try:
        later = np.asarray(index[1:] < index[:-1])
    except TypeError:  # mixed types: sktime's own check names them
        return
    if later.any():
        i = int(np.argmax(later)) + 1
        raise ValueError(
            f"{name} must have a time index sorted in increasing order, got "
            f"{index[i]} at position {i}{where} after {index[i - 1]}; sort it "
            f"first, e.g. {name}.sort_index()."
        )


def _check_revised_steps(steps: pd.Index, seen: pd.Index) -> None:
    """Raise unless each of ``steps`` (time steps of an update's ``y`` at or
    before the cutoff) is a time step seen or lies before the first one."""
    inside = np.asarray(steps >= seen[0]) & ~np.asarray(steps.isin(seen))
    if inside.any():
        step = steps[inside][0]
        raise ValueError(
            f"y in update must hold time steps after the cutoff ({seen[-1]}), or "
            f"revised values of time steps seen, got {step}, which lies between "
            f"the time steps seen ({seen[0]} ... {seen[-1]}) but is not one of "
            "them."
        )


def _forecasts_several_columns(strategy: Strategy) -> bool:
    """Whether ``strategy`` forecasts every column of a 2-column series."""
    try:
        strategy.check_targets([0, 1], False, 2, None)
    except ValueError:
        return False
    return True


def _rows_at(
    X: pd.DataFrame, index: pd.Index, columns: pd.Index, name: str, what: str
) -> pd.DataFrame:
    """A copy of the rows of ``X`` at ``index``, in ``columns``; raises if any
    is missing (sktime refuses NaN in ``X``, so a NaN here is a missing row)."""
    rows = X.reindex(index=index, columns=columns)
    missing = rows.isna().any(axis=1).to_numpy()
    if missing.any():
        absent = [c for c in columns if c not in X.columns]
        detail = (
            f"missing column(s) {absent}"
            if absent
            else f"no row for {list(index[missing][:5])}"
        )
        raise ValueError(
            f"{name} must cover {what} with the columns seen in fit "
            f"({list(columns)}): {detail}."
        )
    return rows.copy()
