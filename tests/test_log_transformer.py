"""Tests of skrnn.preprocessing.LogTransformer: non-negative forecasts."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from numpy.testing import assert_allclose
from sklearn.linear_model import LinearRegression
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler
from sklearn.utils.estimator_checks import parametrize_with_checks

from skrnn import WindowForecaster
from skrnn.preprocessing import LogTransformer, WindowScaler


@parametrize_with_checks([LogTransformer(), LogTransformer(offset=0.5)])
def test_sklearn_compatible(estimator, check):
    check(estimator)


def falling_series(n=60, seed=0):
    """A non-negative series whose linear extrapolation goes below zero."""
    rng = np.random.default_rng(seed)
    index = pd.date_range("2024-01-01", periods=n, freq="D")
    values = np.linspace(40.0, 1.0, n) + rng.uniform(0.0, 0.5, n)
    return pd.Series(values, index=index)


def test_round_trip_and_values():
    X = np.array([[0.0, 1.0], [9.0, 99.0]])
    log = LogTransformer().fit(X)
    assert_allclose(log.transform(X), np.log1p(X))
    assert_allclose(log.inverse_transform(log.transform(X)), X)
    assert_allclose(
        LogTransformer(offset=0.0).fit(X + 1).transform(X + 1), np.log(X + 1)
    )


def test_does_not_modify_the_input():
    X = np.array([[1.0], [2.0]])
    log = LogTransformer().fit(X)
    log.transform(X)
    log.inverse_transform(X)
    assert_allclose(X, [[1.0], [2.0]])


def test_inverse_is_never_negative():
    log = LogTransformer().fit(np.zeros((2, 1)))
    out = log.inverse_transform(np.array([[-50.0], [-1e-9], [0.0]]))
    assert (out >= 0).all()
    assert out[2, 0] == 0.0


@pytest.mark.parametrize("offset", [1.0, 0.0])
def test_values_outside_the_domain_are_refused(offset):
    with pytest.raises(ValueError, match=rf"offset={offset}.*minimum of -1"):
        LogTransformer(offset=offset).fit(np.array([[-1.0], [2.0]]))
    log = LogTransformer(offset=offset).fit(np.array([[1.0]]))
    with pytest.raises(ValueError, match="greater than -offset"):
        log.transform(np.array([[-5.0]]))


def test_forecasts_of_a_falling_series_stay_non_negative():
    y = falling_series()
    plain = WindowForecaster(LinearRegression(), window_length=4).fit(y)
    assert plain.predict(40).min() < 0  # the case the transform is for
    scaler = make_pipeline(LogTransformer(), StandardScaler())
    logged = WindowForecaster(
        LinearRegression(), window_length=4, series_scaler=scaler
    ).fit(y)
    forecast = logged.predict(40)
    assert forecast.min() >= 0
    assert forecast.iloc[0] == pytest.approx(y.iloc[-1], abs=3.0)


def test_panel_forecasts_stay_non_negative():
    panel = {"a": falling_series(seed=1), "b": 100 * falling_series(seed=2)}
    forecaster = WindowForecaster(
        LinearRegression(), window_length=4, series_scaler=LogTransformer()
    ).fit(panel)
    assert forecaster.predict(40).min() >= 0


def test_inside_a_window_scaler():
    windows = np.abs(np.random.default_rng(0).normal(size=(5, 3, 1))) * 10
    scaler = WindowScaler(LogTransformer()).fit(windows)
    assert_allclose(
        scaler.inverse_transform(scaler.transform(windows)), windows, rtol=1e-5
    )


def test_conformal_bounds_stay_non_negative():
    y = falling_series()
    kwargs = dict(window_length=4, horizon=5, strategy="direct", validation_size=20)
    plain = WindowForecaster(LinearRegression(), **kwargs).fit(y)
    assert plain.predict_interval(coverage=0.8).to_numpy().min() < 0
    logged = WindowForecaster(
        LinearRegression(), series_scaler=LogTransformer(), **kwargs
    ).fit(y)
    bounds = logged.predict_interval(coverage=[0.5, 0.8])
    assert bounds.to_numpy().min() >= 0
    quantiles = logged.predict_quantiles(alpha=(0.1, 0.5, 0.9))
    assert quantiles.to_numpy().min() >= 0
    assert (quantiles.to_numpy()[:, -1] > 0).all()
