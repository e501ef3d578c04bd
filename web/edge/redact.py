"""What may be echoed back or logged of a request: paths without their secret part, short excerpts."""
from __future__ import annotations

SECRET_PATH_PREFIXES = ("/kakao/skill/",)  # the rest of such a path is a secret token
MAX_ECHO_CHARS = 80


def redacted_path(path: str) -> str:
    prefix = next((p for p in SECRET_PATH_PREFIXES if path.startswith(p)), None)
    return f"{prefix}<redacted>" if prefix else excerpt(path)


def excerpt(text: str, limit: int = MAX_ECHO_CHARS) -> str:
    """At most `limit` characters of caller-supplied text, marked when cut."""
    return text if len(text) <= limit else text[: limit - 1] + "…"
