"""How a ranked question is answered: one figure or line, a list, or (qa/operations.py) a computation.

Each strategy returns a Result: the answer text with its `[n]` markers, the passages it cites in
citation order, and the figure records it shows.
"""
from __future__ import annotations

from dataclasses import dataclass

from corpus.candidates import Candidate
from corpus.model import Figure
from corpus.units import unit_kind
from qa import compose
from qa.compose import Citations
from qa.rank import Option, Ranking

MAX_FIGURES = 5


@dataclass(frozen=True)
class Result:
    text: str
    cited: tuple[str, ...]  # chunk ids in citation order ([1] first)
    figures: tuple[tuple[Figure, str], ...]  # figure records and the chunk each one is cited from
    lead: Candidate | None  # the candidate the answer quotes first


def siblings(best: Option, ranking: Ranking) -> list[Figure]:
    """The figures that go with the best one: `27/23` has 정원 and 현원 in one cell; a rate `집행률(%) / 원인행위액` has
    a sibling column `집행률(%) / 지출액` on the same row, found among the ranked options. Other columns under
    one heading (`… / 매출액`, `… / 투자유치액`) are other measures, not siblings."""
    fig, cand = best.figure, best.cand
    if fig is None or cand.kind != "cell":
        return []
    same_cell = [f for f in cand.figures if f is not fig and f.unit == fig.unit]
    if " / " not in cand.col_header or unit_kind(fig.unit) != "percent":  # a rate per basis, not the next measure
        return same_cell
    head = cand.col_header.split(" / ")[0]
    same_row = [o.figure for o in ranking.options
                if o.figure is not None and o.figure.unit == fig.unit and o.cand.kind == "cell" and o.cand is not cand
                and o.cand.table_id == cand.table_id and o.cand.row == cand.row
                and o.cand.col_header.split(" / ")[0] == head]
    return list(dict.fromkeys(same_cell + same_row))


def other_figures(ranking: Ranking, first: Figure | None) -> list[tuple[Figure, str]]:
    """Figures of the next best options, the first one excluded, without repeats."""
    seen = {id(first)}
    out = []
    for o in ranking.options:
        if o.figure is not None and id(o.figure) not in seen:
            seen.add(id(o.figure))
            out.append((o.figure, o.cand.chunk_id))
    return out


def single(ranking: Ranking) -> Result:
    """The best option: its figure when a number is asked, else its line; the line too when the question asks a
    measure (`몇 층`, `몇 살까지`)."""
    best = ranking.options[0]
    cites = Citations()
    cand = best.cand
    if ranking.question.measure:  # `14층`, `만 18~34세`: the line says it, a range's ends included
        return Result(compose.text_answer(cand, cites), tuple(cites.chunk_ids), (), cand)
    if best.figure is not None:
        extra = siblings(best, ranking)
        text = compose.number_answer(cand, best.figure, extra, cites)
        shown = [(best.figure, cand.chunk_id), *((f, cand.chunk_id) for f in extra)]
        shown += other_figures(ranking, best.figure)
        return Result(text, tuple(cites.chunk_ids), tuple(dedupe(shown)[:MAX_FIGURES]), cand)
    text = compose.text_answer(cand, cites)
    return Result(text, tuple(cites.chunk_ids), tuple(dedupe(other_figures(ranking, None))[:MAX_FIGURES]), cand)


def dedupe(figures: list[tuple[Figure, str]]) -> list[tuple[Figure, str]]:
    seen: set[int] = set()
    out = []
    for fig, chunk in figures:
        if id(fig) not in seen:
            seen.add(id(fig))
            out.append((fig, chunk))
    return out


LIST_POOL = 10  # top options searched for a list of the size the question states


def list_source(ranking: Ranking, candidates_by_id: dict[str, Candidate]) -> Candidate | None:
    """What a list answer enumerates: when the question says how many items there are (`학과 5개 뭐야`),
    the best-ranked list of that size; else the best-ranked list whose own head or bullet names the asked
    thing and counts its items, else whose key names it (`입주업종 : IT, BT, …` for `업종 뭐뭐야`); else the
    best option when it is a list, else the block its bullet heads or hangs in, else the next best option
    that is a list."""
    lists = [listed_by(o.cand, candidates_by_id) for o in ranking.options[:LIST_POOL]]
    size = ranking.question.list_size
    sized = next((c for c in lists if c is not None and item_count(c) == size), None) if size else None
    if sized is not None:
        return sized
    noun = ranking.question.asked_noun
    counted = next((c for c in lists if c is not None and announced(c, noun, candidates_by_id)), None)
    if counted is not None:
        return counted
    keyed = next((c for c in lists if c is not None and noun and c.key and noun in c.key), None)
    if keyed is not None:
        return keyed
    return lists[0] if lists and lists[0] is not None else \
        next((o.cand for o in ranking.options[1:3] if o.cand.items), None)


def announced(cand: Candidate, noun: str, candidates_by_id: dict[str, Candidate]) -> bool:
    """The list's own head or the bullet above it names what the question lists and counts the items (`4개국 8개
    도시` over eight cities, `유망학과 신설(5개)` over five 학과); a count inside an item is no head."""
    parent = candidates_by_id.get(cand.parent_id)
    n = item_count(cand)
    if cand.kind == "block":
        heads = [(cand.text.split("\n", 1)[0], [f for f in cand.figures if f.line == cand.start])]
    else:  # `부의장·이사(6개) : 세계지방정부연합, …`: what stands before the colon
        heads = [(cand.text.split(":", 1)[0] if ":" in cand.text else "",
                  [f for f in cand.figures if 0 <= f.span[1] <= f.source.find(":")])]
    if parent is not None:
        heads.append((parent.text, list(parent.figures)))
    return bool(noun) and n > 1 and any(
        noun in text and any(f.value == n and unit_kind(f.unit) == "count" for f in figures) for text, figures in heads)


def listed_by(cand: Candidate, candidates_by_id: dict[str, Candidate]) -> Candidate | None:
    """The option itself when it is a list, else the block its bullet heads or hangs in."""
    if cand.items:
        return cand
    for block_id in (f"B{cand.start}", "B" + cand.parent_id[1:] if cand.parent_id else ""):
        block = candidates_by_id.get(block_id)
        if block is not None and block.items:
            return block
    return None


def item_count(cand: Candidate) -> int:
    return len(cand.children) if cand.kind == "block" else len(cand.items)


def listing(ranking: Ranking, candidates_by_id: dict[str, Candidate]) -> Result | None:
    """Every item of the list the question asks for, in the report's order, each with the passage that
    holds it; None when the best options hold no list."""
    cand = list_source(ranking, candidates_by_id)
    if cand is None:
        return None
    cites = Citations()
    if cand.kind == "block":
        children = [candidates_by_id.get(cid) for cid in cand.children]
        items = [(c.text, c.chunk_id) for c in children if c is not None]
        head = cand.text.split("\n", 1)[0]
    else:
        items = [(item, cand.chunk_id) for item in cand.items]
        head = cand.key or ""
    if not items:
        return None
    text = compose.list_answer(f"{head}:" if head else "", items, cites)
    return Result(text, tuple(cites.chunk_ids), (), cand)
