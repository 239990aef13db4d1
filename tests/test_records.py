"""Record gives the frozen model classes the equality, hash and repr dataclasses would generate."""

from __future__ import annotations

import dataclasses
import importlib
import inspect
from typing import Any

import pytest

from referral.content.loading import load_ruleset, shipped_content
from referral.core import model
from referral.core.records import Record

MODULES = [
    "referral.core.model",
    "referral.engine.result",
    "referral.engine.explanation",
    "referral.core.schedule",
    "referral.core.scale",
    "referral.core.yamlsource",
    "referral.core.problems",
    "referral.casus.reader",
    "referral.app.support",
    "referral.app.matching",
    "referral.content.cache",
    "referral.core.vocabulary",
    "referral.engine.program",
]
RECORDS = [
    cls
    for module in map(importlib.import_module, MODULES)
    for _, cls in inspect.getmembers(module, inspect.isclass)
    if cls.__module__ == module.__name__ and issubclass(cls, Record)
]


def _generated(cls: type) -> type:
    """The same fields as a plain `@dataclass(frozen=True)`: what Record must behave as."""
    fields = [(f.name, Any, dataclasses.field(compare=f.compare, repr=f.repr)) for f in dataclasses.fields(cls)]
    return dataclasses.make_dataclass(cls.__name__, fields, frozen=True)


def _objects() -> list[Any]:
    """Every model object of the shipped ruleset (all classes of the model occur in it)."""
    found: list[Any] = []
    seen: set[int] = set()

    def walk(value: Any) -> None:
        if id(value) in seen:
            return
        seen.add(id(value))
        if dataclasses.is_dataclass(value) and not isinstance(value, type):
            found.append(value)
            for f in dataclasses.fields(value):
                walk(getattr(value, f.name))
        elif isinstance(value, (list, tuple, frozenset, set)):
            for item in value:
                walk(item)
        elif isinstance(value, dict):
            for item in value.values():
                walk(item)

    walk(load_ruleset(shipped_content()))
    return found


def test_every_model_class_is_a_frozen_record() -> None:
    assert len(RECORDS) >= 45
    for cls in RECORDS:
        params = cls.__dataclass_params__  # type: ignore[attr-defined]
        assert params.frozen and not params.eq and not params.repr, cls
        assert "__eq__" not in cls.__dict__ and "__hash__" not in cls.__dict__, cls
        # Record hashes the compared fields: a field's own `hash=` (unused here) is not supported
        assert all(f.hash is None for f in dataclasses.fields(cls)), cls


def _behaves_as_generated(value: Any) -> None:
    cls = type(value)
    twin_cls = _generated(cls)
    fields = {f.name: getattr(value, f.name) for f in dataclasses.fields(value)}
    twin = twin_cls(**fields)
    assert repr(value) == repr(twin).replace(twin_cls.__qualname__, cls.__qualname__, 1)
    same = cls(**fields)
    assert value == same
    assert not (value != same)  # noqa: SIM202 - __ne__ follows __eq__, as with dataclasses
    assert value.__eq__(twin) is NotImplemented  # another class is never equal, as with dataclasses
    try:
        expected = hash(twin)
    except TypeError:  # a field holds a dict: unhashable in both
        with pytest.raises(TypeError):
            hash(value)
    else:
        assert hash(value) == expected == hash(same)


def test_record_behaves_as_the_generated_methods() -> None:
    objects = _objects()
    assert {type(o) for o in objects} >= {model.Offer, model.Rule, model.Label, model.Source, model.Ruleset}
    for value in objects:
        _behaves_as_generated(value)


def test_records_outside_the_model_too() -> None:
    from referral.app.session import Session
    from referral.core.problems import Problem
    from referral.core.yamlsource import parse_json

    session = Session.of(None, None)
    casus = session.reader.read_mapping({"age": 79, "wijk": "Overvecht", "loneliness": {"djg6": ["ja"] * 6}})
    document = parse_json('{"age": 79}', "casus.json", session.reader.knows_key)
    for value in (
        casus,
        casus.scale,
        document,
        *document.marks.values(),
        Problem.make("casus.unknown_field", file="x.yaml", line=2, field="…"),
    ):
        _behaves_as_generated(value)


def test_a_record_stays_frozen_and_differs_by_any_compared_field() -> None:
    label = model.Label("Hallo", "Hello")
    with pytest.raises(dataclasses.FrozenInstanceError):
        label.nl = "Dag"  # type: ignore[misc]
    assert label != model.Label("Hallo", None)
    assert label != ("Hallo", "Hello")
    assert len({label, model.Label("Hallo", "Hello")}) == 1
