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
* optional quantile outputs (``quantiles``): a non-crossing head and the
  pinball loss from :mod:`skrnn.models._quantile`, ``predict`` giving the
  middle quantile and :meth:`BaseWindowRegressor.predict_quantiles` them all;
* a time-ordered validation split for early stopping that drops the windows
  straddling the split (see :meth:`BaseWindowRegressor._time_ordered_split`);
* an optional seasonal-median baseline that the network corrects
  (``seasonal_baseline``), the correction weighed after training
  (``correction_weight``; :mod:`skrnn.models._seasonal_baseline`);
* predictions through ``predict_on_batch`` (one graph call per chunk, about
  30x less overhead than ``model.predict`` on small inputs), as float64.
"""

from __future__ import annotations

import numbers
import warnings
from collections.abc import Callable, Sequence

import keras
import numpy as np
from sklearn.base import RegressorMixin
from sklearn.utils._param_validation import Interval, StrOptions
from sklearn.utils.validation import check_array, check_consistent_length

from skrnn._contract import (
    DIRECT,
    ONE_STEP,
    SEQ2SEQ,
    WindowRegressorMixin,
)
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
from skrnn._validation import check_float32
from skrnn.models._checks import (
    WindowScoreMixin,
    check_layer_sizes,
    check_target_index,
    check_validation_data,
    check_windows,
)
from skrnn.models._docstrings import document_parameters
from skrnn.models._parameters import (
    FIT_OPTIONS,
    TRAINING_PARAMETERS,
    estimator_parameters,
)
from skrnn.models._quantile import (
    PinballLoss,
    check_quantiles,
    median_index,
    quantile_head,
)
from skrnn.models._seasonal_baseline import (
    MIN_SEASONS,
    BaselinePlusCorrection,
    SeasonalMedian,
    check_seasonal_period,
    choose_correction_weight,
    n_baseline_seasons,
)
from skrnn.models._wrapper import TRAINING_CONSTRAINTS, KerasWrapper

LOSSES = frozenset({"mse", "mae", "huber"})
#: The training noise of ``input_noise="auto"`` on standardised windows.
AUTO_INPUT_NOISE = 0.3


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


class ForecastErrorLog(keras.callbacks.Callback):
    """Keras callback: log ``score()`` as ``val_forecast_error`` every epoch.

    Parameters
    ----------
    score : callable
        Called without arguments after every epoch; returns the error of
        the current network's forecasts (lower is better).
    """

    key = "val_forecast_error"

    def __init__(self, score: Callable[[], float]):
        super().__init__()
        self.score = score

    def on_epoch_end(self, epoch: int, logs: dict | None = None) -> None:
        if logs is not None:
            logs[self.key] = float(self.score())


#: Constraints of the parameters every Keras window regressor has.
REGRESSOR_CONSTRAINTS: dict = {
    **TRAINING_CONSTRAINTS,
    "loss": [StrOptions(LOSSES), callable],
    "window_norm": [None, StrOptions({*WINDOW_NORMS, "auto"})],
    "input_noise": [
        Interval(numbers.Real, 0, None, closed="left"),
        StrOptions({"auto"}),
    ],
    "seasonal_baseline": [
        None,
        StrOptions({"auto"}),
        Interval(numbers.Integral, 2, None, closed="left"),
    ],
    "correction_weight": [
        StrOptions({"auto"}),
        Interval(numbers.Real, 0, 1, closed="both"),
    ],
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
    "quantiles": [None, "array-like"],
}

#: Defaults of the parameters every Keras window regressor has, in the order
#: they close its signature (after the model's own parameters; see
#: :func:`skrnn.models._parameters.estimator_parameters`).
REGRESSOR_PARAMETERS: dict = {
    "loss": "mae",
    **TRAINING_PARAMETERS,
    "validation_fraction": 0.2,
    "window_norm": "auto",
    "input_noise": "auto",
    "seasonal_baseline": "auto",
    "correction_weight": "auto",
    "differences": (),
    "target_index": 0,
    "window_norm_features": False,
    "seq2seq": "auto",
    "quantiles": None,
    **FIT_OPTIONS,
}


@estimator_parameters(shared=REGRESSOR_PARAMETERS)
@document_parameters()
class BaseWindowRegressor(
    WindowRegressorMixin, WindowScoreMixin, RegressorMixin, KerasWrapper
):
    """Base class of the Keras window regressors (not used directly).

    Subclasses implement ``_build_body(x, return_sequences)`` that maps the
    Keras tensor of windows ``(batch, window_length, n_features)`` to either a
    vector per window or, when ``return_sequences`` is True, a sequence
    ``(batch, steps, units)``. The base adds the optional dense layers, the
    output head and the training machinery. Subclasses whose architecture
    depends on the fitted shapes check it, and set the attributes derived
    from it, in ``_prepare_architecture(n_steps)``; the graph builders
    (``_build_body``, ``_build_head``) set no attributes. Subclasses get
    their ``__init__`` from
    :func:`~skrnn.models._parameters.estimator_parameters`: their model
    parameters, then :data:`REGRESSOR_PARAMETERS`.

    Parameters
    ----------
    %(training_parameters)s

    Notes
    -----
    %(contract)s
    """

    takes_validation_data = True
    takes_validation_error = True
    takes_seasonal_period = True

    _parameter_constraints: dict = REGRESSOR_CONSTRAINTS

    # -- window-regressor contract -------------------------------------------

    def window_settings(
        self, *, target_index: int | Sequence[int], layout: str
    ) -> dict:
        return {"target_index": target_index, "seq2seq": layout == SEQ2SEQ}

    @property
    def differences_target(self) -> bool:
        """Whether the network differences its target column(s) (``differences``)."""
        differences = self.differences
        if isinstance(differences, numbers.Integral):
            return True
        return len(differences) > 0

    # -- scikeras plumbing -------------------------------------------------

    @property
    def target_encoder(self):
        return _TargetShape()

    def _validate_data(self, X=None, y=None, reset=False, y_numeric=True):
        if X is not None:
            X = check_windows(self, X, reset=reset, dtype=np.float32)
            if reset:
                self.X_shape_ = X.shape
                self.X_dtype_ = X.dtype
        if y is not None:
            y = check_array(
                y,
                ensure_2d=False,
                allow_nd=True,
                dtype=(np.float64, np.float32),
                input_name="y",
            )
            y = check_float32(y, "y")
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

    def _get_compile_kwargs(self):
        kwargs = super()._get_compile_kwargs()
        if isinstance(self.optimizer, (str, type)):
            kwargs["optimizer"] = self._make_optimizer(type(kwargs["optimizer"]))
        if getattr(self, "quantiles_", None) is not None:
            kwargs["loss"] = PinballLoss(self.quantiles_)
        return kwargs

    def _validate_params(self, y) -> None:
        super()._validate_params(y)
        check_quantiles(self.quantiles, owner=type(self).__name__)
        if isinstance(self.correction_weight, bool):
            raise ValueError(
                "correction_weight must be a number from 0 to 1 (the weight of "
                "the network's correction to the seasonal baseline) or 'auto', "
                f"got the bool {self.correction_weight}."
            )
        if self.quantiles is not None and self.correction_weight not in ("auto", 1):
            raise ValueError(
                f"{type(self).__name__} got quantiles={self.quantiles} and "
                f"correction_weight={self.correction_weight!r}: a weight below 1 "
                "would also shrink the spread of the quantiles around the "
                "seasonal baseline; leave correction_weight='auto' (1 with "
                "quantiles) or set it to 1."
            )
        default_loss = REGRESSOR_PARAMETERS["loss"]
        if self.quantiles is not None and not (
            isinstance(self.loss, str) and self.loss == default_loss
        ):
            raise ValueError(
                f"{type(self).__name__} got quantiles={self.quantiles} and "
                f"loss={self.loss!r}: with quantiles the network trains on the "
                "pinball loss averaged over the quantiles, so loss must be left "
                f"at its default ({default_loss!r}, unused); drop loss= or set "
                "quantiles=None."
            )

    # -- model -------------------------------------------------------------

    def _n_steps(self) -> int:
        """Time steps of the windows the network sees (after differencing)."""
        return self.window_length_ - sum(self.differences_)

    def _prepare_architecture(self, n_steps: int) -> None:
        """Hook: check the architecture against the fitted shapes.

        Called at fit, before the network is built, with the number of time
        steps the network sees; subclasses raise on impossible
        architectures and set the fitted attributes derived from the shapes
        here (the graph builders set none). Nothing to do here.
        """

    def _keras_build_fn(self, compile_kwargs: dict) -> keras.Model:
        steps = self._n_steps()
        inputs = keras.Input(
            shape=(steps, *self.X_shape_[2:]), dtype="float32", name="windows"
        )
        x = inputs
        if len(self.X_shape_) == 2:
            x = keras.layers.Reshape((steps, 1))(x)
        if self.input_noise_ > 0:
            x = keras.layers.GaussianNoise(self.input_noise_, name="input_noise")(x)
        x = self._build_body(x, return_sequences=self.seq2seq_)
        for units in self._dense_layer_sizes():
            x = keras.layers.Dense(units, activation="relu")(x)
        outputs = self._build_head(x)
        if self.seasonal_baseline_ is not None:
            outputs = self._add_seasonal_baseline(inputs, outputs)
        model = keras.Model(inputs, outputs, name=type(self).__name__)
        model.compile(**compile_kwargs)
        return model

    def _add_seasonal_baseline(self, inputs, outputs):
        """``outputs`` plus the seasonal median of the ``inputs`` windows
        (one value per target value, shared by every quantile level)."""
        shape = tuple(outputs.shape[1:])
        if getattr(self, "quantiles_", None) is not None:
            shape = (*shape[:-1], 1)
        baseline = SeasonalMedian(
            period=self.seasonal_baseline_,
            n_seasons=n_baseline_seasons(self.window_length_, self.seasonal_baseline_),
            n_steps=1 if self._target_layout() == ONE_STEP else self.y_shape_[1],
            columns=self._target_columns()[0],
            target_shape=shape,
            name="seasonal_baseline",
        )(inputs)
        return BaselinePlusCorrection(name="baseline_plus_network")([outputs, baseline])

    def _dense_layer_sizes(self) -> tuple[int, ...]:
        return check_layer_sizes(
            getattr(self, "dense_layer_sizes", ()), "dense_layer_sizes"
        )

    def _build_head(self, x):
        """Linear output layer shaped like one window's target."""
        target_shape = self.y_shape_[1:]
        if self.seq2seq_:
            return keras.layers.Dense(target_shape[-1], name="head")(x)
        if getattr(self, "quantiles_", None) is not None:
            return quantile_head(x, target_shape, self.quantiles_)
        x = keras.layers.Dense(self.n_outputs_, name="head")(x)
        if len(target_shape) > 1:
            x = keras.layers.Reshape(target_shape)(x)
        return x

    # -- fit ---------------------------------------------------------------

    def fit(self, X, y, sample_weight=None, **kwargs) -> BaseWindowRegressor:
        """Build a fresh network (unless ``warm_start``) and train it.

        Parameters
        ----------
        %(training_windows)s
        y : array-like of shape (n_windows,), (n_windows, n_outputs), \
(n_windows, horizon, n_targets) or (n_windows, window_length, horizon)
            Targets: one-step, several targets or direct horizon, direct
            multi-target, or seq2seq (see ``seq2seq``).
        sample_weight : array-like of shape (n_windows,), default=None
            Per-window weights of the loss.
        %(keras_fit_end)s
        """
        self._validate_params(y)
        self._validation_error = self._check_validation_error(kwargs)
        self._seasonal_period = check_seasonal_period(
            kwargs.pop("seasonal_period", None)
        )
        try:
            return super().fit(X, y, sample_weight=sample_weight, **kwargs)
        finally:
            self._validation_error = self._seasonal_period = None

    def _check_validation_error(self, kwargs: dict) -> tuple | None:
        """Pop ``validation_error`` from the fit arguments: with the raw
        validation windows it scores, or None."""
        error = kwargs.pop("validation_error", None)
        if error is None:
            return None
        if not callable(error):
            raise TypeError(
                "validation_error must be a callable that takes the predictions "
                "on the validation windows and returns an error (lower is "
                f"better), got {type(error).__name__}."
            )
        if kwargs.get("validation_data") is None:
            raise ValueError(
                "validation_error scores predictions on validation_data; pass "
                "validation_data=(X_val, y_val) to fit as well."
            )
        return error, np.asarray(kwargs["validation_data"][0])

    def _early_stopping_monitor(self) -> tuple[str, list]:
        """Watch ``validation_error`` (the forecast error in the series'
        units) when ``fit`` got one, else the validation loss."""
        if getattr(self, "_validation_error", None) is None:
            return super()._early_stopping_monitor()
        return ForecastErrorLog.key, [ForecastErrorLog(self._validation_score)]

    def _validation_score(self) -> float:
        """The ``validation_error`` of the current network's forecasts of
        the validation windows that ``fit`` got."""
        error, X_val = self._validation_error
        return error(self.predict_windows(X_val))

    def _before_training(self) -> None:
        """Train the network on its full correction to the seasonal baseline."""
        layer = self._correction_layer()
        if layer is not None:
            layer.set_correction_weight(1.0)

    def _after_training(self) -> None:
        """Weigh the correction to the seasonal baseline (``correction_weight_``)."""
        self.correction_weight_ = self._weigh_correction(self._correction_layer())

    def _correction_layer(self) -> BaselinePlusCorrection | None:
        """The layer that adds the network's output to the seasonal
        baseline, or None in a network without one."""
        if self.seasonal_baseline_ is None:
            return None
        layer = self.model_.get_layer("baseline_plus_network")
        return layer if isinstance(layer, BaselinePlusCorrection) else None

    def _weigh_correction(self, layer: BaselinePlusCorrection | None) -> float | None:
        """Set the weight of the correction after training: the one given,
        or with "auto" the candidate of lowest validation forecast error
        where ``fit`` got a ``validation_error`` (else 1)."""
        if layer is None:
            return None
        if self.correction_weight != "auto":
            layer.set_correction_weight(self.correction_weight)
            return float(self.correction_weight)
        if (
            self.quantiles_ is not None
            or getattr(self, "_validation_error", None) is None
        ):
            return 1.0
        return choose_correction_weight(layer, self._validation_score)

    def partial_fit(self, X, y, sample_weight=None, **kwargs) -> BaseWindowRegressor:
        """Train one more epoch on ``(X, y)``, keeping the current weights.

        Parameters
        ----------
        X : array-like of shape (n_windows, window_length) or \
(n_windows, window_length, n_features)
            Training windows, as in :meth:`fit`.
        y : array-like
            Targets, as in :meth:`fit`.
        sample_weight : array-like of shape (n_windows,), default=None
            Per-window weights of the loss.
        %(keras_partial_fit_end)s
        """
        self._validate_params(y)
        self._seasonal_period = check_seasonal_period(
            kwargs.pop("seasonal_period", None)
        )
        try:
            return super().partial_fit(X, y, sample_weight=sample_weight, **kwargs)
        finally:
            self._seasonal_period = None

    def _initialize(self, X, y=None):
        X, y = self._validate_data(X, y, reset=True)
        self.seq2seq_ = self._resolve_seq2seq(y)
        self.window_norm_ = (
            "standard" if self.window_norm == "auto" else self.window_norm
        )
        self.input_noise_ = self._resolve_input_noise()
        self.differences_ = check_differences(self.differences, self.window_length_)
        if self.differences_ and self.seq2seq_:
            raise ValueError(
                f"differences={self.differences_} does not support seq2seq targets "
                "(n_windows, window_length, horizon); use window_norm (e.g. "
                "window_norm='last') for seq2seq models, or direct targets."
            )
        self.seasonal_baseline_ = self._resolve_seasonal_baseline()
        self.quantiles_ = check_quantiles(self.quantiles, owner=type(self).__name__)
        if self.quantiles_ is not None and self.seq2seq_:
            raise ValueError(
                f"quantiles={self.quantiles} does not support seq2seq targets "
                "(n_windows, window_length, horizon); use one-step or direct "
                "targets (n_windows, horizon) for quantile forecasts."
            )
        self.target_encoder_ = self.target_encoder.fit(y)
        vars(self).update(self.target_encoder_.get_metadata())
        self.feature_encoder_ = self.feature_encoder.fit(X)
        self._prepare_architecture(self._n_steps())
        self.model_ = self._build_keras_model()
        self._initialize_callbacks()
        return X, y

    def _resolve_input_noise(self) -> float:
        """``input_noise``, with "auto" resolved: :data:`AUTO_INPUT_NOISE`
        where every column the network sees is standardised per window, 0
        where some column keeps its own units (noise of a fixed size means
        nothing there)."""
        if self.input_noise != "auto":
            return float(self.input_noise)
        standardised = self.window_norm_ == "standard" and (
            self.n_window_features_ == 1 or self.window_norm_features
        )
        return AUTO_INPUT_NOISE if standardised else 0.0

    def _resolve_seasonal_baseline(self) -> int | None:
        """``seasonal_baseline`` resolved: the period of the baseline, or None.

        "auto" takes the ``seasonal_period`` given to ``fit`` and gives None
        where there is none or the baseline cannot apply (seq2seq targets,
        ``differences``, windows of fewer than :data:`MIN_SEASONS` seasons);
        an explicit period that cannot apply raises.
        """
        period = self.seasonal_baseline
        explicit = period != "auto"
        if not explicit:
            period = getattr(self, "_seasonal_period", None)
        if period is None or period < 2:
            return None
        problem = None
        if self.seq2seq_:
            problem = "does not support seq2seq targets"
        elif self.differences_:
            problem = f"needs the window's levels, not differences={self.differences_}"
        elif self.window_length_ // period < MIN_SEASONS:
            problem = (
                f"needs windows of at least {MIN_SEASONS} seasons "
                f"({MIN_SEASONS * period} steps), got window_length="
                f"{self.window_length_}"
            )
        if problem is None:
            return int(period)
        if explicit:
            raise ValueError(f"seasonal_baseline={period} {problem}.")
        return None

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

    def _training_data(self, X, y, fit_args: dict) -> tuple:
        """Differenced / normalised windows, and seq2seq targets aligned to
        the network's output steps (also for ``validation_data``, which is
        checked like the training data first)."""
        transform = bool(self.differences_) or self.window_norm_ is not None
        if fit_args.get("validation_data") is not None:
            X_val, y_val, *rest = check_validation_data(
                fit_args["validation_data"],
                window_shape=self.X_shape_[1:],
                target_shape=self.y_shape_[1:],
                owner=type(self).__name__,
            )
            if transform:
                X_val, y_val = self._transform(X_val, y_val)
            if self.seq2seq_:
                y_val = self._align_targets(y_val)
            fit_args["validation_data"] = (X_val, y_val, *rest)
        if transform:
            X, y = self._transform(X, y)
        if self.seq2seq_:
            y = self._align_targets(y)
        return X, y, fit_args

    def _validation_split(self, X, y, sample_weight, fit_args: dict) -> tuple:
        X, y, sample_weight, fit_args["validation_data"] = self._time_ordered_split(
            X, y, sample_weight
        )
        return X, y, sample_weight, fit_args

    # -- per-window normalisation ---------------------------------------------

    def _target_columns(self) -> tuple[list[int], bool]:
        """The target columns of the windows, and whether several were named."""
        return check_target_index(self.target_index, self.n_window_features_)

    def _target_layout(self) -> str:
        if self.seq2seq_:
            return SEQ2SEQ
        several = self._target_columns()[1]
        if len(self.y_shape_) == 1 or (len(self.y_shape_) == 2 and several):
            return ONE_STEP
        return DIRECT

    def _normalize(self, X: np.ndarray, y: np.ndarray | None = None):
        """Windows (and targets) in per-window units, and the statistics."""
        columns = self._target_columns()[0]
        stats = window_stats(X, columns, self.window_norm_)
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
            columns, layout = self._target_columns()[0], self._target_layout()
            y = difference_targets(X, y, columns, self.differences_, layout)
            X = difference_windows(X, columns, self.differences_)
        if self.window_norm_ is not None:
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

        When that leaves fewer training than validation windows, a warning
        says so and nothing is held out (the validation part is None).

        Returns
        -------
        X_train, y_train, sample_weight_train, (X_val, y_val[, sample_weight_val])
        """
        n_windows = len(X)
        n_val = int(np.ceil(self.validation_fraction * n_windows))
        gap = self.window_length_ + self._target_width(y) - 1
        n_train = n_windows - n_val - gap
        if n_train < max(n_val, 1):
            warnings.warn(
                f"{type(self).__name__}: {n_windows} windows are too few for a "
                f"time-ordered early-stopping split (validation_fraction="
                f"{self.validation_fraction} holds out {n_val}, and the {gap} "
                f"windows that overlap the split are dropped, leaving "
                f"{max(n_train, 0)} for training); training all {n_windows} "
                f"windows for epochs={self.epochs} without early stopping.",
                UserWarning,
                stacklevel=2,
            )
            return X, y, sample_weight, None
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
        %(windows)s
        return_sequences : bool, default=False
            For seq2seq models, return the forecasts at every output step
            ``(n_windows, n_output_steps, horizon)`` instead of the last
            step's: one per window time step (``n_output_steps`` is
            ``window_length``), or for :class:`~skrnn.ConvGRURegressor` one
            per convolution output (``len(output_steps_)``, aligned with
            ``Y[:, output_steps_]``).

        Returns
        -------
        y_pred : ndarray of float64
            Shaped like one training target per window; for seq2seq models
            ``(n_windows, horizon)`` (the last step), or the output sequence.
        """
        self._check_initialized()
        X, _ = self._validate_data(X)
        y_pred = self.predict_windows(X)
        if self.seq2seq_ and not return_sequences:
            y_pred = y_pred[:, -1]
        return y_pred.astype(np.float64, copy=False)

    def predict_windows(self, X: np.ndarray) -> np.ndarray:
        """Network output for validated float32 windows, in the series' units.

        One compiled call per chunk of windows and no checks: the fast path
        of the recursive strategy. With ``differences`` and/or
        ``window_norm`` the windows are differenced and/or normalised first
        and the output is mapped back to the series' units (denormalised,
        then integrated).

        Parameters
        ----------
        X : ndarray of float32, shape (n_windows, window_length[, n_features])
            Windows shaped like the training windows, already validated.

        Returns
        -------
        y_pred : ndarray of float32 (float64 with ``differences``)
            Shaped like one training target per window; for seq2seq models
            the whole output sequence ``(n_windows, n_output_steps,
            horizon)``, as ``predict(X, return_sequences=True)``. With
            ``quantiles``, the middle quantile (see :meth:`predict_quantiles`).
        """
        y_pred, stats = self._network_output(X)
        quantiles = getattr(self, "quantiles_", None)
        if quantiles is not None:
            y_pred = y_pred[..., median_index(quantiles)]
        return self._to_series_units(y_pred, X, stats)

    def predict_quantiles(self, X) -> np.ndarray:
        """Predict the ``quantiles`` of the targets of windows.

        Needs a model fitted with ``quantiles``. Each quantile is mapped back
        to the series' units like :meth:`predict` (``window_norm`` and
        ``differences`` are undone on each: they are increasing maps, so the
        quantiles stay in order). The quantiles never cross.

        Parameters
        ----------
        %(windows)s

        Returns
        -------
        y_quantiles : ndarray of float64
            The shape of ``predict(X)`` plus a last axis of the
            ``n_quantiles`` levels of ``quantiles``, in their order:
            ``(n_windows, n_quantiles)`` for one-step targets,
            ``(n_windows, horizon, n_quantiles)`` for direct targets, ...
            ``predict(X)`` is ``y_quantiles[..., i]`` with ``i`` the level
            closest to 0.5.

        Raises
        ------
        ValueError
            If the model was fitted without ``quantiles``.

        Examples
        --------
        >>> import numpy as np
        >>> from skrnn import DenseRegressor, make_windows
        >>> X, y = make_windows(np.sin(np.arange(120) / 5), window_length=8)
        >>> model = DenseRegressor(quantiles=(0.1, 0.5, 0.9), epochs=2,
        ...                        random_state=0).fit(X, y)
        >>> q = model.predict_quantiles(X[:4])
        >>> q.shape, bool(np.all(np.diff(q, axis=-1) >= 0))
        ((4, 3), True)
        >>> np.array_equal(q[:, 1], model.predict(X[:4]))
        True
        """
        self._check_initialized()
        quantiles = getattr(self, "quantiles_", None)
        if quantiles is None:
            raise ValueError(
                f"predict_quantiles needs a {type(self).__name__} fitted with "
                "quantiles, e.g. quantiles=(0.1, 0.5, 0.9); this one was fitted "
                "with quantiles=None (a point forecast: use predict)."
            )
        X, _ = self._validate_data(X)
        y_pred, stats = self._network_output(X)
        columns = [
            self._to_series_units(y_pred[..., j], X, stats)
            for j in range(len(quantiles))
        ]
        return np.stack(columns, axis=-1).astype(np.float64, copy=False)

    def _network_output(self, X: np.ndarray) -> tuple:
        """The network's raw output for validated windows (differenced and/or
        normalised first), and the per-window statistics (None without
        ``window_norm``) that :meth:`_to_series_units` needs."""
        stats = None
        differences = getattr(self, "differences_", ())
        if differences:
            X = difference_windows(X, self._target_columns()[0], differences)
        if self.window_norm_ is not None:
            X, stats = self._normalize(X)
        return self._predict_on_batches(X), stats

    def _to_series_units(self, y_pred: np.ndarray, levels: np.ndarray, stats):
        """Network output (one value per target) back in the series' units:
        denormalised with the window ``stats``, then integrated from the
        windows ``levels`` (as given, before differencing)."""
        differences = getattr(self, "differences_", ())
        if len(self.y_shape_) == 1:
            y_pred = y_pred.reshape(-1)
        if stats is not None:
            y_pred = denormalize_targets(y_pred, stats, self._target_layout())
        if differences:
            y_pred = integrate_targets(
                levels,
                y_pred,
                self._target_columns()[0],
                differences,
                self._target_layout(),
            )
        return y_pred
