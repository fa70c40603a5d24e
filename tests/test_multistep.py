"""Tests of skrnn.multistep.RecursiveRegressor."""

from __future__ import annotations

import numpy as np
import pytest
from numpy.lib.stride_tricks import sliding_window_view
from numpy.testing import assert_allclose
from sklearn.exceptions import DataConversionWarning, NotFittedError
from sklearn.linear_model import LinearRegression, Ridge

from skrnn.multistep import RecursiveRegressor


def ar1_windows(n_timesteps=40, window_length=4, phi=0.8):
    """2-D windows and one-step targets of the noiseless y_t = phi * y_{t-1}."""
    series = 5.0 * phi ** np.arange(n_timesteps)
    X = sliding_window_view(series[:-1], window_length)
    return X, series[window_length:]


def var1_series(n_timesteps=30):
    """Noiseless 2-variable VAR(1): s_t = A s_{t-1}."""
    A = np.array([[0.5, 0.2], [0.1, 0.7]])
    series = np.empty((n_timesteps, 2))
    series[0] = [1.0, -2.0]
    for t in range(1, n_timesteps):
        series[t] = A @ series[t - 1]
    return A, series


def covariate_series(n_timesteps=60, seed=0):
    """y_{t+1} = 0.5 y_t + 2 c_t with a random covariate c; columns [y, c]."""
    c = np.random.default_rng(seed).normal(size=n_timesteps)
    y = np.zeros(n_timesteps)
    for t in range(n_timesteps - 1):
        y[t + 1] = 0.5 * y[t] + 2.0 * c[t]
    return np.column_stack([y, c])


def windows_3d(series, window_length):
    """(n, L, F) windows and the next row of every window (targets)."""
    X = sliding_window_view(series[:-1], window_length, axis=0).transpose(0, 2, 1)
    return X, series[window_length:]


# -- exact recovery -----------------------------------------------------------


@pytest.mark.parametrize("three_d", [False, True])
def test_linear_model_recovers_ar1_forecasts(three_d):
    X, y = ar1_windows()
    if three_d:
        X = X[:, :, np.newaxis]
    model = RecursiveRegressor(LinearRegression(), horizon=6).fit(X, y)
    y_pred = model.predict(X[:5])
    last = X[:5, -1, 0] if three_d else X[:5, -1]
    expected = last[:, np.newaxis] * 0.8 ** np.arange(1, 7)
    assert y_pred.shape == (5, 6)
    assert y_pred.dtype == np.float64
    assert_allclose(y_pred, expected, rtol=1e-9)


def test_horizon_one_is_the_one_step_prediction():
    X, y = ar1_windows()
    model = RecursiveRegressor(Ridge(alpha=0.1)).fit(X, y)
    direct = Ridge(alpha=0.1).fit(X, y)
    assert model.predict(X).shape == (len(X),)
    assert_allclose(model.predict(X), direct.predict(X))


def test_several_targets_fed_back_var1_exact():
    A, series = var1_series()
    X, y = windows_3d(series, window_length=2)
    model = RecursiveRegressor(
        LinearRegression(fit_intercept=False), horizon=5, target_index=[0, 1]
    ).fit(X, y)
    y_pred = model.predict(X[-3:])
    assert y_pred.shape == (3, 5, 2)
    state = X[-3:, -1]  # (3, 2)
    for step in range(5):
        state = state @ A.T
        assert_allclose(y_pred[:, step], state, rtol=1e-7, atol=1e-12)
    # horizon=1 keeps the targets axis: the shape of the one-step target
    one_step = model.set_params(horizon=1).predict(X[-3:])
    assert one_step.shape == (3, 2)


def test_target_order_follows_target_index():
    _, series = var1_series()
    X, y = windows_3d(series, window_length=2)
    swapped = RecursiveRegressor(
        LinearRegression(fit_intercept=False), horizon=4, target_index=[1, 0]
    ).fit(X, y[:, ::-1])
    straight = RecursiveRegressor(
        LinearRegression(fit_intercept=False), horizon=4, target_index=[0, 1]
    ).fit(X, y)
    assert_allclose(swapped.predict(X[-2:]), straight.predict(X[-2:])[:, :, ::-1])


def test_seasonal_naive_is_exact():
    from skrnn.models import NaiveRegressor

    series = np.tile([3.0, 1.0, 4.0, 1.0, 5.0, 9.0, 2.0], 8)
    X, y = windows_3d(series[:, np.newaxis], window_length=14)
    model = RecursiveRegressor(NaiveRegressor(lag=7), horizon=10).fit(X, y[:, 0])
    y_pred = model.predict(X)
    starts = np.arange(len(X)) + 14
    expected = series[(starts[:, np.newaxis] + np.arange(10)) % 7]
    assert_allclose(y_pred, expected)


# -- covariates ---------------------------------------------------------------


def test_future_covariates_are_used():
    series = covariate_series()
    X, nxt = windows_3d(series, window_length=3)
    model = RecursiveRegressor(LinearRegression(fit_intercept=False), horizon=4)
    model.fit(X, nxt[:, 0])
    rng = np.random.default_rng(1)
    windows = X[-5:]
    future = rng.normal(size=(5, 4, 1))
    y_pred = model.predict(windows, future_covariates=future)
    # hand-built recursion: y_{t+1} = 0.5 y_t + 2 c_t
    y_last, c_last = windows[:, -1, 0], windows[:, -1, 1]
    expected = np.empty((5, 4))
    for step in range(4):
        y_last = 0.5 * y_last + 2.0 * c_last
        expected[:, step] = y_last
        c_last = future[:, step, 0]
    assert_allclose(y_pred, expected, rtol=1e-8, atol=1e-10)
    # only the first horizon - 1 rows of future covariates enter the windows
    changed = future.copy()
    changed[:, -1] += 100.0
    assert_allclose(model.predict(windows, future_covariates=changed), y_pred)
    changed[:, 0] += 1.0
    other = model.predict(windows, future_covariates=changed)
    assert_allclose(other[:, 0], y_pred[:, 0])
    assert not np.allclose(other[:, 1:], y_pred[:, 1:])
    # 2-D (n, horizon) is accepted for a single covariate
    assert_allclose(model.predict(windows, future_covariates=future[:, :, 0]), y_pred)


def test_future_covariates_required_and_checked():
    series = covariate_series()
    X, nxt = windows_3d(series, window_length=3)
    model = RecursiveRegressor(LinearRegression(), horizon=3).fit(X, nxt[:, 0])
    with pytest.raises(ValueError, match=r"future_covariates is required.*\(2, 3, 1\)"):
        model.predict(X[:2])
    with pytest.raises(
        ValueError, match=r"future_covariates must have shape \(2, 3, 1\)"
    ):
        model.predict(X[:2], future_covariates=np.zeros((2, 2, 1)))
    with pytest.raises(ValueError, match="future_covariates"):
        model.predict(X[:2], future_covariates=np.full((2, 3, 1), np.nan))
    # one step needs no future values
    assert model.set_params(horizon=1).predict(X[:2]).shape == (2,)


# -- Keras fast path ----------------------------------------------------------


def test_keras_recursion_matches_slow_predict_loop(monkeypatch):
    from skrnn.models import GRURegressor

    series = covariate_series(n_timesteps=80)
    series[:, 0] /= np.abs(series[:, 0]).max()
    X, nxt = windows_3d(series, window_length=6)
    model = RecursiveRegressor(
        GRURegressor((4,), epochs=1, batch_size=16, random_state=0), horizon=5
    ).fit(X, nxt[:, 0])
    windows = X[-7:]
    future = np.random.default_rng(2).normal(size=(7, 5, 1))

    # reference: est.predict once per step, windows rolled by hand
    inner = model.estimator_
    rolled = windows.copy()
    expected = np.empty((7, 5))
    for step in range(5):
        expected[:, step] = inner.predict(rolled)
        new_row = np.column_stack([expected[:, step], future[:, step, 0]])
        rolled = np.concatenate([rolled[:, 1:], new_row[:, np.newaxis]], axis=1)

    def forbidden(*args, **kwargs):
        raise AssertionError("the recursion must not call predict per step")

    monkeypatch.setattr(inner.model_, "predict", forbidden)
    monkeypatch.setattr(inner, "predict", forbidden)
    y_pred = model.predict(windows, future_covariates=future)
    assert_allclose(y_pred, expected, atol=1e-5)


def _trend_series(n_timesteps=120, seed=0):
    """Columns [trend + season, covariate, noise]: levels that drift."""
    t = np.arange(n_timesteps)
    noise = np.random.default_rng(seed).normal(size=(n_timesteps, 2))
    return np.column_stack(
        [np.sin(t / 3.0) + 0.02 * t, np.cos(t / 5.0) + 0.1 * noise[:, 0], noise[:, 1]]
    )


def _step_by_step(model, windows, future, horizon):
    """The recursion by hand: one ``predict_windows`` call per step."""
    inner = model.estimator_
    targets = model.target_indices_
    rolled = np.array(windows, dtype=np.float64)
    n_targets = len(targets)
    y_pred = np.empty((len(rolled), horizon, n_targets))
    for step in range(horizon):
        y = inner.predict_windows(rolled.astype(np.float32))
        y_pred[:, step] = np.asarray(y, dtype=np.float64).reshape(len(rolled), -1)
        row = np.empty((len(rolled), *rolled.shape[2:]))
        if rolled.ndim == 2:
            row = y_pred[:, step, 0]
        else:
            row[:, targets] = y_pred[:, step]
            row[:, model.covariate_indices_] = future[:, step]
        rolled = np.concatenate([rolled[:, 1:], row[:, np.newaxis]], axis=1)
    return y_pred


# estimator settings, target_index, window columns (None: 2-D windows)
COMPILED_CASES = {
    "2-D, window_norm standard": (dict(), 0, None),
    "2-D, no window_norm": (dict(window_norm=None), 0, None),
    "covariates, window_norm mean": (dict(window_norm="mean"), 0, [0, 1]),
    "two targets reordered, covariate": (dict(target_index=[2, 0]), [2, 0], None),
    "differences (1, 7), 2-D": (dict(differences=(1, 7)), 0, None),
    "differences, last, all features": (
        dict(differences=1, window_norm="last", window_norm_features=True),
        0,
        [0, 1, 2],
    ),
    "quantiles": (dict(quantiles=(0.1, 0.5, 0.9), loss="mae"), 0, None),
    "seasonal baseline, 2-D": (dict(seasonal_baseline=3), 0, None),
    "seasonal baseline, correction weighed": (
        dict(seasonal_baseline=3, correction_weight=0.5),
        0,
        None,
    ),
    "seasonal baseline, two targets, quantiles": (
        dict(
            seasonal_baseline=3,
            target_index=[2, 0],
            quantiles=(0.2, 0.5, 0.8),
            loss="mae",
        ),
        [2, 0],
        None,
    ),
}


@pytest.mark.backend_subset
@pytest.mark.parametrize("case", list(COMPILED_CASES))
def test_compiled_loop_equals_step_by_step_loop(case, monkeypatch):
    from skrnn.models import GRURegressor

    settings, target_index, columns = COMPILED_CASES[case]
    series = _trend_series()
    horizon, n = 5, 13
    X, nxt = windows_3d(series, window_length=10)
    if columns is None and target_index == 0:
        X, y = X[:, :, 0], nxt[:, 0]
    else:
        X, y = X[:, :, columns] if columns else X, nxt[:, target_index]
    settings = {"loss": "huber", **settings}
    model = RecursiveRegressor(
        GRURegressor((4,), epochs=1, batch_size=32, random_state=0, **settings),
        horizon=horizon,
        target_index=target_index,
    ).fit(X, y)
    windows = X[-n:]
    future = None
    if model.covariate_indices_:
        rng = np.random.default_rng(1)
        future = rng.normal(size=(n, horizon, len(model.covariate_indices_)))
    expected = _step_by_step(model, windows, future, horizon)

    assert model._compiled_forecast(horizon) is not None
    inner = model.estimator_

    def forbidden(*args, **kwargs):
        raise AssertionError("the compiled loop must not predict step by step")

    monkeypatch.setattr(inner, "predict_windows", forbidden)
    y_pred = model.forecast(windows, future_covariates=future)
    assert y_pred.dtype == np.float64
    assert_allclose(y_pred, expected, rtol=2e-5, atol=2e-5 * np.abs(expected).max())


@pytest.mark.backend_subset
def test_compiled_loop_is_kept_and_not_pickled():
    import pickle

    from skrnn.models import SimpleRNNRegressor

    X, y = ar1_windows(n_timesteps=60, window_length=6)
    model = RecursiveRegressor(
        SimpleRNNRegressor((4,), epochs=1, random_state=0), horizon=4
    ).fit(X, y)
    attributes = set(vars(model))
    first = model.predict(X[:9])
    compiled = model._compiled_forecast(4)
    assert compiled is not None
    assert model._compiled_forecast(4) is compiled  # built once per horizon
    assert model._compiled_forecast(3) is not compiled
    assert set(vars(model)) == attributes  # predict adds no attribute
    clone = pickle.loads(pickle.dumps(model))
    assert_allclose(clone.predict(X[:9]), first, rtol=1e-6)
    assert clone._compiled_forecast(4) is not compiled  # rebuilt lazily
    model.estimator_.partial_fit(X, y)  # the same network, new weights
    retrained = model.predict(X[:9])
    assert_allclose(
        retrained, _step_by_step(model, X[:9], None, 4)[:, :, 0], rtol=2e-5, atol=1e-6
    )
    assert not np.allclose(retrained, first)


def test_step_by_step_for_estimators_without_a_network():
    # a Pipeline, Ridge: no compiled loop, the per-step path
    from sklearn.pipeline import make_pipeline

    from skrnn.preprocessing import WindowScaler

    X, y = ar1_windows()
    for estimator in (Ridge(), make_pipeline(WindowScaler(), Ridge())):
        model = RecursiveRegressor(estimator, horizon=3).fit(X, y)
        assert model._compiled_forecast(3) is None
        assert model.predict(X[:4]).shape == (4, 3)


# -- targets ------------------------------------------------------------------


def test_direct_targets_use_first_column_with_warning():
    X, y = ar1_windows()
    Y = np.column_stack([y, 0.8 * y, 0.64 * y])
    with pytest.warns(UserWarning, match="first column"):
        model = RecursiveRegressor(Ridge(alpha=0.5), horizon=3).fit(X, Y)
    reference = RecursiveRegressor(Ridge(alpha=0.5), horizon=3).fit(X, y)
    assert_allclose(model.predict(X), reference.predict(X))
    with pytest.warns(DataConversionWarning, match="column-vector y"):
        RecursiveRegressor(Ridge()).fit(X, y[:, np.newaxis])


def test_direct_multi_target_uses_first_step_with_warning():
    A, series = var1_series()
    X, y = windows_3d(series, window_length=2)
    Y = np.stack([y, y @ A.T], axis=1)  # (n, horizon=2, 2)
    with pytest.warns(UserWarning, match="first step"):
        model = RecursiveRegressor(LinearRegression(), target_index=[0, 1]).fit(X, Y)
    reference = RecursiveRegressor(LinearRegression(), target_index=[0, 1]).fit(X, y)
    assert_allclose(model.predict(X), reference.predict(X))


# -- errors -------------------------------------------------------------------


def test_errors():
    X, y = ar1_windows()
    with pytest.raises(ValueError, match="horizon must be an int >= 1, got 0"):
        RecursiveRegressor(Ridge(), horizon=0).fit(X, y)
    with pytest.raises(ValueError, match="target_index index 2 is out of range"):
        RecursiveRegressor(Ridge(), target_index=2).fit(X[:, :, np.newaxis], y)
    with pytest.raises(NotFittedError):
        RecursiveRegressor(Ridge()).predict(X)
    with pytest.raises(ValueError, match=r"y must have shape \(n_windows, 2\)"):
        RecursiveRegressor(Ridge(), target_index=[0, 1]).fit(
            np.repeat(X[:, :, np.newaxis], 2, axis=2), np.zeros((len(X), 3))
        )
    model = RecursiveRegressor(Ridge(), horizon=2).fit(X[:, :, np.newaxis], y)
    with pytest.raises(ValueError, match="was fitted on windows of shape"):
        model.predict(np.repeat(X[:, :, np.newaxis], 2, axis=2))
    with pytest.raises(ValueError, match="X has 3 features"):
        model.predict(X[:, :3, np.newaxis])
    with pytest.raises(ValueError, match="every window feature is a target"):
        model.predict(X[:, :, np.newaxis], future_covariates=np.zeros((len(X), 2, 1)))


def test_plain_windows_skip_no_check():
    # float ndarrays take a cheap path through the input checks: what it
    # lets through is what the full checks would, and the rest still gets
    # the full checks and their errors
    import pandas as pd

    X, y = ar1_windows()
    model = RecursiveRegressor(Ridge(), horizon=3).fit(X, y)
    expected = model.predict(X)
    for windows in (X.astype(np.float32), X.tolist(), np.asfortranarray(X)):
        assert_allclose(model.predict(windows), expected, rtol=1e-5, atol=1e-5)
    for bad, message in ((np.nan, "NaN"), (np.inf, "infinity")):
        for dtype in (np.float32, np.float64):
            windows = X.astype(dtype)
            windows[3, 1] = bad
            with pytest.raises(ValueError, match=message):
                model.predict(windows)
    with pytest.raises(ValueError, match="minimum of 1 is required"):
        model.predict(X[:0])
    with pytest.raises(ValueError, match="was fitted on windows of shape"):
        model.predict(X[:, :3])
    # a finite float32 sum that overflows is no error
    huge = np.full((4, X.shape[1]), 3e38, np.float32)
    assert np.isinf(huge.sum())
    assert model.predict(huge).shape == (4, 3)
    # fitted on named columns, predicting on an array: scikit-learn's warning
    named = RecursiveRegressor(Ridge(), horizon=2).fit(
        pd.DataFrame(X, columns=[f"lag{i}" for i in range(X.shape[1])]), y
    )
    with pytest.warns(UserWarning, match="does not have valid feature names"):
        named.predict(X)


def test_input_not_modified():
    series = covariate_series()
    X, nxt = windows_3d(series, window_length=3)
    X = X.copy()
    future = np.ones((len(X), 3, 1))
    X_before, future_before = X.copy(), future.copy()
    model = RecursiveRegressor(Ridge(), horizon=3).fit(X, nxt[:, 0])
    model.predict(X, future_covariates=future)
    assert_allclose(X, X_before)
    assert_allclose(future, future_before)


# -- preprocessing and recursion -------------------------------------------------


def _level_series(n_timesteps=120, seed=0):
    """A positive series far from 0 with unit-scale wiggles (units matter)."""
    rng = np.random.default_rng(seed)
    t = np.arange(n_timesteps)
    return 50.0 + 10.0 * np.sin(t / 5.0) + rng.normal(0.0, 1.0, n_timesteps)


def _hand_loop(model, window, horizon):
    """Forecast by feeding a one-step model's predictions back, one by one."""
    window = np.array(window, dtype=np.float64)
    out = []
    for _ in range(horizon):
        step = np.asarray(model.predict(window), dtype=np.float64).reshape(len(window))
        out.append(step)
        new = step if window.ndim == 2 else step[:, None]
        window = np.concatenate([window[:, 1:], new[:, None]], axis=1)
    return np.stack(out, axis=1)


def test_scaling_inside_is_exact_against_a_hand_built_loop():
    from sklearn.compose import TransformedTargetRegressor
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import StandardScaler

    from skrnn import make_windows
    from skrnn.preprocessing import WindowScaler

    X, y = make_windows(_level_series(), 8)
    X, y = X[:, :, 0].astype(np.float64), y.astype(np.float64)
    inner = TransformedTargetRegressor(
        make_pipeline(WindowScaler(), Ridge(alpha=0.1)), transformer=StandardScaler()
    )
    model = RecursiveRegressor(inner, horizon=6).fit(X, y)
    by_hand = _hand_loop(clone_fit(inner, X, y), X[-5:], 6)
    assert_allclose(model.predict(X[-5:]), by_hand, rtol=1e-10)
    # forecasts in the series' units, not the scaled ones
    assert model.predict(X[-5:]).min() > 30.0


def clone_fit(estimator, X, y):
    from sklearn.base import clone

    return clone(estimator).fit(X, y)


def test_targets_and_feedback_in_the_same_units_outside_are_exact():
    from sklearn.compose import TransformedTargetRegressor
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import FunctionTransformer

    from skrnn import make_windows
    from skrnn.preprocessing import WindowScaler

    X, y = make_windows(_level_series(), 8)
    X = X[:, :, 0].astype(np.float64)
    y = y.astype(np.float64)
    log = FunctionTransformer(np.log1p, np.expm1)
    model = TransformedTargetRegressor(
        make_pipeline(WindowScaler(log), RecursiveRegressor(Ridge(), horizon=5)),
        func=np.log1p,
        inverse_func=np.expm1,
    ).fit(X, y)
    ridge = Ridge().fit(np.log1p(X), np.log1p(y))
    by_hand = np.expm1(_hand_loop(ridge, np.log1p(X[-4:]), 5))
    assert_allclose(model.predict(X[-4:]), by_hand, rtol=1e-10)


@pytest.mark.parametrize("where", ["windows scaled", "targets scaled"])
def test_scaling_only_the_windows_or_only_the_targets_is_refused(where):
    from sklearn.compose import TransformedTargetRegressor
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import StandardScaler

    from skrnn import make_windows
    from skrnn.preprocessing import WindowScaler

    X, y = make_windows(_level_series(), 8)
    if where == "windows scaled":
        models = [
            make_pipeline(WindowScaler(), RecursiveRegressor(Ridge(), horizon=3)),
            make_pipeline(StandardScaler(), RecursiveRegressor(Ridge(), horizon=3)),
        ]
    else:
        models = [
            TransformedTargetRegressor(
                RecursiveRegressor(Ridge(), horizon=3), transformer=StandardScaler()
            )
        ]
    for model in models:
        with pytest.raises(
            ValueError,
            match=r"y does not continue the windows X in their units: in 1\d\d of the "
            r"first 111 pairs of windows, .* y\[0\] = .* while X\[1, -1\] = .* "
            r"Put the scaling inside: RecursiveRegressor\(make_pipeline\("
            r"WindowScaler\(\), model\)\)",
        ):
            model.fit(X[:, :, 0], y)


def test_windows_scaled_by_hand_are_refused_too():
    from skrnn import make_windows

    X, y = make_windows(_level_series(), 8)
    X = X[:, :, 0]
    assert RecursiveRegressor(Ridge()).fit(X, y).predict(X[:2]).shape == (2,)
    with pytest.raises(ValueError, match=r"y does not continue the windows X"):
        RecursiveRegressor(Ridge()).fit((X - 50) / 10, y)


def test_consecutive_windows_with_targets_that_continue_them_are_accepted():
    from skrnn import make_windows

    series = _level_series()
    for X, y in (
        make_windows(series, 8),
        make_windows(series, 8, stride=3),
        make_windows({"a": series, "b": series[::-1].copy()}, 8),
        make_windows(np.column_stack([series, -series]), 6, target=[0, 1]),
    ):
        index = 0 if y.ndim == 1 else [0, 1]
        fitted = RecursiveRegressor(Ridge(), target_index=index).fit(X, y)
        assert fitted.predict(X[:3]).shape == y[:3].shape
    rng = np.random.default_rng(1)
    unrelated = RecursiveRegressor(Ridge()).fit(
        rng.normal(size=(50, 2)), rng.normal(size=50)
    )
    constant = RecursiveRegressor(Ridge()).fit(np.ones((20, 4)), np.arange(20.0))
    assert unrelated.predict(np.zeros((1, 2))).shape == (1,)
    assert constant.predict(np.ones((1, 4))).shape == (1,)


def test_a_pipeline_of_3d_steps_gets_3d_windows_and_is_exact():
    from sklearn.base import BaseEstimator, RegressorMixin
    from sklearn.pipeline import make_pipeline

    from skrnn import make_windows
    from skrnn.preprocessing import WindowScaler

    class FlatRidge(RegressorMixin, BaseEstimator):
        """A 3-D window regressor: Ridge on the flattened windows."""

        def __sklearn_tags__(self):
            tags = super().__sklearn_tags__()
            tags.input_tags.three_d_array = True
            return tags

        def fit(self, X, y):
            assert X.ndim == 3
            self.ridge_ = Ridge(alpha=0.1).fit(X.reshape(len(X), -1), y)
            return self

        def predict(self, X):
            assert X.ndim == 3
            return self.ridge_.predict(X.reshape(len(X), -1))

    _, series = var1_series(60)
    X, y = make_windows(series * [1.0, 100.0] + [5.0, -300.0], 5, target=[0, 1])
    inner = make_pipeline(WindowScaler(), FlatRidge())
    model = RecursiveRegressor(inner, horizon=4, target_index=[0, 1]).fit(X, y)
    fitted = clone_fit(inner, X, y)
    window = np.array(X[-3:], dtype=np.float64)
    expected = []
    for _ in range(4):
        step = fitted.predict(window)
        expected.append(step)
        window = np.concatenate([window[:, 1:], step[:, None, :]], axis=1)
    assert_allclose(model.predict(X[-3:]), np.stack(expected, axis=1), rtol=1e-10)


def test_windows_of_another_length_name_the_window_shape():
    X, y = ar1_windows(window_length=4)
    model = RecursiveRegressor(Ridge()).fit(X, y)
    with pytest.raises(
        ValueError,
        match=r"X has windows of shape \(6,\), but RecursiveRegressor was fitted on "
        r"windows of shape \(4,\)",
    ):
        model.predict(np.zeros((2, 6)))


@pytest.mark.backend_subset
def test_one_step_of_a_keras_model_with_covariates_needs_no_future_values():
    from skrnn.models import DenseRegressor

    series = covariate_series()
    X, nxt = windows_3d(series, window_length=3)
    network = DenseRegressor(epochs=1, random_state=0)
    model = RecursiveRegressor(network, horizon=1).fit(X, nxt[:, 0])
    y_pred = model.predict(X[:5])
    assert y_pred.shape == (5,)
    assert_allclose(y_pred, model.estimator_.predict(X[:5]), rtol=1e-5)
