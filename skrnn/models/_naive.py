"""Naive and seasonal-naive window regressors, and the window/target checks
shared with the SARIMA regressor."""

from __future__ import annotations

import numbers
from collections.abc import Sequence
from typing import Any

import numpy as np
from sklearn.base import BaseEstimator, RegressorMixin
from sklearn.metrics import r2_score
from sklearn.utils.validation import (
    check_array,
    check_consistent_length,
    check_is_fitted,
    validate_data,
)

from skrnn._validation import check_positive_int


def _check_target_index(target_index: Any, n_features: int) -> tuple[list[int], bool]:
    """Validate ``target_index`` against the number of window features.

    Returns
    -------
    columns : list of int
        The target columns.
    is_sequence : bool
        Whether ``target_index`` was a sequence (a target axis in ``y``).
    """
    expected = (
        "target_index must be an int or a non-empty sequence of ints in "
        f"[0, {n_features}) (the windows have {n_features} feature(s))"
    )
    is_sequence = not isinstance(target_index, (numbers.Integral, np.integer))
    if is_sequence:
        if isinstance(target_index, (str, bytes)) or not isinstance(
            target_index, (Sequence, np.ndarray)
        ):
            raise TypeError(f"{expected}, got {target_index!r}.")
        columns = list(np.asarray(target_index).ravel().tolist())
        if not columns:
            raise ValueError(f"{expected}, got an empty sequence.")
    else:
        columns = [target_index]
    for column in columns:
        if isinstance(column, (bool, np.bool_)) or not isinstance(
            column, (numbers.Integral, np.integer)
        ):
            raise TypeError(f"{expected}, got {target_index!r}.")
        if not 0 <= column < n_features:
            raise ValueError(f"{expected}, got {target_index!r}.")
    return [int(c) for c in columns], is_sequence


def _check_windows(estimator: BaseEstimator, X: Any, *, reset: bool) -> np.ndarray:
    """Validate windows ``(n, L)`` or ``(n, L, n_features)`` as float64.

    At fit (``reset=True``) stores ``n_features_in_`` (through
    ``validate_data``; it equals the window length), ``window_length_`` and
    ``n_window_features_``. Later calls must match them.
    """
    shape = X.shape if hasattr(X, "shape") else np.shape(np.asarray(X, dtype=object))
    if len(shape) not in (2, 3):
        raise ValueError(
            "X must be 2-D windows (n_windows, window_length) or 3-D windows "
            f"(n_windows, window_length, n_features); got shape {tuple(shape)}. "
            "Reshape your data, e.g. one univariate window w as w.reshape(1, -1)."
        )
    X = validate_data(
        estimator, X, reset=reset, accept_sparse=False, allow_nd=True, dtype=np.float64
    )
    n_window_features = X.shape[2] if X.ndim == 3 else 1
    if reset:
        estimator.window_length_ = X.shape[1]
        estimator.n_window_features_ = n_window_features
        estimator.windows_ndim_ = X.ndim
    elif (
        X.ndim != estimator.windows_ndim_
        or n_window_features != estimator.n_window_features_
    ):
        raise ValueError(
            f"X has windows of shape {X.shape[1:]}, but {type(estimator).__name__} "
            f"was fitted on {estimator.windows_ndim_}-D windows with "
            f"{estimator.n_window_features_} feature(s) "
            f"(window_length={estimator.window_length_})."
        )
    return X


def _target_columns(X: np.ndarray, columns: list[int]) -> np.ndarray:
    """The target columns of validated windows, shape (n, L, n_targets)."""
    if X.ndim == 2:
        return X[:, :, None]
    return X[:, :, columns]


def _check_y(
    estimator: BaseEstimator,
    y: Any,
    X: np.ndarray,
    n_targets: int,
    is_sequence: bool,
    *,
    allow_seq2seq: bool,
) -> tuple[np.ndarray, str]:
    """Validate targets and classify them.

    With an int ``target_index`` (one target): ``(n,)`` one-step,
    ``(n, horizon)`` direct, ``(n, window_length, horizon)`` seq2seq. With a
    sequence of ``n_targets`` columns: ``(n, n_targets)`` one-step,
    ``(n, horizon, n_targets)`` direct.

    Returns
    -------
    y : ndarray of float64
        The validated targets, shaped as given.
    kind : {"one-step", "direct", "seq2seq"}
    """
    name = type(estimator).__name__
    if y is None:
        raise ValueError(f"{name} requires y to be passed, but the target y is None.")
    y = check_array(y, ensure_2d=False, allow_nd=True, dtype=np.float64, input_name="y")
    check_consistent_length(X, y)
    if is_sequence:
        layouts = (
            f"target_index lists {n_targets} column(s), so y must be "
            f"(n_windows, {n_targets}) one-step or (n_windows, horizon, {n_targets}) "
            "direct"
        )
        if y.ndim not in (2, 3) or y.shape[-1] != n_targets:
            raise ValueError(f"{layouts}; got y of shape {y.shape}.")
        return y, ("one-step" if y.ndim == 2 else "direct")
    if y.ndim == 1:
        return y, "one-step"
    if y.ndim == 2:
        return y, "direct"
    if not allow_seq2seq:
        raise ValueError(
            f"{name} supports one-step y (n_windows,) and direct y "
            f"(n_windows, horizon) for an int target_index; got y of shape "
            f"{y.shape}. seq2seq targets (n_windows, window_length, horizon) are "
            "not supported; for several target columns pass target_index as a "
            "sequence and y as (n_windows, horizon, n_targets)."
        )
    if y.ndim != 3 or y.shape[1] != X.shape[1]:
        raise ValueError(
            "With an int target_index, 3-D y means seq2seq targets "
            f"(n_windows, window_length, horizon) = (n, {X.shape[1]}, horizon); got "
            f"y of shape {y.shape}. For several target columns pass target_index "
            "as a sequence and y as (n_windows, horizon, n_targets)."
        )
    return y, "seq2seq"


def _r2(y_true: np.ndarray, y_pred: np.ndarray, sample_weight: Any) -> float:
    """``r2_score`` with targets of any number of dimensions flattened per window."""
    n = len(y_true)
    if y_true.ndim > 2:
        y_true, y_pred = y_true.reshape(n, -1), y_pred.reshape(n, -1)
    return float(r2_score(y_true, y_pred, sample_weight=sample_weight))


def _regressor_tags(tags):
    tags.input_tags.three_d_array = True
    tags.target_tags.required = True
    tags.target_tags.multi_output = True
    tags.regressor_tags.poor_score = True
    return tags


class NaiveRegressor(RegressorMixin, BaseEstimator):
    """Naive forecast from windows: the last value, or the last season repeated.

    Step ``k`` (0-based) of the forecast is the window value
    ``X[:, L - lag + (k % lag)]`` of the target column, where ``L`` is the
    window length: ``lag=1`` repeats the last value, ``lag=7`` on daily data
    repeats the last week (seasonal naive). Nothing is learned; ``fit``
    checks the data and records the shapes.

    Parameters
    ----------
    lag : int, default=1
        Season length in time steps, ``1 <= lag <= window_length``.
    target_index : int or sequence of int, default=0
        Target column(s) of multivariate windows ``(n, L, n_features)``. It
        decides how ``y`` is read:

        - int: ``y`` of shape ``(n_windows,)`` is one-step,
          ``(n_windows, horizon)`` direct (so a 2-D ``y`` is always read as
          a horizon of one target column, also when its width equals
          ``n_features``), and ``(n_windows, window_length, horizon)``
          seq2seq (``Y[i, t, k]`` = target at step ``t + 1 + k`` of window
          ``i``).
        - sequence of ``n_targets`` ints: ``(n_windows, n_targets)`` one-step,
          ``(n_windows, horizon, n_targets)`` direct.

        2-D windows ``(n, L)`` have one feature, so ``target_index`` is 0
        (or ``[0]``).

    Attributes
    ----------
    n_features_in_ : int
        Window length (the second axis of ``X``, as scikit-learn counts it).
    window_length_ : int
        Time steps per window.
    n_window_features_ : int
        Features per time step (1 for 2-D windows).
    windows_ndim_ : int
        2 or 3, the number of dimensions of the training windows.
    horizon_ : int
        Forecast steps per window (1 for one-step targets).
    target_shape_ : tuple of int
        Shape of one window's target, ``y.shape[1:]`` at fit.
    target_columns_ : list of int
        The target columns of the windows.
    seq2seq_ : bool
        Whether the model was fitted on seq2seq targets.

    Examples
    --------
    >>> import numpy as np
    >>> from skrnn.models._naive import NaiveRegressor
    >>> week = np.tile([1.0, 2, 3, 4, 5, 6, 7], 4)
    >>> X = np.lib.stride_tricks.sliding_window_view(week, 14)[:-3]
    >>> Y = np.stack([week[i + 14 : i + 17] for i in range(len(X))])
    >>> model = NaiveRegressor(lag=7).fit(X, Y)
    >>> model.predict(X[:2])
    array([[1., 2., 3.],
           [2., 3., 4.]])
    >>> NaiveRegressor().fit(X, Y[:, 0]).predict(X[:2])
    array([7., 1.])
    """

    def __init__(self, lag: int = 1, target_index: int | Sequence[int] = 0):
        self.lag = lag
        self.target_index = target_index

    def __sklearn_tags__(self):
        return _regressor_tags(super().__sklearn_tags__())

    def fit(self, X: Any, y: Any) -> NaiveRegressor:
        """Check the windows and targets and record their shapes.

        Parameters
        ----------
        X : array-like of shape (n_windows, window_length) or \
(n_windows, window_length, n_features)
            Windows; 2-D means one feature.
        y : array-like of shape (n_windows,), (n_windows, horizon), \
(n_windows, window_length, horizon), (n_windows, n_targets) or \
(n_windows, horizon, n_targets)
            Targets, read as described under ``target_index``.

        Returns
        -------
        self : NaiveRegressor
        """
        lag = check_positive_int(self.lag, "lag")
        if y is None:
            raise ValueError(
                f"{type(self).__name__} requires y to be passed, but the target y "
                "is None."
            )
        X = _check_windows(self, X, reset=True)
        columns, is_sequence = _check_target_index(
            self.target_index, self.n_window_features_
        )
        y, kind = _check_y(self, y, X, len(columns), is_sequence, allow_seq2seq=True)
        if lag > self.window_length_:
            raise ValueError(
                f"lag={lag} is larger than the window length window_length="
                f"{self.window_length_} of X; the windows must hold at least one "
                "full season."
            )
        self.target_columns_ = columns
        self.seq2seq_ = kind == "seq2seq"
        self.target_shape_ = y.shape[1:]
        if kind == "one-step":
            self.horizon_ = 1
        else:
            self.horizon_ = y.shape[2] if self.seq2seq_ else y.shape[1]
        return self

    def predict(self, X: Any, *, return_sequences: bool = False) -> np.ndarray:
        """Repeat the last ``lag`` values of each window's target column(s).

        Parameters
        ----------
        X : array-like of shape (n_windows, window_length) or \
(n_windows, window_length, n_features)
            Windows shaped like the training windows.
        return_sequences : bool, default=False
            For a model fitted on seq2seq targets, return the forecasts from
            every prefix ``X[:, :t + 1]``, shape
            ``(n_windows, window_length, horizon)``; the first ``lag - 1``
            steps, whose prefix is shorter than ``lag``, are NaN. Ignored
            for other targets.

        Returns
        -------
        y_pred : ndarray of float64
            Shaped like one training target per window: ``(n_windows,)``,
            ``(n_windows, horizon)``, ``(n_windows, n_targets)`` or
            ``(n_windows, horizon, n_targets)``; for seq2seq models
            ``(n_windows, horizon)`` (the last step) or, with
            ``return_sequences=True``, ``(n_windows, window_length, horizon)``.
        """
        check_is_fitted(self)
        X = _check_windows(self, X, reset=False)
        values = _target_columns(X, self.target_columns_)  # (n, L, n_targets)
        lag, length = int(self.lag), self.window_length_
        steps = np.arange(self.horizon_) % lag
        if not self.seq2seq_:
            y_pred = values[:, length - lag + steps, :]  # (n, horizon, n_targets)
            return y_pred.reshape((len(X), *self.target_shape_))
        ends = np.arange(1, length + 1)[:, None]  # prefix lengths, (L, 1)
        index = ends - lag + steps[None, :]  # (L, horizon)
        sequences = values[:, np.clip(index, 0, None), 0]  # (n, L, horizon)
        sequences = np.where(ends >= lag, sequences, np.nan)
        return sequences if return_sequences else sequences[:, -1]

    def score(self, X: Any, y: Any, sample_weight: Any = None) -> float:
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
        score : float
            ``sklearn.metrics.r2_score``, averaged uniformly over outputs.
        """
        y_true = np.asarray(y, dtype=np.float64)
        if self.seq2seq_ and y_true.ndim == 3:
            y_true = y_true[:, -1]
        return _r2(y_true, self.predict(X), sample_weight)
