"""Convolutional window regressors: Conv1D + GRU, and a WaveNet-style stack."""

from __future__ import annotations

import numbers
import os
import sys
import warnings

import keras
import numpy as np
from sklearn.utils._param_validation import Interval

from skrnn._transforms.seq2seq_targets import select_steps
from skrnn.models._base import (
    REGRESSOR_CONSTRAINTS,
    REGRESSOR_PARAMETERS,
    BaseWindowRegressor,
)
from skrnn.models._cells import get_cell
from skrnn.models._checks import check_layer_sizes
from skrnn.models._docstrings import RECURRENT_LAYERS, document_parameters
from skrnn.models._parameters import estimator_parameters
from skrnn.models._recurrent import (
    CELL_CONSTRAINTS,
    CELL_PARAMETERS,
    cell_options,
    stack_recurrent_layers,
)
from skrnn.models._wrapper import LAYER_SIZES


class ReceptiveFieldWarning(UserWarning):
    """The receptive field of a convolutional stack differs from the window."""


_LIBRARY_DIRS = tuple(
    os.path.dirname(module.__file__) + os.sep
    for module in (sys.modules["skrnn"], sys.modules["scikeras"])
)


def _caller_stacklevel() -> int:
    """``stacklevel`` of the first frame outside skrnn and scikeras.

    The network is built deep inside ``fit``; this points warnings issued
    there at the code that called into the library.
    """
    frame, level = sys._getframe(1), 1
    while frame is not None and frame.f_code.co_filename.startswith(_LIBRARY_DIRS):
        frame, level = frame.f_back, level + 1
    return level


def wavenet_receptive_field(kernel_size: int, n_layers: int, n_blocks: int) -> int:
    """Number of time steps one output of a dilated causal stack depends on.

    Each causal convolution with dilation rate ``d`` widens the field by
    ``(kernel_size - 1) * d``; a block has the rates ``1, 2, ..., 2**(n_layers
    - 1)``, which sum to ``2**n_layers - 1``.

    Parameters
    ----------
    kernel_size : int
        Kernel size of every convolution.
    n_layers : int
        Convolutions per block.
    n_blocks : int
        Number of blocks.

    Returns
    -------
    int
        ``1 + n_blocks * (kernel_size - 1) * (2**n_layers - 1)``.

    Examples
    --------
    >>> from skrnn.models._conv import wavenet_receptive_field
    >>> wavenet_receptive_field(kernel_size=2, n_layers=4, n_blocks=2)
    31
    """
    return 1 + n_blocks * (kernel_size - 1) * (2**n_layers - 1)


@estimator_parameters(
    positional={"hidden_layer_sizes": (32,), "dense_layer_sizes": ()},
    keyword={
        "filters": 32,
        "kernel_size": 4,
        "strides": 2,
        "conv_activation": None,
        **CELL_PARAMETERS,
    },
    shared=REGRESSOR_PARAMETERS,
)
@document_parameters(recurrent_layers=RECURRENT_LAYERS)
class ConvGRURegressor(BaseWindowRegressor):
    """A strided Conv1D that shortens the window, then GRU layers.

    The convolution (``filters`` filters of ``kernel_size`` steps, ``strides``
    apart, 'valid' padding) turns a window of ``L`` steps into
    ``L' = (L - kernel_size) // strides + 1`` steps, so the GRU layers run
    over a shorter sequence and see longer-range patterns per step. The first
    ``(L - kernel_size) % strides`` steps of each window are dropped before the
    convolution so that its last output ends on the window's last step.

    Parameters
    ----------
    %(recurrent_layers)s
    filters : int, default=32
        Number of convolution filters.
    kernel_size : int, default=4
        Length of the convolution kernel, at most ``window_length``.
    strides : int, default=2
        Step between convolution outputs.
    conv_activation : str, callable or None, default=None
        Activation of the convolution (None: linear).
    %(cell_options)s
    %(training_parameters)s

    Attributes
    ----------
    %(fitted_attributes)s
    output_steps_ : ndarray of int, shape (n_output_steps,)
        The window time steps that the convolution's outputs end on:
        ``output_steps_[j]`` is the last input step seen by output step ``j``.
    seq2seq_ : bool
        Whether the model forecasts at every (output) time step.

    Notes
    -----
    Seq2seq targets are passed as for every other model,
    ``Y`` of shape ``(n_windows, window_length, horizon)``; the estimator
    keeps ``Y[:, output_steps_]`` for training (drops the first
    ``kernel_size - 1`` steps, then keeps every ``strides``-th).
    ``predict(X)`` returns the last step's forecasts ``(n_windows, horizon)``
    like the other models; ``predict(X, return_sequences=True)`` returns the
    shortened sequence ``(n_windows, n_output_steps, horizon)``, to compare
    with ``Y[:, model.output_steps_]``.

    %(contract)s

    Examples
    --------
    >>> import numpy as np
    >>> from skrnn import make_windows
    >>> from skrnn.models._conv import ConvGRURegressor
    >>> series = np.sin(np.arange(300) / 5)
    >>> X, Y = make_windows(series, window_length=20, horizon=3, seq2seq=True)
    >>> model = ConvGRURegressor((8,), filters=4, epochs=2, random_state=0)
    >>> model.fit(X, Y).predict(X[:2]).shape
    (2, 3)
    >>> model.output_steps_
    array([ 3,  5,  7,  9, 11, 13, 15, 17, 19])
    >>> model.predict(X[:2], return_sequences=True).shape
    (2, 9, 3)
    """

    _parameter_constraints: dict = {
        **REGRESSOR_CONSTRAINTS,
        "hidden_layer_sizes": LAYER_SIZES,
        "dense_layer_sizes": LAYER_SIZES,
        "filters": [Interval(numbers.Integral, 1, None, closed="left")],
        "kernel_size": [Interval(numbers.Integral, 1, None, closed="left")],
        "strides": [Interval(numbers.Integral, 1, None, closed="left")],
        "conv_activation": [str, callable, None],
        **CELL_CONSTRAINTS,
    }

    def _prepare_architecture(self, n_steps: int) -> None:
        if self.kernel_size > n_steps:
            raise ValueError(
                f"kernel_size={self.kernel_size} is longer than the windows "
                f"(window_length={n_steps}; for 2-D X, its {n_steps} feature(s)): "
                "the convolution would leave an empty sequence. Use "
                f"kernel_size <= {n_steps} or longer windows."
            )
        sizes = check_layer_sizes(self.hidden_layer_sizes, "hidden_layer_sizes")
        if not sizes:
            raise ValueError(
                "ConvGRURegressor needs at least one GRU layer; got "
                "hidden_layer_sizes=()."
            )
        skipped = (n_steps - self.kernel_size) % self.strides
        self.output_steps_ = np.arange(
            skipped + self.kernel_size - 1, n_steps, self.strides
        )

    def _build_body(self, x, return_sequences: bool):
        skipped = (x.shape[1] - self.kernel_size) % self.strides
        if skipped:
            x = keras.layers.Cropping1D((skipped, 0), name="align_to_last_step")(x)
        x = keras.layers.Conv1D(
            self.filters,
            self.kernel_size,
            strides=self.strides,
            padding="valid",
            activation=self.conv_activation,
            name="conv",
        )(x)
        return stack_recurrent_layers(
            x,
            get_cell("gru"),
            check_layer_sizes(self.hidden_layer_sizes, "hidden_layer_sizes"),
            return_sequences=return_sequences,
            **cell_options(self),
        )

    def _align_targets(self, y: np.ndarray) -> np.ndarray:
        if y.shape[1] != self.window_length_:
            raise ValueError(
                f"seq2seq targets must have shape (n_windows, window_length="
                f"{self.window_length_}, horizon); got {y.shape}."
            )
        return select_steps(y, self.output_steps_)


@estimator_parameters(
    keyword={
        "filters": 32,
        "kernel_size": 2,
        "n_layers": 4,
        "n_blocks": 2,
        "activation": "relu",
        "global_average": False,
        "dense_layer_sizes": (),
    },
    shared=REGRESSOR_PARAMETERS,
)
@document_parameters()
class WaveNetRegressor(BaseWindowRegressor):
    """Stacked dilated causal convolutions (WaveNet-style), then a 1x1 head.

    Each block is ``n_layers`` causal Conv1D layers with dilation rates
    ``1, 2, 4, ..., 2**(n_layers - 1)``; the block is repeated ``n_blocks``
    times. Causal padding keeps the sequence length, and the output at step
    ``t`` depends only on steps ``<= t`` of the window, so seq2seq targets are
    used as given. The output at a step depends on the last
    ``receptive_field_`` time steps of the window (31 for the defaults)::

        receptive_field_ = 1 + n_blocks * (kernel_size - 1) * (2**n_layers - 1)

    For one-step and direct targets the head reads the last step's features
    and, with ``global_average=True``, their average over every step of the
    window, so that windows longer than the receptive field are used whole.
    A :class:`ReceptiveFieldWarning` is issued at fit when the window is
    longer than the receptive field and nothing reads the earliest steps
    (``global_average=False``, or seq2seq targets), or when it is shorter
    (the deepest layers partly see the causal zero padding).

    Parameters
    ----------
    filters : int, default=32
        Filters of every causal convolution.
    kernel_size : int, default=2
        Kernel size of every causal convolution.
    n_layers : int, default=4
        Convolutions per block (dilation rates up to ``2**(n_layers - 1)``).
    n_blocks : int, default=2
        Number of times the block of dilations is repeated.
    activation : str, default="relu"
        Activation of the causal convolutions.
    global_average : bool, default=False
        For one-step and direct targets, whether the head also reads the last
        convolution's features averaged over all time steps of the window
        (Keras ``GlobalAveragePooling1D``), beside the last step's features.
        Not used for seq2seq targets, whose forecast at a step may depend on
        that step and the ones before it only.
    dense_layer_sizes : tuple of int, default=()
        Units of ReLU layers applied per step before the output head.
    %(training_parameters)s

    Attributes
    ----------
    %(fitted_attributes)s
    receptive_field_ : int
        Time steps that one output depends on (see above).
    seq2seq_ : bool
        Whether the model forecasts at every time step.

    Notes
    -----
    The output head is a 1x1 convolution with one channel per target value
    at every time step for seq2seq targets; for one-step and direct targets
    it is a linear map of the last time step's features (and of their window
    average, with ``global_average=True``). On the ridership validation folds
    the window average lowered the one-step error on every fold, but not the
    14-step error (see the neural networks guide).

    %(contract)s

    Examples
    --------
    >>> import warnings
    >>> import numpy as np
    >>> from skrnn import make_windows
    >>> from skrnn.models._conv import WaveNetRegressor
    >>> X, Y = make_windows(np.sin(np.arange(200) / 5), 8, horizon=2, seq2seq=True)
    >>> model = WaveNetRegressor(filters=4, n_layers=3, n_blocks=1, epochs=2,
    ...                          random_state=0)
    >>> model.fit(X, Y).receptive_field_
    8
    >>> model.predict(X[:2]).shape, model.predict(X[:2], return_sequences=True).shape
    ((2, 2), (2, 8, 2))
    """

    _parameter_constraints: dict = {
        **REGRESSOR_CONSTRAINTS,
        "filters": [Interval(numbers.Integral, 1, None, closed="left")],
        "kernel_size": [Interval(numbers.Integral, 1, None, closed="left")],
        "n_layers": [Interval(numbers.Integral, 1, None, closed="left")],
        "n_blocks": [Interval(numbers.Integral, 1, None, closed="left")],
        "activation": [str, callable],
        "global_average": ["boolean"],
        "dense_layer_sizes": LAYER_SIZES,
    }

    def _prepare_architecture(self, n_steps: int) -> None:
        self.receptive_field_ = wavenet_receptive_field(
            self.kernel_size, self.n_layers, self.n_blocks
        )
        self._check_receptive_field()

    def _build_body(self, x, return_sequences: bool):
        for block in range(self.n_blocks):
            for layer in range(self.n_layers):
                x = keras.layers.Conv1D(
                    self.filters,
                    self.kernel_size,
                    padding="causal",
                    dilation_rate=2**layer,
                    activation=self.activation,
                    name=f"causal_conv_b{block}_d{2**layer}",
                )(x)
        if return_sequences:
            return x
        last_step = keras.layers.Cropping1D((x.shape[1] - 1, 0))(x)
        last_step = keras.layers.Reshape((self.filters,), name="last_step")(last_step)
        if not self.global_average:
            return last_step
        average = keras.layers.GlobalAveragePooling1D(name="window_average")(x)
        return keras.layers.Concatenate(name="last_step_and_average")(
            [last_step, average]
        )

    def _check_receptive_field(self) -> None:
        field, length = self.receptive_field_, self.window_length_
        reads_whole_window = self.global_average and not self.seq2seq_
        if length > field and not reads_whole_window:
            warnings.warn(
                f"window_length={length} exceeds the receptive field of "
                f"WaveNetRegressor ({field} steps = 1 + n_blocks * (kernel_size - 1)"
                f" * (2**n_layers - 1)): the first {length - field} steps of a "
                "window cannot influence the last step's forecast. Use shorter "
                "windows or more layers/blocks"
                + ("." if self.seq2seq_ else ", or global_average=True."),
                ReceptiveFieldWarning,
                stacklevel=_caller_stacklevel(),
            )
        elif field > length:
            warnings.warn(
                f"The receptive field of WaveNetRegressor ({field} steps = 1 + "
                "n_blocks * (kernel_size - 1) * (2**n_layers - 1)) exceeds "
                f"window_length={length}: part of it covers the causal zero "
                "padding. Use longer windows or fewer layers/blocks.",
                ReceptiveFieldWarning,
                stacklevel=_caller_stacklevel(),
            )

    def _build_head(self, x):
        if self.seq2seq_:
            return keras.layers.Conv1D(self.y_shape_[-1], 1, name="head")(x)
        return super()._build_head(x)
