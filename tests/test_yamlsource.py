"""Loading YAML and JSON with positions, and refusing the traps of hand-edited files."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

import pytest

from referral.core import yamlsource
from referral.core.problems import Problem, ReferralError
from referral.core.yamlsource import Document, PathKey, decode_text, load_file, parse_json, parse_yaml, read_text


def refused(text: str, parse: Callable[[str, str], Document] = parse_yaml) -> Problem:
    with pytest.raises(ReferralError) as info:
        parse(text, "f.yaml")
    (problem,) = info.value.problems
    assert problem.file == "f.yaml"
    return problem


def refused_bytes(data: bytes) -> Problem:
    with pytest.raises(ReferralError) as info:
        decode_text(data, "f.yaml")
    (problem,) = info.value.problems
    return problem


# --- plain loading -------------------------------------------------------------------------


def test_plain_mapping() -> None:
    doc = parse_yaml("age: 79\nwijk: Overvecht\nlife_events: [bereavement]\n", "c.yaml")
    assert doc.file == "c.yaml"
    assert doc.value == {"age": 79, "wijk": "Overvecht", "life_events": ["bereavement"]}


def test_yaml_values_are_plain_python() -> None:
    doc = parse_yaml("a: ja\nb: true\nc: null\nd: 1.5\ne: '079'\n", "c.yaml")
    assert doc.value == {"a": "ja", "b": True, "c": None, "d": 1.5, "e": "079"}


def test_numeric_key_becomes_text() -> None:
    assert parse_yaml("1: a\n", "c.yaml").value == {"1": "a"}


# --- duplicate keys ------------------------------------------------------------------------


def test_duplicate_key_points_at_the_second_key() -> None:
    problem = refused("age: 70\nwijk: Oost\nage: 80\n")
    assert problem.code == "yaml.duplicate_key"
    assert (problem.line, problem.column) == (3, 1)
    assert "age" not in problem.message("en")  # a key may be personal data: never echoed
    assert "line 1" in problem.message("en")
    assert problem.format("nl").startswith("f.yaml:3:1: ")


def test_duplicate_known_field_is_named() -> None:
    with pytest.raises(ReferralError) as info:
        parse_yaml("age: 70\nwijk: Oost\nage: 80\n", "f.yaml", {"age", "wijk"}.__contains__)
    (problem,) = info.value.problems
    assert problem.code == "yaml.duplicate_key.named"
    assert problem.format("en") == "f.yaml:3:1: the key 'age' occurs twice (first on line 1)"
    assert problem.format("nl") == "f.yaml:3:1: de sleutel 'age' komt dubbel voor (eerder op regel 1)"


def test_duplicate_unknown_key_stays_unnamed_when_others_are_known() -> None:
    with pytest.raises(ReferralError) as info:
        parse_yaml("agnes: 70\nagnes: 80\n", "f.yaml", {"age"}.__contains__)
    (problem,) = info.value.problems
    assert problem.code == "yaml.duplicate_key"
    assert "agnes" not in problem.format("en") + problem.format("nl")


def test_nested_duplicate_key_line_and_column() -> None:
    problem = refused("age: 70\nloneliness:\n  social: true\n  emotional: true\n  social: false\n")
    assert problem.code == "yaml.duplicate_key"
    assert (problem.line, problem.column) == (5, 3)
    assert dict(problem.args)["first_line"] == 3


def test_duplicate_key_in_flow_mapping() -> None:
    problem = refused("loneliness: {social: true, social: false}\n")
    assert problem.code == "yaml.duplicate_key"
    assert (problem.line, problem.column) == (1, 28)


def test_same_key_in_different_mappings_is_fine() -> None:
    doc = parse_yaml("a: {x: 1}\nb: {x: 2}\n", "c.yaml")
    assert doc.value == {"a": {"x": 1}, "b": {"x": 2}}


# --- tabs, encodings, binary ---------------------------------------------------------------


def test_tab_in_indentation() -> None:
    problem = refused("loneliness:\n\tsocial: true\n")
    assert problem.code == "yaml.tab"
    assert (problem.line, problem.column) == (2, 1)
    assert problem.hint("nl")


def test_tab_after_spaces_in_indentation() -> None:
    problem = refused("loneliness:\n  \tsocial: true\n")
    assert problem.code == "yaml.tab"
    assert (problem.line, problem.column) == (2, 3)


def test_tab_inside_a_value_is_not_indentation() -> None:
    assert parse_yaml("note: 'a\tb'\n", "c.yaml").value == {"note": "a\tb"}


def test_bom_is_accepted(tmp_path: Path) -> None:
    path = tmp_path / "casus.yaml"
    path.write_bytes(b"\xef\xbb\xbfage: 79\n")
    doc = load_file(path)
    assert doc.value == {"age": 79}
    assert doc.marks[("age",)].line == 1


def test_decode_text_strips_bom() -> None:
    assert decode_text(b"\xef\xbb\xbfa: 1\n", "f.yaml") == "a: 1\n"


@pytest.mark.parametrize(
    ("data", "line", "column"),
    [
        (b"age: \xff\n", 1, 6),
        (b"age: 79\nwijk: \xe9\xe9n\n", 2, 7),  # Latin-1 'ee' accents
        (b"a: 1\nb: 2\n\x80\n", 3, 1),
    ],
)
def test_not_utf8_with_position(data: bytes, line: int, column: int) -> None:
    problem = refused_bytes(data)
    assert problem.code == "file.not_utf8"
    assert (problem.line, problem.column) == (line, column)


def test_not_utf8_through_load_file(tmp_path: Path) -> None:
    path = tmp_path / "casus.yaml"
    path.write_bytes("age: 79\nwijk: Zuid\nnote: café\n".encode("latin-1"))
    with pytest.raises(ReferralError) as info:
        load_file(path, "casus.yaml")
    (problem,) = info.value.problems
    assert (problem.code, problem.file, problem.line, problem.column) == ("file.not_utf8", "casus.yaml", 3, 10)


@pytest.mark.parametrize("data", [b"a\x00b", b"\x00", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"])
def test_binary_is_refused(data: bytes) -> None:
    assert refused_bytes(data).code == "file.binary"


def test_utf16_is_refused_as_binary(tmp_path: Path) -> None:
    path = tmp_path / "casus.yaml"
    path.write_bytes("age: 79\n".encode("utf-16"))
    with pytest.raises(ReferralError) as info:
        load_file(path)
    assert [p.code for p in info.value.problems] == ["file.binary"]


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(ReferralError) as info:
        read_text(tmp_path / "nope.yaml", "nope.yaml")
    assert [(p.code, p.file) for p in info.value.problems] == [("file.missing", "nope.yaml")]


def test_directory_is_not_a_file(tmp_path: Path) -> None:
    with pytest.raises(ReferralError) as info:
        read_text(tmp_path)
    assert [p.code for p in info.value.problems] == ["file.not_a_file"]


def test_too_large(tmp_path: Path) -> None:
    path = tmp_path / "big.yaml"
    path.write_text("a: 1\n" * 100, encoding="utf-8")
    with pytest.raises(ReferralError) as info:
        read_text(path, max_bytes=100)
    assert [p.code for p in info.value.problems] == ["file.too_large"]


# --- empty, comments, several documents, syntax --------------------------------------------


@pytest.mark.parametrize(
    "text",
    ["", "   \n\n", "# alleen commentaar\n", "# een\n   # twee\n\n", "\ufeff# met BOM-teken\n"],
)
def test_empty_or_comment_only(text: str) -> None:
    assert refused(text).code == "file.empty"


def test_multiple_documents_point_at_the_second() -> None:
    problem = refused("age: 70\n---\nage: 80\n")
    assert problem.code == "yaml.multiple_documents"
    assert problem.line == 3


def test_leading_document_marker_is_one_document() -> None:
    assert parse_yaml("---\nage: 70\n", "c.yaml").value == {"age": 70}


@pytest.mark.parametrize(
    ("text", "line", "column"),
    [
        ("age: 70\nwijk: [Oost\nnote: x\n", 3, 5),
        ("a: b: c\n", 1, 5),
        ("age: 70\n  wijk: Oost\n", 2, 7),
        ("note: 'niet afgesloten\n", 2, 1),
    ],
)
def test_malformed_yaml_has_a_position(text: str, line: int, column: int) -> None:
    problem = refused(text)
    assert problem.code == "yaml.syntax"
    assert (problem.line, problem.column) == (line, column)
    assert problem.message("en").startswith("invalid YAML: ")


@pytest.mark.parametrize(
    "text", ["a: !!python/object:os.system echo\n", "a: !!python/name:os.system\n", "a: !eigen x\n"]
)
def test_python_and_unknown_scalar_tags_are_refused(text: str) -> None:
    problem = refused(text)
    assert (problem.code, problem.line, problem.column) == ("yaml.syntax", 1, 4)


def test_python_tag_on_a_collection_never_runs_code(monkeypatch: pytest.MonkeyPatch) -> None:
    import os

    calls: list[object] = []
    monkeypatch.setattr(os, "system", lambda *args: calls.append(args))
    try:
        doc = parse_yaml("a: !!python/object/apply:os.system [echo]\n", "c.yaml")
    except ReferralError:
        pass
    else:
        assert doc.value == {"a": ["echo"]}
    assert calls == []


def test_nan_is_refused_in_yaml() -> None:
    problem = refused("age: .nan\n")
    assert (problem.code, problem.line, problem.column) == ("yaml.syntax", 1, 6)


def test_complex_key_is_refused() -> None:
    problem = refused("? [a, b]\n: 1\n")
    assert (problem.code, problem.line) == ("yaml.non_string_key", 1)


# --- alias bombs, nesting, merge keys --------------------------------------------------------


def _billion_laughs(levels: int = 9) -> str:
    lines = ['a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for level in range(1, levels + 1):
        refs = ", ".join([f"*a{level - 1}"] * 10)
        lines.append(f"a{level}: &a{level} [{refs}]")
    return "\n".join(lines) + "\n"


def test_alias_bomb_is_refused_quickly() -> None:
    started = time.perf_counter()
    problem = refused(_billion_laughs())
    elapsed = time.perf_counter() - started
    assert problem.code == "yaml.too_complex"
    assert problem.line is not None
    assert elapsed < 5, f"alias bomb took {elapsed:.1f}s"


def test_a_few_aliases_are_fine() -> None:
    doc = parse_yaml("base: &b [ja, nee]\ncopy: *b\n", "c.yaml")
    assert doc.value == {"base": ["ja", "nee"], "copy": ["ja", "nee"]}


@pytest.mark.parametrize("depth", [70, 200])
def test_deep_flow_nesting_is_refused(depth: int) -> None:
    problem = refused("a: " + "[" * depth + "]" * depth + "\n")
    assert problem.code == "yaml.too_complex"
    assert problem.line == 1


def test_deep_block_nesting_is_refused() -> None:
    text = "".join("  " * level + f"k{level}:\n" for level in range(80)) + "  " * 80 + "x\n"
    assert refused(text).code == "yaml.too_complex"


def test_extremely_deep_nesting_is_refused_without_traceback() -> None:
    problem = refused("a: " + "[" * 20000 + "]" * 20000 + "\n")
    assert problem.code in ("yaml.too_complex", "yaml.syntax")


def test_moderate_nesting_is_fine() -> None:
    doc = parse_yaml("a: " + "[" * 20 + "1" + "]" * 20 + "\n", "c.yaml")
    value = doc.value["a"]
    for _ in range(19):
        value = value[0]
    assert value == [1]


def test_node_limit_is_enforced(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(yamlsource, "MAX_NODES", 50)
    problem = refused("a: [" + ", ".join(["1"] * 60) + "]\n")
    assert problem.code == "yaml.too_complex"


def test_merge_key_is_refused() -> None:
    problem = refused("base: &b {age: 70}\ncasus:\n  <<: *b\n  wijk: Oost\n")
    assert problem.code == "yaml.merge_key"
    assert (problem.line, problem.column) == (3, 3)


# --- JSON ----------------------------------------------------------------------------------


def test_json_mapping() -> None:
    doc = parse_json('{"age": 79, "loneliness": {"social": true}}', "c.json")
    assert doc.value == {"age": 79, "loneliness": {"social": True}}


@pytest.mark.parametrize("text", ['{"age": NaN}', '{"age": Infinity}', '{"age": -Infinity}'])
def test_json_nan_and_infinity_are_refused(text: str) -> None:
    problem = refused(text, parse_json)
    assert problem.code == "json.syntax"


def test_json_syntax_error_has_a_position() -> None:
    problem = refused('{"age": 79,\n "wijk": }', parse_json)
    assert problem.code == "json.syntax"
    assert (problem.line, problem.column) == (2, 10)


def test_json_duplicate_key_is_refused() -> None:
    problem = refused('{"0612345678": 70, "0612345678": 80}', parse_json)
    assert problem.code == "json.duplicate_key"
    assert "0612345678" not in problem.format("en") + problem.format("nl")


def test_json_duplicate_known_field_is_named() -> None:
    with pytest.raises(ReferralError) as info:
        parse_json('{"age": 70, "age": 80}', "f.json", {"age"}.__contains__)
    (problem,) = info.value.problems
    assert problem.format("nl") == "f.json: de sleutel 'age' komt dubbel voor"


def test_json_same_key_in_different_objects_is_fine() -> None:
    doc = parse_json('{"a": {"x": 1}, "b": [{"x": 2}, {"x": 3}]}', "c.json")
    assert doc.value == {"a": {"x": 1}, "b": [{"x": 2}, {"x": 3}]}


@pytest.mark.parametrize("text", ["", "  \n"])
def test_json_empty(text: str) -> None:
    assert refused(text, parse_json).code == "file.empty"


def test_load_file_chooses_json_by_suffix(tmp_path: Path) -> None:
    path = tmp_path / "casus.JSON"
    path.write_text('{"age": 79}', encoding="utf-8")
    assert load_file(path).value == {"age": 79}
    bad = tmp_path / "casus.json"
    bad.write_text("age: 79\n", encoding="utf-8")  # YAML, not JSON
    with pytest.raises(ReferralError) as info:
        load_file(bad)
    assert [p.code for p in info.value.problems] == ["json.syntax"]


# --- marks -----------------------------------------------------------------------------------

CASUS = """\
age: 79
wijk: Overvecht
loneliness:
  social: true
  djg6:
    - ja
    - nee
life_events: [bereavement, retirement]
"""


@pytest.fixture()
def casus_doc() -> Document:
    return parse_yaml(CASUS, "c.yaml")


@pytest.mark.parametrize(
    ("path", "line", "column"),
    [
        ((), 1, 1),
        (("age",), 1, 6),
        (("wijk",), 2, 7),
        (("loneliness",), 4, 3),
        (("loneliness", "social"), 4, 11),
        (("loneliness", "djg6"), 6, 5),
        (("loneliness", "djg6", 0), 6, 7),
        (("loneliness", "djg6", 1), 7, 7),
        (("life_events",), 8, 14),
        (("life_events", 1), 8, 28),
        (("@key", "wijk"), 2, 1),
        (("loneliness", "@key", "djg6"), 5, 3),
    ],
)
def test_marks_of_nested_paths(casus_doc: Document, path: PathKey, line: int, column: int) -> None:
    mark = casus_doc.mark(path)
    assert mark is not None
    assert (mark.line, mark.column) == (line, column)


def test_mark_falls_back_to_the_closest_ancestor(casus_doc: Document) -> None:
    mark = casus_doc.mark(("loneliness", "djg6", 5))
    assert mark is not None
    assert (mark.line, mark.column) == (6, 5)
    assert casus_doc.mark(("nowhere", "deeper")) == casus_doc.mark(())


def test_mark_records_how_a_scalar_was_written(casus_doc: Document) -> None:
    mark = casus_doc.mark(("age",))
    assert mark is not None
    assert mark.plain is True
    assert mark.text == "79"
    assert mark.tag.endswith(":int")
    quoted = parse_yaml("a: 'no'\n", "c.yaml").mark(("a",))
    assert quoted is not None and quoted.plain is False


def test_document_problem_uses_the_mark(casus_doc: Document) -> None:
    problem = casus_doc.problem("casus.unknown_value", ("loneliness", "djg6", 1), field="x")
    assert (problem.file, problem.line, problem.column) == ("c.yaml", 7, 7)


def test_json_has_marks_like_yaml() -> None:
    doc = parse_json('{"age": 79,\n "wijk": "x"}', "c.json")
    problem = doc.problem("casus.unknown_value", ("wijk",), field="wijk")
    assert (problem.line, problem.column) == (2, 10)
    assert problem.location() == "c.json:2:10"
