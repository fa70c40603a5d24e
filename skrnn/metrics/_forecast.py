"""Metrics of forecasting competitions: sMAPE, MASE, RMSSE, relative scores, OWA.

For one series or a panel; the conventions are in :mod:`skrnn.metrics`.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
import pandas as pd
from numpy.typing import ArrayLike
from sklearn.metrics import mean_absolute_error, mean_squared_error

from skrnn.metrics._docstrings import metric_docstring
from skrnn.metrics._inputs import (
    check_m,
    forecast_pair,
    seasonal_scales,
    train_series,
)
from skrnn.panel import shown_ids

__all__ = [
    "forecast_scores",
    "mase",
    "owa",
    "relative_score",
    "rmsse",
    "smape",
]

_METRICS = ("smape", "mase", "rmsse", "mae")
_SCALED = ("mase", "rmsse")


def smape_terms(true: np.ndarray, pred: np.ndarray) -> np.ndarray:
    """sMAPE of every step (percent); a step with value and forecast both 0 is 0."""
    denominator = np.abs(true) + np.abs(pred)
    return np.divide(
        200.0 * np.abs(true - pred),
        denominator,
        out=np.zeros_like(denominator, dtype=np.float64),
        where=denominator > 0,
    )


def _smape_rows(true: np.ndarray, pred: np.ndarray) -> np.ndarray:
    """Per-series sMAPE (percent)."""
    return smape_terms(true, pred).mean(axis=1)


def _per_series(
    metric: str,
    true: np.ndarray,
    pred: np.ndarray,
    train: list[np.ndarray] | None,
    m: int,
    ids: list,
) -> np.ndarray:
    """Per-series values of ``metric`` on aligned ``(n_series, horizon)`` rows."""
    if metric == "smape":
        return _smape_rows(true, pred)
    mae = mean_absolute_error(true.T, pred.T, multioutput="raw_values")
    if metric == "mae":
        return mae
    if metric == "mase":
        return mae / seasonal_scales(train, m, 1, ids, "MASE")
    mse = mean_squared_error(true.T, pred.T, multioutput="raw_values")
    return np.sqrt(mse / seasonal_scales(train, m, 2, ids, "RMSSE"))


def _with_training(
    y_true: Any, y_pred: Any, y_train: Any, m: Any, ids: Sequence | None = None
) -> tuple[np.ndarray, np.ndarray, list, list[np.ndarray], int]:
    """Check ``m``; the aligned forecast rows, ids, training series and ``m``."""
    m = check_m(m)
    true, pred, ids, keyed = forecast_pair(y_true, y_pred, ids)
    return true, pred, ids, train_series(y_train, ids, keyed, m), m


def _result(values: np.ndarray, per_series: bool) -> float | np.ndarray:
    return values if per_series else float(values.mean())


def _scaled_error(
    metric: str, y_true: Any, y_pred: Any, y_train: Any, m: Any, per_series: bool
) -> float | np.ndarray:
    """``metric`` (``"mase"`` or ``"rmsse"``) per series, or its mean over them."""
    true, pred, ids, train, m = _with_training(y_true, y_pred, y_train, m)
    return _result(_per_series(metric, true, pred, train, m, ids), per_series)


@metric_docstring
def smape(
    y_true: ArrayLike, y_pred: ArrayLike, *, per_series: bool = False
) -> float | np.ndarray:
    """Symmetric mean absolute percentage error, as defined by M4 (0 to 200).

    Per series, ``mean_k 200 * |y_k - f_k| / (|y_k| + |f_k|)`` over the
    ``horizon`` steps; a panel's score is the mean over series. A step where
    the value and the forecast are both 0 counts as an exact forecast (0), not
    0/0.

    Parameters
    ----------
    %(y_true)s
    %(y_pred)s
    %(per_series)s

    Returns
    -------
    smape : float or ndarray of shape (n_series,)
        In percent. ``per_series=True`` gives shape ``(1,)`` for one series.

    Raises
    ------
    ValueError
        For shapes that differ, non-numeric, NaN or infinite values.

    See Also
    --------
    forecast_scores : sMAPE, MASE, RMSSE and MAE of every series in a table.

    Examples
    --------
    >>> from skrnn.metrics import smape
    >>> round(smape([2.0, 4.0, 0.0], [2.0, 2.0, 0.0]), 4)  # (0 + 200 * 2 / 6 + 0) / 3
    22.2222
    >>> smape([[1.0, 1.0], [2.0, 2.0]], [[1.0, 3.0], [2.0, 2.0]], per_series=True)
    array([50.,  0.])
    """
    true, pred, _, _ = forecast_pair(y_true, y_pred)
    return _result(_smape_rows(true, pred), per_series)


@metric_docstring
def mase(
    y_true: ArrayLike,
    y_pred: ArrayLike,
    y_train: Any,
    *,
    m: int = 1,
    per_series: bool = False,
) -> float | np.ndarray:
    """Mean absolute scaled error, as defined by M4.

    Per series, the mean absolute error of the forecast divided by the
    in-sample mean absolute seasonal difference of its training series,
    ``mean_t |y_t - y_{t-m}|`` over ``t = m+1 ... n_train``: the error of the
    seasonal naive forecast one step ahead on the training data. A panel's
    score is the mean over series (the M4 average).

    Parameters
    ----------
    %(y_true)s
    %(y_pred)s
    %(y_train)s
    m : int, default=1
        Seasonal period of the scale (M4: 1 yearly, 4 quarterly, 12 monthly,
        1 weekly, 1 daily, 24 hourly).
    %(per_series)s

    Returns
    -------
    mase : float or ndarray of shape (n_series,)

    Raises
    ------
    ValueError
        For a training series whose scale is zero (it does not change at lag
        ``m``; the series are named), a training series of ``m`` values or
        fewer, shapes that differ, non-numeric, NaN or infinite values.

    Examples
    --------
    >>> from skrnn.metrics import mase
    >>> y_train = [1.0, 2.0, 4.0, 7.0]  # mean |difference| = (1 + 2 + 3) / 3 = 2
    >>> mase([8.0, 10.0], [7.0, 7.0], y_train)  # mean |error| 2 / 2
    1.0

    A panel of two series with training series of different lengths, scaled
    at lag ``m=2``: the scales are ``(3 + 5) / 2 = 4`` and
    ``(3 + 3 + 3) / 3 = 3``.

    >>> mase([[8.0, 10.0], [7.0, 9.0]], [[7.0, 7.0], [6.0, 6.0]],
    ...      [y_train, [0.0, 1.0, 3.0, 4.0, 6.0]], m=2, per_series=True)
    array([0.5       , 0.66666667])
    """
    return _scaled_error("mase", y_true, y_pred, y_train, m, per_series)


@metric_docstring
def rmsse(
    y_true: ArrayLike,
    y_pred: ArrayLike,
    y_train: Any,
    *,
    m: int = 1,
    per_series: bool = False,
) -> float | np.ndarray:
    """Root mean squared scaled error, as defined by M5.

    Per series, ``sqrt(mean_k (y_k - f_k)**2 / mean_t (y_t - y_{t-m})**2)``,
    the denominator over the training series (``t = m+1 ... n_train``). A
    panel's score is the unweighted mean over series (M5 weighted the series
    by their sales, and started each training series at its first non-zero
    value; pass ``y_train`` trimmed that way to follow it).

    Parameters
    ----------
    %(y_true)s
    %(y_pred)s
    %(y_train)s
    m : int, default=1
        Lag of the differences of the scale (M5: 1).
    %(per_series)s

    Returns
    -------
    rmsse : float or ndarray of shape (n_series,)

    Raises
    ------
    ValueError
        For a training series whose scale is zero (named), a training series
        of ``m`` values or fewer, shapes that differ, non-numeric, NaN or
        infinite values.

    Examples
    --------
    >>> from skrnn.metrics import rmsse
    >>> y_train = [1.0, 2.0, 4.0, 7.0]  # mean squared difference (1 + 4 + 9) / 3
    >>> rmsse([8.0, 10.0], [7.0, 7.0], y_train)  # sqrt(((1 + 9) / 2) / (14 / 3))
    1.0350983390135313
    """
    return _scaled_error("rmsse", y_true, y_pred, y_train, m, per_series)


@metric_docstring
def relative_score(
    y_true: ArrayLike,
    y_pred: ArrayLike,
    y_baseline: ArrayLike,
    y_train: Any = None,
    *,
    metric: str = "mase",
    m: int = 1,
    per_series: bool = False,
) -> float | np.ndarray:
    """A forecast's score divided by a baseline forecast's score.

    Below 1 the forecast beats the baseline. For a panel the ratio is taken
    of the means over series (as M4 relates a method to Naive2); with
    ``per_series=True`` it is taken series by series.

    Parameters
    ----------
    %(y_true)s
    %(y_pred)s
    y_baseline : array-like, dict, DataFrame or pandas Series
        Baseline forecasts (e.g. naive), of the shape of ``y_true``;
        matched to a keyed ``y_true`` by id.
    y_train : array-like, list or dict, default=None
        Training series (see :func:`mase`); needed for ``"mase"`` and
        ``"rmsse"``.
    metric : {"mase", "smape", "rmsse", "mae"}, default="mase"
        The score to relate.
    m : int, default=1
        Seasonal period of the MASE / RMSSE scale.
    %(per_series)s

    Returns
    -------
    ratio : float or ndarray of shape (n_series,)

    Raises
    ------
    ValueError
        If the baseline's score is zero (an exact baseline forecast; with
        ``per_series=True`` the series are named), for an unknown ``metric``,
        a missing ``y_train``, or bad forecasts (see :func:`mase`).

    Examples
    --------
    >>> from skrnn.metrics import relative_score
    >>> y_train = [1.0, 2.0, 4.0, 7.0]
    >>> naive = [7.0, 7.0]  # the last training value repeated
    >>> relative_score([8.0, 10.0], [9.0, 9.0], naive, y_train)  # MAE 1 / MAE 2
    0.5
    >>> relative_score([8.0, 10.0], [9.0, 9.0], naive, metric="mae")
    0.5
    """
    if metric not in _METRICS:
        raise ValueError(f"metric must be one of {list(_METRICS)}, got {metric!r}.")
    m = check_m(m)
    true, pred, ids, keyed = forecast_pair(y_true, y_pred)
    _, base, _, _ = forecast_pair(y_true, y_baseline, pred_name="y_baseline")
    train = None
    if metric in _SCALED:
        if y_train is None:
            raise ValueError(
                f"metric={metric!r} needs y_train, the training series of its "
                "scale; got None."
            )
        train = train_series(y_train, ids, keyed, m)
    scores = _per_series(metric, true, pred, train, m, ids)
    baseline = _per_series(metric, true, base, train, m, ids)
    return _ratio(scores, baseline, ids, metric, per_series)


def _ratio(
    scores: np.ndarray, baseline: np.ndarray, ids: list, metric: str, per_series: bool
) -> float | np.ndarray:
    if per_series:
        zero = baseline == 0
        if zero.any():
            raise ValueError(
                f"the baseline's {metric} is zero for the series "
                f"{shown_ids([k for k, z in zip(ids, zero, strict=True) if z])}: its "
                "forecast is exact there, so the ratio is undefined. Leave these "
                "series out or use per_series=False."
            )
        return scores / baseline
    if baseline.mean() == 0:
        raise ValueError(
            f"the baseline's {metric} is zero (its forecast is exact), so the "
            "ratio is undefined."
        )
    return float(scores.mean() / baseline.mean())


@metric_docstring
def owa(
    y_true: ArrayLike,
    y_pred: ArrayLike,
    y_train: Any,
    y_naive2: ArrayLike,
    *,
    m: int = 1,
) -> float:
    """Overall weighted average of M4: sMAPE and MASE relative to Naive2.

    ``(sMAPE / sMAPE_naive2 + MASE / MASE_naive2) / 2``, where each score is
    the mean over the series (so a panel's OWA is not a mean of per-series
    OWAs). Naive2 is the naive forecast of the seasonally adjusted series (for
    periods of 1, e.g. M4's weekly data, the last value repeated).

    Parameters
    ----------
    %(y_true)s
    %(y_pred)s
    %(y_train)s
    y_naive2 : array-like, dict, DataFrame or pandas Series
        Naive2 (or any baseline) forecasts, of the shape of ``y_true``;
        matched to a keyed ``y_true`` by id.
    m : int, default=1
        Seasonal period of the MASE scale.

    Returns
    -------
    owa : float
        1 for the baseline itself; below 1 beats it.

    Raises
    ------
    ValueError
        If the baseline's mean sMAPE or MASE is zero, or as :func:`mase`.

    Examples
    --------
    >>> from skrnn.metrics import owa
    >>> y_train = [1.0, 2.0, 4.0, 7.0]
    >>> y_true, naive = [8.0, 10.0], [7.0, 7.0]
    >>> owa(y_true, naive, y_train, naive)
    1.0
    >>> y_pred = [9.0, 9.0]  # sMAPE 11.146 against 24.314, MASE 0.5 against 1
    >>> round(owa(y_true, y_pred, y_train, naive), 4)
    0.4792
    """
    m = check_m(m)
    true, pred, ids, keyed = forecast_pair(y_true, y_pred)
    _, base, _, _ = forecast_pair(y_true, y_naive2, pred_name="y_naive2")
    train = train_series(y_train, ids, keyed, m)
    ratios = [
        _ratio(
            _per_series(metric, true, pred, train, m, ids),
            _per_series(metric, true, base, train, m, ids),
            ids,
            metric,
            per_series=False,
        )
        for metric in ("smape", "mase")
    ]
    return float(np.mean(ratios))


@metric_docstring
def forecast_scores(
    y_true: ArrayLike,
    y_pred: ArrayLike,
    y_train: Any,
    *,
    m: int = 1,
    ids: Sequence | None = None,
) -> pd.DataFrame:
    """sMAPE, MASE, RMSSE and MAE of every series of a panel, in a table.

    Parameters
    ----------
    %(y_true)s
    %(y_pred)s
    %(y_train)s
    m : int, default=1
        Seasonal period of the MASE and RMSSE scales.
    ids : sequence, default=None
        Series ids for the index when ``y_true`` and ``y_pred`` are arrays
        (``None``: ``0 ... n_series-1``). Dicts (and DataFrames) bring their
        own ids: their keys (index).

    Returns
    -------
    scores : pandas.DataFrame of shape (n_series, 4)
        Indexed by series id (index name ``"series"``), columns ``"smape"``,
        ``"mase"``, ``"rmsse"``, ``"mae"``. Its column means are the panel
        scores of :func:`smape`, :func:`mase` and :func:`rmsse`.

    Raises
    ------
    ValueError
        As :func:`mase`, or for ``ids`` of the wrong length.

    Examples
    --------
    >>> from skrnn.metrics import forecast_scores
    >>> table = forecast_scores(
    ...     {"a": [8.0, 10.0], "b": [2.0, 2.0]},
    ...     {"a": [7.0, 7.0], "b": [2.0, 3.0]},
    ...     {"a": [1.0, 2.0, 4.0, 7.0], "b": [1.0, 3.0, 1.0]},
    ... )
    >>> table.round(3)  # doctest: +NORMALIZE_WHITESPACE
             smape  mase  rmsse  mae
    series
    a       24.314  1.00  1.035  2.0
    b       20.000  0.25  0.354  0.5
    >>> table.mean().round(3).tolist()
    [22.157, 0.625, 0.694, 1.25]
    """
    true, pred, ids, train, m = _with_training(y_true, y_pred, y_train, m, ids)
    columns = {
        metric: _per_series(metric, true, pred, train, m, ids) for metric in _METRICS
    }
    return pd.DataFrame(columns, index=pd.Index(ids, name="series"))
