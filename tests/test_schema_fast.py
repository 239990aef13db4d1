"""The compiled schema check (referral.schemas.fast) says exactly what jsonschema says.

`validate` trusts it for every document it calls valid, and `oneOf`/`not`/`if` make a wrong
"invalid" as harmful as a wrong "valid", so both directions are compared: on every shipped
file, on hand-made edge cases, and on random mutations of valid documents (hypothesis).
"""

from __future__ import annotations

import copy
import datetime as dt
import os
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from referral import schemas
from referral.content.loading import shipped_content
from referral.core.yamlsource import Document, dates_to_text, load_file

ROOT = Path(__file__).resolve().parent.parent
KINDS = ("vocabulary", "scales", "offer", "rules", "testcases")
settings.register_profile("fast-schema", max_examples=300, deadline=None, suppress_health_check=list(HealthCheck))


def _documents() -> list[Any]:
    content = shipped_content()
    found = []
    for folder in (content.rules, content.offers, ROOT / "tests", ROOT / "examples"):
        for path in sorted(folder.rglob("*.yaml")):
            try:
                found.append(dates_to_text(load_file(path).value))
            except Exception:  # not YAML we can read: nothing to compare
                continue
    return found


DOCUMENTS = _documents()


def agree(value: Any, kind: str) -> bool:
    check = schemas._fast_check(kind)
    assert check is not None, f"{kind}: the schema is not compiled"
    return check(value) == schemas._validator(kind).is_valid(value)


def test_every_content_schema_is_compiled() -> None:
    assert all(schemas._fast_check(kind) is not None for kind in (*KINDS, "common"))


@pytest.mark.parametrize("kind", KINDS)
def test_same_answer_on_every_shipped_document(kind: str) -> None:
    assert len(DOCUMENTS) > 50
    assert all(agree(value, kind) for value in DOCUMENTS)


EDGES: list[Any] = [
    None,
    True,
    1,
    1.0,
    2.5,
    "x",
    "",
    [],
    {},
    [1, 1.0],
    [True, 1],
    [{"a": 1}, {"a": 1}],
    ["a", "a"],
    {"nl": ""},
    {"nl": "x", "en": 1},
    {"title": "t", "date": "2021-13"},
    {"title": "t", "date": "2021-1"},
    {"from": "2026-02-30"},
    {"from": dt.date(2026, 1, 1)},
    10**30,
    float("inf"),
]


@pytest.mark.parametrize("kind", [*KINDS, "common"])
def test_same_answer_on_edge_values(kind: str) -> None:
    for value in EDGES:
        assert agree(value, kind), value


# --- random mutations of valid documents ------------------------------------------------------

_scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-5, 200),
    st.floats(allow_nan=False, allow_infinity=False, width=32),
    st.sampled_from(["", "x", "all", "client", "nl", "2026-01-01", "2026-02-30", "2021", "https://a.nl/b", "O1"]),
    st.text(max_size=6),
)
_values = st.recursive(
    _scalars,
    lambda inner: st.one_of(
        st.lists(inner, max_size=3), st.dictionaries(st.sampled_from(["nl", "en", "all", "id", "x"]), inner, max_size=3)
    ),
    max_leaves=6,
)


def _paths(value: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [path]
    if isinstance(value, dict):
        for key, item in value.items():
            found.extend(_paths(item, (*path, key)))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            found.extend(_paths(item, (*path, index)))
    return found


def _mutate(value: Any, path: tuple[Any, ...], how: str, new: Any) -> Any:
    value = copy.deepcopy(value)
    if not path:
        return new
    parent = value
    for step in path[:-1]:
        parent = parent[step]
    last = path[-1]
    if how == "delete":
        del parent[last]
    elif how == "sibling" and isinstance(parent, dict):
        parent[f"{last}_x" if isinstance(new, str) else "extra"] = new
    elif how == "duplicate" and isinstance(parent, list):
        parent.append(copy.deepcopy(parent[last]))
    elif how == "wrap":
        parent[last] = [parent[last]]
    else:
        parent[last] = new
    return value


_SAMPLES = {
    kind: [doc for doc in DOCUMENTS if schemas._validator(kind).is_valid(doc)]
    for kind in ("offer", "rules", "vocabulary")
}


@pytest.mark.parametrize("kind", sorted(_SAMPLES))
def test_same_answer_on_mutated_documents(kind: str) -> None:
    samples = _SAMPLES[kind]
    assert samples

    @settings(settings.get_profile("fast-schema"), max_examples=int(os.environ.get("FAST_SCHEMA_EXAMPLES", "300")))
    @given(data=st.data())
    def check(data: st.DataObject) -> None:
        value = data.draw(st.sampled_from(samples))
        for _ in range(data.draw(st.integers(1, 3))):
            path = data.draw(st.sampled_from(_paths(value)))
            how = data.draw(st.sampled_from(["replace", "delete", "sibling", "duplicate", "wrap"]))
            value = _mutate(value, path, how, data.draw(_values))
        assert agree(value, kind), value

    check()


def test_validate_gives_the_same_problems_with_and_without_the_check(monkeypatch: pytest.MonkeyPatch) -> None:
    broken = Document("x.yaml", {"id": "Bad id", "name": "", "kind": ["a"]}, {})
    fast = schemas.validate(broken, "offer")
    monkeypatch.setattr(schemas, "_fast_check", lambda name: None)
    assert fast and schemas.validate(broken, "offer") == fast
