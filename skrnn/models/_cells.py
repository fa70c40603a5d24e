"""Registry of the recurrent layers the recurrent regressors are built from.

A regressor names its cell (``"simple_rnn"``, ``"lstm"``, ``"gru"``) and the
registry returns the Keras layer class, so adding a cell is one
:func:`register_cell` call rather than another branch in the model code.
"""

from __future__ import annotations

import keras

_CELLS: dict[str, type[keras.layers.Layer]] = {
    "simple_rnn": keras.layers.SimpleRNN,
    "lstm": keras.layers.LSTM,
    "gru": keras.layers.GRU,
}


def register_cell(name: str, layer_class: type[keras.layers.Layer]) -> None:
    """Make a recurrent Keras layer class available under ``name``.

    Parameters
    ----------
    name : str
        Registry key.
    layer_class : type
        A Keras recurrent layer class accepting ``units``, ``activation``,
        ``dropout``, ``recurrent_dropout`` and ``return_sequences``.

    Examples
    --------
    >>> import keras
    >>> from skrnn.models._cells import get_cell, register_cell
    >>> register_cell("my_lstm", keras.layers.LSTM)
    >>> get_cell("my_lstm") is keras.layers.LSTM
    True
    """
    _CELLS[name] = layer_class


def get_cell(name: str) -> type[keras.layers.Layer]:
    """Return the recurrent layer class registered under ``name``."""
    try:
        return _CELLS[name]
    except KeyError:
        raise ValueError(
            f"Unknown recurrent cell {name!r}; registered cells: {sorted(_CELLS)}."
        ) from None
