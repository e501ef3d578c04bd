"""When to say "보고서에서 찾을 수 없습니다", from the same features that rank the options.

An option grounds a question when its text and scope name the question's subject (IDF-weighted
coverage), it can be the kind of answer asked for (a number of the asked kind, a date, a place, a
name), and, for a number, it names what is counted. The question is answered when its best-grounded
option among the top-ranked reaches the threshold fitted on the dev folds (qa/model/scorer.json),
and when the year it asks about is one the report states for that subject.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from corpus.names import FACILITY_SUFFIXES, facility_kind
from corpus.model import Figure
from qa.analyze import MEASURES, NUMERIC_TYPES, Question, type_of_noun
from qa.features import ATTRIBUTE, LABEL, OVERVIEW, SUBJECT, TYPE, YEAR
from qa.grounding import MIN_MISSPELT_PROPER, ReportWords, forms, match_strength, squash
from qa.lexicon import answer_type, plain_words, question_words
from qa.rank import Option
from qa.seasons import of_season

GROUNDING_POOL = 10  # top-ranked options looked at for grounding
OTHER_YEAR = 0.3  # an option of another year than the question's
OTHER_SEASON = 0.3  # an option of another season than the question's (추계 for `올봄`)
BOUND = 0.3  # a figure that is a bound (`10인 이상`) for a question that asks no criterion
OTHER_PLACE = 0.3  # an option about another place of the asked kind (양재허브 for 서울바이오허브)
ORDINAL_MISSING = 0.3  # an option whose text and scope do not write the asked round or branch (`2차`)
UNSTATED_YEAR = 0.5  # an option with no year, for a question about another year than the report's
COMPUTED = frozenset({"sum", "delta", "compare", "max", "min", "filter"})  # operations that find their own operands
ASKED_MISSING = 0.5  # an option that does not write the noun the interrogative governs
ATTRIBUTE_MISSING = 0.5  # an option that names none of the asked attribute words
RATE_ENDINGS = ("률", "율")  # `취업률`, `전환율`: a rate named by what it counts
OTHER_MEASURE = 0.3  # a figure labelled with another measure of the asked kind (매출 for a budget question)
EVENT_MISSING = 0.5  # a date option that writes none of the asked event words
RATE_BASIS_MISSING = 0.0  # an option that states no amount per the asked basis (`1인당`, `한 달에`)
MEASURE_MISSING = 0.0  # an option that writes no number with the asked measure (`14층` for `몇 층`)
MEASURE_END = r"(?:(?![가-힣])|(?=이상|이하|미만|까지|부터|짜리|[에의은는로]))"  # `34세)`, `10층에`, not `2023 세계`
RATE_SUFFIXES = ("당", "별")  # `업체당`, `기업별`
PER_MONTH_RE = re.compile(r"(?:^|[^0-9])월(?:최대|평균)?[0-9]")  # squashed `월 169만원`, `월 최대 241만원`


@dataclass(frozen=True)
class Verdict:
    abstain: bool
    grounding: float  # the best option's grounding score
    chosen: Option | None = None  # the best-ranked option that grounds the question
    reason: str = ""


def unknown_names(q: Question, report: ReportWords) -> tuple[str, ...]:
    """What singles out the asked place or body (`송파` of `송파 캠퍼스`, `제3` of `제3핀테크랩`), or a proper
    noun (`프랑스`, `이화여대`), when the report never writes it: the question is about something the
    report does not cover."""
    modifiers = [w for w in q.name_modifiers if not report.writes(w)]
    proper = [w for w in q.proper_nouns if not report.writes(w, MIN_MISSPELT_PROPER)]
    variants = [w for w in q.variants if not report.writes_exactly(w)]
    return tuple(dict.fromkeys(modifiers + proper + variants))


def names_asked(q: Question, o: Option) -> float:
    """The noun the interrogative governs (`월급 얼마`, `홍보대사 누구`, `스타트업은 몇 개사`) is written in
    the option: in its own words or figure label, or for anything but a count in its scope too. 1 when
    the noun names only the asked kind (`사람 몇 명`, `예산 얼마`) or was borrowed from the conversation."""
    noun = q.asked_noun
    if not noun or noun in plain_words() or noun in q.carried \
            or type_of_noun(noun, by_suffix=q.answer_type in MEASURES) == q.answer_type:
        return 1.0
    if q.answer_type == "people" and (facility_kind(noun) or noun in FACILITY_SUFFIXES):
        return 1.0  # `영등포 캠퍼스 … 몇 명`: the place the people are counted at, not what is counted
    if q.operation in COMPUTED:
        return 1.0  # `목표가 몇 곳 많아`: the operands are found by the computation, each named by its own label
    label = o.figure.label if o.figure is not None else ""
    if q.counter and q.answer_type in NUMERIC_TYPES:
        terms, text = o.view.own_terms, squash(label + " " + o.cand.text)
    else:
        terms, text = o.view.context_terms, squash(label) + o.view.context
    return 1.0 if match_strength(noun, terms, text) > 0 else ASKED_MISSING


def grounding(q: Question, o: Option, report: ReportWords | None = None) -> float:
    """How well one option grounds the question, in [0, 1]."""
    f = o.features
    typed = f[TYPE] if (q.answer_type or q.wants_number) and not q.measure else 1.0  # a measure: measure_factor
    return f[SUBJECT] * typed * year_factor(q, o) * names_asked(q, o) * attribute_factor(q, o) \
        * event_factor(q, o) * rate_basis_factor(q, o) * season_factor(q, o) * ordinal_factor(q, o) \
        * (place_factor(q, o, report.facilities) if report is not None else 1.0) * bound_factor(q, o) \
        * measure_factor(q, o)


def measure_factor(q: Question, o: Option) -> float:
    """`몇 층짜리`, `몇 살까지`: a measure no answer type knows is answered only by a line that writes a number
    with it (`14층`, `34세`); the subject's area or budget is not its height or age limit."""
    if not q.measure or q.operation in COMPUTED:
        return 1.0
    text = figure_text(o.figure) if o.figure is not None else o.cand.text
    measured = re.search(r"[0-9](?:" + "|".join(map(re.escape, q.measure_forms)) + r")" + MEASURE_END, text)
    return 1.0 if measured else MEASURE_MISSING


def bound_factor(q: Question, o: Option) -> float:
    """`상시근로자 10인 이상`: a figure followed by a comparator is a criterion, not how many there are; it
    answers `몇 명 뽑아` only when the question asks for a criterion (`조건`, `기준`, `이상`)."""
    f = o.figure
    words = question_words()
    if f is None or f.span == (0, 0) or any(c in q.text for c in (*words.criterion_cues, *words.comparators)):
        return 1.0
    following = figure_text(f)[f.span[1]:].lstrip()
    return BOUND if following.startswith(tuple(w for w in words.comparators if " " not in w)) else 1.0


def figure_text(f: Figure) -> str:
    """The text a figure's span counts in: its line, or for a table cell its own cell."""
    cells = f.source.split("\t")
    return cells[f.col] if 0 <= f.col < len(cells) else f.source


def place_factor(q: Question, o: Option, facilities: tuple[str, ...]) -> float:
    """An option whose text or scope names another place of the asked kind, and not the asked one, is
    about that place: `입주기업 추가 모집(현재 83개사)` under `AI 양재허브 운영` says nothing of 서울바이오허브."""
    if q.operation in COMPUTED:
        return 1.0
    asked = [squash(w) for w in q.places]
    if not asked or any(a in o.view.context for a in asked):
        return 1.0
    kinds = {facility_kind(a) for a in asked}
    others = (f for f in facilities if facility_kind(f) in kinds and f in o.view.context
              and not any(f in a or a in f for a in asked))
    return OTHER_PLACE if next(others, None) else 1.0


def season_factor(q: Question, o: Option) -> float:
    return OTHER_SEASON if q.season and of_season(q.season, o.view) is False else 1.0


def ordinal_factor(q: Question, o: Option) -> float:
    """`2차 모집 인원`, `스케일업센터 2호점`: only a line that writes that round or branch, in its text or
    scope, answers; the 1차 round's figures are not the 2차 round's. A table cell is not judged: its row
    may write the round in another column (`영등포 | '21.11 ~ '22.06 (3기) | 230 명`)."""
    if not q.ordinals or q.operation in COMPUTED or o.cand.kind == "cell":
        return 1.0
    return 1.0 if all(ordinal in o.view.context for ordinal in q.ordinals) else ORDINAL_MISSING


def rate_basis_factor(q: Question, o: Option) -> float:
    """`과제 하나당 얼마`, `1인당 훈련비`: only a line that states an amount per that basis answers; a total
    or a rate per something else (`시간당`) is not what was asked."""
    if not q.rate_basis:
        return 1.0
    return 1.0 if states_rate_per(q.rate_basis, stated_with(o)) else RATE_BASIS_MISSING


def stated_with(o: Option) -> str:
    """The words that go with the option's figure (squashed): its line from the figure before it up to the
    figure itself, so `시간당 11,157원 … 월 최대 241만원` gives 241만원 the 월; the whole line without a figure."""
    f = o.figure
    if f is None or f.span == (0, 0):
        return o.view.own
    start = max((g.span[1] for g in o.cand.figures if g.span[1] <= f.span[0]), default=0)
    return squash(figure_text(f)[start:f.span[1]])


def states_rate_per(basis: str, text: str) -> bool:
    """The squashed text states an amount per `basis` or a word of its group (`1인당` for 사람)."""
    group = next((g for g in question_words().rate_bases if basis in g), (basis,))
    if any(word + suffix in text for word in group for suffix in RATE_SUFFIXES):
        return True
    return "달" in group and (bool(PER_MONTH_RE.search(text)) or "매월" in text)


def event_factor(q: Question, o: Option) -> float:
    """A date question about an event (개관, 착공, 시작 → 개시) answered by a line that writes no such event."""
    if not q.events or q.operation in COMPUTED:
        return 1.0
    return 1.0 if any(squash(e) in o.view.own for e in q.events) else EVENT_MISSING


def attribute_factor(q: Question, o: Option) -> float:
    """An option that names none of the asked attribute words (`예산` for a budget question answered by
    a 매출액 line) is doubtful: the subject's other figures are not what was asked. An attribute the whole
    report writes (예산) weighs nothing in the features' coverage, so its words are matched here too. A
    figure labelled with another measure of the asked kind, or a percentage of another rate, is not it."""
    if q.operation in COMPUTED:
        return 1.0
    label = squash(o.figure.label) if o.figure is not None else ""
    if o.figure is not None and measures_other(q, label + squash(o.cand.key)):
        return OTHER_MEASURE
    if not q.named_attributes or o.features[ATTRIBUTE] > 0 or o.features[LABEL] > 0 \
            or any(match_strength(a, o.view.own_terms, o.view.own + label) > 0 for a in q.named_attributes):
        return 1.0
    return OTHER_MEASURE if other_rate(q, o.view.own + label) else ATTRIBUTE_MISSING


def measures_other(q: Question, label: str) -> bool:
    """The figure's label, or the key of its line (squashed), names another measure of the asked kind than
    the question does: `155억원 수출계약` or `투자청 FDI : 3,613억원(넷플릭스 1,300 …)` for `예산 얼마`, `대지 529㎡`
    for `연면적` (qa/lexicon/answer_types.json, measures). A question naming no known measure judges nothing."""
    groups = answer_type(q.answer_type).measures if q.answer_type else ()
    asked = asked_measures(q, groups)
    named = [g for g in groups if any(w in label for w in g)]
    return bool(asked) and bool(named) and not any(g in asked for g in named)


def asked_measures(q: Question, groups: tuple[frozenset[str], ...]) -> list[frozenset[str]]:
    """The measures the question's attribute words or asked noun name (`대지면적`, `수출액`, `소요예산 얼마`),
    else the ones a noun word of its own names (`땅 넓이`: 땅 → 부지; `수출 얼마`), not a part of a name
    (`투자` of `서울투자청`)."""
    named = [g for g in groups if any(w in a for a in (*q.named_attributes, q.asked_noun) if a for w in g)]
    return named or [g for g in groups if any(f in g for word in q.nouns for f in forms(word))]


def other_rate(q: Question, text: str) -> bool:
    """A rate is named by what it counts (취업 of 취업률, 준공 of 준공률): a percentage whose line writes neither
    the asked rate nor what it counts is a share of something else (`입학인원의 약 15%` for `취업률`)."""
    rates = [a for a in q.named_attributes if len(a) > 2 and a.endswith(RATE_ENDINGS)]
    return q.answer_type == "rate" and bool(rates) and not any(squash(a[:-1]) in text for a in rates)


def year_factor(q: Question, o: Option) -> float:
    """An option of another year than the one asked hardly answers; for a year other than the report's
    own (`작년`, `2021년`, `내년`), an option that states no year is doubtful too."""
    if o.features[YEAR] < 0:
        return OTHER_YEAR
    if o.features[YEAR] == 0 and any(y != q.report_year for y in q.years):
        return UNSTATED_YEAR
    return 1.0


def judge(q: Question, options: list[Option], threshold: float, report: ReportWords | None = None) -> Verdict:
    """Answer with the best option, or for a number the best option with a figure of the asked kind,
    when one of the top options grounds the question; else abstain. An option of another year than the
    asked one never answers: the next one that grounds the question does, or none. A question about a
    place or body the report does not name is not answered from its siblings. A question of the whole
    (`예산 전체`) takes the program overview's figure when it grounds the question as well."""
    unknown = unknown_names(q, report) if report is not None else ()
    if unknown:
        return Verdict(True, 0.0, None, f"the report does not name this one ({', '.join(unknown)})")
    top = options[:GROUNDING_POOL]
    scores = [grounding(q, o, report) for o in top]
    best = max(scores, default=0.0)
    if best < threshold:
        return Verdict(True, best, None, "no option grounds the question's subject with the asked kind of answer")
    chosen = top[0]
    if min(rate_basis_factor(q, chosen), season_factor(q, chosen), ordinal_factor(q, chosen),
           bound_factor(q, chosen), measure_factor(q, chosen)) < 1 or attribute_factor(q, chosen) == OTHER_MEASURE:
        # never an amount per another basis, another season's or round's line, a bound, a line without the
        # measure, a figure of another measure
        chosen = next(o for o, g in zip(top, scores) if g >= threshold)
    if q.whole:  # `예산 전체`: what the program's overview states, if it grounds the question as well as the choice
        floor = max(threshold, next(g for o, g in zip(top, scores) if o is chosen))
        chosen = next((o for o, g in zip(top, scores) if g >= floor and OVERVIEW in o.view.context
                       and (not q.wants_number or (o.figure is not None and o.features[TYPE] > 0))), chosen)
    if q.wants_number and (chosen.figure is None or chosen.features[TYPE] == 0):  # never a figure of another kind
        chosen = next((o for o in top if o.figure is not None and o.features[TYPE] > 0), chosen)
    if chosen.features[YEAR] < 0:
        same_year = [o for o, g in zip(top, scores) if g >= threshold and o.features[YEAR] >= 0]
        if not same_year:
            return Verdict(True, best, None, "the report states this only for another year")
        chosen = same_year[0]
    return Verdict(False, best, chosen)
