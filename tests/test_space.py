"""The space's shortcuts (satisfiable by shape, implication and equivalence of boxes) give
exactly the answers of the search they stand in for."""

from __future__ import annotations

import random

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from referral.analysis.reach import build_space
from referral.analysis.space import ALWAYS, NEVER, Every, Expr, Has, In, Neg, Some, Space, every, neg, some
from referral.content.loading import load_ruleset, shipped_content


@pytest.fixture(scope="module")
def space() -> Space:
    return build_space(load_ruleset(shipped_content()))


def _random_expr(rng: random.Random, space: Space, depth: int = 0) -> Expr:
    """Tests on few dimensions (so that they meet), masks empty to full, nested up to three deep."""
    dims = space.dims[: min(6, len(space.dims))]
    members = [d for d in space.dims if d.presence is not None]
    roll = rng.random()
    if depth >= 3 or roll < 0.45:
        if members and rng.random() < 0.2:
            member = rng.choice(members)
            assert member.presence is not None
            return Has(member.presence, member.index, rng.randint(0, 3))
        dim = rng.choice(dims)
        return In(dim.index, rng.randint(0, dim.full))
    items = tuple(_random_expr(rng, space, depth + 1) for _ in range(rng.randint(0, 4)))
    if roll < 0.6:
        return Every(items)  # as built, without merging
    if roll < 0.75:
        return every(items)
    if roll < 0.85:
        return some(items) if rng.random() < 0.5 else Some(items)
    return neg(items[0]) if items else rng.choice((ALWAYS, NEVER))


def _searched(space: Space, expr: Expr) -> bool:
    return space.find(expr) is not None


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.randoms(use_true_random=False))
def test_shortcuts_answer_as_the_search(space: Space, rng: random.Random) -> None:
    a, b = _random_expr(rng, space), _random_expr(rng, space)
    assert space.satisfiable(a) == _searched(space, a)
    assert space.implies(a, b) == (not _searched(space, every((a, neg(b)))))
    assert space.equivalent(a, b) == (not _searched(space, some((every((a, neg(b))), every((neg(a), b))))))
    assert space.equivalent(a, a) and space.implies(a, a)


def test_boxes_of_tests_on_single_dimensions_decide_without_searching(space: Space) -> None:
    dim = max(space.dims[:6], key=lambda d: d.full)
    other = next(d for d in space.dims if d.index != dim.index)
    low, all_parts = In(dim.index, 1), In(dim.index, dim.full)
    both = Every((low, In(other.index, other.full)))
    assert space.equivalent(low, both)  # a mask of every part adds nothing
    assert space.implies(Every((low, In(other.index, 1))), low)
    assert not space.implies(all_parts, low)
    empty = Every((low, In(dim.index, 2)))
    assert not space.satisfiable(empty) and space.implies(empty, low) and space.equivalent(empty, NEVER)
    assert isinstance(neg(low), Neg) and space.satisfiable(neg(low))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.randoms(use_true_random=False))
def test_regions_one_at_a_time_are_the_regions(space: Space, rng: random.Random) -> None:
    expr = _random_expr(rng, space)
    assert list(space.each_region(expr)) == space.regions(expr)
