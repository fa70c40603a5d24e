"""Keras backends: skrnn's default, its backend module, and the same behaviour
on JAX and TensorFlow.

The backend cannot change inside a process, so the tests that need a given
backend run Python in a subprocess. The ``test_this_backend_*`` tests check
the backend of this process; ``make test`` runs them on both backends (see
``BACKEND_SUBSET`` in ``conftest.py``).
"""

from __future__ import annotations

import importlib.util
import json
import logging
import os
import pickle
import subprocess
import sys
import textwrap

import keras
import numpy as np
import pytest

import skrnn
from skrnn.models import GRURegressor, RNNClassifier, SimpleRNNRegressor
from skrnn.models._backend import BACKEND, _is_held_back
from skrnn.multistep import RecursiveRegressor

OTHER_BACKEND = "tensorflow" if BACKEND == "jax" else "jax"


def _run(
    code: str, backend: str | None, unset: tuple = (), **env: str
) -> subprocess.CompletedProcess:
    """Run Python code in a fresh process with ``KERAS_BACKEND=backend``,
    the variables in ``unset`` removed from the environment and ``env`` added.
    """
    full_env = {**os.environ, **env}
    for name in ("KERAS_BACKEND", *unset):
        full_env.pop(name, None)
    if backend is not None:
        full_env["KERAS_BACKEND"] = backend
    return subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)],
        env=full_env,
        capture_output=True,
        text=True,
        timeout=300,
    )


def _windows(n: int = 60, length: int = 8) -> tuple[np.ndarray, np.ndarray]:
    series = np.sin(np.arange(n + length) / 3.0)
    X = np.lib.stride_tricks.sliding_window_view(series[:-1], length)[:n]
    return X, series[length : length + n]


# -- the default backend ------------------------------------------------------

KERAS_WRITTEN = {
    "floatx": "float32",
    "epsilon": 1e-07,
    "backend": "tensorflow",
    "image_data_format": "channels_last",
}


@pytest.fixture
def clean_start(monkeypatch, tmp_path):
    """A process state where nothing has chosen a backend yet."""
    monkeypatch.delenv("KERAS_BACKEND", raising=False)
    monkeypatch.delenv("TF_CPP_MIN_LOG_LEVEL", raising=False)
    monkeypatch.setenv("KERAS_HOME", str(tmp_path))
    for module in ("keras", "tensorflow"):
        monkeypatch.delitem(sys.modules, module, raising=False)
    return tmp_path


@pytest.mark.parametrize(
    "setting, expected",
    [
        ("nothing", "jax"),
        ("keras.json written by Keras", "jax"),
        ("KERAS_BACKEND=tensorflow", "tensorflow"),
        ("keras.json chosen", None),
        ("keras already imported", None),
        ("tensorflow already imported", None),
        ("jax not installed", None),
    ],
)
def test_default_backend(setting, expected, clean_start, monkeypatch):
    keras_json = clean_start / "keras.json"
    if setting == "keras.json written by Keras":
        keras_json.write_text(json.dumps(KERAS_WRITTEN, indent=4))
    elif setting == "keras.json chosen":
        keras_json.write_text(json.dumps({"backend": "tensorflow"}))
    elif setting == "KERAS_BACKEND=tensorflow":
        monkeypatch.setenv("KERAS_BACKEND", "tensorflow")
    elif setting.endswith("already imported"):
        monkeypatch.setitem(sys.modules, setting.split()[0], keras)
    elif setting == "jax not installed":
        find_spec = importlib.util.find_spec
        monkeypatch.setattr(
            importlib.util,
            "find_spec",
            lambda name, *args: None if name == "jax" else find_spec(name, *args),
        )
    skrnn._default_keras_backend()
    assert os.environ.get("KERAS_BACKEND") == expected
    assert os.environ["TF_CPP_MIN_LOG_LEVEL"] == "2"


def test_keras_json_that_keras_writes_is_not_a_choice(tmp_path):
    # the file Keras writes on its first import (whatever KERAS_BACKEND says)
    result = _run(
        "import keras", "jax", KERAS_HOME=str(tmp_path), TF_CPP_MIN_LOG_LEVEL="3"
    )
    assert result.returncode == 0, result.stderr
    assert json.loads((tmp_path / "keras.json").read_text()) == KERAS_WRITTEN
    result = _run(
        "import os, skrnn; print(os.environ.get('KERAS_BACKEND'))",
        None,
        KERAS_HOME=str(tmp_path),
    )
    assert result.stdout.split() == ["jax"]


def test_importing_skrnn_imports_no_backend():
    result = _run(
        """
        import sys, skrnn
        from skrnn.models import NaiveRegressor
        print([m for m in ("keras", "jax", "tensorflow", "torch") if m in sys.modules])
        """,
        None,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["[]"]


# -- bad backends and start-up noise -------------------------------------------


@pytest.mark.skipif(
    importlib.util.find_spec("torch") is not None, reason="torch is installed"
)
def test_backend_not_installed_says_how_to_install_it():
    result = _run(
        """
        import numpy as np
        from skrnn import NaiveRegressor
        NaiveRegressor().fit(np.ones((5, 3)), np.ones(5))  # needs no Keras
        from skrnn import GRURegressor
        """,
        "torch",
    )
    assert result.returncode != 0
    last_line = result.stderr.strip().splitlines()[-1]
    assert last_line.startswith("ImportError: Keras is set to use the 'torch'")
    assert "pip install torch" in last_line
    assert "KERAS_BACKEND=jax" in last_line


def test_unknown_backend_lists_the_backends():
    result = _run("from skrnn import GRURegressor", "pytorch")
    assert result.returncode != 0
    last_line = result.stderr.strip().splitlines()[-1]
    assert "Unable to import backend : pytorch" in last_line
    assert "jax, openvino, tensorflow, torch" in last_line


FIT_AND_PICKLE = """
    import pickle, sys
    import numpy as np
    from skrnn import GRURegressor
    X = np.sin(np.arange(40) / 3.0)[np.arange(30)[:, None] + np.arange(8)]
    model = GRURegressor(2, epochs=1, random_state=0).fit(X, X[:, -1])
    pickle.loads(pickle.dumps(model)).predict(X)
    print("tensorflow" in sys.modules)
"""


@pytest.mark.parametrize("level", [None, "0"])
def test_tensorflow_start_up_lines_are_held_back(level):
    if level is None:  # skrnn's default level 2: info and warnings are dropped
        result = _run(FIT_AND_PICKLE, "tensorflow", unset=("TF_CPP_MIN_LOG_LEVEL",))
    else:
        result = _run(FIT_AND_PICKLE, "tensorflow", TF_CPP_MIN_LOG_LEVEL=level)
    assert result.returncode == 0, result.stderr
    if level is None:
        assert result.stderr == ""
    elif "oneDNN" not in result.stderr:  # pragma: no cover - depends on the build
        pytest.skip("this TensorFlow build prints no oneDNN notice")
    else:  # the user asked for everything: nothing is dropped
        assert "absl::InitializeLog()" in result.stderr


def test_jax_process_never_loads_tensorflow():
    result = _run(FIT_AND_PICKLE, "jax")
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["False"]
    assert result.stderr == ""


@pytest.mark.parametrize(
    "line, level, held_back",
    [
        (b"I0000 00:00:1795631224.011324    6305 port.cc:153] oneDNN ...\n", 2, True),
        (b"W0000 00:00:1795631224.011324    6305 x.cc:1] careful\n", 2, True),
        (b"E0000 00:00:1795631224.011324    6305 x.cc:1] broken\n", 2, False),
        (b"I0000 00:00:1795631224.011324    6305 port.cc:153] oneDNN ...\n", 0, False),
        (b"WARNING: All log messages before absl::InitializeLog() is ...\n", 2, True),
        (b"WARNING: All log messages before absl::InitializeLog() is ...\n", 0, False),
        (b"Traceback (most recent call last):\n", 3, False),
    ],
)
def test_only_absl_lines_below_the_level_are_held_back(line, level, held_back):
    assert _is_held_back(line, level) is held_back


# -- the same behaviour on this process's backend ---------------------------------


def test_this_backend_seeded_fits_are_identical_and_leave_no_global_flag():
    X, y = _windows()
    from keras.src.utils.rng_utils import get_random_seed

    keras_seed = get_random_seed()
    first = GRURegressor(4, epochs=2, random_state=3).fit(X, y).predict(X)
    second = GRURegressor(4, epochs=2, random_state=3).fit(X, y).predict(X)
    np.testing.assert_array_equal(first, second)
    assert get_random_seed() == keras_seed
    GRURegressor(4, epochs=1).fit(X, y)  # unseeded fits still work
    if BACKEND == "tensorflow":
        from tensorflow.python.framework import config

        assert not config.is_op_determinism_enabled()
    else:
        assert "tensorflow" not in sys.modules


def test_this_backend_compiles_the_recursive_path(caplog):
    X, y = _windows()
    model = RecursiveRegressor(
        GRURegressor(4, epochs=1, random_state=0), horizon=5
    ).fit(X, y)
    network = model.estimator_.model_
    assert not network.run_eagerly
    if BACKEND != "jax":
        np.testing.assert_equal(model.predict(X[:6]).shape, (6, 5))
        return
    import jax

    assert network.jit_compile
    caplog.set_level(logging.DEBUG, logger="jax")
    with jax.log_compiles():
        model.predict(X[:6])  # a new batch size: compiled once
        compiled = len(caplog.records)
        caplog.clear()
        model.predict(X[:6])  # five steps on the compiled function
    assert compiled >= 1
    assert [r.getMessage() for r in caplog.records] == []


def test_batch_buckets_and_padding():
    from skrnn.models._backend import MIN_BUCKET, batch_bucket, pad_rows

    sizes = [batch_bucket(n, 4096, per_shape=True) for n in range(1, 4097)]
    assert sizes[0] == MIN_BUCKET and sizes[-1] == 4096
    assert all(
        n <= size < max(MIN_BUCKET + 1, 1.5 * n) for n, size in enumerate(sizes, 1)
    )
    assert len(set(sizes)) <= 2 * 9 + 1  # 16, 24, 32, ..., 3072, 4096
    assert batch_bucket(5000, 4096, per_shape=True) == 5000  # a full chunk and more
    assert batch_bucket(5, 4096, per_shape=False) == 5
    assert batch_bucket(5, 4096) == (16 if BACKEND == "jax" else 5)
    X = np.arange(6.0).reshape(3, 2)
    padded = pad_rows(X, 5)
    np.testing.assert_array_equal(padded[:3], X)
    np.testing.assert_array_equal(padded[3:], [X[-1], X[-1]])
    assert pad_rows(X, 3) is X


def test_this_backend_padded_predictions_equal_unpadded(caplog):
    X, y = _windows()
    model = GRURegressor(4, epochs=1, random_state=0, window_norm=None).fit(X, y)
    for n in (1, 5, 17, 40, 60):
        unpadded = model.model_.predict_on_batch(X[:n].astype(np.float32))
        np.testing.assert_allclose(
            model.predict(X[:n]), np.asarray(unpadded)[:, 0], rtol=1e-6, atol=1e-6
        )
    recursive = RecursiveRegressor(
        GRURegressor(4, epochs=1, random_state=0), horizon=4
    ).fit(X, y)
    full = recursive.predict(X[:16])  # a bucket size: no padding
    for n in (1, 5, 11):
        np.testing.assert_allclose(
            recursive.predict(X[:n]), full[:n], rtol=1e-6, atol=1e-6
        )
    if BACKEND != "jax":
        return
    import jax

    caplog.set_level(logging.DEBUG, logger="jax")
    with jax.log_compiles():
        model.predict(X[:7])  # 1, 5, 7: one bucket of 16, compiled already
        recursive.predict(X[:9])
        model.predict(X[:20])  # 17 and 20: the bucket of 24
    assert [r.getMessage() for r in caplog.records] == []


def test_compilation_cache_is_kept_in_the_user_cache_dir(tmp_path):
    result = _run(
        """
        import numpy as np
        from skrnn.models import DenseRegressor, _backend
        print(_backend.enable_compilation_cache())
        X = np.random.default_rng(0).normal(size=(40, 6))
        DenseRegressor(epochs=1, random_state=0).fit(X, X[:, 0]).predict(X)
        """,
        "jax",
        unset=("JAX_COMPILATION_CACHE_DIR", "JAX_ENABLE_COMPILATION_CACHE"),
        XDG_CACHE_HOME=str(tmp_path),
    )
    assert result.returncode == 0, result.stderr
    cache = tmp_path / "skrnn" / "jax-compilation-cache"
    assert result.stdout.strip().splitlines()[-1] == str(cache)
    assert any(cache.iterdir())


def test_this_backend_loads_estimators_pickled_on_the_other(tmp_path):
    path = tmp_path / "models.pkl"
    result = _run(
        f"""
        import pickle
        import numpy as np
        from skrnn import GRURegressor, RNNClassifier, SimpleRNNRegressor
        X = np.sin(np.arange(68) / 3.0)[np.arange(60)[:, None] + np.arange(8)]
        y = np.sin(np.arange(8, 68) / 3.0)
        models = [
            GRURegressor(4, epochs=1, random_state=0).fit(X, y),
            SimpleRNNRegressor(
                4, layer_norm=True, bidirectional=True, epochs=1, random_state=0
            ).fit(X, y),
            RNNClassifier(4, epochs=1, random_state=0).fit(X[..., None], y > 0),
        ]
        outputs = [models[0].predict(X), models[1].predict(X),
                   models[2].predict_proba(X[..., None])]
        with open({str(path)!r}, "wb") as f:
            pickle.dump((models, outputs), f)
        """,
        OTHER_BACKEND,
    )
    assert result.returncode == 0, result.stderr
    with open(path, "rb") as f:
        (gru, layer_norm, classifier), outputs = pickle.load(f)
    assert isinstance(gru, GRURegressor)
    assert isinstance(layer_norm, SimpleRNNRegressor)
    assert isinstance(classifier, RNNClassifier)
    X, y = _windows()
    np.testing.assert_allclose(gru.predict(X), outputs[0], atol=1e-5)
    np.testing.assert_allclose(layer_norm.predict(X), outputs[1], atol=1e-5)
    np.testing.assert_allclose(
        classifier.predict_proba(X[..., None]), outputs[2], atol=1e-5
    )
    gru.partial_fit(X, y)  # trains on this backend
