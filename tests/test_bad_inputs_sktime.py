"""Bad and edge inputs to the sktime adapters (issues 16 and 17).

In the style of ``tests/test_bad_inputs.py``: every case is a call, the
exception it must raise and a regex that its message must match; the message
names the parameter (or the data: ``y``, ``X``, ``fh``), and for a wrong value
says what was expected and what came. Errors raised by sktime itself before
the adapter runs (a coverage outside (0, 1), duplicated quantile levels, an
in-sample ``fh``) are in the battery too, so that a change in sktime that
made them unclear would show.
"""

from __future__ import annotations

import re
import warnings

import numpy as np
import pandas as pd
import pytest
from sklearn.linear_model import LinearRegression
from sktime.exceptions import NotFittedError

from skrnn.models import NaiveRegressor
from skrnn.sktime import LSTMForecaster, SARIMAForecaster, SkrnnForecaster

DAYS = pd.date_range("2024-01-01", periods=80, freq="D")
Y = pd.Series(np.sin(np.arange(80) / 3.0) + 2.0, index=DAYS, name="y")
X = pd.DataFrame({"x": np.cos(np.arange(80) / 5.0)}, index=DAYS)
GAPPY = Y.drop(DAYS[10])  # 2024-01-11 missing
GAP = r"2024-01-12 00:00:00 at position 10 follows 2024-01-10 00:00:00"
SWAPPED = Y.iloc[np.r_[0:10, 11, 10, 12:80]]  # 2024-01-11 and 2024-01-12 swapped
UNSORTED = r"y must have a time index sorted in increasing order, got 2024-01-11"


def naive(**params):
    return SkrnnForecaster(NaiveRegressor(), window_length=5, **params)


def fitted(fh=(1, 2), y=Y, **params):
    return naive(**params).fit(y, fh=list(fh))


def calibrated(fh=(1, 2), **params):
    return fitted(fh, validation_size=30, **params)


def with_covariate():
    return SkrnnForecaster(LinearRegression(), window_length=3).fit(Y, X)


def hierarchical_unsorted():
    index = pd.MultiIndex.from_product([["a", "b"], DAYS[:40]])
    y = pd.Series(np.arange(80.0), index=index, name="y")
    return y.iloc[np.r_[0:40, 41, 40, 42:80]]


def case(id, call, error, match):
    return pytest.param(call, error, match, id=id)


VALIDATION_SIZE = (
    "validation_size must be None, an int >= 1 \\(time steps held out\\) or a "
    "float in \\(0, 1\\) \\(a fraction of y\\)"
)

CASES = [
    # -- validation_size ---------------------------------------------------------
    case(
        "validation_size-0",
        lambda: fitted(validation_size=0),
        ValueError,
        VALIDATION_SIZE + ", got 0",
    ),
    case(
        "validation_size-negative",
        lambda: fitted(validation_size=-3),
        ValueError,
        VALIDATION_SIZE + ", got -3",
    ),
    case(
        "validation_size-fraction-above-1",
        lambda: fitted(validation_size=1.5),
        ValueError,
        VALIDATION_SIZE + ", got 1.5",
    ),
    case(
        "validation_size-fraction-0",
        lambda: fitted(validation_size=0.0),
        ValueError,
        VALIDATION_SIZE + ", got 0.0",
    ),
    case(
        "validation_size-str",
        lambda: fitted(validation_size="30"),
        TypeError,
        VALIDATION_SIZE + ", got '30' \\(str\\)",
    ),
    case(
        "validation_size-bool",
        lambda: fitted(validation_size=True),
        TypeError,
        VALIDATION_SIZE + ", got True \\(bool\\)",
    ),
    case(
        "validation_size-below-max-fh",
        lambda: naive(strategy="direct", validation_size=3).fit(Y, fh=[1, 5]),
        ValueError,
        r"validation_size=3 holds out 3 of the 80 time steps of y, but the model is "
        r"trained for 5 step\(s\) ahead .* at least 5 must be held out",
    ),
    case(
        "validation_size-fraction-below-max-fh",
        lambda: naive(strategy="direct", validation_size=0.05).fit(Y, fh=[1, 5]),
        ValueError,
        r"validation_size=0.05 holds out 4 of the 80 .* at least 5",
    ),
    case(
        "validation_size-longer-than-y-allows",
        lambda: fitted(validation_size=75),
        ValueError,
        r"y has 80 time steps, too short for .*validation_size = 75",
    ),
    case(
        "window_length-None-too-short-with-validation_size",
        lambda: SARIMAForecaster(validation_size=79).fit(Y, fh=[1]),
        ValueError,
        r"window_length=None uses the longest window the training series allows, "
        r"\(len\(y\) - 1 - validation_size\) // 2, but y has only 80 time step\(s\) "
        r"and 79 are held out",
    ),
    # -- intervals and quantiles -------------------------------------------------
    case(
        "predict_interval-without-validation_size",
        lambda: fitted().predict_interval(),
        ValueError,
        r"SkrnnForecaster needs validation_size for intervals and quantiles, got "
        r"validation_size=None",
    ),
    case(
        "predict_quantiles-without-validation_size",
        lambda: fitted().predict_quantiles(alpha=[0.1, 0.9]),
        ValueError,
        r"needs validation_size for intervals and quantiles",
    ),
    case(
        "predict_interval-beyond-the-calibrated-steps",
        lambda: naive(validation_size=30).fit(Y).predict_interval(fh=[1, 3]),
        ValueError,
        r"fh reaches 3 step\(s\) ahead, but the intervals are calibrated for 1: "
        r"max\(fh\) at fit \(1; 1 without fh\)",
    ),
    case(
        "predict_interval-coverage-1.5",
        lambda: calibrated().predict_interval(coverage=1.5),
        ValueError,
        r"coverage must lie in the open interval \(0, 1\), but found value: 1.5",
    ),
    case(
        "predict_interval-coverage-1",
        lambda: calibrated().predict_interval(coverage=1.0),
        ValueError,
        r"coverage must lie in the open interval \(0, 1\), but found value: 1.0",
    ),
    case(
        "predict_interval-coverage-duplicated",
        lambda: calibrated().predict_interval(coverage=[0.8, 0.8]),
        ValueError,
        r"values in coverage must be unique",
    ),
    case(
        "predict_quantiles-alpha-0",
        lambda: calibrated().predict_quantiles(alpha=[0.0, 0.5]),
        ValueError,
        r"alpha must lie in the open interval \(0, 1\), but found value: 0.0",
    ),
    case(
        "predict_quantiles-alpha-duplicated",
        lambda: calibrated().predict_quantiles(alpha=[0.1, 0.1]),
        ValueError,
        r"values in alpha must be unique",
    ),
    case(
        "predict_interval-in-sample-fh",
        lambda: naive(validation_size=30).fit(Y).predict_interval(fh=[-1, 0, 1]),
        NotImplementedError,
        r"SkrnnForecaster can not perform in-sample prediction. Found fh with in "
        r"sample index",
    ),
    case(
        "predict_quantiles-in-sample-absolute-fh",
        lambda: (
            naive(validation_size=30)
            .fit(Y)
            .predict_quantiles(fh=pd.DatetimeIndex([DAYS[-1], DAYS[-1] + DAYS.freq]))
        ),
        NotImplementedError,
        r"can not perform in-sample prediction",
    ),
    case(
        "predict_interval-before-fit",
        lambda: naive(validation_size=30).predict_interval(fh=[1]),
        NotFittedError,
        r"This instance of SkrnnForecaster has not been fitted yet",
    ),
    case(
        "predict_interval-recursive-X-missing",
        lambda: (
            SkrnnForecaster(LinearRegression(), 3, validation_size=30)
            .fit(Y, X, fh=[1, 2])
            .predict_interval()
        ),
        ValueError,
        r"X is required in predict: the forecaster was fitted with 1 exogenous "
        r"column\(s\)",
    ),
    # -- time index of y and X (issue 17, items 3 and 10) -------------------------
    case(
        "fit-unsorted-y",
        lambda: naive().fit(SWAPPED, fh=[1]),
        ValueError,
        UNSORTED + r" 00:00:00 at position 11 after 2024-01-12 00:00:00; sort it "
        r"first, e.g. y.sort_index\(\)",
    ),
    case(
        "fit-reversed-y",
        lambda: naive().fit(Y.iloc[::-1], fh=[1]),
        ValueError,
        r"y must have a time index sorted in increasing order, got 2024-03-19",
    ),
    case(
        "fit-unsorted-X",
        lambda: SkrnnForecaster(LinearRegression(), 3).fit(Y, X.iloc[::-1]),
        ValueError,
        r"X must have a time index sorted in increasing order.*X.sort_index\(\)",
    ),
    case(
        "update-unsorted-y",
        lambda: fitted(y=Y.iloc[:60]).update(Y.iloc[60:70].iloc[::-1]),
        ValueError,
        r"y must have a time index sorted in increasing order, got 2024-03-09",
    ),
    case(
        "predict-unsorted-X",
        lambda: with_covariate().predict(
            fh=[1],
            X=pd.DataFrame({"x": [1.0, 2.0]}, index=DAYS[-2:][::-1] + 2 * DAYS.freq),
        ),
        ValueError,
        r"X must have a time index sorted in increasing order",
    ),
    case(
        "fit-unsorted-hierarchical-y",
        lambda: naive().fit(hierarchical_unsorted(), fh=[1]),
        ValueError,
        r"y must have a time index sorted in increasing order, got 2024-01-01 "
        r"00:00:00 at position 1 \(in series 'b'\)",
    ),
    case(
        "fit-gappy-y",
        lambda: naive().fit(GAPPY, fh=[1]),
        ValueError,
        r"y has a DatetimeIndex without a regular frequency: " + GAP,
    ),
    case(
        "fit-gappy-y-sarima",
        lambda: SARIMAForecaster(window_length=20).fit(GAPPY, fh=[1]),
        ValueError,
        r"y has a DatetimeIndex without a regular frequency: " + GAP,
    ),
    case(
        "update-refit-gappy-y",
        lambda: fitted(y=Y.iloc[:40]).update(Y.iloc[40:60].drop(DAYS[45])),
        ValueError,
        r"y has a DatetimeIndex without a regular frequency: 2024-02-16 00:00:00 "
        r"at position",
    ),
    case(
        "update-without-refit-gappy-y",
        lambda: fitted(y=Y.iloc[:40]).update(
            Y.iloc[40:60].drop(DAYS[45]), update_params=False
        ),
        ValueError,
        r"2024-02-16 00:00:00 at position",
    ),
    case(
        "fit-duplicated-timestamps",
        lambda: naive().fit(pd.concat([Y.iloc[:20], Y.iloc[19:]]), fh=[1]),
        ValueError,
        r"y has a DatetimeIndex that is not strictly increasing: timestamp "
        r"2024-01-20 00:00:00 at position 20 is duplicated",
    ),
    # -- other parameters ----------------------------------------------------------
    case(
        "strategy-typo",
        lambda: naive(strategy="dirct").fit(Y, fh=[1]),
        ValueError,
        r"strategy must be one of \['recursive', 'direct', 'seq2seq'\], got 'dirct'",
    ),
    case(
        "sarima-strategy-seq2seq",
        lambda: SARIMAForecaster(strategy="seq2seq").fit(Y, fh=[1]),
        ValueError,
        r"strategy must be one of \['recursive', 'direct'\], got 'seq2seq'",
    ),
    case(
        "lstm-regressor_params-clash",
        lambda: LSTMForecaster(regressor_params={"epochs": 3}).fit(Y, fh=[1]),
        ValueError,
        r"regressor_params may not set \['epochs'\]",
    ),
]


@pytest.mark.filterwarnings("ignore::FutureWarning")
@pytest.mark.parametrize("call, error, match", CASES)
def test_bad_input_to_the_adapters_is_refused_with_a_message_naming_it(
    call, error, match
):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # statsmodels' start-parameter notes
        with pytest.raises(error) as info:
            call()
    message = str(info.value)
    assert re.search(match, message, flags=re.DOTALL), message
    assert len(message) < 600, message


@pytest.mark.filterwarnings("ignore::FutureWarning")
def test_too_few_residuals_give_infinite_bounds_and_a_warning():
    """A documented convention: sktime asks for 90% intervals on 22-step
    series in its own checks; no finite conformal bound keeps that level with
    10 residuals, so the bound is infinite and a warning says why."""
    forecaster = naive(validation_size=11).fit(Y.iloc[:40], fh=[1, 2])
    with pytest.warns(UserWarning, match=r"10 calibration residual\(s\) per step"):
        pred_int = forecaster.predict_interval(coverage=[0.5, 0.9])
    assert np.isfinite(pred_int[("y", 0.5)].to_numpy()).all()
    assert (pred_int[("y", 0.9, "lower")] == -np.inf).all()
    assert (pred_int[("y", 0.9, "upper")] == np.inf).all()
    with pytest.warns(UserWarning, match=r"alpha=\[0.02\] \(at least 49 needed\)"):
        quantiles = forecaster.predict_quantiles(alpha=[0.02, 0.5])
    assert (quantiles[("y", 0.02)] == -np.inf).all()
    assert np.isfinite(quantiles[("y", 0.5)].to_numpy()).all()
