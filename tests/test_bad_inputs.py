"""Bad and edge inputs across the public entry points (issue 17).

Every case is a call, the exception it must raise and a regex that its message
must match: the message names the parameter, and for a wrong value says what was
expected and what came. A few inputs are accepted on purpose; those are
*conventions*, each documented where the entry point is and checked here by what
the call returns (``CONVENTIONS``).

Cases that are still wrong today are marked ``xfail(strict=True)`` with the
reason and the file the fix belongs in; they pass (and then fail the xfail) once
fixed.

This battery covers the windows, panels, the forecaster, the metrics, the naive
and SARIMA regressors, ``RecursiveRegressor``, the strategies, the lag-matrix
wrapper :class:`skrnn.interop.LagMatrixRegressor` (and the time order of the
data given to the window regressors: newest-first lag matrices, targets that are
not the continuation of the windows) and the command line on a user CSV. The
Keras models are covered in ``tests/test_bad_inputs_keras.py`` and the sktime
adapters in ``tests/test_bad_inputs_sktime.py``.
"""

from __future__ import annotations

import re
import warnings

import numpy as np
import pandas as pd
import pytest
import scipy.sparse
from sklearn import config_context
from sklearn.exceptions import NotFittedError
from sklearn.linear_model import Ridge
from sklearn.multioutput import MultiOutputRegressor
from sklearn.preprocessing import StandardScaler

from skrnn import (
    NaiveRegressor,
    RecursiveRegressor,
    SARIMARegressor,
    SlidingWindowTransformer,
    WindowForecaster,
    backtest,
    last_window,
    make_windows,
    metrics,
)
from skrnn.cli import main
from skrnn.interop import LagMatrixRegressor
from skrnn.panel import PanelWarning, check_panel
from skrnn.strategies import (
    DirectStrategy,
    get_strategy,
    register_strategy,
    strategy_names,
    unregister_strategy,
)

SERIES = np.sin(np.arange(40) / 3.0) + 2.0
DAYS = pd.date_range("2024-01-01", periods=40, freq="D")
DAILY = pd.Series(SERIES, index=DAYS, name="y")
GAPPY = DAILY.drop(DAYS[10])  # 2024-01-11 missing
WINDOWS_3D, TARGETS = make_windows(SERIES, 5)
WINDOWS = np.asarray(WINDOWS_3D[:, :, 0])  # (35, 5)
TWO_COLUMNS = np.column_stack([SERIES, 2 * SERIES])
GAP = r"2024-01-12 00:00:00 at position 10 follows 2024-01-10 00:00:00"
NOT_FITTED = r"This \w+ instance is not fitted yet"


def fitted(strategy="recursive", horizon=2, estimator=None, y=DAILY, **params):
    model = NaiveRegressor() if estimator is None else estimator
    return WindowForecaster(model, 5, strategy=strategy, horizon=horizon, **params).fit(
        y
    )


def unfitted(**params):
    return WindowForecaster(NaiveRegressor(), 5, horizon=2, **params)


def case(id, call, error, match, xfail=None):
    marks = () if xfail is None else pytest.mark.xfail(strict=True, reason=xfail)
    return pytest.param(call, error, match, id=id, marks=marks)


# -- windows -------------------------------------------------------------------

WINDOW_CASES = [
    case(
        "make_windows-window_length-0",
        lambda: make_windows(SERIES, 0),
        ValueError,
        r"window_length must be an int >= 1, got 0",
    ),
    case(
        "make_windows-window_length-2.5",
        lambda: make_windows(SERIES, 2.5),
        ValueError,
        r"window_length must be an int >= 1, got 2\.5",
    ),
    case(
        "make_windows-window_length-str",
        lambda: make_windows(SERIES, "3"),
        TypeError,
        r"window_length must be an int >= 1, got '3' \(str\)",
    ),
    case(
        "make_windows-window_length-bool",
        lambda: make_windows(SERIES, True),
        TypeError,
        r"window_length must be an int >= 1, got True \(bool\)",
    ),
    case(
        "make_windows-window_length-None",
        lambda: make_windows(SERIES, None),
        TypeError,
        r"window_length must be an int >= 1, got None",
    ),
    case(
        "make_windows-horizon-0",
        lambda: make_windows(SERIES, 3, 0),
        ValueError,
        r"horizon must be an int >= 1, got 0",
    ),
    case(
        "make_windows-horizon-negative",
        lambda: make_windows(SERIES, 3, -2),
        ValueError,
        r"horizon must be an int >= 1, got -2",
    ),
    case(
        "make_windows-stride-0",
        lambda: make_windows(SERIES, 3, stride=0),
        ValueError,
        r"stride must be an int >= 1, got 0",
    ),
    case(
        "make_windows-stride-1.5",
        lambda: make_windows(SERIES, 3, stride=1.5),
        ValueError,
        r"stride must be an int >= 1, got 1\.5",
    ),
    case(
        "make_windows-too-short",
        lambda: make_windows(np.arange(4.0), 3, 2),
        ValueError,
        r"series has 4 timesteps, but window_length \+ horizon = 3 \+ 2 = 5 are "
        r"needed",
    ),
    case(
        "make_windows-empty",
        lambda: make_windows(np.array([]), 1),
        ValueError,
        r"series has 0 timesteps, but at least 1 are needed",
    ),
    case(
        "make_windows-scalar",
        lambda: make_windows(np.float64(1.0), 1),
        ValueError,
        r"series must be 1-D \(n_timesteps,\) or 2-D .*got an array of shape \(\)",
    ),
    case(
        "make_windows-3-D",
        lambda: make_windows(np.zeros((5, 2, 2)), 2),
        ValueError,
        r"series must be 1-D .* got an array of shape \(5, 2, 2\)",
    ),
    case(
        "make_windows-NaN",
        lambda: make_windows([1.0, np.nan, 3.0, 4.0], 2),
        ValueError,
        r"series contains 1 NaN or infinite value\(s\); the first is at position 1",
    ),
    case(
        "make_windows-inf",
        lambda: make_windows([1.0, 2.0, np.inf, 4.0], 2),
        ValueError,
        r"series contains 1 NaN or infinite value\(s\); the first is at position 2",
    ),
    case(
        "make_windows-strings",
        lambda: make_windows(["a", "b", "c"], 1),
        TypeError,
        r"series has dtype <U1; expected numeric \(int, float or bool\) data",
    ),
    case(
        "make_windows-None-in-list",
        lambda: make_windows([1.0, None, 3.0], 1),
        TypeError,
        r"series has dtype object; expected numeric",
    ),
    case(
        "make_windows-complex",
        lambda: make_windows(np.arange(5) + 1j, 1),
        TypeError,
        r"series has dtype complex128; expected numeric",
    ),
    case(
        "make_windows-sparse",
        lambda: make_windows(scipy.sparse.csr_matrix(np.ones((5, 2))), 2),
        TypeError,
        r"series is a scipy sparse csr_matrix; sparse input is not supported, "
        r"expected a dense array-like",
    ),
    case(
        "make_windows-masked",
        lambda: make_windows(np.ma.masked_array(np.arange(5.0), [0, 1, 0, 0, 0]), 2),
        ValueError,
        r"series is a masked array with masked values; expected complete data",
    ),
    case(
        "make_windows-no-columns",
        lambda: make_windows(np.zeros((5, 0)), 2),
        ValueError,
        r"series has 0 feature\(s\) \(shape=\(5, 0\)\)",
    ),
    case(
        "make_windows-text-column",
        lambda: make_windows(
            pd.DataFrame({"a": np.arange(5.0), "b": list("abcde")}), 2
        ),
        TypeError,
        r"series column 'b' has dtype \w+; expected numeric",
    ),
    case(
        "make_windows-unsorted-index",
        lambda: make_windows(DAILY.iloc[::-1], 3),
        ValueError,
        r"series has a DatetimeIndex that is not strictly increasing: timestamp "
        r"2024-02-08 00:00:00 at position 1 is out of order",
    ),
    case(
        "make_windows-duplicated-index",
        lambda: make_windows(
            pd.Series(np.arange(4.0), index=DAYS[[0, 0, 1, 2]]),
            2,
        ),
        ValueError,
        r"timestamp 2024-01-01 00:00:00 at position 1 is duplicated",
    ),
    case(
        "make_windows-NaT",
        lambda: make_windows(
            pd.Series(
                np.arange(3.0), index=pd.DatetimeIndex([DAYS[0], pd.NaT, DAYS[1]])
            ),
            2,
        ),
        ValueError,
        r"series has a missing timestamp \(NaT\) in its index at position 1",
    ),
    case(
        "make_windows-gap",
        lambda: make_windows(GAPPY, 3),
        ValueError,
        rf"series has a DatetimeIndex without a regular frequency: {GAP}.*"
        r"series\.asfreq\('D'\)",
    ),
    case(
        "make_windows-gap-period",
        lambda: make_windows(
            pd.Series(
                np.arange(5.0),
                index=pd.period_range("2024-01", periods=6, freq="M").delete(3),
            ),
            2,
        ),
        ValueError,
        r"series has a gap in its PeriodIndex: 2024-05 at position 3 follows 2024-03",
    ),
    case(
        "make_windows-gap-timedelta",
        lambda: make_windows(
            pd.Series(np.arange(5.0), index=pd.to_timedelta([0, 1, 2, 4, 5], "h")),
            2,
        ),
        ValueError,
        r"series has a TimedeltaIndex without a regular step: 0 days 04:00:00 at "
        r"position 3 follows 0 days 02:00:00",
    ),
    case(
        "make_windows-target-out-of-range",
        lambda: make_windows(TWO_COLUMNS, 3, target=5),
        ValueError,
        r"target index 5 is out of range for a series with 2 column\(s\); expected "
        r"an int in \[-2, 1\]",
    ),
    case(
        "make_windows-target-unknown-name",
        lambda: make_windows(pd.DataFrame({"a": SERIES, "b": SERIES}), 3, target="c"),
        ValueError,
        r"target 'c' is not a column of the series; columns are \['a', 'b'\]",
    ),
    case(
        "make_windows-target-name-on-array",
        lambda: make_windows(TWO_COLUMNS, 3, target="a"),
        ValueError,
        r"target 'a' is a column name, but the series has no column names",
    ),
    case(
        "make_windows-target-bool",
        lambda: make_windows(TWO_COLUMNS, 3, target=True),
        TypeError,
        r"target must be None, a column position \(int\), .* got True \(bool\)",
    ),
    case(
        "make_windows-target-float",
        lambda: make_windows(TWO_COLUMNS, 3, target=1.0),
        TypeError,
        r"target must be None, a column position \(int\), .* got 1\.0 \(float\)",
    ),
    case(
        "make_windows-seq2seq-two-targets",
        lambda: make_windows(TWO_COLUMNS, 3, seq2seq=True),
        ValueError,
        r"seq2seq=True needs a single target column .* got target=None, which "
        r"selects 2",
    ),
    case(
        "make_windows-id_feature-one-series",
        lambda: make_windows(SERIES, 3, id_feature=True),
        ValueError,
        r"id_feature=True needs a panel of series .* got one series of type ndarray",
    ),
    case(
        "make_windows-return_ids-one-series",
        lambda: make_windows(SERIES, 3, return_ids=True),
        ValueError,
        r"return_ids=True needs a panel of series",
    ),
    case(
        "make_windows-id_column-one-series",
        lambda: make_windows(DAILY, 3, id_column="store"),
        ValueError,
        r"id_column='store' names the id column of a panel given as a long "
        r"DataFrame, but series is one series of type Series",
    ),
    case(
        "make_windows-ragged-list",
        lambda: make_windows([[1.0, 2.0], [3.0]], 1),
        ValueError,
        r"series is ambiguous: it is a ragged list of lists of numbers .* pass a "
        r"panel as a dict of series",
    ),
    case(
        "make_windows-list-mixing-arrays-and-numbers",
        lambda: make_windows([np.arange(3.0), 1.0], 1),
        ValueError,
        r"series is ambiguous: it mixes an array or pandas object at position 0 and "
        r"a number at position 1",
    ),
    case(
        "make_windows-panel-all-too-short",
        lambda: make_windows({"a": np.arange(3.0), "b": np.arange(2.0)}, 3),
        ValueError,
        r"no series of the panel has window_length \+ horizon = 4 time steps; the "
        r"longest has 3",
    ),
    case(
        "make_windows-panel-other-columns",
        lambda: make_windows({"a": np.ones((9, 2)), "b": np.ones(9)}, 3),
        ValueError,
        r"the series of a panel must have the same columns: series\['a'\] has 2, "
        r"series\['b'\] has 1",
    ),
    case(
        "make_windows-panel-gap",
        lambda: make_windows({"a": DAILY, "b": GAPPY}, 3),
        ValueError,
        rf"series\['b'\] has a DatetimeIndex without a regular frequency: {GAP}",
    ),
    case(
        "make_windows-long-frame-without-id_column",
        lambda: make_windows(
            pd.DataFrame(
                {"store": [1, 1, 1, 2, 2, 2], "v": np.arange(6.0)},
                index=DAYS[[0, 1, 2, 0, 1, 2]],
            ),
            2,
        ),
        ValueError,
        r"timestamp 2024-01-01 00:00:00 at position 3 is out of order",
    ),
    case(
        "make_windows-beyond-float32",
        lambda: make_windows(np.array([1.0, 1e39, 2.0, 3.0]), 2),
        ValueError,
        r"series .*1e\+39.* float32",
    ),
    case(
        "make_windows-float32-precision-loss",
        lambda: make_windows(1e8 + np.arange(40.0), 3),
        ValueError,
        r"series .*float32",
    ),
    case(
        "SlidingWindowTransformer-window_length-0",
        lambda: SlidingWindowTransformer(0).fit(SERIES),
        ValueError,
        r"window_length must be an int >= 1, got 0",
    ),
    case(
        "SlidingWindowTransformer-stride-0",
        lambda: SlidingWindowTransformer(2, stride=0).fit(SERIES),
        ValueError,
        r"stride must be an int >= 1, got 0",
    ),
    case(
        "SlidingWindowTransformer-too-short-fit",
        lambda: SlidingWindowTransformer(50).fit(SERIES),
        ValueError,
        r"series has 40 timesteps, but window_length = 50 are needed",
    ),
    case(
        "SlidingWindowTransformer-too-short-transform",
        lambda: SlidingWindowTransformer(5).fit(SERIES).transform(SERIES[:3]),
        ValueError,
        r"series has 3 timesteps, but window_length = 5 are needed",
    ),
    case(
        "SlidingWindowTransformer-NaN",
        lambda: (
            SlidingWindowTransformer(5).fit(SERIES).transform(np.r_[SERIES[:9], np.nan])
        ),
        ValueError,
        r"series contains 1 NaN or infinite value\(s\); the first is at position 9",
    ),
    case(
        "SlidingWindowTransformer-feature-drift",
        lambda: SlidingWindowTransformer(5).fit(SERIES).transform(np.ones((10, 2))),
        ValueError,
        r"series has 2 feature\(s\), but SlidingWindowTransformer was fitted on 1",
    ),
    case(
        "SlidingWindowTransformer-feature-names-drift",
        lambda: (
            SlidingWindowTransformer(2)
            .fit(pd.DataFrame({"a": SERIES}))
            .transform(pd.DataFrame({"b": SERIES}))
        ),
        ValueError,
        r"feature names should match those that were passed during fit",
    ),
    case(
        "SlidingWindowTransformer-not-fitted",
        lambda: SlidingWindowTransformer(2).transform(SERIES),
        NotFittedError,
        NOT_FITTED,
    ),
    case(
        "SlidingWindowTransformer-gap",
        lambda: SlidingWindowTransformer(2).fit(GAPPY),
        ValueError,
        rf"series has a DatetimeIndex without a regular frequency: {GAP}",
    ),
    case(
        "SlidingWindowTransformer-3-D",
        lambda: SlidingWindowTransformer(2).fit(np.zeros((4, 2, 2))),
        ValueError,
        r"series must be 1-D .* got an array of shape \(4, 2, 2\)",
    ),
    case(
        "SlidingWindowTransformer-pandas-output-of-3-D-windows",
        lambda: (
            SlidingWindowTransformer(2)
            .set_output(transform="pandas")
            .fit_transform(SERIES)
        ),
        ValueError,
        r"flatten=False\) returns 3-D windows .* transform output 'pandas' is "
        r"configured",
    ),
    case(
        "SlidingWindowTransformer-global-pandas-output-of-3-D-windows",
        lambda: _with_pandas_output(
            lambda: SlidingWindowTransformer(2).fit_transform(SERIES)
        ),
        ValueError,
        r"flatten=False\) returns 3-D windows .* sklearn\.set_config",
    ),
    case(
        "SlidingWindowTransformer-names-of-3-D-windows",
        lambda: SlidingWindowTransformer(2).fit(SERIES).get_feature_names_out(),
        ValueError,
        r"returns 3-D windows .* which have no column names; set flatten=True",
    ),
    case(
        "SlidingWindowTransformer-input_features-count",
        lambda: (
            SlidingWindowTransformer(2, flatten=True)
            .fit(SERIES)
            .get_feature_names_out(["a", "b"])
        ),
        ValueError,
        r"input_features has 2 name\(s\), but SlidingWindowTransformer was fitted "
        r"on 1 feature\(s\)",
    ),
    case(
        "last_window-too-long",
        lambda: last_window(SERIES, 41),
        ValueError,
        r"series has 40 timesteps, but window_length = 41 are needed",
    ),
    case(
        "last_window-window_length-0",
        lambda: last_window(SERIES, 0),
        ValueError,
        r"window_length must be an int >= 1, got 0",
    ),
    case(
        "last_window-NaN",
        lambda: last_window([1.0, np.nan], 1),
        ValueError,
        r"series contains 1 NaN or infinite value\(s\); the first is at position 1",
    ),
    case(
        "last_window-gap",
        lambda: last_window(GAPPY, 3),
        ValueError,
        rf"series has a DatetimeIndex without a regular frequency: {GAP}",
    ),
    case(
        "last_window-3-D",
        lambda: last_window(np.zeros((3, 2, 2)), 1),
        ValueError,
        r"series must be 1-D .* got an array of shape \(3, 2, 2\)",
    ),
]


def _with_pandas_output(call):
    with config_context(transform_output="pandas"):
        return call()


# -- panels --------------------------------------------------------------------

PANEL_CASES = [
    case(
        "check_panel-int",
        lambda: check_panel(3),
        TypeError,
        r"series must be a panel: a list, tuple or dict of series, or a long "
        r"DataFrame with id_column; got int",
    ),
    case(
        "check_panel-str",
        lambda: check_panel("abc"),
        TypeError,
        r"series must be a panel: .* got str",
    ),
    case(
        "check_panel-empty-list",
        lambda: check_panel([]),
        ValueError,
        r"series is an empty panel; expected at least one series",
    ),
    case(
        "check_panel-empty-dict",
        lambda: check_panel({}),
        ValueError,
        r"series is an empty panel",
    ),
    case(
        "check_panel-DataFrame-without-id_column",
        lambda: check_panel(pd.DataFrame({"v": [1.0]})),
        TypeError,
        r"series is a DataFrame: pass id_column to read it as a long panel",
    ),
    case(
        "check_panel-unknown-id_column",
        lambda: check_panel(pd.DataFrame({"v": [1.0]}), id_column="store"),
        ValueError,
        r"id_column='store' is neither a column nor an index level of series; its "
        r"columns are \['v'\]",
    ),
    case(
        "check_panel-missing-id",
        lambda: check_panel(
            pd.DataFrame({"s": ["a", None], "v": [1.0, 2.0]}), id_column="s"
        ),
        ValueError,
        r"series has a missing series id in 's' at row 1",
    ),
    case(
        "check_panel-other-column-names",
        lambda: check_panel(
            {"a": pd.DataFrame({"x": [1.0]}), "b": pd.DataFrame({"z": [1.0]})}
        ),
        ValueError,
        r"same columns: series\['a'\] has \['x'\], series\['b'\] has \['z'\]",
    ),
    case(
        "check_panel-mixed-frequencies",
        lambda: check_panel(
            {
                "a": DAILY,
                "b": pd.Series(
                    SERIES, index=pd.date_range("2024-01-07", periods=40, freq="W-SUN")
                ),
            }
        ),
        ValueError,
        r"mixed frequencies \(D: \['a'\]; W-SUN: \['b'\]\); expected one frequency",
    ),
    case(
        "check_panel-NaN-in-one-series",
        lambda: check_panel({"a": SERIES, "b": np.r_[SERIES[:5], np.nan]}),
        ValueError,
        r"series\['b'\] contains 1 NaN or infinite value\(s\); the first is at "
        r"position 5",
    ),
    case(
        "check_panel-duplicated-row-of-long-frame",
        lambda: check_panel(
            pd.DataFrame({"s": ["a", "a"], "v": [1.0, 2.0]}, index=DAYS[[0, 0]]),
            id_column="s",
        ),
        ValueError,
        r"series\['a'\] has a DatetimeIndex that is not strictly increasing.* "
        r"duplicated or unsorted row, or two series under the same 's' value 'a'",
    ),
    case(
        "check_panel-index-kinds",
        lambda: check_panel({"a": DAILY, "b": pd.Series(SERIES)}),
        ValueError,
        r"same kind of index: series\['a'\] has DatetimeIndex, series\['b'\] has "
        r"RangeIndex",
    ),
    case(
        "check_panel-3-D-series",
        lambda: check_panel({"a": np.zeros((3, 2, 2))}),
        ValueError,
        r"series\['a'\] must be 1-D .* got an array of shape \(3, 2, 2\)",
    ),
    case(
        "check_panel-text-series",
        lambda: check_panel({"a": ["x", "y"]}),
        TypeError,
        r"series\['a'\] has dtype <U1; expected numeric",
    ),
]

# -- the forecaster --------------------------------------------------------------

FORECASTER_CASES = [
    case(
        "WindowForecaster.fit-window_length-0",
        lambda: WindowForecaster(NaiveRegressor(), 0).fit(DAILY),
        ValueError,
        r"window_length must be an int >= 1, got 0",
    ),
    case(
        "WindowForecaster.fit-window_length-5.5",
        lambda: WindowForecaster(NaiveRegressor(), 5.5).fit(DAILY),
        ValueError,
        r"window_length must be an int >= 1, got 5\.5",
    ),
    case(
        "WindowForecaster.fit-strategy",
        lambda: unfitted(strategy="nope").fit(DAILY),
        ValueError,
        r"strategy must be one of \['recursive', 'direct', 'seq2seq'.*\], got 'nope'",
    ),
    case(
        "WindowForecaster.fit-horizon-0",
        lambda: WindowForecaster(NaiveRegressor(), 5, horizon=0).fit(DAILY),
        ValueError,
        r"horizon must be an int >= 1, got 0",
    ),
    case(
        "WindowForecaster.fit-target",
        lambda: unfitted(target="z").fit(DAILY),
        ValueError,
        r"target 'z' is not a column of the series; columns are \['y'\]",
    ),
    case(
        "WindowForecaster.fit-too-short",
        lambda: WindowForecaster(NaiveRegressor(), 50).fit(DAILY),
        ValueError,
        r"y has 40 time steps, too short for window_length = 50 \+ 1 .* at least 51",
    ),
    case(
        "WindowForecaster.fit-NaN",
        lambda: unfitted().fit(np.r_[SERIES, np.nan]),
        ValueError,
        r"y contains 1 NaN or infinite value\(s\); the first is at position 40",
    ),
    case(
        "WindowForecaster.fit-gap",
        lambda: unfitted().fit(GAPPY),
        ValueError,
        rf"y has a DatetimeIndex without a regular frequency: {GAP}.*y\.asfreq\('D'\)",
    ),
    case(
        "WindowForecaster.fit-unsorted",
        lambda: unfitted().fit(DAILY.iloc[::-1]),
        ValueError,
        r"y has a DatetimeIndex that is not strictly increasing",
    ),
    case(
        "WindowForecaster.fit-gap-period",
        lambda: unfitted().fit(
            pd.Series(
                np.arange(9.0),
                index=pd.period_range("2024-01", periods=10, freq="M").delete(3),
            )
        ),
        ValueError,
        r"y has a gap in its PeriodIndex: 2024-05 at position 3 follows 2024-03",
    ),
    case(
        "WindowForecaster.fit-uneven-integer-index",
        lambda: unfitted().fit(pd.Series(SERIES, index=np.r_[0:20, 21:41])),
        ValueError,
        r"y has an integer index that is not evenly increasing: 21 at position 20 "
        r"follows 19",
    ),
    case(
        "WindowForecaster.fit-label-index",
        lambda: unfitted().fit(pd.Series(SERIES, index=[f"t{i}" for i in range(40)])),
        ValueError,
        r"y must have a DatetimeIndex, a PeriodIndex or an integer index, got a "
        r"Index",
    ),
    case(
        "WindowForecaster.fit-X-misaligned",
        lambda: unfitted().fit(DAILY, X=np.ones((39, 1))),
        ValueError,
        r"X must be aligned with y: X has 39 time steps, y has 40",
    ),
    case(
        "WindowForecaster.fit-X-with-a-panel",
        lambda: unfitted().fit({"a": SERIES, "b": SERIES}, X=np.ones((40, 1))),
        ValueError,
        r"X is not supported with a panel y",
    ),
    case(
        "WindowForecaster.fit-y-None",
        lambda: unfitted().fit(None),
        TypeError,
        r"y has dtype object; expected numeric",
    ),
    case(
        "WindowForecaster.fit-y-text-column",
        lambda: unfitted().fit(pd.DataFrame({"a": SERIES, "b": ["x"] * 40})),
        TypeError,
        r"y column 'b' has dtype \w+; expected numeric",
    ),
    case(
        "WindowForecaster.fit-y-3-D",
        lambda: unfitted().fit(np.zeros((10, 2, 2))),
        ValueError,
        r"y must be 1-D .* got an array of shape \(10, 2, 2\)",
    ),
    case(
        "WindowForecaster.fit-y-ragged-list",
        lambda: unfitted().fit([[1.0, 2.0, 3.0], [4.0, 5.0]]),
        ValueError,
        r"^y is ambiguous: it is a ragged list of lists of numbers",
    ),
    case(
        "WindowForecaster.fit-estimator-None",
        lambda: WindowForecaster(None, 5).fit(DAILY),
        TypeError,
        r"estimator must be a scikit-learn regressor .* got None",
    ),
    case(
        "WindowForecaster.fit-estimator-transformer-recursive",
        lambda: WindowForecaster(StandardScaler(), 5).fit(DAILY),
        TypeError,
        r"estimator must be a scikit-learn regressor with fit and predict .* got "
        r"StandardScaler\(\)",
    ),
    case(
        "WindowForecaster.fit-estimator-transformer-direct",
        lambda: WindowForecaster(StandardScaler(), 5, strategy="direct").fit(DAILY),
        TypeError,
        r"estimator must be a scikit-learn regressor",
    ),
    case(
        "WindowForecaster.fit-series_scaler-str",
        lambda: unfitted(series_scaler="std").fit(DAILY),
        TypeError,
        r"series_scaler must be .* got 'std'",
    ),
    case(
        "WindowForecaster.fit-id_feature-one-series",
        lambda: unfitted(id_feature=True).fit(DAILY),
        ValueError,
        r"id_feature=True needs a panel y .* got one series of type Series",
    ),
    case(
        "WindowForecaster.fit-validation_size--1",
        lambda: unfitted(validation_size=-1).fit(DAILY),
        ValueError,
        r"validation_size must be an int >= 1, got -1",
    ),
    case(
        "WindowForecaster.fit-stride-0",
        lambda: unfitted(stride=0).fit(DAILY),
        ValueError,
        r"stride must be an int >= 1, got 0",
    ),
    case(
        "WindowForecaster.fit-differences-0",
        lambda: WindowForecaster(Ridge(), 5, differences=(0,)).fit(DAILY),
        ValueError,
        r"differences must be a tuple of positive ints, got \(0,\)",
    ),
    case(
        "WindowForecaster.fit-differences-too-long",
        lambda: WindowForecaster(Ridge(), 5, differences=(5,)).fit(DAILY),
        ValueError,
        r"differences=\(5,\) needs sum\(differences\) = 5 < window_length = 5",
    ),
    case(
        "WindowForecaster.fit-seq2seq-two-targets",
        lambda: unfitted(strategy="seq2seq").fit(TWO_COLUMNS),
        ValueError,
        r"strategy='seq2seq' needs a single target column .* selects 2 column",
    ),
    case(
        "WindowForecaster.fit-recursive-target-subset",
        lambda: WindowForecaster(Ridge(), 5, target=0).fit(TWO_COLUMNS),
        ValueError,
        r"strategy='recursive' forecasts every window feature it feeds back, but "
        r"target=0 leaves column\(s\) \[1\] of y unforecast",
    ),
    case(
        "WindowForecaster.fit-panel-all-too-short",
        lambda: unfitted().fit({"a": SERIES[:3], "b": SERIES[:4]}),
        ValueError,
        r"2 series of y have fewer than window_length = 5 time steps and cannot be "
        r"forecast: \['a', 'b'\]",
    ),
    case(
        "WindowForecaster.predict-not-fitted",
        lambda: unfitted().predict(3),
        NotFittedError,
        NOT_FITTED,
    ),
    case(
        "WindowForecaster.predict-horizon-0",
        lambda: fitted().predict(0),
        ValueError,
        r"horizon must be an int >= 1, got 0",
    ),
    case(
        "WindowForecaster.predict-horizon-2.5",
        lambda: fitted().predict(2.5),
        ValueError,
        r"horizon must be an int >= 1, got 2\.5",
    ),
    case(
        "WindowForecaster.predict-beyond-direct-horizon",
        lambda: fitted("direct", 2).predict(5),
        ValueError,
        r"horizon=5 is beyond the 2 step\(s\) the strategy='direct' model was "
        r"trained for",
    ),
    case(
        "WindowForecaster.predict-X-unexpected",
        lambda: fitted().predict(2, X=np.ones((2, 1))),
        ValueError,
        r"X was given, but WindowForecaster was fitted without exogenous covariates",
    ),
    case(
        "WindowForecaster.predict-X-missing",
        lambda: (
            WindowForecaster(Ridge(), 5, horizon=2)
            .fit(DAILY, X=np.ones((40, 1)))
            .predict(2)
        ),
        ValueError,
        r"X is required: .* X of shape \(2, 1\) for the 2 forecast steps",
    ),
    case(
        "WindowForecaster.predict-X-shape",
        lambda: (
            WindowForecaster(Ridge(), 5, horizon=2)
            .fit(DAILY, X=np.ones((40, 1)))
            .predict(2, X=np.ones((3, 1)))
        ),
        ValueError,
        r"X must hold the exogenous values of the 2 forecast steps, shape \(2, 1\); "
        r"got shape \(3, 1\)",
    ),
    case(
        "WindowForecaster.predict-y-columns",
        lambda: fitted().predict(2, y=np.ones((10, 2))),
        ValueError,
        r"y has 2 column\(s\), but WindowForecaster was fitted on y with 1",
    ),
    case(
        "WindowForecaster.predict-y-too-short",
        lambda: fitted().predict(2, y=SERIES[:3]),
        ValueError,
        r"y must have at least window_length = 5 time steps to forecast from",
    ),
    case(
        "WindowForecaster.predict-y-NaN",
        lambda: fitted().predict(2, y=np.r_[SERIES[:9], np.nan]),
        ValueError,
        r"y contains 1 NaN or infinite value\(s\); the first is at position 9",
    ),
    case(
        "WindowForecaster.predict-y-gap",
        lambda: fitted().predict(2, y=GAPPY),
        ValueError,
        rf"y has a DatetimeIndex without a regular frequency: {GAP}",
    ),
    case(
        "WindowForecaster.predict-y-one-series-for-a-panel",
        lambda: fitted(y={"a": DAILY, "b": DAILY}).predict(2, y=DAILY),
        ValueError,
        r"y is one series, but WindowForecaster was fitted on a panel",
    ),
    case(
        "WindowForecaster.predict-y-other-frequency",
        lambda: fitted().predict(
            2,
            y=pd.Series(
                SERIES, index=pd.date_range("2024-01-07", periods=40, freq="W-SUN")
            ),
        ),
        ValueError,
        r"y .*W-SUN.*D",
    ),
    case(
        "WindowForecaster.update-not-fitted",
        lambda: unfitted().update(DAILY),
        NotFittedError,
        NOT_FITTED,
    ),
    case(
        "WindowForecaster.update-columns",
        lambda: fitted().update(np.ones((10, 2))),
        ValueError,
        r"y has 2 column\(s\), but WindowForecaster was fitted on y with 1",
    ),
    case(
        "WindowForecaster.update-past-dates",
        lambda: fitted().update(DAILY.iloc[:5]),
        ValueError,
        r"y must be aligned with the steps after the cutoff: its index has "
        r"2024-01-01 00:00:00 at position 0 where 2024-02-10 00:00:00 is expected",
    ),
    case(
        "WindowForecaster.update-gap-after-cutoff",
        lambda: fitted().update(
            pd.Series([1.0, 2.0], index=pd.to_datetime(["2024-02-15", "2024-02-16"]))
        ),
        ValueError,
        r"y must be aligned with the steps after the cutoff: its index has "
        r"2024-02-15 00:00:00 at position 0 where 2024-02-10 00:00:00 is expected",
    ),
    case(
        "WindowForecaster.update-NaN",
        lambda: fitted().update(
            pd.Series([np.nan], index=pd.to_datetime(["2024-02-10"]))
        ),
        ValueError,
        r"y contains 1 NaN or infinite value\(s\); the first is at position 0 "
        r"\(2024-02-10",
    ),
    case(
        "WindowForecaster.update-X-missing",
        lambda: (
            WindowForecaster(Ridge(), 5)
            .fit(DAILY, X=np.ones((40, 1)))
            .update(pd.Series([1.0], index=pd.to_datetime(["2024-02-10"])))
        ),
        ValueError,
        r"X is required: WindowForecaster was fitted with 1 exogenous column\(s\)",
    ),
    case(
        "WindowForecaster.predict_origins-not-fitted",
        lambda: unfitted().predict_origins(DAILY, [10]),
        NotFittedError,
        NOT_FITTED,
    ),
    case(
        "WindowForecaster.predict_origins-beyond-y",
        lambda: fitted().predict_origins(DAILY, [100]),
        ValueError,
        r"origins must be positions in \[4, 39\] \(a full window before each, inside "
        r"y\); got 100",
    ),
    case(
        "WindowForecaster.predict_origins-before-a-window",
        lambda: fitted().predict_origins(DAILY, [1]),
        ValueError,
        r"origins must be positions in \[4, 39\] .* got 1",
    ),
    case(
        "WindowForecaster.predict_origins-horizon-0",
        lambda: fitted().predict_origins(DAILY, [10], horizon=0),
        ValueError,
        r"horizon must be an int >= 1, got 0",
    ),
    case(
        "WindowForecaster.predict_origins-alpha-2",
        lambda: fitted().predict_origins(DAILY, [10], alpha=[2.0]),
        ValueError,
        r"alpha must be floats in \(0, 1\), got .*2\.0",
    ),
    case(
        "WindowForecaster.predict_origins-text-origin",
        lambda: fitted().predict_origins(DAILY, ["a"]),
        TypeError,
        r"origins must be .*got 'a'",
    ),
    case(
        "WindowForecaster.predict_origins-date-origin",
        lambda: fitted().predict_origins(DAILY, [DAYS[10]]),
        TypeError,
        r"origins must be .*positions",
    ),
    case(
        "WindowForecaster.backtest-not-fitted",
        lambda: unfitted().backtest(DAILY, start=20),
        NotFittedError,
        NOT_FITTED,
    ),
    case(
        "WindowForecaster.backtest-start-after-the-data",
        lambda: fitted().backtest(DAILY, start="2030-01-01"),
        ValueError,
        r"start='2030-01-01' is after the last date of y \(2024-02-09",
    ),
    case(
        "WindowForecaster.backtest-start-not-a-date",
        lambda: fitted().backtest(DAILY, start="notadate"),
        ValueError,
        r"start must be an int position or a date, got 'notadate'",
    ),
    case(
        "WindowForecaster.backtest-horizon-0",
        lambda: fitted().backtest(DAILY, start=20, horizon=0),
        ValueError,
        r"horizon must be an int >= 1, got 0",
    ),
    case(
        "WindowForecaster.backtest-stride-0",
        lambda: fitted().backtest(DAILY, start=20, stride=0),
        ValueError,
        r"stride must be an int >= 1, got 0",
    ),
    case(
        "WindowForecaster.backtest-coverage-1.5",
        lambda: fitted().backtest(DAILY, start=20, coverage=1.5),
        ValueError,
        r"coverage must be floats in \(0, 1\), got 1\.5",
    ),
    case(
        "WindowForecaster.backtest-refit-X-misaligned",
        lambda: WindowForecaster(Ridge(), 5).backtest(
            DAILY, start=20, refit=True, X=np.ones((3, 1))
        ),
        ValueError,
        r"X must be aligned with y: X has 3 time steps, y has \d+",
    ),
    case(
        "WindowForecaster.predict_interval-not-fitted",
        lambda: unfitted().predict_interval(2),
        NotFittedError,
        NOT_FITTED,
    ),
    case(
        "WindowForecaster.predict_interval-coverage-1.5",
        lambda: fitted().predict_interval(2, coverage=1.5),
        ValueError,
        r"coverage must be floats in \(0, 1\), got 1\.5",
    ),
    case(
        "WindowForecaster.predict_interval-coverage-0",
        lambda: fitted().predict_interval(2, coverage=0.0),
        ValueError,
        r"coverage must be floats in \(0, 1\), got 0\.0",
    ),
    case(
        "WindowForecaster.predict_interval-coverage-str",
        lambda: fitted().predict_interval(2, coverage="90%"),
        TypeError,
        r"coverage must be floats in \(0, 1\), got '90%'",
    ),
    case(
        "WindowForecaster.predict_interval-no-calibration",
        lambda: fitted("direct", 2, y=DAILY).predict_interval(2),
        ValueError,
        r"intervals need calibration residuals: fit with validation_size",
    ),
    case(
        "WindowForecaster.predict_quantiles-alpha-1.5",
        lambda: fitted().predict_quantiles(2, alpha=1.5),
        ValueError,
        r"alpha must be floats in \(0, 1\), got 1\.5",
    ),
    case(
        "WindowForecaster.predict_quantiles-alpha-empty",
        lambda: fitted().predict_quantiles(2, alpha=[]),
        ValueError,
        r"alpha must hold at least one level, got \[\]",
    ),
    case(
        "WindowForecaster.predict_quantiles-alpha-NaN",
        lambda: fitted().predict_quantiles(2, alpha=[np.nan]),
        ValueError,
        r"alpha must be floats in \(0, 1\), got .*nan",
    ),
    case(
        "backtest-not-a-forecaster",
        lambda: backtest(Ridge(), DAILY, start=20),
        TypeError,
        r"forecaster must be a WindowForecaster",
    ),
    case(
        "backtest-stride-0",
        lambda: backtest(fitted(), DAILY, start=20, stride=0),
        ValueError,
        r"stride must be an int >= 1, got 0",
    ),
    case(
        "backtest-refit-panel",
        lambda: backtest(unfitted(), {"a": DAILY, "b": DAILY}, start=20, refit=True),
        ValueError,
        r"backtest of a panel supports neither refit=True nor X",
    ),
    case(
        "backtest-refit-coverage",
        lambda: backtest(unfitted(), DAILY, start=20, refit=True, coverage=0.9),
        ValueError,
        r"coverage is not supported with refit=True",
    ),
    case(
        "backtest-m-0",
        lambda: backtest(unfitted(), DAILY, start=20, refit=True, m=0),
        ValueError,
        r"m must be an int >= 1, got 0",
    ),
    case(
        "backtest-panel-for-a-series-forecaster",
        lambda: backtest(fitted(), {"a": DAILY}, start=20),
        ValueError,
        r"y is a panel, but WindowForecaster was fitted on one series",
    ),
    case(
        "backtest-start-before-the-first-window",
        lambda: backtest(fitted(), DAILY, start=2),
        ValueError,
        r"start=2 \(position 2\) is too early: .* the earliest origin is position 4",
    ),
    case(
        "backtest-start-out-of-range",
        lambda: backtest(fitted(), DAILY, start=-100),
        ValueError,
        r"start=-100 is out of range for y with 40 time steps",
    ),
]

# -- metrics ---------------------------------------------------------------------

METRIC_CASES = [
    case(
        "smape-shapes",
        lambda: metrics.smape([1.0, 2.0], [1.0, 2.0, 3.0]),
        ValueError,
        r"y_true and y_pred must have the same shape, got y_true \(2,\) and y_pred "
        r"\(3,\)",
    ),
    case(
        "smape-NaN",
        lambda: metrics.smape([1.0, np.nan], [1.0, 2.0]),
        ValueError,
        r"y_true must hold finite numbers, got nan in series 0 at position 1",
    ),
    case(
        "smape-empty",
        lambda: metrics.smape([], []),
        ValueError,
        r"y_true is empty \(shape \(0,\)\); expected at least one forecast step",
    ),
    case(
        "smape-text",
        lambda: metrics.smape(["a"], [1.0]),
        ValueError,
        r"y_true must hold numbers, got dtype <U1",
    ),
    case(
        "mase-m-0",
        lambda: metrics.mase([1.0], [1.0], [1.0, 2.0, 3.0], m=0),
        ValueError,
        r"m must be an int >= 1, got 0",
    ),
    case(
        "mase-training-series-too-short",
        lambda: metrics.mase([1.0], [1.0], [1.0, 2.0], m=7),
        ValueError,
        r"y_train\[0\] has 2 values; the in-sample scale at lag m=7 needs at least "
        r"m \+ 1 = 8",
    ),
    case(
        "mase-constant-training-series",
        lambda: metrics.mase([1.0], [2.0], [1.0, 1.0, 1.0]),
        ValueError,
        r"MASE is undefined for the series \[0\] of y_train: .* scale is zero",
    ),
    case(
        "mase-NaN-in-training-series",
        lambda: metrics.mase([1.0], [2.0], [1.0, np.nan, 3.0]),
        ValueError,
        r"y_train\[0\] must hold finite numbers, got nan at position 1",
    ),
    case(
        "msis-coverage-1.5",
        lambda: metrics.msis([1.0], [0.0], [2.0], [1.0, 2.0, 3.0], coverage=1.5),
        ValueError,
        r"coverage must be a float in \(0, 1\), got 1\.5",
    ),
    case(
        "msis-crossed-bounds",
        lambda: metrics.msis([1.0], [2.0], [0.0], [1.0, 2.0, 3.0]),
        ValueError,
        r"lower must not exceed upper; series 0 step 1 has lower .*2\.0.* > upper",
    ),
    case(
        "msis-shapes",
        lambda: metrics.msis([1.0, 2.0], [0.0], [2.0], [1.0, 2.0, 3.0]),
        ValueError,
        r"y_true and lower must have the same shape, got y_true \(2,\) and lower "
        r"\(1,\)",
    ),
    case(
        "interval_coverage-shapes",
        lambda: metrics.interval_coverage([1.0, 2.0], [0.0], [2.0, 3.0]),
        ValueError,
        r"y_true and lower must have the same shape",
    ),
    case(
        "interval_coverage-crossed-bounds",
        lambda: metrics.interval_coverage([1.0], [2.0], [0.0]),
        ValueError,
        r"lower must not exceed upper",
    ),
    case(
        "interval_coverage-NaN-bound",
        lambda: metrics.interval_coverage([1.0], [np.nan], [2.0]),
        ValueError,
        r"lower must hold finite numbers, got nan in series 0 at position 0",
    ),
    case(
        "pinball_loss-alpha-1.5",
        lambda: metrics.pinball_loss([1.0], [1.0], alpha=1.5),
        ValueError,
        r"alpha must be a float in \(0, 1\), got 1\.5",
    ),
    case(
        "pinball_loss-alpha-0",
        lambda: metrics.pinball_loss([1.0], [1.0], alpha=0.0),
        ValueError,
        r"alpha must be a float in \(0, 1\), got 0\.0",
    ),
    case(
        "pinball_loss-alpha-str",
        lambda: metrics.pinball_loss([1.0], [1.0], alpha="0.5"),
        TypeError,
        r"alpha must be a float in \(0, 1\), got '0\.5'",
    ),
    case(
        "pinball_loss-shapes",
        lambda: metrics.pinball_loss([1.0, 2.0], [1.0], alpha=0.5),
        ValueError,
        r"y_true and y_quantile must have the same shape",
    ),
]

# -- strategies --------------------------------------------------------------------

STRATEGY_CASES = [
    case(
        "register_strategy-int",
        lambda: register_strategy(3),
        TypeError,
        r"strategy_class must be a subclass of Strategy, got 3",
    ),
    case(
        "register_strategy-other-class",
        lambda: register_strategy(Ridge),
        TypeError,
        r"strategy_class must be a subclass of Strategy, got <class .*Ridge'>",
    ),
    case(
        "register_strategy-instance",
        lambda: register_strategy(DirectStrategy()),
        TypeError,
        r"strategy_class must be a subclass of Strategy, got <.*DirectStrategy object",
    ),
    case(
        "register_strategy-empty-name",
        lambda: register_strategy(type("Nameless", (DirectStrategy,), {"name": ""})),
        ValueError,
        r"Nameless\.name must be a non-empty str",
    ),
    case(
        "register_strategy-name-not-a-str",
        lambda: register_strategy(type("Numbered", (DirectStrategy,), {"name": 3})),
        ValueError,
        r"Numbered\.name must be a non-empty str",
    ),
    case(
        "register_strategy-shadows-a-built-in",
        lambda: register_strategy(type("Mine", (DirectStrategy,), {"name": "direct"})),
        ValueError,
        r"'direct' is already registered",
    ),
    case(
        "unregister_strategy-unknown-name",
        lambda: unregister_strategy("dircet"),
        ValueError,
        r"name must be a registered strategy, one of \['recursive', 'direct', "
        r"'seq2seq'\]; got 'dircet'",
    ),
]


@pytest.fixture
def strategy_registry():
    """Restore the strategy registry after a case that may change it."""
    before = {name: type(get_strategy(name)) for name in strategy_names()}
    yield
    for name in list(strategy_names()):
        if name not in before:
            unregister_strategy(name)
    for strategy_class in before.values():
        if type(get_strategy(strategy_class.name)) is not strategy_class:
            register_strategy(strategy_class)


# -- window regressors ----------------------------------------------------------


def _regressor_cases(name, make):
    ragged = np.r_[WINDOWS[:-1], [[np.nan] * 5]]
    cases = [
        case(
            f"{name}.predict-not-fitted",
            lambda: make().predict(WINDOWS),
            NotFittedError,
            NOT_FITTED,
        ),
        case(
            f"{name}.score-not-fitted",
            lambda: make().score(WINDOWS, TARGETS),
            NotFittedError,
            NOT_FITTED,
        ),
        case(
            f"{name}.fit-NaN-in-X",
            lambda: make().fit(ragged, TARGETS),
            ValueError,
            r"Input X contains NaN",
        ),
        case(
            f"{name}.fit-NaN-in-y",
            lambda: make().fit(WINDOWS, np.r_[TARGETS[:-1], np.nan]),
            ValueError,
            r"Input y contains NaN",
        ),
        case(
            f"{name}.fit-1-D-X",
            lambda: make().fit(SERIES, SERIES),
            ValueError,
            r"X must be 2-D windows \(n_windows, window_length\) or 3-D windows .*; "
            r"got shape \(40,\)",
        ),
        case(
            f"{name}.fit-4-D-X",
            lambda: make().fit(np.zeros((3, 2, 2, 2)), np.zeros(3)),
            ValueError,
            r"X must be 2-D windows .*; got shape \(3, 2, 2, 2\)",
        ),
        case(
            f"{name}.fit-lengths",
            lambda: make().fit(WINDOWS, TARGETS[:-1]),
            ValueError,
            r"inconsistent numbers of samples: \[35, 34\]",
        ),
        case(
            f"{name}.fit-y-None",
            lambda: make().fit(WINDOWS, None),
            ValueError,
            rf"{name} requires y to be passed, but the target y is None",
        ),
        case(
            f"{name}.fit-no-windows",
            lambda: make().fit(np.zeros((0, 5)), np.zeros(0)),
            ValueError,
            r"Found array with 0 sample\(s\) \(shape=\(0, 5\)\)",
        ),
        case(
            f"{name}.predict-other-window-length",
            lambda: make().fit(WINDOWS, TARGETS).predict(np.zeros((2, 7))),
            ValueError,
            rf"(X has 7 features, but {name} is expecting 5 features as input"
            r"|X has windows of shape \(7,\), but .* \(5,\))",
        ),
    ]
    return cases


REGRESSOR_CASES = [
    *_regressor_cases("NaiveRegressor", NaiveRegressor),
    *_regressor_cases("SARIMARegressor", SARIMARegressor),
    *_regressor_cases("RecursiveRegressor", lambda: RecursiveRegressor(Ridge())),
    case(
        "NaiveRegressor.fit-lag-0",
        lambda: NaiveRegressor(lag=0).fit(WINDOWS, TARGETS),
        ValueError,
        r"lag must be an int >= 1, got 0",
    ),
    case(
        "NaiveRegressor.fit-lag-str",
        lambda: NaiveRegressor(lag="7").fit(WINDOWS, TARGETS),
        TypeError,
        r"lag must be an int >= 1, got '7' \(str\)",
    ),
    case(
        "NaiveRegressor.fit-lag-beyond-the-window",
        lambda: NaiveRegressor(lag=9).fit(WINDOWS, TARGETS),
        ValueError,
        r"lag=9 is larger than the window length window_length=5 of X",
    ),
    case(
        "NaiveRegressor.fit-target_index-out-of-range",
        lambda: NaiveRegressor(target_index=3).fit(WINDOWS, TARGETS),
        ValueError,
        r"target_index=3 must name columns of the windows: .* \(the windows have 1 "
        r"feature\(s\)\); got 3",
    ),
    case(
        "NaiveRegressor.predict-other-features",
        lambda: NaiveRegressor().fit(WINDOWS_3D, TARGETS).predict(np.zeros((2, 5, 2))),
        ValueError,
        r"X has windows of shape \(5, 2\), but NaiveRegressor was fitted on windows "
        r"of shape \(5, 1\)",
    ),
    case(
        "NaiveRegressor.fit-sample_weight",
        lambda: NaiveRegressor().fit(WINDOWS, TARGETS, sample_weight=np.ones(35)),
        TypeError,
        r"unexpected keyword argument 'sample_weight'",
    ),
    case(
        "NaiveRegressor.fit-text-windows",
        lambda: NaiveRegressor().fit(np.array([["a"] * 5] * 3), np.zeros(3)),
        ValueError,
        r"X .*numeric|X .*dtype",
    ),
    case(
        "SARIMARegressor.fit-order-negative",
        lambda: SARIMARegressor(order=(-1, 0, 0)).fit(WINDOWS, TARGETS),
        ValueError,
        r"order must be a tuple of 3 non-negative ints \(p, d, q\), got \(-1, 0, 0\)",
    ),
    case(
        "SARIMARegressor.fit-order-length",
        lambda: SARIMARegressor(order=(1, 0)).fit(WINDOWS, TARGETS),
        ValueError,
        r"order must be a tuple of 3 non-negative ints \(p, d, q\), got \(1, 0\)",
    ),
    case(
        "SARIMARegressor.fit-season-length-1",
        lambda: SARIMARegressor(seasonal_order=(1, 0, 0, 1)).fit(WINDOWS, TARGETS),
        ValueError,
        r"seasonal_order needs a season length s >= 2 when P, D or Q is non-zero, "
        r"got seasonal_order=\(1, 0, 0, 1\)",
    ),
    case(
        "SARIMARegressor.fit-trend",
        lambda: SARIMARegressor(trend="bad").fit(WINDOWS, TARGETS),
        ValueError,
        r"trend must be None, 'n' or 'c', got 'bad'",
    ),
    case(
        "SARIMARegressor.fit-model_kwargs-str",
        lambda: SARIMARegressor(model_kwargs="x").fit(WINDOWS, TARGETS),
        TypeError,
        r"model_kwargs must be a dict or None, got 'x'",
    ),
    case(
        "SARIMARegressor.fit-seasonal-lag-beyond-the-window",
        lambda: SARIMARegressor(seasonal_order=(1, 0, 0, 30)).fit(WINDOWS, TARGETS),
        ValueError,
        r"seasonal_order .*30.* window",
    ),
    case(
        "SARIMARegressor.fit-seasonal-AR-beyond-windows-of-8",
        lambda: SARIMARegressor((0, 0, 0), (1, 0, 0, 30)).fit(*make_windows(SERIES, 8)),
        ValueError,
        r"too short for seasonal_order \(1, 0, 0, 30\) .*window_length=8, but "
        r"forecasting from a window needs at least 30 time steps",
    ),
    case(
        "SARIMARegressor.fit-AR-order-beyond-the-window",
        lambda: SARIMARegressor(order=(6, 1, 0)).fit(WINDOWS, TARGETS),
        ValueError,
        r"too short for order \(6, 1, 0\) .*window_length=5, .*at least 7 time "
        r"steps: d \+ D\*s = 1 \+ 0\*0 = 1",
    ),
    case(
        "SARIMARegressor.fit-fit_kwargs-typo",
        lambda: SARIMARegressor(fit_kwargs={"maxitr": 5}).fit(WINDOWS, TARGETS),
        ValueError,
        r"fit_kwargs .*maxitr.* its arguments are .*maxiter.* Did you mean "
        r"'maxitr' -> 'maxiter'",
    ),
    case(
        "SARIMARegressor.fit-y-several-steps-ahead",
        lambda: SARIMARegressor().fit(WINDOWS[:-3], SERIES[7:39]),
        ValueError,
        r"y is not the continuation of the windows X: .*the value 3 steps after "
        r"window i",
    ),
    case(
        "NaiveRegressor.fit-MultiOutputRegressor-14-ahead",
        lambda: MultiOutputRegressor(NaiveRegressor()).fit(
            *make_windows(SERIES, 5, horizon=14)
        ),
        ValueError,
        r"y is not the continuation of the windows X: .*MultiOutputRegressor",
    ),
    case(
        "NaiveRegressor.fit-newest-first-lag-matrix",
        lambda: NaiveRegressor().fit(WINDOWS[:, ::-1], TARGETS),
        ValueError,
        r"X looks like a lag matrix listing the newest value first .*"
        r"LagMatrixRegressor\(NaiveRegressor\(...\), order='newest_first'\)",
    ),
    case(
        "NaiveRegressor.fit-skforecast-lag-columns",
        lambda: NaiveRegressor().fit(
            pd.DataFrame(WINDOWS[:, ::-1], columns=[f"lag_{k}" for k in range(1, 6)]),
            TARGETS,
        ),
        ValueError,
        r"X has lag columns \['lag_1', 'lag_2', '...', 'lag_5'\] .*"
        r"LagMatrixRegressor",
    ),
    case(
        "LagMatrixRegressor.fit-order-missing",
        lambda: LagMatrixRegressor(NaiveRegressor()).fit(WINDOWS, TARGETS),
        ValueError,
        r"order must say in which time order .* got order=None",
    ),
    case(
        "LagMatrixRegressor.fit-window_length-not-dividing",
        lambda: LagMatrixRegressor(
            NaiveRegressor(), order="oldest_first", window_length=3
        ).fit(WINDOWS, TARGETS),
        ValueError,
        r"X has 5 columns, which do not split into blocks of window_length=3",
    ),
    case(
        "LagMatrixRegressor.fit-order-contradicts-names",
        lambda: LagMatrixRegressor(NaiveRegressor(), order="oldest_first").fit(
            pd.DataFrame(WINDOWS[:, ::-1], columns=[f"lag_{k}" for k in range(1, 6)]),
            TARGETS,
        ),
        ValueError,
        r"X's columns run lag_1 ... lag_5, that is newest_first, but "
        r"order='oldest_first'",
    ),
    case(
        "RecursiveRegressor.fit-estimator-None",
        lambda: RecursiveRegressor(None).fit(WINDOWS, TARGETS),
        TypeError,
        r"estimator must be a scikit-learn regressor with fit and predict .* got "
        r"None \(NoneType\)",
    ),
    case(
        "RecursiveRegressor.fit-estimator-transformer",
        lambda: RecursiveRegressor(StandardScaler()).fit(WINDOWS, TARGETS),
        TypeError,
        r"estimator must be a scikit-learn regressor .* got StandardScaler\(\)",
    ),
    case(
        "RecursiveRegressor.fit-horizon-0",
        lambda: RecursiveRegressor(Ridge(), horizon=0).fit(WINDOWS, TARGETS),
        ValueError,
        r"horizon must be an int >= 1, got 0",
    ),
    case(
        "RecursiveRegressor.fit-target_index-out-of-range",
        lambda: RecursiveRegressor(Ridge(), target_index=2).fit(WINDOWS_3D, TARGETS),
        ValueError,
        r"target_index index 2 is out of range for a series with 1 column\(s\)",
    ),
    case(
        "RecursiveRegressor.fit-y-columns",
        lambda: RecursiveRegressor(Ridge(), target_index=[0]).fit(
            WINDOWS_3D, np.ones((35, 3))
        ),
        ValueError,
        r"y must have shape \(n_windows, 1\) for target_index=\[0\]; got shape "
        r"\(35, 3\)",
    ),
    case(
        "RecursiveRegressor.fit-validation_data-not-taken",
        lambda: RecursiveRegressor(Ridge()).fit(
            WINDOWS, TARGETS, validation_data=(WINDOWS, TARGETS)
        ),
        ValueError,
        r"validation_data was given, but Ridge does not take validation data in fit",
    ),
    case(
        "RecursiveRegressor.fit-scaled-windows-raw-targets",
        lambda: RecursiveRegressor(Ridge()).fit((WINDOWS - 2.0) * 10.0, TARGETS),
        ValueError,
        r"y does not continue the windows X in their units",
    ),
    case(
        "RecursiveRegressor.predict-future_covariates-missing",
        lambda: _recursive_with_covariate().predict(np.ones((2, 5, 2))),
        ValueError,
        r"future_covariates is required: the windows have 1 non-target feature\(s\)",
    ),
    case(
        "RecursiveRegressor.predict-future_covariates-shape",
        lambda: _recursive_with_covariate().predict(
            np.ones((2, 5, 2)), future_covariates=np.ones((3, 3, 1))
        ),
        ValueError,
        r"future_covariates must have shape \(2, 3, 1\) \(n_windows, horizon, "
        r"n_covariates\); got shape \(3, 3, 1\)",
    ),
    case(
        "RecursiveRegressor.predict-future_covariates-unexpected",
        lambda: (
            RecursiveRegressor(Ridge(), horizon=2)
            .fit(WINDOWS, TARGETS)
            .predict(WINDOWS, future_covariates=np.ones((35, 2, 1)))
        ),
        ValueError,
        r"future_covariates was given, but every window feature is a target",
    ),
]


def _recursive_with_covariate():
    X, y = make_windows(TWO_COLUMNS, 5, target=0)
    return RecursiveRegressor(Ridge(), horizon=3).fit(X, y)


ALL_CASES = [
    *WINDOW_CASES,
    *PANEL_CASES,
    *FORECASTER_CASES,
    *METRIC_CASES,
    *REGRESSOR_CASES,
]


@pytest.mark.filterwarnings("ignore::sklearn.exceptions.ConvergenceWarning")
@pytest.mark.filterwarnings("ignore::skrnn.panel.PanelWarning")
@pytest.mark.parametrize("call, error, match", ALL_CASES)
def test_bad_input_is_refused_with_a_message_naming_it(call, error, match):
    with pytest.raises(error) as info:
        call()
    assert re.search(match, str(info.value), flags=re.DOTALL), str(info.value)


@pytest.mark.parametrize("call, error, match", STRATEGY_CASES)
def test_bad_strategy_is_refused(call, error, match, strategy_registry):
    with pytest.raises(error, match=match):
        call()


# -- the command line on a user CSV ------------------------------------------------


@pytest.fixture(scope="module")
def csv_files(tmp_path_factory):
    folder = tmp_path_factory.mktemp("csv")
    dates = pd.date_range("2020-01-01", periods=160, freq="D")
    values = 100 + 10 * np.sin(2 * np.pi * np.arange(160) / 7)
    base = pd.DataFrame({"day": dates.strftime("%Y-%m-%d"), "units": values})
    frames = {
        "good": base,
        "gap": base.drop(index=[50, 51]),
        "dup": pd.concat([base.iloc[:60], base.iloc[59:]]),
        "nan": base.assign(units=base["units"].where(base.index != 30)),
        "text": base.assign(shop=["a"] * 160),
        "badday": base.assign(day=["x"] * 160),
    }
    paths = {}
    for name, frame in frames.items():
        paths[name] = folder / f"{name}.csv"
        frame.to_csv(paths[name], index=False)
    paths["empty"] = folder / "empty.csv"
    paths["empty"].write_text("")
    paths["header"] = folder / "header.csv"
    paths["header"].write_text("day,units\n")
    paths["out"] = folder / "out"
    return paths


def _compare(file, *extra, models="naive7", window="14"):
    def argv(paths):
        args = ["compare", "--data", str(paths[file]), "--date-column", "day"]
        args += ["--models", models, "--window-length", window]
        return [*args, "--output-dir", str(paths["out"]), *extra]

    return argv


def cli_case(id, argv, match, xfail=None):
    marks = () if xfail is None else pytest.mark.xfail(strict=True, reason=xfail)
    return pytest.param(argv, match, id=id, marks=marks)


CLI_CASES = [
    cli_case(
        "gap-in-the-dates",
        _compare("gap"),
        r"DatetimeIndex without a regular frequency: 2020-02-22 00:00:00 at "
        r"position 50 follows 2020-02-19 00:00:00",
    ),
    cli_case(
        "duplicated-dates",
        _compare("dup"),
        r"--date-column: dates must be sorted and unique",
    ),
    cli_case(
        "missing-value",
        _compare("nan"),
        r"--target: column 'units' has 1 missing or non-numeric values",
    ),
    cli_case(
        "missing-file",
        lambda paths: ["compare", "--data", str(paths["out"] / "nope.csv")],
        r"--data: no such file: .*nope\.csv",
    ),
    cli_case(
        "empty-file",
        lambda paths: ["compare", "--data", str(paths["empty"])],
        r"--data: .*empty\.csv is not a readable CSV",
    ),
    cli_case(
        "header-only",
        _compare("header"),
        r"--data: .*header\.csv has no numeric column to forecast",
    ),
    cli_case(
        "unparsable-date",
        _compare("badday"),
        r"--date-column: cannot parse date 'x'",
    ),
    cli_case(
        "text-target",
        _compare("text", "--target", "shop"),
        r"--target: column 'shop' has 160 missing or non-numeric values",
    ),
    cli_case(
        "window-length-0",
        _compare("good", window="0"),
        r"--window-length must be >= 1, got 0",
    ),
    cli_case(
        "horizon-negative",
        _compare("good", "--horizon", "-1"),
        r"--horizon must be >= 1, got -1",
    ),
    cli_case(
        "validation-after-the-data",
        _compare("good", "--valid-start", "2030-01-01"),
        r"the validation period has 0 points; window_length=14 and 1 step\(s\) ahead "
        r"need at least 15",
    ),
    cli_case(
        "validation-at-the-start",
        _compare("good", "--valid-start", "2020-01-02"),
        r"the training period has 1 points; window_length=14 .* need at least 29",
    ),
    cli_case(
        "window-longer-than-validation",
        _compare("good", window="150"),
        r"the validation period has 24 points; window_length=150 .* at least 151",
    ),
    cli_case(
        "window-length-not-a-number",
        _compare("good", window="abc"),
        r"--window-length: invalid int value: 'abc'",
    ),
    cli_case(
        "empty-models",
        _compare("good", window="150", models=""),
        r"--models",
    ),
]


@pytest.mark.parametrize("argv, match", CLI_CASES)
def test_cli_refuses_bad_input_in_one_line(argv, match, csv_files, capsys):
    args = argv(csv_files)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        status = main(args)
    err = capsys.readouterr().err
    assert status == 2
    assert len(err.strip().splitlines()) == 1, err
    assert "Traceback" not in err
    assert re.search(match, err), err
    assert not csv_files["out"].exists()


# -- documented conventions: accepted on purpose, with a documented result -----------


def _list_of_rows():
    X, y = make_windows([[t, 10.0 * t] for t in range(30)], 4, target=1)
    assert X.shape == (26, 4, 2)  # one 2-column series, like np.array(rows)
    assert y[0] == 40.0


def _list_of_arrays():
    *_, ids = make_windows([np.arange(5.0), np.arange(6.0)], 3, return_ids=True)
    assert ids.tolist() == [0, 0, 1, 1, 1]  # a panel of two series


def _two_d_windows_are_one_feature():
    model = NaiveRegressor().fit(WINDOWS, TARGETS)
    np.testing.assert_allclose(model.predict(WINDOWS), WINDOWS[:, -1])


def _bool_series():
    X, y = make_windows(np.array([True, False, True, True]), 2)
    assert X.dtype == np.float32 and y.tolist() == [1.0, 1.0]


def _integral_float_window_length():
    assert make_windows(SERIES, 3.0)[0].shape == (37, 3, 1)


def _integer_index_must_increase_evenly():
    series = pd.Series(np.arange(5.0), index=[0, 1, 2, 4, 5])
    with pytest.raises(ValueError, match=r"not evenly increasing: 4 at position 3"):
        make_windows(series, 2)
    assert make_windows(series.set_axis([0, 2, 4, 6, 8]), 2)[0].shape == (3, 2, 1)


def _short_panel_series_are_skipped_with_a_warning():
    with pytest.warns(PanelWarning, match=r"fewer than 4 time steps .*\['b'\]"):
        X, _ = make_windows({"a": np.arange(6.0), "b": np.arange(2.0)}, 3)
    assert len(X) == 3


def _direct_targets_to_a_recursive_model():
    Y = np.column_stack([TARGETS, TARGETS])
    with pytest.warns(UserWarning, match=r"read as direct targets"):
        RecursiveRegressor(Ridge()).fit(WINDOWS, Y)


def _smape_of_exact_zeros():
    assert metrics.smape([0.0, 0.0], [0.0, 0.0]) == 0.0


def _flatten_names_oldest_first():
    names = (
        SlidingWindowTransformer(3, flatten=True).fit(SERIES).get_feature_names_out()
    )
    assert names.tolist() == ["lag_3", "lag_2", "lag_1"]


def _last_window_is_an_array_under_pandas_output():
    with config_context(transform_output="pandas"):
        assert isinstance(last_window(SERIES, 3), np.ndarray)


def _unregularly_spaced_two_dates():
    two = pd.Series([1.0, 2.0], index=pd.to_datetime(["2024-01-01", "2024-03-07"]))
    assert last_window(two, 2).shape == (1, 2, 1)  # any two dates are regular


CONVENTIONS = [
    pytest.param(_list_of_rows, id="list-of-rows-is-one-2-D-series"),
    pytest.param(_list_of_arrays, id="list-of-arrays-is-a-panel"),
    pytest.param(_two_d_windows_are_one_feature, id="2-D-windows-are-one-feature"),
    pytest.param(_bool_series, id="bool-series-is-numeric"),
    pytest.param(_integral_float_window_length, id="window_length-3.0-is-3"),
    pytest.param(_integer_index_must_increase_evenly, id="integer-index-evenly"),
    pytest.param(_short_panel_series_are_skipped_with_a_warning, id="short-series"),
    pytest.param(_direct_targets_to_a_recursive_model, id="recursive-direct-y"),
    pytest.param(_smape_of_exact_zeros, id="smape-0-of-0"),
    pytest.param(_flatten_names_oldest_first, id="lag-names-oldest-first"),
    pytest.param(_last_window_is_an_array_under_pandas_output, id="last_window-array"),
    pytest.param(_unregularly_spaced_two_dates, id="two-dates-are-regular"),
]


@pytest.mark.parametrize("check", CONVENTIONS)
def test_documented_convention(check):
    check()


def test_the_battery_is_large_enough():
    n_cases = len(ALL_CASES) + len(STRATEGY_CASES) + len(CLI_CASES) + len(CONVENTIONS)
    assert n_cases >= 100
