"""Keras metrics for seq2seq training (imports Keras).

The NumPy/scikit-learn counterparts, for scoring predictions after training,
are in :mod:`skrnn.metrics`. Both objects here are registered with Keras under
the package name ``"skrnn"``, so a model compiled with them can be saved and
loaded again once this module has been imported.
"""

from __future__ import annotations

from typing import Any

import keras
from keras import ops

__all__ = ["LastTimeStepMSE", "last_time_step_mse"]


@keras.saving.register_keras_serializable(package="skrnn")
def last_time_step_mse(y_true: Any, y_pred: Any) -> Any:
    """Per-window squared error of the last time step of seq2seq outputs.

    Parameters
    ----------
    y_true : tensor of shape (n_windows, window_length, horizon)
        Seq2seq targets.
    y_pred : tensor of shape (n_windows, window_length, horizon)
        Seq2seq outputs of the network.

    Returns
    -------
    values : tensor of shape (n_windows,)
        ``mean((y_true[:, -1] - y_pred[:, -1]) ** 2)`` over the horizon, per
        window; their mean over windows is
        :func:`skrnn.metrics.last_time_step_mse`.

    Examples
    --------
    >>> import numpy as np
    >>> from skrnn.models._keras_metrics import last_time_step_mse
    >>> Y = np.zeros((2, 4, 3), dtype="float32")
    >>> Y_pred = Y.copy()
    >>> Y_pred[0, -1] = 1.0
    >>> Y_pred[:, 0] = 100.0  # earlier time steps are not scored
    >>> np.asarray(last_time_step_mse(Y, Y_pred)).tolist()
    [1.0, 0.0]
    """
    y_pred = ops.convert_to_tensor(y_pred)
    y_true = ops.cast(ops.convert_to_tensor(y_true), y_pred.dtype)
    if len(y_pred.shape) != 3 or len(y_true.shape) != 3:
        raise ValueError(
            "last_time_step_mse expects 3-D seq2seq tensors of shape "
            "(n_windows, window_length, horizon), got y_true of shape "
            f"{tuple(y_true.shape)} and y_pred of shape {tuple(y_pred.shape)}."
        )
    return ops.mean(ops.square(y_true[:, -1] - y_pred[:, -1]), axis=-1)


@keras.saving.register_keras_serializable(package="skrnn")
class LastTimeStepMSE(keras.metrics.MeanMetricWrapper):
    """Keras metric: mean squared error of the last time step of seq2seq outputs.

    For seq2seq training on targets of shape
    ``(n_windows, window_length, horizon)``: the loss is taken over every time
    step, while this metric scores only the forecast from the end of each
    window, ``y[:, -1]``, which is what the model is used for.

    Parameters
    ----------
    name : str, default="last_time_step_mse"
        Name of the metric (the key in the training history).
    dtype : str or None, default=None
        Data type of the metric result.

    Examples
    --------
    >>> import numpy as np
    >>> from skrnn.models._keras_metrics import LastTimeStepMSE
    >>> metric = LastTimeStepMSE()
    >>> Y = np.zeros((2, 4, 3), dtype="float32")
    >>> metric.update_state(Y, Y + 0.5)
    >>> round(float(metric.result()), 6)
    0.25
    """

    def __init__(
        self, name: str = "last_time_step_mse", dtype: str | None = None
    ) -> None:
        super().__init__(fn=last_time_step_mse, name=name, dtype=dtype)
        self._direction = "down"

    def get_config(self) -> dict[str, Any]:
        return {"name": self.name, "dtype": self.dtype}
