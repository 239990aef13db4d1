"""The quick reader of block YAML gives PyYAML's values and positions, or steps aside (None)."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from benchmarks.synth import RegionShape, generate
from referral.content.loading import ContentDirs, load_content
from referral.core import quick_yaml
from referral.core.problems import ReferralError
from referral.core.yamlsource import compose_yaml, dates_to_text, parse_yaml

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
