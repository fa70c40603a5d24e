"""Forecast metrics: per-horizon errors and the scaled errors of the field.

Two families live here; for plain one-step errors use :mod:`sklearn.metrics`
directly (``mean_absolute_error``, ``mean_squared_error``, ...).

- Per-horizon errors of window targets: :func:`per_horizon_mae`,
  :func:`last_time_step_mse`, :func:`last_time_step_mae`.
- The metrics of forecasting competitions, for one series or a panel:
  :func:`smape` (M4), :func:`mase` (M4), :func:`rmsse` (M5),
  :func:`relative_score`, :func:`owa` (M4) and the per-series table
  :func:`forecast_scores`; and scikit-learn scorers for model selection on
  windows: :data:`smape_scorer`, :func:`mase_scorer`, :func:`rmsse_scorer`.

This module does not import TensorFlow or Keras; the Keras counterpart of
:func:`last_time_step_mse` is ``skrnn.models._keras_metrics.LastTimeStepMSE``.

Shapes (see the data-shape summary in the package documentation):

- direct h-ahead targets: ``(n_windows, horizon)`` or
  ``(n_windows, horizon, n_targets)``;
- seq2seq targets: ``(n_windows, window_length, horizon)`` where
  ``Y[i, t, k]`` is the value ``k + 1`` steps after time step ``t`` of window
  ``i``; the last time step ``Y[:, -1, :]`` is the forecast from the end of the
  window;
- forecasts scored by the competition metrics: ``(horizon,)`` for one series,
  ``(n_series, horizon)`` for a panel (or a dict ``{id: (horizon,)}``); their
  training series ``y_train``: ``(n_train,)`` for one series, a list or dict of
  1-D series of any lengths, or a 2-D array ``(n_series, n_train)`` for a panel.

Conventions of the competition metrics:

- a panel score is the mean over series of the per-series scores (as M4
  computes sMAPE and MASE);
- sMAPE counts a step where both the value and the forecast are 0 as a
  perfect forecast (error 0), not as 0/0;
- MASE and RMSSE raise a ``ValueError`` naming the series whose in-sample
  scale is zero (a training series that does not change at lag ``m``);
- NaN or infinite values raise a ``ValueError`` naming the parameter and the
  series.
"""

from __future__ import annotations

import numbers
from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np
import pandas as pd
from numpy.typing import ArrayLike
from sklearn.metrics import make_scorer, mean_absolute_error, mean_squared_error

from skrnn.panel import shown_ids

__all__ = [
    "forecast_scores",
    "last_time_step_mae",
    "last_time_step_mse",
    "mase",
    "mase_scorer",
    "owa",
    "per_horizon_mae",
    "relative_score",
    "rmsse",
    "rmsse_scorer",
    "smape",
    "smape_scorer",
]


def _as_array(y: ArrayLike, name: str) -> np.ndarray:
    arr = np.asarray(y)
    if arr.dtype.kind not in "biuf":
        raise ValueError(f"{name} must hold numbers, got dtype {arr.dtype}.")
    return arr


def _last_time_step(
    y_true: ArrayLike, y_pred: ArrayLike
) -> tuple[np.ndarray, np.ndarray]:
    """Return the last time step of seq2seq targets, each of shape (n, horizon)."""
    y_true = _as_array(y_true, "y_true")
    y_pred = _as_array(y_pred, "y_pred")
    if y_true.ndim != 3:
        raise ValueError(
            "y_true must be 3-D seq2seq targets of shape "
            f"(n_windows, window_length, horizon), got shape {y_true.shape}."
        )
    n_windows, _, horizon = y_true.shape
    if y_pred.ndim == 3 and y_pred.shape == y_true.shape:
        return y_true[:, -1], y_pred[:, -1]
    if y_pred.ndim == 2 and y_pred.shape == (n_windows, horizon):
        return y_true[:, -1], y_pred
    raise ValueError(
        f"y_pred must have the shape of y_true {y_true.shape} or the shape of "
        f"its last time step {(n_windows, horizon)}, got shape {y_pred.shape}."
    )


def per_horizon_mae(
    y_true: ArrayLike,
    y_pred: ArrayLike,
    *,
    seq2seq: bool = False,
    multioutput: str | ArrayLike = "raw_values",
) -> np.ndarray | float:
    """Mean absolute error of a multi-step forecast at each step ahead.

    Parameters
    ----------
    y_true : array-like of shape (n_windows, horizon) or \
(n_windows, horizon, n_targets)
        True values of a direct h-ahead target; ``y_true[:, k]`` is ``k + 1``
        steps ahead. A 1-D array ``(n_windows,)`` counts as ``horizon=1``.
        With ``seq2seq=True``: seq2seq targets of shape
        ``(n_windows, window_length, horizon)``, of which only the last time
        step ``y_true[:, -1]`` is scored.
    y_pred : array-like
        Predictions, of the same shape as ``y_true``. With ``seq2seq=True``
        either the same 3-D shape as ``y_true`` (only ``y_pred[:, -1]`` is
        used) or the last time step alone, ``(n_windows, horizon)``.
    seq2seq : bool, default=False
        Whether 3-D arrays are seq2seq targets rather than direct targets with
        several target columns (the two cannot be told apart from the shape).
    multioutput : {"raw_values", "uniform_average"} or array-like of shape \
(horizon,), default="raw_values"
        How to combine the steps ahead, as in
        :func:`sklearn.metrics.mean_absolute_error`: ``"raw_values"`` returns
        one error per step, ``"uniform_average"`` their mean, an array of
        weights their weighted mean.

    Returns
    -------
    mae : ndarray of shape (horizon,) or float
        Per step ahead, the mean absolute error over windows (and over targets
        for 3-D direct targets). A float when ``multioutput`` is not
        ``"raw_values"``.

    Examples
    --------
    >>> import numpy as np
    >>> from skrnn.metrics import per_horizon_mae
    >>> y_true = np.array([[1.0, 2.0, 3.0], [2.0, 4.0, 6.0]])
    >>> y_pred = np.array([[1.0, 3.0, 5.0], [2.0, 3.0, 3.0]])
    >>> per_horizon_mae(y_true, y_pred)
    array([0. , 1. , 2.5])
    >>> float(per_horizon_mae(y_true, y_pred, multioutput="uniform_average"))
    1.1666666666666667

    Seq2seq targets ``(n_windows, window_length, horizon)`` are scored on their
    last time step:

    >>> Y = np.arange(12.0).reshape(2, 3, 2)
    >>> per_horizon_mae(Y, Y[:, -1] + [1.0, -2.0], seq2seq=True)
    array([1., 2.])
    """
    if seq2seq:
        y_true, y_pred = _last_time_step(y_true, y_pred)
    else:
        y_true = _as_array(y_true, "y_true")
        y_pred = _as_array(y_pred, "y_pred")
        if y_true.ndim not in (1, 2, 3):
            raise ValueError(
                "y_true must have shape (n_windows, horizon) or "
                "(n_windows, horizon, n_targets), got shape "
                f"{y_true.shape}."
            )
        if y_pred.shape != y_true.shape:
            raise ValueError(
                "y_true and y_pred must have the same shape, got y_true "
                f"{y_true.shape} and y_pred {y_pred.shape}."
            )
        if y_true.ndim == 1:
            y_true, y_pred = y_true[:, np.newaxis], y_pred[:, np.newaxis]
        elif y_true.ndim == 3:
            # (n, horizon, n_targets) -> (n * n_targets, horizon): the MAE of a
            # column is then the mean over targets of the per-target MAE.
            horizon = y_true.shape[1]
            y_true = np.moveaxis(y_true, 2, 1).reshape(-1, horizon)
            y_pred = np.moveaxis(y_pred, 2, 1).reshape(-1, horizon)
    return mean_absolute_error(y_true, y_pred, multioutput=multioutput)


def last_time_step_mse(y_true: ArrayLike, y_pred: ArrayLike) -> float:
    """Mean squared error of the last time step of seq2seq targets.

    Parameters
    ----------
    y_true : array-like of shape (n_windows, window_length, horizon)
        Seq2seq targets; only ``y_true[:, -1]`` is scored.
    y_pred : array-like of shape (n_windows, window_length, horizon) or \
(n_windows, horizon)
        Seq2seq predictions (only ``y_pred[:, -1]`` is used), or the last time
        step alone.

    Returns
    -------
    mse : float
        Mean of the squared errors over windows and steps ahead.

    Examples
    --------
    >>> import numpy as np
    >>> from skrnn.metrics import last_time_step_mse
    >>> Y = np.zeros((2, 4, 3))
    >>> Y_pred = Y.copy()
    >>> Y_pred[:, -1] = 2.0
    >>> Y_pred[:, 0] = 100.0  # earlier time steps are not scored
    >>> float(last_time_step_mse(Y, Y_pred))
    4.0
    >>> float(last_time_step_mse(Y, Y_pred[:, -1]))
    4.0
    """
    y_true, y_pred = _last_time_step(y_true, y_pred)
    return mean_squared_error(y_true, y_pred)


def last_time_step_mae(y_true: ArrayLike, y_pred: ArrayLike) -> float:
    """Mean absolute error of the last time step of seq2seq targets.

    Parameters
    ----------
    y_true : array-like of shape (n_windows, window_length, horizon)
        Seq2seq targets; only ``y_true[:, -1]`` is scored.
    y_pred : array-like of shape (n_windows, window_length, horizon) or \
(n_windows, horizon)
        Seq2seq predictions (only ``y_pred[:, -1]`` is used), or the last time
        step alone.

    Returns
    -------
    mae : float
        Mean of the absolute errors over windows and steps ahead.

    Examples
    --------
    >>> import numpy as np
    >>> from skrnn.metrics import last_time_step_mae
    >>> Y = np.zeros((2, 4, 3))
    >>> float(last_time_step_mae(Y, np.full((2, 3), -0.5)))
    0.5
    """
    y_true, y_pred = _last_time_step(y_true, y_pred)
    return mean_absolute_error(y_true, y_pred)


# --------------------------------------------------------------------------- #
# Metrics of forecasting competitions: sMAPE, MASE, RMSSE, relative scores, OWA
# --------------------------------------------------------------------------- #

_METRICS = ("smape", "mase", "rmsse", "mae")
_SCALED = ("mase", "rmsse")


def _numbers(values: Any, name: str) -> np.ndarray:
    """``values`` as a float64 array; non-numeric or ragged input is named."""
    try:
        arr = np.asarray(values)
    except ValueError as exc:
        raise ValueError(
            f"{name} must be an array of numbers of shape (horizon,) or "
            f"(n_series, horizon); got rows of different lengths ({exc})."
        ) from None
    if arr.dtype.kind not in "biuf":
        raise ValueError(f"{name} must hold numbers, got dtype {arr.dtype}.")
    return arr.astype(np.float64, copy=False)


def _check_finite(arr: np.ndarray, name: str, ids: list) -> None:
    """Raise naming the series and position of the first NaN or inf of ``arr``."""
    bad = ~np.isfinite(arr)
    if bad.any():
        row, col = (int(i) for i in np.argwhere(bad)[0])
        raise ValueError(
            f"{name} must hold finite numbers, got {arr[row, col]} in series "
            f"{ids[row]!r} at position {col}."
        )


def _vector(values: Any, name: str) -> np.ndarray:
    """One series as a finite 1-D float64 array."""
    if isinstance(values, (pd.Series, pd.DataFrame)):
        values = values.to_numpy()
    arr = _numbers(values, name)
    if arr.ndim != 1:
        raise ValueError(
            f"{name} must be one series of shape (n_timesteps,), got shape {arr.shape}."
        )
    bad = ~np.isfinite(arr)
    if bad.any():
        position = int(np.flatnonzero(bad)[0])
        raise ValueError(
            f"{name} must hold finite numbers, got {arr[position]} at position "
            f"{position}."
        )
    return arr


def _forecast_rows(y: Any, name: str) -> tuple[np.ndarray, list | None, tuple]:
    """Forecasts as ``(n_series, horizon)``, their ids (dict keys, DataFrame
    index, else None) and the shape as given."""
    if isinstance(y, Mapping):
        if not y:
            raise ValueError(f"{name} is an empty dict; expected at least one series.")
        rows = [_vector(v, f"{name}[{k!r}]") for k, v in y.items()]
        lengths = sorted({len(r) for r in rows})
        if len(lengths) > 1:
            raise ValueError(
                f"the series of {name} must all have the same horizon, got "
                f"lengths {lengths}."
            )
        arr = np.stack(rows)
        return arr, list(y), (len(rows), lengths[0])
    ids = None
    if isinstance(y, pd.DataFrame):
        ids = list(y.index)
        if len(set(ids)) != len(ids):
            raise ValueError(f"{name} has duplicated series ids in its index.")
        y = y.to_numpy()
    arr = _numbers(y, name)
    shape = arr.shape
    if arr.ndim == 1:
        arr = arr[np.newaxis]
    elif arr.ndim != 2:
        raise ValueError(
            f"{name} must have shape (horizon,) for one series or "
            f"(n_series, horizon) for a panel, got shape {shape}."
        )
    if arr.size == 0:
        raise ValueError(
            f"{name} is empty (shape {shape}); expected at least one forecast step."
        )
    _check_finite(arr, name, ids or list(range(arr.shape[0])))
    return arr, ids, shape


def _forecast_pair(
    y_true: Any, y_pred: Any, ids: Sequence | None = None, *, pred_name="y_pred"
) -> tuple[np.ndarray, np.ndarray, list, bool]:
    """``y_true`` and ``y_pred`` as ``(n_series, horizon)``, aligned by id when
    both are keyed; the ids; whether the input was keyed (dict/DataFrame)."""
    true, true_ids, true_shape = _forecast_rows(y_true, "y_true")
    pred, pred_ids, pred_shape = _forecast_rows(y_pred, pred_name)
    if true_ids is not None and pred_ids is not None:
        if set(true_ids) != set(pred_ids):
            missing = [k for k in true_ids if k not in set(pred_ids)]
            extra = [k for k in pred_ids if k not in set(true_ids)]
            raise ValueError(
                f"y_true and {pred_name} must have the same series ids; missing "
                f"from {pred_name}: {shown_ids(missing)}, not in y_true: "
                f"{shown_ids(extra)}."
            )
        position = {key: i for i, key in enumerate(pred_ids)}
        pred = pred[[position[key] for key in true_ids]]
    if true.shape != pred.shape:
        raise ValueError(
            f"y_true and {pred_name} must have the same shape, got y_true "
            f"{true_shape} and {pred_name} {pred_shape}."
        )
    keyed = true_ids is not None or pred_ids is not None
    found = true_ids if true_ids is not None else pred_ids
    if ids is not None:
        if found is not None:
            raise ValueError(
                "ids names the rows of arrays; y_true or y_pred is a dict or "
                "DataFrame with its own series ids, so leave ids=None."
            )
        ids = list(ids)
        if len(ids) != true.shape[0]:
            raise ValueError(
                f"ids must have one id per series, {true.shape[0]}, got {len(ids)}."
            )
        if len(set(ids)) != len(ids):
            raise ValueError("ids must be unique, got duplicated ids.")
    else:
        ids = found if found is not None else list(range(true.shape[0]))
    return true, pred, ids, keyed


def _is_scalar(value: Any) -> bool:
    return isinstance(value, numbers.Number) or (
        isinstance(value, np.generic) and value.ndim == 0
    )


def _train_series(
    y_train: Any, ids: list, keyed: bool, m: int, name: str = "y_train"
) -> list[np.ndarray]:
    """One finite 1-D training series per id, each longer than ``m``."""
    n_series = len(ids)
    if isinstance(y_train, Mapping):
        if keyed:
            missing = [k for k in ids if k not in y_train]
            if missing:
                raise ValueError(
                    f"{name} has no series for the ids {shown_ids(missing)} of y_true."
                )
            values = [y_train[k] for k in ids]
        else:
            values = list(y_train.values())
    elif isinstance(y_train, pd.DataFrame):
        raise TypeError(
            f"{name} as a DataFrame is ambiguous; pass one series (1-D), a list or "
            "dict of 1-D series (read_wide_panel gives a dict), or a 2-D array "
            "(n_series, n_train)."
        )
    elif isinstance(y_train, pd.Series):
        values = [y_train]
    elif isinstance(y_train, (list, tuple)) and not all(_is_scalar(v) for v in y_train):
        values = list(y_train)
    else:
        arr = _numbers(y_train, name)
        if arr.ndim not in (1, 2):
            raise ValueError(
                f"{name} must be one series (n_train,), a list or dict of 1-D "
                f"series, or a 2-D array (n_series, n_train); got shape {arr.shape}."
            )
        values = [arr] if arr.ndim == 1 else list(arr)
    if len(values) != n_series:
        raise ValueError(
            f"{name} must have one training series per forecast series: y_true "
            f"has {n_series} series, {name} has {len(values)}."
        )
    items = zip(ids, values, strict=True)
    series = []
    for key, values in items:
        arr = _vector(values, f"{name}[{key!r}]")
        if arr.shape[0] <= m:
            raise ValueError(
                f"{name}[{key!r}] has {arr.shape[0]} values; the in-sample scale at "
                f"lag m={m} needs at least m + 1 = {m + 1}."
            )
        series.append(arr)
    return series


def _check_m(m: Any) -> int:
    from skrnn._validation import check_positive_int

    return check_positive_int(m, "m")


def _zero_scale_error(metric: str, where: str, m: int, power: int, fix: str):
    kind = "absolute" if power == 1 else "squared"
    return ValueError(
        f"{metric} is undefined for {where}: the in-sample mean {kind} difference "
        f"at lag m={m} is zero (the values do not change at lag m), so the scale "
        f"is zero. {fix}"
    )


def _scales(series: list[np.ndarray], m: int, power: int, ids: list, metric: str):
    """In-sample mean |y_t - y_{t-m}| ** power of each training series."""
    scales = np.array([np.mean(np.abs(s[m:] - s[:-m]) ** power) for s in series])
    zero = scales == 0
    if zero.any():
        raise _zero_scale_error(
            metric,
            f"the series {shown_ids([k for k, z in zip(ids, zero, strict=True) if z])}"
            " of y_train",
            m,
            power,
            "Leave these series out, or score them with smape or mean_absolute_error.",
        )
    return scales


def _smape_rows(true: np.ndarray, pred: np.ndarray) -> np.ndarray:
    """Per-series sMAPE (percent); a step with value and forecast both 0 is 0."""
    denominator = np.abs(true) + np.abs(pred)
    terms = np.divide(
        200.0 * np.abs(true - pred),
        denominator,
        out=np.zeros_like(denominator),
        where=denominator > 0,
    )
    return terms.mean(axis=1)


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
        return mae / _scales(train, m, 1, ids, "MASE")
    mse = mean_squared_error(true.T, pred.T, multioutput="raw_values")
    return np.sqrt(mse / _scales(train, m, 2, ids, "RMSSE"))


def _result(values: np.ndarray, per_series: bool) -> float | np.ndarray:
    return values if per_series else float(values.mean())


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
    y_true : array-like of shape (horizon,) or (n_series, horizon), or dict
        Actual values of one series, or of a panel (rows are series); a dict
        maps series ids to 1-D arrays of one common length.
    y_pred : array-like or dict
        Forecasts, of the shape of ``y_true``; dicts are matched to a dict
        ``y_true`` by id.
    per_series : bool, default=False
        Return one value per series instead of their mean.

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
    true, pred, _, _ = _forecast_pair(y_true, y_pred)
    return _result(_smape_rows(true, pred), per_series)


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
    y_true : array-like of shape (horizon,) or (n_series, horizon), or dict
        Actual values of one series, or of a panel (rows are series).
    y_pred : array-like or dict
        Forecasts, of the shape of ``y_true``.
    y_train : array-like of shape (n_train,), list or dict of 1-D arrays, or \
array-like of shape (n_series, n_train)
        The training (in-sample) series, one per series of ``y_true``, in the
        same order (by id when ``y_true`` and ``y_train`` are dicts). Lengths
        may differ between series; each needs more than ``m`` values.
    m : int, default=1
        Seasonal period of the scale (M4: 1 yearly, 4 quarterly, 12 monthly,
        1 weekly, 1 daily, 24 hourly).
    per_series : bool, default=False
        Return one value per series instead of their mean.

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
    m = _check_m(m)
    true, pred, ids, keyed = _forecast_pair(y_true, y_pred)
    train = _train_series(y_train, ids, keyed, m)
    return _result(_per_series("mase", true, pred, train, m, ids), per_series)


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
    y_true : array-like of shape (horizon,) or (n_series, horizon), or dict
        Actual values of one series, or of a panel (rows are series).
    y_pred : array-like or dict
        Forecasts, of the shape of ``y_true``.
    y_train : array-like of shape (n_train,), list or dict of 1-D arrays, or \
array-like of shape (n_series, n_train)
        The training series, one per series of ``y_true`` (see :func:`mase`).
    m : int, default=1
        Lag of the differences of the scale (M5: 1).
    per_series : bool, default=False
        Return one value per series instead of their mean.

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
    m = _check_m(m)
    true, pred, ids, keyed = _forecast_pair(y_true, y_pred)
    train = _train_series(y_train, ids, keyed, m)
    return _result(_per_series("rmsse", true, pred, train, m, ids), per_series)


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
    y_true : array-like of shape (horizon,) or (n_series, horizon), or dict
        Actual values of one series, or of a panel (rows are series).
    y_pred : array-like or dict
        Forecasts to score, of the shape of ``y_true``.
    y_baseline : array-like or dict
        Baseline forecasts (e.g. naive), of the shape of ``y_true``.
    y_train : array-like, list or dict, default=None
        Training series (see :func:`mase`); needed for ``"mase"`` and
        ``"rmsse"``.
    metric : {"mase", "smape", "rmsse", "mae"}, default="mase"
        The score to relate.
    m : int, default=1
        Seasonal period of the MASE / RMSSE scale.
    per_series : bool, default=False
        Return one ratio per series.

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
    m = _check_m(m)
    true, pred, ids, keyed = _forecast_pair(y_true, y_pred)
    _, base, _, _ = _forecast_pair(y_true, y_baseline, pred_name="y_baseline")
    train = None
    if metric in _SCALED:
        if y_train is None:
            raise ValueError(
                f"metric={metric!r} needs y_train, the training series of its "
                "scale; got None."
            )
        train = _train_series(y_train, ids, keyed, m)
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
    y_true : array-like of shape (horizon,) or (n_series, horizon), or dict
        Actual values of one series, or of a panel (rows are series).
    y_pred : array-like or dict
        Forecasts to score, of the shape of ``y_true``.
    y_train : array-like, list or dict
        Training series, one per series (see :func:`mase`).
    y_naive2 : array-like or dict
        Naive2 (or any baseline) forecasts, of the shape of ``y_true``.
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
    m = _check_m(m)
    true, pred, ids, keyed = _forecast_pair(y_true, y_pred)
    _, base, _, _ = _forecast_pair(y_true, y_naive2, pred_name="y_naive2")
    train = _train_series(y_train, ids, keyed, m)
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
    y_true : array-like of shape (horizon,) or (n_series, horizon), or dict
        Actual values of one series, or of a panel (rows are series).
    y_pred : array-like or dict
        Forecasts, of the shape of ``y_true``.
    y_train : array-like, list or dict
        Training series, one per series (see :func:`mase`).
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
    m = _check_m(m)
    true, pred, ids, keyed = _forecast_pair(y_true, y_pred, ids)
    train = _train_series(y_train, ids, keyed, m)
    columns = {
        metric: _per_series(metric, true, pred, train, m, ids) for metric in _METRICS
    }
    return pd.DataFrame(columns, index=pd.Index(ids, name="series"))


# --------------------------------------------------------------------------- #
# Scorers for model selection on windows
# --------------------------------------------------------------------------- #

smape_scorer = make_scorer(smape, greater_is_better=False)
"""Scorer of the negated sMAPE, for ``GridSearchCV(scoring=...)``.

Made with :func:`sklearn.metrics.make_scorer` from :func:`smape`; like
scikit-learn's ``neg_*`` scorers it returns ``-smape(y, estimator.predict(X))``
so that greater is better. ``y`` of shape ``(n_windows,)`` or
``(n_windows, horizon)``.
"""

_SCALES = ("window", "fold")


class _WindowScaledScorer:
    """Scorer ``(estimator, X, y) -> -score`` of a scaled error on windows."""

    def __init__(self, metric: str, m: int, target: int | None, scale: str) -> None:
        self.metric = metric
        self.m = m
        self.target = target
        self.scale = scale

    def __repr__(self) -> str:
        return (
            f"{self.metric}_scorer(m={self.m}, target={self.target!r}, "
            f"scale={self.scale!r})"
        )

    def __call__(
        self,
        estimator: Any,
        X: ArrayLike,
        y: ArrayLike,
        sample_weight: ArrayLike | None = None,
    ) -> float:
        return -self.score(X, y, estimator.predict(X), sample_weight)

    def _target_values(self, X: ArrayLike) -> np.ndarray:
        """The target column of the windows, shape (n_windows, window_length)."""
        X = np.asarray(X)
        if X.dtype.kind not in "biuf":
            raise ValueError(f"X must hold numbers, got dtype {X.dtype}.")
        if X.ndim == 2:
            values = X
        elif X.ndim == 3:
            n_features = X.shape[2]
            target = self.target
            if target is None:
                if n_features != 1:
                    raise ValueError(
                        f"X has {n_features} features per time step; pass "
                        f"{self.metric}_scorer(target=...) the column of X that "
                        "holds the forecast series."
                    )
                target = 0
            if not -n_features <= target < n_features:
                raise ValueError(
                    f"target must be a column of X, between 0 and {n_features - 1}, "
                    f"got {target}."
                )
            values = X[:, :, target]
        else:
            raise ValueError(
                "X must be windows of shape (n_windows, window_length) or "
                f"(n_windows, window_length, n_features), got shape {X.shape}."
            )
        if values.shape[1] <= self.m:
            raise ValueError(
                f"{self.metric}_scorer(m={self.m}) needs windows longer than m to "
                f"compute the in-sample scale, got window_length {values.shape[1]}."
            )
        values = values.astype(np.float64, copy=False)
        if not np.isfinite(values).all():
            raise ValueError("X must hold finite numbers, got NaN or inf.")
        return values

    def score(
        self,
        X: ArrayLike,
        y: ArrayLike,
        y_pred: ArrayLike,
        sample_weight: ArrayLike | None = None,
    ) -> float:
        """The (positive) scaled error of ``y_pred`` against ``y`` on windows ``X``.

        Parameters
        ----------
        X : array-like of shape (n_windows, window_length) or \
(n_windows, window_length, n_features)
            The input windows the forecasts were made from.
        y : array-like of shape (n_windows,) or (n_windows, horizon)
            True targets.
        y_pred : array-like
            Forecasts, of the shape of ``y`` (or of as many values).
        sample_weight : array-like of shape (n_windows,), default=None
            Weights of the windows.

        Returns
        -------
        score : float
        """
        values = self._target_values(X)
        n_windows = values.shape[0]
        y = np.asarray(y)
        if y.dtype.kind not in "biuf":
            raise ValueError(f"y must hold numbers, got dtype {y.dtype}.")
        y = y.astype(np.float64, copy=False)
        if y.ndim == 1:
            y = y[:, np.newaxis]
        if y.ndim != 2 or y.shape[0] != n_windows:
            raise ValueError(
                f"y must have shape ({n_windows},) or ({n_windows}, horizon) for the "
                f"{n_windows} windows of X, got shape {np.shape(y)}."
            )
        y_pred = np.asarray(y_pred, dtype=np.float64)
        if y_pred.shape != y.shape:
            if y_pred.size != y.size:
                raise ValueError(
                    f"the predictions must have the shape of y {y.shape}, got shape "
                    f"{y_pred.shape}."
                )
            y_pred = y_pred.reshape(y.shape)
        for name, arr in (("y", y), ("the predictions", y_pred)):
            if not np.isfinite(arr).all():
                raise ValueError(f"{name} must hold finite numbers, got NaN or inf.")
        power = 1 if self.metric == "mase" else 2
        errors = np.mean(np.abs(y - y_pred) ** power, axis=1)
        diffs = np.abs(values[:, self.m :] - values[:, : -self.m]) ** power
        metric = self.metric.upper()
        if self.scale == "window":
            scales = diffs.mean(axis=1)
            zero = np.flatnonzero(scales == 0)
            if zero.size:
                raise _zero_scale_error(
                    metric,
                    f"the windows {shown_ids(zero.tolist())} of X (positions in the "
                    "scored fold)",
                    self.m,
                    power,
                    "Use scale='fold' to scale by all windows of the fold.",
                )
            per_window = errors / scales
            if power == 2:
                per_window = np.sqrt(per_window)
            return float(np.average(per_window, weights=sample_weight))
        fold_scale = diffs.mean()
        if fold_scale == 0:
            raise _zero_scale_error(
                metric, "this fold of X", self.m, power, "No window of X changes."
            )
        ratio = np.average(errors, weights=sample_weight) / fold_scale
        return float(np.sqrt(ratio) if power == 2 else ratio)


def _window_scorer(
    metric: str, m: int, target: int | None, scale: str
) -> _WindowScaledScorer:
    m = _check_m(m)
    if scale not in _SCALES:
        raise ValueError(f"scale must be one of {list(_SCALES)}, got {scale!r}.")
    if target is not None and (
        isinstance(target, bool) or not isinstance(target, numbers.Integral)
    ):
        raise TypeError(f"target must be an int or None, got {target!r}.")
    return _WindowScaledScorer(
        metric, m, None if target is None else int(target), scale
    )


def mase_scorer(
    m: int = 1, *, target: int | None = None, scale: str = "window"
) -> _WindowScaledScorer:
    """A scorer of the negated MASE on windows, for ``GridSearchCV(scoring=...)``.

    MASE needs the in-sample scale of each series, which a scorer of
    ``(y_true, y_pred)`` does not see; this scorer, called as
    ``scorer(estimator, X, y)``, takes it from the input windows ``X`` of the
    scored fold: the mean absolute difference at lag ``m`` of the target column
    within each window (``scale="window"``, each window standing for the
    history of its series up to the forecast, as M4 scales each series by its
    own training data), or over all windows of the fold (``scale="fold"``).
    The inputs are known when forecasting, so no future value enters the
    scale. Returns ``-MASE``, so that greater is better.

    Parameters
    ----------
    m : int, default=1
        Seasonal period of the scale; the windows need more than ``m`` steps.
    target : int, default=None
        Column of 3-D windows ``(n_windows, window_length, n_features)``
        holding the forecast series; ``None`` for one feature (2-D windows or
        ``n_features=1``).
    scale : {"window", "fold"}, default="window"
        ``"window"``: mean over windows of each window's MASE (scale-free
        across the series of a panel). ``"fold"``: the mean absolute error of
        the fold over one scale from all its windows (never zero unless the
        whole fold is constant).

    Returns
    -------
    scorer : callable
        ``scorer(estimator, X, y, sample_weight=None) -> float`` with ``X`` of
        shape ``(n_windows, window_length)`` or
        ``(n_windows, window_length, n_features)`` and ``y`` of shape
        ``(n_windows,)`` or ``(n_windows, horizon)``. Its ``score(X, y,
        y_pred)`` method gives the positive MASE of given forecasts. It raises
        a ``ValueError`` naming the windows whose scale is zero (constant at lag
        ``m``) with ``scale="window"``.

    Examples
    --------
    >>> import numpy as np
    >>> from sklearn.linear_model import Ridge
    >>> from sklearn.model_selection import GridSearchCV, TimeSeriesSplit
    >>> from skrnn import make_windows
    >>> from skrnn.metrics import mase_scorer
    >>> t = np.arange(300.0)
    >>> X, y = make_windows(np.sin(2 * np.pi * t / 7) + t / 50, 14, horizon=3)
    >>> X = X[:, :, 0]  # (n_windows, 14): Ridge takes 2-D windows
    >>> search = GridSearchCV(Ridge(), {"alpha": [0.1, 10.0]},
    ...                       cv=TimeSeriesSplit(3), scoring=mase_scorer(m=7))
    >>> search.fit(X, y).best_params_
    {'alpha': 0.1}

    The score of given forecasts: the last value of each window, repeated.

    >>> X = np.array([[1.0, 2.0, 4.0], [0.0, 2.0, 0.0]])
    >>> y = np.array([[5.0, 6.0], [1.0, 1.0]])
    >>> y_pred = np.repeat(X[:, -1:], 2, axis=1)
    >>> mase_scorer().score(X, y, y_pred)  # (1.5 / 1.5 + 1 / 2) / 2
    0.75
    """
    return _window_scorer("mase", m, target, scale)


def rmsse_scorer(
    m: int = 1, *, target: int | None = None, scale: str = "window"
) -> _WindowScaledScorer:
    """A scorer of the negated RMSSE on windows, for ``GridSearchCV(scoring=...)``.

    As :func:`mase_scorer`, with squared errors and squared differences:
    per window ``sqrt(mean (y - f)**2 / mean (x_t - x_{t-m})**2)`` over the
    horizon and over the window's target column (``scale="window"``, averaged
    over windows), or ``sqrt(mean squared error / mean squared difference)``
    over the fold (``scale="fold"``). Returns ``-RMSSE``.

    Parameters
    ----------
    m : int, default=1
        Lag of the differences of the scale; the windows need more than ``m``
        steps.
    target : int, default=None
        Column of 3-D windows holding the forecast series; ``None`` for one
        feature.
    scale : {"window", "fold"}, default="window"
        Scale each window by its own differences, or the fold by all of them.

    Returns
    -------
    scorer : callable
        ``scorer(estimator, X, y, sample_weight=None) -> float``; see
        :func:`mase_scorer`.

    Examples
    --------
    >>> import numpy as np
    >>> from skrnn.metrics import rmsse_scorer
    >>> X = np.array([[1.0, 2.0, 4.0]])  # mean squared difference (1 + 4) / 2
    >>> rmsse_scorer().score(X, [[5.0, 7.0]], [[4.0, 4.0]])  # sqrt(5 / 2.5)
    1.4142135623730951
    """
    return _window_scorer("rmsse", m, target, scale)
