"""Conformal intervals and quantiles of WindowForecaster."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from numpy.testing import assert_allclose
from sklearn.linear_model import Ridge
from sklearn.preprocessing import StandardScaler

from skrnn.forecasting import WindowForecaster
from skrnn.intervals import (
    check_alpha,
    check_coverage,
    conformal_quantiles,
    series_scales,
)
from skrnn.models import NaiveRegressor


def noisy_weekly(n=600, seed=0, level=10.0, noise=1.0):
    rng = np.random.default_rng(seed)
    values = level + np.tile(np.arange(7.0), n // 7 + 1)[:n] + rng.normal(0, noise, n)
    return pd.Series(values, index=pd.date_range("2020-01-01", periods=n, freq="D"))


@pytest.mark.parametrize("coverage", [0.8, 0.95])
def test_conformal_intervals_cover_new_data_at_the_nominal_rate(coverage):
    y = noisy_weekly(2000)
    train = y.iloc[:1000]
    forecaster = WindowForecaster(
        NaiveRegressor(lag=7), 14, strategy="direct", horizon=3, validation_size=400
    ).fit(train)
    hits = []
    for end in range(1000, 1990, 10):
        interval = forecaster.predict_interval(coverage=coverage, y=y.iloc[:end])
        truth = y.iloc[end : end + 3].to_numpy()
        lower = interval[(0, coverage, "lower")].to_numpy()
        upper = interval[(0, coverage, "upper")].to_numpy()
        hits.append((lower <= truth) & (truth <= upper))
    assert abs(np.mean(hits) - coverage) < 0.05


def test_quantiles_are_sorted_and_centred_on_the_forecast_for_symmetric_noise():
    forecaster = WindowForecaster(
        NaiveRegressor(lag=7), 14, strategy="direct", horizon=2, validation_size=300
    ).fit(noisy_weekly())
    quantiles = forecaster.predict_quantiles(alpha=[0.1, 0.5, 0.9])
    values = quantiles.to_numpy()
    assert (np.diff(values, axis=1) > 0).all()
    point = forecaster.predict().to_numpy()
    assert_allclose(values[:, 1], point, atol=0.3)
    assert list(quantiles.columns) == [(0, 0.1), (0, 0.5), (0, 0.9)]


def test_panel_intervals_scale_with_each_series():
    small = noisy_weekly(500, seed=1)
    panel = {"small": small, "large": 100 * noisy_weekly(500, seed=2)}
    forecaster = WindowForecaster(
        Ridge(),
        14,
        strategy="direct",
        horizon=2,
        validation_size=150,
        series_scaler=StandardScaler(),
    ).fit(panel)
    interval = forecaster.predict_interval(coverage=0.9)
    width = (
        (interval[(0, 0.9, "upper")] - interval[(0, 0.9, "lower")])
        .groupby(level=0)
        .mean()
    )
    assert width["large"] > 20 * width["small"]
    assert interval.index.names == ["series", "time"]


def test_interval_errors():
    y = noisy_weekly(200)
    unfitted = WindowForecaster(NaiveRegressor(lag=7), 14, "direct", horizon=2)
    with pytest.raises(ValueError, match="validation_size"):
        unfitted.fit(y).predict_interval()
    forecaster = WindowForecaster(
        NaiveRegressor(lag=7), 14, "direct", horizon=2, validation_size=12
    ).fit(y)
    with pytest.raises(ValueError, match=r"too few calibration windows.*at least 39"):
        forecaster.predict_interval(coverage=0.95)
    with pytest.raises(ValueError, match=r"coverage must be floats in \(0, 1\)"):
        forecaster.predict_interval(coverage=1.5)
    with pytest.raises(ValueError, match="sorted increasing"):
        forecaster.predict_quantiles(alpha=[0.9, 0.1])
    with pytest.raises(ValueError, match="sorted increasing"):
        forecaster.predict_quantiles(alpha=[0.5, 0.5])
    with pytest.raises(ValueError, match="beyond the 2 calibrated"):
        forecaster.predict_quantiles(horizon=3, alpha=[0.3, 0.7])


def test_conformal_quantile_levels_and_helpers():
    residuals = np.arange(1.0, 20.0).reshape(19, 1, 1)  # 1 ... 19
    # ceil(20 * 0.9) = 18th smallest; the lower tail mirrors it
    assert_allclose(conformal_quantiles(residuals, [0.1, 0.9])[:, 0, 0], [2.0, 18.0])
    assert check_coverage(0.5) == [0.5]
    assert check_alpha((0.2, 0.4)) == [0.2, 0.4]
    with pytest.raises(TypeError, match="alpha must be floats"):
        check_alpha(["a"])
    assert_allclose(series_scales([np.array([[0.0], [2.0], [2.0]])], [0]), [[1.0]])
