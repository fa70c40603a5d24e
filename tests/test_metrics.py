from __future__ import annotations

import os
import subprocess
import sys

import numpy as np
import pandas as pd
import pytest

from skrnn.metrics import last_time_step_mae, last_time_step_mse, per_horizon_mae


def _loop_per_horizon_mae(y_true, y_pred):
    """Per-step MAE by explicit loops; 3-D direct targets averaged over targets."""
    y_true = np.asarray(y_true, dtype=float)
    y_pred = np.asarray(y_pred, dtype=float)
    if y_true.ndim == 2:
        y_true, y_pred = y_true[..., None], y_pred[..., None]
    n, horizon, n_targets = y_true.shape
    out = np.zeros(horizon)
    for k in range(horizon):
        per_target = []
        for j in range(n_targets):
            total = 0.0
            for i in range(n):
                total += abs(y_true[i, k, j] - y_pred[i, k, j])
            per_target.append(total / n)
        out[k] = sum(per_target) / n_targets
    return out


@pytest.fixture
def rng():
    return np.random.default_rng(0)


# --------------------------------------------------------------------------- #
# per_horizon_mae
# --------------------------------------------------------------------------- #


def test_per_horizon_mae_2d_known_value():
    y_true = np.array([[1.0, 2.0, 3.0], [2.0, 4.0, 6.0]])
    y_pred = np.array([[1.0, 3.0, 5.0], [2.0, 3.0, 3.0]])
    # step 1: |0|,|0| -> 0; step 2: 1, 1 -> 1; step 3: 2, 3 -> 2.5
    np.testing.assert_allclose(per_horizon_mae(y_true, y_pred), [0.0, 1.0, 2.5])


def test_per_horizon_mae_2d_matches_loop(rng):
    y_true = rng.normal(size=(40, 5))
    y_pred = rng.normal(size=(40, 5))
    got = per_horizon_mae(y_true, y_pred)
    assert got.shape == (5,)
    np.testing.assert_allclose(got, _loop_per_horizon_mae(y_true, y_pred))


def test_per_horizon_mae_3d_direct_averages_targets(rng):
    y_true = rng.normal(size=(30, 4, 3))
    y_pred = rng.normal(size=(30, 4, 3))
    got = per_horizon_mae(y_true, y_pred)
    assert got.shape == (4,)
    np.testing.assert_allclose(got, _loop_per_horizon_mae(y_true, y_pred))


def test_per_horizon_mae_1d_is_one_step(rng):
    y_true = rng.normal(size=20)
    y_pred = rng.normal(size=20)
    got = per_horizon_mae(y_true, y_pred)
    np.testing.assert_allclose(got, [np.mean(np.abs(y_true - y_pred))])


def test_per_horizon_mae_multioutput(rng):
    y_true = rng.normal(size=(25, 3))
    y_pred = rng.normal(size=(25, 3))
    per_step = _loop_per_horizon_mae(y_true, y_pred)
    got_mean = per_horizon_mae(y_true, y_pred, multioutput="uniform_average")
    assert got_mean == pytest.approx(per_step.mean())
    weights = np.array([3.0, 1.0, 0.0])
    got_weighted = per_horizon_mae(y_true, y_pred, multioutput=weights)
    assert got_weighted == pytest.approx((3 * per_step[0] + per_step[1]) / 4)


@pytest.mark.parametrize("pred_last_only", [False, True])
def test_per_horizon_mae_seq2seq_uses_last_step(rng, pred_last_only):
    y_true = rng.normal(size=(15, 6, 4))
    y_pred = rng.normal(size=(15, 6, 4))
    expected = _loop_per_horizon_mae(y_true[:, -1], y_pred[:, -1])
    pred = y_pred[:, -1] if pred_last_only else y_pred
    got = per_horizon_mae(y_true, pred, seq2seq=True)
    assert got.shape == (4,)
    np.testing.assert_allclose(got, expected)
    # earlier time steps do not count
    y_pred_other = y_pred.copy()
    y_pred_other[:, :-1] += 100.0
    np.testing.assert_allclose(
        per_horizon_mae(y_true, y_pred_other, seq2seq=True), expected
    )


def test_per_horizon_mae_accepts_lists_and_does_not_modify_inputs(rng):
    y_true = rng.normal(size=(6, 2))
    y_pred = rng.normal(size=(6, 2))
    before = y_true.copy(), y_pred.copy()
    got = per_horizon_mae(y_true.tolist(), y_pred.tolist())
    np.testing.assert_allclose(got, _loop_per_horizon_mae(y_true, y_pred))
    np.testing.assert_array_equal(y_true, before[0])
    np.testing.assert_array_equal(y_pred, before[1])


def test_per_horizon_mae_shape_mismatch():
    with pytest.raises(
        ValueError,
        match=r"y_true and y_pred must have the same shape, got y_true "
        r"\(4, 3\) and y_pred \(4, 2\)",
    ):
        per_horizon_mae(np.zeros((4, 3)), np.zeros((4, 2)))


def test_per_horizon_mae_bad_ndim():
    with pytest.raises(ValueError, match=r"y_true must have shape .*got shape \(\)"):
        per_horizon_mae(1.0, 1.0)
    with pytest.raises(ValueError, match=r"got shape \(2, 2, 2, 2\)"):
        per_horizon_mae(np.zeros((2, 2, 2, 2)), np.zeros((2, 2, 2, 2)))


def test_per_horizon_mae_seq2seq_bad_shapes():
    with pytest.raises(ValueError, match=r"y_true must be 3-D seq2seq .*\(5, 3\)"):
        per_horizon_mae(np.zeros((5, 3)), np.zeros((5, 3)), seq2seq=True)
    with pytest.raises(
        ValueError,
        match=r"y_pred must have the shape of y_true \(5, 4, 3\) or the shape of "
        r"its last time step \(5, 3\), got shape \(5, 4\)",
    ):
        per_horizon_mae(np.zeros((5, 4, 3)), np.zeros((5, 4)), seq2seq=True)


def test_per_horizon_mae_non_numeric():
    with pytest.raises(ValueError, match=r"y_true must hold numbers"):
        per_horizon_mae(np.array([["a", "b"]]), np.zeros((1, 2)))


def test_per_horizon_mae_rejects_nan():
    y = np.zeros((3, 2))
    y_nan = y.copy()
    y_nan[1, 1] = np.nan
    with pytest.raises(ValueError, match=r"NaN"):
        per_horizon_mae(y, y_nan)


# --------------------------------------------------------------------------- #
# last_time_step_mse / last_time_step_mae
# --------------------------------------------------------------------------- #


def test_last_time_step_mse_known_value():
    y_true = np.zeros((2, 3, 2))
    y_pred = np.zeros((2, 3, 2))
    y_pred[:, -1] = [[1.0, 2.0], [3.0, 0.0]]
    y_pred[:, 0] = 50.0
    # (1 + 4 + 9 + 0) / 4
    assert last_time_step_mse(y_true, y_pred) == pytest.approx(3.5)
    assert last_time_step_mse(y_true, y_pred[:, -1]) == pytest.approx(3.5)
    assert last_time_step_mae(y_true, y_pred) == pytest.approx(1.5)


def test_last_time_step_metrics_match_loop(rng):
    y_true = rng.normal(size=(20, 7, 5))
    y_pred = rng.normal(size=(20, 7, 5))
    sq = ab = 0.0
    for i in range(20):
        for k in range(5):
            diff = y_true[i, 6, k] - y_pred[i, 6, k]
            sq += diff**2
            ab += abs(diff)
    assert last_time_step_mse(y_true, y_pred) == pytest.approx(sq / 100)
    assert last_time_step_mse(y_true, y_pred[:, -1]) == pytest.approx(sq / 100)
    assert last_time_step_mae(y_true, y_pred) == pytest.approx(ab / 100)


def test_last_time_step_mse_bad_shapes():
    with pytest.raises(ValueError, match=r"y_true must be 3-D .*got shape \(4, 2\)"):
        last_time_step_mse(np.zeros((4, 2)), np.zeros((4, 2)))
    with pytest.raises(ValueError, match=r"y_pred must have the shape of y_true"):
        last_time_step_mse(np.zeros((4, 3, 2)), np.zeros((4, 2, 2)))
    with pytest.raises(ValueError, match=r"got shape \(3, 2\)"):
        last_time_step_mae(np.zeros((4, 3, 2)), np.zeros((3, 2)))


def test_metrics_module_does_not_import_tensorflow():
    code = (
        "import sys, skrnn.metrics; "
        "bad = [m for m in ('tensorflow', 'keras') if m in sys.modules]; "
        "assert not bad, bad"
    )
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    subprocess.run([sys.executable, "-c", code], check=True, env=env)


# --------------------------------------------------------------------------- #
# Keras counterpart
# --------------------------------------------------------------------------- #


def test_keras_last_time_step_mse_agrees_with_numpy(rng):
    from skrnn.models._keras_metrics import LastTimeStepMSE
    from skrnn.models._keras_metrics import last_time_step_mse as keras_fn

    y_true = rng.normal(size=(32, 6, 3)).astype("float32")
    y_pred = rng.normal(size=(32, 6, 3)).astype("float32")
    per_window = np.asarray(keras_fn(y_true, y_pred))
    assert per_window.shape == (32,)
    np.testing.assert_allclose(
        per_window, ((y_true[:, -1] - y_pred[:, -1]) ** 2).mean(axis=1), rtol=1e-5
    )
    metric = LastTimeStepMSE()
    # two batches of different sizes: the metric is the mean over all windows
    metric.update_state(y_true[:20], y_pred[:20])
    metric.update_state(y_true[20:], y_pred[20:])
    assert float(metric.result()) == pytest.approx(
        last_time_step_mse(y_true, y_pred), rel=1e-5
    )


def test_keras_last_time_step_mse_rejects_2d():
    from skrnn.models._keras_metrics import last_time_step_mse as keras_fn

    with pytest.raises(ValueError, match=r"expects 3-D seq2seq tensors"):
        keras_fn(np.zeros((4, 3), "float32"), np.zeros((4, 3), "float32"))


def test_keras_model_with_metric_saves_and_loads(tmp_path, rng):
    import keras

    from skrnn.models._keras_metrics import LastTimeStepMSE

    keras.utils.set_random_seed(0)
    window_length, horizon = 5, 2
    model = keras.Sequential(
        [
            keras.Input(shape=(window_length, 1)),
            keras.layers.SimpleRNN(3, return_sequences=True),
            keras.layers.Dense(horizon),
        ]
    )
    model.compile(loss="mse", optimizer="sgd", metrics=[LastTimeStepMSE()])
    X = rng.normal(size=(16, window_length, 1)).astype("float32")
    Y = rng.normal(size=(16, window_length, horizon)).astype("float32")
    history = model.fit(X, Y, epochs=1, batch_size=8, verbose=0)
    assert "last_time_step_mse" in history.history

    path = tmp_path / "m.keras"
    model.save(path)
    loaded = keras.models.load_model(path)
    np.testing.assert_allclose(
        loaded.predict(X, verbose=0), model.predict(X, verbose=0), rtol=1e-6
    )
    assert keras.saving.get_registered_name(LastTimeStepMSE) == (
        "skrnn>LastTimeStepMSE"
    )
    assert "skrnn>LastTimeStepMSE" in str(loaded.get_compile_config())
    results = loaded.evaluate(X, Y, verbose=0, return_dict=True)
    expected = last_time_step_mse(Y, loaded.predict(X, verbose=0))
    assert results["last_time_step_mse"] == pytest.approx(expected, rel=1e-4)


# --------------------------------------------------------------------------- #
# Competition metrics: sMAPE, MASE, RMSSE, relative scores, OWA
# --------------------------------------------------------------------------- #


def _loop_scores(y_true, y_pred, y_train, m):
    """sMAPE, MASE, RMSSE of one series by explicit loops (M4 / M5 formulas)."""
    h, n = len(y_true), len(y_train)
    smape_total = abs_total = sq_total = 0.0
    for k in range(h):
        a, f = y_true[k], y_pred[k]
        smape_total += 200 * abs(a - f) / (abs(a) + abs(f))
        abs_total += abs(a - f)
        sq_total += (a - f) ** 2
    abs_scale = sq_scale = 0.0
    for t in range(m, n):
        abs_scale += abs(y_train[t] - y_train[t - m])
        sq_scale += (y_train[t] - y_train[t - m]) ** 2
    abs_scale /= n - m
    sq_scale /= n - m
    return (
        smape_total / h,
        (abs_total / h) / abs_scale,
        ((sq_total / h) / sq_scale) ** 0.5,
    )


def test_smape_known_values():
    from skrnn.metrics import smape

    # 200 * 10 / 210 and 200 * 20 / 380
    expected = (2000 / 210 + 4000 / 380) / 2
    assert smape([100.0, 200.0], [110.0, 180.0]) == pytest.approx(expected)
    # symmetric in value and forecast, bounded by 200
    assert smape([110.0, 180.0], [100.0, 200.0]) == pytest.approx(expected)
    assert smape([0.0, 5.0], [3.0, -5.0]) == pytest.approx(200.0)


def test_smape_zero_value_and_forecast_counts_as_exact():
    from skrnn.metrics import smape

    # steps: 0/0 -> 0 by convention, 200 * 1 / 3
    assert smape([0.0, 1.0], [0.0, 2.0]) == pytest.approx(200 / 3 / 2)
    assert smape([0.0, 0.0], [0.0, 0.0]) == 0.0
    assert np.isfinite(smape(np.zeros((3, 4)), np.zeros((3, 4)), per_series=True)).all()


def test_smape_panel_per_series_and_mean():
    from skrnn.metrics import smape

    y_true = [[1.0, 1.0], [2.0, 4.0]]
    y_pred = [[1.0, 3.0], [2.0, 2.0]]
    # series 0: (0 + 200 * 2 / 4) / 2 = 50; series 1: (0 + 200 * 2 / 6) / 2
    expected = np.array([50.0, 100 / 3])
    np.testing.assert_allclose(smape(y_true, y_pred, per_series=True), expected)
    assert smape(y_true, y_pred) == pytest.approx(expected.mean())
    assert smape([1.0, 3.0], [1.0, 1.0], per_series=True).shape == (1,)


def test_mase_known_values():
    from skrnn.metrics import mase

    y_train = [1.0, 3.0, 2.0, 5.0]
    # lag 1: |2|, |-1|, |3| -> scale 2; errors 1, 1 -> MAE 1
    assert mase([6.0, 4.0], [5.0, 5.0], y_train) == pytest.approx(0.5)
    # lag 2: |2 - 1|, |5 - 3| -> scale 1.5
    assert mase([6.0, 4.0], [5.0, 5.0], y_train, m=2) == pytest.approx(1 / 1.5)


def test_rmsse_known_values():
    from skrnn.metrics import rmsse

    y_train = [1.0, 3.0, 2.0, 5.0]
    # squared differences 4, 1, 9 -> 14 / 3; squared errors 1, 1 -> 1
    assert rmsse([6.0, 4.0], [5.0, 5.0], y_train) == pytest.approx((3 / 14) ** 0.5)
    # lag 2: 1, 4 -> 2.5; squared errors 4, 0 -> 2
    assert rmsse([7.0, 4.0], [5.0, 4.0], y_train, m=2) == pytest.approx(
        (2 / 2.5) ** 0.5
    )


@pytest.mark.parametrize("m", [1, 3])
def test_panel_metrics_match_loops_with_ragged_training_series(rng, m):
    from skrnn.metrics import forecast_scores, mase, rmsse, smape

    lengths = [10, 25, 7, 40]
    y_train = [rng.uniform(1, 10, size=n) for n in lengths]
    y_true = rng.uniform(1, 10, size=(4, 5))
    y_pred = rng.uniform(1, 10, size=(4, 5))
    expected = np.array(
        [_loop_scores(y_true[i], y_pred[i], y_train[i], m) for i in range(4)]
    )
    np.testing.assert_allclose(smape(y_true, y_pred, per_series=True), expected[:, 0])
    np.testing.assert_allclose(
        mase(y_true, y_pred, y_train, m=m, per_series=True), expected[:, 1]
    )
    np.testing.assert_allclose(
        rmsse(y_true, y_pred, y_train, m=m, per_series=True), expected[:, 2]
    )
    assert mase(y_true, y_pred, y_train, m=m) == pytest.approx(expected[:, 1].mean())
    table = forecast_scores(y_true, y_pred, y_train, m=m, ids=["a", "b", "c", "d"])
    assert list(table.columns) == ["smape", "mase", "rmsse", "mae"]
    assert list(table.index) == ["a", "b", "c", "d"]
    assert table.index.name == "series"
    np.testing.assert_allclose(table[["smape", "mase", "rmsse"]], expected)
    np.testing.assert_allclose(table["mae"], np.abs(y_true - y_pred).mean(axis=1))


def test_dicts_are_matched_by_id(rng):
    from skrnn.metrics import forecast_scores, mase

    y_train = {"a": [1.0, 2.0, 4.0], "b": [10.0, 20.0, 10.0]}
    y_true = {"a": [5.0, 6.0], "b": [10.0, 10.0]}
    # keys of y_pred and y_train in another order than y_true's
    y_pred = {"b": [20.0, 20.0], "a": [4.0, 4.0]}
    y_train_swapped = {"b": y_train["b"], "a": y_train["a"]}
    # a: MAE 1.5 / scale 1.5; b: MAE 10 / scale 10
    got = mase(y_true, y_pred, y_train_swapped, per_series=True)
    np.testing.assert_allclose(got, [1.0, 1.0])
    table = forecast_scores(y_true, y_pred, y_train_swapped)
    assert list(table.index) == ["a", "b"]
    np.testing.assert_allclose(table["mae"], [1.5, 10.0])
    # a 2-D array y_train is matched by position
    np.testing.assert_allclose(
        mase([[5.0, 6.0]], [[4.0, 4.0]], np.array([[1.0, 2.0, 4.0]])), 1.0
    )


def test_relative_score_is_ratio_of_means():
    from skrnn.metrics import relative_score

    y_train = [[1.0, 2.0, 4.0], [0.0, 10.0, 0.0]]  # scales 1.5 and 10
    y_true = [[5.0, 5.0], [0.0, 0.0]]
    y_pred = [[4.0, 4.0], [5.0, 5.0]]  # MASE 1 / 1.5, 0.5
    naive = [[4.0, 6.0], [10.0, 10.0]]  # MASE 1 / 1.5, 1
    expected = (1 / 1.5 + 0.5) / (1 / 1.5 + 1)
    assert relative_score(y_true, y_pred, naive, y_train) == pytest.approx(expected)
    np.testing.assert_allclose(
        relative_score(y_true, y_pred, naive, y_train, per_series=True), [1.0, 0.5]
    )
    # MAE: (1 + 5) / (1 + 10)
    assert relative_score(y_true, y_pred, naive, metric="mae") == pytest.approx(6 / 11)


def test_relative_score_zero_baseline_names_series():
    from skrnn.metrics import relative_score

    y_true = {"a": [1.0, 2.0], "b": [3.0, 3.0]}
    baseline = {"a": [1.0, 1.0], "b": [3.0, 3.0]}
    with pytest.raises(
        ValueError, match=r"baseline's mae is zero for the series \['b'\]"
    ):
        relative_score(y_true, baseline, baseline, metric="mae", per_series=True)
    with pytest.raises(ValueError, match=r"baseline's smape is zero"):
        relative_score([1.0], [2.0], [1.0], metric="smape")


def test_relative_score_bad_arguments():
    from skrnn.metrics import relative_score

    with pytest.raises(ValueError, match=r"metric must be one of .*got 'mape'"):
        relative_score([1.0], [2.0], [3.0], metric="mape")
    with pytest.raises(ValueError, match=r"metric='rmsse' needs y_train"):
        relative_score([1.0], [2.0], [3.0], metric="rmsse")
    with pytest.raises(ValueError, match=r"y_true and y_baseline must have the same"):
        relative_score([1.0, 2.0], [2.0, 2.0], [3.0], metric="mae")


def test_owa_follows_m4():
    from skrnn.metrics import owa

    y_train = [[1.0, 2.0, 4.0], [0.0, 10.0, 0.0]]
    y_true = np.array([[5.0, 5.0], [1.0, 1.0]])
    y_pred = np.array([[4.0, 4.0], [2.0, 2.0]])
    naive = np.array([[4.0, 6.0], [0.0, 0.0]])
    smape_pred = (200 / 9 + 200 / 3) / 2
    smape_naive = ((200 / 9 + 200 / 11) / 2 + 200) / 2
    mase_pred = (1 / 1.5 + 1 / 10) / 2
    mase_naive = (1 / 1.5 + 1 / 10) / 2
    expected = (smape_pred / smape_naive + mase_pred / mase_naive) / 2
    assert owa(y_true, y_pred, y_train, naive) == pytest.approx(expected)
    assert owa(y_true, naive, y_train, naive) == pytest.approx(1.0)


# --------------------------------------------------------------------------- #
# Competition metrics: bad input
# --------------------------------------------------------------------------- #


def test_zero_scale_raises_naming_the_series():
    from skrnn.metrics import forecast_scores, mase, rmsse

    y_train = {"flat": [5.0, 5.0, 5.0], "ok": [1.0, 2.0, 3.0]}
    y_true = {"flat": [5.0], "ok": [4.0]}
    with pytest.raises(
        ValueError, match=r"MASE is undefined for the series \['flat'\]"
    ):
        mase(y_true, y_true, y_train)
    with pytest.raises(ValueError, match=r"RMSSE is undefined .*\['flat'\]"):
        rmsse(y_true, y_true, y_train)
    with pytest.raises(ValueError, match=r"zero"):
        forecast_scores(y_true, y_true, y_train)
    # constant at the seasonal lag only
    season = [1.0, 2.0, 1.0, 2.0, 1.0, 2.0]
    assert mase([1.0], [2.0], season, m=1) == pytest.approx(1.0)
    with pytest.raises(ValueError, match=r"series \[0\] .*at lag m=2 is zero"):
        mase([1.0], [2.0], season, m=2)


def test_shape_mismatch_names_both_shapes():
    from skrnn.metrics import mase, smape

    with pytest.raises(
        ValueError,
        match=r"y_true and y_pred must have the same shape, got y_true \(3,\) and "
        r"y_pred \(2,\)",
    ):
        smape([1.0, 2.0, 3.0], [1.0, 2.0])
    with pytest.raises(ValueError, match=r"y_true \(2, 3\) and y_pred \(3, 2\)"):
        mase(np.ones((2, 3)), np.ones((3, 2)), [[1.0, 2.0], [1.0, 2.0]])
    with pytest.raises(
        ValueError,
        match=r"y_true must have shape \(horizon,\) .*"
        r"got shape \(1, 1, 1\)",
    ):
        smape(np.ones((1, 1, 1)), np.ones((1, 1, 1)))
    with pytest.raises(ValueError, match=r"y_true is empty"):
        smape([], [])


def test_nan_and_text_are_named():
    from skrnn.metrics import mase, smape

    with pytest.raises(
        ValueError,
        match=r"y_pred must hold finite numbers, got nan in series 1 "
        r"at position 0",
    ):
        smape([[1.0], [2.0]], [[1.0], [np.nan]])
    with pytest.raises(ValueError, match=r"y_true\['b'\] must hold finite numbers"):
        smape({"a": [1.0], "b": [np.inf]}, {"a": [1.0], "b": [1.0]})
    with pytest.raises(
        ValueError,
        match=r"y_train\[0\] must hold finite numbers, "
        r"got nan at position 1",
    ):
        mase([1.0], [1.0], [1.0, np.nan, 2.0])
    with pytest.raises(ValueError, match=r"y_true must hold numbers"):
        smape(["a"], [1.0])
    with pytest.raises(ValueError, match=r"rows of different lengths"):
        smape([[1.0, 2.0], [1.0]], [[1.0, 2.0], [1.0]])


def test_training_series_checks():
    from skrnn.metrics import mase

    with pytest.raises(ValueError, match=r"y_true has 2 series, y_train has 1"):
        mase([[1.0], [2.0]], [[1.0], [2.0]], [[1.0, 2.0, 3.0]])
    with pytest.raises(
        ValueError, match=r"y_train\[1\] has 2 values; .*lag m=2 needs at least .* 3"
    ):
        mase([[1.0], [2.0]], [[1.0], [2.0]], [[1.0, 2.0, 3.0], [1.0, 2.0]], m=2)
    with pytest.raises(ValueError, match=r"y_train has no series for the ids \['b'\]"):
        mase({"a": [1.0], "b": [2.0]}, {"a": [1.0], "b": [2.0]}, {"a": [1.0, 2.0]})
    with pytest.raises(TypeError, match=r"y_train as a DataFrame is ambiguous"):
        mase([1.0], [1.0], pd.DataFrame({"x": [1.0, 2.0]}))
    with pytest.raises(ValueError, match=r"m must be"):
        mase([1.0], [1.0], [1.0, 2.0], m=0)
    with pytest.raises(ValueError, match=r"ids must have one id per series, 2, got 1"):
        from skrnn.metrics import forecast_scores

        forecast_scores([[1.0], [2.0]], [[1.0], [2.0]], [[1.0, 2.0]] * 2, ids=["a"])
    with pytest.raises(ValueError, match=r"leave ids=None"):
        forecast_scores({"a": [1.0]}, {"a": [1.0]}, {"a": [1.0, 2.0]}, ids=["b"])


# --------------------------------------------------------------------------- #
# Scorers on windows
# --------------------------------------------------------------------------- #

WINDOWS = np.array([[1.0, 2.0, 4.0], [0.0, 2.0, 0.0]])
TARGETS = np.array([[5.0, 6.0], [1.0, 1.0]])


def _last_value_model(X, y):
    from skrnn.models import NaiveRegressor

    return NaiveRegressor().fit(X, y)


def _loop_window_mase(X, y, y_pred, m):
    """Mean over windows of MASE scaled by the window's own lag-m differences."""
    total = 0.0
    for i in range(len(X)):
        scale = sum(abs(X[i][t] - X[i][t - m]) for t in range(m, len(X[i])))
        scale /= len(X[i]) - m
        err = sum(abs(a - f) for a, f in zip(y[i], y_pred[i], strict=True))
        total += err / len(y[i]) / scale
    return total / len(X)


def test_mase_scorer_known_values():
    from skrnn.metrics import mase_scorer

    model = _last_value_model(WINDOWS, TARGETS)  # forecasts 4, 4 and 0, 0
    # window 0: MAE 1.5 / scale (1 + 2) / 2; window 1: MAE 1 / scale (2 + 2) / 2
    assert mase_scorer()(model, WINDOWS, TARGETS) == pytest.approx(-(1.0 + 0.5) / 2)
    # one scale for the fold: mean of 1, 2, 2, 2; mean error (1.5 + 1) / 2
    fold = mase_scorer(scale="fold")(model, WINDOWS, TARGETS)
    assert fold == pytest.approx(-1.25 / 1.75)
    # lag 2: differences 4 - 1 = 3 and 0 - 0 = 0 -> window 1 has no scale
    with pytest.raises(ValueError, match=r"windows \[1\] of X .*lag m=2 is zero"):
        mase_scorer(m=2)(model, WINDOWS, TARGETS)
    assert mase_scorer(m=2, scale="fold")(model, WINDOWS, TARGETS) == pytest.approx(
        -1.25 / 1.5
    )
    # weights: window 0 only
    assert mase_scorer().score(
        WINDOWS, TARGETS, model.predict(WINDOWS), sample_weight=[1.0, 0.0]
    ) == pytest.approx(1.0)


def test_mase_scorer_one_step_targets():
    from skrnn.metrics import mase_scorer

    y = TARGETS[:, 0]
    model = _last_value_model(WINDOWS, y)
    assert mase_scorer()(model, WINDOWS, y) == pytest.approx(-(1 / 1.5 + 1 / 2) / 2)
    # a (n, 1) prediction for a (n,) target is accepted
    assert mase_scorer().score(WINDOWS, y, y[:, None] + 1) == pytest.approx(
        (1 / 1.5 + 1 / 2) / 2
    )


def test_rmsse_scorer_known_values():
    from skrnn.metrics import rmsse_scorer

    model = _last_value_model(WINDOWS, TARGETS)
    # window 0: sqrt(((1 + 4) / 2) / ((1 + 4) / 2)) = 1; window 1: sqrt(1 / 4)
    assert rmsse_scorer()(model, WINDOWS, TARGETS) == pytest.approx(-0.75)
    assert rmsse_scorer(scale="fold")(model, WINDOWS, TARGETS) == pytest.approx(
        -((1.75 / 3.25) ** 0.5)
    )


def test_scorers_on_3d_windows_use_the_target_column(rng):
    from skrnn.metrics import mase_scorer
    from skrnn.models import NaiveRegressor

    X3 = np.stack([rng.normal(size=WINDOWS.shape), WINDOWS], axis=2)
    model = NaiveRegressor(target_index=1).fit(X3, TARGETS)
    assert mase_scorer(target=1)(model, X3, TARGETS) == pytest.approx(-0.75)
    with pytest.raises(
        ValueError,
        match=r"X has 2 features per time step; pass "
        r"mase_scorer\(target=...\)",
    ):
        mase_scorer()(model, X3, TARGETS)
    with pytest.raises(
        ValueError,
        match=r"target must be a column of X, between 0 "
        r"and 1, got 2",
    ):
        mase_scorer(target=2)(model, X3, TARGETS)
    one = _last_value_model(WINDOWS[:, :, None], TARGETS)
    assert mase_scorer()(one, WINDOWS[:, :, None], TARGETS) == pytest.approx(-0.75)


def test_window_scorers_bad_input():
    from skrnn.metrics import mase_scorer, rmsse_scorer

    model = _last_value_model(WINDOWS, TARGETS)
    with pytest.raises(
        ValueError,
        match=r"mase_scorer\(m=3\) needs windows longer "
        r"than m .*got window_length 3",
    ):
        mase_scorer(m=3)(model, WINDOWS, TARGETS)
    with pytest.raises(ValueError, match=r"scale must be one of \['window', 'fold'\]"):
        rmsse_scorer(scale="series")
    with pytest.raises(ValueError, match=r"m must be"):
        mase_scorer(m=0)
    with pytest.raises(TypeError, match=r"target must be an int or None"):
        mase_scorer(target="rail")
    with pytest.raises(ValueError, match=r"y must have shape \(2,\) or \(2, horizon\)"):
        mase_scorer().score(WINDOWS, np.ones(3), np.ones(3))
    with pytest.raises(ValueError, match=r"predictions must have the shape of y"):
        mase_scorer().score(WINDOWS, TARGETS, np.ones((2, 3)))
    with pytest.raises(ValueError, match=r"y must hold finite"):
        mase_scorer().score(WINDOWS, [[1.0, np.nan], [1.0, 1.0]], TARGETS)
    with pytest.raises(ValueError, match=r"X must hold finite"):
        mase_scorer().score(np.full((2, 3), np.nan), TARGETS, TARGETS)
    with pytest.raises(ValueError, match=r"X must be windows of shape"):
        mase_scorer().score(np.ones(3), TARGETS, TARGETS)
    assert repr(mase_scorer(m=7)) == "mase_scorer(m=7, target=None, scale='window')"


def test_smape_scorer_is_negated_smape():
    from skrnn.metrics import smape, smape_scorer

    model = _last_value_model(WINDOWS, TARGETS)
    expected = smape(TARGETS, model.predict(WINDOWS))
    assert smape_scorer(model, WINDOWS, TARGETS) == pytest.approx(-expected)
    # forecasts 4, 4 and 0, 0: 200 * (1 / 9 + 2 / 10 + 1 / 1 + 1 / 1) / 4
    assert expected == pytest.approx(200 * (1 / 9 + 2 / 10 + 1 + 1) / 4)


def test_mase_scorer_in_grid_search_picks_seasonal_naive():
    from sklearn.model_selection import GridSearchCV, TimeSeriesSplit

    from skrnn import make_windows
    from skrnn.metrics import mase_scorer
    from skrnn.models import NaiveRegressor

    t = np.arange(200.0)
    series = 0.1 * t + np.sin(2 * np.pi * t / 7)
    X, y = make_windows(series, 14, horizon=3)
    assert X.ndim == 3
    search = GridSearchCV(
        NaiveRegressor(),
        {"lag": [1, 7]},
        cv=TimeSeriesSplit(3),
        scoring=mase_scorer(m=7),
        error_score="raise",
    )
    search.fit(X, y)
    assert search.best_params_ == {"lag": 7}
    # seasonal naive misses by 7 * 0.1 at every step; every lag-7 difference
    # of a window is 7 * 0.1 too
    assert search.best_score_ == pytest.approx(-1.0)
    assert search.cv_results_["mean_test_score"][0] < -1.0


def test_mase_scorer_in_grid_search_matches_loop(rng):
    from sklearn.linear_model import Ridge
    from sklearn.model_selection import GridSearchCV, TimeSeriesSplit

    from skrnn.metrics import mase_scorer, smape_scorer

    t = np.arange(160.0)
    series = 10 + np.sin(2 * np.pi * t / 7) + rng.normal(0, 0.3, t.size)
    X = np.lib.stride_tricks.sliding_window_view(series[:-2], 10)
    y = np.stack([series[i + 10 : i + 12] for i in range(len(X))])
    cv = TimeSeriesSplit(3)
    search = GridSearchCV(
        Ridge(),
        {"alpha": [0.01, 100.0]},
        cv=cv,
        scoring={"mase": mase_scorer(m=7), "smape": smape_scorer},
        refit="mase",
        error_score="raise",
    )
    search.fit(X, y)
    for split, (train, test) in enumerate(cv.split(X)):
        for j, alpha in enumerate([0.01, 100.0]):
            pred = Ridge(alpha=alpha).fit(X[train], y[train]).predict(X[test])
            expected = _loop_window_mase(X[test], y[test], pred, 7)
            got = search.cv_results_[f"split{split}_test_mase"][j]
            assert got == pytest.approx(-expected)
    assert np.all(search.cv_results_["mean_test_smape"] < 0)


def test_window_scorer_pickles():
    import pickle

    from skrnn.metrics import mase_scorer

    scorer = pickle.loads(pickle.dumps(mase_scorer(m=2, scale="fold")))
    model = _last_value_model(WINDOWS, TARGETS)
    assert scorer(model, WINDOWS, TARGETS) == pytest.approx(-1.25 / 1.5)
