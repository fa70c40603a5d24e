"""The scikit-learn base shared by every Keras-backed window regressor.

The base sits on :class:`~skrnn.models._wrapper.KerasWrapper` (scikeras'
``BaseWrapper`` with skrnn's seeding, parameter checks and optimizer) with
:class:`~sklearn.base.RegressorMixin` first in the MRO. scikeras'
``KerasRegressor`` declares the mixin *after* ``BaseEstimator``, so under
scikit-learn >= 1.6 it reports no estimator type (``is_regressor`` is False)
and a subclass cannot put the mixin first without an MRO error. Basing on
``BaseWrapper`` directly keeps scikeras' model building, parameter routing
(``optimizer__*``, ``fit__*``), pickling and ``partial_fit``, and gives correct
regressor tags.

What the base adds on top of scikeras:

* the network is built from the fitted shapes: 2-D windows ``(n, L)`` are one
  feature (reshaped to ``(n, L, 1)`` inside the graph), 3-D windows are
  ``(n, L, n_features)``; the output width follows ``y`` (one value, several
  targets, ``horizon`` values, ``(horizon, n_targets)``, or a sequence for
  seq2seq targets ``(n, L, horizon)``);
* per-window normalisation (``window_norm``) and differencing
  (``differences``) of the target columns, inverted on predict;
* a time-ordered validation split for early stopping that drops the windows
  straddling the split (see :meth:`BaseWindowRegressor._time_ordered_split`);
* predictions through ``predict_on_batch`` (one graph call per chunk, about
  30x less overhead than ``model.predict`` on small inputs), as float64.
"""

from __future__ import annotations

import numbers
from collections import defaultdict

import keras
import numpy as np
from sklearn.base import RegressorMixin
from sklearn.metrics import r2_score
from sklearn.utils._param_validation import (
    HasMethods,
    Interval,
    StrOptions,
)
from sklearn.utils.validation import check_array, check_consistent_length, validate_data

from skrnn._transforms.differencing import (
    check_differences,
    difference_targets,
    difference_windows,
    integrate_targets,
)
from skrnn._transforms.window_norm import (
    METHODS as WINDOW_NORMS,
)
from skrnn._transforms.window_norm import (
    denormalize_targets,
    normalize_targets,
    normalize_windows,
    window_stats,
)
from skrnn.models._wrapper import KerasWrapper

LOSSES = frozenset({"mse", "mae", "huber"})
OPTIMIZERS = frozenset(
    {"adam", "adamw", "nadam", "adamax", "adagrad", "rmsprop", "sgd", "lion"}
)
_PREDICT_CHUNK = 4096


class _TargetShape:
    """scikeras target encoder: float32 targets in, the fitted shape back out."""

    def fit(self, y: np.ndarray) -> _TargetShape:
        self.y_shape_ = y.shape
        self.n_outputs_ = int(np.prod(y.shape[1:], dtype=int)) if y.ndim > 1 else 1
        return self

    def transform(self, y: np.ndarray) -> np.ndarray:
        if y.shape[1:] != self.y_shape_[1:]:
            raise ValueError(
                f"y has per-window shape {y.shape[1:]}, but the model was fitted "
                f"on per-window targets of shape {self.y_shape_[1:]}."
            )
        return y

    def inverse_transform(self, y: np.ndarray) -> np.ndarray:
        return y

    def get_metadata(self) -> dict:
        return {"y_shape_": self.y_shape_, "n_outputs_": self.n_outputs_}


class BaseWindowRegressor(RegressorMixin, KerasWrapper):
    """Base class of the Keras window regressors (not used directly).

    Subclasses implement ``_build_body(x, return_sequences)`` that maps the
    Keras tensor of windows ``(batch, window_length, n_features)`` to either a
    vector per window or, when ``return_sequences`` is True, a sequence
    ``(batch, steps, units)``. The base adds the optional dense layers, the
    output head and the training machinery.

    Parameters
    ----------
    loss : {"mse", "mae", "huber"} or callable, default="mse"
        Training loss.
    optimizer : str or keras optimizer, default="adam"
        A Keras optimizer name ("adam", "sgd", "rmsprop", ...), class or
        instance. Names and classes get ``learning_rate`` and ``momentum``;
        other optimizer arguments route as ``optimizer__<name>=value``.
    learning_rate : float, default=1e-3
        Learning rate of a named optimizer.
    momentum : float, default=0.0
        Momentum for "sgd" and "rmsprop" (an error for optimizers without one
        when non-zero).
    epochs : int, default=50
        Maximum number of passes over the training windows.
    batch_size : int, default=32
        Windows per gradient step.
    validation_fraction : float, default=0.1
        Fraction of the (time-ordered) windows held out for early stopping.
    early_stopping : bool, default=False
        Stop when the validation loss has not improved for ``patience``
        epochs and restore the best weights. The validation windows are the
        last ``validation_fraction`` of the windows; the windows whose inputs
        or targets overlap both sides of the split are dropped (see Notes).
        A ``validation_data=(X_val, y_val)`` passed to ``fit`` is used instead
        of the split.
    patience : int, default=10
        Epochs without improvement before early stopping.
    window_norm : {None, "last", "mean", "standard"}, default=None
        Reversible per-window normalisation: subtract each window's last
        value (or mean; or standardise by its mean and standard deviation)
        from the target column(s) of the window and from its targets, and add
        it back to the predictions. Lets a network forecast a series whose
        level drifts beyond the training range. None trains on raw levels.
        With ``differences``, applied to the differenced windows and targets.
    differences : tuple of int, default=()
        Difference lags of the target column(s), applied in order inside each
        window: ``(1,)`` removes a trend, ``(7,)`` a weekly season, ``(1, 7)``
        both. The network sees ``window_length - sum(differences)`` steps of
        differences (other columns trimmed to the same steps) and learns the
        differences at the target steps; its predictions are integrated back
        from the window's own values (cumulative for lag 1, seasonal for lag
        ``s``). Each lag and their sum must be < ``window_length``. Not for
        seq2seq targets (use ``window_norm`` there). () trains on levels.
    target_index : int or sequence of int, default=0
        Window column(s) that the targets measure (for ``window_norm`` and
        ``differences``); a sequence for one-step targets of several columns
        ``(n, n_targets)``.
    window_norm_features : bool, default=False
        With ``window_norm``, also standardise every other window column by
        its own per-window mean and standard deviation.
    seq2seq : bool or "auto", default="auto"
        Train on seq2seq targets ``(n, window_length, horizon)``: a forecast
        at every time step. "auto" takes a 3-D ``y`` whose second axis equals
        the window length as seq2seq.
    random_state : int, RandomState instance or None, default=None
        Seeds weight initialisation, shuffling and dropout. An int gives
        identical predictions from fit to fit.
    verbose : int, default=0
        Keras progress output: 0 silent, 1 progress bar, 2 one line per epoch.
    warm_start : bool, default=False
        Keep the weights of a previous fit and continue training.
    metrics : list or None, default=None
        Extra Keras metrics logged in ``history_``.
    callbacks : list or None, default=None
        Extra Keras callbacks for ``fit``.
    shuffle : bool, default=True
        Shuffle the training windows every epoch.
    **kwargs
        Routed parameters, e.g. ``optimizer__nesterov=True`` or
        ``fit__validation_freq=2``.

    Notes
    -----
    Overlapping windows share time steps, so a random validation split leaks
    the validation targets into training. The split here is time-ordered:
    the last ``ceil(validation_fraction * n_windows)`` windows validate, and
    the ``window_length + width - 1`` windows before them (``width`` = the
    number of target steps per window, 1 for one-step targets) are dropped,
    so that no time step is used on both sides.
    """

    _parameter_constraints: dict = {
        "loss": [StrOptions(LOSSES), callable],
        "optimizer": [StrOptions(OPTIMIZERS), HasMethods(["apply_gradients"])],
        "learning_rate": [Interval(numbers.Real, 0, None, closed="neither")],
        "momentum": [Interval(numbers.Real, 0, 1, closed="left")],
        "epochs": [Interval(numbers.Integral, 1, None, closed="left")],
        "batch_size": [Interval(numbers.Integral, 1, None, closed="left")],
        "validation_fraction": [Interval(numbers.Real, 0, 1, closed="neither")],
        "early_stopping": ["boolean"],
        "patience": [Interval(numbers.Integral, 0, None, closed="left")],
        "window_norm": [None, StrOptions(set(WINDOW_NORMS))],
        "differences": [
            Interval(numbers.Integral, 1, None, closed="left"),
            list,
            tuple,
        ],
        "target_index": [
            Interval(numbers.Integral, 0, None, closed="left"),
            list,
            tuple,
        ],
        "window_norm_features": ["boolean"],
        "seq2seq": ["boolean", StrOptions({"auto"})],
        "random_state": ["random_state"],
        "verbose": ["verbose"],
        "warm_start": ["boolean"],
        "shuffle": ["boolean"],
    }

    def __init__(
        self,
        *,
        loss="mse",
        optimizer="adam",
        learning_rate=1e-3,
        momentum=0.0,
        epochs=50,
        batch_size=32,
        validation_fraction=0.1,
        early_stopping=False,
        patience=10,
        window_norm=None,
        differences=(),
        target_index=0,
        window_norm_features=False,
        seq2seq="auto",
        random_state=None,
        verbose=0,
        warm_start=False,
        metrics=None,
        callbacks=None,
        shuffle=True,
        **kwargs,
    ):
        self.loss = loss
        self.optimizer = optimizer
        self.learning_rate = learning_rate
        self.momentum = momentum
        self.epochs = epochs
        self.batch_size = batch_size
        self.validation_fraction = validation_fraction
        self.early_stopping = early_stopping
        self.patience = patience
        self.window_norm = window_norm
        self.differences = differences
        self.target_index = target_index
        self.window_norm_features = window_norm_features
        self.seq2seq = seq2seq
        self.random_state = random_state
        self.verbose = verbose
        self.warm_start = warm_start
        self.metrics = metrics
        self.callbacks = callbacks
        self.shuffle = shuffle
        vars(self).update(kwargs)
        self._user_params = set(kwargs)

    # -- scikeras plumbing -------------------------------------------------

    @property
    def target_encoder(self):
        return _TargetShape()

    def __sklearn_tags__(self):
        tags = super().__sklearn_tags__()
        tags.input_tags.three_d_array = True
        tags.target_tags.required = True
        tags.target_tags.multi_output = True
        tags.regressor_tags.poor_score = True
        return tags

    def _validate_data(self, X=None, y=None, reset=False, y_numeric=True):
        if X is not None:
            X = self._check_windows(X, reset=reset)
        if y is not None:
            y = check_array(
                y,
                ensure_2d=False,
                allow_nd=True,
                dtype=np.float32,
                input_name="y",
            )
            if reset:
                self.y_ndim_ = y.ndim
            elif y.ndim != self.y_ndim_:
                raise ValueError(
                    f"y has {y.ndim} dimensions, but {type(self).__name__} was "
                    f"fitted on y with {self.y_ndim_}."
                )
        if X is not None and y is not None:
            check_consistent_length(X, y)
        return X, y

    def _check_windows(self, X, *, reset: bool) -> np.ndarray:
        shape = (
            X.shape if hasattr(X, "shape") else np.shape(np.asarray(X, dtype=object))
        )
        if len(shape) not in (2, 3):
            raise ValueError(
                "X must be 2-D windows (n_windows, window_length) or 3-D windows "
                f"(n_windows, window_length, n_features); got shape {tuple(shape)}. "
                "Reshape your data, e.g. one univariate window w as w.reshape(1, -1)."
            )
        X = validate_data(
            self,
            X,
            reset=reset,
            accept_sparse=False,
            allow_nd=True,
            dtype=np.float32,
        )
        if reset:
            self.X_shape_ = X.shape
            self.X_dtype_ = X.dtype
            self.window_length_ = X.shape[1]
            self.n_window_features_ = X.shape[2] if X.ndim == 3 else 1
        elif X.ndim != len(self.X_shape_) or X.shape[1:] != self.X_shape_[1:]:
            raise ValueError(
                f"X has windows of shape {X.shape[1:]}, but {type(self).__name__} "
                f"was fitted on windows of shape {self.X_shape_[1:]} "
                "(window_length[, n_features])."
            )
        return X

    def _get_compile_kwargs(self):
        kwargs = super()._get_compile_kwargs()
        if isinstance(self.optimizer, (str, type)):
            kwargs["optimizer"] = self._make_optimizer(type(kwargs["optimizer"]))
        return kwargs

    # -- model -------------------------------------------------------------

    def _keras_build_fn(self, compile_kwargs: dict) -> keras.Model:
        steps = self.window_length_ - sum(self.differences_)
        inputs = keras.Input(
            shape=(steps, *self.X_shape_[2:]), dtype="float32", name="windows"
        )
        x = inputs
        if len(self.X_shape_) == 2:
            x = keras.layers.Reshape((steps, 1))(x)
        x = self._build_body(x, return_sequences=self.seq2seq_)
        for units in self._dense_layer_sizes():
            x = keras.layers.Dense(units, activation="relu")(x)
        outputs = self._build_head(x)
        model = keras.Model(inputs, outputs, name=type(self).__name__)
        model.compile(**compile_kwargs)
        return model

    def _dense_layer_sizes(self) -> tuple[int, ...]:
        return _as_layer_sizes(
            getattr(self, "dense_layer_sizes", ()), "dense_layer_sizes"
        )

    def _build_head(self, x):
        """Linear output layer shaped like one window's target."""
        target_shape = self.y_shape_[1:]
        if self.seq2seq_:
            return keras.layers.Dense(target_shape[-1], name="head")(x)
        x = keras.layers.Dense(self.n_outputs_, name="head")(x)
        if len(target_shape) > 1:
            x = keras.layers.Reshape(target_shape)(x)
        return x

    # -- fit ---------------------------------------------------------------

    def fit(self, X, y, sample_weight=None, **kwargs) -> BaseWindowRegressor:
        """Build a fresh network (unless ``warm_start``) and train it.

        Parameters
        ----------
        X : array-like of shape (n_windows, window_length) or \
(n_windows, window_length, n_features)
            Training windows; 2-D means one feature.
        y : array-like of shape (n_windows,), (n_windows, n_outputs), \
(n_windows, horizon, n_targets) or (n_windows, window_length, horizon)
            Targets: one-step, several targets or direct horizon, direct
            multi-target, or seq2seq (see ``seq2seq``).
        sample_weight : array-like of shape (n_windows,), default=None
            Per-window weights of the loss.
        **kwargs
            Passed to ``keras.Model.fit`` (e.g. ``validation_data``).

        Returns
        -------
        self
        """
        self._validate_params(y)
        return super().fit(X, y, sample_weight=sample_weight, **kwargs)

    def partial_fit(self, X, y, sample_weight=None, **kwargs) -> BaseWindowRegressor:
        """Train one more epoch on ``(X, y)``, keeping the current weights.

        Parameters
        ----------
        X, y, sample_weight, **kwargs
            As in :meth:`fit`.

        Returns
        -------
        self
        """
        self._validate_params(y)
        return super().partial_fit(X, y, sample_weight=sample_weight, **kwargs)

    def _initialize(self, X, y=None):
        X, y = self._validate_data(X, y, reset=True)
        self.seq2seq_ = self._resolve_seq2seq(y)
        self.differences_ = check_differences(self.differences, self.window_length_)
        if self.differences_ and self.seq2seq_:
            raise ValueError(
                f"differences={self.differences_} does not support seq2seq targets "
                "(n_windows, window_length, horizon); use window_norm (e.g. "
                "window_norm='last') for seq2seq models, or direct targets."
            )
        self.target_encoder_ = self.target_encoder.fit(y)
        vars(self).update(self.target_encoder_.get_metadata())
        self.feature_encoder_ = self.feature_encoder.fit(X)
        self.model_ = self._build_keras_model()
        self._initialize_callbacks()
        return X, y

    def _resolve_seq2seq(self, y: np.ndarray) -> bool:
        is_sequence = y.ndim == 3 and y.shape[1] == self.window_length_
        if self.seq2seq == "auto":
            return is_sequence
        if self.seq2seq and not is_sequence:
            raise ValueError(
                "seq2seq=True needs y of shape (n_windows, window_length, horizon) "
                f"= (n, {self.window_length_}, horizon); got y of shape {y.shape}."
            )
        return bool(self.seq2seq)

    def _fit_keras_model(
        self, X, y, sample_weight, warm_start, epochs, initial_epoch, **kwargs
    ) -> None:
        fit_args = self._keras_fit_args(epochs, initial_epoch, kwargs)
        if self.differences_ or self.window_norm is not None:
            X, y = self._transform(X, y)
            if fit_args.get("validation_data") is not None:
                X_val, y_val, *rest = fit_args["validation_data"]
                X_val, y_val = self._transform(
                    np.asarray(X_val, dtype=np.float32),
                    np.asarray(y_val, dtype=np.float32),
                )
                fit_args["validation_data"] = (X_val, y_val, *rest)
        if self.seq2seq_:
            y = self._align_targets(y)
            if fit_args.get("validation_data") is not None:
                X_val, y_val, *rest = fit_args["validation_data"]
                y_val = self._align_targets(np.asarray(y_val, dtype=np.float32))
                fit_args["validation_data"] = (X_val, y_val, *rest)
        callbacks = list(self._fit_callbacks)
        if self.early_stopping:
            if fit_args.get("validation_data") is None:
                X, y, sample_weight, fit_args["validation_data"] = (
                    self._time_ordered_split(X, y, sample_weight)
                )
            callbacks.append(
                keras.callbacks.EarlyStopping(
                    monitor="val_loss",
                    patience=self.patience,
                    restore_best_weights=True,
                )
            )
        history = self.model_.fit(
            x=X, y=y, sample_weight=sample_weight, callbacks=callbacks, **fit_args
        )
        if not warm_start or not hasattr(self, "history_") or initial_epoch == 0:
            self.history_ = defaultdict(list)
        for key, values in history.history.items():
            self.history_[key] += values

    # -- per-window normalisation ---------------------------------------------

    def _norm_columns(self) -> list[int]:
        columns = (
            [self.target_index]
            if isinstance(self.target_index, numbers.Integral)
            else list(self.target_index)
        )
        if not columns or any(not 0 <= c < self.n_window_features_ for c in columns):
            raise ValueError(
                f"target_index={self.target_index!r} must name columns of the "
                f"windows, i.e. ints in [0, {self.n_window_features_}); the "
                f"windows have {self.n_window_features_} feature(s)."
            )
        return columns

    def _target_layout(self) -> str:
        if self.seq2seq_:
            return "seq2seq"
        several = not isinstance(self.target_index, numbers.Integral)
        if len(self.y_shape_) == 1 or (len(self.y_shape_) == 2 and several):
            return "one-step"
        return "direct"

    def _normalize(self, X: np.ndarray, y: np.ndarray | None = None):
        """Windows (and targets) in per-window units, and the statistics."""
        columns = self._norm_columns()
        stats = window_stats(X, columns, self.window_norm)
        X_norm = normalize_windows(
            X, columns, stats, all_features=self.window_norm_features
        )
        if y is None:
            return X_norm, stats
        return X_norm, normalize_targets(y, stats, self._target_layout())

    def _transform(self, X: np.ndarray, y: np.ndarray):
        """Training windows and targets as the network sees them.

        ``differences`` first (windows shortened by ``sum(differences)``),
        then ``window_norm`` on the differenced windows and targets.
        """
        if self.differences_:
            columns, layout = self._norm_columns(), self._target_layout()
            y = difference_targets(X, y, columns, self.differences_, layout)
            X = difference_windows(X, columns, self.differences_)
        if self.window_norm is not None:
            X, y = self._normalize(X, y)
        return X, y

    def _align_targets(self, y: np.ndarray) -> np.ndarray:
        """Map seq2seq targets to the time steps of the network's output.

        Hook for networks whose output sequence does not have one step per
        window time step (a strided convolution in front, for instance).
        Called on the seq2seq targets ``(n_windows, window_length, horizon)``
        before training (and on ``validation_data`` targets); returns
        ``(n_windows, n_output_steps, horizon)``. The identity here.
        """
        return y

    def _target_width(self, y: np.ndarray) -> int:
        """Number of target time steps one window looks ahead."""
        if y.ndim == 1:
            return 1
        return y.shape[2] if self.seq2seq_ else y.shape[1]

    def _time_ordered_split(self, X, y, sample_weight):
        """Split windows into train / validation in time order.

        The validation windows are the last ``ceil(validation_fraction * n)``;
        the ``window_length + width - 1`` windows just before them are
        dropped, because their inputs or targets share time steps with the
        validation windows.

        Returns
        -------
        X_train, y_train, sample_weight_train, (X_val, y_val[, sample_weight_val])
        """
        n_windows = len(X)
        n_val = int(np.ceil(self.validation_fraction * n_windows))
        gap = self.window_length_ + self._target_width(y) - 1
        n_train = n_windows - n_val - gap
        if n_train < 1:
            raise ValueError(
                f"early_stopping needs more windows: validation_fraction="
                f"{self.validation_fraction} of {n_windows} windows holds out "
                f"{n_val}, and the {gap} windows that overlap the split are "
                f"dropped, leaving {n_train} for training."
            )
        start_val = n_windows - n_val
        validation = (X[start_val:], y[start_val:])
        if sample_weight is not None:
            validation += (sample_weight[start_val:],)
            sample_weight = sample_weight[:n_train]
        return X[:n_train], y[:n_train], sample_weight, validation

    # -- predict -----------------------------------------------------------

    def predict(self, X, *, return_sequences: bool = False) -> np.ndarray:
        """Predict the targets of windows.

        Parameters
        ----------
        X : array-like of shape (n_windows, window_length) or \
(n_windows, window_length, n_features)
            Windows shaped like the training windows.
        return_sequences : bool, default=False
            For seq2seq models, return the forecasts at every time step
            ``(n_windows, window_length, horizon)`` instead of the last step's.

        Returns
        -------
        y_pred : ndarray of float64
            Shaped like one training target per window; for seq2seq models
            ``(n_windows, horizon)`` (the last step), or the full sequence.
        """
        if not self.initialized_:
            from sklearn.exceptions import NotFittedError

            raise NotFittedError(
                f"This {type(self).__name__} instance is not fitted yet. Call "
                "'fit' with appropriate arguments before using this estimator."
            )
        X, _ = self._validate_data(X)
        y_pred = self._predict_windows(X)
        if self.seq2seq_ and not return_sequences:
            y_pred = y_pred[:, -1]
        return y_pred.astype(np.float64, copy=False)

    def _predict_windows(self, X: np.ndarray) -> np.ndarray:
        """Network output for validated float32 windows, chunk by chunk.

        With ``differences`` and/or ``window_norm`` the windows are
        differenced and/or normalised first and the output is mapped back to
        the series' units (denormalised, then integrated).
        """
        stats = None
        levels = X
        differences = getattr(self, "differences_", ())
        if differences:
            X = difference_windows(X, self._norm_columns(), differences)
        if self.window_norm is not None:
            X, stats = self._normalize(X)
        chunks = [
            np.asarray(self.model_.predict_on_batch(X[start : start + _PREDICT_CHUNK]))
            for start in range(0, len(X), _PREDICT_CHUNK)
        ]
        y_pred = np.concatenate(chunks) if len(chunks) > 1 else chunks[0]
        if len(self.y_shape_) == 1:
            y_pred = y_pred.reshape(-1)
        if stats is not None:
            y_pred = denormalize_targets(y_pred, stats, self._target_layout())
        if differences:
            y_pred = integrate_targets(
                levels, y_pred, self._norm_columns(), differences, self._target_layout()
            )
        return y_pred

    def score(self, X, y, sample_weight=None) -> float:
        """R² of the predictions (the last time step for seq2seq models).

        Parameters
        ----------
        X : array-like of shape (n_windows, window_length[, n_features])
            Windows.
        y : array-like
            True targets, shaped like the training targets.
        sample_weight : array-like of shape (n_windows,), default=None
            Per-window weights.

        Returns
        -------
        float
            ``sklearn.metrics.r2_score`` averaged uniformly over outputs.
        """
        y_pred = self.predict(X)
        y_true = np.asarray(y, dtype=np.float64)
        if self.seq2seq_ and y_true.ndim == 3:
            y_true = y_true[:, -1]
        n = len(y_true)
        if y_true.ndim > 2:
            y_true, y_pred = y_true.reshape(n, -1), y_pred.reshape(n, -1)
        return float(r2_score(y_true, y_pred, sample_weight=sample_weight))


def _as_layer_sizes(sizes, name: str) -> tuple[int, ...]:
    """Validate a tuple of layer widths; an int means one layer."""
    if isinstance(sizes, numbers.Integral) and not isinstance(sizes, bool):
        sizes = (sizes,)
    try:
        sizes = tuple(sizes)
    except TypeError:
        raise TypeError(
            f"{name} must be a tuple of positive ints, got {sizes!r}."
        ) from None
    if not all(
        isinstance(s, numbers.Integral) and not isinstance(s, bool) and s > 0
        for s in sizes
    ):
        raise ValueError(f"{name} must be a tuple of positive ints, got {sizes!r}.")
    return tuple(int(s) for s in sizes)
