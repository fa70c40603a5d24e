"""The parameters the Keras estimators share, and the ``__init__`` built from them.

scikit-learn reads an estimator's parameters, their order, kinds and defaults
from ``inspect.signature(cls.__init__)``: ``get_params``, ``clone``,
``repr``, the API pages (sphinx autodoc) and IPython's completion all see
that signature. Every Keras estimator takes the training parameters of
:data:`TRAINING_PARAMETERS` and :data:`FIT_OPTIONS` (the window regressors
add theirs, :data:`skrnn.models._base.REGRESSOR_PARAMETERS`), after its own
model parameters. :func:`estimator_parameters` gives a class an ``__init__``
whose explicit signature is the class's model parameters followed by the
shared ones, so that each shared parameter and its default is written once.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable, Mapping
from typing import Any

__all__ = [
    "FIT_OPTIONS",
    "TRAINING_PARAMETERS",
    "estimator_init",
    "estimator_parameters",
]

#: The optimisation parameters of every Keras estimator, in signature order,
#: with the window regressors' defaults (``RNNClassifier`` changes ``epochs``
#: and ``early_stopping``).
TRAINING_PARAMETERS: dict[str, Any] = {
    "optimizer": "adam",
    "learning_rate": 1e-3,
    "momentum": 0.0,
    "epochs": 200,
    "batch_size": 32,
    "validation_fraction": 0.1,
    "early_stopping": True,
    "patience": 10,
}

#: The options that end every Keras estimator's signature, in order.
FIT_OPTIONS: dict[str, Any] = {
    "random_state": None,
    "verbose": 0,
    "warm_start": False,
    "metrics": None,
    "callbacks": None,
    "shuffle": True,
}

_PARAMETER = inspect.Parameter


def estimator_init(cls: type, signature: inspect.Signature) -> type:
    """Give ``cls`` an ``__init__`` with ``signature`` that stores its arguments.

    The ``__init__`` binds its arguments to ``signature`` (``self`` first,
    ``**kwargs`` last), fills in the defaults and hands them, in signature
    order, to ``self._store_parameters`` (scikit-learn's convention: store
    the parameters unchanged, do nothing else). It carries ``signature`` as
    its ``__signature__``, which :func:`inspect.signature`, and so
    scikit-learn, sphinx and IPython, read.

    Parameters
    ----------
    cls : type
        A Keras estimator class.
    signature : inspect.Signature
        The full signature of ``__init__``, ``self`` and ``**kwargs``
        included.

    Returns
    -------
    type
        ``cls``, with its new ``__init__``.
    """

    def __init__(self, *args, **kwargs):
        bound = signature.bind(self, *args, **kwargs)
        bound.apply_defaults()
        self._store_parameters(bound.arguments)

    __init__.__signature__ = signature
    __init__.__qualname__ = f"{cls.__qualname__}.__init__"
    __init__.__module__ = cls.__module__
    cls.__init__ = __init__
    return cls


def estimator_parameters(
    *,
    positional: Mapping[str, Any] | None = None,
    keyword: Mapping[str, Any] | None = None,
    shared: Mapping[str, Any],
) -> Callable[[type], type]:
    """Class decorator: an ``__init__`` of the class's parameters and ``shared``.

    The signature is ``(self, <positional>, *, <keyword>, <shared>,
    **kwargs)``: the class's own model parameters, positional-or-keyword
    ones then keyword-only ones, then the ``shared`` parameters
    (keyword-only), each with its default, in the order of the mappings.
    ``**kwargs`` takes the routed parameters (``optimizer__*``, ``fit__*``,
    ...). See :func:`estimator_init`.

    Parameters
    ----------
    positional : mapping of str to object, default=None
        Defaults of the class's positional-or-keyword parameters.
    keyword : mapping of str to object, default=None
        Defaults of the class's keyword-only parameters.
    shared : mapping of str to object
        Defaults of the shared parameters, in signature order.

    Returns
    -------
    callable
        The decorator; it returns the class with its new ``__init__``.

    Examples
    --------
    >>> import inspect
    >>> from skrnn.models._parameters import estimator_parameters
    >>> class Stored:
    ...     def _store_parameters(self, arguments):
    ...         self.arguments = dict(arguments)
    >>> @estimator_parameters(positional={"units": 32}, shared={"epochs": 200})
    ... class Model(Stored):
    ...     pass
    >>> inspect.signature(Model)
    <Signature (units=32, *, epochs=200, **kwargs)>
    >>> Model(8, fit__verbose=1).arguments["units"]
    8
    """
    parameters = [_PARAMETER("self", _PARAMETER.POSITIONAL_OR_KEYWORD)]
    parameters += [
        _PARAMETER(name, _PARAMETER.POSITIONAL_OR_KEYWORD, default=default)
        for name, default in (positional or {}).items()
    ]
    parameters += [
        _PARAMETER(name, _PARAMETER.KEYWORD_ONLY, default=default)
        for mapping in (keyword or {}, shared)
        for name, default in mapping.items()
    ]
    parameters.append(_PARAMETER("kwargs", _PARAMETER.VAR_KEYWORD))
    signature = inspect.Signature(parameters)
    return lambda cls: estimator_init(cls, signature)
