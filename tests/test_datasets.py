from __future__ import annotations

import csv
import gzip
import io
from importlib import resources
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from skrnn.datasets import load_ridership, make_sine_series
from skrnn.datasets._ridership import _clean_ridership, _read_raw

SHARED_CSV = Path("/work/shared/data/cta_ridership_daily.csv")


@pytest.fixture(scope="module")
def ridership() -> pd.DataFrame:
    return load_ridership()


@pytest.fixture(scope="module")
def raw() -> pd.DataFrame:
    return _read_raw()


# --------------------------------------------------------------------------- #
# load_ridership
# --------------------------------------------------------------------------- #


def test_shipped_file_is_the_raw_export_unchanged():
    shipped = resources.files("skrnn.datasets").joinpath(
        "data", "cta_ridership_daily.csv.gz"
    )
    text = gzip.decompress(shipped.read_bytes()).decode()
    lines = text.splitlines()
    assert lines[0] == "service_date,day_type,bus,rail_boardings,total_rides"
    assert len(lines) == 1 + 7701


@pytest.mark.skipif(not SHARED_CSV.exists(), reason="shared source CSV not present")
def test_shipped_file_equals_the_shared_source():
    shipped = resources.files("skrnn.datasets").joinpath(
        "data", "cta_ridership_daily.csv.gz"
    )
    assert gzip.decompress(shipped.read_bytes()) == SHARED_CSV.read_bytes()


def test_raw_total_is_bus_plus_rail(raw):
    assert len(raw) == 7701
    np.testing.assert_array_equal(
        raw["bus"] + raw["rail_boardings"], raw["total_rides"]
    )


def test_raw_has_62_exact_duplicates_and_no_conflicts(raw):
    assert raw.duplicated().sum() == 62
    assert raw.drop_duplicates()["service_date"].duplicated().sum() == 0


def test_shape_columns_dtypes(ridership):
    assert ridership.shape == (7639, 3)
    assert list(ridership.columns) == ["day_type", "bus", "rail"]
    assert pd.api.types.is_string_dtype(ridership["day_type"])
    assert ridership["bus"].dtype == np.int64
    assert ridership["rail"].dtype == np.int64
    assert set(ridership["day_type"]) == {"W", "A", "U"}
    assert not ridership.isna().any().any()


def test_index_is_contiguous_daily(ridership):
    index = ridership.index
    assert isinstance(index, pd.DatetimeIndex)
    assert index.name == "date"
    assert index.freqstr == "D"
    assert index.is_unique
    assert index.is_monotonic_increasing
    assert index[0] == pd.Timestamp("2001-01-01")
    assert index[-1] == pd.Timestamp("2021-11-30")
    assert ((index[1:] - index[:-1]) == pd.Timedelta(days=1)).all()
    assert len(index) == (index[-1] - index[0]).days + 1


def _raw_rows() -> list[dict[str, str]]:
    """The shipped CSV parsed with the csv module (independent of pandas)."""
    shipped = resources.files("skrnn.datasets").joinpath(
        "data", "cta_ridership_daily.csv.gz"
    )
    text = gzip.decompress(shipped.read_bytes()).decode()
    return list(csv.DictReader(io.StringIO(text)))


def test_values_match_the_raw_csv(ridership):
    rows = _raw_rows()
    seen: dict[str, int] = {}
    duplicated = []
    for i, row in enumerate(rows):
        if row["service_date"] in seen:
            duplicated.append(i)
        seen.setdefault(row["service_date"], i)
    assert len(duplicated) == 62
    # first row, last row, a row in the middle and a few duplicated rows
    for i in [0, len(rows) - 1, len(rows) // 2, *duplicated[:3]]:
        row = rows[i]
        month, day, year = (int(part) for part in row["service_date"].split("/"))
        got = ridership.loc[pd.Timestamp(year, month, day)]
        assert got["day_type"] == row["day_type"]
        assert got["bus"] == int(row["bus"])
        assert got["rail"] == int(row["rail_boardings"])
        assert got["bus"] + got["rail"] == int(row["total_rides"])


def test_every_row_matches_the_raw_csv(ridership, raw):
    expected = raw.drop_duplicates().copy()
    expected.index = pd.to_datetime(expected.pop("service_date"), format="%m/%d/%Y")
    expected = expected.sort_index()
    np.testing.assert_array_equal(ridership["bus"], expected["bus"])
    np.testing.assert_array_equal(ridership["rail"], expected["rail_boardings"])
    np.testing.assert_array_equal(ridership["day_type"], expected["day_type"])
    np.testing.assert_array_equal(ridership.index, expected.index)


def test_returns_a_fresh_frame_each_call(ridership):
    first = load_ridership()
    first.iloc[0, 1] = -1
    assert load_ridership().iloc[0, 1] == ridership.iloc[0, 1]


def test_conflicting_duplicate_date_raises(raw):
    bad = raw.copy()
    bad.loc[len(bad)] = ["01/02/2001", "W", 1, 2, 3]
    with pytest.raises(ValueError, match=r"more than once.*2001-01-02"):
        _clean_ridership(bad)


def test_missing_day_raises(raw):
    bad = raw[raw["service_date"] != "03/15/2010"]
    with pytest.raises(ValueError, match=r"contiguous.*first 2010-03-15"):
        _clean_ridership(bad)


def test_missing_column_raises(raw):
    with pytest.raises(ValueError, match=r"missing \['rail_boardings'\]"):
        _clean_ridership(raw.drop(columns="rail_boardings"))


def test_clean_does_not_modify_input(raw):
    before = raw.copy()
    _clean_ridership(raw)
    pd.testing.assert_frame_equal(raw, before)


# --------------------------------------------------------------------------- #
# make_sine_series
# --------------------------------------------------------------------------- #


def _book_generate_time_series(batch_size, n_steps):
    # generate_time_series from Hands-On ML (2nd ed., chapter 15); like the book
    # it draws from the global NumPy RNG
    freq1, freq2, offsets1, offsets2 = np.random.rand(4, batch_size, 1)
    time = np.linspace(0, 1, n_steps)
    series = 0.5 * np.sin((time - offsets1) * (freq1 * 10 + 10))
    series += 0.2 * np.sin((time - offsets2) * (freq2 * 20 + 20))
    series += 0.1 * (np.random.rand(batch_size, n_steps) - 0.5)
    return series[..., np.newaxis].astype(np.float32)


def test_sine_shape_dtype_range():
    series = make_sine_series(200, 50, random_state=0)
    assert series.shape == (200, 50, 1)
    assert series.dtype == np.float32
    assert np.isfinite(series).all()
    assert np.abs(series).max() <= 0.75
    # the two waves have different amplitudes: values use most of the range
    assert series.max() > 0.5
    assert series.min() < -0.5


def test_sine_matches_the_book_with_global_seed():
    state = np.random.get_state()
    try:
        np.random.seed(42)
        expected = _book_generate_time_series(30, 20)
        np.random.seed(42)
        got = make_sine_series(30, 20)
    finally:
        np.random.set_state(state)
    np.testing.assert_array_equal(got, expected)


def test_sine_series_are_the_formula_of_their_draws():
    rng = np.random.RandomState(3)
    freq1, freq2, off1, off2 = rng.rand(4, 5, 1)
    noise = rng.rand(5, 11)
    got = make_sine_series(5, 11, random_state=3)[..., 0]
    for i in range(5):
        for j, t in enumerate(np.linspace(0, 1, 11)):
            value = (
                0.5 * np.sin((t - off1[i, 0]) * (freq1[i, 0] * 10 + 10))
                + 0.2 * np.sin((t - off2[i, 0]) * (freq2[i, 0] * 20 + 20))
                + 0.1 * (noise[i, j] - 0.5)
            )
            assert got[i, j] == pytest.approx(value, abs=1e-6)


def test_sine_seeded_reproducible_and_seeds_differ():
    a = make_sine_series(10, 30, random_state=7)
    b = make_sine_series(10, 30, random_state=7)
    c = make_sine_series(10, 30, random_state=8)
    np.testing.assert_array_equal(a, b)
    assert not np.allclose(a, c)
    rs = np.random.RandomState(7)
    np.testing.assert_array_equal(make_sine_series(10, 30, random_state=rs), a)


def test_sine_series_differ_from_each_other():
    series = make_sine_series(4, 40, random_state=0)[..., 0]
    assert len({row.tobytes() for row in series}) == 4


@pytest.mark.parametrize(
    ("kwargs", "match"),
    [
        ({"n_series": 0, "n_steps": 5}, r"n_series must be an int >= 1, got 0\."),
        ({"n_series": 2, "n_steps": -1}, r"n_steps must be an int >= 1, got -1\."),
        ({"n_series": 2.0, "n_steps": 5}, r"n_series must be an int >= 1, got 2\.0"),
        ({"n_series": 2, "n_steps": True}, r"n_steps must be an int >= 1, got True"),
    ],
)
def test_sine_bad_sizes_raise(kwargs, match):
    with pytest.raises(ValueError, match=match):
        make_sine_series(**kwargs)


def test_sine_accepts_numpy_ints():
    assert make_sine_series(np.int64(2), np.int32(3)).shape == (2, 3, 1)
