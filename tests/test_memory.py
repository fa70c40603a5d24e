"""No float64 copy of the zero-copy windows (issue 17 item 16).

``make_windows`` returns float32 views of the series; a float64 copy of 1e6
windows of 56 steps takes 427 MB. The naive and SARIMA regressors and the
per-window normalisation read the windows in blocks (or as they are), so their
peak allocation stays well below such a copy.
"""

from __future__ import annotations

import tracemalloc
import warnings

import numpy as np
import pytest

from skrnn import NaiveRegressor, SARIMARegressor, make_windows
from skrnn._transforms.window_norm import normalize_windows, window_stats

SERIES = np.cumsum(np.random.default_rng(0).normal(size=40_200)).astype(np.float32)
X, Y = make_windows(SERIES, 200)  # 40,000 windows of 200 steps: a 64 MB float64 copy
FLOAT64_COPY = X.size * 8


def peak_allocation(call):
    tracemalloc.start()
    try:
        call()
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def test_the_windows_are_a_zero_copy_view():
    assert X.dtype == np.float32 and not X.flags.owndata


@pytest.mark.parametrize("lag", [1, 7])
def test_naive_reads_the_windows_without_a_copy(lag):
    model = NaiveRegressor(lag=lag)
    assert peak_allocation(lambda: model.fit(X, Y)) < 0.05 * FLOAT64_COPY
    assert peak_allocation(lambda: model.predict(X)) < 0.05 * FLOAT64_COPY


def test_sarima_reads_the_windows_in_blocks():
    model = SARIMARegressor()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        # the statsmodels fit itself grows with the series (40,200 steps), not X
        assert peak_allocation(lambda: model.fit(X, Y)) < 0.5 * FLOAT64_COPY
    assert peak_allocation(lambda: model.predict(X)) < 0.05 * FLOAT64_COPY
    np.testing.assert_allclose(
        model.predict(X[:50]),
        X[:50, :, 0].astype(np.float64) @ model.forecast_weights_[0]
        + model.forecast_offset_[0],
    )


@pytest.mark.parametrize("method", ["last", "mean", "standard"])
def test_window_norm_reads_the_windows_in_blocks(method):
    assert peak_allocation(lambda: window_stats(X, [0], method)) < 0.05 * FLOAT64_COPY
    stats = window_stats(X, [0], method)
    # the normalised windows are one float32 array: half a float64 copy
    peak = peak_allocation(lambda: normalize_windows(X, [0], stats, all_features=True))
    assert peak < 0.55 * FLOAT64_COPY
    out = normalize_windows(X[:100], [0], stats, all_features=False)
    expected = (X[:100].astype(np.float64) - stats.offset[:100, None]) / stats.scale[
        :100, None
    ]
    np.testing.assert_allclose(out, expected, rtol=1e-5, atol=1e-5)


def test_seq2seq_panel_targets_are_not_materialised():
    """A seq2seq panel trains from one short track per window, not from
    (n_windows, window_length, horizon) targets (issue 15)."""
    from skrnn import GRURegressor, WindowForecaster

    rng = np.random.default_rng(0)
    panel = {
        f"s{i}": rng.normal(size=500).cumsum().astype(np.float32) for i in range(30)
    }
    window_length, horizon = 50, 30
    n_windows = 30 * (500 - window_length - horizon + 1)
    materialised = n_windows * window_length * horizon * 4  # 76 MB of float32
    forecaster = WindowForecaster(
        GRURegressor((4,), epochs=1, batch_size=256, random_state=0),
        window_length=window_length,
        strategy="seq2seq",
        horizon=horizon,
        validation_size=None,
    )
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        peak = peak_allocation(lambda: forecaster.fit(panel))
    assert peak < 0.5 * materialised  # a copy of the targets, or more, before
    assert forecaster.predict().shape == (30 * horizon,)
