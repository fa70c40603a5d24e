"""Multi-step strategies: how a window regressor is trained and rolled forward.

A strategy says which targets the regressor trains on (a *layout* of
:mod:`skrnn._contract`), how many future steps a training window needs, which
target selections it supports, and how a fitted regressor forecasts
``horizon`` steps from a batch of windows. :class:`skrnn.WindowForecaster`
looks its ``strategy=`` string up in the registry below and knows nothing
else about strategies, so a new strategy is one class and one
:func:`register_strategy` call::

    name        trains on (per window)              forecasts h steps by
    recursive   next value (one-step)               h batched one-step calls
    direct      next horizon values (direct)        one call, first h columns
    seq2seq     a horizon after every window step   one call, last window step

Estimators whose tags say they take no 3-D input get flattened windows
``(n_windows, window_length * n_features)`` and flattened targets.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from typing import Any

import numpy as np

from skrnn._contract import (
    DIRECT,
    ONE_STEP,
    SEQ2SEQ,
    accepts_3d,
    batch_predictor,
    configured_for_windows,
)
from skrnn.multistep import RecursiveRegressor

__all__ = [
    "DirectStrategy",
    "RecursiveStrategy",
    "Seq2SeqStrategy",
    "Strategy",
    "get_strategy",
    "register_strategy",
    "strategy_names",
    "unregister_strategy",
]


class Strategy(ABC):
    """Base class of the multi-step strategies.

    Subclasses set :attr:`name` and :attr:`layout` and implement
    :meth:`fit` and :meth:`forecast`; the other methods have defaults that
    suit strategies trained on ``horizon`` steps.

    Examples
    --------
    A strategy that trains on ``horizon`` steps, like ``"direct"``, and
    repeats the forecast of the last of them at every step; registered, it
    is a ``strategy=`` string of :class:`skrnn.WindowForecaster`:

    >>> import numpy as np
    >>> from skrnn import NaiveRegressor, WindowForecaster
    >>> class LastStepOnly(DirectStrategy):
    ...     name = "last_step_only"
    ...     def forecast(self, fitted, windows, horizon, covariates, n_targets):
    ...         y_pred = super().forecast(
    ...             fitted, windows, horizon, covariates, n_targets)
    ...         return np.repeat(y_pred[:, -1:], horizon, axis=1)
    >>> _ = register_strategy(LastStepOnly)
    >>> forecaster = WindowForecaster(NaiveRegressor(lag=3), window_length=4,
    ...                               strategy="last_step_only", horizon=3)
    >>> forecaster.fit(np.arange(20.0)).predict().ravel()  # "direct": 17, 18, 19
    array([19., 19., 19.])
    >>> _ = unregister_strategy("last_step_only")
    """

    #: The ``strategy=`` string.
    name: str = ""
    #: Target layout the regressor trains on (see :mod:`skrnn._contract`).
    layout: str = DIRECT
    #: Whether the forecaster may difference the target inside the windows.
    supports_differences: bool = True

    def train_steps(self, horizon: int) -> int:
        """Future steps a training window needs: ``horizon`` by default.

        Parameters
        ----------
        horizon : int
            The forecaster's ``horizon``.

        Returns
        -------
        int
        """
        return horizon

    def max_horizon(self, horizon: int) -> int | None:
        """Most steps a forecast may have (None: unlimited).

        By default the steps the model trains on (:meth:`train_steps`): a
        model that forecasts all its steps at once forecasts no more. A
        strategy that feeds its forecasts back has no limit.

        Parameters
        ----------
        horizon : int
            The forecaster's ``horizon``, passed on to :meth:`train_steps`.

        Returns
        -------
        int or None
        """
        return self.train_steps(horizon)

    def check_targets(
        self, targets: list[int], single: bool, n_columns: int, target: Any
    ) -> None:
        """Raise if the strategy cannot forecast this target selection.

        Parameters
        ----------
        targets : list of int
            Target column positions in ``y``.
        single : bool
            Whether forecasts have no target axis.
        n_columns : int
            Number of columns of ``y``.
        target : object
            The forecaster's ``target`` parameter, for messages.
        """
        return None

    def needs_future_covariates(self, horizon: int) -> bool:
        """Whether a forecast of ``horizon`` steps reads future covariates.

        Parameters
        ----------
        horizon : int
            Steps of the forecast.

        Returns
        -------
        bool
        """
        return False

    def regressor(self, fitted: Any) -> Any:
        """The fitted window regressor inside what :meth:`fit` returned.

        Parameters
        ----------
        fitted : regressor
            What :meth:`fit` returned.

        Returns
        -------
        regressor
        """
        return fitted

    def configured(self, estimator: Any, target_index: Any) -> Any:
        """A clone of ``estimator`` told its target columns and layout.

        Parameters
        ----------
        estimator : regressor
            Unfitted template.
        target_index : int or list of int
            Target column(s) of the windows.

        Returns
        -------
        regressor
        """
        return configured_for_windows(
            estimator, target_index=target_index, layout=self.layout
        )

    @abstractmethod
    def fit(
        self,
        estimator: Any,
        windows: np.ndarray,
        Y: np.ndarray,
        *,
        target_index: Any,
        horizon: int,
        fit_params: dict,
    ) -> Any:
        """Train a clone of ``estimator``; returns the fitted regressor.

        Parameters
        ----------
        estimator : regressor
            Unfitted template.
        windows : ndarray of shape (n_windows, window_length, n_features)
            Training windows.
        Y : ndarray
            Targets in this strategy's layout.
        target_index : int or list of int
            Target column(s) of the windows (an int: no target axis).
        horizon : int
            The forecaster's ``horizon``.
        fit_params : dict
            Extra ``fit`` arguments (e.g. ``validation_data``, whose windows
            and targets are shaped like ``windows`` and ``Y``).

        Returns
        -------
        regressor
        """

    @abstractmethod
    def forecast(
        self,
        fitted: Any,
        windows: np.ndarray,
        horizon: int,
        covariates: np.ndarray | None,
        n_targets: int,
    ) -> np.ndarray:
        """Forecasts ``(n_windows, horizon, n_targets)`` from model-scale windows.

        Parameters
        ----------
        fitted : regressor
            What :meth:`fit` returned.
        windows : ndarray of shape (n_windows, window_length, n_features)
            Windows on the model's scale.
        horizon : int
            Steps to forecast (at most :meth:`max_horizon`).
        covariates : ndarray of shape (n_windows, horizon, n_covariates) or None
            Known future values of the non-target window columns.
        n_targets : int
            Number of target columns.

        Returns
        -------
        ndarray of shape (n_windows, horizon, n_targets), float64
        """


def _flat(array: np.ndarray) -> np.ndarray:
    return array.reshape(len(array), -1)


class _NativeStrategy(Strategy):
    """Strategies whose regressor is trained on its targets as they are."""

    def fit(self, estimator, windows, Y, *, target_index, horizon, fit_params):
        estimator = self.configured(estimator, target_index)
        if not accepts_3d(estimator):
            windows, Y = _flat(windows), _flat(Y)
            if "validation_data" in fit_params:
                X_val, Y_val = fit_params["validation_data"]
                fit_params = {
                    **fit_params,
                    "validation_data": (_flat(X_val), _flat(Y_val)),
                }
        return estimator.fit(windows, Y, **fit_params)

    def _raw_forecast(self, fitted, windows: np.ndarray) -> np.ndarray:
        inputs = windows if accepts_3d(fitted) else _flat(windows)
        return np.asarray(batch_predictor(fitted)(inputs), dtype=np.float64)


class RecursiveStrategy(Strategy):
    """Train one step ahead, feed the forecasts back in.

    Any horizon can be forecast; every window column must be a target or a
    covariate whose future values are given (``X`` of the forecaster).

    Examples
    --------
    >>> import numpy as np
    >>> from sklearn.linear_model import LinearRegression
    >>> from skrnn import make_windows
    >>> windows, y = make_windows(np.arange(30.0), 5)  # (25, 5, 1), (25,)
    >>> strategy = RecursiveStrategy()
    >>> fitted = strategy.fit(LinearRegression(), windows, y, target_index=0,
    ...                       horizon=3, fit_params={})
    >>> strategy.forecast(fitted, windows[-1:], 3, None, 1).round(3).ravel()
    array([29., 30., 31.])
    """

    name = "recursive"
    layout = ONE_STEP

    def train_steps(self, horizon: int) -> int:
        return 1

    def max_horizon(self, horizon: int) -> int | None:
        return None

    def check_targets(self, targets, single, n_columns, target):
        others = [j for j in range(n_columns) if j not in targets]
        if others:
            raise ValueError(
                f"strategy='recursive' forecasts every window feature it feeds back, "
                f"but target={target!r} leaves column(s) {others} of y "
                "unforecast and their future values unknown. Forecast them too "
                "(target=None), pass them as X with their future values to "
                "predict, or use strategy='direct'."
            )

    def needs_future_covariates(self, horizon: int) -> bool:
        return horizon > 1

    def fit(self, estimator, windows, Y, *, target_index, horizon, fit_params):
        regressor = RecursiveRegressor(
            self.configured(estimator, target_index),
            horizon=horizon,
            target_index=target_index,
        )
        return regressor.fit(windows, Y, **fit_params)

    def regressor(self, fitted):
        return fitted.estimator_

    def forecast(self, fitted, windows, horizon, covariates, n_targets):
        return fitted.forecast(windows, horizon, covariates)


class DirectStrategy(_NativeStrategy):
    """Train on the next ``horizon`` values; forecast them in one call.

    Examples
    --------
    >>> import numpy as np
    >>> from sklearn.linear_model import LinearRegression
    >>> from skrnn import make_windows
    >>> windows, Y = make_windows(np.arange(30.0), 5, horizon=3)  # (23, 5, 1), (23, 3)
    >>> strategy = DirectStrategy()
    >>> fitted = strategy.fit(LinearRegression(), windows, Y, target_index=0,
    ...                       horizon=3, fit_params={})
    >>> strategy.forecast(fitted, windows[-1:], 3, None, 1).shape
    (1, 3, 1)
    >>> strategy.forecast(fitted, windows[-1:], 3, None, 1).round(3).ravel()
    array([27., 28., 29.])
    """

    name = "direct"
    layout = DIRECT

    def forecast(self, fitted, windows, horizon, covariates, n_targets):
        y_pred = self._raw_forecast(fitted, windows)
        return y_pred.reshape(len(windows), -1, n_targets)[:, :horizon]


class Seq2SeqStrategy(_NativeStrategy):
    """Train on a ``horizon``-step target after every window step.

    Forecasts come from the last window step; one target column only, and
    no differencing by the forecaster (use ``window_norm`` of a Keras
    regressor instead).

    Examples
    --------
    >>> import numpy as np
    >>> from sklearn.linear_model import LinearRegression
    >>> from skrnn import make_windows
    >>> windows, Y = make_windows(np.arange(30.0), 5, horizon=3, seq2seq=True)
    >>> Y.shape  # a 3-step target after each of the 5 window steps
    (23, 5, 3)
    >>> strategy = Seq2SeqStrategy()
    >>> fitted = strategy.fit(LinearRegression(), windows, Y, target_index=0,
    ...                       horizon=3, fit_params={})
    >>> strategy.forecast(fitted, windows[-1:], 3, None, 1).round(3).ravel()
    array([27., 28., 29.])
    """

    name = "seq2seq"
    layout = SEQ2SEQ
    supports_differences = False

    def check_targets(self, targets, single, n_columns, target):
        if not single:
            raise ValueError(
                "strategy='seq2seq' needs a single target column (target=None on "
                f"a univariate y, an int or a column name); got target="
                f"{target!r}, which selects {len(targets)} column(s)."
            )

    def forecast(self, fitted, windows, horizon, covariates, n_targets):
        y_pred = self._raw_forecast(fitted, windows)
        if not accepts_3d(fitted):  # flattened (n, window_length * horizon)
            y_pred = y_pred.reshape(len(windows), windows.shape[1], -1)
        if y_pred.ndim == 3:  # the forecasts after every window step
            y_pred = y_pred[:, -1]
        return y_pred[:, :horizon, None]


_REGISTRY: dict[str, type[Strategy]] = {}


def register_strategy(strategy_class: type[Strategy]) -> type[Strategy]:
    """Make ``strategy_class`` available as ``strategy=strategy_class.name``.

    Usable as a class decorator. A name that is already registered is
    refused: call :func:`unregister_strategy` first to replace a strategy
    on purpose.

    Parameters
    ----------
    strategy_class : type
        A subclass of :class:`Strategy` with a non-empty ``name``.

    Returns
    -------
    type
        ``strategy_class``.

    Examples
    --------
    >>> class Twice(DirectStrategy):
    ...     name = "twice"
    >>> _ = register_strategy(Twice)
    >>> "twice" in strategy_names()
    True
    >>> _ = unregister_strategy("twice")
    """
    if not (isinstance(strategy_class, type) and issubclass(strategy_class, Strategy)):
        raise TypeError(
            f"strategy_class must be a subclass of Strategy, got {strategy_class!r}."
        )
    name = strategy_class.name
    if not isinstance(name, str) or not name:
        raise ValueError(
            f"{strategy_class.__name__}.name must be a non-empty str, got {name!r}."
        )
    if name in _REGISTRY and _REGISTRY[name] is not strategy_class:
        raise ValueError(
            f"strategy {name!r} is already registered (by "
            f"{_REGISTRY[name].__name__}); call unregister_strategy({name!r}) "
            "first to replace it."
        )
    _REGISTRY[name] = strategy_class
    return strategy_class


def unregister_strategy(name: str) -> type[Strategy]:
    """Remove a registered strategy.

    Parameters
    ----------
    name : str
        Its ``strategy=`` string.

    Returns
    -------
    type
        The class that was registered.

    Raises
    ------
    ValueError
        For a name that is not registered, listing the registered ones.

    Examples
    --------
    >>> class Twice(DirectStrategy):
    ...     name = "twice"
    >>> _ = register_strategy(Twice)
    >>> unregister_strategy("twice").__name__
    'Twice'
    >>> "twice" in strategy_names()
    False
    """
    if not isinstance(name, str) or name not in _REGISTRY:
        raise ValueError(
            f"name must be a registered strategy, one of {list(_REGISTRY)}; "
            f"got {name!r}."
        )
    return _REGISTRY.pop(name)


def strategy_names() -> tuple[str, ...]:
    """The registered ``strategy=`` strings.

    Returns
    -------
    tuple of str

    Examples
    --------
    >>> strategy_names()
    ('recursive', 'direct', 'seq2seq')
    """
    return tuple(_REGISTRY)


def get_strategy(name: Any) -> Strategy:
    """An instance of the strategy registered as ``name``.

    Parameters
    ----------
    name : str
        A registered ``strategy=`` string.

    Returns
    -------
    Strategy

    Raises
    ------
    ValueError
        For an unknown name, listing the registered ones.

    Examples
    --------
    >>> get_strategy("recursive").train_steps(14)  # trains one step ahead
    1
    >>> get_strategy("direct").max_horizon(14)  # forecasts at most 14 steps
    14
    """
    if not isinstance(name, str) or name not in _REGISTRY:
        raise ValueError(f"strategy must be one of {list(_REGISTRY)}, got {name!r}.")
    return _REGISTRY[name]()


for _strategy in (RecursiveStrategy, DirectStrategy, Seq2SeqStrategy):
    register_strategy(_strategy)
