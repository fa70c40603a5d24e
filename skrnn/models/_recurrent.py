"""Recurrent window regressors.

:class:`RecurrentRegressor` stacks recurrent layers of any cell of the
registry (:func:`~skrnn.models.register_cell`); :class:`SimpleRNNRegressor`,
:class:`LSTMRegressor` and :class:`GRURegressor` are the same class with
another default ``cell``.
"""

from __future__ import annotations

import inspect
import numbers
from collections.abc import Callable

import keras
from sklearn.utils._param_validation import Interval

import skrnn.models._layer_norm  # noqa: F401 (registers the layer-norm cell)
from skrnn.models._base import (
    REGRESSOR_CONSTRAINTS,
    REGRESSOR_PARAMETERS,
    BaseWindowRegressor,
)
from skrnn.models._cells import get_cell
from skrnn.models._checks import check_layer_sizes
from skrnn.models._docstrings import (
    RECURRENT_ATTRIBUTES,
    RECURRENT_LAYERS,
    RECURRENT_OPTIONS,
    document_parameters,
)
from skrnn.models._parameters import estimator_init, estimator_parameters
from skrnn.models._wrapper import LAYER_SIZES

#: Constraints of the recurrent cells' options, shared by the networks that
#: stack recurrent layers with :func:`stack_recurrent_layers`.
CELL_CONSTRAINTS: dict = {
    "activation": [str, callable],
    "dropout": [Interval(numbers.Real, 0, 1, closed="left")],
    "recurrent_dropout": [Interval(numbers.Real, 0, 1, closed="left")],
}

#: Defaults of the recurrent cells' options, in signature order.
CELL_PARAMETERS: dict = {"activation": "tanh", "dropout": 0.0, "recurrent_dropout": 0.0}


def cell_options(estimator) -> dict:
    """The recurrent cells' options of ``estimator`` (:data:`CELL_PARAMETERS`),
    as keyword arguments of the recurrent layers."""
    return {name: getattr(estimator, name) for name in CELL_PARAMETERS}


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


#: The numpydoc sections of a recurrent regressor whose default cell is
#: ``{cell}`` (the line ``%(recurrent_sections)s`` of its docstring).
_RECURRENT_SECTIONS = """\
    Parameters
    ----------
    %(recurrent_layers)s
    cell : str, default="{cell}"
        Name of the recurrent layer in the cell registry (see
        :func:`~skrnn.models.register_cell`).
    %(recurrent_options)s
    %(training_parameters)s

    Attributes
    ----------
    %(recurrent_attributes)s

    Notes
    -----
    %(contract)s
"""


#: The docstring of a recurrent regressor class ``{name}`` of default cell
#: ``{cell}`` after its summary (the line ``%(default_cell_sections)s``).
_DEFAULT_CELL_SECTIONS = """\
    The same as :class:`RecurrentRegressor` with ``cell="{cell}"``.

    %(recurrent_sections)s

    Examples
    --------
    >>> import numpy as np
    >>> from skrnn import {name}, make_windows
    >>> X, y = make_windows(np.sin(np.arange(200) / 5), window_length=10)
    >>> model = {name}((8,), epochs=2, random_state=0).fit(X, y)
    >>> model.predict(X[:3]).shape
    (3,)
"""


def _document_recurrent(cell: str, **texts: str) -> Callable[[type], type]:
    """Class decorator: fill in the docstring sections for default ``cell``."""
    return document_parameters(
        recurrent_sections=_RECURRENT_SECTIONS.replace("{cell}", cell),
        recurrent_layers=RECURRENT_LAYERS,
        recurrent_options=RECURRENT_OPTIONS,
        recurrent_attributes=RECURRENT_ATTRIBUTES,
        **texts,
    )


@estimator_parameters(
    positional={"hidden_layer_sizes": (32,), "dense_layer_sizes": ()},
    keyword={
        "cell": "simple_rnn",
        **CELL_PARAMETERS,
        "bidirectional": False,
        "layer_norm": False,
    },
    shared=REGRESSOR_PARAMETERS,
)
@_document_recurrent("simple_rnn")
class RecurrentRegressor(BaseWindowRegressor):
    """Stacked recurrent network on windows, then optional dense layers.

    The recurrent layer comes from the cell registry by name (``cell``):
    ``"simple_rnn"``, ``"lstm"``, ``"gru"``, ``"simple_rnn_layer_norm"``, or
    any layer added with :func:`~skrnn.models.register_cell`.
    :class:`SimpleRNNRegressor`, :class:`LSTMRegressor` and
    :class:`GRURegressor` are this class with another default ``cell``.

    %(recurrent_sections)s

    Examples
    --------
    >>> import keras
    >>> import numpy as np
    >>> from skrnn import make_windows
    >>> from skrnn.models import RecurrentRegressor, register_cell
    >>> register_cell("my_gru", keras.layers.GRU)
    >>> X, y = make_windows(np.sin(np.arange(200) / 5), window_length=10)
    >>> model = RecurrentRegressor((8,), cell="my_gru", epochs=2, random_state=0)
    >>> model.fit(X, y).predict(X[:3]).shape
    (3,)
    """

    _parameter_constraints: dict = {
        **REGRESSOR_CONSTRAINTS,
        "hidden_layer_sizes": LAYER_SIZES,
        "dense_layer_sizes": LAYER_SIZES,
        "cell": [str],
        **CELL_CONSTRAINTS,
        "bidirectional": ["boolean"],
        "layer_norm": ["boolean"],
    }

    def _build_body(self, x, return_sequences: bool):
        sizes = check_layer_sizes(self.hidden_layer_sizes, "hidden_layer_sizes")
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
            **cell_options(self),
        )

    def _cell_class(self) -> type[keras.layers.Layer]:
        """The registered recurrent layer class (layer-normalised if asked)."""
        if not self.layer_norm:
            return get_cell(self.cell)
        try:
            return get_cell(f"{self.cell}_layer_norm")
        except ValueError:
            raise ValueError(
                f"layer_norm=True is not available for {type(self).__name__} "
                f"(cell {self.cell!r}): no layer-normalised cell is registered as "
                f"{self.cell + '_layer_norm'!r}. The layer-normalised cell is a "
                "simple RNN cell: use SimpleRNNRegressor(layer_norm=True)."
            ) from None


def _default_cell(cell: str) -> Callable[[type], type]:
    """Class decorator: the parent's parameters with another default ``cell``.

    scikit-learn reads an estimator's parameters and their defaults from
    ``inspect.signature(cls.__init__)``. The class gets the ``__init__`` of
    :func:`~skrnn.models._parameters.estimator_init` with the parent's
    signature, only the default of ``cell`` changed, so ``get_params``,
    ``repr``, ``clone`` and the API docs see the subclass default without
    the parameter list being written out again. The docstring line
    ``%(default_cell_sections)s`` becomes the rest of the class's docstring:
    a sentence naming the default, the Parameters, Attributes and Notes
    sections of :class:`RecurrentRegressor` with that default, and an example
    of the class.

    Parameters
    ----------
    cell : str
        Default ``cell`` of the decorated class.

    Returns
    -------
    callable
        The decorator; it returns the class with its new ``__init__``.
    """

    def decorate(cls: type) -> type:
        signature = inspect.signature(super(cls, cls).__init__)
        parameters = [
            param.replace(default=cell) if param.name == "cell" else param
            for param in signature.parameters.values()
        ]
        estimator_init(cls, signature.replace(parameters=parameters))
        sections = _DEFAULT_CELL_SECTIONS.replace("{cell}", cell)
        return _document_recurrent(
            cell, default_cell_sections=sections.replace("{name}", cls.__name__)
        )(cls)

    return decorate


@_default_cell("simple_rnn")
class SimpleRNNRegressor(RecurrentRegressor):
    """Simple (Elman) RNN window regressor.

    The chapter's ``SimpleRNN(32) + Dense(1)`` is the default
    (``hidden_layer_sizes=(32,)``); ``(32, 32, 32)`` is its deep RNN;
    ``layer_norm=True`` gives its layer-normalised RNN.

    %(default_cell_sections)s
    """


@_default_cell("lstm")
class LSTMRegressor(RecurrentRegressor):
    """LSTM window regressor.

    %(default_cell_sections)s
    """


@_default_cell("gru")
class GRURegressor(RecurrentRegressor):
    """GRU window regressor.

    %(default_cell_sections)s
    """
