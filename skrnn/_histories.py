"""Where forecasts start: the last window and the cutoff of every series.

:class:`skrnn.WindowForecaster` keeps a :class:`SeriesHistories` of the
fitted series (moved on by ``update``) and builds one from a recent ``y``
given to ``predict``; both forecast from its windows onto its future dates.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from skrnn._series_set import SeriesSet, recent_windows
from skrnn._time_index import check_same_index, future_index

__all__ = ["SeriesHistories"]


class SeriesHistories:
    """The last ``window_length`` steps of every series of a set, and its cutoff.

    Parameters
    ----------
    data : SeriesSet
        The series (each at least ``window_length`` steps long).
    window_length : int
        Time steps kept per series.

    Attributes
    ----------
    windows : ndarray of shape (n_series, window_length, n_columns), float64
        The last steps of every series (columns of ``y`` then of ``X``).
    cutoffs : list
        The last time stamp (or position, without a time index) of every
        series.
    templates : list of pandas.Index or None
        An empty index of each series' kind (None without a time index).

    Examples
    --------
    >>> import numpy as np
    >>> from skrnn._series_set import read_series_set
    >>> histories = SeriesHistories(read_series_set(np.arange(5.0), None), 2)
    >>> histories.windows[0, :, 0], histories.cutoffs
    (array([3., 4.]), [4])
    >>> histories.future_dates(None, 2)
    [RangeIndex(start=5, stop=7, step=1)]
    """

    def __init__(self, data: SeriesSet, window_length: int):
        self.windows = recent_windows(data, window_length)
        self.templates = [
            None if info.index is None else info.index[:0] for info in data.infos
        ]
        self.cutoffs = [
            info.n_timesteps - 1 if info.index is None else info.index[-1]
            for info in data.infos
        ]

    @property
    def indexed(self) -> bool:
        """Whether the series have a time index."""
        return self.templates[0] is not None

    def future_dates(self, freq: Any, horizon: int) -> list[pd.Index]:
        """The ``horizon`` time steps after each cutoff (positions without a
        time index)."""
        return [
            future_index(template, cutoff, freq, horizon)
            for template, cutoff in zip(self.templates, self.cutoffs, strict=True)
        ]

    def append(self, data: SeriesSet, positions: np.ndarray, freq: Any) -> None:
        """Extend the series at ``positions`` by the steps of ``data``.

        The steps of each series of ``data`` must follow its cutoff
        directly (checked on time-indexed series); the window and the cutoff
        move on.
        """
        window_length = self.windows.shape[1]
        for position, info, values in zip(
            positions, data.infos, data.values, strict=True
        ):
            cutoff, template = self.cutoffs[position], self.templates[position]
            expected = future_index(template, cutoff, freq, info.n_timesteps)
            if info.index is not None and template is not None:
                check_same_index(
                    info.index, expected, "y", "the steps after the cutoff"
                )
            joined = np.concatenate([self.windows[position], values])
            self.windows[position] = joined[-window_length:]
            self.cutoffs[position] = (
                expected[-1] if template is not None else cutoff + info.n_timesteps
            )
