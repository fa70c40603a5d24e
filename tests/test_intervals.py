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
from skrnn.models import DenseRegressor, NaiveRegressor


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


def test_backtest_reports_scaled_errors_and_interval_scores_per_step_and_series():
    small = noisy_weekly(700, seed=4)
    panel = {"small": small, "large": 1000 * noisy_weekly(700, seed=5)}
    forecaster = WindowForecaster(
        NaiveRegressor(lag=7),
        14,
        strategy="direct",
        horizon=3,
        validation_size=200,
        series_scaler=StandardScaler(),
    ).fit({k: s.iloc[:500] for k, s in panel.items()})
    result = forecaster.backtest(panel, start=500, coverage=[0.8], m=7)
    forecasts, errors = result  # unpacks like the (forecasts, errors) pair
    assert {"lower_0.8", "upper_0.8"} <= set(forecasts.columns)
    assert list(errors.columns) == [
        "MAE",
        "RMSE",
        "sMAPE",
        "MASE",
        "coverage_0.8",
        "width_0.8",
        "MSIS_0.8",
    ]
    series = result.series_errors
    assert list(series.index) == ["small", "large"]
    # scaled errors put the two series on one footing, raw errors do not
    assert series.loc["large", "MAE"] > 500 * series.loc["small", "MAE"]
    assert abs(series.loc["large", "MASE"] / series.loc["small", "MASE"] - 1) < 0.3
    assert (abs(series["coverage_0.8"] - 0.8) < 0.06).all()
    inside = (forecasts["lower_0.8"] <= forecasts["y_true"]) & (
        forecasts["y_true"] <= forecasts["upper_0.8"]
    )
    assert_allclose(
        errors["coverage_0.8"].to_numpy(), inside.groupby(forecasts["step"]).mean()
    )
    # MASE of seasonal naive, by hand for the first series
    rows = forecasts[forecasts["series"] == "small"]
    history = small.to_numpy()[:501]
    scale = np.abs(history[7:] - history[:-7]).mean()
    expected = (rows["y_true"] - rows["y_pred"]).abs().mean() / scale
    assert series.loc["small", "MASE"] == pytest.approx(expected)


def test_backtest_warns_about_a_zero_scale_and_refuses_coverage_with_refit():
    y = np.concatenate([np.zeros(30), np.arange(1.0, 11.0)])
    forecaster = WindowForecaster(NaiveRegressor(), 5, "direct", horizon=2).fit(y)
    with pytest.warns(UserWarning, match="scale of y before the first origin is zero"):
        result = forecaster.backtest(y, start=20)
    assert np.isnan(result.errors["MASE"]).all()
    with pytest.raises(ValueError, match="coverage is not supported with refit"):
        forecaster.backtest(y, start=20, refit=True, coverage=0.9)


# -- the network's own quantiles (method="model") -------------------------------

NOISY = pd.Series(
    10 + np.sin(np.arange(300) / 4) + np.random.default_rng(0).normal(0, 0.3, 300),
    index=pd.date_range("2024-01-01", periods=300, freq="D"),
)


@pytest.fixture(scope="module")
def quantile_forecaster():
    network = DenseRegressor((8,), quantiles=(0.1, 0.5, 0.9), epochs=5, random_state=0)
    return WindowForecaster(
        network, window_length=12, strategy="direct", horizon=3
    ).fit(NOISY)


def test_model_quantiles_come_from_the_network_and_never_cross(quantile_forecaster):
    quantiles = quantile_forecaster.predict_quantiles(
        alpha=[0.1, 0.5, 0.9], method="model"
    )
    values = quantiles.to_numpy()
    assert quantiles.shape == (3, 3)
    assert (np.diff(values, axis=1) >= 0).all()
    # the point forecast is the network's middle quantile
    assert_allclose(values[:, 1], quantile_forecaster.predict().to_numpy(), rtol=1e-6)
    interval = quantile_forecaster.predict_interval(coverage=0.8, method="model")
    assert_allclose(interval.to_numpy(), values[:, [0, 2]], rtol=1e-6)


@pytest.mark.parametrize(
    ("call", "match"),
    [
        (lambda f: f.predict_quantiles(alpha=[0.25], method="model"), "level 0.25"),
        (lambda f: f.predict_interval(coverage=0.8, method="bootstrap"), "method must"),
    ],
    ids=["level-not-fitted", "unknown-method"],
)
def test_model_quantiles_refuse_what_the_network_cannot_give(
    quantile_forecaster, call, match
):
    with pytest.raises(ValueError, match=match):
        call(quantile_forecaster)


def test_model_quantiles_need_quantile_outputs_and_native_steps():
    point = WindowForecaster(
        DenseRegressor((4,), epochs=1, random_state=0), window_length=12
    ).fit(NOISY)
    with pytest.raises(ValueError, match="fitted with quantiles"):
        point.predict_quantiles(method="model")
    recursive = WindowForecaster(
        DenseRegressor((4,), quantiles=(0.1, 0.9), epochs=1, random_state=0),
        window_length=12,
    ).fit(NOISY)
    assert recursive.predict_quantiles(1, alpha=[0.1, 0.9], method="model").shape == (
        1,
        2,
    )
    with pytest.raises(ValueError, match="strategy='direct'"):
        recursive.predict_quantiles(3, alpha=[0.1, 0.9], method="model")
