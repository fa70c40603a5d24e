"""Layer-normalised simple recurrent cell and layer (Ba et al., 2016).

At every time step the cell computes the linear combination of the input and
the previous state, normalises it over its units with layer normalisation,
and only then applies the activation::

    h_t = activation(LayerNorm(x_t @ W + h_{t-1} @ U))

Layer normalisation has its own learned offset (``beta``), so the cell has no
separate bias by default. Both classes are registered as serializable Keras
objects (package ``"skrnn"``), so models using them round-trip through
``.keras`` files, pickle and joblib. Importing this module also registers the
layer in the recurrent-cell registry under ``"simple_rnn_layer_norm"``.
"""

from __future__ import annotations

import keras
from keras import ops

from skrnn.models._cells import register_cell


@keras.saving.register_keras_serializable(package="skrnn")
class LayerNormSimpleRNNCell(keras.layers.SimpleRNNCell):
    """Simple RNN cell with layer normalisation before the activation.

    Parameters
    ----------
    units : int
        Size of the state (and output) of the cell.
    activation : str or callable, default="tanh"
        Applied after the layer normalisation.
    use_bias : bool, default=False
        Add a bias before the normalisation (redundant with the
        normalisation's own offset, hence off by default).
    epsilon : float, default=1e-3
        Small constant of the layer normalisation.
    **kwargs
        Other :class:`keras.layers.SimpleRNNCell` arguments (``dropout``,
        ``recurrent_dropout``, initialisers, ``seed``, ...).

    Examples
    --------
    >>> import keras, numpy as np
    >>> from skrnn.models._layer_norm import LayerNormSimpleRNNCell
    >>> layer = keras.layers.RNN(LayerNormSimpleRNNCell(4), return_sequences=True)
    >>> tuple(layer(np.ones((2, 5, 3), dtype="float32")).shape)
    (2, 5, 4)
    """

    def __init__(
        self,
        units: int,
        activation="tanh",
        use_bias: bool = False,
        epsilon: float = 1e-3,
        **kwargs,
    ):
        super().__init__(units, activation=activation, use_bias=use_bias, **kwargs)
        self.epsilon = epsilon
        self.layer_norm = keras.layers.LayerNormalization(
            epsilon=epsilon, dtype=self.dtype_policy, name="layer_norm"
        )

    def build(self, input_shape):
        super().build(input_shape)
        self.layer_norm.build((None, self.units))

    def call(self, sequence, states, training=False):
        prev_output = states[0] if isinstance(states, (list, tuple)) else states
        dp_mask = self.get_dropout_mask(sequence)
        rec_dp_mask = self.get_recurrent_dropout_mask(prev_output)
        if training and dp_mask is not None:
            sequence = sequence * dp_mask
        if training and rec_dp_mask is not None:
            prev_output = prev_output * rec_dp_mask
        linear = ops.matmul(sequence, self.kernel) + ops.matmul(
            prev_output, self.recurrent_kernel
        )
        if self.bias is not None:
            linear = linear + self.bias
        output = self.layer_norm(linear)
        if self.activation is not None:
            output = self.activation(output)
        new_state = [output] if isinstance(states, (list, tuple)) else output
        return output, new_state

    def get_config(self) -> dict:
        return {**super().get_config(), "epsilon": self.epsilon}


@keras.saving.register_keras_serializable(package="skrnn")
class LayerNormSimpleRNN(keras.layers.RNN):
    """Recurrent layer of :class:`LayerNormSimpleRNNCell` cells.

    Takes the same core arguments as :class:`keras.layers.SimpleRNN`, so it
    can stand in for it (the recurrent regressors use it for
    ``layer_norm=True``).

    Parameters
    ----------
    units : int
        Size of the state.
    activation : str or callable, default="tanh"
        Activation after the layer normalisation.
    dropout : float, default=0.0
        Dropout rate on the inputs.
    recurrent_dropout : float, default=0.0
        Dropout rate on the recurrent state.
    epsilon : float, default=1e-3
        Small constant of the layer normalisation.
    seed : int or None, default=None
        Seed of the dropout masks.
    **kwargs
        :class:`keras.layers.RNN` arguments (``return_sequences``,
        ``go_backwards``, ...).

    Examples
    --------
    >>> import numpy as np
    >>> from skrnn.models._layer_norm import LayerNormSimpleRNN
    >>> tuple(LayerNormSimpleRNN(3)(np.ones((2, 5, 1), dtype="float32")).shape)
    (2, 3)
    """

    def __init__(
        self,
        units: int,
        activation="tanh",
        dropout: float = 0.0,
        recurrent_dropout: float = 0.0,
        epsilon: float = 1e-3,
        seed: int | None = None,
        **kwargs,
    ):
        cell = LayerNormSimpleRNNCell(
            units,
            activation=activation,
            dropout=dropout,
            recurrent_dropout=recurrent_dropout,
            epsilon=epsilon,
            seed=seed,
            dtype=kwargs.get("dtype"),
            name="layer_norm_simple_rnn_cell",
        )
        super().__init__(cell, **kwargs)

    @property
    def units(self) -> int:
        return self.cell.units

    def get_config(self) -> dict:
        config = super().get_config()
        del config["cell"]
        return {
            **config,
            "units": self.cell.units,
            "activation": keras.activations.serialize(self.cell.activation),
            "dropout": self.cell.dropout,
            "recurrent_dropout": self.cell.recurrent_dropout,
            "epsilon": self.cell.epsilon,
            "seed": self.cell.seed,
        }

    @classmethod
    def from_config(cls, config: dict) -> LayerNormSimpleRNN:
        """Rebuild the layer from the output of :meth:`get_config`.

        Parameters
        ----------
        config : dict
            The layer's configuration, as returned by ``get_config``.

        Returns
        -------
        LayerNormSimpleRNN
            A new, unbuilt layer with that configuration.
        """
        return cls(**config)


register_cell("simple_rnn_layer_norm", LayerNormSimpleRNN)
