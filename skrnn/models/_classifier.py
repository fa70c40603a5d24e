"""Recurrent sequence classifier on scikeras.

Like :class:`~skrnn.models._base.BaseWindowRegressor`, the classifier sits on
scikeras' :class:`~scikeras.wrappers.BaseWrapper` with the scikit-learn mixin
(here :class:`~sklearn.base.ClassifierMixin`) first in the MRO: scikeras'
``KerasClassifier`` declares the mixin after ``BaseEstimator``, so under
scikit-learn >= 1.6 it reports no estimator type and fails
``check_mixin_order``. Labels are encoded with scikeras'
``ClassifierLabelEncoder``; seeding is done here (``skrnn.models._backend``)
rather than by scikeras.
"""

from __future__ import annotations

import numbers

import keras
import numpy as np
from scikeras._utils import (
    get_optimizer_class,
    try_to_convert_strings_to_classes,
)
from scikeras.utils.transformers import ClassifierLabelEncoder
from sklearn.base import ClassifierMixin
from sklearn.utils._param_validation import Interval, StrOptions
from sklearn.utils.multiclass import check_classification_targets
from sklearn.utils.validation import (
    check_array,
    check_consistent_length,
    column_or_1d,
    validate_data,
)

import skrnn.models._layer_norm  # noqa: F401 (registers the layer-norm cell)
from skrnn._validation import check_float32
from skrnn.models._cells import get_cell
from skrnn.models._checks import check_layer_sizes, check_sample_weight
from skrnn.models._docstrings import document_parameters
from skrnn.models._parameters import (
    FIT_OPTIONS,
    TRAINING_PARAMETERS,
    estimator_parameters,
)
from skrnn.models._recurrent import (
    CELL_CONSTRAINTS,
    CELL_PARAMETERS,
    cell_options,
    stack_recurrent_layers,
)
from skrnn.models._wrapper import LAYER_SIZES, TRAINING_CONSTRAINTS, KerasWrapper

ENCODINGS = frozenset({"auto", "float", "embedding", "one_hot"})

#: numpydoc entry of the sequences ``X`` of ``partial_fit`` and the predict
#: methods (the line ``%(sequences)s``).
SEQUENCES = """\
    X : array-like of shape (n_sequences, length) or \
(n_sequences, length, n_features), or list of arrays
        Sequences, as in :meth:`fit`.
"""


@estimator_parameters(
    positional={"hidden_layer_sizes": (32,), "dense_layer_sizes": ()},
    keyword={
        "cell": "lstm",
        "bidirectional": False,
        "encoding": "auto",
        "embedding_dim": 16,
        "vocabulary_size": None,
        "padding": "post",
        "pad_value": 0.0,
        **CELL_PARAMETERS,
    },
    shared={
        **TRAINING_PARAMETERS,
        "epochs": 50,
        "early_stopping": False,
        **FIT_OPTIONS,
    },
)
@document_parameters(sequences=SEQUENCES)
class RNNClassifier(ClassifierMixin, KerasWrapper):
    """Recurrent network that classifies whole sequences.

    Three kinds of input sequences:

    * float feature sequences: ``X`` of shape ``(n_sequences, length)`` (one
      feature per step) or ``(n_sequences, length, n_features)``;
    * integer token sequences ``(n_sequences, length)`` with tokens
      ``0 .. vocabulary_size_ - 1``, fed through a trainable
      :class:`keras.layers.Embedding` (``encoding="embedding"``) or one-hot
      encoded (``encoding="one_hot"``); the vocabulary size is inferred at
      fit as the largest token + 1 unless ``vocabulary_size`` is given;
    * variable-length sequences, given as a list of arrays (each
      ``(length_i,)`` or ``(length_i, n_features)``). They are padded to the
      longest one (``padding="post"`` appends, ``"pre"`` prepends) and the
      padded steps are masked, so the recurrent layers skip them. Token
      sequences are padded with an internal pad token that is not one of the
      user's tokens (every token ``0 .. vocabulary_size_ - 1`` is real). Float
      sequences are padded with ``pad_value`` (default 0.0), and a time step
      whose features all equal ``pad_value`` is masked (Keras
      :class:`~keras.layers.Masking`), so choose a ``pad_value`` that no real
      time step takes; float models fitted on equal-length arrays have no
      mask.

    The network: [embedding or one-hot] -> recurrent layers -> optional ReLU
    dense layers -> softmax over the classes; trained with sparse categorical
    cross-entropy.

    Parameters
    ----------
    hidden_layer_sizes : tuple of int, default=(32,)
        Units of each recurrent layer, bottom to top.
    dense_layer_sizes : tuple of int, default=()
        Units of ReLU dense layers before the softmax layer.
    cell : str, default="lstm"
        Name of the recurrent layer in the cell registry: "simple_rnn",
        "lstm", "gru", "simple_rnn_layer_norm", or a layer added with
        :func:`~skrnn.models.register_cell` (the registry of the recurrent
        regressors' ``cell``).
    bidirectional : bool, default=False
        Wrap every recurrent layer in :class:`keras.layers.Bidirectional`.
    encoding : {"auto", "float", "embedding", "one_hot"}, default="auto"
        How ``X`` is read: "float" features, integer tokens through an
        "embedding", or "one_hot" tokens. "auto" takes integer-typed ``X`` as
        tokens ("embedding") and anything else as float features.
    embedding_dim : int, default=16
        Size of the token embedding (``encoding="embedding"``).
    vocabulary_size : int or None, default=None
        Number of distinct tokens; None infers it at fit (largest token + 1).
    padding : {"post", "pre"} or None, default="post"
        Where variable-length sequences are padded; None rejects them.
    pad_value : float, default=0.0
        Padding (and mask) value of variable-length float sequences.
    %(cell_options)s
    optimizer : str or keras optimizer, default="adam"
        Keras optimizer name, class or instance.
    learning_rate : float, default=1e-3
        Learning rate of a named optimizer.
    momentum : float, default=0.0
        Momentum for "sgd" and "rmsprop".
    epochs : int, default=50
        Maximum number of passes over the training sequences.
    batch_size : int, default=32
        Sequences per gradient step.
    validation_fraction : float, default=0.1
        Fraction of the training sequences (the last ones) held out for early
        stopping.
    early_stopping : bool, default=False
        Stop when the validation loss has not improved for ``patience``
        epochs and restore the best weights.
    patience : int, default=10
        Epochs without improvement before early stopping.
    random_state : int, RandomState instance or None, default=None
        Seeds weight initialisation, shuffling and dropout.
    verbose : int, default=0
        Keras progress output.
    %(keras_extras)s
    shuffle : bool, default=True
        Shuffle the training sequences every epoch.
    **kwargs
        Routed parameters, e.g. ``optimizer__nesterov=True``.

    Attributes
    ----------
    model_ : keras.Model
        The trained network.
    history_ : dict of list
        Loss (and ``val_loss``, metrics) per epoch.
    classes_ : ndarray of shape (n_classes,)
        Class labels.
    n_classes_ : int
        Number of classes.
    encoding_ : {"float", "embedding", "one_hot"}
        How ``X`` is read.
    vocabulary_size_ : int or None
        Number of tokens (token encodings only).
    sequence_length_ : int or None
        Length of the training sequences; None when fitted on
        variable-length sequences (then any length is accepted).
    n_step_features_ : int
        Features per time step (1 for tokens and 2-D float ``X``).
    n_features_in_ : int
        Second axis of an array ``X`` seen at fit (the sequence length); not
        set when fitted on a list of variable-length sequences.

    Examples
    --------
    >>> import numpy as np
    >>> from skrnn.models._classifier import RNNClassifier
    >>> rng = np.random.RandomState(0)
    >>> X = rng.randint(0, 3, size=(60, 5))  # token sequences
    >>> y = np.where(X[:, -1] == 2, "two", "other")
    >>> clf = RNNClassifier((8,), epochs=2, random_state=0).fit(X, y)
    >>> clf.encoding_, clf.vocabulary_size_, clf.classes_.tolist()
    ('embedding', 3, ['other', 'two'])
    >>> clf.predict_proba(X[:2]).shape
    (2, 2)
    >>> ragged = [np.array([0, 1]), np.array([2, 2, 1, 0])]
    >>> clf2 = RNNClassifier((4,), epochs=1, random_state=0).fit(ragged, [0, 1])
    >>> clf2.predict([np.array([1, 2, 0])]).shape
    (1,)
    """

    # scikeras reads these attributes; here they are not parameters
    model = None
    build_fn = None

    _parameter_constraints: dict = {
        **TRAINING_CONSTRAINTS,
        "hidden_layer_sizes": LAYER_SIZES,
        "dense_layer_sizes": LAYER_SIZES,
        "cell": [str],
        "bidirectional": ["boolean"],
        "encoding": [StrOptions(ENCODINGS)],
        "embedding_dim": [Interval(numbers.Integral, 1, None, closed="left")],
        "vocabulary_size": [Interval(numbers.Integral, 1, None, closed="left"), None],
        "padding": [StrOptions({"post", "pre"}), None],
        "pad_value": [Interval(numbers.Real, None, None, closed="neither")],
        **CELL_CONSTRAINTS,
    }

    # -- scikeras plumbing -------------------------------------------------

    @property
    def target_encoder(self):
        classes = getattr(self, "_partial_fit_classes", None)
        return ClassifierLabelEncoder(
            loss="sparse_categorical_crossentropy",
            categories="auto" if classes is None else [classes],
        )

    def __sklearn_tags__(self):
        tags = super().__sklearn_tags__()
        tags.input_tags.three_d_array = True
        tags.target_tags.required = True
        tags.classifier_tags.poor_score = True
        return tags

    def _get_compile_kwargs(self) -> dict:
        optimizer = self.optimizer
        if isinstance(optimizer, (str, type)):
            optimizer = self._make_optimizer(
                try_to_convert_strings_to_classes(optimizer, get_optimizer_class)
            )
        return {
            "optimizer": optimizer,
            "loss": "sparse_categorical_crossentropy",
            "metrics": self.metrics,
        }

    # -- input validation --------------------------------------------------

    def _validate_data(self, X=None, y=None, reset=False, y_numeric=False):
        if y is not None:
            y = column_or_1d(y, warn=True)
            check_classification_targets(y)
        if X is not None:
            X = self._check_sequences(X, reset=reset)
        if X is not None and y is not None:
            check_consistent_length(X, y)
        return X, y

    def _check_sequences(self, X, *, reset: bool) -> np.ndarray:
        """Validate and pad ``X``.

        Returns int32 tokens shifted by one (0 is the pad token) of shape
        ``(n, length)``, or float32 features ``(n, length, n_step_features)``.
        """
        X, sequences = _split_ragged(X)
        if reset:
            self.encoding_ = self._resolve_encoding(X, sequences)
            variable_length = sequences is not None
            if variable_length and hasattr(self, "n_features_in_"):
                del self.n_features_in_
        else:
            variable_length = self.sequence_length_ is None
        if sequences is not None and not variable_length:
            raise ValueError(
                "X holds sequences of different lengths, but "
                f"{type(self).__name__} was fitted on equal-length sequences "
                f"(length {self.sequence_length_}). Fit on a list of "
                "variable-length sequences to classify sequences of any length."
            )
        tokens = self.encoding_ != "float"
        if sequences is not None:
            if self.padding is None:
                lengths = sorted({len(s) for s in sequences})
                raise ValueError(
                    f"X holds sequences of different lengths ({lengths[0]} to "
                    f"{lengths[-1]} steps) and padding=None. Set padding='post' "
                    "or 'pre' to pad and mask them, or pad them yourself."
                )
            X = self._pad(sequences, tokens=tokens)
        elif not variable_length:
            if not reset:
                self._check_sequence_length(X)
            X = validate_data(
                self,
                X,
                reset=reset,
                accept_sparse=False,
                allow_nd=True,
                dtype=np.float64 if tokens else (np.float64, np.float32),
            )
        else:  # fitted on variable-length sequences: any length is fine
            X = check_array(
                X,
                allow_nd=True,
                dtype=np.float64 if tokens else (np.float64, np.float32),
            )
        if not tokens:
            X = check_float32(X, "X")
        if X.ndim not in (2, 3):
            raise ValueError(
                "X must be sequences of shape (n_sequences, length) or (n_sequences, "
                f"length, n_features), or a list of arrays; got shape {X.shape}."
            )
        if tokens:
            X = self._check_tokens(X, reset=reset, padded=sequences is not None)
            if reset:
                self.n_step_features_ = 1
        else:
            X = X.reshape(*X.shape[:2], -1) if X.ndim == 2 else X
            if reset:
                self.n_step_features_ = X.shape[2]
            elif X.shape[2] != self.n_step_features_:
                raise ValueError(
                    f"X has {X.shape[2]} features per time step, but "
                    f"{type(self).__name__} was fitted on {self.n_step_features_}."
                )
        if reset:
            self.sequence_length_ = None if variable_length else X.shape[1]
        return X

    def _check_sequence_length(self, X) -> None:
        """Refuse equal-length sequences of another length than at fit."""
        shape = (
            X.shape if hasattr(X, "shape") else np.shape(np.asarray(X, dtype=object))
        )
        if len(shape) < 2 or shape[1] == self.sequence_length_:
            return
        name = type(self).__name__
        per_step = (
            ""
            if self.encoding_ != "float"
            else f" with {self.n_step_features_} feature(s) per step"
        )
        raise ValueError(
            f"X has sequences of {shape[1]} time steps, but {name} was fitted on "
            f"sequences of {self.sequence_length_} time steps{per_step}. Fit on a "
            "list of variable-length sequences to classify sequences of any "
            f"length. (In scikit-learn's terms: X has {shape[1]} features, but "
            f"{name} is expecting {self.sequence_length_} features as input.)"
        )

    def _resolve_encoding(self, X, sequences) -> str:
        if self.encoding != "auto":
            return self.encoding
        dtypes = (
            [s.dtype for s in sequences]
            if sequences is not None
            else [np.asarray(X).dtype]
        )
        integer = all(np.issubdtype(d, np.integer) for d in dtypes)
        return "embedding" if integer else "float"

    def _pad(self, sequences: list[np.ndarray], *, tokens: bool) -> np.ndarray:
        checked = []
        for i, seq in enumerate(sequences):
            seq = check_array(
                seq,
                ensure_2d=False,
                dtype=np.float64 if tokens else np.float32,
                input_name=f"X[{i}]",
            )
            if seq.ndim not in (1, 2) or (tokens and seq.ndim != 1):
                expected = (
                    "(length,)" if tokens else "(length,) or (length, n_features)"
                )
                raise ValueError(
                    f"X[{i}] must be a sequence of shape {expected}; got shape "
                    f"{seq.shape}."
                )
            if tokens and seq.size and seq.min() < 0:
                raise ValueError(
                    f"Tokens must be integers >= 0; X[{i}] contains {seq.min():g}."
                )
            checked.append(seq if tokens or seq.ndim == 2 else seq[:, None])
        if not tokens:
            widths = {s.shape[1] for s in checked}
            if len(widths) > 1:
                raise ValueError(
                    "All sequences in X must have the same number of features per "
                    f"time step; got {sorted(widths)}."
                )
            return keras.utils.pad_sequences(
                checked, padding=self.padding, value=self.pad_value, dtype="float32"
            )
        # tokens are checked (and shifted) after padding with -1 -> pad token 0
        return keras.utils.pad_sequences(
            checked, padding=self.padding, value=-1, dtype="float64"
        )

    def _check_tokens(self, X: np.ndarray, *, reset: bool, padded: bool) -> np.ndarray:
        if X.ndim != 2:
            raise ValueError(
                f"Token sequences must be 2-D (n_sequences, length); got shape "
                f"{X.shape}. Use encoding='float' for feature sequences."
            )
        real = X[X != -1] if padded else X  # -1: padding added by _pad
        if not np.array_equal(real, np.round(real)):
            raise ValueError(
                f"encoding={self.encoding_!r} needs integer tokens in X; got "
                "non-integer values."
            )
        if real.size and real.min() < 0:
            raise ValueError(
                f"Tokens must be integers >= 0; X contains {int(real.min())}."
            )
        largest = int(real.max()) if real.size else 0
        if reset:
            if self.vocabulary_size is None:
                self.vocabulary_size_ = largest + 1
            elif largest >= self.vocabulary_size:
                raise ValueError(
                    f"X contains token {largest}, but vocabulary_size="
                    f"{self.vocabulary_size} allows tokens 0 .. "
                    f"{self.vocabulary_size - 1}."
                )
            else:
                self.vocabulary_size_ = int(self.vocabulary_size)
        elif largest >= self.vocabulary_size_:
            raise ValueError(
                f"X contains token {largest}, outside the vocabulary fitted on: "
                f"tokens 0 .. {self.vocabulary_size_ - 1} "
                f"(vocabulary_size_={self.vocabulary_size_})."
            )
        return (X + 1).astype(np.int32)

    # -- model -------------------------------------------------------------

    def _keras_build_fn(self, compile_kwargs: dict) -> keras.Model:
        sizes = check_layer_sizes(self.hidden_layer_sizes, "hidden_layer_sizes")
        if not sizes:
            raise ValueError(
                "RNNClassifier needs at least one recurrent layer; got "
                "hidden_layer_sizes=()."
            )
        layer_class = get_cell(self.cell)
        length = self.sequence_length_
        if self.encoding_ == "float":
            inputs = keras.Input((length, self.n_step_features_), name="sequences")
            x = inputs
            if length is None:
                x = keras.layers.Masking(self.pad_value, name="mask_padding")(x)
        else:
            n_tokens = self.vocabulary_size_ + 1  # + the pad token 0
            inputs = keras.Input((length,), dtype="int32", name="tokens")
            if self.encoding_ == "embedding":
                embedding = keras.layers.Embedding(
                    n_tokens, self.embedding_dim, mask_zero=True, name="embedding"
                )
            else:
                embedding = keras.layers.Embedding(
                    n_tokens,
                    n_tokens,
                    embeddings_initializer="identity",
                    trainable=False,
                    mask_zero=True,
                    name="one_hot",
                )
            x = embedding(inputs)
        x = stack_recurrent_layers(
            x,
            layer_class,
            sizes,
            return_sequences=False,
            bidirectional=self.bidirectional,
            **cell_options(self),
        )
        for units in check_layer_sizes(self.dense_layer_sizes, "dense_layer_sizes"):
            x = keras.layers.Dense(units, activation="relu")(x)
        outputs = keras.layers.Dense(self.n_classes_, activation="softmax")(x)
        model = keras.Model(inputs, outputs, name=type(self).__name__)
        model.compile(**compile_kwargs)
        return model

    # -- fit ---------------------------------------------------------------

    def fit(self, X, y, sample_weight=None, **kwargs) -> RNNClassifier:
        """Build a fresh network (unless ``warm_start``) and train it.

        Parameters
        ----------
        X : array-like of shape (n_sequences, length) or \
(n_sequences, length, n_features), or list of arrays
            Training sequences: float features, integer tokens, or a list of
            variable-length sequences (see the class description).
        y : array-like of shape (n_sequences,)
            Class labels.
        sample_weight : array-like of shape (n_sequences,), default=None
            Per-sequence weights of the loss.
        %(keras_fit_end)s
        """
        self._validate_params(y)
        self._partial_fit_classes = None
        return super().fit(X, y, sample_weight=sample_weight, **kwargs)

    def partial_fit(
        self, X, y, classes=None, sample_weight=None, **kwargs
    ) -> RNNClassifier:
        """Train one more epoch on ``(X, y)``, keeping the current weights.

        Parameters
        ----------
        %(sequences)s
        y : array-like of shape (n_sequences,)
            Class labels.
        classes : array-like of shape (n_classes,), default=None
            All classes across the calls; needed on the first call when ``y``
            does not show every class.
        sample_weight : array-like of shape (n_sequences,), default=None
            Per-sequence weights of the loss.
        %(keras_partial_fit_end)s
        """
        self._validate_params(y)
        if classes is not None and not self.initialized_:
            self._partial_fit_classes = np.unique(np.asarray(classes))
        return super().partial_fit(X, y, sample_weight=sample_weight, **kwargs)

    def _training_data(self, X, y, fit_args: dict) -> tuple:
        """Check and encode a ``validation_data`` given to ``fit``.

        It is checked like the training data (the messages start with
        ``validation_data``); its labels must be among ``classes_``.
        """
        data = fit_args.get("validation_data")
        if data is None:
            return X, y, fit_args
        if not isinstance(data, (tuple, list)) or len(data) not in (2, 3):
            raise TypeError(
                "validation_data must be a tuple (X_val, y_val) or (X_val, y_val, "
                f"sample_weight_val); got {type(data).__name__}"
                + (
                    f" of {len(data)} item(s)."
                    if isinstance(data, (tuple, list))
                    else "."
                )
            )
        X_val, y_val, *rest = data
        try:
            X_val, y_val = self._validate_data(X_val, y_val)
        except (TypeError, ValueError) as exc:
            raise type(exc)(f"validation_data (X_val, y_val): {exc}") from exc
        unknown = np.setdiff1d(np.unique(y_val), self.classes_)
        if unknown.size:
            raise ValueError(
                f"validation_data y_val has label(s) {unknown.tolist()[:10]} that "
                f"{type(self).__name__} was not fitted on; expected labels among "
                f"classes_ = {self.classes_.tolist()[:20]}."
            )
        if rest:
            try:
                rest = [check_sample_weight(rest[0], len(X_val))]
            except ValueError as exc:
                raise ValueError(f"validation_data sample_weight_val: {exc}") from exc
        fit_args["validation_data"] = (
            X_val,
            self.target_encoder_.transform(y_val),
            *rest,
        )
        return X, y, fit_args

    # -- predict -----------------------------------------------------------

    def predict_proba(self, X) -> np.ndarray:
        """Class probabilities of sequences.

        Parameters
        ----------
        %(sequences)s

        Returns
        -------
        proba : ndarray of shape (n_sequences, n_classes), float64
            Probabilities in the order of ``classes_``; rows sum to 1.
        """
        self._check_initialized()
        X, _ = self._validate_data(X)
        proba = self._predict_on_batches(X).astype(np.float64)
        return proba / proba.sum(axis=1, keepdims=True)

    def predict(self, X) -> np.ndarray:
        """Most probable class of each sequence.

        The class of the highest probability of :meth:`predict_proba`.

        Parameters
        ----------
        %(sequences)s

        Returns
        -------
        y_pred : ndarray of shape (n_sequences,)
            Labels from ``classes_``.
        """
        proba = self.predict_proba(X)
        return self.classes_[np.argmax(proba, axis=1)]


def _split_ragged(X) -> tuple[object, list[np.ndarray] | None]:
    """Tell a list of sequences of different lengths from a regular array.

    Returns ``(X, None)`` for input that is (or stacks into) a regular array,
    and ``(None, sequences)`` for sequences of different shapes.
    """
    is_list = isinstance(X, (list, tuple))
    is_object_vector = isinstance(X, np.ndarray) and X.dtype == object and X.ndim == 1
    if not (is_list or is_object_vector) or len(X) == 0:
        return X, None
    sequences = [np.asarray(seq) for seq in X]
    if any(seq.ndim == 0 for seq in sequences):
        return X, None  # a flat list of numbers: reported as 1-D X later
    if len({seq.shape for seq in sequences}) == 1:
        return (np.stack(sequences) if is_object_vector else X), None
    return None, sequences
