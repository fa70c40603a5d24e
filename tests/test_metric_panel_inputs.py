"""Forecast metrics on a panel forecast indexed by (series id, time), and the
scorers' sample weights and prediction shapes."""

import numpy as np
import pandas as pd
import pytest
from sklearn.dummy import DummyRegressor

from skrnn import NaiveRegressor, WindowForecaster
from skrnn.metrics import (
    forecast_scores,
    mase,
    mase_scorer,
    rmsse_scorer,
    smape,
    smape_scorer,
)

DATES = pd.date_range("2020-01-01", periods=30, freq="D")


@pytest.fixture
def panel():
    """Two lines of slopes 1 and 5, trained to day 28, the last 2 days held out."""
    frame = pd.concat(
        [
            pd.DataFrame({"id": key, "date": DATES, "y": np.arange(30.0) * slope + 10})
            for key, slope in [("a", 1.0), ("b", 5.0)]
        ]
    ).set_index(["id", "date"])
    train = frame.groupby(level=0).head(28)
    test = frame.groupby(level=0).tail(2)["y"]
    forecaster = WindowForecaster(
        NaiveRegressor(), window_length=3, id_column="id", strategy="direct", horizon=2
    )
    return train["y"], test, forecaster.fit(train).predict()


def test_a_panel_forecast_is_scored_per_series(panel):
    train, test, forecast = panel
    assert forecast.index.nlevels == 2
    # naive repeats 37 and 145; the truths are 38, 39 and 150, 155
    expected_smape = [
        np.mean([200 * 1 / 75, 200 * 2 / 76]),
        np.mean([200 * 5 / 295, 200 * 10 / 300]),
    ]
    np.testing.assert_allclose(smape(test, forecast, per_series=True), expected_smape)
    np.testing.assert_allclose(mase(test, forecast, train, per_series=True), [1.5, 1.5])
    table = forecast_scores(test, forecast, train)
    assert list(table.index) == ["a", "b"]
    np.testing.assert_allclose(table["mae"], [1.5, 7.5])


def test_a_panel_forecast_is_aligned_by_id(panel):
    _, test, forecast = panel
    reordered = pd.concat([forecast.loc[["b"]], forecast.loc[["a"]]])
    np.testing.assert_allclose(
        smape(test, reordered, per_series=True), smape(test, forecast, per_series=True)
    )
    as_frame = forecast.to_frame()
    assert smape(test, as_frame) == pytest.approx(smape(test, forecast))


def test_other_time_steps_or_ids_are_refused(panel):
    _, test, forecast = panel
    later = forecast.set_axis(
        forecast.index.set_levels(
            forecast.index.levels[1] + pd.Timedelta("1D"), level=1
        )
    )
    with pytest.raises(ValueError, match=r"same time steps of each series; series 'a'"):
        smape(test, later)
    with pytest.raises(
        ValueError, match=r"same series ids; missing from y_pred: \['b'\]"
    ):
        smape(test, forecast.loc[["a"]])


def test_a_panel_frame_of_several_columns_is_refused(panel):
    _, test, forecast = panel
    two = pd.DataFrame({"y": forecast, "z": forecast})
    with pytest.raises(
        ValueError, match=r"y_pred has a \(series id, time\) Multi.*2 col"
    ):
        smape(test, two)


def _constant_model(X, y):
    return DummyRegressor(strategy="constant", constant=[1.0, 1.0]).fit(X, y)


def test_smape_scorer_weighs_windows():
    X, y = np.zeros((2, 3)), np.array([[1.0, 1.0], [3.0, 3.0]])
    model = _constant_model(X, y)  # sMAPE 0 on the first window, 100 on the second
    assert smape_scorer(model, X, y) == pytest.approx(-50.0)
    assert smape_scorer(model, X, y, sample_weight=[3.0, 1.0]) == pytest.approx(-25.0)
    with pytest.raises(ValueError, match=r"sample_weight must hold one number per"):
        smape_scorer(model, X, y, sample_weight=np.ones(3))


@pytest.mark.parametrize("make", [mase_scorer, rmsse_scorer])
def test_window_scorers_weigh_windows_and_check_the_weights(make):
    X = np.array([[1.0, 2.0, 4.0], [0.0, 2.0, 0.0]])
    y = np.array([[5.0, 6.0], [1.0, 1.0]])
    y_pred = np.repeat(X[:, -1:], 2, axis=1)
    scorer = make()
    per_window = [
        scorer.score(X[i : i + 1], y[i : i + 1], y_pred[i : i + 1]) for i in (0, 1)
    ]
    weighted = scorer.score(X, y, y_pred, sample_weight=[1.0, 3.0])
    assert weighted == pytest.approx((per_window[0] + 3 * per_window[1]) / 4)
    for bad in (np.ones(3), [1.0, -1.0], [0.0, 0.0]):
        with pytest.raises(ValueError, match=r"sample_weight must"):
            scorer.score(X, y, y_pred, sample_weight=bad)


def test_window_scorers_refuse_predictions_of_another_shape():
    X = np.arange(18.0).reshape(3, 6)
    y = np.arange(6.0).reshape(3, 2)
    with pytest.raises(ValueError, match=r"shape of y \(3, 2\), got shape \(2, 3\)"):
        mase_scorer().score(X, y, np.arange(6.0).reshape(2, 3))
    one_step = mase_scorer().score(X, y[:, :1], y[:, 0] + 1.0)  # (3,) for (3, 1)
    assert one_step == pytest.approx(1.0)
