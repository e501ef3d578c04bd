"""The things a comparison or a sum names: "패션위크 예산이랑 뷰티산업 예산 중 뭐가 더 많아?" names
패션위크 and 뷰티산업. Parts are split at conjunctions (랑, 이랑, 와, 과, 하고, 및) and commas; a
`과` that ends one of the report's words (`창업정책과`) belongs to the name. Each part keeps the
question's subject words that stand in it; the words all parts share, and the measure words after the
last part, say what is compared, not what.
"""
from __future__ import annotations

import re
from collections.abc import Callable

from corpus.tokens import kiwi_tokens
from qa.analyze import NUMERIC_TYPES, Question, type_of_noun
from qa.lexicon import plain_words

COMITATIVES = frozenset({"랑", "이랑", "와", "과", "하고"})
SEPARATORS = frozenset({",", "/", "및"})
ENUMERATION_RE = re.compile(r"\(([^()]*[,/][^()]*)\)")  # `두 사업(해외도시 교류·협력, 국제기구 네트워크)`


def is_conjunction(tag: str, form: str) -> bool:
    """Kiwi tags `A랑 B` as JC, or as JKB when it reads it as 'with'."""
    return tag == "JC" or (tag == "JKB" and form in COMITATIVES)


def without_trailing_measures(part: tuple[str, ...]) -> tuple[str, ...]:
    """`A랑 B 예산현액`, `A랑 B 중 더 적은 곳`: the measure and generic words after the last name belong
    to every part, not to B."""
    end = len(part)
    while end > 1 and (type_of_noun(part[end - 1], by_suffix=True) in NUMERIC_TYPES or part[end - 1] in plain_words()):
        end -= 1
    return part[:end]


def named_parts(q: Question, is_report_word: Callable[[str], bool]) -> list[tuple[str, ...]]:
    """Two or more parts, each the subject words it holds, shared words dropped; else []. A parenthesis
    that enumerates (`(A, B)`) holds the parts; the words around it are shared context."""
    subject = set(q.subject) | set(q.attribute)
    enumeration = ENUMERATION_RE.search(q.text)
    text = enumeration.group(1) if enumeration else q.text
    parts: list[list[str]] = [[]]
    word, word_end = "", -1
    for tok in kiwi_tokens(text):
        form = tok.form.lower()
        word = word + form if tok.start == word_end else form
        word_end = tok.start + tok.len
        if (is_conjunction(tok.tag, tok.form) and not is_report_word(word)) or tok.form in SEPARATORS:
            parts.append([])
        elif (form in subject or enumeration) and tok.tag.startswith(("N", "SL", "SH", "XR")) and form not in parts[-1]:
            parts[-1].append(form)
    named = [tuple(p) for p in parts if p]
    if len(named) < 2:
        return []
    named[-1] = without_trailing_measures(named[-1])
    shared = set(named[0]).intersection(*named[1:])
    own = [tuple(w for w in p if w not in shared) for p in named]
    return own if all(own) else []


def as_written(text: str, part: tuple[str, ...]) -> str:
    """The part as the question writes it (`R&D 예산 AI`, `바이오·의료`), not its lower-cased morphemes; the
    morphemes joined when they cannot be found in order."""
    lowered, at, start = text.lower(), 0, -1
    for word in part:
        found = lowered.find(word, at)
        if found < 0:
            return " ".join(part)
        start = found if start < 0 else start
        at = found + len(word)
    return text[start:at]
