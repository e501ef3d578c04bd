"""The parsed report: its lines, section tree, tables and figures."""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import cached_property

from corpus.model import Figure, Section, Table
from corpus.text import strip_html


@dataclass(frozen=True)
class Document:
    name: str
    lines: tuple[str, ...]  # the report's lines, without newlines; line n is lines[n - 1]
    sections: tuple[Section, ...]
    tables: tuple[Table, ...]
    figures: tuple[Figure, ...]

    @cached_property
    def title(self) -> str:
        """The cover lines before the first section (`주요 업무보고 2023. 3. 경제정책실`)."""
        first = self.sections[0].start if self.sections else 1
        return " ".join(line.strip() for line in self.lines[:first - 1] if line.strip())

    @cached_property
    def year(self) -> int | None:
        """The year the report was written in, from its cover (`2023. 3.`); None when the cover states none."""
        m = re.search(r"(?<![0-9])(20[0-9]{2})\s?[.년]", self.title)
        return int(m.group(1)) if m else None

    @cached_property
    def by_ref(self) -> dict[str, Section]:
        return {s.ref: s for s in self.sections}

    def section(self, ref: str) -> Section:
        return self.by_ref[ref]

    def section_at(self, line: int) -> Section:
        """The deepest section whose range holds `line` (the first part for a preamble line)."""
        best = self.sections[0]
        for s in self.sections:
            if s.start <= line <= s.end and len(s.path) >= len(best.path):
                best = s
        return best

    def text(self, start: int, end: int) -> str:
        """Report text for lines start..end: non-blank lines, HTML tags dropped."""
        rows = (strip_html(line).rstrip() for line in self.lines[start - 1:end])
        return "\n".join(r for r in rows if r.strip())

    def own_lines(self, section: Section) -> list[int]:
        """Line numbers of `section` not governed by one of its children."""
        taken = {n for ref in section.children for n in range(self.section(ref).start, self.section(ref).end + 1)}
        return [n for n in range(section.start, section.end + 1) if n not in taken]

    def figures_in(self, start: int, end: int) -> list[Figure]:
        keys = [f.line for f in self.figures]
        return list(self.figures[bisect.bisect_left(keys, start):bisect.bisect_right(keys, end)])
