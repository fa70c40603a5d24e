"""The fitted window regressor behind the forecaster, from raw windows to forecasts.

:class:`WindowModel` is what :class:`skrnn.WindowForecaster` keeps of its
training: the strategy, the fitted regressor and the
:class:`~skrnn._encoding.SeriesEncoding` between the series and the
regressor. Given raw windows of the series (the last window of every
series, or the windows ending at chosen origins) it returns forecasts in the
series' units: the strategy's point forecasts, or the quantile outputs of a
regressor fitted with ``quantiles``. Nothing here reads or shapes user data.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from skrnn._encoding import SeriesEncoding
from skrnn._series_set import (
    SeriesSet,
    check_origins,
    origin_covariates,
    origin_windows,
)
from skrnn._validation import check_positive_int
from skrnn.strategies import Strategy

__all__ = ["WindowModel"]


class WindowModel:
    """A fitted window regressor, its strategy and its encoding.

    Parameters
    ----------
    strategy : Strategy
        The strategy the regressor was trained with.
    fitted : regressor
        What ``strategy.fit`` returned.
    encoding : SeriesEncoding
        Scaling, series ids and differencing between series and regressor.
    horizon : int
        The forecaster's ``horizon`` (what a direct or seq2seq model was
        trained for).
    window_length : int
        Time steps per window.
    n_columns : int
        Columns of ``y`` in the raw windows (the columns after them are
        covariates, ``X``).

    Attributes
    ----------
    regressor : regressor
        The fitted window regressor inside ``fitted``.

    Examples
    --------
    >>> import numpy as np
    >>> from sklearn.linear_model import LinearRegression
    >>> from skrnn._encoding import SeriesEncoding
    >>> from skrnn._transforms.scaling import SeriesScaler
    >>> from skrnn.strategies import get_strategy
    >>> strategy = get_strategy("direct")
    >>> windows = np.arange(10.0)[np.arange(8)[:, None] + np.arange(2)][..., None]
    >>> Y = np.arange(2.0, 10.0)
    >>> fitted = strategy.fit(
    ...     LinearRegression(), windows, Y, target_index=0, horizon=1, fit_params={}
    ... )
    >>> encoding = SeriesEncoding(
    ...     SeriesScaler(None, 1).fit([]), targets=[0], lags=(), n_ids=None,
    ...     target_layout="direct",
    ... )
    >>> model = WindowModel(
    ...     strategy, fitted, encoding, horizon=1, window_length=2, n_columns=1
    ... )
    >>> model.forecast(np.array([[[20.0], [21.0]]]), np.array([0]), 1, None).round(6)
    array([[[22.]]])
    """

    def __init__(
        self,
        strategy: Strategy,
        fitted: Any,
        encoding: SeriesEncoding,
        *,
        horizon: int,
        window_length: int,
        n_columns: int,
    ):
        self.strategy = strategy
        self.fitted = fitted
        self.regressor = strategy.regressor(fitted)
        self.encoding = encoding
        self.horizon = horizon
        self.window_length = window_length
        self.n_columns = n_columns

    def check_horizon(self, horizon: int | None) -> int:
        """Validated forecast steps: ``horizon`` (None: the trained one),
        at most what the strategy's model was trained for.

        Parameters
        ----------
        horizon : int or None
            Steps to forecast.

        Returns
        -------
        int
        """
        if horizon is None:
            return self.horizon
        horizon = check_positive_int(horizon, "horizon")
        most = self.strategy.max_horizon(self.horizon)
        if most is not None and horizon > most:
            raise ValueError(
                f"horizon={horizon} is beyond the {most} step(s) the "
                f"strategy={self.strategy.name!r} model was trained for; refit with "
                f"horizon >= {horizon} or use strategy='recursive'."
            )
        return horizon

    def forecast(
        self,
        windows: np.ndarray,
        positions: np.ndarray,
        horizon: int,
        covariates: np.ndarray | None,
        alpha: list[float] | None = None,
    ) -> np.ndarray:
        """Forecasts in the series' units from raw windows.

        Parameters
        ----------
        windows : ndarray of shape (n, window_length, n_columns)
            Raw windows (columns of ``y`` then of ``X``).
        positions : ndarray of shape (n,)
            The fitted position of each window's series.
        horizon : int
            Steps to forecast (checked by :meth:`check_horizon`).
        covariates : ndarray of shape (n, horizon, n_exogenous) or None
            Future covariates (replaced by the id feature, if any).
        alpha : list of float, default=None
            Quantile levels: return the model's own quantile forecasts
            (:meth:`model_quantiles`) instead of the point forecasts.

        Returns
        -------
        ndarray of shape (n, horizon, n_targets), or (n_alpha, n, horizon, n_targets)
            Float64, in the series' units.
        """
        levels = self.encoding.windows(windows, positions)
        if self.encoding.n_ids is not None:
            covariates = self.encoding.id_covariates(positions, horizon)
        inputs = self.encoding.inputs(levels)
        if alpha is not None:
            return self.model_quantiles(inputs, levels, positions, horizon, alpha)
        y_pred = self.strategy.forecast(
            self.fitted, inputs, horizon, covariates, len(self.encoding.targets)
        )
        return self.encoding.decode(y_pred, levels, positions, horizon)

    def model_quantiles(
        self,
        inputs: np.ndarray,
        levels: np.ndarray,
        positions: np.ndarray,
        horizon: int,
        alpha: list[float],
    ) -> np.ndarray:
        """The window regressor's own quantile outputs, in the series' units.

        Parameters
        ----------
        inputs : ndarray of shape (n, window_length, n_features)
            The model's input windows (encoded).
        levels : ndarray of shape (n, window_length, n_features)
            The same windows before differencing.
        positions : ndarray of shape (n,)
            The series of each window.
        horizon : int
            Steps to forecast: at most those the model forecasts itself.
        alpha : list of float
            Quantile levels, each among the regressor's ``quantiles_``.

        Returns
        -------
        ndarray of shape (n_alpha, n, horizon, n_targets), float64
        """
        fitted = getattr(self.regressor, "quantiles_", None)
        if fitted is None:
            raise ValueError(
                "method='model' needs a window regressor fitted with quantiles "
                "(e.g. GRURegressor(quantiles=(0.05, 0.5, 0.95))); "
                f"{type(self.regressor).__name__} has none. Use "
                "method='conformal' (with validation_size at fit)."
            )
        if self.strategy.train_steps(self.horizon) < horizon:
            raise ValueError(
                f"method='model' gives the quantiles of the steps the model "
                f"forecasts itself: {self.strategy.train_steps(self.horizon)} "
                f"with strategy={self.strategy.name!r}, not horizon={horizon} "
                "(a recursive forecast feeds back point forecasts). Use "
                "strategy='direct' or method='conformal'."
            )
        columns = []
        for level in alpha:
            match = np.flatnonzero(np.isclose(fitted, level))
            if not match.size:
                raise ValueError(
                    f"method='model' forecasts only the quantiles the estimator "
                    f"was fitted with, {[float(q) for q in fitted]}; got the "
                    f"level {level}."
                )
            columns.append(match[0])
        outputs = self.regressor.predict_quantiles(inputs)
        return np.stack(
            [
                self.encoding.decode(outputs[..., j], levels, positions, horizon)
                for j in columns
            ]
        )

    def origin_forecast(
        self,
        data: SeriesSet,
        positions: np.ndarray,
        per_series: list,
        horizon: int,
    ) -> np.ndarray:
        """Batched forecasts from the origins ``per_series`` of each series.

        Parameters
        ----------
        data : SeriesSet
            The series (read like the fitted ones).
        positions : ndarray of shape (n_series,)
            The fitted position of each series of ``data``.
        per_series : list of array-like of int
            The origins of each series (positions in it).
        horizon : int
            Steps ahead.

        Returns
        -------
        ndarray of shape (n_origins, horizon, n_targets), float64
            The origins series after series.
        """
        windows, rows, covariates = [], [], []
        for position, values, points in zip(
            positions, data.values, per_series, strict=True
        ):
            points = check_origins(points)
            windows.append(origin_windows(values, points, self.window_length))
            rows.append(np.full(len(points), position))
            n_exogenous = values.shape[1] - self.n_columns
            if not data.is_panel and n_exogenous:
                covariates.append(
                    origin_covariates(values[:, self.n_columns :], points, horizon)
                    if self.strategy.needs_future_covariates(horizon)
                    else np.zeros((len(points), horizon, n_exogenous))
                )
        windows = np.concatenate(windows)
        covariate_array = np.concatenate(covariates) if covariates else None
        return self.forecast(windows, np.concatenate(rows), horizon, covariate_array)
