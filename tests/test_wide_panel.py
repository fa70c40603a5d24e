from __future__ import annotations

import gzip
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import skrnn
from skrnn.datasets import read_wide_panel
from skrnn.panel import check_panel

M4_WEEKLY = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "m4_weekly"


def _write(tmp_path: Path, text: str, name: str = "wide.csv") -> Path:
    path = tmp_path / name
    path.write_text(text)
    return path


RAGGED = '"V1","V2","V3","V4"\n"W1","1.5","2","2.5"\n"W2","7","8",\n"W3","-1",,\n'


def test_reads_ragged_rows_without_trailing_empties(tmp_path):
    panel = read_wide_panel(_write(tmp_path, RAGGED))
    assert list(panel) == ["W1", "W2", "W3"]
    np.testing.assert_array_equal(panel["W1"], [1.5, 2.0, 2.5])
    np.testing.assert_array_equal(panel["W2"], [7.0, 8.0])
    np.testing.assert_array_equal(panel["W3"], [-1.0])
    assert all(v.dtype == np.float64 and v.ndim == 1 for v in panel.values())
    info = check_panel(panel)
    assert info.lengths.tolist() == [3, 2, 1]


def test_reads_gzip_and_frames_and_is_top_level(tmp_path):
    path = tmp_path / "wide.csv.gz"
    path.write_bytes(gzip.compress(RAGGED.encode()))
    from_gz = read_wide_panel(path)
    from_str = skrnn.read_wide_panel(str(_write(tmp_path, RAGGED)))
    frame = pd.DataFrame(
        {"id": ["a", "b"], "t0": [1.0, 4.0], "t1": [2.0, np.nan], "t2": [3, None]}
    )
    from_frame = read_wide_panel(frame, id_column="id")
    assert list(from_gz) == list(from_str) == ["W1", "W2", "W3"]
    np.testing.assert_array_equal(from_gz["W2"], from_str["W2"])
    np.testing.assert_array_equal(from_frame["a"], [1.0, 2.0, 3.0])
    np.testing.assert_array_equal(from_frame["b"], [4.0])


def test_id_column_by_position_label_or_index(tmp_path):
    text = "t0,t1,name\n1,2,x\n3,,y\n"
    panel = read_wide_panel(_write(tmp_path, text), id_column="name")
    np.testing.assert_array_equal(panel["x"], [1.0, 2.0])
    np.testing.assert_array_equal(panel["y"], [3.0])
    assert list(read_wide_panel(_write(tmp_path, text), id_column=2)) == ["x", "y"]
    frame = pd.DataFrame([[1.0, 2.0], [3.0, np.nan]], index=["p", "q"])
    panel = read_wide_panel(frame, id_column=None)
    np.testing.assert_array_equal(panel["q"], [3.0])
    no_header = read_wide_panel(_write(tmp_path, "a,1,2\nb,3,\n"), header=None)
    np.testing.assert_array_equal(no_header["a"], [1.0, 2.0])


def test_start_and_freq_give_dated_series(tmp_path):
    path = _write(tmp_path, RAGGED)
    panel = read_wide_panel(
        path,
        start={"W1": "2020-01-05", "W2": "2021-03-07", "W3": "2019-12-29"},
        freq="W-SUN",
    )
    assert isinstance(panel["W2"], pd.Series)
    assert panel["W2"].name == "W2"
    assert list(panel["W2"].index) == list(pd.to_datetime(["2021-03-07", "2021-03-14"]))
    assert panel["W1"].index.freqstr == "W-SUN"
    same = read_wide_panel(path, start="2024-01-01", freq="D")
    assert same["W1"].index[-1] == pd.Timestamp("2024-01-03")
    np.testing.assert_array_equal(same["W1"].to_numpy(), [1.5, 2.0, 2.5])


def test_interior_gap_names_series_and_position(tmp_path):
    text = '"V1","V2","V3","V4","V5"\n"W1",1,2,3,4\n"W2",1,,3,\n'
    with pytest.raises(
        ValueError,
        match=r"empty cell inside series 'W2' at position 1 \(column 'V3'\), before "
        r"its last value at position 2",
    ):
        read_wide_panel(_write(tmp_path, text))


def test_non_numeric_and_infinite_values_are_named(tmp_path):
    text = '"V1","V2","V3"\n"W1",1,2\n"W2",1,abc\n'
    with pytest.raises(
        ValueError,
        match=r"must hold numbers: series 'W2' has 'abc' at position 1 \(column "
        r"'V3'\)",
    ):
        read_wide_panel(_write(tmp_path, text))
    frame = pd.DataFrame({"id": ["a", "b"], "v": [1.0, np.inf]})
    with pytest.raises(ValueError, match=r"finite numbers: series 'b' has inf"):
        read_wide_panel(frame, id_column="id")
    flags = pd.DataFrame({"id": ["a"], "v": [True]})
    with pytest.raises(ValueError, match=r"series 'a' has True"):
        read_wide_panel(flags, id_column="id")


def test_blank_strings_in_a_frame_count_as_empty():
    frame = pd.DataFrame({"id": ["a", "b"], "v0": ["1", "2"], "v1": ["3", " "]})
    panel = read_wide_panel(frame, id_column="id")
    np.testing.assert_array_equal(panel["a"], [1.0, 3.0])
    np.testing.assert_array_equal(panel["b"], [2.0])


def test_duplicated_and_missing_ids(tmp_path):
    text = '"V1","V2"\n"W1",1\n"W2",2\n"W1",3\n'
    with pytest.raises(ValueError, match=r"duplicated series ids: \['W1'\]"):
        read_wide_panel(_write(tmp_path, text))
    text = '"V1","V2"\n"W1",1\n,2\n'
    with pytest.raises(ValueError, match=r"missing series id at row 1"):
        read_wide_panel(_write(tmp_path, text))


def test_bad_arguments(tmp_path):
    path = _write(tmp_path, RAGGED)
    with pytest.raises(ValueError, match=r"id_column='id' is not a column"):
        read_wide_panel(path, id_column="id")
    with pytest.raises(ValueError, match=r"id_column=7 is not a column position"):
        read_wide_panel(path, id_column=7)
    with pytest.raises(ValueError, match=r"start was given without freq"):
        read_wide_panel(path, start="2020-01-01")
    with pytest.raises(ValueError, match=r"freq='D' was given without start"):
        read_wide_panel(path, freq="D")
    with pytest.raises(ValueError, match=r"start has no date for the series \['W3'\]"):
        read_wide_panel(path, start={"W1": "2020", "W2": "2020"}, freq="D")
    with pytest.raises(ValueError, match=r"start of series 'W1' must be a date"):
        read_wide_panel(path, start="soon", freq="D")
    with pytest.raises(ValueError, match=r"freq must be a pandas frequency"):
        read_wide_panel(path, start="2020-01-01", freq="fortnightly")
    with pytest.raises(ValueError, match=r"series without any value: \['W2'\]"):
        read_wide_panel(_write(tmp_path, '"V1","V2"\n"W1",1\n"W2",\n'))


@pytest.mark.skipif(not M4_WEEKLY.is_dir(), reason=f"{M4_WEEKLY} is absent")
def test_reads_m4_weekly_and_reproduces_published_naive_scores():
    from skrnn.metrics import mase, smape

    train = read_wide_panel(M4_WEEKLY / "Weekly-train.csv.gz")
    test = read_wide_panel(M4_WEEKLY / "Weekly-test.csv.gz")
    assert len(train) == len(test) == 359
    assert list(train) == [f"W{i}" for i in range(1, 360)] == list(test)
    lengths = [len(v) for v in train.values()]
    assert min(lengths) == 80 and max(lengths) == 2597
    assert {len(v) for v in test.values()} == {13}
    # naive (= Naive2 for weekly data): the last training value repeated
    naive = {k: np.full(13, v[-1]) for k, v in train.items()}
    assert round(smape(test, naive), 3) == 9.161
    assert round(mase(test, naive, train, m=1), 3) == 2.777
