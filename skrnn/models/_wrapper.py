"""The scikeras wrapper shared by skrnn's Keras regressors and classifier.

:class:`KerasWrapper` keeps scikeras' model building, parameter routing,
pickling and ``partial_fit``, and changes what skrnn needs everywhere:

* seeding is done here (``keras.utils.set_random_seed`` for the fit, the
  global Python/NumPy streams restored afterwards) instead of through
  scikeras' context, which leaves TensorFlow op-determinism switched on;
* parameters are checked against ``_parameter_constraints`` at fit, and
  extra keyword arguments must be routed (``optimizer__*``, ``fit__*``, ...);
* a named optimizer is built with ``learning_rate`` and ``momentum``;
* the repr is scikit-learn's (changed parameters only).

Subclasses put their scikit-learn mixin first:
``class X(RegressorMixin, KerasWrapper)``.
"""

from __future__ import annotations

import inspect

import keras
from scikeras._utils import route_params
from scikeras.wrappers import BaseWrapper
from sklearn.base import BaseEstimator
from sklearn.utils._param_validation import validate_parameter_constraints

from skrnn.models._tf import keras_seed, seed_from_random_state


class KerasWrapper(BaseWrapper):
    """scikeras' BaseWrapper with skrnn's seeding, checks and optimizer."""

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
