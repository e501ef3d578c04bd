"""The features of one answer option (a candidate, and for a number one of its figures): each means
the same for any question, so one set of weights (qa/scorer.py) ranks every kind of question.
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import lru_cache

from corpus.model import Figure
from corpus.units import UNITS, compatible, normalize_unit, unit_kind
from qa.analyze import NUMERIC_TYPES, Question
from qa.grounding import CARRIED_WEIGHT, View, Vocabulary, Weighted, coverage, matches, squash, weigh, word_weight
from qa.lexicon import answer_type, question_words

NAMES = (
    "chunk", "dense", "lexical", "subject_own", "subject_all", "attribute", "type", "counter", "label",
    "year", "heading", "length", "list", "cell", "primary", "direction", "previous", "event_date", "overview",
)
# Positions in a feature vector that abstention and computations read back.
SUBJECT, TYPE, YEAR = NAMES.index("subject_all"), NAMES.index("type"), NAMES.index("year")
ATTRIBUTE, LABEL = NAMES.index("attribute"), NAMES.index("label")
ARROWS = "→⇨⇒"
OVERVIEW = "사업개요"  # a program's overview box: what it is as a whole (site, size, budget, who runs it)
CHAIN_REACH = 60  # characters within which an arrow ties a figure to a change
DATE_RE = re.compile(r"[0-9]{1,2}\s?월|[‘’'][0-9]{2}\.\s?[0-9]{1,2}|20[0-9]{2}\.\s?[0-9]{1,2}|상반기|하반기|분기|"
                     r"[0-9]{1,2}\.[0-9]{1,2}\.?\s?~|[0-9]{1,2}\.[0-9]{1,2}\.|[‘’'][0-9]{2}년|연중|매년|월\s?[0-9]회")
CLOCK_RE = re.compile(r"[0-9]{1,2}\s?시(?![간대작])|[0-9]{1,2}:[0-9]{2}")  # `10시`, `18:00`, not `6시간`
PLACE_RE = re.compile(r"[가-힣]+[구군시]\s?[가-힣]*[0-9]*[동로길]|[0-9]+층|일대|부근|소재|[가-힣]+[구시](?![가-힣])")
WHO_RE = re.compile(r"\(주\)|㈜|[가-힣A-Za-z]+(?:진흥원|공사|재단|법인|대학교|협회|본부|연구원|공단|은행|위원회|부처|청)"
                    r"(?![가-힣])|SBA|[가-힣]{3,}과(?=[\s),]|$)")  # a department: 경제정책과, not 학과 or 성과


@dataclass(frozen=True)
class Signals:
    """Per-question retrieval signals, indexed by candidate position."""

    chunk: list[float]  # the fused score of the candidate's chunk, rescaled to [0, 1]
    dense: list[float]  # candidate-in-scope cosine, rescaled to [0, 1] over the report
    lexical: list[float]  # candidate BM25, rescaled to [0, 1]


@dataclass(frozen=True)
class Previous:
    """What the last turn answered from, for a follow-up."""

    section_ref: str
    candidate_id: str


def chain_role(fig: Figure) -> str | None:
    """`before` or `after` for a figure on either side of an arrow (`3,500원→4,500원`, `(기존) … ⇨ (변경) …`):
    the nearer arrow decides; None when no arrow is near or the figure is a cell's."""
    if fig.col >= 0:
        return None
    text = fig.source
    start, end = fig.span
    after = next((k - end for k in range(end, min(len(text), end + CHAIN_REACH)) if text[k] in ARROWS), None)
    before = next((start - k for k in range(start - 1, max(-1, start - CHAIN_REACH), -1) if text[k] in ARROWS), None)
    if after is None and before is None:
        return None
    if before is None or (after is not None and after < before):
        return "before"
    if after is None or before < after:
        return "after"
    return None


def exact_counter(q: Question) -> bool:
    """`몇 개사`, `몇 명`: a counter that is itself one of the report's units asks for that measure; `몇 개`,
    `몇 곳` count anything, and an operation's result may take another unit (%p from %)."""
    return (bool(q.counter) and q.operation is None and normalize_unit(q.counter) in UNITS
            and q.counter not in answer_type("count").generic)


def type_fit(q: Question, view: View, fig: Figure | None) -> float:
    """1 when the option can be the kind of answer asked for (a number of the asked kind, a date, a place,
    a name), else 0. `어디` asks for a place or a body (`어디서 맡아`, `어디가 대행해`)."""
    kind = q.answer_type
    if exact_counter(q):
        return float(fig is not None and (compatible(fig.unit, q.counter) or fig.unit.startswith(q.counter)))
    if kind in NUMERIC_TYPES:
        if fig is not None and q.counter in question_words().place_counts["counters"]:
            return float(fig.unit in question_words().place_counts["units"])  # `몇 군데`: not 2,200팀
        return float(fig is not None and (unit_kind(fig.unit) in answer_type(kind).units
                                          or (bool(q.counter) and fig.unit == q.counter)))
    c = view.cand
    keys = {c.key, c.row_header.replace(" ", ""), c.col_header.replace(" ", "")} - {""}
    if kind == "clock":  # `몇 시까지 열어`: a time of day, never a count
        return float(bool(CLOCK_RE.search(c.text)) or bool(keys & answer_type("clock").keys))
    if q.wants_number:
        return float(fig is not None)
    if kind == "date":
        return float(bool(DATE_RE.search(c.text)) or bool(keys & answer_type("date").keys))
    if kind == "place":
        return float(bool(keys & answer_type("place").keys) or names_new(PLACE_RE, c.value_text, q)
                     or names_new(WHO_RE, c.value_text, q))
    if kind == "who":
        return float(bool(keys & answer_type("who").keys) or names_new(WHO_RE, c.value_text, q))
    return 0.0


def names_new(pattern: re.Pattern[str], text: str, q: Question) -> bool:
    """The text names a place or a body (`pattern`) that is not the question's own subject: in
    `서울투자청 운영`, 서울투자청 is what was asked about, not who or where it is."""
    asked = [squash(w) for w in q.subject + q.carried if len(w) >= 2]
    return any(not any(a in squash(m.group(0)) for a in asked) for m in pattern.finditer(text))


def year_fit(q: Question, view: View, fig: Figure | None) -> float:
    """+1 when the option's year is one the question names, -1 when it is another, 0 when either is silent.
    A total over several years is no one year's amount: -1 for a question that names a year."""
    if not q.years:
        return 0.0
    if fig is not None and fig.spans_years:
        return -1.0
    if fig is None and any(y in q.years for y in view.years):
        return 1.0  # a line that names several years (`('22.12~'23.1) → 사업 개시('23.1.10~)`) is not only its first
    year = fig.year if fig is not None and fig.year else view.cand.year
    if year is None:
        return 0.0
    return 1.0 if year in q.years else -1.0


EVENT_GAP = r"[\s(:~·]{0,3}"  # between an event word and its date: `선정(~'23.9월)`, `지정:'08. 12. 30.`


def event_dated(q: Question, view: View) -> float:
    """For a `언제` question: the option writes a date right after the event asked about (`선정(~'23.9월)`,
    `사업 개시('23.1.10~)`), not just some date somewhere in the line. The event is the noun before the
    interrogative, a date word of the question (개관, 착공 …), or the report's word for its verb (시작 → 개시)."""
    if q.answer_type != "date":
        return 0.0
    pattern = event_date_pattern((q.asked_noun, *q.events))
    return float(pattern is not None and bool(pattern.search(view.cand.text)))


@lru_cache(maxsize=1024)
def event_date_pattern(words: tuple[str, ...]) -> re.Pattern[str] | None:
    """One question's event words followed by a date; made once per question, not per option."""
    events = [w for w in dict.fromkeys(words) if len(w) >= 2]
    if not events:
        return None
    event = f"(?:{'|'.join(map(re.escape, events))})"
    return re.compile(f"{event}{EVENT_GAP}(?:{DATE_RE.pattern})|(?:{DATE_RE.pattern}){EVENT_GAP}{event}", re.IGNORECASE)


def direction_fit(q: Question, fig: Figure | None) -> float:
    if q.direction is None or fig is None:
        return 0.0
    role = chain_role(fig)
    if role is None:
        return 0.0
    return 1.0 if role == q.direction.replace("target", "after") else -1.0


def is_primary(view: View, fig: Figure | None) -> float:
    """The first figure its candidate states (not a breakdown in parentheses after it)."""
    if fig is None or not view.cand.figures:
        return 0.0
    return float(fig is min(view.cand.figures, key=lambda f: f.span[0]))


def cell_fit(q: Question, view: View, vocab: Vocabulary) -> float:
    """A cell whose row header and column header both name words of the question."""
    c = view.cand
    if c.kind != "cell":
        return 0.0
    words = q.subject + q.attribute + q.carried
    row = frozenset(), c.row_header.lower().replace(" ", "")
    col = frozenset(), c.col_header.lower().replace(" ", "")
    return float(any(matches(w, *row) for w in words) and any(matches(w, *col) for w in words))


def subject_words(q: Question, vocab: Vocabulary) -> tuple[tuple[str, ...], tuple[float, ...]]:
    """The words that say what the question is about, with their weights; when it names nothing but the
    report's own frame (`서울 고용률`), the asked attribute is what must be found."""
    words = q.subject + q.carried
    if any(word_weight(w, vocab) > 0 for w in words) or not q.named_attributes:
        return words, (1.0,) * len(q.subject) + (CARRIED_WEIGHT,) * len(q.carried)
    return q.named_attributes, (1.0,) * len(q.named_attributes)


@dataclass(frozen=True)
class Wanted:
    """What one question's options are matched against, weighed once per question."""

    subject: Weighted
    attribute: Weighted
    label: Weighted


def wanted(q: Question, vocab: Vocabulary) -> Wanted:
    words, weights = subject_words(q, vocab)
    attribute_words = (q.attribute or ((q.asked_noun,) if q.asked_noun else ())) + q.qualifiers
    label_words = q.subject + attribute_words
    return Wanted(weigh(words, weights, vocab, q.asked_noun), weigh(attribute_words, (1.0,) * len(attribute_words), vocab),
                  weigh(label_words, (1.0,) * len(label_words), vocab))


def option_vectors(q: Question, want: Wanted, view: View, figures: tuple[Figure | None, ...], position: int,
                   signals: Signals, vocab: Vocabulary, previous: Previous | None) -> list[list[float]]:
    """The feature vector (in the order of NAMES) of each option of one candidate: the candidate alone, or
    each of its figures. What depends on the candidate only is computed once."""
    c = view.cand
    chunk, dense, lexical = signals.chunk[position], signals.dense[position], signals.lexical[position]
    subject_own = coverage(want.subject, view.own_terms, view.own)
    subject_all = coverage(want.subject, view.context_terms, view.context)
    attribute = coverage(want.attribute, view.own_terms, view.own)
    heading, length = float(c.heading), math.log1p(len(c.text)) / 6.0
    listed, cell = float(q.wants_list and bool(c.items)), cell_fit(q, view, vocab)
    followed = float(previous is not None
                     and (c.section_ref == previous.section_ref or c.parent_id == previous.candidate_id))
    event = event_dated(q, view)
    # the overview box states a program as it stands (the report's year): its site, size, budget, who it serves
    overview = OVERVIEW in view.context and q.wants_number and all(y == q.report_year for y in q.years)
    vectors = []
    for fig in figures:
        label = (frozenset(fig.label.lower().split()), fig.label.replace(" ", "").lower()) if fig else (frozenset(), "")
        vectors.append([
            chunk, dense, lexical, subject_own, subject_all, attribute,
            type_fit(q, view, fig),
            float(fig is not None and bool(q.counter) and fig.unit.startswith(q.counter)),
            coverage(want.label, *label),
            year_fit(q, view, fig),
            heading, length, listed, cell,
            is_primary(view, fig),
            direction_fit(q, fig),
            followed, event, float(overview and fig is not None),
        ])
    return vectors
