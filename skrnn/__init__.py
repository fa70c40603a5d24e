"""skrnn: recurrent, convolutional, SARIMA and naive time-series models as
scikit-learn estimators.

Importing :mod:`skrnn` is cheap: the Keras-backed estimators (and Keras with
its backend) are imported the first time one of them is accessed.

Keras backend: unless the user chose one (``KERAS_BACKEND``, a backend named
in keras.json, or Keras or TensorFlow imported first), importing
:mod:`skrnn` makes JAX the backend that Keras will load; on a CPU it trains
skrnn's networks several times faster than TensorFlow.

Examples
--------
>>> import skrnn
>>> skrnn.__version__
'0.1.0.dev0'
"""

from __future__ import annotations

import importlib
import importlib.util
import json
import os
import sys
from typing import Any

__version__ = "0.1.0.dev0"

# the keras.json that Keras writes on its first import when there is none
_KERAS_WRITTEN_CONFIG = {
    "floatx": "float32",
    "epsilon": 1e-07,
    "backend": "tensorflow",
    "image_data_format": "channels_last",
}


def _keras_json_backend() -> str | None:
    """The backend a user chose in keras.json, or None.

    keras.json is read where Keras reads it (``$KERAS_HOME``, else
    ``~/.keras``, else ``/tmp/.keras``). A file identical to the one Keras
    writes by itself on its first import is nobody's choice, so it gives
    None like a missing or unreadable file.
    """
    if "KERAS_HOME" in os.environ:
        keras_dir = os.environ["KERAS_HOME"]
    else:
        home = os.path.expanduser("~")
        keras_dir = os.path.join(home if os.access(home, os.W_OK) else "/tmp", ".keras")
    try:
        with open(os.path.join(os.path.expanduser(keras_dir), "keras.json")) as f:
            config = json.load(f)
    except (OSError, ValueError):
        return None
    if not isinstance(config, dict) or config == _KERAS_WRITTEN_CONFIG:
        return None
    return config.get("backend") or None


def _default_keras_backend() -> None:
    """Make JAX the Keras backend when the user has not chosen one.

    Runs once, at ``import skrnn``, and only sets environment variables:
    ``TF_CPP_MIN_LOG_LEVEL=2`` by default (TensorFlow reads it when it
    loads), and ``KERAS_BACKEND=jax`` unless

    * Keras or TensorFlow is already imported (a loaded Keras keeps its
      backend; a TensorFlow user keeps TensorFlow's Keras),
    * ``KERAS_BACKEND`` is set,
    * keras.json names a backend (see :func:`_keras_json_backend`), or
    * JAX is not installed.

    Worker processes started later (joblib, Dask) inherit the variable, so
    they load estimators pickled here with the same backend.
    """
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
    if "keras" in sys.modules or "tensorflow" in sys.modules:
        return
    if os.environ.get("KERAS_BACKEND") or _keras_json_backend():
        return
    if importlib.util.find_spec("jax") is not None:
        os.environ["KERAS_BACKEND"] = "jax"


_default_keras_backend()

# public name -> module that defines it (imported on first access)
_LAZY = {
    "make_windows": "skrnn.windows",
    "SlidingWindowTransformer": "skrnn.windows",
    "last_window": "skrnn.windows",
    "WindowScaler": "skrnn.preprocessing",
    "LogTransformer": "skrnn.preprocessing",
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
    "LagMatrixRegressor": "skrnn.interop",
    "SeedEnsembleRegressor": "skrnn.ensemble",
    "WindowForecaster": "skrnn.forecasting",
    "Backtest": "skrnn.backtesting",
    "backtest": "skrnn.backtesting",
    "PanelWarning": "skrnn.panel",
    "dask_backend": "skrnn.parallel",
    "load_ridership": "skrnn.datasets",
    "make_sine_series": "skrnn.datasets",
    "read_wide_panel": "skrnn.datasets",
    "per_horizon_mae": "skrnn.metrics",
    "last_time_step_mse": "skrnn.metrics",
    "last_time_step_mae": "skrnn.metrics",
    "smape": "skrnn.metrics",
    "mase": "skrnn.metrics",
    "rmsse": "skrnn.metrics",
    "relative_score": "skrnn.metrics",
    "owa": "skrnn.metrics",
    "forecast_scores": "skrnn.metrics",
    "smape_scorer": "skrnn.metrics",
    "mase_scorer": "skrnn.metrics",
    "rmsse_scorer": "skrnn.metrics",
    "interval_coverage": "skrnn.metrics",
    "interval_width": "skrnn.metrics",
    "interval_score": "skrnn.metrics",
    "msis": "skrnn.metrics",
    "pinball_loss": "skrnn.metrics",
}

__all__ = ["__version__", *_LAZY]


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'skrnn' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(__all__)
