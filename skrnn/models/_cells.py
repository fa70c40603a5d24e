"""Registry of the recurrent layers the recurrent models are built from.

A model names its cell (``cell="simple_rnn"``, ``"lstm"``, ``"gru"``) and the
registry returns the Keras layer class, so adding a cell is one
:func:`register_cell` call rather than another branch in the model code. The
recurrent regressors (:class:`~skrnn.models.RecurrentRegressor` and its
subclasses) and :class:`~skrnn.models.RNNClassifier` share it.
"""

from __future__ import annotations

import importlib

import keras

__all__ = ["cell_names", "get_cell", "register_cell"]

_CELLS: dict[str, type[keras.layers.Layer]] = {
    "simple_rnn": keras.layers.SimpleRNN,
    "lstm": keras.layers.LSTM,
    "gru": keras.layers.GRU,
}


def register_cell(name: str, layer_class: type[keras.layers.Layer]) -> None:
    """Make a recurrent Keras layer class available as ``cell=name``.

    Registering ``"<name>_layer_norm"`` too makes ``layer_norm=True``
    available for the cell.

    Parameters
    ----------
    name : str
        Registry key, the value of the models' ``cell`` parameter.
    layer_class : type
        A Keras recurrent layer class accepting ``units``, ``activation``,
        ``dropout``, ``recurrent_dropout`` and ``return_sequences``.

    Raises
    ------
    TypeError
        If ``name`` is not a str or ``layer_class`` is not a Keras layer
        class.

    Examples
    --------
    >>> import keras
    >>> from skrnn.models import get_cell, register_cell
    >>> register_cell("my_lstm", keras.layers.LSTM)
    >>> get_cell("my_lstm") is keras.layers.LSTM
    True
    """
    if not isinstance(name, str):
        raise TypeError(f"name must be a str, got {name!r} ({type(name).__name__}).")
    if not (
        isinstance(layer_class, type) and issubclass(layer_class, keras.layers.Layer)
    ):
        raise TypeError(
            "layer_class must be a Keras layer class (a subclass of "
            f"keras.layers.Layer, e.g. keras.layers.GRU), got {layer_class!r}."
        )
    _CELLS[name] = layer_class


def get_cell(name: str) -> type[keras.layers.Layer]:
    """Return the recurrent layer class registered under ``name``.

    Parameters
    ----------
    name : str
        Registry key.

    Returns
    -------
    type
        The Keras layer class.

    Raises
    ------
    ValueError
        If no layer is registered under ``name`` (the message lists the
        registered names).

    Examples
    --------
    >>> from skrnn.models import get_cell
    >>> get_cell("gru").__name__
    'GRU'
    """
    try:
        return _builtin_cells()[name]
    except KeyError:
        raise ValueError(
            f"Unknown recurrent cell {name!r}; registered cells: {sorted(_CELLS)}. "
            "Add one with skrnn.models.register_cell(name, layer_class)."
        ) from None


def cell_names() -> list[str]:
    """The registered cell names.

    Returns
    -------
    list of str
        Sorted names.

    Examples
    --------
    >>> from skrnn.models import cell_names
    >>> {"gru", "lstm", "simple_rnn"} <= set(cell_names())
    True
    """
    return sorted(_builtin_cells())


def _builtin_cells() -> dict[str, type[keras.layers.Layer]]:
    """The registry, with the layer-normalised simple RNN cell registered."""
    importlib.import_module("skrnn.models._layer_norm")
    return _CELLS
