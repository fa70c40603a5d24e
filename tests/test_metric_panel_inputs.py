"""Forecast metrics on a panel forecast indexed by (series id, time), and the
scorers' sample weights and prediction shapes."""

import numpy as np
import pandas as pd
import pytest
import sklearn
from sklearn.dummy import DummyRegressor
from sklearn.exceptions import UnsetMetadataPassedError
from sklearn.linear_model import Ridge
from sklearn.model_selection import TimeSeriesSplit, cross_validate

from skrnn import NaiveRegressor, WindowForecaster
from skrnn.metrics import (
    forecast_scores,
    interval_coverage,
    mase,
    mase_scorer,
    msis,
    owa,
    pinball_loss,
    relative_score,
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


def test_interval_metrics_and_baselines_split_a_panel_forecast(panel):
    train, test, forecast = panel
    reordered = pd.concat([forecast.loc[["b"]], forecast.loc[["a"]]])
    lower, upper = forecast - 1.0, reordered + 1.0  # upper listed b first
    # coverage 0.8: width 2 plus 10 x the miss above 38 (a) or 146 (b);
    # a: (2 + 12) / 2 over the scale 1, b: (42 + 92) / 2 over the scale 5
    np.testing.assert_allclose(
        msis(test, lower, upper, train, coverage=0.8, per_series=True), [7.0, 13.4]
    )
    assert interval_coverage(test, lower, upper) == pytest.approx(0.25)  # only 38
    assert pinball_loss(test, forecast, alpha=0.5) == pytest.approx(9.0 / 4)
    # MAE of forecast + 1 over the MAE of the naive forecast, per series
    np.testing.assert_allclose(
        relative_score(test, forecast + 1.0, forecast, metric="mae", per_series=True),
        [0.5 / 1.5, 6.5 / 7.5],
    )
    smape_pred = np.mean([0.0, 200 / 77, 200 * 4 / 296, 200 * 9 / 301])
    smape_naive = np.mean([200 / 75, 400 / 76, 1000 / 295, 2000 / 300])
    mase_pred, mase_naive = np.mean([0.5, 6.5 / 5]), 1.5
    assert owa(test, forecast + 1.0, train, forecast) == pytest.approx(
        (smape_pred / smape_naive + mase_pred / mase_naive) / 2
    )


def test_a_panel_train_series_is_matched_by_id(panel):
    _, test, forecast = panel
    # in-sample scales 1 (b) and 2 (a), listed b first
    train = pd.Series(
        [0.0, 1.0, 0.0, 2.0, 4.0],
        index=pd.MultiIndex.from_arrays([["b", "b", "a", "a", "a"], range(5)]),
    )
    expected = [1.5 / 2, 7.5 / 1]  # the MAEs of a and b over their scales
    np.testing.assert_allclose(mase(test, forecast, train, per_series=True), expected)
    as_dict = {"b": [0.0, 1.0], "a": [0.0, 2.0, 4.0]}
    np.testing.assert_allclose(mase(test, forecast, as_dict, per_series=True), expected)
    with pytest.raises(ValueError, match=r"y_train has no series for the ids \['a'\]"):
        mase(test, forecast, train.loc[["b"]])


def test_bad_panel_indexes_are_refused_by_name(panel):
    _, test, forecast = panel
    ragged = forecast.drop(forecast.index[-1])
    with pytest.raises(
        ValueError,
        match=r"series of y_pred must all have the same number of steps \(horizon\); "
        r"series 'a' has 2 and series 'b' has 1",
    ):
        smape(test, ragged)
    no_id = forecast.set_axis(
        pd.MultiIndex.from_arrays(
            [["a", "a", np.nan, np.nan], forecast.index.get_level_values(1)]
        )
    )
    with pytest.raises(ValueError, match=r"y_pred has a missing series id \(NaN\)"):
        smape(test, no_id, per_series=True)
    twice = test.set_axis(
        pd.MultiIndex.from_arrays(
            [["a", "a", "b", "b"], [DATES[0]] * 2 + [DATES[1]] * 2]
        )
    )
    with pytest.raises(
        ValueError, match=r"y_true holds time step 2020-01-01 00:00:00 of series 'a'"
    ):
        smape(twice, forecast)


def test_panel_inputs_are_not_modified(panel):
    train, test, forecast = panel
    copies = [train.copy(), test.copy(), forecast.copy()]
    forecast_scores(test, forecast, train)
    msis(test, forecast - 1.0, forecast + 1.0, train)
    for before, after in zip(copies, [train, test, forecast], strict=True):
        pd.testing.assert_series_equal(after, before)


def _weighted_folds(X, y, weights, scorer):
    """The negated weighted MASE of Ridge on each fold of TimeSeriesSplit(2),
    computed by hand, and the scores of ``cross_validate``."""
    by_hand = []
    for fit_rows, test_rows in TimeSeriesSplit(2).split(X):
        pred = Ridge().fit(X[fit_rows], y[fit_rows]).predict(X[test_rows])
        errors = np.abs(y[test_rows] - pred).mean(axis=1)
        scales = np.abs(np.diff(X[test_rows], axis=1)).mean(axis=1)
        w = weights[test_rows]
        by_hand.append(-np.sum(w * errors / scales) / np.sum(w))
    with sklearn.config_context(enable_metadata_routing=True):
        model = Ridge().set_fit_request(sample_weight=False)
        scores = cross_validate(
            model,
            X,
            y,
            cv=TimeSeriesSplit(2),
            scoring=scorer,
            params={"sample_weight": weights},
        )["test_score"]
    return by_hand, scores


def test_mase_scorer_takes_weights_through_metadata_routing():
    rng = np.random.default_rng(0)
    X = rng.normal(size=(30, 6)).cumsum(axis=1)
    y = X[:, -2:] + rng.normal(size=(30, 2))
    weights = rng.uniform(0.5, 2.0, size=30)
    with sklearn.config_context(enable_metadata_routing=True):
        scorer = mase_scorer().set_score_request(sample_weight=True)
    by_hand, scores = _weighted_folds(X, y, weights, scorer)
    np.testing.assert_allclose(scores, by_hand)
    _, unweighted = _weighted_folds(X, y, np.ones(30), scorer)
    assert not np.allclose(scores, unweighted)
    with pytest.raises(UnsetMetadataPassedError, match=r"set_score_request"):
        _weighted_folds(X, y, weights, mase_scorer())  # weights not requested
    with pytest.raises(RuntimeError, match=r"enable_metadata_routing=True"):
        mase_scorer().set_score_request(sample_weight=True)
    with (
        sklearn.config_context(enable_metadata_routing=True),
        pytest.raises(TypeError, match=r"sample_weight must be True, False, None"),
    ):
        rmsse_scorer().set_score_request(sample_weight=1.5)
