"""Conformal prediction intervals from time-ordered calibration residuals.

:class:`skrnn.WindowForecaster` fitted with ``validation_size`` forecasts the
held-out steps of every series from each origin inside them (one batched
prediction) and keeps the residuals ``y_true - y_pred``, one distribution per
step ahead and target column. For a panel each residual is divided by its
series' scale (the mean absolute one-step change of the series' training
part), so that series of levels 10 and 700,000 share one distribution; the
quantiles are scaled back per series. Any regressor (naive, SARIMA, a
network, a scikit-learn model) gets calibrated intervals this way without
retraining.

The ``alpha`` quantile of ``n`` residuals is taken at the conformal level
``ceil((n + 1) * alpha) / n`` (upper tail; mirrored for the lower tail), so
that a two-sided interval of ``n`` exchangeable residuals covers at least its
nominal coverage. That needs ``n >= 1 / min(alpha, 1 - alpha) - 1``
residuals per step; fewer raise an error naming ``validation_size``.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Callable, Sequence
from typing import Any

import numpy as np
import pandas as pd

from skrnn._series_set import SeriesSet, origin_targets

__all__ = [
    "ConformalCalibration",
    "central_intervals",
    "check_alpha",
    "check_coverage",
    "check_method",
    "conformal_quantiles",
    "interval_bounds",
    "interval_frame",
    "quantile_frame",
    "series_scales",
]


def _as_levels(value: Any, name: str) -> list[float]:
    levels = [value] if np.ndim(value) == 0 else list(np.asarray(value).ravel())
    if not levels:
        raise ValueError(f"{name} must hold at least one level, got {value!r}.")
    for level in levels:
        if isinstance(level, (bool, np.bool_)) or not isinstance(
            level, (int, float, np.integer, np.floating)
        ):
            raise TypeError(f"{name} must be floats in (0, 1), got {level!r}.")
        if not 0 < float(level) < 1:
            raise ValueError(f"{name} must be floats in (0, 1), got {level!r}.")
    return [float(level) for level in levels]


def check_coverage(coverage: Any) -> list[float]:
    """Validate ``coverage``: a float or a sequence of floats in (0, 1).

    Examples
    --------
    >>> check_coverage(0.9), check_coverage([0.8, 0.95])
    ([0.9], [0.8, 0.95])
    """
    levels = _as_levels(coverage, "coverage")
    if len(set(levels)) != len(levels):
        raise ValueError(f"coverage must not repeat a level, got {coverage!r}.")
    return levels


def check_alpha(alpha: Any) -> list[float]:
    """Validate quantile levels ``alpha``: sorted, unique floats in (0, 1).

    Examples
    --------
    >>> check_alpha([0.1, 0.5, 0.9])
    [0.1, 0.5, 0.9]
    """
    levels = _as_levels(alpha, "alpha")
    if any(b <= a for a, b in itertools.pairwise(levels)):
        raise ValueError(
            f"alpha must be sorted increasing without duplicates, got {alpha!r}."
        )
    return levels


def series_scales(
    series_values: Sequence[np.ndarray], targets: list[int]
) -> np.ndarray:
    """Per-series scale of the target columns: mean absolute one-step change.

    Parameters
    ----------
    series_values : list of ndarray of shape (n_timesteps_i, n_columns)
        The training part of each series.
    targets : list of int
        Target columns.

    Returns
    -------
    ndarray of shape (n_series, n_targets)
        A series (column) that never changes gets scale 1, so that its
        residuals stay in its own units.

    Examples
    --------
    >>> import numpy as np
    >>> series_scales([np.array([[1.0], [3.0], [2.0]]), np.ones((3, 1))], [0])
    array([[1.5],
           [1. ]])
    """
    scales = np.ones((len(series_values), len(targets)))
    for i, values in enumerate(series_values):
        columns = np.asarray(values, dtype=np.float64)[:, targets]
        if len(columns) > 1:
            scale = np.abs(np.diff(columns, axis=0)).mean(axis=0)
            scales[i] = np.where(scale > 0, scale, 1.0)
    return scales


def conformal_quantiles(residuals: np.ndarray, alpha: list[float]) -> np.ndarray:
    """Conformal quantiles of the residuals of each step and target.

    Parameters
    ----------
    residuals : ndarray of shape (n, horizon, n_targets)
        Calibration residuals ``y_true - y_pred`` (scale-normalised).
    alpha : list of float
        Quantile levels (validated).

    Returns
    -------
    ndarray of shape (n_alpha, horizon, n_targets)

    Raises
    ------
    ValueError
        When ``n`` is too small for the most extreme level; the message
        names ``validation_size`` and the number of residuals needed.

    Examples
    --------
    >>> import numpy as np
    >>> residuals = np.arange(-9.0, 10.0).reshape(19, 1, 1)
    >>> conformal_quantiles(residuals, [0.05, 0.95])[:, 0, 0]
    array([-9.,  9.])
    """
    n = len(residuals)
    extreme = min(min(alpha), 1 - max(alpha))
    needed = math.ceil(1 / extreme - 1 - 1e-9)
    if n < needed:
        raise ValueError(
            f"too few calibration windows for the quantile level {extreme:g}: "
            f"{n} residual(s) per step, at least {needed} needed. Fit with a larger "
            "validation_size (each held-out step beyond the horizon adds one "
            "calibration window per series), or ask for a lower coverage."
        )
    out = np.empty((len(alpha), *residuals.shape[1:]))
    for k, level in enumerate(alpha):
        if level >= 0.5:
            rank = min(math.ceil((n + 1) * level), n)
            out[k] = np.sort(residuals, axis=0)[rank - 1]
        else:
            rank = min(math.ceil((n + 1) * (1 - level)), n)
            out[k] = -np.sort(-residuals, axis=0)[rank - 1]
    return out


class ConformalCalibration:
    """Scale-normalised calibration residuals: conformal quantile forecasts.

    Parameters
    ----------
    residuals : ndarray of shape (n, horizon, n_targets) or None
        ``(y_true - y_pred) / scale`` of the held-out forecasts; None when
        nothing was held out (then every method raises, naming
        ``validation_size``).
    scales : ndarray of shape (n_series, n_targets)
        The scale of every series (:func:`series_scales`).

    Examples
    --------
    >>> import numpy as np
    >>> calibration = ConformalCalibration.from_forecasts(
    ...     [np.arange(19.0).reshape(19, 1, 1)],
    ...     np.full((19, 1, 1), 9.0),
    ...     np.array([[2.0]]),
    ... )
    >>> calibration.steps
    1
    >>> y_pred, series = np.zeros((1, 1, 1)), np.array([0])
    >>> calibration.quantiles(y_pred, series, [0.05, 0.95])[:, 0, 0, 0]
    array([-9.,  9.])
    """

    def __init__(self, residuals: np.ndarray | None, scales: np.ndarray):
        self.residuals = residuals
        self.scales = scales

    @classmethod
    def from_forecasts(
        cls,
        y_true: Sequence[np.ndarray],
        y_pred: np.ndarray,
        scales: np.ndarray,
        series: Sequence[int] | None = None,
    ) -> ConformalCalibration:
        """Calibration from held-out forecasts of some series of a panel.

        Parameters
        ----------
        y_true : sequence of ndarray of shape (n_i, horizon, n_targets)
            Per calibrated series, the true values after its origins.
        y_pred : ndarray of shape (sum n_i, horizon, n_targets)
            The forecasts of those values, series after series.
        scales : ndarray of shape (n_series, n_targets)
            The scale of every series of the panel.
        series : sequence of int, default=None
            The panel positions of the calibrated series (None: all, in
            order).

        Returns
        -------
        ConformalCalibration
        """
        series = range(len(y_true)) if series is None else series
        row_scales = np.concatenate(
            [
                np.repeat(scales[i][None], len(values), axis=0)
                for i, values in zip(series, y_true, strict=True)
            ]
        )
        residuals = (np.concatenate(y_true) - y_pred) / row_scales[:, None, :]
        return cls(residuals, scales)

    @classmethod
    def from_held_out(
        cls,
        data: SeriesSet,
        trained: Sequence[int],
        *,
        held_out: int,
        horizon: int,
        targets: list[int],
        forecast: Callable[[SeriesSet, np.ndarray, list, int], np.ndarray],
    ) -> ConformalCalibration:
        """Calibration from forecasts of the held-out steps of every series.

        From every origin inside the last ``held_out`` steps of a trained
        series whose ``min(horizon, held_out)`` forecast steps are all held
        out; each series' scale is that of the steps before its held-out
        ones (:func:`series_scales`).

        Parameters
        ----------
        data : SeriesSet
            The fitted series.
        trained : sequence of int
            Positions of the series that were trained on (and held steps out).
        held_out : int
            Time steps held out at the end of every trained series (0: none,
            then there is no calibration).
        horizon : int
            The forecaster's ``horizon``.
        targets : list of int
            Target columns.
        forecast : callable
            ``forecast(series, positions, origins, steps)``: forecasts
            (sum n_origins, steps, n_targets) from ``origins`` (one array
            per series of the SeriesSet ``series``, whose panel positions
            are ``positions``).

        Returns
        -------
        ConformalCalibration
        """
        scales = series_scales(
            [info.values[: info.n_timesteps - held_out] for info in data.infos],
            targets,
        )
        steps = min(horizon, held_out)
        if steps < 1:
            return cls(None, scales)
        subset = data.subset(list(trained))
        origins = [np.arange(n - held_out - 1, n - steps) for n in subset.lengths]
        y_pred = forecast(subset, np.array(trained), origins, steps)
        y_true = [
            origin_targets(values, points, steps, targets)
            for values, points in zip(subset.values, origins, strict=True)
        ]
        return cls.from_forecasts(y_true, y_pred, scales, trained)

    @property
    def steps(self) -> int:
        """The calibrated steps ahead (0 without residuals)."""
        return 0 if self.residuals is None else self.residuals.shape[1]

    def check_steps(self, horizon: int | None) -> int:
        """The calibrated steps; raises without calibration or beyond them."""
        if self.residuals is None:
            raise ValueError(
                "intervals need calibration residuals: fit with validation_size "
                "(time steps held out at the end of every series, at least the "
                "horizon) so that the forecasts of those steps can be scored."
            )
        if horizon is not None and horizon > self.steps:
            raise ValueError(
                f"horizon={horizon} is beyond the {self.steps} calibrated step(s) "
                "(min(horizon, validation_size) at fit); fit with a larger "
                "validation_size or horizon."
            )
        return self.steps

    def quantiles(
        self, y_pred: np.ndarray, positions: np.ndarray, alpha: list[float]
    ) -> np.ndarray:
        """Quantile forecasts: ``y_pred`` plus the scaled residual quantiles.

        Parameters
        ----------
        y_pred : ndarray of shape (n, horizon, n_targets)
            Point forecasts, ``horizon`` at most :attr:`steps`.
        positions : ndarray of shape (n,)
            The panel position of each forecast's series (-1, a series
            not in the fitted panel, takes the first series' scale).
        alpha : list of float
            Validated quantile levels.

        Returns
        -------
        ndarray of shape (n_alpha, n, horizon, n_targets)
        """
        self.check_steps(y_pred.shape[1])
        quantiles = conformal_quantiles(self.residuals[:, : y_pred.shape[1]], alpha)
        scales = self.scales[np.maximum(positions, 0)]
        return y_pred[None] + quantiles[:, None] * scales[None, :, None, :]


def check_method(method: Any) -> str:
    """Validate where quantiles come from: ``"conformal"`` or ``"model"``.

    Examples
    --------
    >>> check_method("model")
    'model'
    """
    if method not in ("conformal", "model"):
        raise ValueError(f"method must be 'conformal' or 'model', got {method!r}.")
    return method


def interval_bounds(coverage: list[float]) -> list[float]:
    """The quantile levels of central intervals: ``(1 - c) / 2`` and
    ``(1 + c) / 2`` of every coverage ``c``, sorted, without repeats.

    Examples
    --------
    >>> interval_bounds([0.5, 0.8])
    [0.09999999999999998, 0.25, 0.75, 0.9]
    """
    return sorted({(1 - c) / 2 for c in coverage} | {(1 + c) / 2 for c in coverage})


def central_intervals(
    quantiles: np.ndarray, coverage: list[float]
) -> tuple[np.ndarray, np.ndarray]:
    """The bounds of central intervals from quantiles at their levels.

    Parameters
    ----------
    quantiles : ndarray of shape (n_levels, ...)
        Quantile forecasts at the levels ``interval_bounds(coverage)``, in
        that order.
    coverage : list of float
        Validated coverages.

    Returns
    -------
    lower, upper : ndarray of shape (n_coverage, ...)
        The ``(1 - c) / 2`` and ``(1 + c) / 2`` quantiles of every coverage
        ``c``.

    Examples
    --------
    >>> import numpy as np
    >>> lower, upper = central_intervals(np.array([1.0, 2.0, 8.0, 9.0]), [0.8, 0.5])
    >>> lower, upper
    (array([1., 2.]), array([9., 8.]))
    """
    bounds = interval_bounds(coverage)
    lower = np.stack([quantiles[bounds.index((1 - c) / 2)] for c in coverage])
    upper = np.stack([quantiles[bounds.index((1 + c) / 2)] for c in coverage])
    return lower, upper


def quantile_frame(
    values: np.ndarray, index: pd.Index, names: list, alpha: list[float]
) -> pd.DataFrame:
    """Quantile forecasts as sktime lays them out.

    Parameters
    ----------
    values : ndarray of shape (n_alpha, n_rows, n_targets)
        Forecast quantiles.
    index : pandas.Index of length n_rows
        Future dates (or (series id, date)).
    names : list
        Target names.
    alpha : list of float
        The quantile levels.

    Returns
    -------
    pandas.DataFrame
        Columns ``(target name, alpha)``.

    Examples
    --------
    >>> import numpy as np
    >>> import pandas as pd
    >>> dates = pd.date_range("2024-02-10", periods=2, freq="D")
    >>> values = np.arange(4.0).reshape(2, 2, 1)  # (n_alpha, n_rows, n_targets)
    >>> frame = quantile_frame(values, dates, ["y"], [0.1, 0.9])
    >>> frame.columns.tolist(), frame.to_numpy().tolist()
    ([('y', 0.1), ('y', 0.9)], [[0.0, 2.0], [1.0, 3.0]])
    """
    columns = pd.MultiIndex.from_product([names, alpha])
    data = np.moveaxis(values, 0, -1).reshape(len(index), -1)
    return pd.DataFrame(data, index=index, columns=columns)


def interval_frame(
    lower: np.ndarray,
    upper: np.ndarray,
    index: pd.Index,
    names: list,
    coverage: list[float],
) -> pd.DataFrame:
    """Interval forecasts as sktime lays them out.

    Parameters
    ----------
    lower, upper : ndarray of shape (n_coverage, n_rows, n_targets)
        The interval bounds.
    index : pandas.Index of length n_rows
        Future dates (or (series id, date)).
    names : list
        Target names.
    coverage : list of float
        The nominal coverages.

    Returns
    -------
    pandas.DataFrame
        Columns ``(target name, coverage, "lower" | "upper")``.

    Examples
    --------
    >>> import numpy as np
    >>> import pandas as pd
    >>> dates = pd.date_range("2024-02-10", periods=2, freq="D")
    >>> frame = interval_frame(np.zeros((1, 2, 1)), np.ones((1, 2, 1)), dates,
    ...                        ["y"], [0.9])
    >>> frame.columns.tolist(), frame.to_numpy().tolist()
    ([('y', 0.9, 'lower'), ('y', 0.9, 'upper')], [[0.0, 1.0], [0.0, 1.0]])
    """
    columns = pd.MultiIndex.from_product([names, coverage, ["lower", "upper"]])
    bounds = np.stack([lower, upper], axis=-1)  # (n_cov, n_rows, n_targets, 2)
    data = np.moveaxis(bounds, 0, 2).reshape(len(index), -1)
    return pd.DataFrame(data, index=index, columns=columns)
