"""Tests of SARIMARegressor (statsmodels SARIMAX on windows)."""

from __future__ import annotations

import pickle
import warnings

import numpy as np
import pytest
from numpy.lib.stride_tricks import sliding_window_view
from sklearn.model_selection import GridSearchCV, TimeSeriesSplit
from statsmodels.tsa.statespace.sarimax import SARIMAX

from skrnn.models._sarima import SARIMARegressor, _join_segments


def ar1(n, phi=0.7, const=0.0, seed=0):
    rng = np.random.default_rng(seed)
    noise = rng.normal(size=n + 50)
    x = np.zeros(n + 50)
    for t in range(1, n + 50):
        x[t] = const + phi * x[t - 1] + noise[t]
    return x[50:]


def seasonal_series(n, seed=0):
    """A random walk plus a weekly pattern and noise."""
    rng = np.random.default_rng(seed)
    week = np.array([5.0, 8.0, 7.0, 9.0, 12.0, 2.0, 1.0])
    walk = np.cumsum(rng.normal(scale=0.5, size=n))
    return 100 + walk + np.resize(week, n) + rng.normal(scale=0.5, size=n)


def windows(series, window_length, horizon=1):
    """Stride-1 windows and their targets: (n,) for horizon 1, else (n, horizon)."""
    blocks = sliding_window_view(series, window_length + horizon)
    y = blocks[:, window_length:]
    return blocks[:, :window_length], (y[:, 0] if horizon == 1 else y)


def test_tags():
    tags = SARIMARegressor().__sklearn_tags__()
    assert tags.estimator_type == "regressor"
    assert tags.input_tags.three_d_array
    assert tags.target_tags.multi_output


def test_ar1_recovers_phi_and_forecasts_phi_times_last_value():
    X, y = windows(ar1(500, phi=0.7, seed=0), 10)
    model = SARIMARegressor(order=(1, 0, 0)).fit(X, y)
    assert model.param_names_ == ["ar.L1", "sigma2"]
    phi = model.params_[0]
    assert abs(phi - 0.7) < 0.1
    assert model.n_segments_ == 1
    y_pred = model.predict(X)
    assert y_pred.dtype == np.float64
    np.testing.assert_allclose(y_pred, phi * X[:, -1], rtol=1e-10, atol=1e-12)


def test_ar1_with_constant():
    # mean 2 / (1 - 0.7): y_t = 2 + 0.7 y_{t-1} + e_t
    X, y = windows(ar1(500, phi=0.7, const=2.0, seed=1), 10)
    model = SARIMARegressor(order=(1, 0, 0), trend="c").fit(X, y)
    assert model.param_names_ == ["intercept", "ar.L1", "sigma2"]
    const, phi = model.params_[:2]
    assert abs(phi - 0.7) < 0.1
    np.testing.assert_allclose(model.predict(X), const + phi * X[:, -1], rtol=1e-10)


SPECS = [
    {"order": (1, 0, 0)},
    {"order": (1, 0, 0), "seasonal_order": (0, 1, 1, 7), "trend": "c"},
    {
        "order": (1, 0, 0),
        "seasonal_order": (0, 1, 1, 7),
        "model_kwargs": {"concentrate_scale": True},
    },
]


@pytest.mark.parametrize("spec", SPECS)
@pytest.mark.parametrize("horizon", [1, 5])
def test_affine_path_matches_statsmodels_per_window(spec, horizon):
    series = seasonal_series(105, seed=2)
    X, y = windows(series, 21, horizon)
    model = SARIMARegressor(**spec).fit(X, y)
    assert model.forecast_weights_.shape == (horizon, 21)
    sm_spec = {
        "order": spec["order"],
        "seasonal_order": spec.get("seasonal_order", (0, 0, 0, 0)),
        "trend": spec.get("trend", "n"),
        **spec.get("model_kwargs", {}),
        # the diffuse prior scaled with the data (statsmodels' default: 1e6)
        "initial_variance": model.model_spec_["initial_variance"],
    }
    results = SARIMAX(series, **sm_spec).filter(model.params_)
    expected = np.stack(
        [results.apply(window).forecast(horizon) for window in X[::8]]
    ).reshape(y[::8].shape)
    np.testing.assert_allclose(model.predict(X[::8]), expected, rtol=1e-8)


def test_stride_one_windows_fit_like_statsmodels_on_the_series():
    series = seasonal_series(105, seed=2)
    X, y = windows(series, 21, 3)
    model = SARIMARegressor(seasonal_order=(0, 1, 1, 7), trend="c").fit(X, y)
    assert model.n_segments_ == 1
    results = SARIMAX(
        series,
        order=(1, 0, 0),
        seasonal_order=(0, 1, 1, 7),
        trend="c",
        initial_variance=model.model_spec_["initial_variance"],
    ).fit(disp=False)
    np.testing.assert_allclose(model.params_, results.params, rtol=1e-10)
    assert model.llf_ == pytest.approx(results.llf, rel=1e-12)
    assert model.aic_ == pytest.approx(results.aic, rel=1e-12)


def test_fallback_when_no_weights():
    series = seasonal_series(120, seed=3)
    X, y = windows(series, 21, 3)
    spec = {"seasonal_order": (0, 1, 1, 7), "model_kwargs": {"use_exact_diffuse": True}}
    with pytest.warns(UserWarning, match="filters every window separately"):
        model = SARIMARegressor(**spec).fit(X, y)
    assert model.forecast_weights_ is None
    sm_spec = {"order": (1, 0, 0), "seasonal_order": (0, 1, 1, 7), "trend": "n"}
    expected = [
        SARIMAX(w, use_exact_diffuse=True, **sm_spec).filter(model.params_).forecast(3)
        for w in X[:5]
    ]
    np.testing.assert_allclose(model.predict(X[:5]), expected, rtol=1e-10)


def test_refit_estimates_on_every_window():
    X, y = windows(ar1(60, seed=4), 40)
    X, y = X[:4], y[:4]
    model = SARIMARegressor(refit=True).fit(X, y)
    assert model.forecast_weights_ is None
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        expected = [
            SARIMAX(w, order=(1, 0, 0)).fit(disp=False).forecast(1)[0] for w in X
        ]
        np.testing.assert_allclose(model.predict(X), expected, rtol=1e-10)


@pytest.mark.parametrize("stride", [1, 3])
@pytest.mark.parametrize("horizon", [1, 4])
def test_join_segments_rebuilds_strided_windows(stride, horizon):
    series = np.random.default_rng(5).normal(size=60)
    blocks = sliding_window_view(series, 10 + horizon)[::stride]
    rebuilt, n_segments = _join_segments(blocks[:, :10], blocks[:, 10:], gap=5)
    assert n_segments == 1
    np.testing.assert_array_equal(rebuilt, series[: len(rebuilt)])
    assert len(rebuilt) > len(series) - stride - 1


def test_join_segments_puts_gaps_between_non_consecutive_windows():
    series = np.random.default_rng(6).normal(size=40)
    blocks = sliding_window_view(series, 6)
    order = np.array([0, 1, 2, 10, 11, 30, 5])
    rebuilt, n_segments = _join_segments(blocks[order, :5], blocks[order, 5:], gap=4)
    assert n_segments == 4
    gap = np.full(4, np.nan)
    expected = np.concatenate(
        [series[0:8], gap, series[10:17], gap, series[30:36], gap, series[5:11]]
    )
    np.testing.assert_array_equal(rebuilt, expected)


def test_shuffled_windows_fit_on_segments_with_nan_gaps():
    series = ar1(120, seed=7)
    X, y = windows(series, 8)
    order = np.random.default_rng(8).permutation(len(X))[:40]
    model = SARIMARegressor().fit(X[order], y[order])
    # window j + d continues window j when their 9-value stretches overlap
    steps = np.diff(order)
    overlapping = (steps >= 1) & (steps < 9)
    assert model.n_segments_ == np.count_nonzero(~overlapping) + 1
    stretches = np.c_[X, y]
    pieces = [stretches[order[0]]]
    for step, current in zip(steps, order[1:], strict=True):
        if 1 <= step < 9:
            pieces.append(stretches[current, 9 - step :])
        else:
            pieces += [np.full(9, np.nan), stretches[current]]
    results = SARIMAX(np.concatenate(pieces), order=(1, 0, 0)).fit(disp=False)
    np.testing.assert_allclose(model.params_, results.params, rtol=1e-10)
    assert model.llf_ == pytest.approx(results.llf, rel=1e-10)
    assert abs(model.params_[0] - 0.7) < 0.15


def test_several_targets_one_model_each():
    series = np.stack([ar1(200, phi=0.5, seed=9), ar1(200, phi=0.8, seed=10)], axis=1)
    blocks = sliding_window_view(series, 13, axis=0)  # (n, 2, 13)
    X = blocks[:, :, :12].transpose(0, 2, 1)
    y = blocks[:, :, 12]
    model = SARIMARegressor(target_index=[1, 0]).fit(X, y[:, [1, 0]])
    assert model.params_.shape == (2, 2)
    assert model.predict(X).shape == (len(X), 2)
    for k, column in enumerate([1, 0]):
        single = SARIMARegressor(target_index=column).fit(X, y[:, column])
        np.testing.assert_allclose(model.params_[k], single.params_, rtol=1e-10)
        np.testing.assert_allclose(
            model.predict(X)[:, k], single.predict(X), rtol=1e-10
        )
    direct = SARIMARegressor(target_index=[0, 1])
    Y = sliding_window_view(series[12:], 3, axis=0)[: len(X) - 2].transpose(0, 2, 1)
    direct.fit(X[: len(Y)], Y)
    assert direct.predict(X).shape == (len(X), 3, 2)


def test_grid_search_with_time_series_split():
    series = seasonal_series(84, seed=11)
    X, y = windows(series, 14)
    grid = GridSearchCV(
        SARIMARegressor(),
        {
            "order": [(1, 0, 0), (2, 0, 0)],
            "seasonal_order": [(0, 0, 0, 0), (0, 1, 1, 7)],
        },
        cv=TimeSeriesSplit(3),
        scoring="neg_mean_absolute_error",
        error_score="raise",
    ).fit(X, y)
    assert np.all(np.isfinite(grid.cv_results_["mean_test_score"]))
    assert grid.best_params_["seasonal_order"] == (0, 1, 1, 7)
    assert grid.best_estimator_.n_segments_ == 1


def test_pickle_is_small_and_predicts_the_same():
    X, y = windows(seasonal_series(100, seed=12), 28)
    model = SARIMARegressor(seasonal_order=(0, 1, 1, 7)).fit(X, y)
    blob = pickle.dumps(model)
    assert len(blob) < 5_000
    np.testing.assert_array_equal(pickle.loads(blob).predict(X), model.predict(X))


RNG = np.random.default_rng(13)
GOOD_X = RNG.normal(size=(30, 20))
GOOD_Y = RNG.normal(size=30)


@pytest.mark.parametrize(
    ("params", "X", "y", "error", "match"),
    [
        (
            {"seasonal_order": (0, 1, 1, 7)},
            GOOD_X[:, :7],
            GOOD_Y,
            ValueError,
            r"seasonal_order \(0, 1, 1, 7\) .*window_length=7, but .* at least 14 "
            r"time steps: d \+ D\*s = 0 \+ 1\*7 = 7 .* = 7 for the longest AR or MA",
        ),
        (
            {"refit": True},
            GOOD_X[:, :2],
            GOOD_Y,
            ValueError,
            r"at least 3 time steps: .*n_params \+ 1 = 0 \+ 2 \+ 1 = 3 .*refit=True",
        ),
        ({}, GOOD_X, None, ValueError, "requires y to be passed"),
        ({}, GOOD_X, np.r_[np.nan, GOOD_Y[1:]], ValueError, "Input y contains NaN"),
        (
            {},
            np.where(GOOD_X > 2, np.inf, GOOD_X),
            GOOD_Y,
            ValueError,
            "Input X contains",
        ),
        ({}, GOOD_X, np.zeros((30, 20, 2)), ValueError, "seq2seq targets"),
        (
            {"target_index": [0]},
            GOOD_X,
            GOOD_Y,
            ValueError,
            r"\(n_windows, 1\) one-step",
        ),
        ({"order": (1, 0)}, GOOD_X, GOOD_Y, ValueError, r"order must be a tuple of 3"),
        (
            {"order": (1, -1, 0)},
            GOOD_X,
            GOOD_Y,
            ValueError,
            r"order must be a tuple of 3",
        ),
        ({"order": "100"}, GOOD_X, GOOD_Y, TypeError, r"order must be a tuple of 3"),
        ({"seasonal_order": (1, 0, 0, 1)}, GOOD_X, GOOD_Y, ValueError, "s >= 2"),
        ({"trend": "t"}, GOOD_X, GOOD_Y, ValueError, "trend must be None, 'n' or 'c'"),
        (
            {"model_kwargs": {"order": (2, 0, 0)}},
            GOOD_X,
            GOOD_Y,
            ValueError,
            "may not set",
        ),
        (
            {"model_kwargs": {"simple_differencing": True}},
            GOOD_X,
            GOOD_Y,
            ValueError,
            "simple_differencing",
        ),
        ({"fit_kwargs": [1]}, GOOD_X, GOOD_Y, TypeError, "fit_kwargs must be a dict"),
        ({"refit": "yes"}, GOOD_X, GOOD_Y, TypeError, "refit must be a bool"),
    ],
)
def test_bad_input(params, X, y, error, match):
    with pytest.raises(error, match=match):
        SARIMARegressor(**params).fit(X, y)


def test_predict_needs_the_training_window_length():
    model = SARIMARegressor().fit(GOOD_X, GOOD_Y)
    with pytest.raises(ValueError, match="expecting 20 features"):
        model.predict(GOOD_X[:, :10])


def test_forecasts_do_not_depend_on_the_units_of_the_data():
    # statsmodels' approximate diffuse prior (variance 1e6) is not diffuse for
    # values ~1e5; the prior is scaled with the data, so forecasts in riders
    # are the forecasts in millions of riders, times 1e6
    rng = np.random.default_rng(0)
    t = np.arange(400)
    series = 0.6 + 0.1 * np.sin(2 * np.pi * t / 7) + 0.01 * rng.normal(size=400)
    windows = sliding_window_view(series, 56 + 7)
    X, Y = windows[:, :56], windows[:, 56:]
    spec = dict(order=(1, 0, 0), seasonal_order=(0, 1, 1, 7))
    small = SARIMARegressor(**spec).fit(X, Y).predict(X[-20:])
    large = SARIMARegressor(**spec).fit(X * 1e6, Y * 1e6).predict(X[-20:] * 1e6)
    np.testing.assert_allclose(large / 1e6, small, rtol=2e-3)
