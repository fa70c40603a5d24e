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
"""

from __future__ import annotations

import contextlib
import os
import random
from collections.abc import Iterator

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")  # before TensorFlow loads

import keras
import numpy as np
import tensorflow as tf
from sklearn.utils import check_random_state
from tensorflow.python.framework import config as _tf_config

_tf_config.is_op_determinism_enabled()
tf.get_logger().setLevel("ERROR")


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
    keras.utils.set_random_seed(seed)
    try:
        yield
    finally:
        random.setstate(python_state)
        np.random.set_state(numpy_state)  # noqa: NPY002
