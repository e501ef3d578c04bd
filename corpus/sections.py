"""Build the section tree from the report's lines.

A single pass keeps a stack of open sections; each recognised heading pops what it closes and
pushes itself. Guards keep look-alikes out: program and sub-program numbers must come in order,
chapter headings must repeat a title from the part's table of contents, and HTML cells
(`<p>① …`) are never headings.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from corpus import outline
from corpus.model import Section
from corpus.text import collapse_letter_spacing, squash_ws


@dataclass
class _Open:
    ref: str
    kind: str
    title: str
    path: tuple[str, ...]
    start: int
    parent: str | None
    children: list[str] = field(default_factory=list)
    end: int = 0
    next_child: int = 1  # next expected program / sub-program number below this section
    blocks: int = 0


def _key(text: str) -> str:
    return squash_ws(collapse_letter_spacing(text)).replace(" ", "")


class _Builder:
    def __init__(self, lines: list[str]) -> None:
        self.lines = lines
        self.done: dict[str, _Open] = {}
        self.order: list[str] = []
        self.stack: list[_Open] = []
        root = _Open("", "root", "", (), 1, None)
        self.stack.append(root)
        self.toc: dict[int, str] = {}  # the current part's numbered table of contents
        self.toc_done = False
        self.chapter: _Open | None = None
        self.program: _Open | None = None
        self.program_level_subs = False
        self.skip_until = 0  # title lines already consumed by a heading

    # -- stack helpers -------------------------------------------------
    def top(self) -> _Open:
        return self.stack[-1]

    def close_to(self, kinds: set[str]) -> None:
        """Pop until the top of the stack is one of `kinds` (the root always stays)."""
        while len(self.stack) > 1 and self.top().kind not in kinds:
            self.stack.pop().end = 0

    def open(self, ref: str, kind: str, title: str, line: int) -> _Open:
        parent = self.top()
        node = _Open(ref, kind, title, parent.path + (title,), line, parent.ref or None)
        parent.children.append(ref)
        self.stack.append(node)
        self.done[ref] = node
        self.order.append(ref)
        return node

    def next_title(self, i: int) -> tuple[str, int]:
        """Title on the next non-blank line after line index i (0-based), and that index."""
        for j in range(i + 1, min(i + 4, len(self.lines))):
            if self.lines[j].strip():
                return outline.clean_title(self.lines[j]), j
        return "", i

    # -- heading handlers ----------------------------------------------
    def on_part(self, number: int, title: str, i: int) -> None:
        self.close_to({"root"})
        self.open(outline.ROMAN_NAMES[number], "part", title, i + 1)
        self.toc, self.toc_done = {}, False
        self.chapter = self.program = None

    def on_chapter(self, number: int, title: str, i: int) -> None:
        self.close_to({"part"})
        part = self.top()
        self.chapter = self.open(f"{part.ref}.{number}", "chapter", title, i + 1)
        self.program = None

    def on_program(self, container: _Open, number: int, title: str, i: int) -> None:
        self.close_to({container.kind})
        if not title:
            title, j = self.next_title(i)
            self.skip_until = j
        self.program = self.open(f"{container.ref}.{number}", "program", title, i + 1)
        container.next_child = number + 1
        self.program_level_subs = False

    def on_subprogram(self, number: int, title: str, i: int) -> None:
        if not title:
            title, j = self.next_title(i)
            self.skip_until = j
        assert self.program is not None
        if self.program.blocks == 0 or self.program_level_subs:
            self.program_level_subs = True
            self.close_to({"program"})
        else:
            self.close_to({"block"})
        parent = self.top()
        self.open(f"{parent.ref}.{number}", "subprogram", title, i + 1)
        parent.next_child = number + 1

    def on_block(self, title: str, i: int) -> None:
        keep = {"subprogram", "program", "heading", "part"} if self.program_level_subs else {"program", "heading", "part"}
        if self.program is None:
            keep = {"heading", "part", "chapter"}
        self.close_to(keep)
        parent = self.top()
        parent.blocks += 1
        if self.program is not None and self.program is not parent:
            self.program.blocks += 1
        self.open(f"{parent.ref}.b{parent.blocks}", "block", title, i + 1)

    def on_free_heading(self, title: str, i: int) -> None:
        self.close_to({"part"})
        part = self.top()
        self.open(f"{part.ref}.{len(part.children) + 1}", "heading", title, i + 1)

    # -- the pass --------------------------------------------------------
    def scan(self) -> None:
        for i, raw in enumerate(self.lines):
            text = raw.strip()
            if not text or i <= self.skip_until:
                continue
            self.visit(raw, text, i)

    def visit(self, raw: str, text: str, i: int) -> None:
        part = outline.match_part(text)
        if part is None and not self.done and outline.match_numbered(text):
            part = (1, outline.match_numbered(text)[1])  # the report opens with "1. 일반 현황"
        if part:
            return self.on_part(*part, i)
        number = outline.ROMAN.get(self.part_ref(), 0)
        if number in (1, 2):
            return self.visit_overview(raw, text, i)
        if number in (4, 5):
            return self.visit_report(raw, text, i)

    def part_ref(self) -> str:
        parts = [s for s in self.stack if s.kind == "part"]
        return parts[0].ref if parts else ""

    def visit_overview(self, raw: str, text: str, i: int) -> None:
        bracket = outline.match_bracket_block(text)
        if bracket:
            return self.on_block(bracket, i)
        prev_blank = i == 0 or not self.lines[i - 1].strip()
        next_blank = i + 1 >= len(self.lines) or not self.lines[i + 1].strip()
        title = outline.match_free_heading(raw, prev_blank, next_blank)
        if title:
            self.on_free_heading(title, i)

    def visit_report(self, raw: str, text: str, i: int) -> None:
        if self.visit_toc(text, i):
            return
        container = self.chapter or self.top_of_kind("part")
        program = outline.match_program(text)
        if program and container and program[0] == container.next_child:
            return self.on_program(container, *program, i)
        if self.program is None and outline.CIRCLED_RE.match(text):
            return  # a chapter's own table of contents
        if self.lost_heading(raw, container, i):
            return
        if self.program is not None and not raw.lstrip().startswith("<"):
            circled = outline.match_circled(text)
            if circled and circled[0] == self.expected_subprogram():
                return self.on_subprogram(*circled, i)
        block = outline.match_block(text)
        if block:
            self.on_block(block, i)

    def visit_toc(self, text: str, i: int) -> bool:
        """Collect the part's numbered contents; in part IV a repeated entry opens its chapter."""
        numbered = outline.match_numbered(text)
        if not self.toc_done:
            if numbered and numbered[0] == len(self.toc) + 1:
                self.toc[numbered[0]] = numbered[1]
                return True
            if self.toc:
                self.toc_done = True
        if numbered and self.part_ref() == "IV" and numbered[0] in self.toc:
            if _key(numbered[1]).startswith(_key(self.toc[numbered[0]])[:8]):
                self.on_chapter(*numbered, i)
                return True
        return False

    def lost_heading(self, raw: str, container: _Open | None, i: int) -> bool:
        """A table whose header names the next contents entry opens it (its heading was an image)."""
        if container is None or self.chapter is not None or "\t" not in raw:
            return False
        expected = self.toc.get(container.next_child)
        if expected and _key(raw.split("\t")[0]) == _key(expected):
            self.on_program(container, container.next_child, expected, i)
            return True
        return False

    def top_of_kind(self, kind: str) -> _Open | None:
        return next((s for s in reversed(self.stack) if s.kind == kind), None)

    def expected_subprogram(self) -> int:
        assert self.program is not None
        if self.program.blocks == 0 or self.program_level_subs:
            return self.program.next_child
        block = self.top_of_kind("block")
        return block.next_child if block else 1

    # -- freezing ------------------------------------------------------------
    def sections(self) -> list[Section]:
        nodes = [self.done[r] for r in self.order]
        out = []
        for k, node in enumerate(nodes):
            depth = len(node.path)
            later = (n.start for n in nodes[k + 1:] if len(n.path) <= depth)
            end = self.trim(node.start, next(later, len(self.lines) + 1) - 1)
            out.append(Section(node.ref, node.kind, node.title, node.path, node.start, end,
                               node.parent, tuple(node.children)))
        return out

    def trim(self, start: int, end: int) -> int:
        while end > start and not self.lines[end - 1].strip():
            end -= 1
        return end


def build_sections(lines: list[str]) -> list[Section]:
    """Sections in document order; lines are the report's lines without newlines."""
    builder = _Builder(lines)
    builder.scan()
    return builder.sections()
