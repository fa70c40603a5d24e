"""scikit-learn's estimator checks on every skrnn estimator.

``check_param_validation`` is not among the checks that
``parametrize_with_checks`` yields (scikit-learn runs it on its own
estimators only, in its own test suite), so it is run here explicitly on
every Keras estimator: each parameter has a constraint in
``_parameter_constraints`` and a value outside it fails ``fit`` and
``partial_fit`` with an ``InvalidParameterError`` naming the parameter.
"""

from __future__ import annotations

import pytest
from sklearn.linear_model import Ridge
from sklearn.utils.estimator_checks import (
    check_param_validation,
    parametrize_with_checks,
)

from skrnn.models import (
    DenseRegressor,
    GRURegressor,
    LSTMRegressor,
    NaiveRegressor,
    RecurrentRegressor,
    SARIMARegressor,
    SimpleRNNRegressor,
)
from skrnn.models._classifier import RNNClassifier
from skrnn.models._conv import ConvGRURegressor, WaveNetRegressor
from skrnn.multistep import RecursiveRegressor

# Small, fast, seeded settings for each estimator under scikit-learn's checks.
TINY = dict(epochs=1, batch_size=16, random_state=0)
KERAS_ESTIMATORS = [
    DenseRegressor(**TINY),
    SimpleRNNRegressor((4,), **TINY),
    LSTMRegressor((4,), **TINY),
    GRURegressor((4,), **TINY),
    ConvGRURegressor((4,), filters=2, kernel_size=2, strides=2, **TINY),
    WaveNetRegressor(filters=2, n_layers=2, n_blocks=1, **TINY),
    SimpleRNNRegressor((4,), layer_norm=True, **TINY),
    LSTMRegressor((4,), bidirectional=True, **TINY),
    RNNClassifier((4,), **TINY),
    RecursiveRegressor(LSTMRegressor((4,), **TINY)),
]
PLAIN_ESTIMATORS = [
    NaiveRegressor(),
    SARIMARegressor(),
    RecursiveRegressor(Ridge()),
]

KERAS_EXPECTED_FAILURES = {
    "check_estimator_tags_renamed": (
        "scikeras' BaseWrapper defines _more_tags without __sklearn_tags__; the "
        "check scans every class in the MRO, so no subclass can fix it"
    ),
    "check_methods_subset_invariance": (
        "float32 network: a batch and its subsets can differ in the last float32 "
        "bit (about 1e-7 relative), beyond the check's float64 tolerance"
    ),
    "check_methods_sample_order_invariance": (
        "float32 network: reordering a batch can change the last float32 bit "
        "(about 2e-7), beyond the check's float64 tolerance"
    ),
    "check_sample_weight_equivalence_on_dense_data": (
        "mini-batch SGD: weighting a window is not the same as repeating it"
    ),
}
RECURSIVE_EXPECTED_FAILURES = {
    "check_sample_weight_equivalence_on_dense_data": KERAS_EXPECTED_FAILURES[
        "check_sample_weight_equivalence_on_dense_data"
    ],
    "check_methods_subset_invariance": KERAS_EXPECTED_FAILURES[
        "check_methods_subset_invariance"
    ],
}


def keras_expected_failures(estimator):
    if isinstance(estimator, RecursiveRegressor):
        return RECURSIVE_EXPECTED_FAILURES
    return KERAS_EXPECTED_FAILURES


@parametrize_with_checks(PLAIN_ESTIMATORS)
def test_sklearn_compatible_plain_estimator(estimator, check):
    check(estimator)


@pytest.mark.slow
@pytest.mark.filterwarnings("ignore::skrnn.models._conv.ReceptiveFieldWarning")
@parametrize_with_checks(
    KERAS_ESTIMATORS, expected_failed_checks=keras_expected_failures
)
def test_sklearn_compatible_keras_estimator(estimator, check):
    check(estimator)


@pytest.mark.parametrize(
    "estimator",
    [
        *(e for e in KERAS_ESTIMATORS if not isinstance(e, RecursiveRegressor)),
        RecurrentRegressor((4,), cell="gru", **TINY),
    ],
    ids=lambda e: type(e).__name__,
)
def test_keras_param_validation(estimator):
    check_param_validation(type(estimator).__name__, estimator)
