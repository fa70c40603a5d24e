"""SimpleRNN, LSTM and GRU window regressors."""

from __future__ import annotations

import numbers

import keras
from sklearn.utils._param_validation import Interval

from skrnn.models import _layer_norm  # noqa: F401 (registers the layer-norm cell)
from skrnn.models._base import BaseWindowRegressor, _as_layer_sizes
from skrnn.models._cells import get_cell


def stack_recurrent_layers(
    x,
    layer_class: type[keras.layers.Layer],
    sizes: tuple[int, ...],
    *,
    return_sequences: bool,
    bidirectional: bool = False,
    **layer_kwargs,
):
    """Apply recurrent layers of ``sizes`` units to the Keras tensor ``x``.

    Every layer but the last returns sequences (to feed the next one); the
    last returns sequences only when ``return_sequences`` is True. With
    ``bidirectional`` each layer is wrapped in
    :class:`keras.layers.Bidirectional`. ``layer_kwargs`` go to every layer.
    """
    for depth, units in enumerate(sizes, start=1):
        layer = layer_class(
            units,
            return_sequences=return_sequences or depth < len(sizes),
            **layer_kwargs,
        )
        if bidirectional:
            layer = keras.layers.Bidirectional(layer)
        x = layer(x)
    return x


class RecurrentRegressor(BaseWindowRegressor):
    """Stacked recurrent network on windows, then optional dense layers.

    Shared implementation of :class:`SimpleRNNRegressor`,
    :class:`LSTMRegressor` and :class:`GRURegressor`, which differ only in
    their cell (``_cell``, a key of :mod:`skrnn.models._cells`).

    Parameters
    ----------
    hidden_layer_sizes : tuple of int, default=(32,)
        Units of each recurrent layer, bottom to top.
    dense_layer_sizes : tuple of int, default=()
        Units of ReLU dense layers between the last recurrent layer and the
        linear output layer.
    activation : str, default="tanh"
        Activation of the recurrent cells.
    dropout : float, default=0.0
        Dropout rate on each recurrent layer's inputs.
    recurrent_dropout : float, default=0.0
        Dropout rate on the recurrent state.
    bidirectional : bool, default=False
        Wrap every recurrent layer in :class:`keras.layers.Bidirectional`
        (a forward and a backward pass over the window, outputs
        concatenated, so each layer has ``2 * units`` outputs). Not allowed
        with seq2seq targets: the backward pass at time step ``t`` reads the
        inputs after ``t``, which are that step's targets.
    layer_norm : bool, default=False
        Use the layer-normalised cell: layer normalisation of the linear
        combination of input and previous state, before the activation
        (:class:`~skrnn.models._layer_norm.LayerNormSimpleRNN`). Available
        for the simple RNN cell (:class:`SimpleRNNRegressor`).
    loss, optimizer, learning_rate, momentum, epochs, batch_size, \
validation_fraction, early_stopping, patience, window_norm, differences, \
target_index, \
window_norm_features, seq2seq, random_state, \
verbose, warm_start, metrics, callbacks, shuffle, **kwargs
        Training parameters, see
        :class:`~skrnn.models._base.BaseWindowRegressor`.

    Attributes
    ----------
    model_ : keras.Model
        The trained network.
    history_ : dict of list
        Loss (and ``val_loss``, metrics) per epoch.
    n_features_in_ : int
        Window length seen at fit (the second axis of ``X``).
    window_length_ : int
        Window length seen at fit.
    n_window_features_ : int
        Features per time step (1 for 2-D ``X``).
    seq2seq_ : bool
        Whether the model forecasts at every time step.
    """

    _cell = "simple_rnn"

    _parameter_constraints: dict = {
        **BaseWindowRegressor._parameter_constraints,
        "activation": [str, callable],
        "dropout": [Interval(numbers.Real, 0, 1, closed="left")],
        "recurrent_dropout": [Interval(numbers.Real, 0, 1, closed="left")],
        "bidirectional": ["boolean"],
        "layer_norm": ["boolean"],
    }

    def __init__(
        self,
        hidden_layer_sizes=(32,),
        dense_layer_sizes=(),
        *,
        activation="tanh",
        dropout=0.0,
        recurrent_dropout=0.0,
        bidirectional=False,
        layer_norm=False,
        loss="mse",
        optimizer="adam",
        learning_rate=1e-3,
        momentum=0.0,
        epochs=50,
        batch_size=32,
        validation_fraction=0.1,
        early_stopping=False,
        patience=10,
        window_norm=None,
        differences=(),
        target_index=0,
        window_norm_features=False,
        seq2seq="auto",
        random_state=None,
        verbose=0,
        warm_start=False,
        metrics=None,
        callbacks=None,
        shuffle=True,
        **kwargs,
    ):
        self.hidden_layer_sizes = hidden_layer_sizes
        self.dense_layer_sizes = dense_layer_sizes
        self.activation = activation
        self.dropout = dropout
        self.recurrent_dropout = recurrent_dropout
        self.bidirectional = bidirectional
        self.layer_norm = layer_norm
        super().__init__(
            loss=loss,
            optimizer=optimizer,
            learning_rate=learning_rate,
            momentum=momentum,
            epochs=epochs,
            batch_size=batch_size,
            validation_fraction=validation_fraction,
            early_stopping=early_stopping,
            patience=patience,
            window_norm=window_norm,
            differences=differences,
            target_index=target_index,
            window_norm_features=window_norm_features,
            seq2seq=seq2seq,
            random_state=random_state,
            verbose=verbose,
            warm_start=warm_start,
            metrics=metrics,
            callbacks=callbacks,
            shuffle=shuffle,
            **kwargs,
        )

    def _build_body(self, x, return_sequences: bool):
        sizes = _as_layer_sizes(self.hidden_layer_sizes, "hidden_layer_sizes")
        if not sizes:
            raise ValueError(
                f"{type(self).__name__} needs at least one recurrent layer; "
                "hidden_layer_sizes=() is only meaningful for DenseRegressor."
            )
        if self.bidirectional and return_sequences:
            raise ValueError(
                "bidirectional=True cannot be used with seq2seq targets "
                "(n_windows, window_length, horizon): the backward pass at time "
                "step t reads the inputs after t, which are the targets of step t. "
                "Use bidirectional=False, or one-step / direct targets."
            )
        return stack_recurrent_layers(
            x,
            self._cell_class(),
            sizes,
            return_sequences=return_sequences,
            bidirectional=self.bidirectional,
            activation=self.activation,
            dropout=self.dropout,
            recurrent_dropout=self.recurrent_dropout,
        )

    def _cell_class(self) -> type[keras.layers.Layer]:
        """The registered recurrent layer class (layer-normalised if asked)."""
        if not self.layer_norm:
            return get_cell(self._cell)
        try:
            return get_cell(f"{self._cell}_layer_norm")
        except ValueError:
            raise ValueError(
                f"layer_norm=True is not available for {type(self).__name__} "
                f"(cell {self._cell!r}); the layer-normalised cell is a simple RNN "
                "cell: use SimpleRNNRegressor(layer_norm=True)."
            ) from None


class SimpleRNNRegressor(RecurrentRegressor):
    """Simple (Elman) RNN window regressor.

    The chapter's ``SimpleRNN(32) + Dense(1)`` is the default
    (``hidden_layer_sizes=(32,)``); ``(32, 32, 32)`` is its deep RNN;
    ``layer_norm=True`` gives its layer-normalised RNN. See
    :class:`RecurrentRegressor` for the parameters.

    Examples
    --------
    >>> import numpy as np
    >>> from skrnn import SimpleRNNRegressor, make_windows
    >>> X, y = make_windows(np.sin(np.arange(200) / 5), window_length=10)
    >>> model = SimpleRNNRegressor((8,), epochs=2, random_state=0).fit(X, y)
    >>> model.predict(X[:3]).shape
    (3,)
    """

    _cell = "simple_rnn"


class LSTMRegressor(RecurrentRegressor):
    """LSTM window regressor. See :class:`RecurrentRegressor` for the parameters.

    Examples
    --------
    >>> import numpy as np
    >>> from skrnn import LSTMRegressor, make_windows
    >>> X, y = make_windows(np.sin(np.arange(200) / 5), window_length=10, horizon=3)
    >>> model = LSTMRegressor((8,), epochs=2, random_state=0).fit(X, y)
    >>> model.predict(X[:3]).shape
    (3, 3)
    """

    _cell = "lstm"


class GRURegressor(RecurrentRegressor):
    """GRU window regressor. See :class:`RecurrentRegressor` for the parameters.

    Examples
    --------
    >>> import numpy as np
    >>> from skrnn import GRURegressor, make_windows
    >>> X, y = make_windows(np.sin(np.arange(200) / 5), window_length=10)
    >>> model = GRURegressor((8,), epochs=2, random_state=0).fit(X, y)
    >>> round(model.score(X, y), 1) <= 1.0
    True
    """

    _cell = "gru"
