"""Behaviour of the Keras window regressors beyond scikit-learn's checks."""

from __future__ import annotations

import pickle
import warnings

import joblib
import keras
import numpy as np
import pytest
from sklearn.base import clone, is_regressor
from sklearn.exceptions import NotFittedError
from sklearn.model_selection import GridSearchCV, TimeSeriesSplit
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import FunctionTransformer
from sklearn.utils._param_validation import InvalidParameterError

from skrnn.models import (
    ConvGRURegressor,
    DenseRegressor,
    GRURegressor,
    LSTMRegressor,
    ReceptiveFieldWarning,
    RecurrentRegressor,
    RNNClassifier,
    SimpleRNNRegressor,
    WaveNetRegressor,
    cell_names,
    get_cell,
    register_cell,
)
from skrnn.models._base import BaseWindowRegressor
from skrnn.models._wrapper import KerasWrapper

ALL = [DenseRegressor, SimpleRNNRegressor, LSTMRegressor, GRURegressor]
RECURRENT = [SimpleRNNRegressor, LSTMRegressor, GRURegressor]


def _small(cls, **params):
    layers = () if cls is DenseRegressor else (4,)
    return cls(layers, epochs=2, batch_size=16, random_state=0, **params)


@pytest.fixture(scope="module")
def sine_windows():
    """Univariate windows of a noisy sine: X (180, 12), y (180,)."""
    rng = np.random.RandomState(0)
    series = np.sin(np.arange(204) / 4.0) + 0.05 * rng.randn(204)
    X = np.lib.stride_tricks.sliding_window_view(series[:-1], 12)[:180]
    y = series[12:192]
    return X.copy(), y.copy()


@pytest.mark.parametrize("cls", ALL)
def test_is_regressor_with_tags(cls):
    est = cls()
    assert is_regressor(est)
    tags = est.__sklearn_tags__()
    assert tags.input_tags.three_d_array
    assert tags.target_tags.multi_output


@pytest.mark.parametrize("cls", ALL)
def test_output_shapes_follow_y(cls, sine_windows):
    X, y = sine_windows
    assert _small(cls).fit(X, y).predict(X[:5]).shape == (5,)
    Y = np.stack([y, 2 * y, 3 * y], axis=1)
    assert _small(cls).fit(X, Y).predict(X[:5]).shape == (5, 3)
    X3 = np.stack([X, -X], axis=2)  # (n, 12, 2)
    Y3 = np.stack([Y, -Y], axis=2)  # (n, 3, 2): horizon 3, two targets
    pred = _small(cls).fit(X3, Y3).predict(X3[:5])
    assert pred.shape == (5, 3, 2)
    assert pred.dtype == np.float64


@pytest.mark.parametrize("cls", RECURRENT)
def test_seq2seq_targets(cls, sine_windows):
    X, _ = sine_windows
    length = X.shape[1]
    Y = np.stack([np.roll(X, -k, axis=1) for k in range(1, 4)], axis=2)  # (n, L, 3)
    model = _small(cls).fit(X, Y)
    assert model.seq2seq_
    assert model.predict(X[:4]).shape == (4, 3)
    full = model.predict(X[:4], return_sequences=True)
    assert full.shape == (4, length, 3)
    np.testing.assert_array_equal(full[:, -1], model.predict(X[:4]))
    assert np.isfinite(model.score(X, Y))


def test_dense_rejects_seq2seq(sine_windows):
    X, _ = sine_windows
    Y = np.zeros((len(X), X.shape[1], 2))
    with pytest.raises(ValueError, match="DenseRegressor does not support seq2seq"):
        _small(DenseRegressor).fit(X, Y)


def test_seq2seq_true_needs_sequence_targets(sine_windows):
    X, y = sine_windows
    with pytest.raises(ValueError, match="seq2seq=True needs y of shape"):
        _small(GRURegressor, seq2seq=True).fit(X, y)


def test_learns_linear_signal():
    rng = np.random.RandomState(0)
    X = rng.rand(400, 6)
    y = X @ np.linspace(-1, 1, 6)
    model = DenseRegressor(
        loss="mse",  # exact data: the squared error's gradient vanishes at the fit
        epochs=80,
        learning_rate=0.1,
        batch_size=400,
        random_state=0,
        early_stopping=False,
        window_norm=None,  # X is not a series: y is linear in raw levels
    )
    model.fit(X, y)
    assert model.score(X, y) > 0.99


@pytest.mark.parametrize("cls", ALL)
def test_same_random_state_same_predictions(cls, sine_windows):
    X, y = sine_windows
    a = _small(cls).fit(X, y).predict(X)
    b = _small(cls).fit(X, y).predict(X)
    np.testing.assert_array_equal(a, b)
    c = _small(cls).set_params(random_state=1).fit(X, y).predict(X)
    assert not np.array_equal(a, c)


def test_unseeded_fit_after_seeded_fit_works(sine_windows):
    # scikeras' own seeding leaves TF op-determinism on, which breaks later
    # unseeded fits; the estimators here seed on their own.
    X, y = sine_windows
    _small(LSTMRegressor).fit(X, y)
    _small(LSTMRegressor).set_params(random_state=None).fit(X, y)
    from tensorflow.python.framework import config

    assert not config.is_op_determinism_enabled()


def test_seeded_fit_leaves_global_numpy_stream_alone(sine_windows):
    X, y = sine_windows
    np.random.seed(123)
    expected = np.random.rand()
    np.random.seed(123)
    _small(GRURegressor).fit(X, y)
    assert np.random.rand() == expected


@pytest.mark.parametrize("cls", [DenseRegressor, LSTMRegressor])
def test_pickle_and_joblib_round_trip(cls, sine_windows, tmp_path):
    X, y = sine_windows
    model = _small(cls).fit(X, y)
    expected = model.predict(X)
    np.testing.assert_array_equal(
        pickle.loads(pickle.dumps(model)).predict(X), expected
    )
    joblib.dump(model, tmp_path / "model.joblib")
    np.testing.assert_array_equal(
        joblib.load(tmp_path / "model.joblib").predict(X), expected
    )


def test_clone_gives_unfitted_copy_with_same_params(sine_windows):
    X, y = sine_windows
    model = _small(LSTMRegressor, dropout=0.1).fit(X, y)
    copy = clone(model)
    assert copy.get_params() == model.get_params()
    assert not hasattr(copy, "model_")


def test_inputs_not_modified(sine_windows):
    X, y = sine_windows
    X_before, y_before = X.copy(), y.copy()
    X_read_only = X.copy()
    X_read_only.flags.writeable = False
    model = _small(GRURegressor, early_stopping=True, validation_fraction=0.2)
    model.fit(X_read_only, y)
    model.predict(X)
    model.score(X, y)
    np.testing.assert_array_equal(X, X_before)
    np.testing.assert_array_equal(y, y_before)


def test_pipeline_with_scaler(sine_windows):
    X, y = sine_windows
    pipe = make_pipeline(FunctionTransformer(lambda w: w * 2.0), _small(LSTMRegressor))
    pipe.fit(X, y)
    assert pipe.predict(X[:7]).shape == (7,)


@pytest.mark.slow
@pytest.mark.parametrize("n_jobs", [1, 2])
def test_grid_search_over_layer_sizes(sine_windows, n_jobs):
    X, y = sine_windows
    search = GridSearchCV(
        LSTMRegressor(epochs=2, batch_size=32, random_state=0),
        {"hidden_layer_sizes": [(16,), (32, 32)]},
        cv=TimeSeriesSplit(3),
        n_jobs=n_jobs,
    )
    search.fit(X, y)
    assert search.best_params_["hidden_layer_sizes"] in [(16,), (32, 32)]
    assert len(search.best_estimator_.model_.layers) > 2
    assert search.cv_results_["mean_test_score"].shape == (2,)
    test_grid_search_over_layer_sizes.scores[n_jobs] = search.cv_results_[
        "mean_test_score"
    ]
    if len(test_grid_search_over_layer_sizes.scores) == 2:
        np.testing.assert_allclose(*test_grid_search_over_layer_sizes.scores.values())


test_grid_search_over_layer_sizes.scores = {}


def test_early_stopping_split_drops_straddling_windows():
    model = _small(GRURegressor, early_stopping=True, validation_fraction=0.25)
    X = np.arange(100 * 5, dtype=np.float32).reshape(100, 5)
    y = np.arange(100, dtype=np.float32)
    model.window_length_, model.seq2seq_ = 5, False
    X_train, y_train, _, (X_val, y_val) = model._time_ordered_split(X, y, None)
    assert len(X_val) == 25
    assert len(X_train) == 100 - 25 - 5
    # the first validation window starts after the last training target
    assert y_val[0] - y_train[-1] == 6


def test_early_stopping_restores_and_stops(sine_windows):
    X, y = sine_windows
    model = _small(
        GRURegressor, early_stopping=True, patience=0, validation_fraction=0.2
    ).set_params(epochs=30, learning_rate=0.5)
    model.fit(X, y)
    assert "val_loss" in model.history_
    assert len(model.history_["loss"]) < 30


def test_too_few_windows_for_early_stopping_train_the_budget_with_a_warning():
    X, y = np.random.rand(8, 8), np.random.rand(8)
    with pytest.warns(UserWarning, match="8 windows are too few .* without early"):
        model = _small(LSTMRegressor, early_stopping=True).fit(X, y)
    assert len(model.history_["loss"]) == 2  # epochs=2, nothing held out
    assert "val_loss" not in model.history_


def test_optimizer_learning_rate_and_momentum(sine_windows):
    X, y = sine_windows
    model = _small(
        SimpleRNNRegressor, optimizer="sgd", learning_rate=0.02, momentum=0.9
    )
    model.fit(X, y)
    assert model.model_.optimizer.__class__.__name__ == "SGD"
    assert float(model.model_.optimizer.momentum) == pytest.approx(0.9)
    assert float(model.model_.optimizer.learning_rate) == pytest.approx(0.02)
    with pytest.raises(ValueError, match="momentum=0.9 has no effect"):
        _small(SimpleRNNRegressor, momentum=0.9).fit(X, y)


def test_huber_loss_and_routed_optimizer_param(sine_windows):
    X, y = sine_windows
    model = _small(
        LSTMRegressor, loss="huber", optimizer="sgd", optimizer__nesterov=True
    )
    model.fit(X, y)
    assert model.model_.optimizer.nesterov


@pytest.mark.parametrize(
    ("params", "match"),
    [
        ({"loss": "hinge"}, "'loss' parameter"),
        ({"epochs": 0}, "'epochs' parameter"),
        ({"learning_rate": -1.0}, "'learning_rate' parameter"),
        ({"hidden_layer_sizes": (4, 0)}, "hidden_layer_sizes must be a tuple"),
        ({"hidden_layer_sizes": ()}, "needs at least one recurrent layer"),
        ({"dropout": 1.5}, "'dropout' parameter"),
        ({"hiden_layer_sizes": (3,)}, "unknown parameter"),
    ],
)
def test_bad_parameters(params, match, sine_windows):
    X, y = sine_windows
    with pytest.raises((ValueError, TypeError), match=match):
        GRURegressor(**{"epochs": 1, **params}).fit(X, y)


@pytest.mark.parametrize(
    ("X_bad", "match"),
    [
        (np.zeros(10), "X must be 2-D windows"),
        (np.zeros((4, 3, 2, 1)), "X must be 2-D windows"),
        (np.full((4, 12), np.nan), "NaN"),
        (np.full((4, 12), np.inf), "infinity"),
        (np.array([["a"] * 12] * 4), "could not convert|argument must be"),
    ],
)
def test_bad_windows(X_bad, match):
    with pytest.raises(ValueError, match=match):
        _small(LSTMRegressor).fit(X_bad, np.zeros(len(X_bad)))


def test_feature_drift_and_predict_before_fit(sine_windows):
    X, y = sine_windows
    with pytest.raises(NotFittedError):
        _small(LSTMRegressor).predict(X)
    model = _small(LSTMRegressor).fit(X, y)
    with pytest.raises(ValueError, match="X has 11 features, but LSTMRegressor"):
        model.predict(X[:, 1:])
    with pytest.raises(ValueError, match="fitted on windows of shape"):
        model.predict(np.stack([X, X], axis=2))
    with pytest.raises(ValueError, match="requires y to be passed"):
        _small(LSTMRegressor).fit(X, None)


# -- extending and configuring the Keras family ---------------------------------


class TaggedGRU(keras.layers.GRU):
    """A GRU layer that the tests can find in a built model."""


def test_register_cell_adds_a_cell_to_regressors_and_classifier(sine_windows):
    X, y = sine_windows
    register_cell("tagged_gru", TaggedGRU)
    assert get_cell("tagged_gru") is TaggedGRU
    assert "tagged_gru" in cell_names()
    model = RecurrentRegressor((4,), cell="tagged_gru", epochs=1, random_state=0)
    assert any(isinstance(layer, TaggedGRU) for layer in model.fit(X, y).model_.layers)
    lstm = _small(LSTMRegressor, cell="tagged_gru").fit(X, y)
    assert any(isinstance(layer, TaggedGRU) for layer in lstm.model_.layers)
    clf = RNNClassifier((4,), cell="tagged_gru", epochs=1, random_state=0)
    clf.fit(X, (y > 0).astype(int))
    assert any(isinstance(layer, TaggedGRU) for layer in clf.model_.layers)


def test_register_cell_layer_norm_variant(sine_windows):
    X, y = sine_windows
    register_cell("tagged", TaggedGRU)
    with pytest.raises(ValueError, match="no layer-normalised cell is registered"):
        RecurrentRegressor((4,), cell="tagged", layer_norm=True, epochs=1).fit(X, y)
    register_cell("tagged_layer_norm", keras.layers.LSTM)
    model = RecurrentRegressor((4,), cell="tagged", layer_norm=True, epochs=1)
    layers = model.fit(X, y).model_.layers
    assert any(type(layer) is keras.layers.LSTM for layer in layers)


def test_register_cell_rejects_bad_input():
    with pytest.raises(TypeError, match="layer_class must be a Keras layer class"):
        register_cell("bad", object)
    with pytest.raises(TypeError, match="name must be a str"):
        register_cell(3, keras.layers.GRU)
    with pytest.raises(ValueError, match="Unknown recurrent cell 'nope'.*'gru'"):
        get_cell("nope")


@pytest.mark.parametrize(
    ("cls", "cell"),
    [
        (RecurrentRegressor, "simple_rnn"),
        (SimpleRNNRegressor, "simple_rnn"),
        (LSTMRegressor, "lstm"),
        (GRURegressor, "gru"),
    ],
)
def test_recurrent_regressors_differ_only_in_default_cell(cls, cell):
    assert cls().cell == cell
    assert issubclass(cls, RecurrentRegressor)
    params = cls().get_params()
    assert params == {**RecurrentRegressor().get_params(), "cell": cell}


def test_one_training_loop():
    for cls in (BaseWindowRegressor, RNNClassifier, *ALL, ConvGRURegressor):
        assert cls._fit_keras_model is KerasWrapper._fit_keras_model


@pytest.mark.parametrize(
    "model",
    [
        RecurrentRegressor((4,), epochs=1),
        ConvGRURegressor((4,), filters=2, epochs=1),
        WaveNetRegressor(filters=2, n_layers=2, n_blocks=1, epochs=1),
        DenseRegressor(epochs=1),
    ],
    ids=lambda m: type(m).__name__,
)
def test_graph_builders_set_no_attributes(model, sine_windows, monkeypatch):
    X, y = sine_windows
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ReceptiveFieldWarning)
        model.fit(X, y)
        assigned = []

        def record(self, name, value):
            assigned.append(name)
            object.__setattr__(self, name, value)

        monkeypatch.setattr(type(model), "__setattr__", record)
        model._keras_build_fn(model._get_compile_kwargs())
    assert assigned == []


@pytest.mark.parametrize(
    ("cls", "param"),
    [
        (DenseRegressor, "hidden_layer_sizes"),
        (RecurrentRegressor, "hidden_layer_sizes"),
        (LSTMRegressor, "dense_layer_sizes"),
        (ConvGRURegressor, "hidden_layer_sizes"),
        (ConvGRURegressor, "dense_layer_sizes"),
        (WaveNetRegressor, "dense_layer_sizes"),
        (RNNClassifier, "hidden_layer_sizes"),
        (RNNClassifier, "dense_layer_sizes"),
        (GRURegressor, "metrics"),
        (RNNClassifier, "metrics"),
        (GRURegressor, "callbacks"),
        (RNNClassifier, "callbacks"),
        (GRURegressor, "cell"),
    ],
)
def test_new_parameter_constraints(cls, param, sine_windows):
    X, y = sine_windows
    model = cls(epochs=1).set_params(**{param: object()})
    with pytest.raises(InvalidParameterError, match=f"'{param}' parameter of"):
        model.fit(X, (y > 0).astype(int) if cls is RNNClassifier else y)


@pytest.mark.parametrize(
    ("param", "value"),
    [
        ("hidden_layer_sizes", 4),
        ("hidden_layer_sizes", [4, 2]),
        ("hidden_layer_sizes", np.array([4])),
        ("dense_layer_sizes", (3,)),
        ("metrics", ["mae"]),
        ("metrics", "mae"),
        ("metrics", ("mae",)),
        ("metrics", {"head": "mae"}),
        ("callbacks", [keras.callbacks.TerminateOnNaN()]),
        ("callbacks", keras.callbacks.TerminateOnNaN()),
    ],
)
def test_parameter_constraints_accept_valid_values(param, value, sine_windows):
    X, y = sine_windows
    model = _small(LSTMRegressor).set_params(**{param: value}).fit(X, y)
    assert model.get_params()[param] is value
    assert model.predict(X[:2]).shape == (2,)


@pytest.mark.parametrize(
    "cls",
    [*ALL, RecurrentRegressor, ConvGRURegressor, WaveNetRegressor, RNNClassifier],
)
def test_every_parameter_has_a_constraint(cls):
    assert set(cls._parameter_constraints) == set(cls().get_params())
