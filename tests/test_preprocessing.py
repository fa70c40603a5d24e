"""Tests of skrnn.preprocessing.WindowScaler."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from numpy.testing import assert_allclose
from sklearn import config_context
from sklearn.base import clone
from sklearn.decomposition import PCA
from sklearn.exceptions import NotFittedError
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import FunctionTransformer, MinMaxScaler, StandardScaler
from sklearn.utils.estimator_checks import parametrize_with_checks

from skrnn import NaiveRegressor, make_windows
from skrnn.preprocessing import WindowScaler


def windows(n_features=2, n_timesteps=40, window_length=5, seed=0):
    rng = np.random.default_rng(seed)
    series = rng.normal(size=(n_timesteps, n_features)) * [1.0, 100.0][:n_features]
    series += [10.0, -500.0][:n_features]
    return make_windows(series, window_length, target=0)


@parametrize_with_checks([WindowScaler(), WindowScaler(MinMaxScaler())])
def test_sklearn_compatible(estimator, check):
    check(estimator)


def test_statistics_are_per_feature_over_every_time_step():
    X, _ = windows()
    scaler = WindowScaler().fit(X)
    rows = X.reshape(-1, 2).astype(np.float64)
    assert_allclose(scaler.scaler_.mean_, rows.mean(axis=0), rtol=1e-6)
    assert_allclose(scaler.scaler_.scale_, rows.std(axis=0), rtol=1e-5)
    Xs = scaler.transform(X)
    assert Xs.shape == X.shape and Xs.dtype == np.float32
    # one value of the series is one scaled value, in every window it is in
    np.testing.assert_array_equal(Xs[1:, :-1], Xs[:-1, 1:])
    assert_allclose(Xs.reshape(-1, 2).mean(axis=0), 0.0, atol=1e-5)
    assert_allclose(scaler.inverse_transform(Xs), X, rtol=1e-5, atol=1e-3)


def test_a_plain_scaler_scales_every_lag_apart_and_refuses_3d():
    X, _ = windows(n_features=1)
    with pytest.raises(ValueError, match="dim 3"):
        StandardScaler().fit(X)
    lagwise = StandardScaler().fit_transform(X[:, :, 0])
    assert not np.array_equal(lagwise[1:, :-1], lagwise[:-1, 1:])
    windowwise = WindowScaler().fit_transform(X[:, :, 0])
    np.testing.assert_array_equal(windowwise[1:, :-1], windowwise[:-1, 1:])


def test_2d_windows_are_one_feature():
    X, _ = windows(n_features=1)
    flat = WindowScaler().fit(X[:, :, 0])
    assert flat.window_shape_ == (5,) and flat.n_window_features_ == 1
    assert_allclose(
        flat.transform(X[:, :, 0]), WindowScaler().fit_transform(X)[:, :, 0]
    )


def test_any_column_wise_scaler_and_its_inverse():
    X = windows()[0].astype(np.float64)
    log = WindowScaler(FunctionTransformer(np.log1p, np.expm1)).fit(np.abs(X))
    assert_allclose(log.transform(np.abs(X)), np.log1p(np.abs(X)))
    minmax = WindowScaler(MinMaxScaler()).fit(X)
    Xs = minmax.transform(X)
    assert Xs.min() == 0.0 and Xs.max() == pytest.approx(1.0)


def test_the_input_is_never_modified_even_by_an_in_place_scaler():
    X = windows()[0].copy()
    before = X.copy()
    scaler = WindowScaler(StandardScaler(copy=False)).fit(X)
    scaler.transform(X)
    scaler.inverse_transform(X)
    np.testing.assert_array_equal(X, before)
    flat = X[:, :, 0].copy()
    WindowScaler(StandardScaler(copy=False)).fit(flat).transform(flat)
    np.testing.assert_array_equal(flat, before[:, :, 0])
    read_only = make_windows(np.arange(20.0), 4)[0]  # read-only views
    WindowScaler(StandardScaler(copy=False)).fit_transform(read_only)


def test_the_parameter_is_cloned_not_fitted():
    inner = StandardScaler()
    WindowScaler(inner).fit(windows()[0])
    assert not hasattr(inner, "mean_")
    assert clone(WindowScaler(inner)).get_params()["scaler"] is not inner


@pytest.mark.parametrize(
    "call, error, match",
    [
        (
            lambda s: s.transform(np.zeros((3, 6, 2))),
            ValueError,
            r"X has windows of shape \(6, 2\), but WindowScaler was fitted on windows "
            r"of shape \(5, 2\) \(window_length\[, n_features\]\)",
        ),
        (
            lambda s: s.transform(np.zeros((3, 5, 3))),
            ValueError,
            r"X has windows of shape \(5, 3\), but .* \(5, 2\)",
        ),
        (
            lambda s: s.transform(np.zeros((2, 5, 2, 1))),
            ValueError,
            r"X must be 2-D windows .* or 3-D windows .*; got shape \(2, 5, 2, 1\)",
        ),
        (
            lambda s: s.transform(np.full((3, 5, 2), np.nan)),
            ValueError,
            r"Input X contains NaN",
        ),
        (
            lambda s: s.get_feature_names_out(),
            ValueError,
            r"fitted on 3-D windows \(window shape \(5, 2\)\), which have no column",
        ),
    ],
    ids=["length", "features", "4-D", "NaN", "names of 3-D"],
)
def test_bad_windows_are_refused(call, error, match):
    scaler = WindowScaler().fit(windows()[0])
    with pytest.raises(error, match=match):
        call(scaler)


def test_bad_scalers_are_refused():
    X = windows()[0]
    with pytest.raises(TypeError, match=r"scaler must be a scikit-learn transformer"):
        WindowScaler(scaler=3).fit(X)
    with pytest.raises(
        ValueError, match=r"PCA.transform turned 175 rows of 2 window feature\(s\)"
    ):
        WindowScaler(PCA(n_components=1)).fit_transform(X)
    with pytest.raises(NotFittedError):
        WindowScaler().transform(X)
    no_inverse = WindowScaler(FunctionTransformer(np.log1p)).fit(np.abs(X))
    no_inverse.inverse_transform(np.abs(X))  # FunctionTransformer: identity inverse


def test_pandas_output_for_2d_windows_and_a_clear_error_for_3d():
    X, _ = windows(n_features=1)
    lags = pd.DataFrame(X[:, :, 0], columns=[f"lag_{k}" for k in range(5, 0, -1)])
    scaler = WindowScaler().set_output(transform="pandas").fit(lags)
    out = scaler.transform(lags)
    assert isinstance(out, pd.DataFrame)
    assert list(out.columns) == list(lags.columns)
    assert scaler.get_feature_names_out().tolist() == list(lags.columns)
    with config_context(transform_output="pandas"):
        with pytest.raises(
            ValueError,
            match=r"got 3-D windows \(35, 5, 1\), which cannot be a pandas DataFrame, "
            r"but transform output 'pandas' is configured",
        ):
            WindowScaler().fit_transform(X)
        kept = WindowScaler().set_output(transform="default").fit_transform(X)
        assert kept.shape == X.shape


def test_in_a_pipeline_in_front_of_a_3d_window_regressor():
    X, y = windows()
    scaler = WindowScaler().fit(X)
    # the naive model's target on the scaler's scale, so that it continues
    # the scaled windows (NaiveRegressor refuses a target that does not)
    mean, scale = scaler.scaler_.mean_[0], scaler.scaler_.scale_[0]
    pipeline = make_pipeline(WindowScaler(), NaiveRegressor()).fit(
        X, (y - mean) / scale
    )
    assert_allclose(pipeline.predict(X), scaler.transform(X)[:, -1, 0], rtol=1e-6)
