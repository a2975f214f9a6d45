"""Declarative parameter validation (CONTRIBUTING.md, "Errors").

Constraints are declared once, next to the function they guard, with :func:`validates`;
one function, :func:`validate_params`, checks them and raises the one message format
(:func:`lagesbild.errors.param_error`).  Each constraint can also produce values that
violate it (:meth:`Constraint.invalid_examples`), so the tests generate invalid input from
the same declarations that the code checks.

A parameter may have several constraints: the value is valid when **any** of them holds
(``None`` in the list allows ``None``).

Examples
--------
>>> @validates(bandwidth=Interval(float, 0, None, closed="neither"), kernel=OneOf("gaussian", "uniform"))
... def f(bandwidth, kernel="gaussian"):
...     return bandwidth
>>> f(500.0)
500.0
>>> f(-1.0)
Traceback (most recent call last):
...
lagesbild.errors.InputError: Parametern 'bandwidth' i f måste vara ett tal > 0. Fick -1.0.
"""

from __future__ import annotations

import functools
import inspect
import math
import numbers
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any, TypeVar, Union

from lagesbild.errors import param_error
from lagesbild.i18n import choose, t

__all__ = ["Constraint", "Interval", "OneOf", "Type", "VALIDATED", "invalid_values", "validate_params",
           "validates"]

#: Every function decorated with :func:`validates` (qualified name → function); the tests
#: iterate over it.
VALIDATED: dict[str, object] = {}

_F = TypeVar("_F", bound=Callable[..., Any])

#: What :func:`validates` accepts per parameter: a constraint, ``None`` (``None`` allowed) or a
#: list/tuple of them (any holds).
Spec = Union["Constraint", None, list[Union["Constraint", None]], tuple[Union["Constraint", None], ...]]


class Constraint:
    """Base class: ``is_valid(value)``, ``describe_sv/en`` and ``invalid_examples()``."""

    def is_valid(self, value: object) -> bool:  # pragma: no cover - abstract
        """Whether ``value`` satisfies the constraint.

        Parameters
        ----------
        value : object
            A value given for the parameter.

        Returns
        -------
        bool
            ``True`` when the value is valid.
        """
        raise NotImplementedError

    def describe_sv(self) -> str:  # pragma: no cover - abstract
        """The constraint in Swedish, to follow "måste vara" (``"ett tal > 0"``).

        Returns
        -------
        str
            The description.
        """
        raise NotImplementedError

    def describe_en(self) -> str:  # pragma: no cover - abstract
        """The constraint in English, to follow "must be" (``"a float > 0"``).

        Returns
        -------
        str
            The description.
        """
        raise NotImplementedError

    def invalid_examples(self) -> list[object]:  # pragma: no cover - abstract
        """Values that violate the constraint, for generated tests.

        Returns
        -------
        list
            Values for which :meth:`is_valid` is ``False``.
        """
        raise NotImplementedError


_TYPE_SV = {int: "ett heltal", float: "ett tal", str: "en text", bool: "sant/falskt (bool)"}
_TYPE_EN = {int: "an int", float: "a float", str: "a str", bool: "a bool"}


def _is_type(value: object, typ: type) -> bool:
    if typ is float:
        return isinstance(value, numbers.Real) and not isinstance(value, bool)
    if typ is int:
        return isinstance(value, numbers.Integral) and not isinstance(value, bool)
    return isinstance(value, typ)


@dataclass(frozen=True)
class Type(Constraint):
    """The value is an instance of one of ``types`` (``float`` accepts any real, ``int``
    any integral, neither accepts ``bool``)."""

    types: tuple[type, ...]

    def __init__(self, *types: type) -> None:
        object.__setattr__(self, "types", tuple(types))

    def is_valid(self, value: object) -> bool:
        return any(_is_type(value, t) for t in self.types)

    def describe_sv(self) -> str:
        return " eller ".join(_TYPE_SV.get(t, f"av typen {t.__name__}") for t in self.types)

    def describe_en(self) -> str:
        return " or ".join(_TYPE_EN.get(t, f"of type {t.__name__}") for t in self.types)

    def invalid_examples(self) -> list[object]:
        cands = [object(), 1.5, "x", [1, 2], True]
        return [c for c in cands if not self.is_valid(c)]


@dataclass(frozen=True)
class Interval(Constraint):
    """A number of type ``typ`` (``int`` or ``float``) in an interval.

    ``closed`` ∈ {"both", "left", "right", "neither"}; ``None`` bounds are open-ended.
    NaN is never valid.
    """

    typ: type
    low: float | None
    high: float | None
    closed: str = "both"

    def is_valid(self, value: object) -> bool:
        if not _is_type(value, self.typ):
            return False
        v = float(value)  # type: ignore[arg-type]  # a real number: checked just above
        if math.isnan(v):
            return False
        if self.low is not None:
            if v < self.low or (v == self.low and self.closed in ("right", "neither")):
                return False
        if self.high is not None:
            if v > self.high or (v == self.high and self.closed in ("left", "neither")):
                return False
        return True

    def _bounds(self, lang: str) -> str:
        lo_op = "≥" if self.closed in ("both", "left") else ">"
        hi_op = "≤" if self.closed in ("both", "right") else "<"
        parts = []
        if self.low is not None:
            parts.append(f"{lo_op} {self.low:g}")
        if self.high is not None:
            parts.append(f"{hi_op} {self.high:g}")
        return t("common.and", lang).join(parts)

    def describe_sv(self) -> str:
        b = self._bounds("sv")
        return _TYPE_SV[self.typ] + (f" {b}" if b else "")

    def describe_en(self) -> str:
        b = self._bounds("en")
        return _TYPE_EN[self.typ] + (f" {b}" if b else "")

    def invalid_examples(self) -> list[object]:
        out: list[object] = ["x", None]
        if self.typ is float:
            out.append(float("nan"))
        if self.typ is int:
            out.append(1.5)
        step = 1 if self.typ is int else 0.5
        if self.low is not None:
            out.append(self.typ(self.low - step))
            if self.closed in ("right", "neither"):
                out.append(self.typ(self.low))
        if self.high is not None:
            out.append(self.typ(self.high + step))
            if self.closed in ("left", "neither"):
                out.append(self.typ(self.high))
        return [v for v in out if not self.is_valid(v)]


@dataclass(frozen=True)
class OneOf(Constraint):
    """The value is one of ``options``."""

    options: tuple[object, ...]

    def __init__(self, *options: object) -> None:
        object.__setattr__(self, "options", tuple(options))

    def is_valid(self, value: object) -> bool:
        try:
            return value in self.options
        except TypeError:
            return False

    def describe_sv(self) -> str:
        return "en av " + ", ".join(repr(o) for o in self.options)

    def describe_en(self) -> str:
        return "one of " + ", ".join(repr(o) for o in self.options)

    def invalid_examples(self) -> list[object]:
        return [v for v in ("__ogiltig__", 12345) if not self.is_valid(v)]


def _as_list(spec: Spec) -> list[Constraint | None]:
    return list(spec) if isinstance(spec, (list, tuple)) else [spec]


def _ok(value: object, constraints: Iterable[Constraint | None]) -> bool:
    return any(value is None if c is None else c.is_valid(value) for c in constraints)


def _describe(constraints: Iterable[Constraint | None], lang: str) -> str:
    parts = []
    for c in constraints:
        if c is None:
            parts.append("None")
        else:
            parts.append(choose(c.describe_sv(), c.describe_en(), lang))
    return t("common.or", lang).join(parts)


def validate_params(where: str, constraints: dict[str, Spec], values: dict[str, Any]) -> None:
    """Check ``values`` against declared ``constraints``; raise on the first violation.

    Parameters
    ----------
    where : str
        The function's name, used in the message.
    constraints : dict
        Parameter name → a :class:`Constraint`, ``None`` or a list of them (any holds).
    values : dict
        Parameter name → given value (names missing from ``values`` are skipped).

    Raises
    ------
    InputError
        ``Parametern 'p' i where måste vara <constraint>. Fick <value>.``
    """
    for name, spec in constraints.items():
        if name not in values:
            continue
        cons = _as_list(spec)
        value = values[name]
        if not _ok(value, cons):
            raise param_error(name, where, _describe(cons, "sv"), _describe(cons, "en"), value)


def invalid_values(spec: Spec) -> list[object]:
    """Values that violate a declaration (valid under none of its constraints).

    Parameters
    ----------
    spec : Constraint, None or list of them
        One parameter's declaration, as given to :func:`validates`.

    Returns
    -------
    list
        Example values that every constraint of ``spec`` rejects.
    """
    cons = _as_list(spec)
    out: list[object] = []
    for c in cons:
        if c is None:
            continue
        for v in c.invalid_examples():
            if not _ok(v, cons):
                out.append(v)
    return out


def validates(**constraints: Spec) -> Callable[[_F], _F]:
    """Decorator: declare parameter constraints once and check them on every call.

    The decorated function keeps its signature; ``fn.__constraints__`` holds the
    declaration and the function is listed in :data:`VALIDATED`.

    Parameters
    ----------
    **constraints : Constraint, None or list of them
        Parameter name → its declaration (any listed constraint holds; ``None`` allows ``None``).

    Returns
    -------
    callable
        The decorator; it raises :class:`TypeError` at import when a name is not a parameter,
        and the decorated function raises :class:`~lagesbild.errors.InputError` on invalid values.
    """
    def deco(fn: _F) -> _F:
        sig = inspect.signature(fn)
        unknown = [k for k in constraints if k not in sig.parameters]
        if unknown:  # pragma: no cover - a programming error caught at import
            raise TypeError(f"{fn.__qualname__}: no parameter(s) {unknown}")
        where = fn.__qualname__

        @functools.wraps(fn)
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            bound = sig.bind_partial(*args, **kwargs)
            validate_params(where, constraints, bound.arguments)
            return fn(*args, **kwargs)

        wrapper.__constraints__ = dict(constraints)  # type: ignore[attr-defined]
        VALIDATED[f"{fn.__module__}.{fn.__qualname__}"] = wrapper
        return wrapper  # type: ignore[return-value]  # same signature (functools.wraps)

    return deco
