"""Reversible per-window normalisation of windows and their targets.

Each window is shifted (and, for "standard", scaled) by statistics of its own
target column(s): the last value, the mean, or the mean and standard
deviation. The targets of the window get the same transform, and predictions
are mapped back with its inverse, so the network only ever sees levels
relative to the window. A series whose level drifts beyond the training
range then looks like the training data.

For seq2seq targets the statistics come from the whole window: the shift is
common to every time step, so a causal network at step ``t`` still sees only
differences between values up to ``t``.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

METHODS = ("last", "mean", "standard")


@dataclass(frozen=True)
class WindowStats:
    """Per-window ``offset`` and ``scale`` of the target columns, (n, k)."""

    offset: np.ndarray
    scale: np.ndarray


def _as_3d(X: np.ndarray) -> np.ndarray:
    return X[:, :, None] if X.ndim == 2 else X


def window_stats(X: np.ndarray, columns: list[int], method: str) -> WindowStats:
    """Statistics of each window's target columns.

    Parameters
    ----------
    X : ndarray of shape (n_windows, window_length[, n_features])
        Windows.
    columns : list of int
        Target columns of the windows.
    method : {"last", "mean", "standard"}
        "last" shifts by the last value, "mean" by the mean, "standard"
        shifts by the mean and divides by the standard deviation (1 where a
        window is constant).

    Returns
    -------
    WindowStats
        ``offset`` and ``scale`` of shape (n_windows, len(columns)).
    """
    values = _as_3d(X)[:, :, columns]
    offset = values[:, -1] if method == "last" else values.mean(axis=1)
    scale = np.ones_like(offset)
    if method == "standard":
        std = values.std(axis=1)
        scale = np.where(std > 0, std, 1.0).astype(offset.dtype)
    return WindowStats(offset, scale)


def normalize_windows(
    X: np.ndarray, columns: list[int], stats: WindowStats, *, all_features: bool
) -> np.ndarray:
    """Return normalised windows (a new array; ``X`` is not modified).

    The target ``columns`` use ``stats``; with ``all_features`` every other
    column is normalised by its own per-window mean and standard deviation.
    """
    out = _as_3d(X).astype(np.float32, copy=True)
    if all_features:
        others = [c for c in range(out.shape[2]) if c not in columns]
        if others:
            own = window_stats(out, others, "standard")
            out[:, :, others] = (out[:, :, others] - own.offset[:, None]) / own.scale[
                :, None
            ]
    out[:, :, columns] = (out[:, :, columns] - stats.offset[:, None]) / stats.scale[
        :, None
    ]
    return out.reshape(X.shape)


def _broadcastable(stats_array: np.ndarray, y_shape: tuple, layout: str) -> np.ndarray:
    """Reshape (n, k) statistics so that they broadcast against ``y``."""
    if layout == "one-step":  # (n,) or (n, n_targets)
        return stats_array[:, 0] if len(y_shape) == 1 else stats_array
    if layout == "direct":  # (n, horizon) or (n, horizon, n_targets)
        return stats_array[:, :1] if len(y_shape) == 2 else stats_array[:, None, :]
    return stats_array[:, :1, None]  # seq2seq (n, steps, horizon)


def normalize_targets(y: np.ndarray, stats: WindowStats, layout: str) -> np.ndarray:
    """Targets in the windows' normalised units (a new float32 array)."""
    offset = _broadcastable(stats.offset, y.shape, layout)
    scale = _broadcastable(stats.scale, y.shape, layout)
    return ((y - offset) / scale).astype(np.float32)


def denormalize_targets(y: np.ndarray, stats: WindowStats, layout: str) -> np.ndarray:
    """Inverse of :func:`normalize_targets`, for predictions."""
    offset = _broadcastable(stats.offset, y.shape, layout)
    scale = _broadcastable(stats.scale, y.shape, layout)
    return y * scale + offset
