"""What ``skrnn compare`` shows and writes: progress lines, the leaderboard,
``leaderboard.csv``, ``leaderboard.json`` and ``compare.png``.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pandas as pd

__all__ = [
    "print_header",
    "print_leaderboard",
    "progress_bar",
    "progress_printer",
    "write_outputs",
]


def progress_bar(done: int, total: int, width: int = 20) -> str:
    """A text progress bar.

    Examples
    --------
    >>> progress_bar(1, 4, width=8)
    '[##......] 1/4'
    """
    filled = round(width * done / total)
    return f"[{'#' * filled}{'.' * (width - filled)}] {done}/{total}"


def print_header(
    names: list[str], frame: pd.DataFrame, split: Any, settings: dict
) -> None:
    """One line saying what is about to be trained, on which data."""
    print(
        f"skrnn compare: {len(names)} models, target {frame.columns[0]!r}, "
        f"features {list(frame.columns[1:])}, train {len(split.train)} / "
        f"validation {len(split.valid)} points, window {settings['window_length']}, "
        f"horizon {settings['horizon']}, up to {settings['epochs']} epochs",
        flush=True,
    )


def progress_printer(
    total: int,
) -> tuple[Callable[[str, Any], None], Callable[[dict], None]]:
    """Callbacks for :func:`skrnn.cli.compare.compare` printing progress lines.

    Parameters
    ----------
    total : int
        Number of models.

    Returns
    -------
    on_model_start, on_model_done : callable
    """
    done: list[dict] = []

    def on_model_start(name: str, spec: Any) -> None:
        print(
            f"{progress_bar(len(done), total)} fitting {spec.description}...",
            flush=True,
        )

    def on_model_done(row: dict) -> None:
        done.append(row)
        print(
            f"{progress_bar(len(done), total)} {row['description']:<34} "
            f"MAE {row['valid_mae']:>14,.1f}  ({row['fit_seconds']:.1f} s)",
            flush=True,
        )

    return on_model_start, on_model_done


def _horizon_columns(table: pd.DataFrame) -> list[str]:
    return [c for c in table.columns if c.startswith("mae_h")]


def print_leaderboard(table: pd.DataFrame) -> None:
    """Print the leaderboard, one step and multi-step, and the MAE per horizon."""
    columns = ["model", "description", "valid_mae", "fit_seconds", "epochs"]
    for task, title in (("one step", "one step ahead"), ("multi-step", "multi-step")):
        part = table[table["task"] == task]
        if len(part):
            print(f"\nLeaderboard, {title} (validation MAE):")
            print(
                part[columns].to_string(index=False, float_format=lambda v: f"{v:,.1f}")
            )
    multi = table[table["task"] == "multi-step"]
    if len(multi):
        horizon_columns = _horizon_columns(table)
        per_horizon = multi.set_index("model")[horizon_columns]
        per_horizon.columns = [f"+{c[5:]}" for c in horizon_columns]
        print("\nMAE per horizon:")
        print(per_horizon.to_string(float_format=lambda v: f"{v:,.0f}"))


def write_outputs(
    result: Any, output_dir: Path, frame: pd.DataFrame, settings: dict
) -> list[Path]:
    """Write ``leaderboard.csv``, ``leaderboard.json`` and ``compare.png``.

    Parameters
    ----------
    result : skrnn.cli.compare.Comparison
        The comparison.
    output_dir : pathlib.Path
        Created if needed.
    frame : pandas.DataFrame
        The prepared frame (target first, then the encoded features).
    settings : dict
        ``window_length``, ``horizon``, ``epochs`` and ``seed``, recorded in
        the JSON file.

    Returns
    -------
    list of pathlib.Path
        The three files written.
    """
    output_dir.mkdir(parents=True, exist_ok=True)
    table = result.leaderboard
    paths = [
        output_dir / "leaderboard.csv",
        output_dir / "leaderboard.json",
        output_dir / "compare.png",
    ]
    table.to_csv(paths[0], index=False)
    meta = {
        "target": str(frame.columns[0]),
        "features": [str(c) for c in frame.columns[1:]],
        **settings,
    }
    records = json.loads(table.to_json(orient="records"))
    paths[1].write_text(
        json.dumps({"settings": meta, "leaderboard": records}, indent=2)
    )
    _plot(result, paths[2])
    return paths


def _plot(result: Any, path: Path) -> None:
    """The best one-step forecasts against actuals, and the MAE per horizon."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    from skrnn.plotting import plot_forecast, plot_horizon_mae

    table = result.leaderboard
    fig, (top, bottom) = plt.subplots(2, 1, figsize=(10, 8))
    best = table[table["task"] == "one step"].head(3)
    forecasts = result.one_step_forecasts
    plot_forecast(
        forecasts["actual"],
        {row.description: forecasts[row.model] for row in best.itertuples()},
        ax=top,
    )
    top.set_title("One step ahead: the best models against actuals (validation)")
    multi = table[table["task"] == "multi-step"]
    horizon_columns = _horizon_columns(table)
    if len(multi):
        plot_horizon_mae(
            {
                row.description: row[horizon_columns].to_numpy()
                for _, row in multi.iterrows()
            },
            ax=bottom,
        )
    else:
        bottom.set_visible(False)
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)
