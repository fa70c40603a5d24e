"""What ``skrnn compare`` shows and writes: progress lines, the leaderboard,
``leaderboard.csv``, ``leaderboard.json`` and ``compare.png`` (with the
prediction-interval bands of the best one-step models).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

__all__ = [
    "error_format",
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
        covered = row.get("valid_coverage", np.nan)
        coverage = "" if np.isnan(covered) else f"  coverage {covered:.2f}"
        print(
            f"{progress_bar(len(done), total)} {row['description']:<34} "
            f"MAE {row['valid_mae']:>14,.1f}{coverage}  ({row['fit_seconds']:.1f} s)",
            flush=True,
        )

    return on_model_start, on_model_done


def _horizon_columns(table: pd.DataFrame) -> list[str]:
    return [c for c in table.columns if c.startswith("mae_h")]


def error_format(errors: Any, digits: int = 3) -> Callable[[float], str]:
    """A format for errors in the series' units: ``digits`` significant digits
    of their median, and thousands separators.

    Parameters
    ----------
    errors : array-like of float
        The errors the format is for (NaNs ignored).
    digits : int, default=3
        Significant digits of the median error, at least the integer part.

    Returns
    -------
    callable
        ``float -> str``.

    Examples
    --------
    >>> error_format([30_837.2, 41_274.3])(30_837.2)
    '30,837'
    >>> error_format([1.83, 2.31])(1.834)
    '1.83'
    """
    values = np.abs(np.asarray(errors, dtype=float))
    values = values[np.isfinite(values) & (values > 0)]
    magnitude = int(np.floor(np.log10(np.median(values)))) if len(values) else 0
    decimals = min(max(digits - 1 - magnitude, 0), 6)
    return lambda value: f"{value:,.{decimals}f}"


def print_leaderboard(table: pd.DataFrame, coverage: float | None = None) -> None:
    """Print the leaderboard, one step and multi-step, and the MAE per horizon.

    Parameters
    ----------
    table : pandas.DataFrame
        :attr:`skrnn.cli.compare.Comparison.leaderboard`.
    coverage : float or None, default=None
        The intervals' nominal coverage: adds their empirical coverage and
        MSIS (columns ``valid_coverage`` and ``valid_msis``).
    """
    columns = ["model", "description", "valid_mae", "fit_seconds", "epochs"]
    formats = {
        "valid_mae": error_format(table["valid_mae"]),
        "valid_coverage": "{:.3f}".format,
        "valid_msis": "{:.2f}".format,
    }
    intervals = coverage is not None and "valid_coverage" in table
    if intervals:
        columns[3:3] = ["valid_coverage", "valid_msis"]
    for task, title in (("one step", "one step ahead"), ("multi-step", "multi-step")):
        part = table[table["task"] == task]
        if len(part):
            what = "validation MAE"
            if intervals:
                what += f"; coverage and MSIS of {coverage:.0%} intervals"
            print(f"\nLeaderboard, {title} ({what}):")
            shown = part[columns].copy()
            for column, style in formats.items():
                if column in shown:
                    shown[column] = shown[column].map(
                        lambda v, style=style: "n/a" if np.isnan(v) else style(v)
                    )
            print(shown.to_string(index=False, float_format=lambda v: f"{v:,.1f}"))
    multi = table[table["task"] == "multi-step"]
    if len(multi):
        horizon_columns = _horizon_columns(table)
        per_horizon = multi.set_index("model")[horizon_columns]
        per_horizon.columns = [f"+{c[5:]}" for c in horizon_columns]
        print("\nMAE per horizon:")
        errors = per_horizon.to_numpy().ravel()
        print(per_horizon.to_string(float_format=error_format(errors)))


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
        ``window_length``, ``horizon``, ``epochs``, ``seed`` and
        ``coverage``, recorded in the JSON file (with the notes of
        ``result``).

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
    notes = list(getattr(result, "notes", []))
    paths[1].write_text(
        json.dumps({"settings": meta, "leaderboard": records, "notes": notes}, indent=2)
    )
    _plot(result, paths[2])
    return paths


def _plot(result: Any, path: Path) -> None:
    """The best one-step forecasts against actuals, with their interval bands,
    and the MAE per horizon."""
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
    title = "One step ahead: the best models against actuals (validation)"
    bands = _draw_bands(top, result, best)
    if bands:
        title += f", {result.coverage:.0%} intervals"
        top.legend()
    top.set_title(title)
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


def _draw_bands(ax: Any, result: Any, best: pd.DataFrame) -> int:
    """Shade the interval of each plotted model in its line's colour.

    Returns the number of bands drawn.
    """
    intervals = getattr(result, "one_step_intervals", None)
    if intervals is None or intervals.empty:
        return 0
    colors = {line.get_label(): line.get_color() for line in ax.get_lines()}
    drawn = 0
    for row in best.itertuples():
        lower, upper = f"{row.model}_lower", f"{row.model}_upper"
        if lower not in intervals:
            continue
        ax.fill_between(
            intervals.index,
            intervals[lower].to_numpy(),
            intervals[upper].to_numpy(),
            color=colors.get(row.description),
            alpha=0.15,
            lw=0,
            label=f"{row.description} interval",
        )
        drawn += 1
    return drawn
