"""Equality, hashing and repr for frozen dataclasses, shared instead of generated for every class.

Python 3.11 compiles each method a dataclass generates with `exec`; for the model's frozen values
(`referral.core.model`) that was about a third of every start-up's import of the model, spent
on `__eq__`, `__hash__` and `__repr__` alone. A class declared

    @dataclass(frozen=True, eq=False, repr=False)
    class Label(Record): ...

is still a frozen dataclass (its `__init__`, `__setattr__` and `__delattr__` are generated as
before: assigning a field raises FrozenInstanceError) and behaves as `@dataclass(frozen=True)`
would: equal to an object of the very same class whose compared fields are equal (else
NotImplemented), hashed as the tuple of those fields (a field's own `hash=` is not supported),
shown as `Label(nl='...', en=None)` (the fields with `repr=True`).
`tests/test_records.py` holds every such class to what dataclasses would generate.
"""

from __future__ import annotations

import dataclasses
import reprlib
from collections.abc import Callable
from operator import attrgetter
from typing import Any

_KEYS: dict[type, Callable[[Any], tuple[Any, ...]]] = {}
_SHOWN: dict[type, tuple[str, ...]] = {}


def _key(cls: type) -> Callable[[Any], tuple[Any, ...]]:
    """The tuple of an object's compared fields, in field order (as dataclasses compares them)."""
    found = _KEYS.get(cls)
    if found is None:
        names = tuple(f.name for f in dataclasses.fields(cls) if f.compare)
        if len(names) > 1:
            found = attrgetter(*names)  # a tuple already
        elif names:
            one = attrgetter(names[0])
            found = lambda value: (one(value),)  # noqa: E731 - a one-field tuple, as dataclasses hashes it
        else:
            found = lambda value: ()  # noqa: E731
        _KEYS[cls] = found
    return found


class Record:
    """The base of frozen dataclasses declared with `eq=False, repr=False` (see the module)."""

    __slots__ = ()

    def __eq__(self, other: object) -> bool:
        cls = self.__class__
        if other.__class__ is cls:
            key = _KEYS.get(cls) or _key(cls)
            return bool(key(self) == key(other))
        return NotImplemented

    def __hash__(self) -> int:
        cls = self.__class__
        return hash((_KEYS.get(cls) or _key(cls))(self))

    @reprlib.recursive_repr()
    def __repr__(self) -> str:
        cls = self.__class__
        names = _SHOWN.get(cls)
        if names is None:
            names = _SHOWN[cls] = tuple(f.name for f in dataclasses.fields(self) if f.repr)  # type: ignore[arg-type]
        return f"{cls.__qualname__}({', '.join(f'{name}={getattr(self, name)!r}' for name in names)})"
