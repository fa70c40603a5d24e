"""The estimators' signatures: each Keras estimator's own parameters, then the
shared ones, declared once (``skrnn.models._parameters``) and pinned here."""

from __future__ import annotations

import ast
import inspect
import re

import pytest
from sklearn.base import clone

from skrnn.models import (
    ConvGRURegressor,
    DenseRegressor,
    GRURegressor,
    LSTMRegressor,
    NaiveRegressor,
    RecurrentRegressor,
    RNNClassifier,
    SARIMARegressor,
    SimpleRNNRegressor,
    WaveNetRegressor,
)
from skrnn.models._base import (
    REGRESSOR_CONSTRAINTS,
    REGRESSOR_PARAMETERS,
    BaseWindowRegressor,
)
from skrnn.models._parameters import (
    FIT_OPTIONS,
    TRAINING_PARAMETERS,
    estimator_parameters,
)
from skrnn.models._wrapper import TRAINING_CONSTRAINTS

# the signatures as they were written out by hand, before the shared
# parameters were declared once: any change to a name, order, kind or default
# fails here
REGRESSOR_SHARED = (
    "loss='mae', optimizer='adam', learning_rate=0.001, momentum=0.0, "
    "epochs=200, batch_size=32, validation_fraction=0.2, early_stopping=True, "
    "patience=10, window_norm='auto', input_noise='auto', "
    "seasonal_baseline='auto', correction_weight='auto', differences=(), "
    "target_index=0, "
    "window_norm_features=False, seq2seq='auto', quantiles=None, "
    "random_state=None, verbose=0, warm_start=False, metrics=None, "
    "callbacks=None, shuffle=True, **kwargs"
)
RECURRENT = (
    "(hidden_layer_sizes=(32,), dense_layer_sizes=(), *, cell='{cell}', "
    "activation='tanh', dropout=0.0, recurrent_dropout=0.0, bidirectional=False, "
    f"layer_norm=False, {REGRESSOR_SHARED})"
)
SIGNATURES = {
    BaseWindowRegressor: f"(*, {REGRESSOR_SHARED})",
    DenseRegressor: (
        f"(hidden_layer_sizes=(), *, activation='relu', {REGRESSOR_SHARED})"
    ),
    RecurrentRegressor: RECURRENT.format(cell="simple_rnn"),
    SimpleRNNRegressor: RECURRENT.format(cell="simple_rnn"),
    LSTMRegressor: RECURRENT.format(cell="lstm"),
    GRURegressor: RECURRENT.format(cell="gru"),
    ConvGRURegressor: (
        "(hidden_layer_sizes=(32,), dense_layer_sizes=(), *, filters=32, "
        "kernel_size=4, strides=2, conv_activation=None, activation='tanh', "
        f"dropout=0.0, recurrent_dropout=0.0, {REGRESSOR_SHARED})"
    ),
    WaveNetRegressor: (
        "(*, filters=32, kernel_size=2, n_layers=4, n_blocks=2, activation='relu', "
        "global_average=False, "
        f"dense_layer_sizes=(), {REGRESSOR_SHARED})"
    ),
    RNNClassifier: (
        "(hidden_layer_sizes=(32,), dense_layer_sizes=(), *, cell='lstm', "
        "bidirectional=False, encoding='auto', embedding_dim=16, "
        "vocabulary_size=None, padding='post', pad_value=0.0, activation='tanh', "
        "dropout=0.0, recurrent_dropout=0.0, optimizer='adam', learning_rate=0.001, "
        "momentum=0.0, epochs=50, batch_size=32, validation_fraction=0.1, "
        "early_stopping=False, patience=10, random_state=None, verbose=0, "
        "warm_start=False, metrics=None, callbacks=None, shuffle=True, **kwargs)"
    ),
}
KERAS_ESTIMATORS = list(SIGNATURES)
PUBLIC = [cls for cls in KERAS_ESTIMATORS if cls is not BaseWindowRegressor]


@pytest.mark.parametrize("cls", KERAS_ESTIMATORS, ids=lambda cls: cls.__name__)
def test_signature_is_pinned(cls):
    assert str(inspect.signature(cls)) == SIGNATURES[cls]


@pytest.mark.parametrize("cls", KERAS_ESTIMATORS, ids=lambda cls: cls.__name__)
def test_signature_ends_with_the_shared_parameters(cls):
    shared = (
        {**TRAINING_PARAMETERS, "epochs": 50, "early_stopping": False, **FIT_OPTIONS}
        if cls is RNNClassifier
        else REGRESSOR_PARAMETERS
    )
    parameters = list(inspect.signature(cls).parameters.values())
    tail = parameters[-len(shared) - 1 : -1]
    assert [(p.name, p.default) for p in tail] == list(shared.items())
    assert {p.kind for p in tail} == {inspect.Parameter.KEYWORD_ONLY}
    assert parameters[-1].kind is inspect.Parameter.VAR_KEYWORD
    assert set(cls._parameter_constraints) == {p.name for p in parameters[:-1]}


def test_the_shared_parameters_are_those_constrained():
    assert list({**TRAINING_PARAMETERS, **FIT_OPTIONS}) == list(TRAINING_CONSTRAINTS)
    assert set(REGRESSOR_PARAMETERS) == set(REGRESSOR_CONSTRAINTS)


@pytest.mark.parametrize("cls", PUBLIC, ids=lambda cls: cls.__name__)
def test_init_stores_the_arguments_as_given(cls):
    signature = inspect.signature(cls)
    model = cls(epochs=3, optimizer__nesterov=True)
    expected = {
        name: p.default
        for name, p in signature.parameters.items()
        if p.kind is not p.VAR_KEYWORD
    }
    expected["epochs"] = 3
    params = model.get_params()
    assert params.pop("optimizer__nesterov") is True
    assert params == expected
    assert all(params[name] is expected[name] for name in expected)
    assert clone(model).get_params() == model.get_params()


def test_init_takes_positional_model_parameters_only():
    model = RecurrentRegressor((8,), (4,), cell="gru")
    assert (model.hidden_layer_sizes, model.dense_layer_sizes) == ((8,), (4,))
    assert LSTMRegressor((8,)).cell == "lstm"
    with pytest.raises(TypeError):
        DenseRegressor((), "relu")
    with pytest.raises(TypeError):
        LSTMRegressor((8,), hidden_layer_sizes=(4,))


def test_unknown_arguments_are_kept_to_be_refused_at_fit():
    model = DenseRegressor(epoch=3)
    assert model.get_params()["epoch"] == 3
    with pytest.raises(TypeError, match="unknown parameter"):
        model.fit([[0.0, 1.0]] * 8, [0.0] * 8)


def test_estimator_parameters_builds_the_signature():
    class Stored:
        def _store_parameters(self, arguments):
            self.arguments = dict(arguments)

    @estimator_parameters(
        positional={"units": 32}, keyword={"rate": 0.1}, shared={"epochs": 200}
    )
    class Model(Stored):
        pass

    assert (
        str(inspect.signature(Model)) == "(units=32, *, rate=0.1, epochs=200, **kwargs)"
    )
    assert Model.__init__.__qualname__.endswith("Model.__init__")
    model = Model(8, fit__verbose=1)
    assert list(model.arguments) == ["self", "units", "rate", "epochs", "kwargs"]
    assert model.arguments["units"] == 8
    assert model.arguments["kwargs"] == {"fit__verbose": 1}
    with pytest.raises(ValueError, match="duplicate"):
        estimator_parameters(keyword={"epochs": 1}, shared={"epochs": 200})


def _documented_defaults(cls) -> dict:
    numpydoc = pytest.importorskip("numpydoc.docscrape")
    documented = {}
    for entry in numpydoc.NumpyDocString(inspect.getdoc(cls))["Parameters"]:
        match = re.search(r"default=(.+)$", entry.type)
        if match:
            documented[entry.name] = ast.literal_eval(match.group(1))
    return documented


@pytest.mark.parametrize(
    "cls", [*PUBLIC, NaiveRegressor, SARIMARegressor], ids=lambda cls: cls.__name__
)
def test_documented_defaults_are_the_signature_defaults(cls):
    defaults = {
        name: p.default
        for name, p in inspect.signature(cls).parameters.items()
        if p.default is not p.empty
    }
    documented = _documented_defaults(cls)
    assert set(documented) == set(defaults)
    assert documented == defaults
