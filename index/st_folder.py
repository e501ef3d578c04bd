"""What a local sentence-transformers folder declares for encoding: its prompts, longest input and padding.

The torch encoder gets these from sentence-transformers itself, the ONNX encoder reads them from the same
files, and both pick the prompt by one rule, so a query or passage gets the same prefix either way.
"""
from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

QUERY_PROMPTS = ("query",)
# sentence-transformers 6 adds an empty "document" prompt to every model, so "passage" is looked at first.
PASSAGE_PROMPTS = ("passage", "document", "corpus")


def prompt_name(prompts: Mapping[str, str | None], candidates: tuple[str, ...]) -> str | None:
    """The first candidate prompt the model defines with non-empty text."""
    return next((name for name in candidates if prompts.get(name)), None)


def _read_json(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


@dataclass(frozen=True)
class FolderConfig:
    query_prompt: str  # prepended to every query ("" when the model has none)
    passage_prompt: str
    max_length: int  # tokens, special tokens included; longer inputs are truncated
    pad_token: str

    @classmethod
    def read(cls, folder: Path) -> FolderConfig:
        prompts = _read_json(folder / "config_sentence_transformers.json").get("prompts", {})
        query, passage = prompt_name(prompts, QUERY_PROMPTS), prompt_name(prompts, PASSAGE_PROMPTS)
        return cls(
            query_prompt=prompts[query] if query else "",
            passage_prompt=prompts[passage] if passage else "",
            max_length=int(_read_json(folder / "sentence_bert_config.json")["max_seq_length"]),
            pad_token=_read_json(folder / "tokenizer_config.json")["pad_token"],
        )
