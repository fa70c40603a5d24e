"""Tests for skrnn.windows (make_windows, SlidingWindowTransformer, last_window)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from sklearn.base import clone
from sklearn.linear_model import Ridge
from sklearn.pipeline import make_pipeline

from skrnn.windows import SlidingWindowTransformer, last_window, make_windows


def reference_windows(values, window_length, horizon, targets, single, seq2seq, stride):
    """Windows and targets cut with plain Python loops (values: (n, f))."""
    values = np.asarray(values, dtype=np.float64)
    n = values.shape[0]
    X, Y = [], []
    start = 0
    while start + window_length + horizon <= n:
        X.append(values[start : start + window_length])
        if seq2seq:
            (j,) = targets
            Y.append(
                [
                    [values[start + t + 1 + k, j] for k in range(horizon)]
                    for t in range(window_length)
                ]
            )
        else:
            steps = []
            for k in range(horizon):
                row = [values[start + window_length + k, j] for j in targets]
                steps.append(row[0] if single else row)
            Y.append(steps[0] if horizon == 1 else steps)
        start += stride
    return np.array(X), np.array(Y)


def random_series(n, n_features=None, seed=0):
    rng = np.random.default_rng(seed)
    shape = (n,) if n_features is None else (n, n_features)
    return rng.normal(size=shape)


def n_windows(n, window_length, horizon, stride):
    return (n - window_length - horizon) // stride + 1


def check_against_reference(
    series,
    values2d,
    window_length,
    horizon,
    *,
    target,
    targets,
    single,
    seq2seq,
    stride,
):
    X, y = make_windows(
        series, window_length, horizon, target=target, seq2seq=seq2seq, stride=stride
    )
    X_ref, y_ref = reference_windows(
        values2d, window_length, horizon, targets, single, seq2seq, stride
    )
    assert X.dtype == np.float32
    assert y.dtype == np.float32
    assert X.shape == X_ref.shape
    assert y.shape == y_ref.shape
    np.testing.assert_array_equal(X, X_ref.astype(np.float32))
    np.testing.assert_array_equal(y, y_ref.astype(np.float32))
    n = values2d.shape[0]
    assert X.shape[0] == n_windows(n, window_length, horizon, stride)
    return X, y


@pytest.mark.parametrize("stride", [1, 2, 3])
@pytest.mark.parametrize("horizon", [1, 2, 4])
@pytest.mark.parametrize("window_length", [1, 3, 5])
def test_univariate_matches_loop(window_length, horizon, stride):
    series = random_series(23)
    X, y = check_against_reference(
        series,
        series[:, None],
        window_length,
        horizon,
        target=None,
        targets=[0],
        single=True,
        seq2seq=False,
        stride=stride,
    )
    expected_y_shape = (X.shape[0],) if horizon == 1 else (X.shape[0], horizon)
    assert X.shape == (X.shape[0], window_length, 1)
    assert y.shape == expected_y_shape


@pytest.mark.parametrize("stride", [1, 2, 3])
@pytest.mark.parametrize("horizon", [1, 3])
@pytest.mark.parametrize("target", [1, "b", -2, np.int64(1)])
def test_multivariate_single_target(target, horizon, stride):
    values = random_series(20, 3, seed=1)
    frame = pd.DataFrame(values, columns=["a", "b", "c"])
    _, y = check_against_reference(
        frame,
        values,
        4,
        horizon,
        target=target,
        targets=[1],
        single=True,
        seq2seq=False,
        stride=stride,
    )
    assert y.ndim == (1 if horizon == 1 else 2)


@pytest.mark.parametrize("stride", [1, 2, 3])
@pytest.mark.parametrize("horizon", [1, 3])
@pytest.mark.parametrize(
    ("target", "targets"),
    [
        (None, [0, 1, 2, 3]),
        (["c", "a"], [2, 0]),
        ([0, 2], [0, 2]),
        ([3, 1], [3, 1]),
        ([0, 1, 3], [0, 1, 3]),  # not evenly spaced
        (["b"], [1]),  # a sequence keeps the target axis
    ],
)
def test_multivariate_several_targets(target, targets, horizon, stride):
    values = random_series(21, 4, seed=2)
    frame = pd.DataFrame(values, columns=["a", "b", "c", "d"])
    X, y = check_against_reference(
        frame,
        values,
        5,
        horizon,
        target=target,
        targets=targets,
        single=False,
        seq2seq=False,
        stride=stride,
    )
    if horizon == 1:
        assert y.shape == (X.shape[0], len(targets))
    else:
        assert y.shape == (X.shape[0], horizon, len(targets))
    assert not y.flags.writeable


def test_multivariate_numpy_target_by_index():
    values = random_series(15, 2, seed=3)
    check_against_reference(
        values,
        values,
        3,
        2,
        target=0,
        targets=[0],
        single=True,
        seq2seq=False,
        stride=1,
    )


@pytest.mark.parametrize("stride", [1, 2, 3])
@pytest.mark.parametrize("horizon", [1, 2, 5])
@pytest.mark.parametrize("window_length", [1, 4])
def test_seq2seq_matches_loop(window_length, horizon, stride):
    series = random_series(19, seed=4)
    _, y = check_against_reference(
        series,
        series[:, None],
        window_length,
        horizon,
        target=None,
        targets=[0],
        single=True,
        seq2seq=True,
        stride=stride,
    )
    assert y.shape[1:] == (window_length, horizon)


def test_seq2seq_multivariate_with_named_target():
    values = random_series(18, 3, seed=5)
    frame = pd.DataFrame(values, columns=["bus", "rail", "day"])
    X, y = check_against_reference(
        frame,
        values,
        6,
        3,
        target="rail",
        targets=[1],
        single=True,
        seq2seq=True,
        stride=2,
    )
    assert X.shape[2] == 3
    # Y[i, t, k] = target at timestep i*stride + t + 1 + k
    assert y[2, 4, 1] == np.float32(values[2 * 2 + 4 + 1 + 1, 1])


def test_small_example_by_hand():
    X, y = make_windows(np.arange(10.0), window_length=3, horizon=2, stride=3)
    np.testing.assert_array_equal(X[:, :, 0], [[0, 1, 2], [3, 4, 5]])
    np.testing.assert_array_equal(y, [[3, 4], [6, 7]])


def test_exact_length_gives_one_window():
    X, y = make_windows(np.arange(5.0), window_length=3, horizon=2)
    assert X.shape == (1, 3, 1)
    np.testing.assert_array_equal(y, [[3.0, 4.0]])


# ------------------------------------------------------------ memory and read-only


def _assert_views_of_one_array(X, y, base=None):
    assert not X.flags.writeable
    assert not y.flags.writeable
    assert np.shares_memory(X, y)
    if base is not None:
        assert np.shares_memory(X, base)
        assert np.shares_memory(y, base)


@pytest.mark.parametrize(
    "kwargs",
    [
        {},
        {"horizon": 3},
        {"seq2seq": True, "horizon": 2},
        {"stride": 2, "horizon": 2},
    ],
)
def test_float32_input_not_copied(kwargs):
    series = random_series(30, seed=6).astype(np.float32)
    X, y = make_windows(series, 4, **kwargs)
    _assert_views_of_one_array(X, y, base=series)
    assert series.flags.writeable  # the user's array keeps its flags


@pytest.mark.parametrize("target", [None, [0, 2], [2, 1, 0], 1])
def test_multivariate_float32_views(target):
    values = random_series(30, 3, seed=7).astype(np.float32)
    X, y = make_windows(values, 5, 2, target=target)
    _assert_views_of_one_array(X, y, base=values)


def test_float64_input_one_float32_copy():
    series = random_series(40, seed=8)
    X, y = make_windows(series, 5, 3)
    assert not np.shares_memory(X, series)
    _assert_views_of_one_array(X, y)
    base = X.base
    while base.base is not None:
        base = base.base
    assert base.nbytes <= series.size * 4 + 64  # one float32 copy, nothing more
    assert X.nbytes > base.nbytes  # X is a view, larger than its buffer


def test_views_cannot_be_written():
    X, y = make_windows(np.arange(10.0), 3)
    with pytest.raises(ValueError, match="read-only"):
        X[0, 0, 0] = 1.0
    with pytest.raises(ValueError, match="read-only"):
        y[0] = 1.0


def test_user_numpy_input_unchanged():
    series = random_series(25, 2, seed=9)
    before = series.copy()
    make_windows(series, 4, 2, target=1, seq2seq=True)
    assert series.flags.writeable
    np.testing.assert_array_equal(series, before)
    assert series.dtype == np.float64


def test_user_pandas_input_unchanged():
    index = pd.date_range("2019-01-01", periods=30, freq="D")
    frame = pd.DataFrame(random_series(30, 2, seed=10), index=index, columns=["a", "b"])
    series = frame["a"].copy()
    frame_before, series_before = frame.copy(), series.copy()
    make_windows(frame, 7, 3, target="b")
    make_windows(series, 7, 3, seq2seq=True)
    pd.testing.assert_frame_equal(frame, frame_before)
    pd.testing.assert_series_equal(series, series_before)


def test_pandas_datetime_index_accepted():
    index = pd.date_range("2019-01-01", periods=20, freq="D")
    series = pd.Series(np.arange(20.0), index=index, name="rail")
    X, y = make_windows(series, 5, target="rail")
    np.testing.assert_array_equal(X[0, :, 0], np.arange(5.0))
    np.testing.assert_array_equal(y, np.arange(5.0, 20.0))
    X_np, y_np = make_windows(np.arange(20.0), 5)
    np.testing.assert_array_equal(X, X_np)
    np.testing.assert_array_equal(y, y_np)


def test_int_input_and_list_input():
    X, y = make_windows([1, 2, 3, 4, 5], 2)
    assert X.dtype == np.float32
    np.testing.assert_array_equal(y, [3.0, 4.0, 5.0])


# ------------------------------------------------------------------------ errors


@pytest.mark.parametrize(
    ("kwargs", "error", "match"),
    [
        ({"window_length": 0}, ValueError, r"window_length must be an int >= 1, got 0"),
        ({"window_length": 2.5}, ValueError, r"window_length must be an int >= 1"),
        ({"window_length": True}, TypeError, r"window_length must be an int >= 1"),
        ({"window_length": 3, "horizon": 0}, ValueError, r"horizon must be an int"),
        ({"window_length": 3, "stride": 0}, ValueError, r"stride must be an int"),
        ({"window_length": 3, "stride": "2"}, TypeError, r"stride must be an int"),
    ],
)
def test_bad_parameters(kwargs, error, match):
    with pytest.raises(error, match=match):
        make_windows(np.arange(10.0), **kwargs)


def test_too_short_series_message_gives_both_numbers():
    with pytest.raises(
        ValueError,
        match=r"series has 6 timesteps, but window_length \+ horizon = "
        r"5 \+ 2 = 7 are needed",
    ):
        make_windows(np.arange(6.0), 5, horizon=2)


def test_nan_rejected():
    series = np.arange(10.0)
    series[6] = np.nan
    with pytest.raises(ValueError, match=r"1 NaN or infinite value\(s\).*position 6"):
        make_windows(series, 3)


def test_unsorted_and_duplicated_index_rejected():
    index = pd.DatetimeIndex(
        ["2020-01-01", "2020-01-02", "2020-01-05", "2020-01-04", "2020-01-06"]
    )
    with pytest.raises(ValueError, match=r"2020-01-04 00:00:00 at position 3 is out"):
        make_windows(pd.Series(np.arange(5.0), index=index), 2)
    index = pd.DatetimeIndex(
        ["2020-01-01", "2020-01-01", "2020-01-02", "2020-01-03", "2020-01-04"]
    )
    with pytest.raises(ValueError, match=r"2020-01-01 00:00:00 at position 1 is dup"):
        make_windows(pd.DataFrame({"a": np.arange(5.0)}, index=index), 2)


def test_object_data_rejected():
    with pytest.raises(TypeError, match=r"series has dtype object"):
        make_windows(np.array([1.0, "x", 3.0, 4.0], dtype=object), 2)
    frame = pd.DataFrame({"a": np.arange(5.0), "kind": list("WWAUW")})
    with pytest.raises(TypeError, match=r"column 'kind' has dtype"):
        make_windows(frame, 2, target="a")


def test_bad_ndim_rejected():
    with pytest.raises(ValueError, match=r"shape \(4, 3, 2\)"):
        make_windows(np.zeros((4, 3, 2)), 2)


@pytest.mark.parametrize(
    ("series", "target", "error", "match"),
    [
        (np.zeros((10, 2)), 2, ValueError, r"target index 2 is out of range"),
        (np.zeros((10, 2)), "rail", ValueError, r"'rail' is a column name, but"),
        (
            pd.DataFrame(np.zeros((10, 2)), columns=["bus", "rail"]),
            "tram",
            ValueError,
            r"target 'tram' is not a column of the series; columns are \['bus'",
        ),
        (np.zeros((10, 2)), [], ValueError, r"at least one column"),
        (np.zeros((10, 2)), 0.5, TypeError, r"target must be None, a column"),
    ],
)
def test_bad_target(series, target, error, match):
    with pytest.raises(error, match=match):
        make_windows(series, 3, target=target)


@pytest.mark.parametrize("target", [None, [0, 1], [0]])
def test_seq2seq_needs_single_target(target):
    with pytest.raises(ValueError, match=r"seq2seq=True needs a single target column"):
        make_windows(np.zeros((10, 2)), 3, 2, target=target, seq2seq=True)


# ------------------------------------------------------- SlidingWindowTransformer


def reference_all_windows(values, window_length, stride):
    n = values.shape[0]
    starts = range((n - window_length) % stride, n - window_length + 1, stride)
    return np.array([values[s : s + window_length] for s in starts])


@pytest.mark.parametrize("stride", [1, 2, 3])
@pytest.mark.parametrize("n_features", [1, 3])
def test_transformer_windows_match_loop(stride, n_features):
    values = random_series(17, n_features, seed=11)
    transformer = SlidingWindowTransformer(window_length=4, stride=stride)
    windows = transformer.fit_transform(values)
    expected = reference_all_windows(values, 4, stride)
    assert windows.shape == (((17 - 4) // stride) + 1, 4, n_features)
    assert windows.dtype == np.float32
    np.testing.assert_array_equal(windows, expected.astype(np.float32))
    # the last window ends at the last timestep
    np.testing.assert_array_equal(windows[-1], values[-4:].astype(np.float32))
    assert transformer.n_features_in_ == n_features
    assert not hasattr(transformer, "feature_names_in_")


@pytest.mark.parametrize("stride", [1, 2])
def test_transformer_flatten(stride):
    values = random_series(12, 2, seed=12)
    flat = SlidingWindowTransformer(3, stride=stride, flatten=True).fit_transform(
        values
    )
    expected = reference_all_windows(values, 3, stride).reshape(-1, 6)
    assert flat.shape == (((12 - 3) // stride) + 1, 6)
    np.testing.assert_array_equal(flat, expected.astype(np.float32))
    # timestep-major: the features of the oldest timestep come first
    np.testing.assert_array_equal(flat[0, :2], values[(12 - 3) % stride].astype("f4"))


def test_transformer_univariate_and_pandas():
    index = pd.date_range("2020-01-01", periods=8, freq="D")
    series = pd.Series(np.arange(8.0), index=index)
    windows = SlidingWindowTransformer(5).fit_transform(series)
    assert windows.shape == (4, 5, 1)
    np.testing.assert_array_equal(windows[:, 0, 0], np.arange(4.0))
    frame = pd.DataFrame(
        {"bus": np.arange(8.0), "rail": np.arange(8.0) * 2}, index=index
    )
    transformer = SlidingWindowTransformer(5).fit(frame)
    assert transformer.n_features_in_ == 2
    np.testing.assert_array_equal(transformer.feature_names_in_, ["bus", "rail"])
    windows = transformer.transform(frame)
    np.testing.assert_array_equal(windows[-1, :, 1], np.arange(3.0, 8.0) * 2)


def test_transformer_views_and_no_input_change():
    series = random_series(20, seed=13).astype(np.float32)
    before = series.copy()
    windows = SlidingWindowTransformer(6).fit_transform(series)
    assert np.shares_memory(windows, series)
    assert not windows.flags.writeable
    assert series.flags.writeable
    np.testing.assert_array_equal(series, before)


def test_transformer_feature_drift():
    transformer = SlidingWindowTransformer(3).fit(np.zeros((10, 2)))
    with pytest.raises(
        ValueError,
        match=r"series has 3 feature\(s\), but SlidingWindowTransformer "
        r"was fitted on 2 feature\(s\)",
    ):
        transformer.transform(np.zeros((10, 3)))
    with pytest.raises(ValueError, match=r"fitted on 2 feature"):
        transformer.transform(np.zeros(10))


def test_transformer_feature_name_drift():
    frame = pd.DataFrame(np.zeros((6, 2)), columns=["bus", "rail"])
    transformer = SlidingWindowTransformer(3).fit(frame)
    renamed = frame.rename(columns={"rail": "tram"})
    with pytest.raises(ValueError, match="feature names should match"):
        transformer.transform(renamed)


def test_transformer_errors():
    with pytest.raises(ValueError, match=r"window_length must be an int >= 1, got 0"):
        SlidingWindowTransformer(0).fit(np.arange(5.0))
    with pytest.raises(ValueError, match=r"stride must be an int >= 1, got -1"):
        SlidingWindowTransformer(2, stride=-1).fit(np.arange(5.0))
    with pytest.raises(ValueError, match=r"series has 3 timesteps, but window_length"):
        SlidingWindowTransformer(4).fit(np.arange(3.0))
    transformer = SlidingWindowTransformer(4).fit(np.arange(8.0))
    with pytest.raises(ValueError, match=r"series has 2 timesteps"):
        transformer.transform(np.arange(2.0))
    with pytest.raises(ValueError, match=r"NaN"):
        transformer.transform(np.array([1.0, 2.0, np.nan, 4.0, 5.0]))
    from sklearn.exceptions import NotFittedError

    with pytest.raises(NotFittedError):
        SlidingWindowTransformer(4).transform(np.arange(8.0))


def test_transformer_clone_and_params():
    transformer = SlidingWindowTransformer(7, stride=2, flatten=True)
    transformer.fit(np.arange(20.0))
    copy = clone(transformer)
    assert copy.get_params() == {"window_length": 7, "stride": 2, "flatten": True}
    assert not hasattr(copy, "n_features_in_")
    # __init__ stores parameters as given, validation happens in fit
    unvalidated = SlidingWindowTransformer("bad")
    assert unvalidated.window_length == "bad"
    with pytest.raises(TypeError, match="window_length must be an int"):
        unvalidated.fit(np.arange(5.0))


def test_transformer_flatten_feeds_ridge():
    series = np.sin(np.arange(60) / 4.0)
    windows = SlidingWindowTransformer(5, flatten=True).fit_transform(series[:-1])
    target = series[5:]
    model = make_pipeline(Ridge(alpha=1e-6)).fit(windows, target)
    assert model.score(windows, target) > 0.99


def test_transformer_first_windows_equal_make_windows():
    series = random_series(30, 2, seed=14)
    X, _ = make_windows(series, 6)
    windows = SlidingWindowTransformer(6).fit_transform(series)
    # make_windows drops the final window (no target after it)
    np.testing.assert_array_equal(windows[:-1], X)


def test_last_window():
    values = random_series(15, 3, seed=15)
    window = last_window(values, 4)
    assert window.shape == (1, 4, 3)
    assert window.dtype == np.float32
    np.testing.assert_array_equal(window[0], values[-4:].astype(np.float32))
    with pytest.raises(ValueError, match="series has 15 timesteps, but window_length"):
        last_window(values, 16)


# -- gaps in a time index ------------------------------------------------------


def _gappy(periods=12, drop=5, freq="D"):
    index = pd.date_range("2024-01-01", periods=periods, freq=freq)
    series = pd.Series(np.arange(float(periods)), index=index, name="y")
    return series.drop(index[drop])


GAP_MESSAGE = (
    r"series has a DatetimeIndex without a regular frequency: 2024-01-07 00:00:00 "
    r"at position 5 follows 2024-01-05 00:00:00, but the frequency of the dates "
    r"before it \(D\) expects 2024-01-06 00:00:00\. Fill or drop the gap first, "
    r"e\.g\. with series\.asfreq\('D'\)"
)


@pytest.mark.parametrize(
    "cut",
    [
        lambda s: make_windows(s, 3),
        lambda s: SlidingWindowTransformer(3).fit(s),
        lambda s: last_window(s, 3),
    ],
    ids=["make_windows", "SlidingWindowTransformer", "last_window"],
)
def test_a_gap_in_a_datetime_index_is_refused_naming_it(cut):
    with pytest.raises(ValueError, match=GAP_MESSAGE):
        cut(_gappy())
    with pytest.raises(ValueError, match=GAP_MESSAGE):
        cut(_gappy().to_frame())
    cut(_gappy().asfreq("D").interpolate())  # filled: accepted


def test_transform_refuses_a_gap_after_a_regular_fit():
    transformer = SlidingWindowTransformer(3).fit(_gappy().asfreq("D").ffill())
    with pytest.raises(ValueError, match=GAP_MESSAGE):
        transformer.transform(_gappy())


def test_a_gap_in_a_period_index_is_refused():
    series = pd.Series(
        np.arange(6.0),
        index=pd.period_range("2024-01", periods=7, freq="M")[[0, 1, 2, 4, 5, 6]],
    )
    with pytest.raises(
        ValueError, match=r"series has a gap in its PeriodIndex: 2024-05"
    ):
        make_windows(series, 2)


def test_a_gap_in_one_series_of_a_panel_names_that_series():
    regular = _gappy().asfreq("D").ffill()
    with pytest.raises(
        ValueError,
        match=r"series\['b'\] has a DatetimeIndex without a regular frequency: "
        r"2024-01-07 .* series\['b'\]\.asfreq\('D'\)",
    ):
        make_windows({"a": regular, "b": _gappy()}, 3)


def test_regular_indexes_of_other_frequencies_are_accepted():
    for freq in ("h", "B", "W-SUN", "MS", "ME"):
        index = pd.date_range("2024-01-01", periods=10, freq=freq)
        X, _ = make_windows(pd.Series(np.arange(10.0), index=index), 3)
        assert X.shape == (7, 3, 1)
    two = pd.Series([1.0, 2.0], index=pd.to_datetime(["2024-01-01", "2024-03-07"]))
    assert last_window(two, 2).shape == (1, 2, 1)


# -- output containers and feature names ---------------------------------------


def test_flattened_windows_are_named_lags_oldest_first():
    frame = pd.DataFrame({"bus": np.arange(6.0), "rail": 10 * np.arange(6.0)})
    transformer = SlidingWindowTransformer(3, flatten=True).fit(frame)
    names = transformer.get_feature_names_out().tolist()
    assert names == [
        "bus_lag_3",
        "rail_lag_3",
        "bus_lag_2",
        "rail_lag_2",
        "bus_lag_1",
        "rail_lag_1",
    ]
    flat = transformer.transform(frame)
    # the value of the column named rail_lag_1 is the window's last rail value
    np.testing.assert_array_equal(flat[:, names.index("rail_lag_1")], [20, 30, 40, 50])
    single = SlidingWindowTransformer(2, flatten=True).fit(np.arange(5.0))
    assert single.get_feature_names_out().tolist() == ["lag_2", "lag_1"]
    several = SlidingWindowTransformer(2, flatten=True).fit(np.ones((5, 2)))
    assert several.get_feature_names_out(["a", "b"]).tolist() == [
        "a_lag_2",
        "b_lag_2",
        "a_lag_1",
        "b_lag_1",
    ]
    with pytest.raises(ValueError, match=r"input_features has 1 name\(s\), but .* 2"):
        several.get_feature_names_out(["a"])


def test_pandas_output_is_a_frame_of_lags_indexed_by_window_end():
    index = pd.date_range("2024-01-01", periods=7, freq="D")
    series = pd.Series(np.arange(7.0), index=index)
    transformer = SlidingWindowTransformer(3, stride=2, flatten=True)
    out = transformer.set_output(transform="pandas").fit_transform(series)
    assert isinstance(out, pd.DataFrame)
    assert list(out.columns) == ["lag_3", "lag_2", "lag_1"]
    assert list(out.index) == list(index[[2, 4, 6]])
    np.testing.assert_array_equal(out["lag_1"], [2.0, 4.0, 6.0])
    numpy_out = SlidingWindowTransformer(3, flatten=True).set_output(transform="pandas")
    assert list(numpy_out.fit_transform(np.arange(5.0)).index) == [0, 1, 2]


def test_global_pandas_output_is_honoured_not_ignored():
    from sklearn import config_context

    series = np.arange(6.0)
    with config_context(transform_output="pandas"):
        flat = SlidingWindowTransformer(2, flatten=True).fit_transform(series)
        assert isinstance(flat, pd.DataFrame)
        with pytest.raises(
            ValueError,
            match=r"flatten=False\) returns 3-D windows .* transform output 'pandas' "
            r"is configured .* flatten=True .* set_output\(transform='default'\)",
        ):
            SlidingWindowTransformer(2).fit_transform(series)
        kept = SlidingWindowTransformer(2).set_output(transform="default")
        assert kept.fit_transform(series).shape == (5, 2, 1)
        assert isinstance(last_window(series, 2), np.ndarray)
    with pytest.raises(ValueError, match=r"3-D windows .* have no column names"):
        SlidingWindowTransformer(2).fit(series).get_feature_names_out()


def test_lag_frame_flows_through_a_pandas_pipeline():
    from sklearn.preprocessing import StandardScaler

    frame = pd.DataFrame({"rail": np.sin(np.arange(40) / 3.0)})
    pipeline = make_pipeline(
        SlidingWindowTransformer(4, flatten=True), StandardScaler()
    ).set_output(transform="pandas")
    out = pipeline.fit_transform(frame)
    assert list(out.columns) == ["rail_lag_4", "rail_lag_3", "rail_lag_2", "rail_lag_1"]
    assert pipeline.get_feature_names_out().tolist() == list(out.columns)
