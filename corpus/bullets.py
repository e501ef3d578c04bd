"""The report's bullet hierarchy: which line each line hangs from, inside its section.

The report nests its points with markers, outermost first: `□` blocks (sections of their own),
`○`/`◇` subjects and `< … >` box titles, `-` points, indented ` -` sub-points, `✓` box items,
`▶`/`☞` details; `※` and `*` notes hang from the line above them. Indentation adds depth, so
` - ▶` sits below ` -`. A line without a marker (a wrapped line, an image caption) is a leaf of
the nearest bullet above it. Table rows hang from the line before the table as one unit.
Where the text lost a subject's marker, its layout remains: a lone `-` point, a blank line, then a
run of `-` points is a heading and its items, so the run hangs from the lone point.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from corpus.document import Document

# Depth of each marker; indentation (leading spaces) adds one level per space.
MARKER_DEPTHS: dict[str, int] = {
    "□": 0, "■": 0,
    "○": 1, "◇": 1, "◆": 1, "●": 1, "•": 1, "<": 1, "〈": 1,
    "-": 2, "－": 2, "–": 2,
    "✓": 3,
    "▶": 4, "☞": 4, "▷": 4,
}
NOTE_MARKERS = ("※", "*")
LEAF_DEPTH = 9
POINT_DEPTH = MARKER_DEPTHS["-"]
MIN_RUN_UNDER_LEAD = 2  # one point after a blank line is a sibling; two or more are a heading's items
_MARKER_RE = re.compile(r"^(\s*)([□■○◇◆●•<〈\-－–✓▶☞▷※*])(?=\s|[^\s>])")
_INNER_RE = re.compile(r"^\s*[\-－–]\s*([✓▶☞▷])")  # `- ✓ 개최기간`, ` - ▶ 세계대도시협의회`


@dataclass(frozen=True)
class Bullet:
    line: int
    marker: str  # the line's marker, "" for a plain line
    depth: int
    parent: int | None  # the line it hangs from, within the same section; None under the heading


def marker_of(raw: str) -> tuple[str, int]:
    """The line's bullet marker and its depth (LEAF_DEPTH for a plain line; notes are resolved by the caller)."""
    if "\t" in raw:
        return "", LEAF_DEPTH
    inner = _INNER_RE.match(raw)
    m = _MARKER_RE.match(raw)
    if inner:
        marker = inner.group(1)
        indent = len(raw) - len(raw.lstrip())
        return marker, MARKER_DEPTHS[marker] + indent
    if not m:
        return "", LEAF_DEPTH
    marker = m.group(2)
    if marker in NOTE_MARKERS:
        return marker, -1
    if marker == "<" and not raw.rstrip().endswith(">"):
        return "", LEAF_DEPTH  # `<자료 : 통계청>` and box titles end with `>`; `<p>` cells are table text
    return marker, MARKER_DEPTHS[marker] + len(m.group(1))


def _is_point(raw: str) -> bool:
    return marker_of(raw) == ("-", POINT_DEPTH)


def _items_under_leads(doc: Document, own_lines: list[int]) -> set[int]:
    """Lines of the runs that follow a lone point (`- 제목`, blank, `- 항목`, `- 항목`)."""
    own = set(own_lines)
    items: set[int] = set()
    for n in own_lines:
        alone = n - 1 not in own or not _is_point(doc.lines[n - 2])
        if not alone or not _is_point(doc.lines[n - 1]) or n + 2 not in own or doc.lines[n].strip():
            continue
        run: list[int] = []
        line = n + 2
        while line in own and doc.lines[line - 1].strip():
            run.append(line)
            line += 1
        if sum(_is_point(doc.lines[m - 1]) for m in run) >= MIN_RUN_UNDER_LEAD and _is_point(doc.lines[run[0] - 1]):
            items.update(run)
    return items


def section_bullets(doc: Document, own_lines: list[int]) -> list[Bullet]:
    """Bullets of a section's own lines (those not inside a child section), in order."""
    under_lead = _items_under_leads(doc, own_lines)
    out: list[Bullet] = []
    stack: list[tuple[int, int]] = []  # (depth, line) of the open bullets
    table_parent: int | None = None
    previous: Bullet | None = None
    for n in own_lines:
        raw = doc.lines[n - 1]
        if not raw.strip():
            continue
        if "\t" in raw:
            in_table = previous is not None and "\t" in doc.lines[previous.line - 1]
            table_parent = table_parent if in_table else (stack[-1][1] if stack else None)
            previous = Bullet(n, "", LEAF_DEPTH, table_parent)
            out.append(previous)
            continue
        marker, depth = marker_of(raw)
        if n in under_lead and depth >= 0:
            depth += 1
        if depth < 0:  # a note hangs from the line above it
            previous = Bullet(n, marker, LEAF_DEPTH, previous.line if previous else None)
            out.append(previous)
            continue
        while stack and stack[-1][0] >= depth:
            stack.pop()
        previous = Bullet(n, marker, depth, stack[-1][1] if stack else None)
        out.append(previous)
        stack.append((depth, n))
    return out
