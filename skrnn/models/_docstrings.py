"""Docstring entries shared by skrnn's window regressors and classifier.

Each shared parameter is documented once here, and
:func:`document_parameters` writes the entries into every class and method
docstring that names them (a line ``%(name)s``), so that each estimator's API
page lists all of its parameters.
"""

from __future__ import annotations

from collections.abc import Callable

from skrnn._docstrings import shared_docstring

__all__ = [
    "CELL_OPTIONS",
    "CONTRACT_NOTES",
    "ENTRIES",
    "FITTED_ATTRIBUTES",
    "KERAS_EXTRAS",
    "RECURRENT_ATTRIBUTES",
    "RECURRENT_LAYERS",
    "RECURRENT_OPTIONS",
    "TRAINING_PARAMETERS",
    "TRAINING_WINDOWS",
    "WINDOWS",
    "document_parameters",
]

#: numpydoc entry of the windows ``X`` that ``fit`` trains on (the line
#: ``%(training_windows)s``).
TRAINING_WINDOWS = """\
    X : array-like of shape (n_windows, window_length) or \
(n_windows, window_length, n_features)
        Training windows; 2-D means one feature.
"""

#: numpydoc entry of the windows ``X`` that ``predict`` and ``score`` take
#: (the line ``%(windows)s``).
WINDOWS = """\
    X : array-like of shape (n_windows, window_length) or \
(n_windows, window_length, n_features)
        Windows shaped like the training windows.
"""

#: numpydoc entries of the Keras training extras (the line
#: ``%(keras_extras)s``), of the Keras regressors and the classifier.
KERAS_EXTRAS = """\
    warm_start : bool, default=False
        Keep the weights of a previous fit and continue training.
    metrics : list, dict, str, callable or None, default=None
        Extra Keras metrics logged in ``history_``.
    callbacks : list, dict, keras callback or None, default=None
        Extra Keras callbacks for ``fit``.
"""

#: The numpydoc entries of the parameters every Keras window regressor has
#: (the line ``%(training_parameters)s`` of a docstring, see
#: :func:`document_parameters`).
TRAINING_PARAMETERS = """\
    loss : {"mse", "mae", "huber"} or callable, default="mae"
        Training loss. The mean absolute error fits the median forecast,
        which the forecast metrics (MAE, MASE, sMAPE) score.
    optimizer : str or keras optimizer, default="adam"
        A Keras optimizer name ("adam", "sgd", "rmsprop", ...), class or
        instance. Names and classes get ``learning_rate`` and ``momentum``;
        other optimizer arguments route as ``optimizer__<name>=value``.
    learning_rate : float, default=1e-3
        Learning rate of a named optimizer.
    momentum : float, default=0.0
        Momentum for "sgd" and "rmsprop" (an error for optimizers without one
        when non-zero).
    epochs : int, default=200
        Maximum number of passes over the training windows (the budget;
        early stopping usually ends training well before it).
    batch_size : int, default=32
        Windows per gradient step.
    validation_fraction : float, default=0.2
        Fraction of the (time-ordered) windows held out for early stopping.
        In a :class:`skrnn.WindowForecaster` with ``validation_size="auto"``,
        the fraction of the time steps held out at the end of every series.
        A fifth rather than a tenth: the windows of one series are strongly
        correlated, and a longer validation period gives early stopping a
        steadier signal (measured in the neural networks guide).
    early_stopping : bool, default=True
        Stop when the validation loss has not improved for ``patience``
        epochs and restore the best weights. The validation windows are the
        last ``validation_fraction`` of the windows; the windows whose inputs
        or targets overlap both sides of the split are dropped: the last
        ``ceil(validation_fraction * n_windows)`` windows validate, and the
        ``window_length + width - 1`` windows before them (``width`` = the
        number of target steps per window, 1 for one-step targets) are not
        used, so that no time step is on both sides (a random split of
        overlapping windows would leak the validation targets into
        training). A ``validation_data=(X_val, y_val)`` passed to ``fit`` is
        used instead of the split; with a ``validation_error`` callable too
        (:class:`skrnn.WindowForecaster` passes one), early stopping watches
        that error of the forecasts in the series' units
        (``val_forecast_error`` in ``history_``) instead of the loss. Too few
        windows for the split: a warning, and ``epochs`` of training
        without early stopping.
    patience : int, default=10
        Epochs without improvement before early stopping.
    window_norm : {"auto", None, "last", "mean", "standard"}, default="auto"
        Reversible per-window normalisation: subtract each window's last
        value (or mean; or standardise by its mean and standard deviation)
        from the target column(s) of the window and from its targets, and add
        it back to the predictions. Lets a network forecast a series whose
        level drifts beyond the training range, and makes it indifferent to
        the units of the data. "auto" is "standard" (``window_norm_``): the
        network sees every window on the same scale, whatever the level and
        spread of the series. None trains on raw levels. With
        ``differences``, applied to the differenced windows and targets.
    input_noise : float or "auto", default="auto"
        Standard deviation of the Gaussian noise added to the network's
        input windows during training only
        (:class:`keras.layers.GaussianNoise`, after ``window_norm`` and
        ``differences``, so in the units the network sees). A regulariser
        that keeps a forecast from hanging on single days of its window,
        such as a storm or an outage. "auto" is 0.3 where every column the
        network sees is standardised per window (``window_norm`` "standard",
        the default, with one column or ``window_norm_features=True``) and 0
        otherwise, where a column keeps its own units; the value used is
        ``input_noise_``. 0 adds none.
    seasonal_baseline : int, "auto" or None, default="auto"
        Seasonal period ``m`` of a baseline that the network corrects: the
        network's output is added to the median of the window's values at
        the same point of the season over its last ``min(6, L // m)``
        seasons (for daily data, ``m=7``: the median of the last six values
        on the same weekday), so the network learns the deviation from a
        forecast that one holiday, storm or outage in the window hardly
        moves. Computed inside the network on the windows it sees (after
        ``window_norm``, before ``input_noise``); one-step and direct
        targets, windows of at least 3 seasons, no ``differences``. "auto"
        uses the ``seasonal_period`` given to ``fit``
        (:class:`skrnn.WindowForecaster` gives the period of its time index
        where the training series pass the M4 seasonality test) and no
        baseline where there is none or it cannot apply; the period used is
        ``seasonal_baseline_``. None: no baseline.
    correction_weight : float in [0, 1] or "auto", default="auto"
        Weight of the network's correction to the seasonal baseline in the
        forecast: ``baseline + correction_weight * network output``.
        Training always fits the full correction; the weight is set after
        every ``fit``. "auto" takes, of 0, 0.25, 0.5, 0.75 and 1, the one
        whose forecasts of the validation windows have the lowest
        ``validation_error`` (ties: the larger), so a network whose
        correction is mostly noise is shrunk towards the baseline; 1 where
        ``fit`` got no ``validation_error`` (:class:`skrnn.WindowForecaster`
        passes one with its validation split) or with ``quantiles``. The
        weight used is ``correction_weight_``. No effect without a baseline.
    differences : tuple of int, default=()
        Difference lags of the target column(s), applied in order inside each
        window: ``(1,)`` removes a trend, ``(7,)`` a weekly season, ``(1, 7)``
        both. The network sees ``window_length - sum(differences)`` steps of
        differences (other columns trimmed to the same steps) and learns the
        differences at the target steps; its predictions are integrated back
        from the window's own values (cumulative for lag 1, seasonal for lag
        ``s``). Each lag and their sum must be < ``window_length``. Not for
        seq2seq targets (use ``window_norm`` there). () trains on levels.
    target_index : int or sequence of int, default=0
        Window column(s) that the targets measure (for ``window_norm`` and
        ``differences``); a sequence for one-step targets of several columns
        ``(n, n_targets)``.
    window_norm_features : bool, default=False
        With ``window_norm``, also standardise every other window column by
        its own per-window mean and standard deviation.
    seq2seq : bool or "auto", default="auto"
        Train on seq2seq targets ``(n, window_length, horizon)``: a forecast
        at every time step. "auto" takes a 3-D ``y`` whose second axis equals
        the window length as seq2seq.
    quantiles : array-like of float or None, default=None
        Quantile levels to forecast, e.g. ``(0.1, 0.5, 0.9)``: each strictly
        between 0 and 1, sorted, no duplicates. The output layer then gives
        one value per level for every target value, and the network trains on
        the pinball loss averaged over the levels (``loss`` must stay at its
        default, which is then unused). The levels never cross: the middle
        one (the level closest to 0.5, the lower one on a tie) is the base
        and the others add or subtract cumulative ``softplus`` increments.
        ``predict`` returns the middle level, so forecasters, strategies and
        ``score`` work unchanged; ``predict_quantiles`` returns every level
        on a last axis. ``window_norm`` and ``differences`` are undone on
        each level (with ``differences`` and direct targets, a step's level
        is the integrated sum of the differenced levels, a monotone but not
        exact quantile of the level). Extra ``metrics`` see the predictions
        with their last axis of levels. One-step and direct targets only,
        not seq2seq. None gives a point forecast.
    random_state : int, RandomState instance or None, default=None
        Seeds weight initialisation, shuffling and dropout. An int gives
        identical predictions from fit to fit.
    verbose : int, default=0
        Keras progress output: 0 silent, 1 progress bar, 2 one line per epoch.
    %(keras_extras)s
    shuffle : bool, default=True
        Shuffle the training windows every epoch.
    **kwargs
        Routed parameters, e.g. ``optimizer__nesterov=True`` or
        ``fit__validation_freq=2``.
"""

#: What every Keras window regressor does for the window-regressor contract
#: (the line ``%(contract)s`` of a docstring, see :func:`document_parameters`).
CONTRACT_NOTES = """\
    The window-regressor contract (:class:`skrnn._contract.WindowRegressorMixin`):
    :meth:`window_settings` sets ``target_index`` and ``seq2seq`` (True for
    the seq2seq layout, False otherwise); :attr:`differences_target` is True
    when ``differences`` is non-empty (the network differences its target
    column(s) itself, so a forecaster must not difference them again);
    :meth:`predict_windows` maps validated float32 windows to the network's
    output in the series' units (the whole output sequence for seq2seq
    models); ``fit`` takes ``validation_data=(X_val, y_val)`` for early
    stopping (:attr:`takes_validation_data` is True).
"""


#: numpydoc entries of the layer sizes of the recurrent regressors.
RECURRENT_LAYERS = """\
    hidden_layer_sizes : tuple of int, default=(32,)
        Units of each recurrent layer, bottom to top.
    dense_layer_sizes : tuple of int, default=()
        Units of ReLU dense layers between the last recurrent layer and the
        linear output layer.
"""

#: numpydoc entries of the options of the recurrent cells (the line
#: ``%(cell_options)s``), of the recurrent regressors and the classifier.
CELL_OPTIONS = """\
    activation : str, default="tanh"
        Activation of the recurrent cells.
    dropout : float, default=0.0
        Dropout rate on each recurrent layer's inputs.
    recurrent_dropout : float, default=0.0
        Dropout rate on the recurrent state.
"""

#: numpydoc entries of the cell options of the recurrent regressors.
RECURRENT_OPTIONS = """\
    %(cell_options)s
    bidirectional : bool, default=False
        Wrap every recurrent layer in :class:`keras.layers.Bidirectional`
        (a forward and a backward pass over the window, outputs
        concatenated, so each layer has ``2 * units`` outputs). Not allowed
        with seq2seq targets: the backward pass at time step ``t`` reads the
        inputs after ``t``, which are that step's targets.
    layer_norm : bool, default=False
        Use the layer-normalised variant of the cell, registered as
        ``"<cell>_layer_norm"``: layer normalisation of the linear
        combination of input and previous state, before the activation.
        Registered for the simple RNN cell
        (:class:`~skrnn.models.LayerNormSimpleRNN`, ``cell="simple_rnn"``).
"""

#: numpydoc entries of the fitted attributes every Keras window regressor has
#: (the line ``%(fitted_attributes)s`` of a docstring).
FITTED_ATTRIBUTES = """\
    model_ : keras.Model
        The trained network.
    history_ : dict of list
        Loss (and ``val_loss``, ``val_forecast_error``, metrics) per epoch.
    n_features_in_ : int
        Window length seen at fit (the second axis of ``X``).
    window_length_ : int
        Window length seen at fit.
    window_norm_ : str or None
        The per-window normalisation applied (``window_norm``, "auto"
        resolved).
    input_noise_ : float
        The standard deviation of the training noise on the input windows
        (``input_noise``, "auto" resolved).
    seasonal_baseline_ : int or None
        The period of the seasonal-median baseline (``seasonal_baseline``,
        "auto" resolved), None without one.
    correction_weight_ : float or None
        The weight of the network's correction to the seasonal baseline
        (``correction_weight``, "auto" resolved), None without a baseline.
"""

#: numpydoc entries of the fitted attributes of the recurrent regressors.
RECURRENT_ATTRIBUTES = """\
    %(fitted_attributes)s
    n_window_features_ : int
        Features per time step (1 for 2-D ``X``).
    seq2seq_ : bool
        Whether the model forecasts at every time step.
"""


#: The entries :func:`document_parameters` always knows, by marker name.
ENTRIES = {
    "training_parameters": TRAINING_PARAMETERS,
    "contract": CONTRACT_NOTES,
    "fitted_attributes": FITTED_ATTRIBUTES,
    "cell_options": CELL_OPTIONS,
    "keras_extras": KERAS_EXTRAS,
    "windows": WINDOWS,
    "training_windows": TRAINING_WINDOWS,
}


def document_parameters(**texts: str) -> Callable[[type], type]:
    r"""Class decorator: write shared docstring entries into a class docstring.

    Every line ``%(name)s`` of the docstring of the class, and of the methods
    defined in its body, is replaced by ``texts[name]``, indented like that
    line (and its own such lines in turn); the entries of :data:`ENTRIES`
    are always known. So every regressor's page lists all of its parameters
    while each entry is written once.

    Parameters
    ----------
    **texts : str
        Further numpydoc text by marker name.

    Returns
    -------
    callable
        The decorator; it returns the class, its docstring filled in.

    Examples
    --------
    >>> from skrnn.models._docstrings import document_parameters
    >>> class Model:
    ...     '''A model.
    ...
    ...     Parameters
    ...     ----------
    ...     %(size)s
    ...     '''
    >>> Model = document_parameters(size="size : int\n    Units.\n")(Model)
    >>> Model.__doc__.splitlines()[4:6]
    ['    size : int', '        Units.']
    """
    return shared_docstring(**ENTRIES, **texts)
