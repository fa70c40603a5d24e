"""Quantile (pinball-loss) outputs of the Keras window regressors (``quantiles``).

Several quantiles from one network that never cross, ``predict`` = the middle
quantile, ``predict_quantiles`` with ``window_norm``/``differences`` and
direct targets, calibrated coverage on a noisy series, bad ``quantiles``
refused, pickling.
"""

from __future__ import annotations

import pickle
import warnings

import numpy as np
import pytest
from sklearn.base import clone
from sklearn.utils._param_validation import InvalidParameterError
from sklearn.utils.estimator_checks import parametrize_with_checks

from skrnn import WindowForecaster, make_windows
from skrnn.models import DenseRegressor, GRURegressor, LSTMRegressor, load_model
from skrnn.models._conv import ConvGRURegressor, WaveNetRegressor
from skrnn.models._quantile import (
    MonotoneQuantiles,
    PinballLoss,
    check_quantiles,
    median_index,
    monotone_quantiles,
)

LEVELS = (0.1, 0.5, 0.9)


@pytest.fixture(scope="module")
def noisy_sine():
    """400 steps of a sine plus gaussian noise (sd 0.3), windows of 16."""
    rng = np.random.RandomState(0)
    series = np.sin(np.arange(400) / 8) + 0.3 * rng.randn(400)
    return make_windows(series, window_length=16)


@pytest.fixture(scope="module")
def walk():
    rng = np.random.RandomState(1)
    return np.cumsum(rng.randn(200)) + np.sin(np.arange(200) / 5)


#: the checks a float32, mini-batch network fails (as in tests/test_common.py)
EXPECTED_FAILURES = {
    "check_estimator_tags_renamed": "scikeras' BaseWrapper defines _more_tags",
    "check_methods_subset_invariance": "float32: last-bit differences",
    "check_methods_sample_order_invariance": "float32: last-bit differences",
    "check_sample_weight_equivalence_on_dense_data": "mini-batch SGD",
}


def _ordered(q: np.ndarray) -> bool:
    return bool(np.all(np.diff(q, axis=-1) >= 0))


# -- the monotone parametrisation and the loss ------------------------------


@pytest.mark.parametrize("middle", [0, 2, 4])
def test_monotone_quantiles_never_cross_on_random_inputs(middle):
    raw = np.random.RandomState(middle).randn(1000, 3, 5).astype("float32") * 20
    q = np.asarray(monotone_quantiles(raw, middle))
    assert q.shape == raw.shape
    assert _ordered(q)
    np.testing.assert_array_equal(q[..., middle], raw[..., middle])


def test_monotone_layer_round_trips_its_config():
    layer = MonotoneQuantiles(1, name="q")
    again = MonotoneQuantiles.from_config(layer.get_config())
    assert again.middle == 1


def test_pinball_loss_values():
    loss = PinballLoss([0.1, 0.9])
    y_true = np.array([1.0, 0.0], dtype="float32")
    y_pred = np.array([[0.0, 0.0], [0.0, 2.0]], dtype="float32")
    # window 0: under by 1 at both -> (0.1 + 0.9) / 2; window 1: over by 2 at 0.9
    # -> 0.1 * 2 / 2 = 0.1; mean over windows 0.3
    assert float(loss(y_true, y_pred)) == pytest.approx(0.3)
    weighted = loss(y_true, y_pred, sample_weight=np.array([0.0, 1.0]))
    assert float(weighted) == pytest.approx(0.05)
    assert PinballLoss.from_config(loss.get_config()).quantiles == [0.1, 0.9]


def test_median_index():
    assert median_index(LEVELS) == 1
    assert median_index((0.05, 0.95)) == 0  # a tie: the lower level
    assert median_index((0.6, 0.7, 0.8)) == 0


# -- estimators ----------------------------------------------------------------


@pytest.mark.parametrize(
    "model",
    [
        DenseRegressor(epochs=1),
        GRURegressor((4,), epochs=1),
        LSTMRegressor((4,), epochs=1),
        ConvGRURegressor((4,), filters=2, epochs=1),
        WaveNetRegressor(filters=2, n_layers=2, n_blocks=1, epochs=1),
    ],
    ids=lambda m: type(m).__name__,
)
def test_every_keras_regressor_has_quantiles(model, walk):
    assert model.get_params()["quantiles"] is None
    assert "quantiles" in type(model)._parameter_constraints
    assert "quantiles : array-like of float or None" in type(model).__doc__
    X, Y = make_windows(walk, window_length=8, horizon=2)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # WaveNet's receptive field
        model = clone(model).set_params(quantiles=LEVELS).fit(X, Y)
    q = model.predict_quantiles(X[:5])
    assert q.shape == (5, 2, 3)
    assert _ordered(q)
    np.testing.assert_array_equal(q[..., 1], model.predict(X[:5]))


def test_untrained_network_quantiles_do_not_cross(walk):
    X, y = make_windows(walk, window_length=8)
    model = DenseRegressor((8,), quantiles=(0.05, 0.2, 0.5, 0.8, 0.95), epochs=1)
    model.set_params(learning_rate=1e-12).fit(X, y)  # weights as initialised
    rng = np.random.RandomState(0)
    for scale in (1.0, 1e3):
        q = model.predict_quantiles(rng.randn(200, 8, 1) * scale)
        assert q.shape == (200, 5)
        assert _ordered(q)


def test_coverage_of_the_80_percent_band(noisy_sine):
    X, y = noisy_sine
    n_train = int(0.7 * len(X))
    held_out = slice(n_train + 16, None)  # no time step on both sides
    model = DenseRegressor((16,), quantiles=LEVELS, epochs=40, random_state=0)
    model.fit(X[:n_train], y[:n_train])
    q = model.predict_quantiles(X[held_out])
    coverage = np.mean((y[held_out] >= q[:, 0]) & (y[held_out] <= q[:, 2]))
    assert 0.65 <= coverage <= 0.95, coverage
    assert _ordered(q)
    # the band is about 2 * 1.28 * sd(noise) = 0.77 wide, not degenerate
    assert 0.4 < np.mean(q[:, 2] - q[:, 0]) < 1.2
    np.testing.assert_array_equal(q[:, 1], model.predict(X[held_out]))


@pytest.mark.parametrize(
    "settings",
    [
        {"window_norm": "standard"},
        {"differences": (1,)},
        {"differences": (1,), "window_norm": "last"},
    ],
    ids=str,
)
@pytest.mark.parametrize("horizon", [1, 3])
def test_window_norm_and_differences_undone_on_each_quantile(settings, horizon, walk):
    X, Y = make_windows(walk, window_length=10, horizon=horizon)
    model = DenseRegressor(quantiles=LEVELS, epochs=2, random_state=0, **settings)
    model.fit(X, Y)
    q = model.predict_quantiles(X)
    assert q.shape == (*Y.shape, 3)
    assert _ordered(q)
    np.testing.assert_array_equal(q[..., 1], model.predict(X))
    # in the series' units: the point forecast is near the last window value
    assert np.median(np.abs(q[..., 1].reshape(len(X), -1)[:, 0] - X[:, -1, 0])) < 5


def test_several_target_columns(walk):
    X, _ = make_windows(np.c_[walk, walk[::-1]], window_length=6)
    y = X[:, -1, :] + 0.1
    model = GRURegressor((4,), quantiles=(0.25, 0.75), epochs=1, random_state=0)
    model.set_params(target_index=[0, 1], window_norm="last").fit(X, y)
    q = model.predict_quantiles(X[:4])
    assert q.shape == (4, 2, 2)
    assert _ordered(q)
    np.testing.assert_array_equal(q[..., 0], model.predict(X[:4]))


def test_point_forecaster_with_quantile_network(walk):
    model = DenseRegressor(quantiles=LEVELS, epochs=2, random_state=0)
    forecaster = WindowForecaster(model, window_length=8, horizon=3).fit(walk)
    forecast = np.asarray(forecaster.predict())
    assert forecast.shape == (3,)
    assert np.all(np.isfinite(forecast))


def test_sample_weight_with_quantiles(walk):
    X, y = make_windows(walk, window_length=8)
    model = DenseRegressor(quantiles=LEVELS, epochs=1, random_state=0)
    model.fit(X, y, sample_weight=np.linspace(0.5, 1.0, len(X)))
    assert _ordered(model.predict_quantiles(X))


def test_pickle_round_trip_keeps_predict_quantiles(walk):
    X, Y = make_windows(walk, window_length=8, horizon=2)
    model = DenseRegressor(quantiles=LEVELS, epochs=2, random_state=0, differences=1)
    model.fit(X, Y)
    again = pickle.loads(pickle.dumps(model))
    np.testing.assert_array_equal(
        again.predict_quantiles(X), model.predict_quantiles(X)
    )
    np.testing.assert_array_equal(again.predict(X), model.predict(X))
    again.partial_fit(X, Y)  # the pinball loss came back with the network
    assert _ordered(again.predict_quantiles(X))


def test_save_and_load_keep_predict_quantiles(walk, tmp_path):
    X, y = make_windows(walk, window_length=8)
    model = DenseRegressor(quantiles=LEVELS, epochs=1, random_state=0)
    model.set_params(window_norm="last").fit(X, y)
    model.save(tmp_path / "model.skrnn")
    loaded = load_model(tmp_path / "model.skrnn")
    np.testing.assert_allclose(
        loaded.predict_quantiles(X), model.predict_quantiles(X), rtol=1e-6
    )


@pytest.mark.slow
@parametrize_with_checks(
    [DenseRegressor(quantiles=LEVELS, epochs=1, batch_size=16, random_state=0)],
    expected_failed_checks=lambda estimator: EXPECTED_FAILURES,
)
def test_sklearn_compatible_with_quantiles(estimator, check):
    check(estimator)


# -- refused -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("quantiles", "message"),
    [
        ((0.9, 0.1), r"quantiles=\[0.9, 0.1\]; the levels must be sorted"),
        ((0.1, 0.5, 0.5), r"quantiles=\[0.1, 0.5, 0.5\]; .*no duplicates"),
        ((0.0, 0.5), r"quantiles=\[0.0, 0.5\]; every level must lie strictly"),
        ((0.5, 1), r"\[1\] does not"),
        ((-0.1, 0.5), r"\[-0.1\] does not"),
        ((float("nan"),), r"\[nan\] does not"),
        ((), r"quantiles=\[\]; expected at least one level"),
        ([[0.1, 0.9]], r"expected a flat sequence"),
        (("a", 0.5), r"expected numbers in \(0, 1\).*\['a'\] is not a number"),
        ((True, 0.5), r"\[True\] is not a number"),
    ],
)
def test_bad_quantiles_refused(quantiles, message, walk):
    X, y = make_windows(walk, window_length=8)
    model = DenseRegressor(quantiles=quantiles, epochs=1)
    with pytest.raises(ValueError, match=message) as error:
        model.fit(X, y)
    assert str(error.value).startswith("DenseRegressor got quantiles=")
    assert not model.initialized_


@pytest.mark.parametrize("quantiles", [0.5, "0.5"])
def test_scalar_quantiles_refused(quantiles, walk):
    X, y = make_windows(walk, window_length=8)
    with pytest.raises(InvalidParameterError, match="'quantiles' parameter"):
        DenseRegressor(quantiles=quantiles, epochs=1).fit(X, y)


def test_check_quantiles():
    assert check_quantiles(None) is None
    np.testing.assert_array_equal(check_quantiles(np.array([0.2, 0.4])), [0.2, 0.4])
    with pytest.raises(ValueError, match="Model got quantiles=0.5; expected a"):
        check_quantiles(0.5, owner="Model")


@pytest.mark.parametrize("loss", ["mse", "huber", lambda t, p: (t - p) ** 2])
def test_conflicting_loss_refused(loss, walk):
    X, y = make_windows(walk, window_length=8)
    model = DenseRegressor(quantiles=LEVELS, loss=loss, epochs=1)
    with pytest.raises(ValueError, match="pinball loss.*loss must be left at its"):
        model.fit(X, y)


def test_seq2seq_refused(walk):
    X, Y = make_windows(walk, window_length=8, horizon=2, seq2seq=True)
    model = GRURegressor((4,), quantiles=LEVELS, epochs=1)
    with pytest.raises(ValueError, match="quantiles=.*does not support seq2seq"):
        model.fit(X, Y)


def test_predict_quantiles_needs_quantiles(walk):
    X, y = make_windows(walk, window_length=8)
    model = DenseRegressor(epochs=1, random_state=0).fit(X, y)
    with pytest.raises(ValueError, match="fitted with quantiles=None"):
        model.predict_quantiles(X)
