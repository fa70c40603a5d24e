"""Input checks shared by the whole library.

Every check fails early with a message that names the parameter, says what was
expected and what came. The user's data is never modified: arrays handed back
are either the user's memory seen through a new read-only array object, or a
new array of our own.
"""

from __future__ import annotations

import numbers
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd
import scipy.sparse

__all__ = [
    "FLOAT32_TOLERANCE",
    "SeriesInfo",
    "check_float32",
    "check_positive_int",
    "check_series",
    "check_window_array",
    "check_window_shape",
    "resolve_columns",
]

# dtype kinds accepted as numeric data: bool, signed int, unsigned int, float.
_NUMERIC_KINDS = "biuf"
# index types whose order and uniqueness are checked.
_TIME_INDEXES = (pd.DatetimeIndex, pd.PeriodIndex, pd.TimedeltaIndex)
# how many column names an error message lists at most.
_MAX_NAMES_SHOWN = 20
# rows per block when comparing data with its float32 copy (bounds the
# temporary memory of the check).
_BLOCK_ROWS = 2**16

#: Largest rounding of the float32 cast accepted, as a fraction of a column's
#: range (max - min). Beyond it the cast merges values that the data tells
#: apart (``1e8 + np.arange(40.0)`` becomes 6 distinct values).
FLOAT32_TOLERANCE = 1e-3


def check_positive_int(value: Any, name: str, *, minimum: int = 1) -> int:
    """Check that ``value`` is an integer ``>= minimum`` and return it as ``int``.

    Parameters
    ----------
    value : object
        The value to check. Python and numpy integers are accepted, and so are
        floats with an integral value (``3.0``). Booleans are rejected.
    name : str
        Parameter name used in the error message.
    minimum : int, default=1
        Smallest accepted value.

    Returns
    -------
    value : int
        ``value`` as a Python ``int``.

    Raises
    ------
    TypeError
        If ``value`` is a bool or not a real number.
    ValueError
        If ``value`` is a float with a fractional part (or NaN/inf), or is
        smaller than ``minimum``.

    Examples
    --------
    >>> from skrnn._validation import check_positive_int
    >>> check_positive_int(5, "window_length")
    5
    >>> check_positive_int(0, "window_length")
    Traceback (most recent call last):
    ...
    ValueError: window_length must be an int >= 1, got 0.
    """
    expected = f"{name} must be an int >= {minimum}"
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, numbers.Real):
        raise TypeError(f"{expected}, got {value!r} ({type(value).__name__}).")
    if not isinstance(value, numbers.Integral) and (
        not np.isfinite(value) or not float(value).is_integer()
    ):
        raise ValueError(f"{expected}, got {value!r}.")
    result = int(value)
    if result < minimum:
        raise ValueError(f"{expected}, got {value!r}.")
    return result


@dataclass(frozen=True, eq=False)
class SeriesInfo:
    """A validated time series, as returned by :func:`check_series`.

    Attributes
    ----------
    values : ndarray of shape (n_timesteps, n_features)
        The data as a read-only float array (float64 or float32). It shares
        memory with the user's array when no conversion was needed.
    index : pandas.Index or None
        The index of a pandas input, ``None`` for numpy arrays and lists.
    columns : list or None
        Column names: the DataFrame's columns, ``[name]`` for a named Series,
        ``None`` otherwise.
    is_univariate_input : bool
        Whether the input was 1-D (a 1-D array or list, or a pandas Series).
    """

    values: np.ndarray
    index: pd.Index | None
    columns: list | None
    is_univariate_input: bool

    @property
    def n_timesteps(self) -> int:
        """Number of timesteps (rows of ``values``)."""
        return self.values.shape[0]

    @property
    def n_features(self) -> int:
        """Number of features (columns of ``values``)."""
        return self.values.shape[1]


def check_window_array(X: Any, *, ensure_2d: bool = True, hint: str = "") -> np.ndarray:
    """``X`` as an array of 2-D or 3-D float windows (float64 or float32).

    Parameters
    ----------
    X : array-like of shape (n_windows, window_length) or \
(n_windows, window_length, n_features)
        Windows.
    ensure_2d : bool, default=True
        Let scikit-learn's ``check_array`` reject 1-D ``X`` (its message);
        False reports it with the message of other dimensions.
    hint : str, default=""
        Appended to the message for ``X`` of other dimensions.

    Returns
    -------
    ndarray of shape (n_windows, window_length[, n_features])
        As ``sklearn.utils.check_array`` returns it.

    Raises
    ------
    ValueError
        For ``X`` that is not 2-D or 3-D, sparse, non-numeric or not finite.

    Examples
    --------
    >>> from skrnn._validation import check_window_array
    >>> check_window_array([[1, 2, 3]]).dtype
    dtype('float64')
    """
    from sklearn.utils.validation import check_array

    array = check_array(
        X,
        accept_sparse=False,
        allow_nd=True,
        ensure_2d=ensure_2d,
        dtype=(np.float64, np.float32),
        input_name="X",
    )
    if array.ndim not in (2, 3):
        raise ValueError(
            "X must be 2-D windows (n_windows, window_length) or 3-D windows "
            f"(n_windows, window_length, n_features); got shape {array.shape}.{hint}"
        )
    return array


def check_window_shape(
    array: np.ndarray, window_shape: tuple[int, ...], owner: str
) -> None:
    """Raise unless the windows ``array`` have the fitted ``window_shape``.

    Parameters
    ----------
    array : ndarray of shape (n_windows, window_length[, n_features])
        Windows, as :func:`check_window_array` returns them.
    window_shape : tuple of int
        ``(window_length[, n_features])`` of the training windows.
    owner : str
        Name of the fitted estimator, for the message.

    Raises
    ------
    ValueError
        For windows of another shape.

    Examples
    --------
    >>> import numpy as np
    >>> from skrnn._validation import check_window_shape
    >>> check_window_shape(np.zeros((2, 5)), (5,), "WindowScaler")
    """
    if array.shape[1:] != window_shape:
        raise ValueError(
            f"X has windows of shape {array.shape[1:]}, but {owner} was fitted "
            f"on windows of shape {window_shape} (window_length[, n_features]). "
            f"(In scikit-learn's terms: X has {array.shape[1]} features, but "
            f"{owner} is expecting {window_shape[0]} features as input.)"
        )


def _float_dtype(dtype: np.dtype, requested: Any) -> np.dtype:
    """Float dtype to convert to: ``requested``, or float32/float64 kept as
    given and anything else mapped to float64."""
    if requested is not None:
        out = np.dtype(requested)
        if out.kind != "f":
            raise ValueError(f"dtype must be a float dtype or None, got {requested!r}.")
        return out
    if dtype in (np.float32, np.float64):
        return np.dtype(dtype)
    return np.dtype(np.float64)


def _position_label(index: pd.Index | None, position: int) -> str:
    if index is None or isinstance(index, pd.RangeIndex):
        return f"position {position}"
    return f"position {position} ({index[position]})"


def _location(
    shape: tuple, flat: int, index: pd.Index | None, columns: list | None
) -> str:
    """Where the element ``flat`` of an array of ``shape`` is, in words.

    2-D data with an ``index`` or ``columns`` (or one column) is a series:
    rows are time steps; other data is located by its index tuple.
    """
    position = np.unravel_index(flat, shape)
    if len(shape) == 2 and (index is not None or columns is not None or shape[1] == 1):
        where = _position_label(index, int(position[0]))
        if shape[1] > 1:
            column = columns[position[1]] if columns is not None else position[1]
            where += f", column {column!r}"
        return where
    if len(shape) == 1:
        return f"position {int(position[0])}"
    return f"index {tuple(int(i) for i in position)}"


#: What :func:`check_float32` advises for data that loses precision.
PRECISION_ADVICE = (
    "Subtract a level (e.g. the first value), scale, or difference the data "
    "(differences=1) first."
)


def check_float32(
    array: np.ndarray,
    name: str,
    *,
    index: pd.Index | None = None,
    columns: list | None = None,
    advice: str = PRECISION_ADVICE,
) -> np.ndarray:
    """Cast finite data to float32, refusing what float32 cannot hold.

    skrnn's windows and networks are float32. Two things go silently wrong
    in that cast, and both are refused here:

    * a value beyond float32's range (about ±3.4e38) would become infinite;
    * float32 keeps about 7 significant digits, so data whose values are
      large next to their variation (``1e8 + np.arange(40.0)``: 40 distinct
      values become 6) loses what tells them apart. The data is refused when
      the cast moves a value by more than ``FLOAT32_TOLERANCE`` (0.1 %) of
      the range (max - min) of its column; the columns are the last axis
      (one column for 1-D data). A constant column loses nothing.

    Subtract a level (e.g. the first value), scale, or difference such data
    before it reaches skrnn.

    Parameters
    ----------
    array : ndarray
        Finite numeric data (NaN and infinity are reported before this
        check, by the caller).
    name : str
        Parameter name used in the messages.
    index : pandas.Index or None, default=None
        Index of the rows of 2-D data, for the messages.
    columns : list or None, default=None
        Column names of 2-D data, for the messages.
    advice : str, default=PRECISION_ADVICE
        The last sentence of the message for data that loses precision: what
        the caller can do about it.

    Returns
    -------
    ndarray of float32
        ``array`` itself when it is already float32, otherwise a new array.

    Raises
    ------
    ValueError
        For a value beyond float32's range, or data that loses precision
        as described above.

    Examples
    --------
    >>> import numpy as np
    >>> from skrnn._validation import check_float32
    >>> check_float32(np.arange(3.0), "series").dtype
    dtype('float32')
    >>> check_float32(1e8 + np.arange(40.0), "series")
    Traceback (most recent call last):
    ...
    ValueError: series loses precision in float32, the dtype skrnn's models \
compute in: float32 keeps about 7 significant digits, and the values (about \
1e+08) are large next to their range (39), so the cast moves them by up to 4 \
(10% of the range) and 40 distinct values become 6. Subtract a level (e.g. the \
first value), scale, or difference the data (differences=1) first.
    """
    if array.dtype == np.float32:
        return array
    with np.errstate(over="ignore"):
        converted = array.astype(np.float32)
    if not np.isfinite(converted).all():
        bad = np.isfinite(array) & ~np.isfinite(converted)
        flat = int(np.flatnonzero(bad.ravel())[0])
        value = array.ravel()[flat]
        limit = float(np.finfo(np.float32).max)
        raise ValueError(
            f"{name} has {int(bad.sum())} value(s) out of float32 range, the "
            f"dtype skrnn's models compute in; the first is {value:g} at "
            f"{_location(array.shape, flat, index, columns)}, beyond the largest "
            f"float32 {limit:.7g}. Scale the data (e.g. divide by a power of 10) "
            "first."
        )
    if array.size == 0 or array.dtype.kind == "b":
        return converted
    width = array.shape[-1] if array.ndim >= 2 else 1
    source = array.reshape(-1, width)
    result = converted.reshape(-1, width)
    low, high = source.min(axis=0), source.max(axis=0)
    spread = high.astype(np.float64) - low
    rounding = np.zeros(width)
    for start in range(0, len(source), _BLOCK_ROWS):
        block = slice(start, start + _BLOCK_ROWS)
        moved = np.abs(result[block].astype(np.float64) - source[block])
        rounding = np.maximum(rounding, moved.max(axis=0))
    lost = (spread > 0) & (rounding > FLOAT32_TOLERANCE * spread)
    if lost.any():
        column = int(np.flatnonzero(lost)[0])
        where = ""
        if width > 1:
            label = columns[column] if columns is not None else column
            where = f" (column {label!r})"
        before = np.unique(source[:, column]).size
        after = np.unique(result[:, column]).size
        level = float(np.max(np.abs(source[:, column])))
        share = rounding[column] / spread[column]
        raise ValueError(
            f"{name}{where} loses precision in float32, the dtype skrnn's models "
            "compute in: float32 keeps about 7 significant digits, and the "
            f"values (about {level:.2g}) are large next to their range "
            f"({spread[column]:.4g}), so the cast moves them by up to "
            f"{rounding[column]:.3g} ({share:.0%} of the range) and {before} "
            f"distinct values become {after}. {advice}"
        )
    return converted


def _check_time_index(index: pd.Index, name: str) -> None:
    if not isinstance(index, _TIME_INDEXES):
        return
    if index.hasnans:
        first = int(np.flatnonzero(index.isna())[0])
        raise ValueError(
            f"{name} has a missing timestamp (NaT) in its index at position {first}; "
            "expected a sorted index of unique timestamps."
        )
    steps = np.diff(index.asi8)
    bad = np.flatnonzero(steps <= 0)
    if bad.size:
        position = int(bad[0]) + 1
        problem = "duplicated" if steps[bad[0]] == 0 else "out of order (not sorted)"
        raise ValueError(
            f"{name} has a {type(index).__name__} that is not strictly increasing: "
            f"timestamp {index[position]} at position {position} is {problem}; "
            "expected a sorted index of unique timestamps."
        )


def _frame_values(frame: pd.DataFrame, name: str, dtype: Any) -> np.ndarray:
    for column, column_dtype in frame.dtypes.items():
        if getattr(column_dtype, "kind", "O") not in _NUMERIC_KINDS:
            raise TypeError(
                f"{name} column {column!r} has dtype {column_dtype}; expected numeric "
                "(int, float or bool) data in every column."
            )
    numpy_dtypes = [np.dtype(getattr(dt, "numpy_dtype", dt)) for dt in frame.dtypes]
    common = np.result_type(*numpy_dtypes) if numpy_dtypes else np.dtype(np.float64)
    target = _float_dtype(common, dtype)
    kwargs: dict[str, Any] = {"dtype": target}
    if any(isinstance(dt, pd.api.extensions.ExtensionDtype) for dt in frame.dtypes):
        kwargs["na_value"] = np.nan
    return frame.to_numpy(**kwargs)


def check_series(
    series: Any,
    name: str = "series",
    *,
    min_length: int = 1,
    allow_multivariate: bool = True,
    dtype: Any = None,
) -> SeriesInfo:
    """Validate a time series and return it as a 2-D float array with metadata.

    Parameters
    ----------
    series : array-like of shape (n_timesteps,) or (n_timesteps, n_features)
        A numpy array, a (nested) list, a pandas Series or a DataFrame. The
        data must be numeric (int, float or bool), finite, and at least
        ``min_length`` timesteps long. A DatetimeIndex, PeriodIndex or
        TimedeltaIndex must be strictly increasing (sorted, no duplicates,
        no NaT).
    name : str, default="series"
        Parameter name used in error messages.
    min_length : int, default=1
        Smallest accepted number of timesteps.
    allow_multivariate : bool, default=True
        If False, a series with more than one feature is rejected.
    dtype : {None, numpy.float32, numpy.float64}, default=None
        Float dtype of ``values``. ``None`` keeps float32 and float64 data as
        given and converts everything else to float64. The cast to float32
        goes through :func:`check_float32`: a value beyond float32's range,
        or data that loses precision in float32 (values large next to their
        range, such as ``1e8 + np.arange(40.0)``), is refused.

    Returns
    -------
    info : SeriesInfo
        ``info.values`` has shape (n_timesteps, n_features) and is read-only.
        It shares memory with ``series`` when no conversion was needed;
        otherwise it is a new C-ordered array. ``series`` itself is never
        modified (not even its flags).

    Raises
    ------
    TypeError
        If the data is not numeric (object, string, datetime, complex,
        categorical ...); for a DataFrame the message names the column.
    ValueError
        If the data is not 1-D or 2-D, has no columns, contains NaN or
        infinite values, is shorter than ``min_length``, is multivariate when
        ``allow_multivariate=False``, has an unsorted or duplicated time
        index, or (``dtype=numpy.float32``) does not fit float32.

    Examples
    --------
    >>> import numpy as np
    >>> from skrnn._validation import check_series
    >>> info = check_series(np.arange(4))
    >>> info.values.shape, info.values.dtype, info.is_univariate_input
    ((4, 1), dtype('float64'), True)
    >>> check_series([1.0, np.nan, 3.0])
    Traceback (most recent call last):
    ...
    ValueError: series contains 1 NaN or infinite value(s); the first is at \
position 1.
    """
    min_length = check_positive_int(min_length, "min_length", minimum=0)
    # float32 is cast to last, after the NaN check, by check_float32 (which
    # refuses values beyond its range and data that loses precision)
    to_float32 = _float_dtype(np.dtype(np.float64), dtype) == np.float32
    if to_float32:
        dtype = None
    index = None
    columns = None
    if isinstance(series, pd.DataFrame):
        index = series.index
        columns = list(series.columns)
        array = _frame_values(series, name, dtype)
        is_univariate_input = False
    elif isinstance(series, pd.Series):
        index = series.index
        columns = None if series.name is None else [series.name]
        if getattr(series.dtype, "kind", "O") not in _NUMERIC_KINDS:
            raise TypeError(
                f"{name} has dtype {series.dtype}; expected numeric (int, float or "
                "bool) data."
            )
        numpy_dtype = np.dtype(getattr(series.dtype, "numpy_dtype", series.dtype))
        kwargs: dict[str, Any] = {"dtype": _float_dtype(numpy_dtype, dtype)}
        if isinstance(series.dtype, pd.api.extensions.ExtensionDtype):
            kwargs["na_value"] = np.nan
        array = series.to_numpy(**kwargs)
        is_univariate_input = True
    else:
        if scipy.sparse.issparse(series):
            raise TypeError(
                f"{name} is a scipy sparse {type(series).__name__}; sparse input is "
                "not supported, expected a dense array-like."
            )
        if isinstance(series, np.ma.MaskedArray) and np.ma.getmaskarray(series).any():
            raise ValueError(
                f"{name} is a masked array with masked values; expected complete "
                "data (fill or drop the masked values first)."
            )
        try:
            array = np.asarray(series)
        except ValueError as exc:
            raise ValueError(
                f"{name} could not be read as a rectangular array: {exc}"
            ) from exc
        if array.dtype.kind not in _NUMERIC_KINDS:
            raise TypeError(
                f"{name} has dtype {array.dtype}; expected numeric (int, float or "
                "bool) data."
            )
        if array.ndim not in (1, 2):
            raise ValueError(
                f"{name} must be 1-D (n_timesteps,) or 2-D (n_timesteps, n_features), "
                f"got an array of shape {array.shape}."
            )
        is_univariate_input = array.ndim == 1
        target = _float_dtype(array.dtype, dtype)
        if array.dtype != target:
            array = array.astype(target, order="C")

    if array.ndim == 1:
        array = array.reshape(-1, 1)
    n_timesteps, n_features = array.shape
    if n_features == 0:
        raise ValueError(
            f"{name} has 0 feature(s) (shape=({n_timesteps}, 0)) while a minimum of 1 "
            "is required."
        )
    if not allow_multivariate and n_features > 1:
        raise ValueError(
            f"{name} must be univariate (one feature), got {n_features} features."
        )
    if n_timesteps < min_length:
        raise ValueError(
            f"{name} has {n_timesteps} timesteps, but at least {min_length} are needed."
        )
    if index is not None:
        _check_time_index(index, name)
    if not np.isfinite(array).all():
        bad = ~np.isfinite(array)
        row, col = (int(i) for i in np.argwhere(bad)[0])
        where = _position_label(index, row)
        if n_features > 1:
            column = columns[col] if columns is not None else col
            where += f", column {column!r}"
        raise ValueError(
            f"{name} contains {int(bad.sum())} NaN or infinite value(s); the first is "
            f"at {where}."
        )
    if to_float32:
        array = check_float32(array, name, index=index, columns=columns)
    # A new array object, so that making it read-only never touches the
    # flags of an array the user holds.
    values = array.view()
    values.flags.writeable = False
    return SeriesInfo(
        values=values,
        index=index,
        columns=columns,
        is_univariate_input=is_univariate_input,
    )


def _shown(columns: list) -> str:
    if len(columns) <= _MAX_NAMES_SHOWN:
        return repr(columns)
    return repr(columns[:_MAX_NAMES_SHOWN])[:-1] + ", ...]"


def _resolve_one(item: Any, columns: list | None, n_features: int, name: str) -> int:
    if isinstance(item, (bool, np.bool_)):
        raise TypeError(
            f"{name} must be None, a column position (int), a column name or a "
            f"sequence of them; got {item!r} (bool)."
        )
    if isinstance(item, numbers.Integral):
        position = int(item)
        if not -n_features <= position < n_features:
            raise ValueError(
                f"{name} index {position} is out of range for a series with "
                f"{n_features} column(s); expected an int in "
                f"[{-n_features}, {n_features - 1}]."
            )
        return position % n_features
    if isinstance(item, numbers.Number):
        raise TypeError(
            f"{name} must be None, a column position (int), a column name or a "
            f"sequence of them; got {item!r} ({type(item).__name__})."
        )
    if columns is None:
        raise ValueError(
            f"{name} {item!r} is a column name, but the series has no column names "
            "(a numpy array or list); pass column positions (ints) instead."
        )
    matches = [j for j, column in enumerate(columns) if column == item]
    if not matches:
        raise ValueError(
            f"{name} {item!r} is not a column of the series; columns are "
            f"{_shown(columns)}."
        )
    if len(matches) > 1:
        raise ValueError(
            f"{name} {item!r} matches {len(matches)} columns (duplicated column "
            "name); pass column positions (ints) instead."
        )
    return matches[0]


def resolve_columns(
    selection: Any,
    columns: Sequence | None,
    n_features: int,
    name: str = "target",
) -> list[int]:
    """Turn a column selection into a list of column positions.

    Parameters
    ----------
    selection : None, int, str or sequence of int/str
        ``None`` selects every column. An int is a position (negative values
        count from the end); anything else (a str, or another hashable such
        as a tuple inside a list) is looked up as a column name. A sequence
        (list, tuple, ndarray) selects several columns, in the given order.
    columns : sequence or None
        Column names of the series, or ``None`` when it has none (numpy input).
    n_features : int
        Number of columns of the series.
    name : str, default="target"
        Parameter name used in error messages.

    Returns
    -------
    indices : list of int
        Column positions in ``[0, n_features)``, one per selected column.

    Raises
    ------
    TypeError
        For a bool or a non-integral number in the selection.
    ValueError
        For an unknown or ambiguous name, names given while ``columns`` is
        None, an out-of-range position, an empty or a duplicated selection.

    Examples
    --------
    >>> from skrnn._validation import resolve_columns
    >>> resolve_columns(None, ["bus", "rail"], 2)
    [0, 1]
    >>> resolve_columns(["rail", 0], ["bus", "rail"], 2)
    [1, 0]
    >>> resolve_columns(-1, None, 3)
    [2]
    """
    n_features = check_positive_int(n_features, "n_features")
    names = None if columns is None else list(columns)
    if selection is None:
        return list(range(n_features))
    if isinstance(selection, (str, bytes, numbers.Number, np.generic)):
        items = [selection]
    elif isinstance(selection, (Sequence, np.ndarray, pd.Index)):
        items = list(selection)
        if not items:
            raise ValueError(
                f"{name} must select at least one column, got an empty "
                f"{type(selection).__name__}."
            )
    else:
        items = [selection]
    indices = [_resolve_one(item, names, n_features, name) for item in items]
    if len(set(indices)) != len(indices):
        raise ValueError(
            f"{name} selects a column more than once: {selection!r} -> column "
            f"positions {indices}."
        )
    return indices
