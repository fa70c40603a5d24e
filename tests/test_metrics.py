from __future__ import annotations

import os
import subprocess
import sys

import numpy as np
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
