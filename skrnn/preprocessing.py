"""Preprocessing of windows inside scikit-learn Pipelines.

scikit-learn's scalers take 2-D tables and scale every column on its own:
they refuse 3-D windows ``(n_windows, window_length, n_features)``, and on
2-D windows ``(n_windows, window_length)`` they scale every *lag* with its
own statistics, so the same value of the series is scaled differently in
each window it appears in. :class:`WindowScaler` scales each *feature* of
the windows with one set of statistics, at every time step alike.

Where the scaler goes::

    window regressor, one step        make_pipeline(WindowScaler(), model)
    with targets scaled too           TransformedTargetRegressor(
                                          make_pipeline(WindowScaler(), model),
                                          transformer=StandardScaler())
    recursive multi-step              RecursiveRegressor(<one of the above>)

A :class:`~skrnn.multistep.RecursiveRegressor` feeds its forecasts back
into the windows, so its windows and its targets must be in the same units:
keep the scaling *inside* it (it then forecasts in the series' units), not
in a Pipeline in front of it (which would scale the windows but not the
forecasts fed back; ``RecursiveRegressor.fit`` refuses such targets). For a
whole series or a panel, :class:`skrnn.WindowForecaster`'s
``series_scaler`` scales each series once, before it is cut into windows.

:class:`LogTransformer` is a column-wise transform for non-negative series
(counts, sales, riders): a model trained on ``log(y + offset)`` gives
forecasts that are never negative once transformed back. Use it as
``series_scaler`` (alone or in a Pipeline before a scaler) or as the scaler
of a :class:`WindowScaler`.
"""

from __future__ import annotations

from numbers import Real
from typing import Any

import numpy as np
from numpy.typing import ArrayLike
from sklearn import get_config
from sklearn.base import BaseEstimator, OneToOneFeatureMixin, TransformerMixin, clone
from sklearn.preprocessing import StandardScaler
from sklearn.utils.validation import check_is_fitted, validate_data

from skrnn._validation import check_window_array, check_window_shape

__all__ = ["LogTransformer", "WindowScaler"]


class WindowScaler(OneToOneFeatureMixin, TransformerMixin, BaseEstimator):
    """Scale windows feature by feature, the same at every time step.

    ``fit`` fits a clone of a column-wise scikit-learn scaler on the window
    features: the windows ``(n_windows, window_length, n_features)`` are
    read as ``n_windows * window_length`` rows of ``n_features`` columns.
    ``transform`` and ``inverse_transform`` apply it to every time step of
    every window.

    Parameters
    ----------
    scaler : transformer or None, default=None
        A scikit-learn transformer that works column by column and keeps
        the number of columns: :class:`~sklearn.preprocessing.StandardScaler`
        (None), ``MinMaxScaler``, ``RobustScaler``, ``MaxAbsScaler``,
        ``PowerTransformer``, ``QuantileTransformer`` or a
        ``FunctionTransformer`` such as ``FunctionTransformer(np.log1p,
        np.expm1)``. ``inverse_transform`` needs the scaler's.

    Attributes
    ----------
    scaler_ : transformer
        The fitted clone of ``scaler``, fitted on ``(n_windows *
        window_length, n_window_features_)`` rows.
    window_shape_ : tuple of int
        ``(window_length,)`` for 2-D windows, ``(window_length,
        n_features)`` for 3-D windows.
    n_window_features_ : int
        Number of features of the windows (1 for 2-D windows).
    n_features_in_ : int
        Window length (the second axis of ``X``), as for the window
        regressors.
    feature_names_in_ : ndarray of shape (``n_features_in_``,)
        Column names of 2-D windows given as a DataFrame with string column
        names (lag columns); only defined then.

    Notes
    -----
    Overlapping windows hold every time step of the series up to
    ``window_length`` times (the first and last steps fewer), so the
    statistics are those of the series weighted a little less at its ends.
    For exactly the series' statistics, scale the series before cutting it
    (``WindowForecaster(series_scaler=...)``).

    A 2-D ``X`` is windows of one feature (the skrnn convention): flattened
    multivariate windows ``(n_windows, window_length * n_features)`` would be
    scaled as one feature; give them as 3-D windows.

    Output containers: for 2-D windows, ``set_output(transform="pandas")``
    (or the global ``transform_output``) gives a DataFrame with the input's
    column names (``x0, x1, ...`` without). 3-D windows cannot be a
    DataFrame: with a pandas (or polars) output configured, ``transform``
    raises a ValueError instead of ignoring the configuration.

    Examples
    --------
    >>> import numpy as np
    >>> from skrnn import make_windows
    >>> from skrnn.preprocessing import WindowScaler
    >>> X, y = make_windows(np.arange(10.0), window_length=3)
    >>> scaler = WindowScaler().fit(X)
    >>> Xs = scaler.transform(X)
    >>> Xs.shape, Xs.dtype
    ((7, 3, 1), dtype('float32'))
    >>> bool(Xs[0, 1, 0] == Xs[1, 0, 0])  # one value, one scaled value
    True
    >>> np.allclose(scaler.inverse_transform(Xs), X)
    True

    In a Pipeline, with the targets scaled too and a recursive forecast in
    the series' units:

    >>> from sklearn.compose import TransformedTargetRegressor
    >>> from sklearn.linear_model import LinearRegression
    >>> from sklearn.pipeline import make_pipeline
    >>> from sklearn.preprocessing import StandardScaler
    >>> from skrnn import RecursiveRegressor
    >>> model = RecursiveRegressor(
    ...     TransformedTargetRegressor(
    ...         make_pipeline(WindowScaler(), LinearRegression()),
    ...         transformer=StandardScaler(),
    ...     ),
    ...     horizon=3,
    ... )
    >>> model.fit(X, y).predict(X[-1:]).round(3)  # 9, 10, 11
    array([[ 9., 10., 11.]])
    """

    def __init__(self, scaler: Any = None):
        self.scaler = scaler

    def __sklearn_tags__(self):
        tags = super().__sklearn_tags__()
        tags.input_tags.three_d_array = True
        tags.input_tags.sparse = False
        tags.input_tags.allow_nan = False
        tags.transformer_tags.preserves_dtype = ["float64", "float32"]
        return tags

    def _check_windows(self, X: ArrayLike, *, reset: bool) -> np.ndarray:
        array = check_window_array(X)
        if not reset:
            check_window_shape(array, self.window_shape_, type(self).__name__)
        # records (reset=True) or checks n_features_in_ and feature_names_in_
        validate_data(self, X, reset=reset, skip_check_array=True)
        return array

    def fit(self, X: ArrayLike, y: Any = None) -> WindowScaler:
        """Fit the scaler on every time step of every window.

        Parameters
        ----------
        X : array-like of shape (n_windows, window_length) or \
(n_windows, window_length, n_features)
            Finite windows; 2-D means one feature.
        y : None
            Ignored.

        Returns
        -------
        self : WindowScaler
        """
        X = self._check_windows(X, reset=True)
        self.window_shape_ = X.shape[1:]
        self.n_window_features_ = X.shape[2] if X.ndim == 3 else 1
        scaler = StandardScaler() if self.scaler is None else self.scaler
        if not all(
            hasattr(scaler, name) for name in ("fit", "transform", "get_params")
        ):
            raise TypeError(
                "scaler must be a scikit-learn transformer with fit and transform "
                f"(e.g. StandardScaler()); got {scaler!r} ({type(scaler).__name__})."
            )
        scaler = clone(scaler)
        self.scaler_ = scaler.fit(self._rows(X, scaler))
        return self

    def _rows(self, X: np.ndarray, scaler: Any) -> np.ndarray:
        """``X`` as ``(n_windows * window_length, n_window_features)`` rows."""
        rows = X.reshape(-1, self.n_window_features_)
        if np.shares_memory(rows, X) and getattr(scaler, "copy", True) is False:
            rows = rows.copy()  # the scaler would write into the caller's array
        return rows

    def _apply(self, method: str, X: np.ndarray) -> np.ndarray:
        rows = self._rows(X, self.scaler_)
        out = np.asarray(getattr(self.scaler_, method)(rows))
        if out.shape != rows.shape:
            raise ValueError(
                f"scaler {type(self.scaler_).__name__}.{method} turned "
                f"{rows.shape[0]} rows of {rows.shape[1]} window feature(s) into "
                f"shape {out.shape}; WindowScaler needs a column-wise scaler that "
                "keeps the number of columns."
            )
        return out.reshape(X.shape).astype(X.dtype, copy=False)

    def _output_container(self) -> str:
        """This estimator's ``set_output``, else the global transform_output."""
        config = getattr(self, "_sklearn_output_config", {})
        return config.get("transform") or get_config()["transform_output"]

    def transform(self, X: ArrayLike) -> np.ndarray:
        """Scale every time step of every window.

        Parameters
        ----------
        X : array-like of shape (n_windows, window_length) or \
(n_windows, window_length, n_features)
            Windows shaped like those seen in ``fit``.

        Returns
        -------
        X_scaled : ndarray of the shape and float dtype of ``X``
            A new array (a DataFrame for 2-D windows when pandas output is
            configured).
        """
        check_is_fitted(self)
        X = self._check_windows(X, reset=False)
        container = self._output_container()
        if X.ndim == 3 and container != "default":
            raise ValueError(
                f"{type(self).__name__} got 3-D windows {X.shape}, which cannot be "
                f"a {container} DataFrame, but transform output {container!r} is "
                "configured (by set_output or sklearn.set_config(transform_output="
                f"{container!r})). Call set_output(transform='default') on this "
                "transformer to keep 3-D arrays, or give it 2-D windows."
            )
        return self._apply("transform", X)

    def inverse_transform(self, X: ArrayLike) -> np.ndarray:
        """Undo :meth:`transform`.

        Parameters
        ----------
        X : array-like of shape (n_windows, window_length) or \
(n_windows, window_length, n_features)
            Scaled windows shaped like those seen in ``fit``.

        Returns
        -------
        X_original : ndarray of the shape and float dtype of ``X``
        """
        check_is_fitted(self)
        if not hasattr(self.scaler_, "inverse_transform"):
            raise TypeError(
                f"scaler {type(self.scaler_).__name__} has no inverse_transform."
            )
        X = self._check_windows(X, reset=False)
        return self._apply("inverse_transform", X)

    def get_feature_names_out(self, input_features: Any = None) -> np.ndarray:
        """Column names of 2-D windows, unchanged.

        Parameters
        ----------
        input_features : array-like of str or None, default=None
            Input column names; None means ``feature_names_in_`` or
            ``x0, x1, ...``.

        Returns
        -------
        feature_names_out : ndarray of str, shape (window_length,)

        Raises
        ------
        ValueError
            For a scaler fitted on 3-D windows, which have no columns.
        """
        check_is_fitted(self)
        if len(self.window_shape_) == 2:
            raise ValueError(
                f"{type(self).__name__} was fitted on 3-D windows (window shape "
                f"{self.window_shape_}), which have no column names; only 2-D "
                "windows (n_windows, window_length) have."
            )
        return super().get_feature_names_out(input_features)


class LogTransformer(OneToOneFeatureMixin, TransformerMixin, BaseEstimator):
    """``log(X + offset)``, and back to values that are never negative.

    For non-negative series: a model that learns and forecasts on the log
    scale gives forecasts that, transformed back, are never below zero
    (``inverse_transform`` clips at 0 what ``exp(Z) - offset`` would leave
    just below it). Multiplicative patterns (a season whose amplitude grows
    with the level) become additive on the log scale. Works column by
    column, so it serves as ``WindowForecaster(series_scaler=...)`` (one
    series at a time) or as the ``scaler`` of a :class:`WindowScaler`.

    Parameters
    ----------
    offset : float, default=1.0
        Added before the logarithm, so that zeros are allowed (``log1p`` for
        the default). Every value of ``X`` must be greater than
        ``-offset``; ``offset=0`` needs strictly positive data.

    Attributes
    ----------
    n_features_in_ : int
        Number of columns seen in ``fit``.
    feature_names_in_ : ndarray of shape (``n_features_in_``,)
        Column names of a DataFrame ``X`` with string column names; only
        defined then.

    See Also
    --------
    sklearn.preprocessing.FunctionTransformer : ``FunctionTransformer(np.log1p,
        np.expm1)`` transforms the same way but can give ``-1`` back.

    Examples
    --------
    >>> import numpy as np
    >>> from skrnn.preprocessing import LogTransformer
    >>> log = LogTransformer().fit(np.array([[0.0], [9.0], [99.0]]))
    >>> log.transform(np.array([[0.0], [9.0]])).round(3)
    array([[0.   ],
           [2.303]])
    >>> log.inverse_transform(np.array([[-3.0], [np.log(10.0)]])).round(6)
    array([[0.],
           [9.]])

    A forecaster whose forecasts of a falling, non-negative series stay
    non-negative:

    >>> import pandas as pd
    >>> from sklearn.linear_model import LinearRegression
    >>> from sklearn.pipeline import make_pipeline
    >>> from sklearn.preprocessing import StandardScaler
    >>> from skrnn import WindowForecaster
    >>> y = pd.Series(np.linspace(40.0, 1.0, 60) + np.tile([0.5, -0.5], 30))
    >>> scaler = make_pipeline(LogTransformer(), StandardScaler())
    >>> forecaster = WindowForecaster(
    ...     LinearRegression(), window_length=4, series_scaler=scaler
    ... ).fit(y)
    >>> bool(forecaster.predict(30).min() >= 0)
    True
    """

    _parameter_constraints: dict = {"offset": [Real]}

    def __init__(self, offset: float = 1.0):
        self.offset = offset

    def __sklearn_tags__(self):
        tags = super().__sklearn_tags__()
        tags.input_tags.allow_nan = False
        # values must exceed -offset; the common checks then use positive data
        tags.input_tags.positive_only = True
        tags.transformer_tags.preserves_dtype = ["float64", "float32"]
        return tags

    def _check(self, X: ArrayLike, *, reset: bool) -> np.ndarray:
        return validate_data(
            self, X, reset=reset, dtype=[np.float64, np.float32], copy=True
        )

    def _check_domain(self, X: np.ndarray) -> None:
        if X.size and X.min() <= -self.offset:
            raise ValueError(
                f"Negative values in data: {type(self).__name__}(offset={self.offset}) "
                "needs every value of "
                f"X greater than -offset = {-self.offset}; got a minimum of "
                f"{X.min():g}. Use a larger offset, or another scaler for series "
                "that can be negative."
            )

    def fit(self, X: ArrayLike, y: Any = None) -> LogTransformer:
        """Check that ``log(X + offset)`` is defined.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)
            Values greater than ``-offset``.
        y : None
            Ignored.

        Returns
        -------
        self : LogTransformer
        """
        self._validate_params()
        self._check_domain(self._check(X, reset=True))
        return self

    def transform(self, X: ArrayLike) -> np.ndarray:
        """``log(X + offset)``.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)
            Values greater than ``-offset``.

        Returns
        -------
        X_log : ndarray of shape (n_samples, n_features)
            A new array of the float dtype of ``X``.
        """
        check_is_fitted(self)
        X = self._check(X, reset=False)
        self._check_domain(X)
        return np.log(X + self.offset, out=X)

    def inverse_transform(self, X: ArrayLike) -> np.ndarray:
        """``max(exp(X) - offset, 0)``: never negative.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)
            Values on the log scale.

        Returns
        -------
        X_original : ndarray of shape (n_samples, n_features)
            A new array of the float dtype of ``X``, every value >= 0.
        """
        check_is_fitted(self)
        X = self._check(X, reset=False)
        return np.maximum(np.exp(X, out=X) - self.offset, 0.0)
