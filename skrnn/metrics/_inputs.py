"""Checks and conversions of the inputs of the forecast metrics and scorers.

Shared by :mod:`skrnn.metrics._forecast` and :mod:`skrnn.metrics._scorers`:
forecasts as aligned ``(n_series, horizon)`` rows with their series ids
(:func:`forecast_pair`), one training series per id (:func:`train_series`),
the seasonal period (:func:`check_m`) and the in-sample scales of MASE and
RMSSE (:func:`seasonal_scales`, :func:`zero_scale_error`).
"""

from __future__ import annotations

import numbers
from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np
import pandas as pd

from skrnn.panel import shown_ids

__all__ = [
    "check_m",
    "forecast_pair",
    "seasonal_scales",
    "split_by_series",
    "train_series",
    "zero_scale_error",
]


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


def split_by_series(y: Any, name: str) -> dict | None:
    """A pandas Series (or one-column DataFrame) indexed by (series id, time),
    as :meth:`skrnn.WindowForecaster.predict` returns for a panel, split into
    ``{id: values indexed by time}`` in the order of the ids; None for any
    other input. A missing series id or a repeated (series id, time) pair
    raises a ``ValueError`` naming ``name``.

    Examples
    --------
    >>> import pandas as pd
    >>> index = pd.MultiIndex.from_tuples([("a", 1), ("a", 2), ("b", 1)])
    >>> {k: v.tolist() for k, v in split_by_series(
    ...     pd.Series([1.0, 2.0, 3.0], index=index), "y_true").items()}
    {'a': [1.0, 2.0], 'b': [3.0]}
    """
    if not isinstance(y, (pd.Series, pd.DataFrame)) or y.index.nlevels != 2:
        return None
    if isinstance(y, pd.DataFrame):
        if y.shape[1] != 1:
            raise ValueError(
                f"{name} has a (series id, time) MultiIndex and {y.shape[1]} "
                f"columns {list(y.columns)[:20]!r}; expected one column of values: "
                "select it."
            )
        y = y.iloc[:, 0]
    ids = y.index.get_level_values(0)
    missing = ids.isna()
    if missing.any():
        raise ValueError(
            f"{name} has a missing series id (NaN) in the first level of its "
            f"(series id, time) index, at row {int(np.flatnonzero(missing)[0])}; "
            "every row needs a series id."
        )
    repeated = y.index.duplicated()
    if repeated.any():
        key, time = y.index[repeated][0]
        raise ValueError(
            f"{name} holds time step {time} of series {key!r} more than once; "
            "each time step of a series must appear once in its (series id, "
            "time) index."
        )
    return {key: rows.droplevel(0) for key, rows in y.groupby(ids, sort=False)}


def _check_same_steps(true: Mapping, pred: Mapping, pred_name: str) -> None:
    """Raise unless each series of ``true`` and ``pred`` (split by
    :func:`split_by_series`) has the same time steps."""
    for key, rows in true.items():
        if not rows.index.equals(pred[key].index):
            raise ValueError(
                f"y_true and {pred_name} must hold the same time steps of each "
                f"series; series {key!r} has {list(rows.index)[:5]} ... in y_true "
                f"and {list(pred[key].index)[:5]} ... in {pred_name}."
            )


def _forecast_rows(y: Any, name: str) -> tuple[np.ndarray, list | None, tuple]:
    """Forecasts as ``(n_series, horizon)``, their ids (dict keys, DataFrame
    index, else None) and the shape as given; a (series id, time) Series
    comes split by :func:`split_by_series`, as a dict."""
    if isinstance(y, Mapping):
        if not y:
            raise ValueError(f"{name} is an empty dict; expected at least one series.")
        rows = [_vector(v, f"{name}[{k!r}]") for k, v in y.items()]
        keys = list(y)
        other = next((i for i, r in enumerate(rows) if len(r) != len(rows[0])), None)
        if other is not None:
            raise ValueError(
                f"the series of {name} must all have the same number of steps "
                f"(horizon); series {keys[0]!r} has {len(rows[0])} and series "
                f"{keys[other]!r} has {len(rows[other])}. Score series of "
                "different horizons in separate calls."
            )
        arr = np.stack(rows)
        return arr, keys, arr.shape
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


def forecast_pair(
    y_true: Any, y_pred: Any, ids: Sequence | None = None, *, pred_name="y_pred"
) -> tuple[np.ndarray, np.ndarray, list, bool]:
    """``y_true`` and ``y_pred`` as ``(n_series, horizon)``, aligned by id when
    both are keyed; the ids; whether the input was keyed (dict, DataFrame, or
    a pandas Series or DataFrame indexed by (series id, time))."""
    true_split = split_by_series(y_true, "y_true")
    pred_split = split_by_series(y_pred, pred_name)
    true, true_ids, true_shape = _forecast_rows(
        y_true if true_split is None else true_split, "y_true"
    )
    pred, pred_ids, pred_shape = _forecast_rows(
        y_pred if pred_split is None else pred_split, pred_name
    )
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
        if true_split is not None and pred_split is not None:
            _check_same_steps(true_split, pred_split, pred_name)
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


def train_series(
    y_train: Any, ids: list, keyed: bool, m: int, name: str = "y_train"
) -> list[np.ndarray]:
    """One finite 1-D training series per id, each longer than ``m``."""
    n_series = len(ids)
    split = split_by_series(y_train, name)
    y_train = y_train if split is None else split
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


def check_m(m: Any) -> int:
    """The seasonal period ``m`` as a positive int, or a named error."""
    from skrnn._validation import check_positive_int

    return check_positive_int(m, "m")


def zero_scale_error(metric: str, where: str, m: int, power: int, fix: str):
    """The ``ValueError`` of a zero in-sample scale of ``metric`` in ``where``."""
    kind = "absolute" if power == 1 else "squared"
    return ValueError(
        f"{metric} is undefined for {where}: the in-sample mean {kind} difference "
        f"at lag m={m} is zero (the values do not change at lag m), so the scale "
        f"is zero. {fix}"
    )


def seasonal_scales(
    series: list[np.ndarray], m: int, power: int, ids: list, metric: str
):
    """In-sample mean |y_t - y_{t-m}| ** power of each training series."""
    scales = np.array([np.mean(np.abs(s[m:] - s[:-m]) ** power) for s in series])
    zero = scales == 0
    if zero.any():
        raise zero_scale_error(
            metric,
            f"the series {shown_ids([k for k, z in zip(ids, zero, strict=True) if z])}"
            " of y_train",
            m,
            power,
            "Leave these series out, or score them with smape or mean_absolute_error.",
        )
    return scales
