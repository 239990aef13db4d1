"""The quick reader of block YAML gives PyYAML's values and positions, or steps aside (None)."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from synthetic_region import RegionShape, generate

from referral.content.loading import ContentDirs, load_content
from referral.core import quick_yaml
from referral.core.problems import ReferralError
from referral.core.yamlsource import Mark, PartialMarks, compose_yaml, dates_to_text, parse_yaml, yaml11_traps

ROOT = Path(__file__).resolve().parent.parent
SHIPPED = sorted(
    path for folder in ("rules", "offers", "examples", "tests/cases") for path in (ROOT / folder).rglob("*.yaml")
)
TINY = RegionShape(offers=60, rules=120, areas=12, per_gemeente=4, seed=5, timed=0.3, lonely=0.2, groups=0.2)


def same_as_pyyaml(text: str, dates_as_text: bool = False) -> bool:
    """Whether the quick reader took the text; when it did, it must give what PyYAML gives."""
    quick = quick_yaml.parse(text, dates_as_text)
    if quick is None:
        return False
    slow = compose_yaml(text, "x.yaml")  # raises if the quick reader took a broken document
    expected = dates_to_text(slow.value) if dates_as_text else slow.value
    assert quick[0] == expected
    assert [type(v) for v in _leaves(quick[0])] == [type(v) for v in _leaves(expected)]
    assert list(quick[1].items()) == list(slow.marks.items())  # the same paths, marks, and order
    return True


def _leaves(value: object) -> list[object]:
    if isinstance(value, dict):
        return [leaf for v in value.values() for leaf in _leaves(v)]
    if isinstance(value, list):
        return [leaf for v in value for leaf in _leaves(v)]
    return [value]


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    rules, offers = generate(tmp_path_factory.mktemp("region"), TINY)
    return sorted([*rules.glob("*.yaml"), *offers.glob("*.yaml")])


def test_every_shipped_file_reads_the_same_or_takes_pyyamls_route() -> None:
    taken = sum(same_as_pyyaml(path.read_text(encoding="utf-8-sig"), True) for path in SHIPPED)
    assert taken > 10  # the shipped content is partly in the subset (block scalars are not)


def test_generated_content_is_read_by_the_quick_reader_and_the_same(generated: list[Path]) -> None:
    taken = [path.name for path in generated if same_as_pyyaml(path.read_text(encoding="utf-8"), True)]
    assert len(taken) == len(generated) - 1  # all but the vocabulary
    assert any(name.startswith("regels") for name in taken)  # rule files: anchors and aliases


CASES = {
    "scalars": "a: text\nb: 12\nc: -20\nd: 1.5\ne: true\nf: null\ng: ~\nh: 'quoted ''x'''\ni: \"double\"\n",
    "traps": "a: no\nb: yes\nc: 9:00\nd: 0301234567\ne: 2026-12-02\nf: on\ng: 012\nh: 2026-12-02 10:00:00\n",
    "comments": "# head\na: x  # note\nb: 'y' # note\n  # indented comment\nc: a#b\n\nd: [x, y]  # note\n",
    "nesting": "a:\n  b:\n    c: 1\n  d:\n  - x\n  - y: 1\n    z: [p, q r]\n  -   spaced\ne:\n- - 1\n  - 2\n",
    "anchors": "a: &s\n- title: x\n  url: y\nb: *s\nc: &p plain\nd: *p\ne:\n  f: *s\n",
    "flow": "a: []\nb: {}\nc: {weight: 15, kinds: [meeting, role]}\nd: ['q', r]\ne: [1, true, null]\n",
    "unicode": "naam: Taalcafé\nbeschrijving: één – twee\nlijst: [café, 'ü']\nx: 🙂 y\n",
    "keys": "id: x\n2026: jaar\nno: key\nloneliness.social: 1\nwith-dash: 2\n",
    "dates_in_lists": "dates: [2026-01-02, '2026-01-03']\nwhen:\n- 2026-02-03\n",
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_the_subset_reads_as_pyyaml_reads_it(name: str) -> None:
    assert same_as_pyyaml(CASES[name])
    assert same_as_pyyaml(CASES[name], dates_as_text=True)


OUTSIDE = {
    "block scalar": "a: >-\n  folded\n  text\n",
    "multi-line plain": "a: one\n  two\n",
    "multi-line quoted": "a: 'one\n  two'\n",
    "escape": 'a: "x\\ty"\n',
    "tab": "a:\tx\n",
    "empty value": "a:\nb: 1\n",
    "duplicate key": "a: 1\na: 2\n",
    "tag": "a: !!str 12\n",
    "merge": "a: &x {b: 1}\nc:\n  <<: *x\n",
    "document marker": "---\na: 1\n",
    "two documents": "a: 1\n---\nb: 2\n",
    "list at the top": "- a\n- b\n",
    "flow over lines": "a: [x,\n  y]\n",
    "bad indentation": "a:\n    b: 1\n  c: 2\n",
    "value after a value": "a: b: c\n",
    "carriage return": "a: 1\r\nb: 2\r\n",
    "unknown alias": "a: *nope\n",
    "complex key": "? a\n: b\n",
}


@pytest.mark.parametrize("name", sorted(OUTSIDE))
def test_outside_the_subset_pyyaml_decides(name: str) -> None:
    assert quick_yaml.parse(OUTSIDE[name]) is None


def test_too_many_nodes_or_too_deep_take_pyyamls_route_which_refuses_them() -> None:
    deep = "".join(f"{'  ' * level}k{level}:\n" for level in range(70)) + "  " * 70 + "x: 1\n"
    assert quick_yaml.parse(deep) is None
    with pytest.raises(ReferralError) as err:
        parse_yaml(deep, "deep.yaml")
    assert err.value.problems[0].code == "yaml.too_complex"
    bomb = "a: &a [x, x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, "
        f"*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}]\n"
        for i in range(6)
    )
    assert quick_yaml.parse(bomb) is None
    with pytest.raises(ReferralError) as err:
        parse_yaml(bomb, "bomb.yaml")
    assert err.value.problems[0].code == "yaml.too_complex"


_PIECES = [
    *(" ", "  ", "-", "- ", ":", ": ", "'", '"', "#", " #", "\n", "\n  ", "\n- ", "&a ", "*a", "[", "]", "{", "}"),
    *(",", "é", "0", "1", ".5", "0x1", "+1", "1_0", "!", "|", ">", "%", "@", "?", "~", "<<: ", "\\", "---"),
    *("y", "n", "o", "e", "=", "\x85", "\u2028"),
]


@settings(max_examples=600, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.randoms(use_true_random=False), st.sampled_from(sorted(CASES)))
def test_mutated_documents_read_the_same_or_take_pyyamls_route(rng: random.Random, name: str) -> None:
    text = CASES[name]
    for _ in range(rng.randint(1, 4)):
        at = rng.randrange(len(text) + 1)
        cut = rng.random() < 0.4 and text
        text = text[:at] + text[at + 1 :] if cut else text[:at] + rng.choice(_PIECES) + text[at:]
    try:
        same_as_pyyaml(text)
    except ReferralError:
        pytest.fail(f"the quick reader took a document PyYAML refuses: {text!r}")


def test_a_problem_in_quickly_read_content_is_reported_at_its_line_and_column(tmp_path: Path) -> None:
    rules, offers = generate(tmp_path / "region", TINY)
    offer = sorted(offers.glob("*.yaml"))[3]
    lines = offer.read_text(encoding="utf-8").splitlines()
    at = next(i for i, line in enumerate(lines) if line.startswith("modality:"))
    lines[at + 1] = "-   telepathy"
    offer.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert quick_yaml.parse(offer.read_text(encoding="utf-8")) is not None
    problems = load_content(ContentDirs(rules, offers)).problems
    found = [p for p in problems if p.file and p.file.endswith(offer.name)]
    assert [(p.line, p.column) for p in found] == [(at + 2, 5)]


# --- positions kept for later (PartialMarks) ---------------------------------------------


@pytest.mark.parametrize("name", sorted(CASES))
def test_without_positions_the_kept_ones_are_exact_and_hold_every_trap(name: str) -> None:
    full = quick_yaml.parse(CASES[name])
    lean = quick_yaml.parse(CASES[name], positions=False)
    assert full is not None and lean is not None and lean[0] == full[0]
    assert all(full[1][path] == mark for path, mark in lean[1].items())
    assert [p for p in lean[1] if p in full[1]] == list(lean[1])  # the same order

    def traps(marks: dict[tuple[str | int, ...], Mark]) -> list[tuple[tuple[str | int, ...], Mark]]:
        return [(p, m) for p, m in marks.items() if m.plain and m.tag in quick_yaml.TRAP_TAGS]

    assert traps(lean[1]) == traps(full[1])
    doc = parse_yaml(CASES[name], "x.yaml", positions=False)
    assert isinstance(doc.marks, PartialMarks)
    assert dict(doc.marks.items()) == full[1]  # every other position: read again, the same
    assert yaml11_traps(doc) == yaml11_traps(parse_yaml(CASES[name], "x.yaml"))


def test_a_deep_position_is_read_when_asked_for() -> None:
    text = "a:\n  b:\n    c: [x, 'y']\n    d: 1\n"
    doc = parse_yaml(text, "x.yaml", positions=False)
    assert isinstance(doc.marks, PartialMarks) and ("a", "b", "c", 1) not in doc.marks.known
    problem = doc.problem("yaml.syntax", ("a", "b", "c", 1), detail="x")
    assert (problem.line, problem.column) == (3, 12)
    assert doc.marks.get(("a", "b", "@key", "d")) == Mark(4, 5)
    assert doc.marks.get(("a", "nope")) is None


def _broken_region(tmp_path: Path) -> ContentDirs:
    """Generated content with a problem of each kind: a schema error deep in an offer, a rule
    naming an unknown offer, an unknown kind, a YAML 1.1 trap, and a file PyYAML must read."""
    rules, offers = generate(tmp_path / "region", TINY)
    files = sorted(offers.glob("*.yaml"))
    lines = files[2].read_text(encoding="utf-8").splitlines()
    at = next(i for i, line in enumerate(lines) if line.startswith("modality:"))
    lines[at + 1] = "- 12"
    files[2].write_text("\n".join([*lines, "trap: [yes, 9:00]"]) + "\n", encoding="utf-8")
    text = files[5].read_text(encoding="utf-8").replace("kind:\n- ", "kind:\n- nokind\n- ", 1)
    files[5].write_text(text + "review: >-\n  folded\n  text\n", encoding="utf-8")
    rule_file = sorted(rules.glob("regels*.yaml"))[0]
    text = rule_file.read_text(encoding="utf-8")
    rule_file.write_text(text.replace("weight: ", "weight: x", 1), encoding="utf-8")
    return ContentDirs(rules, offers)


def test_problems_and_traps_are_the_same_with_positions_read_later(tmp_path: Path) -> None:
    dirs = _broken_region(tmp_path)
    eager, lean = load_content(dirs), load_content(dirs, positions=False)
    assert eager.problems == lean.problems and len(eager.problems) >= 3
    assert all(p.line is not None for p in eager.problems)
    assert [yaml11_traps(d) for d in eager.documents] == [yaml11_traps(d) for d in lean.documents]
    assert any(yaml11_traps(d) for d in lean.documents)
    assert any(isinstance(d.marks, PartialMarks) for d in lean.documents)
