"""Reversible differencing of windows and their targets (``differences``).

A window of ``window_length`` time steps is differenced inside itself: the
target column(s) go through ``z[t] - z[t - lag]`` for each lag in turn
(lag 1 removes a trend, lag ``s`` a season of length ``s``; ``(1, 7)``
composes both), which leaves ``window_length - sum(lags)`` differenced steps;
the other columns are trimmed to the same last steps. Targets become the
differences at the target time steps, computed with the window's own values
as history, and predicted differences are integrated back from that history
(a cumulative sum for lag 1, a seasonal cumulative sum for lag ``s``, the
lags undone in reverse order). Nothing reaches before the window, so no NaN
appears and every window is independent.

All functions are vectorised over windows and never modify their inputs.
"""

from __future__ import annotations

import numbers

import numpy as np


def check_differences(differences, window_length: int) -> tuple[int, ...]:
    """Validate ``differences`` against the window length.

    Parameters
    ----------
    differences : int or sequence of int
        Difference lags, applied in order; an int means one lag.
    window_length : int
        Time steps per window.

    Returns
    -------
    tuple of int
        The lags; ``sum(lags) < window_length``.
    """
    lags = (differences,) if isinstance(differences, numbers.Integral) else differences
    try:
        lags = tuple(lags)
    except TypeError:
        raise TypeError(
            f"differences must be a tuple of positive ints, got {differences!r}."
        ) from None
    if not all(
        isinstance(lag, numbers.Integral) and not isinstance(lag, bool) and lag >= 1
        for lag in lags
    ):
        raise ValueError(
            f"differences must be a tuple of positive ints, got {differences!r}."
        )
    lags = tuple(int(lag) for lag in lags)
    if lags and sum(lags) >= window_length:
        raise ValueError(
            f"differences={lags} needs sum(differences) = {sum(lags)} < "
            f"window_length = {window_length}: each difference uses up its lag of "
            "the window's time steps, and at least one differenced step must remain."
        )
    return lags


def _as_3d(X: np.ndarray) -> np.ndarray:
    return X[:, :, None] if X.ndim == 2 else X


def _diff(values: np.ndarray, lags: tuple[int, ...]) -> np.ndarray:
    """Difference along axis 1 with each lag in turn (shorter by sum(lags))."""
    for lag in lags:
        values = values[:, lag:] - values[:, :-lag]
    return values


def difference_windows(
    X: np.ndarray, columns: list[int], lags: tuple[int, ...]
) -> np.ndarray:
    """Differenced windows, ``window_length - sum(lags)`` steps long.

    Parameters
    ----------
    X : ndarray of shape (n_windows, window_length[, n_features])
        Windows.
    columns : list of int
        Target columns, differenced; the other columns are trimmed to the
        last ``window_length - sum(lags)`` steps.
    lags : tuple of int
        Difference lags, applied in order.

    Returns
    -------
    ndarray of shape (n_windows, window_length - sum(lags)[, n_features]), float32
    """
    X3 = _as_3d(X)
    steps = X3.shape[1] - sum(lags)
    out = np.array(X3[:, -steps:], dtype=np.float32)
    out[:, :, columns] = _diff(X3[:, :, columns].astype(np.float64), lags)
    return out.reshape(X.shape[0], steps, *X.shape[2:])


def _targets_3d(y: np.ndarray, layout: str) -> np.ndarray:
    """Targets as (n_windows, horizon, n_targets)."""
    if layout == "one-step":
        return y.reshape(len(y), 1, -1)
    if layout == "direct":
        return y[:, :, None] if y.ndim == 2 else y
    raise ValueError(
        "differences do not support seq2seq targets (n_windows, window_length, "
        "horizon); use window_norm for seq2seq models, or a direct layout."
    )


def _history_and_targets(
    X: np.ndarray, y: np.ndarray, columns: list[int], layout: str
) -> tuple[np.ndarray, np.ndarray]:
    """The windows' ``columns`` and the targets, float64 ``(n_windows, steps, k)``."""
    targets = _targets_3d(np.asarray(y, dtype=np.float64), layout)
    return _as_3d(X)[:, :, columns].astype(np.float64), targets


def difference_targets(
    X: np.ndarray,
    y: np.ndarray,
    columns: list[int],
    lags: tuple[int, ...],
    layout: str,
) -> np.ndarray:
    """Targets as differences, with each window's values as history.

    Parameters
    ----------
    X : ndarray of shape (n_windows, window_length[, n_features])
        Windows (undifferenced).
    y : ndarray
        One-step targets ``(n,)`` / ``(n, n_targets)`` or direct targets
        ``(n, horizon)`` / ``(n, horizon, n_targets)``, of the ``columns``.
    columns : list of int
        Window columns the targets measure.
    lags : tuple of int
        Difference lags, applied in order.
    layout : {"one-step", "direct"}
        Target layout.

    Returns
    -------
    ndarray shaped like ``y``, float32
    """
    history, y3 = _history_and_targets(X, y, columns, layout)
    full = np.concatenate([history, y3], axis=1)
    return _diff(full, lags)[:, -y3.shape[1] :].astype(np.float32).reshape(y.shape)


def _integrate(history: np.ndarray, diffs: np.ndarray, lag: int) -> np.ndarray:
    """Undo one lag: ``z[t] = d[t] + z[t - lag]``, history (n, >=lag, k)."""
    n, horizon, k = diffs.shape
    extended = np.concatenate([history[:, -lag:], diffs], axis=1)
    pad = -extended.shape[1] % lag
    extended = np.concatenate([extended, np.zeros((n, pad, k))], axis=1)
    seasons = extended.reshape(n, -1, lag, k).cumsum(axis=1)
    return seasons.reshape(n, -1, k)[:, lag : lag + horizon]


def integrate_targets(
    X: np.ndarray,
    y_diff: np.ndarray,
    columns: list[int],
    lags: tuple[int, ...],
    layout: str,
) -> np.ndarray:
    """Inverse of :func:`difference_targets`, for predictions.

    The lags are undone in reverse order, each from the window's values
    differenced at the lags before it.

    Parameters
    ----------
    X : ndarray of shape (n_windows, window_length[, n_features])
        The undifferenced windows the predictions were made from.
    y_diff : ndarray
        Predicted differences, shaped like the targets.
    columns, lags, layout
        As in :func:`difference_targets`.

    Returns
    -------
    ndarray shaped like ``y_diff``, float64
        Predictions in the series' levels.
    """
    levels, diffs = _history_and_targets(X, y_diff, columns, layout)
    histories = [levels]
    for lag in lags[:-1]:
        histories.append(_diff(histories[-1], (lag,)))
    for lag, history in zip(reversed(lags), reversed(histories), strict=True):
        diffs = _integrate(history, diffs, lag)
    return diffs.reshape(np.shape(y_diff))
