"""Window and target checks shared by skrnn's window regressors.

One home for what every family (naive, SARIMA, Keras) checks the same way:
the shape of the windows ``X`` and its drift between fit and predict, the
``target_index`` columns, the targets ``y`` and their layout, the R² of
:meth:`score`, the estimator tags, and the layer widths of the networks. The
messages say which parameter or argument is wrong, what was expected and
what came.

The module imports NumPy and scikit-learn only, so that the naive and SARIMA
regressors stay cheap to import.
"""

from __future__ import annotations

import numbers
from collections.abc import Sequence
from typing import Any

import numpy as np
from sklearn.base import BaseEstimator
from sklearn.metrics import r2_score
from sklearn.utils.validation import check_array, check_consistent_length, validate_data

from skrnn._contract import DIRECT, ONE_STEP, SEQ2SEQ
from skrnn._validation import check_float32
from skrnn.models._time_order import check_target_continues

__all__ = [
    "WindowScoreMixin",
    "check_layer_sizes",
    "check_sample_weight",
    "check_target_index",
    "check_training_data",
    "check_validation_data",
    "check_window_drift",
    "check_window_targets",
    "check_windows",
    "require_y",
    "target_columns",
    "window_r2",
    "window_regressor_tags",
]


def require_y(estimator: BaseEstimator, y: Any) -> None:
    """Raise the scikit-learn error for a missing target.

    Parameters
    ----------
    estimator : estimator
        The estimator being fitted (named in the message).
    y : object
        The target passed to ``fit``.

    Raises
    ------
    ValueError
        If ``y`` is None.

    Examples
    --------
    >>> from skrnn.models import NaiveRegressor
    >>> from skrnn.models._checks import require_y
    >>> require_y(NaiveRegressor(), None)
    Traceback (most recent call last):
    ...
    ValueError: NaiveRegressor requires y to be passed, but the target y is None.
    """
    if y is None:
        raise ValueError(
            f"{type(estimator).__name__} requires y to be passed, but the target y "
            "is None."
        )


def check_windows(
    estimator: BaseEstimator, X: Any, *, reset: bool, dtype: Any = np.float64
) -> np.ndarray:
    """Validate windows ``(n, L)`` or ``(n, L, n_features)``.

    At fit (``reset=True``) stores on ``estimator``: ``n_features_in_``
    (through ``validate_data``; it equals the window length, as
    scikit-learn counts features of 2-D input), ``window_length_``,
    ``n_window_features_`` and ``windows_ndim_``. Later calls must match
    them.

    Parameters
    ----------
    estimator : estimator
        The estimator the windows are for.
    X : array-like of shape (n_windows, window_length) or \
(n_windows, window_length, n_features)
        Windows; 2-D means one feature.
    reset : bool
        Whether this is the fit (record the shapes) or a later call (check
        them).
    dtype : numpy dtype, default=numpy.float64
        dtype of the returned windows.

    Returns
    -------
    X : ndarray of shape (n_windows, window_length[, n_features])
        Finite windows of ``dtype``.

    Raises
    ------
    ValueError
        If ``X`` is not 2-D or 3-D, not numeric, contains NaN or infinite
        values, does not fit float32 (``dtype=numpy.float32``, see
        :func:`skrnn._validation.check_float32`), or has windows of another
        length, dimensionality or feature count than at fit (see
        :func:`check_window_drift`).

    Examples
    --------
    >>> import numpy as np
    >>> from skrnn.models import NaiveRegressor
    >>> from skrnn.models._checks import check_windows
    >>> model = NaiveRegressor()
    >>> check_windows(model, np.zeros((4, 7, 2)), reset=True).shape
    (4, 7, 2)
    >>> model.window_length_, model.n_window_features_, model.windows_ndim_
    (7, 2, 3)
    """
    shape = X.shape if hasattr(X, "shape") else np.shape(np.asarray(X, dtype=object))
    if len(shape) not in (2, 3):
        raise ValueError(
            "X must be 2-D windows (n_windows, window_length) or 3-D windows "
            f"(n_windows, window_length, n_features); got shape {tuple(shape)}. "
            "Reshape your data, e.g. one univariate window w as w.reshape(1, -1)."
        )
    if not reset:
        check_window_drift(estimator, tuple(shape))
    from skrnn.models._time_order import refuse_lag_matrix  # NumPy only, no cycle

    refuse_lag_matrix(estimator, X)  # skforecast's lag_1 … lag_n, newest first
    # a list of dtypes keeps X in any of them (scikit-learn's check_array)
    to_float32 = not isinstance(dtype, list) and np.dtype(dtype) == np.float32
    try:
        X = validate_data(
            estimator,
            X,
            reset=reset,
            accept_sparse=False,
            allow_nd=True,
            dtype=(np.float64, np.float32) if to_float32 else dtype,
        )
    except (TypeError, ValueError) as exc:
        given = getattr(X, "dtype", None)
        if given is None or np.dtype(given).kind not in "biuf":
            text = str(exc)
            if (
                "could not convert" in text
                or "argument must be" in text
                or (given is not None and np.dtype(given).kind in "USOcMmV")
            ):
                got = "" if given is None else f"; got dtype {given}"
                raise type(exc)(
                    f"X must hold numeric windows (int, float or bool){got}: {text}"
                ) from exc
        raise
    if to_float32:
        X = check_float32(X, "X")
    n_window_features = X.shape[2] if X.ndim == 3 else 1
    if reset:
        estimator.window_length_ = X.shape[1]
        estimator.n_window_features_ = n_window_features
        estimator.windows_ndim_ = X.ndim
    return X


def _steps_and_features(length: int, n_features: int) -> str:
    s = "" if n_features == 1 else "s"
    return f"{length} time steps with {n_features} feature{s}"


def check_window_drift(estimator: BaseEstimator, shape: tuple) -> None:
    """Raise unless windows of ``shape`` match those ``estimator`` was fitted on.

    Parameters
    ----------
    estimator : estimator
        A window regressor fitted through :func:`check_windows`.
    shape : tuple of int
        Shape of the windows, ``(n_windows, window_length[, n_features])``.

    Raises
    ------
    ValueError
        For windows of another dimensionality, length or number of features;
        the message gives both in time steps and features (and, for
        scikit-learn's tooling, in its terms: a window's time steps are its
        "features").

    Examples
    --------
    >>> import numpy as np
    >>> from skrnn.models import NaiveRegressor
    >>> from skrnn.models._checks import check_window_drift
    >>> model = NaiveRegressor().fit(np.zeros((4, 8)), np.zeros(4))
    >>> check_window_drift(model, (2, 12))
    Traceback (most recent call last):
    ...
    ValueError: X has windows of shape (12,), but NaiveRegressor was fitted on \
windows of shape (8,) (window_length[, n_features]): X has windows of 12 time \
steps with 1 feature, but NaiveRegressor was fitted on windows of 8 time steps \
with 1 feature. (In scikit-learn's terms: X has 12 features, but NaiveRegressor \
is expecting 8 features as input.)
    """
    ndim = len(shape)
    n_features = shape[2] if ndim == 3 else 1
    length = shape[1]
    fitted_length = estimator.window_length_
    fitted_features = estimator.n_window_features_
    if (
        ndim == estimator.windows_ndim_
        and length == fitted_length
        and n_features == fitted_features
    ):
        return
    name = type(estimator).__name__
    fitted = (fitted_length, fitted_features)[: estimator.windows_ndim_ - 1]
    message = (
        f"X has windows of shape {tuple(shape[1:])}, but {name} was fitted on "
        f"windows of shape {fitted} (window_length[, n_features]): X has windows "
        f"of {_steps_and_features(length, n_features)}, but {name} was fitted on "
        f"windows of {_steps_and_features(fitted_length, fitted_features)}"
    )
    if ndim != estimator.windows_ndim_:
        message += f" ({estimator.windows_ndim_}-D windows)"
    if ndim == 2 and estimator.windows_ndim_ == 2:
        message += (
            f". (In scikit-learn's terms: X has {length} features, but {name} is "
            f"expecting {fitted_length} features as input.)"
        )
    else:
        message += "."
    raise ValueError(message)


def check_sample_weight(sample_weight: Any, n_samples: int) -> np.ndarray | None:
    """Validate per-window weights: finite, non-negative, one per window.

    Parameters
    ----------
    sample_weight : array-like of shape (n_samples,) or None
        Weights of the loss; None means equal weights.
    n_samples : int
        Number of windows (or sequences) the weights are for.

    Returns
    -------
    ndarray of float64 of shape (n_samples,) or None
        A new array (the caller's is never modified), or None.

    Raises
    ------
    ValueError
        For weights of another shape, NaN or infinite weights, a negative
        weight (it would make training maximise the error), or weights that
        are all zero.

    Examples
    --------
    >>> from skrnn.models._checks import check_sample_weight
    >>> check_sample_weight([1, 2], 2)
    array([1., 2.])
    >>> check_sample_weight([1.0, -0.5, 2.0], 3)
    Traceback (most recent call last):
    ...
    ValueError: sample_weight must be non-negative, one weight >= 0 per \
window; got 1 negative weight(s), the first -0.5 at position 1.
    """
    if sample_weight is None:
        return None
    if isinstance(sample_weight, numbers.Number) and not isinstance(
        sample_weight, bool
    ):
        sample_weight = np.full(n_samples, sample_weight, dtype=np.float64)
    weights = check_array(
        sample_weight,
        ensure_2d=False,
        dtype=np.float64,
        input_name="sample_weight",
        copy=True,
    )
    if weights.ndim != 1 or len(weights) != n_samples:
        raise ValueError(
            f"sample_weight must have shape ({n_samples},), one weight per window; "
            f"got shape {weights.shape}."
        )
    negative = np.flatnonzero(weights < 0)
    if negative.size:
        first = int(negative[0])
        raise ValueError(
            "sample_weight must be non-negative, one weight >= 0 per window; got "
            f"{negative.size} negative weight(s), the first {weights[first]:g} at "
            f"position {first}."
        )
    if n_samples and not weights.any():
        raise ValueError(
            "sample_weight must not be all zero: there would be nothing to train "
            "on; got only zero weights."
        )
    return weights


def check_validation_data(
    validation_data: Any,
    *,
    window_shape: tuple,
    target_shape: tuple,
    owner: str,
) -> tuple:
    """Validate ``validation_data=(X_val, y_val[, sample_weight_val])``.

    Checked like the training data: finite, float32-representable windows
    shaped like the training windows, targets shaped like the training
    targets, as many targets (and weights) as windows, and non-negative
    weights.

    Parameters
    ----------
    validation_data : tuple
        ``(X_val, y_val)`` or ``(X_val, y_val, sample_weight_val)``.
    window_shape : tuple of int
        Shape of one training window, ``(window_length[, n_features])``.
    target_shape : tuple of int
        Shape of one training target (``()`` for one-step targets).
    owner : str
        Name of the estimator, for the messages.

    Returns
    -------
    tuple
        ``(X_val, y_val[, sample_weight_val])`` as new float32 (weights
        float64) arrays.

    Raises
    ------
    TypeError
        If ``validation_data`` is not a tuple or list of 2 or 3 items.
    ValueError
        For windows or targets of another shape, NaN, infinite or
        out-of-float32 values, inconsistent lengths or negative weights.

    Examples
    --------
    >>> import numpy as np
    >>> from skrnn.models._checks import check_validation_data
    >>> check_validation_data(
    ...     (np.zeros((4, 5)), np.zeros((4, 3))),
    ...     window_shape=(5,), target_shape=(), owner="GRURegressor",
    ... )
    Traceback (most recent call last):
    ...
    ValueError: validation_data targets y_val have shape (4, 3), but \
GRURegressor was fitted on targets y of shape (n_windows,): expected y_val of \
shape (4,).
    """
    if not isinstance(validation_data, (tuple, list)) or len(validation_data) not in (
        2,
        3,
    ):
        got = (
            f"a {type(validation_data).__name__} of {len(validation_data)} item(s)"
            if isinstance(validation_data, (tuple, list))
            else f"{type(validation_data).__name__}"
        )
        raise TypeError(
            "validation_data must be a tuple (X_val, y_val) or (X_val, y_val, "
            f"sample_weight_val); got {got}."
        )
    X_val, y_val, *rest = validation_data
    X_val = _validation_array(X_val, "X_val")
    expected = f"(n, {', '.join(str(d) for d in window_shape)})"
    if X_val.shape[1:] != tuple(window_shape):
        raise ValueError(
            f"validation_data windows X_val have shape {X_val.shape}, but {owner} "
            f"was fitted on windows of shape {expected} (window_length[, "
            f"n_features]): expected X_val of shape {expected}."
        )
    X_val = check_float32(X_val, "validation_data X_val")
    y_val = _validation_array(y_val, "y_val")
    target_shape = tuple(target_shape)
    fitted = str(("n_windows", *target_shape)).replace("'", "")
    wanted = (len(y_val), *target_shape)
    if y_val.shape[1:] != target_shape:
        raise ValueError(
            f"validation_data targets y_val have shape {y_val.shape}, but {owner} "
            f"was fitted on targets y of shape {fitted}: expected y_val of shape "
            f"{wanted}."
        )
    y_val = check_float32(y_val, "validation_data y_val")
    if len(X_val) != len(y_val):
        raise ValueError(
            f"validation_data has {len(X_val)} windows X_val but {len(y_val)} "
            "targets y_val; expected one target per window."
        )
    if rest:
        try:
            weights = check_sample_weight(rest[0], len(X_val))
        except ValueError as exc:
            raise ValueError(f"validation_data sample_weight_val: {exc}") from exc
        return X_val, y_val, weights
    return X_val, y_val


def _validation_array(values: Any, name: str) -> np.ndarray:
    """``values`` of ``validation_data`` as a float array of any shape."""
    return check_array(
        values,
        allow_nd=True,
        ensure_2d=False,
        dtype=(np.float64, np.float32),
        input_name=f"validation_data {name}",
    )


def check_target_index(target_index: Any, n_features: int) -> tuple[list[int], bool]:
    """Validate ``target_index`` against the number of window features.

    Parameters
    ----------
    target_index : int or sequence of int
        Window column(s) of the target(s).
    n_features : int
        Features per window time step (1 for 2-D windows).

    Returns
    -------
    columns : list of int
        The target columns.
    is_sequence : bool
        Whether ``target_index`` was a sequence (a target axis in ``y``).

    Raises
    ------
    TypeError
        If ``target_index`` is neither an int nor a sequence of ints.
    ValueError
        If it is empty or names a column outside ``[0, n_features)``.

    Examples
    --------
    >>> from skrnn.models._checks import check_target_index
    >>> check_target_index(1, 3)
    ([1], False)
    >>> check_target_index((2, 0), 3)
    ([2, 0], True)
    >>> check_target_index(3, 3)
    Traceback (most recent call last):
    ...
    ValueError: target_index=3 must name columns of the windows: an int or a \
non-empty sequence of ints in [0, 3) (the windows have 3 feature(s)); got 3.
    """
    expected = (
        f"target_index={target_index!r} must name columns of the windows: an int "
        f"or a non-empty sequence of ints in [0, {n_features}) (the windows have "
        f"{n_features} feature(s))"
    )
    is_sequence = not isinstance(target_index, (numbers.Integral, np.integer))
    if is_sequence:
        if isinstance(target_index, (str, bytes)) or not isinstance(
            target_index, (Sequence, np.ndarray)
        ):
            raise TypeError(
                f"{expected}; got {target_index!r} ({type(target_index).__name__})."
            )
        columns = list(np.asarray(target_index).ravel().tolist())
        if not columns:
            raise ValueError(f"{expected}; got an empty sequence.")
    else:
        columns = [target_index]
    for column in columns:
        if isinstance(column, (bool, np.bool_)) or not isinstance(
            column, (numbers.Integral, np.integer)
        ):
            raise TypeError(f"{expected}; got {column!r} ({type(column).__name__}).")
        if not 0 <= column < n_features:
            raise ValueError(f"{expected}; got {column!r}.")
    return [int(c) for c in columns], is_sequence


def target_columns(X: np.ndarray, columns: list[int]) -> np.ndarray:
    """The target columns of validated windows.

    Parameters
    ----------
    X : ndarray of shape (n_windows, window_length[, n_features])
        Validated windows.
    columns : list of int
        Target columns, as :func:`check_target_index` returns them.

    Returns
    -------
    ndarray of shape (n_windows, window_length, n_targets)
        A view of the target columns (2-D windows are one column).

    Examples
    --------
    >>> import numpy as np
    >>> from skrnn.models._checks import target_columns
    >>> target_columns(np.zeros((4, 7, 3)), [2, 0]).shape
    (4, 7, 2)
    """
    if X.ndim == 2:
        return X[:, :, None]
    return X[:, :, columns]


def check_window_targets(
    estimator: BaseEstimator,
    y: Any,
    X: np.ndarray,
    n_targets: int,
    is_sequence: bool,
    *,
    allow_seq2seq: bool,
) -> tuple[np.ndarray, str]:
    """Validate targets and tell their layout.

    With an int ``target_index`` (one target): ``(n,)`` one-step,
    ``(n, horizon)`` direct, ``(n, window_length, horizon)`` seq2seq. With a
    sequence of ``n_targets`` columns: ``(n, n_targets)`` one-step,
    ``(n, horizon, n_targets)`` direct.

    Parameters
    ----------
    estimator : estimator
        The estimator being fitted (named in the messages).
    y : array-like
        Targets.
    X : ndarray of shape (n_windows, window_length[, n_features])
        The validated windows.
    n_targets : int
        Number of target columns.
    is_sequence : bool
        Whether ``target_index`` is a sequence (see
        :func:`check_target_index`).
    allow_seq2seq : bool
        Whether seq2seq targets are accepted.

    Returns
    -------
    y : ndarray of float64
        The validated targets, shaped as given.
    layout : {"one-step", "direct", "seq2seq"}
        Target layout (the names of :mod:`skrnn._contract`).

    Raises
    ------
    ValueError
        If ``y`` is None, not finite, not as long as ``X``, or of a shape
        that fits no layout.

    Examples
    --------
    >>> import numpy as np
    >>> from skrnn.models import NaiveRegressor
    >>> from skrnn.models._checks import check_window_targets
    >>> X = np.zeros((4, 7))
    >>> y, layout = check_window_targets(
    ...     NaiveRegressor(), np.zeros((4, 3)), X, 1, False, allow_seq2seq=True
    ... )
    >>> y.shape, layout
    ((4, 3), 'direct')
    """
    require_y(estimator, y)
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
        return y, (ONE_STEP if y.ndim == 2 else DIRECT)
    if y.ndim == 1:
        return y, ONE_STEP
    if y.ndim == 2:
        return y, DIRECT
    if not allow_seq2seq:
        raise ValueError(
            f"{type(estimator).__name__} supports one-step y (n_windows,) and "
            "direct y (n_windows, horizon) for an int target_index; got y of shape "
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
    return y, SEQ2SEQ


def check_training_data(
    estimator: BaseEstimator, X: Any, y: Any, *, dtype: Any, allow_seq2seq: bool
) -> tuple[np.ndarray, np.ndarray, list[int], bool, str]:
    """Validate the windows and targets given to ``fit``.

    In order: ``y`` is given (:func:`require_y`); the windows, their shapes
    recorded on ``estimator`` (:func:`check_windows`); ``target_index``
    against their features (:func:`check_target_index`); the targets and
    their layout (:func:`check_window_targets`); and for one-step and
    direct targets that the first step of each follows its window
    (:func:`skrnn.models._time_order.check_target_continues`).

    Parameters
    ----------
    estimator : estimator
        The estimator being fitted, with a ``target_index`` parameter.
    X : array-like
        Training windows.
    y : array-like
        Targets.
    dtype : numpy dtype or list of numpy dtypes
        dtype(s) of the returned windows (see :func:`check_windows`).
    allow_seq2seq : bool
        Whether seq2seq targets are accepted.

    Returns
    -------
    X : ndarray of shape (n_windows, window_length[, n_features])
        The validated windows.
    y : ndarray of float64
        The validated targets, shaped as given.
    columns : list of int
        The target columns of the windows.
    is_sequence : bool
        Whether ``target_index`` is a sequence (see
        :func:`check_target_index`).
    layout : {"one-step", "direct", "seq2seq"}
        Target layout.
    """
    require_y(estimator, y)
    X = check_windows(estimator, X, reset=True, dtype=dtype)
    columns, is_sequence = check_target_index(
        estimator.target_index, estimator.n_window_features_
    )
    y, layout = check_window_targets(
        estimator, y, X, len(columns), is_sequence, allow_seq2seq=allow_seq2seq
    )
    if layout != SEQ2SEQ:
        first_step = y.reshape(len(y), -1, len(columns))[:, 0]
        for j, column in enumerate(columns):
            check_target_continues(
                estimator,
                X if X.ndim == 2 else X[:, :, column],
                first_step[:, j],
                column=None if X.ndim == 2 else column,
            )
    return X, y, columns, is_sequence, layout


def window_r2(
    y_true: Any, y_pred: np.ndarray, sample_weight: Any = None, *, seq2seq: bool
) -> float:
    """R² of window forecasts, as the window regressors' ``score`` reports it.

    For seq2seq models a seq2seq ``y_true`` ``(n, window_length, horizon)``
    is scored on its last time step (what ``predict`` returns); targets of
    more than two dimensions are flattened per window.

    Parameters
    ----------
    y_true : array-like of shape (n_windows, ...)
        True targets.
    y_pred : ndarray of shape (n_windows, ...)
        Predictions, as ``predict`` returns them.
    sample_weight : array-like of shape (n_windows,), default=None
        Per-window weights.
    seq2seq : bool
        Whether the model was fitted on seq2seq targets.

    Returns
    -------
    float
        ``sklearn.metrics.r2_score``, averaged uniformly over outputs.

    Examples
    --------
    >>> import numpy as np
    >>> from skrnn.models._checks import window_r2
    >>> Y = np.arange(24.0).reshape(2, 4, 3)
    >>> window_r2(Y, Y[:, -1], seq2seq=True)
    1.0
    """
    y_true = np.asarray(y_true, dtype=np.float64)
    y_pred = np.asarray(y_pred, dtype=np.float64)
    sample_weight = check_sample_weight(sample_weight, len(y_true))
    if seq2seq and y_true.ndim == 3:
        y_true = y_true[:, -1]
    n = len(y_true)
    if y_true.ndim > 2:
        y_true, y_pred = y_true.reshape(n, -1), y_pred.reshape(n, -1)
    return float(r2_score(y_true, y_pred, sample_weight=sample_weight))


def window_regressor_tags(tags: Any) -> Any:
    """Set the scikit-learn tags every window regressor shares.

    3-D windows accepted, ``y`` required and possibly multi-output, and a
    poor score allowed on scikit-learn's random test data.

    Parameters
    ----------
    tags : sklearn.utils.Tags
        The tags from ``super().__sklearn_tags__()``.

    Returns
    -------
    sklearn.utils.Tags
        ``tags``, updated in place.

    Examples
    --------
    >>> from sklearn.linear_model import Ridge
    >>> from skrnn.models._checks import window_regressor_tags
    >>> window_regressor_tags(Ridge().__sklearn_tags__()).input_tags.three_d_array
    True
    """
    tags.input_tags.three_d_array = True
    tags.target_tags.required = True
    tags.target_tags.multi_output = True
    tags.regressor_tags.poor_score = True
    return tags


class WindowScoreMixin:
    """The ``score`` and the tags that every window regressor shares.

    Put it before scikit-learn's ``RegressorMixin`` in the bases: ``score`` is
    :func:`window_r2` of ``predict`` (seq2seq models are scored on the last
    time step), and the tags are :func:`window_regressor_tags`.
    """

    def __sklearn_tags__(self):
        return window_regressor_tags(super().__sklearn_tags__())

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
        y_pred = self.predict(X)
        seq2seq = getattr(self, "seq2seq_", False)
        return window_r2(y, y_pred, sample_weight, seq2seq=seq2seq)


def check_layer_sizes(sizes: Any, name: str) -> tuple[int, ...]:
    """Validate a tuple of layer widths; an int means one layer.

    Parameters
    ----------
    sizes : int or sequence of int
        Units per layer.
    name : str
        Parameter name used in the messages.

    Returns
    -------
    tuple of int
        The widths, each a positive Python int.

    Raises
    ------
    TypeError
        If ``sizes`` is neither an int nor iterable.
    ValueError
        If a width is not a positive int.

    Examples
    --------
    >>> from skrnn.models._checks import check_layer_sizes
    >>> check_layer_sizes(8, "hidden_layer_sizes")
    (8,)
    >>> check_layer_sizes([16, 8], "hidden_layer_sizes")
    (16, 8)
    """
    if isinstance(sizes, numbers.Integral) and not isinstance(sizes, bool):
        sizes = (sizes,)
    try:
        sizes = tuple(sizes)
    except TypeError:
        raise TypeError(
            f"{name} must be a tuple of positive ints, got {sizes!r}."
        ) from None
    if not all(
        isinstance(s, numbers.Integral) and not isinstance(s, bool) and s > 0
        for s in sizes
    ):
        raise ValueError(f"{name} must be a tuple of positive ints, got {sizes!r}.")
    return tuple(int(s) for s in sizes)
