"""WindowForecaster reads new data against the fitted columns, refuses
series that its float32 windows cannot hold, an id_column for one series and
a classifier as its estimator."""

import numpy as np
import pandas as pd
import pytest
from sklearn.linear_model import LinearRegression, LogisticRegression
from sklearn.preprocessing import StandardScaler

from skrnn import NaiveRegressor, WindowForecaster

DATES = pd.date_range("2020-01-01", periods=40, freq="D")
FUTURE = pd.date_range("2020-02-10", periods=3, freq="D")


@pytest.fixture
def two_columns():
    return pd.DataFrame(
        {"a": np.arange(40.0), "b": 1000 + 10 * np.arange(40.0)}, index=DATES
    )


@pytest.fixture
def fitted_on_two_columns(two_columns):
    forecaster = WindowForecaster(
        LinearRegression(), window_length=3, strategy="direct", target="a"
    )
    return forecaster.fit(two_columns)


SWAPPED_Y = r"y has the columns \['b', 'a'\], but WindowForecaster was fitted on"


def test_swapped_y_columns_are_refused_by_predict(fitted_on_two_columns, two_columns):
    history = two_columns.iloc[:20]
    assert fitted_on_two_columns.predict(1, y=history).iloc[0] == pytest.approx(20.0)
    with pytest.raises(ValueError, match=SWAPPED_Y + r".*y\[\['a', 'b'\]\]"):
        fitted_on_two_columns.predict(1, y=history[["b", "a"]])


def test_swapped_y_columns_are_refused_by_backtest(fitted_on_two_columns, two_columns):
    result = fitted_on_two_columns.backtest(two_columns, start=30)
    assert result.errors["MAE"].iloc[0] == pytest.approx(0.0, abs=1e-3)
    with pytest.raises(ValueError, match=SWAPPED_Y):
        fitted_on_two_columns.backtest(two_columns[["b", "a"]], start=30)


def test_swapped_y_columns_are_refused_by_update(fitted_on_two_columns):
    new = pd.DataFrame({"a": [40.0], "b": [1400.0]}, index=FUTURE[:1])
    with pytest.raises(ValueError, match=SWAPPED_Y):
        fitted_on_two_columns.update(new[["b", "a"]])
    fitted_on_two_columns.update(new)
    assert fitted_on_two_columns.predict(1).iloc[0] == pytest.approx(41.0)


def test_other_column_names_are_refused_without_a_reordering_hint(
    fitted_on_two_columns, two_columns
):
    renamed = two_columns.rename(columns={"b": "c"}).iloc[:20]
    with pytest.raises(ValueError, match=r"\['a', 'c'\].*fitted order\.$"):
        fitted_on_two_columns.predict(1, y=renamed)


def test_numpy_y_is_read_by_position(fitted_on_two_columns, two_columns):
    as_array = fitted_on_two_columns.predict(1, y=two_columns.iloc[:20].to_numpy())
    assert float(np.ravel(as_array)[0]) == pytest.approx(20.0)


def test_swapped_x_columns_are_refused():
    y = pd.Series(np.arange(40.0), index=DATES, name="y")
    X = pd.DataFrame({"a": np.sin(np.arange(40.0)), "b": np.arange(40.0)}, index=DATES)
    forecaster = WindowForecaster(LinearRegression(), window_length=3).fit(y, X)
    future = pd.DataFrame({"a": [0.1, 0.2, 0.3], "b": [40.0, 41.0, 42.0]}, index=FUTURE)
    np.testing.assert_allclose(forecaster.predict(3, X=future), [40, 41, 42], atol=1e-6)
    swapped = r"X has the columns \['b', 'a'\], but WindowForecaster was fitted on"
    with pytest.raises(ValueError, match=swapped):
        forecaster.predict(3, X=future[["b", "a"]])
    with pytest.raises(ValueError, match=swapped):
        forecaster.update(y.iloc[-1:].set_axis(FUTURE[:1]), future.iloc[:1][["b", "a"]])


def test_a_renamed_series_y_is_accepted():
    y = pd.Series(np.arange(40.0), index=DATES, name="rail")
    forecaster = WindowForecaster(NaiveRegressor(), window_length=3).fit(y)
    forecast = forecaster.predict(1, y=y.iloc[:20].rename("bus"))
    assert forecast.iloc[0] == pytest.approx(19.0)


def test_a_series_that_float32_cannot_hold_is_refused_with_what_helps():
    y = pd.Series(1e8 + np.arange(40.0), index=DATES)
    lost = r"y loses precision in float32.*series_scaler=sklearn"
    with pytest.raises(ValueError, match=lost):
        WindowForecaster(LinearRegression(), window_length=3).fit(y)
    scaled = WindowForecaster(
        LinearRegression(), window_length=3, series_scaler=StandardScaler()
    ).fit(y)
    np.testing.assert_allclose(scaled.predict(3) - 1e8, [40, 41, 42], atol=1e-3)


def test_a_panel_series_that_float32_cannot_hold_is_refused():
    panel = {"small": np.arange(40.0), "large": 1e8 + np.arange(40.0)}
    with pytest.raises(ValueError, match=r"y loses precision in float32"):
        WindowForecaster(LinearRegression(), window_length=3).fit(panel)


def test_values_beyond_float32_are_refused_at_fit_and_predict():
    huge = pd.Series(np.full(40, 1e39), index=DATES)
    with pytest.raises(ValueError, match=r"y has 40 value\(s\) out of float32 range"):
        WindowForecaster(LinearRegression(), window_length=3).fit(huge)
    forecaster = WindowForecaster(LinearRegression(), window_length=3).fit(
        pd.Series(np.arange(40.0), index=DATES)
    )
    with pytest.raises(ValueError, match=r"y has 3 value\(s\) out of float32 range"):
        forecaster.predict(1, y=huge)


@pytest.mark.parametrize(
    "y, shown",
    [
        (np.arange(30.0), r"type ndarray; pass the long DataFrame, or"),
        (
            pd.Series(
                np.arange(30.0),
                index=pd.MultiIndex.from_product(
                    [["a"], DATES[:30]], names=["id", "date"]
                ),
            ),
            r"type Series; pass the long DataFrame \(a Series with an \(id, time\) "
            r"MultiIndex: y.to_frame\(\)\)",
        ),
    ],
)
def test_an_id_column_for_one_series_is_refused(y, shown):
    forecaster = WindowForecaster(NaiveRegressor(), window_length=3, id_column="id")
    with pytest.raises(
        ValueError, match=r"id_column='id' names the id column.*" + shown
    ):
        forecaster.fit(y)


def test_a_classifier_is_refused_as_the_estimator():
    forecaster = WindowForecaster(LogisticRegression(), window_length=3)
    with pytest.raises(TypeError, match=r"estimator must be a regressor.*LogisticRegr"):
        forecaster.fit(np.arange(30.0) % 3)


def test_an_id_index_without_a_time_index_is_refused():
    long = pd.DataFrame({"id": ["a"] * 30, "date": DATES[:30], "y": np.arange(30.0)})
    forecaster = WindowForecaster(NaiveRegressor(), window_length=3, id_column="id")
    with pytest.raises(ValueError, match=r"id_column='id' is the only index level"):
        forecaster.fit(long.set_index("id"))
    by_id_and_date = forecaster.fit(long.set_index(["id", "date"])).predict()
    assert by_id_and_date.to_numpy() == pytest.approx([29.0])


def test_two_timestamps_without_freq_are_refused_with_what_helps():
    two_days = pd.Series(
        [1.0, 2.0], index=pd.DatetimeIndex(["2020-01-01", "2020-01-02"])
    )
    forecaster = WindowForecaster(NaiveRegressor(), window_length=1)
    with pytest.raises(ValueError, match=r"y has 2 timestamps .* y.asfreq\('D'\)"):
        forecaster.fit(two_days)
    assert forecaster.fit(two_days.asfreq("D")).predict(1).iloc[0] == pytest.approx(2.0)


@pytest.mark.parametrize(
    "start, match",
    [
        (45.0, r"start must be an int position or a date, got 45.0 of type float"),
        (True, r"start must be an int position or a date, got True of type bool"),
        (
            pd.Timestamp("2020-02-10", tz="UTC"),
            r"both have a time zone or both have none; start has UTC, y has None",
        ),
    ],
)
def test_a_backtest_start_of_the_wrong_kind_is_refused(start, match):
    y = pd.Series(np.arange(60.0), index=pd.date_range("2020-01-01", periods=60))
    forecaster = WindowForecaster(NaiveRegressor(), window_length=3).fit(y[:40])
    assert len(forecaster.backtest(y, start=45).forecasts) == 14
    with pytest.raises(ValueError, match=match):
        forecaster.backtest(y, start=start)


@pytest.mark.parametrize(
    "index, shown",
    [
        (np.array([4, 3, 2, 1, 0] * 8, dtype=np.uint64), "3 at position 1 follows 4"),
        ([1, 0, *range(2, 40)], "0 at position 1 follows 1"),
    ],
)
def test_an_integer_index_that_does_not_increase_is_named_where_it_fails(index, shown):
    y = pd.Series(np.arange(40.0), index=index)
    with pytest.raises(ValueError, match="not evenly increasing: " + shown):
        WindowForecaster(NaiveRegressor(), window_length=3).fit(y)
