"""What a question asks: the thing it is about (subject), the attribute it wants, the type of answer
(money, people, count, area, rate, duration, date, place, who, or a text), the years it names, and
how to answer (a list, a comparison, a superlative, a sum, a change, a filter).

Everything is read off Kiwi morphemes and the lexicons in qa/lexicon/; relative years are read
against the report's own year (passed in: it comes from the Document).
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from corpus.names import ends_like_a_name, facility_kind
from corpus.tokens import question_morphs
from corpus.years import years_in
from qa.cues import Morph, find_cue, first_cue, has_any, morphs_of
from qa.lexicon import answer_type, answer_types, paraphrases, plain_words, question_words

NOUN_TAGS = ("NNG", "NNP", "SL", "SH", "XR", "NR", "SN")
NUMBER_RE = re.compile(r"([0-9][0-9,]*(?:\.[0-9]+)?)\s*(%p|%|㎡|[가-힣]+)?")
COUNTER_RE = re.compile(r"몇\s*(%p|%|㎡|[가-힣社]+)")


@dataclass(frozen=True)
class Comparator:
    op: str  # lt | le | gt | ge
    value: float
    unit: str


@dataclass(frozen=True)
class PairCondition:
    """`정원보다 현원이 더 많은 과`: the rows whose `second` figure is `op` (gt | lt) their `first` figure."""

    first: str
    second: str
    op: str


@dataclass(frozen=True)
class Question:
    text: str
    words: tuple[str, ...]  # content morphemes, in order (no bigrams)
    terms: tuple[str, ...]  # what the lexical index is searched with: morphemes, bigrams, paraphrases, years
    subject: tuple[str, ...]  # nouns naming the thing asked about
    attribute: tuple[str, ...]  # nouns naming the asked attribute (예산, 면적, 정원 …)
    asked_noun: str  # the noun phrase right before the interrogative
    answer_type: str | None  # money | people | count | times | area | rate | duration | date | clock | place | who | None
    counter: str  # the word after 몇 (명, 곳, 개사 …)
    years: tuple[int, ...]
    operation: str | None  # list | compare | max | min | sum | delta | filter | None
    direction: str | None  # target | before | None
    comparator: Comparator | None
    followup_cue: bool
    season: str | None
    asks_amount: bool = False  # 얼마 / 얼마나 / 몇: a number of any kind
    report_year: int = 0  # the report's own year, which relative years are read against
    carried: tuple[str, ...] = ()  # subject words borrowed from the conversation (they weigh less)
    ranked: tuple[str, ...] = ()  # what a superlative or a condition picks among (`제일 많은 과`: 과)
    smaller: bool = False  # a comparison asks for the smaller (`더 적은 쪽`, `덜 든 곳`)
    qualifiers: tuple[str, ...] = ()  # nouns made verbs that describe the asked noun (`수료한 인원`: 수료)
    events: tuple[str, ...] = ()  # for a date question: its date words (착공 …) and the report's words for its verbs
    pair: PairCondition | None = None  # a condition between two of a row's figures
    name_modifiers: tuple[str, ...] = ()  # what singles out a named place or body (`송파` of `송파 캠퍼스`)
    proper_nouns: tuple[str, ...] = ()  # the proper nouns it names (Kiwi NNP: 프랑스, 이화여대)
    rate_basis: str = ""  # what an amount is asked per (`1인당` → 인, `과제 하나당` → 과제, `한 달에` → 달)
    ordinals: tuple[str, ...] = ()  # which round, phase or branch is asked (`2차`, `3기`, `2호점`), spaces removed
    list_size: int = 0  # how many items a list question says there are (`학과 5개 뭐야` → 5); 0 when unsaid
    places: tuple[str, ...] = ()  # the facilities it names (`G밸리`, `서울바이오허브`), adjacent morphemes joined
    measure: str = ""  # a counter after 몇 that no answer type knows (`몇 층`, `몇 살`)
    variants: tuple[str, ...] = ()  # the kinds of a program it names (`민간형`, `해외형`)
    whole: bool = False  # it asks for the whole of something (`예산 전체`, `전체 면적`, `예산 총 얼마`)
    nouns: tuple[str, ...] = ()  # its noun words as written, adjacent noun morphemes joined (서울투자청, 땅, 넓이)

    @property
    def wants_number(self) -> bool:
        return self.answer_type in NUMERIC_TYPES or self.asks_amount or self.operation in NUMBER_OPERATIONS

    @property
    def named_attributes(self) -> tuple[str, ...]:
        """Attribute words that name what is asked (집행률, 면적): frame words (지금, 규모), words that
        name only the kind of answer (돈, 사람, 부서) and words of another kind than the one asked (`보험료`
        in `매출채권 보험료 지원은 어느 기관에`: part of the program's name) left out."""
        return tuple(a for a in self.attribute if a not in plain_words()
                     and type_of_noun(a) in (None, self.answer_type))

    @property
    def measure_forms(self) -> tuple[str, ...]:
        """The asked measure as the report may write it after a number (`몇 살` → 살, 세)."""
        return (self.measure, *question_words().measure_forms.get(self.measure, ())) if self.measure else ()

    @property
    def wants_list(self) -> bool:
        return self.operation == "list"


NUMERIC_TYPES = frozenset({"money", "people", "count", "times", "area", "rate", "duration"})
MEASURES = frozenset({"money", "area", "rate"})  # a noun ending in their word is that measure (`바닥면적`)
NUMBER_OPERATIONS = frozenset({"sum", "delta", "max", "min", "compare", "filter"})  # worked on numbers


def type_of_noun(noun: str, by_suffix: bool = False) -> str | None:
    """The answer type a noun names (`면적` → area), if any. A rate suffix always counts (`집행률`: a
    one-letter cue ends a word of three letters or more); other suffixes only when `by_suffix`
    (`위탁법인 어디야` asks who, though `강소기업` is no attribute of a question about it)."""
    for t in answer_types():
        if noun in t.cues:
            return t.name
    for t in answer_types():
        for cue in t.cues:
            if len(noun) <= len(cue) or not noun.endswith(cue):
                continue
            if (len(cue) == 1 and len(noun) >= 3) or (by_suffix and len(cue) >= 2):
                return t.name
    return None


def counter_span(text: str) -> tuple[int, int]:
    m = COUNTER_RE.search(text)
    return (m.start(1), m.end(1)) if m else (0, 0)


def counter_of(text: str) -> tuple[str, str | None]:
    """The counter after 몇 and the answer type it asks for: `몇 개사야` → (개사, count)."""
    m = COUNTER_RE.search(text)
    if not m:
        return "", None
    word = m.group(1)
    best = ("", None)
    for t in answer_types():
        for counter in t.counters:
            if word.startswith(counter) and len(counter) > len(best[0]):
                best = (counter, t.name)
    return best


MEASURE_TAGS = ("NNB", "NNG")  # `몇 억` is a numeral (NR), not a measure


def measure_of(morphs: tuple[Morph, ...], counter: str) -> str:
    """The noun after 몇 when no answer type knows it as a counter (`몇 층짜리`, `몇 살까지`): what the answer
    must write after its number. `몇 대 몇` asks a ratio, not a measure."""
    if counter:
        return ""
    return next((after.form for m, after, then in zip(morphs, morphs[1:], (*morphs[2:], None))
                 if m.form == "몇" and after.tag in MEASURE_TAGS and (then is None or then.form != "몇")), "")


def noun_spans(morphs: tuple[Morph, ...], tags: tuple[str, ...] = NOUN_TAGS) -> list[tuple[str, int, int]]:
    """Nouns grouped into words (adjacent noun morphemes, a suffix such as 률 included): the word and
    the indexes of its first and last morpheme."""
    words: list[tuple[str, int, int]] = []
    last_end = -1
    for i, m in enumerate(morphs):
        if m.tag in tags or m.tag == "XSN":
            if words and m.start == last_end:
                words[-1] = (words[-1][0] + m.form, words[-1][1], i)
            elif m.tag != "XSN":
                words.append((m.form, i, i))
            last_end = m.end
    return words


def interrogative_at(morphs: tuple[Morph, ...]) -> tuple[int, str] | None:
    """The first interrogative of the last sentence that has one: in `구성이 어떻게 돼? 과가 몇 개야?` the
    question to answer is the last."""
    qw = question_words().interrogatives
    found = [(i, qw[m.form]) for i, m in enumerate(morphs) if m.form in qw]
    if not found:
        return None
    boundaries = [i for i, m in enumerate(morphs) if m.tag == "SF" and i < found[-1][0]]
    return next(f for f in found if not boundaries or f[0] > boundaries[-1])


PLURAL_SUFFIX = "들"  # `건축주들 누구야` asks for 건축주
PER_SUFFIX = "당"  # `한 사람당 몇 번`: the basis of a rate, not the thing asked for


def asked_noun_of(morphs: tuple[Morph, ...], at: int | None) -> str:
    """The noun a determiner interrogative stands before (`무슨 근거`, `어느 교육원`); else the last noun word
    before the interrogative that is not a frame or time word, a noun made a verb (`방만하다고`) or the
    basis of a rate (`사람당`); a plural suffix is dropped."""
    frame = question_words().frame_words
    relative = question_words().relative_years
    if at is not None and morphs[at].tag == "MM" and question_words().interrogatives[morphs[at].form] in ("what", "which"):
        # `무슨 근거`, `어느 교육원`: the noun it determines (after 몇 comes a counter, read elsewhere)
        following = next(((w, first) for w, first, _ in noun_spans(morphs) if first == at + 1), None)
        if following is not None and following[0] not in frame and len(following[0]) > 1:
            return following[0]
    end = at if at is not None else len(morphs)
    while end > 0 and morphs[end - 1].tag == "SF":  # the question's own closing `?`
        end -= 1
    start = max((i + 1 for i in range(end) if morphs[i].tag == "SF"), default=0)  # its last sentence only
    spans = [(w, last) for w, first, last in noun_spans(morphs) if start <= first and last < end]
    for word, last in reversed(spans):
        if morphs[last].tag == "XSN" and morphs[last].form == PER_SUFFIX or is_predicate(morphs, last):
            continue
        if morphs[last].tag == "XSN" and morphs[last].form == PLURAL_SUFFIX:
            word = word[:-len(PLURAL_SUFFIX)]
        if word not in frame and word not in relative and not word.isdigit() and not is_ordinal(word) and len(word) > 1:
            return word
    return ""


def answer_type_of(text: str, morphs: tuple[Morph, ...], asked: str, attribute: tuple[str, ...]) -> tuple[str, str | None]:
    counter, by_counter = counter_of(text)
    if by_counter:
        return counter, by_counter
    found = interrogative_at(morphs)
    kind = found[1] if found else None
    named = type_of_noun(asked, by_suffix=True) if asked else None
    by_attribute = next((t for t in (type_of_noun(a) for a in attribute) if t), None)
    if kind == "date":
        return "", "date"
    if kind == "duration":
        return "", "duration"
    if kind == "who":
        return "", "who"
    if kind == "where":
        return "", "who" if named == "who" else "place"
    if kind == "amount":
        if named in NUMERIC_TYPES:
            return "", named
        if by_attribute in NUMERIC_TYPES:
            return "", by_attribute
        return "", None if any(m.form == "얼마나" for m in morphs) else "money"
    if kind in ("what", "which"):  # `이름이 뭐야`, `위치가 어디야`: the attribute says what kind
        return "", next((t for t in (named, by_attribute) if t in ("who", "place", "date", "clock")), None)
    return "", named or by_attribute


# `2차 모집`, `3기`, `1·2기랑`, `2호점은`, `제2`: a round, phase, cohort or branch (not 2차례, 3기업, 1기관)
ORDINAL_RE = re.compile(r"제\s?[0-9]+|[0-9]+(?:\s?·\s?[0-9]+)*\s?(?:차(?![례량이])|호점|호관|단계|기(?![가-힣])|"
                        r"기(?=[은는이가랑의에를도만와과]))")


WHOLE_WORDS = ("전체", "전부")  # and 총 standing alone (`총사업비` is a word of its own)


def asks_whole(morphs: tuple[Morph, ...]) -> bool:
    return any(m.form in WHOLE_WORDS or (m.form == "총" and (after is None or after.start > m.end))
               for m, after in zip(morphs, (*morphs[1:], None)))


VARIANT_SUFFIX = "형"  # `민간형`, `종합형`: one kind of a program


def variants_of(morphs: tuple[Morph, ...]) -> tuple[str, ...]:
    """The kinds the question names, a noun with 형 written onto it (`해외형`, `민간형`; Kiwi reads that 형 as a
    suffix or, before some particles, as a noun)."""
    return tuple(dict.fromkeys(m.form + after.form for m, after in zip(morphs, morphs[1:])
                               if m.tag in ("NNG", "NNP") and after.tag in ("XSN", "NNG") and after.form == VARIANT_SUFFIX
                               and after.start == m.end))


def is_ordinal(word: str) -> bool:
    """`3기`, `2차`, `제2`: which round, read apart (Question.ordinals); no subject and not what is asked."""
    return ORDINAL_RE.fullmatch(word) is not None


def ordinals_of(text: str) -> tuple[str, ...]:
    return tuple(dict.fromkeys(re.sub(r"\s", "", m.group(0)) for m in ORDINAL_RE.finditer(text)))


LIST_OF_N_RE = re.compile(r"([0-9]+)\s*(?:곳|개|가지|명|군데|개소|개사)\s*(?:[이가은는]\s*)?(?:다\s*)?(?:알려|뭐|어디|누구|말해)")


def list_size_of(text: str) -> int:
    m = LIST_OF_N_RE.search(text)
    return int(m.group(1)) if m else 0


def operation_of(text: str, morphs: tuple[Morph, ...]) -> str | None:
    qw = question_words()
    if has_any(morphs, qw.sum_cues):
        return "sum"
    if has_any(morphs, qw.max_cues):
        return "max"
    if has_any(morphs, qw.min_cues):
        return "min"
    if asks_difference(morphs):
        return "delta"
    if pair_condition_of(morphs) is not None and ranked_class(morphs):
        return "filter"  # `정원보다 현원이 더 많은 과`: the rows that meet it
    if has_any(morphs, qw.compare_cues) or (find_cue(morphs, "중") is not None and has_any(morphs, ("더", "어느"))):
        return "compare"
    if has_any(morphs, qw.delta_cues) or (find_cue(morphs, "얼마나") is not None and has_any(morphs, qw.raise_cues)):
        return "delta"  # `얼마나 올렸어`: how much it was raised by
    if comparator_of(text):
        return "filter"
    if has_any(morphs, qw.list_cues) or re.search(r"(어디|뭐|누구)\s*\1", text) or LIST_OF_N_RE.search(text) \
            or asks_plural(morphs):
        return "list"
    return None


def asks_plural(morphs: tuple[Morph, ...]) -> bool:
    """`건축주들 누구야`, `기관들은 어디야`: a plural noun right before who/where/what asks for all of them."""
    kinds = question_words().interrogatives
    words = [m for m in morphs if not m.tag.startswith("J")]  # particles between do not matter: `기관들은 어디`
    return any(prev.form == PLURAL_SUFFIX and prev.tag == "XSN" and kinds.get(m.form) in ("who", "where", "what")
               for prev, m in zip(words, words[1:]))


def pair_condition_of(morphs: tuple[Morph, ...]) -> PairCondition | None:
    """`A보다 B가 (더) 많은`: B compared with A, each the noun word next to 보다."""
    at = find_cue(morphs, "보다")
    if at is None:
        return None
    spans = noun_spans(morphs)
    before = [(w, last) for w, _, last in spans if last < at]
    if not before or not has_comparative(morphs[at:]):
        return None
    first = before[-1][0]
    marked = [w for w, last in before[:-1] if last + 1 < len(morphs) and morphs[last + 1].tag in ("JKS", "JX")]
    ranked = ranked_class(morphs)
    after = [w for w, start, _ in spans if start > at and w not in ranked]
    second = (marked or after or [None])[-1 if marked else 0]  # `현원이 정원보다 적은` or `정원보다 현원이 많은`
    if second is None:
        return None
    return PairCondition(first, second, "lt" if has_any(morphs, question_words().less_cues) else "gt")


def asks_difference(morphs: tuple[Morph, ...]) -> bool:
    """`실적보다 목표가 몇 곳 많아`, `몇 개 더 많아`: an amount asked with a comparison is the difference (but
    `어느 쪽이 얼마나 더 많아` asks which one first: a comparison, which states the difference too)."""
    qw = question_words()
    if any(qw.interrogatives.get(m.form) == "which" for m in morphs) or find_cue(morphs, "중") is not None:
        return False
    amount = any(qw.interrogatives.get(m.form) in ("amount", "number") for m in morphs)
    compared = find_cue(morphs, "보다") is not None or find_cue(morphs, "더") is not None
    return amount and compared and has_comparative(morphs)


def has_comparative(morphs: tuple[Morph, ...]) -> bool:
    """A more/less verb or adjective (많, 높, 늘 …)."""
    return any(m.form in question_words().comparatives and m.tag in ("VA", "VV") for m in morphs)


def comparator_of(text: str) -> Comparator | None:
    """`집행률 20% 미만인 과` → (lt, 20, %)."""
    for word, op in question_words().comparators.items():
        at = text.find(word)
        if at <= 0:
            continue
        numbers = list(NUMBER_RE.finditer(text[:at]))
        if numbers:
            last = numbers[-1]
            return Comparator(op, float(last.group(1).replace(",", "")), last.group(2) or "")
    return None


def direction_of(morphs: tuple[Morph, ...]) -> str | None:
    qw = question_words()
    if has_any(morphs, qw.before_cues):
        return "before"
    if has_any(morphs, qw.target_cues):
        return "target"
    return None


def relative_years(text: str, report_year: int) -> list[int]:
    return [report_year + offset for word, offset in question_words().relative_years.items() if word in text]


def years_of(text: str, report_year: int) -> tuple[int, ...]:
    return tuple(dict.fromkeys(relative_years(text, report_year) + years_in(text)))


def year_terms(years: tuple[int, ...]) -> tuple[str, ...]:
    """How the report writes a year as a token: `'22년` and `('22)` tokenize to "22"."""
    return tuple(f"{y % 100:02d}" for y in years)


def expand(words: tuple[str, ...], text: str, morphs: tuple[Morph, ...]) -> tuple[str, ...]:
    """Extra lexical terms: the report's words for the question's words (paraphrases.json). A key fires as one of
    the question's words or its noun words however Kiwi splits them (`행감` read 행 + 감), but not as the head of a
    longer noun (`오픈` of `오픈이노베이션` is no 개관); a key with a space fires as a phrase of the text."""
    extra: list[str] = []
    written = set(noun_words(morphs)) | set(phrases_in(text))
    heads = compound_heads(morphs)
    for key, targets in paraphrases().items():
        if key in written or (key in words and key not in heads):
            for target in targets:
                extra.extend(question_morphs(target, bigrams=False))
    return tuple(t for t in dict.fromkeys(extra) if t not in words)


def noun_words(morphs: tuple[Morph, ...]) -> list[str]:
    """The question's noun words as written (`진척` + `률`, `우리` + `나라`), with and without a trailing suffix
    (`회사들` → 회사들, 회사)."""
    spans = noun_spans(morphs, (*NOUN_TAGS, "NP"))
    stems = [word[:-len(morphs[last].form)] for word, first, last in spans if last > first and morphs[last].tag == "XSN"]
    return [word for word, _, _ in spans] + stems


def compound_heads(morphs: tuple[Morph, ...]) -> frozenset[str]:
    """Nouns written straight before another noun that names something (`오픈` of `오픈이노베이션`, not `관객` of
    `관객수`): the first part of a longer name, not a word of their own."""
    return frozenset(m.form.lower() for m, after in zip(morphs, morphs[1:])
                     if m.tag in NOUN_TAGS and after.tag in NOUN_TAGS and after.start == m.end
                     and after.form not in plain_words())


def phrases_in(text: str) -> list[str]:
    """The everyday phrases of more than one word the question uses for the report's word (`문 열어` → 개관,
    `공사 시작` → 착공)."""
    lowered = text.lower()
    return [key for key in paraphrases() if " " in key and key in lowered]


def phrase_words(text: str) -> frozenset[str]:
    """The words of those phrases: they say what is asked, not what about."""
    return frozenset(w for key in phrases_in(text) for w in key.split())


NAME_MODIFIER_TAGS = frozenset({"NNG", "NNP", "SL", "SN", "SH"})
ORDINAL_PREFIX = "제"  # `제3 핀테크랩`


def name_modifiers_of(morphs: tuple[Morph, ...], report_year: int) -> tuple[str, ...]:
    """The words written right before a place's or body's name, in one run (`송파 캠퍼스`, `서부기술교육원`,
    `제3핀테크랩`): they tell that one from its siblings. Times (`올해 서울뷰티위크`, `이번 봄`) single out no name."""
    found: list[str] = []
    for at, name in enumerate(morphs):
        if name.tag not in NAME_MODIFIER_TAGS or not ends_like_a_name(name.form):
            continue
        k = at
        while k > 0 and morphs[k - 1].tag in NAME_MODIFIER_TAGS and morphs[k].start - morphs[k - 1].end <= 1:
            k -= 1
            word = morphs[k].form
            if morphs[k].tag == "SN" and k > 0 and morphs[k - 1].form == ORDINAL_PREFIX \
                    and morphs[k - 1].end == morphs[k].start:
                word = ORDINAL_PREFIX + word
            if not years_of(word, report_year) and word not in question_words().seasons \
                    and word not in question_words().frame_words:
                found.append(word)
    return tuple(dict.fromkeys(found))


GUESSED_WORD_SCORE = -25.0  # Kiwi scores a word it only guessed (an unknown compound, `신체약자랑`) far below this


def proper_nouns_of(morphs: tuple[Morph, ...]) -> tuple[str, ...]:
    """The proper nouns Kiwi knows (`프랑스`, `이화여대`, `송파`), not the ones it guessed for an unknown
    compound that swallowed its particle (`신체약자랑`), nor an attribute it took for one (`바닥면적`)."""
    return tuple(dict.fromkeys(m.form for m in morphs if m.tag == "NNP" and m.score > GUESSED_WORD_SCORE
                               and type_of_noun(m.form, by_suffix=True) not in MEASURES))


def rate_basis_of(morphs: tuple[Morph, ...]) -> str:
    """What the question asks an amount per: the noun before 당 (`팀당`, `1인당`; in `과제 하나당` the
    noun before the number word), or 달 for a monthly amount (`한 달에`, `매달`)."""
    for at, m in enumerate(morphs):
        if at == 0 or m.tag != "XSN" or m.form != PER_SUFFIX:
            continue
        basis = at - 1
        if morphs[basis].tag == "NR" and basis > 0 and morphs[basis - 1].tag.startswith("NN"):
            basis -= 1  # `과제 하나당`
        return morphs[basis].form
    return "달" if has_any(morphs, question_words().per_month_cues) else ""


def is_predicate(morphs: tuple[Morph, ...], last: int) -> bool:
    """`운영해`, `선정됐어`: a noun made a verb says what is done, not what the question is about."""
    return last + 1 < len(morphs) and morphs[last + 1].tag in ("XSV", "XSA")


def qualifiers_of(morphs: tuple[Morph, ...]) -> tuple[str, ...]:
    """`수료한 인원`, `입주한 회사`: nouns made verbs that say which people or companies are asked about."""
    return tuple(dict.fromkeys(
        word for word, _, last in noun_spans(morphs)
        if is_predicate(morphs, last) and last + 3 < len(morphs)
        and morphs[last + 2].tag == "ETM" and morphs[last + 3].tag.startswith("NN")))


def roles(morphs: tuple[Morph, ...], skip: tuple[int, int]) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Content nouns split into subject words and attribute words: a noun word (`집행률`, `운영기관`) that
    names an answer type or a frame is an attribute; the morphemes of the other words are the subject,
    except nouns made verbs (`운영해`; see qualifiers_of).
    Morphemes inside `skip` (the counter after 몇: `개사`, `%p`) are neither."""
    qw = question_words()
    subject: list[str] = []
    attribute: list[str] = []
    for word, first, last in noun_spans(morphs):
        if word in qw.interrogatives or word in qw.relative_years or is_ordinal(word):
            continue
        if is_predicate(morphs, last):
            continue
        if type_of_noun(word) or word in qw.frame_words:
            attribute.append(word)
            continue
        for m in morphs[first:last + 1]:
            if m.tag in ("NR", "SN", "XSN") or m.form.isdigit() or skip[0] <= m.start < skip[1]:
                continue
            if m.form in qw.interrogatives or m.form in qw.relative_years or m.form in qw.frame_words:
                continue
            if m.form not in subject:
                subject.append(m.form)
    return tuple(subject), tuple(dict.fromkeys(attribute))


def ranked_class(morphs: tuple[Morph, ...]) -> frozenset[str]:
    """In `예산 제일 많은 과`, `20% 넘는 과`: the noun a superlative or condition describes is the kind of
    thing the answer picks among, not what the question is about."""
    return frozenset(m.form for prev, m in zip(morphs, morphs[1:]) if prev.tag == "ETM" and m.tag.startswith("NN"))


def analyze(text: str, report_year: int) -> Question:
    text = text.strip()
    morphs = morphs_of(text)
    years = years_of(text, report_year)
    subject, attribute = roles(morphs, counter_span(text))
    found = interrogative_at(morphs)
    asked = asked_noun_of(morphs, found[0] if found else None)
    basis = rate_basis_of(morphs)
    if basis:  # `과제 하나당`, `1인당`: what the amount is counted per is neither asked nor asked about
        subject, attribute = tuple(w for w in subject if w != basis), tuple(w for w in attribute if w != basis)
        asked = "" if asked == basis else asked
    counter, kind = answer_type_of(text, morphs, asked, attribute)
    words = tuple(question_morphs(text, bigrams=False))
    report_words = expand(words, text, morphs)
    season = next((v for k, v in question_words().seasons.items() if k in text), None)
    operation = operation_of(text, morphs)
    if operation == "list":
        kind = None  # a list is answered by items, whatever they are
    ranked = ranked_class(morphs) if operation in ("max", "min", "filter") else frozenset()
    phrased = phrase_words(text)
    subject = tuple(w for w in subject if w not in ranked and w not in phrased)
    if operation in ("compare", "max", "min") and kind not in NUMERIC_TYPES:
        # `사업비 어느 쪽이 더 커`, `예산 제일 많은 곳 어디`: compared by the measure the attribute names
        kind = next((t for t in (type_of_noun(a) for a in attribute) if t in NUMERIC_TYPES), None)
    return Question(
        text=text,
        words=words,
        terms=tuple(question_morphs(text)) + report_words + year_terms(years),
        subject=subject,
        attribute=attribute,
        asked_noun=asked,
        answer_type=kind,
        counter=counter,
        years=years,
        operation=operation,
        direction=direction_of(morphs),
        comparator=comparator_of(text) if operation == "filter" else None,
        pair=pair_condition_of(morphs) if operation == "filter" else None,
        followup_cue=first_cue(morphs, question_words().followup_starts) is not None
        and any(text.startswith(s) for s in question_words().followup_starts),
        season=season,
        asks_amount=bool(found and found[1] in ("amount", "number")),
        report_year=report_year,
        ranked=tuple(sorted(ranked)),
        smaller=has_any(morphs, question_words().less_cues),
        events=events_of(kind, words, report_words),
        qualifiers=qualifiers_of(morphs),
        name_modifiers=name_modifiers_of(morphs, report_year),
        rate_basis=basis,
        ordinals=ordinals_of(text),
        list_size=list_size_of(text),
        places=tuple(dict.fromkeys(w for w, _, _ in noun_spans(morphs) if facility_kind(w))),
        proper_nouns=proper_nouns_of(morphs),
        measure=measure_of(morphs, counter),
        variants=variants_of(morphs),
        whole=asks_whole(morphs),
        nouns=tuple(dict.fromkeys(noun_words(morphs))),
    )


def events_of(kind: str | None, words: tuple[str, ...], report_words: tuple[str, ...]) -> tuple[str, ...]:
    """What a date question asks the date of, besides the noun before `언제`: its date words (개관, 착공)
    and the report's words for its verbs (`언제 시작` → 개시)."""
    if kind != "date":
        return ()
    cues = set(answer_type("date").cues)
    return tuple(w for w in words if w in cues) + report_words
