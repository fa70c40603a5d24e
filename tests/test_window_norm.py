"""Reversible per-window normalisation (``window_norm``)."""

from __future__ import annotations

import numpy as np
import pytest
from sklearn.model_selection import GridSearchCV, TimeSeriesSplit

from skrnn import DenseRegressor, GRURegressor, RecursiveRegressor, make_windows
from skrnn._transforms.window_norm import (
    denormalize_targets,
    normalize_targets,
    normalize_windows,
    window_stats,
)


def trend_and_season(n: int) -> np.ndarray:
    t = np.arange(n, dtype=float)
    return 0.5 * t + 3 * np.sin(2 * np.pi * t / 7)


def _linear(**params):
    return DenseRegressor(
        loss="mse",  # exact data: the squared error's gradient vanishes at the fit
        epochs=10,
        batch_size=256,
        learning_rate=0.05,
        random_state=0,
        early_stopping=False,
        **params,
    )


def _repeated(X, y, times=40):
    """The same windows many times over: many optimiser steps per epoch."""
    return np.tile(X, (times, 1, 1)), np.tile(y, (times,) + (1,) * (y.ndim - 1))


@pytest.mark.parametrize("method", ["last", "mean"])
def test_linear_model_forecasts_trend_and_season_exactly(method):
    series = trend_and_season(300)
    X, y = make_windows(series[:200], 14, horizon=7)
    X_test, y_test = make_windows(series[200:], 14, horizon=7)  # beyond the range
    model = _linear(window_norm=method).fit(*_repeated(X, y))
    np.testing.assert_allclose(model.predict(X_test), y_test, atol=1e-3)
    # raw levels beyond the training range are far off
    raw = _linear(window_norm=None).fit(*_repeated(X, y)).predict(X_test)
    assert np.abs(raw - y_test).max() > 1.0


def test_recursive_with_window_norm_is_exact():
    series = trend_and_season(300)
    X, y = make_windows(series[:200], 14)
    X_test, y_test = make_windows(series[200:], 14, horizon=10)
    model = RecursiveRegressor(_linear(window_norm="last"), horizon=10)
    model.fit(*_repeated(X, y))
    np.testing.assert_allclose(model.predict(X_test), y_test, atol=1e-3)


@pytest.mark.parametrize(
    ("layout", "y_shape", "columns"),
    [
        ("one-step", (20,), [0]),
        ("one-step", (20, 2), [0, 2]),
        ("direct", (20, 5), [1]),
        ("direct", (20, 5, 2), [0, 1]),
        ("seq2seq", (20, 8, 4), [2]),
    ],
)
@pytest.mark.parametrize("method", ["last", "mean", "standard"])
def test_round_trip_is_exact(layout, y_shape, columns, method):
    rng = np.random.RandomState(0)
    X = rng.randn(20, 8, 3).astype(np.float32) * 10 + 50
    y = rng.randn(*y_shape).astype(np.float32) * 10 + 50
    X_before = X.copy()
    stats = window_stats(X, columns, method)
    y_norm = normalize_targets(y, stats, layout)
    np.testing.assert_allclose(denormalize_targets(y_norm, stats, layout), y, rtol=1e-6)
    X_norm = normalize_windows(X, columns, stats, all_features=False)
    np.testing.assert_array_equal(X, X_before)  # input untouched
    if method == "last":
        np.testing.assert_allclose(X_norm[:, -1, columns], 0, atol=1e-5)
    else:
        np.testing.assert_allclose(X_norm[:, :, columns].mean(axis=1), 0, atol=1e-4)
    others = [c for c in range(3) if c not in columns]
    np.testing.assert_array_equal(X_norm[:, :, others], X[:, :, others])


def test_window_norm_features_standardises_other_columns():
    X = np.random.RandomState(1).rand(10, 6, 2).astype(np.float32) + 5
    stats = window_stats(X, [0], "last")
    X_norm = normalize_windows(X, [0], stats, all_features=True)
    np.testing.assert_allclose(X_norm[:, :, 1].mean(axis=1), 0, atol=1e-5)
    np.testing.assert_allclose(X_norm[:, :, 1].std(axis=1), 1, atol=1e-4)


def test_constant_window_standard_scale_is_one():
    X = np.full((3, 5), 7.0, dtype=np.float32)
    stats = window_stats(X, [0], "standard")
    np.testing.assert_array_equal(stats.scale, 1.0)


def test_multivariate_target_column_and_seq2seq_shapes():
    rng = np.random.RandomState(0)
    series = np.column_stack([rng.rand(150), trend_and_season(150)])
    X, y = make_windows(series, 10, horizon=3, target=1, seq2seq=True)
    model = GRURegressor((4,), window_norm="last", target_index=1, epochs=1)
    model.fit(X, y)
    assert model.predict(X[:5]).shape == (5, 3)
    assert model.predict(X[:5], return_sequences=True).shape == (5, 10, 3)
    with pytest.raises(ValueError, match="target_index=2 must name columns"):
        GRURegressor((4,), window_norm="last", target_index=2, epochs=1).fit(X, y)


def test_window_norm_is_tunable_in_grid_search():
    series = trend_and_season(200)
    X, y = make_windows(series, 14)
    search = GridSearchCV(
        DenseRegressor(epochs=10, batch_size=16, learning_rate=0.05, random_state=0),
        {"window_norm": [None, "last"]},
        cv=TimeSeriesSplit(2),
        scoring="neg_mean_absolute_error",
    ).fit(X, y)
    assert search.best_params_ == {"window_norm": "last"}
