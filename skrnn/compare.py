"""Deprecated home of the ``skrnn compare`` run loop; use :mod:`skrnn.cli`.

``skrnn compare`` now runs every model as a
:class:`~skrnn.forecasting.WindowForecaster`, and its lineup, data
preparation, run loop and outputs live with the command line. The names of
this module still work, with a :class:`FutureWarning` naming their new
home:

=================  =======================
name               new home
=================  =======================
``compare``        :mod:`skrnn.cli.compare`
``Comparison``     :mod:`skrnn.cli.compare`
``prepare_frame``  :mod:`skrnn.cli.data`
``time_split``     :mod:`skrnn.cli.data`
``Split``          :mod:`skrnn.cli.data`
``MODELS``         :mod:`skrnn.cli.lineup`
``QUICK_MODELS``   :mod:`skrnn.cli.lineup`
``ModelSpec``      :mod:`skrnn.cli.lineup`
=================  =======================

Examples
--------
>>> import warnings
>>> with warnings.catch_warnings(record=True) as caught:
...     warnings.simplefilter("always")
...     from skrnn.compare import time_split
>>> caught[0].category.__name__
'FutureWarning'
>>> from skrnn.cli.data import time_split as new_time_split
>>> time_split is new_time_split
True
"""

from __future__ import annotations

import importlib
import warnings
from typing import Any

_MOVED = {
    "compare": "skrnn.cli.compare",
    "Comparison": "skrnn.cli.compare",
    "prepare_frame": "skrnn.cli.data",
    "time_split": "skrnn.cli.data",
    "Split": "skrnn.cli.data",
    "MODELS": "skrnn.cli.lineup",
    "QUICK_MODELS": "skrnn.cli.lineup",
    "ModelSpec": "skrnn.cli.lineup",
    "ONE_STEP": "skrnn.cli.lineup",
    "DIRECT": "skrnn.cli.lineup",
    "RECURSIVE": "skrnn.cli.lineup",
    "SEQ2SEQ": "skrnn.cli.lineup",
}

__all__ = sorted(_MOVED)


def __getattr__(name: str) -> Any:
    if name in _MOVED:
        module = _MOVED[name]
        warnings.warn(
            f"skrnn.compare.{name} moved to {module}.{name}; import it from "
            f"{module}. skrnn.compare will be removed in a future release.",
            FutureWarning,
            stacklevel=2,
        )
        return getattr(importlib.import_module(module), name)
    raise AttributeError(f"module 'skrnn.compare' has no attribute {name!r}")
