"""The two-sine synthetic benchmark (Hands-On Machine Learning, chapter on RNNs)."""

from __future__ import annotations

import numbers

import numpy as np
from sklearn.utils import check_random_state


def _check_positive_int(value: object, name: str) -> int:
    if isinstance(value, bool) or not isinstance(value, numbers.Integral) or value < 1:
        raise ValueError(f"{name} must be an int >= 1, got {value!r}.")
    return int(value)


def make_sine_series(
    n_series: int,
    n_steps: int,
    random_state: int | np.random.RandomState | None = None,
) -> np.ndarray:
    """Generate noisy sums of two sine waves (the Hands-On ML RNN benchmark).

    Each series is, on ``time = linspace(0, 1, n_steps)``::

        0.5 * sin((time - offset1) * (freq1 * 10 + 10))
        + 0.2 * sin((time - offset2) * (freq2 * 20 + 20))
        + 0.1 * (noise - 0.5)

    with ``freq1``, ``freq2``, ``offset1``, ``offset2`` drawn uniformly in
    ``[0, 1)`` once per series and ``noise`` uniform in ``[0, 1)`` per step, so
    every value lies in ``[-0.75, 0.75]``. The draws are made in the same order
    as the book's ``generate_time_series``, so after ``np.random.seed(42)``,
    ``random_state=None`` reproduces the book's data.

    Parameters
    ----------
    n_series : int
        Number of series, >= 1.
    n_steps : int
        Number of time steps per series, >= 1.
    random_state : int, RandomState instance or None, default=None
        Seed or generator for the draws (see
        :func:`sklearn.utils.check_random_state`).

    Returns
    -------
    series : ndarray of shape (n_series, n_steps, 1), dtype float32
        One univariate series per row.

    Examples
    --------
    >>> from skrnn.datasets import make_sine_series
    >>> series = make_sine_series(10_000, 50, random_state=42)
    >>> series.shape, series.dtype
    ((10000, 50, 1), dtype('float32'))
    >>> X_train, y_train = series[:7000, :-1], series[:7000, -1]
    >>> X_train.shape, y_train.shape
    ((7000, 49, 1), (7000, 1))
    """
    n_series = _check_positive_int(n_series, "n_series")
    n_steps = _check_positive_int(n_steps, "n_steps")
    rng = check_random_state(random_state)
    freq1, freq2, offsets1, offsets2 = rng.rand(4, n_series, 1)
    time = np.linspace(0, 1, n_steps)
    series = 0.5 * np.sin((time - offsets1) * (freq1 * 10 + 10))
    series += 0.2 * np.sin((time - offsets2) * (freq2 * 20 + 20))
    series += 0.1 * (rng.rand(n_series, n_steps) - 0.5)
    return series[..., np.newaxis].astype(np.float32)
