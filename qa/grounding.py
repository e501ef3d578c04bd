"""Whether a candidate names what a question says: term matching and IDF-weighted coverage.

A question word matches a candidate when it is one of the candidate's Kiwi morphemes or, for words
of two letters or more, when it stands inside the candidate's text with spaces and punctuation
removed (`청년취업사관학교` matches `청년 취업 사관학교`); a paraphrase (qa/lexicon/paraphrases.json)
matches for it. Rare words weigh more: IDF over the candidates' own texts, so a word the report
never writes weighs most and, unmatched, shows that the report does not say it.
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import lru_cache

from corpus.candidates import Candidate
from corpus.names import facility_kind, report_names
from corpus.tokens import normalize
from corpus.years import years_in
from index.candidates import CandidateTerms
from qa.lexicon import paraphrases

SQUASH_RE = re.compile(r"[\s·\-/()'’‘「」『』,.:<>〈〉\[\]]")
CARRIED_WEIGHT = 0.5  # a subject word borrowed from the previous turn counts half
SHORT_WEIGHT = 0.3  # a one-letter noun (시, 문, 해) or Latin letter (R&D reads r, d) says little about the subject
PARTIAL_CREDIT = 0.5  # `운영비` matched only as `운영`, `창업팀` as `창업`
MIN_MISSPELT = 3  # a word this long with one letter off the report's is the report's word misspelt
MIN_MISSPELT_PROPER = 4  # for a proper noun: 연세대 is not 세대 misspelt


@lru_cache(maxsize=65536)
def squash(text: str) -> str:
    return SQUASH_RE.sub("", normalize(text)).lower()


class ReportWords:
    """Whether the report writes a word anywhere (spaces ignored): a paraphrase of the report's word, or for
    a longer word one letter off it (`G벨리` for G밸리), counts as written. Also the places it names
    (…허브, …캠퍼스, …교육원), squashed."""

    def __init__(self, lines: list[str]) -> None:
        self.text = squash("\n".join(lines))
        self.facilities = tuple(sorted({squash(n) for n in report_names(lines) if facility_kind(n)}))

    def writes_exactly(self, word: str) -> bool:
        return squash(word) in self.text

    def writes(self, word: str, misspelt_from: int = MIN_MISSPELT) -> bool:
        word = squash(word)
        variants = [word] + [squash(word.replace(key, target))
                             for key, targets in paraphrases().items() if key in word for target in targets]
        if any(v in self.text for v in variants):
            return True
        return len(word) >= misspelt_from and any(
            re.search(re.escape(word[:i]) + "." + re.escape(word[i + 1:]), self.text) for i in range(len(word)))


@dataclass(frozen=True)
class View:
    """A candidate with what matching needs, computed once at load."""

    cand: Candidate
    own_terms: frozenset[str]
    context_terms: frozenset[str]
    own: str  # squashed own text
    context: str  # squashed context (section titles, parent bullets)
    years: tuple[int, ...] = ()  # every year its own text states


class Vocabulary:
    """Document frequencies of words over the candidates' own texts."""

    def __init__(self, views: list[View], title_terms: frozenset[str] = frozenset()) -> None:
        self.views = views
        self.n = len(views)
        self.report_wide = report_wide_terms(views) | title_terms
        # every candidate's words with the titles and bullets above it, once: what the report writes at all
        self.written_terms = frozenset().union(*(v.context_terms for v in views))
        self.written_text = "\n".join(v.context for v in views)

    @lru_cache(maxsize=65536)
    def written(self, word: str) -> bool:
        """Some candidate or the titles and bullets above it write the word or the report's word for it."""
        return any(form in self.written_terms or (len(form) >= 2 and squash(form) in self.written_text)
                   for form in forms(word))

    @lru_cache(maxsize=65536)
    def idf(self, word: str) -> float:
        flat = squash(word) if len(word) >= 2 else None
        df = sum(1 for v in self.views if word in v.own_terms or (flat is not None and flat in v.own))
        return math.log((self.n + 1) / (df + 1)) + 1.0


def report_wide_terms(views: list[View]) -> frozenset[str]:
    """Words written in every part of the report (서울, 경제, 산업): the report's own frame, which says
    nothing about where an answer stands. The words of its title (`경제정책실 주요 업무보고`) are too."""
    by_part: dict[str, set[str]] = {}
    for v in views:
        by_part.setdefault(v.cand.section_ref.split(".")[0], set()).update(v.own_terms)
    return frozenset(set.intersection(*by_part.values())) if len(by_part) > 1 else frozenset()


def forms(word: str) -> tuple[str, ...]:
    """The word and the report's words for it."""
    return (word, *paraphrases().get(word, ()))


def matches(word: str, terms: frozenset[str], squashed: str) -> bool:
    for form in forms(word):
        low = form.lower()
        if low in terms or (len(low) >= 2 and squash(low) in squashed):
            return True
    return False


def match_strength(word: str, terms: frozenset[str], squashed: str) -> float:
    """1 for a match, PARTIAL_CREDIT when only the word without its last letter matches (a compound of
    three letters or more: 운영비 → 운영, 마곡산단 → 마곡산업단지), else 0. A two-letter stem must be one of
    the text's words: `라이트` is not in `트라이에브리썹`."""
    if matches(word, terms, squashed):
        return 1.0
    stem = word[:-1]
    if len(word) >= 3 and re.fullmatch(r"[가-힣]+", word) and (stem in terms or len(stem) >= 3 and stem in squashed):
        return PARTIAL_CREDIT
    return 0.0


def word_weight(word: str, vocab: Vocabulary) -> float:
    if word in vocab.report_wide:
        return 0.0
    return SHORT_WEIGHT if len(word) == 1 and re.fullmatch(r"[가-힣a-z]", word) else 1.0


Weighted = tuple[tuple[str, float], ...]  # words to match, each with its weight


def weigh(words: tuple[str, ...], weights: tuple[float, ...], vocab: Vocabulary, asked: str = "") -> Weighted:
    """Each word's weight in coverage: its own weight × how rare it is × whether it says anything (once per
    question, not per candidate). A word no candidate writes (월세, 오픈: the asker's word for the report's
    임대료, 개관) weighs nothing: it cannot tell one line from another. Except the noun the interrogative
    asks for (`도슨트는 몇 명`, `연봉 얼마`): unwritten, it is what the report does not state, and it weighs
    most. A proper noun the report never writes is refused before coverage counts (abstain.unknown_names)."""
    return tuple((word, w * word_weight(word, vocab) * vocab.idf(word) if word == asked or vocab.written(word)
                  else 0.0) for word, w in zip(words, weights))


def coverage(weighted: Weighted, terms: frozenset[str], squashed: str) -> float:
    """IDF-weighted share of the words that the text matches; 0 when there are no words."""
    total = sum(w for _, w in weighted)
    if total <= 0:
        return 0.0
    return sum(w * match_strength(word, terms, squashed) for word, w in weighted if w > 0) / total


def view_of(cand: Candidate, terms: CandidateTerms, context: str) -> View:
    return View(cand, terms.own, terms.context | terms.own, squash(cand.text), squash(context) + squash(cand.text),
                tuple(years_in(cand.text)))
