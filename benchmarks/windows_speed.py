"""Cutting windows: ``make_windows`` against Keras' ``timeseries_dataset_from_array``.

A 1e6-point float32 series, windows of 56 with one-step targets. skrnn returns
zero-copy read-only views (``sliding_window_view``); Keras' dataset is
iterated to the end and its batches concatenated into arrays, which is what a
scikit-learn estimator needs. Extra memory is the growth of the process's
peak RSS while each method runs (measured in a fresh child process each).

Run ``python benchmarks/windows_speed.py [--n-points N]``; prints a table and
writes ``benchmarks/results/windows_speed.json``.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing as mp
import resource
import time
from pathlib import Path

import numpy as np

WINDOW = 56
RESULTS = Path(__file__).parent / "results"


def _peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _skrnn(series: np.ndarray):
    from skrnn import make_windows

    X, y = make_windows(series, WINDOW)
    return X, y


def _keras(series: np.ndarray):
    import keras

    dataset = keras.utils.timeseries_dataset_from_array(
        series[:-1, None],
        targets=series[WINDOW:],
        sequence_length=WINDOW,
        batch_size=1024,
    )
    batches = [(x.numpy(), y.numpy()) for x, y in dataset]
    return np.concatenate([b[0] for b in batches]), np.concatenate(
        [b[1] for b in batches]
    )


def _measure(method: str, n_points: int, queue) -> None:
    if method == "keras":
        import keras  # noqa: F401  (import cost is not part of the timing)
    else:
        import skrnn.windows  # noqa: F401
    series = np.random.RandomState(0).rand(n_points).astype(np.float32)
    before = _peak_rss_mb()
    start = time.perf_counter()
    X, y = {"skrnn": _skrnn, "keras": _keras}[method](series)
    seconds = time.perf_counter() - start
    checksum = float(X[::997, ::7].sum() + y[::997].sum())
    queue.put(
        {
            "method": method,
            "seconds": seconds,
            "extra_peak_rss_mb": _peak_rss_mb() - before,
            "shape": list(X.shape),
            "shares_memory_with_series": bool(np.shares_memory(X, series)),
            "checksum": checksum,
        }
    )


def run(method: str, n_points: int) -> dict:
    ctx = mp.get_context("spawn")
    queue = ctx.Queue()
    process = ctx.Process(target=_measure, args=(method, n_points, queue))
    process.start()
    result = queue.get()
    process.join()
    return result


def main(argv=None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n-points", type=int, default=1_000_000)
    args = parser.parse_args(argv)
    rows = [run("skrnn", args.n_points), run("keras", args.n_points)]
    skrnn_row, keras_row = rows
    assert skrnn_row["shape"][:2] == keras_row["shape"][:2]
    assert np.isclose(skrnn_row["checksum"], keras_row["checksum"], rtol=1e-5)
    ratio = keras_row["seconds"] / max(skrnn_row["seconds"], 1e-9)
    print(f"\nWindows of {WINDOW} from a {args.n_points:,}-point float32 series")
    print(f"{'method':<40}{'seconds':>10}{'extra MB':>10}{'view':>6}")
    labels = {
        "skrnn": "skrnn.make_windows",
        "keras": "keras timeseries_dataset_from_array",
    }
    for row in rows:
        print(
            f"{labels[row['method']]:<40}{row['seconds']:>10.4f}"
            f"{row['extra_peak_rss_mb']:>10.1f}{row['shares_memory_with_series']!s:>6}"
        )
    print(f"speed-up {ratio:,.0f}x (target >= 1,000x); same windows: yes")
    result = {"n_points": args.n_points, "rows": rows, "speedup": ratio}
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "windows_speed.json").write_text(json.dumps(result, indent=2))
    return result


if __name__ == "__main__":
    main()
