"""Plots of forecasts, per-horizon errors, training curves and ACF/PACF.

matplotlib (and statsmodels for the ACF/PACF) are imported when a function is
called, not when this module is imported. Every function draws on the given
``ax`` (or a new figure) and returns the Axes.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd

from skrnn._docstrings import shared_docstring

#: The module's convention, ``ax`` in and the Axes out: the last entry of the
#: Parameters and the Returns section of a one-Axes plot (the line ``%(ax)s``).
_axes_docstring = shared_docstring(
    ax="""\
ax : matplotlib Axes, optional
    Axes to draw on; None draws on a new figure.

Returns
-------
matplotlib.axes.Axes
    The Axes drawn on.
"""
)


def _axes(ax, figsize=(9, 4)):
    if ax is not None:
        return ax
    import matplotlib.pyplot as plt

    return plt.subplots(figsize=figsize)[1]


@_axes_docstring
def plot_forecast(actual: pd.Series, forecasts: Mapping[str, object], *, ax=None):
    """Draw actual values and one or more forecasts on the same time axis.

    Parameters
    ----------
    actual : pandas.Series of shape (n_timesteps,)
        Observed values.
    forecasts : mapping of str to array-like of shape (n_timesteps,)
        Forecasts aligned with ``actual`` (Series keep their own index).
    %(ax)s

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> import pandas as pd
    >>> s = pd.Series([1.0, 2.0, 3.0])
    >>> ax = plot_forecast(s, {"naive": s.shift(1)})
    >>> [line.get_label() for line in ax.get_lines()]
    ['actual', 'naive']
    """
    ax = _axes(ax)
    ax.plot(actual.index, actual.to_numpy(), color="black", lw=2, label="actual")
    for name, values in forecasts.items():
        if isinstance(values, pd.Series):
            ax.plot(values.index, values.to_numpy(), lw=1, label=name)
        else:
            ax.plot(actual.index, np.asarray(values), lw=1, label=name)
    ax.set_title("Forecasts against actuals")
    ax.legend(loc="best", fontsize="small")
    return ax


@_axes_docstring
def plot_horizon_mae(errors: Mapping[str, object], *, ax=None):
    """Draw the MAE at each horizon step for several multi-step models.

    Parameters
    ----------
    errors : mapping of str to array-like of shape (horizon,)
        Per-horizon MAE of each model (e.g. from
        :func:`skrnn.metrics.per_horizon_mae`).
    %(ax)s

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> ax = plot_horizon_mae({"direct": [1.0, 1.5, 2.0]})
    >>> ax.get_lines()[0].get_xdata().tolist()
    [1, 2, 3]
    """
    ax = _numbered_curves(_axes(ax), errors, "steps ahead", marker="o", ms=3)
    ax.set_ylabel("MAE")
    ax.set_title("Validation MAE per horizon")
    return ax


@_axes_docstring
def plot_history(history: Mapping[str, list], *, ax=None):
    """Draw training curves (``history_`` of a fitted Keras regressor).

    Parameters
    ----------
    history : mapping of str to list of float
        Per-epoch values, e.g. ``{"loss": [...], "val_loss": [...]}``.
    %(ax)s

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> ax = plot_history({"loss": [1.0, 0.5], "val_loss": [1.2, 0.7]})
    >>> sorted(line.get_label() for line in ax.get_lines())
    ['loss', 'val_loss']
    """
    ax = _numbered_curves(_axes(ax), history, "epoch")
    ax.set_yscale("log")
    return ax


def _numbered_curves(ax, curves: Mapping[str, object], xlabel: str, **style):
    """One labelled line per curve against 1, 2, ... (steps, epochs)."""
    for name, values in curves.items():
        values = np.asarray(values, dtype=float)
        ax.plot(np.arange(1, len(values) + 1), values, label=name, **style)
    ax.set_xlabel(xlabel)
    ax.legend(loc="best", fontsize="small")
    return ax


def plot_acf_pacf(series, *, lags: int = 40, axes=None):
    """Draw the autocorrelation and partial autocorrelation (statsmodels).

    Parameters
    ----------
    series : array-like of shape (n_timesteps,)
        The series (difference it first to study a trending series).
    lags : int, default=40
        Number of lags.
    axes : sequence of two matplotlib Axes, optional

    Returns
    -------
    tuple of two matplotlib.axes.Axes

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> import numpy as np
    >>> acf_ax, pacf_ax = plot_acf_pacf(np.sin(np.arange(200) / 3), lags=10)
    >>> acf_ax.get_title()
    'Autocorrelation'
    """
    from statsmodels.graphics.tsaplots import plot_acf, plot_pacf

    if axes is None:
        import matplotlib.pyplot as plt

        axes = plt.subplots(1, 2, figsize=(10, 3.5))[1]
    values = np.asarray(series, dtype=float)
    plot_acf(values, lags=lags, ax=axes[0])
    plot_pacf(values, lags=lags, ax=axes[1], method="ywm")
    return axes[0], axes[1]
