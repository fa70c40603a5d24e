"""Reliability of the Keras models (issue 17, items 4, 5, 9, 10 and 15).

* a fit that fails or is interrupted leaves the previous fitted state intact,
  or the estimator cleanly unfitted (item 4);
* ``validation_data`` is checked like the training data (item 5);
* float32 casts that would lose data are refused (item 9);
* windows of another length are reported in time steps (item 10);
* ``save``/``load`` round-trip the whole estimator (item 15).

The bad-input messages themselves are in ``tests/test_bad_inputs_keras.py``.
"""

from __future__ import annotations

import json
import warnings
import zipfile

import keras
import numpy as np
import pytest
from sklearn.exceptions import NotFittedError
from sklearn.utils.validation import check_is_fitted

from skrnn.models import (
    ConvGRURegressor,
    DenseRegressor,
    GRURegressor,
    LSTMRegressor,
    RNNClassifier,
    WaveNetRegressor,
    load_model,
    save_model,
)

RNG = np.random.RandomState(0)
SERIES = np.sin(np.arange(60) / 3.0) + 0.05 * RNG.randn(60) + 2.0
X = np.lib.stride_tricks.sliding_window_view(SERIES[:-1], 8).copy()  # (52, 8)
Y = SERIES[8:].copy()
LABELS = (Y.mean() < Y).astype(int)


class Raise(keras.callbacks.Callback):
    """Raise ``error`` at the end of epoch ``at`` (training has changed the
    weights by then)."""

    def __init__(self, error, at=0):
        super().__init__()
        self.error, self.at = error, at

    def on_epoch_end(self, epoch, logs=None):
        if epoch >= self.at:
            raise self.error


def _regressor(**params):
    return LSTMRegressor((3,), epochs=2, batch_size=16, random_state=0, **params)


def _classifier(**params):
    return RNNClassifier((3,), epochs=2, batch_size=16, random_state=0, **params)


MAKERS, MAKER_IDS = [_regressor, _classifier], ["LSTM", "RNNClassifier"]


def _fitted_state(estimator):
    return {
        name: value
        for name, value in vars(estimator).items()
        if name.endswith("_") and not name.startswith("_")
    }


# -- item 4: a failed or interrupted fit changes nothing ------------------------


@pytest.mark.parametrize("error", [KeyboardInterrupt(), RuntimeError("boom")])
@pytest.mark.parametrize(
    "make", [_regressor, _classifier], ids=["LSTM", "RNNClassifier"]
)
def test_interrupted_first_fit_leaves_the_estimator_unfitted(make, error):
    model = make(callbacks=[Raise(error)])
    target = Y if make is _regressor else LABELS
    with pytest.raises(type(error)):
        model.fit(X, target)
    with pytest.raises(NotFittedError):
        check_is_fitted(model)
    with pytest.raises(NotFittedError):
        model.predict(X)
    assert _fitted_state(model) == {}
    # and it fits normally afterwards
    model.set_params(callbacks=None)
    assert model.fit(X, target).predict(X).shape == (len(X),)


@pytest.mark.parametrize("error", [KeyboardInterrupt(), ValueError("bad")])
def test_failed_refit_keeps_the_previous_fit(error):
    model = _regressor().fit(X, Y)
    before = _fitted_state(model)
    history = {key: list(values) for key, values in model.history_.items()}
    predictions = model.predict(X)
    model.set_params(callbacks=[Raise(error)], epochs=3)
    with pytest.raises(type(error)):
        model.fit(X[:, 2:], Y)  # other windows: new shapes, a new network
    after = _fitted_state(model)
    assert after.keys() == before.keys()
    # the same objects back (history_ as an equal copy: fit extends it in place)
    assert all(after[name] is before[name] for name in before if name != "history_")
    assert model.window_length_ == 8
    assert {key: list(values) for key, values in model.history_.items()} == history
    np.testing.assert_array_equal(model.predict(X), predictions)


@pytest.mark.parametrize("how", ["warm_start", "partial_fit"])
def test_failed_warm_fit_restores_weights_optimizer_and_history(how):
    model = _regressor().fit(X, Y)
    weights = [w.copy() for w in model.model_.get_weights()]
    optimizer = [np.array(v) for v in model.model_.optimizer.variables]
    history = {key: list(values) for key, values in model.history_.items()}
    predictions = model.predict(X)
    network = model.model_
    model.set_params(callbacks=[Raise(KeyboardInterrupt())], warm_start=True)
    with pytest.raises(KeyboardInterrupt):
        if how == "warm_start":
            model.fit(X, Y)
        else:
            model.partial_fit(X, Y)
    assert model.model_ is network
    for saved, now in zip(weights, model.model_.get_weights(), strict=True):
        np.testing.assert_array_equal(saved, now)
    for saved, now in zip(optimizer, model.model_.optimizer.variables, strict=True):
        np.testing.assert_array_equal(saved, np.array(now))
    assert {key: list(values) for key, values in model.history_.items()} == history
    assert model.current_epoch == 2
    np.testing.assert_array_equal(model.predict(X), predictions)


def test_error_inside_the_architecture_check_keeps_the_previous_fit():
    # not a callback: kernel_size=4 does not fit windows of 3 steps
    model = ConvGRURegressor(
        (3,), filters=4, kernel_size=4, strides=1, epochs=1, random_state=0
    ).fit(X, Y)
    predictions = model.predict(X)
    with pytest.raises(ValueError, match="kernel_size=4 is longer than the windows"):
        model.fit(X[:, :3], Y)
    assert model.window_length_ == 8
    np.testing.assert_array_equal(model.predict(X), predictions)


def test_failed_classifier_refit_keeps_its_classes():
    model = _classifier().fit(X, LABELS)
    proba = model.predict_proba(X)
    model.set_params(callbacks=[Raise(RuntimeError("stop"))])
    with pytest.raises(RuntimeError):
        model.fit(X, np.where(LABELS == 1, "b", "a"))
    assert model.classes_.tolist() == [0, 1]
    np.testing.assert_array_equal(model.predict_proba(X), proba)


def test_callbacks_set_between_warm_fits_take_effect():
    model = _regressor(warm_start=True).fit(X, Y)
    model.set_params(callbacks=[Raise(RuntimeError("seen"))])
    with pytest.raises(RuntimeError, match="seen"):
        model.fit(X, Y)


# -- item 5: validation_data is checked like the training data --------------------


def test_validation_data_of_another_target_layout_is_refused():
    with pytest.raises(
        ValueError,
        match=r"validation_data targets y_val have shape \(10, 3\), but "
        r"LSTMRegressor was fitted on targets y of shape \(n_windows,\): expected "
        r"y_val of shape \(10,\)",
    ):
        _regressor().fit(X, Y, validation_data=(X[:10], np.ones((10, 3))))


def test_validation_data_with_nan_is_refused_before_training():
    model = _regressor(early_stopping=True, patience=1)
    with pytest.raises(ValueError, match=r"validation_data y_val contains NaN"):
        model.fit(X, Y, validation_data=(X[:10], np.r_[Y[:9], np.nan]))
    with pytest.raises(NotFittedError):
        check_is_fitted(model)


def test_valid_validation_data_is_used_with_window_norm_and_differences():
    model = GRURegressor(
        (3,), epochs=2, random_state=0, window_norm="last", differences=1
    ).fit(X[:40], Y[:40], validation_data=(X[40:], Y[40:]))
    assert len(model.history_["val_loss"]) == 2


def test_classifier_validation_data_is_checked():
    with pytest.raises(ValueError, match=r"validation_data y_val has label\(s\) \[5\]"):
        _classifier().fit(X, LABELS, validation_data=(X[:5], np.full(5, 5)))
    with pytest.raises(ValueError, match=r"validation_data \(X_val, y_val\): Input X"):
        _classifier().fit(
            X, LABELS, validation_data=(np.full((5, 8), np.nan), LABELS[:5])
        )


# -- item 6: sample weights -----------------------------------------------------


@pytest.mark.parametrize(
    "make", [_regressor, _classifier], ids=["LSTM", "RNNClassifier"]
)
def test_negative_sample_weight_is_refused_and_leaves_no_fit(make):
    model = make()
    target = Y if make is _regressor else LABELS
    weights = np.ones(len(X))
    weights[5] = -2.0
    with pytest.raises(
        ValueError,
        match=r"sample_weight must be non-negative, one weight >= 0 per window; got 1 "
        r"negative weight\(s\), the first -2 at position 5",
    ):
        model.fit(X, target, sample_weight=weights)
    with pytest.raises(NotFittedError):
        check_is_fitted(model)
    assert weights[5] == -2.0  # the caller's array untouched


# -- item 9: float32 ---------------------------------------------------------------


def test_targets_that_lose_precision_in_float32_are_refused():
    with pytest.raises(ValueError, match=r"y loses precision in float32.*differenc"):
        DenseRegressor((), epochs=1).fit(X, 1e8 + np.arange(len(X), dtype=float))
    # the same targets relative to their level are fine
    DenseRegressor((), epochs=1).fit(X, np.arange(len(X), dtype=float))


def test_windows_beyond_float32_are_named_as_such():
    windows = X.copy()
    windows[3, 4] = -1e40
    with pytest.raises(
        ValueError,
        match=r"X has 1 value\(s\) out of float32 range.*-1e\+40 at index "
        r"\(3, 4\)",
    ):
        DenseRegressor((), epochs=1).fit(windows, Y)


# -- item 10: windows of another length -------------------------------------------


def test_other_window_length_is_reported_in_time_steps():
    model = _regressor().fit(X, Y)
    with pytest.raises(ValueError) as info:
        model.predict(np.zeros((2, 12)))
    message = str(info.value)
    assert (
        "X has windows of 12 time steps with 1 feature, but LSTMRegressor was "
        "fitted on windows of 8 time steps with 1 feature" in message
    )


# -- item 15: save and load ---------------------------------------------------------


def test_save_load_reproduces_predict_with_window_norm_and_differences(tmp_path):
    model = GRURegressor(
        (4,), epochs=2, random_state=0, window_norm="mean", differences=1
    ).fit(X, Y)
    # the network alone (on differenced windows) does not reproduce predict
    network_only = keras.saving.load_model(_saved_network(model, tmp_path))
    assert not np.allclose(
        network_only.predict_on_batch(np.diff(X, axis=1)).ravel(), model.predict(X)
    )
    path = tmp_path / "gru.skrnn"
    model.save(path)
    loaded = load_model(path)
    assert type(loaded) is GRURegressor
    assert loaded.get_params() == model.get_params()
    np.testing.assert_array_equal(loaded.predict(X), model.predict(X))
    assert loaded.differences_ == model.differences_
    assert dict(loaded.history_) == dict(model.history_)
    # no pickle: the archive is a .keras file and JSON
    with zipfile.ZipFile(path) as archive:
        assert sorted(archive.namelist()) == ["estimator.json", "model.keras"]
        document = json.loads(archive.read("estimator.json"))
    assert document["format_version"] == 1
    assert document["class"] == "GRURegressor"
    assert document["keras_backend"] == keras.backend.backend()


def _saved_network(model, tmp_path):
    path = tmp_path / "network.keras"
    model.model_.save(path)
    return path


def test_loaded_estimator_trains_further(tmp_path):
    model = DenseRegressor((3,), epochs=1, random_state=0, differences=1).fit(X, Y)
    model.save(tmp_path / "m.skrnn")
    loaded = DenseRegressor.load(tmp_path / "m.skrnn")
    loaded.partial_fit(X, Y)
    assert len(loaded.history_["loss"]) == 2
    assert loaded.predict(X).shape == (len(X),)


@pytest.mark.filterwarnings("ignore::skrnn.models.ReceptiveFieldWarning")
def test_save_load_seq2seq_wavenet_and_classifier(tmp_path):
    Y_seq = np.stack([np.roll(X, -1, axis=1)[:, :, None]] * 2, axis=2)[:, :, :, 0]
    wavenet = WaveNetRegressor(filters=4, n_layers=2, n_blocks=1, epochs=1).fit(
        X, Y_seq
    )
    save_model(wavenet, tmp_path / "w.skrnn")
    np.testing.assert_array_equal(
        load_model(tmp_path / "w.skrnn").predict(X, return_sequences=True),
        wavenet.predict(X, return_sequences=True),
    )
    labels = np.where(LABELS == 1, "up", "down")
    classifier = _classifier().fit(X, labels)
    classifier.save(tmp_path / "c.skrnn")
    loaded = RNNClassifier.load(tmp_path / "c.skrnn")
    assert loaded.classes_.tolist() == ["down", "up"]
    np.testing.assert_array_equal(loaded.predict_proba(X), classifier.predict_proba(X))
    np.testing.assert_array_equal(loaded.predict(X), classifier.predict(X))


def test_python_object_parameters_are_named_and_not_saved(tmp_path):
    stop = keras.callbacks.TerminateOnNaN()
    model = DenseRegressor((), epochs=1, callbacks=[stop]).fit(X, Y)
    with pytest.warns(UserWarning, match=r"parameter\(s\) \['callbacks'\] are Python"):
        model.save(tmp_path / "m.skrnn")
    loaded = load_model(tmp_path / "m.skrnn")
    assert loaded.callbacks is None
    np.testing.assert_array_equal(loaded.predict(X), model.predict(X))


def test_load_refuses_other_archives(tmp_path):
    model = DenseRegressor((), epochs=1).fit(X, Y)
    model.save(tmp_path / "m.skrnn")
    with pytest.raises(TypeError, match=r"holds a DenseRegressor, not a GRURegressor"):
        GRURegressor.load(tmp_path / "m.skrnn")
    with zipfile.ZipFile(tmp_path / "m.skrnn") as archive:
        document = json.loads(archive.read("estimator.json"))
        network = archive.read("model.keras")
    document["format_version"] = 99
    with zipfile.ZipFile(tmp_path / "new.skrnn", "w") as archive:
        archive.writestr("model.keras", network)
        archive.writestr("estimator.json", json.dumps(document))
    with pytest.raises(ValueError, match=r"format_version 99; this skrnn reads"):
        load_model(tmp_path / "new.skrnn")
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        with pytest.raises(NotFittedError):
            DenseRegressor().save(tmp_path / "unfitted.skrnn")
