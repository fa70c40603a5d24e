"""Run skrnn's parallel work on a Dask cluster.

Everything in skrnn (and scikit-learn) that takes ``n_jobs`` runs its jobs
through joblib: :class:`~sklearn.model_selection.GridSearchCV`,
:func:`~sklearn.model_selection.cross_validate`, and
:meth:`skrnn.WindowForecaster.backtest` with ``refit=True``. Inside
:func:`dask_backend` those jobs go to the workers of a ``dask.distributed``
cluster instead of local processes::

    from skrnn.parallel import dask_backend

    with dask_backend("tcp://scheduler:8786"):      # a running cluster
        search = GridSearchCV(GRURegressor(random_state=0), grid, n_jobs=-1)
        search.fit(X, y)

    with dask_backend(n_workers=2):                  # a LocalCluster
        result = forecaster.backtest(y, start="2019-01-01", refit=True, n_jobs=-1)

    with dask_backend(n_workers=4, scatter=[X, y]):  # X, y copied to every worker
        search.fit(X, y)

Requirements on the workers: the same versions of skrnn, TensorFlow, Keras,
scikeras and scikit-learn as the client (``pip install skrnn[dask]`` on
every machine), since estimators travel as pickles (the Keras model inside a
fitted estimator is saved to bytes by scikeras). Give each worker one
thread (``--nthreads 1``) and as many workers as cores: each fit then runs
on one core and fits run side by side, with TensorFlow's thread pools sized
to match (:data:`SINGLE_THREAD_ENV`).

Dask is an optional dependency: it is imported only when
:func:`dask_backend` is called.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any

__all__ = ["SINGLE_THREAD_ENV", "dask_backend"]

#: Environment of local worker processes: one thread per TensorFlow pool and
#: per BLAS, so that n single-threaded workers use n cores.
SINGLE_THREAD_ENV = {
    "TF_NUM_INTRAOP_THREADS": "1",
    "TF_NUM_INTEROP_THREADS": "1",
    "OMP_NUM_THREADS": "1",
    "OPENBLAS_NUM_THREADS": "1",
    "MKL_NUM_THREADS": "1",
    "TF_CPP_MIN_LOG_LEVEL": "2",
}


def _import_distributed():
    try:
        import distributed
    except ImportError as exc:  # pragma: no cover - depends on the install
        raise ImportError(
            "dask_backend needs dask.distributed: pip install 'skrnn[dask]'."
        ) from exc
    return distributed


@contextmanager
def dask_backend(
    address: Any = None,
    *,
    n_workers: int = 2,
    threads_per_worker: int = 1,
    scatter: Sequence[Any] | None = None,
    **cluster_kwargs: Any,
) -> Iterator[Any]:
    """Send joblib jobs (``n_jobs``) to a Dask cluster inside a ``with`` block.

    Parameters
    ----------
    address : str, distributed.Client or None, default=None
        A scheduler address (``"tcp://host:8786"``) or a connected
        ``distributed.Client`` to use as is; None starts a
        ``distributed.LocalCluster`` on this machine for the block.
    n_workers : int, default=2
        Worker processes of the LocalCluster (``address=None`` only).
    threads_per_worker : int, default=1
        Threads per worker of the LocalCluster (``address=None`` only).
    scatter : sequence of objects, default=None
        Large arguments of the jobs (typically the training windows ``X``
        and targets ``y``) to copy to every worker once, up front. Without
        it joblib sends each large argument to one worker, and Dask then
        prefers to run the jobs where the data is, which can leave the
        other workers idle.
    **cluster_kwargs
        More arguments of ``distributed.LocalCluster`` (``address=None``
        only), e.g. ``memory_limit``. By default the cluster listens on
        loopback, has no dashboard, and its workers get
        :data:`SINGLE_THREAD_ENV` when ``threads_per_worker=1``.

    Yields
    ------
    client : distributed.Client
        The client the jobs go through; a cluster started here is closed
        at the end of the block, a client passed in is left open.

    Examples
    --------
    >>> from sklearn.linear_model import Ridge
    >>> from sklearn.model_selection import GridSearchCV
    >>> from skrnn.parallel import dask_backend
    >>> X, y = [[0.0], [1.0], [2.0], [3.0]], [0.0, 1.0, 2.0, 3.0]
    >>> search = GridSearchCV(Ridge(), {"alpha": [0.1, 1.0]}, cv=2, n_jobs=-1)
    >>> with dask_backend(n_workers=1, processes=False) as client:
    ...     search = search.fit(X, y)
    >>> search.best_params_
    {'alpha': 0.1}
    """
    import joblib

    distributed = _import_distributed()
    cluster = None
    if isinstance(address, distributed.Client):
        client, owned = address, False
    elif address is None:
        settings: dict[str, Any] = {"dashboard_address": None, "silence_logs": 40}
        if cluster_kwargs.get("processes", True):
            settings["host"] = "127.0.0.1"
            if threads_per_worker == 1:
                settings["env"] = dict(SINGLE_THREAD_ENV)
        settings.update(cluster_kwargs)
        cluster = distributed.LocalCluster(
            n_workers=n_workers, threads_per_worker=threads_per_worker, **settings
        )
        client, owned = distributed.Client(cluster), True
    else:
        client, owned = distributed.Client(address), True
    try:
        settings = {} if scatter is None else {"scatter": list(scatter)}
        with joblib.parallel_config(backend="dask", client=client, **settings):
            yield client
    finally:
        if owned:
            client.close()
        if cluster is not None:
            cluster.close()
