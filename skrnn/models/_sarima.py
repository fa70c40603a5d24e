"""SARIMA (statsmodels SARIMAX) as a scikit-learn regressor on windows."""

from __future__ import annotations

import difflib
import inspect
import warnings
from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np
from sklearn.base import BaseEstimator, RegressorMixin
from sklearn.utils.validation import check_is_fitted
from statsmodels.tsa.statespace.sarimax import SARIMAX
from statsmodels.tsa.statespace.tools import compute_smoothed_state_weights
from threadpoolctl import threadpool_limits

from skrnn._contract import (
    ONE_STEP,
    SEQ2SEQ,
    WindowRegressorMixin,
)
from skrnn._validation import check_positive_int
from skrnn.models._checks import (
    WindowScoreMixin,
    check_training_data,
    check_windows,
)
from skrnn.models._docstrings import document_parameters

# SARIMAX arguments that are parameters of the estimator or fixed by it.
_RESERVED_MODEL_KWARGS = frozenset(
    {"endog", "exog", "order", "seasonal_order", "trend"}
)
_TRENDS = (None, "n", "c")
# float32 windows (make_windows' zero-copy views) are read as they are
_WINDOW_DTYPES = [np.float64, np.float32]
# values per block when windows are read in blocks (512 KiB of float64)
_BLOCK_VALUES = 1 << 16
# the arguments of SARIMAX(...).fit; other keys go to the optimizer
_FIT_ARGUMENTS = tuple(
    name
    for name, p in inspect.signature(SARIMAX.fit).parameters.items()
    if name != "self" and p.kind is not inspect.Parameter.VAR_KEYWORD
)
# statsmodels' warning (an error after 0.14, it says) for unknown optimizer options
_UNKNOWN_OPTIONS = "Keyword arguments have been passed to the optimizer"


def _column(X: np.ndarray, column: int) -> np.ndarray:
    """One column of 2-D or 3-D windows, as a view (no copy)."""
    return X if X.ndim == 2 else X[:, :, column]


def _blocks(n_rows: int, row_size: int):
    """Slices of rows, each block holding about ``_BLOCK_VALUES`` values."""
    step = max(1, _BLOCK_VALUES // max(row_size, 1))
    for start in range(0, n_rows, step):
        yield slice(start, min(start + step, n_rows))


def _check_int_tuple(value: Any, name: str, length: int, fields: str) -> tuple:
    expected = f"{name} must be a tuple of {length} non-negative ints {fields}"
    if isinstance(value, (str, bytes)) or not isinstance(value, (Sequence, np.ndarray)):
        raise TypeError(f"{expected}, got {value!r}.")
    if len(value) != length:
        raise ValueError(f"{expected}, got {value!r}.")
    try:
        return tuple(check_positive_int(v, name, minimum=0) for v in value)
    except (TypeError, ValueError):
        raise ValueError(f"{expected}, got {value!r}.") from None


def _join_segments(
    windows: np.ndarray, targets: np.ndarray, gap: int
) -> tuple[np.ndarray, int]:
    """Rebuild the series that the windows and their targets were cut from.

    Segment ``i`` is window ``i`` followed by its targets. Segment ``i + 1``
    continues segment ``i`` with stride ``s`` when its first values equal
    the last ones of segment ``i`` shifted by ``s`` (the smallest such ``s``
    is taken); it then adds its last ``s`` values to the series. Any other
    segment starts a new contiguous one, preceded by ``gap`` missing values
    (NaN).

    The segments are built and compared in blocks of rows, so that no copy
    of all the windows is made (``windows`` may be a float32 view).

    Parameters
    ----------
    windows : ndarray of shape (n, window_length)
    targets : ndarray of shape (n, horizon)

    Returns
    -------
    series : ndarray of shape (n_timesteps,)
    n_segments : int
    """
    n = len(windows)
    width = windows.shape[1] + targets.shape[1]

    def segments(rows: slice) -> np.ndarray:
        return np.concatenate(
            [np.asarray(windows[rows], dtype=np.float64), targets[rows]], axis=1
        )

    shift = np.zeros(max(n - 1, 0), dtype=int)
    for rows in _blocks(n - 1, width):
        block = segments(slice(rows.start, rows.stop + 1))
        undecided = np.arange(len(block) - 1)
        for s in range(1, width):
            if not undecided.size:
                break
            match = np.all(block[undecided, s:] == block[undecided + 1, : width - s], 1)
            shift[rows.start + undecided[match]] = s
            undecided = undecided[~match]
    # segment r (r >= 1) adds its last s values, or a gap and all its values
    added = np.where(shift > 0, shift, gap + width)
    ends = width + np.cumsum(added)  # end of segment r + 1 in the series
    series = np.full(int(ends[-1]) if n > 1 else width, np.nan)
    series[:width] = segments(slice(0, 1))[0]
    for rows in _blocks(n - 1, width):
        block = segments(slice(rows.start + 1, rows.stop + 1))
        block_shift, block_ends = shift[rows], ends[rows]
        for s in np.unique(block_shift):
            picked = np.flatnonzero(block_shift == s)
            k = int(s) if s else width
            positions = block_ends[picked, None] - k + np.arange(k)
            series[positions] = block[picked, width - k :]
    return series, int(np.count_nonzero(shift == 0)) + 1


def _diffuse_variance(X: np.ndarray, columns: Sequence[int]) -> float:
    """The prior variance of the approximate diffuse initial state.

    statsmodels' default, 1e6, is diffuse only for data of about unit scale:
    for riders per day (values ~5e5) it pulls the first states of every
    window towards 0 and bends the forecasts. Scaled by the variance of the
    target values (read from at most ~1,000 windows), it is diffuse for any
    units, and stays 1e6 for data of unit scale.
    """
    step = max(1, len(X) // 1000)
    sample = np.concatenate([_column(X, c)[::step].ravel() for c in columns])
    return 1e6 * max(1.0, float(np.var(sample, dtype=np.float64)))


def _filter_forecast(spec: dict, params: np.ndarray, window: np.ndarray, horizon: int):
    """statsmodels' forecast from one window with fixed parameters."""
    results = SARIMAX(window, **spec).filter(params, cov_type="none")
    return np.asarray(results.forecast(horizon))


def _affine_map(
    spec: dict,
    params: np.ndarray,
    probe: np.ndarray,
    checks: Sequence[np.ndarray],
    horizon: int,
) -> tuple[np.ndarray, np.ndarray] | None:
    """Weights ``A`` (horizon, L) and offset ``b`` (horizon,) with
    forecast(window) = ``A @ window + b``, or None where that does not hold.

    ``A`` comes from statsmodels' smoothed-state weights of the observations
    (``compute_smoothed_state_weights``) on the ``horizon`` missing points
    appended to ``probe``; ``b`` is the probe's forecast minus ``A @ probe``.
    The map is then checked against statsmodels' own forecast from each of
    the ``checks`` windows.
    """
    length = len(probe)
    endog = np.concatenate([probe, np.full(horizon, np.nan)])
    future = np.arange(length, length + horizon)
    try:
        with np.errstate(all="ignore"):
            results = SARIMAX(endog, **spec).smooth(params, cov_type="none")
            weights = compute_smoothed_state_weights(
                results,
                compute_t=future,
                compute_j=np.arange(length),
                compute_prior_weights=False,
            )[0][..., 0]  # (horizon, L, k_states)
    except (ArithmeticError, ValueError, NotImplementedError, np.linalg.LinAlgError):
        return None
    design = np.asarray(results.model["design"])  # (1, k_states[, nobs])
    design = design[0][:, future].T if design.ndim == 3 else design[0][None, :]
    A = np.einsum(
        "tm,tjm->tj", np.broadcast_to(design, (horizon, design.shape[1])), weights
    )
    b = np.asarray(results.forecasts)[0, length:] - A @ probe
    if not (np.all(np.isfinite(A)) and np.all(np.isfinite(b))):
        return None
    for window in checks:
        exact = _filter_forecast(spec, params, window, horizon)
        scale = max(np.max(np.abs(window)), np.max(np.abs(exact)), 1.0)
        if not np.allclose(A @ window + b, exact, rtol=1e-7, atol=1e-9 * scale):
            return None
    return A, b


@document_parameters()
class SARIMARegressor(
    WindowRegressorMixin, WindowScoreMixin, RegressorMixin, BaseEstimator
):
    """Seasonal ARIMA forecasts from windows, with parameters estimated once.

    ``fit`` estimates the parameters of a statsmodels
    :class:`~statsmodels.tsa.statespace.sarimax.SARIMAX` model once, on the
    series the training windows were cut from; ``predict`` runs the Kalman
    filter over each window with those fixed parameters and forecasts 1 or
    ``horizon`` steps (no refit), so that the model scores on the same
    windows as the other window regressors.

    The series is rebuilt from the windows and their targets: window ``i``
    followed by ``y[i]`` is a stretch of the series, and the stretch of
    window ``i + 1`` continues it when the two overlap (stride-1 windows from
    :func:`skrnn.make_windows`, or any stride shorter than a stretch). Where a
    stretch does not continue the previous one (shuffled or subsampled
    windows, or gaps), a new contiguous segment begins after
    ``window_length + horizon`` missing values (NaN): the Kalman filter
    treats them as unobserved, so every observed value enters the likelihood
    once, but the first values of a segment are predicted from the previous
    segment across the gap. ``n_segments_`` tells how many segments were found.

    Prediction uses an exact fast path: with fixed parameters the Kalman
    filter's forecast from a window of fixed length is an affine function of
    the window, ``forecast = X @ forecast_weights_.T + forecast_offset_``
    (statsmodels' default initialisation of SARIMAX, stationary and
    approximate diffuse parts, does not depend on the data). The weights are
    computed once at fit and checked against statsmodels' own per-window
    forecast (``concentrate_scale=True``, ``measurement_error=True`` and
    ``enforce_stationarity=False`` pass it); where the check fails (for
    instance ``use_exact_diffuse=True``, whose weights statsmodels does not
    provide) a warning says so and each window is filtered separately.

    Only the target column(s) of multivariate windows are used, each with
    its own univariate model; the other features are ignored.

    The windows must reach as far back as the model: at least
    ``d + D*s + max(p + P*s, q + Q*s)`` time steps (differencing plus the
    longest AR or MA lag), otherwise ``fit`` refuses them (a seasonal lag
    beyond the window would only ever see the filter's prior, and the
    forecasts would fall back to the mean). A one-step ``y`` (or the first
    step of a direct ``Y``) must be the value right after each window where
    consecutive windows show it (see
    :func:`skrnn.models._time_order.check_target_continues`): a target
    several steps ahead, as ``MultiOutputRegressor`` passes it, is refused.
    Float32 windows are read in blocks, without a float64 copy of ``X``.

    The statsmodels work (estimation, per-window filtering or refits) runs
    with BLAS limited to one thread (``threadpoolctl``): its matrices are a
    few states wide, and extra BLAS threads only add synchronisation (on a
    loaded 2-core machine, one likelihood evaluation took 23 ms with two
    threads and 1.6 ms with one).

    Parameters
    ----------
    order : tuple of 3 int, default=(1, 0, 0)
        ``(p, d, q)``: AR order, differences, MA order.
    seasonal_order : tuple of 4 int, default=(0, 0, 0, 0)
        ``(P, D, Q, s)``: seasonal AR order, seasonal differences, seasonal
        MA order, season length (``s >= 2`` when any of P, D, Q is non-zero).
    trend : {None, "n", "c"}, default=None
        ``"c"`` adds a constant; None and ``"n"`` mean none. Time trends are
        not offered: a window carries no absolute time.
    target_index : int or sequence of int, default=0
        Target column(s) of 3-D windows. With an int, ``y`` is one-step
        ``(n_windows,)`` or direct ``(n_windows, horizon)`` (a 2-D ``y`` is
        always a horizon of one target). With a sequence of ``n_targets``
        ints, ``y`` is ``(n_windows, n_targets)`` one-step or
        ``(n_windows, horizon, n_targets)`` direct, and each target column
        gets its own model. seq2seq targets are not supported.
    refit : bool, default=False
        Estimate the parameters again on every window in ``predict``
        (``SARIMAX(window).fit()``, statsmodels' default start values), as
        a slow reference for the fixed-parameter forecasts.
    model_kwargs : dict or None, default=None
        Further ``SARIMAX`` arguments, e.g. ``{"enforce_stationarity": False}``
        or ``{"concentrate_scale": True}``. ``endog``, ``exog``, ``order``,
        ``seasonal_order`` and ``trend`` are set by the estimator, and
        ``simple_differencing=True`` is refused (it forecasts the differenced
        series).
    fit_kwargs : dict or None, default=None
        Arguments of ``SARIMAX(...).fit``, e.g. ``{"maxiter": 100}``;
        ``disp=False`` and ``cov_type="none"`` (no parameter covariance,
        which is not kept) unless given. Other keys are options of the
        optimizer (``method``); a key that neither ``fit`` nor the optimizer
        accepts (a typo such as ``"maxitr"``) is refused.

    Attributes
    ----------
    params_ : ndarray of shape (n_params,) or (n_targets, n_params)
        Estimated parameters (2-D for a sequence ``target_index``). With
        ``refit=True`` they are the training fit's; ``predict`` estimates
        its own on every window.
    param_names_ : list of str
        Names of the parameters, as statsmodels gives them.
    llf_, aic_, bic_ : float or ndarray of shape (n_targets,)
        Log-likelihood and information criteria of the fit.
    n_segments_ : int or ndarray of shape (n_targets,)
        Contiguous segments found in the training windows (1 for consecutive
        windows).
    forecast_weights_ : ndarray of shape (horizon, window_length) or \
(n_targets, horizon, window_length), or None
        ``A`` of the fast path; None with ``refit=True`` or where the fast
        path does not hold.
    forecast_offset_ : ndarray of shape (horizon,) or (n_targets, horizon), or None
        ``b`` of the fast path.
    model_spec_ : dict
        The ``SARIMAX`` arguments used (order, seasonal order, trend and
        ``model_kwargs``), and ``initial_variance``: the variance of the
        approximate diffuse initial state, statsmodels' 1e6 times the
        variance of the target values when that is above 1 (so that the
        forecasts do not depend on the units of the data), unless
        ``model_kwargs`` sets it.
    n_features_in_ : int
        Window length (the second axis of ``X``, as scikit-learn counts it).
    window_length_, n_window_features_, windows_ndim_ : int
        Shape of the training windows.
    horizon_ : int
        Forecast steps per window.
    target_shape_ : tuple of int
        Shape of one window's target, ``y.shape[1:]`` at fit.
    target_columns_ : list of int
        The target columns of the windows.

    Notes
    -----
    The window-regressor contract (:class:`skrnn._contract.WindowRegressorMixin`):
    :meth:`window_settings` sets ``target_index`` for the one-step and
    direct layouts and refuses seq2seq; :attr:`differences_target` is True
    when ``d > 0`` or ``D > 0`` (the model differences the series itself,
    so a forecaster must not difference it again); :meth:`predict_windows`
    forecasts from windows that are already checked, without checking them
    again; ``fit`` takes no ``validation_data``
    (:attr:`takes_validation_data` is False).

    Examples
    --------
    >>> import numpy as np
    >>> from skrnn.models._sarima import SARIMARegressor
    >>> rng = np.random.default_rng(0)
    >>> series = np.zeros(300)
    >>> for t in range(1, 300):
    ...     series[t] = 0.7 * series[t - 1] + rng.normal()
    >>> X = np.lib.stride_tricks.sliding_window_view(series[:-1], 20)
    >>> y = series[20:]
    >>> model = SARIMARegressor(order=(1, 0, 0)).fit(X, y)
    >>> model.param_names_
    ['ar.L1', 'sigma2']
    >>> bool(abs(model.params_[0] - 0.7) < 0.1)
    True
    >>> np.allclose(model.predict(X[:3]), model.params_[0] * X[:3, -1])
    True
    """

    def __init__(
        self,
        order: tuple[int, int, int] = (1, 0, 0),
        seasonal_order: tuple[int, int, int, int] = (0, 0, 0, 0),
        trend: str | None = None,
        *,
        target_index: int | Sequence[int] = 0,
        refit: bool = False,
        model_kwargs: dict | None = None,
        fit_kwargs: dict | None = None,
    ):
        self.order = order
        self.seasonal_order = seasonal_order
        self.trend = trend
        self.target_index = target_index
        self.refit = refit
        self.model_kwargs = model_kwargs
        self.fit_kwargs = fit_kwargs

    # -- window-regressor contract -------------------------------------------

    def window_settings(
        self, *, target_index: int | Sequence[int], layout: str
    ) -> dict:
        if layout == SEQ2SEQ:
            raise ValueError(
                f"{type(self).__name__} does not support the {SEQ2SEQ!r} layout "
                "(targets (n_windows, window_length, horizon)); use the one-step "
                "or direct layout (strategy='recursive' or 'direct')."
            )
        return {"target_index": target_index}

    @property
    def differences_target(self) -> bool:
        """Whether the model differences the series itself (``d > 0`` or ``D > 0``)."""
        order = _check_int_tuple(self.order, "order", 3, "(p, d, q)")
        seasonal = _check_int_tuple(
            self.seasonal_order, "seasonal_order", 4, "(P, D, Q, s)"
        )
        return order[1] > 0 or seasonal[1] > 0

    # -- parameters --------------------------------------------------------

    def _model_spec(self) -> dict:
        """Validated ``SARIMAX`` keyword arguments (without the data)."""
        order = _check_int_tuple(self.order, "order", 3, "(p, d, q)")
        seasonal = _check_int_tuple(
            self.seasonal_order, "seasonal_order", 4, "(P, D, Q, s)"
        )
        if any(seasonal[:3]) and seasonal[3] < 2:
            raise ValueError(
                "seasonal_order needs a season length s >= 2 when P, D or Q is "
                f"non-zero, got seasonal_order={self.seasonal_order!r}."
            )
        if self.trend not in _TRENDS:
            raise ValueError(
                f"trend must be None, 'n' or 'c', got {self.trend!r} (time trends "
                "are not supported: a window carries no absolute time)."
            )
        extra = _check_kwargs(self.model_kwargs, "model_kwargs")
        reserved = sorted(_RESERVED_MODEL_KWARGS.intersection(extra))
        if reserved:
            raise ValueError(
                f"model_kwargs may not set {reserved}; they are set by "
                f"{type(self).__name__} (order, seasonal_order and trend are its "
                "parameters)."
            )
        if extra.get("simple_differencing"):
            raise ValueError(
                "model_kwargs may not set simple_differencing=True: the model would "
                "forecast the differenced series instead of the series."
            )
        return {
            **extra,
            "order": order,
            "seasonal_order": seasonal,
            "trend": "n" if self.trend is None else self.trend,
        }

    def _fit_options(self) -> dict:
        options = {"disp": False, "cov_type": "none"}
        return {**options, **_check_kwargs(self.fit_kwargs, "fit_kwargs")}

    def _fit_model(self, model: SARIMAX, options: dict):
        """``model.fit(**options)``, refusing options that nothing accepts."""
        unknown = sorted(set(options) - set(_FIT_ARGUMENTS))
        if not unknown:
            return model.fit(**options)
        # keys beyond fit's own arguments go to the optimizer, whose check
        # statsmodels only warns about (before optimising): make it an error
        with warnings.catch_warnings():
            warnings.filterwarnings(
                "error", message=_UNKNOWN_OPTIONS, category=FutureWarning
            )
            try:
                return model.fit(**options)
            except FutureWarning as warning:
                text = str(warning)
                allowed = text.split(" is: ", 1)[-1].split(". ", 1)[0]
                method = options.get("method", "lbfgs")
                hints = [
                    f"{key!r} -> {close[0]!r}"
                    for key in unknown
                    if (close := difflib.get_close_matches(key, _FIT_ARGUMENTS, 1))
                ]
                hint = f" Did you mean {', '.join(hints)}?" if hints else ""
                raise ValueError(
                    f"fit_kwargs has key(s) {unknown} that SARIMAX.fit does not "
                    f"accept: its arguments are {', '.join(_FIT_ARGUMENTS)}, and "
                    f"the options of the optimizer method={method!r} are "
                    f"{allowed}.{hint}"
                ) from None

    # -- fit ---------------------------------------------------------------

    def fit(self, X: Any, y: Any) -> SARIMARegressor:
        """Estimate the parameters on the series the windows came from.

        Parameters
        ----------
        %(training_windows)s
        y : array-like of shape (n_windows,), (n_windows, horizon), \
(n_windows, n_targets) or (n_windows, horizon, n_targets)
            Targets, read as described under ``target_index``.

        Returns
        -------
        self : SARIMARegressor
        """
        spec = self._model_spec()
        fit_options = self._fit_options()
        if not isinstance(self.refit, (bool, np.bool_)):
            raise TypeError(f"refit must be a bool, got {self.refit!r}.")
        X, y, columns, is_sequence, layout = check_training_data(
            self, X, y, dtype=_WINDOW_DTYPES, allow_seq2seq=False
        )
        length = self.window_length_
        horizon = 1 if layout == ONE_STEP else y.shape[1]
        targets = y.reshape(len(y), horizon, len(columns))

        if "initial_variance" not in spec:
            spec["initial_variance"] = _diffuse_variance(X, columns)

        # statsmodels' state-space matrices are tiny: one BLAS thread is faster
        with threadpool_limits(limits=1, user_api="blas"):
            fits = []
            for k, column in enumerate(columns):
                windows = _column(X, column)  # (n, L), a view
                series, n_segments = _join_segments(
                    windows, targets[:, :, k], gap=length + horizon
                )
                model = SARIMAX(series, **spec)
                if k == 0:
                    self._check_window_length(model, spec)
                fits.append((self._fit_model(model, fit_options), n_segments))
            params = np.stack([np.asarray(res.params, np.float64) for res, _ in fits])
            maps = None
            if not self.refit:
                maps = []
                for k, column in enumerate(columns):
                    windows = _column(X, column)
                    first = np.asarray(windows[0], dtype=np.float64)
                    last = np.asarray(windows[-1], dtype=np.float64)
                    maps.append(
                        _affine_map(
                            spec,
                            params[k],
                            probe=first,
                            checks=[last, first[::-1]],
                            horizon=horizon,
                        )
                    )
        if maps is not None and any(m is None for m in maps):
            warnings.warn(
                f"{type(self).__name__}: no exact affine forecast map for the model "
                f"{spec} (statsmodels gives no observation weights for it, or they "
                "do not reproduce its forecasts); predict filters every window "
                "separately, which is slower.",
                UserWarning,
                stacklevel=2,
            )
            maps = None

        def pick(values):
            values = np.asarray(values)
            return values if is_sequence else values[0]

        self.params_ = pick(params)
        self.param_names_ = list(fits[0][0].model.param_names)
        self.llf_ = pick([float(res.llf) for res, _ in fits])
        self.aic_ = pick([float(res.aic) for res, _ in fits])
        self.bic_ = pick([float(res.bic) for res, _ in fits])
        self.n_segments_ = pick([n for _, n in fits])
        if not is_sequence:
            self.llf_, self.aic_, self.bic_ = map(
                float, (self.llf_, self.aic_, self.bic_)
            )
            self.n_segments_ = int(self.n_segments_)
        self.forecast_weights_ = None if maps is None else pick([a for a, _ in maps])
        self.forecast_offset_ = None if maps is None else pick([b for _, b in maps])
        self.model_spec_ = spec
        self.horizon_ = horizon
        self.target_shape_ = y.shape[1:]
        self.target_columns_ = columns
        return self

    def _check_window_length(self, model: SARIMAX, spec: dict) -> None:
        """Raise when the windows are too short for the model.

        A forecast from a window reaches back ``d + D*s`` steps of
        differencing plus the longest AR lag ``p + P*s`` or MA lag
        ``q + Q*s`` (at least one step); a lag beyond the window would only
        see the Kalman filter's prior.
        """
        p, d, q = spec["order"]
        P, D, Q, s = spec["seasonal_order"]
        n_diff = d + D * s
        reach = max(p + P * s, q + Q * s, 1)
        needed = n_diff + reach
        reason = (
            f"d + D*s = {d} + {D}*{s} = {n_diff} for the differencing plus "
            f"max(p + P*s, q + Q*s, 1) = max({p} + {P}*{s}, {q} + {Q}*{s}, 1) = "
            f"{reach} for the longest AR or MA lag"
        )
        if self.refit and n_diff + model.k_params + 1 > needed:
            needed = n_diff + model.k_params + 1
            reason += (
                f", and d + D*s + n_params + 1 = {n_diff} + {model.k_params} + 1 = "
                f"{needed} to re-estimate the parameters on each window "
                "(refit=True)"
            )
        if self.window_length_ >= needed:
            return
        seasonal = any(spec["seasonal_order"][:3]) and (
            self.window_length_ >= d + max(p, q, 1)
        )
        culprit = (
            f"seasonal_order {spec['seasonal_order']} (lags in seasons of s={s} "
            f"steps) with order {spec['order']}"
            if seasonal
            else f"order {spec['order']} with seasonal_order {spec['seasonal_order']}"
        )
        raise ValueError(
            f"The windows are too short for {culprit}: window_length="
            f"{self.window_length_}, but forecasting from a window needs at least "
            f"{needed} time steps: {reason}. A lag beyond the window only sees the "
            "filter's prior, so the forecasts would fall back to the mean. Use "
            f"windows of at least {needed} time steps, or a smaller order or "
            "seasonal_order."
        )

    # -- predict -----------------------------------------------------------

    def predict(self, X: Any) -> np.ndarray:
        """Forecast 1 or ``horizon`` steps from each window.

        Parameters
        ----------
        %(windows)s

        Returns
        -------
        y_pred : ndarray of float64
            Shaped like one training target per window: ``(n_windows,)``,
            ``(n_windows, horizon)``, ``(n_windows, n_targets)`` or
            ``(n_windows, horizon, n_targets)``.
        """
        check_is_fitted(self)
        X = check_windows(self, X, reset=False, dtype=_WINDOW_DTYPES)
        return self.predict_windows(X)

    def predict_windows(self, X: np.ndarray) -> np.ndarray:
        X = np.asarray(X)
        n_targets = len(self.target_columns_)
        params = np.reshape(self.params_, (n_targets, -1))
        spec = self.model_spec_
        y_pred = np.empty((len(X), self.horizon_, n_targets))
        if self.forecast_weights_ is not None:
            A = np.reshape(self.forecast_weights_, (n_targets, self.horizon_, -1))
            b = np.reshape(self.forecast_offset_, (n_targets, self.horizon_))
            for k, column in enumerate(self.target_columns_):
                windows = _column(X, column)
                # in blocks: no float64 copy of all the (float32) windows
                for rows in _blocks(len(X), X.shape[1]):
                    block = np.asarray(windows[rows], dtype=np.float64)
                    y_pred[rows, :, k] = block @ A[k].T + b[k]
            return y_pred.reshape((len(X), *self.target_shape_))
        with threadpool_limits(limits=1, user_api="blas"):
            for k, i in np.ndindex(n_targets, len(X)):
                column = self.target_columns_[k]
                window = np.asarray(_column(X, column)[i], dtype=np.float64)
                if self.refit:
                    results = SARIMAX(window, **spec).fit(**self._fit_options())
                    y_pred[i, :, k] = results.forecast(self.horizon_)
                else:
                    y_pred[i, :, k] = _filter_forecast(
                        spec, params[k], window, self.horizon_
                    )
        return y_pred.reshape((len(X), *self.target_shape_))


def _check_kwargs(value: Any, name: str) -> dict:
    if value is None:
        return {}
    if not isinstance(value, Mapping):
        raise TypeError(f"{name} must be a dict or None, got {value!r}.")
    return dict(value)
