"""pytest set-up shared by the whole suite.

* ``import skrnn`` comes first, so that skrnn chooses the Keras backend (JAX
  unless ``KERAS_BACKEND`` or keras.json says otherwise) before any test
  module imports Keras. The header of the run names the backend.
* On JAX, the suite's hundreds of tiny networks cost more to compile than
  to train. JAX's persistent compilation cache is switched on, in
  ``$XDG_CACHE_HOME/skrnn/jax-compilation-cache-tests`` (``~/.cache`` by
  default; shared by the xdist workers, the subprocesses that tests start
  and later runs, also from other clones), so that each network shape is
  compiled once; and XLA compiles without its backend optimisations
  (``--xla_backend_optimization_level=0``), about 40% faster to compile.
  Set ``JAX_COMPILATION_CACHE_DIR`` (or ``JAX_ENABLE_COMPILATION_CACHE=false``)
  and ``XLA_FLAGS`` to override them.
* The marker ``backend_subset`` is put on the tests listed in
  :data:`BACKEND_SUBSET`, which ``make test`` runs a second time on the
  other Keras backend (``pytest -m backend_subset``).
"""

from __future__ import annotations

import importlib.util
import os
from pathlib import Path

import pytest

_CACHE_HOME = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
os.environ.setdefault(
    "JAX_COMPILATION_CACHE_DIR",
    str(_CACHE_HOME / "skrnn" / "jax-compilation-cache-tests"),
)
os.environ.setdefault("JAX_PERSISTENT_CACHE_MIN_COMPILE_TIME_SECS", "0")
os.environ.setdefault("XLA_FLAGS", "--xla_backend_optimization_level=0")
if importlib.util.find_spec("filelock") is not None:
    # a size limit makes JAX lock the cache, so that parallel workers never
    # read an entry that another one is still writing
    os.environ.setdefault("JAX_COMPILATION_CACHE_MAX_SIZE", str(2**30))

import skrnn  # noqa: E402  (chooses the Keras backend before Keras loads)

#: Tests (node id prefixes) that ``make test`` also runs on the second Keras
#: backend: the scikit-learn checks of a recurrent regressor and of the
#: classifier, seeding, pickle round trips, the compiled recursive path, a
#: forecaster per strategy, the sktime adapter, the Dask/threads case and the
#: weighed correction to the seasonal baseline (a layer weight set after fit).
BACKEND_SUBSET = (
    "tests/test_backend.py::test_this_backend_",
    "tests/test_common.py::test_sklearn_compatible_keras_estimator[GRURegressor(",
    "tests/test_common.py::test_sklearn_compatible_keras_estimator[RNNClassifier(",
    "tests/test_keras_regressors.py::test_same_random_state_same_predictions",
    "tests/test_keras_regressors.py::test_unseeded_fit_after_seeded_fit_works",
    "tests/test_keras_regressors.py::test_seeded_fit_leaves_global_numpy_stream",
    "tests/test_keras_regressors.py::test_pickle_and_joblib_round_trip",
    "tests/test_classifier.py::test_seeded_and_pickle_round_trip",
    "tests/test_conv.py::test_pickle_round_trip",
    "tests/test_layer_norm.py::test_layer_norm_round_trips",
    "tests/test_multistep.py::test_keras_recursion_matches_slow_predict_loop",
    "tests/test_conv.py::test_inside_window_forecaster[recursive-_conv_gru]",
    "tests/test_conv.py::test_inside_window_forecaster[direct-_conv_gru]",
    "tests/test_conv.py::test_inside_window_forecaster[seq2seq-_conv_gru]",
    "tests/test_sktime.py::test_multivariate_lstm_recursive_and_direct",
    "tests/test_parallel.py::test_fitted_keras_estimator_travels_to_a_worker",
    "tests/test_parallel.py::test_seeded_fit_is_reproducible_while_other_threads",
    "tests/test_seasonal_baseline.py::test_correction_weight_",
)


def pytest_report_header(config) -> str:
    backend = os.environ.get("KERAS_BACKEND") or "from keras.json"
    return f"skrnn {skrnn.__version__}, Keras backend: {backend}"


def pytest_configure(config) -> None:
    config.addinivalue_line(
        "markers",
        "backend_subset: also run on the second Keras backend by `make test` "
        "(listed in tests/conftest.py)",
    )


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(config, items) -> None:
    matched = set()
    for item in items:
        for prefix in BACKEND_SUBSET:
            if item.nodeid.startswith(prefix):
                item.add_marker(pytest.mark.backend_subset)
                matched.add(prefix)
    whole_files = not config.option.keyword and all("::" not in a for a in config.args)
    if "backend_subset" in (config.option.markexpr or "") and whole_files:
        files = {item.nodeid.split("::")[0] for item in items}
        stale = [
            prefix
            for prefix in BACKEND_SUBSET
            if prefix.split("::")[0] in files and prefix not in matched
        ]
        if stale:
            raise pytest.UsageError(
                "tests/conftest.py BACKEND_SUBSET names tests that do not exist "
                f"(renamed?): {stale}"
            )
