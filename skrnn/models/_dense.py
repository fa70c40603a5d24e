"""Dense (fully connected) window regressor: the linear baseline and an MLP."""

from __future__ import annotations

import keras

from skrnn.models._base import BaseWindowRegressor, _as_layer_sizes


class DenseRegressor(BaseWindowRegressor):
    """Flatten each window and apply dense layers.

    With ``hidden_layer_sizes=()`` (the default) this is the linear model on
    all lags of all features, the chapter's linear baseline.

    Parameters
    ----------
    hidden_layer_sizes : tuple of int, default=()
        Units of the hidden dense layers; ``()`` gives a linear model.
    activation : str, default="relu"
        Activation of the hidden layers.
    loss, optimizer, learning_rate, momentum, epochs, batch_size, \
validation_fraction, early_stopping, patience, window_norm, differences, \
target_index, \
window_norm_features, seq2seq, random_state, \
verbose, warm_start, metrics, callbacks, shuffle, **kwargs
        Training parameters, see
        :class:`~skrnn.models._base.BaseWindowRegressor`. seq2seq targets
        are not supported: a flattened window has no time axis to forecast
        from at every step.

    Examples
    --------
    >>> import numpy as np
    >>> from skrnn import DenseRegressor, make_windows
    >>> X, y = make_windows(np.arange(100.0) / 100, window_length=5)
    >>> model = DenseRegressor(epochs=2, random_state=0).fit(X, y)
    >>> model.predict(X[:2]).shape
    (2,)
    """

    _parameter_constraints: dict = {
        **BaseWindowRegressor._parameter_constraints,
        "activation": [str, callable],
    }

    def __init__(
        self,
        hidden_layer_sizes=(),
        *,
        activation="relu",
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
        self.activation = activation
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
        if return_sequences:
            raise ValueError(
                "DenseRegressor does not support seq2seq targets "
                "(n_windows, window_length, horizon); use a recurrent or "
                "convolutional regressor, or direct targets (n_windows, horizon)."
            )
        x = keras.layers.Flatten()(x)
        for units in _as_layer_sizes(self.hidden_layer_sizes, "hidden_layer_sizes"):
            x = keras.layers.Dense(units, activation=self.activation)(x)
        return x
