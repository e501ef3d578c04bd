"""Kiwi morphemes and sentences: one shared analyzer, content-morpheme tokens for the lexical index.

Compound nouns split differently with and without spaces (`사관학교` vs `사관 학교`), so long
Hangul nouns also emit their syllable bigrams; `청년취업사관학교` and `청년 취업 사관학교` then share
their tokens. Letter-spaced text (`일 자 리 정 책 과`) is collapsed first.
"""
from __future__ import annotations

import threading
from collections.abc import Iterable
from functools import lru_cache

from kiwipiepy import Kiwi

from corpus.text import collapse_letter_spacing, strip_html

TOKENS_VERSION = "4"  # bump when morphs() output changes: the index is rebuilt (4: no multi-word dictionary)
CONTENT_TAGS = frozenset({"NNG", "NNP", "NR", "SL", "SH", "SN", "XR", "VV", "VA", "XSN", "NP"})
QUESTION_STOPWORDS = frozenset({
    "얼마", "몇", "무엇", "뭐", "무슨", "어디", "언제", "누구", "어떤", "어떻", "알리", "주", "하", "되", "있",
    "그럼", "그러면", "그리고", "것", "거", "수", "좀", "혹시", "대하", "관하", "나오", "받", "들",
})
_lock = threading.Lock()
_names: tuple[str, ...] = ()


@lru_cache(maxsize=1)
def kiwi() -> Kiwi:
    """The shared analyzer, with the report's names as proper nouns. Kiwi's built-in multi-word dictionary is
    left out: it costs 1.3 s of start-up and 180 MB, and changes 1 of the report's 1,120 lines (measured)."""
    analyzer = Kiwi(load_multi_dict=False)
    for name in _names:
        analyzer.add_user_word(name, "NNP", 0.0)
    return analyzer


def use_names(names: Iterable[str]) -> None:
    """Make the report's own names (corpus/names.py) single proper nouns from now on."""
    global _names
    wanted = tuple(dict.fromkeys(names))
    with _lock:
        if wanted == _names:
            return
        _names = wanted
        kiwi.cache_clear()
        _analyze.cache_clear()
        morph_set.cache_clear()


# Hanja the report uses as abbreviations, read as their Hangul (`市 출자` is `시 출자`).
HANJA = str.maketrans({"市": " 시 ", "舊": " 구 ", "社": "사", "現": " 현 "})


def normalize(text: str) -> str:
    """The form that is tokenized and embedded (display keeps the report's own text)."""
    return collapse_letter_spacing(strip_html(text)).translate(HANJA)


@lru_cache(maxsize=4096)
def _analyze(text: str) -> tuple:
    """Kiwi's tokens, read-only: a question is analyzed for several purposes, Kiwi runs once (1.3 ms a question)."""
    with _lock:  # Kiwi instances are not documented as thread-safe
        return tuple(kiwi().tokenize(text))


def kiwi_tokens(text: str):
    """Kiwi's tokens (form, tag, start, len) of the normalized text."""
    return _analyze(normalize(text))


def _bigrams(form: str) -> list[str]:
    return [form[i:i + 2] for i in range(len(form) - 1)] if len(form) >= 3 and form.isalpha() else []


def morphs(text: str, stopwords: Iterable[str] = (), bigrams: bool = True) -> list[str]:
    """Content morphemes of `text` (lower-cased Latin), plus bigrams of long nouns."""
    stop = frozenset(stopwords)
    out: list[str] = []
    for tok in _analyze(normalize(text)):
        if tok.tag not in CONTENT_TAGS or tok.form in stop:
            continue
        form = tok.form.lower()
        out.append(form)
        if bigrams and tok.tag in ("NNG", "NNP"):
            out.extend(_bigrams(form))
    return out


def question_morphs(text: str, bigrams: bool = True) -> list[str]:
    """Morphemes of a question, without interrogatives and filler verbs."""
    return morphs(text, QUESTION_STOPWORDS, bigrams)


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """Character spans of Kiwi's sentences; the whole text when it finds none."""
    with _lock:
        spans = [(s.start, s.end) for s in kiwi().split_into_sents(text)]
    return spans or [(0, len(text))]



@lru_cache(maxsize=65536)
def morph_set(text: str) -> frozenset[str]:
    """The distinct morphemes of a report string, cached: figure labels and lines recur across questions."""
    return frozenset(morphs(text))
