"""Multi-step forecasting strategies on top of one-step window regressors.

:class:`RecursiveRegressor` turns a one-step window regressor into an
``horizon``-step forecaster by feeding each prediction back into the window.
Direct and seq2seq multi-step forecasts need no wrapper: train a window
regressor on ``(n_windows, horizon)`` or seq2seq targets (see
:func:`skrnn.make_windows`).
"""

from __future__ import annotations

import numbers
import sys
import warnings
from collections.abc import Sequence

import numpy as np
from numpy.typing import ArrayLike
from sklearn.base import BaseEstimator, MetaEstimatorMixin, RegressorMixin, clone
from sklearn.utils import get_tags
from sklearn.utils.validation import (
    check_array,
    check_consistent_length,
    check_is_fitted,
    column_or_1d,
    validate_data,
)

from skrnn._contract import accepts_3d, batch_predictor, takes_validation_data
from skrnn._validation import (
    check_positive_int,
    check_window_array,
    check_window_shape,
    resolve_columns,
)

__all__ = ["RecursiveRegressor"]

# windows compared by the check that y continues the windows
_CONTINUATION_SAMPLE = 2048
# dtypes of the windows that predict takes without a conversion
_FLOAT_DTYPES = (np.dtype(np.float32), np.dtype(np.float64))


def _is_estimator(estimator) -> bool:
    """Whether ``estimator`` looks like a scikit-learn estimator."""
    return all(hasattr(estimator, name) for name in ("fit", "get_params"))


class RecursiveRegressor(MetaEstimatorMixin, RegressorMixin, BaseEstimator):
    """Multi-step forecasts from a one-step window regressor, fed back in.

    ``fit`` trains a clone of ``estimator`` to predict the next value of the
    target column(s) from a window. ``predict`` then forecasts ``horizon``
    steps: at each step the whole batch of windows goes through the estimator
    once, the predictions are appended to the windows' target column(s) and
    the oldest time step is dropped.

    For skrnn's Keras window regressors the whole forecast is one compiled
    call on the whole batch: all ``horizon`` steps, with their
    ``differences``, ``window_norm`` and covariates, in one ``jax.jit`` on
    JAX or one XLA-compiled ``tf.function`` on TensorFlow, compiled once per
    horizon and batch size (padded to a few sizes) and kept on the fitted
    estimator (not pickled). The forecasts equal those of one
    ``predict_windows`` call per step to float32 rounding. skrnn's other
    window regressors get one ``predict_windows`` call per step on the whole
    batch, any other scikit-learn regressor (or a Pipeline) one ``predict``
    call per step.

    Preprocessing goes *inside*: ``estimator`` may be a Pipeline such as
    ``make_pipeline(WindowScaler(), model)``, or a
    :class:`~sklearn.compose.TransformedTargetRegressor` around one to scale
    the targets too (see :class:`skrnn.preprocessing.WindowScaler`). It
    maps windows in the series' units to the next value in the same units,
    so the forecasts fed back are exact. A transformer in a Pipeline *in
    front of* RecursiveRegressor would scale the windows but not ``y``, and
    the fed-back forecasts would land in the wrong units: ``fit`` checks
    that ``y`` continues the windows and refuses it otherwise (see Notes).

    Parameters
    ----------
    estimator : regressor
        One-step window regressor, e.g. :class:`skrnn.LSTMRegressor`,
        :class:`skrnn.NaiveRegressor` or :class:`sklearn.linear_model.Ridge`.
        3-D windows are flattened to ``(n_windows, window_length *
        n_features)`` for estimators whose tags say they take no 3-D input
        (a Pipeline takes them when each of its steps does, e.g.
        ``make_pipeline(WindowScaler(), LSTMRegressor())``; a
        TransformedTargetRegressor when its regressor does).
    horizon : int, default=1
        Number of steps forecast by :meth:`predict`.
    target_index : int or sequence of int, default=0
        Feature column(s) of the windows that the predictions feed back into.
        An int means one target and a 1-D one-step ``y``; a sequence of
        ``n_targets`` ints means ``y`` of shape ``(n_windows, n_targets)``,
        column ``j`` of which is feature ``target_index[j]``. 2-D windows
        have one feature, column 0.

    Attributes
    ----------
    estimator_ : regressor
        The fitted clone of ``estimator``.
    target_indices_ : list of int
        Resolved ``target_index``.
    covariate_indices_ : list of int
        The other feature columns, whose future values ``predict`` takes
        from ``future_covariates``.
    window_shape_ : tuple of int
        ``(window_length,)`` for 2-D windows or ``(window_length,
        n_features)`` for 3-D windows.
    n_features_in_ : int
        Window length (the second axis of ``X``).

    Notes
    -----
    ``y`` is a one-step target. A 2-D ``y`` with an int ``target_index`` is
    read as direct targets ``(n_windows, horizon)`` and only its first
    column (one step ahead) is used, with a warning (a
    ``DataConversionWarning`` for a single column); likewise only
    ``y[:, 0, :]`` of a 3-D ``(n_windows, horizon, n_targets)`` target is
    used.

    ``y`` must continue the windows in their units: where a window is the
    one before it shifted by one time step (as the windows of
    :func:`skrnn.make_windows` with ``stride=1`` are), ``y[i]`` is the last
    value of window ``i + 1`` in the target column(s). ``fit`` compares
    them on the first 2,048 windows and raises a ValueError when most
    windows are consecutive but ``y`` is in other units (typically windows
    scaled by a transformer in front of RecursiveRegressor while ``y`` is
    not, or ``y`` scaled by a TransformedTargetRegressor around it while the
    windows are not). Windows that are not consecutive (shuffled, strided,
    unrelated) are not checked.

    Examples
    --------
    >>> import numpy as np
    >>> from sklearn.linear_model import LinearRegression
    >>> from skrnn.multistep import RecursiveRegressor
    >>> series = 0.8 ** np.arange(30)
    >>> X = np.lib.stride_tricks.sliding_window_view(series[:-1], 3)
    >>> y = series[3:]
    >>> model = RecursiveRegressor(LinearRegression(), horizon=4).fit(X, y)
    >>> model.predict(X[-1:]).round(6)  # 0.8**29 ... 0.8**32
    array([[0.001547, 0.001238, 0.00099 , 0.000792]])
    """

    _required_parameters = ["estimator"]

    def __init__(
        self,
        estimator,
        horizon: int = 1,
        target_index: int | Sequence[int] = 0,
    ):
        self.estimator = estimator
        self.horizon = horizon
        self.target_index = target_index

    def __sklearn_tags__(self):
        tags = super().__sklearn_tags__()
        inner = get_tags(self.estimator) if _is_estimator(self.estimator) else None
        tags.input_tags.three_d_array = True
        tags.input_tags.sparse = False
        tags.input_tags.allow_nan = False
        tags.target_tags.required = True
        tags.target_tags.multi_output = not self._single_target()
        if (
            tags.regressor_tags is not None
            and inner is not None
            and inner.regressor_tags is not None
        ):
            tags.regressor_tags.poor_score = inner.regressor_tags.poor_score
        return tags

    def _single_target(self) -> bool:
        return isinstance(self.target_index, numbers.Integral)

    # -- fit ---------------------------------------------------------------

    def fit(
        self,
        X: ArrayLike,
        y: ArrayLike,
        sample_weight: ArrayLike | None = None,
        **fit_params,
    ) -> RecursiveRegressor:
        """Fit a clone of ``estimator`` on one-step targets.

        Parameters
        ----------
        X : array-like of shape (n_windows, window_length) or \
(n_windows, window_length, n_features)
            Training windows; 2-D means one feature.
        y : array-like of shape (n_windows,) or (n_windows, n_targets)
            Next value of the target column(s) after each window. With an
            int ``target_index``, a 2-D ``y`` of direct targets
            ``(n_windows, horizon)`` contributes its first column only; a
            3-D ``(n_windows, horizon, n_targets)`` its first step only.
        sample_weight : array-like of shape (n_windows,), default=None
            Passed to the estimator's ``fit`` when given.
        **fit_params : dict
            Passed to the estimator's ``fit``. ``validation_data=(X_val,
            y_val)`` (for estimators that take it, such as the Keras
            regressors) is read like ``X`` and ``y``: one-step targets are
            kept, and windows are flattened for 2-D-only estimators.

        Returns
        -------
        self
        """
        if not _is_estimator(self.estimator) or not hasattr(self.estimator, "predict"):
            raise TypeError(
                "estimator must be a scikit-learn regressor with fit and predict "
                "(e.g. Ridge() or LSTMRegressor()), the one-step model to feed "
                f"back; got {self.estimator!r} ({type(self.estimator).__name__})."
            )
        check_positive_int(self.horizon, "horizon")
        if y is None:
            raise ValueError(
                f"{type(self).__name__} requires y to be passed, but the target y "
                "is None."
            )
        array = check_window_array(
            X, ensure_2d=False, hint=" One univariate window w is w.reshape(1, -1)."
        )
        validate_data(self, X, reset=True, skip_check_array=True)
        X = array
        self.window_shape_ = X.shape[1:]
        n_window_features = X.shape[2] if X.ndim == 3 else 1
        selection = (
            int(self.target_index) if self._single_target() else list(self.target_index)
        )
        self.target_indices_ = resolve_columns(
            selection, None, n_window_features, name="target_index"
        )
        self.covariate_indices_ = [
            j for j in range(n_window_features) if j not in self.target_indices_
        ]
        y = self._one_step_target(y)
        check_consistent_length(X, y)
        self._check_continuation(X, y, "X", "y")
        if sample_weight is not None:
            fit_params["sample_weight"] = sample_weight
        if "validation_data" in fit_params:
            fit_params["validation_data"] = self._validation_data(
                fit_params["validation_data"]
            )
        self.estimator_ = clone(self.estimator).fit(
            self._inner_windows(X, self.estimator), y, **fit_params
        )
        self._compiled = {}  # filled by predict, in place (see _compiled_forecast)
        return self

    def _validation_data(self, validation_data) -> tuple[np.ndarray, np.ndarray]:
        """``(X_val, y_val)`` as the inner estimator takes them."""
        if not takes_validation_data(self.estimator):
            raise ValueError(
                f"validation_data was given, but {type(self.estimator).__name__} "
                "does not take validation data in fit."
            )
        try:
            X_val, y_val = validation_data
        except (TypeError, ValueError):
            raise ValueError(
                "validation_data must be a pair (X_val, y_val) of windows and "
                f"targets; got {type(validation_data).__name__}."
            ) from None
        X_val = check_array(
            X_val, allow_nd=True, dtype=(np.float64, np.float32), input_name="X_val"
        )
        if X_val.shape[1:] != self.window_shape_:
            raise ValueError(
                f"validation_data windows have shape {X_val.shape[1:]}, but the "
                f"training windows have shape {self.window_shape_}."
            )
        y_val = self._one_step_target(y_val)
        check_consistent_length(X_val, y_val)
        self._check_continuation(X_val, y_val, "X_val", "y_val")
        return self._inner_windows(X_val, self.estimator), y_val

    def _one_step_target(self, y: ArrayLike) -> np.ndarray:
        """Validate ``y`` and keep its one-step-ahead part."""
        y = check_array(
            y, ensure_2d=False, allow_nd=True, dtype=np.float64, input_name="y"
        )
        n_targets = len(self.target_indices_)
        if self._single_target():
            if y.ndim == 3:
                if y.shape[2] != 1:
                    raise ValueError(
                        f"y of shape {y.shape} has {y.shape[2]} targets, but "
                        f"target_index={self.target_index!r} names one; pass a "
                        "sequence of target indices."
                    )
                y = y[:, :, 0]
            if y.ndim == 2 and y.shape[1] > 1:
                warnings.warn(
                    f"y has shape {y.shape}: read as direct targets "
                    "(n_windows, horizon); RecursiveRegressor trains on the first "
                    "column (one step ahead) only.",
                    UserWarning,
                    stacklevel=3,
                )
                y = y[:, 0]
            return column_or_1d(y, warn=True)
        if y.ndim == 1 and n_targets == 1:
            return y.reshape(-1, 1)
        if y.ndim == 3 and y.shape[2] == n_targets:
            warnings.warn(
                f"y has shape {y.shape}: read as direct targets (n_windows, "
                "horizon, n_targets); RecursiveRegressor trains on the first step "
                "only.",
                UserWarning,
                stacklevel=3,
            )
            y = y[:, 0]
        if y.ndim != 2 or y.shape[1] != n_targets:
            raise ValueError(
                f"y must have shape (n_windows, {n_targets}) for "
                f"target_index={self.target_index!r}; got shape {y.shape}."
            )
        return y

    def _check_continuation(
        self, X: np.ndarray, y: np.ndarray, x_name: str, y_name: str
    ) -> None:
        """Refuse ``y`` in other units than the windows' target column(s)."""
        n_windows, window_length = X.shape[:2]
        if window_length < 2 or n_windows < 3:
            return
        m = min(n_windows - 1, _CONTINUATION_SAMPLE)
        windows = X[: m + 1].reshape(m + 1, window_length, -1)
        targets = np.asarray(y[:m], dtype=np.float64).reshape(m, -1)
        for j, column in enumerate(self.target_indices_):
            values = windows[:, :, column].astype(np.float64)
            scale = float(values.std())
            if not np.isfinite(scale) or scale == 0.0:
                continue
            overlap = np.abs(values[1:, :-1] - values[:-1, 1:]).max(axis=1)
            consecutive = np.flatnonzero(overlap <= 0.25 * scale)
            if len(consecutive) < max(2, m // 2):
                continue
            following = values[consecutive + 1, -1]
            gap = np.abs(targets[consecutive, j] - following)
            if np.median(gap) <= max(0.5 * scale, 10 * np.median(overlap[consecutive])):
                continue
            i = int(consecutive[0])
            where = f"[{i + 1}, -1]" if X.ndim == 2 else f"[{i + 1}, -1, {column}]"
            target = (
                f"{y_name}[{i}]" if targets.shape[1] == 1 else f"{y_name}[{i}, {j}]"
            )
            raise ValueError(
                f"{y_name} does not continue the windows {x_name} in their units: "
                f"in {len(consecutive)} of the first {m} pairs of windows, window "
                "i + 1 is window i shifted by one time step, so "
                f"{y_name}[i] should be the last target value of window i + 1, "
                f"but {target} = {targets[i, j]:.6g} while "
                f"{x_name}{where} = {following[0]:.6g} (median gap "
                f"{np.median(gap):.3g}, spread of the windows {scale:.3g}). A "
                "transformer in front of RecursiveRegressor (a scaler in a "
                "Pipeline) scales the windows but not y, so the forecasts fed back "
                "would be in the wrong units. Put the scaling inside: "
                "RecursiveRegressor(make_pipeline(WindowScaler(), model)), with a "
                "TransformedTargetRegressor around the pipeline to scale the "
                "targets, or scale the series first (WindowForecaster's "
                "series_scaler)."
            )

    def _inner_windows(self, X: np.ndarray, estimator) -> np.ndarray:
        """Windows as the inner estimator takes them (flattened if 2-D only)."""
        if X.ndim == 3 and not accepts_3d(estimator):
            return X.reshape(len(X), -1)
        return X

    # -- predict -----------------------------------------------------------

    def predict(
        self, X: ArrayLike, future_covariates: ArrayLike | None = None
    ) -> np.ndarray:
        """Forecast ``horizon`` steps from the end of each window.

        Parameters
        ----------
        X : array-like of shape (n_windows, window_length) or \
(n_windows, window_length, n_features)
            Windows shaped like the training windows.
        future_covariates : array-like of shape (n_windows, horizon, \
n_covariates), default=None
            Known future values of the window features that are not targets
            (``n_covariates = n_features - n_targets``, in feature order):
            ``future_covariates[:, k]`` fills the window row of the time step
            forecast at step ``k``. The last row is never fed in (no step
            follows it). Required when ``horizon > 1`` and the windows have
            non-target features; an error when they have none.

        Returns
        -------
        y_pred : ndarray of float64
            ``(n_windows, horizon)`` for an int ``target_index``,
            ``(n_windows, horizon, n_targets)`` for a sequence. With
            ``horizon=1`` the horizon axis is dropped: ``(n_windows,)`` or
            ``(n_windows, n_targets)``, the shape of the one-step target.
        """
        self._check_fitted()
        horizon = check_positive_int(self.horizon, "horizon")
        y_pred = self.forecast(X, horizon, future_covariates)
        if self._single_target():
            y_pred = y_pred[:, :, 0]
        if horizon == 1:
            y_pred = y_pred[:, 0]
        return y_pred

    def _check_fitted(self) -> None:
        """``check_is_fitted``, whose tags (of this estimator and the inner
        one) are skipped once ``fit`` has set ``estimator_``: then it passes."""
        if "estimator_" not in vars(self):
            check_is_fitted(self)

    def _check_windows(self, X: ArrayLike) -> np.ndarray:
        if self._plain_windows(X):
            return X
        array = check_array(
            X,
            accept_sparse=False,
            allow_nd=True,
            dtype=(np.float64, np.float32),
            input_name="X",
        )
        check_window_shape(array, self.window_shape_, type(self).__name__)
        validate_data(self, X, reset=False, skip_check_array=True)
        return array

    def _plain_windows(self, X) -> bool:
        """Whether ``X`` passes :meth:`_check_windows` as it is, by cheap tests.

        A float32/float64 ndarray of the fitted window shape, with at least
        one window, finite, for an estimator fitted without feature names:
        what ``check_array`` and ``validate_data`` would return unchanged
        (they cost more than a small compiled forecast). Anything else,
        including a sum that overflows, gets the full checks and their
        errors.
        """
        return (
            type(X) is np.ndarray
            and X.dtype in _FLOAT_DTYPES
            and X.shape[1:] == self.window_shape_
            and len(X) > 0
            and getattr(self, "n_features_in_", None) == X.shape[1]
            and not hasattr(self, "feature_names_in_")
            and bool(np.isfinite(X.sum()))
        )

    def _check_future_covariates(
        self, future_covariates: ArrayLike | None, n_windows: int, horizon: int
    ) -> np.ndarray | None:
        n_covariates = len(self.covariate_indices_)
        expected = (n_windows, horizon, n_covariates)
        if future_covariates is None:
            if horizon > 1 and n_covariates:
                raise ValueError(
                    f"future_covariates is required: the windows have {n_covariates} "
                    f"non-target feature(s) (columns {self.covariate_indices_}) "
                    "whose values after the window are not forecast; pass their "
                    f"known future values as future_covariates of shape {expected}."
                )
            return None
        if not n_covariates:
            raise ValueError(
                "future_covariates was given, but every window feature is a target "
                f"(target_index={self.target_index!r}); there is nothing to fill."
            )
        future_covariates = check_array(
            future_covariates,
            ensure_2d=False,
            allow_nd=True,
            dtype=np.float64,
            input_name="future_covariates",
        )
        if future_covariates.ndim == 2 and n_covariates == 1:
            future_covariates = future_covariates[:, :, np.newaxis]
        if future_covariates.shape != expected:
            raise ValueError(
                f"future_covariates must have shape {expected} "
                "(n_windows, horizon, n_covariates); got shape "
                f"{future_covariates.shape}."
            )
        return future_covariates

    def forecast(
        self,
        X: ArrayLike,
        horizon: int | None = None,
        future_covariates: ArrayLike | None = None,
    ) -> np.ndarray:
        """Roll ``horizon`` steps forward from each window, with a target axis.

        Parameters
        ----------
        X : array-like of shape (n_windows, window_length[, n_features])
            Windows shaped like the training windows.
        horizon : int, default=None
            Steps to forecast; None means the ``horizon`` parameter.
        future_covariates : array-like of shape (n_windows, horizon, \
n_covariates), default=None
            As for :meth:`predict`.

        Returns
        -------
        y_pred : ndarray of shape (n_windows, horizon, n_targets), float64
            Unlike :meth:`predict`, the horizon and target axes are always
            there.

        Notes
        -----
        The windows live in one buffer of ``window_length + horizon - 1``
        time steps per window: the forecast at step ``k`` is written at time
        step ``window_length + k`` and step ``k`` reads the view
        ``buffer[:, k : k + window_length]``, so no window is copied or
        looped over in Python.
        """
        self._check_fitted()
        horizon = check_positive_int(
            self.horizon if horizon is None else horizon, "horizon"
        )
        X = self._check_windows(X)
        n_windows, window_length = X.shape[:2]
        covariates = self._check_future_covariates(
            future_covariates, n_windows, horizon
        )
        compiled = self._compiled_forecast(horizon)
        if compiled is not None:
            if covariates is None and self.covariate_indices_:
                # one step: the covariates after it are never read, but the
                # compiled loop builds the next window all the same
                covariates = np.zeros(
                    (n_windows, horizon, len(self.covariate_indices_)), np.float32
                )
            return compiled(X, covariates)
        predict_step = batch_predictor(self.estimator_)
        n_targets = len(self.target_indices_)

        buffer = np.empty(
            (n_windows, window_length + horizon - 1, *X.shape[2:]), np.float64
        )
        buffer[:, :window_length] = X
        if covariates is not None:
            buffer[:, window_length:, self.covariate_indices_] = covariates[:, :-1]
        y_pred = np.empty((n_windows, horizon, n_targets), dtype=np.float64)
        for step in range(horizon):
            windows = self._inner_windows(
                buffer[:, step : step + window_length], self.estimator_
            )
            y_pred[:, step] = np.asarray(predict_step(windows)).reshape(
                n_windows, n_targets
            )
            if step + 1 < horizon:
                row = buffer[:, window_length + step]
                if buffer.ndim == 2:
                    row[:] = y_pred[:, step, 0]
                else:
                    row[:, self.target_indices_] = y_pred[:, step]
        return y_pred

    # -- the compiled fast path ----------------------------------------------

    def _compiled_forecast(self, horizon: int):
        """The whole ``horizon``-step loop as one compiled call, or None.

        For skrnn's Keras window regressors (see
        :func:`skrnn.models._backend.recursive_forecast`); built on first use
        for each horizon and kept on this estimator for the network it was
        built for (a refit ``estimator_`` gets new ones), in one dict that
        ``fit`` creates and ``predict`` fills in place (``predict`` adds no
        attribute). Never pickled: rebuilt after unpickling.
        """
        backend = sys.modules.get("skrnn.models._backend")
        network = getattr(self.estimator_, "model_", None)
        if backend is None or network is None:  # no Keras estimator can be fitted
            return None
        cache = self.__dict__.setdefault("_compiled", {})
        if cache.get("estimator") is not self.estimator_ or (
            cache.get("network") is not network
        ):
            cache.clear()
            cache.update(estimator=self.estimator_, network=network)
        if horizon not in cache:
            cache[horizon] = backend.recursive_forecast(
                self.estimator_, list(self.target_indices_), horizon
            )
        return cache[horizon]

    def __getstate__(self):
        state = super().__getstate__()
        if "_compiled" in state:  # compiled functions: rebuilt after unpickling
            state["_compiled"] = {}
        return state
