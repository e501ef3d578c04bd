"""Plain JSON-ready dicts from the engine's frozen dataclasses (the wire format of POST /api/ask)."""
from __future__ import annotations

from dataclasses import fields, is_dataclass
from typing import Any

from qa.answer import Answer


def to_plain(value: Any) -> Any:
    """Dataclasses become dicts keyed by field name, tuples become lists; the field names are the wire names."""
    if is_dataclass(value) and not isinstance(value, type):
        return {f.name: to_plain(getattr(value, f.name)) for f in fields(value)}
    if isinstance(value, (list, tuple)):
        return [to_plain(item) for item in value]
    if isinstance(value, dict):
        return {key: to_plain(item) for key, item in value.items()}
    return value


def answer_to_dict(answer: Answer) -> dict[str, Any]:
    """The AskResponse dict: answer, abstained, session_id, passages, figures, timing_ms. Whether the turn
    was kept is not part of the body: POST /api/ask says it in a header."""
    body = to_plain(answer)
    del body["turn_kept"]
    return body
