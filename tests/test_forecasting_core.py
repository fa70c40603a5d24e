"""WindowForecaster: recent histories, update, origins, validation, strategies."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from numpy.testing import assert_allclose
from sklearn.base import BaseEstimator, RegressorMixin
from sklearn.linear_model import LinearRegression
from sklearn.preprocessing import StandardScaler

from skrnn._contract import WindowRegressorMixin
from skrnn.forecasting import WindowForecaster
from skrnn.models import DenseRegressor, NaiveRegressor
from skrnn.strategies import (
    DirectStrategy,
    get_strategy,
    register_strategy,
    strategy_names,
    unregister_strategy,
)

STRATEGIES = ["recursive", "direct", "seq2seq"]


def ar1(n_timesteps=60, start="2024-01-01"):
    index = pd.date_range(start, periods=n_timesteps, freq="D")
    return pd.Series(5.0 * 0.9 ** np.arange(n_timesteps), index=index, name="level")


def linear():
    return LinearRegression(fit_intercept=False)


class SpyRegressor(WindowRegressorMixin, RegressorMixin, BaseEstimator):
    """Last value of the window; records what fit received."""

    takes_validation_data = True

    def __init__(self, target_index=0):
        self.target_index = target_index

    def __sklearn_tags__(self):
        tags = super().__sklearn_tags__()
        tags.input_tags.three_d_array = True
        return tags

    def fit(self, X, y, validation_data=None):
        self.train_shape_ = np.shape(X)
        self.train_targets_ = np.array(y)
        self.train_windows_ = np.array(X)
        self.validation_data_ = validation_data
        return self

    def predict(self, X):
        last = np.asarray(X)[:, -1, self.target_index]
        return (
            last
            if np.ndim(self.train_targets_) == 1
            else np.repeat(last[:, None], self.train_targets_.shape[1], axis=1)
        )


# -- forecasting from a recent history, and update ------------------------------


@pytest.mark.parametrize("strategy", STRATEGIES)
def test_predict_from_a_recent_history_equals_a_fit_on_it(strategy):
    y = ar1()
    forecaster = WindowForecaster(linear(), 5, strategy=strategy, horizon=3).fit(y)
    recent = y.iloc[:40]
    from_recent = forecaster.predict(y=recent)
    assert from_recent.index[0] == recent.index[-1] + pd.Timedelta(days=1)
    assert_allclose(
        from_recent.to_numpy(), recent.iloc[-1] * 0.9 ** np.arange(1, 4), rtol=1e-5
    )
    # the fitted state is unchanged
    assert forecaster.predict().index[0] == y.index[-1] + pd.Timedelta(days=1)


def test_update_moves_the_cutoff_without_refitting():
    y = ar1()
    forecaster = WindowForecaster(linear(), 5, horizon=2).fit(y.iloc[:50])
    coef = forecaster.estimator_.estimator_.coef_.copy()
    forecaster.update(y.iloc[50:55]).update(y.iloc[55:])
    assert forecaster.cutoff_ == y.index[-1]
    assert_allclose(forecaster.estimator_.estimator_.coef_, coef)
    expected = forecaster.predict(y=y)
    pd.testing.assert_series_equal(forecaster.predict(), expected)
    assert_allclose(forecaster.last_window_[:, 0], y.iloc[-5:].to_numpy(), rtol=1e-6)


def test_update_needs_the_steps_right_after_the_cutoff():
    y = ar1()
    forecaster = WindowForecaster(linear(), 5).fit(y.iloc[:50])
    with pytest.raises(ValueError, match="aligned with the steps after the cutoff"):
        forecaster.update(y.iloc[51:55])


def test_update_with_numpy_and_exogenous_covariates():
    rng = np.random.default_rng(0)
    x = rng.normal(size=80)
    y = np.zeros(80)
    for t in range(79):
        y[t + 1] = 0.5 * y[t] + 2.0 * x[t]
    X = x[:, None]
    forecaster = WindowForecaster(linear(), 3, horizon=3).fit(y[:60], X[:60])
    forecaster.update(y[60:70], X[60:70])
    assert forecaster.cutoff_ == 69
    reference = WindowForecaster(linear(), 3, horizon=3).fit(y[:60], X[:60])
    origins = reference.predict_origins(y[:73], [69], 3, X=X[:73])
    assert_allclose(forecaster.predict(X=X[70:73]), origins[0, :, 0])
    with pytest.raises(ValueError, match="X is required"):
        forecaster.update(y[70:72])
    with pytest.raises(ValueError, match="fitted with X"):
        forecaster.predict(y=y[:70])


def test_panel_update_and_recent_history_by_id():
    rng = np.random.default_rng(1)
    panel = {
        key: pd.Series(
            level + rng.normal(size=40).cumsum(),
            index=pd.date_range("2024-01-01", periods=40, freq="D"),
        )
        for key, level in (("a", 10.0), ("b", 500.0))
    }
    forecaster = WindowForecaster(
        NaiveRegressor(),
        4,
        strategy="direct",
        horizon=2,
        series_scaler=StandardScaler(),
    ).fit({k: s.iloc[:30] for k, s in panel.items()})
    forecaster.update({"b": panel["b"].iloc[30:]})
    forecast = forecaster.predict()
    assert forecast.loc["a"].index[0] == pd.Timestamp("2024-01-31")
    assert forecast.loc["b"].index[0] == pd.Timestamp("2024-02-10")
    assert_allclose(forecast.loc["b"].to_numpy(), panel["b"].iloc[-1], rtol=1e-5)
    recent = forecaster.predict(y={"a": panel["a"].iloc[:35]})
    assert_allclose(recent.loc["a"].to_numpy(), panel["a"].iloc[34], rtol=1e-5)
    with pytest.raises(ValueError, match=r"not in the fitted panel: \['c'\]"):
        forecaster.predict(y={"c": panel["a"]})
    with pytest.raises(ValueError, match="fitted on a panel"):
        forecaster.predict(y=panel["a"])


def test_predict_origins_is_one_forecast_per_origin():
    y = ar1().to_numpy()
    forecaster = WindowForecaster(linear(), 5, strategy="direct", horizon=3).fit(y)
    origins = np.array([10, 20, 30])
    y_pred = forecaster.predict_origins(y, origins)
    assert y_pred.shape == (3, 3, 1)
    for row, origin in zip(y_pred, origins, strict=True):
        assert_allclose(row[:, 0], forecaster.predict(y=y[: origin + 1]), rtol=1e-6)
    with pytest.raises(ValueError, match=r"origins must be positions in \[4, 59\]"):
        forecaster.predict_origins(y, [2])


# -- validation split in time ---------------------------------------------------------


@pytest.mark.parametrize(("strategy", "steps"), [("recursive", 1), ("direct", 3)])
def test_validation_windows_are_the_last_of_every_series(strategy, steps):
    n, window, held_out = 50, 6, 8
    panel = {k: np.arange(n, dtype=float) + 1000 * k for k in range(3)}
    forecaster = WindowForecaster(
        SpyRegressor(), window, strategy=strategy, horizon=3, validation_size=held_out
    ).fit(panel)
    spy = forecaster.estimator_
    spy = getattr(spy, "estimator_", spy)
    X_val, y_val = spy.validation_data_
    n_valid = held_out - steps + 1
    assert len(X_val) == 3 * n_valid
    first_targets = np.asarray(y_val).reshape(3, n_valid, -1)[:, :, 0]
    for k in range(3):  # the targets of each series' validation windows are its last
        assert_allclose(
            first_targets[k], 1000 * k + np.arange(n - held_out, n - steps + 1)
        )
    # no training target is a validation input: the last training target of a
    # series comes before the first validation window starts
    train_targets = np.asarray(spy.train_targets_).reshape(3, -1, steps)
    first_val_input = np.asarray(X_val).reshape(3, n_valid, window, -1)[:, 0, 0, 0]
    assert (train_targets.max(axis=(1, 2)) < first_val_input).all()


class BlindSpy(SpyRegressor):
    takes_validation_data = False


def test_validation_is_held_out_from_estimators_without_validation_data():
    y = np.arange(60, dtype=float)
    forecaster = WindowForecaster(
        BlindSpy(), 5, strategy="direct", horizon=1, validation_size=10
    ).fit(y)
    spy = forecaster.estimator_
    assert spy.validation_data_ is None
    # 55 windows, minus 10 validation windows and the 5 + 1 - 1 before them
    assert spy.train_shape_[0] == 40
    assert spy.train_targets_.max() == 44  # before the first validation input


def test_validation_size_errors():
    y = np.arange(30, dtype=float)
    with pytest.raises(ValueError, match="validation_size must be an int >= 3"):
        WindowForecaster(linear(), 5, "direct", horizon=3, validation_size=2).fit(y)
    with pytest.raises(ValueError, match="validation_size = 20"):
        WindowForecaster(linear(), 5, validation_size=20).fit(y)


def test_series_scaler_is_fitted_before_the_held_out_steps():
    y = np.concatenate([np.zeros(40), np.full(10, 100.0)])
    y[::2] += 1.0
    forecaster = WindowForecaster(
        linear(), 4, validation_size=10, series_scaler=StandardScaler()
    ).fit(y)
    assert forecaster.scalers_[0].mean_[0] == pytest.approx(0.5)


def test_keras_regressor_stops_on_the_forecasters_validation_windows():
    from skrnn import GRURegressor

    y = np.sin(np.arange(120) / 4)
    forecaster = WindowForecaster(
        GRURegressor((3,), epochs=2, early_stopping=True, random_state=0),
        8,
        strategy="direct",
        horizon=2,
        validation_size=20,
    ).fit(y)
    history = forecaster.estimator_.history_
    assert len(history["val_loss"]) == 2


# -- strategies registry -----------------------------------------------------------


def test_a_new_strategy_is_one_class():
    class EveryOtherStep(DirectStrategy):
        name = "every_other"

        def forecast(self, fitted, windows, horizon, covariates, n_targets):
            y_pred = super().forecast(fitted, windows, horizon, covariates, n_targets)
            return 2 * y_pred

    register_strategy(EveryOtherStep)
    try:
        assert "every_other" in strategy_names()
        y = ar1()
        base = WindowForecaster(linear(), 4, strategy="direct", horizon=2).fit(y)
        doubled = WindowForecaster(linear(), 4, strategy="every_other", horizon=2).fit(
            y
        )
        assert_allclose(doubled.predict().to_numpy(), 2 * base.predict().to_numpy())
    finally:
        unregister_strategy("every_other")
    with pytest.raises(ValueError, match="strategy must be one of"):
        get_strategy("every_other")


def test_register_strategy_rejects_non_strategies():
    with pytest.raises(TypeError, match="subclass of Strategy"):
        register_strategy(object)


# -- structure ------------------------------------------------------------------------


def test_window_length_is_validated_once_per_fit(monkeypatch):
    import skrnn.forecasting as forecasting

    calls = []
    original = forecasting.check_positive_int

    def counting(value, name, **kwargs):
        calls.append(name)
        return original(value, name, **kwargs)

    monkeypatch.setattr(forecasting, "check_positive_int", counting)
    WindowForecaster(linear(), 4, strategy="direct", horizon=2).fit(ar1())
    assert calls.count("window_length") == 1


def test_stride_keeps_every_kth_training_window_ending_with_the_latest():
    y = np.arange(40, dtype=float)
    forecaster = WindowForecaster(
        BlindSpy(), 5, strategy="direct", horizon=1, stride=3
    ).fit(y)
    targets = forecaster.estimator_.train_targets_.ravel()
    assert targets[-1] == 39
    assert_allclose(np.diff(targets), 3)
    assert len(targets) == len(range(5, 40, 3))
    with pytest.raises(ValueError, match="stride must be an int >= 1"):
        WindowForecaster(BlindSpy(), 5, stride=0).fit(y)


def test_regressor_is_the_fitted_window_regressor_for_every_strategy():
    y = ar1()
    for strategy in STRATEGIES:
        forecaster = WindowForecaster(linear(), 4, strategy=strategy, horizon=2).fit(y)
        assert isinstance(forecaster.regressor_, LinearRegression)
        assert hasattr(forecaster.regressor_, "coef_")


class ErrorSpy(SpyRegressor):
    takes_validation_error = True

    def fit(self, X, y, validation_data=None, validation_error=None):
        super().fit(X, y, validation_data)
        X_val, y_val = validation_data
        self.perfect_error_ = validation_error(np.asarray(y_val))
        self.last_value_error_ = validation_error(self.predict(X_val))
        return self


def test_validation_error_is_in_the_series_units_after_scaling_and_differences():
    y = 1000.0 + 50.0 * np.arange(120) + np.tile([0.0, 30.0], 60)
    forecaster = WindowForecaster(
        ErrorSpy(),
        8,
        strategy="direct",
        horizon=1,
        validation_size=10,
        differences=(1,),
        series_scaler=StandardScaler(),
    ).fit(y)
    spy = forecaster.estimator_
    assert spy.perfect_error_ == pytest.approx(0.0, abs=1e-6)
    # the spy repeats the last difference (a drift forecast): its error is
    # measured on the levels, in the series' units
    drift = y[-11:-1] + (y[-11:-1] - y[-12:-2])
    assert spy.last_value_error_ == pytest.approx(
        np.mean(np.abs(drift - y[-10:])), rel=1e-4
    )


def test_keras_early_stopping_watches_the_forecast_error_and_keeps_its_best_epoch():
    rng = np.random.default_rng(0)
    y = pd.Series(
        100.0 + np.cumsum(rng.normal(size=200)),
        index=pd.date_range("2024-01-01", periods=200, freq="D"),
    )
    forecaster = WindowForecaster(
        DenseRegressor((8,), epochs=6, patience=2, random_state=0),
        window_length=10,
        validation_size=30,
        differences=(1,),
    ).fit(y)
    history = forecaster.regressor_.history_
    assert len(history["val_forecast_error"]) == len(history["loss"])
    # the restored weights are the best epoch's: their held-out forecasts
    # (the calibration residuals, in units of the series' scale) score the
    # smallest logged error
    residuals = forecaster.calibration_residuals_ * forecaster.series_scales_[0]
    assert np.mean(np.abs(residuals)) == pytest.approx(
        min(history["val_forecast_error"]), rel=1e-4
    )


# -- validation_size="auto" ----------------------------------------------------------


def test_auto_validation_holds_out_the_last_steps_of_every_series():
    lengths, window = (50, 80, 120), 6
    panel = {k: np.arange(n, dtype=float) + 1000 * k for k, n in enumerate(lengths)}
    forecaster = WindowForecaster(
        SpyRegressor(), window, strategy="direct", horizon=3
    ).fit(panel)
    assert forecaster.validation_size == "auto"
    # a tenth of the shortest series (50 steps), at least the 3 target steps
    assert forecaster.validation_size_ == 5
    X_val, y_val = forecaster.estimator_.validation_data_
    n_valid = 5 - 3 + 1
    assert len(X_val) == 3 * n_valid
    first_targets = np.asarray(y_val).reshape(3, n_valid, 3)[:, :, 0]
    for k, n in enumerate(lengths):  # the last held-out steps of each series
        assert_allclose(first_targets[k], 1000 * k + np.arange(n - 5, n - 2))
    # every series keeps training windows, ending before its gap
    train_targets = np.asarray(forecaster.estimator_.train_targets_)
    assert len(train_targets) == sum(n - 2 * window - 3 - 5 + 1 for n in lengths)


@pytest.mark.parametrize(("fraction", "expected"), [(0.1, 6), (0.25, 15)])
def test_auto_validation_follows_the_estimators_validation_fraction(fraction, expected):
    series = np.sin(np.arange(60) / 3.0)
    forecaster = WindowForecaster(
        DenseRegressor(epochs=1, validation_fraction=fraction, random_state=0), 5
    ).fit(series)
    assert forecaster.validation_size_ == expected  # ceil(60 * fraction)
    assert len(forecaster.regressor_.history_["val_forecast_error"]) == 1


def test_keras_regressor_validates_on_every_series_by_default():
    rng = np.random.default_rng(3)
    panel = {
        key: pd.Series(
            level + rng.normal(size=n).cumsum(),
            index=pd.date_range("2024-01-01", periods=n, freq="D"),
        )
        for key, level, n in (("a", 10.0, 60), ("b", 500.0, 90))
    }
    forecaster = WindowForecaster(
        DenseRegressor((4,), epochs=2, random_state=0),
        5,
        series_scaler=StandardScaler(),
    ).fit(panel)
    # ceil(60 * 0.2): the shortest series' share at the default fraction
    assert forecaster.validation_size_ == 12
    history = forecaster.regressor_.history_
    assert len(history["val_loss"]) == len(history["loss"]) == 2
    assert len(history["val_forecast_error"]) == 2
    # the held-out steps calibrate the conformal intervals: 12 residuals a series
    assert forecaster.calibration_residuals_.shape == (24, 1, 1)
    interval = forecaster.predict_interval(coverage=0.8)
    assert interval.shape == (2, 2)
    assert (interval.iloc[:, 0] <= interval.iloc[:, 1]).all()


@pytest.mark.parametrize(
    "estimator",
    [linear(), NaiveRegressor(), BlindSpy()],
    ids=lambda estimator: type(estimator).__name__,
)
def test_auto_validation_trains_every_window_of_other_estimators(estimator):
    y = ar1()
    auto = WindowForecaster(estimator, 5, strategy="direct", horizon=2).fit(y)
    none = WindowForecaster(
        estimator, 5, strategy="direct", horizon=2, validation_size=None
    ).fit(y)
    assert auto.validation_size_ is None
    pd.testing.assert_series_equal(auto.predict(), none.predict())
    if isinstance(estimator, BlindSpy):
        assert auto.estimator_.train_shape_[0] == 60 - 5 - 2 + 1
    with pytest.raises(ValueError, match="intervals need calibration residuals"):
        auto.predict_interval()


def test_auto_validation_degrades_to_none_on_a_short_series():
    y = np.arange(25, dtype=float)
    with pytest.warns(UserWarning, match="validation_size='auto' holds out no steps"):
        forecaster = WindowForecaster(SpyRegressor(), 10).fit(y)
    assert forecaster.validation_size_ is None
    spy = forecaster.regressor_
    assert spy.validation_data_ is None
    assert spy.train_shape_[0] == 25 - 10
    # an explicit validation_size too large for the series is still an error
    with pytest.raises(ValueError, match="validation_size = 5"):
        WindowForecaster(SpyRegressor(), 10, validation_size=5).fit(y)
