"""Panels of series: windows within each series, global forecasters."""

import pickle
import warnings

import numpy as np
import pandas as pd
import pytest
from sklearn.base import BaseEstimator, RegressorMixin
from sklearn.linear_model import LinearRegression, Ridge
from sklearn.preprocessing import MinMaxScaler, StandardScaler

from skrnn import GRURegressor, WindowForecaster, make_windows
from skrnn.panel import PanelWarning, check_panel, is_panel


def _daily(values, start="2024-01-01", name="sales"):
    index = pd.date_range(start, periods=len(values), freq="D")
    return pd.Series(np.asarray(values, dtype=float), index=index, name=name)


def _long_frame(series_by_id, id_column="store"):
    frames = [
        series.to_frame().assign(**{id_column: key})
        for key, series in series_by_id.items()
    ]
    return pd.concat(frames)


@pytest.fixture
def panel():
    rng = np.random.default_rng(0)
    t = np.arange(60)
    return {
        "north": _daily(10 + np.sin(t / 3) + rng.normal(0, 0.1, 60)),
        "south": _daily(
            200 + 5 * np.cos(t[:45] / 4) + rng.normal(0, 1, 45), "2024-01-10"
        ),
        "east": _daily(50 + 0.2 * t[:50]),
    }


# -- recognising and checking panels ------------------------------------------


def test_is_panel_tells_series_from_panels():
    assert is_panel([np.arange(3.0), np.arange(4.0)])
    assert is_panel({"a": [1.0, 2.0]})
    assert is_panel(pd.DataFrame({"id": [1], "v": [1.0]}), id_column="id")
    assert not is_panel([1.0, 2.0, 3.0])
    assert not is_panel([[1.0, 2.0], [3.0, 4.0]][0])
    assert not is_panel(pd.DataFrame({"v": [1.0, 2.0]}))
    assert not is_panel(np.arange(4.0))


def test_a_list_of_rows_is_one_series_as_for_numpy():
    rows = [[t, 10.0 * t] for t in range(30)]
    assert not is_panel(rows)
    assert not is_panel([tuple(row) for row in rows])
    X, y = make_windows(rows, 4, target=1)
    X_np, y_np = make_windows(np.array(rows), 4, target=1)
    assert X.shape == (26, 4, 2)
    np.testing.assert_array_equal(X, X_np)
    np.testing.assert_array_equal(y, y_np)


def test_a_list_of_arrays_or_of_lists_of_arrays_is_a_panel():
    assert is_panel([np.arange(3.0), np.arange(3.0)])
    assert is_panel((pd.Series([1.0, 2.0]), pd.DataFrame({"a": [1.0]})))
    assert is_panel([[np.array([0.0, 1.0]), np.array([2.0, 3.0])]])


@pytest.mark.parametrize(
    "data, match",
    [
        ([[1.0, 2.0, 3.0], [4.0, 5.0]], r"ragged list .*item 1 has 2 value"),
        ([np.arange(3.0), [1.0, 2.0]], r"mixes an array .* position 0 and a list"),
        ([np.arange(3.0), 1.0], r"mixes an array .* and a number at position 1"),
        ([[[1.0, 2.0]], [[3.0, 4.0]]], r"item 0 is a list or tuple that holds a list"),
    ],
)
def test_ambiguous_lists_are_refused_with_a_suggestion(data, match):
    with pytest.raises(ValueError, match=match) as info:
        is_panel(data)
    assert "dict of series" in str(info.value)
    assert "list of numpy arrays" in str(info.value)
    with pytest.raises(ValueError, match=r"^series is ambiguous"):
        make_windows(data, 1)


def test_check_panel_reads_a_long_frame_in_order_of_appearance(panel):
    long = _long_frame(panel)
    info = check_panel(long, id_column="store")
    assert info.ids == ["north", "south", "east"]
    assert info.lengths.tolist() == [60, 45, 50]
    assert info.columns == ["sales"]
    np.testing.assert_array_equal(info.series[1].values[:, 0], panel["south"])


def test_check_panel_reads_an_id_index_level(panel):
    long = _long_frame(panel).set_index("store", append=True).swaplevel()
    info = check_panel(long, id_column="store")
    assert info.ids == ["north", "south", "east"]
    assert info.series[2].index.equals(panel["east"].index)


@pytest.mark.parametrize(
    ("make_bad", "message"),
    [
        (
            lambda p: pd.concat([_long_frame(p), _long_frame(p).iloc[:1]]),
            "same .store. value .north.",
        ),
        (lambda p: _long_frame(p).iloc[::-1], "not strictly increasing"),
        (lambda p: {**p, "west": p["north"].asfreq("D").resample("W").sum()}, "mixed"),
        (lambda p: {**p, "west": p["north"].to_frame().assign(x=1.0)}, "same columns"),
        (lambda p: {**p, "west": p["north"].to_numpy()}, "same kind of index"),
        (lambda p: {"a": p["north"].where(p["north"] > 10)}, "y\\['a'\\]"),
        (lambda p: {}, "empty panel"),
        (lambda p: {"a": np.zeros((6, 2, 2))}, r"y\['a'\] must be 1-D"),
    ],
    ids=[
        "duplicated-id-rows",
        "unsorted",
        "mixed-frequency",
        "columns",
        "index-kind",
        "nan",
        "empty",
        "3-d",
    ],
)
def test_bad_panels_get_errors_naming_the_series(panel, make_bad, message):
    bad = make_bad(panel)
    with pytest.raises(ValueError, match=message):
        check_panel(
            bad, "y", id_column="store" if isinstance(bad, pd.DataFrame) else None
        )


def test_missing_ids_and_unknown_id_column_are_rejected(panel):
    long = _long_frame(panel)
    long.loc[long.index[3], "store"] = None
    with pytest.raises(ValueError, match="missing series id"):
        check_panel(long, id_column="store")
    with pytest.raises(ValueError, match="id_column='shop'"):
        check_panel(_long_frame(panel), id_column="shop")
    with pytest.raises(TypeError, match="pass id_column"):
        check_panel(_long_frame(panel))


# -- make_windows over panels -------------------------------------------------


def test_panel_windows_never_span_two_series():
    a, b = np.arange(0.0, 6.0), np.arange(100.0, 105.0)
    X, y, ids = make_windows([a, b], window_length=3, return_ids=True)
    assert X.shape == (3 + 2, 3, 1)
    np.testing.assert_array_equal(ids, [0, 0, 0, 1, 1])
    for window, target, key in zip(X[:, :, 0], y, ids, strict=True):
        source = a if key == 0 else b
        start = int(np.flatnonzero(source == window[0])[0])
        np.testing.assert_array_equal(window, source[start : start + 3])
        assert target == source[start + 3]


def test_panel_windows_match_windows_of_each_series(panel):
    long = _long_frame(panel)
    X, Y, ids = make_windows(
        long, 7, horizon=3, id_column="store", stride=2, return_ids=True
    )
    for key, series in panel.items():
        X_one, Y_one = make_windows(series, 7, horizon=3, stride=2)
        np.testing.assert_array_equal(X[ids == key], X_one)
        np.testing.assert_array_equal(Y[ids == key], Y_one)


def test_panel_seq2seq_and_multivariate_targets():
    frame = pd.DataFrame({"a": np.arange(8.0), "b": -np.arange(8.0)})
    X, Y = make_windows({"x": frame, "y": frame + 10}, 3, horizon=2, target=["b"])
    assert X.shape == (2 * 4, 3, 2) and Y.shape == (8, 2, 1)
    X, Y = make_windows(
        {"x": frame, "y": frame + 10}, 3, horizon=2, seq2seq=True, target="a"
    )
    assert Y.shape == (8, 3, 2)
    np.testing.assert_array_equal(Y[4, 0], [11.0, 12.0])


def test_id_feature_appends_one_hot_columns():
    X, _ = make_windows(
        {"a": np.arange(5.0), "b": np.arange(4.0), "c": np.arange(6.0)},
        3,
        id_feature=True,
    )
    assert X.shape == (2 + 1 + 3, 3, 1 + 3)
    np.testing.assert_array_equal(X[:2, :, 1:], np.broadcast_to([1, 0, 0], (2, 3, 3)))
    np.testing.assert_array_equal(X[2, :, 1:], np.broadcast_to([0, 1, 0], (3, 3)))
    np.testing.assert_array_equal(X[3:, :, 1:], np.broadcast_to([0, 0, 1], (3, 3, 3)))


def test_short_series_are_skipped_with_a_warning_listing_them():
    panel = {"long": np.arange(10.0), "tiny": np.arange(3.0), "small": np.arange(4.0)}
    with pytest.warns(PanelWarning, match=r"2 series .*\['tiny', 'small'\]"):
        X, _, ids = make_windows(panel, 3, horizon=2, return_ids=True)
    assert set(ids) == {"long"} and len(X) == 10 - 3 - 2 + 1
    with (
        pytest.raises(ValueError, match="no series of the panel"),
        pytest.warns(PanelWarning),
    ):
        make_windows({"tiny": np.arange(3.0)}, 3, horizon=2)


def test_panel_options_need_a_panel_and_the_input_is_not_modified(panel):
    with pytest.raises(ValueError, match="return_ids=True needs a panel"):
        make_windows(np.arange(10.0), 3, return_ids=True)
    with pytest.raises(ValueError, match="id_feature=True needs a panel"):
        make_windows(np.arange(10.0), 3, id_feature=True)
    long = _long_frame(panel)
    before = long.copy()
    make_windows(long, 5, id_column="store", id_feature=True)
    pd.testing.assert_frame_equal(long, before)


# -- WindowForecaster on panels -----------------------------------------------


class CountingRegressor(RegressorMixin, BaseEstimator):
    """LinearRegression on flattened windows that counts its predict calls."""

    def fit(self, X, y):
        self.model_ = LinearRegression().fit(X, y)
        self.n_predict_calls_ = 0
        return self

    def predict(self, X):
        self.n_predict_calls_ += 1
        return self.model_.predict(X)

    def __sklearn_tags__(self):
        tags = super().__sklearn_tags__()
        tags.input_tags.three_d_array = False
        return tags


def test_panel_forecast_is_indexed_by_id_and_each_series_dates(panel):
    forecaster = WindowForecaster(
        LinearRegression(), window_length=7, id_column="store"
    ).fit(_long_frame(panel))
    forecast = forecaster.predict(horizon=4)
    assert isinstance(forecast, pd.Series) and forecast.name == "sales"
    assert forecast.index.names == ["store", "time"]
    assert list(forecast.index.get_level_values(0).unique()) == list(panel)
    for key, series in panel.items():
        dates = forecast.loc[key].index
        expected = pd.date_range(series.index[-1], periods=5, freq="D")[1:]
        assert dates.equals(expected)


def test_recursive_panel_forecast_is_one_batched_call_per_step(panel):
    forecaster = WindowForecaster(CountingRegressor(), window_length=7).fit(panel)
    inner = forecaster.estimator_.estimator_
    inner.n_predict_calls_ = 0
    forecast = forecaster.predict(horizon=5)
    assert inner.n_predict_calls_ == 5
    # the same numbers as forecasting each series on its own with the model
    for position, key in enumerate(panel):
        alone = forecaster.estimator_.forecast(
            forecaster.last_windows_[position : position + 1], 5
        )
        np.testing.assert_allclose(forecast.loc[key].to_numpy(), alone[0, :, 0])


def test_series_scaler_puts_every_series_on_its_own_scale():
    base = _daily(np.sin(np.arange(80) / 5) + np.arange(80) / 40)
    panel = {"unit": base, "big": 1000 * base + 5}
    for strategy in ("recursive", "direct"):
        forecaster = WindowForecaster(
            LinearRegression(),
            window_length=10,
            strategy=strategy,
            horizon=3,
            series_scaler=StandardScaler(),
        ).fit(panel)
        forecast = forecaster.predict()
        np.testing.assert_allclose(
            forecast.loc["big"], 1000 * forecast.loc["unit"] + 5, rtol=1e-6
        )
        assert len(forecaster.scalers_) == 2
        table = forecaster.backtest(panel, start=-8).forecasts
        by_series = table.set_index(["series", "origin", "step"])["y_pred"]
        np.testing.assert_allclose(
            by_series.loc["big"], 1000 * by_series.loc["unit"] + 5, rtol=1e-6
        )
        assert forecaster.scalers_[1].mean_[0] == pytest.approx(1000 * base.mean() + 5)


def test_series_scaler_on_one_series_gives_forecasts_on_its_scale():
    y = _daily(1e6 * (2 + np.sin(np.arange(70) / 4)))
    scaled = WindowForecaster(
        Ridge(alpha=1e-6), window_length=8, series_scaler=MinMaxScaler()
    ).fit(y)
    plain = WindowForecaster(Ridge(alpha=1e-6), window_length=8).fit(y / 1e6)
    np.testing.assert_allclose(scaled.predict(3), 1e6 * plain.predict(3), rtol=1e-3)
    result = scaled.backtest(y, start=-10, horizon=2)
    assert result.forecasts["y_true"].iloc[0] == y.iloc[-9]
    assert result.errors["MAE"].iloc[0] < 0.05 * y.std()


def test_id_feature_gives_the_model_one_hot_ids_also_when_forecasting(panel):
    forecaster = WindowForecaster(
        Ridge(), window_length=6, id_feature=True, series_scaler=StandardScaler()
    ).fit(panel)
    assert forecaster.n_exogenous_ == 3
    assert forecaster.estimator_.estimator_.n_features_in_ == 6 * (1 + 3)
    np.testing.assert_array_equal(forecaster.last_windows_[1, :, 1:], [[0, 1, 0]] * 6)
    forecast = forecaster.predict(4)
    assert forecast.shape == (3 * 4,) and np.isfinite(forecast).all()
    with pytest.raises(ValueError, match="id_feature=True needs a panel"):
        WindowForecaster(Ridge(), window_length=6, id_feature=True).fit(panel["east"])


def test_multivariate_panel_direct_forecasts_a_dataframe():
    rng = np.random.default_rng(1)
    frames = {
        key: pd.DataFrame(
            {"visits": rng.normal(size=40).cumsum(), "sales": rng.normal(size=40)},
            index=pd.period_range("2020-01", periods=40, freq="M"),
        )
        for key in ("a", "b")
    }
    forecaster = WindowForecaster(
        Ridge(), window_length=5, strategy="direct", horizon=2, target=["sales"]
    ).fit(frames)
    forecast = forecaster.predict()
    assert list(forecast.columns) == ["sales"]
    assert forecast.index.get_level_values(1)[0] == pd.Period("2023-05", "M")


def test_short_series_are_forecast_but_not_trained_on(panel):
    panel = {**panel, "new": panel["east"].iloc[:8]}
    forecaster = WindowForecaster(
        LinearRegression(), window_length=6, strategy="direct", horizon=4
    )
    with pytest.warns(PanelWarning, match=r"\['new'\]"):
        forecaster.fit(panel)
    assert "new" in forecaster.predict().index.get_level_values(0)
    with pytest.raises(ValueError, match=r"fewer than window_length = 6.*\['tiny'\]"):
        forecaster.fit({**panel, "tiny": panel["east"].iloc[:4]})


def test_panel_backtest_batches_every_series(panel):
    forecaster = WindowForecaster(
        CountingRegressor(), window_length=7, strategy="recursive", horizon=3
    ).fit(panel)
    inner = forecaster.estimator_.estimator_
    inner.n_predict_calls_ = 0
    result = forecaster.backtest(panel, start="2024-02-15")
    assert inner.n_predict_calls_ == 3
    table = result.forecasts
    assert list(table.columns[:2]) == ["series", "origin"]
    for key, series in panel.items():
        rows = table[table["series"] == key]
        n_origins = len(series[series.index >= "2024-02-15"]) - 3
        assert len(rows) == 3 * n_origins
        first = rows.iloc[0]
        assert first["y_true"] == series[first["date"]]
    np.testing.assert_allclose(
        result.errors["MAE"].to_numpy(),
        (table["y_true"] - table["y_pred"]).abs().groupby(table["step"]).mean(),
    )


def test_panel_misuse_gets_clear_errors(panel):
    forecaster = WindowForecaster(
        Ridge(), window_length=5, series_scaler=StandardScaler()
    ).fit(panel)
    with pytest.raises(ValueError, match="X was given"):
        forecaster.predict(2, X=np.zeros((2, 1)))
    with pytest.raises(ValueError, match="not supported with a panel"):
        WindowForecaster(Ridge(), window_length=5).fit(panel, X=np.zeros((60, 1)))
    with pytest.raises(ValueError, match="refit=True"):
        forecaster.backtest(panel, start=-5, refit=True)
    with pytest.raises(ValueError, match=r"not in the fitted panel: \['west'\]"):
        forecaster.backtest({"west": panel["east"]}, start=-5)
    single = WindowForecaster(Ridge(), window_length=5).fit(panel["east"])
    with pytest.raises(ValueError, match="fitted on one series"):
        single.backtest(panel, start=-5)


def test_global_gru_over_a_panel_pickles_and_forecasts(panel):
    forecaster = WindowForecaster(
        GRURegressor((4,), epochs=1, random_state=0),
        window_length=7,
        strategy="direct",
        horizon=2,
        series_scaler=StandardScaler(),
        id_column="store",
    )
    with warnings.catch_warnings():
        warnings.simplefilter("error", PanelWarning)
        forecaster.fit(_long_frame(panel))
    forecast = forecaster.predict()
    restored = pickle.loads(pickle.dumps(forecaster))
    pd.testing.assert_series_equal(restored.predict(), forecast)
    # forecasts come back near each series' level, not the panel's average
    for key, series in panel.items():
        assert abs(forecast.loc[key].mean() - series.mean()) < 4 * series.std() + 5
