"""Metrics of interval and quantile forecasts: coverage, width, MSIS, pinball.

Shapes follow the competition metrics of :mod:`skrnn.metrics`: ``(horizon,)``
for one series, ``(n_series, horizon)`` (or a dict) for a panel; ``lower``
and ``upper`` have the shape of ``y_true``.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Any

import numpy as np
from numpy.typing import ArrayLike

from skrnn.metrics._docstrings import metric_docstring
from skrnn.metrics._inputs import check_m, forecast_pair, seasonal_scales, train_series

__all__ = [
    "interval_coverage",
    "interval_score",
    "interval_width",
    "msis",
    "pinball_loss",
]


def _check_level(value: Any, name: str = "coverage") -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float, np.number)):
        raise TypeError(f"{name} must be a float in (0, 1), got {value!r}.")
    if not 0 < float(value) < 1:
        raise ValueError(f"{name} must be a float in (0, 1), got {value!r}.")
    return float(value)


def _bounds(y_true: Any, lower: Any, upper: Any):
    true, low, ids, keyed = forecast_pair(y_true, lower, pred_name="lower")
    _, high, _, _ = forecast_pair(y_true, upper, pred_name="upper")
    crossed = low > high
    if crossed.any():
        row, step = np.argwhere(crossed)[0]
        raise ValueError(
            f"lower must not exceed upper; series {ids[row]!r} step {step + 1} has "
            f"lower {low[row, step]!r} > upper {high[row, step]!r}."
        )
    return true, low, high, ids, keyed


def _mean_of_steps(
    y_true: Any,
    lower: Any,
    upper: Any,
    step_values: Callable[[np.ndarray, np.ndarray, np.ndarray], np.ndarray],
) -> float:
    """Mean of ``step_values(true, low, high)`` over every step of checked bounds."""
    true, low, high, _, _ = _bounds(y_true, lower, upper)
    return float(np.mean(step_values(true, low, high)))


@metric_docstring
def interval_coverage(y_true: ArrayLike, lower: ArrayLike, upper: ArrayLike) -> float:
    """Share of the actual values inside their interval (bounds included).

    %(coverage_width_sections)s
    """
    return _mean_of_steps(
        y_true, lower, upper, lambda true, low, high: (low <= true) & (true <= high)
    )


@metric_docstring
def interval_width(y_true: ArrayLike, lower: ArrayLike, upper: ArrayLike) -> float:
    """Mean width ``upper - lower`` of the intervals.

    %(coverage_width_sections)s
    """
    return _mean_of_steps(y_true, lower, upper, lambda _, low, high: high - low)


def interval_score_terms(
    true: np.ndarray, low: np.ndarray, high: np.ndarray, coverage: float
) -> np.ndarray:
    """Winkler interval score of every step (Gneiting and Raftery, 2007)."""
    a = 1 - coverage
    below = np.clip(low - true, 0, None)
    above = np.clip(true - high, 0, None)
    return (high - low) + 2 / a * (below + above)


@metric_docstring
def interval_score(
    y_true: ArrayLike, lower: ArrayLike, upper: ArrayLike, *, coverage: float = 0.95
) -> float:
    """Mean interval (Winkler) score: width plus ``2 / (1 - coverage)`` x misses.

    Parameters
    ----------
    %(y_true)s
    %(bounds)s
    coverage : float, default=0.95
        Nominal coverage of the intervals.

    Returns
    -------
    float
        In the units of ``y_true``; lower is better.

    Examples
    --------
    >>> from skrnn.metrics import interval_score
    >>> score = interval_score([1.0, 5.0], [0.0, 0.0], [2.0, 2.0], coverage=0.8)
    >>> round(score, 6)  # (2 + (2 + 10 * 3)) / 2
    17.0
    """
    level = _check_level(coverage)
    return _mean_of_steps(
        y_true, lower, upper, partial(interval_score_terms, coverage=level)
    )


@metric_docstring
def msis(
    y_true: ArrayLike,
    lower: ArrayLike,
    upper: ArrayLike,
    y_train: Any,
    *,
    coverage: float = 0.95,
    m: int = 1,
    per_series: bool = False,
) -> float | np.ndarray:
    """Mean scaled interval score, as defined by M4.

    Per series the mean interval score of its steps divided by the in-sample
    mean absolute seasonal difference of its training series (the MASE
    scale); a panel's score is the mean over series.

    Parameters
    ----------
    %(y_true)s
    %(bounds)s
    %(y_train)s
    coverage : float, default=0.95
        Nominal coverage of the intervals (M4: 0.95).
    m : int, default=1
        Seasonal period of the scale.
    %(per_series)s

    Returns
    -------
    float or ndarray of shape (n_series,)

    Examples
    --------
    >>> from skrnn.metrics import msis
    >>> score = msis([1.0, 5.0], [0.0, 0.0], [2.0, 2.0], [0.0, 2.0, 4.0], coverage=0.8)
    >>> round(score, 6)  # interval score 17 over the in-sample scale 2
    8.5
    """
    level = _check_level(coverage)
    m = check_m(m)
    true, low, high, ids, keyed = _bounds(y_true, lower, upper)
    train = train_series(y_train, ids, keyed, m)
    scales = seasonal_scales(train, m, 1, ids, "MSIS")
    values = interval_score_terms(true, low, high, level).mean(axis=1) / scales
    return values if per_series else float(values.mean())


@metric_docstring
def pinball_loss(y_true: ArrayLike, y_quantile: ArrayLike, *, alpha: float) -> float:
    """Mean pinball (quantile) loss of forecasts of the ``alpha`` quantile.

    Parameters
    ----------
    %(y_true)s
    y_quantile : array-like, dict, DataFrame or pandas Series
        Forecasts of the quantile, in a layout of ``y_true``, of its shape;
        matched to a keyed ``y_true`` by id.
    alpha : float
        The quantile level, in (0, 1).

    Returns
    -------
    float

    Examples
    --------
    >>> from skrnn.metrics import pinball_loss
    >>> pinball_loss([1.0, 3.0], [2.0, 2.0], alpha=0.9)  # (0.1 * 1 + 0.9 * 1) / 2
    0.5
    """
    level = _check_level(alpha, "alpha")
    true, pred, _, _ = forecast_pair(y_true, y_quantile, pred_name="y_quantile")
    diff = true - pred
    return float(np.mean(np.maximum(level * diff, (level - 1) * diff)))
