"""The limits of a question, one place for the engine and the API."""

MAX_QUESTION_CHARS = 1000
DEFAULT_TOP_K = 5  # passages returned with an answer
MAX_TOP_K = 20


def has_words(text: str) -> bool:
    """A question needs a letter or digit: "???", an emoji, "\\u0000" or "\\ufeff" alone ask nothing."""
    return any(ch.isalnum() for ch in text)
