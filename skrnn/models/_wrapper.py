"""The scikeras wrapper shared by skrnn's Keras regressors and classifier.

:class:`KerasWrapper` keeps scikeras' model building, parameter routing,
pickling and ``partial_fit``, and changes what skrnn needs everywhere:

* seeding is done here (``keras.utils.set_random_seed`` for the fit, the
  global Python/NumPy streams restored afterwards) instead of through
  scikeras' context, which leaves TensorFlow op-determinism switched on;
* parameters are checked against ``_parameter_constraints`` at fit, and
  extra keyword arguments must be routed (``optimizer__*``, ``fit__*``, ...);
* a named optimizer is built with ``learning_rate`` and ``momentum``;
* one training loop (:meth:`KerasWrapper._fit_keras_model`) for every
  subclass: ``fit__*`` routing, extra callbacks, early stopping with
  ``patience`` and a held-out validation set, and ``history_`` kept across
  ``warm_start``/``partial_fit`` calls. Subclasses change what differs
  through two hooks, ``_training_data`` (the arrays the network is trained
  and validated on) and ``_validation_split`` (where the early-stopping
  validation set comes from);
* predictions chunk by chunk through ``predict_on_batch``;
* the repr is scikit-learn's (changed parameters only).

Subclasses put their scikit-learn mixin first:
``class X(RegressorMixin, KerasWrapper)``.
"""

from __future__ import annotations

import inspect
import numbers
from collections import defaultdict

# first: sets Keras up (backend, start-up logs) before scikeras is imported
from skrnn.models._backend import keras_seed, seed_from_random_state

# isort: split
import keras
import numpy as np
from scikeras._utils import route_params
from scikeras.wrappers import BaseWrapper
from sklearn.base import BaseEstimator
from sklearn.exceptions import NotFittedError
from sklearn.utils._param_validation import (
    HasMethods,
    Interval,
    StrOptions,
    validate_parameter_constraints,
)

#: Windows (or sequences) per ``predict_on_batch`` call.
PREDICT_CHUNK = 4096

#: Optimizer names accepted by ``optimizer=``.
OPTIMIZERS = frozenset(
    {"adam", "adamw", "nadam", "adamax", "adagrad", "rmsprop", "sgd", "lion"}
)

#: Widths of a stack of layers: one int, or a sequence of ints.
LAYER_SIZES = [Interval(numbers.Integral, 1, None, closed="left"), "array-like"]

#: Constraints of the training parameters every skrnn Keras estimator has.
TRAINING_CONSTRAINTS: dict = {
    "optimizer": [StrOptions(OPTIMIZERS), HasMethods(["apply_gradients"])],
    "learning_rate": [Interval(numbers.Real, 0, None, closed="neither")],
    "momentum": [Interval(numbers.Real, 0, 1, closed="left")],
    "epochs": [Interval(numbers.Integral, 1, None, closed="left")],
    "batch_size": [Interval(numbers.Integral, 1, None, closed="left")],
    "validation_fraction": [Interval(numbers.Real, 0, 1, closed="neither")],
    "early_stopping": ["boolean"],
    "patience": [Interval(numbers.Integral, 0, None, closed="left")],
    "random_state": ["random_state"],
    "verbose": ["verbose"],
    "warm_start": ["boolean"],
    "metrics": [list, tuple, dict, str, callable, None],
    "callbacks": [list, dict, HasMethods(["set_model"]), None],
    "shuffle": ["boolean"],
}


class KerasWrapper(BaseWrapper):
    """scikeras' BaseWrapper with skrnn's seeding, checks, optimizer and loop.

    Subclasses have the parameters ``early_stopping``, ``patience`` and
    ``validation_fraction`` that the training loop reads.
    """

    # scikeras reads these attributes; here they are not parameters
    model = None
    build_fn = None

    __repr__ = BaseEstimator.__repr__  # scikit-learn's repr: changed params only

    @property
    def _random_state(self):
        # scikeras seeds through its own context when this is set; seeding is
        # done in ``_fit`` here instead, so scikeras always sees None.
        return None

    @_random_state.setter
    def _random_state(self, value):
        pass

    def _store_parameters(self, arguments: dict) -> None:
        """Set the ``__init__`` arguments as attributes of the same name.

        scikit-learn's convention: ``__init__`` stores its parameters
        unchanged and does nothing else. ``arguments`` is the ``locals()`` of
        the ``__init__`` (``self`` is skipped); its routed ``**kwargs``
        (``optimizer__*``, ``fit__*``, ...) become attributes too, and their
        names are kept to be checked at fit.

        Parameters
        ----------
        arguments : dict
            ``locals()`` at the start of ``__init__``: the named parameters,
            in signature order, and ``kwargs``.
        """
        kwargs = arguments["kwargs"]
        for name, value in arguments.items():
            if name not in ("self", "kwargs"):
                setattr(self, name, value)
        vars(self).update(kwargs)
        self._user_params = set(kwargs)

    def _validate_params(self, y) -> None:
        if y is None:
            raise ValueError(
                f"{type(self).__name__} requires y to be passed, "
                "but the target y is None."
            )
        routed = self._routing_prefixes
        unknown = [
            k
            for k in getattr(self, "_user_params", ())
            if k.split("__")[0] not in routed
        ]
        if unknown:
            raise TypeError(
                f"{type(self).__name__} got unknown parameter(s) {sorted(unknown)}; "
                f"extra keyword arguments must be routed, i.e. start with one of "
                f"{sorted(p + '__' for p in routed)}."
            )
        validate_parameter_constraints(
            self._parameter_constraints,
            self.get_params(deep=False),
            caller_name=type(self).__name__,
        )

    def _make_optimizer(self, optimizer_class: type) -> keras.optimizers.Optimizer:
        routed = route_params(
            self.get_params(), destination="optimizer", pass_filter=set(), strict=True
        )
        options = {"learning_rate": self.learning_rate, **routed}
        if "momentum" in inspect.signature(optimizer_class).parameters:
            options.setdefault("momentum", self.momentum)
        elif self.momentum:
            raise ValueError(
                f"momentum={self.momentum} has no effect with optimizer="
                f"{self.optimizer!r}; momentum applies to 'sgd' and 'rmsprop'."
            )
        return optimizer_class(**options)

    def _fit(self, X, y, sample_weight, warm_start, epochs, initial_epoch, **kwargs):
        seed = seed_from_random_state(self.random_state)
        if seed is not None:
            seed += initial_epoch  # partial_fit: a new, reproducible stream per epoch
        with keras_seed(seed):
            super()._fit(
                X,
                y,
                sample_weight=sample_weight,
                warm_start=warm_start,
                epochs=epochs,
                initial_epoch=initial_epoch,
                **kwargs,
            )

    def _keras_fit_args(self, epochs: int, initial_epoch: int, kwargs: dict) -> dict:
        """Arguments of ``keras.Model.fit``: routed ``fit__*`` parameters, the
        training parameters, then the keyword arguments given to ``fit``."""
        fit_args = route_params(
            self.get_params(), destination="fit", pass_filter=set(), strict=True
        )
        fit_args.update(
            batch_size=self.batch_size,
            epochs=initial_epoch + epochs,
            initial_epoch=initial_epoch,
            verbose=self.verbose,
            shuffle=self.shuffle,
        )
        fit_args.update(kwargs)
        return fit_args

    def _training_data(self, X, y, fit_args: dict) -> tuple:
        """Hook: the arrays the network trains on, and ``fit_args`` to match.

        Called with the encoded training data and the arguments of
        ``keras.Model.fit`` (including a ``validation_data`` given to
        ``fit``); returns ``(X, y, fit_args)``. The identity here.
        """
        return X, y, fit_args

    def _validation_split(self, X, y, sample_weight, fit_args: dict) -> tuple:
        """Hook: hold out the early-stopping validation set.

        Called when ``early_stopping`` is on and ``fit`` got no
        ``validation_data``; returns ``(X, y, sample_weight, fit_args)``.
        Here Keras holds out the last ``validation_fraction`` of the data
        (``validation_split``).
        """
        fit_args["validation_split"] = self.validation_fraction
        return X, y, sample_weight, fit_args

    def _fit_keras_model(
        self, X, y, sample_weight, warm_start, epochs, initial_epoch, **kwargs
    ) -> None:
        fit_args = self._keras_fit_args(epochs, initial_epoch, kwargs)
        X, y, fit_args = self._training_data(X, y, fit_args)
        callbacks = list(self._fit_callbacks)
        if self.early_stopping:
            if fit_args.get("validation_data") is None:
                X, y, sample_weight, fit_args = self._validation_split(
                    X, y, sample_weight, fit_args
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

    def _check_initialized(self) -> None:
        """Raise scikit-learn's NotFittedError before the first fit."""
        if not self.initialized_:
            raise NotFittedError(
                f"This {type(self).__name__} instance is not fitted yet. Call "
                "'fit' with appropriate arguments before using this estimator."
            )

    def _predict_on_batches(self, X: np.ndarray) -> np.ndarray:
        """Network output for network-ready inputs, one call per chunk."""
        chunks = [
            np.asarray(self.model_.predict_on_batch(X[start : start + PREDICT_CHUNK]))
            for start in range(0, len(X), PREDICT_CHUNK)
        ]
        return np.concatenate(chunks) if len(chunks) > 1 else chunks[0]
