"""Reversible differencing of windows and targets (``differences``)."""

from __future__ import annotations

import numpy as np
import pytest
from sklearn.linear_model import LinearRegression
from sklearn.model_selection import GridSearchCV, TimeSeriesSplit

from skrnn import (
    DenseRegressor,
    GRURegressor,
    RecursiveRegressor,
    SARIMARegressor,
    make_windows,
)
from skrnn._transforms.differencing import (
    check_differences,
    difference_targets,
    difference_windows,
    integrate_targets,
)
from skrnn.forecasting import WindowForecaster


def trend_and_season(n: int) -> np.ndarray:
    t = np.arange(n, dtype=float)
    return 0.5 * t + 3 * np.sin(2 * np.pi * t / 7)


def _linear(**params):
    settings = dict(
        loss="mse",  # exact data: the squared error's gradient vanishes at the fit
        epochs=10,
        batch_size=256,
        learning_rate=0.05,
        random_state=0,
        early_stopping=False,
        window_norm=None,
    )
    return DenseRegressor(**{**settings, **params})


def _repeated(X, y, times=40):
    """The same windows many times over: many optimiser steps per epoch."""
    return np.tile(X, (times, 1, 1)), np.tile(y, (times,) + (1,) * (y.ndim - 1))


def _difference_loop(z: np.ndarray, lags) -> np.ndarray:
    """Hand-built differencing of one 1-D sequence."""
    z = list(z)
    for lag in lags:
        z = [z[t] - z[t - lag] for t in range(lag, len(z))]
    return np.array(z)


@pytest.mark.parametrize("lags", [(1, 7), (7,), (1,)])
def test_linear_model_forecasts_trend_and_season_exactly_direct(lags):
    series = trend_and_season(300)
    X, y = make_windows(series[:200], 21, horizon=7)
    X_test, y_test = make_windows(series[200:], 21, horizon=7)  # beyond the range
    model = _linear(differences=lags).fit(*_repeated(X, y))
    np.testing.assert_allclose(model.predict(X_test), y_test, atol=1e-3)
    assert model.model_.input_shape == (None, 21 - sum(lags), 1)


def test_recursive_with_differences_is_exact():
    series = trend_and_season(300)
    X, y = make_windows(series[:200], 21)
    X_test, y_test = make_windows(series[200:], 21, horizon=10)
    model = RecursiveRegressor(_linear(differences=(1, 7)), horizon=10)
    model.fit(*_repeated(X, y))
    np.testing.assert_allclose(model.predict(X_test), y_test, atol=1e-3)


@pytest.mark.parametrize("lags", [(1,), (7,), (1, 7), (7, 1), (2, 3, 1)])
def test_differences_match_a_loop(lags):
    rng = np.random.RandomState(0)
    X = rng.randn(4, 16, 2) * 10 + 50
    y = rng.randn(4, 5) * 10 + 50
    X_diff = difference_windows(X, [1], lags)
    y_diff = difference_targets(X, y, [1], lags, "direct")
    for i in range(4):
        full = _difference_loop(np.r_[X[i, :, 1], y[i]], lags)
        np.testing.assert_allclose(X_diff[i, :, 1], full[:-5], rtol=1e-5)
        np.testing.assert_allclose(y_diff[i], full[-5:], rtol=1e-5, atol=1e-4)
    np.testing.assert_allclose(X_diff[:, :, 0], X[:, sum(lags) :, 0], rtol=1e-6)


@pytest.mark.parametrize(
    ("layout", "y_shape", "columns"),
    [
        ("one-step", (20,), [0]),
        ("one-step", (20, 2), [0, 2]),
        ("direct", (20, 9), [1]),
        ("direct", (20, 9, 2), [0, 1]),
    ],
)
@pytest.mark.parametrize("lags", [(1,), (7,), (1, 7), (2, 3)])
def test_round_trip_is_exact(layout, y_shape, columns, lags):
    rng = np.random.RandomState(0)
    X = rng.randn(20, 12, 3) * 10 + 50
    y = rng.randn(*y_shape) * 10 + 50
    X_before, y_before = X.copy(), y.copy()
    y_diff = difference_targets(X, y, columns, lags, layout)
    assert y_diff.shape == y.shape
    back = integrate_targets(X, y_diff, columns, lags, layout)
    np.testing.assert_allclose(back, y, rtol=1e-6)
    np.testing.assert_array_equal(X, X_before)  # inputs untouched
    np.testing.assert_array_equal(y, y_before)


def test_differences_then_window_norm_round_trip_through_the_model():
    series = trend_and_season(200)
    X, y = make_windows(series, 21, horizon=3)
    model = _linear(differences=(7,), window_norm="standard", epochs=1).fit(X, y)
    X_net, _ = model._transform(X, y)
    assert X_net.shape == (len(X), 14, 1)
    raw = model.model_.predict_on_batch(X_net)
    stats = model._normalize(difference_windows(X, [0], (7,)))[1]
    from skrnn._transforms.window_norm import denormalize_targets

    expected = integrate_targets(
        X, denormalize_targets(raw, stats, "direct"), [0], (7,), "direct"
    )
    np.testing.assert_allclose(model.predict(X), expected, rtol=1e-5)


def test_bad_differences_raise_clear_errors():
    X, y = make_windows(trend_and_season(100), 8, horizon=2)
    with pytest.raises(ValueError, match=r"sum\(differences\) = 8 < window_length = 8"):
        _linear(differences=(1, 7)).fit(X, y)
    with pytest.raises(ValueError, match=r"differences=\(8,\) needs"):
        check_differences((8,), 8)
    with pytest.raises(ValueError, match="tuple of positive ints"):
        check_differences((1, 0), 8)
    X, y = make_windows(trend_and_season(100), 10, horizon=2, seq2seq=True)
    with pytest.raises(ValueError, match="use window_norm"):
        GRURegressor((2,), differences=(1,), epochs=1).fit(X, y)


def test_forecaster_differences_with_any_regressor_are_exact():
    series = trend_and_season(300)
    for strategy in ["direct", "recursive"]:
        forecaster = WindowForecaster(
            LinearRegression(),
            window_length=14,
            strategy=strategy,
            horizon=7,
            differences=(1, 7),
        ).fit(series[:200])
        np.testing.assert_allclose(forecaster.predict(), series[200:207], atol=1e-6)
        errors = forecaster.backtest(series, start=250).errors
        # exact up to the float32 windows: a few float32 ulps of the level
        float32_ulps = 4 * np.finfo(np.float32).eps * np.abs(series).max()
        np.testing.assert_array_less(errors["MAE"], float32_ulps)
        assert forecaster.last_window_.shape == (14, 1)


def test_forecaster_differences_errors():
    series = trend_and_season(30)
    with pytest.raises(ValueError, match=r"sum\(differences\) = 8 < window_length"):
        WindowForecaster(
            LinearRegression(), window_length=8, horizon=5, differences=(1, 7)
        ).fit(series)
    with pytest.raises(ValueError, match="strategy='seq2seq'"):
        WindowForecaster(
            LinearRegression(), window_length=20, strategy="seq2seq", differences=(1,)
        ).fit(series)
    with pytest.raises(ValueError, match="double"):
        WindowForecaster(
            SARIMARegressor(order=(1, 1, 0)), window_length=20, differences=(1,)
        ).fit(series)


def test_differences_are_tunable_in_grid_search():
    series = trend_and_season(200)
    X, y = make_windows(series, 21)
    search = GridSearchCV(
        _linear(batch_size=16),
        {"differences": [(), (1, 7)]},
        cv=TimeSeriesSplit(2),
        scoring="neg_mean_absolute_error",
    ).fit(X, y)
    assert search.best_params_ == {"differences": (1, 7)}
