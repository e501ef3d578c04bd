"""Computations over figure records: comparisons of named things, superlatives and filters over a
series, sums, and changes (`A → B`, or one series in two years). Every operand is a figure record
cited to its passage; operands of different measures are never added or compared.
"""
from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace

from corpus.document import Document
from corpus.model import Figure
from corpus.units import compatible, convert, to_krw
from qa import compose
from qa.analyze import NUMERIC_TYPES, PairCondition, Question, type_of_noun
from qa.compose import Citations, format_value
from qa.features import TYPE, chain_role
from qa.grounding import ReportWords, squash
from qa.cues import morphs_of
from qa.lexicon import plain_words, question_words
from qa.parts import as_written, named_parts
from qa.rank import Option, Ranker, Ranking
from qa.series import Member, SeriesFinder, is_total, series_key
from qa.strategies import MAX_FIGURES, Result, single

COUNT_WORDS = {"두": 2, "세": 3, "네": 4, "다섯": 5, "여섯": 6, "일곱": 7, "여덟": 8, "아홉": 9, "열": 10}
COUNT_RE = re.compile(r"([0-9]+)\s*(?:개|곳|가지|건)")
PART_OPTIONS = 10  # options looked at for each named part
CHAIN_OPTIONS = 5  # for a change, the best options looked at for a line that states it (`103 → 200社`)
COMPARATORS = {"lt": lambda a, b: a < b, "le": lambda a, b: a <= b, "gt": lambda a, b: a > b, "ge": lambda a, b: a >= b}


def value_in(fig: Figure, unit: str) -> float:
    converted = convert(fig.value, fig.unit, unit)
    return fig.value if converted is None else converted


def computed(label: str, value: float, unit: str, like: Figure) -> Figure:
    return Figure(label, round(value, 6), unit, to_krw(value, unit), like.year, like.section_ref, like.line,
                  like.source, computed=True)


def operand_count(q: Question) -> int | None:
    """How many things the question says it adds or compares (`6개 하위펀드`, `두 사업`), if it says."""
    m = COUNT_RE.search(q.text)
    if m:
        return int(m.group(1))
    return next((n for word, n in COUNT_WORDS.items() if re.search(rf"(?<![가-힣]){word}\s", q.text)), None)


def of_kind(members: list[Member], kinds: tuple[str, ...]) -> bool:
    """Most members are named as things of one of `kinds` (`경제정책과` is a 과); true when no kind is
    asked or it is a generic one (곳, 것)."""
    named = [k for k in kinds if k not in plain_words()]
    if not named:
        return True
    fitting = sum(1 for m in members if any(squash(m.name).endswith(k) for k in named))
    return fitting * 2 > len(members)


def of_attribute(q: Question, members: list[Member]) -> list[Member]:
    """The members that are of the attribute the question adds up (`매출액 합계`: not the 투자유치액 beside it);
    all of them when the question names none or no member writes it."""
    named = [squash(a) for a in q.named_attributes]
    fitting = [m for m in members if any(a in squash(f"{m.name} {m.figure.label}") for a in named)]
    return fitting if named and fitting else members


def states_increment(o: Option) -> bool:
    """A figure of the asked kind labelled as an addition (추가, 신규)."""
    return (o.figure is not None and o.features[TYPE] > 0
            and any(w in o.figure.label or w in o.cand.text[:o.figure.span[0]] for w in question_words().increment_words))


def one_each(choices: list[list[Option]], fits: Callable[[Option], bool]) -> list[Option] | None:
    """The first fitting option of each list, no figure taken twice; None when a list has none left."""
    picked: list[Option] = []
    for options in choices:
        pick = next((o for o in options if fits(o) and all(o.figure is not p.figure for p in picked)), None)
        if pick is None:
            return None
        picked.append(pick)
    return picked


def names_part(o: Option, part: tuple[str, ...]) -> int:
    """How well the figure names its part: each part word in the figure's own label counts 2 (`종합형
    29,127`), in its line or the titles and bullets above it 1."""
    label, scoped = squash(o.figure.label if o.figure else ""), o.view.context
    return sum(2 if w in label else 1 if w in scoped else 0 for w in map(squash, part) if w)


def named_phrase(m: Member) -> str:
    """The figure with what it belongs to, unless its label already says so."""
    phrase = compose.figure_phrase(m.figure)
    return phrase if squash(m.name) in squash(m.figure.label) else f"{m.name} {phrase}"


class Calculator:
    def __init__(self, ranker: Ranker, doc: Document, report: ReportWords) -> None:
        self.ranker = ranker
        self.doc = doc
        self.series = SeriesFinder(doc, [v.cand for v in ranker.views])
        self.report = report

    def answer(self, q: Question, ranking: Ranking) -> Result | None:
        if q.operation in ("compare", "sum"):
            parts = named_parts(q, lambda word: word.endswith("과") and self.report.writes_exactly(word))
            if parts:
                members = self.part_members(q, parts)
                if members:
                    return self.combine(q, members)
        top = self.top_figure(ranking)
        if top is None or q.operation is None:
            return None
        if q.operation in ("max", "min", "compare"):
            members = self.ranked_series(q, ranking)
            return self.extreme(q, members) if len(members) >= 2 else None
        if q.operation == "sum":
            return self.add_series(q, top)
        if q.operation == "delta":
            return self.change(q, ranking, top)
        if q.operation == "filter" and q.comparator is not None:
            return self.filter(q, self.ranked_series(q, ranking))
        if q.operation == "filter" and q.pair is not None:
            return self.pair_filter(q.pair, ranking)
        return None

    def ranked_series(self, q: Question, ranking: Ranking) -> list[Member]:
        """What a superlative or a condition ranks: the series of the best figure whose members are things
        of the kind asked among (`제일 많은 과` → the rows 경제정책과, 일자리정책과 …), else of the best
        figure with a series at all; as many members as the question counts (`4곳 중에`) when it counts
        them. A total row is never a member."""
        fallback: list[Member] = []
        want = operand_count(q)  # `4곳 중에`: the series of four
        for o in ranking.options[:PART_OPTIONS]:
            if o.figure is None or (o.cand.kind == "cell" and is_total(o.cand.row_header)):
                continue
            members = self.series.around(o.cand, o.figure, prefer_rows=True)
            if len(members) < 2 or (want is not None and len(members) != want):
                continue
            if of_kind(members, q.ranked):
                return members
            if len(members) > len(fallback):
                fallback = members
        return fallback

    # -- operands --------------------------------------------------------------
    @staticmethod
    def top_figure(ranking: Ranking) -> Option | None:
        return next((o for o in ranking.options[:PART_OPTIONS] if o.figure is not None), None)

    def part_members(self, q: Question, parts: list[tuple[str, ...]]) -> list[Member]:
        """For each named part, the best figure of the kind that part asks for (its own measure word, else
        the question's), all in one measure when every part has a figure in it (`27%` and `21%`, not `108,675명`
        and `21%`); [] if a part has no figure at all."""
        named = "".join(w for p in parts for w in p)
        context = tuple(w for w in q.subject if w not in named)  # the subject's words outside every part
        choices: list[list[Option]] = []
        for part in parts:
            kind = next((t for t in map(type_of_noun, part) if t in NUMERIC_TYPES), q.answer_type)
            sub = replace(q, subject=tuple(dict.fromkeys(part + context)), operation=None, answer_type=kind,
                          asks_amount=True)
            ranking = self.ranker.rank(sub, " ".join((*part, *context, *q.attribute)))
            fitting = [o for o in ranking.options[:PART_OPTIONS] if o.figure is not None and o.features[TYPE] > 0]
            if not fitting:
                return []
            choices.append(sorted(fitting, key=lambda o: -names_part(o, part)))  # ties keep the ranking's order
        for unit in dict.fromkeys(c[0].figure.unit for c in choices):
            picked = one_each(choices, lambda o: compatible(o.figure.unit, unit))
            if picked is not None:
                return [Member(as_written(q.text, part), o.figure, o.cand) for part, o in zip(parts, picked)]
        picked = one_each(choices, lambda o: True)
        return [Member(as_written(q.text, part), o.figure, o.cand) for part, o in zip(parts, picked)] if picked else []

    def combine(self, q: Question, members: list[Member]) -> Result:
        """Compare or add the named parts' figures, or say why numbers of different kinds cannot be."""
        if all(compatible(m.figure.unit, members[0].figure.unit) for m in members):
            return self.compare(q, members) if q.operation == "compare" else self.add(members)
        cites = Citations()
        operands = [(m.figure, m.cand.chunk_id) for m in members]
        text = compose.unit_clash_answer(q.operation or "", operands, cites)
        return Result(text, tuple(cites.chunk_ids), tuple(operands[:MAX_FIGURES]), members[0].cand)

    # -- the operations ----------------------------------------------------------
    def compare(self, q: Question, members: list[Member]) -> Result:
        """The larger (or smaller) of the named parts, and for two of them by how much (`6%p`, `25억`)."""
        unit = members[0].figure.unit
        pick = (min if q.smaller else max)(members, key=lambda m: value_in(m.figure, unit))
        others = [m for m in members if m is not pick]
        cites = Citations()
        word = "작습니다" if q.smaller else "큽니다"
        listed = ", ".join(f"{named_phrase(m)} {cites.cite(m.cand.chunk_id)}" for m in members)
        figures = [(pick.figure, pick.cand.chunk_id)]
        gap = ""
        if len(others) == 1:
            diff = abs(value_in(pick.figure, unit) - value_in(others[0].figure, unit))
            shown_unit = "%p" if unit == "%" else unit
            gap = f" (차이 {format_value(diff)}{shown_unit})"
            figures.append((computed("차이", diff, shown_unit, pick.figure), pick.cand.chunk_id))
        figures += [(m.figure, m.cand.chunk_id) for m in others]
        text = f"{pick.name} 쪽이 더 {word}{gap}: {listed}"
        return Result(text, tuple(cites.chunk_ids), tuple(figures[:MAX_FIGURES]), pick.cand)

    def add(self, members: list[Member]) -> Result:
        unit = members[0].figure.unit
        total = sum(value_in(m.figure, unit) for m in members)
        cites = Citations()
        sentence = " + ".join(format_value(value_in(m.figure, unit)) for m in members) + f" = {format_value(total)}{unit}"
        text = compose.computed_answer(sentence, [(m.figure, m.cand.chunk_id) for m in members], cites)
        result = computed("합계", total, unit, members[0].figure)
        figures = [(result, members[0].cand.chunk_id), *((m.figure, m.cand.chunk_id) for m in members)]
        return Result(text, tuple(cites.chunk_ids), tuple(figures[:MAX_FIGURES]), members[0].cand)

    def add_series(self, q: Question, top: Option) -> Result | None:
        """A sum with no named parts: the top figure's series (its line, table row or column, or its
        sibling programs), as many members as the question counts when it counts them."""
        want = operand_count(q)
        candidates = [of_attribute(q, s) for s in (self.series.around(top.cand, top.figure, prefer_rows=False),
                                                   self.series.siblings(top.cand, top.figure))]
        if want is not None:
            fitting = [s for s in candidates if len(s) == want]
            if fitting:
                return self.add(fitting[0])
            longer = [s for s in candidates if len(s) > want]
            return self.add(longer[0][-want:]) if longer and want >= 2 else None
        usable = [s for s in candidates if len(s) >= 2]
        return self.add(usable[0]) if usable else None

    def extreme(self, q: Question, members: list[Member]) -> Result:
        unit = members[0].figure.unit
        lowest = q.operation == "min" or q.smaller
        pick = (min if lowest else max)(members, key=lambda m: value_in(m.figure, unit))
        cites = Citations()
        word = "가장 낮습니다" if lowest else "가장 높습니다"
        head = f"{pick.name} {compose.with_ro(format_value(pick.figure.value) + pick.figure.unit)} {word} " \
               f"{cites.cite(pick.cand.chunk_id)}"
        others = ", ".join(f"{m.name} {format_value(m.figure.value)}" for m in members if m is not pick)
        text = f"{head}\n(비교: {others})"
        figures = [(pick.figure, pick.cand.chunk_id), *((m.figure, m.cand.chunk_id) for m in members if m is not pick)]
        return Result(text, tuple(cites.chunk_ids), tuple(figures[:MAX_FIGURES]), pick.cand)

    def filter(self, q: Question, members: list[Member]) -> Result | None:
        cmp = q.comparator
        assert cmp is not None
        if len(members) < 2 or (cmp.unit and not compatible(cmp.unit, members[0].figure.unit)
                                and not members[0].figure.unit.startswith(cmp.unit)):
            return None
        test = COMPARATORS[cmp.op]
        kept = [m for m in members if test(m.figure.value, cmp.value)]
        cites = Citations()
        if not kept:
            first = members[0]
            return Result(f"조건에 맞는 항목이 없습니다 {cites.cite(first.cand.chunk_id)}", tuple(cites.chunk_ids),
                          tuple((m.figure, m.cand.chunk_id) for m in members[:MAX_FIGURES]), first.cand)
        items = [(f"{m.name} {format_value(m.figure.value)}{m.figure.unit}", m.cand.chunk_id) for m in kept]
        text = compose.list_answer(f"{len(kept)}곳:", items, cites)
        return Result(text, tuple(cites.chunk_ids), tuple((m.figure, m.cand.chunk_id) for m in kept[:MAX_FIGURES]),
                      kept[0].cand)

    def pair_filter(self, pair: PairCondition, ranking: Ranking) -> Result | None:
        """The rows of the best table that states both named figures (`정원 35 / 현원 38` in one cell, or
        예산현액 and 지출액 in two columns) where the second is more (or less) than the first, each with both
        figures, in the report's order."""
        found = self.labelled_column(pair.first, ranking, None)
        if found is None:
            return None
        table, firsts = found
        found = self.labelled_column(pair.second, ranking, table)
        if found is None:
            return None
        by_row = {m.name: m for m in firsts}
        rows = [(by_row[m.name], m) for m in found[1] if m.name in by_row]
        kept = [(a, b) for a, b in rows if COMPARATORS[pair.op](b.figure.value, a.figure.value)]
        cites = Citations()
        if not kept:
            a, b = rows[0]
            return Result(f"조건에 맞는 항목이 없습니다 {cites.cite(b.cand.chunk_id)}", tuple(cites.chunk_ids),
                          ((b.figure, b.cand.chunk_id), (a.figure, a.cand.chunk_id)), b.cand)
        items = [(f"{a.name} {pair.first} {format_value(a.figure.value)} / {pair.second} "
                  f"{format_value(b.figure.value)}{b.figure.unit}", b.cand.chunk_id) for a, b in kept]
        text = compose.list_answer(f"{len(kept)}곳:", items, cites)
        figures = [(m.figure, m.cand.chunk_id) for a, b in kept for m in (b, a)]
        return Result(text, tuple(cites.chunk_ids), tuple(figures[:MAX_FIGURES]), kept[0][1].cand)

    def labelled_column(self, word: str, ranking: Ranking, table: str | None) -> tuple[str, list[Member]] | None:
        """The table column (rows) of the best-ranked cell figure whose label names `word`; within a given
        `table`, of any of its cells (the second column need not rank)."""
        cells = [o.cand for o in ranking.options[:PART_OPTIONS] if o.cand.kind == "cell"]
        if table is not None:
            cells = [c for c in cells if c.table_id == table] + self.series.cells.get(table, [])
        for cell in cells:
            fig = next((f for f in cell.figures if squash(word) in squash(f.label)), None)
            if fig is not None:
                return cell.table_id, self.series.column(cell, fig)
        return None

    def change(self, q: Question, ranking: Ranking, top: Option) -> Result | None:
        """B − A for a change a line states (`A → B`); else the figure that is itself the increase, for `몇 개
        더 뽑아` (`추가 발굴 50개`); else B − A for the figure's series in the two years the question names."""
        top_options = ranking.options[:CHAIN_OPTIONS]
        pair = next((p for p in (self.chain_pair(o) for o in top_options if o.figure is not None) if p is not None),
                    None)
        if pair is None:
            more = any(m.form == "더" for m in morphs_of(q.text))  # `몇 개 더 뽑아`, not `얼마나 늘었어`
            stated = next((o for o in top_options if states_increment(o)), None) if more else None
            if stated is not None:
                return single(ranking.leading(stated))
            pair = self.year_pair(q, ranking, top)
        if pair is None:
            return None
        before, after = pair
        unit = before.figure.unit
        va, vb = value_in(before.figure, unit), value_in(after.figure, unit)
        diff = round(vb - va, 6)
        shown_unit = "%p" if unit == "%" else unit
        word = "증가" if diff > 0 else "감소" if diff < 0 else "변화 없음"
        cites = Citations()
        sentence = f"{format_value(va)} → {format_value(vb)}, {format_value(abs(diff))}{shown_unit} {word}"
        text = compose.computed_answer(sentence, [(before.figure, before.cand.chunk_id),
                                                  (after.figure, after.cand.chunk_id)], cites)
        result = computed("변화", abs(diff), shown_unit, after.figure)
        figures = ((result, after.cand.chunk_id), (before.figure, before.cand.chunk_id),
                   (after.figure, after.cand.chunk_id))
        return Result(text, tuple(cites.chunk_ids), figures, after.cand)

    @staticmethod
    def chain_pair(top: Option) -> tuple[Member, Member] | None:
        """The top figure and its counterpart across the arrow, same measure: in `A1, A2 ⇒ B1, B2` the
        figure in the same place on the other side (A2 ↔ B2)."""
        fig, cand = top.figure, top.cand
        assert fig is not None
        role = chain_role(fig)
        if role is None:
            return None
        same = sorted((f for f in cand.figures if compatible(f.unit, fig.unit)), key=lambda f: f.span[0])
        sides = {side: [f for f in same if chain_role(f) == side] for side in ("before", "after")}
        mine, other = sides[role], sides["after" if role == "before" else "before"]
        k = next(i for i, f in enumerate(mine) if f is fig)
        if not other:
            return None
        partner = other[k] if len(other) == len(mine) else (other[0] if role == "before" else other[-1])
        a, b = (fig, partner) if role == "before" else (partner, fig)
        return Member(a.label, a, cand), Member(b.label, b, cand)

    def year_pair(self, q: Question, ranking: Ranking, top: Option) -> tuple[Member, Member] | None:
        """The top figure's series in two years: the question's two years, or its one year and the report's."""
        fig = top.figure
        assert fig is not None
        same = [o for o in ranking.options[:40] if o.figure is not None and o.figure.year
                and compatible(o.figure.unit, fig.unit) and o.figure is not fig]
        years = sorted(set(q.years)) if len(q.years) >= 2 else None
        key = series_key(fig.label)
        def partner(year: int | None) -> Option | None:
            fits = [o for o in same if (year is None or o.figure.year == year) and o.figure.year != fig.year]
            keyed = [o for o in fits if series_key(o.figure.label) == key]
            return (keyed or fits or [None])[0]
        other = partner(None) if years is None else partner(next((y for y in years if y != fig.year), None))
        if other is None or fig.year is None:
            return None
        a, b = sorted(((fig, top.cand), (other.figure, other.cand)), key=lambda p: p[0].year or 0)
        return Member(a[0].label, *a), Member(b[0].label, *b)
