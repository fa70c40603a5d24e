"""Docstring entries written once and filled into several docstrings.

A docstring line that holds only ``%(name)s`` is replaced by the text of
``name``, indented like that line, so that every API page lists all of its
parameters while each shared entry is written once. Used by
:mod:`skrnn.models`, :mod:`skrnn.metrics`, :mod:`skrnn.plotting`,
:mod:`skrnn.sktime` and :mod:`skrnn.cli`.
"""

from __future__ import annotations

import inspect
import textwrap
from collections.abc import Callable, Mapping
from typing import TypeVar

__all__ = ["KERAS_FIT_ENTRIES", "fill_docstring", "shared_docstring"]

Documented = TypeVar("Documented")

#: Entries that :func:`shared_docstring` always knows: the ``**kwargs`` entry
#: and the Returns section that end the docstrings of ``fit`` (the line
#: ``%(keras_fit_end)s``) and ``partial_fit`` (``%(keras_partial_fit_end)s``)
#: of the Keras estimators, the window regressors and the classifier alike.
KERAS_FIT_ENTRIES = {
    "keras_fit_end": """\
**kwargs
    Passed to ``keras.Model.fit`` (e.g. ``validation_data``).

Returns
-------
self
    The fitted estimator.
""",
    "keras_partial_fit_end": """\
**kwargs
    Passed to ``keras.Model.fit``.

Returns
-------
self
    The estimator, trained one more epoch.
""",
}


def fill_docstring(text: str, texts: Mapping[str, str]) -> str:
    """Replace every line ``%(name)s`` of ``text`` by ``texts[name]``.

    The entry is indented like the line it replaces, and its own such lines
    are filled in turn. Lines naming an unknown entry stay as they are.

    Parameters
    ----------
    text : str
        A docstring.
    texts : mapping of str to str
        Entries by name.

    Returns
    -------
    str

    Examples
    --------
    >>> fill_docstring("    %(size)s\\n", {"size": "size : int\\n    Units.\\n"})
    '    size : int\\n        Units.\\n'
    """
    lines = []
    for line in text.splitlines(keepends=True):
        name = line.strip()[2:-2]
        if line.strip().startswith("%(") and name in texts:
            indent = line[: len(line) - len(line.lstrip())]
            line = textwrap.indent(
                fill_docstring(textwrap.dedent(texts[name]), texts), indent
            )
        lines.append(line)
    return "".join(lines)


def shared_docstring(**texts: str) -> Callable[[Documented], Documented]:
    r"""Decorator: fill the ``%(name)s`` lines of a class or function docstring.

    A class gets its own docstring filled, and those of the methods defined
    in its body (not the inherited ones). The entries of
    :data:`KERAS_FIT_ENTRIES` are known too, unless ``texts`` names them.

    Parameters
    ----------
    **texts : str
        numpydoc text by entry name.

    Returns
    -------
    callable
        The decorator; it returns the class or function, its docstring
        (and a class's methods' docstrings) filled in.

    Examples
    --------
    >>> @shared_docstring(size="size : int\n    Units.\n")
    ... def build(size):
    ...     '''Build.
    ...
    ...     Parameters
    ...     ----------
    ...     %(size)s
    ...     '''
    >>> build.__doc__.splitlines()[4:6]
    ['    size : int', '        Units.']
    """

    entries = {**KERAS_FIT_ENTRIES, **texts}

    def fill(documented: object) -> None:
        if documented.__doc__:
            documented.__doc__ = fill_docstring(documented.__doc__, entries)

    def decorate(documented: Documented) -> Documented:
        fill(documented)
        if isinstance(documented, type):
            for member in vars(documented).values():
                function = getattr(member, "__func__", member)  # class/static
                if inspect.isfunction(function):
                    fill(function)
        return documented

    return decorate
