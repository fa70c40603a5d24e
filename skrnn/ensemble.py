"""A seed ensemble: the average forecast of several seeded fits of one model.

Neural networks trained from different random initialisations land in
different minima; on time series their errors are partly independent, so the
average of a few seeded fits is more accurate and far less seed-dependent
than any one of them. :class:`SeedEnsembleRegressor` makes that one
estimator, usable wherever its model is (a ``WindowForecaster``, a
``Pipeline``, ``GridSearchCV``).
"""

from __future__ import annotations

import numbers
from typing import Any

import numpy as np
from sklearn.base import BaseEstimator, RegressorMixin, clone
from sklearn.utils import check_random_state, get_tags
from sklearn.utils._param_validation import HasMethods, Interval
from sklearn.utils.validation import check_is_fitted

from skrnn._contract import (
    WindowRegressorMixin,
    batch_predictor,
    differences_target,
    takes_seasonal_period,
    takes_validation_data,
    takes_validation_error,
)

__all__ = ["SeedEnsembleRegressor"]


class SeedEnsembleRegressor(WindowRegressorMixin, RegressorMixin, BaseEstimator):
    """The mean prediction of ``n_seeds`` fits of ``estimator``, each seeded.

    Parameters
    ----------
    estimator : regressor with a ``random_state`` parameter
        The model, e.g. :class:`skrnn.GRURegressor`; cloned ``n_seeds``
        times, each clone with its own ``random_state``.
    n_seeds : int, default=5
        Number of seeded fits.
    random_state : int, RandomState instance or None, default=None
        Draws the members' seeds; an int gives the same seeds, hence the
        same ensemble, fit after fit.

    Attributes
    ----------
    estimators_ : list of regressors
        The fitted members.
    seeds_ : list of int
        Their ``random_state``.

    Notes
    -----
    The ensemble takes what its model takes: 3-D windows, ``validation_data``
    and ``validation_error`` (passed on to every member, so that each stops
    early on its own), ``seasonal_period``, and the window settings a
    :class:`skrnn.WindowForecaster` gives (target columns, layout).

    Examples
    --------
    >>> import numpy as np
    >>> from skrnn import DenseRegressor, SeedEnsembleRegressor
    >>> X = np.random.RandomState(0).rand(60, 6)
    >>> y = X[:, -1]
    >>> network = DenseRegressor(epochs=2)
    >>> model = SeedEnsembleRegressor(network, n_seeds=3, random_state=0)
    >>> y_pred = model.fit(X, y).predict(X)
    >>> members = np.mean([member.predict(X) for member in model.estimators_], axis=0)
    >>> bool(np.allclose(y_pred, members)), len(set(model.seeds_))
    (True, 3)
    """

    _parameter_constraints: dict = {
        "estimator": [HasMethods(["fit", "predict"])],
        "n_seeds": [Interval(numbers.Integral, 1, None, closed="left")],
        "random_state": ["random_state"],
    }

    def __init__(self, estimator: Any, n_seeds: int = 5, random_state: Any = None):
        self.estimator = estimator
        self.n_seeds = n_seeds
        self.random_state = random_state

    # -- window-regressor contract: the model's -------------------------------

    def window_settings(self, *, target_index: Any, layout: str) -> dict:
        """The model's window settings, routed to ``estimator__*``.

        Parameters
        ----------
        target_index : int or sequence of int
            Feature column(s) of the windows that the targets are.
        layout : {"one-step", "direct", "seq2seq"}
            Target layout.

        Returns
        -------
        dict
            Keyword arguments for ``set_params``.
        """
        if not isinstance(self.estimator, WindowRegressorMixin):
            return {}
        inner = self.estimator.window_settings(target_index=target_index, layout=layout)
        return {f"estimator__{name}": value for name, value in inner.items()}

    @property
    def differences_target(self) -> bool:  # type: ignore[override]
        """Whether the model differences its target itself."""
        return differences_target(self.estimator)

    @property
    def takes_validation_data(self) -> bool:  # type: ignore[override]
        """Whether the model's ``fit`` takes ``validation_data``."""
        return takes_validation_data(self.estimator)

    @property
    def takes_validation_error(self) -> bool:  # type: ignore[override]
        """Whether the model's ``fit`` takes ``validation_error``."""
        return takes_validation_error(self.estimator)

    @property
    def validation_fraction(self) -> float:
        """The model's ``validation_fraction``.

        What ``validation_size="auto"`` of a :class:`skrnn.WindowForecaster`
        holds out, so that each member is fitted on the same windows as the
        model alone would be. An AttributeError for a model without one.
        """
        return self.estimator.validation_fraction

    @property
    def takes_seasonal_period(self) -> bool:  # type: ignore[override]
        """Whether the model's ``fit`` takes ``seasonal_period``."""
        return takes_seasonal_period(self.estimator)

    def __sklearn_tags__(self):
        tags = super().__sklearn_tags__()
        inner = get_tags(self.estimator)
        tags.input_tags = inner.input_tags
        tags.target_tags = inner.target_tags
        return tags

    # -- fit / predict -------------------------------------------------------

    def fit(self, X: Any, y: Any, **fit_params: Any) -> SeedEnsembleRegressor:
        """Fit ``n_seeds`` clones of the model, each with its own seed.

        Parameters
        ----------
        X : array-like of shape (n_windows, ...)
            Training windows (as the model takes them).
        y : array-like of shape (n_windows, ...)
            Targets.
        **fit_params
            Passed to every member's ``fit`` (e.g. ``validation_data``,
            ``seasonal_period``).

        Returns
        -------
        self
        """
        self._validate_params()
        if "random_state" not in self.estimator.get_params():
            raise ValueError(
                "estimator must have a random_state parameter to be seeded, got "
                f"{type(self.estimator).__name__}, whose parameters are "
                f"{sorted(self.estimator.get_params())}."
            )
        seeds = check_random_state(self.random_state).randint(
            0, 2**31 - 1, size=self.n_seeds
        )
        self.seeds_ = [int(seed) for seed in seeds]
        self.estimators_ = [
            clone(self.estimator).set_params(random_state=seed).fit(X, y, **fit_params)
            for seed in self.seeds_
        ]
        return self

    def predict(self, X: Any) -> np.ndarray:
        """The mean of the members' predictions.

        Parameters
        ----------
        X : array-like of shape (n_windows, ...)
            Windows.

        Returns
        -------
        ndarray
            Shaped like one member's prediction.
        """
        check_is_fitted(self, "estimators_")
        return np.mean([member.predict(X) for member in self.estimators_], axis=0)

    def predict_windows(self, X: np.ndarray) -> np.ndarray:
        """The mean of the members' fastest predictions.

        Parameters
        ----------
        X : ndarray of shape (n_windows, window_length[, n_features])
            Windows shaped like the training windows, already validated.

        Returns
        -------
        ndarray
            Shaped like one member's ``predict_windows``.
        """
        check_is_fitted(self, "estimators_")
        return np.mean(
            [batch_predictor(member)(X) for member in self.estimators_], axis=0
        )
