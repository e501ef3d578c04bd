"""The model's vocabulary without the writing systems a Korean report and its questions never use.

multilingual-e5-small ships 250,002 sentencepiece pieces for a hundred languages; held by `tokenizers` they
take about 280 MB, and their embedding rows 384 MB more. Korean, ASCII (English, digits, abbreviations such as
SBA or R&D), Chinese characters (市, 舊) and symbols (㎡, ①, →, ·) keep every piece; a piece that writes a
letter of any other script (Cyrillic, Arabic, Thai, kana, accented Latin …) goes. Sentencepiece segments a
text only into pieces made of its own characters, so a text written in the kept scripts gets exactly the
pieces, and therefore the vectors, of the full vocabulary; a letter of another script becomes `<unk>`.
"""
from __future__ import annotations

import copy
import unicodedata
from typing import Any

PRUNE_VERSION = 1  # bump when what is kept changes: the tokenizer, the table and every index are made again
KEPT_LETTERS = ("HANGUL", "CJK", "FULLWIDTH", "HALFWIDTH", "CIRCLED", "PARENTHESIZED")  # Unicode name prefixes
WORD_START = "▁"  # sentencepiece's mark of a piece that begins a word


def keeps(piece: str) -> bool:
    """A piece is kept when every letter or mark in it is ASCII or of a kept script; symbols, digits and
    punctuation always are."""
    for ch in piece.replace(WORD_START, ""):
        if ord(ch) < 0x80 or unicodedata.category(ch)[0] not in "LM":
            continue
        if not unicodedata.name(ch, "").startswith(KEPT_LETTERS):
            return False
    return True


def kept_ids(tokenizer: dict[str, Any]) -> list[int]:
    """The original ids of the kept pieces, in order; special tokens always stay."""
    special = {t["id"] for t in tokenizer.get("added_tokens", [])}
    return [i for i, (piece, _score) in enumerate(tokenizer["model"]["vocab"]) if i in special or keeps(piece)]


def pruned(tokenizer: dict[str, Any], kept: list[int]) -> dict[str, Any]:
    """tokenizer.json with only the kept pieces, renumbered 0 … len(kept)−1 in their original order."""
    if tokenizer["model"].get("type") != "Unigram":
        raise ValueError(f"only a Unigram (sentencepiece) vocabulary can be pruned, not {tokenizer['model'].get('type')}")
    new_id = {old: new for new, old in enumerate(kept)}
    out = copy.deepcopy(tokenizer)
    vocab = tokenizer["model"]["vocab"]
    out["model"]["vocab"] = [vocab[i] for i in kept]
    if out["model"].get("unk_id") is not None:
        out["model"]["unk_id"] = new_id[out["model"]["unk_id"]]
    for token in out.get("added_tokens", []):
        token["id"] = new_id[token["id"]]
    for special in (out.get("post_processor") or {}).get("special_tokens", {}).values():
        special["ids"] = [new_id[i] for i in special["ids"]]
    return out
