"""The ``skrnn compare`` command line on small CSV files."""

from __future__ import annotations

import json
import re

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


def test_quick_lineup_without_features_ranks_a_univariate_direct_network(
    weekly_csv, tmp_path, capsys
):
    out = tmp_path / "out"
    args = ["compare", "--data", str(weekly_csv), "--date-column", "day", "--quick"]
    args += ["--window-length", "14", "--horizon", "7", "--epochs", "1"]
    assert main([*args, "--output-dir", str(out)]) == 0
    table = pd.read_csv(out / "leaderboard.csv").set_index("model")
    multi_step = table[table["task"] == "multi-step"]
    assert set(multi_step.index) == {"naive7_h", "sarima_h", "gru_direct_h"}
    assert np.isfinite(multi_step.loc["gru_direct_h", "valid_mae"])
    # errors of a few units are printed with three significant digits
    per_horizon = capsys.readouterr().out.split("MAE per horizon:")[1]
    naive_row = next(r for r in per_horizon.splitlines() if r.startswith("naive7_h"))
    assert all(re.fullmatch(r"\d\.\d\d", v) for v in naive_row.split()[1:])


@pytest.mark.parametrize("quick", [[], ["--quick"]])
def test_default_lineups_put_the_univariate_stand_in_in_place(quick):
    from skrnn.cli.lineup import MODELS, UNIVARIATE_STAND_INS
    from skrnn.cli.options import build_parser, check_options, model_names

    args = build_parser().parse_args(["compare", *quick])
    check_options(args)
    univariate = model_names(args, has_features=False)
    assert not [m for m in univariate if MODELS[m].multivariate]
    with_features = model_names(args, has_features=True)
    for multivariate, stand_in in UNIVARIATE_STAND_INS.items():
        assert multivariate in with_features
        assert stand_in in univariate
        position = with_features.index(multivariate)
        assert univariate.index(stand_in) <= position


# -- options are checked before any model trains (issue 17, item 7) -----------------


def _csv_args(path, tmp_path, *extra):
    return [
        "compare",
        "--data",
        str(path),
        "--date-column",
        "day",
        "--output-dir",
        str(tmp_path / "out"),
        *extra,
    ]


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (["--epochs", "0"], "--epochs must be >= 1, got 0"),
        (["--epochs", "-5"], "--epochs must be >= 1, got -5"),
        (["--seed", "-1"], "--seed must be between 0 and 4294967295, got -1"),
        (["--seed", str(2**32)], "--seed must be between 0 and 4294967295"),
        (["--valid-start", "notadate"], "--valid-start: cannot parse date 'notadate'"),
        (["--features", "units", "--target", "units"], "--features: 'units' is the"),
        (["--features", "units"], "no numeric column to forecast besides the --f"),
        (["--features", "units,units", "--target", "units"], "'units' is the target"),
    ],
)
def test_bad_options_fail_before_any_model_trains(
    weekly_csv, tmp_path, capsys, extra, message
):
    args = _csv_args(weekly_csv, tmp_path, "--models", "naive7,linear", *extra)
    args += ["--window-length", "14"]  # long enough data: only the option is wrong
    assert main(args) == 2
    captured = capsys.readouterr()
    assert message in captured.err
    assert "Traceback" not in captured.err
    assert len(captured.err.strip().splitlines()) == 1
    assert "fitting" not in captured.out  # no model started
    assert not (tmp_path / "out").exists()


def test_valid_start_without_dates_is_a_row_number(weekly_csv, tmp_path, capsys):
    args = ["compare", "--data", str(weekly_csv), "--models", "naive7"]
    args += ["--window-length", "14", "--output-dir", str(tmp_path / "out")]
    assert main([*args, "--valid-start", "2020-04-01"]) == 2
    assert "--valid-start: '2020-04-01' is not a row number" in capsys.readouterr().err
    assert main([*args, "--valid-start", "120"]) == 0
    settings = capsys.readouterr().out.splitlines()[0]
    assert "train 120 / validation 40 points" in settings


@pytest.fixture
def store_csv(weekly_csv, tmp_path):
    """The weekly series with a numeric id column after the target."""
    frame = pd.read_csv(weekly_csv)
    frame["store_id"] = 17
    path = tmp_path / "stores.csv"
    frame.to_csv(path, index=False)
    return path


def test_target_is_required_when_several_numeric_columns(store_csv, tmp_path, capsys):
    extra = ["--models", "naive7", "--window-length", "14"]
    assert main(_csv_args(store_csv, tmp_path, *extra)) == 2
    err = capsys.readouterr().err
    assert "--target: " in err
    assert "['units', 'store_id']" in err
    assert len(err.strip().splitlines()) == 1
    # a numeric feature is not a candidate: the other column is the target
    extra = ["--models", "naive7", "--features", "store_id", "--window-length", "14"]
    assert main(_csv_args(store_csv, tmp_path, *extra)) == 0
    assert "target 'units'" in capsys.readouterr().out


def test_gaps_in_the_dates_are_an_error(weekly_csv, tmp_path, capsys):
    frame = pd.read_csv(weekly_csv).drop(index=[50, 51])
    path = tmp_path / "gaps.csv"
    frame.to_csv(path, index=False)
    args = _csv_args(path, tmp_path, "--models", "naive7", "--window-length", "14")
    assert main(args) == 2
    err = capsys.readouterr().err
    assert err.startswith("skrnn compare: error: ")
    assert len(err.strip().splitlines()) == 1


def test_library_compare_checks_every_setting_before_training():
    from skrnn.cli.compare import compare
    from skrnn.cli.data import time_split

    split = time_split(pd.Series(np.arange(200.0), name="y"), valid_fraction=0.6)
    started = []
    for settings, message in [
        ({"epochs": 0}, "epochs must be an int >= 1"),
        ({"seed": -1}, "seed must be an int in"),
        ({"window_length": 40}, "the training period has 80 points; window_length=40"),
        ({"models": ["naive7", "mv_rnn"]}, r"models \['mv_rnn'\] need feature columns"),
    ]:
        with pytest.raises(ValueError, match=message):
            compare(
                split,
                **{"models": ["naive7", "linear"], **settings},
                on_model_start=lambda name, spec: started.append(name),
            )
    assert started == []


# -- one engine: WindowForecaster ---------------------------------------------------


def test_quick_lineup_has_both_baselines_one_step_and_multi_step():
    from skrnn.cli.lineup import MODELS, QUICK_MODELS

    quick = {(MODELS[m].description.split()[0], MODELS[m].task) for m in QUICK_MODELS}
    for baseline in ("naive,", "SARIMA"):
        assert {(baseline, "one step"), (baseline, "multi-step")} <= quick


def test_scores_are_the_forecasters_own_backtest(weekly_csv):
    from sklearn.preprocessing import StandardScaler

    from skrnn.cli.compare import compare
    from skrnn.cli.data import time_split
    from skrnn.forecasting import WindowForecaster
    from skrnn.models import SARIMARegressor

    frame = pd.read_csv(weekly_csv, index_col="day", parse_dates=True)
    split = time_split(frame, valid_start="2020-05-01")
    result = compare(split, ["naive7", "sarima_h"], window_length=14, horizon=7)
    table = result.leaderboard.set_index("model")
    assert all(isinstance(f, WindowForecaster) for f in result.forecasters.values())

    # seasonal naive: the forecast of every validation step whose window lies in
    # the validation period is the value a week before
    units = frame["units"].to_numpy()
    scored = np.arange(len(split.train) + 14, len(frame))
    naive_mae = np.abs(units[scored] - units[scored - 7]).mean()
    assert table.loc["naive7", "valid_mae"] == pytest.approx(naive_mae)
    assert list(result.one_step_forecasts.index) == list(frame.index[scored])
    assert result.one_step_forecasts["naive7"].to_numpy() == pytest.approx(
        units[scored - 7]
    )

    sarima = WindowForecaster(
        SARIMARegressor(order=(1, 0, 0), seasonal_order=(0, 1, 1, 7)),
        14,
        strategy="direct",
        horizon=7,
        target="units",
        series_scaler=StandardScaler(),
        validation_size=len(split.valid),
    ).fit(frame)
    errors = sarima.backtest(frame, start=len(split.train) + 13).errors["MAE"]
    assert [table.loc["sarima_h", f"mae_h{k}"] for k in range(1, 8)] == pytest.approx(
        errors.to_list()
    )


def test_skrnn_compare_module_is_deprecated_but_works():
    import skrnn.cli.compare as new_home
    import skrnn.compare

    with pytest.warns(FutureWarning, match="moved to skrnn.cli.compare.compare"):
        old_compare = skrnn.compare.compare
    assert old_compare is new_home.compare
    for name in skrnn.compare.__all__:
        with pytest.warns(FutureWarning, match=f"skrnn.compare.{name} moved"):
            getattr(skrnn.compare, name)
    with pytest.raises(AttributeError):
        skrnn.compare.make_windows


def test_cli_has_no_engine_of_its_own():
    """No window cutting, multi-step code or private access outside the forecaster."""
    import ast
    from pathlib import Path

    package = Path(__file__).resolve().parents[1] / "skrnn"
    files = [*sorted((package / "cli").glob("*.py")), package / "compare.py"]
    files.append(package / "__main__.py")
    for path in files:
        tree = ast.parse(path.read_text())
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and node.module:
                assert node.module not in {"skrnn.windows", "skrnn.multistep"}
                assert not node.module.startswith("skrnn._"), path.name
                assert not any(a.name.startswith("_") for a in node.names)
            if (
                isinstance(node, ast.Attribute)
                and node.attr.startswith("_")
                and not node.attr.startswith("__")
            ):
                assert isinstance(node.value, ast.Name), f"{path.name}:{node.lineno}"
                assert node.value.id in {"self", "cls"}, f"{path.name}:{node.lineno}"
            if isinstance(node, ast.Name):
                assert node.id not in {"make_windows", "cut_windows"}


# -- prediction intervals (issue 16, item 5) ----------------------------------------


def test_intervals_are_calibrated_before_the_scored_windows(weekly_csv):
    from skrnn.cli.compare import compare
    from skrnn.cli.data import time_split
    from skrnn.intervals import conformal_quantiles
    from skrnn.metrics import interval_coverage, msis

    frame = pd.read_csv(weekly_csv, index_col="day", parse_dates=True)
    split = time_split(frame, valid_start="2020-04-10")  # 60 validation days
    result = compare(
        split, ["naive7", "naive7_h"], window_length=28, horizon=7, coverage=0.8
    )
    table = result.leaderboard.set_index("model")
    units, n_train = frame["units"].to_numpy(), len(split.train)
    train = units[:n_train]
    for model, steps in (("naive7", 1), ("naive7_h", 7)):
        # calibration: the origins whose steps end before the first scored value
        origins = np.arange(n_train - 1, n_train + 28 - steps)
        ahead = origins[:, None] + np.arange(1, steps + 1)
        residuals = units[ahead] - units[ahead - 7 * ((np.arange(steps) // 7) + 1)]
        low, high = conformal_quantiles(residuals[:, :, None], [0.1, 0.9])[:, :, 0]
        scored = np.arange(n_train + 27, len(units) - steps)
        targets = scored[:, None] + np.arange(1, steps + 1)
        point = units[targets - 7]
        lower, upper = point + low, point + high
        expected = interval_coverage(
            units[targets].ravel(), lower.ravel(), upper.ravel()
        )
        assert table.loc[model, "valid_coverage"] == pytest.approx(expected)
        assert table.loc[model, "valid_msis"] == pytest.approx(
            msis(
                units[targets].ravel(),
                lower.ravel(),
                upper.ravel(),
                train,
                coverage=0.8,
            )
        )
        assert 0.5 < table.loc[model, "valid_coverage"] <= 1.0
    bands = result.one_step_intervals
    assert list(bands.columns) == ["naive7_lower", "naive7_upper"]
    pd.testing.assert_index_equal(bands.index, result.one_step_forecasts.index)
    assert (bands["naive7_lower"] < result.one_step_forecasts["naive7"]).all()
    assert result.coverage == 0.8 and result.notes == []


def test_compare_writes_coverage_and_msis_and_draws_bands(weekly_csv, tmp_path, capsys):
    out = tmp_path / "out"
    args = ["compare", "--data", str(weekly_csv), "--date-column", "day"]
    args += ["--target", "units", "--window-length", "28", "--horizon", "7"]
    args += ["--models", "naive7,naive7_h", "--valid-start", "2020-04-10"]
    assert main([*args, "--coverage", "0.8", "--output-dir", str(out)]) == 0
    printed = capsys.readouterr().out
    assert "coverage and MSIS of 80% intervals" in printed
    table = pd.read_csv(out / "leaderboard.csv")
    assert {"valid_coverage", "valid_msis"} <= set(table.columns)
    assert table["valid_coverage"].between(0, 1).all()
    assert (table["valid_msis"] > 0).all()
    written = json.loads((out / "leaderboard.json").read_text())
    assert written["settings"]["coverage"] == 0.8
    assert written["notes"] == []
    assert (out / "compare.png").stat().st_size > 10_000


def test_too_few_calibration_forecasts_leave_the_intervals_out_with_a_note(
    weekly_csv, tmp_path, capsys
):
    args = ["compare", "--data", str(weekly_csv), "--date-column", "day"]
    args += ["--window-length", "14", "--models", "naive7"]
    assert main([*args, "--output-dir", str(tmp_path / "out")]) == 0
    printed = capsys.readouterr().out
    assert "n/a" in printed
    assert (
        "note: naive7: no intervals: coverage 0.9 needs 19 calibration forecasts "
        "per step, window_length - steps + 1 = 14 - 1 + 1 gives 14; use "
        "--window-length >= 19 or a lower --coverage." in printed
    )
    table = pd.read_csv(tmp_path / "out" / "leaderboard.csv")
    assert table["valid_coverage"].isna().all()


@pytest.mark.parametrize("value", ["1.5", "0", "1", "-0.2"])
def test_bad_coverage_fails_before_any_model_trains(
    weekly_csv, tmp_path, capsys, value
):
    args = _csv_args(weekly_csv, tmp_path, "--models", "naive7", "--coverage", value)
    assert main(args) == 2
    captured = capsys.readouterr()
    assert f"--coverage must be between 0 and 1 (exclusive), got {float(value)}" in (
        captured.err
    )
    assert len(captured.err.strip().splitlines()) == 1
    assert "fitting" not in captured.out
    with pytest.raises(
        ValueError, match=r"coverage must be a float in \(0, 1\) or None"
    ):
        from skrnn.cli.compare import check_settings
        from skrnn.cli.data import time_split

        split = time_split(pd.Series(np.arange(200.0), name="y"), valid_fraction=0.5)
        check_settings(split, ["naive7"], window_length=14, coverage=float(value))
