"""The model lineup of ``skrnn compare``.

Each model is a :class:`ModelSpec`: an estimator factory and the
:class:`~skrnn.forecasting.WindowForecaster` set-up that trains and
forecasts with it. Nothing here cuts windows or scales data: every model is
a ``WindowForecaster``, so whatever the forecaster gains reaches the lineup.

The Keras models train with their default setup (per-window scaling,
training noise on the scaled input windows, the MAE loss, Adam, early
stopping on the validation windows with the best weights kept) within the
comparison's ``epochs`` budget; the linear model takes a larger learning
rate (1e-2).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from sklearn.preprocessing import StandardScaler

from skrnn.forecasting import WindowForecaster
from skrnn.strategies import get_strategy

__all__ = [
    "DIRECT",
    "MODELS",
    "ONE_STEP",
    "QUICK_MODELS",
    "RECURSIVE",
    "SEQ2SEQ",
    "UNIVARIATE_STAND_INS",
    "ModelSpec",
]

ONE_STEP, DIRECT, RECURSIVE, SEQ2SEQ = "one-step", "direct", "recursive", "seq2seq"


@dataclass(frozen=True)
class ModelSpec:
    """One model of the lineup: an estimator factory and its forecaster set-up.

    Parameters
    ----------
    description : str
        Name shown in the leaderboard.
    strategy : {"one-step", "direct", "recursive", "seq2seq"}
        "one-step" models forecast the next step (a forecaster with
        ``strategy="direct"`` and ``horizon=1``); the others are forecasters
        with this ``strategy`` and the comparison's ``horizon``.
    multivariate : bool
        Whether the forecaster sees the feature columns (as extra columns of
        ``y``, with ``target=`` the target column) or the target alone.
    build : callable
        ``build(epochs, seed)`` returns an unfitted window regressor.
    forecaster_params : mapping, default={}
        Further :class:`~skrnn.forecasting.WindowForecaster` parameters of
        this model (e.g. ``{"differences": (7,)}``).

    Examples
    --------
    >>> from skrnn.models import NaiveRegressor
    >>> def naive(epochs, seed):
    ...     return NaiveRegressor(lag=7)
    >>> spec = ModelSpec("naive, lag 7", "one-step", False, naive)
    >>> forecaster = spec.forecaster(
    ...     window_length=14, horizon=7, target="units", epochs=1, seed=0
    ... )
    >>> forecaster.strategy, forecaster.horizon
    ('direct', 1)
    """

    description: str
    strategy: str
    multivariate: bool
    build: Callable[[int, int], Any] = field(repr=False)
    forecaster_params: Mapping[str, Any] = field(default_factory=dict, repr=False)

    @property
    def task(self) -> str:
        """``"one step"`` or ``"multi-step"`` (the leaderboard's sections)."""
        return "one step" if self.strategy == ONE_STEP else "multi-step"

    def steps_ahead(self, horizon: int) -> int:
        """Steps this model forecasts in a comparison with ``horizon``.

        Parameters
        ----------
        horizon : int
            Steps ahead of the comparison's multi-step models.

        Returns
        -------
        int
            1 for one-step models, else ``horizon``.
        """
        return 1 if self.strategy == ONE_STEP else horizon

    def train_steps(self, horizon: int) -> int:
        """Future steps each training window needs (1 for recursive training).

        Parameters
        ----------
        horizon : int
            As in :meth:`steps_ahead`.

        Returns
        -------
        int
        """
        params = self._params(horizon)
        return get_strategy(params["strategy"]).train_steps(params["horizon"])

    def forecaster(
        self,
        *,
        window_length: int,
        horizon: int,
        target: Any,
        epochs: int,
        seed: int,
        validation_size: int | None = None,
    ) -> WindowForecaster:
        """An unfitted forecaster of this model.

        Its regressor comes from :attr:`build`; it has this model's strategy
        with ``horizon`` (one-step models: ``"direct"`` with horizon 1), and
        :attr:`forecaster_params` on top.

        Parameters
        ----------
        window_length : int
            Time steps per window.
        horizon : int
            Steps ahead of the multi-step models.
        target : str or int
            The target column of ``y``.
        epochs, seed : int
            Passed to :attr:`build`.
        validation_size : int or None, default=None
            Steps held out at the end of ``y`` for validation (early stopping
            of the Keras models).

        Returns
        -------
        WindowForecaster
            Scaling every column of ``y`` with a
            :class:`~sklearn.preprocessing.StandardScaler` fitted before the
            held-out steps.
        """
        return WindowForecaster(
            self.build(epochs, seed),
            window_length,
            target=target,
            series_scaler=StandardScaler(),
            validation_size=validation_size,
            **self._params(horizon),
        )

    def _params(self, horizon: int) -> dict:
        if self.strategy == ONE_STEP:
            params = {"strategy": DIRECT, "horizon": 1}
        else:
            params = {"strategy": self.strategy, "horizon": horizon}
        return {**params, **self.forecaster_params}


def _keras(class_name: str, *args: Any, **params: Any):
    """Factory of a Keras regressor with its default training setup (per-window
    scaling, early stopping on the last windows in time), within a budget of
    ``epochs``."""

    def build(epochs: int, seed: int):
        from skrnn import models

        return getattr(models, class_name)(
            *args, epochs=epochs, random_state=seed, **params
        )

    return build


def _naive(epochs: int, seed: int):
    from skrnn.models import NaiveRegressor

    return NaiveRegressor(lag=7)


def _sarima(epochs: int, seed: int):
    from skrnn.models import SARIMARegressor

    return SARIMARegressor(order=(1, 0, 0), seasonal_order=(0, 1, 1, 7))


#: the window regressors that several models of the lineup share
_simple_rnn = _keras("SimpleRNNRegressor", (32,))
_gru = _keras("GRURegressor", (32,))
_conv_gru = _keras("ConvGRURegressor")
_wavenet = _keras("WaveNetRegressor")

#: model name -> specification; the default lineup of ``skrnn compare``
MODELS: dict[str, ModelSpec] = {
    "naive7": ModelSpec("naive, lag 7", ONE_STEP, False, _naive),
    "sarima": ModelSpec("SARIMA (1,0,0)(0,1,1,7)", ONE_STEP, False, _sarima),
    "linear": ModelSpec(
        "linear (Dense on all lags)",
        ONE_STEP,
        False,
        _keras("DenseRegressor", learning_rate=1e-2),  # a linear model: a larger step
    ),
    "rnn": ModelSpec("SimpleRNN(32)", ONE_STEP, False, _simple_rnn),
    "deep_rnn": ModelSpec(
        "3xSimpleRNN(32)", ONE_STEP, False, _keras("SimpleRNNRegressor", (32, 32, 32))
    ),
    "mv_rnn": ModelSpec("multivariate SimpleRNN(32)", ONE_STEP, True, _simple_rnn),
    "lstm": ModelSpec("LSTM(32)", ONE_STEP, False, _keras("LSTMRegressor", (32,))),
    "gru": ModelSpec("GRU(32)", ONE_STEP, False, _gru),
    "conv_gru": ModelSpec("Conv1D+GRU(32)", ONE_STEP, False, _conv_gru),
    "wavenet": ModelSpec("WaveNet", ONE_STEP, False, _wavenet),
    "naive7_h": ModelSpec("naive, lag 7", DIRECT, False, _naive),
    "sarima_h": ModelSpec("SARIMA (1,0,0)(0,1,1,7)", DIRECT, False, _sarima),
    "rnn_recursive_h": ModelSpec(
        "recursive SimpleRNN(32)", RECURSIVE, False, _simple_rnn
    ),
    "mv_rnn_direct_h": ModelSpec(
        "direct multivariate SimpleRNN(32)", DIRECT, True, _simple_rnn
    ),
    "gru_direct_h": ModelSpec("direct GRU(32)", DIRECT, False, _gru),
    "mv_gru_direct_h": ModelSpec("direct multivariate GRU(32)", DIRECT, True, _gru),
    "mv_gru_seq2seq_h": ModelSpec("seq2seq multivariate GRU(32)", SEQ2SEQ, True, _gru),
    "mv_conv_gru_seq2seq_h": ModelSpec(
        "seq2seq multivariate Conv1D+GRU", SEQ2SEQ, True, _conv_gru
    ),
    "mv_wavenet_seq2seq_h": ModelSpec(
        "seq2seq multivariate WaveNet", SEQ2SEQ, True, _wavenet
    ),
}

#: the lineup of ``skrnn compare --quick`` (``make demo``): both baselines, one
#: step and multi-step, against a few networks
QUICK_MODELS = (
    "naive7",
    "sarima",
    "linear",
    "lstm",
    "naive7_h",
    "sarima_h",
    "mv_gru_direct_h",
)

#: the model that takes a multivariate model's place in a default lineup on data
#: without feature columns (the other multivariate models are left out there)
UNIVARIATE_STAND_INS: dict[str, str] = {"mv_gru_direct_h": "gru_direct_h"}
