"""differences="auto": lags chosen from the training series (issue 15)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from sklearn.linear_model import LinearRegression

from skrnn import SARIMARegressor, WindowForecaster
from skrnn._time_index import seasonal_period
from skrnn._transforms.auto_differences import choose_differences

DAYS = pd.date_range("2024-01-01", periods=300, freq="D")
NOISE = np.random.default_rng(0).normal(size=300)
WEEKLY = 10 + 3 * np.sin(2 * np.pi * np.arange(300) / 7) + 0.2 * NOISE


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        (WEEKLY, (7,)),
        (WEEKLY + 0.05 * np.arange(300), (7,)),
        (np.cumsum(NOISE), (1,)),
        (NOISE, ()),
    ],
    ids=["weekly", "weekly-trend", "random-walk", "noise"],
)
def test_the_choice_follows_the_series(values, expected):
    forecaster = WindowForecaster(
        LinearRegression(), window_length=28, differences="auto"
    ).fit(pd.Series(values, index=DAYS))
    assert forecaster.differences_ == expected


def test_the_choice_is_made_on_the_training_part_only():
    # a random walk whose held-out end is flat noise: the choice is the walk's
    values = np.concatenate([np.cumsum(NOISE[:200]), NOISE[200:]])
    forecaster = WindowForecaster(
        LinearRegression(), window_length=28, differences="auto", validation_size=100
    ).fit(pd.Series(values, index=DAYS))
    assert forecaster.differences_ == (1,)


def test_no_season_without_a_time_index_and_no_lag_beyond_half_the_window():
    assert seasonal_period(None) is None
    series = WEEKLY[:, None]
    assert choose_differences([series], [0], 7, 28) == (7,)
    assert 7 not in choose_differences([series], [0], None, 28)
    assert 7 not in choose_differences([series], [0], 7, 12)  # 7 > 12 - 6


def test_a_panel_votes_by_majority():
    walks = [np.cumsum(np.random.default_rng(k).normal(size=200)) for k in range(3)]
    noise = [np.random.default_rng(10 + k).normal(size=200) for k in range(2)]
    panel = {
        f"s{k}": pd.Series(v, index=DAYS[:200]) for k, v in enumerate(walks + noise)
    }
    forecaster = WindowForecaster(
        LinearRegression(), window_length=14, differences="auto"
    ).fit(panel)
    assert forecaster.differences_ == (1,)


def test_auto_is_no_differencing_where_differencing_is_not_possible():
    forecaster = WindowForecaster(
        SARIMARegressor(order=(0, 1, 0)), window_length=14, differences="auto"
    ).fit(pd.Series(np.cumsum(NOISE), index=DAYS))
    assert forecaster.differences_ == ()


def test_auto_forecasts_as_its_chosen_lags_do():
    y = pd.Series(np.cumsum(NOISE), index=DAYS)
    auto = WindowForecaster(LinearRegression(), window_length=14, differences="auto")
    auto.fit(y)
    chosen = WindowForecaster(
        LinearRegression(), window_length=14, differences=auto.differences_
    ).fit(y)
    assert auto.differences_ == (1,)
    pd.testing.assert_series_equal(auto.predict(7), chosen.predict(7))


def test_auto_on_a_series_too_short_to_test_says_so():
    y = pd.Series(np.cumsum(NOISE[:19]), index=DAYS[:19])
    with pytest.warns(UserWarning, match=r'differences="auto": 1 of 1 .* fewer than'):
        forecaster = WindowForecaster(
            LinearRegression(), window_length=5, differences="auto"
        ).fit(y)
    assert forecaster.differences_ == ()
