"""Quantile (pinball-loss) outputs of the Keras window regressors.

With ``quantiles=(q_1, ..., q_k)`` a Keras window regressor's output layer
gives ``k`` values per target value, one per quantile, and trains on the
pinball loss averaged over the quantiles (:class:`PinballLoss`). The ``k``
values never cross: the head's raw outputs ``r`` are turned into monotone
quantiles by :func:`monotone_quantiles` (the layer :class:`MonotoneQuantiles`
in the network), the middle quantile (the one closest to 0.5) being ``r`` at
its own index and every other one the middle plus (or minus) a cumulative sum
of ``softplus`` increments, which are never negative.

Everything here is backend-neutral (``keras.ops``), and the layer and the loss
are registered Keras serializables (package ``"skrnn"``), so networks with a
quantile head pickle and load with ``safe_mode``.
"""

from __future__ import annotations

import numbers
from collections.abc import Sequence

import keras
import numpy as np
from keras import ops

__all__ = [
    "MonotoneQuantiles",
    "PinballLoss",
    "check_quantiles",
    "median_index",
    "monotone_quantiles",
    "quantile_head",
]


def check_quantiles(quantiles, *, owner: str = "check_quantiles") -> np.ndarray | None:
    """Check the ``quantiles`` parameter and return it as a float array.

    Parameters
    ----------
    quantiles : None or array-like of float, shape (n_quantiles,)
        Quantile levels: each strictly between 0 and 1, sorted in increasing
        order, no duplicates.
    owner : str, default="check_quantiles"
        Who got the parameter, for the error messages (the estimator's class
        name).

    Returns
    -------
    ndarray of float64, shape (n_quantiles,), or None
        The levels, or None when ``quantiles`` is None.

    Raises
    ------
    ValueError
        If ``quantiles`` is empty, not one-dimensional, not numbers, outside
        (0, 1), unsorted or has duplicates; the message names ``quantiles``,
        what was expected and what was given.

    Examples
    --------
    >>> from skrnn.models._quantile import check_quantiles
    >>> check_quantiles([0.1, 0.5, 0.9])
    array([0.1, 0.5, 0.9])
    >>> check_quantiles([0.9, 0.1])
    Traceback (most recent call last):
    ...
    ValueError: check_quantiles got quantiles=[0.9, 0.1]; the levels must be \
sorted in increasing order with no duplicates, e.g. (0.1, 0.5, 0.9).
    """
    if quantiles is None:
        return None
    got = f"{owner} got quantiles={_show(quantiles)}; "
    example = "e.g. (0.1, 0.5, 0.9)"
    if isinstance(quantiles, (str, bytes)) or not _is_sequence(quantiles):
        raise ValueError(
            f"{got}expected a sequence of quantile levels in (0, 1), {example}, "
            "or None for a point forecast."
        )
    if np.ndim(np.asarray(quantiles, dtype=object)) != 1:
        raise ValueError(f"{got}expected a flat sequence of levels, {example}.")
    values = list(quantiles)
    if not values:
        raise ValueError(
            f"{got}expected at least one level in (0, 1), {example}, or "
            "quantiles=None for a point forecast."
        )
    bad = [v for v in values if isinstance(v, bool) or not isinstance(v, numbers.Real)]
    if bad:
        raise ValueError(
            f"{got}expected numbers in (0, 1), {example}; {_show(bad)} "
            f"{'is not a number' if len(bad) == 1 else 'are not numbers'}."
        )
    outside = [v for v in values if not 0.0 < float(v) < 1.0]  # NaN included
    if outside:
        raise ValueError(
            f"{got}every level must lie strictly between 0 and 1; "
            f"{_show(outside)} {'does' if len(outside) == 1 else 'do'} not."
        )
    levels = np.asarray(values, dtype=np.float64)
    if np.any(np.diff(levels) <= 0):
        raise ValueError(
            f"{got}the levels must be sorted in increasing order with no "
            f"duplicates, {example}."
        )
    return levels


def _is_sequence(value) -> bool:
    return isinstance(value, (Sequence, np.ndarray)) or (
        hasattr(value, "__len__") and hasattr(value, "__getitem__")
    )


def _show(value) -> str:
    """``value`` for an error message: lists as lists, numbers as Python floats."""
    if isinstance(value, np.ndarray):
        value = value.tolist()
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(_show(v) for v in value) + "]"
    if isinstance(value, np.generic):
        value = value.item()
    return repr(value)


def median_index(quantiles: Sequence[float]) -> int:
    """Index of the quantile level closest to 0.5 (the lower one on a tie).

    Parameters
    ----------
    quantiles : sequence of float, shape (n_quantiles,)
        Sorted quantile levels.

    Returns
    -------
    int
        The index of the middle quantile, the point forecast.

    Examples
    --------
    >>> from skrnn.models._quantile import median_index
    >>> median_index([0.1, 0.5, 0.9]), median_index([0.05, 0.25, 0.75])
    (1, 1)
    """
    distance = np.abs(np.asarray(quantiles, dtype=np.float64) - 0.5)
    # rounded, so that a tie such as (0.05, 0.95) is one in floating point too
    return int(np.argmin(np.round(distance, 12)))


def monotone_quantiles(raw, middle: int):
    """Turn raw head outputs into non-crossing quantiles (last axis).

    The quantile at ``middle`` is ``raw[..., middle]``; going up, each next
    quantile adds ``softplus(raw[..., j])`` to the previous one, and going
    down each lower quantile subtracts ``softplus(raw[..., j])`` from the one
    above. Increments are never negative, so the result is non-decreasing
    along the last axis for any ``raw`` (also for an untrained network).

    Parameters
    ----------
    raw : tensor of shape (..., n_quantiles)
        Unconstrained outputs of the head (a Keras tensor, backend tensor or
        NumPy array).
    middle : int
        Index of the middle quantile (see :func:`median_index`).

    Returns
    -------
    tensor of shape (..., n_quantiles)
        Quantiles, non-decreasing along the last axis.

    Examples
    --------
    >>> import numpy as np
    >>> from skrnn.models._quantile import monotone_quantiles
    >>> q = np.asarray(monotone_quantiles(np.array([[0.0, 2.0, -30.0]]), 1))
    >>> bool(np.all(np.diff(q) >= 0)), float(q[0, 1])
    (True, 2.0)
    """
    k = raw.shape[-1]
    base = raw[..., middle : middle + 1]
    parts = []
    if middle > 0:
        below = ops.softplus(ops.flip(raw[..., :middle], axis=-1))
        parts.append(ops.flip(base - ops.cumsum(below, axis=-1), axis=-1))
    parts.append(base)
    if middle < k - 1:
        above = ops.softplus(raw[..., middle + 1 :])
        parts.append(base + ops.cumsum(above, axis=-1))
    return ops.concatenate(parts, axis=-1) if len(parts) > 1 else base


@keras.saving.register_keras_serializable(package="skrnn")
class MonotoneQuantiles(keras.layers.Layer):
    """Keras layer applying :func:`monotone_quantiles` to its last axis.

    Parameters
    ----------
    middle : int
        Index of the middle quantile on the last axis.
    **kwargs
        Passed to :class:`keras.layers.Layer` (``name``, ...).

    Examples
    --------
    >>> import numpy as np
    >>> from skrnn.models._quantile import MonotoneQuantiles
    >>> out = MonotoneQuantiles(0)(np.zeros((2, 3), dtype="float32"))
    >>> [round(float(v), 3) for v in np.asarray(out)[0]]
    [0.0, 0.693, 1.386]
    """

    def __init__(self, middle: int, **kwargs):
        super().__init__(**kwargs)
        self.middle = int(middle)

    def call(self, inputs):
        return monotone_quantiles(inputs, self.middle)

    def compute_output_shape(self, input_shape):
        return input_shape

    def get_config(self) -> dict:
        return {**super().get_config(), "middle": self.middle}


@keras.saving.register_keras_serializable(package="skrnn")
class PinballLoss(keras.losses.Loss):
    """Pinball (quantile) loss averaged over several quantile levels.

    For level ``tau`` and error ``e = y_true - y_pred[..., j]`` the loss is
    ``max(tau * e, (tau - 1) * e)``; it is averaged over the quantile axis
    (the last axis of ``y_pred``) and over every non-batch axis of the
    target, giving one value per sample (so ``sample_weight`` of shape
    ``(batch,)`` weights windows).

    Parameters
    ----------
    quantiles : sequence of float, shape (n_quantiles,)
        The levels of the last axis of the predictions.
    name : str, default="pinball"
        Name of the loss.
    **kwargs
        Passed to :class:`keras.losses.Loss` (``reduction``, ``dtype``).

    Examples
    --------
    >>> import numpy as np
    >>> from skrnn.models._quantile import PinballLoss
    >>> loss = PinballLoss([0.1, 0.9])
    >>> y_true = np.array([1.0], dtype="float32")
    >>> y_pred = np.array([[0.0, 0.0]], dtype="float32")  # both below y_true
    >>> round(float(loss(y_true, y_pred)), 3)  # (0.1 * 1 + 0.9 * 1) / 2
    0.5
    """

    def __init__(
        self, quantiles: Sequence[float], name: str = "pinball", **kwargs
    ) -> None:
        super().__init__(name=name, **kwargs)
        self.quantiles = [float(q) for q in quantiles]

    def call(self, y_true, y_pred):
        y_pred = ops.convert_to_tensor(y_pred)
        y_true = ops.cast(ops.convert_to_tensor(y_true), y_pred.dtype)
        # targets (batch, *target_shape) against quantiles (batch, *target_shape, k)
        # (the non-batch dimensions are static: the batch one may not be)
        target_shape = tuple(y_pred.shape[1:-1])
        y_true = ops.expand_dims(ops.reshape(y_true, (-1, *target_shape)), -1)
        tau = ops.convert_to_tensor(np.asarray(self.quantiles), dtype=y_pred.dtype)
        error = y_true - y_pred
        loss = ops.maximum(tau * error, (tau - 1.0) * error)
        per_sample = int(np.prod(y_pred.shape[1:], dtype=int))
        return ops.mean(ops.reshape(loss, (-1, per_sample)), axis=-1)

    def get_config(self) -> dict:
        return {**super().get_config(), "quantiles": self.quantiles}


def quantile_head(x, target_shape: tuple[int, ...], quantiles: Sequence[float]):
    """Output layers of a network forecasting ``quantiles`` of each target.

    A linear layer with ``n_quantiles`` outputs per target value, reshaped to
    ``(*target_shape, n_quantiles)``, then :class:`MonotoneQuantiles`.

    Parameters
    ----------
    x : Keras tensor of shape (batch, units)
        Features of each window.
    target_shape : tuple of int
        Shape of one window's target (``()`` for one value per window).
    quantiles : sequence of float, shape (n_quantiles,)
        Sorted quantile levels.

    Returns
    -------
    Keras tensor of shape (batch, *target_shape, n_quantiles)
        Non-crossing quantiles.

    Examples
    --------
    >>> import keras
    >>> from skrnn.models._quantile import quantile_head
    >>> x = keras.Input(shape=(8,))
    >>> tuple(quantile_head(x, (3,), [0.1, 0.5, 0.9]).shape)
    (None, 3, 3)
    """
    k = len(quantiles)
    n_values = int(np.prod(target_shape, dtype=int))
    x = keras.layers.Dense(n_values * k, name="head")(x)
    x = keras.layers.Reshape((*target_shape, k), name="quantile_axis")(x)
    return MonotoneQuantiles(median_index(quantiles), name="quantiles")(x)
