"""The window-regressor contract of skrnn's own regressors.

For each family (naive, SARIMA, Keras): the contract mixin is the leftmost
base, :meth:`window_settings` sets what each layout needs,
:attr:`differences_target` follows the differencing parameters,
:attr:`takes_validation_data` is right, and :meth:`predict_windows` gives
what ``predict`` gives; and ``skrnn.models`` reads no private name of
another module.
"""

from __future__ import annotations

import ast
from pathlib import Path

import numpy as np
import pytest
from numpy.lib.stride_tricks import sliding_window_view

from skrnn._contract import (
    DIRECT,
    LAYOUTS,
    ONE_STEP,
    SEQ2SEQ,
    WindowRegressorMixin,
    batch_predictor,
    configured_for_windows,
    differences_target,
    takes_validation_data,
)
from skrnn.models import (
    ConvGRURegressor,
    DenseRegressor,
    GRURegressor,
    LSTMRegressor,
    NaiveRegressor,
    SARIMARegressor,
    WaveNetRegressor,
)
from skrnn.models._base import BaseWindowRegressor

MODELS_DIR = Path(__file__).resolve().parent.parent / "skrnn" / "models"


def series(n=160, seed=0):
    rng = np.random.default_rng(seed)
    t = np.arange(n)
    return np.sin(t / 4) + 0.01 * t + 0.05 * rng.normal(size=n)


def windows(values, length, horizon=1, seq2seq=False):
    """Stride-1 windows of ``values`` and their targets."""
    blocks = sliding_window_view(values, length + horizon)
    X = blocks[:, :length].copy()
    if seq2seq:
        n = len(values) - length - horizon + 1
        Y = np.stack(
            [
                sliding_window_view(values[i + 1 : i + length + horizon], horizon)
                for i in range(n)
            ]
        )
        return X, Y
    Y = blocks[:, length:].copy()
    return X, (Y[:, 0] if horizon == 1 else Y)


@pytest.mark.parametrize("cls", [NaiveRegressor, SARIMARegressor, BaseWindowRegressor])
def test_contract_mixin_is_the_leftmost_base(cls):
    assert cls.__bases__[0] is WindowRegressorMixin


# -- naive -------------------------------------------------------------------


@pytest.mark.parametrize("layout", LAYOUTS)
def test_naive_window_settings(layout):
    model = NaiveRegressor(lag=7)
    assert model.window_settings(target_index=[1, 2], layout=layout) == {
        "target_index": [1, 2]
    }
    configured = configured_for_windows(model, target_index=2, layout=layout)
    assert configured.get_params() == {"lag": 7, "target_index": 2}
    assert not differences_target(model)
    assert not takes_validation_data(model)


@pytest.mark.parametrize(("horizon", "seq2seq"), [(1, False), (3, False), (3, True)])
def test_naive_predict_windows_equals_predict(horizon, seq2seq):
    X, Y = windows(series(), 14, horizon, seq2seq=seq2seq)
    model = NaiveRegressor(lag=7).fit(X, Y)
    assert batch_predictor(model) == model.predict_windows
    fast = model.predict_windows(X)
    if seq2seq:
        np.testing.assert_array_equal(fast, model.predict(X, return_sequences=True))
        np.testing.assert_array_equal(fast[:, -1], model.predict(X))
    else:
        np.testing.assert_array_equal(fast, model.predict(X))


def test_naive_predict_windows_multivariate_float32():
    rng = np.random.default_rng(1)
    X = rng.normal(size=(20, 8, 3))
    model = NaiveRegressor(lag=2, target_index=[2, 0]).fit(X, np.zeros((20, 4, 2)))
    fast = model.predict_windows(X.astype(np.float32))
    assert fast.dtype == np.float64
    np.testing.assert_allclose(fast, model.predict(X), rtol=1e-6)


# -- SARIMA ------------------------------------------------------------------


@pytest.mark.parametrize("layout", [ONE_STEP, DIRECT])
def test_sarima_window_settings(layout):
    model = SARIMARegressor()
    assert model.window_settings(target_index=1, layout=layout) == {"target_index": 1}
    assert (
        configured_for_windows(model, target_index=1, layout=layout).target_index == 1
    )
    assert not takes_validation_data(model)


def test_sarima_refuses_the_seq2seq_layout():
    with pytest.raises(ValueError, match="does not support the 'seq2seq' layout"):
        configured_for_windows(SARIMARegressor(), target_index=0, layout=SEQ2SEQ)


@pytest.mark.parametrize(
    ("order", "seasonal_order", "expected"),
    [
        ((1, 0, 0), (0, 0, 0, 0), False),
        ((1, 0, 1), (1, 0, 1, 7), False),
        ((0, 1, 0), (0, 0, 0, 0), True),
        ((1, 0, 0), (0, 1, 1, 7), True),
    ],
)
def test_sarima_differences_target(order, seasonal_order, expected):
    model = SARIMARegressor(order=order, seasonal_order=seasonal_order)
    assert model.differences_target is expected
    assert differences_target(model) is expected


def test_sarima_differences_target_checks_order():
    with pytest.raises(ValueError, match="order must be a tuple of 3"):
        SARIMARegressor(order=(1, 0)).differences_target


@pytest.mark.parametrize("refit", [False, True])
def test_sarima_predict_windows_equals_predict(refit):
    X, Y = windows(series(120), 20, horizon=2)
    model = SARIMARegressor(order=(1, 1, 0), refit=refit).fit(X, Y)
    assert batch_predictor(model) == model.predict_windows
    np.testing.assert_array_equal(model.predict_windows(X[:5]), model.predict(X[:5]))
    if not refit:  # a refit on float32 windows may stop at other estimates
        fast32 = model.predict_windows(X[:5].astype(np.float32))
        np.testing.assert_allclose(fast32, model.predict(X[:5]), rtol=1e-5, atol=1e-5)


# -- Keras -------------------------------------------------------------------


@pytest.mark.parametrize(
    "cls", [GRURegressor, LSTMRegressor, ConvGRURegressor, WaveNetRegressor]
)
@pytest.mark.parametrize("layout", LAYOUTS)
def test_keras_window_settings(cls, layout):
    model = cls(epochs=3)
    settings = model.window_settings(target_index=(0, 2), layout=layout)
    assert settings == {"target_index": (0, 2), "seq2seq": layout == SEQ2SEQ}
    configured = configured_for_windows(model, target_index=1, layout=layout)
    assert configured.target_index == 1
    assert configured.seq2seq is (layout == SEQ2SEQ)
    assert configured.epochs == 3
    assert takes_validation_data(model)


def test_dense_refuses_the_seq2seq_layout():
    settings = DenseRegressor().window_settings(target_index=0, layout=DIRECT)
    assert settings == {"target_index": 0, "seq2seq": False}
    with pytest.raises(ValueError, match="DenseRegressor does not support seq2seq"):
        DenseRegressor().window_settings(target_index=0, layout=SEQ2SEQ)


@pytest.mark.parametrize(
    ("differences", "expected"), [((), False), ([], False), ((1,), True), (7, True)]
)
def test_keras_differences_target(differences, expected):
    model = GRURegressor(differences=differences)
    assert model.differences_target is expected
    assert differences_target(model) is expected


@pytest.mark.parametrize(
    "params",
    [
        {},
        {"differences": (1,)},
        {"window_norm": "last", "differences": (1, 7)},
    ],
)
def test_keras_predict_windows_equals_predict(params):
    X, Y = windows(series(), 16, horizon=3)
    model = GRURegressor((4,), epochs=1, random_state=0, **params).fit(X, Y)
    assert batch_predictor(model) == model.predict_windows
    fast = model.predict_windows(X.astype(np.float32))
    np.testing.assert_allclose(fast, model.predict(X), rtol=1e-6, atol=1e-6)


def test_keras_seq2seq_predict_windows_is_the_output_sequence():
    X, Y = windows(series(), 12, horizon=2, seq2seq=True)
    model = GRURegressor((4,), epochs=1, random_state=0, window_norm="last").fit(X, Y)
    fast = model.predict_windows(X.astype(np.float32))
    assert fast.shape == Y.shape
    np.testing.assert_allclose(
        fast, model.predict(X, return_sequences=True), rtol=1e-6, atol=1e-6
    )
    np.testing.assert_allclose(fast[:, -1], model.predict(X), rtol=1e-6, atol=1e-6)


def test_keras_validation_data_is_used_for_early_stopping():
    X, y = windows(series(), 12)
    model = GRURegressor(
        (4,), epochs=2, early_stopping=True, random_state=0, differences=(1,)
    )
    model.fit(X[:100], y[:100], validation_data=(X[120:], y[120:]))
    assert len(model.history_["val_loss"]) == 2


# -- imports -----------------------------------------------------------------


def _private_names_from_other_modules(path: Path) -> list[str]:
    """``from skrnn... import _x`` and ``name._x`` for names bound to skrnn."""
    tree = ast.parse(path.read_text())
    found, skrnn_names = [], set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("skrnn"):
            for alias in node.names:
                skrnn_names.add(alias.asname or alias.name)
                if alias.name.startswith("_"):
                    found.append(f"{path.name}:{node.lineno}: {alias.name}")
        if isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.startswith("skrnn"):
                    skrnn_names.add(alias.asname or alias.name.split(".")[0])
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Attribute)
            and isinstance(node.value, ast.Name)
            and node.value.id in skrnn_names
            and node.attr.startswith("_")
            and not node.attr.startswith("__")
        ):
            found.append(f"{path.name}:{node.lineno}: {node.value.id}.{node.attr}")
    return found


@pytest.mark.parametrize("path", sorted(MODELS_DIR.glob("*.py")), ids=lambda p: p.name)
def test_models_use_no_private_name_of_another_module(path):
    assert _private_names_from_other_modules(path) == []


def test_private_name_scan_can_fail(tmp_path):
    bad = tmp_path / "bad.py"
    bad.write_text(
        "import skrnn.models._dense\n"
        "from skrnn.models._naive import _check_y\n"
        "from skrnn.models._base import BaseWindowRegressor\n"
        "BaseWindowRegressor._parameter_constraints\n"
        "skrnn.models._dense\n"
        "self._fit(X)\n"
    )
    assert len(_private_names_from_other_modules(bad)) == 2
