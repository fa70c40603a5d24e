"""Tests for skrnn._validation (shared input checks)."""

from __future__ import annotations

import dataclasses

import numpy as np
import pandas as pd
import pytest
import scipy.sparse

from skrnn._validation import (
    SeriesInfo,
    check_positive_int,
    check_series,
    resolve_columns,
)

# ---------------------------------------------------------------- check_positive_int


@pytest.mark.parametrize(
    ("value", "expected"), [(1, 1), (7, 7), (np.int64(3), 3), (4.0, 4)]
)
def test_check_positive_int_accepts(value, expected):
    result = check_positive_int(value, "window_length")
    assert result == expected
    assert type(result) is int


def test_check_positive_int_minimum():
    assert check_positive_int(0, "lag", minimum=0) == 0
    with pytest.raises(ValueError, match=r"lag must be an int >= 2, got 1\."):
        check_positive_int(1, "lag", minimum=2)


@pytest.mark.parametrize(
    ("value", "error", "match"),
    [
        (0, ValueError, r"window_length must be an int >= 1, got 0\."),
        (-3, ValueError, r"window_length must be an int >= 1, got -3\."),
        (2.5, ValueError, r"window_length must be an int >= 1, got 2\.5\."),
        (float("nan"), ValueError, r"window_length must be an int >= 1, got nan"),
        (True, TypeError, r"window_length must be an int >= 1, got True \(bool\)"),
        (np.bool_(True), TypeError, r"window_length .* \(bool"),
        ("3", TypeError, r"window_length must be an int >= 1, got '3' \(str\)"),
        (None, TypeError, r"window_length must be an int >= 1, got None"),
    ],
)
def test_check_positive_int_rejects(value, error, match):
    with pytest.raises(error, match=match):
        check_positive_int(value, "window_length")


# ---------------------------------------------------------------- check_series


def test_check_series_1d_numpy_is_view_and_readonly():
    data = np.arange(6.0)
    info = check_series(data)
    assert isinstance(info, SeriesInfo)
    assert info.values.shape == (6, 1)
    assert info.values.dtype == np.float64
    assert np.shares_memory(info.values, data)
    assert not info.values.flags.writeable
    assert data.flags.writeable  # the user's array keeps its flags
    assert info.index is None
    assert info.columns is None
    assert info.is_univariate_input
    assert info.n_timesteps == 6
    assert info.n_features == 1
    np.testing.assert_array_equal(info.values[:, 0], data)


def test_check_series_2d_numpy_same_object_not_touched():
    rng = np.random.default_rng(0)
    data = rng.normal(size=(5, 3)).astype(np.float32)
    before = data.copy()
    info = check_series(data)
    assert info.values.dtype == np.float32
    assert info.values is not data
    assert np.shares_memory(info.values, data)
    assert data.flags.writeable
    assert not info.is_univariate_input
    np.testing.assert_array_equal(data, before)


def test_check_series_is_frozen():
    info = check_series(np.arange(3.0))
    with pytest.raises(dataclasses.FrozenInstanceError):
        info.values = np.zeros(3)


@pytest.mark.parametrize("dtype", [np.int64, np.int32, np.uint8, np.bool_, np.float16])
def test_check_series_converts_other_numeric_to_float64(dtype):
    data = np.arange(4).astype(dtype)
    info = check_series(data)
    assert info.values.dtype == np.float64
    assert not np.shares_memory(info.values, data)
    assert not info.values.flags.writeable
    assert info.values.flags.c_contiguous
    np.testing.assert_array_equal(info.values[:, 0], data.astype(np.float64))


def test_check_series_dtype_keyword():
    data = np.arange(4.0)
    info = check_series(data, dtype=np.float32)
    assert info.values.dtype == np.float32
    assert data.dtype == np.float64
    same = check_series(data.astype(np.float32), dtype=np.float32)
    assert same.values.dtype == np.float32
    with pytest.raises(ValueError, match="dtype must be a float dtype"):
        check_series(data, dtype=np.int64)


def test_check_series_list_inputs():
    info = check_series([1, 2, 3])
    assert info.values.shape == (3, 1)
    assert info.values.dtype == np.float64
    info = check_series([[1.0, 2.0], [3.0, 4.0], [5.0, 6.0]])
    assert info.values.shape == (3, 2)
    assert not info.is_univariate_input
    with pytest.raises(ValueError, match="could not be read as a rectangular array"):
        check_series([[1.0, 2.0], [3.0]])


def test_check_series_pandas_series_with_datetime_index():
    index = pd.date_range("2020-01-01", periods=5, freq="D")
    series = pd.Series(np.arange(5.0), index=index, name="rail")
    info = check_series(series)
    assert info.values.shape == (5, 1)
    assert info.index is index
    assert info.columns == ["rail"]
    assert info.is_univariate_input
    assert np.shares_memory(info.values, series.to_numpy())
    np.testing.assert_array_equal(info.values[:, 0], np.arange(5.0))
    assert check_series(pd.Series([1.0, 2.0])).columns is None


def test_check_series_dataframe():
    index = pd.period_range("2020-01", periods=4, freq="M")
    frame = pd.DataFrame(
        {"bus": np.arange(4.0), "rail": np.arange(4, dtype=np.int64) * 10},
        index=index,
    )
    before = frame.copy()
    info = check_series(frame)
    assert info.values.shape == (4, 2)
    assert info.values.dtype == np.float64
    assert info.columns == ["bus", "rail"]
    assert info.index is index
    assert not info.is_univariate_input
    np.testing.assert_array_equal(info.values, [[0, 0], [1, 10], [2, 20], [3, 30]])
    pd.testing.assert_frame_equal(frame, before)


def test_check_series_float32_dataframe_kept_float32():
    frame = pd.DataFrame({"a": np.ones(3, np.float32), "b": np.zeros(3, np.float32)})
    assert check_series(frame).values.dtype == np.float32


def test_check_series_nullable_dtypes_missing_values_rejected():
    series = pd.Series([1, None, 3], dtype="Int64")
    with pytest.raises(ValueError, match=r"contains 1 NaN .* position 1\."):
        check_series(series)
    ok = check_series(pd.Series([1, 2, 3], dtype="Int64"))
    assert ok.values.dtype == np.float64
    np.testing.assert_array_equal(ok.values[:, 0], [1.0, 2.0, 3.0])


@pytest.mark.parametrize("shape", [(), (2, 3, 4)])
def test_check_series_rejects_bad_ndim(shape):
    with pytest.raises(ValueError, match=r"must be 1-D .* got an array of shape"):
        check_series(np.zeros(shape), "y")


def test_check_series_message_names_shape():
    with pytest.raises(ValueError, match=r"y must be .*shape \(2, 3, 4\)"):
        check_series(np.zeros((2, 3, 4)), "y")


@pytest.mark.parametrize(
    "data",
    [
        np.array([1, 2], dtype=object),
        np.array(["a", "b"]),
        np.array([1 + 1j, 2]),
        np.array(["2020-01-01", "2020-01-02"], dtype="datetime64[D]"),
        np.array([1, 2], dtype="timedelta64[D]"),
        ["a", "b"],
    ],
)
def test_check_series_rejects_non_numeric_arrays(data):
    with pytest.raises(TypeError, match=r"series has dtype .*expected numeric"):
        check_series(data)


def test_check_series_rejects_non_numeric_pandas():
    with pytest.raises(TypeError, match=r"series has dtype .*expected numeric"):
        check_series(pd.Series(["a", "b"]))
    frame = pd.DataFrame({"ok": [1.0, 2.0], "day_type": ["W", "A"]})
    with pytest.raises(TypeError, match=r"column 'day_type' has dtype"):
        check_series(frame)
    frame = pd.DataFrame({"ok": [1.0, 2.0], "cat": pd.Categorical(["x", "y"])})
    with pytest.raises(TypeError, match=r"column 'cat' has dtype category"):
        check_series(frame)


def test_check_series_nan_and_inf_count_and_position():
    data = np.arange(10.0)
    data[[4, 7]] = np.nan
    data[8] = np.inf
    with pytest.raises(ValueError, match=r"contains 3 NaN or infinite .* position 4\."):
        check_series(data)


def test_check_series_nan_reports_date_and_column():
    index = pd.date_range("2021-03-01", periods=4, freq="D")
    frame = pd.DataFrame({"bus": [1.0, 2.0, 3.0, 4.0], "rail": [1.0, 2.0, np.nan, 4]})
    frame.index = index
    with pytest.raises(
        ValueError, match=r"1 NaN .* position 2 \(2021-03-03 00:00:00\), column 'rail'"
    ):
        check_series(frame)
    data = np.ones((3, 2))
    data[1, 1] = -np.inf
    with pytest.raises(ValueError, match=r"position 1, column 1\."):
        check_series(data)


def test_check_series_sparse_rejected():
    with pytest.raises(TypeError, match="sparse input is not supported"):
        check_series(scipy.sparse.csr_matrix(np.ones((3, 2))))


def test_check_series_masked_array():
    masked = np.ma.masked_array([1.0, 2.0, 3.0], mask=[False, True, False])
    with pytest.raises(ValueError, match="masked values"):
        check_series(masked)
    clean = np.ma.masked_array([1.0, 2.0, 3.0])
    assert check_series(clean).values.shape == (3, 1)


def test_check_series_min_length():
    assert check_series(np.arange(3.0), min_length=3).n_timesteps == 3
    with pytest.raises(ValueError, match=r"series has 3 timesteps, but at least 4"):
        check_series(np.arange(3.0), min_length=4)
    with pytest.raises(ValueError, match=r"has 0 timesteps, but at least 1"):
        check_series(np.array([]))


def test_check_series_no_columns():
    with pytest.raises(ValueError, match=r"0 feature\(s\) \(shape=\(3, 0\)\)"):
        check_series(np.zeros((3, 0)))


def test_check_series_allow_multivariate():
    assert check_series(np.ones((3, 1)), allow_multivariate=False).n_features == 1
    with pytest.raises(ValueError, match=r"must be univariate .* got 2 features"):
        check_series(np.ones((3, 2)), allow_multivariate=False)


def test_check_series_unsorted_datetime_index():
    index = pd.DatetimeIndex(["2020-01-01", "2020-01-03", "2020-01-02", "2020-01-04"])
    with pytest.raises(
        ValueError, match=r"timestamp 2020-01-02 00:00:00 at position 2 is out of order"
    ):
        check_series(pd.Series(np.arange(4.0), index=index))


def test_check_series_duplicated_datetime_index():
    index = pd.DatetimeIndex(["2020-01-01", "2020-01-02", "2020-01-02", "2020-01-03"])
    frame = pd.DataFrame({"a": np.arange(4.0)}, index=index)
    with pytest.raises(
        ValueError, match=r"timestamp 2020-01-02 00:00:00 at position 2 is duplicated"
    ):
        check_series(frame)


def test_check_series_duplicated_period_index_and_nat():
    index = pd.PeriodIndex(["2020-01", "2020-02", "2020-02"], freq="M")
    with pytest.raises(ValueError, match=r"PeriodIndex .*2020-02 at position 2"):
        check_series(pd.Series(np.arange(3.0), index=index))
    index = pd.DatetimeIndex(["2020-01-01", None, "2020-01-03"])
    with pytest.raises(ValueError, match=r"missing timestamp \(NaT\) .*position 1"):
        check_series(pd.Series(np.arange(3.0), index=index))


def test_check_series_other_index_not_checked():
    series = pd.Series(np.arange(3.0), index=[5, 1, 1])
    assert check_series(series).index.tolist() == [5, 1, 1]


# ---------------------------------------------------------------- resolve_columns


def test_resolve_columns_none_and_ints():
    assert resolve_columns(None, None, 3) == [0, 1, 2]
    assert resolve_columns(1, None, 3) == [1]
    assert resolve_columns(np.int64(2), None, 3) == [2]
    assert resolve_columns(-1, None, 3) == [2]
    assert resolve_columns([2, 0], None, 3) == [2, 0]
    assert resolve_columns((0,), None, 3) == [0]
    assert resolve_columns(np.array([1, 2]), None, 3) == [1, 2]


def test_resolve_columns_names():
    columns = ["bus", "rail", "day"]
    assert resolve_columns("rail", columns, 3) == [1]
    assert resolve_columns(["day", "bus"], columns, 3) == [2, 0]
    assert resolve_columns(["day", 0], pd.Index(columns), 3) == [2, 0]
    assert resolve_columns(pd.Index(["rail"]), columns, 3) == [1]
    assert resolve_columns([("a", "x")], [("a", "x"), ("a", "y")], 2) == [0]


@pytest.mark.parametrize(
    ("selection", "columns", "error", "match"),
    [
        ("tram", ["bus", "rail"], ValueError, r"target 'tram' is not a column .*'bus'"),
        (["bus", "tram"], ["bus", "rail"], ValueError, r"target 'tram' is not"),
        (2, ["bus", "rail"], ValueError, r"target index 2 is out of range .* 2 col"),
        (-3, None, ValueError, r"target index -3 is out of range"),
        ("rail", None, ValueError, r"'rail' is a column name, but the series has no"),
        ([], None, ValueError, r"target must select at least one column"),
        ([0, 0], None, ValueError, r"selects a column more than once"),
        (["bus", 0], ["bus", "rail"], ValueError, r"more than once"),
        (True, None, TypeError, r"got True \(bool\)"),
        (1.0, None, TypeError, r"got 1\.0 \(float\)"),
    ],
)
def test_resolve_columns_errors(selection, columns, error, match):
    with pytest.raises(error, match=match):
        resolve_columns(selection, columns, 2)


def test_resolve_columns_duplicated_names_and_custom_name():
    with pytest.raises(ValueError, match=r"target_index 'a' matches 2 columns"):
        resolve_columns("a", ["a", "a"], 2, name="target_index")
