"""Loader for the daily CTA (Chicago Transit Authority) ridership series."""

from __future__ import annotations

from importlib import resources

import pandas as pd

_DATA_FILE = "cta_ridership_daily.csv.gz"
_RAW_COLUMNS = ["service_date", "day_type", "bus", "rail_boardings", "total_rides"]


def _read_raw() -> pd.DataFrame:
    """Read the shipped CSV as it is stored (duplicates and all)."""
    source = resources.files("skrnn.datasets").joinpath("data", _DATA_FILE)
    with source.open("rb") as fh:
        return pd.read_csv(
            fh,
            compression="gzip",
            dtype={
                "service_date": str,
                "day_type": str,
                "bus": "int64",
                "rail_boardings": "int64",
                "total_rides": "int64",
            },
        )


def _clean_ridership(raw: pd.DataFrame) -> pd.DataFrame:
    """Turn the raw CTA table into the daily frame returned by `load_ridership`.

    Exact duplicate rows are dropped; a date that appears more than once with
    different values raises, as do gaps in the dates.
    """
    missing = [col for col in _RAW_COLUMNS if col not in raw.columns]
    if missing:
        raise ValueError(
            f"The ridership table must have the columns {_RAW_COLUMNS}, "
            f"missing {missing}."
        )
    frame = raw.drop_duplicates()
    dates = pd.to_datetime(frame["service_date"], format="%m/%d/%Y")
    conflicting = dates[dates.duplicated(keep=False)]
    if len(conflicting):
        shown = sorted({d.strftime("%Y-%m-%d") for d in conflicting})
        raise ValueError(
            "The ridership table lists these dates more than once with "
            f"different values: {shown}."
        )
    frame = (
        frame.assign(date=dates)
        .sort_values("date")
        .rename(columns={"rail_boardings": "rail"})
    )
    expected = pd.date_range(frame["date"].iloc[0], frame["date"].iloc[-1], freq="D")
    if len(expected) != len(frame):
        gaps = expected.difference(pd.DatetimeIndex(frame["date"]))
        raise ValueError(
            "The ridership dates must be contiguous daily dates, missing "
            f"{len(gaps)} day(s), first {gaps[0].strftime('%Y-%m-%d')}."
        )
    frame = frame[["day_type", "bus", "rail"]].set_axis(
        pd.DatetimeIndex(expected, freq="D", name="date"), axis=0
    )
    return frame


def load_ridership() -> pd.DataFrame:
    """Load the daily CTA bus and rail ridership of Chicago, 2001 to 2021.

    The data are the Chicago Transit Authority's "CTA - Ridership - Daily
    Boarding Totals", published as open data on the City of Chicago data portal
    (https://data.cityofchicago.org). The shipped copy is the raw export; this
    loader drops its 62 exact duplicate rows (a date that appeared twice with
    different values would raise a ``ValueError``), sorts by date and checks
    that no day is missing. The result covers 2001-01-01 to 2021-11-30
    inclusive: 7,639 contiguous days.

    Returns
    -------
    df : pandas.DataFrame of shape (7639, 3)
        Indexed by a daily ``DatetimeIndex`` named ``date`` with ``freq="D"``.
        Columns:

        - ``day_type`` (str): ``"W"`` weekday, ``"A"`` Saturday,
          ``"U"`` Sunday or holiday.
        - ``bus`` (int64): bus boardings that day.
        - ``rail`` (int64): rail boardings that day (``rail_boardings`` in the
          source; its ``total_rides`` column, equal to ``bus + rail``, is left
          out).

        A new frame is built on every call.

    Examples
    --------
    >>> from skrnn.datasets import load_ridership
    >>> df = load_ridership()
    >>> df.shape
    (7639, 3)
    >>> df.index[0], df.index[-1], df.index.freqstr
    (Timestamp('2001-01-01 00:00:00'), Timestamp('2021-11-30 00:00:00'), 'D')
    >>> df.head(3)  # doctest: +NORMALIZE_WHITESPACE
               day_type     bus    rail
    date
    2001-01-01        U  297192  126455
    2001-01-02        W  780827  501952
    2001-01-03        W  824923  536432
    """
    return _clean_ridership(_read_raw())
