"""Datasets: the CTA ridership series, the two-sine benchmark, and a reader of
wide competition files (one row per series, e.g. M4) into a panel.

Examples
--------
>>> from skrnn.datasets import load_ridership, make_sine_series
>>> load_ridership().shape
(7639, 3)
>>> make_sine_series(3, 50, random_state=0).shape
(3, 50, 1)
"""

from __future__ import annotations

from skrnn.datasets._ridership import load_ridership
from skrnn.datasets._sine import make_sine_series
from skrnn.datasets._wide import read_wide_panel

__all__ = ["load_ridership", "make_sine_series", "read_wide_panel"]
