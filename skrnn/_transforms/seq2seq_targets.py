"""Seq2seq targets as zero-copy views of one short track per window.

The seq2seq targets of a window that starts at step ``s`` of a series ``z``
are ``Y[t, k] = z[s + t + 1 + k]``: the ``horizon`` values after every one
of its ``window_length`` steps. All of them lie on one *track* of
``window_length + horizon - 1`` values, ``track[j] = z[s + 1 + j]``, and
``Y[t, k] = track[t + k]``. Stored as tracks, the targets of ``n`` windows
take ``n * (window_length + horizon - 1)`` values instead of
``n * window_length * horizon`` (48 times fewer for a 48-step horizon); the
``(n, window_length, horizon)`` array is a read-only strided view of them
(:func:`seq2seq_view`), and a training batch is materialised only when
Keras slices it.

* :func:`seq2seq_track` turns seq2seq targets back into tracks (None when
  they are not the sliding targets of one series per window);
* :func:`stack_seq2seq` stacks the targets of several series as tracks, for
  a panel;
* :func:`select_steps` keeps some time steps of seq2seq targets, as a view
  where the steps are evenly spaced.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from numpy.lib.stride_tricks import sliding_window_view

__all__ = ["select_steps", "seq2seq_track", "seq2seq_view", "stack_seq2seq"]

#: Windows compared per block when checking that targets are sliding.
_BLOCK_WINDOWS = 1024


def seq2seq_view(track: np.ndarray, horizon: int) -> np.ndarray:
    """Seq2seq targets ``(n, window_length, horizon)`` viewing ``track``.

    Parameters
    ----------
    track : ndarray of shape (n, window_length + horizon - 1)
        One track per window.
    horizon : int
        Steps ahead of every target.

    Returns
    -------
    ndarray of shape (n, window_length, horizon)
        A read-only view: ``out[i, t, k] == track[i, t + k]``.

    Examples
    --------
    >>> import numpy as np
    >>> seq2seq_view(np.arange(5.0)[None], horizon=2)[0]
    array([[0., 1.],
           [1., 2.],
           [2., 3.],
           [3., 4.]])
    """
    return sliding_window_view(track, horizon, axis=1)


def seq2seq_track(y: np.ndarray) -> np.ndarray | None:
    """The tracks of seq2seq targets, or None if they have none.

    Parameters
    ----------
    y : ndarray of shape (n, window_length, horizon)
        Seq2seq targets.

    Returns
    -------
    ndarray of shape (n, window_length + horizon - 1) or None
        ``track`` with ``seq2seq_view(track, horizon)`` equal to ``y`` (the
        same dtype; a view of ``y`` where ``y`` is itself such a view), or
        None when ``y`` is not of that form (targets that are not the next
        values of one series). Checked block by block, without a temporary
        of the size of ``y``.

    Examples
    --------
    >>> import numpy as np
    >>> from skrnn import make_windows
    >>> X, Y = make_windows(np.arange(8.0), 3, horizon=2, seq2seq=True)
    >>> seq2seq_track(Y)[:2]
    array([[1., 2., 3., 4.],
           [2., 3., 4., 5.]], dtype=float32)
    >>> seq2seq_track(np.zeros((1, 2, 2)) + [[[0.0, 1.0], [2.0, 3.0]]]) is None
    True
    """
    if y.ndim != 3:
        return None
    for start in range(0, len(y), _BLOCK_WINDOWS):
        block = y[start : start + _BLOCK_WINDOWS]
        if not np.array_equal(block[:, 1:, :-1], block[:, :-1, 1:]):
            return None
    track = _track_of_view(y)
    if track is not None:
        return track
    return np.concatenate([y[:, :, 0], y[:, -1, 1:]], axis=1)


def _track_of_view(y: np.ndarray) -> np.ndarray | None:
    """The array ``y`` views with equal strides on its last two axes, if any."""
    row, step, ahead = y.strides
    if step != ahead or y.shape[1] == 0:
        return None
    n, steps, horizon = y.shape
    return np.lib.stride_tricks.as_strided(
        y, shape=(n, steps + horizon - 1), strides=(row, step), writeable=False
    )


def stack_seq2seq(targets: Sequence[np.ndarray]) -> np.ndarray:
    """Seq2seq targets of several series stacked, as a view of their tracks.

    Parameters
    ----------
    targets : sequence of ndarray of shape (n_i, window_length, horizon)
        The seq2seq targets of each series.

    Returns
    -------
    ndarray of shape (sum(n_i), window_length, horizon)
        The concatenation of ``targets``: a read-only view of the stacked
        tracks where every part has them (``window_length + horizon - 1``
        values per window held), else a plain concatenation.

    Examples
    --------
    >>> import numpy as np
    >>> from skrnn import make_windows
    >>> parts = [make_windows(np.arange(n, dtype=float), 3, horizon=2,
    ...                       seq2seq=True)[1] for n in (6, 7)]
    >>> Y = stack_seq2seq(parts)
    >>> Y.shape, np.array_equal(Y, np.concatenate(parts))
    ((5, 3, 2), True)
    """
    tracks = [seq2seq_track(y) for y in targets]
    if any(track is None for track in tracks):
        return np.concatenate(targets)
    return seq2seq_view(np.concatenate(tracks), targets[0].shape[2])


def select_steps(y: np.ndarray, steps: np.ndarray) -> np.ndarray:
    """``y[:, steps]``: a view where ``steps`` are evenly spaced and increasing.

    Parameters
    ----------
    y : ndarray of shape (n, window_length, horizon)
        Seq2seq targets.
    steps : ndarray of int
        The time steps to keep.

    Returns
    -------
    ndarray of shape (n, len(steps), horizon)

    Examples
    --------
    >>> import numpy as np
    >>> y = np.arange(12.0).reshape(1, 6, 2)
    >>> out = select_steps(y, np.array([1, 3, 5]))
    >>> np.shares_memory(out, y), out[0, :, 0]
    (True, array([ 2.,  6., 10.]))
    """
    steps = np.asarray(steps)
    if len(steps) > 1:
        gaps = np.diff(steps)
        if gaps[0] > 0 and np.all(gaps == gaps[0]):
            return y[:, steps[0] : steps[-1] + 1 : gaps[0]]
    if len(steps) == 1:
        return y[:, steps[0] : steps[0] + 1]
    return y[:, steps]
