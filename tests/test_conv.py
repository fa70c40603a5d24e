"""ConvGRURegressor and WaveNetRegressor."""

from __future__ import annotations

import pickle
import warnings

import keras
import numpy as np
import pytest
from sklearn.base import is_regressor
from sklearn.model_selection import GridSearchCV, TimeSeriesSplit

from skrnn.models._conv import (
    ConvGRURegressor,
    ReceptiveFieldWarning,
    WaveNetRegressor,
    wavenet_receptive_field,
)

# raw levels: these tests read the network's own causality and alignment
TINY = dict(epochs=1, batch_size=16, random_state=0, window_norm=None)


def _conv_gru(**params):
    return ConvGRURegressor((4,), **{"filters": 3, **TINY, **params})


def _wavenet(**params):
    # receptive field 1 + 1 * 1 * (2**3 - 1) = 8 = window length of the data
    params = {"filters": 3, "n_layers": 3, "n_blocks": 1, **TINY, **params}
    return WaveNetRegressor(**params)


@pytest.fixture(scope="module")
def windows():
    """Windows of a noisy sine: X (160, 8), y (160,), Y2 (160, 2), Yseq (160, 8, 2)."""
    rng = np.random.RandomState(0)
    series = np.sin(np.arange(200) / 4.0) + 0.05 * rng.randn(200)
    X = np.lib.stride_tricks.sliding_window_view(series, 8)[:160].copy()
    y = series[8:168].copy()
    Y2 = np.stack([series[8:168], series[9:169]], axis=1)
    # seq2seq: Yseq[i, t, k] = series[i + t + 1 + k]
    Yseq = np.stack(
        [
            np.lib.stride_tricks.sliding_window_view(series[1 + k :], 8)[:160]
            for k in (0, 1)
        ],
        axis=2,
    )
    return X, y, Y2, Yseq


@pytest.mark.parametrize("make", [_conv_gru, _wavenet])
def test_one_step_direct_and_seq2seq(make, windows):
    X, y, Y2, Yseq = windows
    assert is_regressor(make())
    assert make().fit(X, y).predict(X[:5]).shape == (5,)
    assert make().fit(X, Y2).predict(X[:5]).shape == (5, 2)
    model = make().fit(X, Yseq)
    assert model.seq2seq_
    last = model.predict(X[:5])
    assert last.shape == (5, 2)
    full = model.predict(X[:5], return_sequences=True)
    np.testing.assert_array_equal(full[:, -1], last)
    assert np.isfinite(model.score(X, Yseq))
    X3 = np.stack([X, -X], axis=2)
    assert make().fit(X3, Yseq).predict(X3[:2]).shape == (2, 2)


@pytest.mark.parametrize(
    ("length", "kernel_size", "strides", "steps"),
    [
        (12, 4, 2, [3, 5, 7, 9, 11]),  # the book's Y[:, 3::2]
        (11, 4, 2, [4, 6, 8, 10]),  # one step dropped in front
        (10, 3, 3, [3, 6, 9]),
        (5, 5, 1, [4]),
        (7, 1, 1, list(range(7))),
    ],
)
def test_conv_gru_output_steps(length, kernel_size, strides, steps):
    X = np.random.RandomState(0).rand(40, length)
    Y = np.random.RandomState(1).rand(40, length, 2)
    model = _conv_gru(kernel_size=kernel_size, strides=strides).fit(X, Y)
    np.testing.assert_array_equal(model.output_steps_, steps)
    assert len(steps) == (length - kernel_size) // strides + 1
    assert model.output_steps_[-1] == length - 1  # the last output ends the window
    assert model.model_.get_layer("conv").output.shape[1] == len(steps)
    assert model.predict(X[:3], return_sequences=True).shape == (3, len(steps), 2)
    np.testing.assert_array_equal(model._align_targets(Y), Y[:, steps])


def test_conv_gru_book_alignment(windows):
    # the book trains Conv1D(kernel_size=4, strides=2) on Y_train[:, 3::2]
    X = np.random.RandomState(0).rand(30, 50)
    Y = np.random.RandomState(1).rand(30, 50, 10)
    model = ConvGRURegressor((2,), filters=2, **TINY).fit(X, Y)
    np.testing.assert_array_equal(model._align_targets(Y), Y[:, 3::2])


def test_conv_gru_outputs_are_causal_in_their_steps(windows):
    X, _, _, Yseq = windows
    X, Yseq = X[:, :7], Yseq[:, :7]  # (7 - 4) % 2 = 1: one step dropped in front
    model = _conv_gru().fit(X, Yseq)
    steps = model.output_steps_
    np.testing.assert_array_equal(steps, [4, 6])
    base = model.predict(X[:4], return_sequences=True)
    for j, step in enumerate(steps):
        changed = X[:4].copy()
        changed[:, step] += 1.0
        out = model.predict(changed, return_sequences=True)
        np.testing.assert_array_equal(out[:, :j], base[:, :j])  # earlier outputs
        assert not np.allclose(out[:, j], base[:, j])  # its own output
    changed = X[:4].copy()
    changed[:, 0] += 1.0  # the dropped step influences nothing
    np.testing.assert_array_equal(model.predict(changed, return_sequences=True), base)


def test_conv_gru_trains_on_aligned_targets():
    # target at each step = the input at that step: learnable only if output
    # step j is trained on window step output_steps_[j] (its last input)
    rng = np.random.RandomState(0)
    X = rng.rand(512, 12)
    Y = X[:, :, None].copy()
    model = ConvGRURegressor(
        (16,), filters=8, epochs=40, batch_size=64, learning_rate=0.01, random_state=0
    ).fit(X, Y)
    full = model.predict(X, return_sequences=True)[..., 0]
    aligned = Y[:, model.output_steps_, 0]
    assert np.mean((full - aligned) ** 2) < 0.1 * np.var(aligned)
    assert model.score(X, Y) > 0.9


def test_conv_gru_validation_data_and_early_stopping(windows):
    X, _, _, Yseq = windows
    model = _conv_gru(epochs=2).fit(
        X[:120], Yseq[:120], validation_data=(X[120:], Yseq[120:])
    )
    assert len(model.history_["val_loss"]) == 2
    model = _conv_gru(epochs=2, early_stopping=True, validation_fraction=0.2)
    model.fit(X, Yseq)
    assert "val_loss" in model.history_


def test_conv_gru_too_short_windows():
    X, y = np.random.rand(20, 3), np.random.rand(20)
    with pytest.raises(ValueError, match="kernel_size=4 is longer than the windows"):
        _conv_gru().fit(X, y)
    with pytest.raises(ValueError, match="needs at least one GRU layer"):
        ConvGRURegressor((), kernel_size=2, **TINY).fit(X, y)
    with pytest.raises(ValueError, match="'strides' parameter"):
        _conv_gru(strides=0).fit(X, y)


@pytest.mark.parametrize(
    ("kernel_size", "n_layers", "n_blocks"), [(2, 3, 2), (3, 2, 1), (2, 1, 3)]
)
def test_wavenet_receptive_field_matches_the_network(kernel_size, n_layers, n_blocks):
    field = wavenet_receptive_field(kernel_size, n_layers, n_blocks)
    assert field == 1 + n_blocks * (kernel_size - 1) * (2**n_layers - 1)
    length = field + 5
    X = np.random.RandomState(0).rand(32, length)
    y = X[:, -1]
    with pytest.warns(ReceptiveFieldWarning, match="exceeds the receptive field"):
        model = WaveNetRegressor(
            filters=2,
            kernel_size=kernel_size,
            n_layers=n_layers,
            n_blocks=n_blocks,
            activation="linear",
            **TINY,
        ).fit(X, y)
    assert model.receptive_field_ == field
    base = model.predict(X[:4])
    inside, outside = X[:4].copy(), X[:4].copy()
    inside[:, length - field] += 1.0  # the earliest step the last output sees
    outside[:, length - field - 1] += 1.0
    assert not np.allclose(model.predict(inside), base)
    np.testing.assert_array_equal(model.predict(outside), base)


def test_wavenet_is_causal_for_seq2seq(windows):
    X, _, _, Yseq = windows
    model = _wavenet().fit(X, Yseq)
    assert isinstance(model.model_.get_layer("head"), keras.layers.Conv1D)
    assert model.model_.get_layer("head").kernel_size == (1,)
    base = model.predict(X[:4], return_sequences=True)
    changed = X[:4].copy()
    changed[:, 5] += 1.0
    out = model.predict(changed, return_sequences=True)
    np.testing.assert_array_equal(out[:, :5], base[:, :5])
    assert not np.allclose(out[:, 5], base[:, 5])


def test_wavenet_receptive_field_warnings(windows):
    X, y, _, Yseq = windows  # windows of 8 steps
    with warnings.catch_warnings():
        warnings.simplefilter("error", ReceptiveFieldWarning)
        _wavenet().fit(X, y)  # field 8 == window 8: no warning
        # field 4, but the window average reads all 8 steps
        _wavenet(n_layers=2, global_average=True).fit(X, y)
    with pytest.warns(ReceptiveFieldWarning, match="exceeds window_length=8"):
        _wavenet(n_blocks=2).fit(X, y)  # field 15
    with pytest.warns(
        ReceptiveFieldWarning, match="window_length=8 exceeds.*global_average=True"
    ) as record:
        _wavenet(n_layers=2).fit(X, y)
    assert record[0].filename == __file__
    # a seq2seq forecast at a step reads no average over the window
    with pytest.warns(ReceptiveFieldWarning, match="layers/blocks\\.$"):
        _wavenet(n_layers=2, global_average=True).fit(X, Yseq)


def test_wavenet_global_average_reads_the_whole_window():
    # receptive field 4 in windows of 9 steps
    X = np.random.RandomState(0).rand(32, 9)
    y = X[:, -1]
    params = dict(filters=2, n_layers=2, n_blocks=1, activation="linear", **TINY)
    model = WaveNetRegressor(global_average=True, **params).fit(X, y)
    without = WaveNetRegressor(**params)
    with pytest.warns(ReceptiveFieldWarning):
        without.fit(X, y)
    assert model.model_.count_params() == without.model_.count_params() + 2
    changed = X[:4].copy()
    changed[:, 0] += 1.0  # outside the receptive field of the last step
    assert not np.allclose(model.predict(changed), model.predict(X[:4]))
    np.testing.assert_array_equal(without.predict(changed), without.predict(X[:4]))
    # direct targets read the same features
    Y2 = np.stack([X[:, -1], X[:, -2]], axis=1)
    direct = WaveNetRegressor(global_average=True, **params).fit(X, Y2)
    assert direct.model_.get_layer("head").kernel.shape == (4, 2)


@pytest.mark.parametrize("make", [_conv_gru, _wavenet])
def test_pickle_round_trip(make, windows):
    X, _, _, Yseq = windows
    model = make().fit(X, Yseq)
    restored = pickle.loads(pickle.dumps(model))
    np.testing.assert_array_equal(
        restored.predict(X, return_sequences=True),
        model.predict(X, return_sequences=True),
    )
    if hasattr(model, "output_steps_"):
        np.testing.assert_array_equal(restored.output_steps_, model.output_steps_)


@pytest.mark.slow
@pytest.mark.parametrize(
    ("make", "grid"),
    [(_conv_gru, {"kernel_size": [2, 4]}), (_wavenet, {"n_blocks": [1, 2]})],
)
def test_grid_search(make, grid, windows):
    X, _, _, Yseq = windows
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ReceptiveFieldWarning)
        search = GridSearchCV(make(), grid, cv=TimeSeriesSplit(2)).fit(X, Yseq)
    assert search.cv_results_["mean_test_score"].shape == (2,)
    assert np.all(np.isfinite(search.cv_results_["mean_test_score"]))
    assert search.best_estimator_.predict(X[:2]).shape == (2, 2)


def _wavenet_with_average():
    return _wavenet(global_average=True)


@pytest.mark.parametrize("make", [_conv_gru, _wavenet, _wavenet_with_average])
def test_inside_recursive_regressor(make, windows):
    from skrnn.multistep import RecursiveRegressor

    X, y, _, _ = windows
    model = RecursiveRegressor(make(), horizon=3).fit(X, y)
    forecast = model.predict(X[:5])
    assert forecast.shape == (5, 3)
    # the same forecast by hand: predict, shift the window, append
    inner, window, expected = model.estimator_, X[:5].copy(), []
    for _ in range(3):
        step = inner.predict(window)
        expected.append(step)
        window = np.concatenate([window[:, 1:], step[:, None]], axis=1)
    np.testing.assert_allclose(forecast, np.stack(expected, axis=1), rtol=1e-6)


@pytest.mark.parametrize("make", [_conv_gru, _wavenet, _wavenet_with_average])
@pytest.mark.parametrize("strategy", ["recursive", "direct", "seq2seq"])
def test_inside_window_forecaster(make, strategy):
    from skrnn.forecasting import WindowForecaster

    series = np.sin(np.arange(120) / 4.0)
    forecaster = WindowForecaster(
        make(), window_length=8, strategy=strategy, horizon=3
    ).fit(series)
    forecast = forecaster.predict()
    assert forecast.shape == (3,)
    assert np.all(np.isfinite(forecast))
    if strategy != "recursive":
        # the forecast is the window regressor's output on the last window
        last = forecaster.last_window_[None]
        if len(forecaster.estimator_.X_shape_) == 2:
            last = last[..., 0]
        expected = forecaster.estimator_.predict(last)[0]
        np.testing.assert_allclose(forecast, expected, rtol=1e-6)
        assert forecaster.estimator_.seq2seq_ == (strategy == "seq2seq")
