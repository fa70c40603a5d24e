"""Per-series scaling of the target columns of a panel (``series_scaler``)."""

from __future__ import annotations

from typing import Any

import numpy as np
from sklearn.base import clone
from sklearn.utils import get_tags

__all__ = ["SeriesScaler"]


class SeriesScaler:
    """One fitted clone of a column-wise scaler per series of a panel.

    The scaler acts on the first ``n_columns`` columns of each series (the
    columns of ``y``); any further columns (covariates, id features) pass
    through. Without a scaler (``scaler=None``) every method is the identity,
    so callers need no special case.

    Parameters
    ----------
    scaler : transformer or None
        A column-wise scikit-learn scaler (e.g.
        :class:`~sklearn.preprocessing.StandardScaler`), cloned per series.
    n_columns : int
        Number of leading columns to scale.

    Attributes
    ----------
    scalers_ : list of transformers or None
        The fitted clones, one per series (None without a scaler).

    Examples
    --------
    >>> import numpy as np
    >>> from sklearn.preprocessing import StandardScaler
    >>> scaling = SeriesScaler(StandardScaler(), 1).fit([np.array([[1.0], [3.0]])])
    >>> scaling.transform(np.array([[1.0, 5.0], [3.0, 6.0]]), 0)
    array([[-1.,  5.],
           [ 1.,  6.]])
    >>> scaling.inverse(np.array([[[0.0]]]), [0], [0])
    array([[[2.]]])
    """

    def __init__(self, scaler: Any, n_columns: int):
        self.scaler = scaler
        self.n_columns = n_columns

    def fit(self, series_values: list[np.ndarray]) -> SeriesScaler:
        """Fit one clone on the first ``n_columns`` columns of each series.

        Parameters
        ----------
        series_values : list of ndarray of shape (n_timesteps_i, n_columns_i)
            The series, in the panel's order.

        Returns
        -------
        self
        """
        if self.scaler is None:
            self.scalers_ = None
            return self
        self.scalers_ = [
            clone(self.scaler).fit(
                np.asarray(values[:, : self.n_columns], dtype=np.float64)
            )
            for values in series_values
        ]
        return self

    @property
    def non_negative(self) -> bool:
        """Whether the scaler takes non-negative values only (its
        ``positive_only`` input tag, e.g. :class:`skrnn.LogTransformer`), so
        that the series and their forecasts are non-negative."""
        return (
            self.scaler is not None and get_tags(self.scaler).input_tags.positive_only
        )

    def transform(self, values: np.ndarray, position: int) -> np.ndarray:
        """``values`` (n, n_columns[, more]) with series ``position``'s scaling.

        Returns ``values`` itself without a scaler, else a float64 copy.
        """
        if self.scalers_ is None:
            return values
        out = np.array(values, dtype=np.float64)
        n = self.n_columns
        out[..., :n] = (
            self.scalers_[position].transform(out[..., :n].reshape(-1, n))
        ).reshape(out[..., :n].shape)
        return out

    def inverse(
        self, y_pred: np.ndarray, positions: Any, targets: list[int]
    ) -> np.ndarray:
        """Forecasts back on each series' own scale.

        Parameters
        ----------
        y_pred : ndarray of shape (n, horizon, n_targets)
            Forecasts of the target columns ``targets`` on the model's scale.
        positions : sequence of int of length n
            The series of each row; consecutive rows of one series are
            inverted in one call.
        targets : list of int
            Column positions (among the ``n_columns``) of the targets.

        Returns
        -------
        ndarray of shape (n, horizon, n_targets), float64
        """
        if self.scalers_ is None:
            return y_pred
        positions = np.asarray(positions)
        n, horizon, n_targets = y_pred.shape
        out = np.empty(y_pred.shape, dtype=np.float64)
        boundaries = np.flatnonzero(np.diff(positions)) + 1
        for rows in np.split(np.arange(n), boundaries):
            if not len(rows):
                continue
            full = np.zeros((len(rows) * horizon, self.n_columns))
            full[:, targets] = y_pred[rows].reshape(-1, n_targets)
            levels = self.scalers_[positions[rows[0]]].inverse_transform(full)
            out[rows] = levels[:, targets].reshape(len(rows), horizon, n_targets)
        return out
