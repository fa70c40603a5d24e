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

Windows are read in blocks of rows (about :data:`BLOCK_VALUES` values each):
the statistics need no copy of the windows, and the normalised windows are
one float32 array, written block by block, with no float64 copy of ``X``
(the windows of :func:`skrnn.make_windows` are zero-copy float32 views; a
float64 copy of 1e6 windows of 56 steps would take 427 MB).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from skrnn._transforms.seq2seq_targets import seq2seq_track, seq2seq_view

METHODS = ("last", "mean", "standard")
#: Values read per block of windows (1 MiB of float32).
BLOCK_VALUES = 1 << 18


@dataclass(frozen=True)
class WindowStats:
    """Per-window ``offset`` and ``scale`` of the target columns, (n, k)."""

    offset: np.ndarray
    scale: np.ndarray


def _as_3d(X: np.ndarray) -> np.ndarray:
    return X[:, :, None] if X.ndim == 2 else X


def _blocks(X: np.ndarray):
    """Slices of rows of ``X``, each about ``BLOCK_VALUES`` values."""
    row_size = max(int(np.prod(X.shape[1:])), 1)
    step = max(1, BLOCK_VALUES // row_size)
    for start in range(0, len(X), step):
        yield slice(start, min(start + step, len(X)))


def _block_stats(values: np.ndarray, method: str) -> tuple[np.ndarray, np.ndarray]:
    offset = values[:, -1] if method == "last" else values.mean(axis=1)
    scale = np.ones_like(offset)
    if method == "standard":
        std = values.std(axis=1)
        scale = np.where(std > 0, std, 1.0).astype(offset.dtype)
    return offset, scale


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
        ``offset`` and ``scale`` of shape (n_windows, len(columns)), of the
        dtype that NumPy's mean gives for ``X`` (float32 for float32
        windows). Computed block by block, without a copy of ``X``.

    Examples
    --------
    >>> import numpy as np
    >>> from skrnn._transforms.window_norm import window_stats
    >>> X = np.array([[1.0, 2.0, 3.0], [4.0, 4.0, 4.0]])
    >>> stats = window_stats(X, [0], "standard")
    >>> stats.offset.ravel(), stats.scale.ravel().round(3)
    (array([2., 4.]), array([0.816, 1.   ]))
    """
    X3 = _as_3d(X)
    offset = scale = None
    for rows in _blocks(X3):
        block_offset, block_scale = _block_stats(X3[rows][:, :, columns], method)
        if offset is None:
            shape = (len(X3), len(columns))
            offset = np.empty(shape, dtype=block_offset.dtype)
            scale = np.empty(shape, dtype=block_scale.dtype)
        offset[rows], scale[rows] = block_offset, block_scale
    if offset is None:  # no windows
        offset, scale = _block_stats(X3[:, :, columns], method)
    return WindowStats(offset, scale)


def normalize_windows(
    X: np.ndarray, columns: list[int], stats: WindowStats, *, all_features: bool
) -> np.ndarray:
    """Return normalised windows (a new array; ``X`` is not modified).

    The target ``columns`` use ``stats``; with ``all_features`` every other
    column is normalised by its own per-window mean and standard deviation.
    The result is one float32 array, filled block by block: besides it,
    only blocks of about :data:`BLOCK_VALUES` values are allocated.
    """
    X3 = _as_3d(X)
    out = np.empty(X3.shape, dtype=np.float32)
    others = [c for c in range(X3.shape[2]) if c not in columns]
    for rows in _blocks(X3):
        block = X3[rows].astype(np.float32)  # one block, never all of X
        if all_features and others:
            values = block[:, :, others]
            offset, scale = _block_stats(values, "standard")
            block[:, :, others] = (values - offset[:, None]) / scale[:, None]
        offset, scale = stats.offset[rows, None], stats.scale[rows, None]
        block[:, :, columns] = (block[:, :, columns] - offset) / scale
        out[rows] = block
    return out.reshape(X.shape)


def _broadcastable(stats_array: np.ndarray, y_shape: tuple, layout: str) -> np.ndarray:
    """Reshape (n, k) statistics so that they broadcast against ``y``."""
    if layout == "one-step":  # (n,) or (n, n_targets)
        return stats_array[:, 0] if len(y_shape) == 1 else stats_array
    if layout == "direct":  # (n, horizon) or (n, horizon, n_targets)
        return stats_array[:, :1] if len(y_shape) == 2 else stats_array[:, None, :]
    return stats_array[:, :1, None]  # seq2seq (n, steps, horizon)


def normalize_targets(y: np.ndarray, stats: WindowStats, layout: str) -> np.ndarray:
    """Targets in the windows' normalised units (a new float32 array).

    Seq2seq targets that are the next values of one series per window come
    back as a read-only view of their normalised tracks
    (:mod:`skrnn._transforms.seq2seq_targets`): ``window_length + horizon -
    1`` new values per window instead of ``window_length * horizon``.
    """
    if layout == "seq2seq" and (track := seq2seq_track(y)) is not None:
        return seq2seq_view(normalize_targets(track, stats, "direct"), y.shape[2])
    offset = _broadcastable(stats.offset, y.shape, layout)
    scale = _broadcastable(stats.scale, y.shape, layout)
    return ((y - offset) / scale).astype(np.float32)


def denormalize_targets(y: np.ndarray, stats: WindowStats, layout: str) -> np.ndarray:
    """Inverse of :func:`normalize_targets`, for predictions."""
    offset = _broadcastable(stats.offset, y.shape, layout)
    scale = _broadcastable(stats.scale, y.shape, layout)
    return y * scale + offset
