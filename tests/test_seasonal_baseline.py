"""The seasonal-median baseline that the Keras regressors correct
(``seasonal_baseline``)."""

from __future__ import annotations

import keras
import numpy as np
import pandas as pd
import pytest
from numpy.testing import assert_allclose

from skrnn import (
    DenseRegressor,
    GRURegressor,
    SeedEnsembleRegressor,
    WindowForecaster,
    make_windows,
)
from skrnn.models._seasonal_baseline import SeasonalMedian, seasonal_positions


def _weekly(n: int = 140, seed: int = 0) -> np.ndarray:
    rng = np.random.default_rng(seed)
    t = np.arange(n, dtype=float)
    return 100 + 10 * np.sin(2 * np.pi * t / 7) + rng.standard_normal(n)


def _daily(values: np.ndarray) -> pd.Series:
    return pd.Series(values, index=pd.date_range("2024-01-01", periods=len(values)))


def _median_reference(windows: np.ndarray, period: int, n_steps: int, k: int):
    """Brute force: per step, the median of the k latest same-season values."""
    length = windows.shape[1]
    out = np.empty((len(windows), n_steps))
    for h in range(n_steps):
        same = [p for p in range(length) if (length + h - p) % period == 0][-k:]
        out[:, h] = np.median(windows[:, same], axis=1)
    return out


def _baseline_layers(model) -> list:
    return [layer for layer in model.model_.layers if isinstance(layer, SeasonalMedian)]


@pytest.mark.parametrize(
    ("length", "period", "steps", "k"), [(56, 7, 14, 6), (30, 4, 9, 7)]
)
def test_positions_are_the_latest_same_season_steps(length, period, steps, k):
    positions = seasonal_positions(length, period, steps, k)
    assert positions.shape == (steps, k)
    for h, row in enumerate(positions):
        same = [p for p in range(length) if (length + h - p) % period == 0]
        assert sorted(row) == same[-k:]


def test_positions_refuse_more_seasons_than_the_window_holds():
    with pytest.raises(ValueError, match="n_seasons must be between 1 and"):
        seasonal_positions(20, 7, 1, 3)


@pytest.mark.parametrize(
    ("columns", "target_shape", "n_steps"),
    [([0], (1,), 1), ([1], (14,), 14), ([2, 0], (2,), 1), ([2, 0], (14, 2), 14)],
)
def test_layer_is_the_median_of_the_same_season(columns, target_shape, n_steps):
    rng = np.random.default_rng(0)
    windows = rng.normal(size=(5, 28, 3)).astype("float32")
    layer = SeasonalMedian(7, 4, n_steps, columns, target_shape)
    out = np.asarray(layer(windows))
    expected = np.stack(
        [_median_reference(windows[:, :, c], 7, n_steps, 4) for c in columns], axis=-1
    )
    assert out.shape == (5, *target_shape)
    assert_allclose(out.reshape(5, n_steps, len(columns)), expected, rtol=1e-6)


@pytest.mark.parametrize("horizon", [1, 14])
def test_untrained_head_forecasts_the_seasonal_median(horizon):
    # with the network's output layer at zero the forecast is the baseline:
    # the median of the last 4 same weekdays, in the series' units
    X, y = make_windows(_weekly(), window_length=28, horizon=horizon)
    model = DenseRegressor(seasonal_baseline=7, epochs=1, random_state=0).fit(X, y)
    assert model.seasonal_baseline_ == 7
    assert len(_baseline_layers(model)) == 1
    head = model.model_.get_layer("head")
    head.set_weights([np.zeros_like(w) for w in head.get_weights()])
    expected = _median_reference(X.reshape(len(X), -1), 7, horizon, 4)
    assert_allclose(model.predict(X).reshape(len(X), -1), expected, rtol=1e-5)


def test_forecaster_hands_the_period_of_a_seasonal_daily_series():
    forecaster = WindowForecaster(
        GRURegressor(4, epochs=1, random_state=0), window_length=28
    ).fit(_daily(_weekly()))
    assert forecaster.seasonal_period_ == 7
    assert forecaster.regressor_.seasonal_baseline_ == 7
    assert len(_baseline_layers(forecaster.regressor_)) == 1
    assert np.isfinite(forecaster.predict(horizon=3)).all()


@pytest.mark.parametrize(
    ("series", "forecaster_params", "period"),
    [
        # white noise: no season
        (_daily(np.random.default_rng(0).normal(size=140)), {}, None),
        # numpy input: no time index, no period
        (_weekly(), {}, None),
        # the forecaster differences the series itself
        (_daily(_weekly()), {"differences": (7,)}, None),
        # a season, but windows of 2 weeks hold fewer than 3 of them
        (_daily(_weekly()), {"window_length": 14}, 7),
    ],
)
def test_no_baseline_where_auto_cannot_apply(series, forecaster_params, period):
    params = {"window_length": 28, **forecaster_params}
    forecaster = WindowForecaster(
        DenseRegressor(epochs=1, random_state=0), **params
    ).fit(series)
    assert forecaster.seasonal_period_ == period
    assert forecaster.regressor_.seasonal_baseline_ is None
    assert _baseline_layers(forecaster.regressor_) == []


def test_none_turns_the_baseline_off():
    forecaster = WindowForecaster(
        DenseRegressor(seasonal_baseline=None, epochs=1, random_state=0),
        window_length=28,
    ).fit(_daily(_weekly()))
    assert forecaster.seasonal_period_ == 7
    assert forecaster.regressor_.seasonal_baseline_ is None
    assert _baseline_layers(forecaster.regressor_) == []


def test_a_bare_regressor_takes_the_period_from_fit():
    X, y = make_windows(_weekly(), window_length=28)
    assert DenseRegressor(epochs=1).fit(X, y).seasonal_baseline_ is None
    hinted = DenseRegressor(epochs=1).fit(X, y, seasonal_period=7)
    assert hinted.seasonal_baseline_ == 7
    assert hinted._seasonal_period is None  # the hint is not kept
    # an explicit period wins over the hint
    assert (
        DenseRegressor(seasonal_baseline=4, epochs=1)
        .fit(X, y, seasonal_period=7)
        .seasonal_baseline_
        == 4
    )


def test_seed_ensemble_members_get_the_period():
    forecaster = WindowForecaster(
        SeedEnsembleRegressor(DenseRegressor(epochs=1), n_seeds=2, random_state=0),
        window_length=28,
    ).fit(_daily(_weekly()))
    assert forecaster.seasonal_period_ == 7
    assert [m.seasonal_baseline_ for m in forecaster.regressor_.estimators_] == [7, 7]


def test_correction_weight_and_baseline_are_saved_with_the_network(tmp_path):
    X, y = make_windows(_weekly(), window_length=28, horizon=7)
    model = GRURegressor(
        4, seasonal_baseline=7, correction_weight=0.25, epochs=1, random_state=0
    ).fit(X, y)
    model.save(tmp_path / "model.zip")
    loaded = GRURegressor.load(tmp_path / "model.zip")
    assert (loaded.seasonal_baseline_, loaded.correction_weight_) == (7, 0.25)
    assert_allclose(loaded.predict(X), model.predict(X), rtol=1e-6)


def test_quantiles_share_the_baseline():
    X, y = make_windows(_weekly(), window_length=28, horizon=3)
    model = DenseRegressor(
        seasonal_baseline=7, quantiles=(0.1, 0.5, 0.9), epochs=1, random_state=0
    ).fit(X, y)
    levels = model.predict_quantiles(X)
    assert levels.shape == (len(X), 3, 3)
    assert (np.diff(levels, axis=-1) >= 0).all()


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"window_length": 14}, "needs windows of at least 3 seasons \\(21 steps\\)"),
        ({"differences": (1,)}, "needs the window's levels, not differences=\\(1,\\)"),
    ],
)
def test_explicit_period_that_cannot_apply_is_refused(params, message):
    length = params.pop("window_length", 28)
    X, y = make_windows(_weekly(), window_length=length)
    with pytest.raises(ValueError, match=f"seasonal_baseline=7 {message}"):
        DenseRegressor(seasonal_baseline=7, epochs=1, **params).fit(X, y)


def test_explicit_period_refuses_seq2seq():
    X, y = make_windows(_weekly(), window_length=28, horizon=2, seq2seq=True)
    with pytest.raises(
        ValueError, match="seasonal_baseline=7 does not support seq2seq"
    ):
        GRURegressor(4, seasonal_baseline=7, epochs=1).fit(X, y)


@pytest.mark.parametrize("bad", [1, 0, -7, 2.5, float("nan"), "weekly"])
def test_bad_seasonal_baseline_is_rejected_by_name(bad):
    X, y = make_windows(_weekly(), window_length=28)
    with pytest.raises(ValueError, match="seasonal_baseline"):
        DenseRegressor(seasonal_baseline=bad, epochs=1).fit(X, y)


@pytest.mark.parametrize("bad", [0, -7, 2.5, float("nan"), "7", True])
def test_bad_seasonal_period_hint_is_rejected_by_name(bad):
    X, y = make_windows(_weekly(), window_length=28)
    with pytest.raises(ValueError, match="seasonal_period \\(a fit argument\\)"):
        DenseRegressor(epochs=1).fit(X, y, seasonal_period=bad)


def test_baseline_is_computed_before_the_training_noise():
    X, y = make_windows(_weekly(), window_length=28)
    model = DenseRegressor(seasonal_baseline=7, epochs=1, random_state=0).fit(X, y)
    layer = _baseline_layers(model)[0]
    # the baseline reads the network's input directly, not the noisy windows
    assert layer.input is model.model_.inputs[0]
    assert any(isinstance(x, keras.layers.GaussianNoise) for x in model.model_.layers)


# -- correction_weight ---------------------------------------------------------


def _weekday_median(X: np.ndarray) -> np.ndarray:
    """The baseline of 7 direct steps of 28-day windows: 4 same weekdays."""
    return _median_reference(X.reshape(len(X), -1), 7, 7, 4)


def test_zero_correction_weight_forecasts_the_seasonal_median():
    X, y = make_windows(_weekly(), window_length=28, horizon=7)
    model = DenseRegressor(
        seasonal_baseline=7, correction_weight=0, epochs=2, random_state=0
    ).fit(X, y)
    assert model.correction_weight_ == 0.0
    expected = _weekday_median(X)
    assert_allclose(model.predict(X), expected, rtol=1e-5)


def test_correction_weight_blends_the_network_into_the_baseline():
    # training is the same whatever the weight; only the forecast is weighed
    X, y = make_windows(_weekly(), window_length=28, horizon=7)
    params = dict(seasonal_baseline=7, epochs=2, random_state=0)
    full = DenseRegressor(correction_weight=1, **params).fit(X, y)
    half = DenseRegressor(correction_weight=0.5, **params).fit(X, y)
    median = _weekday_median(X)
    assert half.correction_weight_ == 0.5
    assert np.abs(full.predict(X) - median).max() > 0.1  # a correction to weigh
    assert_allclose(
        half.predict(X), median + 0.5 * (full.predict(X) - median), rtol=1e-4
    )


def test_auto_correction_weight_is_the_candidate_of_lowest_validation_error():
    X, y = make_windows(_weekly(), window_length=28, horizon=7)
    X_fit, y_fit, X_val, y_val = X[:70], y[:70], X[-20:], y[-20:]
    scored = []

    def validation_error(y_pred):
        error = float(np.mean(np.abs(y_pred - y_val)))
        scored.append((y_pred.copy(), error))
        return error

    model = DenseRegressor(seasonal_baseline=7, epochs=3, random_state=0).fit(
        X_fit,
        y_fit,
        validation_data=(X_val, y_val),
        validation_error=validation_error,
    )
    # the last five calls score the candidate weights 0, 0.25, ..., 1
    candidates = scored[-5:]
    assert_allclose(candidates[0][0], _weekday_median(X_val), rtol=1e-5)
    errors = [error for _, error in candidates]
    best = int(np.argmin(errors))
    assert model.correction_weight_ == (0.0, 0.25, 0.5, 0.75, 1.0)[best]
    assert_allclose(model.predict(X_val), candidates[best][0], rtol=1e-6)


def test_auto_correction_weight_is_one_without_a_validation_error():
    X, y = make_windows(_weekly(), window_length=28)
    model = DenseRegressor(seasonal_baseline=7, epochs=2, random_state=0).fit(X, y)
    assert model.correction_weight_ == 1.0
    unseasonal = DenseRegressor(seasonal_baseline=None, epochs=1).fit(X, y)
    assert unseasonal.correction_weight_ is None


def test_forecaster_weighs_the_correction_on_its_validation_split():
    forecaster = WindowForecaster(
        DenseRegressor(epochs=3, random_state=0),
        window_length=28,
        horizon=7,
        strategy="direct",
    ).fit(_daily(_weekly(210)))
    assert forecaster.regressor_.correction_weight_ in (0.0, 0.25, 0.5, 0.75, 1.0)
    assert "val_forecast_error" in forecaster.regressor_.history_


def test_warm_start_trains_the_full_correction_again():
    X, y = make_windows(_weekly(), window_length=28, horizon=7)
    model = DenseRegressor(
        seasonal_baseline=7, correction_weight=0, epochs=1, random_state=0
    ).fit(X, y)
    layer = model.model_.get_layer("baseline_plus_network")
    model.set_params(correction_weight=1, warm_start=True)
    model.fit(X, y)
    assert model.correction_weight_ == 1.0
    assert layer.get_correction_weight() == 1.0
    assert np.abs(model.predict(X) - _weekday_median(X)).max() > 0.1


def test_quantiles_refuse_a_correction_weight_below_one():
    X, y = make_windows(_weekly(), window_length=28, horizon=3)
    with pytest.raises(ValueError, match="quantiles=.*correction_weight=0.5"):
        DenseRegressor(
            seasonal_baseline=7,
            quantiles=(0.1, 0.5, 0.9),
            correction_weight=0.5,
            epochs=1,
        ).fit(X, y)
    model = DenseRegressor(
        seasonal_baseline=7, quantiles=(0.1, 0.5, 0.9), epochs=1, random_state=0
    ).fit(X, y)
    assert model.correction_weight_ == 1.0


@pytest.mark.parametrize("bad", [-0.1, 1.5, float("nan"), "half", None, True, False])
def test_bad_correction_weight_is_rejected_by_name(bad):
    X, y = make_windows(_weekly(), window_length=28)
    with pytest.raises(ValueError, match="correction_weight"):
        DenseRegressor(correction_weight=bad, epochs=1).fit(X, y)
