"""Tests of skrnn.forecasting.WindowForecaster."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from numpy.testing import assert_allclose
from series_factories import with_covariate
from sklearn.base import clone
from sklearn.exceptions import NotFittedError
from sklearn.linear_model import LinearRegression, Ridge
from sklearn.metrics import mean_absolute_error, root_mean_squared_error

from skrnn.forecasting import WindowForecaster
from skrnn.models import NaiveRegressor

STRATEGIES = ["recursive", "direct", "seq2seq"]


def linear():
    # Windows are float32: without an intercept there is no float32 rounding
    # of the mean, so noiseless linear dynamics are recovered to ~1e-7.
    return LinearRegression(fit_intercept=False)


def ar1(n_timesteps=40, start="2024-01-01", freq="D"):
    index = pd.date_range(start, periods=n_timesteps, freq=freq)
    return pd.Series(5.0 * 0.8 ** np.arange(n_timesteps), index=index, name="level")


def weekly(n_weeks=10):
    index = pd.date_range("2024-01-01", periods=7 * n_weeks, freq="D")
    pattern = np.tile([3.0, 1.0, 4.0, 1.0, 5.0, 9.0, 2.0], n_weeks)
    return pd.Series(pattern, index=index, name="riders")


# -- exact forecasts and dates ------------------------------------------------


@pytest.mark.parametrize("strategy", STRATEGIES)
def test_linear_model_recovers_ar1(strategy):
    y = ar1()
    forecaster = WindowForecaster(linear(), 4, strategy=strategy, horizon=6).fit(y)
    y_pred = forecaster.predict()
    expected = y.iloc[-1] * 0.8 ** np.arange(1, 7)
    assert isinstance(y_pred, pd.Series)
    assert y_pred.name == "level"
    assert_allclose(y_pred.to_numpy(), expected, rtol=1e-5)
    pd.testing.assert_index_equal(
        y_pred.index, pd.date_range("2024-02-10", periods=6, freq="D")
    )
    # fewer steps than trained: the first ones
    assert_allclose(forecaster.predict(2).to_numpy(), expected[:2], rtol=1e-5)


@pytest.mark.parametrize("strategy", STRATEGIES)
def test_seasonal_naive_on_weekly_pattern_is_exact(strategy):
    from skrnn.models import NaiveRegressor

    y = weekly()
    forecaster = WindowForecaster(
        NaiveRegressor(lag=7), 14, strategy=strategy, horizon=10
    ).fit(y)
    y_pred = forecaster.predict()
    # the series ends on a Sunday (index 69), the forecast starts on Monday
    expected = y.to_numpy()[np.arange(70, 80) % 7]
    assert_allclose(y_pred.to_numpy(), expected)
    assert y_pred.index[0] == pd.Timestamp("2024-03-11")


def test_recursive_forecasts_beyond_the_horizon_parameter():
    y = ar1()
    forecaster = WindowForecaster(linear(), 4, horizon=2).fit(y)
    y_pred = forecaster.predict(horizon=12)
    assert_allclose(y_pred.to_numpy(), y.iloc[-1] * 0.8 ** np.arange(1, 13), rtol=1e-5)


@pytest.mark.parametrize(
    ("index", "expected"),
    [
        (
            pd.date_range("2024-01-31", periods=30, freq="ME"),
            pd.date_range("2026-07-31", periods=3, freq="ME"),
        ),
        (  # 30 business days from Monday 2024-01-01 end on Friday 2024-02-09
            pd.date_range("2024-01-01", periods=30, freq="B"),
            pd.DatetimeIndex(["2024-02-12", "2024-02-13", "2024-02-14"]),
        ),
        (
            pd.period_range("2020Q1", periods=30, freq="Q"),
            pd.period_range("2027Q3", periods=3, freq="Q"),
        ),
        (pd.RangeIndex(10, 70, 2), pd.Index([70, 72, 74])),
    ],
)
def test_future_index(index, expected):
    y = pd.Series(0.8 ** np.arange(30), index=index)
    y_pred = WindowForecaster(linear(), 3, horizon=3).fit(y).predict()
    assert list(y_pred.index) == list(expected)
    assert_allclose(y_pred.to_numpy(), 0.8 ** np.arange(30, 33), rtol=1e-5)


def test_datetime_index_without_freq_attribute_is_inferred():
    y = ar1()
    y.index = pd.DatetimeIndex(list(y.index))  # freq is None, inferable
    assert y.index.freq is None
    y_pred = WindowForecaster(linear(), 4, horizon=2).fit(y).predict()
    assert y_pred.index[0] == pd.Timestamp("2024-02-10")


def test_numpy_in_numpy_out():
    values = ar1().to_numpy()
    forecaster = WindowForecaster(linear(), 4, strategy="direct", horizon=3)
    y_pred = forecaster.fit(values).predict()
    assert isinstance(y_pred, np.ndarray)
    assert y_pred.shape == (3,)
    assert_allclose(y_pred, values[-1] * 0.8 ** np.arange(1, 4), rtol=1e-5)


def test_dataframe_targets_and_input_columns():
    rng = np.random.default_rng(0)
    index = pd.date_range("2024-01-01", periods=80, freq="D")
    bus = rng.normal(size=80)
    rail = np.zeros(80)
    rail[1:] = 0.5 * bus[:-1]  # rail follows yesterday's bus
    frame = pd.DataFrame({"bus": bus, "rail": rail}, index=index)
    forecaster = WindowForecaster(linear(), 3, strategy="direct", target="rail")
    y_pred = forecaster.fit(frame).predict()
    assert isinstance(y_pred, pd.Series)
    assert y_pred.name == "rail"
    assert_allclose(y_pred.to_numpy(), [0.5 * bus[-1]], rtol=1e-5)

    both = WindowForecaster(linear(), 3, strategy="direct", horizon=2).fit(frame)
    y_both = both.predict()
    assert isinstance(y_both, pd.DataFrame)
    assert list(y_both.columns) == ["bus", "rail"]
    assert y_both.shape == (2, 2)
    assert_allclose(y_both["rail"].iloc[0], 0.5 * bus[-1], rtol=1e-5)


# -- exogenous covariates -----------------------------------------------------


def test_recursive_with_future_exogenous_values():
    y, X = with_covariate()
    y_train, X_train = y.iloc[:50], X.iloc[:50]
    forecaster = WindowForecaster(linear(), 3, horizon=4).fit(y_train, X_train)
    y_pred = forecaster.predict(X=X.iloc[50:54])
    expected = y.iloc[50:54].to_numpy()
    assert_allclose(y_pred.to_numpy(), expected, rtol=1e-5, atol=1e-6)
    pd.testing.assert_index_equal(y_pred.index, y.index[50:54], check_names=False)
    # other future values give another forecast after the first step
    other = forecaster.predict(X=X.iloc[50:54] + 1.0)
    assert_allclose(other.iloc[0], y_pred.iloc[0])
    assert not np.allclose(other.iloc[1:], y_pred.iloc[1:])
    # numpy future values work too
    assert_allclose(forecaster.predict(X=X.to_numpy()[50:54]), y_pred)


def test_exogenous_errors():
    y, X = with_covariate()
    forecaster = WindowForecaster(linear(), 3, horizon=4).fit(y.iloc[:50], X.iloc[:50])
    with pytest.raises(ValueError, match=r"X is required.*\(4, 1\)"):
        forecaster.predict()
    with pytest.raises(ValueError, match=r"X must hold the exogenous values.*\(4, 1\)"):
        forecaster.predict(X=X.iloc[50:53])
    with pytest.raises(ValueError, match="X must be aligned with the forecast dates"):
        forecaster.predict(X=X.iloc[51:55])
    with pytest.raises(ValueError, match="X must be aligned with y"):
        WindowForecaster(linear(), 3).fit(y.iloc[:50], X.iloc[1:51])
    with pytest.raises(ValueError, match="fitted without exogenous"):
        WindowForecaster(linear(), 3).fit(y).predict(X=X.iloc[:1])
    # direct forecasts use no future values
    direct = WindowForecaster(linear(), 3, strategy="direct", horizon=2)
    assert direct.fit(y, X).predict().shape == (2,)


# -- Keras seq2seq: shapes and alignment --------------------------------------


def test_seq2seq_keras_shapes_and_alignment():
    from skrnn.models import GRURegressor
    from skrnn.windows import make_windows

    y = weekly(6) / 10
    forecaster = WindowForecaster(
        GRURegressor((4,), epochs=1, batch_size=16, random_state=0),
        window_length=7,
        strategy="seq2seq",
        horizon=3,
    ).fit(y)
    assert forecaster.estimator_.seq2seq_
    y_pred = forecaster.predict()
    assert y_pred.shape == (3,)
    pd.testing.assert_index_equal(
        y_pred.index, pd.date_range("2024-02-12", periods=3, freq="D")
    )
    last = y.to_numpy()[-7:].reshape(1, 7, 1)
    assert_allclose(y_pred.to_numpy(), forecaster.estimator_.predict(last)[0])

    result = forecaster.backtest(y, start=20, horizon=2, stride=5)
    X, Y = make_windows(y.to_numpy()[14:], 7, horizon=2, stride=5)
    expected = forecaster.estimator_.predict(X)[:, :2]
    assert_allclose(result.forecasts["y_pred"].to_numpy(), expected.ravel(), rtol=1e-6)
    assert_allclose(result.forecasts["y_true"].to_numpy(), Y.ravel())
    with pytest.raises(ValueError, match="beyond the 3 step"):
        forecaster.predict(horizon=4)


# -- backtest -----------------------------------------------------------------


@pytest.mark.parametrize("strategy", ["recursive", "direct"])
def test_backtest_matches_hand_built_loop(strategy):
    rng = np.random.default_rng(3)
    index = pd.date_range("2024-01-01", periods=60, freq="D")
    y = pd.Series(np.cumsum(rng.normal(size=60)), index=index, name="y")
    forecaster = WindowForecaster(Ridge(alpha=1.0), 5, strategy=strategy, horizon=3)
    forecaster.fit(y.iloc[:40])
    result = forecaster.backtest(y, start="2024-02-05", stride=4)

    rows = []
    for origin in range(35, 60 - 3, 4):  # 2024-02-05 is position 35
        history = y.iloc[: origin + 1]
        window = history.to_numpy()[-5:].reshape(1, 5, 1).astype(np.float32)
        if strategy == "recursive":  # RecursiveRegressor(Ridge) on 3-D windows
            y_pred = forecaster.estimator_.predict(window)[0]
        else:  # Ridge on flattened windows, 3 outputs
            y_pred = forecaster.estimator_.predict(window.reshape(1, -1))[0]
        for step in range(3):
            rows.append(
                (
                    index[origin],
                    step + 1,
                    index[origin + step + 1],
                    y.iloc[origin + step + 1],
                    y_pred[step],
                )
            )
    expected = pd.DataFrame(
        rows, columns=["origin", "step", "date", "y_true", "y_pred"]
    )
    pd.testing.assert_frame_equal(
        result.forecasts, expected, check_dtype=False, rtol=1e-6
    )

    y_true = expected["y_true"].to_numpy().reshape(-1, 3)
    y_pred = expected["y_pred"].to_numpy().reshape(-1, 3)
    assert list(result.errors.index) == [1, 2, 3]
    assert_allclose(
        result.errors["MAE"],
        mean_absolute_error(y_true, y_pred, multioutput="raw_values"),
    )
    assert_allclose(
        result.errors["RMSE"],
        root_mean_squared_error(y_true, y_pred, multioutput="raw_values"),
    )


def test_backtest_refit_matches_loop_of_fits():
    rng = np.random.default_rng(4)
    y = np.cumsum(rng.normal(size=45))
    forecaster = WindowForecaster(Ridge(alpha=1.0), 4, strategy="direct", horizon=2)
    result = forecaster.backtest(y, start=30, stride=3, refit=True)
    assert not hasattr(forecaster, "estimator_")  # the forecaster stays unfitted
    expected = []
    for origin in range(30, 45 - 2, 3):
        model = clone(forecaster).fit(y[: origin + 1])
        expected.append(model.predict())
    assert_allclose(result.forecasts["y_pred"].to_numpy(), np.ravel(expected))
    assert list(result.forecasts["origin"].unique()) == list(range(30, 43, 3))
    assert_allclose(
        result.forecasts["date"].to_numpy(),
        result.forecasts["origin"].to_numpy() + result.forecasts["step"].to_numpy(),
    )


def test_backtest_with_exogenous_and_several_targets():
    y, X = with_covariate()
    forecaster = WindowForecaster(linear(), 3, horizon=3).fit(y.iloc[:40], X.iloc[:40])
    result = forecaster.backtest(y, start=45, X=X)
    assert_allclose(result.forecasts["y_pred"], result.forecasts["y_true"], atol=1e-5)
    assert (result.errors["MAE"] < 1e-5).all()

    frame = pd.DataFrame({"a": y, "b": 2 * y})
    multi = WindowForecaster(Ridge(), 3, strategy="direct", horizon=2).fit(frame)
    table = multi.backtest(frame, start=50).forecasts
    assert list(table.columns) == [
        "origin",
        "step",
        "date",
        "target",
        "y_true",
        "y_pred",
    ]
    assert list(table["target"].iloc[:4]) == ["a", "b", "a", "b"]
    assert_allclose(
        table["y_true"].iloc[:4],
        [y.iloc[51], 2 * y.iloc[51], y.iloc[52], 2 * y.iloc[52]],
    )


def test_backtest_errors():
    y = ar1()
    forecaster = WindowForecaster(linear(), 5, horizon=3)
    with pytest.raises(NotFittedError):
        forecaster.backtest(y, start=10)
    forecaster.fit(y)
    with pytest.raises(ValueError, match="too early"):
        forecaster.backtest(y, start=2)
    with pytest.raises(ValueError, match="leaves no origin"):
        forecaster.backtest(y, start=-2)
    with pytest.raises(ValueError, match="after the last date"):
        forecaster.backtest(y, start="2030-01-01")
    with pytest.raises(ValueError, match="stride must be an int >= 1"):
        forecaster.backtest(y, start=10, stride=0)


# -- errors -------------------------------------------------------------------


def test_predict_before_fit():
    with pytest.raises(NotFittedError):
        WindowForecaster(linear(), 3).predict()


def test_too_short_series():
    y = ar1(10)
    with pytest.raises(
        ValueError, match=r"too short.*window_length = 8 \+ horizon = 3"
    ):
        WindowForecaster(linear(), 8, strategy="direct", horizon=3).fit(y)
    with pytest.raises(ValueError, match=r"too short.*window_length = 10 \+ 1"):
        WindowForecaster(linear(), 10).fit(y)


def test_gap_in_dates_names_first_offending_date():
    y = ar1()
    y = y.drop(y.index[[12, 20]])
    with pytest.raises(ValueError, match=r"2024-01-14.*follows 2024-01-12.*2024-01-13"):
        WindowForecaster(linear(), 3).fit(y)
    business = pd.Series(
        np.arange(30.0), index=pd.date_range("2024-01-01", periods=30, freq="B")
    ).drop(pd.Timestamp("2024-01-17"))
    with pytest.raises(ValueError, match=r"2024-01-18.*expects 2024-01-17"):
        WindowForecaster(linear(), 3).fit(business)


def test_duplicated_dates_and_nan():
    y = ar1()
    duplicated = pd.concat([y.iloc[:10], y.iloc[9:]])
    with pytest.raises(ValueError, match=r"2024-01-10.*duplicated"):
        WindowForecaster(linear(), 3).fit(duplicated)
    with_nan = y.copy()
    with_nan.iloc[7] = np.nan
    with pytest.raises(ValueError, match=r"NaN.*2024-01-08"):
        WindowForecaster(linear(), 3).fit(with_nan)


def test_parameter_errors():
    y = ar1()
    with pytest.raises(ValueError, match="strategy must be one of"):
        WindowForecaster(linear(), 3, strategy="dirty").fit(y)
    with pytest.raises(ValueError, match="window_length must be an int >= 1"):
        WindowForecaster(linear(), 0).fit(y)
    with pytest.raises(ValueError, match="beyond the 2 step"):
        WindowForecaster(linear(), 3, strategy="direct", horizon=2).fit(y).predict(5)
    frame = pd.DataFrame({"a": y, "b": y})
    with pytest.raises(ValueError, match="seq2seq' needs a single target"):
        WindowForecaster(linear(), 3, strategy="seq2seq").fit(frame)
    with pytest.raises(ValueError, match=r"leaves column\(s\) \[1\] of y unforecast"):
        WindowForecaster(linear(), 3, target="a").fit(frame)
    with pytest.raises(ValueError, match="'c' is not a column"):
        WindowForecaster(linear(), 3, strategy="direct", target="c").fit(frame)


def test_input_not_modified():
    y, X = with_covariate()
    y_before, X_before = y.copy(), X.copy()
    forecaster = WindowForecaster(linear(), 3, horizon=2).fit(y, X)
    forecaster.backtest(y, start=10, X=X)
    pd.testing.assert_series_equal(y, y_before)
    pd.testing.assert_frame_equal(X, X_before)


def test_each_target_column_forecast_from_its_own_column():
    # two weekly patterns in two columns: seasonal naive must repeat each
    # column's own last week, for the recursive and the direct strategy
    week = np.arange(7, dtype=float)
    y = np.column_stack([np.tile(week, 8), 100 + np.tile(week[::-1], 8)])
    for strategy in ("recursive", "direct"):
        forecaster = WindowForecaster(
            NaiveRegressor(lag=7), window_length=14, strategy=strategy, horizon=7
        )
        forecast = forecaster.fit(y).predict()
        np.testing.assert_array_equal(forecast, y[:7])


def test_direct_targets_as_long_as_the_window_are_not_seq2seq():
    from skrnn import GRURegressor

    y = np.column_stack([np.sin(np.arange(80) / 3), np.cos(np.arange(80) / 3)])
    forecaster = WindowForecaster(
        GRURegressor((2,), epochs=1, random_state=0),
        window_length=5,
        strategy="direct",
        horizon=5,
    )
    assert forecaster.fit(y).predict().shape == (5, 2)
    assert forecaster.estimator_.seq2seq_ is False
