"""The ``skrnn compare`` command line on small CSV files."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest

from skrnn.__main__ import main


@pytest.fixture
def weekly_csv(tmp_path):
    dates = pd.date_range("2020-01-01", periods=160, freq="D")
    rng = np.random.RandomState(0)
    values = 100 + 10 * np.sin(2 * np.pi * np.arange(160) / 7) + rng.randn(160)
    path = tmp_path / "sales.csv"
    pd.DataFrame({"day": dates.strftime("%Y-%m-%d"), "units": values}).to_csv(
        path, index=False
    )
    return path


def test_compare_on_csv_writes_leaderboard(weekly_csv, tmp_path, capsys):
    out = tmp_path / "out"
    status = main(
        [
            "compare",
            "--data",
            str(weekly_csv),
            "--date-column",
            "day",
            "--target",
            "units",
            "--window-length",
            "14",
            "--models",
            "naive7,linear",
            "--epochs",
            "1",
            "--quick",
            "--output-dir",
            str(out),
        ]
    )
    assert status == 0
    table = pd.read_csv(out / "leaderboard.csv")
    assert set(table["model"]) == {"naive7", "linear"}
    assert table["valid_mae"].is_monotonic_increasing
    records = json.loads((out / "leaderboard.json").read_text())["leaderboard"]
    assert [r["model"] for r in records] == list(table["model"])
    assert (out / "compare.png").stat().st_size > 10_000
    # seasonal naive on a weekly sine + unit noise: error of the noise's order
    naive_mae = table.set_index("model").loc["naive7", "valid_mae"]
    assert 0.3 < naive_mae < 3.0
    assert "Leaderboard" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (["--target", "nope"], "--target: no column 'nope'"),
        (["--date-column", "when"], "--date-column: no column 'when'"),
        (["--models", "naive7,magic"], "--models: unknown ['magic']"),
        (["--window-length", "200"], "need at least 214"),
        (["--features", "promo"], "--features: no column 'promo'"),
        (["--horizon", "0"], "--horizon must be >= 1"),
    ],
)
def test_compare_rejects_bad_input_in_one_line(
    weekly_csv, tmp_path, capsys, extra, message
):
    args = [
        "compare",
        "--data",
        str(weekly_csv),
        "--output-dir",
        str(tmp_path),
        "--quick",
    ]
    assert main([*args, "--date-column", "day", *extra]) == 2
    err = capsys.readouterr().err
    assert message in err
    assert "Traceback" not in err
    assert len(err.strip().splitlines()) == 1


def test_compare_rejects_missing_and_malformed_files(tmp_path, capsys):
    assert main(["compare", "--data", str(tmp_path / "missing.csv")]) == 2
    assert "no such file" in capsys.readouterr().err
    bad = tmp_path / "bad.csv"
    rows = [f"2020-01-{d:02d},{d}" for d in range(3, 9)]
    bad.write_text("\n".join(["day,units", "2020-01-01,1", "2020-01-02,abc", *rows]))
    assert main(["compare", "--data", str(bad), "--date-column", "day"]) == 2
    assert "has no numeric column" in capsys.readouterr().err
    args = ["compare", "--data", str(bad), "--date-column", "day", "--target", "units"]
    assert main(args) == 2
    assert "1 missing or non-numeric values" in capsys.readouterr().err


def test_compare_rejects_unsorted_dates(weekly_csv, tmp_path, capsys):
    frame = pd.read_csv(weekly_csv).iloc[::-1]
    path = tmp_path / "reversed.csv"
    frame.to_csv(path, index=False)
    assert main(["compare", "--data", str(path), "--date-column", "day"]) == 2
    assert "sorted and unique" in capsys.readouterr().err


def test_compare_multistep_and_categorical_feature(weekly_csv, tmp_path):
    frame = pd.read_csv(weekly_csv)
    frame["weekday"] = pd.to_datetime(frame["day"]).dt.day_name()
    path = tmp_path / "with_weekday.csv"
    frame.to_csv(path, index=False)
    out = tmp_path / "out"
    args = ["compare", "--data", str(path), "--date-column", "day", "--target", "units"]
    args += ["--features", "weekday", "--window-length", "10", "--horizon", "7"]
    args += ["--models", "naive7_h,mv_rnn_direct_h", "--epochs", "1"]
    assert main([*args, "--output-dir", str(out)]) == 0
    table = pd.read_csv(out / "leaderboard.csv").set_index("model")
    assert list(table.filter(like="mae_h").columns) == [
        f"mae_h{k}" for k in range(1, 8)
    ]
    # the seasonal naive repeats last week: its error is flat over the horizon
    naive = table.loc["naive7_h", [f"mae_h{k}" for k in range(1, 8)]]
    assert naive.max() < 3.0
    settings = json.loads((out / "leaderboard.json").read_text())["settings"]
    assert "next_weekday_Monday" in settings["features"]


def test_multivariate_model_without_features_is_an_error(weekly_csv, tmp_path, capsys):
    args = ["compare", "--data", str(weekly_csv), "--date-column", "day"]
    args += ["--models", "mv_rnn", "--output-dir", str(tmp_path)]
    assert main(args) == 2
    assert "need feature columns" in capsys.readouterr().err
