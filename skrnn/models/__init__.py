"""Window regressors: scikit-learn estimators trained on windows of a series.

The Keras-backed classes import Keras, and set up its backend, on first
access, so the naive and SARIMA regressors stay cheap to import.
"""

from __future__ import annotations

import importlib
from typing import Any

_LAZY = {
    "DenseRegressor": "skrnn.models._dense",
    "RecurrentRegressor": "skrnn.models._recurrent",
    "SimpleRNNRegressor": "skrnn.models._recurrent",
    "LSTMRegressor": "skrnn.models._recurrent",
    "GRURegressor": "skrnn.models._recurrent",
    "ConvGRURegressor": "skrnn.models._conv",
    "WaveNetRegressor": "skrnn.models._conv",
    "ReceptiveFieldWarning": "skrnn.models._conv",
    "RNNClassifier": "skrnn.models._classifier",
    "LayerNormSimpleRNN": "skrnn.models._layer_norm",
    "LayerNormSimpleRNNCell": "skrnn.models._layer_norm",
    "NaiveRegressor": "skrnn.models._naive",
    "SARIMARegressor": "skrnn.models._sarima",
    "register_cell": "skrnn.models._cells",
    "get_cell": "skrnn.models._cells",
    "load_model": "skrnn.models._persistence",
    "save_model": "skrnn.models._persistence",
    "cell_names": "skrnn.models._cells",
}

__all__ = sorted(_LAZY)


_WITHOUT_KERAS = frozenset({"skrnn.models._naive", "skrnn.models._sarima"})


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        if _LAZY[name] not in _WITHOUT_KERAS:
            importlib.import_module("skrnn.models._backend")  # Keras first
        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'skrnn.models' has no attribute {name!r}")


def __dir__() -> list[str]:
    return __all__
