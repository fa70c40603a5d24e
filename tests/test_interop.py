"""skrnn models inside skforecast and sktime's make_reduction (issue 17 items 11, 12).

skforecast is optional (it pins pandas < 3): its tests are skipped where it is
not installed; the lag layouts it produces are also built by hand below, so the
wrapper is tested everywhere.
"""

from __future__ import annotations

import pathlib
import re
import warnings

import numpy as np
import pandas as pd
import pytest
from numpy.lib.stride_tricks import sliding_window_view
from sklearn.base import clone
from sklearn.multioutput import MultiOutputRegressor

from skrnn import NaiveRegressor, SARIMARegressor, make_windows
from skrnn.interop import LagMatrixRegressor

GUIDE = pathlib.Path(__file__).resolve().parents[1] / "docs" / "guide" / "interop.rst"
DAYS = pd.date_range("2024-01-01", periods=120, freq="D")
RNG = np.random.default_rng(0)
SERIES = pd.Series(
    10 * np.sin(2 * np.pi * np.arange(120) / 7) + RNG.normal(size=120), index=DAYS
)
LAST_WEEK = np.tile(SERIES.to_numpy()[-7:], 2)


def lag_matrix(series, n_lags):
    """skforecast's training matrix: lag_1 (newest) ... lag_n, and the targets."""
    values = np.asarray(series, dtype=float)
    columns = {
        f"lag_{k}": values[n_lags - k : len(values) - k] for k in range(1, n_lags + 1)
    }
    return pd.DataFrame(columns), values[n_lags:]


# -- the wrapper on hand-made layouts --------------------------------------------


def test_newest_first_lag_matrix_gives_skrnns_own_forecast():
    lags, y = lag_matrix(SERIES, 14)
    X, y_own = make_windows(SERIES.to_numpy(), 14)
    own = NaiveRegressor(lag=7).fit(X, y_own).predict(X)
    model = LagMatrixRegressor(NaiveRegressor(lag=7), order="newest_first")
    np.testing.assert_allclose(model.fit(lags, y).predict(lags), own)
    # a plain array in the same layout (skforecast passes arrays, not frames)
    model = clone(model).fit(lags.to_numpy(), y)
    np.testing.assert_allclose(model.predict(lags.to_numpy()), own)
    assert model.lead_ == 1


def test_a_bare_window_model_refuses_a_lag_matrix():
    lags, y = lag_matrix(SERIES, 14)
    for model in (NaiveRegressor(lag=7), SARIMARegressor()):
        with pytest.raises(ValueError, match=r"X has lag columns .*LagMatrixRegressor"):
            model.fit(lags, y)
        with pytest.raises(ValueError, match=r"newest value first .*newest_first"):
            clone(model).fit(lags.to_numpy(), y)


def test_a_bare_keras_model_refuses_a_lag_matrix():
    pytest.importorskip("keras")
    from skrnn import DenseRegressor

    lags, y = lag_matrix(SERIES, 14)
    with pytest.raises(ValueError, match=r"X has lag columns .*LagMatrixRegressor"):
        DenseRegressor(hidden_layer_sizes=(), epochs=1).fit(lags, y)


@pytest.mark.parametrize("lead", [2, 5])
def test_lead_is_found_and_fitted_as_a_direct_target(lead):
    values = SERIES.to_numpy()
    X = sliding_window_view(values, 14)[:-lead]
    y = values[14 + lead - 1 :]
    model = LagMatrixRegressor(NaiveRegressor(lag=7), order="oldest_first").fit(X, y)
    assert model.lead_ == lead
    assert model.estimator_.horizon_ == lead
    expected = X[:, 14 - 7 + (lead - 1) % 7]  # skrnn's own direct forecast, step h
    np.testing.assert_allclose(model.predict(X), expected)
    fixed = LagMatrixRegressor(NaiveRegressor(), order="oldest_first", lead=1)
    with pytest.raises(ValueError, match="not the continuation"):
        fixed.fit(X, y)


def test_exogenous_blocks_are_read_as_features():
    # sktime's make_reduction with X: target lags, then each column's lags
    values = SERIES.to_numpy()
    exog = np.column_stack([100 + values, -values])
    X, y = make_windows(np.column_stack([values, exog]), 14, target=0)
    flat = np.concatenate([X[:, :, k] for k in range(3)], axis=1)
    model = LagMatrixRegressor(
        NaiveRegressor(lag=7), order="oldest_first", window_length=14
    ).fit(flat, y)
    assert (model.window_length_, model.n_window_features_) == (14, 3)
    np.testing.assert_allclose(model.predict(flat), X[:, 7, 0])


@pytest.mark.parametrize(
    ("params", "X", "match"),
    [
        ({"order": None}, None, r"order must say in which time order .*got order=None"),
        ({"order": "newest"}, None, r"'newest_first' .*got order='newest'"),
        ({"window_length": 0}, None, r"window_length must be None .*got "),
        ({"lead": 0}, None, r"lead must be 'auto' or an int >= 1 .*got lead=0"),
        (
            {},
            lambda lags: lags.assign(temp=1.0),
            r"X has columns \['temp'\] besides its lag columns",
        ),
        ({}, lambda lags: lags[lags.columns[::-1]], r"that is oldest_first, but"),
        ({}, lambda lags: lags[["lag_2", "lag_1", "lag_3"]], r"not in time order"),
    ],
)
def test_bad_parameters_and_layouts(params, X, match):
    lags, y = lag_matrix(SERIES, 14)
    X = lags if X is None else X(lags)
    params = {"order": "newest_first", **params}
    with pytest.raises(ValueError, match=match):
        LagMatrixRegressor(NaiveRegressor(), **params).fit(X, y)


def test_estimator_none_is_refused():
    lags, y = lag_matrix(SERIES, 14)
    with pytest.raises(TypeError, match=r"estimator must be .* got None"):
        LagMatrixRegressor(None, order="newest_first").fit(lags, y)


def test_predict_checks_the_number_of_columns():
    lags, y = lag_matrix(SERIES, 14)
    model = LagMatrixRegressor(NaiveRegressor(), order="newest_first").fit(lags, y)
    with pytest.raises(ValueError, match=r"X has 13 columns, but .* fitted on 14"):
        model.predict(lags.to_numpy()[:, :13])


# -- item 12: targets that are not the continuation of the windows ----------------


@pytest.mark.parametrize("model", [NaiveRegressor(), SARIMARegressor()], ids=repr)
def test_multioutput_on_a_direct_target_is_refused(model):
    X, Y = make_windows(SERIES.to_numpy(), 14, horizon=14)
    with pytest.raises(ValueError, match=r"y is not the continuation .* 2 steps"):
        MultiOutputRegressor(model).fit(X, Y)
    # fitted on the whole direct target instead, it forecasts every step
    assert clone(model).fit(X, Y).predict(X).shape == (len(X), 14)


@pytest.mark.parametrize("model", [NaiveRegressor(), SARIMARegressor()], ids=repr)
def test_no_false_alarm_where_the_overlap_cannot_be_verified(model):
    values = SERIES.to_numpy()
    X, y = make_windows(values, 14)
    order = np.random.default_rng(1).permutation(len(X))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        strided = sliding_window_view(values, 14)[:-3:3]
        fits = [
            (X[order], y[order]),  # shuffled
            (strided, values[16::3][: len(strided)]),  # stride 3, lead 3
            (RNG.normal(size=(30, 14)), RNG.normal(size=30)),  # random
            (X[:2], y[:2]),  # too few windows to tell
        ]
        for X_fit, y_fit in fits:
            fitted = clone(model).fit(X_fit, y_fit)  # no error: no false alarm
            assert np.isfinite(fitted.predict(X_fit[:3])).all()


# -- skforecast --------------------------------------------------------------------


def _keras_dense():
    pytest.importorskip("keras")
    from skrnn import DenseRegressor

    return DenseRegressor(hidden_layer_sizes=(), epochs=3, random_state=0)


@pytest.fixture(scope="module")
def skforecast():
    return pytest.importorskip("skforecast")


def test_skforecast_recursive_naive(skforecast):
    from skforecast.recursive import ForecasterRecursive

    wrapped = LagMatrixRegressor(NaiveRegressor(lag=7), order="newest_first")
    forecaster = ForecasterRecursive(wrapped, lags=14)
    forecaster.fit(SERIES)
    np.testing.assert_allclose(forecaster.predict(10).to_numpy(), LAST_WEEK[:10])
    with pytest.raises(ValueError, match="newest value first"):
        ForecasterRecursive(NaiveRegressor(lag=7), lags=14).fit(SERIES)


def test_skforecast_direct_naive(skforecast):
    from skforecast.direct import ForecasterDirect

    wrapped = LagMatrixRegressor(NaiveRegressor(lag=7), order="newest_first")
    forecaster = ForecasterDirect(wrapped, lags=14, steps=10)
    forecaster.fit(SERIES)
    np.testing.assert_allclose(forecaster.predict(10).to_numpy(), LAST_WEEK[:10])
    assert [e.lead_ for e in forecaster.estimators_.values()] == list(range(1, 11))


def test_skforecast_recursive_keras(skforecast):
    from skforecast.recursive import ForecasterRecursive

    model = _keras_dense()
    wrapped = LagMatrixRegressor(model, order="newest_first")
    forecaster = ForecasterRecursive(wrapped, lags=14)
    forecaster.fit(SERIES)
    X, y = make_windows(SERIES.to_numpy(), 14)
    own = clone(model).fit(X[:, :, 0], y)
    window = list(SERIES.to_numpy()[-14:])
    expected = []
    for _ in range(3):
        expected.append(float(own.predict(np.array([window[-14:]]))[0]))
        window.append(expected[-1])
    np.testing.assert_allclose(forecaster.predict(3).to_numpy(), expected, rtol=1e-5)


def test_skforecast_direct_keras(skforecast):
    from skforecast.direct import ForecasterDirect

    model = _keras_dense()
    wrapped = LagMatrixRegressor(model, order="newest_first")
    forecaster = ForecasterDirect(wrapped, lags=14, steps=2)
    forecaster.fit(SERIES)
    X, Y = make_windows(SERIES.to_numpy(), 14, horizon=2)
    # skrnn's own direct model of steps 1 and 2; the wrapper of step 2 reads
    # step 1 from the following window, so it has one window less
    own = clone(model).fit(X[:-1, :, 0], Y[:-1])
    last = SERIES.to_numpy()[-14:][None]
    np.testing.assert_allclose(
        forecaster.predict(2).to_numpy()[1], own.predict(last)[0, 1], rtol=1e-5
    )


# -- sktime's make_reduction ----------------------------------------------------------


@pytest.fixture(scope="module")
def make_reduction():
    pytest.importorskip("sktime")
    from sktime.forecasting.compose import make_reduction

    return make_reduction


def _fit_predict(forecaster, fh, X=None, X_future=None):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", FutureWarning)
        forecaster.fit(SERIES, X=X, fh=fh)
        return forecaster.predict(X=X_future).to_numpy()


@pytest.mark.parametrize("strategy", ["recursive", "direct"])
def test_make_reduction_without_exogenous(make_reduction, strategy):
    fh = list(range(1, 8))
    wrapped = LagMatrixRegressor(NaiveRegressor(lag=7), order="oldest_first")
    forecaster = make_reduction(wrapped, window_length=14, strategy=strategy)
    np.testing.assert_allclose(_fit_predict(forecaster, fh), LAST_WEEK[:7])
    if strategy == "recursive":  # oldest first already: the bare model works
        bare = make_reduction(NaiveRegressor(lag=7), window_length=14)
        np.testing.assert_allclose(_fit_predict(bare, fh), LAST_WEEK[:7])
    else:  # one model per step, fitted on y h steps ahead: refused bare
        bare = make_reduction(
            NaiveRegressor(lag=7), window_length=14, strategy=strategy
        )
        with pytest.raises(ValueError, match="not the continuation"):
            _fit_predict(bare, fh)


@pytest.mark.parametrize("strategy", ["recursive", "direct"])
def test_make_reduction_with_exogenous(make_reduction, strategy):
    fh = list(range(1, 4))
    exog = pd.DataFrame(
        {"a": 1000 + np.arange(123.0), "b": -np.arange(123.0)},
        index=pd.date_range(DAYS[0], periods=123, freq="D"),
    )
    wrapped = LagMatrixRegressor(
        NaiveRegressor(lag=7), order="oldest_first", window_length=14
    )
    forecaster = make_reduction(wrapped, window_length=14, strategy=strategy)
    forecast = _fit_predict(forecaster, fh, X=exog.iloc[:120], X_future=exog.iloc[120:])
    np.testing.assert_allclose(forecast, LAST_WEEK[:3])


# -- the user guide page -------------------------------------------------------------


def _guide_blocks():
    text = GUIDE.read_text()
    blocks = re.findall(r"\.\. code-block:: python\n\n((?:   .*\n|\n)+)", text)
    return ["\n".join(line[3:] for line in block.splitlines()) for block in blocks]


@pytest.mark.parametrize("index", range(len(_guide_blocks())))
def test_the_guide_examples_run(index):
    code = _guide_blocks()[index]
    if "skforecast" in code:
        pytest.importorskip("skforecast")
    if "sktime" in code:
        pytest.importorskip("sktime")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", FutureWarning)
        exec(compile(code, str(GUIDE), "exec"), {})
