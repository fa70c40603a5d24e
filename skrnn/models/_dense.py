"""Dense (fully connected) window regressor: the linear baseline and an MLP."""

from __future__ import annotations

from collections.abc import Sequence

import keras

from skrnn._contract import SEQ2SEQ
from skrnn.models._base import (
    REGRESSOR_CONSTRAINTS,
    REGRESSOR_PARAMETERS,
    BaseWindowRegressor,
)
from skrnn.models._checks import check_layer_sizes
from skrnn.models._docstrings import document_parameters
from skrnn.models._parameters import estimator_parameters
from skrnn.models._wrapper import LAYER_SIZES

_NO_SEQ2SEQ = (
    "DenseRegressor does not support seq2seq targets "
    "(n_windows, window_length, horizon); use a recurrent or "
    "convolutional regressor, or direct targets (n_windows, horizon)."
)


@estimator_parameters(
    positional={"hidden_layer_sizes": ()},
    keyword={"activation": "relu"},
    shared=REGRESSOR_PARAMETERS,
)
@document_parameters()
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
    %(training_parameters)s

    Attributes
    ----------
    %(fitted_attributes)s
    n_window_features_ : int
        Features per time step (1 for 2-D ``X``).

    Notes
    -----
    seq2seq targets are not supported: a flattened window has no time axis
    to forecast from at every step (``seq2seq=True`` and seq2seq targets
    raise, and so does :meth:`window_settings` for the seq2seq layout).

    %(contract)s

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
        **REGRESSOR_CONSTRAINTS,
        "hidden_layer_sizes": LAYER_SIZES,
        "activation": [str, callable],
    }

    def window_settings(
        self, *, target_index: int | Sequence[int], layout: str
    ) -> dict:
        if layout == SEQ2SEQ:
            raise ValueError(_NO_SEQ2SEQ)
        return super().window_settings(target_index=target_index, layout=layout)

    def _build_body(self, x, return_sequences: bool):
        if return_sequences:
            raise ValueError(_NO_SEQ2SEQ)
        x = keras.layers.Flatten()(x)
        for units in check_layer_sizes(self.hidden_layer_sizes, "hidden_layer_sizes"):
            x = keras.layers.Dense(units, activation=self.activation)(x)
        return x
