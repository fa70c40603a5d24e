"""Dense (fully connected) window regressor: the linear baseline and an MLP."""

from __future__ import annotations

from collections.abc import Sequence

import keras

from skrnn._contract import SEQ2SEQ
from skrnn.models._base import REGRESSOR_CONSTRAINTS, BaseWindowRegressor
from skrnn.models._checks import check_layer_sizes
from skrnn.models._docstrings import document_parameters
from skrnn.models._wrapper import LAYER_SIZES

_NO_SEQ2SEQ = (
    "DenseRegressor does not support seq2seq targets "
    "(n_windows, window_length, horizon); use a recurrent or "
    "convolutional regressor, or direct targets (n_windows, horizon)."
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

    def __init__(
        self,
        hidden_layer_sizes=(),
        *,
        activation="relu",
        loss="mse",
        optimizer="adam",
        learning_rate=1e-3,
        momentum=0.0,
        epochs=200,
        batch_size=32,
        validation_fraction=0.1,
        early_stopping=True,
        patience=10,
        window_norm="auto",
        differences=(),
        target_index=0,
        window_norm_features=False,
        seq2seq="auto",
        quantiles=None,
        random_state=None,
        verbose=0,
        warm_start=False,
        metrics=None,
        callbacks=None,
        shuffle=True,
        **kwargs,
    ):
        self._store_parameters(locals())

    def window_settings(
        self, *, target_index: int | Sequence[int], layout: str
    ) -> dict:
        """Parameters for windows whose targets are ``target_index`` in ``layout``.

        Parameters
        ----------
        target_index : int or sequence of int
            Feature column(s) of the windows that the targets are.
        layout : {"one-step", "direct"}
            Target layout; seq2seq targets are not supported.

        Returns
        -------
        dict
            ``target_index``, and ``seq2seq=False``, for ``set_params``.

        Raises
        ------
        ValueError
            For the seq2seq layout.

        Examples
        --------
        >>> from skrnn.models import DenseRegressor
        >>> DenseRegressor().window_settings(target_index=0, layout="direct")
        {'target_index': 0, 'seq2seq': False}
        """
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
