"""TensorFlow/Keras process setup shared by the Keras-backed estimators.

Importing this module imports TensorFlow, so only the Keras estimators import
it. It does two things once per process (including joblib/loky workers, which
import it when they unpickle an estimator):

* it initialises TensorFlow's op-determinism state before anything can set
  ``TF_DETERMINISTIC_OPS``. scikeras' seeding context sets that variable first
  and then asks TensorFlow whether determinism was on; TensorFlow initialises
  the state lazily from the variable on that first query, answers True, and
  scikeras never switches it off again, so every later unseeded fit in the
  process fails with "Random ops require a seed to be set when determinism is
  enabled". Asking once here fixes the state at its real value.
* it silences TensorFlow's Python logger below ERROR (retracing warnings
  whenever many small models are fitted, e.g. in a grid search).

It also gives Keras a per-thread source of default seeds (see
:class:`_ThreadSeeds`), so that a seeded fit is reproducible even when other
threads of the process draw from Python's global ``random`` (a Dask worker's
event loop does, while a fit runs in its executor thread).
"""

from __future__ import annotations

import contextlib
import os
import random
import threading
from collections.abc import Iterator

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")  # before TensorFlow loads

import keras
import numpy as np
import tensorflow as tf
from keras.src.random import seed_generator as _keras_seed_generator
from sklearn.utils import check_random_state
from tensorflow.python.framework import config as _tf_config

_tf_config.is_op_determinism_enabled()
tf.get_logger().setLevel("ERROR")


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
if getattr(_keras_seed_generator, "python_random", None) is random:
    _keras_seed_generator.python_random = _THREAD_SEEDS


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
    """Seed Python, NumPy, TensorFlow and Keras for the duration of a block.

    The global Python and NumPy random states are restored on exit so that a
    seeded fit does not change the user's global random streams. ``None``
    does nothing.
    """
    if seed is None:
        yield
        return
    python_state = random.getstate()
    numpy_state = np.random.get_state()  # noqa: NPY002 (the legacy global stream)
    outer_stream = _THREAD_SEEDS.stream
    keras.utils.set_random_seed(seed)
    _THREAD_SEEDS.stream = random.Random(seed)
    try:
        yield
    finally:
        _THREAD_SEEDS.stream = outer_stream
        random.setstate(python_state)
        np.random.set_state(numpy_state)  # noqa: NPY002
