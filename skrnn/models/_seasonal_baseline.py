"""The seasonal-median baseline that a Keras window regressor corrects.

With ``seasonal_baseline`` the network does not forecast a target step
directly: its output is added to a *baseline*, the median of the window's
values at the same point of the season over the last few seasons (for daily
data with a weekly season, the median of the last six values on the same
weekday). The network only learns the deviation from it. A median of several
seasons is a robust forecast on its own (a holiday, a storm or an outage in
the window moves it little, where the seasonal naive forecast copies such a
day), and it is what a network of a few hundred training windows otherwise
struggles to learn.

The baseline is computed inside the network, from the windows as the network
sees them (after ``window_norm``; a median commutes with the per-window shift
and positive scale), with a :class:`SeasonalMedian` layer, so the model is
one :class:`keras.Model` that saves, loads and forecasts recursively as
before.

Target step ``h`` (0-based: the first step after the window is 0) shares its
season position with window positions ``L - m * j + (h mod m)``, ``j = 1 ..
n_seasons``, for a window of ``L`` steps and a period ``m``.
"""

from __future__ import annotations

import numbers
from typing import Any

import keras
import numpy as np
from keras import ops

__all__ = [
    "MAX_SEASONS",
    "MIN_SEASONS",
    "SeasonalMedian",
    "check_seasonal_period",
    "n_baseline_seasons",
    "seasonal_positions",
]

#: Seasons the median reaches back at most.
MAX_SEASONS = 6
#: Seasons a window must hold for a baseline (a median of fewer is no more
#: robust than the last season's value).
MIN_SEASONS = 3


def n_baseline_seasons(window_length: int, period: int) -> int:
    """Seasons the baseline takes the median of: ``min(6, L // m)``.

    Examples
    --------
    >>> n_baseline_seasons(56, 7), n_baseline_seasons(28, 7)
    (6, 4)
    """
    return min(MAX_SEASONS, window_length // period)


def seasonal_positions(
    window_length: int, period: int, n_steps: int, n_seasons: int
) -> np.ndarray:
    """Window positions in the same season as each target step.

    Parameters
    ----------
    window_length : int
        Steps per window, ``L``.
    period : int
        Seasonal period ``m`` (>= 2).
    n_steps : int
        Target steps after the window (1 for one-step targets, ``horizon``
        for direct ones).
    n_seasons : int
        Seasons per target step, ``<= L // m``.

    Returns
    -------
    ndarray of int of shape (n_steps, n_seasons)
        Row ``h``: ``L - m * j + (h mod m)`` for ``j = 1 .. n_seasons``.

    Examples
    --------
    >>> seasonal_positions(21, 7, 9, 3)[[0, 7, 8]].tolist()
    [[14, 7, 0], [14, 7, 0], [15, 8, 1]]
    """
    if not 1 <= n_seasons <= window_length // period:
        raise ValueError(
            f"n_seasons must be between 1 and window_length // period = "
            f"{window_length // period}, got {n_seasons}."
        )
    steps = np.arange(n_steps)[:, None] % period
    seasons = np.arange(1, n_seasons + 1)[None, :]
    return window_length - period * seasons + steps


@keras.saving.register_keras_serializable(package="skrnn")
class SeasonalMedian(keras.layers.Layer):
    """Keras layer: the seasonal-median forecast of each target value.

    Parameters
    ----------
    period : int
        Seasonal period ``m`` in time steps.
    n_seasons : int
        Seasons the median reaches back (at most ``window_length // m``).
    n_steps : int
        Target steps after the window (1: one-step targets).
    columns : list of int
        Target columns of the windows (``[0]`` for 2-D windows).
    target_shape : tuple of int
        Shape of one window's target as the network outputs it:
        ``(n_targets,)`` for one-step, ``(horizon,)`` or ``(horizon,
        n_targets)`` for direct targets.

    Input: windows ``(batch, window_length)`` or ``(batch, window_length,
    n_features)``. Output: ``(batch, *target_shape)``.

    Examples
    --------
    >>> import numpy as np
    >>> layer = SeasonalMedian(period=2, n_seasons=3, n_steps=2, columns=[0],
    ...                        target_shape=(2,))
    >>> window = np.array([[1.0, 10.0, 5.0, 20.0, 3.0, 30.0]])
    >>> np.asarray(layer(window)).tolist()
    [[3.0, 20.0]]
    """

    def __init__(
        self,
        period: int,
        n_seasons: int,
        n_steps: int,
        columns: list[int],
        target_shape: tuple[int, ...],
        **kwargs: Any,
    ) -> None:
        super().__init__(**kwargs)
        self.period = int(period)
        self.n_seasons = int(n_seasons)
        self.n_steps = int(n_steps)
        self.columns = [int(column) for column in columns]
        self.target_shape = tuple(int(size) for size in target_shape)

    def call(self, windows: Any) -> Any:
        windows = ops.convert_to_tensor(windows)
        if len(windows.shape) == 2:
            windows = ops.expand_dims(windows, -1)
        positions = seasonal_positions(
            windows.shape[1], self.period, self.n_steps, self.n_seasons
        )
        values = ops.take(windows, np.asarray(self.columns), axis=2)
        values = ops.take(values, positions.reshape(-1), axis=1)
        values = ops.reshape(
            values, (-1, self.n_steps, self.n_seasons, len(self.columns))
        )
        return ops.reshape(ops.median(values, axis=2), (-1, *self.target_shape))

    def compute_output_shape(self, input_shape: tuple) -> tuple:
        return (input_shape[0], *self.target_shape)

    def get_config(self) -> dict[str, Any]:
        return {
            **super().get_config(),
            "period": self.period,
            "n_seasons": self.n_seasons,
            "n_steps": self.n_steps,
            "columns": self.columns,
            "target_shape": self.target_shape,
        }


def check_seasonal_period(value: Any) -> int | None:
    """The ``seasonal_period`` that ``fit`` got (None: none), checked.

    Examples
    --------
    >>> check_seasonal_period(7), check_seasonal_period(None)
    (7, None)
    """
    if value is None:
        return None
    if not isinstance(value, numbers.Integral) or isinstance(value, bool) or value < 1:
        raise ValueError(
            "seasonal_period (a fit argument) must be a positive int or None, "
            f"got {value!r}."
        )
    return int(value)
