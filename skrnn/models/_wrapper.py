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
  through hooks: ``_training_data`` (the arrays the network is trained and
  validated on), ``_validation_split`` (where the early-stopping validation
  set comes from), ``_early_stopping_monitor`` (what early stopping
  watches), and ``_before_training``/``_after_training`` (the network's
  state around ``keras.Model.fit``);
* a fit that fails or is interrupted (an exception, or KeyboardInterrupt
  from a callback) leaves the estimator as it was before the call: the
  previous network with its weights and optimizer state, ``history_`` and
  every fitted attribute, or cleanly unfitted when there was no previous
  fit (:meth:`KerasWrapper._fit`);
* ``sample_weight`` is checked (finite, non-negative, one per sample);
* predictions chunk by chunk through ``predict_on_batch``;
* :meth:`KerasWrapper.save` and :meth:`KerasWrapper.load` round-trip the
  whole fitted estimator (see :mod:`skrnn.models._persistence`);
* the repr is scikit-learn's (changed parameters only).

Subclasses put their scikit-learn mixin first:
``class X(RegressorMixin, KerasWrapper)``.
"""

from __future__ import annotations

import copy
import inspect
import numbers
import os
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

from skrnn.models._checks import check_sample_weight
from skrnn.models._persistence import load_model, save_model

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
        """scikeras' fit, seeded, and undone whole if it does not finish.

        Any exception (KeyboardInterrupt included) restores the state of
        before the call and is raised again: the fitted attributes (every
        attribute of ``vars(self)``, ``model_`` and ``history_`` among them)
        and, when the call trains the existing network further
        (``warm_start``/``partial_fit``), its weights and optimizer state.
        """
        keep = self._snapshot(
            warm=(self.warm_start or warm_start) and self.initialized_
        )
        seed = seed_from_random_state(self.random_state)
        if seed is not None:
            seed += initial_epoch  # partial_fit: a new, reproducible stream per epoch
        try:
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
        except BaseException:
            self._restore(keep)
            raise

    def _snapshot(self, *, warm: bool) -> dict:
        """What :meth:`_restore` needs to undo a fit.

        A shallow copy of ``vars(self)`` (a cold fit builds a new network and
        leaves the previous one untouched), a copy of ``history_`` (extended
        in place), and for a warm fit the network's weights and optimizer
        variables, which training changes in place.
        """
        keep = {"vars": dict(vars(self))}
        if hasattr(self, "history_"):
            keep["history"] = copy.deepcopy(self.history_)
        if warm:
            model = self.model_
            optimizer = getattr(model, "optimizer", None)
            keep["model"] = model
            keep["weights"] = model.get_weights()
            keep["optimizer"] = (
                None
                if optimizer is None
                else [np.array(variable) for variable in optimizer.variables]
            )
        return keep

    def _restore(self, keep: dict) -> None:
        """Put back the state saved by :meth:`_snapshot`."""
        vars(self).clear()
        vars(self).update(keep["vars"])
        if "history" in keep:
            self.history_ = keep["history"]
        if "model" in keep:
            model = keep["model"]
            model.set_weights(keep["weights"])
            optimizer = getattr(model, "optimizer", None)
            saved = keep["optimizer"]
            if optimizer is not None and saved is not None:
                variables = optimizer.variables
                if len(variables) == len(saved):
                    for variable, value in zip(variables, saved, strict=True):
                        variable.assign(value)

    def _validate_sample_weight(self, X, y, sample_weight) -> tuple:
        """Refuse NaN, infinite or negative weights, then scikeras' checks."""
        sample_weight = check_sample_weight(sample_weight, len(X))
        return super()._validate_sample_weight(X, y, sample_weight)

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
        ``validation_data``; returns ``(X, y, sample_weight, fit_args)``,
        ``fit_args`` without validation data when none could be held out
        (then training runs ``epochs`` without early stopping). Here Keras
        holds out the last ``validation_fraction`` of the data
        (``validation_split``).
        """
        fit_args["validation_split"] = self.validation_fraction
        return X, y, sample_weight, fit_args

    def _early_stopping_monitor(self) -> tuple[str, list]:
        """Hook: the log entry early stopping watches, and the callbacks
        that write it (before the early-stopping callback). The validation
        loss here."""
        return "val_loss", []

    def _before_training(self) -> None:
        """Hook: called in every ``fit`` and ``partial_fit`` just before the
        network trains. Nothing here."""

    def _after_training(self) -> None:
        """Hook: called in every ``fit`` and ``partial_fit`` after the
        network trained (best weights restored, ``history_`` updated), while
        ``fit``'s arguments are still at hand. Nothing here."""

    def _fit_keras_model(
        self, X, y, sample_weight, warm_start, epochs, initial_epoch, **kwargs
    ) -> None:
        fit_args = self._keras_fit_args(epochs, initial_epoch, kwargs)
        X, y, fit_args = self._training_data(X, y, fit_args)
        # every fit reads the callbacks parameters anew: a set_params between
        # warm-start fits takes effect (and a loaded estimator has none yet)
        self._initialize_callbacks()
        callbacks = list(self._fit_callbacks)
        if self.early_stopping:
            if fit_args.get("validation_data") is None:
                X, y, sample_weight, fit_args = self._validation_split(
                    X, y, sample_weight, fit_args
                )
            if fit_args.get("validation_data") is not None or fit_args.get(
                "validation_split"
            ):
                monitor, watchers = self._early_stopping_monitor()
                callbacks += watchers
                callbacks.append(
                    keras.callbacks.EarlyStopping(
                        monitor=monitor,
                        mode="min",
                        patience=self.patience,
                        restore_best_weights=True,
                    )
                )
        self._before_training()
        history = self.model_.fit(
            x=X, y=y, sample_weight=sample_weight, callbacks=callbacks, **fit_args
        )
        if not warm_start or not hasattr(self, "history_") or initial_epoch == 0:
            self.history_ = defaultdict(list)
        for key, values in history.history.items():
            self.history_[key] += values
        self._after_training()

    def _check_initialized(self) -> None:
        """Raise scikit-learn's NotFittedError before the first fit."""
        if not self.initialized_:
            raise NotFittedError(
                f"This {type(self).__name__} instance is not fitted yet. Call "
                "'fit' with appropriate arguments before using this estimator."
            )

    def _predict_on_batches(self, X: np.ndarray) -> np.ndarray:
        """Network output for network-ready inputs, one call per chunk.

        On JAX each chunk is padded to a few bucket sizes (powers of two,
        see :func:`skrnn.models._backend.batch_bucket`) and the padding
        sliced off, so that varying batch sizes compile a handful of times.
        """
        from skrnn.models._backend import batch_bucket, pad_rows

        chunks = []
        for start in range(0, len(X), PREDICT_CHUNK):
            chunk = X[start : start + PREDICT_CHUNK]
            padded = pad_rows(chunk, batch_bucket(len(chunk), PREDICT_CHUNK))
            output = np.asarray(self.model_.predict_on_batch(padded))
            chunks.append(output[: len(chunk)])
        return np.concatenate(chunks) if len(chunks) > 1 else chunks[0]

    # -- saving and loading --------------------------------------------------

    def save(self, path: str | os.PathLike) -> None:
        """Save the fitted estimator whole, in a portable archive.

        One zip file holds the network in Keras' native ``.keras`` format and,
        as JSON, the estimator's class, parameters and every fitted attribute
        (``differences_``, the window and target shapes, ``history_``,
        ``classes_``...). Nothing is pickled. :meth:`load` (or
        :func:`skrnn.models.load_model`) gives back an estimator whose
        ``predict`` returns the same values, ``window_norm`` and
        ``differences`` included (``model_.save`` alone keeps only the
        network, which sees normalised, differenced windows).

        What is portable: the archive does not depend on the Keras backend
        (JAX, TensorFlow or PyTorch) the estimator was trained on, nor on the
        Python version; it loads with Keras 3 and an skrnn that reads its
        ``format_version`` (1; a newer one is refused with a message).
        Predictions on another backend agree to float32 rounding, not bit
        for bit. Parameters that are Python objects (a callbacks list, an
        optimizer instance, a callable loss or metric) are not saved: a
        warning names them, and the loaded estimator has their defaults.
        They matter only to further training; the compiled optimizer state is
        in the ``.keras`` file, so ``partial_fit`` and ``warm_start``
        continue from it.

        Parameters
        ----------
        path : str or path-like
            File to write (conventionally ``*.skrnn``); overwritten if it
            exists.

        Raises
        ------
        sklearn.exceptions.NotFittedError
            Before the first fit.

        Examples
        --------
        >>> import numpy as np, tempfile, pathlib
        >>> from skrnn.models import DenseRegressor, load_model
        >>> X, y = np.random.RandomState(0).rand(20, 4), np.arange(20.0)
        >>> model = DenseRegressor((), epochs=1, differences=1, random_state=0)
        >>> model = model.fit(X, y)
        >>> path = pathlib.Path(tempfile.mkdtemp()) / "model.skrnn"
        >>> model.save(path)
        >>> np.array_equal(load_model(path).predict(X), model.predict(X))
        True
        """
        self._check_initialized()
        save_model(self, path)

    @classmethod
    def load(cls, path: str | os.PathLike) -> KerasWrapper:
        """Load an estimator saved with :meth:`save`.

        Parameters
        ----------
        path : str or path-like
            Archive written by :meth:`save`.

        Returns
        -------
        estimator
            The fitted estimator, of this class (or a subclass of it).

        Raises
        ------
        TypeError
            If the archive holds an estimator of another class.
        ValueError
            If ``path`` is not such an archive, or of a newer format.
        """
        return load_model(path, estimator_class=cls)
