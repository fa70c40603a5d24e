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

And it compiles predictions per backend: :func:`batch_bucket` pads batches to
a few sizes where each new shape is a compilation (JAX), and
:func:`recursive_forecast` turns the whole recursive forecast of a Keras
window regressor into one compiled call (``jax.lax.scan`` under ``jax.jit``,
or ``tf.while_loop`` in an XLA-compiled ``tf.function``).
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


# -- compiled predictions ------------------------------------------------------

#: smallest padded batch of :func:`batch_bucket`
MIN_BUCKET = 16


def batch_bucket(n_rows: int, limit: int, *, per_shape: bool | None = None) -> int:
    """The batch size that ``n_rows`` rows are padded to for a compiled call.

    JAX compiles a function once per input shape, so every new batch size
    costs a compilation (a second or more for a recurrent network). On JAX
    a batch is therefore padded to the next size of the form ``2**k`` or
    ``3 * 2**(k - 1)`` (16, 24, 32, 48, 64, 96, ...: at least
    :data:`MIN_BUCKET`, at most ``limit``, the largest chunk): about
    ``2 * log2(limit / 16)`` shapes are ever compiled, and the padding adds
    less than half to the work (about a sixth on average). TensorFlow's graph functions
    take any batch size once traced, and the other backends compile
    nothing: there the batch is not padded, unless ``per_shape`` says that
    the function is compiled per shape anyway (an XLA-compiled
    ``tf.function``).

    Parameters
    ----------
    n_rows : int
        Rows in the batch (at most ``limit``).
    limit : int
        The largest batch of one call.
    per_shape : bool, default=None
        Whether the function called is compiled once per input shape; None
        means whether the backend is JAX.

    Returns
    -------
    int
        ``n_rows`` or more.

    Examples
    --------
    >>> from skrnn.models._backend import BACKEND, batch_bucket
    >>> [batch_bucket(n, 4096) for n in (1, 17, 95, 100, 4000)] == (
    ...     [16, 24, 96, 128, 4096] if BACKEND == "jax" else [1, 17, 95, 100, 4000]
    ... )
    True
    """
    if per_shape is None:
        per_shape = BACKEND == "jax"
    if not per_shape or n_rows >= limit:
        return n_rows
    if n_rows <= MIN_BUCKET:
        return MIN_BUCKET
    power = 1 << (n_rows - 1).bit_length()  # the next power of two
    size = power if n_rows > 3 * power // 4 else 3 * power // 4
    return min(limit, size)


def pad_rows(X: np.ndarray, n_rows: int) -> np.ndarray:
    """``X`` with copies of its last row appended up to ``n_rows`` rows.

    Copies of a real row, not zeros, so that the padding is as well behaved
    as the data whatever the network does with it; the rows are computed
    independently, and the padding is sliced off the output.
    """
    if n_rows <= len(X) or len(X) == 0:
        return X
    padded = np.empty((n_rows, *X.shape[1:]), dtype=X.dtype)
    padded[: len(X)] = X
    padded[len(X) :] = X[-1]
    return padded


def _graph_step(estimator, network, target_columns: list[int]):
    """One recursive step of a fitted Keras window regressor in Keras ops.

    Returns ``step(call, window, covariate_row) -> (y, next_window)`` for
    windows ``(n, window_length, n_features)`` in the series' units: the
    windows are differenced and normalised like
    :meth:`~skrnn.models._base.BaseWindowRegressor.predict_windows` does with
    NumPy (``differences_``, then ``window_norm_`` with
    ``window_norm_features``), ``call`` runs the network, and its output is
    mapped back (the middle quantile with ``quantiles_``, denormalised, then
    integrated). ``y`` is ``(n, n_targets)``; the next window drops the
    oldest step and appends ``y`` in the target columns and
    ``covariate_row`` in the others.
    """
    from keras import ops

    from skrnn.models._quantile import median_index

    lags = tuple(estimator.differences_)
    method = estimator.window_norm_
    all_features = bool(estimator.window_norm_features)
    quantiles = getattr(estimator, "quantiles_", None)
    middle = None if quantiles is None else median_index(quantiles)
    input_shape = tuple(network.inputs[0].shape[1:])
    n_targets = len(target_columns)

    def diff(values, lag_list):
        for lag in lag_list:
            values = values[:, lag:] - values[:, :-lag]
        return values

    def standard(values):
        mean = ops.mean(values, axis=1)
        std = ops.sqrt(ops.mean(ops.square(values - mean[:, None]), axis=1))
        return mean, ops.where(std > 0, std, ops.ones_like(std))

    def univariate_step(call, window, covariate_row):
        # one column, no differences: the same, on the window as it is
        x = window
        if method == "last":
            offset, scale = window[:, -1], None
        elif method == "mean":
            offset, scale = ops.mean(window, axis=1), None
        elif method == "standard":
            offset, scale = standard(window)
        if method is not None:
            x = x - offset[:, None]
            if scale is not None:
                x = x / scale[:, None]
        y = call(ops.reshape(x, (-1, *input_shape)))
        if middle is not None:
            y = y[..., middle]
        y = ops.reshape(ops.cast(y, "float32"), (-1, 1))
        if method is not None:
            y = y * scale + offset if scale is not None else y + offset
        return y, ops.concatenate([window[:, 1:], y[:, None, :]], axis=1)

    def step(call, window, covariate_row):
        n_features = window.shape[-1]
        if n_features == 1 and not lags:
            return univariate_step(call, window, covariate_row)
        columns = [window[:, :, j] for j in range(n_features)]
        if lags:
            steps = window.shape[1] - sum(lags)
            columns = [
                diff(column, lags) if j in target_columns else column[:, -steps:]
                for j, column in enumerate(columns)
            ]
        offset = scale = None
        if method is not None:
            targets = ops.stack([columns[j] for j in target_columns], axis=-1)
            if method == "last":
                offset, scale = targets[:, -1], None
            elif method == "mean":
                offset, scale = ops.mean(targets, axis=1), None
            else:
                offset, scale = standard(targets)
            for i, j in enumerate(target_columns):
                columns[j] = columns[j] - offset[:, i : i + 1]
                if scale is not None:
                    columns[j] = columns[j] / scale[:, i : i + 1]
            if all_features:
                for j in range(n_features):
                    if j not in target_columns:
                        mean, std = standard(columns[j][:, :, None])
                        columns[j] = (columns[j] - mean) / std
        x = ops.reshape(ops.stack(columns, axis=-1), (-1, *input_shape))
        y = call(x)
        if middle is not None:
            y = y[..., middle]
        y = ops.reshape(ops.cast(y, "float32"), (-1, n_targets))
        if scale is not None:
            y = y * scale
        if offset is not None:
            y = y + offset
        if lags:
            levels = ops.stack([window[:, :, j] for j in target_columns], axis=-1)
            histories = [levels]
            for lag in lags[:-1]:
                histories.append(diff(histories[-1], (lag,)))
            for lag, history in zip(reversed(lags), reversed(histories), strict=True):
                y = y + history[:, -lag]
        row = []
        covariate = 0
        for j in range(n_features):
            if j in target_columns:
                row.append(y[:, target_columns.index(j)])
            else:
                row.append(covariate_row[:, covariate])
                covariate += 1
        row = ops.stack(row, axis=-1)
        return y, ops.concatenate([window[:, 1:], row[:, None, :]], axis=1)

    return step


def _compile_loop(network, step, horizon: int):
    """``loop(windows, covariates) -> (n, horizon, n_targets)`` as one
    compiled call: on JAX one ``jax.jit`` of a ``lax.scan`` over the steps
    (the weights passed in, so that later training is seen), on TensorFlow
    one ``tf.function`` of a ``tf.while_loop``, compiled by XLA where the
    network supports it (as a hand-written ``jit_compile=True`` loop). Both
    compile once per batch shape (hence :func:`batch_bucket`). ``windows``
    is float32 ``(n, window_length, n_features)``, ``covariates`` float32
    ``(horizon, n, n_covariates)`` or None (no covariates). None on other
    backends."""
    if BACKEND == "jax":
        import jax

        def run(trainable, non_trainable, windows, covariates):
            def call(x):
                y, _ = network.stateless_call(
                    trainable, non_trainable, x, training=False
                )
                return y

            def body(window, covariate_row):
                y, window = step(call, window, covariate_row)
                return window, y

            outputs = jax.lax.scan(body, windows, covariates, length=horizon)[1]
            return outputs.transpose(1, 0, 2)

        compiled = jax.jit(run)
        # the variables of a built network stay the same objects (training,
        # partial_fit and set_weights assign their values): listed once,
        # their current values read at every call
        trainable = list(network.trainable_variables)
        non_trainable = list(network.non_trainable_variables)

        def loop(windows: np.ndarray, covariates: np.ndarray | None) -> np.ndarray:
            return np.asarray(
                compiled(
                    [v.value for v in trainable],
                    [v.value for v in non_trainable],
                    windows,
                    covariates,
                )
            )

        return loop
    if BACKEND == "tensorflow":
        from keras.src.trainers.trainer import model_supports_jit

        def call(x):
            return network(x, training=False)

        def run(windows, covariates):
            def body(k, window, outputs):
                row = None if covariates is None else covariates[k]
                y, window = step(call, window, row)
                return k + 1, window, outputs.write(k, y)

            outputs = tf.TensorArray(tf.float32, size=horizon)
            _, _, outputs = tf.while_loop(
                lambda k, *_: k < horizon,
                body,
                (tf.constant(0), windows, outputs),
                maximum_iterations=horizon,
            )
            return tf.transpose(outputs.stack(), (1, 0, 2))

        def graph(jit_compile: bool):
            return tf.function(
                run, reduce_retracing=True, autograph=False, jit_compile=jit_compile
            )

        xla = model_supports_jit(network)
        compiled = graph(xla)

        def loop(windows: np.ndarray, covariates: np.ndarray | None) -> np.ndarray:
            nonlocal compiled, xla
            windows = tf.constant(windows)
            if covariates is not None:
                covariates = tf.constant(covariates)
            try:
                return compiled(windows, covariates).numpy()
            except (tf.errors.InvalidArgumentError, tf.errors.UnimplementedError):
                if not xla:
                    raise
                # an op without an XLA kernel: the same graph without XLA
                xla, compiled = False, graph(False)
                return compiled(windows, covariates).numpy()

        return loop
    return None


class RecursiveForecast:
    """A recursive forecast of a fitted Keras window regressor as one
    compiled call.

    Built by :func:`recursive_forecast`; calling it runs all ``horizon``
    steps on the whole batch of windows inside one compiled function
    (padded to :func:`batch_bucket` sizes, in chunks of at most ``chunk``
    windows), the same computation as one ``predict_windows`` call per step
    with the forecasts written back into the windows, to float32 rounding.
    Holds compiled functions: not meant to be pickled.
    """

    #: windows per compiled call
    chunk = 4096

    def __init__(self, network, horizon: int, loop) -> None:
        self.network = network
        self.horizon = horizon
        self.loop = loop

    def __call__(
        self, X: np.ndarray, covariates: np.ndarray | None = None
    ) -> np.ndarray:
        """Forecasts ``(n_windows, horizon, n_targets)`` as float64.

        Parameters
        ----------
        X : ndarray of shape (n_windows, window_length[, n_features])
            Windows in the series' units.
        covariates : ndarray of shape (n_windows, horizon, n_covariates), \
default=None
            Future values of the non-target columns; row ``k`` fills the
            window row of the step forecast at step ``k``. None for windows
            without non-target columns.

        Returns
        -------
        ndarray of shape (n_windows, horizon, n_targets), float64
        """
        windows = np.asarray(X, dtype=np.float32)
        if windows.ndim == 2:
            windows = windows[:, :, None]
        if covariates is not None:
            covariates = np.asarray(covariates, dtype=np.float32)
        n_windows = len(windows)
        parts = []
        for start in range(0, n_windows, self.chunk):
            part = windows[start : start + self.chunk]
            size = batch_bucket(len(part), self.chunk, per_shape=True)
            future = None
            if covariates is not None:
                future = pad_rows(covariates[start : start + self.chunk], size)
                future = np.ascontiguousarray(future.transpose(1, 0, 2))
            y = self.loop(np.ascontiguousarray(pad_rows(part, size)), future)
            parts.append(y[: len(part)])
        y_pred = np.concatenate(parts) if len(parts) > 1 else parts[0]
        return y_pred.astype(np.float64)


def recursive_forecast(
    estimator, target_columns: list[int], horizon: int
) -> RecursiveForecast | None:
    """The whole recursive forecast of a fitted Keras window regressor, compiled.

    Parameters
    ----------
    estimator : object
        A fitted one-step window regressor.
    target_columns : list of int
        The window columns the forecasts are fed back into, in the order of
        the regressor's targets; the other columns are covariates.
    horizon : int
        Steps forecast.

    Returns
    -------
    RecursiveForecast or None
        None where the whole loop cannot be one compiled call: an estimator
        that is not one of skrnn's Keras window regressors with one-step
        targets in ``target_columns`` (a Pipeline, a seq2seq model, ...), or
        a backend other than JAX and TensorFlow. The caller then predicts
        step by step.
    """
    from skrnn.models._base import BaseWindowRegressor
    from skrnn.models._checks import check_target_index

    if not isinstance(estimator, BaseWindowRegressor) or (
        type(estimator).predict_windows is not BaseWindowRegressor.predict_windows
    ):
        return None
    network = getattr(estimator, "model_", None)
    fitted = ("y_shape_", "n_window_features_", "differences_", "window_norm_")
    if not isinstance(network, keras.Model) or not all(
        hasattr(estimator, name) for name in fitted
    ):
        return None
    if getattr(estimator, "seq2seq_", False):
        return None
    columns, several = check_target_index(
        estimator.target_index, estimator.n_window_features_
    )
    y_shape = tuple(estimator.y_shape_)
    one_step = (len(y_shape) == 1 and not several) or (
        len(y_shape) == 2 and several and y_shape[1] == len(columns)
    )
    if not one_step or list(columns) != list(target_columns):
        return None
    step = _graph_step(estimator, network, list(columns))
    loop = _compile_loop(network, step, horizon)
    if loop is None:
        return None
    return RecursiveForecast(network, horizon, loop)


def default_cache_dir() -> str:
    """``$XDG_CACHE_HOME/skrnn/jax-compilation-cache`` (``~/.cache`` by default)."""
    home = os.environ.get("XDG_CACHE_HOME") or os.path.join(
        os.path.expanduser("~"), ".cache"
    )
    return os.path.join(home, "skrnn", "jax-compilation-cache")


def enable_compilation_cache(directory: str | os.PathLike | None = None) -> str | None:
    """Keep JAX's compiled functions on disk, for later processes to reuse.

    Every network skrnn trains or predicts with is compiled by XLA on JAX
    (seconds per model on a small CPU); the persistent compilation cache
    stores the compiled code keyed by the computation, so that a second
    ``skrnn compare`` of the same lineup and data compiles almost nothing.
    Does nothing on other backends, or when the user configured the cache
    (``JAX_COMPILATION_CACHE_DIR``, or ``JAX_ENABLE_COMPILATION_CACHE=false``).

    Parameters
    ----------
    directory : path-like, default=None
        Where to keep it; None means :func:`default_cache_dir`.

    Returns
    -------
    str or None
        The cache directory in use, or None where there is none.
    """
    if BACKEND != "jax":
        return None
    import jax

    if os.environ.get("JAX_ENABLE_COMPILATION_CACHE", "").lower() in {"0", "false"}:
        return None
    configured = os.environ.get("JAX_COMPILATION_CACHE_DIR") or (
        jax.config.jax_compilation_cache_dir
    )
    if configured:
        return str(configured)
    directory = os.fspath(directory) if directory is not None else default_cache_dir()
    try:
        os.makedirs(directory, exist_ok=True)
    except OSError:  # read-only home: compile as before
        return None
    jax.config.update("jax_compilation_cache_dir", directory)
    # skrnn's networks compile in well under JAX's default threshold of 1 s
    jax.config.update("jax_persistent_cache_min_compile_time_secs", 0.0)
    return directory
