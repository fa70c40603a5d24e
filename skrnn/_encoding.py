"""The series as the window regressor sees them, and its forecasts back.

:class:`SeriesEncoding` is the chain a :class:`skrnn.WindowForecaster` puts
between its series and its window regressor, in this order:

1. per-series scaling of the columns of ``y`` (``series_scaler``);
2. a one-hot series-id feature (``id_feature``);
3. differencing of the target columns inside each window (``differences``).

Forecasts come back through the chain reversed: integrated from each
window's own levels, then put back on each series' scale
(:meth:`SeriesEncoding.decode`). :class:`ForecastError` scores validation
forecasts the same way, so that early stopping watches the error of the
final forecast in the series' units.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from skrnn._contract import DIRECT, SEQ2SEQ
from skrnn._transforms.differencing import (
    difference_targets,
    difference_windows,
    integrate_targets,
)
from skrnn._transforms.scaling import SeriesScaler
from skrnn._transforms.seq2seq_targets import stack_seq2seq
from skrnn._validation import check_float32
from skrnn.panel import one_hot_ids

__all__ = ["ForecastError", "SeriesEncoding"]

#: What to do about series that float32, the windows' dtype, cannot hold.
_PRECISION_ADVICE = (
    "Scale the series (series_scaler=sklearn.preprocessing.StandardScaler()) or "
    "subtract a level (e.g. the first value) from y first; differences= does not "
    "help, the windows are cut in float32 before they are differenced."
)


class SeriesEncoding:
    """Scaling, series ids and differencing between series and model.

    Parameters
    ----------
    scaling : SeriesScaler
        Fitted per-series scaling (the identity without a scaler).
    targets : list of int
        Target columns of ``y``.
    lags : tuple of int
        Difference lags of the target columns (empty: none).
    n_ids : int or None
        Number of series for a one-hot id feature; None for none.
    target_layout : str
        Layout of the training targets (``"one-step"``, ``"direct"`` or
        ``"seq2seq"``), for differencing them.

    Examples
    --------
    >>> import numpy as np
    >>> from skrnn._transforms.scaling import SeriesScaler
    >>> encoding = SeriesEncoding(
    ...     SeriesScaler(None, 1).fit([]), targets=[0], lags=(1,), n_ids=None,
    ...     target_layout="one-step",
    ... )
    >>> levels = encoding.windows(np.array([[[1.0], [2.0], [4.0]]]), np.array([0]))
    >>> encoding.inputs(levels)[0, :, 0]
    array([1., 2.], dtype=float32)
    >>> encoding.decode(np.array([3.0]), levels, np.array([0]))[0, :, 0]
    array([7.])
    """

    def __init__(
        self,
        scaling: SeriesScaler,
        *,
        targets: list[int],
        lags: tuple[int, ...],
        n_ids: int | None,
        target_layout: str,
    ):
        self.scaling = scaling
        self.targets = targets
        self.lags = lags
        self.n_ids = n_ids
        self.target_layout = target_layout

    def series(self, values: np.ndarray, position: int) -> np.ndarray:
        """One whole series (n_timesteps, n_columns) as the model sees it:
        scaled, then with its one-hot id if any (not differenced); float32.

        Raises a ValueError for values that float32 cannot hold (see
        :func:`skrnn._validation.check_float32`)."""
        values = check_float32(
            self.scaling.transform(values, position), "y", advice=_PRECISION_ADVICE
        )
        if self.n_ids is None:
            return values
        return np.hstack([values, one_hot_ids(position, self.n_ids, len(values))])

    def windows(self, windows: np.ndarray, positions: np.ndarray) -> np.ndarray:
        """Raw windows (n, window_length, n_columns) of the series at
        ``positions``, scaled and with the id feature; float32 levels.

        Windows are not checked for lost precision (a window's own range may
        be far narrower than the fitted series'), only for values beyond
        float32's range."""
        out = np.array(windows, dtype=np.float64)
        if self.scaling.scalers_ is not None:
            for position in np.unique(positions):
                rows = positions == position
                out[rows] = self.scaling.transform(windows[rows], position)
        with np.errstate(over="ignore"):
            levels = out.astype(np.float32)
        if not np.isfinite(levels).all():  # beyond float32's range
            check_float32(out, "y", advice=_PRECISION_ADVICE)  # raises, naming it
        out = levels
        if self.n_ids is not None:
            ids = np.eye(self.n_ids, dtype=np.float32)[positions]
            ids = np.broadcast_to(ids[:, None], (len(out), out.shape[1], self.n_ids))
            out = np.concatenate([out, ids], axis=2)
        return out

    def inputs(self, levels: np.ndarray) -> np.ndarray:
        """The model's input windows: ``levels`` differenced, if set."""
        if not self.lags:
            return levels
        return difference_windows(levels, self.targets, self.lags)

    def id_covariates(self, positions: np.ndarray, horizon: int) -> np.ndarray | None:
        """The id feature over the forecast steps (n, horizon, n_ids), or None."""
        if self.n_ids is None:
            return None
        eye = np.eye(self.n_ids, dtype=np.float32)[positions]
        return np.broadcast_to(eye[:, None], (len(eye), horizon, self.n_ids))

    def training_pairs(self, pieces: Sequence[tuple]) -> tuple[np.ndarray, np.ndarray]:
        """Windows and targets of every series stacked, then differenced.

        Parameters
        ----------
        pieces : sequence of (windows, targets)
            Per series, windows (n_i, window_length, n_features) of model
            values (see :meth:`series`) and their targets.

        Returns
        -------
        windows, targets : ndarray
        """
        windows = (
            np.concatenate([w for w, _ in pieces]) if len(pieces) > 1 else pieces[0][0]
        )
        if len(pieces) == 1:
            Y = pieces[0][1]
        elif self.target_layout == SEQ2SEQ:  # a view of one short track per window
            Y = stack_seq2seq([t for _, t in pieces])
        else:
            Y = np.concatenate([t for _, t in pieces])
        if not self.lags:
            return windows, Y
        Y = difference_targets(windows, Y, self.targets, self.lags, self.target_layout)
        return difference_windows(windows, self.targets, self.lags), Y

    def decode(
        self,
        y_pred: np.ndarray,
        levels: np.ndarray,
        positions: np.ndarray,
        horizon: int | None = None,
    ) -> np.ndarray:
        """Model outputs back in the series' units.

        Parameters
        ----------
        y_pred : array-like of n * horizon * n_targets values
            The model's forecasts from the windows ``levels``.
        levels : ndarray of shape (n, window_length, n_features)
            The windows the forecasts start from, as :meth:`windows` gives.
        positions : ndarray of shape (n,)
            The series of each window.
        horizon : int, default=None
            Keep the first ``horizon`` steps (a direct model trained for
            more); None keeps all.

        Returns
        -------
        ndarray of shape (n, horizon, n_targets), float64
        """
        n_targets = len(self.targets)
        y_pred = np.asarray(y_pred, dtype=np.float64).reshape(
            len(levels), -1, n_targets
        )
        y_pred = y_pred[:, :horizon]
        if self.lags:
            y_pred = integrate_targets(levels, y_pred, self.targets, self.lags, DIRECT)
        return self.scaling.inverse(y_pred, positions, self.targets)


class ForecastError:
    """Mean absolute error of validation forecasts in the series' units.

    Called with the window regressor's predictions on the validation windows
    (as its ``predict_windows`` returns them), it decodes them with the
    forecaster's :class:`SeriesEncoding` (undoing differencing and scaling)
    before comparing with the true values.

    Parameters
    ----------
    valid : sequence of (windows, targets)
        Per series, the validation windows (model values, not differenced)
        and their targets.
    positions : ndarray of shape (n_windows,)
        The series of each validation window.
    encoding : SeriesEncoding
        The forecaster's encoding.
    seq2seq : bool
        Whether targets and predictions are seq2seq (the last step counts).
    """

    def __init__(
        self,
        valid: Sequence[tuple],
        positions: np.ndarray,
        encoding: SeriesEncoding,
        *,
        seq2seq: bool,
    ):
        self.levels = np.concatenate([w for w, _ in valid])
        self.positions, self.encoding, self.seq2seq = positions, encoding, seq2seq
        y_true = self._last_step(np.concatenate([t for _, t in valid]))
        self.y_true = encoding.scaling.inverse(
            y_true.reshape(len(self.levels), -1, len(encoding.targets)),
            positions,
            encoding.targets,
        )

    def _last_step(self, y: np.ndarray) -> np.ndarray:
        y = np.asarray(y, dtype=np.float64)
        return y[:, -1] if self.seq2seq and y.ndim == 3 else y

    def __call__(self, y_pred: np.ndarray) -> float:
        """The mean absolute error of ``y_pred`` in the series' units."""
        y_pred = self.encoding.decode(
            self._last_step(y_pred), self.levels, self.positions
        )
        return float(np.mean(np.abs(y_pred - self.y_true)))
