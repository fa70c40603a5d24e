"""Revised values in the sktime adapters' update; integer indexes in windows."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from numpy.testing import assert_allclose, assert_array_equal
from series_factories import with_covariate
from sklearn.linear_model import LinearRegression

from skrnn import NaiveRegressor, SlidingWindowTransformer, make_windows
from skrnn.forecasting import WindowForecaster
from skrnn.windows import check_no_gaps, last_window

pytestmark = pytest.mark.filterwarnings(
    "ignore:The default of config ``remember_data``:FutureWarning"
)


def days(n_timesteps=40, name="y"):
    """0, 1, 2, ... on a daily index from 2020-01-01."""
    index = pd.date_range("2020-01-01", periods=n_timesteps, freq="D")
    return pd.Series(np.arange(n_timesteps, dtype=float), index=index, name=name)


# -- sktime adapters: update with revised values -----------------------------------


@pytest.mark.parametrize("update_params", [False, True])
def test_a_revised_last_value_is_the_next_naive_forecast(update_params):
    from skrnn.sktime import SkrnnForecaster

    y = days()
    forecaster = SkrnnForecaster(NaiveRegressor(), window_length=3).fit(y)
    assert forecaster.predict(fh=[1]).iloc[0] == 39.0
    revised = pd.Series([1000.0], index=y.index[-1:], name="y")
    forecaster.update(revised, update_params=update_params)
    y_pred = forecaster.predict(fh=[1, 2])
    assert y_pred.tolist() == [1000.0, 1000.0]
    assert y_pred.index[0] == pd.Timestamp("2020-02-10")
    assert forecaster.cutoff[0] == y.index[-1]
    assert forecaster._y.iloc[-1] == 1000.0
    assert revised.iloc[0] == 1000.0  # the caller's data is left as it was


@pytest.mark.parametrize("update_params", [False, True])
def test_a_revision_inside_the_window_changes_the_forecast(update_params):
    from skrnn.sktime import SkrnnForecaster

    y = days()
    # lag 3 of a 3-step window: steps 1, 2, 3 ahead repeat the window's values
    forecaster = SkrnnForecaster(NaiveRegressor(lag=3), window_length=3).fit(y)
    assert forecaster.predict(fh=[1, 2, 3]).tolist() == [37.0, 38.0, 39.0]
    # the last four steps: 36 (outside the window) and 37 revised, 38 and 39 kept
    revised = pd.Series([-100.0, -5.0, 38.0, 39.0], index=y.index[-4:], name="y")
    forecaster.update(revised, update_params=update_params)
    assert forecaster.cutoff[0] == y.index[-1]
    assert forecaster.predict(fh=[1, 2, 3, 4]).tolist() == [-5.0, 38.0, 39.0, -5.0]


def test_a_revision_outside_the_window_keeps_the_forecast_and_the_model():
    from skrnn.sktime import SkrnnForecaster

    y, _ = with_covariate()
    forecaster = SkrnnForecaster(LinearRegression(), window_length=3).fit(y)
    model = forecaster.estimator_
    before = forecaster.predict(fh=[1, 2])
    revised = y.iloc[-5:].copy()
    revised.iloc[:2] = [50.0, -50.0]  # steps 5 and 4 before the end
    forecaster.update(revised, update_params=False)
    assert forecaster.estimator_ is model
    pd.testing.assert_series_equal(forecaster.predict(fh=[1, 2]), before)
    revised.iloc[-2] += 1.0  # inside the window now
    forecaster.update(revised, update_params=False)
    assert not np.allclose(forecaster.predict(fh=[1, 2]), before)


@pytest.mark.parametrize("update_params", [False, True])
def test_a_revision_of_an_earlier_step_alone_moves_the_cutoff_back(update_params):
    """sktime sets the cutoff to the last time step of update's y."""
    from skrnn.sktime import SkrnnForecaster

    y = days()
    forecaster = SkrnnForecaster(NaiveRegressor(), window_length=3).fit(y)
    forecaster.update(
        pd.Series([-5.0], index=y.index[-3:-2], name="y"),
        update_params=update_params,
    )
    assert forecaster.cutoff[0] == y.index[-3]
    y_pred = forecaster.predict(fh=[1])
    assert y_pred.index[0] == y.index[-2]
    assert y_pred.iloc[0] == -5.0


def test_a_cutoff_before_a_full_window_is_a_clear_error():
    from skrnn.sktime import SkrnnForecaster

    y = days()
    forecaster = SkrnnForecaster(NaiveRegressor(), window_length=3).fit(y)
    forecaster.update(pd.Series([7.0], index=y.index[1:2], name="y"))
    with pytest.raises(ValueError, match=r"window_length_=3 time steps .* are 2 up"):
        forecaster.predict(fh=[1])


@pytest.mark.parametrize("update_params", [False, True])
def test_revised_y_and_X_with_new_steps_in_one_update(update_params):
    """y_{t+1} = 0.5 y_t + 2 x_t: the forecasts follow the revised values."""
    from skrnn.sktime import SkrnnForecaster

    y, X = with_covariate()
    # one step per window: y_t and x_t, which the model weighs 0.5 and 2
    forecaster = SkrnnForecaster(LinearRegression(fit_intercept=False), 1)
    forecaster.fit(y.iloc[:40], X.iloc[:40])
    # revise the last step seen (39): no update of the steps after it yet
    y_new, X_new = y.iloc[39:40].copy(), X.iloc[39:40].copy()
    y_new.iloc[0], X_new.iloc[0, 0] = 10.0, 1.0
    forecaster.update(y_new, X_new, update_params=False)
    y_pred = forecaster.predict(fh=[1, 2], X=X.iloc[40:42])
    assert_allclose(y_pred.iloc[0], 0.5 * 10.0 + 2.0 * 1.0, rtol=1e-6)
    assert_allclose(y_pred.iloc[1], 0.5 * 7.0 + 2.0 * X["x"].iloc[40], rtol=1e-6)
    # steps 38 and 39 revised back and 40, 41 new, in one update
    forecaster.update(y.iloc[38:42], X.iloc[38:42], update_params=update_params)
    assert forecaster.cutoff[0] == y.index[41]
    y_pred = forecaster.predict(fh=[1], X=X.iloc[42:43])
    assert_allclose(y_pred.iloc[0], y.iloc[42], rtol=1e-6)


def test_revised_X_alone_changes_the_forecast():
    from skrnn.sktime import SkrnnForecaster

    y, X = with_covariate()
    forecaster = SkrnnForecaster(
        LinearRegression(fit_intercept=False), 1, strategy="direct"
    ).fit(y.iloc[:40], X.iloc[:40], fh=[1])
    X_new = X.iloc[39:40] + 3.0
    forecaster.update(y.iloc[39:40], X_new, update_params=False)
    step1 = 0.5 * y.iloc[39] + 2.0 * X_new["x"].iloc[0]
    assert_allclose(forecaster.predict().iloc[0], step1, rtol=1e-6)


def test_intervals_and_quantiles_follow_a_revision():
    from skrnn.sktime import SkrnnForecaster

    y = pd.Series(
        np.random.default_rng(0).normal(size=120).cumsum(),
        index=pd.date_range("2023-01-01", periods=120, freq="D"),
        name="y",
    )
    forecaster = SkrnnForecaster(NaiveRegressor(), 5, validation_size=40)
    forecaster.fit(y, fh=[1, 2])
    interval, quantiles = forecaster.predict_interval(), forecaster.predict_quantiles()
    revised = y.iloc[-1:] + 50.0
    forecaster.update(revised, update_params=False)
    assert_allclose(forecaster.predict_interval().to_numpy(), interval + 50.0)
    assert_allclose(forecaster.predict_quantiles().to_numpy(), quantiles + 50.0)


@pytest.mark.parametrize("update_params", [False, True])
def test_revisions_in_hierarchical_data(update_params):
    """sktime fits one adapter per series; each sees its own revisions."""
    from skrnn.sktime import SkrnnForecaster

    dates = pd.date_range("2020-01-01", periods=20, freq="D")
    index = pd.MultiIndex.from_product([["a", "b"], dates], names=["id", "time"])
    values = np.r_[np.arange(20.0), 100.0 + np.arange(20.0)]
    y = pd.DataFrame({"v": values}, index=index)
    forecaster = SkrnnForecaster(NaiveRegressor(), window_length=3).fit(y)
    # a: its last value revised; b: its last value kept and one new step
    steps = [("a", dates[-1]), ("b", dates[-1]), ("b", dates[-1] + pd.Timedelta("1D"))]
    new = pd.DataFrame(
        {"v": [1000.0, 119.0, 120.0]},
        index=pd.MultiIndex.from_tuples(steps, names=["id", "time"]),
    )
    forecaster.update(new, update_params=update_params)
    y_pred = forecaster.predict(fh=[1])
    assert y_pred.loc[("a", pd.Timestamp("2020-01-21")), "v"] == 1000.0
    assert y_pred.loc[("b", pd.Timestamp("2020-01-22")), "v"] == 120.0


@pytest.mark.parametrize("update_params", [False, True])
def test_an_unseen_step_between_seen_ones_is_a_clear_error(update_params):
    from skrnn.sktime import SkrnnForecaster

    y = days()
    forecaster = SkrnnForecaster(NaiveRegressor(), window_length=3).fit(y)
    noon = y.index[-2] + pd.Timedelta("12h")
    odd = pd.Series([1.0, 2.0], index=pd.DatetimeIndex([noon, y.index[-1]]), name="y")
    with pytest.raises(ValueError, match="y in update must hold time steps") as info:
        forecaster.update(odd, update_params=update_params)
    assert "2020-02-08 12:00:00" in str(info.value)
    # nothing seen changed: the forecast is the one before
    assert forecaster.predict(fh=[1]).iloc[0] == 39.0


# -- make_windows and integer indexes -------------------------------------------


def frame(index=None):
    return pd.DataFrame({"v": np.arange(20.0)}, index=index)


BAD_INDEXES = {
    "shuffled": frame().sample(frac=1, random_state=0).index,
    "descending": pd.RangeIndex(19, -1, -1),
    "duplicated": pd.Index([0, 1, 1, *range(3, 20)]),
    "gappy": pd.Index([*range(5), *range(6, 21)]),
    "uint descending": pd.Index(np.arange(19, -1, -1), dtype="uint64"),
}


@pytest.mark.parametrize("kind", list(BAD_INDEXES))
def test_make_windows_refuses_an_integer_index_not_evenly_increasing(kind):
    data = frame(BAD_INDEXES[kind])
    with pytest.raises(
        ValueError, match="series has an integer index that is not evenly increasing"
    ):
        make_windows(data, 3)
    with pytest.raises(ValueError, match="not evenly increasing"):
        make_windows(data["v"], 3, horizon=2)


def test_the_message_is_the_window_forecasters():
    data = frame().sample(frac=1, random_state=0)
    with pytest.raises(ValueError) as windows_error:
        make_windows(data, 3)
    with pytest.raises(ValueError) as forecaster_error:
        WindowForecaster(NaiveRegressor(), window_length=3).fit(data["v"])
    assert str(windows_error.value) == (
        "series has an integer index that is not evenly increasing: 1 at position "
        "1 follows 18."
    )
    assert str(forecaster_error.value) == str(windows_error.value).replace(
        "series has", "y has"
    )
    assert_array_equal(data["v"].to_numpy()[:3], [18.0, 1.0, 19.0])  # not sorted


def test_panels_and_the_transformer_refuse_it_too():
    good, bad = frame(pd.Index(np.arange(20)))["v"], frame(BAD_INDEXES["gappy"])["v"]
    with pytest.raises(ValueError, match=r"series\['b'\] has an integer index"):
        make_windows({"a": good, "b": bad}, 3)
    long = pd.DataFrame(
        {"id": ["a", "a", "b", "a", "b", "a"], "v": np.arange(6.0)},
    )  # the rows of "a" are 0, 1, 3, 5 of the default index
    with pytest.raises(ValueError, match=r"series\['a'\] has an integer index"):
        make_windows(long, 1, id_column="id")
    with pytest.raises(ValueError, match=r"y\['a'\] has an integer index"):
        WindowForecaster(NaiveRegressor(), 1, id_column="id").fit(long)
    transformer = SlidingWindowTransformer(3)
    with pytest.raises(ValueError, match="series has an integer index"):
        transformer.fit(bad)
    transformer.fit(good)
    with pytest.raises(ValueError, match="series has an integer index"):
        transformer.transform(bad)
    with pytest.raises(ValueError, match="series has an integer index"):
        last_window(bad, 3)


def test_evenly_increasing_integer_indexes_and_arrays_still_work():
    expected = np.arange(3.0, 20.0, dtype=np.float32)
    for data in (
        frame(),  # RangeIndex
        frame(pd.RangeIndex(100, 120)),
        frame(pd.Index(np.arange(0, 40, 2))),  # step 2
        frame(pd.Index(np.arange(5, 25), dtype="uint32")),
        np.arange(20.0),
        list(range(20)),
    ):
        X, y = make_windows(data, 3)
        assert_array_equal(y, expected)
        assert_array_equal(X[0, :, 0], [0.0, 1.0, 2.0])
    steps_of_2, steps_of_1 = pd.Index(np.arange(0, 40, 2)), pd.Index(np.arange(20))
    panel = {"a": frame(steps_of_2)["v"], "b": frame(steps_of_1)["v"]}
    assert make_windows(panel, 3)[1].shape == (34,)
    long = pd.DataFrame({"id": ["a", "b"] * 5, "v": np.arange(10.0)})  # steps of 2
    assert_array_equal(make_windows(long, 2, id_column="id")[1], [4, 6, 8, 5, 7, 9])
    check_no_gaps(pd.Index(np.arange(0, 40, 2)), "series")
    # the window forecaster takes a step of 2 as well
    series = frame(pd.Index(np.arange(0, 40, 2)))["v"]
    y_pred = WindowForecaster(NaiveRegressor(), window_length=3).fit(series).predict(2)
    assert y_pred.index.tolist() == [40, 42]
    assert y_pred.tolist() == [19.0, 19.0]
