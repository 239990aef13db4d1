"""A rich Table of many one-line rows, laid out as rich lays it out, without rich's cost per cell.

rich renders every cell of a table through its general machinery (measuring, padding, wrapping,
shaping): the six need tables of `referral gaps` at national scale have 1,800 rows each, and that
took seconds. Two facts make a cheaper route exact:

- the column widths depend on the table's settings and on each column's widest cells only (the
  maximum of its cells' measurements), so a sample table with the header and every distinct cell
  of each column gets the widths of the whole table;
- with those widths, a body row of one-line cells is the same segments whatever the other rows
  are (its left edge, its cells, the dividers, its right edge; the last row has the foot's edges).

So rich renders the sample (title, top edge, header, the line under it, its rows and its bottom
edge); every row of the whole table is built from its cells, each rendered once as rich renders a
cell. The sample's own rows, built that way, must equal the segments rich gave for them, else
(or for settings this route does not take) rich lays out the whole table: explicit checks, never
an exception caught. tests/test_long_table.py compares both routes.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from rich.measure import Measurement
from rich.padding import Padding
from rich.segment import Segment
from rich.style import Style
from rich.table import Table
from rich.text import Text

if TYPE_CHECKING:
    from rich.console import Console, ConsoleOptions, RenderResult

MANY = 64  # distinct cells of a column: more are sampled by their measurement
SMALL = 40  # rows: below this, rich lays the table out itself (the sample would be most of it)


@dataclass(frozen=True, eq=False)
class LongTable:
    """A table made by `make` (its columns, no rows) with `rows` of Text cells, one line each."""

    make: Callable[[], Table]
    rows: Sequence[Sequence[Text]]

    def table(self) -> Table:
        """The whole table, as rich lays it out (the plain route)."""
        table = self.make()
        for row in self.rows:
            table.add_row(*row)
        return table

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        laid_out = lay_out(self, console, options)
        if laid_out is None:
            yield self.table()
        else:
            yield from laid_out

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        return Measurement.get(console, options, self.table())


def _key(cell: Text) -> tuple[object, ...] | None:
    """What a plain Text cell renders by; None for a cell this route does not take."""
    if type(cell) is not Text or cell.spans or not isinstance(cell.style, str) or "\n" in cell.plain:
        return None
    return (cell.plain, cell.style, cell.justify, cell.overflow, cell.no_wrap, cell.end, cell.tab_size)


def _takes(table: Table, rows: int) -> bool:
    """The settings this route reproduces; any other table is laid out by rich."""
    return (
        rows >= SMALL
        and table.box is not None
        and table.show_header
        and not table.show_footer
        and not table.show_lines
        and not table.leading
        and not table.row_styles
        and not table.caption
        and table.width is None
        and not table.rows
        and hasattr(table, "_calculate_column_widths")
        and hasattr(table, "_extra_width")
    )


def lay_out(long: LongTable, console: Console, options: ConsoleOptions) -> list[Segment] | None:
    """The segments rich gives for the whole table, or None where this route declines."""
    rows = long.rows
    probe = long.make()
    if not _takes(probe, len(rows)) or any(len(row) != len(probe.columns) for row in rows):
        return None
    keys: list[list[tuple[object, ...]]] = []
    distinct: list[dict[tuple[object, ...], Text]] = [{} for _ in probe.columns]
    for row in rows:
        found = []
        for column, cell in enumerate(row):
            key = _key(cell)
            if key is None:
                return None
            distinct[column].setdefault(key, cell)
            found.append(key)
        keys.append(found)
    # The sample: every distinct cell of every column at least once (of a column with many, such
    # as the wijken, one of each distinct measurement: the widths depend on those only), then the
    # table's last row.
    measuring = options.update_width(options.max_width - probe._extra_width)
    choices = []
    for found_cells in distinct:
        if len(found_cells) > MANY:
            by_measure: dict[Measurement, Text] = {}
            for cell in found_cells.values():
                by_measure.setdefault(Measurement.get(console, measuring, cell), cell)
            choices.append(list(by_measure.values()))
        else:
            choices.append(list(found_cells.values()))
    sample_rows = [[cells[k % len(cells)] for cells in choices] for k in range(max(map(len, choices)))]
    sample_rows.append(list(rows[-1]))
    sample = long.make()
    for row in sample_rows:
        sample.add_row(*row)
    rendered = list(console.render(sample, options))

    widths = sample._calculate_column_widths(console, options.update_width(options.max_width - sample._extra_width))
    cells = _Cells(sample, console, options, widths)
    body: list[Segment] = []
    for number, row in enumerate(sample_rows):
        line = cells.row([_key(cell) or () for cell in row], row, number == len(sample_rows) - 1)
        if line is None:
            return None
        body.extend(line)
    # rich's segments: prefix (title, top edge, header, the line under it), the rows, the bottom edge
    tail = 2 if sample.show_edge else 0
    if len(rendered) < len(body) + tail:
        return None
    end = len(rendered) - tail
    if rendered[end - len(body) : end] != body:
        return None
    out = rendered[: end - len(body)]
    last = len(rows) - 1
    for number, (row, found) in enumerate(zip(rows, keys, strict=True)):
        line = cells.row(found, row, number == last)
        if line is None:
            return None
        out.extend(line)
    out.extend(rendered[end:])
    return out


class _Cells:
    """Body rows built as rich's Table._render builds them (rich 13 to 15), each cell rendered once."""

    def __init__(self, table: Table, console: Console, options: ConsoleOptions, widths: list[int]) -> None:
        self.table, self.console, self.widths = table, console, widths
        table_width = sum(widths) + table._extra_width
        self.options = options.update(width=table_width, highlight=table.highlight, height=None)
        get_style = console.get_style
        border_style = get_style(table.style or "") + get_style(table.border_style or "")
        safe = console.safe_box if table.safe_box is None else table.safe_box
        assert table.box is not None  # _takes
        box = table.box.substitute(self.options, safe=safe)
        row_style = Style.null()

        def edges(left: str, right: str, vertical: str) -> tuple[Segment, Segment, Segment]:
            divider = Segment(vertical, border_style)
            if not vertical.strip():
                divider = Segment(vertical, row_style.background_style + border_style)
            return Segment(left, border_style), Segment(right, border_style), divider

        self.mid = edges(box.mid_left, box.mid_right, box.mid_vertical)
        self.foot = edges(box.foot_left, box.foot_right, box.foot_vertical)
        self.styles = [get_style(column.style or "") + row_style for column in table.columns]
        self.memo: dict[tuple[int, bool, tuple[object, ...]], list[Segment] | None] = {}

    def _padding(self, column: int, last_row: bool) -> tuple[int, int, int, int]:
        """rich's padding of a body cell (not the first row: that is the header)."""
        table = self.table
        top, right, bottom, left = table.padding
        if table.collapse_padding:
            if column:
                left = max(0, left - right)
            if not last_row:
                bottom = max(0, top - bottom)
        if not table.pad_edge:
            if column == 0:
                left = 0
            if column == len(table.columns) - 1:
                right = 0
            if last_row:
                bottom = 0
        return top, right, bottom, left

    def cell(self, column: int, key: tuple[object, ...], text: Text, last_row: bool) -> list[Segment] | None:
        found_key = (column, last_row, key)
        if found_key in self.memo:
            return self.memo[found_key]
        spec = self.table.columns[column]
        width = self.widths[column]
        padding = self._padding(column, last_row)
        renderable = Padding(text, padding) if any(self.table.padding) else text
        options = self.options.update(
            width=width,
            justify=spec.justify,
            no_wrap=spec.no_wrap,
            overflow=spec.overflow,
            height=None,
            highlight=spec.highlight,
        )
        lines = self.console.render_lines(renderable, options, style=self.styles[column])
        found = Segment.set_shape(lines, width, 1)[0] if len(lines) == 1 else None  # one line, else declined
        self.memo[found_key] = found
        return found

    def row(self, keys: Sequence[tuple[object, ...]], row: Sequence[Text], last_row: bool) -> list[Segment] | None:
        left, right, divider = self.foot if last_row else self.mid
        out: list[Segment] = []
        if self.table.show_edge:
            out.append(left)
        for column, (key, text) in enumerate(zip(keys, row, strict=True)):
            if column:
                out.append(divider)
            segments = self.cell(column, key, text, last_row)
            if segments is None:
                return None
            out.extend(segments)
        if self.table.show_edge:
            out.append(right)
        out.append(Segment.line())
        return out
