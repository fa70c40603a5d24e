"""Tests of NaiveRegressor (last value and seasonal naive)."""

from __future__ import annotations

import pickle

import numpy as np
import pytest
from numpy.lib.stride_tricks import sliding_window_view

from skrnn.models._naive import NaiveRegressor

WEEK = np.array([3.0, 5.0, 4.0, 6.0, 9.0, 1.0, 2.0])


def weekly_windows(window_length, horizon, n_weeks=8):
    """Windows of a pure weekly pattern and their direct targets (n, horizon)."""
    series = np.tile(WEEK, n_weeks)
    blocks = sliding_window_view(series, window_length + horizon)
    return blocks[:, :window_length], blocks[:, window_length:]


def test_tags():
    tags = NaiveRegressor().__sklearn_tags__()
    assert tags.estimator_type == "regressor"
    assert tags.input_tags.three_d_array
    assert tags.target_tags.multi_output


@pytest.mark.parametrize("horizon", range(1, 15))
def test_seasonal_naive_exact_on_weekly_pattern(horizon):
    X, Y = weekly_windows(21, horizon)
    y = Y[:, 0] if horizon == 1 else Y
    model = NaiveRegressor(lag=7).fit(X, y)
    y_pred = model.predict(X)
    assert y_pred.dtype == np.float64
    assert y_pred.shape == y.shape
    np.testing.assert_array_equal(y_pred, y)
    assert model.score(X, y) == 1.0


def test_seasonal_naive_formula():
    rng = np.random.default_rng(0)
    X = rng.normal(size=(9, 10))
    model = NaiveRegressor(lag=3).fit(X, np.zeros((9, 8)))
    expected = np.array([[x[10 - 3 + k % 3] for k in range(8)] for x in X])
    np.testing.assert_array_equal(model.predict(X), expected)


def test_lag_one_is_last_value():
    rng = np.random.default_rng(1)
    X = rng.normal(size=(20, 6))
    one_step = NaiveRegressor().fit(X, rng.normal(size=20))
    np.testing.assert_array_equal(one_step.predict(X), X[:, -1])
    direct = NaiveRegressor().fit(X, rng.normal(size=(20, 4)))
    np.testing.assert_array_equal(direct.predict(X), np.repeat(X[:, -1:], 4, axis=1))
    assert direct.horizon_ == 4


def test_multivariate_target_index():
    rng = np.random.default_rng(2)
    X = rng.normal(size=(12, 8, 3)).astype(np.float32)
    single = NaiveRegressor(lag=2, target_index=2).fit(X, np.zeros((12, 3)))
    expected = np.stack([X[:, 6, 2], X[:, 7, 2], X[:, 6, 2]], axis=1)
    np.testing.assert_array_equal(single.predict(X), expected.astype(np.float64))

    several = NaiveRegressor(target_index=[2, 0]).fit(X, np.zeros((12, 2)))
    np.testing.assert_array_equal(several.predict(X), X[:, -1, [2, 0]])
    direct = NaiveRegressor(target_index=(1, 0)).fit(X, np.zeros((12, 5, 2)))
    assert direct.predict(X).shape == (12, 5, 2)
    np.testing.assert_array_equal(direct.predict(X)[:, 3], X[:, -1, [1, 0]])


def test_seq2seq_predicts_from_every_prefix():
    series = np.tile(WEEK, 10)
    length, horizon, lag = 14, 4, 7
    n = len(series) - length - horizon + 1
    X = np.stack([series[i : i + length] for i in range(n)])
    Y = np.stack(
        [
            [[series[i + t + 1 + k] for k in range(horizon)] for t in range(length)]
            for i in range(n)
        ]
    )
    model = NaiveRegressor(lag=lag).fit(X, Y)
    assert model.seq2seq_
    sequences = model.predict(X, return_sequences=True)
    assert sequences.shape == Y.shape
    assert np.all(np.isnan(sequences[:, : lag - 1]))
    np.testing.assert_array_equal(sequences[:, lag - 1 :], Y[:, lag - 1 :])
    np.testing.assert_array_equal(model.predict(X), Y[:, -1])
    assert model.score(X, Y) == 1.0

    rng = np.random.default_rng(3)
    Xr = rng.normal(size=(5, length))
    got = (
        NaiveRegressor(lag=3)
        .fit(Xr, np.zeros((5, length, 2)))
        .predict(Xr, return_sequences=True)
    )
    for t in range(2, length):
        for k in range(2):
            np.testing.assert_array_equal(got[:, t, k], Xr[:, t + 1 - 3 + k % 3])


def test_input_not_modified_and_pickle():
    X = np.arange(40, dtype=np.float32).reshape(8, 5)
    X.setflags(write=False)
    before = X.copy()
    model = NaiveRegressor(lag=2).fit(X, np.zeros(8))
    np.testing.assert_array_equal(X, before)
    restored = pickle.loads(pickle.dumps(model))
    np.testing.assert_array_equal(restored.predict(X), model.predict(X))


@pytest.mark.parametrize(
    ("params", "X", "y", "error", "match"),
    [
        (
            {"lag": 8},
            np.zeros((4, 7)),
            np.zeros(4),
            ValueError,
            r"lag=8 .*window_length=7",
        ),
        (
            {"lag": 0},
            np.zeros((4, 7)),
            np.zeros(4),
            ValueError,
            "lag must be an int >= 1",
        ),
        ({"lag": 1.5}, np.zeros((4, 7)), np.zeros(4), ValueError, "lag must be an int"),
        (
            {"target_index": 3},
            np.zeros((4, 7, 3)),
            np.zeros(4),
            ValueError,
            r"\[0, 3\)",
        ),
        (
            {"target_index": "a"},
            np.zeros((4, 7, 3)),
            np.zeros(4),
            TypeError,
            "target_index",
        ),
        ({"target_index": []}, np.zeros((4, 7, 3)), np.zeros(4), ValueError, "empty"),
        ({}, np.zeros((4, 7)), None, ValueError, "requires y to be passed"),
        ({}, np.zeros(7), np.zeros(1), ValueError, "2-D windows"),
        ({}, np.zeros((4, 7, 1, 1)), np.zeros(4), ValueError, "got shape"),
        ({}, np.full((4, 7), np.nan), np.zeros(4), ValueError, "Input X contains NaN"),
        ({}, np.zeros((4, 7)), np.full(4, np.inf), ValueError, "Input y contains inf"),
        ({}, np.zeros((4, 7)), np.zeros(3), ValueError, "inconsistent numbers"),
        ({}, np.zeros((4, 7)), np.zeros((4, 5, 2)), ValueError, r"seq2seq targets"),
        (
            {"target_index": [0, 1]},
            np.zeros((4, 7, 2)),
            np.zeros(4),
            ValueError,
            r"\(n_windows, 2\) one-step",
        ),
    ],
)
def test_bad_input(params, X, y, error, match):
    with pytest.raises(error, match=match):
        NaiveRegressor(**params).fit(X, y)


def test_predict_shape_drift():
    model = NaiveRegressor().fit(np.zeros((4, 7, 2)), np.zeros(4))
    with pytest.raises(ValueError, match="windows of 5 time steps .* 7 time steps"):
        model.predict(np.zeros((4, 5, 2)))
    with pytest.raises(ValueError, match="windows of shape"):
        model.predict(np.zeros((4, 7, 3)))
    with pytest.raises(ValueError, match="windows of shape"):
        model.predict(np.zeros((4, 7)))
