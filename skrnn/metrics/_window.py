"""Per-horizon errors of window targets.

Direct h-ahead targets ``(n_windows, horizon)`` or
``(n_windows, horizon, n_targets)``, and the last time step of seq2seq
targets ``(n_windows, window_length, horizon)`` (see :mod:`skrnn.metrics`).
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
from numpy.typing import ArrayLike
from sklearn.metrics import mean_absolute_error, mean_squared_error

from skrnn._docstrings import shared_docstring

__all__ = ["last_time_step_mae", "last_time_step_mse", "per_horizon_mae"]


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


def _last_step_error(
    error: Callable[[np.ndarray, np.ndarray], float],
    y_true: ArrayLike,
    y_pred: ArrayLike,
) -> float:
    """``error(y_true, y_pred)`` of the last time step of seq2seq targets."""
    y_true, y_pred = _last_time_step(y_true, y_pred)
    return error(y_true, y_pred)


#: The sections of the last-time-step metrics, which differ only in the error.
_last_step_docstring = shared_docstring(
    last_step_sections="""\
Parameters
----------
y_true : array-like of shape (n_windows, window_length, horizon)
    Seq2seq targets; only ``y_true[:, -1]`` is scored.
y_pred : array-like of shape (n_windows, window_length, horizon) or \
(n_windows, horizon)
    Seq2seq predictions (only ``y_pred[:, -1]`` is used), or the last
    time step alone.

Returns
-------
float
    The mean of the errors over windows and steps ahead.

Examples
--------
>>> import numpy as np
>>> from skrnn.metrics import last_time_step_mae, last_time_step_mse
>>> Y = np.zeros((2, 4, 3))
>>> Y_pred = Y.copy()
>>> Y_pred[:, -1] = 2.0
>>> Y_pred[:, 0] = 100.0  # earlier time steps are not scored
>>> float(last_time_step_mse(Y, Y_pred)), float(last_time_step_mae(Y, Y_pred))
(4.0, 2.0)
>>> float(last_time_step_mse(Y, Y_pred[:, -1]))  # the last time step alone
4.0
"""
)


@_last_step_docstring
def last_time_step_mse(y_true: ArrayLike, y_pred: ArrayLike) -> float:
    """Mean squared error of the last time step of seq2seq targets.

    %(last_step_sections)s
    """
    return _last_step_error(mean_squared_error, y_true, y_pred)


@_last_step_docstring
def last_time_step_mae(y_true: ArrayLike, y_pred: ArrayLike) -> float:
    """Mean absolute error of the last time step of seq2seq targets.

    %(last_step_sections)s
    """
    return _last_step_error(mean_absolute_error, y_true, y_pred)
