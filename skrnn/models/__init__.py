"""Window regressors: scikit-learn estimators trained on windows of a series."""

from skrnn.models._dense import DenseRegressor
from skrnn.models._recurrent import (
    GRURegressor,
    LSTMRegressor,
    RecurrentRegressor,
    SimpleRNNRegressor,
)

__all__ = [
    "DenseRegressor",
    "GRURegressor",
    "LSTMRegressor",
    "RecurrentRegressor",
    "SimpleRNNRegressor",
]
