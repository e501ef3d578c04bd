"""The thing a question asks about: the noun that governs its interrogative.

"인턴 월급 얼마야?" asks about 월급; "입주기업 몇 개사야?" about 입주기업. When the report's
passages (or, for a number, the figure's own line) never mention it or a report word for it,
the report does not hold the answer, however close the topic is.
"""
from __future__ import annotations

import re

from corpus.tokens import kiwi_tokens, normalize
from qa.synonyms import REPORT_WORDS

INTERROGATIVES = frozenset({"얼마", "얼마나", "몇", "누구", "어디", "언제", "무엇", "뭐", "무슨", "어느", "어떤", "알리"})
NOUN_TAGS = frozenset({"NNG", "NNP", "SL", "SH", "XR", "XSN"})
PASS_OVER = frozenset({"수", "정도", "최근", "현재", "지금", "올해", "작년", "금년", "지난해", "년", "간", "들"})
# Question frames, not things: "금액은?", "총액?", "합계는?", "시기?" say how to answer, not what about.
FRAME_WORDS = frozenset({
    "금액", "총액", "합계", "시기", "차이", "규모", "계획", "예정", "정도", "총", "최대", "날짜", "기간",
    "수준", "현황", "내용", "얼마나", "결과", "전체", "모두", "분야", "유형", "이름", "명칭", "대비",
    "실적", "성과",
})
SQUASH_RE = re.compile(r"[\s·\-/()'’‘「」『』,.:]")


def asked_noun(text: str) -> str | None:
    """The last word before the first interrogative (or the end) that names a thing: frame words
    and time words are passed over, a verb or ending stops the search."""
    toks = list(kiwi_tokens(text))
    end = next((i for i, t in enumerate(toks) if t.form in INTERROGATIVES), len(toks))
    for word in reversed(noun_words(toks[:end])):
        if word is None:
            return None
        if word not in FRAME_WORDS and word not in PASS_OVER and len(word) > 1:
            return word
    return None


def noun_words(toks) -> list[str | None]:
    """Nouns grouped by word (noun tokens with nothing between them); None marks a verb or ending."""
    words: list[str | None] = []
    last_end = -1
    for tok in toks:
        if tok.tag.startswith(("V", "E")):
            words.append(None)
        elif tok.tag in NOUN_TAGS and tok.form not in PASS_OVER:
            if words and words[-1] is not None and tok.start == last_end:
                words[-1] += tok.form
            else:
                words.append(tok.form)
            last_end = tok.start + tok.len
    return words


def squash(text: str) -> str:
    return SQUASH_RE.sub("", normalize(text))


def mentions(noun: str, text: str) -> bool:
    """`text` names the noun, or one of the report's multi-letter words for it."""
    body = squash(text)
    names = [noun, *(w for w in REPORT_WORDS.get(noun, ()) if len(w) > 1)]
    return any(squash(n) in body for n in names)
