"""Training noise on the input windows (``input_noise``)."""

from __future__ import annotations

import keras
import numpy as np
import pytest

from skrnn import DenseRegressor, GRURegressor, make_windows


def _windows(n_features: int = 1):
    rng = np.random.default_rng(0)
    t = np.arange(160, dtype=float)
    series = 10 + np.sin(2 * np.pi * t / 7) + 0.1 * rng.standard_normal(160)
    if n_features == 1:
        return make_windows(series, window_length=14)
    features = np.column_stack([series] + [rng.standard_normal(160)] * (n_features - 1))
    X, y = make_windows(features, window_length=14)
    return X, y[:, 0]


def _noise_layers(model) -> list:
    return [
        layer
        for layer in model.model_.layers
        if isinstance(layer, keras.layers.GaussianNoise)
    ]


@pytest.mark.parametrize(
    ("n_features", "params", "expected"),
    [
        # "auto" (the default): noise where every column is standardised
        (1, {}, 0.3),
        (2, {"window_norm_features": True}, 0.3),
        # ... and none where a column keeps its own units
        (2, {}, 0.0),
        (1, {"window_norm": "last"}, 0.0),
        (1, {"window_norm": None}, 0.0),
        # a number is used as it is
        (1, {"input_noise": 0.5}, 0.5),
        (2, {"input_noise": 0.05, "window_norm": None}, 0.05),
        (1, {"input_noise": 0}, 0.0),
    ],
)
def test_a_noise_layer_only_where_resolved(n_features, params, expected):
    X, y = _windows(n_features)
    model = DenseRegressor(epochs=1, random_state=0, **params).fit(X, y)
    assert model.input_noise_ == pytest.approx(expected)
    layers = _noise_layers(model)
    assert len(layers) == (1 if expected > 0 else 0)
    if expected > 0:
        assert layers[0].stddev == pytest.approx(expected)


def test_noise_trains_differently_but_predicts_deterministically():
    X, y = _windows()
    noisy = GRURegressor(4, epochs=2, random_state=0, input_noise=0.5).fit(X, y)
    clean = GRURegressor(4, epochs=2, random_state=0, input_noise=0).fit(X, y)
    again = GRURegressor(4, epochs=2, random_state=0, input_noise=0.5).fit(X, y)
    # the noise is part of training: same seed, different weights
    assert not np.allclose(noisy.predict(X), clean.predict(X))
    # seeded: the noise is reproducible
    np.testing.assert_array_equal(noisy.predict(X), again.predict(X))
    # inactive at prediction: two calls agree
    np.testing.assert_array_equal(noisy.predict(X), noisy.predict(X))


@pytest.mark.parametrize("bad", [-0.1, float("nan"), "high", None])
def test_bad_noise_is_rejected_by_name(bad):
    X, y = _windows()
    with pytest.raises(ValueError, match="input_noise.*range"):
        DenseRegressor(input_noise=bad, epochs=1).fit(X, y)
