"""`LongTable` (referral/render/long_table.py) gives the bytes rich gives for the whole table: on
the need tables of `referral gaps` at several widths, with and without colour, and on random tables
(random settings and cells, some of which the fast route declines)."""

from __future__ import annotations

import datetime as dt
import io
import random

import pytest
from rich import box
from rich.table import Table
from rich.text import Text
from synthetic_region import RegionShape, generate

from referral.analysis.gaps import NeedMap, need_map
from referral.app.session import Session
from referral.app.support import console
from referral.content.loading import ContentDirs, load_ruleset
from referral.render.gaps_view import need_table
from referral.render.long_table import LongTable, lay_out

WIDTHS = (30, 50, 80, 100, 120, 200)
COLOURS = (None, "standard", "truecolor")


def _printed(renderable: object, width: int, colour: str | None) -> str:
    out = io.StringIO()
    kwargs = {"force_terminal": True, "color_system": colour} if colour else {}
    console(out, width=width, **kwargs).print(renderable, crop=False)
    return out.getvalue()


def _both(long: LongTable, width: int, colour: str | None) -> tuple[str, str]:
    return _printed(long, width, colour), _printed(long.table(), width, colour)


@pytest.fixture(scope="module")
def region_map(tmp_path_factory: pytest.TempPathFactory) -> NeedMap:
    rules, offers = generate(tmp_path_factory.mktemp("region"), RegionShape(offers=900, rules=1800, areas=60, seed=5))
    session = Session.of_ruleset(load_ruleset(ContentDirs(rules, offers)))
    day = dt.date(2026, 12, 2)
    return need_map(session.ruleset, lambda data: session.match(session.reader.read_mapping(data), day), day)


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_need_tables_are_rich_tables_byte_for_byte(region_map: NeedMap, lang: str) -> None:
    taken = 0
    for need in region_map.needs:
        long = need_table(region_map, need, lang)
        for width in WIDTHS:
            for colour in COLOURS:
                fast, plain = _both(long, width, colour)
                assert fast == plain, (need, width, colour)
            out = io.StringIO()
            plain_console = console(out, width=width)
            taken += lay_out(long, plain_console, plain_console.options) is not None
    assert taken >= len(region_map.needs) * 4  # the fast route is taken at 80, 120


def test_the_shipped_map_is_unchanged(session: Session) -> None:
    day = dt.date(2026, 12, 2)
    found = need_map(session.ruleset, lambda data: session.match(session.reader.read_mapping(data), day), day)
    for need in found.needs:
        for width in (80, 120):
            fast, plain = _both(need_table(found, need, "nl"), width, "truecolor")
            assert fast == plain


WORDS = ("a", "wijk", "Overvecht-Noord", "✓", "~ 3", "✗ 12", "emotioneel eenzaam", "日本", "x" * 30, "")
STYLES = ("", "green", "bold red", "dim", "on blue", "yellow underline")


def _random_long(rng: random.Random) -> LongTable:
    columns = rng.randint(1, 5)
    settings = {
        "title": rng.choice([None, "Een titel", "Een lange titel " * 6]),
        "title_justify": rng.choice(["left", "center", "right"]),
        "box": rng.choice([box.SIMPLE_HEAD, box.SIMPLE, box.ROUNDED, box.HEAVY_HEAD, box.MINIMAL, box.ASCII]),
        "pad_edge": rng.random() < 0.5,
        "show_edge": rng.random() < 0.8,
        "expand": rng.random() < 0.3,
        "collapse_padding": rng.random() < 0.3,
        "padding": rng.choice([(0, 1), (0, 0), (0, 2), (1, 1)]),
        "border_style": rng.choice([None, "blue"]),
        "style": rng.choice([None, "on black"]),
        "min_width": rng.choice([None, 40]),
        "show_header": rng.random() < 0.9,
        "caption": rng.choice([None, None, None, "onderschrift"]),
    }
    specs = [
        {
            "justify": rng.choice(["left", "center", "right", "full"]),
            "no_wrap": rng.random() < 0.4,
            "overflow": rng.choice(["fold", "crop", "ellipsis"]),
            "style": rng.choice([None, "italic"]),
            "ratio": rng.choice([None, None, 1, 2]),
            "min_width": rng.choice([None, None, 6]),
        }
        for _ in range(columns)
    ]
    heads = [rng.choice(WORDS[:7]) for _ in range(columns)]

    def make() -> Table:
        table = Table(**settings)  # type: ignore[arg-type]
        for head, spec in zip(heads, specs, strict=True):
            table.add_column(head, **spec)  # type: ignore[arg-type]
        return table

    vocabulary = [Text(rng.choice(WORDS), style=rng.choice(STYLES)) for _ in range(rng.randint(1, 12))]
    unique = rng.random() < 0.5
    rows = [
        [
            Text(f"G{n:03d}-W{rng.randint(1, 99)}") if unique and c == 0 else rng.choice(vocabulary).copy()
            for c in range(columns)
        ]
        for n in range(rng.randint(30, 140))
    ]
    return LongTable(make, rows)


def test_random_tables_are_rich_tables_byte_for_byte() -> None:
    rng = random.Random(2026)
    taken = 0
    for _ in range(150):
        long = _random_long(rng)
        width = rng.choice((20, 40, 80, 120))
        colour = rng.choice(COLOURS)
        fast, plain = _both(long, width, colour)
        assert fast == plain
        plain_console = console(io.StringIO(), width=width)
        taken += lay_out(long, plain_console, plain_console.options) is not None
    assert 20 < taken < 150  # the fast route is taken on many of them, and declines some


def test_a_cell_that_wraps_is_laid_out_by_rich() -> None:
    def make() -> Table:
        table = Table(box=box.SIMPLE_HEAD)
        table.add_column("kop")
        return table

    long = LongTable(make, [[Text("kort")] for _ in range(50)] + [[Text("een heel lange cel " * 10)]])
    narrow = console(io.StringIO(), width=40)
    assert lay_out(long, narrow, narrow.options) is None
    assert _both(long, 40, None)[0] == _both(long, 40, None)[1]
