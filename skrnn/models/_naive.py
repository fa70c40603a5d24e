"""Naive and seasonal-naive window regressors."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
from sklearn.base import BaseEstimator, RegressorMixin
from sklearn.utils.validation import check_is_fitted

from skrnn._contract import ONE_STEP, SEQ2SEQ, WindowRegressorMixin
from skrnn._validation import check_positive_int
from skrnn.models._checks import (
    WindowScoreMixin,
    check_training_data,
    check_windows,
    target_columns,
)
from skrnn.models._docstrings import document_parameters

# float32 windows (make_windows' zero-copy views) are read as they are: a
# float64 copy of 1e6 windows of 56 steps would take 427 MB
WINDOW_DTYPES = [np.float64, np.float32]


@document_parameters()
class NaiveRegressor(
    WindowRegressorMixin, WindowScoreMixin, RegressorMixin, BaseEstimator
):
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

    Notes
    -----
    ``fit`` checks that a one-step ``y`` (or the first step of a direct
    ``Y``) is the value right after each window, where consecutive windows
    overlap by one time step so that it can be verified, and refuses a
    target that plainly is not (a ``y`` several steps ahead, as
    ``MultiOutputRegressor`` passes it, would be forecast as the next step);
    see :func:`skrnn.models._time_order.check_target_continues` for the
    tolerance. Shuffled or strided windows are not judged.

    Float32 windows (the zero-copy views of :func:`skrnn.make_windows`) are
    read without a float64 copy; ``predict`` reads only the time steps it
    repeats.

    The window-regressor contract (:class:`skrnn._contract.WindowRegressorMixin`):
    :meth:`window_settings` sets ``target_index`` for every layout (one-step,
    direct and seq2seq are all supported); :attr:`differences_target` is
    False (the windows are used as they are); :meth:`predict_windows`
    forecasts from windows that are already checked, without checking them
    again, and returns the forecasts from every prefix for seq2seq models
    (as ``predict(X, return_sequences=True)``); ``fit`` takes no
    ``validation_data`` (:attr:`takes_validation_data` is False).

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

    def fit(self, X: Any, y: Any) -> NaiveRegressor:
        """Check the windows and targets and record their shapes.

        Parameters
        ----------
        %(training_windows)s
        y : array-like of shape (n_windows,), (n_windows, horizon), \
(n_windows, window_length, horizon), (n_windows, n_targets) or \
(n_windows, horizon, n_targets)
            Targets, read as described under ``target_index``.

        Returns
        -------
        self : NaiveRegressor
            The fitted regressor.
        """
        lag = check_positive_int(self.lag, "lag")
        X, y, columns, _, layout = check_training_data(
            self, X, y, dtype=WINDOW_DTYPES, allow_seq2seq=True
        )
        if lag > self.window_length_:
            raise ValueError(
                f"lag={lag} is larger than the window length window_length="
                f"{self.window_length_} of X; the windows must hold at least one "
                "full season."
            )
        self.target_columns_ = columns
        self.seq2seq_ = layout == SEQ2SEQ
        self.target_shape_ = y.shape[1:]
        if layout == ONE_STEP:
            self.horizon_ = 1
        else:
            self.horizon_ = y.shape[2] if self.seq2seq_ else y.shape[1]
        return self

    def predict(self, X: Any, *, return_sequences: bool = False) -> np.ndarray:
        """Repeat the last ``lag`` values of each window's target column(s).

        Parameters
        ----------
        %(windows)s
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
        X = check_windows(self, X, reset=False, dtype=WINDOW_DTYPES)
        y_pred = self.predict_windows(X)
        if self.seq2seq_ and not return_sequences:
            return y_pred[:, -1]
        return y_pred

    def predict_windows(self, X: np.ndarray) -> np.ndarray:
        X = np.asarray(X)
        lag, length = int(self.lag), self.window_length_
        steps = np.arange(self.horizon_) % lag
        if not self.seq2seq_:
            # only the repeated time steps are read (and cast): no copy of X
            picked = target_columns(X[:, length - lag + steps], self.target_columns_)
            y_pred = picked.astype(np.float64)  # (n, horizon, n_targets)
            return y_pred.reshape((len(X), *self.target_shape_))
        ends = np.arange(1, length + 1)[:, None]  # prefix lengths, (L, 1)
        index = np.clip(ends - lag + steps[None, :], 0, None)  # (L, horizon)
        column = self.target_columns_[0]
        sequences = X[:, index] if X.ndim == 2 else X[:, index, column]  # (n, L, h)
        return np.where(ends >= lag, sequences.astype(np.float64), np.nan)
