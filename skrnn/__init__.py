"""skrnn: recurrent, convolutional, SARIMA and naive time-series models as
scikit-learn estimators.

Importing :mod:`skrnn` is cheap: the Keras-backed estimators (and TensorFlow)
are imported the first time one of them is accessed.

Examples
--------
>>> import skrnn
>>> skrnn.__version__
'0.1.0.dev0'
"""

from __future__ import annotations

import importlib
from typing import Any

__version__ = "0.1.0.dev0"

# public name -> module that defines it (imported on first access)
_LAZY = {
    "make_windows": "skrnn.windows",
    "SlidingWindowTransformer": "skrnn.windows",
    "last_window": "skrnn.windows",
    "DenseRegressor": "skrnn.models",
    "SimpleRNNRegressor": "skrnn.models",
    "LSTMRegressor": "skrnn.models",
    "GRURegressor": "skrnn.models",
    "ConvGRURegressor": "skrnn.models",
    "WaveNetRegressor": "skrnn.models",
    "RNNClassifier": "skrnn.models",
    "NaiveRegressor": "skrnn.models",
    "SARIMARegressor": "skrnn.models",
    "RecursiveRegressor": "skrnn.multistep",
    "WindowForecaster": "skrnn.forecasting",
    "Backtest": "skrnn.forecasting",
    "PanelWarning": "skrnn.panel",
    "dask_backend": "skrnn.parallel",
    "load_ridership": "skrnn.datasets",
    "make_sine_series": "skrnn.datasets",
    "per_horizon_mae": "skrnn.metrics",
    "last_time_step_mse": "skrnn.metrics",
    "last_time_step_mae": "skrnn.metrics",
}

__all__ = ["__version__", *_LAZY]


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'skrnn' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(__all__)
