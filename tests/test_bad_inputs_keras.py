"""Bad inputs to the Keras models (issue 17): every regressor family and the
classifier.

The companion of ``tests/test_bad_inputs.py``, in its style: every case is a
call, the exception it must raise and a regex that its message must match;
the message names the parameter, says what was expected and what came. The
few inputs accepted on purpose are *conventions*, checked by what the call
returns (``CONVENTIONS``). Tiny data, one epoch and a few units keep the
file fast; a fitted model per family is shared by the cases that need one
(predicting does not change it).
"""

from __future__ import annotations

import functools
import re

import numpy as np
import pytest
from sklearn.exceptions import NotFittedError

from skrnn.models import (
    ConvGRURegressor,
    DenseRegressor,
    GRURegressor,
    LSTMRegressor,
    RNNClassifier,
    SimpleRNNRegressor,
    WaveNetRegressor,
    load_model,
)

RNG = np.random.RandomState(0)
X = RNG.rand(30, 6)  # 30 windows of 6 time steps, one feature
Y = X[:, -1] + 0.5
X_VAL, Y_VAL = X[:10], Y[:10]
LABELS = (Y.mean() < Y).astype(int)
NEGATIVE = np.r_[np.ones(3), -1.0, np.ones(26)]
STRINGS = np.array([["a"] * 6] * 30)
HUGE = np.r_[X[:-1], [[1e39] * 6]]  # beyond float32
LEVEL = 1e8 + np.arange(30.0)  # loses distinct values in float32

FAMILIES = {
    "DenseRegressor": lambda **p: DenseRegressor((4,), **p),
    "SimpleRNNRegressor": lambda **p: SimpleRNNRegressor((4,), **p),
    "LSTMRegressor": lambda **p: LSTMRegressor((4,), **p),
    "GRURegressor": lambda **p: GRURegressor((4,), **p),
    "ConvGRURegressor": lambda **p: ConvGRURegressor(
        (4,), filters=4, kernel_size=2, strides=1, **p
    ),
    "WaveNetRegressor": lambda **p: WaveNetRegressor(
        filters=4, n_layers=2, n_blocks=1, **p
    ),
}


def small(name, **params):
    return FAMILIES[name](epochs=1, batch_size=16, random_state=0, **params)


@functools.cache
def fitted(name):
    return small(name).fit(X, Y)


def classifier(**params):
    return RNNClassifier((4,), epochs=1, batch_size=16, random_state=0, **params)


@functools.cache
def fitted_classifier():
    return classifier().fit(X, LABELS)


def case(id, call, error, match, xfail=None):
    marks = () if xfail is None else pytest.mark.xfail(strict=True, reason=xfail)
    return pytest.param(call, error, match, id=id, marks=marks)


def _family_cases(name):
    return [
        case(
            f"{name}.fit-negative-sample_weight",
            lambda: small(name).fit(X, Y, sample_weight=NEGATIVE),
            ValueError,
            r"sample_weight must be non-negative, one weight >= 0 per window; got 1 "
            r"negative weight\(s\), the first -1 at position 3",
        ),
        case(
            f"{name}.fit-validation_data-3-column-target",
            lambda: small(name).fit(
                X, Y, validation_data=(X_VAL, np.column_stack([Y_VAL] * 3))
            ),
            ValueError,
            rf"validation_data targets y_val have shape \(10, 3\), but {name} was "
            r"fitted on targets y of shape \(n_windows,\): expected y_val of shape "
            r"\(10,\)",
        ),
        case(
            f"{name}.fit-validation_data-NaN",
            lambda: small(name).fit(
                X, Y, validation_data=(X_VAL, np.r_[Y_VAL[:-1], np.nan])
            ),
            ValueError,
            r"Input validation_data y_val contains NaN",
        ),
        case(
            f"{name}.predict-other-window-length",
            lambda: fitted(name).predict(RNG.rand(2, 9)),
            ValueError,
            rf"X has windows of 9 time steps with 1 feature, but {name} was fitted "
            r"on windows of 6 time steps with 1 feature",
        ),
        case(
            f"{name}.fit-beyond-float32",
            lambda: small(name).fit(HUGE, Y),
            ValueError,
            r"X has 6 value\(s\) out of float32 range.*the first is 1e\+39 at index "
            r"\(29, 0\)",
        ),
        case(
            f"{name}.fit-y-loses-float32-precision",
            lambda: small(name).fit(X, LEVEL),
            ValueError,
            r"y loses precision in float32.* 30 distinct values become \d+\. "
            r"Subtract a level .*, scale, or difference",
        ),
        case(
            f"{name}.fit-text-windows",
            lambda: small(name).fit(STRINGS, Y),
            ValueError,
            r"X must hold numeric windows \(int, float or bool\); got dtype <U1",
        ),
    ]


REGRESSOR_CASES = [case for name in FAMILIES for case in _family_cases(name)]

GENERAL_CASES = [
    case(
        "LSTMRegressor.fit-validation_data-other-window-length",
        lambda: small("LSTMRegressor").fit(X, Y, validation_data=(X_VAL[:, 1:], Y_VAL)),
        ValueError,
        r"validation_data windows X_val have shape \(10, 5\), but LSTMRegressor was "
        r"fitted on windows of shape \(n, 6\) .*: expected X_val of shape \(n, 6\)",
    ),
    case(
        "GRURegressor.fit-validation_data-other-features",
        lambda: small("GRURegressor").fit(
            X[:, :, None], Y, validation_data=(np.stack([X_VAL] * 2, axis=2), Y_VAL)
        ),
        ValueError,
        r"validation_data windows X_val have shape \(10, 6, 2\), but GRURegressor "
        r"was fitted on windows of shape \(n, 6, 1\)",
    ),
    case(
        "GRURegressor.fit-validation_data-infinite-window",
        lambda: small("GRURegressor").fit(
            X, Y, validation_data=(np.r_[X_VAL[:-1], [[np.inf] * 6]], Y_VAL)
        ),
        ValueError,
        r"Input validation_data X_val contains infinity",
    ),
    case(
        "GRURegressor.fit-validation_data-lengths",
        lambda: small("GRURegressor").fit(X, Y, validation_data=(X_VAL, Y_VAL[:-1])),
        ValueError,
        r"validation_data has 10 windows X_val but 9 targets y_val",
    ),
    case(
        "GRURegressor.fit-validation_data-not-a-pair",
        lambda: small("GRURegressor").fit(X, Y, validation_data=X_VAL),
        TypeError,
        r"validation_data must be a tuple \(X_val, y_val\) or \(X_val, y_val, "
        r"sample_weight_val\); got ndarray",
    ),
    case(
        "GRURegressor.fit-validation_data-negative-weight",
        lambda: small("GRURegressor").fit(
            X, Y, validation_data=(X_VAL, Y_VAL, -np.ones(10))
        ),
        ValueError,
        r"validation_data sample_weight_val: sample_weight must be non-negative",
    ),
    case(
        "DenseRegressor.fit-validation_data-direct-against-one-step",
        lambda: small("DenseRegressor").fit(
            X, np.column_stack([Y, Y]), validation_data=(X_VAL, Y_VAL)
        ),
        ValueError,
        r"validation_data targets y_val have shape \(10,\), but DenseRegressor was "
        r"fitted on targets y of shape \(n_windows, 2\): expected y_val of shape "
        r"\(10, 2\)",
    ),
    case(
        "LSTMRegressor.fit-sample_weight-length",
        lambda: small("LSTMRegressor").fit(X, Y, sample_weight=np.ones(7)),
        ValueError,
        r"sample_weight must have shape \(30,\), one weight per window; got shape "
        r"\(7,\)",
    ),
    case(
        "LSTMRegressor.fit-sample_weight-NaN",
        lambda: small("LSTMRegressor").fit(
            X, Y, sample_weight=np.r_[NEGATIVE[:3], np.nan, np.ones(26)]
        ),
        ValueError,
        r"Input sample_weight contains NaN",
    ),
    case(
        "LSTMRegressor.partial_fit-negative-sample_weight",
        lambda: small("LSTMRegressor").partial_fit(X, Y, sample_weight=NEGATIVE),
        ValueError,
        r"sample_weight must be non-negative",
    ),
    case(
        "LSTMRegressor.score-negative-sample_weight",
        lambda: fitted("LSTMRegressor").score(X, Y, sample_weight=NEGATIVE),
        ValueError,
        r"sample_weight must be non-negative",
    ),
    case(
        "LSTMRegressor.predict-other-features",
        lambda: fitted("LSTMRegressor").predict(np.stack([X, X], axis=2)),
        ValueError,
        r"X has windows of shape \(6, 2\), but LSTMRegressor was fitted on windows "
        r"of shape \(6,\) .*: X has windows of 6 time steps with 2 features, but "
        r"LSTMRegressor was fitted on windows of 6 time steps with 1 feature \(2-D "
        r"windows\)",
    ),
    case(
        "GRURegressor.predict-beyond-float32",
        lambda: fitted("GRURegressor").predict(HUGE[-2:]),
        ValueError,
        r"X has 6 value\(s\) out of float32 range.* at index \(1, 0\)",
    ),
    case(
        "GRURegressor.save-not-fitted",
        lambda: small("GRURegressor").save("never-written.skrnn"),
        NotFittedError,
        r"This GRURegressor instance is not fitted yet",
    ),
    case(
        "load_model-not-an-archive",
        lambda: load_model(__file__),
        ValueError,
        r"path='.*test_bad_inputs_keras\.py' is not an skrnn estimator archive",
    ),
]

CLASSIFIER_CASES = [
    case(
        "RNNClassifier.fit-negative-sample_weight",
        lambda: classifier().fit(X, LABELS, sample_weight=NEGATIVE),
        ValueError,
        r"sample_weight must be non-negative, one weight >= 0 per window; got 1 "
        r"negative weight\(s\), the first -1 at position 3",
    ),
    case(
        "RNNClassifier.fit-validation_data-unknown-label",
        lambda: classifier().fit(X, LABELS, validation_data=(X_VAL, np.full(10, 7))),
        ValueError,
        r"validation_data y_val has label\(s\) \[7\] that RNNClassifier was not "
        r"fitted on; expected labels among classes_ = \[0, 1\]",
    ),
    case(
        "RNNClassifier.fit-validation_data-other-features",
        lambda: classifier().fit(
            X[:, :, None],
            LABELS,
            validation_data=(np.stack([X_VAL] * 2, 2), LABELS[:10]),
        ),
        ValueError,
        r"validation_data \(X_val, y_val\): X has 2 features per time step, but "
        r"RNNClassifier was fitted on 1",
    ),
    case(
        "RNNClassifier.fit-validation_data-NaN",
        lambda: classifier().fit(
            X, LABELS, validation_data=(np.r_[X_VAL[:-1], [[np.nan] * 6]], LABELS[:10])
        ),
        ValueError,
        r"validation_data \(X_val, y_val\): Input X contains NaN",
    ),
    case(
        "RNNClassifier.fit-validation_data-not-a-pair",
        lambda: classifier().fit(X, LABELS, validation_data=[X_VAL]),
        TypeError,
        r"validation_data must be a tuple \(X_val, y_val\) .*; got list of 1 item",
    ),
    case(
        "RNNClassifier.predict-other-length",
        lambda: fitted_classifier().predict(X[:, :4]),
        ValueError,
        r"X has sequences of 4 time steps, but RNNClassifier was fitted on "
        r"sequences of 6 time steps with 1 feature\(s\) per step",
    ),
    case(
        "RNNClassifier.fit-beyond-float32",
        lambda: classifier().fit(HUGE, LABELS),
        ValueError,
        r"X has 6 value\(s\) out of float32 range",
    ),
]

ALL_CASES = [*REGRESSOR_CASES, *GENERAL_CASES, *CLASSIFIER_CASES]


@pytest.mark.filterwarnings("ignore::skrnn.models.ReceptiveFieldWarning")
@pytest.mark.parametrize("call, error, match", ALL_CASES)
def test_bad_input_is_refused_with_a_message_naming_it(call, error, match):
    with pytest.raises(error) as info:
        call()
    assert re.search(match, str(info.value), flags=re.DOTALL), str(info.value)


# -- documented conventions -------------------------------------------------------


def _zero_weights_drop_windows():
    # as in scikit-learn: a zero weight leaves a window out (not all of them)
    weights = np.r_[np.zeros(10), np.ones(20)]
    model = small("DenseRegressor").fit(X, Y, sample_weight=weights)
    assert np.isfinite(model.predict(X)).all()


def _float32_windows_are_taken_as_they_are():
    model = fitted("DenseRegressor")
    assert model.predict(X.astype(np.float32)).shape == (30,)


def _constant_large_level_is_accepted():
    # a constant column loses no distinct values in float32
    model = small("DenseRegressor").fit(X, np.full(30, 1e8 + 1.0))
    assert model.predict(X[:2]).shape == (2,)


def _naive_and_sarima_take_no_sample_weight():
    from skrnn.models import NaiveRegressor, SARIMARegressor

    for model in (NaiveRegressor(), SARIMARegressor()):
        with pytest.raises(TypeError, match="sample_weight"):
            model.fit(X, Y, sample_weight=np.ones(30))


CONVENTIONS = [
    pytest.param(_zero_weights_drop_windows, id="zero-weights-drop-windows"),
    pytest.param(_float32_windows_are_taken_as_they_are, id="float32-windows-as-is"),
    pytest.param(_constant_large_level_is_accepted, id="constant-large-level"),
    pytest.param(_naive_and_sarima_take_no_sample_weight, id="naive-sarima-no-weights"),
]


@pytest.mark.parametrize("check", CONVENTIONS)
def test_documented_convention(check):
    check()


def test_the_battery_is_large_enough():
    assert len(ALL_CASES) + len(CONVENTIONS) >= 40
