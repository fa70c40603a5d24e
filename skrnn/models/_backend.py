"""Keras backend setup shared by the Keras-backed estimators.

This is the only module of skrnn with code for a particular Keras backend.
Importing it imports Keras, on the backend chosen by ``KERAS_BACKEND``,
keras.json or skrnn's default (JAX when nothing is configured, see
:func:`skrnn._default_keras_backend`), and does the following once per
process (including joblib/loky and Dask workers, which import it when they
unpickle an estimator):

* a backend that is not installed fails with an :class:`ImportError` that
  names the package to install, instead of a bare ``No module named ...``
  from deep inside Keras;
* the native start-up lines of TensorFlow and XLA (absl logs written before
  ``absl::InitializeLog()``, such as the oneDNN notice) are held back while
  Keras loads; those below ``TF_CPP_MIN_LOG_LEVEL`` (2 by default: info and
  warnings) are dropped and anything else is written to stderr afterwards;
* on TensorFlow, op determinism is initialised at its real value. scikeras'
  seeding context sets ``TF_DETERMINISTIC_OPS`` and then asks TensorFlow
  whether determinism was on; TensorFlow initialises the state lazily from
  that variable on the first query, answers True, and scikeras never
  switches it off, so every later unseeded fit in the process would fail
  with "Random ops require a seed to be set when determinism is enabled".
  Asking once here fixes the state. TensorFlow's Python logger is also set
  to ERROR (retracing warnings whenever many small models are fitted);
* on the other backends, scikeras is imported without TensorFlow. scikeras
  imports TensorFlow, if installed, only for the seeding that skrnn does
  itself; a JAX process then never loads TensorFlow (about 2.5 s and its
  start-up lines saved).

It also gives Keras a per-thread source of default seeds (see
:class:`_ThreadSeeds`), so that a seeded fit is reproducible even when other
threads of the process draw from Python's global ``random`` (a Dask worker's
event loop does, while a fit runs in its executor thread).
"""

from __future__ import annotations

import contextlib
import os
import random
import re
import sys
import tempfile
import threading
from collections.abc import Iterator

import numpy as np
from sklearn.utils import check_random_state

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")  # before TensorFlow loads

#: Keras backend -> how to install the package it needs
INSTALL_HINTS = {
    "jax": "pip install jax",
    "tensorflow": "pip install tensorflow-cpu  (or tensorflow)",
    "torch": "pip install torch",
    "openvino": "pip install openvino",
}
# top-level module missing -> the Keras backend that needs it
_BACKEND_OF_MODULE = {
    "jax": "jax",
    "jaxlib": "jax",
    "tensorflow": "tensorflow",
    "torch": "torch",
    "openvino": "openvino",
}
_ABSL_LINE = re.compile(rb"^([IWEF])\d{4} [\d:.]+ +\d+ [^\]]*\] ")
_ABSL_SEVERITY = {b"I": 0, b"W": 1, b"E": 2, b"F": 3}
_ABSL_PREAMBLE = b"WARNING: All log messages before absl::InitializeLog()"


def _min_log_level() -> int:
    try:
        return int(os.environ.get("TF_CPP_MIN_LOG_LEVEL", "0"))
    except ValueError:
        return 0


def _is_held_back(line: bytes, min_level: int) -> bool:
    """Whether a native start-up line is below ``TF_CPP_MIN_LOG_LEVEL``."""
    if line.startswith(_ABSL_PREAMBLE):
        return min_level >= 1
    match = _ABSL_LINE.match(line)
    return match is not None and _ABSL_SEVERITY[match.group(1)] < min_level


@contextlib.contextmanager
def _native_startup_logs_filtered() -> Iterator[None]:
    """Hold back what is written to file descriptor 2 during the block, then
    write it out without the absl lines below ``TF_CPP_MIN_LOG_LEVEL``.

    Native libraries log through absl before it is initialised, which
    ignores ``TF_CPP_MIN_LOG_LEVEL``; only the file descriptor catches them.
    """
    min_level = _min_log_level()
    try:
        sys.stderr.flush()
        saved = os.dup(2)
    except (OSError, ValueError, AttributeError):  # no usable stderr
        yield
        return
    with tempfile.TemporaryFile() as held:
        os.dup2(held.fileno(), 2)
        try:
            yield
        finally:
            with contextlib.suppress(OSError, ValueError, AttributeError):
                sys.stderr.flush()
            os.dup2(saved, 2)
            os.close(saved)
            held.seek(0)
            kept = [
                line
                for line in held.read().splitlines(keepends=True)
                if not _is_held_back(line, min_level)
            ]
            if kept:
                os.write(2, b"".join(kept))


def _import_keras():
    """Import Keras, turning a missing backend package into a clear error."""
    try:
        with _native_startup_logs_filtered():
            import keras
    except ModuleNotFoundError as exc:
        backend = _BACKEND_OF_MODULE.get((exc.name or "").split(".")[0])
        if backend is None:
            raise
        raise ImportError(
            f"Keras is set to use the {backend!r} backend "
            f"(KERAS_BACKEND={os.environ.get('KERAS_BACKEND', '')!r} or "
            f"keras.json), but {exc.name!r} is not installed. Install it with "
            f"`{INSTALL_HINTS[backend]}`, or choose an installed backend, "
            "e.g. KERAS_BACKEND=jax or KERAS_BACKEND=tensorflow."
        ) from exc
    except ValueError as exc:
        if "Unable to import backend" not in str(exc):
            raise
        raise ValueError(
            f"{exc}. Keras backends: {', '.join(sorted(INSTALL_HINTS))} "
            "(set KERAS_BACKEND, e.g. KERAS_BACKEND=jax)."
        ) from exc
    return keras


class _TensorFlowIfLoaded:
    """Keras' lazy ``tensorflow`` module, available only once TensorFlow is
    imported.

    Keras' serialization asks ``tf.available`` (which imports TensorFlow
    when it is installed) only to test ``isinstance(obj, tf.TensorShape)``
    and the like; such objects cannot exist before TensorFlow is imported.
    """

    def __init__(self, lazy) -> None:
        self._lazy = lazy

    @property
    def available(self) -> bool:
        return "tensorflow" in sys.modules and self._lazy.available

    def __getattr__(self, name: str):
        return getattr(self._lazy, name)


def _install_tensorflow_guards() -> None:
    """Keep TensorFlow out of a process whose Keras runs on another backend.

    scikeras is imported with ``import tensorflow`` failing (it falls back
    to seeding without TensorFlow, which skrnn does not use anyway), and
    Keras' serialization (pickling a fitted estimator) stops importing it
    for its ``isinstance`` checks. Whatever still imports TensorFlow
    through Keras does so with the start-up lines filtered.
    """
    from keras.src.saving import serialization_lib
    from keras.src.utils import module_utils

    lazy = module_utils.tensorflow
    if "tensorflow" not in sys.modules and "scikeras.wrappers" not in sys.modules:
        sys.modules["tensorflow"] = None  # makes `import tensorflow` fail
        try:
            import scikeras.wrappers  # noqa: F401
        finally:
            del sys.modules["tensorflow"]
    if getattr(serialization_lib, "tf", None) is lazy:
        serialization_lib.tf = _TensorFlowIfLoaded(lazy)
    if type(lazy) is module_utils.LazyModule and lazy.module is None:

        class _QuietLazyModule(module_utils.LazyModule):
            def initialize(self) -> None:
                with _native_startup_logs_filtered():
                    super().initialize()

        lazy.__class__ = _QuietLazyModule


keras = _import_keras()

#: the backend Keras runs on in this process
BACKEND: str = keras.backend.backend()

from keras.src.backend.common import global_state as _keras_global_state
from keras.src.random import seed_generator as _keras_seed_generator
from keras.src.utils import rng_utils as _keras_rng_utils

if BACKEND == "tensorflow":
    import tensorflow as tf
    from tensorflow.python.framework import config as _tf_config

    _tf_config.is_op_determinism_enabled()
    tf.get_logger().setLevel("ERROR")
else:
    _install_tensorflow_guards()


class _ThreadSeeds:
    """Keras' source of default seeds, one stream per seeded thread.

    Keras draws the seed of every initializer and ``SeedGenerator`` created
    without one from Python's global ``random`` module. Inside
    :func:`keras_seed` this object answers those draws from a private
    ``random.Random(seed)`` of the calling thread instead, so that draws made
    by other threads in between cannot change the weights. Outside it, it
    is the global ``random`` module.
    """

    def __init__(self) -> None:
        self._local = threading.local()

    @property
    def stream(self) -> random.Random | None:
        return getattr(self._local, "stream", None)

    @stream.setter
    def stream(self, value: random.Random | None) -> None:
        self._local.stream = value

    def randint(self, a: int, b: int) -> int:
        return (self.stream or random).randint(a, b)

    def __getattr__(self, name: str):
        return getattr(self.stream or random, name)


_THREAD_SEEDS = _ThreadSeeds()
# Keras' global seed and seed generator, which seeding replaces
_KERAS_SEED_ATTRIBUTES = (
    _keras_rng_utils.GLOBAL_RANDOM_SEED,
    _keras_seed_generator.GLOBAL_SEED_GENERATOR,
)
if getattr(_keras_seed_generator, "python_random", None) is random:
    _keras_seed_generator.python_random = _THREAD_SEEDS


def set_random_seed(seed: int) -> None:
    """Seed Python, NumPy, Keras and the backend, like
    ``keras.utils.set_random_seed``.

    On TensorFlow this is ``keras.utils.set_random_seed``. On the other
    backends the same is done without TensorFlow's global seed, which Keras
    sets whenever TensorFlow is installed (for ``tf.data`` pipelines, which
    skrnn does not use) at the cost of importing TensorFlow.
    """
    if BACKEND == "tensorflow":
        keras.utils.set_random_seed(seed)
        return
    _keras_global_state.set_global_attribute(_keras_rng_utils.GLOBAL_RANDOM_SEED, seed)
    _keras_global_state.set_global_attribute(
        _keras_seed_generator.GLOBAL_SEED_GENERATOR, None
    )
    random.seed(seed)
    np.random.seed(seed)  # noqa: NPY002 (the legacy global stream Keras uses)
    if BACKEND == "torch":
        import torch

        torch.manual_seed(seed)


def seed_from_random_state(random_state) -> int | None:
    """Turn a scikit-learn ``random_state`` into an int seed for Keras.

    Parameters
    ----------
    random_state : None, int or numpy.random.RandomState
        None gives None (no seeding); an int is used as is; a RandomState
        instance is drawn from, as scikit-learn estimators do.

    Returns
    -------
    int or None
    """
    if random_state is None:
        return None
    if isinstance(random_state, (int, np.integer)) and not isinstance(
        random_state, bool
    ):
        return int(random_state)
    return int(check_random_state(random_state).randint(np.iinfo(np.int32).max))


@contextlib.contextmanager
def keras_seed(seed: int | None) -> Iterator[None]:
    """Seed Python, NumPy, Keras and its backend for the duration of a block.

    The global Python and NumPy random states and Keras' global seed are
    restored on exit so that a seeded fit does not change the user's global
    random streams. ``None`` does nothing.
    """
    if seed is None:
        yield
        return
    python_state = random.getstate()
    numpy_state = np.random.get_state()  # noqa: NPY002 (the legacy global stream)
    keras_state = {
        name: _keras_global_state.get_global_attribute(name)
        for name in _KERAS_SEED_ATTRIBUTES
    }
    outer_stream = _THREAD_SEEDS.stream
    set_random_seed(seed)
    _THREAD_SEEDS.stream = random.Random(seed)
    try:
        yield
    finally:
        _THREAD_SEEDS.stream = outer_stream
        random.setstate(python_state)
        np.random.set_state(numpy_state)  # noqa: NPY002
        for name, value in keras_state.items():
            _keras_global_state.set_global_attribute(name, value)
