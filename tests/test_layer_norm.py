"""Layer-normalised recurrent cell and the bidirectional / layer_norm options."""

from __future__ import annotations

import pickle

import joblib
import keras
import numpy as np
import pytest

from skrnn.models._layer_norm import LayerNormSimpleRNN, LayerNormSimpleRNNCell
from skrnn.models._recurrent import GRURegressor, LSTMRegressor, SimpleRNNRegressor


@pytest.fixture(scope="module")
def sine_windows():
    """Univariate windows of a noisy sine: X (150, 10), y (150,), Y (150, 10, 2)."""
    rng = np.random.RandomState(0)
    series = np.sin(np.arange(200) / 4.0) + 0.05 * rng.randn(200)
    X = np.lib.stride_tricks.sliding_window_view(series[:-2], 10)[:150].copy()
    y = series[10:160].copy()
    Y = np.stack([np.roll(X, -k, axis=1) for k in (1, 2)], axis=2)
    return X, y, Y


def _layer_norm(z, gamma, beta, epsilon):
    mean = z.mean(axis=-1, keepdims=True)
    var = z.var(axis=-1, keepdims=True)
    return gamma * (z - mean) / np.sqrt(var + epsilon) + beta


def test_layer_matches_hand_built_loop():
    rng = np.random.RandomState(0)
    x = rng.randn(3, 6, 2).astype("float32")
    layer = LayerNormSimpleRNN(4, return_sequences=True, epsilon=1e-3)
    out = np.asarray(layer(x))
    cell = layer.cell
    # non-trivial normalisation parameters
    cell.layer_norm.gamma.assign(rng.rand(4).astype("float32") + 0.5)
    cell.layer_norm.beta.assign(rng.randn(4).astype("float32"))
    out = np.asarray(layer(x))
    W, U = cell.kernel.numpy(), cell.recurrent_kernel.numpy()
    gamma, beta = cell.layer_norm.gamma.numpy(), cell.layer_norm.beta.numpy()
    h = np.zeros((3, 4))
    expected = []
    for t in range(6):
        h = np.tanh(_layer_norm(x[:, t] @ W + h @ U, gamma, beta, 1e-3))
        expected.append(h)
    np.testing.assert_allclose(out, np.stack(expected, axis=1), atol=1e-5)
    assert cell.bias is None  # the normalisation's beta is the offset


def test_cell_dropout_only_in_training():
    x = np.ones((2, 5, 3), dtype="float32")
    layer = keras.layers.RNN(LayerNormSimpleRNNCell(4, dropout=0.5, seed=1))
    a = np.asarray(layer(x, training=False))
    np.testing.assert_array_equal(a, np.asarray(layer(x, training=False)))
    assert not np.allclose(a, np.asarray(layer(x, training=True)))


def test_layer_config_round_trip():
    layer = LayerNormSimpleRNN(
        5, activation="relu", dropout=0.1, epsilon=1e-4, return_sequences=True
    )
    clone = LayerNormSimpleRNN.from_config(layer.get_config())
    assert clone.units == 5
    assert clone.return_sequences
    assert clone.cell.epsilon == 1e-4
    assert clone.cell.dropout == 0.1
    assert keras.activations.serialize(clone.cell.activation) == "relu"


def _small(cls, **params):
    return cls((4,), epochs=2, batch_size=16, random_state=0, **params)


@pytest.mark.parametrize("target", ["one_step", "direct", "seq2seq"])
def test_layer_norm_regressor_targets(sine_windows, target):
    X, y, Y = sine_windows
    targets = {"one_step": y, "direct": Y[:, -1, :], "seq2seq": Y}
    model = _small(SimpleRNNRegressor, layer_norm=True).fit(X, targets[target])
    assert any(isinstance(layer, LayerNormSimpleRNN) for layer in model.model_.layers)
    expected = {"one_step": (5,), "direct": (5, 2), "seq2seq": (5, 2)}[target]
    assert model.predict(X[:5]).shape == expected
    assert np.isfinite(model.score(X, targets[target]))


def test_layer_norm_changes_the_network(sine_windows):
    X, y, _ = sine_windows
    plain = _small(SimpleRNNRegressor).fit(X, y)
    normed = _small(SimpleRNNRegressor, layer_norm=True).fit(X, y)
    assert not any(
        isinstance(layer, LayerNormSimpleRNN) for layer in plain.model_.layers
    )
    assert not np.allclose(plain.predict(X), normed.predict(X))


@pytest.mark.parametrize("bidirectional", [False, True])
def test_layer_norm_round_trips(sine_windows, tmp_path, bidirectional):
    X, y, _ = sine_windows
    model = SimpleRNNRegressor(
        (4, 3),
        layer_norm=True,
        bidirectional=bidirectional,
        dropout=0.1,
        epochs=2,
        random_state=0,
        window_norm=None,  # the saved network alone reproduces predict
    ).fit(X, y)
    expected = model.predict(X)
    np.testing.assert_array_equal(
        pickle.loads(pickle.dumps(model)).predict(X), expected
    )
    joblib.dump(model, tmp_path / "model.joblib")
    np.testing.assert_array_equal(
        joblib.load(tmp_path / "model.joblib").predict(X), expected
    )
    model.model_.save(tmp_path / "model.keras")
    loaded = keras.models.load_model(tmp_path / "model.keras")
    np.testing.assert_array_equal(
        np.asarray(loaded.predict_on_batch(X.astype("float32"))).ravel(), expected
    )


@pytest.mark.parametrize("cls", [LSTMRegressor, GRURegressor])
def test_layer_norm_needs_simple_rnn(sine_windows, cls):
    X, y, _ = sine_windows
    with pytest.raises(ValueError, match="layer_norm=True is not available"):
        _small(cls, layer_norm=True).fit(X, y)


@pytest.mark.parametrize("cls", [SimpleRNNRegressor, LSTMRegressor, GRURegressor])
def test_bidirectional_wraps_every_layer(sine_windows, cls):
    X, _, Y = sine_windows
    model = cls((4, 3), bidirectional=True, epochs=1, random_state=0).fit(X, Y[:, -1])
    wrapped = [
        layer
        for layer in model.model_.layers
        if isinstance(layer, keras.layers.Bidirectional)
    ]
    assert len(wrapped) == 2
    assert wrapped[0].backward_layer.go_backwards
    assert wrapped[-1].output.shape[-1] == 2 * 3  # forward + backward states
    assert model.predict(X[:3]).shape == (3, 2)


def test_bidirectional_rejects_seq2seq(sine_windows):
    X, _, Y = sine_windows
    with pytest.raises(ValueError, match="bidirectional=True cannot be used with"):
        _small(LSTMRegressor, bidirectional=True).fit(X, Y)
