"""Save and load a fitted Keras estimator whole, without pickle.

``model_.save("m.keras")`` keeps the network only; skrnn's ``window_norm``
and ``differences`` run outside it, so the network alone does not reproduce
``predict``. :func:`save_model` writes one zip archive with two members:

``model.keras``
    The network (architecture, weights, compiled optimizer state) in Keras'
    native format, which does not depend on the backend it was trained on.
``estimator.json``
    The format and versions, the estimator's class (a public name of
    :mod:`skrnn.models`), its parameters and its fitted attributes
    (``differences_``, ``window_length_``, ``y_shape_``, ``history_``,
    ``classes_``...), in a small tagged JSON encoding (tuples, arrays and
    dtypes are marked as such).

:func:`load_model` reads it back: no Python object is unpickled, and the
network is loaded with Keras' ``safe_mode``. Parameters that are Python
objects (callbacks, an optimizer instance, a callable loss or metric) are
not saved; :func:`save_model` warns and names them, and the loaded estimator
has their defaults (they matter to further training only).

Portability: the archive loads on any Keras 3 backend and Python version
with an skrnn that reads its ``format_version``; predictions on another
backend agree to float32 rounding. A newer ``format_version`` is refused.
"""

from __future__ import annotations

import json
import os
import pathlib
import tempfile
import warnings
import zipfile
from collections import defaultdict
from typing import Any

import keras
import numpy as np
from sklearn.base import BaseEstimator

__all__ = ["FORMAT_VERSION", "load_model", "save_model"]

#: Name of the archive format, written to ``estimator.json``.
FORMAT = "skrnn-estimator"
#: Version of the archive format; archives of a newer version are refused.
FORMAT_VERSION = 1

_MODEL = "model.keras"
_STATE = "estimator.json"
# fitted attributes not written to the JSON: the network (its own member)
# and the scikeras encoders (rebuilt at load)
_NOT_IN_JSON = frozenset({"model_", "target_encoder_", "feature_encoder_"})


class _Unportable(TypeError):
    """A value that the JSON encoding cannot hold."""


def _encode(value: Any) -> Any:
    """``value`` as JSON data; tuples, arrays and dtypes tagged."""
    if value is None or isinstance(value, (bool, str)):
        return value
    if isinstance(value, (int, float)):
        return value
    if isinstance(value, np.generic) and value.dtype.kind in "biuf":
        return value.item()
    if isinstance(value, np.dtype):
        if value.kind not in "biufU":
            raise _Unportable(f"dtype {value}")
        return {"__dtype__": value.str}
    if isinstance(value, np.ndarray):
        if value.dtype.kind not in "biufUO":
            raise _Unportable(f"an array of dtype {value.dtype}")
        items = [_encode(item) for item in value.ravel().tolist()]
        return {
            "__ndarray__": items,
            "dtype": "object" if value.dtype.kind == "O" else value.dtype.str,
            "shape": list(value.shape),
        }
    if isinstance(value, tuple):
        return {"__tuple__": [_encode(item) for item in value]}
    if isinstance(value, list):
        return [_encode(item) for item in value]
    if isinstance(value, dict):
        if not all(isinstance(key, str) for key in value):
            raise _Unportable("a dict with keys that are not str")
        return {"__dict__": {key: _encode(item) for key, item in value.items()}}
    raise _Unportable(f"a {type(value).__module__}.{type(value).__qualname__}")


def _decode(data: Any) -> Any:
    """Inverse of :func:`_encode`."""
    if isinstance(data, list):
        return [_decode(item) for item in data]
    if not isinstance(data, dict):
        return data
    if "__tuple__" in data:
        return tuple(_decode(item) for item in data["__tuple__"])
    if "__dict__" in data:
        return {key: _decode(item) for key, item in data["__dict__"].items()}
    if "__dtype__" in data:
        return np.dtype(data["__dtype__"])
    if "__ndarray__" in data:
        items = [_decode(item) for item in data["__ndarray__"]]
        dtype = object if data["dtype"] == "object" else np.dtype(data["dtype"])
        array = np.empty(len(items), dtype=dtype)
        array[:] = items
        return array.reshape(data["shape"])
    raise ValueError(f"unknown tagged value in {_STATE}: {sorted(data)}")


def save_model(estimator: BaseEstimator, path: str | os.PathLike) -> None:
    """Write a fitted Keras estimator to one portable archive.

    Parameters
    ----------
    estimator : KerasWrapper
        A fitted skrnn Keras estimator (regressor or classifier).
    path : str or path-like
        File to write; overwritten if it exists.

    Raises
    ------
    TypeError
        If a fitted attribute cannot be written as JSON (a subclass that
        stores Python objects as fitted attributes).

    Warns
    -----
    UserWarning
        Naming the parameters that are Python objects and are not saved.

    Examples
    --------
    See :meth:`skrnn.models.DenseRegressor.save`.
    """
    params, unsaved = {}, []
    for name, value in estimator.get_params(deep=False).items():
        try:
            params[name] = _encode(value)
        except _Unportable:
            unsaved.append(name)
    if unsaved:
        warnings.warn(
            f"{type(estimator).__name__}.save: parameter(s) {sorted(unsaved)} are "
            "Python objects and are not saved; the loaded estimator has their "
            "default values (they matter to further training only).",
            UserWarning,
            stacklevel=3,
        )
    fitted = {}
    for name, value in vars(estimator).items():
        if not name.endswith("_") or name.startswith("_") or name in _NOT_IN_JSON:
            continue
        if name == "history_":
            value = {key: [float(v) for v in values] for key, values in value.items()}
        try:
            fitted[name] = _encode(value)
        except _Unportable as exc:
            raise TypeError(
                f"{type(estimator).__name__}.save cannot write the fitted attribute "
                f"{name} portably: it holds {exc}; expected numbers, strings, "
                "tuples, lists, dicts, numpy arrays or dtypes."
            ) from None
    document = {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "class": type(estimator).__name__,
        "skrnn_version": _version("skrnn"),
        "keras_version": keras.__version__,
        "keras_backend": keras.backend.backend(),
        "params": params,
        "unsaved_params": sorted(unsaved),
        "fitted": fitted,
    }
    path = pathlib.Path(path)
    with tempfile.TemporaryDirectory() as folder:
        network = pathlib.Path(folder) / _MODEL
        estimator.model_.save(network)
        with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
            archive.write(network, _MODEL)
            archive.writestr(_STATE, json.dumps(document, indent=1))


def _version(package: str) -> str | None:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version(package)
    except PackageNotFoundError:
        return None


def _read_document(archive: zipfile.ZipFile, path: pathlib.Path) -> dict:
    names = set(archive.namelist())
    if not {_MODEL, _STATE} <= names:
        raise ValueError(
            f"path={str(path)!r} is not an skrnn estimator archive: expected the "
            f"members {_MODEL!r} and {_STATE!r}; got {sorted(names)}."
        )
    document = json.loads(archive.read(_STATE))
    if document.get("format") != FORMAT:
        raise ValueError(
            f"path={str(path)!r} is not an skrnn estimator archive: {_STATE} has "
            f"format {document.get('format')!r}, expected {FORMAT!r}."
        )
    version = document.get("format_version")
    if not isinstance(version, int) or version > FORMAT_VERSION:
        raise ValueError(
            f"path={str(path)!r} was saved in format_version {version!r}; this "
            f"skrnn reads format_version <= {FORMAT_VERSION}. Upgrade skrnn to load "
            "it."
        )
    return document


def load_model(
    path: str | os.PathLike, *, estimator_class: type | None = None
) -> BaseEstimator:
    """Load an estimator written by ``save`` (or :func:`save_model`).

    Parameters
    ----------
    path : str or path-like
        The archive.
    estimator_class : type or None, default=None
        The class to rebuild. None looks the saved class name up among the
        public names of :mod:`skrnn.models`; pass your class to load a
        subclass of your own (no class is ever imported by a name read from
        the file).

    Returns
    -------
    estimator
        The fitted estimator: ``predict`` returns what the saved one did.

    Raises
    ------
    ValueError
        If ``path`` is not an skrnn estimator archive or has a newer format.
    TypeError
        If the saved class is not a public skrnn model and no
        ``estimator_class`` is given, or is not ``estimator_class`` (or one
        of its subclasses).

    Examples
    --------
    See :meth:`skrnn.models.DenseRegressor.save`.
    """
    import skrnn.models

    path = pathlib.Path(path)
    if not zipfile.is_zipfile(path):
        raise ValueError(
            f"path={str(path)!r} is not an skrnn estimator archive (a zip file "
            "written by save())."
        )
    with zipfile.ZipFile(path) as archive, tempfile.TemporaryDirectory() as folder:
        document = _read_document(archive, path)
        archive.extract(_MODEL, folder)
        network = keras.saving.load_model(pathlib.Path(folder) / _MODEL)
    name = document["class"]
    if estimator_class is None:
        if name not in skrnn.models.__all__:
            raise TypeError(
                f"path={str(path)!r} holds a {name}, which is not a public class of "
                "skrnn.models; pass estimator_class=<your class> to load it."
            )
        estimator_class = getattr(skrnn.models, name)
    elif name != estimator_class.__name__ and not any(
        base.__name__ == name for base in estimator_class.__mro__
    ):
        raise TypeError(
            f"path={str(path)!r} holds a {name}, not a {estimator_class.__name__}."
        )
    params = {key: _decode(value) for key, value in document["params"].items()}
    estimator = estimator_class(**params)
    for key, value in document["fitted"].items():
        setattr(estimator, key, _decode(value))
    history = getattr(estimator, "history_", None)
    if history is not None:
        estimator.history_ = defaultdict(list, history)
    estimator.model_ = network
    _rebuild_encoders(estimator)
    return estimator


def _rebuild_encoders(estimator: BaseEstimator) -> None:
    """The scikeras encoders, needed to train further (not to predict)."""
    if hasattr(estimator, "classes_"):
        estimator.target_encoder_ = estimator.target_encoder.fit(estimator.classes_)
    elif hasattr(estimator, "y_shape_"):
        dummy = np.zeros((1, *estimator.y_shape_[1:]), dtype=np.float32)
        estimator.target_encoder_ = estimator.target_encoder.fit(dummy)
    estimator.feature_encoder_ = estimator.feature_encoder.fit(np.zeros((1, 1)))
