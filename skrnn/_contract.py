"""The window-regressor contract: what the forecaster and the strategies rely on.

A *window regressor* is a scikit-learn regressor trained on windows cut from a
series (``X`` of shape ``(n_windows, window_length[, n_features])``). Any
scikit-learn regressor qualifies through the flattened-window path: it gets
``(n_windows, window_length * n_features)`` and flattened targets. skrnn's own
regressors say more about themselves through :class:`WindowRegressorMixin`,
and :mod:`skrnn.strategies`, :mod:`skrnn.forecasting` and the sktime adapters
read only the functions of this module, never parameter names or private
methods.

Target layouts, defined once here::

    layout      y per window                        strategy that trains on it
    one-step    () or (n_targets,)                  recursive
    direct      (horizon,) or (horizon, n_targets)  direct
    seq2seq     (window_length, horizon)            seq2seq

This module imports scikit-learn only, so that every box of the package can
use it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import numpy as np
from sklearn.base import clone
from sklearn.compose import TransformedTargetRegressor
from sklearn.pipeline import Pipeline
from sklearn.utils import get_tags

__all__ = [
    "DIRECT",
    "LAYOUTS",
    "ONE_STEP",
    "SEQ2SEQ",
    "WindowRegressorMixin",
    "accepts_3d",
    "batch_predictor",
    "configured_for_windows",
    "differences_target",
    "takes_seasonal_period",
    "takes_validation_data",
    "takes_validation_error",
]

ONE_STEP = "one-step"
DIRECT = "direct"
SEQ2SEQ = "seq2seq"
#: The target layouts of window regressors, in the order of the table above.
LAYOUTS = (ONE_STEP, DIRECT, SEQ2SEQ)


class WindowRegressorMixin:
    """Mixin of skrnn's window regressors: the contract the forecaster relies on.

    Put it left of the scikit-learn bases (``class M(WindowRegressorMixin,
    RegressorMixin, BaseEstimator)``). A subclass overrides, where the
    defaults do not fit (the docstrings here are those of the overrides too;
    the Notes of a class say what its own do):

    * :meth:`window_settings`: the parameters that tell the regressor which
      window columns are its targets and which target layout it trains on;
    * :attr:`differences_target`: whether the model differences its target
      itself (a SARIMA with ``d`` or ``D`` > 0, a Keras regressor with
      ``differences``), so that no forecaster differences it again;
    * :meth:`predict_windows`: a fast batched prediction on windows already
      shaped like the training windows (skipping the checks of ``predict``);
    * :attr:`takes_validation_data`: whether ``fit`` accepts
      ``validation_data=(X_val, y_val)`` (the Keras regressors stop early on
      it);
    * :attr:`takes_validation_error`: whether ``fit`` also accepts
      ``validation_error``, a callable that maps the predictions on
      ``X_val`` (as :meth:`predict_windows` returns them) to the error of the
      final forecast in the series' units, for early stopping to watch
      instead of the validation loss. The forecaster passes one that undoes
      its own differencing and scaling;
    * :attr:`takes_seasonal_period`: whether ``fit`` accepts
      ``seasonal_period``, the period of the series' season (an int, or
      None where the series show none). The forecaster passes the period of
      its time index when most training series pass the M4 seasonality test
      (the Keras regressors' ``seasonal_baseline="auto"`` uses it).

    Examples
    --------
    >>> from skrnn.models import NaiveRegressor
    >>> NaiveRegressor(lag=7).window_settings(target_index=0, layout="direct")
    {'target_index': 0}
    """

    #: Whether ``fit(X, y, validation_data=(X_val, y_val))`` is supported.
    takes_validation_data: bool = False
    #: Whether ``fit`` also takes ``validation_error=callable``.
    takes_validation_error: bool = False
    #: Whether ``fit`` takes ``seasonal_period=int | None``.
    takes_seasonal_period: bool = False

    def window_settings(
        self, *, target_index: int | Sequence[int], layout: str
    ) -> dict:
        """Parameters for windows whose targets are ``target_index`` in ``layout``.

        Parameters
        ----------
        target_index : int or sequence of int
            Feature column(s) of the windows that the targets are.
        layout : {"one-step", "direct", "seq2seq"}
            Target layout (see :mod:`skrnn._contract`).

        Returns
        -------
        dict
            Keyword arguments for ``set_params``: ``target_index``, and for
            the Keras regressors ``seq2seq`` (True for the seq2seq layout).

        Raises
        ------
        ValueError
            For a layout the model does not train on (the seq2seq layout for
            :class:`~skrnn.SARIMARegressor` and :class:`~skrnn.DenseRegressor`).

        Examples
        --------
        >>> from skrnn.models import DenseRegressor, GRURegressor, SARIMARegressor
        >>> GRURegressor().window_settings(target_index=0, layout="seq2seq")
        {'target_index': 0, 'seq2seq': True}
        >>> DenseRegressor().window_settings(target_index=0, layout="direct")
        {'target_index': 0, 'seq2seq': False}
        >>> SARIMARegressor().window_settings(target_index=1, layout="direct")
        {'target_index': 1}
        """
        return {"target_index": target_index}

    @property
    def differences_target(self) -> bool:
        """Whether the model differences its target column(s) itself."""
        return False

    def predict_windows(self, X: np.ndarray) -> np.ndarray:
        """Forecasts for windows already checked against the training windows.

        Parameters
        ----------
        X : ndarray of shape (n_windows, window_length[, n_features])
            Windows shaped like the training windows, already validated by
            the caller; not checked again.

        Returns
        -------
        y_pred : ndarray
            One target per window, as ``predict`` returns it; for seq2seq
            models the forecasts at every time step, as ``predict(X,
            return_sequences=True)``.
        """
        return self.predict(X)


def _is_window_regressor(estimator: Any) -> bool:
    return isinstance(estimator, WindowRegressorMixin)


def configured_for_windows(
    estimator: Any, *, target_index: int | Sequence[int], layout: str
) -> Any:
    """A clone of ``estimator`` set up for the targets and layout of the windows.

    skrnn regressors get their :meth:`~WindowRegressorMixin.window_settings`;
    any other scikit-learn regressor is cloned unchanged.

    Parameters
    ----------
    estimator : regressor
        The unfitted template.
    target_index : int or sequence of int
        Window column(s) of the targets.
    layout : {"one-step", "direct", "seq2seq"}
        Target layout.

    Returns
    -------
    regressor
        An unfitted clone.
    """
    if layout not in LAYOUTS:
        raise ValueError(f"layout must be one of {list(LAYOUTS)}, got {layout!r}.")
    estimator = clone(estimator)
    if _is_window_regressor(estimator):
        estimator.set_params(
            **estimator.window_settings(target_index=target_index, layout=layout)
        )
    return estimator


def differences_target(estimator: Any) -> bool:
    """Whether ``estimator`` differences its target itself (False if unknown)."""
    return _is_window_regressor(estimator) and bool(estimator.differences_target)


def takes_seasonal_period(estimator: Any) -> bool:
    """Whether ``estimator.fit`` accepts ``seasonal_period`` (see the mixin)."""
    return _is_window_regressor(estimator) and bool(estimator.takes_seasonal_period)


def takes_validation_data(estimator: Any) -> bool:
    """Whether ``estimator.fit`` accepts ``validation_data``."""
    return _is_window_regressor(estimator) and bool(estimator.takes_validation_data)


def takes_validation_error(estimator: Any) -> bool:
    """Whether ``estimator.fit`` accepts ``validation_error`` (see the mixin)."""
    return _is_window_regressor(estimator) and bool(estimator.takes_validation_error)


def accepts_3d(estimator: Any) -> bool:
    """Whether ``estimator`` takes 3-D windows.

    By its tags; a Pipeline when each of its steps does, and a
    TransformedTargetRegressor when its regressor does.
    """
    if get_tags(estimator).input_tags.three_d_array:
        return True
    if isinstance(estimator, Pipeline):
        try:
            steps = [s for _, s in estimator.steps if s not in (None, "passthrough")]
        except (TypeError, ValueError):
            return False
        return bool(steps) and all(accepts_3d(step) for step in steps)
    if isinstance(estimator, TransformedTargetRegressor):
        inner = getattr(estimator, "regressor_", estimator.regressor)
        return inner is not None and accepts_3d(inner)
    return False


def batch_predictor(estimator: Any) -> Callable[[np.ndarray], np.ndarray]:
    """The fastest prediction function of a fitted window regressor.

    :meth:`WindowRegressorMixin.predict_windows` for skrnn regressors (for the
    Keras ones one compiled call per chunk of windows), ``predict`` for any
    other regressor.
    """
    if _is_window_regressor(estimator):
        return estimator.predict_windows
    return estimator.predict
