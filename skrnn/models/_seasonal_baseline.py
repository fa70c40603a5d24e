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

The network's output, the *correction*, is added to the baseline with a
weight (``correction_weight``), a :class:`BaselinePlusCorrection` layer.
Training always fits the full correction (weight 1); after training, "auto"
weighs it by the candidate of :data:`CORRECTION_WEIGHTS` whose forecasts of
the validation windows have the lowest error in the series' units (ties go
to the larger weight). A network that learned mostly noise of its few
hundred windows is then shrunk towards the baseline, by the evidence of the
held-out time steps; one that learned a real correction keeps it whole.

Target step ``h`` (0-based: the first step after the window is 0) shares its
season position with window positions ``L - m * j + (h mod m)``, ``j = 1 ..
n_seasons``, for a window of ``L`` steps and a period ``m``.
"""

from __future__ import annotations

import numbers
from collections.abc import Callable, Sequence
from typing import Any

import keras
import numpy as np
from keras import ops

__all__ = [
    "CORRECTION_WEIGHTS",
    "MAX_SEASONS",
    "MIN_SEASONS",
    "BaselinePlusCorrection",
    "SeasonalMedian",
    "check_seasonal_period",
    "choose_correction_weight",
    "n_baseline_seasons",
    "seasonal_positions",
]

#: Seasons the median reaches back at most.
MAX_SEASONS = 6
#: Seasons a window must hold for a baseline (a median of fewer is no more
#: robust than the last season's value).
MIN_SEASONS = 3
#: The weights of the network's correction that ``correction_weight="auto"``
#: chooses from: 0 is the baseline alone, 1 the network's forecast.
CORRECTION_WEIGHTS = (0.0, 0.25, 0.5, 0.75, 1.0)


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


@keras.saving.register_keras_serializable(package="skrnn")
class BaselinePlusCorrection(keras.layers.Layer):
    """Keras layer: ``baseline + correction_weight * correction``.

    ``correction_weight`` is a non-trainable scalar weight of the layer (1
    when built), so that it is saved and loaded with the network and can be
    set after training without rebuilding the graph.

    Input: ``[correction, baseline]``, two tensors of the same shape. Output:
    that shape.

    Examples
    --------
    >>> import numpy as np
    >>> layer = BaselinePlusCorrection()
    >>> correction, baseline = np.array([[2.0, -4.0]]), np.array([[10.0, 10.0]])
    >>> np.asarray(layer([correction, baseline])).tolist()
    [[12.0, 6.0]]
    >>> layer.set_correction_weight(0.5)
    >>> np.asarray(layer([correction, baseline])).tolist()
    [[11.0, 8.0]]
    """

    def build(self, input_shape: Any) -> None:
        self.correction_weight = self.add_weight(
            shape=(), initializer="ones", trainable=False, name="correction_weight"
        )

    def call(self, inputs: list) -> Any:
        correction, baseline = inputs
        weight = ops.cast(self.correction_weight, correction.dtype)
        return baseline + weight * correction

    def compute_output_shape(self, input_shape: list) -> tuple:
        return tuple(input_shape[0])

    def get_correction_weight(self) -> float:
        """The weight of the correction."""
        return float(ops.convert_to_numpy(self.correction_weight))

    def set_correction_weight(self, weight: float) -> None:
        """Set the weight of the correction (the layer must be built)."""
        self.correction_weight.assign(float(weight))


def choose_correction_weight(
    layer: BaselinePlusCorrection,
    validation_error: Callable[[], float],
    candidates: Sequence[float] = CORRECTION_WEIGHTS,
) -> float:
    """Set ``layer`` to the candidate weight of lowest validation error.

    Parameters
    ----------
    layer : BaselinePlusCorrection
        The built layer of a trained network.
    validation_error : callable
        Called without arguments after each candidate is set; returns the
        error of the network's forecasts of its validation windows (lower
        is better).
    candidates : sequence of float, default=CORRECTION_WEIGHTS
        The weights tried, in order.

    Returns
    -------
    float
        The chosen weight, left set on ``layer``; of equal errors, the
        larger weight. A NaN error counts as infinite.

    Examples
    --------
    >>> layer = BaselinePlusCorrection()
    >>> layer.build([(None, 1), (None, 1)])
    >>> choose_correction_weight(
    ...     layer, lambda: abs(layer.get_correction_weight() - 0.4))
    0.5
    >>> layer.get_correction_weight()
    0.5
    """
    errors = []
    for weight in candidates:
        layer.set_correction_weight(weight)
        error = float(validation_error())
        errors.append((error if np.isfinite(error) else np.inf, -float(weight)))
    best = -min(errors)[1]
    layer.set_correction_weight(best)
    return best


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
