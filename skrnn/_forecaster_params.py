"""The parameters of :class:`skrnn.WindowForecaster`, checked at ``fit``.

Each function checks one parameter (or a pair that depends on each other)
and returns it validated; a message names the parameter and a way out.
``validation_size="auto"`` is resolved here from the lengths of the series
(:func:`resolve_validation_size`).
``window_length``, ``horizon`` and ``stride`` are plain positive ints
(:func:`skrnn._validation.check_positive_int`); what the forecast horizon
may be after ``fit`` is the fitted model's business
(:meth:`skrnn._window_model.WindowModel.check_horizon`).
"""

from __future__ import annotations

import math
import warnings
from collections.abc import Sequence
from typing import Any

from sklearn.base import is_classifier

from skrnn._contract import differences_target, takes_validation_data
from skrnn._transforms.differencing import check_differences
from skrnn._validation import check_positive_int
from skrnn.strategies import Strategy

#: The fraction of the time steps that ``validation_size="auto"`` holds out
#: for an estimator without a ``validation_fraction`` of its own.
AUTO_VALIDATION_FRACTION = 0.1

__all__ = [
    "check_components",
    "check_validation_size",
    "checked_differences",
    "resolve_validation_size",
]


def check_components(estimator: Any, series_scaler: Any) -> None:
    """Raise unless ``estimator`` is a regressor and ``series_scaler`` a scaler.

    Both are duck-typed: any object with the methods passes, except a
    scikit-learn classifier (``sklearn.base.is_classifier``).

    Parameters
    ----------
    estimator : object
        Must have ``fit`` and ``predict``.
    series_scaler : object or None
        None, or an object with ``fit``, ``transform`` and
        ``inverse_transform``.

    Raises
    ------
    TypeError
        Naming the parameter and what it got.

    Examples
    --------
    >>> from sklearn.linear_model import Ridge
    >>> check_components(Ridge(), None)
    >>> check_components("Ridge", None)
    Traceback (most recent call last):
    ...
    TypeError: estimator must be a scikit-learn regressor with fit and predict \
(e.g. skrnn.GRURegressor(), sklearn's Ridge()), got 'Ridge'.
    """
    if not (hasattr(estimator, "fit") and hasattr(estimator, "predict")):
        raise TypeError(
            "estimator must be a scikit-learn regressor with fit and predict "
            "(e.g. skrnn.GRURegressor(), sklearn's Ridge()), got "
            f"{estimator!r}."
        )
    if is_classifier(estimator):
        raise TypeError(
            "estimator must be a regressor: a forecast is a number, not a class; "
            f"got the classifier {type(estimator).__name__} (e.g. use "
            "skrnn.GRURegressor(), sklearn's Ridge())."
        )
    if series_scaler is not None and not all(
        hasattr(series_scaler, method)
        for method in ("fit", "transform", "inverse_transform")
    ):
        raise TypeError(
            "series_scaler must be None or a scikit-learn scaler with fit, "
            "transform and inverse_transform (e.g. StandardScaler()), got "
            f"{series_scaler!r}."
        )


def checked_differences(
    differences: Any, window_length: int, strategy: Strategy, estimator: Any
) -> tuple[int, ...] | str:
    """Validated difference lags (or ``"auto"``).

    Parameters
    ----------
    differences : tuple of int or "auto"
        The forecaster's ``differences``.
    window_length : int
        Validated window length (the lags must sum to less).
    strategy : Strategy
        Refused with lags when it does not support differencing.
    estimator : regressor
        Refused with lags when it differences its target itself.

    Returns
    -------
    tuple of int or "auto"
        ``"auto"`` is ``()`` where differencing is not possible.

    Examples
    --------
    >>> from sklearn.linear_model import Ridge
    >>> from skrnn.strategies import get_strategy
    >>> checked_differences([1, 7], 10, get_strategy("direct"), Ridge())
    (1, 7)
    >>> checked_differences("auto", 10, get_strategy("seq2seq"), Ridge())
    ()
    """
    if isinstance(differences, str) and differences == "auto":
        possible = strategy.supports_differences and not differences_target(estimator)
        return "auto" if possible else ()
    lags = check_differences(differences, window_length)
    if lags and not strategy.supports_differences:
        raise ValueError(
            f"differences={lags} does not support strategy={strategy.name!r}; "
            "use a Keras estimator with window_norm (e.g. window_norm='last') "
            "for seq2seq, or strategy='direct'."
        )
    if lags and differences_target(estimator):
        raise ValueError(
            f"differences={lags} would double-difference the series: the "
            f"estimator {type(estimator).__name__} differences its target "
            "itself (a SARIMA order or seasonal_order with d or D > 0, or its "
            "own differences parameter). Use one of them: differences=() here, "
            "or no differencing in the estimator."
        )
    return lags


def check_validation_size(validation_size: Any, steps: int) -> int | str | None:
    """Validated held-out steps: None, ``"auto"``, or an int of at least ``steps``.

    Parameters
    ----------
    validation_size : int, "auto" or None
        The forecaster's ``validation_size``.
    steps : int
        Target steps of a training window (1 for the recursive strategy,
        ``horizon`` otherwise).

    Returns
    -------
    int, "auto" or None

    Examples
    --------
    >>> check_validation_size(10, 3), check_validation_size("auto", 3)
    (10, 'auto')
    """
    if validation_size is None:
        return None
    if isinstance(validation_size, str) and validation_size == "auto":
        return "auto"
    return check_positive_int(validation_size, "validation_size", minimum=steps)


def resolve_validation_size(
    validation_size: int | str | None,
    estimator: Any,
    lengths: Sequence[int],
    *,
    window_length: int,
    steps: int,
) -> int | None:
    """The time steps held out at the end of every series, ``"auto"`` resolved.

    ``"auto"`` holds out, for an estimator that takes validation data
    (:func:`skrnn._contract.takes_validation_data`, the Keras regressors),
    the last ``max(steps, ceil(n * fraction))`` steps of every series,
    ``n`` the length of the shortest series long enough for a training
    window (``window_length + steps``) and ``fraction`` the estimator's
    ``validation_fraction`` (:data:`AUTO_VALIDATION_FRACTION` if it has
    none). That series must keep at least as many
    training windows (before ``stride``) as it gives validation windows,
    after the gap of ``window_length + steps - 1`` windows, the rule of the
    Keras regressors' own split; where it cannot, nothing is held out, with
    a warning. For any other estimator ``"auto"`` holds out nothing: every
    window trains.

    Parameters
    ----------
    validation_size : int, "auto" or None
        As :func:`check_validation_size` returned it.
    estimator : regressor
        The forecaster's ``estimator``.
    lengths : sequence of int
        Time steps of every series.
    window_length, steps : int
        Steps per window, and target steps per training window.

    Returns
    -------
    int or None

    Warns
    -----
    UserWarning
        When ``"auto"`` holds nothing out because the shortest trainable
        series is too short.

    Examples
    --------
    >>> from skrnn._contract import WindowRegressorMixin
    >>> class Stopping(WindowRegressorMixin):
    ...     takes_validation_data = True
    >>> lengths = [115, 200]
    >>> resolve_validation_size("auto", Stopping(), lengths, window_length=10, steps=1)
    12
    >>> from sklearn.linear_model import Ridge
    >>> resolve_validation_size("auto", Ridge(), lengths, window_length=10, steps=1)
    >>> resolve_validation_size(None, Stopping(), lengths, window_length=10, steps=1)
    """
    if validation_size != "auto":
        return validation_size
    trainable = [n for n in lengths if n >= window_length + steps]
    if not takes_validation_data(estimator) or not trainable:
        return None
    shortest = min(trainable)
    fraction = getattr(estimator, "validation_fraction", AUTO_VALIDATION_FRACTION)
    size = max(steps, math.ceil(shortest * fraction))
    n_valid = size - steps + 1
    n_train = shortest - 2 * window_length - steps - size + 1
    if n_train >= n_valid:
        return size
    warnings.warn(
        f"validation_size='auto' holds out no steps: the shortest trainable "
        f"series of y has {shortest} time steps, too few to hold out its last "
        f"{size} for validation after a gap of window_length = {window_length} "
        f"and keep as many training windows as validation windows ({n_valid}); "
        f"every window trains, as with validation_size=None. Pass an int "
        "validation_size to hold out steps anyway.",
        UserWarning,
        stacklevel=3,
    )
    return None
