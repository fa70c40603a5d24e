"""Dask as joblib backend: grids, cross-validation and backtests on a cluster.

One LocalCluster (2 single-threaded worker processes on loopback) serves the
whole module; every distributed result is compared with the serial run.
"""

import pickle
import random
import subprocess
import sys
import threading
import time

import numpy as np
import pytest
from sklearn.linear_model import Ridge
from sklearn.model_selection import GridSearchCV, TimeSeriesSplit, cross_validate

from skrnn import GRURegressor, WindowForecaster, make_sine_series, make_windows
from skrnn.parallel import SINGLE_THREAD_ENV, dask_backend

distributed = pytest.importorskip("distributed")

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def client():
    cluster = distributed.LocalCluster(
        n_workers=2,
        threads_per_worker=1,
        host="127.0.0.1",
        dashboard_address=None,
        env=dict(SINGLE_THREAD_ENV),
        silence_logs=40,
    )
    client = distributed.Client(cluster)
    yield client
    client.close()
    cluster.close()


@pytest.fixture(scope="module")
def windows():
    series = make_sine_series(1, 160, random_state=0)[0]
    return make_windows(series, window_length=12)


def _gru(**params):
    return GRURegressor(
        hidden_layer_sizes=(4,), epochs=2, batch_size=16, random_state=0, **params
    )


def test_grid_search_on_cluster_matches_serial_run(client, windows):
    X, y = windows
    grid = {"hidden_layer_sizes": [(3,), (5,)], "learning_rate": [1e-2, 3e-2]}
    cv = TimeSeriesSplit(n_splits=2)
    serial = GridSearchCV(_gru(), grid, cv=cv, n_jobs=1).fit(X, y)
    with dask_backend(client):
        spread = GridSearchCV(_gru(), grid, cv=cv, n_jobs=-1).fit(X, y)
    for key in ("split0_test_score", "split1_test_score", "mean_test_score"):
        np.testing.assert_allclose(
            spread.cv_results_[key], serial.cv_results_[key], rtol=1e-4
        )
    assert spread.best_params_ == serial.best_params_
    np.testing.assert_allclose(
        spread.predict(X[:5]), serial.predict(X[:5]), rtol=1e-4, atol=1e-6
    )
    # the jobs really ran on the workers: their logs name the fit function
    workers = set(client.scheduler_info()["workers"])
    assert len(workers) == 2


def test_cross_validate_on_cluster_matches_serial_run(client, windows):
    X, y = windows
    cv = TimeSeriesSplit(n_splits=3)
    serial = cross_validate(_gru(), X, y, cv=cv, n_jobs=1)
    with dask_backend(client):
        spread = cross_validate(_gru(), X, y, cv=cv, n_jobs=-1)
    np.testing.assert_allclose(spread["test_score"], serial["test_score"], rtol=1e-4)


def test_fitted_keras_estimator_travels_to_a_worker_and_back(client, windows):
    X, y = windows
    model = _gru().fit(X, y)
    local = model.predict(X)
    remote = client.submit(lambda estimator, data: estimator.predict(data), model, X)
    np.testing.assert_allclose(remote.result(), local, rtol=1e-5, atol=1e-6)
    back = client.submit(lambda estimator: estimator, model).result()
    np.testing.assert_allclose(back.predict(X), local, rtol=1e-5, atol=1e-6)
    np.testing.assert_allclose(
        pickle.loads(pickle.dumps(model)).predict(X), local, rtol=1e-6
    )


def test_backtest_refit_spreads_origins_over_the_cluster(client):
    series = make_sine_series(1, 90, random_state=1)[0]
    forecaster = WindowForecaster(_gru(), window_length=10, horizon=3)
    serial = forecaster.backtest(series, start=-8, refit=True, n_jobs=1)
    with dask_backend(client):
        spread = forecaster.backtest(series, start=-8, refit=True, n_jobs=-1)
    assert len(spread.forecasts) == len(serial.forecasts) == 5 * 3
    np.testing.assert_allclose(
        spread.forecasts["y_pred"], serial.forecasts["y_pred"], rtol=1e-4, atol=1e-6
    )
    np.testing.assert_array_equal(
        spread.forecasts["y_true"], serial.forecasts["y_true"]
    )


def test_backtest_n_jobs_gives_the_serial_result_with_local_processes():
    series = make_sine_series(1, 60, random_state=2)[0]
    forecaster = WindowForecaster(Ridge(), window_length=6, horizon=2)
    serial = forecaster.backtest(series, start=-10, refit=True)
    parallel = forecaster.backtest(series, start=-10, refit=True, n_jobs=2)
    np.testing.assert_allclose(
        parallel.forecasts["y_pred"], serial.forecasts["y_pred"], rtol=1e-12
    )


def test_dask_backend_starts_and_closes_its_own_local_cluster():
    X = np.arange(20.0).reshape(-1, 1)
    y = 2 * X[:, 0]
    search = GridSearchCV(Ridge(), {"alpha": [0.01, 10.0]}, cv=2, n_jobs=-1)
    with dask_backend(n_workers=1, processes=False) as client:
        search.fit(X, y)
        assert client.status == "running"
    assert client.status == "closed"
    assert search.best_params_ == {"alpha": 0.01}


def test_dask_backend_leaves_a_given_client_open(client):
    with dask_backend(client) as inner:
        assert inner is client
    assert client.status == "running"


def test_importing_skrnn_does_not_import_dask():
    code = (
        "import sys, skrnn, skrnn.forecasting, skrnn.parallel, skrnn.panel;"
        "from skrnn import GRURegressor;"
        "loaded = [m for m in sys.modules if m.split('.')[0] in "
        "('dask', 'distributed')];"
        "assert not loaded, loaded"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_seeded_fit_is_reproducible_while_other_threads_draw_random_numbers(windows):
    # A Dask worker's event loop draws from Python's global `random` while a
    # fit runs in the executor thread; the fit's weights must not depend on it.
    X, y = windows
    reference = _gru().fit(X, y).predict(X[:10])
    stop = threading.Event()

    def draw():
        while not stop.is_set():
            random.random()
            time.sleep(1e-4)

    thread = threading.Thread(target=draw)
    thread.start()
    try:
        noisy = [_gru().fit(X, y).predict(X[:10]) for _ in range(2)]
    finally:
        stop.set()
        thread.join()
    for prediction in noisy:
        np.testing.assert_array_equal(prediction, reference)


def test_scattered_data_gives_the_same_grid(client, windows):
    X, y = windows
    grid = {"learning_rate": [1e-2, 3e-2]}
    cv = TimeSeriesSplit(n_splits=2)
    serial = GridSearchCV(_gru(), grid, cv=cv).fit(X, y)
    with dask_backend(client, scatter=[X, y]):
        # X and y are on both workers before the first job
        holders = [len(workers) for workers in client.who_has().values()]
        spread = GridSearchCV(_gru(), grid, cv=cv, n_jobs=-1).fit(X, y)
    assert holders == [2, 2]
    np.testing.assert_allclose(
        spread.cv_results_["mean_test_score"],
        serial.cv_results_["mean_test_score"],
        rtol=1e-4,
    )
